import nock from "nock";
import { describe, expect, it } from "vitest";
import { deliver, useApp } from "../helpers/app.js";
import { commitResponse, fileContent, OWNER, pushPayload, REPO } from "../helpers/payloads.js";
import { acmeToken } from "./fixtures.js";

const API = "https://api.github.com";
const R = `/repos/${OWNER}/${REPO}`;

const KEYWARD_YML = [
  "rules:",
  "  custom:",
  "    - id: acme-internal-token",
  "      description: ACME internal API token",
  "      regex: '\\bacme_(?<secret>[0-9a-f]{32})\\b'",
  "      keywords: [acme_]",
  "      severity: critical",
  "",
].join("\n");

interface Captured {
  check?: { conclusion: string; output: { annotations: Array<{ path: string; start_line: number; title: string; message: string }> } };
  issue?: { title: string; body: string };
}

/** A push adding one file, answered by nock as GitHub would; the repository's files as given. */
function pushAdding(path: string, text: string, files: Record<string, string>, captured: Captured) {
  const before = "a".repeat(40);
  const after = "b".repeat(40);
  const patch = `@@ -0,0 +1,${text.split("\n").length} @@\n${text.split("\n").map((l) => `+${l}`).join("\n")}`;
  const scope = nock(API)
    .post(`${R}/check-runs`).reply(201, { id: 11 })
    .get(`${R}/compare/${before}...${after}`).query(true).reply(200, { commits: [{ sha: after }] })
    .get(`${R}/commits/${after}`).reply(200, commitResponse(after, [{ filename: path, status: "added", patch }]))
    .get(`${R}/issues`).query(true).optionally().reply(200, [])
    .post(`${R}/issues`, (b) => ((captured.issue = b), true)).optionally().reply(201, { number: 5, html_url: `https://github.com/${OWNER}/${REPO}/issues/5` })
    .get(/\/assignees\//).times(4).optionally().reply(204)
    .patch(`${R}/check-runs/11`, (b) => ((captured.check = b), true)).reply(200, {});
  for (const [file, content] of Object.entries(files)) scope.get(`${R}/contents/${encodeURIComponent(file)}`).query(true).times(3).optionally().reply(200, fileContent(content));
  scope.get(/\/contents\//).query(true).times(30).optionally().reply(404);
  nock(API).get(/\/repos\/acme\/\.github\/contents\//).times(5).optionally().reply(404);
  return pushPayload({ before, after, ref: "refs/heads/feature", commits: [{ id: after, added: [path] }] });
}

describe("the App runs a repository's custom rules", () => {
  const ctx = useApp();

  it("reports an in-house token a rule in .github/keyward.yml describes, through a real signed push delivery", async () => {
    const token = acmeToken();
    const captured: Captured = {};
    const payload = pushAdding("deploy/client.env", `ACME_TOKEN=${token}\n`, { ".github/keyward.yml": KEYWARD_YML }, captured);
    const res = await deliver(ctx.app, "push", payload);
    expect(res.status).toBe(200);
    expect(captured.check!.conclusion).toBe("failure");
    const annotations = captured.check!.output.annotations;
    expect(annotations.map((a) => [a.path, a.start_line, a.title])).toEqual([["deploy/client.env", 1, "acme-internal-token (critical)"]]);
    expect(captured.issue!.title).toContain("ACME internal API token");
    expect(JSON.stringify(captured)).not.toContain(token.slice(5));
  });

  it("runs the rules of the repository's .gitleaks.toml too, and shows a refused one in the check run", async () => {
    const q = "'''";
    const toml = ["[[rules]]", 'id = "acme-internal-token"', 'description = "ACME internal API token (gitleaks)"', `regex = ${q}acme_[0-9a-f]{32}${q}`, 'keywords = ["acme_"]', "", "[[rules]]", 'id = "slow"', `regex = ${q}(a+)+$${q}`, ""].join("\n");
    const captured: Captured = {};
    const token = acmeToken();
    const payload = pushAdding("deploy/client.env", `ACME_TOKEN=${token}\n`, { ".gitleaks.toml": toml }, captured);
    expect((await deliver(ctx.app, "push", payload)).status).toBe(200);
    expect(captured.check!.output.annotations.map((a) => a.title)).toEqual(["acme-internal-token (high)"]);
    expect(JSON.stringify(captured.check)).toMatch(/\.gitleaks\.toml.{0,80}rule slow regex/s);
    expect(JSON.stringify(captured)).not.toContain(token.slice(5));
  });

  it("without the rule, the same push names no provider: only the generic rule sees it", async () => {
    const captured: Captured = {};
    const payload = pushAdding("deploy/client.env", `ACME_TOKEN=${acmeToken()}\n`, {}, captured);
    expect((await deliver(ctx.app, "push", payload)).status).toBe(200);
    expect(captured.check!.output.annotations.map((a) => a.title)).toEqual(["generic-secret (medium)"]);
  });
});
