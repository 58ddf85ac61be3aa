import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEvidenceStore } from "../../src/evidence/open.js";
import type { EvidenceStore } from "../../src/evidence/types.js";
import { Pacer } from "../../src/remediate/pacer.js";
import { deliver, runApp, type RunningApp } from "../helpers/app.js";
import { INSTALLATION, OWNER, REPO, repository } from "../helpers/payloads.js";
import { tempRepo, type TempRepo } from "../helpers/repo.js";
import { githubToken, slackBotToken } from "../helpers/tokens.js";

const API = "https://api.github.com";
const R = `/repos/${OWNER}/${REPO}`;

describe("installation: a baseline scan of each repository", () => {
  let app: RunningApp;
  let store: EvidenceStore;
  let dir: string;
  let origin: TempRepo;
  const gh = githubToken();
  const slack = slackBotToken();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "keyward-install-"));
    store = await openEvidenceStore({ sqlitePath: join(dir, "e.db") });
    app = await runApp(store);
    origin = tempRepo();
    origin.write("config/prod.env", `GITHUB_TOKEN=${gh}\nSLACK_BOT=${slack}\n`);
    origin.write("README.md", "# widgets\n");
    origin.commit("initial");
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterAll(async () => {
    nock.enableNetConnect();
    await app.stop();
    await store.close();
    origin.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("opens one issue per secret on the default branch, and a redelivery after a crash opens nothing twice", async () => {
    const created: string[] = [];
    const payload = { action: "created", installation: { id: INSTALLATION, account: { login: OWNER } }, repositories: [{ full_name: `${OWNER}/${REPO}`, name: REPO }], sender: { login: "admin" } };
    nock(API)
      .post(`/app/installations/${INSTALLATION}/access_tokens`).optionally().reply(201, { token: "t", expires_at: "2099-01-01T00:00:00Z" })
      .get(R).reply(200, repository({ clone_url: `file://${origin.dir}`, default_branch: "main" }))
      .get(/\/contents\//).query(true).times(20).optionally().reply(404)
      .get(`/repos/${OWNER}/.github/contents/.github%2Fkeyward.yml`).optionally().reply(404)
      .get(`${R}/issues`).query(true).reply(200, [])
      .get(/\/assignees\//).times(4).optionally().reply(404)
      // The first issue meets a secondary rate limit once: waited out and retried.
      .post(`${R}/issues`).reply(403, { message: "You have exceeded a secondary rate limit" }, { "retry-after": "0" })
      .post(`${R}/issues`, (b) => (created.push(b.title), true)).reply(201, { number: 1, html_url: "https://github.com/acme/widgets/issues/1" })
      // The second keeps hitting it: the delivery fails, with nothing half-done.
      .post(`${R}/issues`).times(3).reply(403, { message: "You have exceeded a secondary rate limit" }, { "retry-after": "0" });
    const first = await deliver(app, "installation", payload);
    // GitHub is answered within its 10 seconds (202 when work is still going on, an error status
    // when it failed in time); either way wait for the work to end before redelivering.
    expect([202, 403]).toContain(first.status);
    for (let i = 0; i < 300 && nock.pendingMocks().some((m) => m.startsWith("POST") && m.endsWith("/issues")); i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 300));
    expect(created).toHaveLength(1);

    // GitHub redelivers: the issue that exists is found by its marker; only the missing one is opened.
    const issuesNow = [{ number: 1, state: "open", body: `<!-- keyward:secret-id=${(await store.records()).find((r) => r.fingerprint.startsWith("secret:"))!.fingerprint.replace("secret:", "")} -->\n<!-- keyward:occurrences -->\n<!-- /keyward:occurrences -->`, html_url: "https://github.com/acme/widgets/issues/1", labels: [{ name: "keyward" }] }];
    nock(API)
      .get(R).reply(200, repository({ clone_url: `file://${origin.dir}`, default_branch: "main" }))
      .get(/\/contents\//).query(true).times(20).optionally().reply(404)
      .get(`/repos/${OWNER}/.github/contents/.github%2Fkeyward.yml`).optionally().reply(404)
      .get(`${R}/issues`).query(true).reply(200, issuesNow)
      .get(/\/assignees\//).times(4).optionally().reply(404)
      .patch(`${R}/issues/1`).optionally().reply(200, {})
      .post(`${R}/issues`, (b) => (created.push(b.title), true)).reply(201, { number: 2, html_url: "https://github.com/acme/widgets/issues/2" });
    const again = await deliver(app, "installation", payload, { id: first.id });
    expect(again.status).toBe(200);
    expect(created.sort()).toEqual(["Leaked GitHub classic personal access token in config/prod.env", "Leaked Slack bot token (xoxb-<team>-<bot>-<secret>) in config/prod.env"].sort());
    const opened = (await store.records()).filter((r) => r.event === "issue-opened");
    expect(opened).toHaveLength(2);
  });
});

describe("Pacer", () => {
  it("keeps content-creating requests under 80 a minute", async () => {
    let now = 0;
    const slept: number[] = [];
    const pacer = new Pacer({ perMinute: 80, perHour: 500, now: () => now, sleep: async (ms) => void (slept.push(ms), (now += ms)) });
    for (let i = 0; i < 200; i++) await pacer.wait();
    expect(now).toBeGreaterThanOrEqual(2 * 60_000);
    expect(slept.length).toBeGreaterThan(0);
  });
  it("keeps them under 500 an hour", async () => {
    let now = 0;
    const pacer = new Pacer({ perMinute: 1000, perHour: 500, now: () => now, sleep: async (ms) => void (now += ms) });
    for (let i = 0; i < 501; i++) await pacer.wait();
    expect(now).toBeGreaterThanOrEqual(3_600_000);
  });
});
