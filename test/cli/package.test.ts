/**
 * The package as a user installs it: `npm pack`, then `npm install -g` of the tarball into a
 * temporary prefix, then the installed `keyward`. Dependencies come from the registry (the npm
 * cache first: --prefer-offline). The install runs with --ignore-scripts, which is what a user
 * gets when npm skips better-sqlite3's native build (unapproved install scripts, or
 * ignore-scripts in .npmrc): scanning works, and the evidence commands say what to run.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { githubToken } from "../helpers/tokens.js";

const run = promisify(execFile);
const ROOT = new URL("../..", import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };

describe("the packed tarball, installed globally into a temporary prefix", () => {
  let dir: string;
  let prefix: string;
  let tarball: string;
  let files: string[];
  const keyward = (args: string[], env: Record<string, string> = {}) =>
    run(join(prefix, "bin", "keyward"), args, { cwd: dir, env: { PATH: process.env.PATH!, HOME: dir, ...env } }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "keyward-pack-"));
    prefix = join(dir, "prefix");
    // `npm test` has just built dist/; --ignore-scripts keeps `prepare` from rebuilding it under
    // the other tests that are running the binary.
    const packed = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    const info = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    tarball = join(dir, info[0]!.filename);
    files = info[0]!.files.map((f) => f.path);
    await run("npm", ["install", "-g", "--prefix", prefix, tarball, "--prefer-offline", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("ships the built CLI and library, and no demo, test helpers or source maps", () => {
    expect(files).toContain("dist/bin.js");
    expect(files).toContain("dist/index.js");
    expect(files).toContain("dist/index.d.ts");
    expect(files.filter((f) => /^dist\/demo\/|light-github|\.map$|^test\/|^src\//.test(f))).toEqual([]);
  });

  it("runs keyward --version from the prefix's bin", async () => {
    const r = await keyward(["--version"]);
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it("finds a token generated at run time in a directory outside the checkout, never printing it", async () => {
    const work = join(dir, "work");
    mkdirSync(work);
    const token = githubToken();
    writeFileSync(join(work, "settings.py"), `GITHUB_TOKEN = "${token}"\n`);
    const r = await keyward(["scan", "--format", "json", work]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(["github-pat"]);
    expect(r.stdout + r.stderr).not.toContain(token);
  });

  it("says what to run when the embedded store's native build was skipped", async () => {
    const r = await keyward(["evidence", "record", "--repo", "acme/web", "--fingerprint", "secret:x", "--event", "detected", "--actor", "keyward", "--db", join(dir, "e.db")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("the embedded evidence store (better-sqlite3) has no native build");
    expect(r.stderr).toContain("npm install -g keyward --allow-scripts=better-sqlite3");
    expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });

  it("can be imported by name: the scanner, rules, audits and pack verification", async () => {
    const installed = join(prefix, "lib", "node_modules", pkg.name);
    const script = `import * as k from "keyward"; console.log(JSON.stringify({ rules: k.ALL_RULES.length, audits: k.ALL_AUDITS.length, fns: ["scanText", "runScan", "auditRepository", "verifyPack", "sarifLog"].filter((n) => typeof k[n] === "function") }));`;
    const r = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: installed });
    const out = JSON.parse(r.stdout);
    expect(out.rules).toBeGreaterThan(100);
    expect(out.audits).toBeGreaterThan(5);
    expect(out.fns).toEqual(["scanText", "runScan", "auditRepository", "verifyPack", "sarifLog"]);
  });
});
