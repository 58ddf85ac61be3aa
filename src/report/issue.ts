/**
 * Remediation issue text: one issue per secret per repository, its occurrences listed in a
 * marked block that later detections extend. Pure; the secret itself is never an input.
 */
import type { SecretFinding } from "../detect/types.js";
import { formatOwner, type Owner } from "../ownership/types.js";
import { code, link, plain, text } from "./markdown.js";

export const ISSUE_LABEL = "keyward";

/** The hidden marker that identifies the issue of one secret (keyed hash, not the secret). */
export function secretMarker(secretId: string): string {
  return `<!-- keyward:secret-id=${secretId} -->`;
}

export function secretIdFromBody(body: string | null | undefined): string | undefined {
  return /<!-- keyward:secret-id=([0-9a-f]{20}) -->/.exec(body ?? "")?.[1];
}

export interface Occurrence {
  readonly path: string;
  readonly line: number;
  readonly commit?: string;
  readonly author?: string;
}

export function occurrenceOf(f: SecretFinding, headSha?: string): Occurrence {
  const commit = f.location.commit?.sha ?? headSha;
  return { path: f.location.path, line: f.location.line, ...(commit ? { commit } : {}), ...(f.location.commit ? { author: f.location.commit.author } : {}) };
}

const OCC_START = "<!-- keyward:occurrences -->";
const OCC_END = "<!-- /keyward:occurrences -->";
/** GitHub refuses an issue body over 65 536 characters; the occurrence list stops short of it. */
export const MAX_BODY_CHARS = 60_000;
const OCC_FULL = "- … more occurrences are not listed: an issue cannot hold them all. The check run of each change annotates its own.";

/** As many of `lines` as fit in `room` characters, then (when some did not) the note that says so. */
function fitting(lines: readonly string[], room: number): string[] {
  const out: string[] = [];
  let left = room - OCC_FULL.length - 1;
  for (const l of lines) {
    if (l.length + 1 > left) return [...out, OCC_FULL];
    out.push(l);
    left -= l.length + 1;
  }
  return out;
}

function occurrenceLine(repoUrl: string, o: Occurrence): string {
  const at = code(`${o.path}:${o.line}`);
  const where = o.commit ? link(at, `${repoUrl}/blob/${o.commit}/${o.path.split("/").map(encodeURIComponent).join("/")}#L${o.line}`) : at;
  return `- ${where}${o.commit ? ` — commit ${code(o.commit.slice(0, 7))}` : ""}${o.author ? ` by ${text(o.author)}` : ""}`;
}

// Paths are compared as rendered (one line, bounded), so an occurrence whose path had to be
// shortened or flattened is still recognised, and never listed twice.
const occKey = (o: Occurrence) => `${code(`${o.path}:${o.line}`)}:${(o.commit ?? "").slice(0, 7)}`;

/**
 * One listed occurrence, read without a backtracking regex (people with write access can edit
 * the body): `- `, an optional `[`, a code span of any fence (padded or not), the link, then
 * ` — commit `sha`` and ` by author`.
 */
function parseOccurrence(line: string): Occurrence | undefined {
  if (!line.startsWith("- ")) return undefined;
  const i = line[2] === "[" ? 3 : 2;
  let fence = 0;
  while (line[i + fence] === "`") fence++;
  if (fence === 0) return undefined;
  // The span closes at the next run of exactly `fence` backticks.
  const tick = "`".repeat(fence);
  let close = line.indexOf(tick, i + fence);
  while (close >= 0) {
    let end = close;
    while (line[end] === "`") end++;
    if (end - close === fence) break;
    close = line.indexOf(tick, end);
  }
  if (close < 0) return undefined;
  let inner = line.slice(i + fence, close);
  if (inner.length >= 2 && inner.startsWith(" ") && inner.endsWith(" ")) inner = inner.slice(1, -1);
  const at = /:(\d+)$/.exec(inner);
  if (!at) return undefined;
  const rest = line.slice(close + fence);
  const m = /^(?:\]\([^)\s]*\))?(?: — commit `([0-9a-f]{7,40})`)?(?: by (.*))?$/.exec(rest);
  if (!m) return undefined;
  return { path: inner.slice(0, at.index), line: Number(at[1]), ...(m[1] ? { commit: m[1] } : {}), ...(m[2] ? { author: m[2] } : {}) };
}

