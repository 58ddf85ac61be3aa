/**
 * Repository files through the REST API: the config (with the organisation's `.github`
 * repository as fallback, as Probot's context.config does), CODEOWNERS, and a RepoSource so
 * the workflow audit runs on a ref without a clone.
 */
import { CONFIG_PATH, DEFAULT_CONFIG, parseConfig, type Config } from "../../config.js";
import type { RepoSource } from "../../ingest/repo-source.js";
import type { Octokit, RepoRef } from "../types.js";

interface ContentFile {
  readonly type: string;
  readonly path: string;
  readonly size: number;
  readonly content?: string;
  readonly encoding?: string;
}

function isNotFound(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { status?: number }).status === 404;
}

/** A file's text at a ref; undefined when it does not exist or is not a file. */
export async function getFile(octokit: Octokit, owner: string, repo: string, path: string, ref?: string): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ...(ref ? { ref } : {}) });
    const file = data as ContentFile;
    if (Array.isArray(data) || file.type !== "file" || file.content === undefined) return undefined;
    return Buffer.from(file.content, (file.encoding as BufferEncoding | undefined) ?? "base64").toString("utf8");
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export interface LoadedConfig {
  readonly config: Config;
  readonly errors: ReadonlyArray<{ file: string; line: number; column: number; message: string }>;
  /** Where it came from: the repository, the organisation's .github repository, or defaults. */
  readonly source: string;
  /**
   * What the workflow audit reads as `.github/keyward.yml` (its identity inventory): the
   * repository's own file, or the Action's configuration; undefined when there is none.
   */
  readonly inventoryText?: string;
}

/** A configuration from its text; errors are located in `file`. */
export function configFromText(text: string, file: string, inventoryText: string | undefined = text): LoadedConfig {
  const parsed = parseConfig(text);
  return { config: parsed.config, errors: parsed.errors.map((e) => ({ file, ...e })), source: file, ...(inventoryText !== undefined ? { inventoryText } : {}) };
}

/**
 * The repository's configuration at `ref`, else its organisation's `.github` repository's,
 * else the defaults. Loaded once where a change enters, then passed to the use cases.
 */
export async function loadRepoConfig(octokit: Octokit, repo: Pick<RepoRef, "owner" | "repo">, ref: string, path = CONFIG_PATH): Promise<LoadedConfig & { readonly text: string }> {
  const own = await getFile(octokit, repo.owner, repo.repo, path, ref);
  if (own !== undefined) return { ...configFromText(own, path), text: own };
  const org = path === CONFIG_PATH && repo.repo !== ".github" ? await getFile(octokit, repo.owner, ".github", CONFIG_PATH) : undefined;
  if (org === undefined) return { config: DEFAULT_CONFIG, errors: [], source: "defaults", text: "" };
  return { ...configFromText(org, `${repo.owner}/.github:${CONFIG_PATH}`, undefined), text: org };
}

/** `source` with the configuration file read from `loaded` instead of the API. */
export function withConfig(source: RepoSource, loaded: LoadedConfig): RepoSource {
  const read = (path: string) => (path === CONFIG_PATH ? Promise.resolve(loaded.inventoryText) : source.read(path));
  return { ...source, read, size: async (path) => (path === CONFIG_PATH ? (loaded.inventoryText === undefined ? undefined : Buffer.byteLength(loaded.inventoryText)) : source.size(path)) };
}

/** A RepoSource over the contents API at one ref. */
export function apiSource(octokit: Octokit, repo: RepoRef, ref: string): RepoSource {
  const cache = new Map<string, Promise<string | undefined>>();
  const read = (path: string) => {
    let p = cache.get(path);
    if (!p) cache.set(path, (p = getFile(octokit, repo.owner, repo.repo, path, ref)));
    return p;
  };
  const listDir = async (dir: string): Promise<ContentFile[]> => {
    try {
      const { data } = await octokit.rest.repos.getContent({ owner: repo.owner, repo: repo.repo, path: dir, ref });
      return Array.isArray(data) ? (data as ContentFile[]) : [];
    } catch (err) {
      if (isNotFound(err)) return [];
      throw err;
    }
  };
  return {
    async list(dir) {
      const out: string[] = [];
      const walk = async (d: string, depth: number) => {
        for (const e of await listDir(d)) {
          if (e.type === "file") out.push(e.path);
          else if (e.type === "dir" && depth < 4) await walk(e.path, depth + 1);
        }
      };
      await walk(dir, 0);
      return out.sort();
    },
    async size(path) {
      const text = await read(path);
      return text === undefined ? undefined : Buffer.byteLength(text);
    },
    read,
  };
}
