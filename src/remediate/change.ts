/**
 * One change (a push, a pull request, a re-run), end to end: the check run in progress, what
 * the change adds (find.ts), one remediation issue per secret (issues.ts), revocation and
 * validity when the policy asks (revoke-and-check.ts), and the completed check run. The
 * configuration is passed in, loaded where the change entered.
 */
import type { Finding } from "../finding.js";
import { occurrenceOf } from "../report/issue.js";
import type { HeldSecrets } from "../revoke/credential.js";
import type { Change } from "./change-of.js";
import { completeCheckRun, failCheckRun, startCheckRun } from "./check-run.js";
import { findInChange } from "./find.js";
import { recordHeartbeat, recordWorkflowFindings } from "./finding-evidence.js";
import { withProvenance } from "./provenance.js";
import { apiSource, withConfig, type LoadedConfig } from "./github/repo-files.js";
import { syncIssues } from "./issues.js";
import { closeTheWindow, holdSecrets } from "./revoke-and-check.js";
import type { Services } from "./types.js";

export type { Change } from "./change-of.js";

export interface ChangeResult {
  readonly findings: Finding[];
  readonly conclusion: "failure" | "neutral" | "success";
  readonly checkRunId: number;
  readonly issues: ReadonlyArray<{ number: number; action: string }>;
}

export async function scanChange(delivery: Services, change: Change, loaded: LoadedConfig): Promise<ChangeResult> {
  const { config } = loaded;
  // Every judgement of this scan carries the Keyward, rules and configuration that made it, and the head and pull request.
  const s = await withProvenance(delivery, loaded, change);
  const checkRunId = await startCheckRun(s, change.headSha, change.checkRunId);
  // Raw secrets the revocation policy needs, held only for this delivery (see revoke-and-check.ts).
  let held: HeldSecrets | undefined;
  try {
    held = holdSecrets(config, s.repo);
    const found = await findInChange(s, change, config, withConfig(apiSource(s.octokit, s.repo, change.headSha), loaded), held);
    const synced = config.issues.enabled ? await syncIssues(s, found.secrets, { occurrence: (f) => occurrenceOf(f, change.headSha), logins: found.logins, labels: config.issues.labels }) : [];
    await closeTheWindow(s, config, found.secrets, held);
    await recordWorkflowFindings(s, change, found.workflow, found.identities, found.audited);

    const issueLinks = new Map<string, string>();
    for (const { outcome, findings } of synced) for (const f of findings) issueLinks.set(f.fingerprint, outcome.url);
    const findings: Finding[] = [...found.secrets, ...found.workflow];
    const conclusion = await completeCheckRun(s, checkRunId, { findings, failOn: config.fail_on, issueLinks, commits: found.commits, configErrors: [...loaded.errors, ...found.configErrors], unscanned: found.unscanned }, change.headSha);
    await recordHeartbeat(s, change, { secrets: found.secrets.length, workflow: found.workflow.length, commits: found.commits }, { conclusion });
    return { findings, conclusion, checkRunId, issues: synced.map(({ outcome }) => ({ number: outcome.number, action: outcome.action })) };
  } catch (err) {
    // A redelivery or a re-run finishes the job; meanwhile the check says what failed. Should
    // that fail too, the delivery fails with both reasons and the check run stays open in the
    // ledger, for the redelivery or the sweeper (reconcile-checks.ts) to finish.
    try {
      await failCheckRun(s, checkRunId, err, change.headSha);
    } catch (fallbackErr) {
      s.log.error({ delivery: s.deliveryId, checkRun: checkRunId, err: (err as Error).message, fallback: (fallbackErr as Error).message }, "could not complete the check run after a failed scan; it stays in progress until the redelivery or the sweeper finishes it");
      throw new AggregateError([err, fallbackErr], `${(err as Error).message.split("\n")[0]}; and the check run could not be completed: ${(fallbackErr as Error).message.split("\n")[0]}`);
    }
    throw err;
  } finally {
    held?.clear();
  }
}
