#!/usr/bin/env node
/**
 * `npm start`: run the App against GitHub. Reads .env (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH,
 * WEBHOOK_SECRET, KEYWARD_FINGERPRINT_KEY, and optionally GHE_HOST, PORT, HOST, DATABASE_URL,
 * KEYWARD_DB_PATH, REDIS_URL, KEYWARD_QUEUE, METRICS_HOST / METRICS_PORT (/metrics, default
 * 127.0.0.1:9465), LOG_LEVEL). Every setting is checked before anything
 * starts (env.ts); evidence goes to PostgreSQL when DATABASE_URL is set, else SQLite. With
 * REDIS_URL this process only receives and queues; `keyward worker` processes.
 */
import { openStoreFromEnv } from "../evidence/open.js";
import { appSettingsFrom, loadDotEnv } from "./env.js";
import { ConfigurationError } from "./config-error.js";
import { appLogger } from "./log.js";
import { startApp } from "./server.js";

loadDotEnv();
const env = process.env;

try {
  const settings = await appSettingsFrom(env, "app");
  const store = await openStoreFromEnv(env);
  const app = await startApp({
    ...settings,
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? "0.0.0.0",
    store,
    log: appLogger(env),
    ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
    ...(env.KEYWARD_QUEUE ? { queueName: env.KEYWARD_QUEUE } : {}),
    // Loopback unless asked: the webhook server is public, the metrics are not for the world.
    metricsListen: { host: env.METRICS_HOST ?? "127.0.0.1", port: Number(env.METRICS_PORT ?? 9465) },
  });
  if (app.metricsAddress) process.stderr.write(`keyward: metrics on ${app.metricsAddress.host}:${app.metricsAddress.port}/metrics\n`);
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
