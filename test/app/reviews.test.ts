import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import pino from "pino";
import { Probot } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reviewFromBody, scheduledReviews } from "../../src/remediate/access-reviews.js";
import { openEvidenceStore } from "../../src/evidence/open.js";
import type { EvidenceStore } from "../../src/evidence/types.js";
import { deliver, runApp, testPrivateKey, WEBHOOK_SECRET, type RunningApp } from "../helpers/app.js";
import { fileContent, INSTALLATION, OWNER, REPO, repository } from "../helpers/payloads.js";

const API = "https://api.github.com";
const R = `/repos/${OWNER}/${REPO}`;
const INVENTORY = ["identities:", "  - secret: DEPLOY_KEY", '    owners: ["@ops"]', "    purpose: deploy to production", "    review_every: 90d", "    last_reviewed: 2026-01-01", ""].join("\n");

describe("scheduled access reviews", () => {
  let store: EvidenceStore;
  let dir: string;
  let app: RunningApp;
  const now = new Date("2026-06-01T09:00:00Z");
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "keyward-reviews-"));
    store = await openEvidenceStore({ sqlitePath: join(dir, "e.db") });
    app = await runApp(store, { now: () => now });
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    // A finding whose exception ended yesterday.
    const base = { repository: `${OWNER}/${REPO}`, fingerprint: "secret:0123456789abcdef0123", actor: "keyward" };
    await store.transition({ ...base, event: "detected", details: {} });
    await store.transition({ ...base, event: "exception-granted", actor: "carol", details: { approver: "carol", reason: "vendor migration", expires: "2026-05-31" } });
  });
  afterAll(async () => {
    nock.enableNetConnect();
    await app.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("opens an assigned review issue for an overdue identity and reopens a finding whose exception expired", async () => {
    const probot = new Probot({ appId: 1234, privateKey: testPrivateKey(), secret: WEBHOOK_SECRET, log: pino({ level: "silent" }) });
    let review: { title: string; body: string; assignees: string[]; labels: string[] } | undefined;
    let reopened = false;
    let said = "";
    nock(API)
      .get("/app/installations").query(true).reply(200, [{ id: INSTALLATION, account: { login: OWNER } }])
      .post(`/app/installations/${INSTALLATION}/access_tokens`).optionally().reply(201, { token: "t", expires_at: "2099-01-01T00:00:00Z" })
      .get("/installation/repositories").query(true).reply(200, { total_count: 1, repositories: [repository()] })
      .get(`${R}/contents/.github%2Fkeyward.yml`).query({ ref: "main" }).reply(200, fileContent(INVENTORY))
      .get(/\/contents\//).query(true).times(10).optionally().reply(404)
      .get(`${R}/issues`).query((q) => q.state === "open").reply(200, [])
      .get(`${R}/assignees/ops`).reply(204)
      .post(`${R}/issues`, (b) => ((review = b), true)).reply(201, { number: 31, html_url: "https://github.com/acme/widgets/issues/31" })
      .get(`${R}/issues`).query((q) => q.state === "all").reply(200, [{ number: 5, state: "closed", body: "<!-- keyward:secret-id=0123456789abcdef0123 -->", labels: [{ name: "keyward" }] }])
      .patch(`${R}/issues/5`, (b) => ((reopened = b.state === "open"), true)).reply(200, {})
      .post(`${R}/issues/5/comments`, (b) => ((said = b.body), true)).reply(201, {});
    await scheduledReviews(probot, { store, now: () => now, workdir: dir, pacer: { wait: async () => undefined } });
    expect(review).toMatchObject({ title: "Access review due: DEPLOY_KEY", assignees: ["ops"], labels: ["keyward", "access-review"] });
    expect(reviewFromBody(review!.body)).toBe("DEPLOY_KEY");
    expect(review!.body).toContain("review was due on 2026-04-01");
    expect(reopened).toBe(true);
    expect(said).toContain("the exception ended on 2026-05-31");
    expect(await store.stateOf(`${OWNER}/${REPO}`, "secret:0123456789abcdef0123")).toBe("reopened");
    const events = (await store.records()).map((r) => r.event);
    expect(events).toContain("review-opened");
    expect(events).toContain("exception-expired");
  });

  it("records `/keyward reviewed` from an owner and closes the review issue", async () => {
    const body = `<!-- keyward:review=DEPLOY_KEY -->\n| Owners | @ops (inventory) |`;
    let closed = false;
    nock(API)
      .post(`/app/installations/${INSTALLATION}/access_tokens`).optionally().reply(201, { token: "t", expires_at: "2099-01-01T00:00:00Z" })
      .get(`${R}/collaborators/ops/permission`).reply(200, { permission: "write", role_name: "write" })
      .post(`${R}/issues/31/comments`).reply(201, {})
      .patch(`${R}/issues/31`, (b) => ((closed = b.state === "closed"), true)).reply(200, {});
    const res = await deliver(app, "issue_comment", { action: "created", issue: { number: 31, body, state: "open", assignees: [{ login: "ops" }] }, comment: { id: 2, body: "/keyward reviewed", user: { login: "ops", type: "User" } }, repository: repository(), installation: { id: INSTALLATION }, sender: { login: "ops", type: "User" } });
    expect(res.status).toBe(200);
    expect(closed).toBe(true);
    const last = (await store.records()).at(-1)!;
    expect(last).toMatchObject({ event: "reviewed", fingerprint: "identity:DEPLOY_KEY", actor: "ops" });
  });
});
