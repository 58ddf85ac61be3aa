/**
 * Which commits and files a change adds, from the event that announced it: a push (a new
 * branch against the default branch, a force-push beyond the merge base), a pull request (every
 * commit), or a re-requested check run. Only the fields read here are asked of the payloads.
 */
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

export interface PushEvent {
  readonly ref: string;
  readonly before: string;
  readonly after: string;
  readonly deleted?: boolean;
  readonly commits: ReadonlyArray<{ readonly id: string; readonly added?: readonly string[] | null; readonly modified?: readonly string[] | null }>;
}

const ZERO = /^0+$/;

/** The push's change; undefined when it adds nothing (a deleted branch). */
export async function changeOfPush(s: Services, p: PushEvent): Promise<Change | undefined> {
  if (p.deleted || ZERO.test(p.after)) return undefined;
  const { repo } = s;
  const branch = p.ref.replace(/^refs\/heads\//, "");
  // New branch: what it adds beyond the default branch. Otherwise before...after, which for a
  // force-push (before no longer an ancestor) is what the new commits add beyond the merge base.
  const newBranch = ZERO.test(p.before);
  let commits: string[];
  if (newBranch && branch === repo.defaultBranch) commits = p.commits.map((c) => c.id); // the first push to a new repository
  else {
    const base = newBranch ? repo.defaultBranch : p.before;
    const { data } = await s.octokit.rest.repos.compareCommitsWithBasehead({ owner: repo.owner, repo: repo.repo, basehead: `${base}...${p.after}`, per_page: 250 });
    commits = data.commits.map((c) => c.sha);
    // The payload may name commits the compare leaves out (it lists at most 250): keep them too.
    for (const c of p.commits) if (!commits.includes(c.id)) commits.push(c.id);
  }
  const touched = p.commits.flatMap((c) => [...(c.added ?? []), ...(c.modified ?? [])]);
  const onDefault = branch === repo.defaultBranch;
  return { headSha: p.after, commits, touched, auditAlways: onDefault, workflowScope: onDefault ? "all" : "touched" };
}

async function prCommits(s: Services, number: number): Promise<string[]> {
  const commits = await s.octokit.paginate(s.octokit.rest.pulls.listCommits, { owner: s.repo.owner, repo: s.repo.repo, pull_number: number, per_page: 100 });
  return commits.map((c) => c.sha);
}

async function prFiles(s: Services, number: number): Promise<string[]> {
  const files = await s.octokit.paginate(s.octokit.rest.pulls.listFiles, { owner: s.repo.owner, repo: s.repo.repo, pull_number: number, per_page: 100 });
  return files.map((f) => f.filename);
}

/** Every commit of the pull request: a secret added in one and removed in the next still counts. */
export async function changeOfPullRequest(s: Services, pr: { readonly number: number; readonly head: { readonly sha: string } }): Promise<Change> {
  return { headSha: pr.head.sha, commits: await prCommits(s, pr.number), touched: await prFiles(s, pr.number), auditAlways: false, workflowScope: "touched" };
}

/** A re-run of the Keyward check: its pull request's commits, or just its head commit. */
export async function changeOfCheckRun(s: Services, run: { readonly id: number; readonly head_sha: string; readonly pull_requests: ReadonlyArray<{ readonly number: number }> }): Promise<Change> {
  const pr = run.pull_requests[0];
  const commits = pr ? await prCommits(s, pr.number) : [run.head_sha];
  const touched = pr ? await prFiles(s, pr.number) : [];
  return { headSha: run.head_sha, commits, touched, auditAlways: !pr, workflowScope: pr ? "touched" : "all", checkRunId: run.id };
}
