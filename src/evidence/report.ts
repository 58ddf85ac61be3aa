/**
 * What an auditor asks of the evidence log, computed from its records: findings by state and
 * age, time to remediation, SLA breaches, exceptions, access reviews, unowned identities,
 * and the log's own integrity — grouped by the ISO/IEC 27001:2022 Annex A controls they
 * evidence, with the SOC 2 criteria alongside. Pure: records in, a summary object out;
 * render.ts turns it into Markdown and HTML.
 */
import { SEVERITIES, type Severity } from "../detect/types.js";
import { evidence, evidenceInput, factsOf, ownersNamed, typed, type DetailsOf, type TypedDetails, type UnreadableDetails } from "./details.js";
import { isCalendarDay, isLifecycleEvent, RESOLVED_STATES, TRANSITIONS } from "./lifecycle.js";
import type { EvidenceEvent, EvidenceRecord, EvidenceStore, FindingState } from "./types.js";

export type SlaDays = Readonly<Record<Severity, number>>;
export const DEFAULT_SLA_DAYS: SlaDays = { critical: 1, high: 7, medium: 30, low: 90 };

export type SeverityLabel = Severity | "unknown";

export interface ReportOptions {
  /** The pack's period: `since` inclusive, `until` exclusive. */
  readonly period: { readonly since?: Date; readonly until?: Date };
  /** The moment open findings are aged at: the end of the period, or now if that is sooner. */
  readonly asOf: Date;
  readonly sla?: SlaDays;
  readonly repository?: string;
  /** What verifying the exported chain found, for the logging control. */
  readonly integrity?: Integrity;
}

/** An ISO 27001 Annex A control, the SOC 2 criteria it lines up with, and the sections evidencing it. */
export interface Control {
  readonly id: string;
  readonly title: string;
  readonly soc2: readonly string[];
  readonly statement: string;
  readonly sections: readonly SectionId[];
}

/** The log's integrity as the pack shows it; signer is the signing key's fingerprint. */
export interface Integrity {
  readonly chain: string;
  readonly signer: string | null;
}

export type SectionId = "findings" | "exceptions" | "unowned" | "remediation" | "sla" | "reviews" | "log" | "monitoring" | "coverage";

export const CONTROLS: readonly Control[] = [
  { id: "5.15", title: "Access control", soc2: ["CC6.1", "CC6.3"], statement: "Credentials found in code are tracked until access through them is removed, or the risk is accepted by someone other than the owner.", sections: ["findings", "exceptions"] },
  { id: "5.16", title: "Identity management", soc2: ["CC6.2"], statement: "Every CI identity and secret has a named owner; those without one are listed.", sections: ["unowned"] },
  { id: "5.17", title: "Authentication information", soc2: ["CC6.1", "CC6.6"], statement: "Exposed authentication information is rotated or revoked, the fix is verified, and the time taken is measured against an SLA.", sections: ["remediation", "sla"] },
  { id: "5.18", title: "Access rights", soc2: ["CC6.2", "CC6.3"], statement: "Access held by CI identities is reviewed; reviews done and overdue are listed.", sections: ["reviews"] },
  { id: "8.15", title: "Logging", soc2: ["CC7.2"], statement: "Every step is an append-only, hash-chained record; this pack lets anyone recompute the chain.", sections: ["log"] },
  { id: "8.16", title: "Monitoring activities", soc2: ["CC7.2", "CC6.6"], statement: "Repositories are monitored continuously for exposed secrets and for secrets that come back; every scan leaves a heartbeat, so gaps in monitoring show.", sections: ["monitoring", "coverage"] },
];

export interface FindingSummary {
  readonly repository: string;
  readonly fingerprint: string;
  readonly state: FindingState;
  readonly severity: SeverityLabel;
  readonly rule?: string;
  readonly detected: string;
  /** Start of the current remediation cycle: detection, or the last reopening. */
  readonly openSince: string;
  /** Days from openSince to asOf. */
  readonly ageDays: number;
}

/** One step of a finding's trail. */
export interface TrailStep {
  readonly seq: number;
  readonly time: string;
  readonly event: EvidenceEvent;
  readonly actor: string;
  /** The few details that say what the step was (reason, approver, expiry, commit, issue …). */
  readonly note: string;
}

