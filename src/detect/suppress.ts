/**
 * Findings a team has already judged: an ignore file of fingerprints (`.keywardignore`, and
 * gitleaks' `.gitleaksignore` for teams moving over) and a baseline report of known findings.
 */
import type { SecretFinding } from "./types.js";

type Entry =
  | { readonly kind: "fingerprint"; readonly value: string }
  | { readonly kind: "secret-id"; readonly value: string }
  | { readonly kind: "gitleaks"; readonly path: string; readonly rule: string; readonly line: number; readonly commit?: string };

export interface Suppressions {
  readonly size: number;
  matches(f: SecretFinding): boolean;
}

const SECRET_ID = /^[0-9a-f]{20}$/;

/** One entry per line; `#` starts a comment. Unknown lines are reported, not fatal. */
export function parseIgnoreFile(text: string): { entries: Entry[]; invalid: number[] } {
  const entries: Entry[] = [];
  const invalid: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/\s+#.*$/, "").trim();
    if (!line || line.startsWith("#")) return;
    const e = parseEntry(line);
    if (e) entries.push(e);
    else invalid.push(i + 1);
  });
  return { entries, invalid };
}

function parseEntry(line: string): Entry | undefined {
  if (SECRET_ID.test(line)) return { kind: "secret-id", value: line };
  const parts = line.split(":");
  const last = parts[parts.length - 1] ?? "";
  if (parts.length >= 3 && SECRET_ID.test(last)) return { kind: "fingerprint", value: line };
  if (parts.length >= 3 && /^\d+$/.test(last)) {
    // gitleaks: [commit:]path:rule:line — the path itself may contain colons.
    const rule = parts[parts.length - 2]!;
    const head = parts.slice(0, -2);
    const commit = head.length > 1 && /^[0-9a-f]{7,40}$/.test(head[0]!) ? head.shift() : undefined;
    return { kind: "gitleaks", path: head.join(":"), rule, line: Number(last), ...(commit ? { commit } : {}) };
  }
  return undefined;
}

/**
 * Entries from a baseline: Keyward's own JSON report (`findings[].fingerprint`) or a gitleaks
 * JSON report (`[].Fingerprint`).
 */
export function parseBaseline(json: string): Entry[] {
  const data: unknown = JSON.parse(json);
  const out: Entry[] = [];
  const list = Array.isArray(data) ? data : (data as { findings?: unknown[] })?.findings;
  if (!Array.isArray(list)) throw new Error("baseline: expected a Keyward JSON report or a gitleaks JSON report");
  for (const item of list) {
    const fp = (item as { fingerprint?: unknown; Fingerprint?: unknown }).fingerprint ?? (item as { Fingerprint?: unknown }).Fingerprint;
    if (typeof fp !== "string") continue;
    const e = parseEntry(fp);
    if (e) out.push(e);
  }
  return out;
}

export function suppressions(entries: readonly Entry[]): Suppressions {
  const fingerprints = new Set<string>();
  const secretIds = new Set<string>();
  const gitleaks: Array<Extract<Entry, { kind: "gitleaks" }>> = [];
  for (const e of entries) {
    if (e.kind === "fingerprint") fingerprints.add(e.value);
    else if (e.kind === "secret-id") secretIds.add(e.value);
    else gitleaks.push(e);
  }
  return {
    size: entries.length,
    matches(f) {
      if (fingerprints.has(f.fingerprint) || secretIds.has(f.secretId)) return true;
      return gitleaks.some(
        (g) =>
          g.path === f.location.path &&
          g.line === f.location.line &&
          (g.rule === f.ruleId || g.rule === "*") &&
          (!g.commit || (f.location.commit?.sha.startsWith(g.commit) ?? false)),
      );
    },
  };
}
