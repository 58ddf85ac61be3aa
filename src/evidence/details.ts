/**
 * What each evidence event's `details` hold: one schema per event, one map from event to schema.
 * Writers build records with `evidence(event, details)`, which only typechecks with that event's
 * details; readers go through `typed(record)` / `detailsAs(record, event)`, which check the shape
 * at read time. Records come back from a database someone may have edited, or from a pack an
 * outsider hands over: a record whose details do not fit its event is *unreadable*, said so
 * with the reason, never a crash and never a silent `undefined` read by string key.
 *
 * Schemas list the fields Keyward reads; every one is typed, most are optional (a record typed
 * in by an operator through `keyward evidence record` carries only what was given). Other
 * fields are kept in the stored record (they are hashed and exported) but are not part of the
 * typed view. To add an event: add it to EvidenceEvent (types.ts), give it a schema below and
 * an entry in DETAILS; the compiler then points at every place that must know about it.
 */
import { z } from "zod";
import type { EvidenceEvent, EvidenceInput, EvidenceRecord } from "./types.js";

// ---- shared pieces -------------------------------------------------------------------------

const text = z.string();
const count = z.number().int().nonnegative();
/** Issue numbers are numbers when the App writes them; an operator's CLI record may say "#12". */
const issueNumber = z.union([z.number().int().positive(), z.string().max(64)]);
/** A login ("alice", "@alice"), a team ("@org/team"), or { login } from older records. */
const ownerName = z.union([z.string(), z.looseObject({ login: z.string() })]);
const httpStatus = z.union([z.number().int(), z.string()]);

/**
 * Who authorised a step a person took, as GitHub said at the time: the login and its numeric
 * id (logins can be renamed and reused; ids cannot), the role that allowed it (`owner` of the
 * finding by the store's ownership, or the repository permission GitHub's collaborator API
 * answered), and the comment or issue where it was asked.
 */
export const authority = z.object({
  login: text,
  id: z.number().int(),
  /** "owner", or GitHub's role_name (admin, maintain, write, triage, read, a custom role) or "none". */
  role: text,
  url: text,
});
export type Authority = z.infer<typeof authority>;

/** A record typed in through the CLI says so (commands/evidence.ts). */
const operator = {
  via: z.literal("cli").optional(),
  attestation: z.literal("operator").optional(),
};

const issue = {
  issue: issueNumber.optional(),
  url: text.optional(),
  /** The issue had lost its `keyward` label; the App put it back (issues.ts keepStoreIssues). */
  labelRestored: z.boolean().optional(),
};

/** What evidence says about a secret finding: rule, place and masked preview — never the secret. */
const finding = {
  rule: text.optional(),
  severity: text.optional(),
  path: text.optional(),
  line: z.number().int().optional(),
  commit: text.optional(),
  preview: text.optional(),
  /** secret, workflow, identity …; else the fingerprint's prefix says. */
  kind: text.optional(),
  /** When the leaked line was committed. */
  committedAt: text.optional(),
};

/** A step someone took on the remediation issue. */
const step = {
  ...operator,
  ...issue,
  by: text.optional(),
  authority: authority.optional(),
};

/**
 * What judged it, for replay: Keyward's version, the rules version (provenance.ts) and the
 * digest of the configuration in force (its content is the `config-recorded` record of that digest).
 */
const provenance = {
  keyward: text.optional(),
  rules: text.optional(),
  config: text.optional(),
};

/** Where the App looked when it saw (or stopped seeing) a finding: the head scanned, its pull request, the sweep's day. */
const observed = {
  ...provenance,
  headSha: text.optional(),
  pr: z.number().int().positive().optional(),
  sweep: text.optional(),
};

/** What a workflow or identity finding's detection adds: the identity, its kind, whether anyone owns it. */
const identityFinding = {
  ...observed,
  confidence: text.optional(),
  identity: text.optional(),
  identityKind: text.optional(),
  identityId: text.optional(),
  location: text.optional(),
  unowned: z.boolean().optional(),
  owners: z.array(ownerName).optional(),
  ownerSource: text.optional(),
};

const ownership = {
  owners: z.array(ownerName).optional(),
  /** "@a, @b": who owned the finding when an exception was granted. */
  owner: text.optional(),
  ownerSource: text.optional(),
};

