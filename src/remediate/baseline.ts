/**
 * An installation's baseline: each repository's default branch scanned (and its history when
 * configured), one issue per secret opened paced under GitHub's secondary limits. Issue sync is
 * a reconcile step, so a redelivery after a crash resumes where it stopped without duplicates.
 */
import { simpleGit } from "simple-git";
import { occurrenceOf } from "../report/issue.js";
import { runScan } from "../scan.js";
import { installationToken, withFetchedRepo } from "./github/git-fetch.js";
import type { LoadedConfig } from "./github/repo-files.js";
import { syncIssues } from "./issues.js";
import { closeTheWindow, holdSecrets } from "./revoke-and-check.js";
import { recordHeartbeat } from "./finding-evidence.js";
import { withProvenance } from "./provenance.js";
import type { Services } from "./types.js";

export interface BaselineResult {
  readonly repository: string;
  readonly findings: number;
  readonly issues: number;
}

/** `loaded`: the configuration at the default branch. */
export async function baselineRepository(delivery: Services, loaded: LoadedConfig): Promise<BaselineResult> {
  const { config } = loaded;
  // One installation delivery baselines many repositories: each one's records are keyed by it.
  const s = await withProvenance({ ...delivery, deliveryId: `${delivery.deliveryId}:${delivery.repo.fullName}` }, loaded);
  const token = await installationToken(s.octokit);
  const history = config.history.on_install;
  // Raw secrets the revocation policy needs, held for this baseline only: closeTheWindow drops
  // them, and nothing else references them if the baseline fails first.
  const held = holdSecrets(config, s.repo);
  const { findings, headSha } = await withFetchedRepo({ cloneUrl: s.repo.cloneUrl, ...(token ? { token } : {}), heads: [s.repo.defaultBranch], depth: history ? 100_000 : 1, workdir: s.deps.workdir }, async (dir) => {
    const git = simpleGit({ baseDir: dir });
    await git.raw(["checkout", "--quiet", "FETCH_HEAD"]);
    const result = await runScan({ root: dir, target: history ? { kind: "history", revisions: ["HEAD"] } : { kind: "worktree" }, config, ...(s.deps.hashKey ? { hashKey: s.deps.hashKey } : {}), ...(held ? { onSecret: held.onSecret } : {}) });
    return { findings: result.findings, headSha: (await git.revparse(["HEAD"])).trim() };
  });
  const synced = config.issues.enabled ? await syncIssues(s, findings, { occurrence: (f) => occurrenceOf(f), labels: config.issues.labels }) : [];
  await closeTheWindow(s, config, findings, held);
  // The baseline's heartbeat: the default branch's head, scanned whole (its history too when configured).
  await recordHeartbeat(s, { headSha, commits: [], auditAlways: false, workflowScope: "touched", ref: s.repo.defaultBranch, defaultBranch: true }, { secrets: findings.length, workflow: 0, commits: 0 }, { conclusion: history ? "baseline-history" : "baseline" });
  return { repository: s.repo.fullName, findings: findings.length, issues: synced.length };
}
