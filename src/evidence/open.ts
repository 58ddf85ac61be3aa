/**
 * Picks the evidence store: PostgreSQL when given a URL, else the SQLite file. The drivers are
 * loaded only when a store is opened, so commands that never touch the log (keyward scan) do
 * not pay for them or need them built.
 */
import type { StoreOptions } from "./record.js";
import type { EvidenceStore } from "./types.js";

export const DEFAULT_SQLITE_PATH = ".keyward/evidence.db";

export interface OpenOptions extends StoreOptions {
  /** A PostgreSQL connection string; callers read it from DATABASE_URL. */
  readonly databaseUrl?: string;
  /** The SQLite file used without a URL (default .keyward/evidence.db). */
  readonly sqlitePath?: string;
  /** The PostgreSQL schema (default keyward). */
  readonly schema?: string;
}

export async function openEvidenceStore(options: OpenOptions = {}): Promise<EvidenceStore> {
  const { databaseUrl, sqlitePath, schema, ...rest } = options;
  if (databaseUrl) {
    const { PostgresEvidenceStore } = await import("./postgres.js");
    return PostgresEvidenceStore.open({ ...rest, connectionString: databaseUrl, ...(schema !== undefined ? { schema } : {}) });
  }
  const { SqliteEvidenceStore } = await import("./sqlite.js");
  return new SqliteEvidenceStore({ ...rest, path: sqlitePath ?? DEFAULT_SQLITE_PATH });
}

/**
 * The one way every entry point (the App, workers, the CLI) opens the store from its
 * environment: PostgreSQL at DATABASE_URL in schema KEYWARD_DB_SCHEMA, else SQLite at
 * KEYWARD_DB_PATH. `sqlitePath` (a CLI's `--db`) takes precedence over KEYWARD_DB_PATH.
 */
export function storeOptionsFromEnv(env: Readonly<Record<string, string | undefined>>, options: { sqlitePath?: string } = {}): OpenOptions {
  return {
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    ...(env.KEYWARD_DB_SCHEMA ? { schema: env.KEYWARD_DB_SCHEMA } : {}),
    sqlitePath: options.sqlitePath ?? env.KEYWARD_DB_PATH ?? DEFAULT_SQLITE_PATH,
  };
}

export function openStoreFromEnv(env: Readonly<Record<string, string | undefined>>, options: { sqlitePath?: string } = {}): Promise<EvidenceStore> {
  return openEvidenceStore(storeOptionsFromEnv(env, options));
}
