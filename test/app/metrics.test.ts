/**
 * The App's /metrics say what scanning each delivery cost: after one signed push, the scan
 * histogram has one observation and the counter holds the characters the push added.
 */
import nock from "nock";
import { describe, expect, it } from "vitest";
import { deliver, useApp } from "../helpers/app.js";
import { commitResponse, OWNER, pushPayload, REPO } from "../helpers/payloads.js";

const API = "https://api.github.com";
const R = `/repos/${OWNER}/${REPO}`;

describe("the App's /metrics", () => {
  const ctx = useApp();

  it("report the scan time of a push delivery in a histogram, and the characters it added", async () => {
    const metrics = async () => (await fetch(`${ctx.app.url}/metrics`)).text();
    expect(await metrics()).toMatch(/^keyward_scan_seconds_count\{role="receiver"\} 0$/m);
    const before = "a".repeat(40);
    const after = "b".repeat(40);
    let completed = false;
    nock(API)
      .post(`${R}/check-runs`).reply(201, { id: 11 })
      .get(`${R}/compare/${before}...${after}`).query(true).reply(200, { commits: [{ sha: after }] })
      .get(`${R}/commits/${after}`).reply(200, commitResponse(after, [{ filename: "src/a.js", patch: "@@ -1,2 +1,3 @@\n const a = 1;\n-const b = 2;\n+const b = 3;\n+const c = 4;" }]))
      .patch(`${R}/check-runs/11`, () => ((completed = true), true)).reply(200, {})
      .get(/\/contents\//).query(true).times(20).optionally().reply(404);
    nock(API).get(`/repos/${OWNER}/.github/contents/.github%2Fkeyward.yml`).optionally().reply(404);
    const res = await deliver(ctx.app, "push", pushPayload({ before, after, ref: "refs/heads/feature", commits: [{ id: after, modified: ["src/a.js"] }] }));
    expect(res.status).toBe(200);
    expect(completed).toBe(true);
    const text = await metrics();
    expect(text).toMatch(/^# TYPE keyward_scan_seconds histogram$/m);
    expect(text).toMatch(/^keyward_scan_seconds_count\{role="receiver"\} 1$/m);
    expect(text).toMatch(/^keyward_scan_seconds_bucket\{le="\+Inf",role="receiver"\} 1$/m);
    expect(text).toMatch(/^keyward_scanned_chars_total\{role="receiver"\} 25$/m); // "const b = 3;\nconst c = 4;"
  });
});
