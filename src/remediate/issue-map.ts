/**
 * Which issue is a finding's, by the store alone. When the App opens a remediation issue it
 * records the issue's number, GitHub's node id and the bot login GitHub says created it
 * (`issue-opened`); commands and closes act only on that issue. An issue's body — its hidden
 * marker, its owners row — is text anyone who can open or edit an issue writes, so it is never
 * what decides which finding an issue is about.
 */
import { typed, type DetailsOf } from "../evidence/details.js";
import type { EvidenceRecord } from "../evidence/types.js";
import type { Services } from "./types.js";

/** The issue the App opened for a finding, as the store recorded it. */
export interface MappedIssue {
  readonly fingerprint: string;
  readonly number: number;
  readonly url?: string;
  /** Absent on records written before node ids were recorded: the number alone then decides. */
  readonly nodeId?: string;
  readonly createdBy?: string;
}

/** What GitHub's payload says about an issue (signed by GitHub, so not the issue's author's word). */
export interface IssueIdentity {
  readonly number: number;
  readonly node_id?: string;
  readonly user?: { readonly login: string } | null;
}

export type IssueSubject =
  | { readonly ok: true; readonly issue: MappedIssue }
  | { readonly ok: false; readonly reason: "not-keyward-issue" | "issue-mismatch"; readonly explanation: string };

/** Each finding's issue: the latest readable `issue-opened` record of each fingerprint. */
export function issueMap(records: readonly EvidenceRecord[], prefix = "secret:"): Map<string, MappedIssue> {
  const out = new Map<string, MappedIssue>();
  for (const r of records) {
    if (r.event !== "issue-opened" || !r.fingerprint.startsWith(prefix)) continue;
    const t = typed(r);
    // An unreadable record maps nothing: no command is taken on its word.
    if (!t.ok || t.event !== "issue-opened") continue;
    const mapped = mappedIssue(r.fingerprint, t.details);
    if (mapped) out.set(r.fingerprint, mapped);
  }
  return out;
}

function mappedIssue(fingerprint: string, d: DetailsOf<"issue-opened">): MappedIssue | undefined {
  if (typeof d.issue !== "number") return undefined;
  return { fingerprint, number: d.issue, ...(d.url ? { url: d.url } : {}), ...(d.nodeId ? { nodeId: d.nodeId } : {}), ...(d.createdBy ? { createdBy: d.createdBy } : {}) };
}

/** The finding whose issue this is, or why it is none's. */
export async function subjectOf(s: Services, issue: IssueIdentity): Promise<IssueSubject> {
  const map = issueMap(await s.deps.store.records({ repository: s.repo.fullName }));
  const mapped = [...map.values()].find((m) => m.number === issue.number);
  if (!mapped) return { ok: false, reason: "not-keyward-issue", explanation: `issue #${issue.number} is not an issue Keyward opened for a finding` };
  if (mapped.nodeId !== undefined && issue.node_id !== mapped.nodeId) return { ok: false, reason: "issue-mismatch", explanation: `issue #${issue.number} is not the issue Keyward opened under that number (another node id)` };
  if (mapped.createdBy !== undefined && issue.user && issue.user.login !== mapped.createdBy) return { ok: false, reason: "issue-mismatch", explanation: `issue #${issue.number} was opened by someone other than Keyward` };
  return { ok: true, issue: mapped };
}