/** Occurrences already listed in an issue body (paths as rendered there). */
export function occurrencesIn(body: string): Occurrence[] {
  const from = body.indexOf(OCC_START);
  if (from < 0) return [];
  const block = body.slice(from + OCC_START.length, body.indexOf(OCC_END, from));
  return block.split("\n").flatMap((l) => parseOccurrence(l) ?? []);
}

/** The body with new occurrences added (none duplicated); unchanged when nothing is new. */
export function withOccurrences(body: string, repoUrl: string, add: readonly Occurrence[]): string {
  const have = new Set(occurrencesIn(body).map(occKey));
  const fresh = add.filter((o) => !have.has(occKey(o)));
  if (fresh.length === 0 || body.indexOf(OCC_END) < 0 || body.includes(OCC_FULL)) return body;
  const at = body.indexOf(OCC_END);
  const lines = fitting(fresh.map((o) => occurrenceLine(repoUrl, o)), MAX_BODY_CHARS - body.length);
  return body.slice(0, at) + lines.join("\n") + "\n" + body.slice(at);
}

export interface IssueInput {
  readonly finding: SecretFinding;
  readonly occurrences: readonly Occurrence[];
  readonly repoUrl: string;
  readonly owners: readonly Owner[];
  /** Where the owners came from, for the evidence trail. */
  readonly ownerSource: "inventory" | "codeowners" | "history" | "none";
  readonly repositoryPublic: boolean;
}

export function issueTitle(f: SecretFinding): string {
  // Plain text, on one line, and within GitHub's 256 characters for a title.
  return `Leaked ${plain(f.description, 100)} in ${plain(f.location.path, 140)}`;
}

export function issueLabels(f: SecretFinding): string[] {
  return [ISSUE_LABEL, `severity:${f.severity}`];
}

/** Whether two occurrences name the same place (as the issue renders them). */
export function sameOccurrence(a: Occurrence, b: Occurrence): boolean {
  return occKey(a) === occKey(b);
}

const MENTION = /^@[A-Za-z0-9][A-Za-z0-9_-]*(?:\/[A-Za-z0-9][A-Za-z0-9_.-]*)?$/;

/** An owner as the issue names them: a deliberate mention when it is one, escaped text otherwise. */
export function ownerMention(o: Owner): string {
  const written = formatOwner(o);
  return MENTION.test(written) ? written : text(written);
}

export function issueBody(input: IssueInput): string {
  const f = input.finding;
  const provider = text(f.provider);
  const owners = input.owners.length ? input.owners.map((o) => `${ownerMention(o)} (${o.source === "codeowners" ? "CODEOWNERS" : o.source === "history" ? "commit author" : "inventory"})`).join(", ") : "**none found** — this secret is unowned: add a CODEOWNERS entry or an inventory entry and assign someone";
  return [
    secretMarker(f.secretId),
    `## Leaked ${provider} credential`,
    "",
    `Keyward found a secret in this repository (${text(f.description)}). **Treat it as compromised**: revoke or rotate it with ${provider} first. Removing it from the code does not un-leak it; it stays in the git history${input.repositoryPublic ? ", and this repository is public" : ""}.`,
    "",
    "| | |",
    "|---|---|",
    `| Rule | ${code(f.ruleId, "cell")} (${f.severity}, ${f.confidence} confidence) |`,
    `| Secret | ${code(f.preview, "cell")}${f.encoding ? ` inside ${text(f.encoding)}` : ""} — fingerprint ${code(f.secretId, "cell")} |`,
    `| Owners | ${owners} |`,
    "",
    "### Occurrences",
    OCC_START,
    ...fitting(input.occurrences.map((o) => occurrenceLine(input.repoUrl, o)), MAX_BODY_CHARS - 5_000), // the rest of the body is about 3,000
    OCC_END,
    "",
    "### Remediation checklist",
    `- [ ] Revoke the credential with ${provider}, or rotate it (issue a new one, retire this one)`,
    "- [ ] Store the new credential in a secret manager or Actions secrets, not in the code",
    "- [ ] Remove it from the code",
    `- [ ] ${input.repositoryPublic ? "Purge it from the history (`git filter-repo`) — the repository is public" : "Purge it from the history if the repository is ever made public"}`,
    "- [ ] Attest here: comment `/keyward rotated` or `/keyward revoked`",
    "",
    "<details><summary>Commands (owners and maintainers)</summary>",
    "",
    "- `/keyward rotated` or `/keyward revoked` — attest that the credential no longer works",
    "- `/keyward false-positive <reason>` — not a real secret",
    "- `/keyward exception <YYYY-MM-DD> <reason>` — accept the risk until a date (approved by someone other than the owner)",
    "- `/keyward verify` — check the fix now: the secret gone from the default branch and rotation attested",
    "",
    "</details>",
  ].join("\n");
}

