/**
 * Large pushes and pull requests are read from git itself: a shallow fetch of just the commits
 * in question into a temporary directory, authenticated with the installation token in a
 * header (never in the URL or the saved config), removed afterwards whatever happens.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { simpleGit } from "simple-git";

export interface FetchRequest {
  readonly cloneUrl: string;
  /** Installation token; omitted for local or public repositories. */
  readonly token?: string;
  /** Commits to fetch (the head of the range first), and how deep. */
  readonly heads: readonly string[];
  readonly depth: number;
  readonly workdir: string;
}

/** Run `work` with a repository holding the fetched commits; the directory is always removed. */
export async function withFetchedRepo<T>(req: FetchRequest, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(req.workdir, "keyward-fetch-"));
  try {
    const git = simpleGit({ baseDir: dir });
    await git.init(["--quiet"]);
    const auth = req.token && /^https?:/.test(req.cloneUrl) ? ["-c", `http.extraHeader=Authorization: Basic ${Buffer.from(`x-access-token:${req.token}`).toString("base64")}`] : [];
    await git.raw([...auth, "fetch", "--quiet", "--no-tags", `--depth=${req.depth}`, req.cloneUrl, ...req.heads]);
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The installation token an installation-authenticated Octokit holds; undefined for other auth (tests, local). */
export async function installationToken(octokit: { auth(options: { type: "installation" }): Promise<unknown> }): Promise<string | undefined> {
  try {
    return ((await octokit.auth({ type: "installation" })) as { token?: string }).token;
  } catch {
    return undefined;
  }
}
