/**
 * The few files the workflow audit reads, through directory listings and blobs: a directory is
 * listed only when its parent's listing shows it (no 404s spent on paths that are not there),
 * and a file is fetched as a blob by its SHA, which the conditional cache never asks for again.
 * With ETags, an unchanged repository costs a few 304s and nothing else.
 */
import type { RepoSource } from "../ingest/repo-source.js";
import type { GitHub } from "./github.js";

interface Entry {
  readonly type: string;
  readonly path: string;
  readonly sha: string;
  readonly size: number;
}

/** Listings deeper than this, or longer than this, are not followed: workflows live near the root. */
const MAX_DEPTH = 5;
const MAX_ENTRIES = 1000;

export function blobSource(octokit: GitHub, owner: string, repo: string, ref: string): RepoSource {
  const listings = new Map<string, Promise<Entry[] | undefined>>();

  const listDir = (dir: string): Promise<Entry[] | undefined> => {
    let p = listings.get(dir);
    if (!p) {
      p = (async () => {
        if (dir !== "") {
          const parent = dir.includes("/") ? dir.slice(0, dir.lastIndexOf("/")) : "";
          const self = (await listDir(parent))?.find((e) => e.path === dir);
          if (self?.type !== "dir") return undefined;
        }
        const { data } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { owner, repo, path: dir, ref });
        return Array.isArray(data) ? data.slice(0, MAX_ENTRIES).map((e) => ({ type: e.type, path: e.path, sha: e.sha, size: e.size })) : undefined;
      })();
      listings.set(dir, p);
    }
    return p;
  };

  const entry = async (path: string): Promise<Entry | undefined> => {
    const clean = path.replace(/^\/+|\/+$/g, "");
    const parent = clean.includes("/") ? clean.slice(0, clean.lastIndexOf("/")) : "";
    const found = (await listDir(parent))?.find((e) => e.path === clean);
    return found?.type === "file" ? found : undefined;
  };

  return {
    async list(dir) {
      const out: string[] = [];
      const walk = async (d: string, depth: number) => {
        for (const e of (await listDir(d)) ?? []) {
          if (e.type === "file") out.push(e.path);
          else if (e.type === "dir" && depth < MAX_DEPTH) await walk(e.path, depth + 1);
        }
      };
      await walk(dir.replace(/^\/+|\/+$/g, ""), 0);
      return out.sort();
    },
    async size(path) {
      return (await entry(path))?.size;
    },
    async read(path) {
      const e = await entry(path);
      if (!e) return undefined;
      const { data } = await octokit.request("GET /repos/{owner}/{repo}/git/blobs/{file_sha}", { owner, repo, file_sha: e.sha });
      return Buffer.from(data.content, data.encoding === "base64" ? "base64" : "utf8").toString("utf8");
    },
  };
}