/**
 * Where revocation and validity stand, for the issue's "Revocation and validity" section.
 * Provider names are display names ("GitHub"); times are ISO-8601.
 */
export interface WindowStatus {
  readonly revocation?:
    | { readonly outcome: "dry-run"; readonly provider: string; readonly at: string }
    | { readonly outcome: "requested"; readonly provider: string; readonly at: string }
    | { readonly outcome: "revoked"; readonly provider: string; readonly at: string; readonly requestedAt?: string; readonly status: string | number }
    | { readonly outcome: "failed"; readonly provider: string; readonly at: string; readonly status: string | number; readonly reason?: string };
  readonly validity?: { readonly state: "active" | "inactive" | "unknown"; readonly provider: string; readonly checkedAt: string };
}

const WINDOW_HEADING = "### Revocation and validity";
const WINDOW_START = "<!-- keyward:revocation -->";
const WINDOW_END = "<!-- /keyward:revocation -->";
const REVOKE_TODO = "- [ ] Revoke the credential with";

const when = (iso: string) => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : text(iso));
// A provider's answer (Slack's error string, say) is the provider's text, not ours.
const answered = (status: string | number) => (typeof status === "number" ? `HTTP ${status}` : text(status));

/** The section's lines; empty when nothing was revoked, dry-run or checked. */
export function windowSection(status: WindowStatus): string {
  const lines: string[] = [];
  const r = status.revocation && { ...status.revocation, provider: text(status.revocation.provider) };
  if (r?.outcome === "dry-run") lines.push(`- **Revocation:** dry run — Keyward would have asked ${r.provider} to revoke this credential (${when(r.at)}); nothing was sent. \`revoke.mode: on\` in \`.github/keyward.yml\` revokes automatically.`);
  if (r?.outcome === "requested") lines.push(`- **Revocation:** requested from ${r.provider} at ${when(r.at)}; no answer recorded yet.`);
  if (r?.outcome === "revoked")
    lines.push(`- **Revocation:** revoked at ${when(r.at)} by Keyward${r.requestedAt ? ` (requested from ${r.provider} at ${when(r.requestedAt)}, ${answered(r.status)})` : ` through ${r.provider}`}. Issue a new credential wherever this one was used.`);
  if (r?.outcome === "failed") lines.push(`- **Revocation:** failed: ${typeof r.status === "number" ? r.status : text(r.status)} from ${r.provider} at ${when(r.at)}${r.reason ? ` — ${text(r.reason)}` : ""}. Revoke or rotate it by hand.`);
  const v = status.validity;
  if (v) lines.push(`- **Validity:** ${v.state} (checked ${when(v.checkedAt)} with ${text(v.provider)})`);
  if (lines.length === 0) return "";
  return [WINDOW_HEADING, WINDOW_START, ...lines, WINDOW_END].join("\n");
}

/**
 * The body with its "Revocation and validity" section set to `status` (added before the
 * checklist, or replaced), and the revocation item ticked once the credential is revoked.
 * Unchanged when there is nothing to say; the same status twice gives the same body.
 */
export function withWindowStatus(body: string, status: WindowStatus): string {
  const section = windowSection(status);
  if (!section) return body;
  let out = body;
  const start = out.indexOf(WINDOW_START);
  const end = out.indexOf(WINDOW_END);
  if (start >= 0 && end > start) {
    const from = out.lastIndexOf(WINDOW_HEADING, start);
    const cut = from >= 0 && from < start ? from : start;
    out = out.slice(0, cut) + section + out.slice(end + WINDOW_END.length);
  } else {
    const checklist = out.indexOf("### Remediation checklist");
    out = checklist >= 0 ? `${out.slice(0, checklist)}${section}\n\n${out.slice(checklist)}` : `${out}\n\n${section}`;
  }
  return status.revocation?.outcome === "revoked" ? out.replace(REVOKE_TODO, "- [x] Revoke the credential with") : out;
}
