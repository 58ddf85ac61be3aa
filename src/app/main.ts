#!/usr/bin/env node
/**
 * `npm start`: run the App against GitHub. Reads .env (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH,
 * WEBHOOK_SECRET, and optionally GHE_HOST, PORT, HOST, DATABASE_URL, KEYWARD_DB_PATH,
 * KEYWARD_FINGERPRINT_KEY, REDIS_URL). Evidence goes to PostgreSQL when DATABASE_URL is set,
 * else SQLite. With REDIS_URL this process only receives and queues; `keyward worker` processes.
 */
import { openStoreFromEnv } from "../evidence/open.js";
import { appIdFrom, baseUrlFrom, loadDotEnv, privateKeyFrom } from "./env.js";
import { ConfigurationError, startApp } from "./server.js";

loadDotEnv();
const env = process.env;

try {
  const store = await openStoreFromEnv(env);
  const baseUrl = baseUrlFrom(env);
  const app = await startApp({
    appId: appIdFrom(env),
    privateKey: privateKeyFrom(env),
    webhookSecret: env.WEBHOOK_SECRET,
    ...(baseUrl ? { baseUrl } : {}),
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? "0.0.0.0",
    store,
    ...(env.KEYWARD_FINGERPRINT_KEY ? { hashKey: env.KEYWARD_FINGERPRINT_KEY } : {}),
    ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
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
