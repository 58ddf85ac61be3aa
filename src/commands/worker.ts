/** `keyward worker`: process queued deliveries (queue mode; see README "Scaling out"). */
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { CliError, EXIT, type Command } from "../cli.js";
import { openStoreFromEnv } from "../evidence/open.js";

const HELP = `Usage: keyward worker [--concurrency N] [--metrics-port PORT]

Takes webhook deliveries off the Redis queue (REDIS_URL) and processes them with the App's
handlers. Run any number of workers on any number of machines against the same REDIS_URL and
DATABASE_URL. Reads APP_ID, PRIVATE_KEY / PRIVATE_KEY_PATH, GHE_HOST, KEYWARD_FINGERPRINT_KEY
from the environment or .env. Serves /metrics and /healthz on --metrics-port (default 9464).
Stops cleanly on SIGTERM / SIGINT, finishing the deliveries in hand.
`;

export const workerCommand: Command = async (args, io) => {
  const { values } = parseArgs({ args, options: { concurrency: { type: "string" }, "metrics-port": { type: "string" }, help: { type: "boolean", short: "h", default: false } } });
  if (values.help) {
    io.stdout(HELP);
    return EXIT.clean;
  }
  // Loaded here, not at the top: `keyward scan` should not pay for Probot and BullMQ.
  const { appIdFrom, baseUrlFrom, loadDotEnv, privateKeyFrom } = await import("../app/env.js");
  const { healthAndMetrics } = await import("../app/server.js");
  const { startWorker } = await import("../queue/worker.js");
  loadDotEnv();
  const env = process.env;
  if (!env.REDIS_URL) throw new CliError("REDIS_URL is not set: workers take deliveries from a Redis queue");
  const concurrency = Number(values.concurrency ?? env.WORKER_CONCURRENCY ?? 4);
  if (!(concurrency >= 1)) throw new CliError("--concurrency takes a number of at least 1");
  const store = await openStoreFromEnv(env);
  const baseUrl = baseUrlFrom(env);
  const worker = await startWorker({
    redisUrl: env.REDIS_URL,
    appId: appIdFrom(env),
    privateKey: privateKeyFrom(env),
    ...(baseUrl ? { baseUrl } : {}),
    store,
    concurrency,
    ...(env.KEYWARD_FINGERPRINT_KEY ? { hashKey: env.KEYWARD_FINGERPRINT_KEY } : {}),
    ...(env.KEYWARD_QUEUE ? { queueName: env.KEYWARD_QUEUE } : {}),
    ...(env.KEYWARD_LOCK_MS ? { lockDurationMs: Number(env.KEYWARD_LOCK_MS) } : {}),
  });
  const handler = healthAndMetrics(worker.metrics);
  const http = createServer((req, res) => void handler(req, res).then((done) => done || res.writeHead(404).end()));
  const port = Number(values["metrics-port"] ?? env.METRICS_PORT ?? 9464);
  await new Promise<void>((r) => http.listen(port, "0.0.0.0", r));
  io.stderr(`keyward worker: processing deliveries from the queue (concurrency ${concurrency}); metrics on :${port}/metrics\n`);
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