/** A finding of the period's population with its whole trail: what an auditor samples. */
export interface FindingTrail {
  readonly repository: string;
  readonly fingerprint: string;
  /** secret, workflow, identity …: details.kind, else the fingerprint's prefix. */
  readonly kind: string;
  readonly rule?: string;
  readonly severity: SeverityLabel;
  /** State at the end of the period. */
  readonly state: FindingState;
  readonly detected: string;
  readonly owners: readonly string[];
  readonly issue?: string;
  /** Start of the open remediation cycle, when one is open. */
  readonly openSince?: string;
  /** When it was last resolved (fix verified, closed, false positive). */
  readonly resolved?: string;
  /** When the leaked line was committed (details.committedAt), when recorded. */
  readonly committed?: string;
  /** From the commit (or, without one, detection) to the first rotation or revocation, or to asOf. */
  readonly exposureDays: number | null;
  /** From detection to the first rotation or revocation. */
  readonly timeToRevokeDays: number | null;
  readonly exception?: { readonly approver: string; readonly expires: string };
  readonly steps: readonly TrailStep[];
}

export interface Remediation {
  readonly repository: string;
  readonly fingerprint: string;
  readonly severity: SeverityLabel;
  readonly from: string;
  readonly to: string;
  readonly days: number;
}

export interface Percentiles {
  readonly count: number;
  readonly p50Days: number | null;
  readonly p90Days: number | null;
}

export interface SlaBreach {
  readonly repository: string;
  readonly fingerprint: string;
  readonly severity: Severity;
  readonly slaDays: number;
  readonly days: number;
  /** Remediated in the period but late, or still open at asOf past its SLA. */
  readonly status: "remediated-late" | "open";
}

export interface ExceptionSummary {
  readonly repository: string;
  readonly fingerprint: string;
  readonly approver: string;
  readonly reason: string;
  readonly expires: string;
  readonly owner?: string;
  readonly granted: string;
  /** active: still in force; lapsed: past its expiry but not yet recorded as expired; ended: the finding moved on. */
  readonly status: "active" | "lapsed" | "ended";
}

export interface ReviewSummary {
  readonly repository: string;
  /** The identity reviewed (the record's fingerprint). */
  readonly identity: string;
  readonly time: string;
  readonly actor: string;
  /** For open reviews: the due day, when the record gave one. */
  readonly due?: string;
}

export interface UnownedIdentity {
  readonly repository: string;
  readonly identity: string;
  readonly since: string;
}

/** Monitoring of one repository in the period, from its scan heartbeats (`scanned` records). */
export interface Coverage {
  readonly repository: string;
  readonly heartbeats: number;
  readonly first: string | null;
  readonly last: string | null;
  /** The last head scanned and the rules it was scanned with. */
  readonly lastHead: string | null;
  readonly rules: string | null;
  /** The longest stretch of the period without a heartbeat: between two, or at either end of the period. */
  readonly longestGap: { readonly from: string; readonly to: string; readonly days: number } | null;
}

export interface EvidenceSummary {
  readonly period: { readonly since: string | null; readonly until: string | null };
  readonly asOf: string;
  readonly repository: string | null;
  readonly controls: readonly Control[];
  readonly log: {
    readonly records: number;
    readonly events: Readonly<Partial<Record<EvidenceEvent, number>>>;
    readonly first: { readonly seq: number; readonly hash: string } | null;
    readonly last: { readonly seq: number; readonly hash: string } | null;
    readonly integrity: Integrity | null;
  };
  /** Every finding active in the period, with its trail, in order of detection. */
  readonly population: readonly FindingTrail[];
  readonly findings: {
    /** Findings active in the period (a record in it, or not resolved at its end), by state at its end. */
    readonly byState: Readonly<Partial<Record<FindingState, number>>>;
    /** Still open at asOf, oldest first. */
    readonly open: readonly FindingSummary[];
  };
  readonly remediation: {
    /** Remediations completed in the period: detection (or reopening) to fix-verified or closed. */
    readonly items: readonly Remediation[];
    readonly overall: Percentiles;
    readonly bySeverity: Readonly<Partial<Record<SeverityLabel, Percentiles>>>;
  };
  readonly sla: {
    readonly days: SlaDays;
    readonly breaches: readonly SlaBreach[];
    readonly withoutSeverity: number;
    /** The policy the log records as in force at the period's end, and whether the report used it. */
    readonly policy: (RecordedPolicy & { readonly used: boolean }) | null;
  };
  readonly exceptions: readonly ExceptionSummary[];
  readonly reviews: { readonly done: readonly ReviewSummary[]; readonly overdue: readonly ReviewSummary[]; readonly upcoming: readonly ReviewSummary[] };
  readonly unowned: readonly UnownedIdentity[];
  readonly monitoring: Readonly<Record<"scanned" | "detected" | "redetected" | "reopened" | "resolved" | "validity-checked" | "revocation-requested" | "revocation-failed", number>>;
  readonly coverage: readonly Coverage[];
}

