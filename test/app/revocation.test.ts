/**
 * Revocation and validity in the App, end to end: the App on Probot's server, real signed
 * deliveries, GitHub's API and Slack's faked with nock. Each leaked credential goes only to its
 * own provider; the issue and the evidence say what happened; and no token reaches a log line,
 * an issue body, the check run or an evidence record. Assertions never quote a token.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { secretId } from "../../src/detect/redact.js";
import { openEvidenceStore } from "../../src/evidence/open.js";
import type { EvidenceStore } from "../../src/evidence/types.js";
import { deliver, runApp, useApp, type RunningApp } from "../helpers/app.js";
import { expectNoSecret } from "../helpers/no-secret.js";
import { commitResponse, fileContent, INSTALLATION, OWNER, pushPayload, REPO, repository } from "../helpers/payloads.js";
import { tempRepo } from "../helpers/repo.js";
import { githubToken, slackBotToken } from "../helpers/tokens.js";

const API = "https://api.github.com";
const SLACK = "https://slack.com";
const R = `/repos/${OWNER}/${REPO}`;
const FULL = `${OWNER}/${REPO}`;
const BEFORE = "a".repeat(40);

const ON_ALL = "revoke:\n  mode: on\n  scope: all\n";

/** GitHub's issues for one repository, kept in memory behind nock, so reconcile steps see their own writes. */
function fakeIssues(state = { issues: [] as Array<{ number: number; title: string; body: string; state: "open" | "closed" }>, sent: [] as string[], counts: { patches: 0 } }) {
  // `sent`: every title, body and comment Keyward sent.
  const { issues, sent, counts } = state;
  const json = (b: unknown) => (typeof b === "string" ? (JSON.parse(b) as Record<string, unknown>) : (b as Record<string, unknown>));
  const url = (n: number) => `https://github.com/${OWNER}/${REPO}/issues/${n}`;
  nock(API)
    .persist()
    .get(`${R}/issues`)
    .query(true)
    .reply(() => [200, issues.map((i) => ({ number: i.number, title: i.title, state: i.state, body: i.body, html_url: url(i.number), labels: [{ name: "keyward" }] }))])
    .post(`${R}/issues`)
    .reply((_uri, raw) => {
      const b = json(raw);
      const issue = { number: issues.length + 1, title: String(b.title), body: String(b.body), state: "open" as const };
      issues.push(issue);
      sent.push(issue.body, issue.title);
      return [201, { number: issue.number, html_url: url(issue.number) }];
    })
    .patch(/^\/repos\/acme\/widgets\/issues\/\d+$/)
    .reply((uri, raw) => {
      const b = json(raw);
      const issue = issues.find((i) => uri.endsWith(`/issues/${i.number}`));
      counts.patches++;
      if (issue && typeof b.body === "string") (issue.body = b.body), sent.push(b.body);
      if (issue && (b.state === "open" || b.state === "closed")) issue.state = b.state;
      return [200, {}];
    })
    .post(/^\/repos\/acme\/widgets\/issues\/\d+\/comments$/)
    .reply((_uri, raw) => (sent.push(String(json(raw).body)), [201, { id: 1 }]));
  return state;
}

