/**
 * Starting the App: Probot's own HTTP server with Keyward loaded. It refuses to start without a
 * webhook secret, or with Probot's well-known default or a short one (see config-error.ts), and
 * puts the payload guard (webhook-guard.ts) in front of Probot's webhook middleware.
 */
import { mkdir } from "node:fs/promises";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Probot, Server } from "probot";
import type { Logger } from "probot";
import type { EvidenceStore } from "../evidence/types.js";
import { keywardApp } from "./index.js";
import { fileCaches } from "../inventory/conditional.js";
import { makeDeps } from "../remediate/deps.js";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Queue } from "bullmq";
import { deliveryQueue } from "../queue/deliveries.js";
import { createMetrics, recordScans, type Metrics } from "../queue/metrics.js";
import { receiverApp } from "../queue/receiver.js";
import { ConfigurationError, webhookSecretProblem } from "./config-error.js";
import { appLogger } from "./log.js";
import { startUpkeep, type Upkeep } from "./reconcile.js";
import { guardWebhooks } from "./webhook-guard.js";
import { startCheckpoints, type CheckpointSettings } from "./checkpoints.js";
import type { CheckpointSchedule } from "../evidence/checkpoint-schedule.js";
import { recordPolicyIfChanged, type SlaDays } from "../evidence/report.js";

export { ConfigurationError } from "./config-error.js";

const WEBHOOK_PATH = "/api/github/webhooks";

export interface AppOptions {
  readonly appId: number | string;
  readonly privateKey: string;
  readonly webhookSecret: string | undefined;
  /** GitHub's API base URL: GitHub Enterprise Server, or a local stand-in for the demo. */
  readonly baseUrl?: string;
  readonly port?: number;
  readonly host?: string;
  readonly store: EvidenceStore;
  readonly hashKey?: string;
  readonly workdir?: string;
  readonly log?: Logger;
  readonly now?: () => Date;
  readonly pacer?: { wait(): Promise<void> };
  /** Access reviews across all installations every so often (default daily; 0 turns them off). */
  readonly reviewEveryMs?: number;
  /** Queue mode: deliveries go on BullMQ at this Redis URL for `keyward worker` to process. */
  readonly redisUrl?: string;
  /** The queue's name (default keyward-deliveries): separate deployments or tests on one Redis. */
  readonly queueName?: string;
  /**
   * Upkeep (reconcile.ts) at start-up and every `everyMs` (default 5 min; 0: at start-up only):
   * failed deliveries redelivered, check runs in progress longer than `interruptedAfterMs`
   * (default 30 min) completed as interrupted. `false` turns it off (tests that fake GitHub with nock).
   */
  readonly upkeep?: false | { readonly everyMs?: number; readonly interruptedAfterMs?: number };
  /** How long a delivery's claim holds before another process may take it over (default 15 min). */
  readonly deliveryLeaseMs?: number;
  /**
   * /metrics on a listener of its own (npm start: 127.0.0.1 unless METRICS_HOST says
   * otherwise), not on the webhook server GitHub must reach: the metrics say how busy each
   * event is. Absent, /metrics is served beside the webhooks (tests on loopback).
   */
  readonly metricsListen?: { readonly host: string; readonly port: number };
  /** Signed checkpoints on a schedule, timestamped and published (checkpoints.ts); none without. */
  readonly checkpoints?: CheckpointSettings;
  /** The remediation SLA in force (KEYWARD_SLA): recorded as the log's policy when it changed. */
  readonly sla?: SlaDays;
}

