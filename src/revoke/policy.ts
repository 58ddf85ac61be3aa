/**
 * What to do about one leaked secret, decided from the repository's policy and the secret's
 * evidence: revoke it, say what would have been revoked, check whether it works, or leave it.
 * Pure: records and rule tables in, decisions out; the App does the sending and the recording.
 */
import type { Config } from "../config.js";
import { typed } from "../evidence/details.js";
import type { EvidenceRecord, FindingState } from "../evidence/types.js";
import type { WindowStatus } from "../report/issue.js";
import { PROVIDER_NAMES, PROVIDERS, VALIDITY_STATES, type Provider, type Validity } from "./types.js";

export type RevokePolicy = Config["revoke"];
export type ValidityPolicy = Config["validity"];

/** Rule ids each provider can act on, as the provider modules declare them. */
export type RuleTable = Readonly<Record<Provider, ReadonlySet<string>>>;

/** `details.by` on a `revoked` record that Keyward itself brought about. */
export const AUTO_REVOKED_BY = "keyward:auto";

/** Findings past the point where revoking (or testing) the credential means anything. */
const NOT_TO_REVOKE: ReadonlySet<FindingState> = new Set(["revoked", "fix-verified", "closed", "false-positive", "exception"]);
const NOT_TO_CHECK: ReadonlySet<FindingState> = new Set(["fix-verified", "closed", "false-positive"]);

export const VALIDITY_INTERVAL_MS = 24 * 3600 * 1000;

export function providerFor(table: RuleTable, ruleId: string): Provider | undefined {
  return PROVIDERS.find((p) => table[p].has(ruleId));
}

/** Whether the policy lets this repository revoke at all (dry runs need no secret). */
export function revokesHere(policy: RevokePolicy, repositoryPrivate: boolean): boolean {
  return policy.mode === "on" && (policy.scope === "all" || !repositoryPrivate);
}

/**
 * Rule ids whose raw secrets a delivery must hold for the policy to act; empty when none, and
 * then the scanner is given no callback at all.
 */
export function ruleIdsToHold(policy: { revoke: RevokePolicy; validity: ValidityPolicy }, repositoryPrivate: boolean, revocable: RuleTable, checkable: RuleTable): Set<string> {
  const out = new Set<string>();
  if (revokesHere(policy.revoke, repositoryPrivate)) for (const p of policy.revoke.providers) for (const id of revocable[p]) out.add(id);
  if (policy.validity.check) for (const p of PROVIDERS) for (const id of checkable[p]) out.add(id);
  return out;
}

/** What the evidence says about one secret (records of its fingerprint, every repository). */
export interface SecretHistory {
  /** A dry run already recorded in this repository: not repeated on every push. */
  readonly dryRunRecorded: boolean;
  /** Keyward had the credential revoked before, here or in another repository. */
  readonly revokedBefore?: { readonly repository: string; readonly provider: string; readonly at: string };
  /** When it was last checked for validity, in any repository. */
  readonly lastCheckedAt?: string;
}

export function historyOf(records: readonly EvidenceRecord[], repository: string): SecretHistory {
  let dryRunRecorded = false;
  let revokedBefore: SecretHistory["revokedBefore"];
  let lastCheckedAt: string | undefined;
  // An unreadable record tells nothing: it neither counts as a dry run nor as a revocation.
  for (const t of records.map(typed)) {
    if (!t.ok) continue;
    const r = t.record;
    if (t.event === "revocation-requested" && r.repository === repository && t.details.mode === "dry-run") dryRunRecorded = true;
    if (t.event === "revoked" && t.details.by === AUTO_REVOKED_BY) revokedBefore ??= { repository: r.repository, provider: t.details.provider ?? "", at: t.details.revokedAt ?? r.time };
    if (t.event === "validity-checked") {
      const at = t.details.checkedAt ?? r.time;
      if (!lastCheckedAt || at > lastCheckedAt) lastCheckedAt = at;
    }
  }
  return { dryRunRecorded, ...(revokedBefore ? { revokedBefore } : {}), ...(lastCheckedAt ? { lastCheckedAt } : {}) };
}

export type SkipReason = "off" | "not-revocable" | "provider-disabled" | "private-repository" | "resolved" | "already-recorded";

