/**
 * `npm start` (node dist/app/main.js) as an operator runs it: a child process with the
 * environment it is given, refusing what is unsafe before it listens, and, once running,
 * answering signed deliveries it cannot read with 4xx and logging at LOG_LEVEL.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sign, testPrivateKey } from "../helpers/app.js";

const MAIN = resolve("dist/app/main.js");
const SECRET = "a-webhook-secret-of-some-length";
const KEY = "a-fingerprint-key-of-its-own-0123";

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "keyward-startup-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Only what the test sets: nothing from the test's own environment (no DATABASE_URL, no REDIS_URL). */
function envWith(vars: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: dir, KEYWARD_DB_PATH: join(dir, `${randomUUID()}.db`), HOST: "127.0.0.1", PORT: "0" };
  for (const [k, v] of Object.entries(vars)) if (v !== undefined) env[k] = v;
  return env;
}

// METRICS_PORT 0: test files run side by side, and the default port (9465) is one for all.
const good = () => ({ APP_ID: "12345", PRIVATE_KEY: testPrivateKey(), WEBHOOK_SECRET: SECRET, KEYWARD_FINGERPRINT_KEY: KEY, METRICS_PORT: "0" });

/** Runs main.js to its exit (at most 20 s): it must refuse before it listens. */
function refusal(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [MAIN], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`main.js did not exit: it started with ${JSON.stringify(Object.keys(env))}\n${stdout}`));
    }, 20_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      done({ code, stderr, stdout });
    });
  });
}

describe("npm start refuses an unsafe environment before it listens", () => {
  it("names every missing setting in one message", async () => {
    const r = await refusal(envWith({}));
    expect(r.code).toBe(2);
    for (const name of ["APP_ID", "PRIVATE_KEY", "WEBHOOK_SECRET", "KEYWARD_FINGERPRINT_KEY"]) expect(r.stderr).toContain(name);
    expect(r.stderr.match(/^keyward: /gm)).toHaveLength(1);
    expect(r.stdout).not.toMatch(/Listening/);
  });

  it("refuses Probot's default webhook secret and a short one", async () => {
    const byDefault = await refusal(envWith({ ...good(), WEBHOOK_SECRET: "development" }));
    expect(byDefault.code).toBe(2);
    expect(byDefault.stderr).toMatch(/WEBHOOK_SECRET is Probot's well-known default/);
    const short = await refusal(envWith({ ...good(), WEBHOOK_SECRET: "hunter2" }));
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/WEBHOOK_SECRET is shorter than 16 characters/);
  });

  it("refuses a private key that cannot sign a JWT, from the variable or from a file", async () => {
    const garbage = await refusal(envWith({ ...good(), PRIVATE_KEY: "-----BEGIN RSA PRIVATE KEY-----\nnot a key\n-----END RSA PRIVATE KEY-----" }));
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toMatch(/private key .* cannot sign a JWT/);
    const file = join(dir, "garbage.pem");
    writeFileSync(file, "this is not a pem file\n");
    const fromFile = await refusal(envWith({ ...good(), PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: file }));
    expect(fromFile.code).toBe(2);
    expect(fromFile.stderr).toMatch(/cannot sign a JWT/);
    const missing = await refusal(envWith({ ...good(), PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: join(dir, "nowhere.pem") }));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nowhere\.pem/);
  });

  it("refuses to run without a fingerprint key of its own, or with the public default", async () => {
    const none = await refusal(envWith({ ...good(), KEYWARD_FINGERPRINT_KEY: undefined }));
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/KEYWARD_FINGERPRINT_KEY is not set/);
    const publicDefault = await refusal(envWith({ ...good(), KEYWARD_FINGERPRINT_KEY: "keyward-fingerprint-v1" }));
    expect(publicDefault.code).toBe(2);
    expect(publicDefault.stderr).toMatch(/KEYWARD_FINGERPRINT_KEY is the public default/);
  });

  it("names several problems together: a default secret, a bad key, a wrong LOG_LEVEL and a metrics port that is not one", async () => {
    const r = await refusal(envWith({ ...good(), WEBHOOK_SECRET: "development", PRIVATE_KEY: "bm90IGEga2V5", LOG_LEVEL: "loud", METRICS_PORT: "nine" }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/well-known default/);
    expect(r.stderr).toMatch(/cannot sign a JWT/);
    expect(r.stderr).toMatch(/LOG_LEVEL must be one of/);
    expect(r.stderr).toContain('METRICS_PORT must be a port number from 0 to 65535 (got "nine")');
  });
});

describe("npm start, running", () => {
  let child: ChildProcess | undefined;
  let out = "";
  let url = "";
  beforeAll(async () => {
    child = spawn(process.execPath, [MAIN], { cwd: dir, env: envWith({ ...good(), LOG_LEVEL: "trace" }), stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    const end = Date.now() + 20_000;
    while (!/Listening on http:\/\/[^:]+:(\d+)/.test(out)) {
      if (Date.now() > end || child.exitCode !== null) throw new Error(`main.js did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    url = `http://127.0.0.1:${/Listening on http:\/\/[^:]+:(\d+)/.exec(out)![1]}`;
  });
  afterAll(() => {
    child?.kill("SIGTERM");
  });

  const post = async (event: string, body: string, id: string) =>
    fetch(`${url}/api/github/webhooks`, { method: "POST", headers: { "content-type": "application/json", "x-github-event": event, "x-github-delivery": id, "x-hub-signature-256": sign(body, SECRET) }, body });

  it("answers signed null, array, string and shapeless payloads with 400 and logs each with its delivery id", async () => {
    for (const [event, body] of [["push", "null"], ["push", "[1,2,3]"], ["issues", '"x"'], ["push", "{}"], ["issue_comment", '{"repository":{"name":"w","full_name":"a/w","html_url":"u","private":true}}'], ["ping", "null"]] as const) {
      const id = `hostile-${randomUUID()}`;
      const res = await post(event, body, id);
      expect(res.status, `${event} ${body}`).toBe(400);
      await expect.poll(() => out.split("\n").some((l) => l.includes(id) && l.includes("malformed"))).toBe(true);
    }
  });

  it("still answers a wrong signature with 4xx without logging it as malformed", async () => {
    const id = `unsigned-${randomUUID()}`;
    const res = await fetch(`${url}/api/github/webhooks`, { method: "POST", headers: { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": id, "x-hub-signature-256": sign("null", "another-secret-entirely") }, body: "null" });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(out.split("\n").some((l) => l.includes(id) && l.includes("malformed"))).toBe(false);
  });

  it("prints debug lines at LOG_LEVEL=trace", async () => {
    const id = `ping-${randomUUID()}`;
    const res = await post("ping", JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 }), id);
    expect(res.status).toBe(200);
    // Probot's webhook middleware logs each delivery at debug level.
    await expect.poll(() => out.split("\n").some((l) => l.includes(id) && /"level":20\b/.test(l))).toBe(true);
  });
});
