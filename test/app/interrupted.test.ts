/**
 * No check run left in progress, and no delivery processed twice: copies of one delivery, a
 * redelivery after a failed attempt, check-run updates GitHub keeps refusing, and a process
 * killed mid-delivery. Real signed deliveries through Probot's server, against the stand-in.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import { freePort } from "../../src/app/server.js";
import { openEvidenceStore } from "../../src/evidence/open.js";
import { deliver, runApp, settled, testPrivateKey, useStandInApp, WEBHOOK_SECRET } from "../helpers/app.js";
import { pushPayload } from "../helpers/payloads.js";
import { githubToken } from "../helpers/tokens.js";
import { until } from "../helpers/wait.js";

const token = githubToken();
const sha = (n: number) => n.toString(16).padStart(40, "0");
const patches = Object.fromEntries([1, 2, 3, 4].map((n) => [sha(n), { filename: `config/prod${n}.env`, patch: `@@ -0,0 +1 @@\n+TOKEN=${token}` }]));
const push = (n: number, repo: string) => pushPayload({ before: sha(n + 100), after: sha(n), ref: "refs/heads/feature", commits: [{ id: sha(n) }] }, { id: 1001, name: repo, full_name: `acme/${repo}`, owner: { login: "acme" }, private: true, html_url: `https://github.com/acme/${repo}`, default_branch: "main" });

describe("check runs and deliveries, once", () => {
  const ctx = useStandInApp({ patches, extra: { upkeep: { everyMs: 0, interruptedAfterMs: 0 } } });
  beforeEach(() => void ctx.github.faults.splice(0));

  it("makes one check run of five copies of one delivery arriving together", async () => {
    const payload = push(1, "copies");
    const guid = "copies-delivery-1";
    const attempts = await Promise.all(Array.from({ length: 5 }, () => ctx.github.deliver("push", payload, { guid })));
    for (const a of attempts) expect([200, 202]).toContain(a.status_code);
    await settled(ctx.store, attempts[0]!);
    const runs = ctx.github.checkRuns.filter((c) => c.head_sha === sha(1));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(ctx.github.issues.filter((i) => i.repo === "acme/copies")).toHaveLength(1);
    expect(await ctx.store.ledger.delivery(guid)).toMatchObject({ status: "done", attempts: 1 });
  });

  it("finishes the first attempt's check run when the failed delivery is redelivered", async () => {
    // The first attempt fails after its check run was opened: GitHub refuses the compare once.
    ctx.github.faults.push({ method: "GET", path: /\/compare\//, fault: { kind: "status", status: 422 }, times: 1 });
    const first = await ctx.github.deliver("push", push(2, "redelivered"));
    expect(first.status_code).toBeGreaterThanOrEqual(400);
    expect(await ctx.store.ledger.delivery(first.guid)).toMatchObject({ status: "failed" });
    // The reconciler asks GitHub to redeliver it; the stand-in does.
    const run = await ctx.app.upkeep!.run();
    expect(run?.redelivered.map((r) => r.guid)).toEqual([first.guid]);
    await until("the redelivery", () => ctx.github.hookDeliveries.some((d) => d.guid === first.guid && d.redelivery));
    await settled(ctx.store, ctx.github.hookDeliveries.find((d) => d.guid === first.guid && d.redelivery)!);
    const runs = ctx.github.checkRuns.filter((c) => c.head_sha === sha(2));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(await ctx.store.ledger.delivery(first.guid)).toMatchObject({ status: "done", attempts: 2 });
    // Nothing left to redeliver.
    expect((await ctx.app.upkeep!.run())?.redelivered).toEqual([]);
  });

  it("fails the delivery when every check-run update fails, says so, and completes the run as interrupted later", async () => {
    ctx.github.faults.push({ method: "PATCH", path: /\/check-runs\/\d+$/, fault: { kind: "status", status: 422 } });
    // Sent without GitHub's delivery list (as a delivery older than its window would be), so only the sweeper can help.
    const res = await deliver(ctx.app, "push", push(3, "refused"));
    expect(res.status).toBe(500);
    expect(res.text).toContain("the check run could not be completed");
    expect(ctx.app.logs.some((l) => l.includes(res.id) && l.includes("could not complete the check run"))).toBe(true);
    const run = ctx.github.checkRuns.find((c) => c.head_sha === sha(3))!;
    expect(run.status).toBe("in_progress");
    // GitHub takes updates again: the next upkeep run completes it.
    ctx.github.faults.splice(0);
    const upkept = await ctx.app.upkeep!.run();
    expect(upkept?.checks.interrupted).toBe(1);
    expect(run).toMatchObject({ status: "completed", conclusion: "cancelled", output: { title: "Keyward was interrupted" } });
    expect((await ctx.app.upkeep!.run())?.checks).toEqual({ interrupted: 0, settled: 0, failed: 0 });
  });
});

describe("a process killed mid-delivery", () => {
  const ctx = useStandInApp({ patches, extra: { upkeep: { everyMs: 0 } } });
  const main = fileURLToPath(new URL("../../dist/app/main.js", import.meta.url));
  const hashKey = "interrupted-test-fingerprint-key";

  it("leaves a check run that the restarted App completes, and the redelivery finishes it with one issue", async () => {
    // A first App process on the same database, killed while it reads the commit.
    ctx.github.faults.push({ method: "GET", path: /\/commits\/0+4$/, fault: { kind: "slow", ms: 60_000 }, times: 1 });
    const port = await freePort("127.0.0.1");
    const child = spawn(process.execPath, [main], {
      env: { ...process.env, APP_ID: "1234", PRIVATE_KEY: testPrivateKey(), WEBHOOK_SECRET, KEYWARD_FINGERPRINT_KEY: hashKey, GITHUB_API_URL: ctx.github.url, KEYWARD_DB_PATH: ctx.dbPath, PORT: String(port), HOST: "127.0.0.1", METRICS_PORT: "0", LOG_LEVEL: "silent" },
      stdio: "ignore",
    });
    try {
      await until("the first process to listen", async () => (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok).catch(() => false)), 20_000);
      ctx.github.hook = { url: `http://127.0.0.1:${port}/api/github/webhooks`, secret: WEBHOOK_SECRET };
      const sent = ctx.github.deliver("push", push(4, "crashed"));
      await until("the first process to open the check run and read the commit", () => ctx.github.checkRuns.some((c) => c.head_sha === sha(4)) && ctx.github.faults[0]!.times === 0);
      child.kill("SIGKILL");
      expect((await sent).status_code).toBe(0); // GitHub lists it as failed: no answer
    } finally {
      child.kill("SIGKILL");
    }
    expect(ctx.github.checkRuns.filter((c) => c.head_sha === sha(4))[0]!.status).toBe("in_progress");

    // The restarted App: its start-up upkeep completes the check run as interrupted and asks
    // GitHub to redeliver; the redelivery takes over the dead claim and finishes that check run.
    const store = await openEvidenceStore({ sqlitePath: ctx.dbPath });
    const app = await runApp(store, { baseUrl: ctx.github.url, extra: { upkeep: { everyMs: 0, interruptedAfterMs: 0 }, deliveryLeaseMs: 0, hashKey } });
    try {
      ctx.github.hook = { url: `${app.url}/api/github/webhooks`, secret: WEBHOOK_SECRET };
      await until("the redelivery", () => ctx.github.hookDeliveries.some((d) => d.redelivery));
      await settled(store, ctx.github.hookDeliveries.find((d) => d.redelivery)!);
      const runs = ctx.github.checkRuns.filter((c) => c.head_sha === sha(4));
      expect(runs).toHaveLength(1);
      expect(runs[0]!.updates).toEqual(["completed/cancelled/Keyward was interrupted", "in_progress//", expect.stringMatching(/^completed\/failure\//)]);
      expect(ctx.github.issues.filter((i) => i.repo === "acme/crashed")).toHaveLength(1);
      expect((await store.records({ repository: "acme/crashed" })).filter((r) => r.event !== "config-recorded").map((r) => r.event)).toEqual(["detected", "issue-opened", "assigned", "scanned"]);
    } finally {
      await app.stop();
      await store.close();
    }
  }, 60_000);
});

describe("the upkeep schedule", () => {
  const ctx = useStandInApp({ extra: { upkeep: { everyMs: 100 } } });

  it("runs at start-up and every interval, and not once the App is stopped", async () => {
    let listed = 0;
    ctx.github.onRequest = (r) => void (r === "GET /app/hook/deliveries" && listed++);
    await until("three runs", () => listed >= 3, 5_000);
    await ctx.app.stop();
    const after = listed;
    await new Promise((r) => setTimeout(r, 350));
    expect(listed).toBe(after);
  });
});
