/** Shared by the evidence tests: both stores behind one factory, a pinned clock, sample inputs. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { PostgresEvidenceStore } from "../../src/evidence/postgres.js";
import type { StoreOptions } from "../../src/evidence/record.js";
import { SqliteEvidenceStore } from "../../src/evidence/sqlite.js";
import type { EvidenceEvent, EvidenceInput, EvidenceStore } from "../../src/evidence/types.js";

export const DATABASE_URL = process.env.KEYWARD_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** One empty log, with a way in behind the store's back. */
export interface TestLog {
  readonly store: EvidenceStore;
  /** Another store on the same log: a second connection (SQLite) or pool (PostgreSQL). */
  openSecond(options?: StoreOptions): Promise<EvidenceStore>;
  /** Runs SQL directly against the database, as a tamperer would. */
  raw(sql: string): Promise<void>;
  /** Reads rows directly. */
  rawRows(sql: string): Promise<Record<string, unknown>[]>;
  cleanup(): Promise<void>;
}

export interface StoreFactory {
  readonly name: "sqlite" | "postgres";
  create(options?: StoreOptions): Promise<TestLog>;
}

export const sqliteFactory: StoreFactory = {
  name: "sqlite",
  async create(options = {}) {
    const dir = mkdtempSync(join(tmpdir(), "keyward-evidence-"));
    const path = join(dir, "nested", "evidence.db");
    const store = new SqliteEvidenceStore({ ...options, path });
    const opened: EvidenceStore[] = [store];
    return {
      store,
      async openSecond(more = {}) {
        const second = new SqliteEvidenceStore({ ...more, path });
        opened.push(second);
        return second;
      },
      async raw(sql) {
        const db = new Database(path);
        try {
          db.exec(sql);
        } finally {
          db.close();
        }
      },
      async rawRows(sql) {
        const db = new Database(path, { readonly: true });
        try {
          return db.prepare(sql).all() as Record<string, unknown>[];
        } finally {
          db.close();
        }
      },
      async cleanup() {
        for (const s of opened) await s.close().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

let schemas = 0;

export const postgresFactory: StoreFactory = {
  name: "postgres",
  async create(options = {}) {
    const schema = `keyward_test_${process.pid}_${Date.now().toString(36)}_${schemas++}`;
    const store = await PostgresEvidenceStore.open({ ...options, connectionString: DATABASE_URL, schema });
    const opened: EvidenceStore[] = [store];
    const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
    const withPath = (sql: string) => `SET search_path TO ${schema}; ${sql}`;
    return {
      store,
      async openSecond(more = {}) {
        const second = await PostgresEvidenceStore.open({ ...more, connectionString: DATABASE_URL, schema });
        opened.push(second);
        return second;
      },
      async raw(sql) {
        const client = await admin.connect();
        try {
          await client.query(withPath(sql));
        } finally {
          client.release();
        }
      },
      async rawRows(sql) {
        const client = await admin.connect();
        try {
          await client.query(`SET search_path TO ${schema}`);
          return (await client.query(sql)).rows as Record<string, unknown>[];
        } finally {
          client.release();
        }
      },
      async cleanup() {
        for (const s of opened) await s.close().catch(() => undefined);
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.end();
      },
    };
  },
};

export const FACTORIES: readonly StoreFactory[] = [sqliteFactory, postgresFactory];

/** A clock that starts at `start` and moves one minute (or `stepMs`) per reading. */
export function steppingClock(start = "2025-01-06T09:00:00.000Z", stepMs = 60_000): () => Date {
  let t = Date.parse(start);
  return () => {
    const now = new Date(t);
    t += stepMs;
    return now;
  };
}

export function input(event: EvidenceEvent, over: Partial<EvidenceInput> = {}): EvidenceInput {
  return { installation: 42, repository: "acme/api", fingerprint: "secret:fp-one", event, actor: "keyward", details: {}, ...over };
}

/** A whole lifecycle, ending in a granted exception on a second finding. */
export async function runLifecycle(store: EvidenceStore): Promise<void> {
  await store.transition(input("detected", { deliveryId: "d-1", details: { rule: "github-pat", severity: "high", path: "config/app.env", line: 3, preview: "ghp_…abcd" } }));
  await store.transition(input("issue-opened", { deliveryId: "d-1", details: { issue: 17 } }));
  await store.transition(input("assigned", { deliveryId: "d-1", details: { issue: 17, owners: ["@alice"] } }));
  await store.transition(input("acknowledged", { actor: "alice", deliveryId: "d-2", details: { issue: 17 } }));
  await store.transition(input("rotated", { actor: "alice", deliveryId: "d-3", details: { issue: 17, attestedBy: "alice" } }));
  await store.append(input("validity-checked", { deliveryId: "d-4", details: { result: "invalid" } }));
  await store.transition(input("fix-verified", { deliveryId: "d-4", details: { issue: 17, branch: "main" } }));
  await store.transition(input("closed", { deliveryId: "d-4", details: { issue: 17, verdict: "rotated-and-removed" } }));
  const other = { fingerprint: "secret:fp-two" };
  await store.transition(input("detected", { ...other, deliveryId: "d-5", details: { rule: "aws-access-key", severity: "critical" } }));
  await store.transition(input("exception-granted", { ...other, actor: "bob", deliveryId: "d-6", details: { approver: "bob", owner: "@alice", reason: "test account without data", expires: "2025-03-31" } }));
}