// ---- one schema per event ------------------------------------------------------------------

const detected = z.object({ ...operator, ...finding, ...issue, ...identityFinding });
const issueOpened = z.object({
  ...operator,
  ...issue,
  ...finding,
  /** GitHub's node id of the issue the App created: issue numbers are reused across transfers. */
  nodeId: text.optional(),
  /** The App's bot login that created it: an issue anyone else opened is not Keyward's. */
  createdBy: text.optional(),
});
const assigned = z.object({ ...operator, ...issue, ...ownership, assignees: z.array(text).optional() });
const acknowledged = z.object({ ...step, note: text.optional() });
const attested = { ...step, attestedBy: text.optional() };
const rotated = z.object(attested);
const revoked = z.object({
  ...attested,
  ...provenance,
  provider: text.optional(),
  status: httpStatus.optional(),
  attempts: count.optional(),
  requestedAt: text.optional(),
  revokedAt: text.optional(),
  /** Where Keyward revoked it before, when it was another repository. */
  repository: text.optional(),
  /** The provider's id for the request that revoked it (X-GitHub-Request-Id …), for its audit logs. */
  requestId: text.optional(),
});
const fixVerified = z.object({
  ...step,
  ...provenance,
  branch: text.optional(),
  /** The default branch's head commit the check read, and the files it read there. */
  headSha: text.optional(),
  paths: z.array(text).optional(),
});
const closed = z.object({ ...step, verdict: z.enum(["rotated-and-removed", "false-positive", "exception", "already-verified"]).optional() });
const reopened = z.object({ ...step, ...finding, ...identityFinding, reason: text.optional(), missing: z.array(text).optional(), paths: z.array(text).optional() });
/** A workflow or identity finding no longer observed where the App looked (never a secret: lifecycle.ts). */
const resolved = z.object({ ...operator, ...observed, reason: text.optional() });
/**
 * A configuration in force, recorded once by its digest (remediate/provenance.ts): the parsed
 * settings and the inventory's identities, as plain JSON — never the file's raw text.
 */
const configRecorded = z.object({ digest: text, source: text.optional(), config: z.record(z.string(), z.unknown()) });
/** The remediation SLA in force from this record on, in days per severity (`keyward evidence policy`). */
const policyRecorded = z.object({
  ...operator,
  sla: z.strictObject({ critical: z.number().nonnegative(), high: z.number().nonnegative(), medium: z.number().nonnegative(), low: z.number().nonnegative() }),
  note: text.optional(),
});
/** The heartbeat of one scan: what was scanned, by which Keyward and rules, and what it found. */
const scanned = z.object({
  ...operator,
  ...observed,
  ref: text.optional(),
  keyward: text,
  rules: text,
  /** Digest of the configuration in force (config-recorded holds its text). */
  config: text.optional(),
  findings: count,
  secrets: count.optional(),
  workflow: count.optional(),
  commits: count.optional(),
  conclusion: text.optional(),
});
const falsePositive = z.object({ ...step, reason: text });
const exceptionGranted = z.object({ ...step, owner: text.optional(), owners: z.array(ownerName).optional(), approver: text, reason: text, expires: text });
const exceptionExpired = z.object({ ...operator, expired: text.optional(), approver: text.optional(), grantedAt: count.optional() });
const redetected = z.object({ ...operator, ...issue, ...finding, ...observed, owners: z.array(ownerName).optional(), unowned: z.boolean().optional() });
const reviewed = z.object({
  ...step,
  identity: text.optional(),
  note: text.optional(),
  outcome: z.enum(["accepted", "fix-observed"]).optional(),
  /** An accepted review holds until this day. */
  until: text.optional(),
  rule: text.optional(),
});
const reviewOpened = z.object({
  ...operator,
  ...issue,
  ...ownership,
  identity: text.optional(),
  identityKind: text.optional(),
  identityId: text.optional(),
  reasons: z.array(text).optional(),
  rule: text.optional(),
  severity: text.optional(),
  location: text.optional(),
  line: z.number().int().optional(),
  unowned: z.boolean().optional(),
  /** Who answers for an unowned identity: the organisation's governance owners. */
  governance: z.array(text).optional(),
  assignees: z.array(text).optional(),
  due: text.optional(),
  /** Days an acceptance holds, by the policy in force when the review opened. */
  holds: z.number().positive().optional(),
});
const validityChecked = z.object({ ...operator, ...provenance, provider: text.optional(), rule: text.optional(), state: text.optional(), status: httpStatus.optional(), checkedAt: text.optional(), result: text.optional(), requestId: text.optional() });
const revocationRequested = z.object({ ...operator, ...provenance, provider: text.optional(), rule: text.optional(), mode: z.enum(["dry-run", "on"]).optional(), sent: z.boolean().optional(), requestedAt: text.optional() });
/** Why a command or close was not acted on: the issue is not the one Keyward opened, or the person may not. */
export const REFUSALS = ["not-keyward-issue", "issue-mismatch", "not-authorised", "unknown-command"] as const;
const commandRefused = z.object({
  /** The issue the command was written on (not `issue`: it is not this finding's issue). */
  onIssue: z.number().int().positive(),
  command: text.max(100),
  reason: z.enum(REFUSALS),
  /** For people: what was wrong, in a sentence. */
  explanation: text.optional(),
  /** The person who asked, as GitHub named them; role is what GitHub's permission API said. */
  requestedBy: authority.optional(),
});
const revocationFailed = z.object({ ...operator, ...provenance, provider: text.optional(), rule: text.optional(), status: httpStatus.optional(), attempts: count.optional(), reason: text.optional(), failedAt: text.optional(), requestId: text.optional() });
/**
 * A lifecycle step the store refused (illegal from the state it was in, or details it cannot
 * take: lifecycle.ts), kept as a fact rather than dropped, with who asked for it.
 */
