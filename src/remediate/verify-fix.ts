/**
 * Whether a leaked secret's fix is complete: the secret gone from the default branch head and
 * the credential rotated or revoked (or the finding judged a false positive or excepted).
 */
import type { FindingState } from "../evidence/types.js";
import { code } from "../report/markdown.js";
import { scannerFor } from "../scan.js";
import { DEFAULT_CONFIG } from "../config.js";
import { apiSource } from "./github/repo-files.js";
import type { Services } from "./types.js";

/** What the check looked at: the default branch's head commit and the files it read there. */
export interface Checked {
  readonly headSha: string;
  readonly paths: readonly string[];
}

export type Verdict =
  | { readonly ok: true; readonly reason: "rotated-and-removed" | "false-positive" | "exception" | "already-verified"; readonly checked?: Checked }
  | { readonly ok: false; readonly missing: readonly string[]; readonly checked?: Checked };

const ATTESTED: ReadonlySet<FindingState | undefined> = new Set(["rotated", "revoked", "fix-verified"]);

/**
 * Of `where`, the files at the default branch's head that still contain this secret (by its
 * keyed id). The head
 * is resolved to its commit first and every file read at that commit, so the record can say
 * exactly what was checked, and a push in between cannot mix two versions.
 */
export async function stillPresent(s: Services, secretId: string, where: readonly string[]): Promise<{ present: string[]; checked: Checked }> {
  const { data } = await s.octokit.request("GET /repos/{owner}/{repo}/commits/{ref}", { owner: s.repo.owner, repo: s.repo.repo, ref: s.repo.defaultBranch, headers: { accept: "application/vnd.github.sha" } });
  // Text as GitHub sends it (charset=utf-8); raw bytes from a server that leaves the charset off.
  const headSha = (data instanceof ArrayBuffer ? Buffer.from(data).toString("utf8") : String(data)).trim();
  if (!/^[0-9a-f]{40}$/.test(headSha)) throw new Error(`GitHub did not name the head commit of ${s.repo.defaultBranch}`);
  const source = apiSource(s.octokit, s.repo, headSha);
  const scanner = scannerFor(DEFAULT_CONFIG, s.deps.hashKey);
  const present: string[] = [];
  const paths = [...new Set(where)];
  for (const path of paths) {
    const text = await source.read(path);
    if (text === undefined) continue;
    const hit = scanner.scan({ path, text, startLine: 1 }).find((f) => f.secretId === secretId);
    if (hit) present.push(`${path}:${hit.location.line}`);
  }
  return { present, checked: { headSha, paths } };
}

/** `paths`: where the secret was seen (the store's records of it, see issue-events.ts). */
export async function verifyFix(s: Services, secretId: string, state: FindingState | undefined, paths: readonly string[]): Promise<Verdict> {
  if (state === "false-positive") return { ok: true, reason: "false-positive" };
  if (state === "exception") return { ok: true, reason: "exception" };
  const missing: string[] = [];
  if (!ATTESTED.has(state)) missing.push("an attestation that the credential was rotated or revoked (comment `/keyward rotated` or `/keyward revoked`)");
  const { present, checked } = await stillPresent(s, secretId, paths);
  if (present.length) missing.push(`removing it from ${code(s.repo.defaultBranch)}: still at ${present.map((p) => code(p)).join(", ")}`);
  if (missing.length) return { ok: false, missing, checked };
  return { ok: true, reason: state === "fix-verified" ? "already-verified" : "rotated-and-removed", checked };
}
