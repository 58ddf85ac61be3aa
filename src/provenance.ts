/**
 * What a record needs to be replayed: which Keyward made it and which rules judged. The rules
 * version is a digest of what the built-in rules match on (ids, patterns, keywords, entropy,
 * prefixes) and of the workflow audits and inventory rules that ran — not of their code, so the
 * same rules give the same version whether tsc or a bundler built them. A repository's own rules
 * (`rules.custom`, `.gitleaks.toml`) are part of its configuration, recorded by digest
 * (remediate/provenance.ts).
 */
import { createHash } from "node:crypto";
import { ALL_RULES } from "./detect/rules/index.js";
import { INVENTORY_RULES } from "./inventory/rules/index.js";
import { ALL_AUDITS } from "./workflows/audits/index.js";

export { version } from "./version.js";

let rules: string | undefined;

/** `sha256:` and 16 hex digits over the rules' matching definitions; computed once per process. */
export function rulesVersion(): string {
  rules ??= `sha256:${createHash("sha256")
    .update(
      JSON.stringify({
        secrets: ALL_RULES.map((r) => [r.id, r.pattern?.source ?? null, r.pattern?.flags ?? null, r.keywords, r.entropy ?? null, r.prefixes ?? null]),
        audits: ALL_AUDITS.map((a) => a.id),
        inventory: INVENTORY_RULES.map((r) => r.id),
      }),
    )
    .digest("hex")
    .slice(0, 16)}`;
  return rules;
}

/** What every record the App writes during a scan carries. */
export interface Provenance {
  /** Keyward's version. */
  readonly keyward: string;
  /** rulesVersion(). */
  readonly rules: string;
  /** `sha256:` digest of the configuration in force (its content is recorded once, by `config-recorded`). */
  readonly config?: string;
  /** The head scanned and its pull request, when the records come from a scan. */
  readonly headSha?: string;
  readonly pr?: number;
}
