import nock from "nock";
import { describe, expect, it } from "vitest";
import { deliver, useApp } from "../helpers/app.js";
import { commitResponse, fileContent, OWNER, pullRequestPayload, REPO } from "../helpers/payloads.js";
import { githubToken } from "../helpers/tokens.js";

const API = "https://api.github.com";
const R = `/repos/${OWNER}/${REPO}`;
const HEAD = "c".repeat(40);
const C1 = "1".repeat(40);
const C2 = "2".repeat(40);

describe("pull requests: the Keyward check and remediation issues", () => {
  const ctx = useApp();

  /** The API calls every PR scan makes, whatever it finds. */
  function commonApi(token: string, issues: unknown[] = []) {
    const added = `@@ -0,0 +1,2 @@\n+const client = makeClient();\n+const token = "${token}";`;
    const removed = `@@ -2 +1,0 @@\n-const token = "${token}";`;
    const captured: { check?: Record<string, unknown>; issue?: Record<string, unknown> } = {};
    const scope = nock(API)
      .post(`${R}/check-runs`, (b) => b.name === "Keyward" && b.head_sha === HEAD && b.status === "in_progress")
      .reply(201, { id: 99 })
      .get(`${R}/pulls/7/commits`)
      .query(true)
      .reply(200, [{ sha: C1 }, { sha: C2 }])
      .get(`${R}/pulls/7/files`)
      .query(true)
      .reply(200, [{ filename: "src/client.js" }])
      .get(`${R}/contents/.github%2Fkeyward.yml`)
      .query({ ref: HEAD })
      .reply(404)
      .get(`/repos/${OWNER}/.github/contents/.github%2Fkeyward.yml`)
      .reply(404)
      .get(`${R}/contents/.keywardignore`)
      .query({ ref: HEAD })
      .reply(404)
      .get(`${R}/contents/.gitleaksignore`)
      .query({ ref: HEAD })
      .reply(404)
      .get(`${R}/contents/.gitleaks.toml`)
      .query({ ref: HEAD })
      .reply(404)
      // The secret is added in one commit and removed in the next: still in the history.
      .get(`${R}/commits/${C1}`)
      .reply(200, commitResponse(C1, [{ filename: "src/client.js", patch: added, status: "added" }]))
      .get(`${R}/commits/${C2}`)
      .reply(200, commitResponse(C2, [{ filename: "src/client.js", patch: removed }]))
      .get(`${R}/issues`)
      .query((q) => q.labels === "keyward" && q.state === "all")
      .reply(200, issues)
      .patch(`${R}/check-runs/99`, (b) => {
        captured.check = b;
        return true;
      })
      .reply(200, { id: 99 });
    return { scope, captured };
  }

  it("fails the check, annotates the line and opens one issue assigned to the code owner, never quoting the token", async () => {
    const token = githubToken();
    const { scope, captured } = commonApi(token);
    scope
      .get(`${R}/contents/.github%2FCODEOWNERS`)
      .query({ ref: "main" })
      .reply(200, fileContent("src/ @dana @acme/security\n"))
      .get(`${R}/assignees/dana`)
      .reply(204)
      .post(`${R}/issues`, (b) => {
        captured.issue = b;
        return true;
      })
      .reply(201, { number: 12, html_url: `https://github.com/${OWNER}/${REPO}/issues/12` });

    const res = await deliver(ctx.app, "pull_request", pullRequestPayload("opened", { number: 7, head: HEAD }));
    expect(res.status).toBe(200);
    expect(scope.isDone()).toBe(true);

    const check = captured.check as { conclusion: string; status: string; output: { title: string; summary: string; annotations: Array<Record<string, unknown>> } };
    expect(check).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(check.output.annotations).toEqual([
      expect.objectContaining({ path: "src/client.js", start_line: 2, end_line: 2, start_column: 16, annotation_level: "failure", title: "github-pat (critical)" }),
    ]);
    expect(check.output.summary).toContain("[issue](https://github.com/acme/widgets/issues/12)");

    const issue = captured.issue as { title: string; body: string; labels: string[]; assignees: string[] };
    expect(issue.title).toBe("Leaked GitHub classic personal access token in src/client.js");
    expect(issue.labels).toEqual(["keyward", "severity:critical"]);
    expect(issue.assignees).toEqual(["dana"]);
    expect(issue.body).toContain("ghp_********");
    expect(issue.body).toContain(`[\`src/client.js:2\`](https://github.com/acme/widgets/blob/${C1}/src/client.js#L2) — commit \`1111111\` by Dana Dev`);
    expect(issue.body).toContain("@dana (CODEOWNERS), @acme/security (CODEOWNERS)");
    expect(issue.body).toContain("cc @acme/security");
    for (const text of [JSON.stringify(captured), ...ctx.app.logs]) expect(text).not.toContain(token.slice(4));

    const all = await ctx.store.records({ repository: `${OWNER}/${REPO}` });
    // First the configuration in force, once by its digest (its own delivery key), then the scan's records.
    expect(all.map((r) => r.event)).toEqual(["config-recorded", "detected", "issue-opened", "assigned", "scanned"]);
    const config = all[0]!;
    expect(config).toMatchObject({ fingerprint: `config:${config.details.digest}`, deliveryId: `config:${config.details.digest}`, details: { source: "defaults", config: { settings: { fail_on: expect.any(String) }, identities: [] } } });
    const records = all.slice(1);
    expect(records.every((r) => r.deliveryId === res.id)).toBe(true);
    // Each judgement says by which Keyward, rules and configuration, on which head of which pull request.
    expect(records[0]!.details).toMatchObject({ keyward: expect.any(String), rules: expect.stringMatching(/^sha256:/), config: config.details.digest, headSha: HEAD, pr: 7 });
    // The heartbeat: which head of which pull request was scanned, by which rules, with what result.
    expect(records.at(-1)).toMatchObject({ fingerprint: "scan", details: { headSha: HEAD, pr: 7, findings: 1, secrets: 1, workflow: 0, conclusion: "failure", rules: expect.stringMatching(/^sha256:[0-9a-f]{16}$/) } });
    expect(JSON.stringify(records)).not.toContain(token.slice(4));
  });

  it("adds a redelivery's or a later push's occurrence to the open issue instead of opening another", async () => {
    const token = githubToken();
    const first = commonApi(token);
    first.scope
      .get(`${R}/contents/.github%2FCODEOWNERS`).query({ ref: "main" }).reply(404)
      .get(`${R}/contents/CODEOWNERS`).query({ ref: "main" }).reply(404)
      .get(`${R}/contents/docs%2FCODEOWNERS`).query({ ref: "main" }).reply(404)
      .get(`${R}/assignees/dana`).reply(204)
      .post(`${R}/issues`, (b) => {
        first.captured.issue = b;
        return true;
      })
      .reply(201, { number: 13, html_url: `https://github.com/${OWNER}/${REPO}/issues/13` });
    const res = await deliver(ctx.app, "pull_request", pullRequestPayload("opened", { number: 7, head: HEAD }));
    expect(res.status).toBe(200);
    const body = (first.captured.issue as { body: string; assignees: string[] }).body;
    expect((first.captured.issue as { assignees: string[] }).assignees).toEqual(["dana"]); // commit author, as no CODEOWNERS

    // The same delivery again (GitHub redelivers it, or sends a copy): it is done, so nothing
    // reaches GitHub (nock has no interceptor left) and nothing is recorded.
    const count = (await ctx.store.records()).length;
    const copy = await deliver(ctx.app, "pull_request", pullRequestPayload("opened", { number: 7, head: HEAD }), { id: res.id });
    expect(copy.status).toBe(200);
    expect((await ctx.store.records()).length).toBe(count);

    // A later delivery for the same commit: the issue exists now; nothing is created, nothing is recorded twice.
    const again = commonApi(token, [{ number: 13, state: "open", body, html_url: `https://github.com/${OWNER}/${REPO}/issues/13`, labels: [{ name: "keyward" }] }]);
    again.scope.get(`${R}/contents/.github%2FCODEOWNERS`).query({ ref: "main" }).reply(404).get(`${R}/contents/CODEOWNERS`).query({ ref: "main" }).reply(404).get(`${R}/contents/docs%2FCODEOWNERS`).query({ ref: "main" }).reply(404);
    const before = (await ctx.store.records()).length;
    const res2 = await deliver(ctx.app, "pull_request", pullRequestPayload("reopened", { number: 7, head: HEAD }));
    expect(res2.status).toBe(200);
    expect(again.scope.isDone()).toBe(true);
    // One "redetected" note, no second issue; and the scan's heartbeat.
    expect((await ctx.store.records()).slice(before).map((r) => r.event)).toEqual(["redetected", "scanned"]);
  });

  it("passes with success when nothing was added but clean code", async () => {
    const captured: { check?: { conclusion: string; output: { annotations: unknown[] } } } = {};
    nock(API)
      .post(`${R}/check-runs`).reply(201, { id: 100 })
      .get(`${R}/pulls/8/commits`).query(true).reply(200, [{ sha: C1 }])
      .get(`${R}/pulls/8/files`).query(true).reply(200, [{ filename: "README.md" }])
      .get(`${R}/contents/.github%2Fkeyward.yml`).query(true).reply(404)
      .get(`/repos/${OWNER}/.github/contents/.github%2Fkeyward.yml`).reply(404)
      .get(`${R}/contents/.keywardignore`).query(true).reply(404)
      .get(`${R}/contents/.gitleaksignore`).query(true).reply(404)
      .get(`${R}/contents/.gitleaks.toml`).query(true).reply(404)
      .get(`${R}/commits/${C1}`).reply(200, commitResponse(C1, [{ filename: "README.md", patch: "@@ -1,0 +1 @@\n+Hello, world" }]))
      .patch(`${R}/check-runs/100`, (b) => ((captured.check = b), true))
      .reply(200, {});
    const res = await deliver(ctx.app, "pull_request", pullRequestPayload("synchronize", { number: 8, head: HEAD }));
    expect(res.status).toBe(200);
    expect(captured.check).toMatchObject({ conclusion: "success", output: { annotations: [] } });
  });
});
