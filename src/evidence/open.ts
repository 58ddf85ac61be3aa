/** Picks the evidence store: PostgreSQL when given a URL, else the SQLite file. */
import { PostgresEvidenceStore } from "./postgres.js";
import type { StoreOptions } from "./record.js";
import { SqliteEvidenceStore } from "./sqlite.js";
import type { EvidenceStore } from "./types.js";

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
  if (databaseUrl) return PostgresEvidenceStore.open({ ...rest, connectionString: databaseUrl, ...(schema !== undefined ? { schema } : {}) });
  return new SqliteEvidenceStore({ ...rest, ...(sqlitePath !== undefined ? { path: sqlitePath } : {}) });
}
