/**
 * Exactly-once writes under a flaky network: GitHub does the write, the answer is lost (the
 * connection hangs, then drops). Octokit's retry plugin used to POST again — two issues for one
 * secret. Real signed deliveries through Probot's server, against the fault-injecting stand-in.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { settled, useStandInApp } from "../helpers/app.js";
import { pushPayload } from "../helpers/payloads.js";
import { githubToken } from "../helpers/tokens.js";

const token = githubToken();
const sha = (n: number) => n.toString(16).padStart(40, "0");
const patches = Object.fromEntries([1, 2, 3, 4, 5, 6].map((n) => [sha(n), { filename: `config/prod${n}.env`, patch: `@@ -0,0 +1 @@\n+TOKEN=${token}` }]));
const push = (n: number, repo = "widgets") => pushPayload({ before: sha(n + 100), after: sha(n), ref: "refs/heads/feature", commits: [{ id: sha(n) }] }, { id: 1001, name: repo, full_name: `acme/${repo}`, owner: { login: "acme" }, private: true, html_url: `https://github.com/acme/${repo}`, default_branch: "main" });

describe("a write whose answer is lost is not made twice", () => {
  const ctx = useStandInApp({ patches });
  beforeEach(() => void ctx.github.faults.splice(0));

  it("opens one issue when GitHub created it but the connection dropped before the answer", async () => {
    ctx.github.faults.push({ method: "POST", path: /^\/repos\/acme\/one\/issues$/, fault: { kind: "lost-answer", hangMs: 200 }, times: 1 });
    const d = await ctx.github.deliver("push", push(1, "one"));
    await settled(ctx.store, d);
    expect(ctx.github.issues.filter((i) => i.repo === "acme/one")).toHaveLength(1);
    const records = (await ctx.store.records({ repository: "acme/one" })).filter((r) => r.event !== "config-recorded");
    expect(records.map((r) => r.event)).toEqual(["detected", "issue-opened", "assigned", "scanned"]);
    expect(records[1]!.details).toMatchObject({ issue: ctx.github.issues.find((i) => i.repo === "acme/one")!.number });
  });

  it("opens one check run when its create lost its answer, and completes that one", async () => {
    ctx.github.faults.push({ method: "POST", path: /^\/repos\/acme\/two\/check-runs$/, fault: { kind: "lost-answer", hangMs: 200 }, times: 1 });
    const d = await ctx.github.deliver("push", push(2, "two"));
    await settled(ctx.store, d);
    const runs = ctx.github.checkRuns.filter((c) => c.head_sha === sha(2));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(runs[0]!.external_id).toMatch(/^keyward:[0-9a-f]{32}$/);
  });

  it("posts one reopen comment when the comment's answer was lost", async () => {
    await settled(ctx.store, await ctx.github.deliver("push", push(3, "three")));
    const issue = ctx.github.issues.find((i) => i.repo === "acme/three")!;
    issue.state = "closed";
    ctx.github.faults.push({ method: "POST", path: /^\/repos\/acme\/three\/issues\/\d+\/comments$/, fault: { kind: "lost-answer", hangMs: 200 }, times: 1 });
    const d = await ctx.github.deliver("push", push(4, "three"));
    await settled(ctx.store, d);
    expect(issue.state).toBe("open");
    expect(issue.comments).toHaveLength(1);
    expect(issue.comments[0]).toMatch(/^Reopened by Keyward/);
    expect(ctx.github.issues.filter((i) => i.repo === "acme/three")).toHaveLength(1);
  });

  it("opens one issue when GitHub answers 502 twice before it takes the write", async () => {
    ctx.github.faults.push({ method: "POST", path: /^\/repos\/acme\/five\/issues$/, fault: { kind: "status", status: 502 }, times: 2 });
    const d = await ctx.github.deliver("push", push(5, "five"));
    await settled(ctx.store, d);
    expect(ctx.github.issues.filter((i) => i.repo === "acme/five")).toHaveLength(1);
    expect((await ctx.store.records({ repository: "acme/five" })).filter((r) => r.event !== "config-recorded").map((r) => r.event)).toEqual(["detected", "issue-opened", "assigned", "scanned"]);
  });
});
