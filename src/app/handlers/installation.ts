/**
 * installation.created and installation_repositories.added: a baseline scan of each
 * repository's default branch (and its history when configured), opening issues paced under
 * GitHub's secondary limits. Issue sync is a reconcile step, so a redelivery after a crash
 * resumes where it stopped without duplicates.
 */
import type { Context } from "probot";
import { simpleGit } from "simple-git";
import { occurrenceOf } from "../../report/issue.js";
import { runScan } from "../../scan.js";
import type { SecretFinding } from "../../detect/types.js";
import { withFetchedRepo } from "../git-fetch.js";
import { knownIssues, syncSecretIssue } from "../issues-sync.js";
import { loadCodeowners, ownersForFinding } from "../owners.js";
import { recordIssueOutcome } from "../record.js";
import { closeTheWindow, holdSecrets } from "../revocation.js";
import { apiSource, loadRepoConfig } from "../repo-files.js";
import { repoRef, type AppDeps, type Services } from "../types.js";

export interface BaselineResult {
  readonly repository: string;
  readonly findings: number;
  readonly issues: number;
}

export async function baselineRepository(s: Services): Promise<BaselineResult> {
  const source = apiSource(s.octokit, s.repo, s.repo.defaultBranch);
  const { config } = await loadRepoConfig(s.octokit, s.repo, source);
  const token = ((await s.octokit.auth({ type: "installation" }).catch(() => ({}))) as { token?: string }).token;
  const history = config.history.on_install;
  // Raw secrets the revocation policy needs, held for this baseline only: closeTheWindow drops
  // them, and nothing else references them if the baseline fails first.
  const held = holdSecrets(config, s.repo);
  const findings = await withFetchedRepo({ cloneUrl: s.repo.cloneUrl, ...(token ? { token } : {}), heads: [s.repo.defaultBranch], depth: history ? 100_000 : 1, workdir: s.deps.workdir }, async (dir) => {
    await simpleGit({ baseDir: dir }).raw(["checkout", "--quiet", "FETCH_HEAD"]);
    const result = await runScan({ root: dir, target: history ? { kind: "history", revisions: ["HEAD"] } : { kind: "worktree" }, config, ...(s.deps.hashKey ? { hashKey: s.deps.hashKey } : {}), ...(held ? { onSecret: held.onSecret } : {}) });
    return result.findings;
  });
  if (!config.issues.enabled || findings.length === 0) {
    await closeTheWindow(s, config, findings, held);
    return { repository: s.repo.fullName, findings: findings.length, issues: 0 };
  }
  const issues = await s.deps.locks.withLock(`issues:${s.repo.fullName}`, async () => {
    const known = await knownIssues(s);
    const codeowners = await loadCodeowners(source);
    const bySecret = new Map<string, SecretFinding[]>();
    for (const f of findings) bySecret.set(f.secretId, [...(bySecret.get(f.secretId) ?? []), f]);
    let opened = 0;
    for (const group of bySecret.values()) {
      const first = group[0]!;
      const outcome = await syncSecretIssue(s, first, group.map((f) => occurrenceOf(f)), ownersForFinding(first, codeowners, new Map()), known, config.issues.labels);
      await recordIssueOutcome(s, first, outcome);
      opened++;
    }
    return opened;
  });
  await closeTheWindow(s, config, findings, held);
  return { repository: s.repo.fullName, findings: findings.length, issues };
}

export async function onInstallation(context: Context<"installation.created" | "installation_repositories.added">, deps: AppDeps): Promise<void> {
  const p = context.payload;
  const repos = "repositories_added" in p ? p.repositories_added : (p.repositories ?? []);
  for (const r of repos) {
    // Queue mode: one job per repository, paced and resumable on their own.
    if (deps.enqueueBaseline && p.installation) {
      await deps.enqueueBaseline({ installationId: p.installation.id, repository: r.full_name, deliveryId: context.id });
      continue;
    }
    const [owner, name] = r.full_name.split("/") as [string, string];
    const { data } = await context.octokit.rest.repos.get({ owner, repo: name });
    const s: Services = { octokit: context.octokit, repo: repoRef(data as never, p.installation), deps, log: context.log, deliveryId: context.id };
    const result = await baselineRepository(s);
    context.log.info({ delivery: context.id, ...result }, "baseline scan done");
  }
}
