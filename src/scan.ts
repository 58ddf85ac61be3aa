/**
 * One scan, end to end: pick what to read (working tree, a range of history, the staged
 * changes), feed it through the detection core, drop what the team has suppressed.
 * This is the piece the CLI, the App and the benchmarks share.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_PATH_ALLOWLIST, PathMatcher } from "./detect/allowlist.js";
import { ALL_RULES } from "./detect/rules/index.js";
import { Scanner, type ScannerOptions } from "./detect/scanner.js";
import { compileCustomRule } from "./detect/custom/compile.js";
import { parseBaseline, parseIgnoreFile, suppressions, type Suppressions } from "./detect/suppress.js";
import type { Rule, SecretFinding } from "./detect/types.js";
import type { Config } from "./config.js";
import { GITLEAKS_PATH } from "./config-base.js";
import { streamDiff, streamHistory, verifyRevision } from "./ingest/git.js";
import type { DiffEvent } from "./ingest/diff.js";
import { FileReader, listFiles } from "./ingest/worktree.js";
import { scanFiles } from "./scan-pool.js";

export type ScanTarget =
  /** The working tree; with `paths`, only those files (repository-relative: `keyward scan FILE`). */
  | { readonly kind: "worktree"; readonly paths?: readonly string[] }
  /** Revisions as `git log` takes them: ["A..B"], ["--all"], ["HEAD"]. */
  | { readonly kind: "history"; readonly revisions: readonly string[] }
  | { readonly kind: "staged" };

export interface ScanStats {
  files: number;
  bytes: number;
  commits: number;
  skipped: { binary: number; huge: number; unreadable: number; ignoredPath: number };
  suppressed: number;
  durationMs: number;
}

export interface ScanResult {
  readonly findings: SecretFinding[];
  readonly stats: ScanStats;
  /** Threads that scanned (a working tree may be scanned on several; the report is the same). */
  readonly threads: number;
}

export interface ScanRequest {
  readonly root: string;
  readonly target: ScanTarget;
  readonly config: Pick<Config, "rules" | "paths" | "allow" | "gitleaks">;
  readonly hashKey?: string;
  /** Files (or added bytes per file per commit) larger than this are skipped and counted. */
  readonly maxFileBytes?: number;
  readonly suppress?: Suppressions;
  readonly onProgress?: (stats: Readonly<ScanStats>) => void;
  /**
   * Threads for a working-tree scan (default 1): with more, batches of files are scanned on
   * worker threads too, once the scan has run `poolAfterMs` (scan-pool.ts), the report unchanged.
   */
  readonly threads?: number;
  readonly poolAfterMs?: number;
  /**
   * ⚠ Receives raw secrets: see ScannerOptions.onSecret. Only the App's revocation path
   * passes one. Suppressed findings are reported to it too; the receiver keys by secret id and
   * acts only on the findings it is later given.
   */
  readonly onSecret?: ScannerOptions["onSecret"];
}

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * The scanner a configuration asks for: the built-in rules less the disabled ones, then the
 * team's custom rules (a custom rule with a built-in id replaces it), and the allowlist.
 */
export function scannerFor(config: Pick<Config, "rules" | "allow" | "gitleaks">, hashKey?: string, rules: readonly Rule[] = ALL_RULES, extra: Pick<ScannerOptions, "onSecret"> = {}): Scanner {
  const gitleaks = config.gitleaks;
  const disabled = new Set([...config.rules.disable, ...(gitleaks?.disable ?? [])]);
  // By id, later wins: .gitleaks.toml's rules, then keyward.yml's.
  // gitleaks' copy of a rule Keyward has never replaces it (withGitleaks also skips those).
  const builtin = new Set(rules.map((r) => r.id));
  const fromGitleaks = (gitleaks?.rules ?? []).filter((r) => !builtin.has(r.id));
  // keyward.yml's specs were checked when parsed (parseConfig refuses an unsafe pattern).
  const custom = [...new Map([...fromGitleaks, ...config.rules.custom.map(compileCustomRule)].map((r) => [r.id, r])).values()];
  const replaced = new Set(custom.map((r) => r.id));
  return new Scanner({
    rules: [...rules.filter((r) => !replaced.has(r.id)), ...custom].filter((r) => !disabled.has(r.id)),
    ...(hashKey ? { hashKey } : {}),
    ...(extra.onSecret ? { onSecret: extra.onSecret } : {}),
    allow: { secrets: config.allow.secrets.map((s) => new RegExp(s)), stopwords: config.allow.stopwords, ...(gitleaks?.allow ?? {}) },
  });
}

/** `.keywardignore` and `.gitleaksignore` at the root, plus an optional baseline report. */
export async function loadSuppressions(root: string, baselinePath?: string): Promise<Suppressions> {
  const entries = [];
  for (const name of [".keywardignore", ".gitleaksignore"]) {
    try {
      entries.push(...parseIgnoreFile(await readFile(join(root, name), "utf8")).entries);
    } catch {
      /* absent */
    }
  }
  if (baselinePath) entries.push(...parseBaseline(await readFile(baselinePath, "utf8")));
  return suppressions(entries);
}

/** What scanning some files of a working tree gave: their findings in file order, and counts. */
export interface BatchScan {
  readonly findings: SecretFinding[];
  files: number;
  bytes: number;
  readonly skipped: { binary: number; huge: number; unreadable: number };
}

/**
 * Files of a working tree, one after the other: path-only rules, then content. Content is
 * scanned as raw bytes (Latin-1, see ingest/worktree.ts); where a non-ASCII file has
 * findings, its real text is scanned again so columns, previews and secret ids are exact.
 * A file no longer there (deleted, now a symlink or a directory) does not count.
 */
