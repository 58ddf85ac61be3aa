import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";

const root = fileURLToPath(new URL("..", import.meta.url));

describe("Keyward scans itself clean", () => {
  it("keyward scan . reports nothing on this repository", async () => {
    const { code, stdout } = await runCli(["scan", "--format", "json", root]);
    const report = JSON.parse(stdout);
    expect(report.findings.map((f: { fingerprint: string }) => f.fingerprint)).toEqual([]);
    expect(code).toBe(0);
    expect(report.stats.files).toBeGreaterThan(20);
  });
});

describe("Keyward audits itself clean", () => {
  it("keyward audit . reports nothing on this repository", async () => {
    const { code, stdout } = await runCli(["audit", "--format", "json", root]);
    expect(JSON.parse(stdout).findings).toEqual([]);
    expect(code).toBe(0);
  });
});
