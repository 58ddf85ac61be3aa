import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openEvidenceStore } from "../../src/evidence/open.js";
import type { EvidenceStore } from "../../src/evidence/types.js";
import { DEFAULT_HASH_KEY, secretId } from "../../src/detect/redact.js";
import { issueBody } from "../../src/report/issue.js";
import { Scanner } from "../../src/detect/scanner.js";
import { ALL_RULES } from "../../src/detect/rules/index.js";
import { deliver, runApp, useApp } from "../helpers/app.js";
import { fileContent, INSTALLATION, OWNER, REPO, repository } from "../helpers/payloads.js";
import { githubToken } from "../helpers/tokens.js";

const API = "https://api.github.com";
const R = `/repos/${OWNER}/${REPO}`;
/** What GitHub names as the head of main when the fix is checked. */
const HEAD_OF_MAIN = "9".repeat(40);

describe("remediation issues: commands and verified closing", () => {
  const ctx = useApp();
  const token = githubToken();
  const finding = new Scanner({ rules: ALL_RULES }).scan({ path: "src/client.js", text: `const t = "${token}";`, startLine: 1 })[0]!;
  const body = issueBody({ finding, occurrences: [{ path: "src/client.js", line: 1, commit: "1".repeat(40) }], repoUrl: `https://github.com/${OWNER}/${REPO}`, owners: [{ kind: "user", login: "dana", source: "codeowners" }], ownerSource: "codeowners", repositoryPublic: false });
  const fp = `secret:${secretId(token, DEFAULT_HASH_KEY)}`;
  const issue = (state = "open") => ({ number: 12, state, body, title: "Leaked…", assignees: [{ login: "dana" }], labels: [{ name: "keyward" }], user: { login: "keyward[bot]" } });
  const comment = (login: string, text: string, type = "User") => ({
    action: "created",
    issue: issue(),
    comment: { id: 1, body: text, user: { login, type } },
    repository: repository(),
    installation: { id: INSTALLATION },
    sender: { login, type },
  });

  beforeAll(async () => {
    // The finding's history so far, as the App records it: where it was seen, the issue it
    // opened (#12), and whom it assigned — the facts commands are authorised by.
    const where = { repository: `${OWNER}/${REPO}`, fingerprint: fp, actor: "keyward" };
    await ctx.store.transition({ ...where, event: "detected", details: { rule: finding.ruleId, path: "src/client.js", line: 1 } });
    await ctx.store.transition({ ...where, event: "issue-opened", details: { issue: 12 } });
    await ctx.store.transition({ ...where, event: "assigned", details: { issue: 12, owners: ["@dana"], assignees: ["dana"] } });
  });
  // No CODEOWNERS in the repository: the owners are those the App recorded.
  beforeEach(() => void nock(API).get(/\/contents\/.*CODEOWNERS/).query(true).reply(404).persist());

  const permission = (login: string, role: string) => nock(API).get(`${R}/collaborators/${login}/permission`).reply(200, { permission: role === "maintain" ? "write" : role, role_name: role, user: { login } });

  it("politely refuses a command from someone who is neither owner nor maintainer", async () => {
    let said = "";
    permission("mallory", "read");
    nock(API).post(`${R}/issues/12/comments`, (b) => ((said = b.body), true)).reply(201, {});
    const res = await deliver(ctx.app, "issue_comment", comment("mallory", "/keyward false-positive it is fine"));
    expect(res.status).toBe(200);
    expect(said).toMatch(/^Sorry @mallory, only this secret's owners \(`@dana`\) or the repository's maintainers/);
    expect(await ctx.store.stateOf(`${OWNER}/${REPO}`, fp)).toBe("assigned");
  });

  it("refuses an exception the owner approves for themselves", async () => {
    let said = "";
    permission("dana", "write");
    nock(API).post(`${R}/issues/12/comments`, (b) => ((said = b.body), true)).reply(201, {});
    await deliver(ctx.app, "issue_comment", comment("dana", "/keyward exception 2027-01-31 vendor fix pending"));
    expect(said).toMatch(/exception must be approved by someone other than the secret's owner/);
    expect(await ctx.store.stateOf(`${OWNER}/${REPO}`, fp)).toBe("assigned");
  });

  it("records the owner's rotation attestation", async () => {
    let said = "";
    permission("dana", "write");
    nock(API).post(`${R}/issues/12/comments`, (b) => ((said = b.body), true)).reply(201, {});
    await deliver(ctx.app, "issue_comment", comment("dana", "Done.\n/keyward rotated"));
    expect(said).toMatch(/@dana attests that the credential was rotated/);
    expect(await ctx.store.stateOf(`${OWNER}/${REPO}`, fp)).toBe("rotated");
  });

  it("reopens an issue closed while the secret is still on the default branch, saying what is missing", async () => {
    let said = "";
    let reopened = false;
    nock(API)
      .get(`${R}/commits/main`).reply(200, HEAD_OF_MAIN)
      .get(`${R}/contents/src%2Fclient.js`).query({ ref: HEAD_OF_MAIN }).reply(200, fileContent(`const t = "${token}";\n`))
      .patch(`${R}/issues/12`, (b) => ((reopened = b.state === "open"), true)).reply(200, {})
      .post(`${R}/issues/12/comments`, (b) => ((said = b.body), true)).reply(201, {});
    await deliver(ctx.app, "issues", { action: "closed", issue: issue("closed"), repository: repository(), installation: { id: INSTALLATION }, sender: { login: "dana" } });
    expect(reopened).toBe(true);
    expect(said).toContain("removing it from `main`: still at `src/client.js:1`");
    expect(said).not.toContain(token.slice(4));
    expect(await ctx.store.stateOf(`${OWNER}/${REPO}`, fp)).toBe("reopened");
  });

  it("accepts the close once the secret is gone and the rotation attested, recording the verified fix", async () => {
    permission("dana", "write");
    nock(API).post(`${R}/issues/12/comments`).reply(201, {});
    await deliver(ctx.app, "issue_comment", comment("dana", "/keyward rotated"));
    nock(API).get(`${R}/commits/main`).reply(200, HEAD_OF_MAIN).get(`${R}/contents/src%2Fclient.js`).query({ ref: HEAD_OF_MAIN }).reply(200, fileContent("const t = process.env.TOKEN;\n"));
    permission("dana", "write");
    await deliver(ctx.app, "issues", { action: "closed", issue: issue("closed"), repository: repository(), installation: { id: INSTALLATION }, sender: { login: "dana" } });
    expect(await ctx.store.stateOf(`${OWNER}/${REPO}`, fp)).toBe("closed");
    const events = (await ctx.store.records({ fingerprint: fp })).map((r) => r.event);
    expect(events.slice(-3)).toEqual(["rotated", "fix-verified", "closed"]);
    // The verified fix names the commit it checked and the files it read there.
    expect((await ctx.store.records({ fingerprint: fp })).find((r) => r.event === "fix-verified")!.details).toMatchObject({ branch: "main", headSha: HEAD_OF_MAIN, paths: ["src/client.js"] });
  });
});

describe("/keyward false-positive", () => {
  it("records the reason, closes the issue as not planned, and accepts the close", async () => {
    const dir = mkdtempSync(join(tmpdir(), "keyward-fp-"));
    const store = await openEvidenceStore({ sqlitePath: join(dir, "e.db") });
    const app = await runApp(store);
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    try {
      const token = githubToken();
      const finding = new Scanner({ rules: ALL_RULES }).scan({ path: "test/fixture.js", text: `x = "${token}"`, startLine: 1 })[0]!;
      const body = issueBody({ finding, occurrences: [{ path: "test/fixture.js", line: 1 }], repoUrl: `https://github.com/${OWNER}/${REPO}`, owners: [{ kind: "user", login: "dana", source: "codeowners" }], ownerSource: "codeowners", repositoryPublic: false });
      const fp = `secret:${finding.secretId}`;
      const where = { repository: `${OWNER}/${REPO}`, fingerprint: fp, actor: "keyward" };
      await store.transition({ ...where, event: "detected", details: { path: "test/fixture.js", line: 1 } });
      await store.transition({ ...where, event: "issue-opened", details: { issue: 12 } });
      await store.transition({ ...where, event: "assigned", details: { issue: 12, owners: ["@dana"] } });
      let closed: { state?: string; state_reason?: string } = {};
      nock(API)
        .post(`/app/installations/${INSTALLATION}/access_tokens`).optionally().reply(201, { token: "t", expires_at: "2099-01-01T00:00:00Z" })
        .get(/\/contents\/.*CODEOWNERS/).query(true).times(3).reply(404)
        .get(`${R}/collaborators/dana/permission`).reply(200, { permission: "write", role_name: "write" })
        .post(`${R}/issues/12/comments`).reply(201, {})
        .get(`${R}/contents/test%2Ffixture.js`).query({ ref: "main" }).reply(404)
        .patch(`${R}/issues/12`, (b) => ((closed = b), true)).reply(200, {});
      await deliver(app, "issue_comment", { action: "created", issue: { number: 12, state: "open", body, assignees: [{ login: "dana" }] }, comment: { id: 3, body: "/keyward false-positive generated test fixture, never valid", user: { login: "dana", type: "User" } }, repository: repository(), installation: { id: INSTALLATION }, sender: { login: "dana", type: "User" } });
      expect(closed).toMatchObject({ state: "closed", state_reason: "not_planned" });
      const records = await store.records({ fingerprint: fp });
      expect(records.map((r) => r.event)).toEqual(["detected", "issue-opened", "assigned", "false-positive", "closed"]);
      expect(records[3]!.details.reason).toBe("generated test fixture, never valid");
    } finally {
      nock.cleanAll();
      nock.enableNetConnect();
      await app.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
