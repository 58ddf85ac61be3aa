/**
 * What a change adds that Keyward reports: secrets in the lines each commit added (minus the
 * repository's suppressions), and the workflow audit when workflow configuration changed (or
 * always, for pushes to the default branch).
 */
import { GITLEAKS_CONFIG_PATH, withGitleaks, type Config, type ConfigError } from "../config.js";
import { DEFAULT_PATH_ALLOWLIST, PathMatcher } from "../detect/allowlist.js";
import { addedLength } from "../detect/patch-runs.js";
import { parseIgnoreFile, suppressions } from "../detect/suppress.js";
import type { SecretFinding } from "../detect/types.js";
import type { RepoSource } from "../ingest/repo-source.js";
import type { HeldSecrets } from "../revoke/credential.js";
import { ALL_RULES } from "../detect/rules/index.js";
import { scannerFor } from "../scan.js";
import type { Identity } from "../ownership/inventory.js";
import type { WorkflowFinding } from "../workflows/finding.js";
import { auditRepository } from "../workflows/run.js";
import { addedLines } from "./github/commits.js";
import type { Change } from "./change-of.js";
import type { Services } from "./types.js";

const WORKFLOW_CONFIG = /^(\.github\/(workflows|actions)\/|\.github\/CODEOWNERS$|CODEOWNERS$|docs\/CODEOWNERS$|\.github\/keyward\.ya?ml$)/;

export interface Found {
  readonly secrets: SecretFinding[];
  readonly workflow: WorkflowFinding[];
  /** Whether the workflow audit ran, and the inventory's identities it read (owners of identity findings). */
  readonly audited: boolean;
  readonly identities: readonly Identity[];
  /** How many commits were read. */
  readonly commits: number;
  /** GitHub logins of commit authors, by sha: owners of last resort. */
  readonly logins: ReadonlyMap<string, string>;
  /** Refused rules of the repository's `.gitleaks.toml`, for the check run. */
  readonly configErrors: ReadonlyArray<ConfigError & { file: string }>;
  /** Files too large to scan whole (see commits.ts), for the check run. */
  readonly unscanned: readonly string[];
}

/** `source` reads the change's head (with the configuration passed in); `held` takes raw secrets the policy needs. */
export async function findInChange(s: Services, change: Change, config: Config, source: RepoSource, held: HeldSecrets | undefined): Promise<Found> {
  const added = await addedLines(s, change.commits, { head: change.headSha, ...(change.viaGit ? { viaGit: true } : {}) });

  // The repository's .gitleaks.toml, read at the head like the ignore files: its rules come along.
  // (With the files its [extend] path names, read at the head too.)
  const gitleaks = await withGitleaks(config, await source.read(GITLEAKS_CONFIG_PATH), GITLEAKS_CONFIG_PATH, new Set(ALL_RULES.map((r) => r.id)), { read: (path) => source.read(path) });
  const ignoreTexts = [(await source.read(".keywardignore")) ?? "", (await source.read(".gitleaksignore")) ?? ""];
  // The scan's own cost, for /metrics: building the scanner and scanning, no reads from GitHub.
  const started = performance.now();
  const scanner = scannerFor(gitleaks.config, s.deps.hashKey, undefined, held ? { onSecret: held.onSecret } : {});
  const skip = new PathMatcher([...DEFAULT_PATH_ALLOWLIST, ...config.paths.ignore]);
  const ignore = suppressions(ignoreTexts.flatMap((text) => parseIgnoreFile(text).entries));
  const secrets: SecretFinding[] = [];
  let chars = 0;
  for (const p of added.patches) {
    if (skip.matches(p.path)) continue;
    chars += addedLength(p);
    for (const f of scanner.scanPatch(p)) secrets.push(f);
  }
  for (const chunk of added.chunks) {
    if (skip.matches(chunk.path)) continue;
    chars += chunk.text.length;
    for (const f of scanner.scan(chunk)) secrets.push(f);
  }
  for (const f of added.addedFiles) if (!skip.matches(f.path)) secrets.push(...scanner.scanPath(f.path, f.commit));
  s.deps.onScanned?.({ seconds: (performance.now() - started) / 1000, chars });

  let workflow: WorkflowFinding[] = [];
  let identities: readonly Identity[] = [];
  let audited = false;
  const touched = new Set([...(change.touched ?? []), ...added.patches.map((p) => p.path), ...added.chunks.map((c) => c.path), ...added.addedFiles.map((f) => f.path)]);
  if (change.auditAlways || [...touched].some((p) => WORKFLOW_CONFIG.test(p))) {
    const audit = await auditRepository(source, { now: s.deps.now() });
    workflow = change.workflowScope === "all" ? audit.findings : audit.findings.filter((f) => touched.has(f.location.path));
    identities = audit.identities;
    audited = true;
  }
  return { secrets: secrets.filter((f) => !ignore.matches(f)), workflow, audited, identities, commits: added.commits, logins: added.logins, configErrors: gitleaks.errors, unscanned: added.unscanned ?? [] };
}