export type RevokeDecision =
  | { readonly action: "skip"; readonly reason: SkipReason }
  /** Record and report what would have been revoked; send nothing. */
  | { readonly action: "dry-run"; readonly provider: Provider }
  | { readonly action: "revoke"; readonly provider: Provider }
  /** Keyward already had it revoked (perhaps from another repository): record that, send nothing. */
  | { readonly action: "already-revoked"; readonly provider: Provider; readonly before: NonNullable<SecretHistory["revokedBefore"]> };

export function revocationDecision(
  policy: RevokePolicy,
  secret: { readonly ruleId: string; readonly state: FindingState | undefined },
  repositoryPrivate: boolean,
  history: SecretHistory,
  revocable: RuleTable,
): RevokeDecision {
  if (policy.mode === "off") return { action: "skip", reason: "off" };
  const provider = providerFor(revocable, secret.ruleId);
  if (!provider) return { action: "skip", reason: "not-revocable" };
  if (!policy.providers.includes(provider)) return { action: "skip", reason: "provider-disabled" };
  if (policy.scope === "public-repos" && repositoryPrivate) return { action: "skip", reason: "private-repository" };
  if (secret.state !== undefined && NOT_TO_REVOKE.has(secret.state)) return { action: "skip", reason: "resolved" };
  if (policy.mode === "dry-run") return history.dryRunRecorded ? { action: "skip", reason: "already-recorded" } : { action: "dry-run", provider };
  if (history.revokedBefore) return { action: "already-revoked", provider, before: history.revokedBefore };
  return { action: "revoke", provider };
}

/** A validity check is due: enabled, checkable, still open, and not checked in the last day. */
export function validityDue(policy: ValidityPolicy, secret: { readonly ruleId: string; readonly state: FindingState | undefined }, history: SecretHistory, checkable: RuleTable, now: Date): Provider | undefined {
  if (!policy.check) return undefined;
  const provider = providerFor(checkable, secret.ruleId);
  if (!provider) return undefined;
  if (secret.state !== undefined && NOT_TO_CHECK.has(secret.state)) return undefined;
  if (history.lastCheckedAt && now.getTime() - Date.parse(history.lastCheckedAt) < VALIDITY_INTERVAL_MS) return undefined;
  return provider;
}

/** What the remediation issue says: the latest revocation step here, the latest validity check anywhere. */
export function windowStatus(records: readonly EvidenceRecord[], repository: string): WindowStatus {
  let revocation: WindowStatus["revocation"];
  let requestedAt: string | undefined;
  let validity: WindowStatus["validity"];
  for (const t of [...records].sort((a, b) => a.seq - b.seq).map(typed)) {
    if (!t.ok) continue;
    const r = t.record;
    const named = (p: string | undefined) => PROVIDER_NAMES[p as Provider] ?? p ?? "the provider";
    if (t.event === "validity-checked") {
      const d = t.details;
      const checkedAt = d.checkedAt ?? r.time;
      if (!validity || checkedAt >= validity.checkedAt) validity = { state: VALIDITY_STATES.includes(d.state as Validity) ? (d.state as Validity) : "unknown", provider: named(d.provider), checkedAt };
      continue;
    }
    if (r.repository !== repository) continue;
    if (t.event === "revocation-requested") {
      const d = t.details;
      const at = d.requestedAt ?? r.time;
      if (d.mode === "dry-run") revocation = { outcome: "dry-run", provider: named(d.provider), at };
      else {
        requestedAt = at;
        revocation = { outcome: "requested", provider: named(d.provider), at };
      }
    } else if (t.event === "revoked" && t.details.by === AUTO_REVOKED_BY) {
      const d = t.details;
      revocation = { outcome: "revoked", provider: named(d.provider), at: d.revokedAt ?? r.time, status: d.status ?? "unknown", ...(requestedAt ? { requestedAt } : {}) };
    } else if (t.event === "revocation-failed") {
      const d = t.details;
      revocation = { outcome: "failed", provider: named(d.provider), at: d.failedAt ?? r.time, status: d.status ?? "unknown", ...(d.reason !== undefined ? { reason: d.reason } : {}) };
    }
  }
  return { ...(revocation ? { revocation } : {}), ...(validity ? { validity } : {}) };
}

