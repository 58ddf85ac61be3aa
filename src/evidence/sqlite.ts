/**
 * The evidence log in a SQLite file (better-sqlite3), for the CLI and single-host Apps.
 *
 * Immutability: triggers make the database itself refuse UPDATE and DELETE on `records`, and
 * refuse an INSERT that does not extend the chain head (seq = last + 1, prev_hash = last hash).
 * Anyone who can write the file can still drop the triggers; the hash chain and signed
 * checkpoints are what expose that.
 *
 * Concurrency: every append is one `BEGIN IMMEDIATE` transaction, which takes the file's write
 * lock before the head is read, so two processes on one file queue (busy timeout) instead of
 * both extending the same head. The record insert and the finding's state update commit or
 * roll back together. WAL mode lets readers go on while a writer holds the lock.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { GENESIS_HASH } from "./chain.js";
import type { DeliveryLedger } from "./ledger.js";
import { DEFAULT_SQLITE_PATH } from "./open.js";
import { ledgerSchema, SqlLedger } from "./sql-ledger.js";
import { compareStates, derivedStates, fromRow, LIFECYCLE_SQL, ownersOfDetails, planAppend, RECORD_COLUMNS, recordFilter, stateOfEvent, toRow, TREE_HEAD_COLUMNS, treeHeadFromRow, treeHeadToRow, type AppendKind, type RecordRow, type StoreOptions, type TreeHeadRow } from "./record.js";
import type { EvidenceInput, EvidenceRecord, EvidenceStore, FindingState, RecordQuery, StateMismatch, StoredTreeHead } from "./types.js";

export interface SqliteStoreOptions extends StoreOptions {
  /** The database file (default .keyward/evidence.db under the working directory); its directory is created. */
  readonly path?: string;
  /** How long an append waits for another writer's lock before failing (default 10 s). */
  readonly busyTimeoutMs?: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS records (
  seq          INTEGER PRIMARY KEY CHECK (seq > 0),
  time         TEXT NOT NULL,
  installation INTEGER,
  repository   TEXT NOT NULL,
  fingerprint  TEXT NOT NULL,
  event        TEXT NOT NULL,
  actor        TEXT NOT NULL,
  delivery_id  TEXT,
  details      TEXT NOT NULL CHECK (json_valid(details)),
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL UNIQUE
);
CREATE UNIQUE INDEX IF NOT EXISTS records_delivery ON records (delivery_id, fingerprint, event) WHERE delivery_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS records_finding ON records (repository, fingerprint);
CREATE INDEX IF NOT EXISTS records_time ON records (time);
CREATE TABLE IF NOT EXISTS findings (
  repository  TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  state       TEXT NOT NULL,
  updated_seq INTEGER NOT NULL REFERENCES records (seq),
  PRIMARY KEY (repository, fingerprint)
);
CREATE TABLE IF NOT EXISTS tree_heads (
  id        INTEGER PRIMARY KEY,
  size      INTEGER NOT NULL CHECK (size >= 0),
  root      TEXT NOT NULL,
  time      TEXT NOT NULL,
  note      TEXT,
  timestamp TEXT,
  published TEXT
);
CREATE TRIGGER IF NOT EXISTS tree_heads_no_update BEFORE UPDATE ON tree_heads
BEGIN SELECT RAISE(ABORT, 'tree heads are append-only: UPDATE refused'); END;
CREATE TRIGGER IF NOT EXISTS tree_heads_no_delete BEFORE DELETE ON tree_heads
BEGIN SELECT RAISE(ABORT, 'tree heads are append-only: DELETE refused'); END;
CREATE TRIGGER IF NOT EXISTS records_no_update BEFORE UPDATE ON records
BEGIN SELECT RAISE(ABORT, 'evidence records are append-only: UPDATE refused'); END;
CREATE TRIGGER IF NOT EXISTS records_no_delete BEFORE DELETE ON records
BEGIN SELECT RAISE(ABORT, 'evidence records are append-only: DELETE refused'); END;
CREATE TRIGGER IF NOT EXISTS records_extend_head BEFORE INSERT ON records
WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM records)
  OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM records ORDER BY seq DESC LIMIT 1), '${GENESIS_HASH}')
