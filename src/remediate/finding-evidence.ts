/**
 * Evidence for workflow and identity findings, and the scan heartbeat. Each workflow finding
 * (excessive permissions, an unowned secret, a rotation or review overdue …) and each inventory
 * finding has a lifecycle in the log like a secret's: `detected` the first time a scan sees it,
 * `reopened` when it comes back, `resolved` when a scan that looked where it was no longer sees
 * it. Every scan leaves a `scanned` record (repository, head, rules version, findings), so the
 * report shows monitoring operating — and where it stopped.
 */
import { evidence, type DetailsOf } from "../evidence/details.js";
import { derivedStates } from "../evidence/record.js";
import { RESOLVED_STATES } from "../evidence/lifecycle.js";
import { matchIdentity, type Identity } from "../ownership/inventory.js";
import { formatOwner } from "../ownership/types.js";
import { rulesVersion, version } from "../provenance.js";
import type { WorkflowFinding } from "../workflows/finding.js";
import type { Change } from "./change-of.js";
import { recordEvent } from "./evidence.js";
import type { Services } from "./types.js";

export const workflowFingerprint = (f: Pick<WorkflowFinding, "fingerprint">) => `workflow:${f.fingerprint}`;
/** One heartbeat stream per repository: the record's repository says which. */
export const HEARTBEAT_FINGERPRINT = "scan";

/** Rules whose finding says that an identity has no owner: the report lists it as unowned. */
const UNOWNED_RULES = new Set(["unowned-workflow-token", "unowned-identity"]);

/** What a workflow finding's detection says: rule, place, identity and its owners — never a value. */
export function workflowDetails(f: WorkflowFinding, identities: readonly Identity[] = []): DetailsOf<"detected"> {
  const owned = f.identity !== undefined ? matchIdentity(identities, f.identity) : undefined;
  return {
    kind: "workflow",
    rule: f.ruleId,
    severity: f.severity,
    confidence: f.confidence,
    path: f.location.path,
    line: f.location.line,
    ...(f.identity !== undefined ? { identity: f.identity } : {}),
    ...(UNOWNED_RULES.has(f.ruleId) ? { unowned: true, owners: [] } : owned ? { owners: owned.owners.map(formatOwner), ownerSource: "inventory" } : {}),
  };
}

export interface Observation {
  /** Findings seen now, keyed by their evidence fingerprint, with what their detection says. */
  readonly seen: ReadonlyMap<string, DetailsOf<"detected">>;
  /** This scan saw everything of its kind in the repository: an open finding it missed is resolved. */
  readonly complete: boolean;
  /** Which open findings this scan is about (workflow:, inventory:); others are left alone. */
  readonly prefix: string;
  /** Added to every record: the head scanned, the sweep's day … */
  readonly context: DetailsOf<"resolved">;
  /** Only findings this returns true for are resolved by a complete scan (an inventory scope's own), given their detection's details. */
  readonly owns?: (details: Readonly<Record<string, unknown>>) => boolean;
}

/** Records detected / reopened / resolved for one scan's findings; returns how many of each. */
export async function recordObservation(s: Services, o: Observation): Promise<{ detected: number; reopened: number; resolved: number }> {
  const records = await s.deps.store.records({ repository: s.repo.fullName });
  const states = derivedStates(records);
  const stateOf = (fp: string) => states.get(`${s.repo.fullName}\u0000${fp}`)?.state;
  const counts = { detected: 0, reopened: 0, resolved: 0 };
  for (const [fp, details] of o.seen) {
    const state = stateOf(fp);
    if (state === undefined) {
      await recordEvent(s, fp, evidence("detected", { ...details, ...o.context }));
      counts.detected++;
    } else if (RESOLVED_STATES.has(state)) {
      await recordEvent(s, fp, evidence("reopened", { ...details, ...o.context, reason: "observed again" }));
      counts.reopened++;
    }
  }
  if (!o.complete) return counts;
  const detection = new Map(records.filter((r) => r.event === "detected").map((r) => [r.fingerprint, r.details]));
  for (const { fingerprint, state } of states.values()) {
    if (!fingerprint.startsWith(o.prefix) || o.seen.has(fingerprint) || RESOLVED_STATES.has(state) || (o.owns && !o.owns(detection.get(fingerprint) ?? {}))) continue;
    await recordEvent(s, fingerprint, evidence("resolved", { ...o.context, reason: "no longer observed" }));
    counts.resolved++;
  }
  return counts;
}

/** A push or pull request's workflow findings: resolved only by a whole audit of the default branch. */
export async function recordWorkflowFindings(s: Services, change: Change, findings: readonly WorkflowFinding[], identities: readonly Identity[], audited: boolean) {
  if (!audited) return { detected: 0, reopened: 0, resolved: 0 };
  return recordObservation(s, {
    seen: new Map(findings.map((f) => [workflowFingerprint(f), workflowDetails(f, identities)])),
    complete: change.workflowScope === "all" && change.defaultBranch === true,
    prefix: "workflow:",
    context: { headSha: change.headSha, ...(change.pullRequest !== undefined ? { pr: change.pullRequest } : {}) },
  });
}

/** The heartbeat: one per scan, written when the scan completed. */
export async function recordHeartbeat(s: Services, change: Change, counts: { secrets: number; workflow: number; commits: number }, extra: Pick<DetailsOf<"scanned">, "conclusion" | "config"> = {}): Promise<void> {
  await recordEvent(
    s,
    HEARTBEAT_FINGERPRINT,
    evidence("scanned", {
      headSha: change.headSha,
      ...(change.ref !== undefined ? { ref: change.ref } : {}),
      ...(change.pullRequest !== undefined ? { pr: change.pullRequest } : {}),
      keyward: version(),
      rules: rulesVersion(),
      findings: counts.secrets + counts.workflow,
      secrets: counts.secrets,
      workflow: counts.workflow,
      commits: counts.commits,
      ...extra,
    }),
  );
}
