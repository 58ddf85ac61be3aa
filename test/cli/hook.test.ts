import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempRepo, type TempRepo } from "../helpers/repo.js";
import { githubToken } from "../helpers/tokens.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
/** The line that marks a hook as Keyward's own. */
const HOOK_MARKER = "# keyward pre-commit hook";
const gitEnv = { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" };

/** `git commit` as a developer runs it: the pre-commit hook decides. */
function commit(repo: TempRepo, message: string) {
  const r = spawnSync("git", ["commit", "-q", "-m", message], { cwd: repo.dir, env: gitEnv, encoding: "utf8" });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe("keyward install-hook: the pre-commit hook in a real repository", () => {
  let build = "";
  let bin = "";
  let repo: TempRepo;

  beforeAll(() => {
    // A real build of the CLI (the hook runs the keyward that installed it), compiled under
    // node_modules so it resolves its dependencies as the installed package does.
    build = join(root, "node_modules", ".cache", `keyward-hook-${process.pid}`);
    mkdirSync(build, { recursive: true });
    copyFileSync(join(root, "package.json"), join(build, "package.json"));
    execFileSync(join(root, "node_modules", ".bin", "tsc"), ["-p", join(root, "tsconfig.json"), "--outDir", join(build, "dist"), "--sourceMap", "false"], { cwd: root });
    bin = join(build, "dist", "bin.js");
    repo = tempRepo();
    repo.write("README.md", "# demo\n");
    repo.commit("initial");
  }, 120_000);
  afterAll(() => {
    repo?.cleanup();
    if (build) rmSync(build, { recursive: true, force: true });
  });

  it("installs an executable hook that runs this keyward by absolute path", () => {
    const out = execFileSync(process.execPath, [bin, "install-hook", repo.dir], { encoding: "utf8" });
    const hook = join(repo.dir, ".git", "hooks", "pre-commit");
    expect(out).toContain(`installed ${hook}`);
    const script = readFileSync(hook, "utf8");
    expect(script).toContain(HOOK_MARKER);
    expect(script).toContain(`'${process.execPath}' '${bin}' scan --staged`);
    expect(script).toContain("npx --no-install keyward scan --staged");
    expect(statSync(hook).mode & 0o111).not.toBe(0);
  });

  it("blocks a commit that stages a token, naming the file and rule but never the token", () => {
    const token = githubToken();
    repo.write("src/client.js", `const octo = new Octokit({ auth: "${token}" });\n`);
    repo.git("add", "src/client.js");
    const { status, output } = commit(repo, "add client");
    expect(status).not.toBe(0);
    expect(output).toContain("keyward: commit blocked");
    expect(output).toMatch(/src\/client\.js:1 {2}github-pat \(critical\) {2}ghp_\*+/);
    expect(output).toContain("keyward:allow");
    expect(output).toContain("--no-verify");
    expect(output).not.toContain(token.slice(4));
    expect(repo.git("log", "--format=%s")).toBe("initial");
    repo.git("reset", "-q");
  });

  it("lets clean code through", () => {
    repo.write("src/client.js", "const octo = new Octokit({ auth: process.env.GITHUB_TOKEN });\n");
    repo.git("add", "src/client.js");
    expect(commit(repo, "client from env")).toMatchObject({ status: 0 });
    expect(repo.git("log", "-1", "--format=%s")).toBe("client from env");
  });

  it("lets a deliberate test value marked keyward:allow through", () => {
    repo.write("test/fixture.js", `export const fakeToken = "${githubToken()}"; // keyward:allow\n`);
    repo.git("add", "test/fixture.js");
    expect(commit(repo, "test fixture")).toMatchObject({ status: 0 });
  });

  it("scans only what is staged: an unstaged token does not block", () => {
    repo.write("notes.txt", "release notes\n");
    repo.write("scratch.js", `const t = "${githubToken()}";\n`);
    repo.git("add", "notes.txt");
    expect(commit(repo, "notes")).toMatchObject({ status: 0 });
    rmSync(join(repo.dir, "scratch.js"));
  });
});

describe("keyward install-hook: where it writes and what it will not overwrite", () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = tempRepo();
  });
  afterAll(() => repo.cleanup());

  it("refuses to replace someone else's hook without --force, and keeps it with --force", async () => {
    const hook = join(repo.dir, ".git", "hooks", "pre-commit");
    mkdirSync(join(repo.dir, ".git", "hooks"), { recursive: true });
    writeFileSync(hook, "#!/bin/sh\nnpm run lint\n");
    const refused = await runCli(["install-hook", repo.dir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/pre-commit already exists and is not Keyward's.*--force/);
    expect(readFileSync(hook, "utf8")).toBe("#!/bin/sh\nnpm run lint\n");

    const forced = await runCli(["install-hook", "--force", repo.dir]);
    expect(forced.code).toBe(0);
    expect(readFileSync(hook, "utf8")).toContain(HOOK_MARKER);
    expect(readFileSync(`${hook}.before-keyward`, "utf8")).toBe("#!/bin/sh\nnpm run lint\n");
    // Its own hook is simply updated.
    expect((await runCli(["install-hook", repo.dir])).code).toBe(0);
  });

  it("honours core.hooksPath", async () => {
    repo.git("config", "core.hooksPath", ".githooks");
    const { code, stdout } = await runCli(["install-hook"], { cwd: repo.dir });
    expect(code).toBe(0);
    expect(stdout).toContain(join(repo.dir, ".githooks", "pre-commit"));
    expect(readFileSync(join(repo.dir, ".githooks", "pre-commit"), "utf8")).toContain(HOOK_MARKER);
    repo.git("config", "--unset", "core.hooksPath");
  });

  it("explains when PATH is not a git repository", async () => {
    const { code, stderr } = await runCli(["install-hook", "/"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/not a git repository/);
  });
});

describe(".pre-commit-hooks.yaml for the pre-commit framework", () => {
  it("declares the keyward hook on the staged changes", () => {
    const path = join(root, ".pre-commit-hooks.yaml");
    expect(existsSync(path)).toBe(true);
    const hooks = parse(readFileSync(path, "utf8")) as Array<Record<string, unknown>>;
    expect(hooks).toEqual([
      expect.objectContaining({ id: "keyward", entry: "keyward scan --staged", language: "node", pass_filenames: false, always_run: true }),
    ]);
  });
});
