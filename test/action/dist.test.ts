import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_BUNDLE, bundleAction } from "../../scripts/build-action.mjs";
import { DEFAULT_CONFIG } from "../../src/config.js";
import { GitBackedGitHub } from "../../src/demo/git-backed-github.js";
import { scannerFor } from "../../src/scan.js";
import { actionJob } from "../helpers/action.js";
import { OWNER, pushPayload, REPO, repository } from "../helpers/payloads.js";
import { tempRepo } from "../helpers/repo.js";
import { validateSarif } from "../helpers/sarif.js";
import { githubToken } from "../helpers/tokens.js";

const sha256 = (s: string | Buffer) => createHash("sha256").update(s).digest("hex");

describe("action-dist/index.js, the bundle the runner runs", () => {
  it("is what `npm run build:action` makes from the current sources", async () => {
    const rebuilt = await bundleAction(scannerFor(DEFAULT_CONFIG));
    const committed = readFileSync(ACTION_BUNDLE);
    // Compared by hash: a 2 MB diff helps nobody; the fix is one command.
    expect(sha256(rebuilt), "action-dist/index.js is out of date: run `npm run build:action` and commit it").toBe(sha256(committed));
  }, 60_000);

  it("runs as the runner runs it, in its own process, against a local stand-in for GitHub's API", async () => {
    const origin = tempRepo();
    const token = githubToken();
    origin.write("README.md", "# widgets\n");
    // Remediation issues off: the stand-in has no notion of a token's permissions to ask about.
    origin.write(".github/keyward.yml", "issues:\n  enabled: false\n");
    const before = origin.commit("initial");
    origin.write("src/client.js", `export const client = makeClient();\nexport const token = "${token}";\n`);
    const after = origin.commit("add client", { name: "Dana Dev", email: "dana@acme.test" });
    const github = new GitBackedGitHub({ owner: OWNER, repo: REPO, gitDir: origin.dir, defaultBranch: "main", users: {}, pulls: {} });
    const apiUrl = await github.start();
    const payload = pushPayload({ before, after, commits: [{ id: after, added: ["src/client.js"] }] }, repository({ clone_url: `file://${origin.dir}` }));
    const job = actionJob("push", { ...payload, installation: undefined }, { workspace: origin.dir, apiUrl, inputs: { sarif: join("..", `${REPO}-${process.pid}.sarif`) } });
    try {
      const { code, stdout, stderr } = await run(process.execPath, [ACTION_BUNDLE], { PATH: process.env.PATH ?? "", ...job.env });
      expect(stderr).toBe("");
      expect(code).toBe(1);
      expect(stdout).toContain("Check run: failure.");
      expect(stdout).not.toContain(token.slice(4));

      expect(github.state.checkRuns).toHaveLength(1);
      const check = github.state.checkRuns[0]!;
      expect(check).toMatchObject({ name: "Keyward", head_sha: after, status: "completed", conclusion: "failure" });
      expect(check.annotations).toEqual([expect.objectContaining({ path: "src/client.js", start_line: 2, annotation_level: "failure", title: "github-pat (critical)" })]);
      expect(github.state.issues).toEqual([]);

      const sarifPath = join(origin.dir, "..", `${REPO}-${process.pid}.sarif`);
      const sarif = JSON.parse(readFileSync(sarifPath, "utf8"));
      expect(validateSarif(sarif)).toEqual([]);
      expect(sarif.runs[0].tool.driver.version).toBe(JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version);
      expect(sarif.runs[0].results).toEqual([expect.objectContaining({ ruleId: "github-pat", partialFingerprints: { "keyward/v1": expect.stringMatching(/^src\/client\.js:github-pat:/) } })]);
    } finally {
      await github.stop();
      job.cleanup();
      origin.cleanup();
    }
  }, 60_000);
});

function run(cmd: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
