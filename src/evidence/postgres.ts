/**
 * The evidence log in PostgreSQL (pg), for Apps running more than one process.
 *
 * Immutability: row triggers raise on UPDATE and DELETE of `records` and a statement trigger
 * on TRUNCATE; an insert trigger refuses any row that does not extend the chain head. (A RULE
 * would silently do nothing; an error is what a tamperer should see.)
 *
 * Concurrency: each append runs in one transaction that first takes a transaction-scoped
 * advisory lock for this schema's log (pg_advisory_xact_lock), so writers from any number of
 * pools or processes go one at a time while reads carry on. Under READ COMMITTED the head read
 * after the lock sees every earlier commit, so no two records can share a parent; should
 * anything insert without the lock, the head trigger and the primary key refuse the fork. An
 * advisory lock needs no table privilege, so the App's role can be limited to SELECT and
 * INSERT on `records` (LOCK TABLE … EXCLUSIVE would need UPDATE or DELETE). The record and
 * the finding's state commit together.
 */
import pg from "pg";
import { GENESIS_HASH } from "./chain.js";
import type { DeliveryLedger } from "./ledger.js";
import { ledgerSchema, SqlLedger } from "./sql-ledger.js";
import { compareStates, derivedStates, fromRow, LIFECYCLE_SQL, ownersOfDetails, planAppend, RECORD_COLUMNS, recordFilter, stateOfEvent, toRow, TREE_HEAD_COLUMNS, treeHeadFromRow, treeHeadToRow, type AppendKind, type RecordRow, type StoreOptions, type TreeHeadRow } from "./record.js";
import type { EvidenceInput, EvidenceRecord, EvidenceStore, FindingState, RecordQuery, StateMismatch, StoredTreeHead } from "./types.js";

export interface PostgresStoreOptions extends StoreOptions {
  /** postgres://user@host:port/database */
  readonly connectionString: string;
  /** The schema holding the tables (default "keyward"), created when missing; tests use one each. */
  readonly schema?: string;
  /** Connections in the pool (default 10). */
  readonly maxConnections?: number;
}