const DAY_MS = 86_400_000;

/** All repositories' policy: `keyward evidence policy` records it under this repository name. */
export const POLICY_REPOSITORY = "*";

export interface RecordedPolicy {
  readonly seq: number;
  readonly time: string;
  readonly actor: string;
  readonly days: SlaDays;
}

/** The last `policy-recorded` before `until` (all of the log without it): the SLA in force then. */
export function recordedPolicy(records: readonly EvidenceRecord[], until?: Date): RecordedPolicy | undefined {
  const end = until?.toISOString();
  let found: RecordedPolicy | undefined;
  for (const r of records) {
    if (r.event !== "policy-recorded" || (end !== undefined && r.time >= end)) continue;
    const d = detailsOrNothing(r, "policy-recorded");
    if (d) found = { seq: r.seq, time: r.time, actor: r.actor, days: d.sla };
  }
  return found;
}

export const sameSla = (a: SlaDays, b: SlaDays) => SEVERITIES.every((s) => a[s] === b[s]);

export function formatSla(sla: SlaDays): string {
  return SEVERITIES.map((s) => `${s}=${sla[s]}`).join(",");
}

/** `critical=1,high=7`: the severities named, the defaults for the rest; or what is wrong with it. */
export function parseSlaList(value: string): SlaDays | string {
  const sla: Record<Severity, number> = { ...DEFAULT_SLA_DAYS };
  for (const part of value.split(",")) {
    const [name, days] = part.split("=").map((s) => s.trim());
    if (!SEVERITIES.includes(name as Severity) || !days || !/^\d+(\.\d+)?$/.test(days)) return `takes severity=days pairs like ${formatSla(DEFAULT_SLA_DAYS)}, got '${part}'`;
    sla[name as Severity] = Number(days);
  }
  return sla;
}

/**
 * Records `sla` as the policy in force unless it already is (the App at start-up, from
 * KEYWARD_SLA): one record per change of policy, not one per restart.
 */
export async function recordPolicyIfChanged(store: EvidenceStore, sla: SlaDays, actor: string, source: string): Promise<EvidenceRecord | undefined> {
  const current = recordedPolicy(await store.records({ repository: POLICY_REPOSITORY, fingerprint: "policy" }));
  if (current && sameSla(current.days, sla)) return undefined;
  return store.append(evidenceInput({ repository: POLICY_REPOSITORY, fingerprint: "policy", actor }, evidence("policy-recorded", { sla: { ...sla }, note: `from ${source}` })));
}

/**
 * `records` should be the log from its start to the end of the period (in seq order), so
 * findings detected before the period still have their detection time; only what happened
 * in the period is counted as the period's activity.
 */
