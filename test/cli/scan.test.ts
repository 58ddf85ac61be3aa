import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBin } from "../helpers/cli.js";
import { tempRepo, type TempRepo } from "../helpers/repo.js";
import { githubToken, githubTokenBadChecksum } from "../helpers/tokens.js";
import { validateSarif } from "../helpers/sarif.js";

describe("keyward scan on a real repository", () => {
  let repo: TempRepo;
  const leaked = githubToken();
  const stillThere = githubToken("gho");
  let leakCommit = "";
  let secondCommit = "";

  beforeAll(() => {
    repo = tempRepo();
    repo.write("README.md", "# demo\n");
    repo.commit("initial");
    repo.write("config/settings.py", `DEBUG = True\nGITHUB_TOKEN = "${leaked}"\n`);
    leakCommit = repo.commit("add settings", { name: "Dana Leaker", email: "dana@example.test" });
    // The secret is removed in the next commit: only history still has it.
    repo.write("config/settings.py", `DEBUG = True\nGITHUB_TOKEN = os.environ["GITHUB_TOKEN"]\n`);
    repo.write(
      "docs/decoys.md",
      [
        "Decoys that must stay quiet:",
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
        "api_key = YOUR_API_KEY",
        "token: ${{ secrets.GITHUB_TOKEN }}",
        "token = process.env.GITHUB_TOKEN",
        "password = <secret>",
        "sha = 9fceb02d0ae598e95dc970b74767f19372d61af8",
        "id = 123e4567-e89b-12d3-a456-426614174000",
        `almost = ${githubTokenBadChecksum()}`,
        "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
      ].join("\n"),
    );
    repo.write("app/client.js", `const octo = new Octokit({ auth: "${stillThere}" });\n`);
    repo.write("assets/blob.dat", Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(leaked)]));
    secondCommit = repo.commit("use env var, add client", { name: "Eve Second", email: "eve@example.test" });
  });
  afterAll(() => repo.cleanup());

  it("finds the planted token in history with commit and author, never showing it", async () => {
    const { code, stdout } = await runBin(["scan", "--history", "--format", "json", repo.dir]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    const gh = report.findings.filter((f: { ruleId: string }) => f.ruleId === "github-pat");
    expect(gh).toHaveLength(1);
    expect(gh[0].location).toMatchObject({ path: "config/settings.py", line: 2, commit: { sha: leakCommit, author: "Dana Leaker", email: "dana@example.test" } });
    expect(stdout).not.toContain(leaked);
    expect(stdout).not.toContain(stillThere);
    expect(report.stats.commits).toBe(3);
  });

  it("stays quiet on the decoys", async () => {
    const { stdout } = await runBin(["scan", "--history", "--format", "json", repo.dir]);
    const paths = JSON.parse(stdout).findings.map((f: { location: { path: string } }) => f.location.path);
    expect(paths).not.toContain("docs/decoys.md");
  });

  it("scans the working tree: the live token, not the removed one; binaries skipped and counted", async () => {
    const { code, stdout } = await runBin(["scan", "--format", "json", repo.dir]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.findings.map((f: { ruleId: string; location: { path: string } }) => `${f.ruleId}@${f.location.path}`)).toEqual(["github-oauth@app/client.js"]);
    expect(report.stats.skipped.binary).toBe(1);
  });

  it("limits --range and --since to the lines those commits added", async () => {
    const range = JSON.parse((await runBin(["scan", "--range", `${leakCommit}..${secondCommit}`, "--format", "json", repo.dir])).stdout);
    expect(range.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(["github-oauth"]);
    const since = JSON.parse((await runBin(["scan", "--since", `${leakCommit}~1`, "--format", "json", repo.dir])).stdout);
    expect(since.findings.map((f: { ruleId: string }) => f.ruleId).sort()).toEqual(["github-oauth", "github-pat"]);
  });

  it("names who should act: CODEOWNERS of the file, else the author of the commit that added the line", async () => {
    repo.write(".github/CODEOWNERS", "app/ @acme/frontend\n");
    const worktree = JSON.parse((await runBin(["scan", "--format", "json", repo.dir])).stdout);
    expect(worktree.findings[0]).toMatchObject({ location: { path: "app/client.js" }, owners: ["@acme/frontend"], ownerSource: "codeowners" });
    const history = JSON.parse((await runBin(["scan", "--history", "--format", "json", repo.dir])).stdout);
    const settings = history.findings.find((f: { location: { path: string } }) => f.location.path === "config/settings.py");
    expect(settings).toMatchObject({ owners: ["dana@example.test"], ownerSource: "history" });
    execFileSync("rm", ["-rf", join(repo.dir, ".github")]);
  });

  it("prints a readable text report grouped by file", async () => {
    const { stdout } = await runBin(["scan", "--history", repo.dir]);
    expect(stdout).toMatch(/config\/settings\.py\n\s+2:\d+\s+critical\s+github-pat\s+ghp_\*{8}\s+commit [0-9a-f]{12} by Dana Leaker/);
    expect(stdout).toMatch(/^2 findings \(2 critical\) in 3 commits/m);
  });

  it("writes SARIF that validates against the 2.1.0 schema, with stable fingerprints", async () => {
    const out = join(repo.dir, "..", `keyward-${Date.now()}.sarif`);
    const { code, stderr } = await runBin(["scan", "--history", "--format", "sarif", "--output", out, repo.dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/2 findings/);
    const text = readFileSync(out, "utf8");
    expect(text).not.toContain(leaked);
    const sarif = JSON.parse(text);
    expect(validateSarif(sarif)).toEqual([]);
    const results = sarif.runs[0].results;
    expect(results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints["keyward/v1"])).toEqual(
      JSON.parse((await runBin(["scan", "--history", "--format", "json", repo.dir])).stdout).findings.map((f: { fingerprint: string }) => f.fingerprint),
    );
  });

  it("suppresses fingerprints listed in .keywardignore and findings in a baseline", async () => {
    const report = JSON.parse((await runBin(["scan", "--history", "--format", "json", repo.dir])).stdout);
    repo.write(".keywardignore", `# reviewed\n${report.findings[0].fingerprint}\n`);
    const after = JSON.parse((await runBin(["scan", "--history", "--format", "json", repo.dir])).stdout);
    expect(after.findings).toHaveLength(report.findings.length - 1);
    expect(after.stats.suppressed).toBe(1);
    const baseline = join(repo.dir, "..", `baseline-${Date.now()}.json`);
    await runBin(["scan", "--history", "--format", "json", "--output", baseline, repo.dir]);
    const withBaseline = await runBin(["scan", "--history", "--baseline", baseline, repo.dir]);
    expect(withBaseline.code).toBe(0);
    expect(withBaseline.stdout).toMatch(/no secrets found/);
    repo.git("clean", "-fq");
    execFileSync("rm", ["-f", join(repo.dir, ".keywardignore")]);
  });

  it("exits 2 with a clear message on usage and runtime errors", async () => {
    const bad = await runBin(["scan", "--range", "nope..HEAD", repo.dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown revision 'nope'/);
    expect((await runBin(["scan", "--format", "xml", repo.dir])).stderr).toMatch(/unknown --format 'xml'/);
    expect((await runBin(["scan", "--history", "/"])).stderr).toMatch(/not a git repository/);
    expect((await runBin(["nonsense"])).code).toBe(2);
  });

  it("reports an invalid config with file and line", async () => {
    repo.write(".github/keyward.yml", "rules:\n  disable: github-pat\n");
    const { code, stderr } = await runBin(["scan", repo.dir]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/keyward\.yml:2:\d+: rules\.disable/);
    repo.write(".github/keyward.yml", "rules:\n  disable: [github-oauth]\n");
    const ok = await runBin(["scan", repo.dir]);
    expect(ok.code).toBe(0);
    execFileSync("rm", ["-rf", join(repo.dir, ".github")]);
  });
});
