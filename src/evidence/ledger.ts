/**
 * The delivery ledger: what the App has done with each webhook delivery and each check run it
 * opened, kept next to the evidence log (same database) so it survives restarts and is shared
 * by every process. Unlike the records it is mutable bookkeeping, not evidence: it lets a
 * redelivery be recognised (in progress or done: not processed twice; failed: processed again),
 * lets the reconciler find deliveries whose handler failed after GitHub had its answer, and lets
 * the sweeper finish check runs a crashed process left in progress.
 */

export type DeliveryStatus = "started" | "failed" | "done";

export interface DeliveryRow {
  /** GitHub's delivery GUID (X-GitHub-Delivery), the same for every redelivery of one event. */
  readonly id: string;
  readonly event: string;
  readonly status: DeliveryStatus;
  /** How many times processing started (1 for the first). */
  readonly attempts: number;
  /** ISO-8601 UTC: when the latest attempt started, and when the row last changed. */
  readonly startedAt: string;
  readonly updatedAt: string;
  /** The first line of the error of the latest failed attempt. */
  readonly error?: string;
}

export type Claim =
  | { readonly claimed: true; readonly attempt: number }
  | { readonly claimed: false; readonly status: DeliveryStatus; readonly attempts: number };

export type CheckRunStatus = "creating" | "in_progress" | "completed";

/** A check run this App opened, from the intent to create it to its completion. */
export interface CheckRunRow {
  /** The delivery that opened it: a redelivery of that delivery finishes this check run. */
  readonly deliveryId: string;
  /** owner/name */
  readonly repository: string;
  readonly headSha: string;
  /** The external_id the check run carries on GitHub: how an answer GitHub never sent is recovered. */
  readonly externalId: string;
  readonly installation?: number;
  /** GitHub's id, once GitHub's answer arrived (absent: intent recorded, outcome unknown). */
  readonly checkRunId?: number;
  readonly status: CheckRunStatus;
  readonly startedAt: string;
}

export interface DeliveryLedger {
  /**
   * Starts processing a delivery unless it is done, or started after `staleBefore` (in progress
   * elsewhere). A failed delivery, or one started before `staleBefore` (its process died), is
   * claimed again with the next attempt number. Atomic across processes.
   */
  claimDelivery(id: string, event: string, now: Date, staleBefore: Date): Promise<Claim>;
  finishDelivery(id: string, status: "done" | "failed", now: Date, error?: string): Promise<void>;
  delivery(id: string): Promise<DeliveryRow | undefined>;
  /** Deliveries in `status`, oldest first, at most `limit`. */
  deliveries(status: DeliveryStatus, limit: number): Promise<DeliveryRow[]>;
  /** Inserts or replaces the row of (deliveryId, repository, headSha). */
  noteCheckRun(row: CheckRunRow): Promise<void>;
  checkRunOf(deliveryId: string, repository: string, headSha: string): Promise<CheckRunRow | undefined>;
  /** Check runs not completed and started before `startedBefore`, oldest first, at most `limit`. */
  openCheckRuns(startedBefore: Date, limit: number): Promise<CheckRunRow[]>;
  /** Forgets done deliveries and completed check runs last touched before `before`; returns how many rows went. */
  prune(before: Date): Promise<number>;
}

/** The error as the ledger keeps it: its first line, bounded. */
export function errorLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split("\n")[0]!.slice(0, 500);
}

/** For the Action and unit tests: a ledger that lives as long as the process. */
export class MemoryLedger implements DeliveryLedger {
  private readonly rows = new Map<string, DeliveryRow>();
  private readonly runs = new Map<string, CheckRunRow>();

  async claimDelivery(id: string, event: string, now: Date, staleBefore: Date): Promise<Claim> {
    const row = this.rows.get(id);
    if (row && (row.status === "done" || (row.status === "started" && row.startedAt >= staleBefore.toISOString()))) return { claimed: false, status: row.status, attempts: row.attempts };
    const attempt = (row?.attempts ?? 0) + 1;
    const at = now.toISOString();
    this.rows.set(id, { id, event, status: "started", attempts: attempt, startedAt: at, updatedAt: at });
    return { claimed: true, attempt };
  }

  async finishDelivery(id: string, status: "done" | "failed", now: Date, error?: string): Promise<void> {
    const row = this.rows.get(id);
    if (!row) return;
    const { error: _previous, ...rest } = row;
    this.rows.set(id, { ...rest, status, updatedAt: now.toISOString(), ...(error !== undefined ? { error } : {}) });
  }

  async delivery(id: string): Promise<DeliveryRow | undefined> {
    return this.rows.get(id);
  }

  async deliveries(status: DeliveryStatus, limit: number): Promise<DeliveryRow[]> {
    return [...this.rows.values()].filter((r) => r.status === status).sort((a, b) => a.startedAt.localeCompare(b.startedAt)).slice(0, limit);
  }

  async noteCheckRun(row: CheckRunRow): Promise<void> {
    this.runs.set(`${row.deliveryId}\0${row.repository}\0${row.headSha}`, row);
  }

  async checkRunOf(deliveryId: string, repository: string, headSha: string): Promise<CheckRunRow | undefined> {
    return this.runs.get(`${deliveryId}\0${repository}\0${headSha}`);
  }

  async openCheckRuns(startedBefore: Date, limit: number): Promise<CheckRunRow[]> {
    const before = startedBefore.toISOString();
    return [...this.runs.values()].filter((r) => r.status !== "completed" && r.startedAt < before).sort((a, b) => a.startedAt.localeCompare(b.startedAt)).slice(0, limit);
  }

  async prune(before: Date): Promise<number> {
    const at = before.toISOString();
    let n = 0;
    for (const [k, r] of this.rows) if (r.status === "done" && r.updatedAt < at && this.rows.delete(k)) n++;
    for (const [k, r] of this.runs) if (r.status === "completed" && r.startedAt < at && this.runs.delete(k)) n++;
    return n;
  }
}