export function scanBatch(scanner: Scanner, reader: FileReader, root: string, paths: readonly string[]): BatchScan {
  const out: BatchScan = { findings: [], files: 0, bytes: 0, skipped: { binary: 0, huge: 0, unreadable: 0 } };
  for (const path of paths) {
    const content = reader.read(root, path);
    if (content.kind === "absent") continue;
    // Path rules that check content (a keystore's magic bytes) get the bytes already read.
    const bytes = content.kind === "text" ? content.bytes : content.kind === "skipped" ? content.bytes : undefined;
    for (const f of scanner.scanPath(path, undefined, () => bytes)) out.findings.push(f);
    if (content.kind === "skipped") {
      out.skipped[content.reason]++;
      continue;
    }
    out.files++;
    out.bytes += content.bytes.length;
    let found = scanner.scanBytes(path, content.bytes);
    if (found.length > 0 && !content.ascii) found = scanner.scan({ path, text: content.utf8(), startLine: 1 });
    for (const f of found) out.findings.push(f);
  }
  return out;
}

export async function runScan(req: ScanRequest): Promise<ScanResult> {
  const started = performance.now();
  // The root's .gitleaks.toml, unless the caller read it already (the CLI, to report its errors):
  // so the App's installation baseline and the Action's checkout scan run its rules too.
  // (Its reader, with the configuration's parsers, loads only when there is such a file.)
  const gitleaksText = req.config.gitleaks ? undefined : readText(join(req.root, GITLEAKS_PATH));
  const config = gitleaksText === undefined ? req.config : (await (await import("./config.js")).withGitleaks(req.config, gitleaksText, GITLEAKS_PATH, new Set(ALL_RULES.map((r) => r.id)), { read: async (path) => readText(join(req.root, path)) })).config;
  const scanner = scannerFor(config, req.hashKey, undefined, req.onSecret ? { onSecret: req.onSecret } : {});
  const skipPath = new PathMatcher([...DEFAULT_PATH_ALLOWLIST, ...req.config.paths.ignore]);
  const maxFileBytes = req.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const stats: ScanStats = { files: 0, bytes: 0, commits: 0, skipped: { binary: 0, huge: 0, unreadable: 0, ignoredPath: 0 }, suppressed: 0, durationMs: 0 };
  const findings: SecretFinding[] = [];
  let threads = 1;
  const keep = (fs: SecretFinding[]) => {
    for (const f of fs) {
      if (req.suppress?.matches(f)) stats.suppressed++;
      else findings.push(f);
    }
  };

  if (req.target.kind === "worktree") {
    const files = (req.target.paths ?? (await listFiles(req.root))).filter((path) => {
      if (!skipPath.matches(path)) return true;
      stats.skipped.ignoredPath++;
      return false;
    });
    // Files named on the command line are read as named, through a symlink too; a listing's
    // symlinks are links, not files to read.
    const followSymlinks = req.target.paths !== undefined;
    const reader = new FileReader(maxFileBytes, { followSymlinks });
    let last = 0;
    threads = await scanFiles(
      files,
      (paths) => scanBatch(scanner, reader, req.root, paths),
      (b) => {
        stats.files += b.files;
        stats.bytes += b.bytes;
        stats.skipped.binary += b.skipped.binary;
        stats.skipped.huge += b.skipped.huge;
        stats.skipped.unreadable += b.skipped.unreadable;
        keep(b.findings);
        if (req.onProgress && performance.now() - last > 200) {
          last = performance.now();
          req.onProgress(stats);
        }
      },
      {
        // A scan that hands raw secrets on keeps them in this thread, and .gitleaks.toml's
        // allowlists are functions a worker cannot be sent: no workers then.
        threads: req.onSecret || config.gitleaks ? 1 : (req.threads ?? 1),
        ...(req.poolAfterMs !== undefined ? { startAfterMs: req.poolAfterMs } : {}),
        setup: { root: req.root, config: { rules: req.config.rules, allow: req.config.allow }, ...(req.hashKey ? { hashKey: req.hashKey } : {}), maxFileBytes, followSymlinks },
      },
    );
  } else {
    const seenFiles = new Set<string>();
    let last = 0;
    const onEvent = (e: DiffEvent) => {
      switch (e.type) {
        case "commit":
          stats.commits++;
          if (req.onProgress && performance.now() - last > 200) {
            last = performance.now();
            req.onProgress(stats);
          }
          return;
        case "file-added":
          if (!skipPath.matches(e.path)) keep(scanner.scanPath(e.path, e.commit));
          return;
        case "skipped":
          if (!skipPath.matches(e.path)) stats.skipped[e.reason]++;
          return;
        case "chunk": {
          if (skipPath.matches(e.chunk.path)) {
            stats.skipped.ignoredPath++;
            return;
          }
          const key = `${e.chunk.commit?.sha ?? ""}:${e.chunk.path}`;
          if (!seenFiles.has(key)) {
            seenFiles.add(key);
            stats.files++;
          }
          stats.bytes += e.chunk.text.length;
          keep(scanner.scan(e.chunk));
        }
      }
    };
    if (req.target.kind === "history") {
      for (const rev of req.target.revisions) {
        if (!rev.startsWith("-")) for (const end of rev.split(/\.{2,3}/).filter(Boolean)) await verifyRevision(req.root, end);
      }
      await streamHistory(req.root, req.target.revisions, onEvent, { maxFileBytes });
    } else {
      await streamDiff(req.root, ["--cached"], onEvent, { maxFileBytes });
    }
  }
  stats.durationMs = Math.round(performance.now() - started);
  return { findings, stats, threads };
}
