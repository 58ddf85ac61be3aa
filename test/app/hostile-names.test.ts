/**
 * Names anyone whose commit is scanned controls — a fork's commit author, file names — reach
 * the remediation issue and the check run as text, never as mentions, HTML or links. Real
 * signed deliveries; the bodies asserted are the ones GitHub's stand-in (nock) received.
 */
import nock from "nock";
import { describe, expect, it } from "vitest";
import { deliver, useApp } from "../helpers/app.js";
import { linkTargets, liveMarkdown, tableCells } from "../helpers/markdown.js";
import { commitResponse, fileContent, INSTALLATION, OWNER, pullRequestPayload, pushPayload, REPO, repository } from "../helpers/payloads.js";
import { githubToken } from "../helpers/tokens.js";

const API = "https://api.github.com";
const R = `/repos/${OWNER}/${REPO}`;
const HEAD = "f".repeat(40);
const C1 = "3".repeat(40);
const AUTHOR = "@everyone <img src=x onerror=alert(1)>";
const FILE = "src/a`b``c|@acme/security [x](javascript:alert(1)).js";

/** What GitHub answers for the fork's pull request: its one commit, by the hostile author, adding a token to the hostile file. */
function prApi(token: string, checkId: number, issues: unknown[]) {
  const scope = nock(API)
    .post(`${R}/check-runs`).reply(201, { id: checkId })
    .get(`${R}/pulls/9/commits`).query(true).reply(200, [{ sha: C1 }])
    .get(`${R}/pulls/9/files`).query(true).reply(200, [{ filename: FILE }])
    .get(`${R}/commits/${C1}`)
    .reply(200, commitResponse(C1, [{ filename: FILE, status: "added", patch: `@@ -0,0 +1 @@\n+const token = "${token}";` }], { login: "mallory", name: AUTHOR, email: "mallory@fork.test" }))
    .get(`${R}/issues`).query(true).reply(200, issues)
    .get(/\/contents\//).query(true).times(20).optionally().reply(404);
  nock(API).get(`/repos/${OWNER}/.github/contents/.github%2Fkeyward.yml`).optionally().reply(404);
  return scope;
}

describe("hostile names in a fork's pull request", () => {
  const ctx = useApp();

  it("reach the issue and the check run escaped: no mention, HTML or link the App did not build, tables intact", async () => {
    const token = githubToken();
    const sent: { issue?: { title: string; body: string }; check?: { output: { title: string; summary: string; annotations: Array<{ title: string; message: string; path: string }> } } } = {};
    const scope = prApi(token, 77, []);
    scope
      .get(`${R}/assignees/mallory`).reply(404)
      .post(`${R}/issues`, (b) => ((sent.issue = b), true)).reply(201, { number: 5, html_url: `https://github.com/${OWNER}/${REPO}/issues/5` })
      .patch(`${R}/check-runs/77`, (b) => ((sent.check = b), true)).reply(200, {});
    const pr = pullRequestPayload("opened", { number: 9, head: HEAD });
    const fork = { ...pr, pull_request: { ...pr.pull_request, head: { ...pr.pull_request.head, repo: { full_name: "mallory/widgets" } } } };

    const res = await deliver(ctx.app, "pull_request", fork);
    expect(res.status).toBe(200);
    const issue = sent.issue!;
    const check = sent.check!;
    expect(check.output.annotations).toHaveLength(1);

    for (const md of [issue.body, check.output.summary]) {
      const live = liveMarkdown(md);
      expect(live).not.toMatch(/@everyone|@acme|<img|javascript:/i);
      for (const target of linkTargets(md)) expect(target).toMatch(/^https:\/\/github\.com\/acme\/widgets\/(blob|issues)\//);
    }
    // The only mention left is the one Keyward meant: the commit author's GitHub login.
    expect([...liveMarkdown(issue.body).matchAll(/@[\w-]+/g)].map((m) => m[0])).toEqual(["@mallory", "@mallory"]);
    // The author's name is shown, escaped; the file is shown in a code span that holds it whole.
    expect(issue.body).toContain("by @\u200beveryone \\<img src=x onerror=alert(1)\\>");
    expect(issue.body).toContain("[```src/a`b``c|@acme/security [x](javascript:alert(1)).js:1```](https://github.com/acme/widgets/blob/");
    expect(new Set(tableCells(issue.body))).toEqual(new Set([2]));
    expect(new Set(tableCells(check.output.summary))).toEqual(new Set([5]));
    // Plain-text fields carry no live mention either.
    for (const s of [issue.title, check.output.title, ...check.output.annotations.flatMap((a) => [a.title, a.message])]) expect(s).not.toMatch(/@(everyone|acme)/);
    expect(check.output.annotations[0]!.path).toBe(FILE); // a path field, not Markdown: kept as it is

    // A redelivery recognises the occurrence it listed under that name: nothing is added.
    prApi(token, 78, [{ number: 5, state: "open", body: issue.body, html_url: `https://github.com/${OWNER}/${REPO}/issues/5`, labels: [{ name: "keyward" }] }]).patch(`${R}/check-runs/78`).reply(200, {});
    let updated = false;
    nock(API).patch(`${R}/issues/5`).optionally().reply(200, () => ((updated = true), {}));
    expect((await deliver(ctx.app, "pull_request", fork)).status).toBe(200);
    expect(updated).toBe(false);
  });

  it("a default branch named x`@everyone`[x](javascript:alert(1)) reaches the comment on a premature close as one code span", async () => {
    const token = githubToken();
    // Backticks, @ and parentheses are all allowed in git branch names.
    const BRANCH = "x`@everyone`[x](javascript:alert(1))";
    const repo = repository({ default_branch: BRANCH });
    const head = "4".repeat(40);
    let created: { body: string } | undefined;
    nock(API)
      .post(`${R}/check-runs`).reply(201, { id: 79 })
      .get(`${R}/commits/${head}`).reply(200, commitResponse(head, [{ filename: "src/app.js", status: "added", patch: `@@ -0,0 +1 @@\n+const token = "${token}";` }]))
      .get(`${R}/issues`).query(true).reply(200, [])
      .get(`${R}/assignees/dana`).reply(204)
      .post(`${R}/issues`, (b) => ((created = b), true)).reply(201, { number: 6, node_id: "I_6", html_url: `https://github.com/${OWNER}/${REPO}/issues/6`, user: { login: "keyward[bot]", type: "Bot" } })
      .patch(`${R}/check-runs/79`).reply(200, {})
      .get(/\/contents\//).query(true).times(20).optionally().reply(404);
    nock(API).get(`/repos/${OWNER}/.github/contents/.github%2Fkeyward.yml`).optionally().reply(404);
    // The first push to a new repository's default branch: its commits are the payload's.
    expect((await deliver(ctx.app, "push", pushPayload({ before: "0".repeat(40), after: head, ref: `refs/heads/${BRANCH}`, commits: [{ id: head, added: ["src/app.js"] }] }, repo))).status).toBe(200);
    expect(created).toBeDefined();

    // Closed while the token is still on the default branch: Keyward reopens it and says where.
    let said = "";
    nock.cleanAll(); // the push's optional answers (404 for every file) are spent
    nock(API)
      .post(`/app/installations/${INSTALLATION}/access_tokens`).optionally().reply(201, { token: "t", expires_at: "2099-01-01T00:00:00Z" })
      .get(/\/commits\//).reply(200, "9".repeat(40))
      .get(`${R}/contents/src%2Fapp.js`).query(true).reply(200, fileContent(`const token = "${token}";\n`))
      .patch(`${R}/issues/6`).reply(200, {})
      .post(`${R}/issues/6/comments`, (b) => ((said = b.body), true)).reply(201, {})
      .get(/.*/).query(true).times(10).optionally().reply(404);
    const issue = { number: 6, node_id: "I_6", state: "closed", title: "Leaked…", body: created!.body, labels: [{ name: "keyward" }], user: { login: "keyward[bot]", type: "Bot" }, performed_via_github_app: { id: 1234 } };
    expect((await deliver(ctx.app, "issues", { action: "closed", issue, repository: repo, installation: { id: INSTALLATION }, sender: { login: "dana" } })).status).toBe(200);
    expect(said).toContain("removing it from ``x`@everyone`[x](javascript:alert(1))``");
    expect(liveMarkdown(said)).not.toMatch(/@everyone|javascript:|\]\(/);
    expect(linkTargets(said)).toEqual([]);
  });
});
