/**
 * Starting the App: Probot's own HTTP server with Keyward loaded. It refuses to start without a
 * webhook secret (Probot would otherwise accept deliveries signed with a well-known default).
 */
import { mkdir } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { Probot, Server } from "probot";
import type { Logger } from "probot";
import type { EvidenceStore } from "../evidence/types.js";
import { keywardApp } from "./index.js";
import { GITHUB_CONTENT_LIMITS, Pacer } from "./pacer.js";

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
}

export class ConfigurationError extends Error {
  override readonly name = "ConfigurationError";
}

export async function startApp(options: AppOptions): Promise<{ server: Server; port: number; stop: () => Promise<void> }> {
  if (!options.webhookSecret) throw new ConfigurationError("WEBHOOK_SECRET is not set: Keyward refuses to accept unsigned or default-signed webhooks");
  const workdir = options.workdir ?? tmpdir();
  await mkdir(workdir, { recursive: true });
  // Probot treats port 0 as "unset" (3000); ask the OS for a free port instead.
  const port = options.port === 0 ? await freePort(options.host ?? "127.0.0.1") : (options.port ?? 3000);
  const server = new Server({
    Probot: Probot.defaults({
      appId: options.appId,
      privateKey: options.privateKey,
      secret: options.webhookSecret,
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      ...(options.log ? { log: options.log } : { logLevel: (process.env.LOG_LEVEL as "info" | undefined) ?? "info" }),
    }),
    port,
    host: options.host ?? "127.0.0.1",
    ...(options.log ? { log: options.log } : {}),
  });
  await server.load(
    keywardApp({
      store: options.store,
      now: options.now ?? (() => new Date()),
      ...(options.hashKey ? { hashKey: options.hashKey } : {}),
      workdir,
      pacer: options.pacer ?? new Pacer(GITHUB_CONTENT_LIMITS),
      ...(options.reviewEveryMs !== 0 ? { reviewEveryMs: options.reviewEveryMs ?? 24 * 3600 * 1000 } : {}),
    }),
  );
  await server.start();
  return { server, port, stop: () => server.stop() };
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
