/**
 * The App running for real on Probot's HTTP server, reached with real signed webhook
 * deliveries over loopback. GitHub's API is faked by the caller (nock or a local server).
 */
import { createHmac, generateKeyPairSync, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import pino from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import { openEvidenceStore } from "../../src/evidence/open.js";
import type { Upkeep } from "../../src/app/reconcile.js";
import type { CheckpointSchedule } from "../../src/evidence/checkpoint-schedule.js";
import { startApp } from "../../src/app/server.js";
import type { EvidenceStore } from "../../src/evidence/types.js";
import { LightGitHub, type LightGitHubOptions } from "./light-github.js";

export const WEBHOOK_SECRET = "test-webhook-secret";

let cachedKey: string | undefined;
export function testPrivateKey(): string {
  cachedKey ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  return cachedKey;
}

export interface RunningApp {
  readonly url: string;
  /** Where the App puts temporary clones. */
  readonly workdir: string;
  readonly logs: string[];
  /** The App's upkeep (reconcile.ts): `run()` redelivers failed deliveries and completes interrupted check runs now. */
  readonly upkeep?: Upkeep;
  /** The App's checkpoint schedule, when it was given checkpoint settings. */
  readonly checkpoints?: CheckpointSchedule;
  stop(): Promise<void>;
}

export interface RunAppOptions {
  readonly baseUrl?: string;
  readonly now?: () => Date;
  readonly workdir?: string;
  /** Passed through to startApp (delivery lease, reconciler and sweeper schedule …). */
  readonly extra?: Partial<Parameters<typeof startApp>[0]>;
}

export async function runApp(store: EvidenceStore, options: RunAppOptions = {}): Promise<RunningApp> {
  const logs: string[] = [];
  // A restarted App is given its predecessor's workdir (where its inventory cache lives).
  const workdir = options.workdir ?? mkdtempSync(join(tmpdir(), "keyward-app-"));
  const log = pino({ level: "info" }, { write: (line: string) => void logs.push(line) });
  const app = await startApp({
    appId: 1234,
    privateKey: testPrivateKey(),
    webhookSecret: WEBHOOK_SECRET,
    port: 0,
    host: "127.0.0.1",
    store,
    workdir,
    log,
    pacer: { wait: async () => undefined },
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.now ? { now: options.now } : {}),
    // Off unless asked for: most tests fake GitHub with nock, which has no delivery list.
    upkeep: false,
    ...options.extra,
  });
  return { url: `http://127.0.0.1:${app.port}`, workdir, logs, upkeep: app.upkeep, ...(app.checkpoints ? { checkpoints: app.checkpoints } : {}), stop: app.stop };
}

export function sign(body: string, secret = WEBHOOK_SECRET): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** POST a delivery the way GitHub does. */
export async function deliver(app: RunningApp, event: string, payload: unknown, opts: { id?: string; secret?: string; signature?: string | null } = {}): Promise<{ status: number; id: string; text: string }> {
  const body = JSON.stringify(payload);
  const id = opts.id ?? randomUUID();
  const headers: Record<string, string> = { "content-type": "application/json", "x-github-event": event, "x-github-delivery": id, "user-agent": "GitHub-Hookshot/test" };
  const signature = opts.signature === undefined ? sign(body, opts.secret) : opts.signature;
  if (signature !== null) headers["x-hub-signature-256"] = signature;
  const res = await fetch(`${app.url}/api/github/webhooks`, { method: "POST", headers, body });
  return { status: res.status, id, text: await res.text() };
}

/**
 * The App and its evidence store for one describe block: started before its tests, stopped
 * after, with the network closed to everything but loopback while each test runs (GitHub's
 * API is nock's). The installation token request is answered whenever Probot makes one.
 */
export function useApp(options: { now?: () => Date } = {}): { readonly app: RunningApp; readonly store: EvidenceStore } {
  let app: RunningApp | undefined;
  let store: EvidenceStore | undefined;
  let dir = "";
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "keyward-test-app-"));
    store = await openEvidenceStore({ sqlitePath: join(dir, "evidence.db") });
    app = await runApp(store, options);
  });
  afterAll(async () => {
    await app?.stop();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    nock("https://api.github.com").post(/^\/app\/installations\/\d+\/access_tokens$/).optionally().reply(201, { token: "test-installation-token", expires_at: "2099-01-01T00:00:00Z", permissions: {} });
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
  return {
    get app() {
      if (!app) throw new Error("useApp: the App starts in beforeAll");
      return app;
    },
    get store() {
      if (!store) throw new Error("useApp: the store opens in beforeAll");
      return store;
    },
  };
}

/**
 * The App against the light stand-in (light-github.ts), which also plays GitHub's webhook side:
 * `github.deliver(event, payload)` signs and sends a delivery and lists it for the reconciler.
 * A fresh SQLite store and App per test file; faults are the test's to inject.
 */
export function useStandInApp(options: { patches?: LightGitHubOptions["patches"]; extra?: RunAppOptions["extra"] } = {}): { readonly github: LightGitHub; readonly app: RunningApp; readonly store: EvidenceStore; readonly dbPath: string } {
  let github: LightGitHub | undefined;
  let app: RunningApp | undefined;
  let store: EvidenceStore | undefined;
  let dir = "";
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "keyward-test-standin-"));
    github = new LightGitHub(options.patches ? { patches: options.patches } : {});
    await github.start();
    store = await openEvidenceStore({ sqlitePath: join(dir, "evidence.db") });
    app = await runApp(store, { baseUrl: github.url, ...(options.extra ? { extra: options.extra } : {}) });
    github.hook = { url: `${app.url}/api/github/webhooks`, secret: WEBHOOK_SECRET };
  });
  afterAll(async () => {
    await app?.stop();
    await store?.close();
    await github?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`useStandInApp: ${what} starts in beforeAll`);
    return v;
  };
  return {
    get github() {
      return need(github, "the stand-in");
    },
    get app() {
      return need(app, "the App");
    },
    get store() {
      return need(store, "the store");
    },
    get dbPath() {
      return join(dir, "evidence.db");
    },
  };
}

/**
 * A delivery GitHub counts as delivered (200, or 202 when Probot stopped waiting after 9 s on a
 * busy machine), awaited until the App has finished it: the ledger says done.
 */
export async function settled(store: EvidenceStore, d: { readonly guid: string; readonly status_code: number }, ms = 30_000): Promise<void> {
  expect([200, 202]).toContain(d.status_code);
  const end = Date.now() + ms;
  while ((await store.ledger.delivery(d.guid))?.status !== "done") {
    if (Date.now() > end) throw new Error(`delivery ${d.guid} not done after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
