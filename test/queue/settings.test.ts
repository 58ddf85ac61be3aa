/**
 * Queue mode as an operator starts it: `npm start` with REDIS_URL queues onto the queue that
 * KEYWARD_QUEUE names (as workers read it), and a worker's metrics listen on loopback unless
 * told otherwise. Both run as child processes with only the environment given here.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveryQueue } from "../../src/queue/deliveries.js";
import { sign, testPrivateKey } from "../helpers/app.js";
import { pushPayload } from "../helpers/payloads.js";

const REDIS_URL = process.env.KEYWARD_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const SECRET = "queue-settings-webhook-secret";

let dir = "";
const children: ChildProcess[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "keyward-queue-settings-"));
});
afterAll(() => {
  for (const c of children) c.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

function start(args: string[], vars: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; out: () => string; match: RegExpExecArray }> {
  const env = { PATH: process.env.PATH, HOME: dir, APP_ID: "12345", PRIVATE_KEY: testPrivateKey(), KEYWARD_FINGERPRINT_KEY: "queue-settings-fingerprint-key", KEYWARD_DB_PATH: join(dir, `${randomUUID()}.db`), ...vars };
  const child = spawn(process.execPath, args, { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  return new Promise((done, fail) => {
    const end = Date.now() + 20_000;
    const poll = setInterval(() => {
      const m = ready.exec(out);
      if (m) {
        clearInterval(poll);
        done({ child, out: () => out, match: m });
      } else if (Date.now() > end || child.exitCode !== null) {
        clearInterval(poll);
        fail(new Error(`${args.join(" ")} did not start:\n${out}`));
      }
    }, 50);
  });
}

/** Addresses listening on TCP `port`, from the kernel's table (no traffic sent). */
function listeningOn(port: number): string[] {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  return readFileSync("/proc/net/tcp", "utf8")
    .split("\n")
    .slice(1)
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f[1]?.endsWith(`:${hex}`) && f[3] === "0A")
    .map((f) => f[1]!.split(":")[0]!.match(/../g)!.reverse().map((b) => parseInt(b, 16)).join("."));
}

describe("queue mode settings", () => {
  it("npm start queues onto the queue KEYWARD_QUEUE names", async () => {
    const queueName = `keyward-settings-${randomUUID()}`;
    const app = await start([resolve("dist/app/main.js")], { WEBHOOK_SECRET: SECRET, REDIS_URL, KEYWARD_QUEUE: queueName, HOST: "127.0.0.1", PORT: "0" }, /Listening on http:\/\/[^:]+:(\d+)/);
    const body = JSON.stringify(pushPayload({ before: "a".repeat(40), after: "b".repeat(40), ref: "refs/heads/feature", commits: [{ id: "b".repeat(40) }] }));
    const id = `settings-${randomUUID()}`;
    const res = await fetch(`http://127.0.0.1:${app.match[1]}/api/github/webhooks`, { method: "POST", headers: { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": id, "x-hub-signature-256": sign(body, SECRET) }, body });
    expect(res.status).toBe(200);
    const q = deliveryQueue(REDIS_URL, queueName);
    try {
      expect((await q.getJob(id))?.name).toBe("push");
    } finally {
      await q.obliterate({ force: true });
      await q.close();
    }
    app.child.kill("SIGTERM");
  });

  it("npm start serves /metrics on 127.0.0.1 unless METRICS_HOST says otherwise, never on the public webhook port", async () => {
    const queueName = `keyward-settings-${randomUUID()}`;
    const vars = { WEBHOOK_SECRET: SECRET, REDIS_URL, KEYWARD_QUEUE: queueName, HOST: "0.0.0.0", PORT: "0", METRICS_PORT: "0" };
    const ready = /Listening on http:\/\/[^:]+:(\d+)[\s\S]*metrics on ([\d.]+):(\d+)\/metrics|metrics on ([\d.]+):(\d+)\/metrics[\s\S]*Listening on http:\/\/[^:]+:(\d+)/;
    const ports = (m: RegExpExecArray) => ({ web: Number(m[1] ?? m[6]), host: m[2] ?? m[4], metrics: Number(m[3] ?? m[5]) });
    const app = await start([resolve("dist/app/main.js")], vars, ready);
    const p = ports(app.match);
    expect(p.host).toBe("127.0.0.1");
    expect(listeningOn(p.metrics)).toEqual(["127.0.0.1"]);
    expect(await (await fetch(`http://127.0.0.1:${p.metrics}/metrics`)).text()).toContain("keyward_deliveries_received_total");
    expect((await fetch(`http://127.0.0.1:${p.web}/metrics`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${p.web}/healthz`)).status).toBe(200); // health checks still reach the webhook server
    app.child.kill("SIGTERM");

    const open = await start([resolve("dist/app/main.js")], { ...vars, METRICS_HOST: "0.0.0.0" }, ready);
    expect(listeningOn(ports(open.match).metrics)).toEqual(["0.0.0.0"]);
    open.child.kill("SIGTERM");
    const q = deliveryQueue(REDIS_URL, queueName);
    await q.obliterate({ force: true });
    await q.close();
  });

  it("a worker's metrics listen on 127.0.0.1 unless --metrics-host says otherwise", async () => {
    const queueName = `keyward-settings-${randomUUID()}`;
    const worker = await start([resolve("dist/bin.js"), "worker", "--metrics-port", "0"], { REDIS_URL, KEYWARD_QUEUE: queueName }, /metrics on ([\d.]+):(\d+)\/metrics/);
    const port = Number(worker.match[2]);
    expect(worker.match[1]).toBe("127.0.0.1");
    expect(listeningOn(port)).toEqual(["127.0.0.1"]);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    worker.child.kill("SIGTERM");
    const q = deliveryQueue(REDIS_URL, queueName);
    await q.obliterate({ force: true });
    await q.close();
  });
});