const transitionRefused = z.object({ ...step, refused: text, from: text.optional(), reason: text });

/** Every event's details schema: total over EvidenceEvent, so a new event cannot be forgotten. */
export const DETAILS = {
  detected,
  "issue-opened": issueOpened,
  assigned,
  acknowledged,
  rotated,
  revoked,
  "fix-verified": fixVerified,
  closed,
  reopened,
  "false-positive": falsePositive,
  "exception-granted": exceptionGranted,
  "exception-expired": exceptionExpired,
  redetected,
  reviewed,
  "review-opened": reviewOpened,
  "validity-checked": validityChecked,
  "revocation-requested": revocationRequested,
  "revocation-failed": revocationFailed,
  resolved,
  scanned,
  "config-recorded": configRecorded,
  "policy-recorded": policyRecorded,
  "command-refused": commandRefused,
  "transition-refused": transitionRefused,
} as const satisfies Record<EvidenceEvent, z.ZodType>;

/** The details of one event, as a writer gives them and a reader gets them. */
export type DetailsOf<E extends EvidenceEvent> = z.infer<(typeof DETAILS)[E]>;

export type DetectedDetails = DetailsOf<"detected">;
export type IssueOpenedDetails = DetailsOf<"issue-opened">;
export type AssignedDetails = DetailsOf<"assigned">;
export type ExceptionGrantedDetails = DetailsOf<"exception-granted">;
export type ReviewOpenedDetails = DetailsOf<"review-opened">;

/** An event with its details: what a writer hands to the store (with who, where, which delivery). */
export type Evidence = { readonly [E in EvidenceEvent]: { readonly event: E; readonly details: DetailsOf<E> } }[EvidenceEvent];

/** `evidence("closed", { issue, verdict })`: typechecks only with the details of that event. */
export function evidence<E extends EvidenceEvent>(event: E, details: DetailsOf<E>): { readonly event: E; readonly details: DetailsOf<E> } {
  return { event, details };
}

/** A full store input from an event and its details. */
export function evidenceInput(where: Omit<EvidenceInput, "event" | "details">, e: Evidence): EvidenceInput {
  return { ...where, event: e.event, details: e.details };
}

// ---- reading -------------------------------------------------------------------------------

/** Details that fit their event, narrowed by `event`. */
export type TypedDetails = { readonly [E in EvidenceEvent]: { readonly ok: true; readonly event: E; readonly details: DetailsOf<E> } }[EvidenceEvent];