export function summarize(records: readonly EvidenceRecord[], options: ReportOptions): EvidenceSummary {
  const sla = options.sla ?? DEFAULT_SLA_DAYS;
  const asOf = options.asOf;
  const since = options.period.since?.toISOString();
  const until = options.period.until?.toISOString();
  const inPeriod = (time: string) => (since === undefined || time >= since) && (until === undefined || time < until);
  const relevant = records.filter((r) => (until === undefined || r.time < until) && (options.repository === undefined || r.repository === options.repository));
  const periodRecords = relevant.filter((r) => inPeriod(r.time));
  const [first, last] = [periodRecords[0], periodRecords.at(-1)];

  const findings = replayFindings(relevant);
  const remediations = [...findings.values()].flatMap((f) => f.remediations).filter((r) => inPeriod(r.to));
  const active = [...findings.values()].filter((f) => f.touchedInPeriod(inPeriod) || !RESOLVED_STATES.has(f.state));
  const open = active
    .filter((f) => !RESOLVED_STATES.has(f.state) && f.state !== "exception")
    .map((f): FindingSummary => ({ repository: f.repository, fingerprint: f.fingerprint, state: f.state, severity: f.severity, ...(f.rule ? { rule: f.rule } : {}), detected: f.detected, openSince: f.cycleStart ?? f.detected, ageDays: days(f.cycleStart ?? f.detected, asOf.toISOString()) }))
    .sort((a, b) => b.ageDays - a.ageDays);

  const breaches: SlaBreach[] = [];
  for (const r of remediations) {
    if (r.severity !== "unknown" && r.days > sla[r.severity]) breaches.push({ repository: r.repository, fingerprint: r.fingerprint, severity: r.severity, slaDays: sla[r.severity], days: r.days, status: "remediated-late" });
  }
  for (const f of open) {
    if (f.severity !== "unknown" && f.ageDays > sla[f.severity]) breaches.push({ repository: f.repository, fingerprint: f.fingerprint, severity: f.severity, slaDays: sla[f.severity], days: f.ageDays, status: "open" });
  }

  const bySeverity: Partial<Record<SeverityLabel, Percentiles>> = {};
  for (const severity of [...SEVERITIES, "unknown" as const]) {
    const ds = remediations.filter((r) => r.severity === severity).map((r) => r.days);
    if (ds.length) bySeverity[severity] = percentiles(ds);
  }

  return {
    period: { since: since ?? null, until: until ?? null },
    asOf: asOf.toISOString(),
    repository: options.repository ?? null,
    controls: CONTROLS,
    log: {
      records: periodRecords.length,
      events: countBy(periodRecords.map((r) => r.event)),
      first: first ? { seq: first.seq, hash: first.hash } : null,
      last: last ? { seq: last.seq, hash: last.hash } : null,
      integrity: options.integrity ?? null,
    },
    population: active.map((f) => f.trail(asOf)),
    findings: { byState: countBy(active.map((f) => f.state)), open },
    remediation: { items: remediations, overall: percentiles(remediations.map((r) => r.days)), bySeverity },
    sla: { days: sla, breaches, withoutSeverity: [...remediations, ...open].filter((f) => f.severity === "unknown").length, policy: policyUsed(records, options.period.until, sla) },
    exceptions: exceptionsOf(relevant, findings, inPeriod, asOf),
    reviews: withOverdueFindings(reviewsOf(relevant, inPeriod, asOf), active, relevant),
    unowned: unownedOf(relevant),
    monitoring: {
      scanned: periodRecords.filter((r) => r.event === "scanned").length,
      detected: periodRecords.filter((r) => r.event === "detected").length,
      redetected: periodRecords.filter((r) => r.event === "redetected").length,
      reopened: periodRecords.filter((r) => r.event === "reopened" || r.event === "exception-expired").length,
      resolved: periodRecords.filter((r) => r.event === "resolved").length,
      "validity-checked": periodRecords.filter((r) => r.event === "validity-checked").length,
      "revocation-requested": periodRecords.filter((r) => r.event === "revocation-requested").length,
      "revocation-failed": periodRecords.filter((r) => r.event === "revocation-failed").length,
    },
    coverage: coverageOf(relevant, options, asOf),
  };
}

function policyUsed(records: readonly EvidenceRecord[], until: Date | undefined, sla: SlaDays): EvidenceSummary["sla"]["policy"] {
  const policy = recordedPolicy(records, until);
  return policy ? { ...policy, used: sameSla(policy.days, sla) } : null;
}

/** A finding's history replayed from its records. */
class FindingHistory {
  state: FindingState = "detected";
  severity: SeverityLabel = "unknown";
  rule: string | undefined;
  detected = "";
  /** Start of the remediation cycle in progress, undefined once it ended. */
  cycleStart: string | undefined;
  readonly remediations: Remediation[] = [];
  readonly times: string[] = [];
  readonly steps: TrailStep[] = [];
  readonly owners = new Set<string>();
  kind: string;
  identity: string | undefined;
  issue: string | undefined;
  committed: string | undefined;
  firstRevoked: string | undefined;
  resolved: string | undefined;
  exception: { approver: string; expires: string } | undefined;

