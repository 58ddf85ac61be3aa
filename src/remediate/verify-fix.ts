/**
 * Whether a leaked secret's fix is complete: the secret gone from the default branch head and
 * the credential rotated or revoked (or the finding judged a false positive or excepted).
 */
import type { FindingState } from "../evidence/types.js";
import { occurrencesIn } from "../report/issue.js";
import { code } from "../report/markdown.js";
import { scannerFor } from "../scan.js";
import { DEFAULT_CONFIG } from "../config.js";
import { apiSource } from "./github/repo-files.js";
import type { Services } from "./types.js";

export type Verdict =
  | { readonly ok: true; readonly reason: "rotated-and-removed" | "false-positive" | "exception" | "already-verified" }
  | { readonly ok: false; readonly missing: readonly string[] };

const ATTESTED: ReadonlySet<FindingState | undefined> = new Set(["rotated", "revoked", "fix-verified"]);

/** Files at the default branch that still contain this secret (by its keyed id). */
export async function stillPresent(s: Services, secretId: string, issueBody: string): Promise<string[]> {
  const source = apiSource(s.octokit, s.repo, s.repo.defaultBranch);
  const scanner = scannerFor(DEFAULT_CONFIG, s.deps.hashKey);
  const out: string[] = [];
  for (const path of new Set(occurrencesIn(issueBody).map((o) => o.path))) {
    const text = await source.read(path);
    if (text === undefined) continue;
    const hit = scanner.scan({ path, text, startLine: 1 }).find((f) => f.secretId === secretId);
    if (hit) out.push(`${path}:${hit.location.line}`);
  }
  return out;
}

export async function verifyFix(s: Services, secretId: string, state: FindingState | undefined, issueBody: string): Promise<Verdict> {
  if (state === "false-positive") return { ok: true, reason: "false-positive" };
  if (state === "exception") return { ok: true, reason: "exception" };
  const missing: string[] = [];
  if (!ATTESTED.has(state)) missing.push("an attestation that the credential was rotated or revoked (comment `/keyward rotated` or `/keyward revoked`)");
  const present = await stillPresent(s, secretId, issueBody);
  if (present.length) missing.push(`removing it from ${code(s.repo.defaultBranch)}: still at ${present.map((p) => code(p)).join(", ")}`);
  if (missing.length) return { ok: false, missing };
  return { ok: true, reason: state === "fix-verified" ? "already-verified" : "rotated-and-removed" };
}
