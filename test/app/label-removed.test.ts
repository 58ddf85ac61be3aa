/**
 * The store, not the label, says which issue is a finding's. Someone removes the `keyward`
 * label from a finding's issue (and closes it): the App used to find its issues by label only,
 * forget this one and open a second issue for the same secret on the next push. Real signed
 * deliveries through Probot's server, against the stand-in.
 */
import { describe, expect, it } from "vitest";
import { typed } from "../../src/evidence/details.js";
import { useStandInApp } from "../helpers/app.js";
import { pushPayload } from "../helpers/payloads.js";
import { githubToken } from "../helpers/tokens.js";

const token = githubToken();
const sha = (n: number) => n.toString(16).padStart(40, "0");
const patches = Object.fromEntries([1, 2, 3].map((n) => [sha(n), { filename: `config/prod${n}.env`, patch: `@@ -0,0 +1 @@\n+TOKEN=${token}` }]));
const REPO = "acme/labels";
const repository = { id: 1201, name: "labels", full_name: REPO, owner: { login: "acme" }, private: true, html_url: `https://github.com/${REPO}`, default_branch: "main" };
const push = (n: number) => pushPayload({ before: sha(n + 100), after: sha(n), ref: "refs/heads/feature", commits: [{ id: sha(n) }] }, repository);

describe("an issue whose keyward label was removed", () => {
  const ctx = useStandInApp({ patches });
  const issues = () => ctx.github.issues.filter((i) => i.repo === REPO);

  it("is still the finding's issue: extended, relabelled, and no second one opened", async () => {
    expect((await ctx.github.deliver("push", push(1))).status_code).toBe(200);
    const [issue] = issues();
    expect(issue!.labels).toContain("keyward");
    issue!.labels = issue!.labels.filter((l) => l !== "keyward");

    expect((await ctx.github.deliver("push", push(2))).status_code).toBe(200);
    expect(issues()).toHaveLength(1);
    expect(issue!.labels).toContain("keyward");
    expect(issue!.body).toContain("config/prod2.env");
    // The label put back is a GitHub write, and so has its record.
    const redetected = (await ctx.store.records({ repository: REPO })).findLast((r) => r.event === "redetected")!;
    const t = typed(redetected);
    expect(t.ok && t.details).toMatchObject({ issue: issue!.number, path: "config/prod2.env", labelRestored: true });
  });

  it("is reopened, not replaced, when the secret comes back after it was closed and unlabelled", async () => {
    const [issue] = issues();
    issue!.state = "closed";
    issue!.labels = [];
    expect((await ctx.github.deliver("push", push(3))).status_code).toBe(200);
    expect(issues()).toHaveLength(1);
    expect(issue!.state).toBe("open");
    expect(issue!.labels).toEqual(["keyward"]);
    expect(issue!.comments.at(-1)).toMatch(/^Reopened by Keyward: this secret appeared again/);
  });
});