  constructor(
    readonly repository: string,
    readonly fingerprint: string,
  ) {
    this.kind = /^([a-z-]+):/.exec(fingerprint)?.[1] ?? "secret";
  }

  apply(r: EvidenceRecord): void {
    const t = typed(r);
    this.times.push(r.time);
    this.steps.push({ seq: r.seq, time: r.time, event: r.event, actor: r.actor, note: stepNote(t) });
    if ((r.event === "revoked" || r.event === "rotated") && this.firstRevoked === undefined) this.firstRevoked = r.time;
    if (r.event === "fix-verified" || r.event === "closed" || r.event === "false-positive" || r.event === "resolved") this.resolved = r.time;
    // An unreadable record still moves the finding (its event is hashed into the chain), but
    // none of its details are taken: the trail says it was unreadable.
    if (t.ok) this.takeFacts(t);
    if (!isLifecycleEvent(r.event)) return;
    this.state = TRANSITIONS[r.event].to;
    if (r.event === "detected") this.detected = this.cycleStart = r.time;
    else if (this.state === "reopened") this.cycleStart = r.time;
    else if (this.cycleStart !== undefined && (r.event === "fix-verified" || r.event === "closed" || r.event === "resolved")) {
      // A false positive that is then closed ended its cycle without a remediation.
      this.remediations.push({ repository: this.repository, fingerprint: this.fingerprint, severity: this.severity, from: this.cycleStart, to: r.time, days: days(this.cycleStart, r.time) });
      this.cycleStart = undefined;
    } else if (r.event === "false-positive") this.cycleStart = undefined;
  }

  private takeFacts(t: TypedDetails): void {
    const f = factsOf(t);
    if (f.kind !== undefined) this.kind = f.kind;
    if (f.identity !== undefined) this.identity = f.identity;
    for (const o of ownersNamed(t)) this.owners.add(o);
    if (f.issue !== undefined) this.issue = `#${String(f.issue).replace(/^#/, "")}${f.url !== undefined ? ` ${f.url}` : ""}`;
    if (f.committedAt !== undefined && this.committed === undefined) this.committed = f.committedAt;
    if (t.event === "exception-granted") this.exception = { approver: t.details.approver, expires: t.details.expires };
    if (f.severity !== undefined && (SEVERITIES as readonly string[]).includes(f.severity)) this.severity = f.severity as Severity;
    if (f.rule !== undefined) this.rule = f.rule;
  }

  touchedInPeriod(inPeriod: (time: string) => boolean): boolean {
    return this.times.some(inPeriod);
  }

  trail(asOf: Date): FindingTrail {
    const exposureFrom = this.committed && !Number.isNaN(Date.parse(this.committed)) ? this.committed : this.detected;
    return {
      repository: this.repository,
      fingerprint: this.fingerprint,
      kind: this.kind,
      ...(this.rule ? { rule: this.rule } : {}),
      severity: this.severity,
      state: this.state,
      detected: this.detected,
      owners: [...this.owners].sort(),
      ...(this.issue ? { issue: this.issue } : {}),
      ...(this.cycleStart && !RESOLVED_STATES.has(this.state) ? { openSince: this.cycleStart } : {}),
      ...(this.resolved ? { resolved: this.resolved } : {}),
      ...(this.committed ? { committed: this.committed } : {}),
      // Exposure is a leaked credential's: a workflow or identity finding has none to measure.
      exposureDays: this.kind === "secret" ? Math.max(0, days(exposureFrom, this.firstRevoked ?? asOf.toISOString())) : null,
      timeToRevokeDays: this.firstRevoked ? days(this.detected, this.firstRevoked) : null,
      ...(this.exception ? { exception: this.exception } : {}),
      steps: this.steps,
    };
  }
}

function replayFindings(records: readonly EvidenceRecord[]): Map<string, FindingHistory> {
  const out = new Map<string, FindingHistory>();
  for (const r of records) {
    const key = `${r.repository}\u0000${r.fingerprint}`;
    let f = out.get(key);
    if (!f) {
      // Reviews and identity records share the log but are not findings.
      if (r.event !== "detected") continue;
      f = new FindingHistory(r.repository, r.fingerprint);
      out.set(key, f);
    }
    f.apply(r);
  }
  return out;
}

