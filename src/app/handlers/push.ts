/** push: scan what the pushed commits added (nothing for a deleted branch). */
import type { Context } from "probot";
import { scanChange, type ChangeResult } from "../scan-change.js";
import { repoRef, type AppDeps, type Services } from "../types.js";

const ZERO = /^0+$/;

export async function onPush(context: Context<"push">, deps: AppDeps): Promise<void> {
  await scanPush(context, deps);
}

/** The push's change, scanned and reported; undefined when it adds nothing. The Action reads the result. */
export async function scanPush(context: Context<"push">, deps: AppDeps): Promise<ChangeResult | undefined> {
  const p = context.payload;
  if (p.deleted || ZERO.test(p.after)) return undefined; // a deleted branch adds nothing
  const repo = repoRef(p.repository as never, p.installation);
  const s: Services = { octokit: context.octokit, repo, deps, log: context.log, deliveryId: context.id };
  const branch = p.ref.replace(/^refs\/heads\//, "");
  // New branch: what it adds beyond the default branch. Otherwise before...after, which for a
  // force-push (before no longer an ancestor) is what the new commits add beyond the merge base.
  const newBranch = ZERO.test(p.before);
  let commits: string[];
  if (newBranch && branch === repo.defaultBranch) commits = p.commits.map((c) => c.id); // the first push to a new repository
  else {
    const base = newBranch ? repo.defaultBranch : p.before;
    const { data } = await context.octokit.rest.repos.compareCommitsWithBasehead({ owner: repo.owner, repo: repo.repo, basehead: `${base}...${p.after}`, per_page: 250 });
    commits = data.commits.map((c) => c.sha);
    // The payload may name commits the compare leaves out (it lists at most 250): keep them too.
    for (const c of p.commits) if (!commits.includes(c.id)) commits.push(c.id);
  }
  const touched = p.commits.flatMap((c) => [...(c.added ?? []), ...(c.modified ?? [])]);
  return scanChange(s, { headSha: p.after, commits, touched, auditAlways: branch === repo.defaultBranch, workflowScope: branch === repo.defaultBranch ? "all" : "touched" });
}
