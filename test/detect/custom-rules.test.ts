import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import { safeRegex } from "../../src/detect/custom/regex-safety.js";
import { scannerFor } from "../../src/scan.js";
import { tempRepo, type TempRepo } from "../helpers/repo.js";
import { acmeToken } from "./fixtures.js";

const bin = fileURLToPath(new URL("../../dist/bin.js", import.meta.url));

const CONFIG = [
  "rules:",
  "  custom:",
  "    - id: acme-internal-token",
  "      description: ACME internal API token",
  "      regex: '\\bacme_(?<secret>[0-9a-f]{32})\\b'",
  "      keywords: [acme_]",
  "      entropy: 3",
  "      severity: critical",
  "      allow:",
  "        stopwords: [deadbeef]",
  "",
].join("\n");

describe("custom rules in .github/keyward.yml", () => {
  it("find an in-house token with the rule's id, severity and a preview that shows nothing of it", () => {
    const { config, errors } = parseConfig(CONFIG);
    expect(errors).toEqual([]);
    const token = acmeToken();
    const findings = scannerFor(config).scan({ path: "src/client.ts", text: `const t = "${token}";\n`, startLine: 1 });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: "acme-internal-token", provider: "Custom", severity: "critical", description: "ACME internal API token", preview: "******** (32-63 chars)" });
    expect(JSON.stringify(findings)).not.toContain(token.slice(5));
  });

  it("honour the rule's allowlist and the file's allow, and can be disabled", () => {
    const { config } = parseConfig(CONFIG);
    const scan = (c = config, text = `x = acme_${"deadbeef".repeat(4)}`) => scannerFor(c).scan({ path: "a.txt", text, startLine: 1 });
    expect(scan()).toEqual([]);
    expect(scan(parseConfig(CONFIG.replace("rules:", "rules:\n  disable: [acme-internal-token]")).config, `x = ${acmeToken()}`)).toEqual([]);
  });

  it("keep to their paths", () => {
    const { config } = parseConfig(CONFIG.replace("      keywords: [acme_]", "      keywords: [acme_]\n      paths: ['services/**']"));
    const text = `t = ${acmeToken()}`;
    expect(scannerFor(config).scan({ path: "services/pay/env", text, startLine: 1 })).toHaveLength(1);
    expect(scannerFor(config).scan({ path: "web/env", text, startLine: 1 })).toEqual([]);
  });

  it("use a numbered secret group and a leading (?i)", () => {
    const { config, errors } = parseConfig(["rules:", "  custom:", "    - id: corp-key", "      regex: '(?i)corp-key: ([a-z0-9]{20})'", "      secret_group: 1", "      keywords: [corp-key]", ""].join("\n"));
    expect(errors).toEqual([]);
    const f = scannerFor(config).scan({ path: "a.yml", text: "CORP-KEY: Zq4vT8mW2xLp9sKe7RbN", startLine: 1 }); // keyward:allow
    expect(f.map((x) => [x.ruleId, x.location.column])).toEqual([["corp-key", 11]]);
  });

  it("are refused with the file's line when the pattern could backtrack, is unbounded or does not compile", () => {
    const withRegex = (re: string, extra = "") => ["fail_on: high", "rules:", "  custom:", "    - id: bad", `      regex: '${re}'`, "      keywords: [bad]", extra, ""].join("\n");
    const cases: Array<[string, RegExp]> = [
      ["bad_[a-z]+", /unbounded repetition "\+" at offset 9: give it an upper bound/],
      ["bad_(?:[a-z]{1,50}){1,50}x", /backtrack catastrophically|nested repetitions/],
      ["bad_(a|a){1,4000}b", /backtrack catastrophically/],
      ["bad_[a-z]{1,99999}", /allows more than 4096/],
      ["bad_(", /does not compile/],
      ["bad_(x{1,5})\\1", /backreference/],
      ["bad_\\w{1,4096}\\d{1,4096}x", /backtrack catastrophically/],
    ];
    for (const [re, message] of cases) {
      const { errors, config } = parseConfig(withRegex(re));
      expect(errors, re).toHaveLength(1);
      expect(errors[0]!.message, re).toMatch(message);
      expect(errors[0]!.message, re).toMatch(/^rules\.custom\.0\.regex: /);
      expect(errors[0]!.line, re).toBe(5);
      expect(config.rules.custom).toEqual([]); // the defaults, as for any invalid file
    }
    const group = parseConfig(withRegex("bad_([a-z]{4})", "      secret_group: 2"));
    expect(group.errors[0]).toMatchObject({ line: 7, message: expect.stringMatching(/secret_group: the pattern has no group 2 \(it has 1\)/) });
  });

  it("accepts the bounded shapes in-house rules use", () => {
    for (const re of ["acme_[0-9a-f]{32}", "(?:[a-f0-9]{4}-){3}[a-f0-9]{12}", "[\\w.-]{0,50}?(?:key)(?:[ \\t\\w.-]{0,20})[\\s'\"]{0,3}(?:=|:)[\\s'\"]{0,5}([a-z0-9]{32})"]) {
      expect(safeRegex(re, "i", "reject"), re).toMatchObject({ ok: true });
    }
  });

  describe("through the built CLI", () => {
    let repo: TempRepo;
    const token = acmeToken();
    beforeAll(() => {
      repo = tempRepo();
      repo.write(".github/keyward.yml", CONFIG);
      repo.write("deploy/client.env", `ACME_ENDPOINT=https://api.acme.internal\nACME_TOKEN=${token}\n`);
      repo.commit("add client");
    });
    afterAll(() => repo.cleanup());

    it("reports the in-house token from the working tree and from history, exit 1, never printing it", () => {
      for (const args of [["scan", "--format", "json", repo.dir], ["scan", "--history", "--format", "json", repo.dir]]) {
        let out = "";
        let code = 0;
        try {
          execFileSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
        } catch (err) {
          const e = err as { status: number; stdout: string };
          code = e.status;
          out = e.stdout;
        }
        expect(code, args.join(" ")).toBe(1);
        const found = JSON.parse(out).findings as Array<{ ruleId: string; location: { path: string; line: number } }>;
        expect(found.map((f) => [f.ruleId, f.location.path, f.location.line])).toEqual([["acme-internal-token", "deploy/client.env", 2]]);
        expect(out).not.toContain(token.slice(5));
      }
    });

    it("stops with the file and line of a rule that is refused", () => {
      const bad = tempRepo();
      try {
        bad.write(".github/keyward.yml", CONFIG.replace("{32}", "+"));
        bad.commit("bad rule");
        let stderr = "";
        let code = 0;
        try {
          execFileSync(process.execPath, [bin, "scan", bad.dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
        } catch (err) {
          code = (err as { status: number }).status;
          stderr = (err as { stderr: string }).stderr;
        }
        expect(code).toBe(2);
        expect(stderr).toMatch(/keyward\.yml:5:\d+: rules\.custom\.0\.regex: unbounded repetition/);
      } finally {
        bad.cleanup();
      }
    });
  });
});