/** Details that do not fit their event (or an event Keyward does not know). */
export interface UnreadableDetails {
  readonly ok: false;
  readonly event: string;
  /** What is wrong, for people: "details.issue: expected number …". */
  readonly problem: string;
}

/** A record whose details fit its event, narrowed by `event`. */
export type TypedRecord = TypedDetails & { readonly record: EvidenceRecord };
export type UnreadableRecord = UnreadableDetails & { readonly record: EvidenceRecord };

const isKnownEvent = (event: string): event is EvidenceEvent => Object.hasOwn(DETAILS, event);

/** `details` checked against `event`'s schema. */
export function readDetails(event: string, details: unknown): TypedDetails | UnreadableDetails {
  if (!isKnownEvent(event)) return { ok: false, event, problem: `unknown event '${event}'` };
  const parsed = DETAILS[event].safeParse(details);
  if (!parsed.success) return { ok: false, event, problem: describe(parsed.error) };
  return { ok: true, event, details: parsed.data } as TypedDetails;
}

/** Why `details` do not fit `event`, or undefined when they do. */
export function detailsProblem(event: string, details: unknown): string | undefined {
  const t = readDetails(event, details);
  return t.ok ? undefined : t.problem;
}

/** The record with its details checked against its event. */
export function typed(record: EvidenceRecord): TypedRecord | UnreadableRecord {
  return { ...readDetails(record.event, record.details), record };
}

/**
 * The details of `record` when it is an `event` record whose details fit; undefined when it is
 * another event; UnreadableDetailsError when it is that event but its details do not fit.
 * For logic that acts on a record: an unreadable one is reported, not taken at its word.
 */
export function detailsAs<E extends EvidenceEvent>(record: EvidenceRecord, event: E): DetailsOf<E> | undefined {
  if (record.event !== event) return undefined;
  const t = typed(record);
  if (!t.ok) throw new UnreadableDetailsError(t);
  return t.details as DetailsOf<E>;
}

export class UnreadableDetailsError extends Error {
  override readonly name = "UnreadableDetailsError";
  readonly seq: number;
  constructor(u: UnreadableRecord) {
    super(`evidence record ${u.record.seq} (${u.event} for ${u.record.fingerprint}) is unreadable: ${u.problem}`);
    this.seq = u.record.seq;
  }
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `details${i.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")}: ${i.message}`)
    .join("; ");
}

// ---- facts several events carry --------------------------------------------------------------

/** A login as GitHub compares them: no @, case-insensitive. */
export const normalLogin = (s: string) => s.trim().replace(/^@/, "").toLowerCase();

/** The owners a record names (details.owner "@a, @b", details.owners), as normal logins; none when unreadable. */
export function ownersNamed(t: TypedDetails | UnreadableDetails): string[] {
  if (!t.ok) return [];
  const d = t.details;
  const out: string[] = [];
  if ("owner" in d && d.owner !== undefined) for (const part of d.owner.split(/[,\s]+/)) if (part) out.push(normalLogin(part));
  if ("owners" in d && d.owners !== undefined) for (const o of d.owners) out.push(normalLogin(typeof o === "string" ? o : o.login));
  return out;
}

/** What a finding's trail takes from any record that says it: issue, kind, rule, severity, commit time. */
export interface RecordFacts {
  readonly issue?: string | number;
  readonly url?: string;
  readonly kind?: string;
  readonly rule?: string;
  readonly severity?: string;
  readonly committedAt?: string;
  /** The secret name, deploy key or token a workflow or identity finding is about. */
  readonly identity?: string;
}

export function factsOf(t: TypedDetails): RecordFacts {
  const d = t.details;
  return {
    ...("issue" in d && d.issue !== undefined ? { issue: d.issue } : {}),
    ...("url" in d && d.url !== undefined ? { url: d.url } : {}),
    ...("kind" in d && d.kind !== undefined ? { kind: d.kind } : {}),
    ...("rule" in d && d.rule !== undefined ? { rule: d.rule } : {}),
    ...("severity" in d && d.severity !== undefined ? { severity: d.severity } : {}),
    ...("committedAt" in d && d.committedAt !== undefined ? { committedAt: d.committedAt } : {}),
    ...("identity" in d && d.identity !== undefined ? { identity: d.identity } : {}),
  };
}