/** The rest of what a feature-branch push costs: check run, commits, config, ignore files, owners. */
function pushApi(config: string | undefined, commit: string, files: Array<{ filename: string; patch: string }>) {
  const captured: { check?: unknown } = {};
  nock(API)
    .post(`${R}/check-runs`).reply(201, { id: 5 })
    .get(`${R}/compare/${BEFORE}...${commit}`).query(true).reply(200, { commits: [{ sha: commit }] })
    .get(`${R}/commits/${commit}`).reply(200, commitResponse(commit, files.map((f) => ({ ...f, status: "added" }))))
    .get(`${R}/contents/.github%2Fkeyward.yml`).query(true).reply(config === undefined ? 404 : 200, config === undefined ? {} : fileContent(config))
    .patch(`${R}/check-runs/5`, (b) => ((captured.check = b), true)).reply(200, {})
    .get(/\/contents\//).query(true).times(20).optionally().reply(404)
    .get(/\/assignees\//).times(4).optionally().reply(204);
  nock(API).get(`/repos/${OWNER}/.github/contents/.github%2Fkeyward.yml`).optionally().reply(404);
  return captured;
}

const push = (commit: string, files: string[], repo = repository()) => pushPayload({ before: BEFORE, after: commit, ref: "refs/heads/feature", commits: [{ id: commit, added: files }] }, repo);
const sha = (c: string) => c.repeat(40);

describe("automatic revocation and validity checks", () => {
  let app: RunningApp;
  let store: EvidenceStore;
  let dir: string;
  let unmatched: number;
  // nock also reports the loopback webhook deliveries it lets through; only outside hosts count.
  const countUnmatched = (req: { host?: string; hostname?: string; options?: { host?: string; hostname?: string } }) => {
    const host = String(req.hostname ?? req.host ?? req.options?.hostname ?? req.options?.host ?? "");
    if (!host.startsWith("127.0.0.1")) unmatched++;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "keyward-revoke-"));
    store = await openEvidenceStore({ sqlitePath: join(dir, "e.db") });
    app = await runApp(store);
  });
  afterAll(async () => {
    await app.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    unmatched = 0;
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    // Any request nothing expects (a revocation that should not happen): counted, never printed.
    nock.emitter.on("no match", countUnmatched);
    nock(API).post(`/app/installations/${INSTALLATION}/access_tokens`).optionally().reply(201, { token: "test-installation-token", expires_at: "2099-01-01T00:00:00Z" });
  });
  afterEach(() => {
    nock.emitter.removeListener("no match", countUnmatched);
    nock.cleanAll();
    nock.enableNetConnect();
  });

  const events = async (token: string) => (await store.records({ fingerprint: `secret:${secretId(token)}` })).map((r) => r.event);
  const evidence = async () => JSON.stringify(await store.records());

  it("revokes a GitHub token through GitHub and a Slack token through Slack only, says so in the issues, and records it", async () => {
    const gh = githubToken();
    const slack = slackBotToken();
    const issues = fakeIssues();
    const check = pushApi(ON_ALL, sha("1"), [{ filename: "config/app.env", patch: `@@ -0,0 +1,2 @@\n+GITHUB_TOKEN=${gh}\n+SLACK_TOKEN=${slack}` }]);
    const toGithub: Array<{ exactlyTheGithubToken: boolean; slackTokenIncluded: boolean; authenticated: boolean }> = [];
    nock(API)
      .post("/credentials/revoke")
      .reply(function (_uri, body) {
        const text = JSON.stringify(body);
        const credentials = (typeof body === "string" ? JSON.parse(body) : body).credentials as string[];
        toGithub.push({ exactlyTheGithubToken: credentials.length === 1 && credentials[0] === gh, slackTokenIncluded: text.includes(slack.slice(8)), authenticated: this.req.headers.authorization !== undefined });
        return [202, {}, { "x-github-request-id": "E1A0:3B4C:1F2E3D:2A3B4C:6745A3B2" }];
      });
    const toSlack: Array<{ bearerIsTheSlackToken: boolean; githubTokenIncluded: boolean }> = [];
    nock(SLACK)
      .post("/api/auth.revoke")
      .reply(function (_uri, body) {
        toSlack.push({ bearerIsTheSlackToken: this.req.headers.authorization === `Bearer ${slack}`, githubTokenIncluded: `${JSON.stringify(this.req.headers)}${JSON.stringify(body)}`.includes(gh.slice(8)) });
        return [200, { ok: true, revoked: true }, { "x-slack-req-id": "b7c0ffee3f4e1d2a" }];
      });

    const res = await deliver(app, "push", push(sha("1"), ["config/app.env"]));
    expect(res.status).toBe(200);
    expect(toGithub).toEqual([{ exactlyTheGithubToken: true, slackTokenIncluded: false, authenticated: false }]);
    expect(toSlack).toEqual([{ bearerIsTheSlackToken: true, githubTokenIncluded: false }]);
    expect(unmatched).toBe(0);

    // The issues say it, and tick the revocation item.
    expect(issues.issues).toHaveLength(2);
    for (const issue of issues.issues) {
      expect(issue.body).toMatch(/- \*\*Revocation:\*\* revoked at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC by Keyward \(requested from (GitHub|Slack) at .+, HTTP 20[02]\)\./);
      expect(issue.body).toContain("- [x] Revoke the credential with");
    }

    // The evidence: detection, the request, the provider's acceptance as a `revoked` transition.
    // With the provider's own request id, which its audit logs know the call by.
    for (const [token, provider, status, requestId] of [[gh, "github", 202, "E1A0:3B4C:1F2E3D:2A3B4C:6745A3B2"], [slack, "slack", 200, "b7c0ffee3f4e1d2a"]] as const) {
      const fp = `secret:${secretId(token)}`;
      expect(await events(token)).toEqual(["detected", "issue-opened", "assigned", "revocation-requested", "revoked"]);
      const revoked = (await store.records({ fingerprint: fp })).at(-1)!;
      expect(revoked).toMatchObject({ actor: "keyward", deliveryId: res.id, details: { by: "keyward:auto", provider, status, requestId } });
      expect(await store.stateOf(FULL, fp)).toBe("revoked");
    }

    // Nothing else needed: once the token is gone from the default branch, closing verifies the fix.
    const ghIssue = issues.issues.find((i) => i.title.startsWith("Leaked GitHub"))!;
    nock.cleanAll(); // the push's optional catch-alls would answer the file with a 404
    fakeIssues(issues);
    const clean = nock(API).get(`${R}/commits/main`).reply(200, "f".repeat(40)).get(`${R}/contents/config%2Fapp.env`).query({ ref: "f".repeat(40) }).reply(200, fileContent("GITHUB_TOKEN=\nSLACK_TOKEN=\n"));
    // Who closed it, and with what role, as GitHub says: recorded with the close.
    nock(API).get(`${R}/collaborators/dana/permission`).reply(200, { permission: "write", role_name: "write", user: { login: "dana" } });
    await deliver(app, "issues", { action: "closed", issue: { number: ghIssue.number, state: "closed", body: ghIssue.body, assignees: [] }, repository: repository(), installation: { id: INSTALLATION }, sender: { login: "dana" } });
    expect(clean.isDone()).toBe(true);
    expect((await events(gh)).slice(-2)).toEqual(["fix-verified", "closed"]);

    expectNoSecret({ logs: app.logs, issues: issues.sent, check: JSON.stringify(check), evidence: await evidence() }, [gh, slack]);
  });

  it("in dry-run mode sends nothing, and says in the issue what it would have revoked", async () => {
    const gh = githubToken();
    const slack = slackBotToken();
    const issues = fakeIssues();
    const check = pushApi("revoke:\n  mode: dry-run\n", sha("2"), [{ filename: "config/app.env", patch: `@@ -0,0 +1,2 @@\n+GITHUB_TOKEN=${gh}\n+SLACK_TOKEN=${slack}` }]);
    const res = await deliver(app, "push", push(sha("2"), ["config/app.env"], repository({ private: false })));
    expect(res.status).toBe(200);
    expect(unmatched).toBe(0); // no request to /credentials/revoke, none to Slack

    for (const [token, provider] of [[gh, "github"], [slack, "slack"]] as const) {
      const records = await store.records({ fingerprint: `secret:${secretId(token)}` });
      expect(records.map((r) => r.event)).toEqual(["detected", "issue-opened", "assigned", "revocation-requested"]);
      expect(records.at(-1)!.details).toMatchObject({ provider, mode: "dry-run", sent: false });
      expect(await store.stateOf(FULL, `secret:${secretId(token)}`)).toBe("assigned");
    }
    const bodies = issues.issues.map((i) => i.body).join("\n");
    expect(bodies).toContain("**Revocation:** dry run — Keyward would have asked GitHub to revoke this credential");
    expect(bodies).toContain("**Revocation:** dry run — Keyward would have asked Slack to revoke this credential");
    expect(bodies).not.toContain("[x] Revoke");
    expectNoSecret({ logs: app.logs, issues: issues.sent, check: JSON.stringify(check), evidence: await evidence() }, [gh, slack]);
  });

  it("records GitHub's 422 as a failed revocation, with its status, in the evidence and the issue", async () => {
    const gh = githubToken();
    const issues = fakeIssues();
    pushApi(ON_ALL, sha("3"), [{ filename: "src/client.js", patch: `@@ -0,0 +1 @@\n+const token = "${gh}";` }]);
    nock(API).post("/credentials/revoke").once().reply(422, { message: "Validation Failed" });
    await deliver(app, "push", push(sha("3"), ["src/client.js"]));
    expect(unmatched).toBe(0); // a 422 is not retried

    const records = await store.records({ fingerprint: `secret:${secretId(gh)}` });
    expect(records.map((r) => r.event)).toEqual(["detected", "issue-opened", "assigned", "revocation-requested", "revocation-failed"]);
    expect(records.at(-1)!.details).toMatchObject({ provider: "github", status: 422, attempts: 1 });
    expect(await store.stateOf(FULL, `secret:${secretId(gh)}`)).toBe("assigned");
    expect(issues.issues[0]!.body).toMatch(/- \*\*Revocation:\*\* failed: 422 from GitHub at .+ — GitHub refused the request .+\. Revoke or rotate it by hand\./);
    expectNoSecret({ logs: app.logs, issues: issues.sent, evidence: await evidence() }, [gh]);
  });

  it("revokes nothing when the mode is off, nor in a private repository when the scope is public-repos", async () => {
    for (const [config, commit] of [[undefined, sha("4")], ["revoke:\n  mode: on\n", sha("5")]] as const) {
      const gh = githubToken();
      const issues = fakeIssues();
      pushApi(config, commit, [{ filename: "src/client.js", patch: `@@ -0,0 +1 @@\n+const token = "${gh}";` }]);
      const res = await deliver(app, "push", push(commit, ["src/client.js"])); // repository() is private
      expect(res.status).toBe(200);
      expect(unmatched).toBe(0);
      expect(await events(gh)).toEqual(["detected", "issue-opened", "assigned"]);
      expect(issues.issues[0]!.body).not.toContain("Revocation and validity");
      expect(issues.counts.patches).toBe(0);
      nock.cleanAll();
      nock(API).post(`/app/installations/${INSTALLATION}/access_tokens`).optionally().reply(201, { token: "t", expires_at: "2099-01-01T00:00:00Z" });
    }
  });

  it("revokes what the installation baseline finds on the default branch", async () => {
    const gh = githubToken();
    const origin = tempRepo();
    try {
      origin.write("deploy/settings.py", `TOKEN = "${gh}"\n`);
      origin.commit("initial");
      const issues = fakeIssues();
      let revoked = 0;
      nock(API)
        .get(R).reply(200, repository({ clone_url: `file://${origin.dir}` }))
        .get(`${R}/contents/.github%2Fkeyward.yml`).query(true).reply(200, fileContent(ON_ALL))
        .get(/\/contents\//).query(true).times(20).optionally().reply(404)
        .get(/\/assignees\//).times(4).optionally().reply(404)
        .post("/credentials/revoke", (b: { credentials: string[] }) => (b.credentials.length === 1 && b.credentials[0] === gh ? (revoked++, true) : false))
        .reply(202, {});
      const payload = { action: "created", installation: { id: INSTALLATION, account: { login: OWNER } }, repositories: [{ full_name: FULL, name: REPO }], sender: { login: "admin" } };
      await deliver(app, "installation", payload);
      for (let i = 0; i < 100 && !(await events(gh)).includes("revoked"); i++) await new Promise((r) => setTimeout(r, 100));
      expect(revoked).toBe(1);
      expect(await events(gh)).toEqual(["detected", "issue-opened", "redetected", "revocation-requested", "revoked"]);
      expect(issues.issues[0]!.body).toContain("**Revocation:** revoked at");
      expectNoSecret({ logs: app.logs, issues: issues.sent, evidence: await evidence() }, [gh]);
    } finally {
      origin.cleanup();
    }
  });
});

describe("validity checks in the App", () => {
  let clock = new Date("2026-11-20T09:00:00.000Z");
  const ctx = useApp({ now: () => clock });

  it("checks each secret at most once a day, says the result in the issue, and never revokes when only checks are on", async () => {
    const gh = githubToken();
    const fp = `secret:${secretId(gh)}`;
    const issues = fakeIssues();
    // A check on the second day that should not happen would show up as a third record below.
    const asked: boolean[] = [];
    const rateLimit = (status: number) =>
      nock(API)
        .get("/rate_limit")
        .reply(function () {
          asked.push(this.req.headers.authorization === `token ${gh}`);
          return [status, {}];
        });
    const pushAt = async (at: string, commit: string, line: number, validity?: number) => {
      clock = new Date(at);
      // Each delivery meets only its own interceptors (a previous one's optional catch-alls would shadow the config).
      nock.cleanAll();
      fakeIssues(issues);
      if (validity !== undefined) rateLimit(validity);
      nock(API).post(`/app/installations/${INSTALLATION}/access_tokens`).optionally().reply(201, { token: "t", expires_at: "2099-01-01T00:00:00Z" });
      pushApi("validity:\n  check: true\n", commit, [{ filename: "src/client.js", patch: `@@ -0,0 +${line} @@\n+const token = "${gh}";` }]);
      const res = await deliver(ctx.app, "push", push(commit, ["src/client.js"]));
      expect(res.status).toBe(200);
    };

    await pushAt("2026-11-20T09:00:00.000Z", sha("6"), 1, 200);
    await pushAt("2026-11-20T20:00:00.000Z", sha("7"), 2); // the same day: not asked again
    await pushAt("2026-11-21T09:30:00.000Z", sha("8"), 3, 401);

    expect(asked).toEqual([true, true]);
    const checks = (await ctx.store.records({ fingerprint: fp })).filter((r) => r.event === "validity-checked");
    expect(checks.map((r) => [r.details.state, r.details.checkedAt])).toEqual([
      ["active", "2026-11-20T09:00:00.000Z"],
      ["inactive", "2026-11-21T09:30:00.000Z"],
    ]);
    expect((await ctx.store.records({ fingerprint: fp })).some((r) => r.event.startsWith("revocation") || r.event === "revoked")).toBe(false);
    expect(issues.issues[0]!.body).toContain("- **Validity:** inactive (checked 2026-11-21 09:30:00 UTC with GitHub)");
    expectNoSecret({ logs: ctx.app.logs, issues: issues.sent, evidence: JSON.stringify(await ctx.store.records()) }, [gh]);
  });
});
