/**
 * One change (a push or a pull request), end to end: a check run in progress, the config, the
 * lines every commit added, secrets and (when workflows changed) the workflow audit, one
 * remediation issue per secret, evidence, and the completed check run with its annotations.
 */
import { DEFAULT_PATH_ALLOWLIST, PathMatcher } from "../detect/allowlist.js";
import { parseIgnoreFile, suppressions } from "../detect/suppress.js";
import type { SecretFinding } from "../detect/types.js";
import type { Finding } from "../finding.js";
import { annotationFor, batches, CHECK_NAME, checkOutput, conclusionFor } from "../report/check-run.js";
import { occurrenceOf } from "../report/issue.js";
import type { HeldSecrets } from "../revoke/credential.js";
import { scannerFor } from "../scan.js";
import type { WorkflowFinding } from "../workflows/finding.js";
import { auditRepository } from "../workflows/run.js";
import { addedLines } from "./changes.js";
import { knownIssues, syncSecretIssue } from "./issues-sync.js";
import { loadCodeowners, ownersForFinding } from "./owners.js";
import { recordIssueOutcome } from "./record.js";
import { closeTheWindow, holdSecrets } from "./revocation.js";
import { apiSource, loadRepoConfig } from "./repo-files.js";
import type { Services } from "./types.js";

export interface Change {
  readonly headSha: string;
  /** The commits whose added lines are scanned. */
  readonly commits: readonly string[];
  /** Files the change touches: the workflow audit reruns when these include workflow config. */
  readonly touched?: readonly string[];
  /** Run the workflow audit whatever changed (pushes to the default branch). */
  readonly auditAlways: boolean;
  /** Report workflow findings only in these files (a PR's new problems), or all. */
  readonly workflowScope: "touched" | "all";
  /** An existing check run to reuse (rerequested). */
  readonly checkRunId?: number;
}

export interface ChangeResult {
  readonly findings: Finding[];
  readonly conclusion: "failure" | "neutral" | "success";
  readonly checkRunId: number;
  readonly issues: ReadonlyArray<{ number: number; action: string }>;
}

const WORKFLOW_CONFIG = /^(\.github\/(workflows|actions)\/|\.github\/CODEOWNERS$|CODEOWNERS$|docs\/CODEOWNERS$|\.github\/keyward\.ya?ml$)/;

export async function scanChange(s: Services, change: Change): Promise<ChangeResult> {
  const { owner, repo } = s.repo;
  const started = s.deps.now().toISOString();
  const checkRunId =
    change.checkRunId ??
    (await s.octokit.rest.checks.create({ owner, repo, name: CHECK_NAME, head_sha: change.headSha, status: "in_progress", started_at: started })).data.id;
  if (change.checkRunId) await s.octokit.rest.checks.update({ owner, repo, check_run_id: checkRunId, status: "in_progress", started_at: started });

  // Raw secrets the revocation policy needs, held only for this delivery (see revocation.ts).
  let held: HeldSecrets | undefined;
  try {
    const source = apiSource(s.octokit, s.repo, change.headSha);
    const { config, errors } = await loadRepoConfig(s.octokit, s.repo, source);
    const added = await addedLines(s, change.commits, { head: change.headSha });

    // Secrets in the added lines.
    held = holdSecrets(config, s.repo);
    const scanner = scannerFor(config, s.deps.hashKey, undefined, held ? { onSecret: held.onSecret } : {});
    const skip = new PathMatcher([...DEFAULT_PATH_ALLOWLIST, ...config.paths.ignore]);
    const ignore = suppressions([...parseIgnoreFile((await source.read(".keywardignore")) ?? "").entries, ...parseIgnoreFile((await source.read(".gitleaksignore")) ?? "").entries]);
    const secrets: SecretFinding[] = [];
    for (const chunk of added.chunks) if (!skip.matches(chunk.path)) secrets.push(...scanner.scan(chunk));
    for (const f of added.addedFiles) if (!skip.matches(f.path)) secrets.push(...scanner.scanPath(f.path, f.commit));
    const kept = secrets.filter((f) => !ignore.matches(f));

    // The workflow audit, when workflow configuration changed (or always, on the default branch).
    let workflow: WorkflowFinding[] = [];
    const touched = new Set([...(change.touched ?? []), ...added.chunks.map((c) => c.path), ...added.addedFiles.map((f) => f.path)]);
    if (change.auditAlways || [...touched].some((p) => WORKFLOW_CONFIG.test(p))) {
      const audit = await auditRepository(source, { now: s.deps.now() });
      workflow = change.workflowScope === "all" ? audit.findings : audit.findings.filter((f) => touched.has(f.location.path));
    }

    // One issue per secret, in first-seen order; occurrences grouped.
    const issueLinks = new Map<string, string>();
    const issues: Array<{ number: number; action: string }> = [];
    if (config.issues.enabled && kept.length > 0) await s.deps.locks.withLock(`issues:${s.repo.fullName}`, async () => {
      const known = await knownIssues(s);
      const codeowners = await loadCodeowners(apiSource(s.octokit, s.repo, s.repo.defaultBranch));
      const bySecret = new Map<string, SecretFinding[]>();
      for (const f of kept) bySecret.set(f.secretId, [...(bySecret.get(f.secretId) ?? []), f]);
      for (const [, group] of bySecret) {
        const first = group[0]!;
        const outcome = await syncSecretIssue(s, first, group.map((f) => occurrenceOf(f, change.headSha)), ownersForFinding(first, codeowners, added.logins), known, config.issues.labels);
        await recordIssueOutcome(s, first, outcome);
        for (const f of group) issueLinks.set(f.fingerprint, outcome.url);
        issues.push({ number: outcome.number, action: outcome.action });
      }
    });
    // Revocation and validity, when the policy asks for them; the issues then say how it went.
    await closeTheWindow(s, config, kept, held);

    const findings: Finding[] = [...kept, ...workflow];
    const conclusion = conclusionFor(findings, config.fail_on);
    const output = checkOutput({ findings, failOn: config.fail_on, issueLinks, commits: added.commits, configErrors: errors });
    const annotations = findings.map((f) => annotationFor(f, config.fail_on));
    const [firstBatch = [], ...rest] = batches(annotations);
    await s.octokit.rest.checks.update({
      owner,
      repo,
      check_run_id: checkRunId,
      status: "completed",
      conclusion,
      completed_at: s.deps.now().toISOString(),
      output: { ...output, annotations: firstBatch },
    });
    for (const batch of rest) await s.octokit.rest.checks.update({ owner, repo, check_run_id: checkRunId, output: { ...output, annotations: batch } });
    return { findings, conclusion, checkRunId, issues };
  } catch (err) {
    // Leave no check run spinning: say what failed; a redelivery or a re-run finishes the job.
    await s.octokit.rest.checks
      .update({
        owner,
        repo,
        check_run_id: checkRunId,
        status: "completed",
        conclusion: "neutral",
        completed_at: s.deps.now().toISOString(),
        output: { title: "Keyward could not finish this scan", summary: `The scan stopped with an error (${(err as Error).message.split("\n")[0]}). Re-run the check to try again.` },
      })
      .catch(() => undefined);
    throw err;
  } finally {
    held?.clear();
  }
}
