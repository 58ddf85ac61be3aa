/**
 * The delivery ledger (ledger.ts) in SQL, shared by the SQLite and PostgreSQL stores: the same
 * statements, each atomic on its own, so two processes claiming one delivery cannot both win.
 */
import type { CheckRunRow, Claim, DeliveryLedger, DeliveryRow, DeliveryStatus } from "./ledger.js";

/** Runs one statement; parameters are written $1, $2 … and each is used once, in order. */
export type Query = (sql: string, params: readonly unknown[]) => Promise<Record<string, unknown>[]>;

/** `bigint` is the PostgreSQL spelling; SQLite takes any integer type. */
export function ledgerSchema(prefix: string, bigint = "INTEGER"): string {
  return `
CREATE TABLE IF NOT EXISTS ${prefix}deliveries (
  id         TEXT PRIMARY KEY,
  event      TEXT NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('started', 'failed', 'done')),
  attempts   ${bigint} NOT NULL,
  started_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  error      TEXT
);
CREATE INDEX IF NOT EXISTS deliveries_status ON ${prefix}deliveries (status, started_at);
CREATE TABLE IF NOT EXISTS ${prefix}check_runs (
  delivery_id  TEXT NOT NULL,
  repository   TEXT NOT NULL,
  head_sha     TEXT NOT NULL,
  external_id  TEXT NOT NULL,
  installation ${bigint},
  check_run_id ${bigint},
  status       TEXT NOT NULL CHECK (status IN ('creating', 'in_progress', 'completed')),
  started_at   TEXT NOT NULL,
  PRIMARY KEY (delivery_id, repository, head_sha)
);
CREATE INDEX IF NOT EXISTS check_runs_open ON ${prefix}check_runs (status, started_at);
`;
}

const DELIVERY_COLUMNS = "id, event, status, attempts, started_at, updated_at, error";
const CHECK_RUN_COLUMNS = "delivery_id, repository, head_sha, external_id, installation, check_run_id, status, started_at";

function deliveryOf(r: Record<string, unknown>): DeliveryRow {
  return {
    id: String(r.id),
    event: String(r.event),
    status: r.status as DeliveryStatus,
    attempts: Number(r.attempts),
    startedAt: String(r.started_at),
    updatedAt: String(r.updated_at),
    ...(r.error != null ? { error: String(r.error) } : {}),
  };
}

function checkRunOf(r: Record<string, unknown>): CheckRunRow {
  return {
    deliveryId: String(r.delivery_id),
    repository: String(r.repository),
    headSha: String(r.head_sha),
    externalId: String(r.external_id),
    ...(r.installation != null ? { installation: Number(r.installation) } : {}),
    ...(r.check_run_id != null ? { checkRunId: Number(r.check_run_id) } : {}),
    status: r.status as CheckRunRow["status"],
    startedAt: String(r.started_at),
  };
}

export class SqlLedger implements DeliveryLedger {
  /** `prefix`: the schema-qualified table prefix (`"keyward".`), or empty. */
  constructor(
    private readonly q: Query,
    private readonly prefix = "",
  ) {}

  async claimDelivery(id: string, event: string, now: Date, staleBefore: Date): Promise<Claim> {
    const at = now.toISOString();
    const claimed = await this.q(
      `INSERT INTO ${this.prefix}deliveries AS d (id, event, status, attempts, started_at, updated_at) VALUES ($1, $2, 'started', 1, $3, $4)
       ON CONFLICT (id) DO UPDATE SET status = 'started', attempts = d.attempts + 1, started_at = excluded.started_at, updated_at = excluded.updated_at, error = NULL
       WHERE d.status = 'failed' OR (d.status = 'started' AND d.started_at < $5)
       RETURNING attempts`,
      [id, event, at, at, staleBefore.toISOString()],
    );
    if (claimed[0]) return { claimed: true, attempt: Number(claimed[0].attempts) };
    const row = await this.delivery(id);
    // Claimed and finished by another process between the two statements: as good as done.
    return { claimed: false, status: row?.status ?? "done", attempts: row?.attempts ?? 1 };
  }

  async finishDelivery(id: string, status: "done" | "failed", now: Date, error?: string): Promise<void> {
    await this.q(`UPDATE ${this.prefix}deliveries SET status = $1, updated_at = $2, error = $3 WHERE id = $4`, [status, now.toISOString(), error ?? null, id]);
  }

  async delivery(id: string): Promise<DeliveryRow | undefined> {
    const rows = await this.q(`SELECT ${DELIVERY_COLUMNS} FROM ${this.prefix}deliveries WHERE id = $1`, [id]);
    return rows[0] && deliveryOf(rows[0]);
  }

  async deliveries(status: DeliveryStatus, limit: number): Promise<DeliveryRow[]> {
    const rows = await this.q(`SELECT ${DELIVERY_COLUMNS} FROM ${this.prefix}deliveries WHERE status = $1 ORDER BY started_at LIMIT $2`, [status, limit]);
    return rows.map(deliveryOf);
  }

  async noteCheckRun(row: CheckRunRow): Promise<void> {
    await this.q(
      `INSERT INTO ${this.prefix}check_runs (${CHECK_RUN_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (delivery_id, repository, head_sha) DO UPDATE SET external_id = excluded.external_id, installation = excluded.installation,
         check_run_id = excluded.check_run_id, status = excluded.status, started_at = excluded.started_at`,
      [row.deliveryId, row.repository, row.headSha, row.externalId, row.installation ?? null, row.checkRunId ?? null, row.status, row.startedAt],
    );
  }

  async checkRunOf(deliveryId: string, repository: string, headSha: string): Promise<CheckRunRow | undefined> {
    const rows = await this.q(`SELECT ${CHECK_RUN_COLUMNS} FROM ${this.prefix}check_runs WHERE delivery_id = $1 AND repository = $2 AND head_sha = $3`, [deliveryId, repository, headSha]);
    return rows[0] && checkRunOf(rows[0]);
  }

  async openCheckRuns(startedBefore: Date, limit: number): Promise<CheckRunRow[]> {
    const rows = await this.q(`SELECT ${CHECK_RUN_COLUMNS} FROM ${this.prefix}check_runs WHERE status <> 'completed' AND started_at < $1 ORDER BY started_at LIMIT $2`, [startedBefore.toISOString(), limit]);
    return rows.map(checkRunOf);
  }

  async prune(before: Date): Promise<number> {
    const at = before.toISOString();
    const d = await this.q(`DELETE FROM ${this.prefix}deliveries WHERE status = 'done' AND updated_at < $1 RETURNING id`, [at]);
    const c = await this.q(`DELETE FROM ${this.prefix}check_runs WHERE status = 'completed' AND started_at < $1 RETURNING delivery_id`, [at]);
    return d.length + c.length;
  }
}
