/** `keyward scan [PATH]`: the working tree, a commit range, the staged changes or all history. */
import { constants } from "node:fs";
import { access, readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { CliError, EXIT, version, type Command } from "../cli.js";
import { atLeast, CONFIG_PATH, GITLEAKS_PATH, SCAN_DEFAULTS, type ScanConfig } from "../config-base.js";
import { ALL_RULES } from "../detect/rules/index.js";
import type { SecretFinding } from "../detect/types.js";
import { gitTopLevel, isGitRepository } from "../ingest/git.js";
import { summary } from "../report/text.js";
import { DEFAULT_MAX_FILE_BYTES, loadSuppressions, runScan, type ScanTarget } from "../scan.js";
import { checkOutputOptions, emit, OUTPUT_OPTIONS, renderReport, useColour } from "./output.js";
import { targetPath } from "./target.js";

const HELP = `Usage: keyward scan [PATH] [options]

Scans the working tree at PATH (default: .), respecting .gitignore; or the one file PATH names.

What to scan:
  --since REV           only lines added by commits after REV (REV..HEAD), with commit and author
  --range A..B          only lines added by the commits in A..B
  --history             every line added by every commit on every branch
  --staged              only what is staged for the next commit (git diff --cached)

Output:
  --format FMT          text (default), json, sarif, csv or junit
  --output FILE, -o     write the report to FILE instead of standard output
  --no-color            no ANSI colour in text output

Tuning:
  --config FILE         configuration (default: PATH/.github/keyward.yml when present)
  --baseline FILE       a previous JSON report: its findings are known and not reported
  --fail-on SEVERITY    exit 1 only for findings at or above: critical, high, medium, low (default: config or low)
  --max-file-size MB    skip larger files (default: 10)
  --no-progress         no progress line on a terminal

Suppress a finding with a 'keyward:allow' comment on its line, or list its fingerprint in
.keywardignore (gitleaks' .gitleaksignore is read too).
`;

export const scanCommand: Command = async (args, io) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      since: { type: "string" },
      range: { type: "string" },
      history: { type: "boolean", default: false },
      staged: { type: "boolean", default: false },
      ...OUTPUT_OPTIONS,
      config: { type: "string" },
      baseline: { type: "string" },
      "max-file-size": { type: "string" },
      threads: { type: "string" },
      "no-progress": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(HELP);
    return EXIT.clean;
  }
  const modes = [values.since !== undefined, values.range !== undefined, values.history, values.staged].filter(Boolean).length;
  if (modes > 1) throw new CliError("choose one of --since, --range, --history and --staged");
  const { format, failOn } = checkOutputOptions(values);
  const maxMb = values["max-file-size"] === undefined ? undefined : Number(values["max-file-size"]);
  if (maxMb !== undefined && !(maxMb > 0)) throw new CliError("--max-file-size takes a number of megabytes");
  const threads = values.threads === undefined ? availableParallelism() : Number(values.threads);
  if (!Number.isInteger(threads) || threads < 1 || threads > 256) throw new CliError("--threads takes a whole number from 1 to 256");

  const given = targetPath(io.cwd, positionals, "file or directory");
  let root = given.kind === "file" ? dirname(given.path) : given.path;
  const needsGit = modes > 0;
  if (needsGit && given.kind === "file") throw new CliError("--since, --range, --history and --staged scan a repository: give its directory, not a file");
  // A single file is scanned with its repository's configuration and suppressions.
  if (needsGit || (given.kind === "file" && (await isGitRepository(root)))) {
    if (!(await isGitRepository(root))) throw new CliError(`${root} is not a git repository (needed for --since, --range, --history and --staged)`);
    root = await gitTopLevel(root);
  }
  const target: ScanTarget = values.history
    ? { kind: "history", revisions: ["--all"] }
    : values.range
      ? { kind: "history", revisions: [values.range] }
      : values.since
        ? { kind: "history", revisions: [`${values.since}..HEAD`] }
        : values.staged
          ? { kind: "staged" }
          : given.kind === "file"
            ? { kind: "worktree", paths: [relative(root, given.path).split(sep).join("/")] }
            : { kind: "worktree" };

  const config = await loadConfig(root, values.config, io);
  const suppress = await loadSuppressions(root, values.baseline ? resolve(io.cwd, values.baseline) : undefined);
  const progress = io.stderrTTY && !values["no-progress"];
  const result = await runScan({
    root,
    target,
    config,
    ...(io.env.KEYWARD_FINGERPRINT_KEY ? { hashKey: io.env.KEYWARD_FINGERPRINT_KEY } : {}),
    maxFileBytes: maxMb !== undefined ? Math.round(maxMb * 1024 * 1024) : DEFAULT_MAX_FILE_BYTES,
    threads,
    suppress,
    ...(progress
      ? { onProgress: (s) => io.stderr(`\r\x1b[K${target.kind === "history" ? `${s.commits} commits, ` : ""}${s.files} files scanned…`) }
      : {}),
  });
  if (progress) io.stderr("\r\x1b[K");

  // Who should act on each finding: CODEOWNERS of the file, else whoever committed the line.
  // Loaded only when there is a finding to own (a clean pre-commit run skips it).
  const owned = async () => {
    if (result.findings.length === 0) return [];
    const [{ ownersKey, ownersOfFindings }, { diskSource }] = await Promise.all([import("../ownership/of-findings.js"), import("../ingest/repo-source.js")]);
    const owners = await ownersOfFindings(root, diskSource(root), result.findings, await isGitRepository(root));
    return result.findings.map((f) => ({ ...f, owners: owners.get(ownersKey(f))?.owners ?? [], ownerSource: owners.get(ownersKey(f))?.source ?? "none" }));
  };
  const ownedFindings = await owned();
  const summaryLine = summary(result.findings, result.stats);
  const report = await renderReport(format, ownedFindings, {
    version: version(),
    command: "keyward scan",
    summary: summaryLine,
    json: { stats: result.stats },
    rules: ALL_RULES,
    colour: useColour(values, io),
    durationMs: result.stats.durationMs,
  });
  await emit(report, summaryLine, values, io);

  const threshold = failOn ?? config.fail_on;
  const blocking = result.findings.filter((f) => atLeast(f.severity, threshold));
  if (blocking.length === 0) return EXIT.clean;
  if (target.kind === "staged") io.stderr(commitBlocked(blocking));
  return EXIT.findings;
};

