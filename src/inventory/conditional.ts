/**
 * Conditional requests for a daily sweep: every GET carries the ETag GitHub sent last time
 * (`If-None-Match`), a 304 is answered from the cache (and does not count against the rate
 * limit), and a blob fetched by its SHA is never asked for again. The cache holds response
 * bodies — names and metadata only, since GitHub's secret APIs never return a value — and is
 * passed in: the CLI and a single App process keep it in a file, queue mode in Redis
 * (src/queue/response-cache.ts), shared by every worker and surviving restarts.
 *
 * The key is the request's URL (API base, path and query) and nothing else: never the token,
 * which an installation gets anew every hour, so an ETag outlives the token that earned it.
 */
import { randomUUID } from "node:crypto";
import { readFile, mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { GitHub } from "./github.js";

export interface CachedResponse {
  readonly etag?: string;
  readonly link?: string;
  readonly url: string;
  readonly data: unknown;
}

export interface ResponseCache {
  get(key: string): Promise<CachedResponse | undefined>;
  set(key: string, value: CachedResponse): Promise<void>;
}

/** A response body larger than this is not cached (a cache entry is bounded, whatever GitHub sends). */
export const MAX_CACHED_BYTES = 1024 * 1024;

/** What a sweep cost: requests sent, how many of them GitHub answered 304, and blobs served without asking. */
export interface RequestCounts {
  requests: number;
  notModified: number;
  immutableHits: number;
}

export const newCounts = (): RequestCounts => ({ requests: 0, notModified: 0, immutableHits: 0 });

/** A blob addressed by its SHA cannot change: once fetched, it is never fetched again. */
const IMMUTABLE = /\/git\/blobs\/[0-9a-f]{40,64}(?:\?|$)/;

interface HookOptions {
  method?: string;
  headers?: Record<string, string | number | undefined>;
  [key: string]: unknown;
}

interface HookResponse {
  status: number;
  url: string;
  headers: Record<string, string | number | undefined>;
  data: unknown;
}

/**
 * Wraps every request of one octokit. The data handed back is always a copy: Octokit's
 * paginator rewrites list responses in place, and the cached body must survive that.
 */
export function useConditionalRequests(octokit: GitHub, cache: ResponseCache, counts: RequestCounts = newCounts()): RequestCounts {
  octokit.hook.wrap("request", async (request, options) => {
    const opts = options as unknown as HookOptions;
    if ((opts.method ?? "GET").toUpperCase() !== "GET") {
      counts.requests++;
      return request(options);
    }
    const key = octokit.request.endpoint.parse(options as never).url;
    const cached = await cache.get(key);
    if (cached && IMMUTABLE.test(key)) {
      counts.immutableHits++;
      return fromCache(cached);
    }
    if (cached?.etag) opts.headers = { ...opts.headers, "if-none-match": cached.etag };
    counts.requests++;
    try {
      const response = (await request(options)) as unknown as HookResponse;
      const etag = header(response.headers.etag);
      if (etag || IMMUTABLE.test(key)) {
        const link = header(response.headers.link);
        await cache.set(key, { ...(etag ? { etag } : {}), ...(link ? { link } : {}), url: response.url, data: structuredClone(response.data) });
      }
      return response as never;
    } catch (err) {
      if (cached && (err as { status?: number }).status === 304) {
        counts.notModified++;
        return fromCache(cached);
      }
      throw err;
    }
  });
  return counts;
}

function fromCache(c: CachedResponse): never {
  const headers: Record<string, string> = {};
  if (c.etag) headers.etag = c.etag;
  if (c.link) headers.link = c.link;
  return { status: 200, url: c.url, headers, data: structuredClone(c.data) } as never;
}

function header(v: string | number | undefined): string | undefined {
  return v === undefined ? undefined : String(v);
}

/** An in-memory cache, bounded: the least recently used entries go first. */
export function memoryCache(maxEntries = 200_000): ResponseCache & { entries(): Map<string, CachedResponse> } {
  const map = new Map<string, CachedResponse>();
  const put = (key: string, value: CachedResponse) => {
    map.delete(key);
    map.set(key, value);
    while (map.size > maxEntries) map.delete(map.keys().next().value as string);
  };
  return {
    async get(key) {
      const hit = map.get(key);
      if (hit) put(key, hit);
      return hit;
    },
    async set(key, value) {
      if (JSON.stringify(value.data ?? null).length > MAX_CACHED_BYTES) return;
      put(key, value);
    },
    entries: () => map,
  };
}

interface CacheFile {
  readonly version: 1;
  readonly apiUrl: string;
  readonly entries: Record<string, CachedResponse>;
}

/**
 * A cache kept in a JSON file between CLI runs, for one API base URL (a file written for
 * another GitHub is ignored rather than served).
 */
export async function fileCache(path: string, apiUrl: string, maxEntries = 200_000): Promise<ResponseCache & { save(): Promise<void> }> {
  const cache = memoryCache(maxEntries);
  try {
    const parsed = JSON.parse(await readFile(path, "utf8")) as Partial<CacheFile>;
    if (parsed.version === 1 && parsed.apiUrl === apiUrl && parsed.entries && typeof parsed.entries === "object")
      for (const [k, v] of Object.entries(parsed.entries)) if (v && typeof v === "object" && typeof v.url === "string") await cache.set(k, v);
  } catch {
    // No cache yet, or an unreadable one: the sweep simply costs what a first sweep costs.
  }
  return {
    get: cache.get,
    set: cache.set,
    async save() {
      const body: CacheFile = { version: 1, apiUrl, entries: Object.fromEntries(cache.entries()) };
      await mkdir(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.${randomUUID()}.tmp`;
      await writeFile(tmp, JSON.stringify(body));
      await rename(tmp, path);
    },
  };
}

/** One installation's cache, as the App uses it: `save` after a sweep where the store is not write-through. */
export type InstallationCache = ResponseCache & { save?(): Promise<void> };

/** Where the App keeps each installation's cache (passed in: a file per installation, Redis in queue mode). */
export type ResponseCaches = (installation: number, apiUrl: string) => Promise<InstallationCache>;

/** Per process, in memory: lost on restart (tests, the demo). */
export function memoryCaches(maxEntries = 50_000): ResponseCaches {
  const byInstallation = new Map<string, InstallationCache>();
  return async (installation, apiUrl) => {
    const key = `${apiUrl}\0${installation}`;
    let cache = byInstallation.get(key);
    if (!cache) byInstallation.set(key, (cache = memoryCache(maxEntries)));
    return cache;
  };
}

/** A small file per installation in `dir`, read once per process and written after each sweep: survives restarts. */
export function fileCaches(dir: string, maxEntries = 50_000): ResponseCaches {
  const byInstallation = new Map<string, Promise<InstallationCache>>();
  return (installation, apiUrl) => {
    const key = `${apiUrl}\0${installation}`;
    let cache = byInstallation.get(key);
    if (!cache) byInstallation.set(key, (cache = fileCache(join(dir, `installation-${installation}.json`), apiUrl, maxEntries)));
    return cache;
  };
}
