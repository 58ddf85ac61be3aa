import { readdirSync } from "node:fs";
import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliver, useApp } from "../helpers/app.js";
import { commitResponse, fileContent, OWNER, pushPayload, REPO, repository } from "../helpers/payloads.js";
import { tempRepo, type TempRepo } from "../helpers/repo.js";
import { githubToken } from "../helpers/tokens.js";

const API = "https://api.github.com";
const R = `/repos/${OWNER}/${REPO}`;

describe("pushes", () => {
  const ctx = useApp();

  it("scans only what a feature-branch push added and reruns the workflow audit when a workflow changed", async () => {
    const before = "a".repeat(40);
    const after = "d".repeat(40);
    const c1 = "e".repeat(40);
    const captured: { check?: { conclusion: string; output: { annotations: Array<{ path: string; title: string }> } } } = {};
    const workflow = ["on: pull_request_target", "jobs:", "  build:", "    runs-on: ubuntu-latest", "    permissions: write-all", "    steps:", "      - run: echo hi", ""].join("\n");
    nock(API)
      .post(`${R}/check-runs`, (b) => b.head_sha === after).reply(201, { id: 7 })
      .get(`${R}/compare/${before}...${after}`).query(true).reply(200, { commits: [{ sha: c1 }] })
      .get(`${R}/commits/${c1}`).reply(200, commitResponse(c1, [{ filename: ".github/workflows/build.yml", status: "added", patch: `@@ -0,0 +1,8 @@\n${workflow.split("\n").map((l) => `+${l}`).join("\n")}` }]))
      .get(`${R}/contents/.github%2Fworkflows`).query({ ref: after }).reply(200, [{ type: "file", path: ".github/workflows/build.yml", size: workflow.length }])
      .get(`${R}/contents/.github%2Fworkflows%2Fbuild.yml`).query({ ref: after }).reply(200, fileContent(workflow))
      .patch(`${R}/check-runs/7`, (b) => ((captured.check = b), true)).reply(200, {})
      .get(/\/contents\//).query(true).times(20).optionally().reply(404);
    nock(API).get(`/repos/${OWNER}/.github/contents/.github%2Fkeyward.yml`).optionally().reply(404);
    const res = await deliver(ctx.app, "push", pushPayload({ before, after, ref: "refs/heads/feature", commits: [{ id: c1, added: [".github/workflows/build.yml"] }] }));
    expect(res.status).toBe(200);
    expect(captured.check!.conclusion).toBe("failure");
    const titles = captured.check!.output.annotations.map((a) => a.title).sort();
    expect(titles).toEqual(["dangerous-triggers (medium)", "excessive-permissions (high)"]);
  });

  describe("a push too large for the API goes through git", () => {
    let origin: TempRepo;
    const token = githubToken();
    const shas: string[] = [];
    let base = "";
    beforeAll(() => {
      origin = tempRepo();
      origin.write("README.md", "# widgets\n");
      base = origin.commit("initial");
      for (let i = 1; i <= 25; i++) {
        origin.write(`src/module${i}.js`, i === 5 ? `export const key = "${token}";\n` : `export const n = ${i};\n`);
        if (i === 9) origin.write("src/module5.js", "export const key = process.env.KEY;\n"); // removed again later
        shas.push(origin.commit(`commit ${i}`, i === 5 ? { name: "Lee Leaky", email: "lee@acme.test" } : undefined));
      }
    });
    afterAll(() => origin.cleanup());

    it("fetches the commits shallowly, finds the token added in commit 5 of 25 with its author, and cleans up", async () => {
      const after = shas.at(-1)!;
      const captured: { issue?: { body: string; assignees: string[] }; check?: { conclusion: string } } = {};
      nock(API)
        .post(`${R}/check-runs`).reply(201, { id: 8 })
        .get(`${R}/compare/${base}...${after}`).query(true).reply(200, { commits: shas.map((sha) => ({ sha })) })
        .get(`${R}/issues`).query(true).reply(200, [])
        .post(`${R}/issues`, (b) => ((captured.issue = b), true)).reply(201, { number: 3, html_url: `https://github.com/${OWNER}/${REPO}/issues/3` })
        .patch(`${R}/check-runs/8`, (b) => ((captured.check = b), true)).reply(200, {})
        .get(/\/contents\//).query(true).times(20).optionally().reply(404);
      nock(API).get(`/repos/${OWNER}/.github/contents/.github%2Fkeyward.yml`).optionally().reply(404);
      const repo = repository({ clone_url: `file://${origin.dir}` });
      const res = await deliver(ctx.app, "push", pushPayload({ before: base, after, ref: "refs/heads/main", commits: shas.slice(-20).map((id) => ({ id })) }, repo));
      expect(res.status).toBe(200);
      expect(captured.check!.conclusion).toBe("failure");
      expect(captured.issue!.body).toContain(`src/module5.js:1\`](https://github.com/acme/widgets/blob/${shas[4]}/src/module5.js#L1) — commit \`${shas[4]!.slice(0, 7)}\` by Lee Leaky`);
      expect(captured.issue!.body).not.toContain(token.slice(4));
      // The temporary clone is gone.
      expect(readdirSync(ctx.app.workdir)).toEqual([]);
    });
  });
});

describe("force-pushes", () => {
  const ctx = useApp();
  it("scan what the new commits add beyond the merge base, even on the default branch", async () => {
    const before = "a".repeat(40);
    const after = "9".repeat(40);
    const rewritten = "8".repeat(40);
    let compared = "";
    nock(API)
      .post(`${R}/check-runs`).reply(201, { id: 3 })
      .get(/\/compare\//).query(true).reply((uri) => ((compared = decodeURIComponent(uri.split("/compare/")[1]!.split("?")[0]!)), [200, { commits: [{ sha: rewritten }, { sha: after }] }]))
      .get(`${R}/commits/${rewritten}`).reply(200, commitResponse(rewritten, [{ filename: "a.md", patch: "@@ -1,0 +1 @@\n+a" }]))
      .get(`${R}/commits/${after}`).reply(200, commitResponse(after, [{ filename: "b.md", patch: "@@ -1,0 +1 @@\n+b" }]))
      .patch(`${R}/check-runs/3`).reply(200, {})
      .get(/\/contents\//).query(true).times(20).optionally().reply(404);
    nock(API).get(`/repos/${OWNER}/.github/contents/.github%2Fkeyward.yml`).optionally().reply(404);
    const res = await deliver(ctx.app, "push", pushPayload({ before, after, ref: "refs/heads/main", forced: true, commits: [{ id: after }] }));
    expect(res.status).toBe(200);
    expect(compared).toBe(`${before}...${after}`);
  });
});