function exceptionsOf(records: readonly EvidenceRecord[], findings: Map<string, FindingHistory>, inPeriod: (t: string) => boolean, asOf: Date): ExceptionSummary[] {
  const today = asOf.toISOString().slice(0, 10);
  const latest = new Map<string, EvidenceRecord>();
  for (const r of records) if (r.event === "exception-granted") latest.set(`${r.repository}\u0000${r.fingerprint}`, r);
  return [...latest.entries()].flatMap(([key, r]) => {
    const inForce = findings.get(key)?.state === "exception";
    if (!inForce && !inPeriod(r.time)) return [];
    const t = typed(r);
    // An unreadable grant is listed with empty fields rather than left out: the register shows it exists.
    const d = t.ok && t.event === "exception-granted" ? t.details : undefined;
    const expires = d?.expires ?? "";
    const owner = d?.owner ?? "";
    return [
      {
        repository: r.repository,
        fingerprint: r.fingerprint,
        approver: d?.approver ?? "",
        reason: d?.reason ?? (t.ok ? "" : `unreadable record: ${t.problem}`),
        expires,
        ...(owner ? { owner } : {}),
        granted: r.time,
        status: !inForce ? "ended" : isCalendarDay(expires) && expires < today ? "lapsed" : "active",
      } satisfies ExceptionSummary,
    ];
  });
}

function reviewsOf(records: readonly EvidenceRecord[], inPeriod: (t: string) => boolean, asOf: Date): EvidenceSummary["reviews"] {
  const today = asOf.toISOString().slice(0, 10);
  const done: ReviewSummary[] = [];
  const outstanding = new Map<string, ReviewSummary>();
  for (const r of records) {
    const key = `${r.repository}\u0000${r.fingerprint}`;
    const review = { repository: r.repository, identity: r.fingerprint, time: r.time, actor: r.actor };
    if (r.event === "reviewed") {
      outstanding.delete(key);
      if (inPeriod(r.time)) done.push(review);
    } else if (r.event === "review-opened") {
      const due = detailsOrNothing(r, "review-opened")?.due ?? "";
      outstanding.set(key, { ...review, ...(isCalendarDay(due) ? { due } : {}) });
    }
  }
  // An open review with no due day is overdue as soon as it is opened: nothing says it can wait.
  const open = [...outstanding.values()];
  return { done, overdue: open.filter((r) => r.due === undefined || r.due < today), upcoming: open.filter((r) => r.due !== undefined && r.due >= today) };
}

/**
 * The latest word on each identity's owners: `owners: []` or `unowned: true` means none, named
 * owners mean some, and a finding that said "unowned" and is then resolved (an owner was added,
 * or the identity is gone) no longer counts. Shown by the identity's name when the record gives one.
 */
function unownedOf(records: readonly EvidenceRecord[]): UnownedIdentity[] {
  const latest = new Map<string, { unowned: boolean; since: string; repository: string; identity: string }>();
  for (const r of records) {
    const key = `${r.repository}\u0000${r.fingerprint}`;
    const previous = latest.get(key);
    if (r.event === "resolved") {
      if (previous) latest.set(key, { ...previous, unowned: false });
      continue;
    }
    const t = typed(r);
    if (!t.ok) continue;
    const owners = "owners" in t.details ? t.details.owners : undefined;
    const unowned = "unowned" in t.details ? t.details.unowned : undefined;
    if (owners === undefined && unowned === undefined) continue;
    const isUnowned = unowned === true || owners?.length === 0;
    const identity = factsOf(t).identity ?? previous?.identity ?? r.fingerprint;
    latest.set(key, { unowned: isUnowned, since: previous?.unowned && isUnowned ? previous.since : r.time, repository: r.repository, identity });
  }
  const out = new Map<string, UnownedIdentity>();
  for (const v of latest.values()) {
    const key = `${v.repository}\u0000${v.identity}`;
    const seen = out.get(key);
    if (v.unowned && (!seen || v.since < seen.since)) out.set(key, { repository: v.repository, identity: v.identity, since: v.since });
  }
  return [...out.values()];
}

/** Workflow and identity findings that say a rotation or review is overdue, while open, are overdue reviews too. */
const OVERDUE_RULES = new Set(["rotation-overdue", "review-overdue"]);