BEGIN SELECT RAISE(ABORT, 'evidence records must extend the chain head'); END;
`;

/**
 * Switching a new file to WAL takes an exclusive lock, and SQLite may return SQLITE_BUSY at once
 * instead of calling the busy handler (to avoid a deadlock) when several processes open the same
 * new file together. Retry for as long as the busy timeout allows rather than fail the process.
 */
function setWalMode(db: Database.Database, timeoutMs: number): void {
  const end = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      db.pragma("journal_mode = WAL");
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== "SQLITE_BUSY" || Date.now() > end) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(5 * 2 ** Math.min(attempt, 5), 100));
    }
  }
}

export class SqliteEvidenceStore implements EvidenceStore {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly clock: () => Date;
  private readonly afterInsert: StoreOptions["afterInsert"];
  private readonly sql;
  readonly ledger: DeliveryLedger;

  constructor(options: SqliteStoreOptions = {}) {
    this.path = options.path === ":memory:" ? ":memory:" : resolve(options.path ?? DEFAULT_SQLITE_PATH);
    if (this.path !== ":memory:") mkdirSync(dirname(this.path), { recursive: true });
    this.clock = options.clock ?? (() => new Date());
    this.afterInsert = options.afterInsert;
    this.db = new Database(this.path, { timeout: options.busyTimeoutMs ?? 10_000 });
    setWalMode(this.db, options.busyTimeoutMs ?? 10_000);
    // An acknowledged append survives a power cut, not just a crash of the process.
    this.db.pragma("synchronous = FULL");
    this.db.pragma("foreign_keys = ON");
    this.db.transaction(() => this.db.exec(SCHEMA + ledgerSchema(""))).immediate();
    const statements = new Map<string, Database.Statement>();
    this.ledger = new SqlLedger(async (sql, params) => {
      let st = statements.get(sql);
      if (!st) statements.set(sql, (st = this.db.prepare(sql.replace(/\$\d+/g, "?"))));
      return st.reader ? (st.all(...params) as Record<string, unknown>[]) : (st.run(...params), []);
    });
    this.sql = {
      byDelivery: this.db.prepare<[string, string, string], RecordRow>(`SELECT ${RECORD_COLUMNS} FROM records WHERE delivery_id = ? AND fingerprint = ? AND event = ?`),
      // The state comes from the records themselves; the findings table is only a cache.
      state: this.db.prepare<[string, string], { event: string }>(`SELECT event FROM records WHERE repository = ? AND fingerprint = ? AND event IN (${LIFECYCLE_SQL}) ORDER BY seq DESC LIMIT 1`),
      details: this.db.prepare<[string, string], { event: string; details: string }>(`SELECT event, details FROM records WHERE repository = ? AND fingerprint = ?`),
      head: this.db.prepare<[], RecordRow>(`SELECT ${RECORD_COLUMNS} FROM records ORDER BY seq DESC LIMIT 1`),
      headLink: this.db.prepare<[], { seq: number; hash: string }>(`SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1`),
      insert: this.db.prepare(`INSERT INTO records (${RECORD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      upsertState: this.db.prepare(
        `INSERT INTO findings (repository, fingerprint, state, updated_seq) VALUES (?, ?, ?, ?)
         ON CONFLICT (repository, fingerprint) DO UPDATE SET state = excluded.state, updated_seq = excluded.updated_seq`,
      ),
    };
  }

  async transition(input: EvidenceInput): Promise<EvidenceRecord> {
    return this.write("transition", input);
  }

  async append(input: EvidenceInput): Promise<EvidenceRecord> {
    return this.write("append", input);
  }

  private write(kind: AppendKind, input: EvidenceInput): EvidenceRecord {
    const run = this.db.transaction((): EvidenceRecord => {
      if (input.deliveryId !== undefined) {
        const existing = this.sql.byDelivery.get(input.deliveryId, input.fingerprint, input.event);
        if (existing) return fromRow(existing);
      }
      const current = stateOfEvent(this.sql.state.get(input.repository, input.fingerprint)?.event);
      const owners = input.event === "exception-granted" ? ownersOfDetails(this.sql.details.all(input.repository, input.fingerprint)) : [];
      const plan = planAppend(kind, input, current, this.sql.headLink.get(), this.clock(), owners);
      this.sql.insert.run(...toRow(plan.record));
      this.afterInsert?.(plan.record);
      if (plan.state) this.sql.upsertState.run(input.repository, input.fingerprint, plan.state, plan.record.seq);
      return plan.record;
    });
    return run.immediate();
  }

  async stateOf(repository: string, fingerprint: string): Promise<FindingState | undefined> {
    return stateOfEvent(this.sql.state.get(repository, fingerprint)?.event);
  }

  async checkStateCache(): Promise<StateMismatch[]> {
    const cache = this.db.prepare<[], { repository: string; fingerprint: string; state: FindingState }>(`SELECT repository, fingerprint, state FROM findings`).all();
    return compareStates(cache, derivedStates(this.lifecycleRows()));
  }

  async rebuildStateCache(): Promise<number> {
    return this.db.transaction(() => {
      this.db.exec("DELETE FROM findings");
      const derived = derivedStates(this.lifecycleRows());
      const seqOf = this.db.prepare<[string, string], { seq: number }>(`SELECT max(seq) AS seq FROM records WHERE repository = ? AND fingerprint = ? AND event IN (${LIFECYCLE_SQL})`);
      for (const d of derived.values()) this.sql.upsertState.run(d.repository, d.fingerprint, d.state, seqOf.get(d.repository, d.fingerprint)!.seq);
      return derived.size;
    }).immediate();
  }

  private lifecycleRows(): { repository: string; fingerprint: string; event: EvidenceRecord["event"] }[] {
    return this.db.prepare<[], { repository: string; fingerprint: string; event: EvidenceRecord["event"] }>(`SELECT repository, fingerprint, event FROM records WHERE event IN (${LIFECYCLE_SQL}) ORDER BY seq`).all();
  }

  async records(query: RecordQuery = {}): Promise<EvidenceRecord[]> {
    const { where, params } = recordFilter(query);
    return this.db
      .prepare<unknown[], RecordRow>(`SELECT ${RECORD_COLUMNS} FROM records ${where} ORDER BY seq`)
      .all(...params)
      .map(fromRow);
  }

  async head(): Promise<EvidenceRecord | undefined> {
    const row = this.sql.head.get();
    return row && fromRow(row);
  }

  async addTreeHead(head: StoredTreeHead): Promise<void> {
    this.db.prepare(`INSERT INTO tree_heads (${TREE_HEAD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`).run(...treeHeadToRow(head));
  }

  async treeHeads(): Promise<StoredTreeHead[]> {
    return this.db.prepare<[], TreeHeadRow>(`SELECT ${TREE_HEAD_COLUMNS} FROM tree_heads ORDER BY id`).all().map(treeHeadFromRow);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
