/**
 * A CLI that never passes silently: each mistake a new user makes stops the run with exit 2
 * and says where, the same way in every command. Runs the built binary, as a user would.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBin } from "../helpers/cli.js";
import { tempRepo, type TempRepo } from "../helpers/repo.js";
import { githubToken } from "../helpers/tokens.js";

const BIN = new URL("../../dist/bin.js", import.meta.url).pathname;

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "keyward-cli-errors-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const WORKFLOW = "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ secrets.NPM_TOKEN }}\n";

describe("mistakes stop the run with exit 2 and say where", () => {
  const dirs: string[] = [];
  let home: string;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), "keyward-home-"));
    dirs.push(home);
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const run = (argv: string[]) => runBin(argv, { env: { HOME: home } });

  it.each(["scan", "audit", "inventory", "review"])("keyward %s on a path that does not exist exits 2", async (command) => {
    const missing = join(tmpdir(), `keyward-no-such-dir-${process.pid}`);
    const r = await run([command, missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no such`);
    expect(r.stderr).toContain(missing);
    expect(r.stdout).toBe("");
  });

  it.each(["scan", "audit", "inventory"])("keyward %s rejects unknown configuration keys with file:line:column and the closest key", async (command) => {
    const root = tree({ ".github/keyward.yml": "fail_onn: critical\npath:\n  ignore: [x]\nrules:\n  disable: []\n  disabel: [y]\n", ".github/workflows/ci.yml": WORKFLOW });
    dirs.push(root);
    const r = await run([command, root]);
    expect(r.code).toBe(2);
    const file = join(root, ".github/keyward.yml");
    expect(r.stderr).toContain(`${file}:1:1: fail_onn: unknown key (did you mean "fail_on"?)`);
    expect(r.stderr).toContain(`${file}:2:1: path: unknown key (did you mean "paths"?)`);
    expect(r.stderr).toContain(`${file}:6:3: rules.disabel: unknown key (did you mean "disable"?)`);
  });

  it("rejects an unknown key inside a list entry too: a custom rule's misspelt field", async () => {
    const root = tree({ ".github/keyward.yml": 'rules:\n  custom:\n    - id: my-rule\n      regex: "abc[0-9]{4}"\n      keywords: [abc]\n      severty: high\n' });
    dirs.push(root);
    const r = await run(["scan", root]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(root, ".github/keyward.yml")}:6:7: rules.custom.0.severty: unknown key (did you mean "severity"?)`);
  });

  it("keeps accepting a configuration whose keys are all known", async () => {
    const root = tree({ ".github/keyward.yml": "fail_on: critical\npaths:\n  ignore: [x]\nrules:\n  disable: []\n", "a.txt": "nothing\n" });
    dirs.push(root);
    expect((await run(["scan", root])).code).toBe(0);
  });

  it("treats a broken identities: list the same in scan, audit, inventory and review: exit 2 with its location", async () => {
    const root = tree({
      ".github/keyward.yml": ["identities:", "  - secret: NPM_TOKEN", "    owners: [not-an-owner]", "  - secret: DEPLOY_KEY", '    owners: ["@ops"]', "    rotate_evry: 90d", ""].join("\n"),
      ".github/workflows/ci.yml": WORKFLOW,
    });
    dirs.push(root);
    const file = join(root, ".github/keyward.yml");
    for (const command of ["scan", "audit", "inventory", "review"]) {
      const r = await run([command, root]);
      expect(r.code, command).toBe(2);
      expect(r.stderr, command).toContain(`${file}:3:14: identities.0.owners.0: "not-an-owner" is not an owner`);
      expect(r.stderr, command).toContain(`${file}:6:18: identities.1: unknown field "rotate_evry"`);
      expect(r.stdout, command).not.toMatch(/secret identities|no workflow findings/);
    }
  });
});

describe("output", () => {
  let repo: TempRepo;
  const token = githubToken();
  beforeAll(() => {
    repo = tempRepo();
    // The token sits at line 109, past column 6000: the text report's columns must still part.
    repo.write("src/wide.js", "// filler\n".repeat(108) + `const pad = "${"x ".repeat(3000)}"; const t = "${token}";\n`);
    repo.write("src/other.js", `const other = "${githubToken()}";\n`);
    repo.write("README.md", "# demo\n");
    repo.commit("initial");
  });
  afterAll(() => repo.cleanup());

  it("keeps the text report's columns apart however long the location", async () => {
    const json = JSON.parse((await runBin(["scan", "--format", "json", repo.dir])).stdout);
    const wide = json.findings.find((f: { location: { path: string } }) => f.location.path === "src/wide.js");
    expect(wide.location.line).toBe(109);
    expect(wide.location.column).toBeGreaterThan(6000);
    const { stdout } = await runBin(["scan", repo.dir]);
    expect(stdout).toContain(`  ${wide.location.line}:${wide.location.column} critical github-pat`);
    expect(stdout).not.toContain(token);
  });

  it("scans a single file when PATH names one, with its repository's settings", async () => {
    const only = await runBin(["scan", "--format", "json", join(repo.dir, "src/other.js")]);
    expect(only.code).toBe(1);
    const report = JSON.parse(only.stdout);
    expect(report.findings.map((f: { location: { path: string } }) => f.location.path)).toEqual(["src/other.js"]);
    expect(report.stats.files).toBe(1);
    repo.write(".keywardignore", `${report.findings[0].fingerprint}\n`);
    expect((await runBin(["scan", join(repo.dir, "src/other.js")])).code).toBe(0);
    rmSync(join(repo.dir, ".keywardignore"));
    const clean = await runBin(["scan", join(repo.dir, "README.md")]);
    expect(clean).toMatchObject({ code: 0, stdout: expect.stringContaining("no secrets found in 1 file") });
    expect((await runBin(["scan", "--history", join(repo.dir, "README.md")])).stderr).toMatch(/give its directory, not a file/);
  });

  it("scans a single file outside any repository", async () => {
    const dir = mkdtempSync(join(tmpdir(), "keyward-lone-file-"));
    writeFileSync(join(dir, "notes.txt"), `token ${githubToken()}\n`);
    writeFileSync(join(dir, "other.txt"), `token ${githubToken()}\n`);
    const r = JSON.parse((await runBin(["scan", "--format", "json", join(dir, "notes.txt")])).stdout);
    expect(r.findings.map((f: { location: { path: string } }) => f.location.path)).toEqual(["notes.txt"]);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts the binary with its stdout already closed, as `keyward rules | head` ends up. */
  const closedPipe = (argv: string[]) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, ...argv], { stdio: ["ignore", "pipe", "pipe"] });
      child.stdout.destroy();
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
      child.on("close", (code) => resolve({ code, stderr }));
    });

  it.each([
    [["rules"], 0],
    [["rules", "--format", "json"], 0],
    [["scan", "--format", "sarif"], 1],
    [["audit"], 0],
    [["--help"], 0],
  ] as const)("exits quietly with its own code when the reader goes away: keyward %j", async (argv, code) => {
    const r = await closedPipe([...argv, ...(argv[0] === "scan" || argv[0] === "audit" ? [repo.dir] : [])]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(code);
  });
});
