/**
 * What a scan needs of the configuration when the repository has neither `.github/keyward.yml`
 * nor `.gitleaks.toml` (a pre-commit hook, most CI runs): where the file would be, the defaults of the settings a scan
 * reads, written out as data, and the severity threshold, so such a run starts without loading
 * zod, yaml and the custom-rule checks. test/speed/startup.test.ts checks the defaults equal
 * configSchema's; config.ts re-exports the rest.
 */
import type { Config } from "./config.js";
import { SEVERITIES, type Severity } from "./detect/types.js";

export const CONFIG_PATH = ".github/keyward.yml";
/** Where a repository keeps gitleaks' configuration (config.ts: GITLEAKS_CONFIG_PATH, the same). */
export const GITLEAKS_PATH = ".gitleaks.toml";

/** The settings a scan reads (`gitleaks`: from .gitleaks.toml, when there is one). */
export type ScanConfig = Pick<Config, "rules" | "paths" | "allow" | "fail_on" | "gitleaks">;

export const SCAN_DEFAULTS: ScanConfig = {
  rules: { disable: [], custom: [] },
  paths: { ignore: [] },
  allow: { secrets: [], stopwords: [] },
  fail_on: "low",
};

/** Severity at or above a threshold. */
export function atLeast(s: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(s) <= SEVERITIES.indexOf(threshold);
}
