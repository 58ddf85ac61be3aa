/**
 * Picks the evidence store: PostgreSQL when given a URL, else the SQLite file. The drivers are
 * loaded only when a store is opened, so commands that never touch the log (keyward scan) do
 * not pay for them or need them built.
 *
 * `openStoreFromEnv` is the one way to open it from settings (DATABASE_URL, KEYWARD_DB_SCHEMA,
 * KEYWARD_DB_PATH), so every command and the App write to the same place.
 */
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
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

/** Why the embedded store cannot load, and what to run: npm skips unapproved install scripts. */
export class StoreUnavailableError extends Error {
  override readonly name = "StoreUnavailableError";
}

export const SQLITE_BUILD_HINT =
  "the embedded evidence store (better-sqlite3) has no native build: its install script did not run. " +
  "Reinstall allowing it: npm install -g keyward --allow-scripts=better-sqlite3 " +
  "(inside a project: npm install-scripts approve better-sqlite3, then npm rebuild better-sqlite3); " +
  "or set DATABASE_URL to keep the log in PostgreSQL";

export async function openEvidenceStore(options: OpenOptions = {}): Promise<EvidenceStore> {
  const { databaseUrl, sqlitePath, schema, ...rest } = options;
  if (databaseUrl) {
    const { PostgresEvidenceStore } = await import("./postgres.js");
    return PostgresEvidenceStore.open({ ...rest, connectionString: databaseUrl, ...(schema !== undefined ? { schema } : {}) });
  }
  try {
    const { SqliteEvidenceStore } = await import("./sqlite.js");
    return new SqliteEvidenceStore({ ...rest, path: sqlitePath ?? DEFAULT_SQLITE_PATH });
  } catch (err) {
    if (missingNativeBuild(err)) throw new StoreUnavailableError(SQLITE_BUILD_HINT, { cause: err });
    throw err;
  }
}

/** `bindings` cannot find better_sqlite3.node, or finds one built for another Node. */
function missingNativeBuild(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /Could not locate the bindings file|better_sqlite3\.node|NODE_MODULE_VERSION|Cannot find module 'better-sqlite3'/.test(message);
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where the CLI keeps its SQLite log when nothing says otherwise: per user, never inside the
 * repository being scanned or reviewed ($XDG_DATA_HOME/keyward, else ~/.local/share/keyward).
 */
export function userSqlitePath(env: Env): string {
  const base = env.XDG_DATA_HOME || join(env.HOME || homedir(), ".local", "share");
  return join(base, "keyward", "evidence.db");
}

export const STORE_LOCATION_HELP =
  "DATABASE_URL selects PostgreSQL (schema KEYWARD_DB_SCHEMA, default keyward); otherwise the SQLite file --db PATH, " +
  "else KEYWARD_DB_PATH, else $XDG_DATA_HOME/keyward/evidence.db (~/.local/share/keyward/evidence.db)";

export interface FromEnvOptions extends StoreOptions {
  /** An explicit SQLite file (a CLI's `--db`), relative to `cwd`; takes precedence over KEYWARD_DB_PATH. */
  readonly sqlitePath?: string | undefined;
  readonly cwd?: string;
  /**
   * The SQLite file when neither `sqlitePath` nor KEYWARD_DB_PATH is set: .keyward/evidence.db
   * for the App and workers (their working directory is theirs); the CLI passes
   * `userSqlitePath(env)`, so it never writes into the repository it is pointed at.
   */
  readonly fallback?: string;
  /** Refuse to create a SQLite file that is not there (reading commands: a typo must not look like an empty log). */
  readonly mustExist?: boolean;
}

/**
 * The one way every entry point (the App, workers, the CLI) finds the store from its
 * environment: PostgreSQL at DATABASE_URL in schema KEYWARD_DB_SCHEMA, else SQLite at
 * `sqlitePath`, KEYWARD_DB_PATH, then the fallback.
 */
export function storeOptionsFromEnv(env: Env, options: Pick<FromEnvOptions, "sqlitePath" | "cwd" | "fallback"> = {}): OpenOptions {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL, ...(env.KEYWARD_DB_SCHEMA ? { schema: env.KEYWARD_DB_SCHEMA } : {}) };
  const path = options.sqlitePath || env.KEYWARD_DB_PATH || options.fallback || DEFAULT_SQLITE_PATH;
  return { sqlitePath: resolve(options.cwd ?? process.cwd(), path) };
}

export async function openStoreFromEnv(env: Env, options: FromEnvOptions = {}): Promise<EvidenceStore> {
  const { sqlitePath, cwd, fallback, mustExist, ...rest } = options;
  const where = storeOptionsFromEnv(env, { sqlitePath, ...(cwd !== undefined ? { cwd } : {}), ...(fallback !== undefined ? { fallback } : {}) });
  if (mustExist && where.sqlitePath && !existsSync(where.sqlitePath))
    throw new StoreUnavailableError(`no evidence log at ${where.sqlitePath} (pass --db PATH, set KEYWARD_DB_PATH, or DATABASE_URL for PostgreSQL)`);
  return openEvidenceStore({ ...rest, ...where });
}

/** How the CLI opens the log: `--db`, KEYWARD_DB_PATH, else the user's data directory. */
export function openCliStore(env: Env, options: { db?: string | undefined; cwd: string; mustExist?: boolean }): Promise<EvidenceStore> {
  return openStoreFromEnv(env, { sqlitePath: options.db, cwd: options.cwd, fallback: userSqlitePath(env), ...(options.mustExist ? { mustExist: true } : {}) });
}
