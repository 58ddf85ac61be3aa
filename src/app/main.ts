#!/usr/bin/env node
/**
 * `npm start`: run the App against GitHub. Reads .env (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH,
 * WEBHOOK_SECRET, and optionally GHE_HOST, PORT, HOST, DATABASE_URL, KEYWARD_DB_PATH,
 * KEYWARD_FINGERPRINT_KEY). Evidence goes to PostgreSQL when DATABASE_URL is set, else SQLite.
 */
import { existsSync, readFileSync } from "node:fs";
import { openEvidenceStore } from "../evidence/open.js";
import { ConfigurationError, startApp } from "./server.js";

if (existsSync(".env")) process.loadEnvFile(".env");
const env = process.env;

function privateKey(): string {
  if (env.PRIVATE_KEY) return env.PRIVATE_KEY.includes("BEGIN") ? env.PRIVATE_KEY.replace(/\\n/g, "\n") : Buffer.from(env.PRIVATE_KEY, "base64").toString("utf8");
  if (env.PRIVATE_KEY_PATH) return readFileSync(env.PRIVATE_KEY_PATH, "utf8");
  throw new ConfigurationError("PRIVATE_KEY or PRIVATE_KEY_PATH is not set (the App's private key from its settings page)");
}

try {
  if (!env.APP_ID) throw new ConfigurationError("APP_ID is not set (register the App from app.yml first; see README)");
  const store = await openEvidenceStore({ ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}), sqlitePath: env.KEYWARD_DB_PATH ?? ".keyward/evidence.db" });
  const app = await startApp({
    appId: env.APP_ID,
    privateKey: privateKey(),
    webhookSecret: env.WEBHOOK_SECRET,
    ...(env.GHE_HOST ? { baseUrl: `${env.GHE_PROTOCOL ?? "https"}://${env.GHE_HOST}/api/v3` } : {}),
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? "0.0.0.0",
    store,
    ...(env.KEYWARD_FINGERPRINT_KEY ? { hashKey: env.KEYWARD_FINGERPRINT_KEY } : {}),
  });
  const stop = async () => {
    await app.stop();
    await store.close();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} catch (err) {
  process.stderr.write(`keyward: ${(err as Error).message}\n`);
  process.exit(err instanceof ConfigurationError ? 2 : 1);
}
