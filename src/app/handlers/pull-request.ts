/** pull_request opened/synchronize/reopened and check_run rerequested: the Keyward check. */
import type { Context } from "probot";
import { CHECK_NAME } from "../../report/check-run.js";
import { scanChange, type ChangeResult } from "../scan-change.js";
import { repoRef, type AppDeps, type Services } from "../types.js";

async function prCommits(s: Services, number: number): Promise<string[]> {
  const commits = await s.octokit.paginate(s.octokit.rest.pulls.listCommits, { owner: s.repo.owner, repo: s.repo.repo, pull_number: number, per_page: 100 });
  return commits.map((c) => c.sha);
}

async function prFiles(s: Services, number: number): Promise<string[]> {
  const files = await s.octokit.paginate(s.octokit.rest.pulls.listFiles, { owner: s.repo.owner, repo: s.repo.repo, pull_number: number, per_page: 100 });
  return files.map((f) => f.filename);
}

type PullRequestContext = Context<"pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened">;

export async function onPullRequest(context: PullRequestContext, deps: AppDeps): Promise<void> {
  await scanPullRequest(context, deps);
}

/** The pull request's commits, scanned and reported. The Action reads the result. */
export async function scanPullRequest(context: PullRequestContext, deps: AppDeps): Promise<ChangeResult> {
  const p = context.payload;
  const repo = repoRef(p.repository as never, p.installation);
  const s: Services = { octokit: context.octokit, repo, deps, log: context.log, deliveryId: context.id };
  return scanChange(s, { headSha: p.pull_request.head.sha, commits: await prCommits(s, p.pull_request.number), touched: await prFiles(s, p.pull_request.number), auditAlways: false, workflowScope: "touched" });
}

export async function onCheckRunRerequested(context: Context<"check_run.rerequested">, deps: AppDeps): Promise<void> {
  const p = context.payload;
  if (p.check_run.name !== CHECK_NAME) return;
  const repo = repoRef(p.repository as never, p.installation);
  const s: Services = { octokit: context.octokit, repo, deps, log: context.log, deliveryId: context.id };
  const pr = p.check_run.pull_requests[0];
  const commits = pr ? await prCommits(s, pr.number) : [p.check_run.head_sha];
  const touched = pr ? await prFiles(s, pr.number) : [];
  await scanChange(s, { headSha: p.check_run.head_sha, commits, touched, auditAlways: !pr, workflowScope: pr ? "touched" : "all", checkRunId: p.check_run.id });
}
