/**
 * No GitHub write without its evidence: the evidence database (PostgreSQL, behind a TCP proxy
 * whose outage is real) goes down in the middle of a delivery. The delivery fails before any
 * issue is written; once the database is back, the reconciler asks GitHub to redeliver, and the
 * records and the writes appear exactly once.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyChain } from "../../src/evidence/chain.js";
import { openEvidenceStore } from "../../src/evidence/open.js";
import type { EvidenceStore } from "../../src/evidence/types.js";
import { runApp, settled, WEBHOOK_SECRET, type RunningApp } from "../helpers/app.js";
import { DbProxy } from "../helpers/faults.js";
import { LightGitHub } from "../helpers/light-github.js";
import { pushPayload, repository } from "../helpers/payloads.js";
import { githubToken } from "../helpers/tokens.js";
import { dropSchema, until } from "../helpers/wait.js";

const DATABASE_URL = process.env.KEYWARD_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

describe("an evidence store outage during a delivery", () => {
  const schema = `kw_outage_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const token = githubToken();
  const head = "4".repeat(40);
  const head2 = "6".repeat(40);
  const proxy = new DbProxy();
  const github = new LightGitHub({ patches: Object.fromEntries([head, head2].map((h) => [h, { filename: "deploy/prod.env", patch: `@@ -0,0 +1 @@\n+TOKEN=${token}` }])) });
  let store: EvidenceStore;
  let app: RunningApp;
  let workdir: string;

  beforeAll(async () => {
    const target = new URL(DATABASE_URL);
    await proxy.start();
    await github.start();
    workdir = mkdtempSync(join(tmpdir(), "keyward-outage-"));
    store = await openEvidenceStore({ databaseUrl: proxy.url(target.pathname.slice(1), target.username || "postgres"), schema });
    app = await runApp(store, { baseUrl: github.url, workdir, extra: { upkeep: { everyMs: 0 }, deliveryLeaseMs: 200 } });
    github.hook = { url: `${app.url}/api/github/webhooks`, secret: WEBHOOK_SECRET };
  });
  afterAll(async () => {
    await app?.stop();
    await store?.close();
    await github.stop();
    await proxy.stop();
    await dropSchema(DATABASE_URL, schema);
    rmSync(workdir, { recursive: true, force: true });
  });

  it("fails the delivery before the issue is written, then redelivers it: one issue, one check run, each record once", async () => {
    // The database goes away once the check run is open and the scan reads the change.
    github.onRequest = (r) => {
      if (r === `GET /repos/acme/widgets/commits/${head}`) proxy.down();
    };
    const payload = { ...pushPayload({ before: "3".repeat(40), after: head, ref: "refs/heads/main", commits: [{ id: head }] }, repository()), installation: { id: 42 } };
    const first = await github.deliver("push", payload);
    github.onRequest = undefined;
    expect(first.status_code).toBe(500);
    expect(github.issues).toEqual([]);
    expect(github.checkRuns).toHaveLength(1);

    proxy.up();
    await new Promise((r) => setTimeout(r, 250)); // the dead attempt's claim lapses (lease 200 ms)
    const upkept = await app.upkeep!.run();
    expect(upkept?.redelivered).toEqual([expect.objectContaining({ guid: first.guid, event: "push" })]);
    await until("the redelivery", () => github.hookDeliveries.some((d) => d.redelivery));
    expect(github.hookDeliveries.find((d) => d.redelivery)).toMatchObject({ guid: first.guid });
    await settled(store, github.hookDeliveries.find((d) => d.redelivery)!);

    expect(github.issues).toHaveLength(1);
    expect(github.checkRuns).toHaveLength(1);
    expect(github.checkRuns[0]).toMatchObject({ status: "completed", conclusion: "failure" });
    const records = (await store.records({ repository: "acme/widgets" })).filter((r) => r.event !== "config-recorded");
    expect(records.map((r) => r.event)).toEqual(["detected", "issue-opened", "assigned", "scanned"]);
    expect(records.every((r) => r.deliveryId === first.guid)).toBe(true);
    expect(records[1]!.details).toMatchObject({ issue: 1 });
    expect(verifyChain(await store.records())).toEqual({ ok: true });
    expect(await store.ledger.delivery(first.guid)).toMatchObject({ status: "done", attempts: 2 });
  }, 60_000);

  it("fails the delivery when the log refuses a record although reads still work, and writes nothing before it", async () => {
    // The records table refuses inserts (as a full disk would) while every read succeeds.
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE FUNCTION ${schema}.refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'; END $$`);
    await admin.query(`CREATE TRIGGER zz_refuse BEFORE INSERT ON ${schema}.records FOR EACH ROW EXECUTE FUNCTION ${schema}.refuse()`);
    const repo = repository({ id: 1002, name: "gadgets", full_name: "acme/gadgets", html_url: "https://github.com/acme/gadgets" });
    const payload = { ...pushPayload({ before: "5".repeat(40), after: head2, ref: "refs/heads/main", commits: [{ id: head2 }] }, repo), installation: { id: 42 } };
    const first = await github.deliver("push", payload);
    expect(first.status_code).toBe(500);
    expect(github.issues.filter((i) => i.repo === "acme/gadgets")).toEqual([]);
    expect(await store.ledger.delivery(first.guid)).toMatchObject({ status: "failed", error: expect.stringContaining("No space left") });

    await admin.query(`DROP TRIGGER zz_refuse ON ${schema}.records`);
    await admin.end();
    const upkept = await app.upkeep!.run();
    expect(upkept?.redelivered.map((r) => r.guid)).toEqual([first.guid]);
    await until("the redelivery", () => github.hookDeliveries.some((d) => d.redelivery && d.guid === first.guid));
    await settled(store, github.hookDeliveries.find((d) => d.redelivery && d.guid === first.guid)!);
    expect(github.issues.filter((i) => i.repo === "acme/gadgets")).toHaveLength(1);
    expect((await store.records({ repository: "acme/gadgets" })).filter((r) => r.event !== "config-recorded").map((r) => r.event)).toEqual(["detected", "issue-opened", "assigned", "scanned"]);
    expect(github.checkRuns.filter((c) => c.head_sha === head2)).toHaveLength(1);
  }, 60_000);
});
