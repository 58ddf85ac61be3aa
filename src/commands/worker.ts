/** `keyward worker`: process queued deliveries (queue mode; see README "Scaling out"). */
import { parseArgs } from "node:util";
import { CliError, EXIT, type Command } from "../cli.js";
import { openStoreFromEnv } from "../evidence/open.js";

const HELP = `Usage: keyward worker [--concurrency N] [--metrics-port PORT] [--metrics-host HOST]

Takes webhook deliveries off the Redis queue (REDIS_URL) and processes them with the App's
handlers. Run any number of workers on any number of machines against the same REDIS_URL and
DATABASE_URL. Reads APP_ID, PRIVATE_KEY / PRIVATE_KEY_PATH, KEYWARD_FINGERPRINT_KEY, GHE_HOST,
KEYWARD_QUEUE and LOG_LEVEL from the environment or .env, and refuses to start while any is
missing or unsafe. Serves /metrics and /healthz on --metrics-host:--metrics-port (default
127.0.0.1:9464; METRICS_HOST / METRICS_PORT).
Stops cleanly on SIGTERM / SIGINT, finishing the deliveries in hand.
`;

export const workerCommand: Command = async (args, io) => {
  const { values } = parseArgs({ args, options: { concurrency: { type: "string" }, "metrics-port": { type: "string" }, "metrics-host": { type: "string" }, help: { type: "boolean", short: "h", default: false } } });
  if (values.help) {
    io.stdout(HELP);
    return EXIT.clean;
  }
  // Loaded here, not at the top: `keyward scan` should not pay for Probot and BullMQ.
  const { appSettingsFrom, loadDotEnv } = await import("../app/env.js");
  const { ConfigurationError } = await import("../app/config-error.js");
  const { appLogger } = await import("../app/log.js");
  const { healthAndMetrics, listenForMetrics } = await import("../app/server.js");
  const { startWorker } = await import("../queue/worker.js");
  loadDotEnv();
  const env = process.env;
  if (!env.REDIS_URL) throw new CliError("REDIS_URL is not set: workers take deliveries from a Redis queue");
  const concurrency = Number(values.concurrency ?? env.WORKER_CONCURRENCY ?? 4);
  if (!(concurrency >= 1)) throw new CliError("--concurrency takes a number of at least 1");
  const settings = await appSettingsFrom(env, "worker").catch((err: Error) => {
    throw err instanceof ConfigurationError ? new CliError(err.message) : err;
  });
  const store = await openStoreFromEnv(env);
  const worker = await startWorker({
    redisUrl: env.REDIS_URL,
    appId: settings.appId,
    privateKey: settings.privateKey,
    ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
    store,
    concurrency,
    hashKey: settings.hashKey,
    log: appLogger(env),
    ...(env.KEYWARD_QUEUE ? { queueName: env.KEYWARD_QUEUE } : {}),
    ...(env.KEYWARD_LOCK_MS ? { lockDurationMs: Number(env.KEYWARD_LOCK_MS) } : {}),
  });
  const port = Number(values["metrics-port"] ?? env.METRICS_PORT ?? 9464);
  // Loopback unless asked: the metrics say how busy each installation is, not for the world.
  const host = values["metrics-host"] ?? env.METRICS_HOST ?? "127.0.0.1";
  const http = await listenForMetrics(healthAndMetrics(worker.metrics), { host, port });
  const bound = http.address();
  io.stderr(`keyward worker: processing deliveries from the queue (concurrency ${concurrency}); metrics on ${typeof bound === "object" && bound ? `${bound.address}:${bound.port}` : `${host}:${port}`}/metrics\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  });
  http.close();
  await worker.close();
  await store.close();
  return EXIT.clean;
};