function schemaSql(s: string): string {
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.records (
  seq          bigint PRIMARY KEY CHECK (seq > 0),
  "time"       text NOT NULL,
  installation bigint,
  repository   text NOT NULL,
  fingerprint  text NOT NULL,
  event        text NOT NULL,
  actor        text NOT NULL,
  delivery_id  text,
  details      text NOT NULL CHECK (details::json IS NOT NULL),
  prev_hash    text NOT NULL,
  hash         text NOT NULL UNIQUE
);
CREATE UNIQUE INDEX IF NOT EXISTS records_delivery ON ${s}.records (delivery_id, fingerprint, event) WHERE delivery_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS records_finding ON ${s}.records (repository, fingerprint);
CREATE INDEX IF NOT EXISTS records_time ON ${s}.records ("time");
CREATE TABLE IF NOT EXISTS ${s}.findings (
  repository  text NOT NULL,
  fingerprint text NOT NULL,
  state       text NOT NULL,
  updated_seq bigint NOT NULL REFERENCES ${s}.records (seq),
  PRIMARY KEY (repository, fingerprint)
);
CREATE TABLE IF NOT EXISTS ${s}.tree_heads (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  size      bigint NOT NULL CHECK (size >= 0),
  root      text NOT NULL,
  "time"    text NOT NULL,
  note      text,
  timestamp text,
  published text
);
CREATE OR REPLACE FUNCTION ${s}.records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'evidence records are append-only: % refused', TG_OP;
END $$;
CREATE OR REPLACE TRIGGER records_no_update_delete BEFORE UPDATE OR DELETE ON ${s}.records
  FOR EACH ROW EXECUTE FUNCTION ${s}.records_append_only();
CREATE OR REPLACE TRIGGER records_no_truncate BEFORE TRUNCATE ON ${s}.records
  FOR EACH STATEMENT EXECUTE FUNCTION ${s}.records_append_only();
CREATE OR REPLACE TRIGGER tree_heads_no_update_delete BEFORE UPDATE OR DELETE ON ${s}.tree_heads
  FOR EACH ROW EXECUTE FUNCTION ${s}.records_append_only();
CREATE OR REPLACE TRIGGER tree_heads_no_truncate BEFORE TRUNCATE ON ${s}.tree_heads
  FOR EACH STATEMENT EXECUTE FUNCTION ${s}.records_append_only();
CREATE OR REPLACE FUNCTION ${s}.records_extend_head() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE last record;
BEGIN
  SELECT seq, hash INTO last FROM ${s}.records ORDER BY seq DESC LIMIT 1;
  IF NEW.seq <> coalesce(last.seq, 0) + 1 OR NEW.prev_hash <> coalesce(last.hash, '${GENESIS_HASH}') THEN
    RAISE EXCEPTION 'evidence records must extend the chain head';
  END IF;
  RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER records_extend_head BEFORE INSERT ON ${s}.records
  FOR EACH ROW EXECUTE FUNCTION ${s}.records_extend_head();
`;
}

/** Advisory lock classes (first key); the second is hashtext(schema), one lock per log. */
const LOCK_APPEND = 0x4b57_0001;
const LOCK_SCHEMA = 0x4b57_0002;

export class PostgresEvidenceStore implements EvidenceStore {
  readonly ledger: DeliveryLedger;

  private constructor(
    private readonly pool: pg.Pool,
    /** The quoted schema name, safe to splice into SQL. */
    private readonly s: string,
    private readonly schema: string,
    private readonly clock: () => Date,
    private readonly afterInsert: StoreOptions["afterInsert"],
  ) {
    this.ledger = new SqlLedger(async (sql, params) => (await this.pool.query(sql, params as unknown[])).rows as Record<string, unknown>[], `${s}.`);
  }

  /** Connects and creates the schema when missing. */
  static async open(options: PostgresStoreOptions): Promise<PostgresEvidenceStore> {
    const schema = options.schema ?? "keyward";
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`schema name '${schema}' must be lowercase letters, digits and underscores`);
    const pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10 });
    // An idle connection the server dropped (a restart, a network cut) is discarded by the pool;
    // without a listener its 'error' would end the process. Queries during an outage still fail.
    pool.on("error", () => undefined);
    const store = new PostgresEvidenceStore(pool, `"${schema}"`, schema, options.clock ?? (() => new Date()), options.afterInsert);
    try {
      // Two processes starting at once must not race on CREATE … IF NOT EXISTS.
      await store.inTransaction(async (c) => {
        await c.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [LOCK_SCHEMA, schema]);
        // The App's own role (see grantAppRole) may only read and insert: it uses the tables the
        // schema's owner made and never runs DDL, which it could not anyway.
        const { rows } = await c.query<{ may_create: boolean | null; has_records: boolean; has_ledger: boolean }>(
          `SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) THEN has_schema_privilege($1, 'CREATE') END AS may_create, to_regclass($2) IS NOT NULL AS has_records, to_regclass($3) IS NOT NULL AS has_ledger`,
          [schema, `${store.s}.records`, `${store.s}.deliveries`],
        );
        const { may_create: mayCreate, has_records: hasRecords, has_ledger: hasLedger } = rows[0]!;
        // A schema migrated before the delivery ledger existed: every delivery would fail on it.
        if (mayCreate === false && hasRecords && !hasLedger) throw new Error(`the schema ${schema} has no delivery ledger and this role may not create it: run 'keyward evidence migrate' as the schema's owner`);
        if (mayCreate === false && hasRecords) return;
        if (mayCreate === false) throw new Error(`the schema ${schema} has no evidence tables and this role may not create them: run 'keyward evidence migrate' as the schema's owner`);
        await c.query(schemaSql(store.s) + ledgerSchema(`${store.s}.`, "bigint"));
      });
    } catch (err) {
      await pool.end();
      throw err;
    }
    return store;
  }

  /**
   * The migration for running the App with least privilege: creates the tables (as their owner)
   * and a role that may SELECT and INSERT the records and tree heads — never UPDATE, DELETE or
   * TRUNCATE them, nor drop the triggers, which only the owner may — and keep the state cache.
   * The role is created NOLOGIN when missing; give it a password and LOGIN, and point the App's
   * DATABASE_URL at it.
   */
  static async grantAppRole(options: PostgresStoreOptions, role: string): Promise<void> {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`role name '${role}' must be lowercase letters, digits and underscores`);
    const store = await PostgresEvidenceStore.open(options);
    try {
      const s = store.s;
      await store.inTransaction(async (c) => {
        await c.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [LOCK_SCHEMA, store.schema]);
        await c.query(`DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE "${role}" NOLOGIN; END IF; END $$`);
        await c.query(`GRANT USAGE ON SCHEMA ${s} TO "${role}"`);
        await c.query(`REVOKE ALL ON ${s}.records, ${s}.tree_heads, ${s}.findings FROM "${role}"`);
        await c.query(`GRANT SELECT, INSERT ON ${s}.records, ${s}.tree_heads TO "${role}"`);
        await c.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${s}.findings TO "${role}"`);
        // The delivery ledger is bookkeeping the App updates as deliveries progress.
        await c.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${s}.deliveries, ${s}.check_runs TO "${role}"`);
        await c.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${s} TO "${role}"`);
      });
    } finally {
      await store.close();
    }
  }

  async transition(input: EvidenceInput): Promise<EvidenceRecord> {
    return this.write("transition", input);
  }

  async append(input: EvidenceInput): Promise<EvidenceRecord> {
    return this.write("append", input);
  }

  private write(kind: AppendKind, input: EvidenceInput): Promise<EvidenceRecord> {
    const s = this.s;
    return this.inTransaction(async (c) => {
      await c.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [LOCK_APPEND, this.schema]);
      if (input.deliveryId !== undefined) {
        const existing = await c.query<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM ${s}.records WHERE delivery_id = $1 AND fingerprint = $2 AND event = $3`, [input.deliveryId, input.fingerprint, input.event]);
        if (existing.rows[0]) return fromRow(existing.rows[0]);
      }
      // The state comes from the records themselves; the findings table is only a cache.
      const current = await c.query<{ event: string }>(`SELECT event FROM ${s}.records WHERE repository = $1 AND fingerprint = $2 AND event IN (${LIFECYCLE_SQL}) ORDER BY seq DESC LIMIT 1`, [input.repository, input.fingerprint]);
      const owners = input.event === "exception-granted" ? ownersOfDetails((await c.query<{ event: string; details: string }>(`SELECT event, details FROM ${s}.records WHERE repository = $1 AND fingerprint = $2`, [input.repository, input.fingerprint])).rows) : [];
      const head = await c.query<{ seq: string; hash: string }>(`SELECT seq, hash FROM ${s}.records ORDER BY seq DESC LIMIT 1`);
      const link = head.rows[0] && { seq: Number(head.rows[0].seq), hash: head.rows[0].hash };
      const plan = planAppend(kind, input, stateOfEvent(current.rows[0]?.event), link, this.clock(), owners);
      await c.query(`INSERT INTO ${s}.records (${RECORD_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, toRow(plan.record));
      this.afterInsert?.(plan.record);
      if (plan.state) {
        await c.query(
          `INSERT INTO ${s}.findings (repository, fingerprint, state, updated_seq) VALUES ($1, $2, $3, $4)
           ON CONFLICT (repository, fingerprint) DO UPDATE SET state = excluded.state, updated_seq = excluded.updated_seq`,
          [input.repository, input.fingerprint, plan.state, plan.record.seq],
        );
      }
      return plan.record;
    });
  }

  async stateOf(repository: string, fingerprint: string): Promise<FindingState | undefined> {
    const { rows } = await this.pool.query<{ event: string }>(`SELECT event FROM ${this.s}.records WHERE repository = $1 AND fingerprint = $2 AND event IN (${LIFECYCLE_SQL}) ORDER BY seq DESC LIMIT 1`, [repository, fingerprint]);
    return stateOfEvent(rows[0]?.event);
  }

  async checkStateCache(): Promise<StateMismatch[]> {
    const cache = await this.pool.query<{ repository: string; fingerprint: string; state: FindingState }>(`SELECT repository, fingerprint, state FROM ${this.s}.findings`);
    return compareStates(cache.rows, derivedStates(await this.lifecycleRows(this.pool)));
  }

  async rebuildStateCache(): Promise<number> {
    return this.inTransaction(async (c) => {
      await c.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [LOCK_APPEND, this.schema]);
      await c.query(`DELETE FROM ${this.s}.findings`);
      const rows = await this.lifecycleRows(c);
      const last = new Map<string, number>();
      for (const r of rows) last.set(`${r.repository}\u0000${r.fingerprint}`, Number(r.seq));
      const derived = derivedStates(rows);
      for (const [key, d] of derived) {
        await c.query(`INSERT INTO ${this.s}.findings (repository, fingerprint, state, updated_seq) VALUES ($1, $2, $3, $4)`, [d.repository, d.fingerprint, d.state, last.get(key)]);
      }
      return derived.size;
    });
  }

  private async lifecycleRows(q: pg.Pool | pg.PoolClient): Promise<{ seq: string; repository: string; fingerprint: string; event: EvidenceRecord["event"] }[]> {
    return (await q.query<{ seq: string; repository: string; fingerprint: string; event: EvidenceRecord["event"] }>(`SELECT seq, repository, fingerprint, event FROM ${this.s}.records WHERE event IN (${LIFECYCLE_SQL}) ORDER BY seq`)).rows;
  }

  async records(query: RecordQuery = {}): Promise<EvidenceRecord[]> {
    const { where, params } = recordFilter(query, (n) => `$${n}`);
    const { rows } = await this.pool.query<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM ${this.s}.records ${where} ORDER BY seq`, params);
    return rows.map(fromRow);
  }

  async head(): Promise<EvidenceRecord | undefined> {
    const { rows } = await this.pool.query<RecordRow>(`SELECT ${RECORD_COLUMNS} FROM ${this.s}.records ORDER BY seq DESC LIMIT 1`);
    return rows[0] && fromRow(rows[0]);
  }

  async addTreeHead(head: StoredTreeHead): Promise<void> {
    await this.pool.query(`INSERT INTO ${this.s}.tree_heads (${TREE_HEAD_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`, treeHeadToRow(head));
  }

  async treeHeads(): Promise<StoredTreeHead[]> {
    const { rows } = await this.pool.query<TreeHeadRow>(`SELECT ${TREE_HEAD_COLUMNS} FROM ${this.s}.tree_heads ORDER BY id`);
    return rows.map(treeHeadFromRow);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (err) {
      await client.query("ROLLBACK").catch((rollbackErr: Error) => (broken = rollbackErr));
      throw err;
    } finally {
      // A connection that could not roll back is not handed to the next caller.
      client.release(broken);
    }
  }
}
