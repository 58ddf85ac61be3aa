/**
 * What `keyward scan` loads: a pre-commit hook and a CI step pay for every module on every run,
 * so the scan path must not import the App's server, queue or database modules (cli.ts loads a
 * command's module only when it runs). Runs the built CLI (npm test builds it) with a module
 * loader hook that records every module resolved.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GITLEAKS_PATH, SCAN_DEFAULTS } from "../../src/config-base.js";
import { configSchema, GITLEAKS_CONFIG_PATH } from "../../src/config.js";
import { tempRepo, type TempRepo } from "../helpers/repo.js";

const bin = fileURLToPath(new URL("../../dist/bin.js", import.meta.url));
/** Packages only the App, queue mode and the evidence stores need. */
const SERVER_ONLY = ["probot", "bullmq", "ioredis", "pg", "better-sqlite3", "@octokit/webhooks", "prom-client", "pino"];
/** Packages only reading a configuration file needs: its parser, schema and custom-rule checks. */
const CONFIG_ONLY = ["zod", "yaml", "@eslint-community/regexpp", "regexp-ast-analysis", "scslre", "refa"];

/**
 * The packages and Keyward source modules a CLI run loaded. With the bundled CLI (dist/cli/,
 * scripts/build-cli.mjs) a bundled package is inside a chunk: esbuild heads each module's code
 * with a `// node_modules/PKG/...` or `// src/...` comment, which is what is read there.
 */
function loadedBy(args: string[], cwd: string, hooks: string): { packages: Set<string>; sources: Set<string>; status: number | null } {
  const log = join(hooks, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  const r = spawnSync(process.execPath, ["--import", pathToFileURL(join(hooks, "register.mjs")).href, bin, ...args], {
    cwd,
    env: { ...process.env, KEYWARD_TEST_LOAD_LOG: log, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" },
    encoding: "utf8",
  });
  const urls = [...new Set(readFileSync(log, "utf8").split("\n").filter(Boolean))];
  const packages = new Set<string>();
  const sources = new Set<string>();
  for (const u of urls) {
    const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u);
    if (m) packages.add(m[1]!);
    else if (u.startsWith("file:") && u.includes("/dist/cli/")) {
      const text = readFileSync(fileURLToPath(u), "utf8");
      for (const c of text.matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)) packages.add(c[1]!);
      for (const c of text.matchAll(/^\/\/ (src\/\S+\.ts)$/gm)) sources.add(c[1]!);
    } else if (u.startsWith("file:") && u.includes("/dist/")) sources.add(`src/${u.slice(u.indexOf("/dist/") + 6).replace(/\.js$/, ".ts")}`);
  }
  return { packages, sources, status: r.status };
}

describe("start-up: what keyward scan loads", () => {
  let hooks = "";
  let repo: TempRepo;
  beforeAll(() => {
    hooks = mkdtempSync(join(tmpdir(), "keyward-loads-"));
    // A resolve hook (it runs on the loader thread) appends every URL it resolves to the log.
    writeFileSync(
      join(hooks, "hooks.mjs"),
      `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.KEYWARD_TEST_LOAD_LOG, r.url + "\\n");
  return r;
}
`,
    );
    writeFileSync(join(hooks, "register.mjs"), `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(join(hooks, "hooks.mjs")).href)});\n`);
    repo = tempRepo();
    repo.write("README.md", "# one file\n");
    repo.commit("initial");
  });
  afterAll(() => {
    repo?.cleanup();
    if (hooks) rmSync(hooks, { recursive: true, force: true });
  });

  it("a scan of a one-file repository loads no App, queue or database module, nor the configuration parser", () => {
    const { packages, sources, status } = loadedBy(["scan", "."], repo.dir, hooks);
    expect(status).toBe(0);
    expect(sources).toContain("src/scan.ts"); // the log is real
    expect(packages).toContain("minimatch");
    for (const p of [...SERVER_ONLY, ...CONFIG_ONLY, "simple-git"]) expect(packages, p).not.toContain(p);
    expect([...sources].filter((u) => /^src\/(app|queue|remediate|evidence|workflows|demo)\//.test(u))).toEqual([]);
  });

  it("scan --staged, as the pre-commit hook runs it, likewise", () => {
    repo.write("src/app.js", "export const answer = 42;\n");
    execFileSync("git", ["add", "src/app.js"], { cwd: repo.dir });
    const { packages, sources, status } = loadedBy(["scan", "--staged"], repo.dir, hooks);
    expect(status).toBe(0);
    expect(sources).toContain("src/ingest/git.ts");
    for (const p of [...SERVER_ONLY, ...CONFIG_ONLY, "simple-git"]) expect(packages, p).not.toContain(p);
  });

  it("a repository with a configuration file loads its parser, and still no server module", () => {
    repo.write(".github/keyward.yml", "fail_on: high\n");
    const { packages, status } = loadedBy(["scan", "."], repo.dir, hooks);
    expect(status).toBe(0);
    expect(packages).toContain("yaml");
    for (const p of SERVER_ONLY) expect(packages, p).not.toContain(p);
  });

  it("the scan defaults kept as data (config-base.ts) are the schema's defaults", () => {
    const { rules, paths, allow, fail_on } = configSchema.parse({});
    expect(SCAN_DEFAULTS).toEqual({ rules, paths, allow, fail_on });
    expect(GITLEAKS_PATH).toBe(GITLEAKS_CONFIG_PATH);
  });
});
