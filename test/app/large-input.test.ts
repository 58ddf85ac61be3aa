/**
 * A commit with one 8 MB line (a 16 MB compare or commit response once JSON escapes it) never
 * crashes a delivery: the over-large answers are not parsed, the commits are read with a
 * shallow git fetch instead, the long line is scanned in windows (the token sits at its very
 * end), and the check run, the issue and the evidence all happen. Real signed deliveries.
 */
import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliver, useApp } from "../helpers/app.js";
import { commitResponse, OWNER, pullRequestPayload, pushPayload, REPO, repository } from "../helpers/payloads.js";
import { tempRepo, type TempRepo } from "../helpers/repo.js";
import { githubToken } from "../helpers/tokens.js";

const API = "https://api.github.com";
const R = `/repos/${OWNER}/${REPO}`;

describe("a commit with one 8 MB line", () => {
  const ctx = useApp();
  let origin: TempRepo;
  const token = githubToken();
  let base = "";
  let head = "";
  let line = "";
  let bigCommit: ReturnType<typeof commitResponse>;
  beforeAll(() => {
    origin = tempRepo();
    origin.write("README.md", "# widgets\n");
    base = origin.commit("initial");
    // 4 Mi × `\"`: an 8 MiB line that JSON escapes to 16 MiB; the token at its end.
    line = `const blob = "${'\\"'.repeat(4 * 1024 * 1024)}"; const key = "${token}";`;
    origin.write("src/blob.js", `${line}\n`);
    head = origin.commit("one long line", { name: "Lee Long", email: "lee@acme.test" });
    bigCommit = commitResponse(head, [{ filename: "src/blob.js", status: "added", patch: `@@ -0,0 +1 @@\n+${line}` }]);
  });
  afterAll(() => origin.cleanup());

  it("a file with more added lines than are scanned is named in the check run, not passed over in silence", async () => {
    const before = origin.git("rev-parse", "HEAD");
    origin.write("data/huge.csv", "id,value\n".repeat(1_200_000)); // 10.3 MiB of added lines
    const after = origin.commit("a huge file");
    const sent = api(33);
    nock(API)
      .get(`${R}/compare/${before}...${after}`).query(true).reply(200, { commits: [{ sha: after }] })
      // As GitHub does for a diff this large: the file is listed without its patch.
      .get(`${R}/commits/${after}`).reply(200, { ...commitResponse(after, [{ filename: "data/huge.csv", status: "added" }]), files: [{ filename: "data/huge.csv", status: "added", additions: 1_200_000, deletions: 0, changes: 1_200_000 }] });
    const res = await deliver(ctx.app, "push", pushPayload({ before, after, ref: "refs/heads/main", commits: [{ id: after, added: ["data/huge.csv"] }] }, repository({ clone_url: `file://${origin.dir}` })));
    expect(res.status).toBe(200);
    expect(sent.check).toMatchObject({ status: "completed" });
    expect(sent.check!.output.summary).toContain("**Not scanned whole** (over 10 MiB of added lines in one commit): `data/huge.csv`.");
  }, 120_000);

  function api(checkId: number) {
    const sent: { check?: { status: string; conclusion: string; output: { summary: string } }; issue?: { body: string } } = {};
    nock(API)
      .post(`${R}/check-runs`).reply(201, { id: checkId })
      .get(`${R}/issues`).query(true).reply(200, [])
      .post(`${R}/issues`, (b) => ((sent.issue = b), true)).reply(201, { number: checkId, html_url: `https://github.com/${OWNER}/${REPO}/issues/${checkId}` })
      .patch(`${R}/check-runs/${checkId}`, (b) => ((sent.check = b), true)).reply(200, {})
      .get(/\/contents\//).query(true).times(20).optionally().reply(404);
    nock(API).get(`/repos/${OWNER}/.github/contents/.github%2Fkeyward.yml`).optionally().reply(404);
    return sent;
  }

  it("a push whose 16 MB compare is too large to parse is read with git, and the token at the line's end is reported", async () => {
    const sent = api(31);
    // The compare carries the file's patch, as GitHub's does.
    nock(API).get(`${R}/compare/${base}...${head}`).query(true).reply(200, { commits: [{ sha: head }], files: bigCommit.files });
    const res = await deliver(ctx.app, "push", pushPayload({ before: base, after: head, ref: "refs/heads/main", commits: [{ id: head, added: ["src/blob.js"] }] }, repository({ clone_url: `file://${origin.dir}` })));
    expect(res.status).toBe(200);
    expect(sent.check).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(sent.issue!.body).toContain("src/blob.js:1");
    expect(sent.issue!.body).toContain("by Lee Long"); // from git: the commit's author
    expect(JSON.stringify(sent)).not.toContain(token.slice(4));
    const records = await ctx.store.records({ repository: `${OWNER}/${REPO}` });
    expect(records.filter((r) => r.deliveryId === res.id).map((r) => r.event)).toContain("detected");
  }, 120_000);

  it("a pull request whose commit and file list are 16 MB each is read with git too", async () => {
    const sent = api(32);
    nock(API)
      .get(`${R}/pulls/4/commits`).query(true).reply(200, [{ sha: head }])
      .get(`${R}/pulls/4/files`).query(true).reply(200, bigCommit.files)
      .get(`${R}/commits/${head}`).reply(200, bigCommit)
      // The push above opened #31 for this secret; here it was deleted since, so a new one is opened.
      .get(`${R}/issues/31`).optionally().reply(404, { message: "Not Found" });
    const pr = pullRequestPayload("opened", { number: 4, head }, repository({ clone_url: `file://${origin.dir}` }));
    const res = await deliver(ctx.app, "pull_request", pr);
    expect(res.status).toBe(200);
    expect(sent.check).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(sent.check!.output.summary).toContain("src/blob.js:1");
    expect(sent.issue!.body).toContain("by Lee Long"); // git's author, not the API's (Dana Dev)
  }, 120_000);
});
