/**
 * A working tree scanned on several threads gives the report one thread gives, byte for byte:
 * the same findings in the same order, the same counts. The tree is generated at run time,
 * with fake tokens planted across it (and files of every kind the scan skips or rescans).
 * Runs the built JavaScript (npm test builds it): workers run dist/scan-worker.js.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsKeyId, awsSecretKey, githubToken, npmToken, pemPrivateKey, slackBotToken } from "../helpers/tokens.js";

const dist = fileURLToPath(new URL("../../dist/", import.meta.url));

/** ~1,200 files: mostly ordinary code, a planted secret every 40 files, and the odd cases. */
function plantedTree(dir: string): number {
  let planted = 0;
  const write = (path: string, content: string | Buffer) => {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  const filler = (i: number) => `export function f${i}(key, token) {\n  return { key, token, n: ${i} };\n}\n`.repeat(1 + (i % 7));
  for (let i = 0; i < 1200; i++) {
    const dirName = `pkg${String(i % 23).padStart(2, "0")}/src${i % 3}`;
    let text = filler(i);
    if (i % 40 === 0) {
      const token = [githubToken(), npmToken(), slackBotToken()][i % 3];
      text += `const leaked = "${token}";\n`;
      planted++;
    }
    if (i % 97 === 0) text = `// clé ünïcødé — ${text}`; // non-ASCII: rescanned as UTF-8 where something is found
    write(`${dirName}/file${i}.js`, text);
  }
  write("deploy/aws.env", `AWS_ACCESS_KEY_ID=${awsKeyId()}\nAWS_SECRET_ACCESS_KEY=${awsSecretKey()}\n`);
  write("deploy/key.pem", `${pemPrivateKey()}\n`);
  write("deploy/unicode.js", `const s = "é"; const t = "${githubToken()}"; // ünïcødé\n`);
  write("certs/client.p12", Buffer.from([0x30, 0x82, 0x01, 0x00, 0x00, 0x01]));
  write("assets/blob.dat", Buffer.from([1, 2, 0, 4]));
  write("huge/big.txt", "x".repeat(2 * 1024 * 1024));
  write("vendor/lib.min.js", `var t="${githubToken()}";`);
  symlinkSync(join(dir, "deploy/aws.env"), join(dir, "deploy/link.env"));
  return planted + 4;
}

describe("parallel working-tree scan", () => {
  let dir = "";
  let planted = 0;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "keyward-parallel-"));
    planted = plantedTree(dir);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("finds the same things, in the same order, with the same counts, on one thread and on three", async () => {
    const { runScan } = (await import(pathToFileURL(join(dist, "scan.js")).href)) as typeof import("../../src/scan.js");
    const { SCAN_DEFAULTS } = (await import(pathToFileURL(join(dist, "config-base.js")).href)) as typeof import("../../src/config-base.js");
    const scan = (threads: number) => runScan({ root: dir, target: { kind: "worktree" }, config: SCAN_DEFAULTS, threads, poolAfterMs: 0, maxFileBytes: 1024 * 1024 });
    const one = await scan(1);
    const three = await scan(3);
    expect(one.threads).toBe(1);
    expect(three.threads).toBe(3);
    expect(one.findings.length).toBeGreaterThanOrEqual(planted);
    expect(new Set(one.findings.map((f) => f.location.path)).size).toBeGreaterThan(30);
    expect(three.findings).toEqual(one.findings);
    expect({ ...three.stats, durationMs: 0 }).toEqual({ ...one.stats, durationMs: 0 });
    expect(one.stats.skipped).toMatchObject({ binary: 2, huge: 1 });
  });

  it("keyward scan writes the same JSON and SARIF report with --threads 1 and --threads 2", () => {
    const cli = (threads: string, format: string) => {
      const r = spawnSync(process.execPath, [join(dist, "bin.js"), "scan", dir, "--format", format, "--threads", threads, "--max-file-size", "1"], { encoding: "utf8" });
      expect(r.status, r.stderr).toBe(1);
      return r.stdout.replace(/"durationMs": \d+/, '"durationMs": 0');
    };
    for (const format of ["json", "sarif"]) expect(cli("2", format)).toBe(cli("1", format));
  });

  it("refuses a thread count that is not a whole number", () => {
    const r = spawnSync(process.execPath, [join(dist, "bin.js"), "scan", dir, "--threads", "0"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--threads/);
  });

  it("a tree inside a git repository scans the same in parallel (listed by git ls-files)", () => {
    execFileSync("git", ["init", "-q"], { cwd: dir });
    const cli = (threads: string) => spawnSync(process.execPath, [join(dist, "bin.js"), "scan", dir, "--format", "json", "--threads", threads], { encoding: "utf8", env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" } }).stdout.replace(/"durationMs": \d+/, "\"durationMs\": 0");
    const one = cli("1");
    expect(JSON.parse(one).findings.length).toBeGreaterThanOrEqual(planted);
    expect(cli("2")).toBe(one);
  });
});
