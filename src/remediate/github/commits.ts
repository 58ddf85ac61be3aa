/**
 * The lines a push or pull request added, commit by commit (a secret added in one commit and
 * removed in a later one is still in the history). Small changes come from the REST API;
 * large ones, or ones the API truncates, from a shallow git fetch.
 */
import type { PatchRuns } from "../../detect/patch-runs.js";
import type { Chunk, CommitInfo } from "../../detect/types.js";
import { patchRuns } from "../../ingest/patch.js";
import { streamHistory } from "../../ingest/git.js";
import { boundedGet } from "./bounded.js";
import { installationToken, withFetchedRepo } from "./git-fetch.js";
import type { Octokit, Services } from "../types.js";

type CommitData = Awaited<ReturnType<Octokit["rest"]["repos"]["getCommit"]>>["data"];

/** Beyond this many commits the API costs more requests than a fetch. */
export const MAX_API_COMMITS = 20;
const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface AddedLines {
  /** From git: runs of added lines, each its own chunk. */
  readonly chunks: Chunk[];
  /** From the API: each file's patch with its runs of added lines, read in place. */
  readonly patches: PatchRuns[];
  /** Files the commits added (for path-only rules such as committed keystores). */
  readonly addedFiles: Array<{ path: string; commit?: CommitInfo }>;
  readonly commits: number;
  readonly via: "api" | "git";
  /** GitHub logins of commit authors, by commit sha (the API knows them; git does not). */
  readonly logins: ReadonlyMap<string, string>;
  /** Files whose added lines passed MAX_FILE_BYTES in one commit: the rest of them was not scanned (said in the check run). */
  readonly unscanned?: readonly string[];
}

/**
 * Lines added by exactly these commits (oldest first or any order), through the API when small;
 * `range.viaGit` when the API already could not list the change (its compare was too large).
 */
export async function addedLines(s: Services, commits: readonly string[], range?: { head: string; viaGit?: boolean }): Promise<AddedLines> {
  if (commits.length === 0) return { chunks: [], patches: [], addedFiles: [], commits: 0, via: "api", logins: new Map() };
  if (commits.length <= MAX_API_COMMITS && !range?.viaGit) {
    const viaApi = await fromApi(s, commits);
    if (viaApi) return viaApi;
  }
  return fromGit(s, commits, range);
}

async function fromApi(s: Services, shas: readonly string[]): Promise<AddedLines | undefined> {
  const patches: PatchRuns[] = [];
  const addedFiles: AddedLines["addedFiles"] = [];
  const logins = new Map<string, string>();
  for (const sha of shas) {
    // Bounded: a commit with an 8 MB line is a response too large to parse; git reads it instead.
    const data = await boundedGet<CommitData>(s.octokit, "GET /repos/{owner}/{repo}/commits/{ref}", { owner: s.repo.owner, repo: s.repo.repo, ref: sha });
    if (!data) return undefined;
    const files = data.files ?? [];
    // The API lists at most 300 files per commit and omits patches of large diffs: then only
    // git can tell what was added.
    if (files.length >= 300) return undefined;
    const commit: CommitInfo = {
      sha: data.sha,
      author: data.commit.author?.name ?? data.author?.login ?? "unknown",
      email: data.commit.author?.email ?? "",
      date: data.commit.author?.date ?? "",
    };
    if (data.author?.login) logins.set(data.sha, data.author.login);
    for (const f of files) {
      if (f.status === "added" || f.status === "copied") addedFiles.push({ path: f.filename, commit });
      if (f.status === "removed") continue;
      if (f.patch === undefined) {
        if ((f.additions ?? 0) > 0 && (f.changes ?? 0) > 0 && !/\.(png|jpe?g|gif|ico|pdf|zip|gz|jar|woff2?|p12|pfx)$/i.test(f.filename)) return undefined;
        continue;
      }
      patches.push(patchRuns(f.filename, f.patch, commit));
    }
  }
  return { chunks: [], patches, addedFiles, commits: shas.length, via: "api", logins };
}

async function fromGit(s: Services, shas: readonly string[], range?: { head: string }): Promise<AddedLines> {
  const token = await installationToken(s.octokit);
  const head = range?.head ?? shas[shas.length - 1]!;
  return withFetchedRepo({ cloneUrl: s.repo.cloneUrl, ...(token ? { token } : {}), heads: [head], depth: shas.length + 1, workdir: s.deps.workdir }, async (dir) => {
    const chunks: Chunk[] = [];
    const addedFiles: AddedLines["addedFiles"] = [];
    const wanted = new Set(shas);
    const unscanned = new Set<string>();
    // The fetch is shallow (the change's commits plus one); the grafted boundary commit would
    // look as if it added its whole tree, so only the change's own commits are kept.
    await streamHistory(dir, [head], (e) => {
      if (e.type === "chunk" && e.chunk.commit && wanted.has(e.chunk.commit.sha)) chunks.push(e.chunk);
      else if (e.type === "file-added" && (!e.commit || wanted.has(e.commit.sha))) addedFiles.push({ path: e.path, ...(e.commit ? { commit: e.commit } : {}) });
      else if (e.type === "skipped" && e.reason === "huge" && e.commit && wanted.has(e.commit.sha)) unscanned.add(e.path);
    }, { maxFileBytes: MAX_FILE_BYTES });
    return { chunks, patches: [], addedFiles, commits: shas.length, via: "git" as const, logins: new Map(), ...(unscanned.size ? { unscanned: [...unscanned] } : {}) };
  });
}