export async function startApp(options: AppOptions): Promise<{ server: Server; port: number; upkeep: Upkeep; checkpoints?: CheckpointSchedule; metricsAddress?: { host: string; port: number }; stop: () => Promise<void> }> {
  const secretProblem = webhookSecretProblem(options.webhookSecret);
  if (secretProblem || !options.webhookSecret) throw new ConfigurationError(secretProblem);
  const secret = options.webhookSecret;
  const workdir = options.workdir ?? tmpdir();
  await mkdir(workdir, { recursive: true });
  // Probot treats port 0 as "unset" (3000); ask the OS for a free port instead.
  const port = options.port === 0 ? await freePort(options.host ?? "127.0.0.1") : (options.port ?? 3000);
  const log = options.log ?? appLogger();
  // The policy packs are reported against is the deployment's, in the log before any delivery.
  if (options.sla) await recordPolicyIfChanged(options.store, options.sla, "keyward", "KEYWARD_SLA");
  const Base = Probot.defaults({ appId: options.appId, privateKey: options.privateKey, secret, log, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) });
  class GuardedProbot extends Base {
    override async getNodeMiddleware(o: Parameters<Probot["getNodeMiddleware"]>[0] = {}) {
      return guardWebhooks(await super.getNodeMiddleware(o), { secret, path: WEBHOOK_PATH, log });
    }
  }
  const server = new Server({ Probot: GuardedProbot, port, host: options.host ?? "127.0.0.1", log, webhookPath: WEBHOOK_PATH });
  const metrics = createMetrics("receiver");
  const reviewEveryMs = options.reviewEveryMs !== 0 ? (options.reviewEveryMs ?? 24 * 3600 * 1000) : undefined;
  const queue = options.redisUrl ? deliveryQueue(options.redisUrl, options.queueName) : undefined;
  if (queue) await server.load(receiverApp(queue, metrics, reviewEveryMs ? { reviewEveryMs } : {}));
  else
    await server.load(
      keywardApp(
        makeDeps({
          store: options.store,
          workdir,
          // The inventory's ETags outlive the process: a restarted App's next sweep is 304s.
          responseCaches: fileCaches(join(workdir, "github-cache")),
          ...(options.now ? { now: options.now } : {}),
          ...(options.hashKey ? { hashKey: options.hashKey } : {}),
          ...(options.pacer ? { pacer: options.pacer } : {}),
          ...(reviewEveryMs ? { reviewEveryMs } : {}),
          onScanned: recordScans(metrics),
          ...(options.deliveryLeaseMs !== undefined ? { deliveryLeaseMs: options.deliveryLeaseMs } : {}),
        }),
      ),
    );
  let probot: Probot | undefined;
  await server.load((app) => void (probot = app));
  server.addHandler(healthAndMetrics(metrics, queue, { metrics: !options.metricsListen }));
  await server.start();
  const metricsServer = options.metricsListen ? await listenForMetrics(healthAndMetrics(metrics, queue), options.metricsListen) : undefined;
  const bound = metricsServer?.address();
  // In both modes the process that receives deliveries is the one that reconciles them.
  const u = options.upkeep;
  const upkeep: Upkeep =
    u === false
      ? { run: async () => undefined, stop: () => undefined }
      : startUpkeep(probot!, {
          ledger: options.store.ledger,
          now: options.now ?? (() => new Date()),
          log,
          everyMs: u?.everyMs ?? 5 * 60_000,
          ...(u?.interruptedAfterMs !== undefined ? { interruptedAfterMs: u.interruptedAfterMs } : {}),
          ...(options.deliveryLeaseMs !== undefined ? { leaseMs: options.deliveryLeaseMs } : {}),
        });
  // The process that receives deliveries anchors the log (one signer: a second would fork the checkpoints' chain).
  const checkpoints = options.checkpoints ? startCheckpoints(probot!, options.store, options.checkpoints, { log, ...(options.now ? { now: options.now } : {}), ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) }) : undefined;
  return {
    server,
    port,
    upkeep,
    ...(checkpoints ? { checkpoints } : {}),
    ...(bound && typeof bound === "object" ? { metricsAddress: { host: bound.address, port: bound.port } } : {}),
    stop: async () => {
      upkeep.stop();
      await checkpoints?.stop();
      await new Promise((r) => (metricsServer ? metricsServer.close(r) : r(undefined)));
      await server.stop();
      await queue?.close();
    },
  };
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** An HTTP listener for /metrics and /healthz only (the App's and each worker's). */
export async function listenForMetrics(handler: Handler, at: { readonly host: string; readonly port: number }) {
  const http = createHttpServer((req, res) => void handler(req, res).then((done) => done || res.writeHead(404).end()));
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(at.port, at.host, () => resolve());
  });
  return http;
}

/** GET /healthz (Redis reachable in queue mode) and GET /metrics (Prometheus text format, unless `serve.metrics` is false). */
export function healthAndMetrics(metrics: Metrics, queue?: Queue, serve: { readonly metrics?: boolean } = {}): Handler {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "GET" || (path !== "/healthz" && (path !== "/metrics" || serve.metrics === false))) return false;
    if (path === "/metrics") {
      res.writeHead(200, { "content-type": metrics.registry.contentType }).end(await metrics.registry.metrics());
      return true;
    }
    try {
      const counts = queue ? await queue.getJobCounts("waiting", "active", "delayed", "failed") : undefined;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "ok", mode: queue ? "queue" : "in-process", ...(counts ? { queue: counts } : {}) }));
    } catch (err) {
      res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ status: "unavailable", error: (err as Error).message }));
    }
    return true;
  };
}

/** A port the OS just handed out (and took back). */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
