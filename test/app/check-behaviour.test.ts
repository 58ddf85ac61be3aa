import nock from "nock";
import { describe, expect, it } from "vitest";
import { DEFAULT_HASH_KEY, secretId } from "../../src/detect/redact.js";
import { deliver, useApp } from "../helpers/app.js";
import { commitResponse, fileContent, INSTALLATION, OWNER, pushPayload, REPO, repository } from "../helpers/payloads.js";
import { githubToken } from "../helpers/tokens.js";

const API = "https://api.github.com";
const R = `/repos/${OWNER}/${REPO}`;
const HEAD = "f".repeat(40);
const C1 = "3".repeat(40);

describe("check runs and issues: configuration, re-runs, regressions, retries", () => {
  const ctx = useApp();

  it("reports an invalid config in the check run with file and line, applies the defaults, and retries a 5xx", async () => {
    let check: { conclusion: string; output: { summary: string } } | undefined;
    nock(API)
      .post(`${R}/check-runs`).reply(201, { id: 41 })
      .get(`${R}/compare/${"a".repeat(40)}...${HEAD}`).query(true).reply(200, { commits: [{ sha: C1 }] })
      .get(`${R}/contents/.github%2Fkeyward.yml`).query({ ref: HEAD }).reply(200, fileContent("fail_on: extreme\nissues:\n  enabled: nope\n"))
      // GitHub has a bad moment: Probot's retry plugin tries again.
      .get(`${R}/commits/${C1}`).reply(502, { message: "Bad Gateway" })
      .get(`${R}/commits/${C1}`).reply(200, commitResponse(C1, [{ filename: "README.md", patch: "@@ -1,0 +1 @@\n+docs" }]))
      .patch(`${R}/check-runs/41`, (b) => ((check = b), true)).reply(200, {})
      .get(/\/contents\//).query(true).times(10).optionally().reply(404);
    const res = await deliver(ctx.app, "push", pushPayload({ before: "a".repeat(40), after: HEAD, ref: "refs/heads/feature", commits: [{ id: C1, modified: ["README.md"] }] }));
    expect(res.status).toBe(200);
    expect(check!.conclusion).toBe("success");
    expect(check!.output.summary).toContain("The Keyward configuration has errors; defaults were used");
    // The messages quote the repository's own keys, so they arrive escaped (`fail\_on`).
    expect(check!.output.summary).toMatch(/`\.github\/keyward\.yml:1:\d+` fail\\_on:/);
    expect(check!.output.summary).toMatch(/`\.github\/keyward\.yml:3:\d+` issues\.enabled:/);
  });

  it("re-runs a rerequested check on the same check run", async () => {
    let status = "";
    let completed: { conclusion: string } | undefined;
    nock(API)
      .patch(`${R}/check-runs/77`, (b) => (b.status === "in_progress" ? ((status = b.status), true) : false)).reply(200, {})
      .get(`${R}/pulls/9/commits`).query(true).reply(200, [{ sha: C1 }])
      .get(`${R}/pulls/9/files`).query(true).reply(200, [{ filename: "README.md" }])
      .get(`${R}/commits/${C1}`).reply(200, commitResponse(C1, [{ filename: "README.md", patch: "@@ -1,0 +1 @@\n+docs" }]))
      .patch(`${R}/check-runs/77`, (b) => (b.status === "completed" ? ((completed = b), true) : false)).reply(200, {})
      .get(/\/contents\//).query(true).times(10).optionally().reply(404);
    nock(API).get(`/repos/${OWNER}/.github/contents/.github%2Fkeyward.yml`).optionally().reply(404);
    const res = await deliver(ctx.app, "check_run", { action: "rerequested", check_run: { id: 77, name: "Keyward", head_sha: HEAD, pull_requests: [{ number: 9 }] }, repository: repository(), installation: { id: INSTALLATION }, sender: { login: "dana" } });
    expect(res.status).toBe(200);
    expect(status).toBe("in_progress");
    expect(completed!.conclusion).toBe("success");
  });

  it("reopens the closed issue of a secret that comes back, and records the regression", async () => {
    const token = githubToken();
    const id = secretId(token, DEFAULT_HASH_KEY);
    await ctx.store.transition({ repository: `${OWNER}/${REPO}`, fingerprint: `secret:${id}`, event: "detected", actor: "keyward", details: {} });
    await ctx.store.transition({ repository: `${OWNER}/${REPO}`, fingerprint: `secret:${id}`, event: "revoked", actor: "dana", details: {} });
    await ctx.store.transition({ repository: `${OWNER}/${REPO}`, fingerprint: `secret:${id}`, event: "fix-verified", actor: "keyward", details: {} });
    await ctx.store.transition({ repository: `${OWNER}/${REPO}`, fingerprint: `secret:${id}`, event: "closed", actor: "dana", details: {} });
    const closedIssue = { number: 50, state: "closed", body: `<!-- keyward:secret-id=${id} -->\n<!-- keyward:occurrences -->\n- \`old.js:1\`\n<!-- /keyward:occurrences -->`, html_url: "https://github.com/acme/widgets/issues/50", labels: [{ name: "keyward" }] };
    let reopen: { state?: string; body?: string } = {};
    let said = "";
    nock(API)
      .post(`${R}/check-runs`).reply(201, { id: 42 })
      .get(`${R}/compare/${"a".repeat(40)}...${HEAD}`).query(true).reply(200, { commits: [{ sha: C1 }] })
      .get(`${R}/commits/${C1}`).reply(200, commitResponse(C1, [{ filename: "new.js", status: "added", patch: `@@ -0,0 +1 @@\n+const t = "${token}";` }]))
      .get(`${R}/issues`).query(true).reply(200, [closedIssue])
      .patch(`${R}/issues/50`, (b) => ((reopen = b), true)).reply(200, {})
      .post(`${R}/issues/50/comments`, (b) => ((said = b.body), true)).reply(201, {})
      .patch(`${R}/check-runs/42`).reply(200, {})
      .get(/\/contents\//).query(true).times(10).optionally().reply(404);
    nock(API).get(`/repos/${OWNER}/.github/contents/.github%2Fkeyward.yml`).optionally().reply(404);
    await deliver(ctx.app, "push", pushPayload({ before: "a".repeat(40), after: HEAD, ref: "refs/heads/feature", commits: [{ id: C1, added: ["new.js"] }] }));
    expect(reopen.state).toBe("open");
    expect(reopen.body).toContain("`new.js:1`");
    expect(reopen.body).toContain("`old.js:1`");
    expect(said).toMatch(/Reopened by Keyward: this secret appeared again at `new\.js:1`/);
    expect(await ctx.store.stateOf(`${OWNER}/${REPO}`, `secret:${id}`)).toBe("reopened");
  });
});