/** What a pre-commit hook says when it stops a commit: what, where, and the ways forward. */
function commitBlocked(findings: readonly SecretFinding[]): string {
  const n = findings.length;
  const lines = [
    "",
    `keyward: commit blocked — the staged changes add ${n === 1 ? "a secret" : `${n} secrets`}:`,
    ...findings.map((f) => `  ${f.location.path}:${f.location.line}  ${f.ruleId} (${f.severity})  ${f.preview}`),
    "",
    "  · Take it out of the code and load it from a secret store or the environment, then stage",
    "    the change again. If it was ever pushed or shared, revoke it with its provider too.",
    "  · A deliberate test value: add a 'keyward:allow' comment on its line.",
    "  · Emergency only: 'git commit --no-verify' skips this check.",
    "",
  ];
  return lines.join("\n");
}

/**
 * keyward.yml (strictly, as every command reads it) and .gitleaks.toml as one configuration.
 * Without either (a pre-commit hook, most CI runs): the defaults, without loading zod, yaml
 * or the gitleaks reader.
 */
async function loadConfig(root: string, explicit: string | undefined, io: Parameters<Command>[1]): Promise<ScanConfig> {
  const keyward = explicit !== undefined || (await exists(join(root, CONFIG_PATH)));
  const gitleaksPath = join(root, GITLEAKS_PATH);
  const gitleaksText = await readFile(gitleaksPath, "utf8").catch(() => undefined);
  if (!keyward && gitleaksText === undefined) return SCAN_DEFAULTS;
  const [{ loadCliConfig }, { withGitleaks }] = await Promise.all([import("./config-file.js"), import("../config.js")]);
  const read = await withGitleaks((await loadCliConfig(root, io.cwd, explicit)).config, gitleaksText, gitleaksPath, new Set(ALL_RULES.map((r) => r.id)), {
    read: (path) => readFile(join(root, path), "utf8").catch(() => undefined),
    shown: (path) => join(root, path),
  });
  if (read.errors.length > 0) throw new CliError(`invalid configuration:\n${read.errors.map((e) => `  ${e.file}:${e.line}:${e.column}: ${e.message}`).join("\n")}`);
  for (const n of read.notes) io.stderr(`keyward: ${n}\n`);
  return read.config;
}

async function exists(path: string): Promise<boolean> {
  return access(path, constants.R_OK).then(
    () => true,
    () => false,
  );
}
