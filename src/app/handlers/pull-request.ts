/** pull_request opened/synchronize/reopened and check_run rerequested: the Keyward check. */
import type { Context } from "probot";
import { CHECK_NAME } from "../../report/check-run.js";
import { scanChange } from "../../remediate/change.js";
import { changeOfCheckRun, changeOfPullRequest } from "../../remediate/change-of.js";
import { loadRepoConfig } from "../../remediate/github/repo-files.js";
import type { AppDeps } from "../../remediate/types.js";
import { servicesOf } from "../services.js";

export async function onPullRequest(context: Context<"pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened">, deps: AppDeps): Promise<void> {
  const s = servicesOf(context, deps);
  const pr = context.payload.pull_request;
  await scanChange(s, await changeOfPullRequest(s, pr), await loadRepoConfig(s.octokit, s.repo, pr.head.sha));
}

export async function onCheckRunRerequested(context: Context<"check_run.rerequested">, deps: AppDeps): Promise<void> {
  const run = context.payload.check_run;
  if (run.name !== CHECK_NAME) return;
  const s = servicesOf(context, deps);
  await scanChange(s, await changeOfCheckRun(s, run), await loadRepoConfig(s.octokit, s.repo, run.head_sha));
}