function withOverdueFindings(reviews: EvidenceSummary["reviews"], active: readonly FindingHistory[], records: readonly EvidenceRecord[]): EvidenceSummary["reviews"] {
  // A finding that has access-review records of its own (the inventory sweep's) is counted by them.
  const reviewed = new Set(records.filter((r) => r.event === "review-opened" || r.event === "reviewed").map((r) => `${r.repository}\u0000${r.fingerprint}`));
  const overdue = active
    .filter((f) => f.rule !== undefined && OVERDUE_RULES.has(f.rule) && !RESOLVED_STATES.has(f.state) && !reviewed.has(`${f.repository}\u0000${f.fingerprint}`))
    .map((f): ReviewSummary => ({ repository: f.repository, identity: `${f.identity ?? f.fingerprint} (${f.rule})`, time: f.cycleStart ?? f.detected, actor: "keyward" }));
  return { ...reviews, overdue: [...reviews.overdue, ...overdue] };
}

/**
 * Per repository, the heartbeats of the period and the longest stretch without one — between
 * two heartbeats, from the period's start to the first, or from the last to the period's end
 * (or asOf, when that is sooner). A repository with heartbeats before the period and none in it
 * is listed with the whole period as its gap.
 */
function coverageOf(records: readonly EvidenceRecord[], options: ReportOptions, asOf: Date): Coverage[] {
  const since = options.period.since?.toISOString();
  const untilMs = Math.min(options.period.until?.getTime() ?? Infinity, asOf.getTime());
  const end = new Date(untilMs).toISOString();
  const beats = new Map<string, EvidenceRecord[]>();
  for (const r of records) {
    if (r.event !== "scanned" || r.time >= end) continue;
    const list = beats.get(r.repository) ?? [];
    beats.set(r.repository, list);
    if (since === undefined || r.time >= since) list.push(r);
  }
  return [...beats.entries()]
    .map(([repository, list]): Coverage => {
      const times = list.map((r) => r.time).sort();
      const start = since ?? times[0];
      const edges = [...(start !== undefined && start !== times[0] ? [start] : []), ...times, end];
      let longestGap: Coverage["longestGap"] = null;
      for (let i = 1; i < edges.length; i++) {
        const d = days(edges[i - 1]!, edges[i]!);
        if (!longestGap || d > longestGap.days) longestGap = { from: edges[i - 1]!, to: edges[i]!, days: d };
      }
      const last = list.at(-1);
      return {
        repository,
        heartbeats: list.length,
        first: times[0] ?? null,
        last: times.at(-1) ?? null,
        lastHead: last && typeof last.details.headSha === "string" ? last.details.headSha : null,
        rules: last && typeof last.details.rules === "string" ? last.details.rules : null,
        longestGap,
      };
    })
    .sort((a, b) => a.repository.localeCompare(b.repository));
}

/**
 * Nearest-rank percentiles: the smallest value with at least p% of values at or below it
 * (p50 of 1, 2, 3, 4 is 2; p90 is 4). Every figure is one that was observed.
 */
export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
  return { count: sorted.length, p50Days: rank(50), p90Days: rank(90) };
}

function days(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / DAY_MS;
}

function countBy<K extends string>(keys: readonly K[]): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
}

const NOTE_KEYS = ["attestation", "owners", "reason", "approver", "expires", "branch", "headSha", "paths", "pr", "verdict", "provider", "status", "requestId", "result", "attestedBy", "by", "url"] as const;

function stepNote(t: TypedDetails | UnreadableDetails): string {
  if (!t.ok) return `unreadable details: ${t.problem}`.slice(0, 300);
  const d: Readonly<Record<string, unknown>> = t.details;
  return NOTE_KEYS.filter((k) => d[k] !== undefined && d[k] !== null)
    .map((k) => `${k}: ${typeof d[k] === "string" ? d[k] : JSON.stringify(d[k])}`)
    .join("; ")
    .slice(0, 300);
}

/** The details of an `event` record, undefined for another event or an unreadable one (for summaries that count what they can read). */
function detailsOrNothing<E extends EvidenceEvent>(r: EvidenceRecord, event: E): DetailsOf<E> | undefined {
  const t = typed(r);
  return t.ok && t.event === event ? (t.details as DetailsOf<E>) : undefined;
}
