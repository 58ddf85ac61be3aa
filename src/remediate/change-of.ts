/**
 * Which commits and files a change adds, from the event that announced it: a push (a new
 * branch against the default branch, a force-push beyond the merge base), a pull request (every
 * commit), or a re-requested check run. Only the fields read here are asked of the payloads.
 */
import { boundedGet } from "./github/bounded.js";
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
  /** The API's answer about this change was too large to parse: read the commits with git. */
  readonly viaGit?: boolean;
  /** The branch pushed to, when a push announced it. */
  readonly ref?: string;
  /** The pull request, when the change is one. */
  readonly pullRequest?: number;
  /** The head is the default branch's: a workflow finding its whole audit no longer shows is resolved. */
  readonly defaultBranch?: boolean;
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
  let viaGit = false;
  if (newBranch && branch === repo.defaultBranch) commits = p.commits.map((c) => c.id); // the first push to a new repository
  else {
    const base = newBranch ? repo.defaultBranch : p.before;
    // The compare carries every file's patch: one huge line makes it too large to parse. Then
    // the payload's commits (GitHub lists up to 2048) are read with git instead.
    const data = await boundedGet<{ commits: Array<{ sha: string }> }>(s.octokit, "GET /repos/{owner}/{repo}/compare/{basehead}", { owner: repo.owner, repo: repo.repo, basehead: `${base}...${p.after}`, per_page: 250 });
    viaGit = data === undefined;
    commits = (data?.commits ?? []).map((c) => c.sha);
    // The payload may name commits the compare leaves out (it lists at most 250): keep them too.
    for (const c of p.commits) if (!commits.includes(c.id)) commits.push(c.id);
  }
  const touched = p.commits.flatMap((c) => [...(c.added ?? []), ...(c.modified ?? [])]);
  const onDefault = branch === repo.defaultBranch;
  return { headSha: p.after, commits, touched, auditAlways: onDefault, workflowScope: onDefault ? "all" : "touched", ref: branch, defaultBranch: onDefault, ...(viaGit ? { viaGit } : {}) };
}

async function prCommits(s: Services, number: number): Promise<string[]> {
  const commits = await s.octokit.paginate(s.octokit.rest.pulls.listCommits, { owner: s.repo.owner, repo: s.repo.repo, pull_number: number, per_page: 100 });
  return commits.map((c) => c.sha);
}

/**
 * The pull request's files, by name. Each page carries the files' patches, so a page is read
 * with a size bound; past it the names come from the commits read later (find.ts adds every
 * path the scan saw), and only a file the pull request merely deleted goes unnamed.
 */
async function prFiles(s: Services, number: number): Promise<string[]> {
  const names: string[] = [];
  // GitHub lists at most 3000 files of a pull request: 30 pages of 100.
  for (let page = 1; page <= 30; page++) {
    const files = await boundedGet<Array<{ filename: string }>>(s.octokit, "GET /repos/{owner}/{repo}/pulls/{pull_number}/files", { owner: s.repo.owner, repo: s.repo.repo, pull_number: number, per_page: 100, page });
    if (!files) break;
    names.push(...files.map((f) => f.filename));
    if (files.length < 100) break;
  }
  return names;
}

/** Every commit of the pull request: a secret added in one and removed in the next still counts. */
export async function changeOfPullRequest(s: Services, pr: { readonly number: number; readonly head: { readonly sha: string } }): Promise<Change> {
  return { headSha: pr.head.sha, commits: await prCommits(s, pr.number), touched: await prFiles(s, pr.number), auditAlways: false, workflowScope: "touched", pullRequest: pr.number };
}

/** A re-run of the Keyward check: its pull request's commits, or just its head commit. */
export async function changeOfCheckRun(s: Services, run: { readonly id: number; readonly head_sha: string; readonly pull_requests: ReadonlyArray<{ readonly number: number }> }): Promise<Change> {
  const pr = run.pull_requests[0];
  const commits = pr ? await prCommits(s, pr.number) : [run.head_sha];
  const touched = pr ? await prFiles(s, pr.number) : [];
  return { headSha: run.head_sha, commits, touched, auditAlways: !pr, workflowScope: pr ? "touched" : "all", checkRunId: run.id, ...(pr ? { pullRequest: pr.number } : {}) };
}
