import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, withGitleaks } from "../../src/config.js";
import { ALL_RULES } from "../../src/detect/rules/index.js";
import { parseGitleaksConfig } from "../../src/detect/custom/gitleaks.js";
import { translateRe2 } from "../../src/detect/custom/re2.js";
import { runScan, scannerFor } from "../../src/scan.js";
import { tempRepo, type TempRepo } from "../helpers/repo.js";
import { acmeToken } from "./fixtures.js";

const bin = fileURLToPath(new URL("../../dist/bin.js", import.meta.url));

// A gitleaks user's file: an in-house rule (RE2 syntax, unbounded, (?i), secretGroup), its own
// allowlist, a default rule Keyward covers, and global allowlists old and new.
const TOML = `
title = "acme gitleaks config"

[extend]
useDefault = true
disabledRules = ["generic-api-key"]

[[rules]]
id = "acme-internal-token"
description = "ACME internal API token"
regex = '''(?i)\\b(acme_[0-9a-f]{32})\\b'''
secretGroup = 1
entropy = 3
keywords = ["acme_"]
  [[rules.allowlists]]
  regexTarget = "line"
  regexes = ['''ACME_SAMPLE''']

[[rules]]
id = "acme-session"
regex = '''session=(?P<sess>[A-Za-z0-9]+)'''
keywords = ["session="]
path = '''\\.(?:ini|cfg)$'''

[[rules]]
id = "github-pat"
regex = '''ghp_[0-9a-zA-Z]{36}'''

[[allowlists]]
description = "fixtures"
paths = ['''(?:^|/)fixtures/''']

[allowlist]
stopwords = ["deadbeef"]
`;

describe(".gitleaks.toml", () => {
  const builtin = new Set(ALL_RULES.map((r) => r.id));
  const parsed = parseGitleaksConfig(TOML, builtin);
  let config = DEFAULT_CONFIG;
  beforeAll(async () => {
    config = (await withGitleaks(DEFAULT_CONFIG, TOML, ".gitleaks.toml", builtin)).config;
  });
  const scan = (text: string, path = "src/app.env") => scannerFor(config).scan({ path, text, startLine: 1 });

  it("reads the in-house rules, skips the default rule Keyward covers and notes what differs", () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.rules.map((r) => r.id)).toEqual(["acme-internal-token", "acme-session"]);
    expect(parsed.notes.join("\n")).toMatch(/rule github-pat: a gitleaks default rule; Keyward's own github-pat covers it/);
    expect(parsed.disable).toEqual(["generic-secret", "generic-password"]);
  });

  it("finds an in-house token with the rule's id, case-insensitively, as the secret group", () => {
    const token = acmeToken();
    const found = scan(`TOKEN=${token.toUpperCase().replace("ACME_", "acme_")}`);
    expect(found.map((f) => [f.ruleId, f.provider, f.location.column])).toEqual([["acme-internal-token", "gitleaks", 7]]);
    expect(JSON.stringify(found)).not.toContain(token.slice(5));
  });

  it("applies the rule's allowlist on the line, the global paths and the legacy stopwords", () => {
    expect(scan(`TOKEN=${acmeToken()} # ACME_SAMPLE`)).toEqual([]);
    expect(scan(`TOKEN=${acmeToken()}`, "test/fixtures/app.env")).toEqual([]);
    expect(scan(`TOKEN=acme_${"deadbeef".repeat(4)}`)).toEqual([]);
  });

  it("keeps a rule to its path regex and takes the first group when no secretGroup is set", () => {
    expect(scan("session=Zq4vT8mW2xLp9sKe7RbN", "app/server.ini").map((f) => f.ruleId)).toEqual(["acme-session"]); // keyward:allow
    expect(scan("session=Zq4vT8mW2xLp9sKe7RbN", "app/server.txt").map((f) => f.ruleId)).toEqual([]); // keyward:allow
  });

  it("turns off Keyward's rules for the gitleaks ids in disabledRules", () => {
    expect(scan('API_KEY="Zq4vT8mW2xLp9sKe7RbN3cYh"')).toEqual([]); // keyward:allow
    expect(scannerFor(DEFAULT_CONFIG).scan({ path: "a.env", text: 'API_KEY="Zq4vT8mW2xLp9sKe7RbN3cYh"', startLine: 1 })).toHaveLength(1); // keyward:allow
  });

  it("refuses what cannot run safely or has no JavaScript equivalent, with the rule's line", () => {
    const bad = parseGitleaksConfig(`[[rules]]\nid = "ok"\nregex = '''ok_[a-z]{8}'''\n\n[[rules]]\nid = "slow"\nregex = '''(a+)+b'''\n\n[[rules]]\nid = "unicode"\nregex = '''\\pL{8}'''\n`);
    expect(bad.rules.map((r) => r.id)).toEqual(["ok"]);
    expect(bad.errors).toEqual([
      { line: 5, column: 1, message: expect.stringMatching(/^rule slow regex: (nested repetitions|the pattern can backtrack)/) },
      { line: 9, column: 1, message: expect.stringMatching(/^rule unicode regex: the Unicode class \\p at offset 0 has no equivalent here/) },
    ]);
    expect(parseGitleaksConfig("[[rules]\nid=").errors[0]).toMatchObject({ line: 1 });
  });

  it("translates RE2 syntax: inline flags, named groups, \\A and \\z, POSIX classes, \\Q…\\E", () => {
    expect(translateRe2("(?i)(?P<key>[[:alnum:]]{4})\\z")).toMatchObject({ ok: true, source: "(?<key>[A-Za-z0-9]{4})(?![\\s\\S])", flags: "i" });
    expect(translateRe2("\\Aa.b\\Q.*\\E")).toMatchObject({ ok: true, source: "^a.b\\.\\*" });
    expect(translateRe2("x(?i)y")).toMatchObject({ ok: true, flags: "i", notes: [expect.stringMatching(/applies to all of it/)] });
    expect(translateRe2("(?U)a+")).toMatchObject({ ok: false });
  });

  it("is read by every scan of a directory (the App's installation baseline, the Action's checkout scan)", async () => {
    const dir = tempRepo();
    try {
      dir.write(".gitleaks.toml", TOML);
      dir.write("deploy/client.env", `ACME_TOKEN=${acmeToken()}\n`);
      const { findings } = await runScan({ root: dir.dir, target: { kind: "worktree" }, config: DEFAULT_CONFIG });
      expect(findings.map((f) => f.ruleId)).toEqual(["acme-internal-token"]);
    } finally {
      dir.cleanup();
    }
  });

  describe("through the built CLI", () => {
    let repo: TempRepo;
    const token = acmeToken();
    beforeAll(() => {
      repo = tempRepo();
      repo.write(".gitleaks.toml", TOML);
      repo.write("deploy/client.env", `ACME_TOKEN=${token}\n`);
      repo.commit("add client");
    });
    afterAll(() => repo.cleanup());

    it("reports the in-house token a .gitleaks.toml rule describes", () => {
      let out = "";
      try {
        execFileSync(process.execPath, [bin, "scan", "--format", "json", repo.dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      } catch (err) {
        out = (err as { stdout: string }).stdout;
      }
      const found = JSON.parse(out).findings as Array<{ ruleId: string; location: { path: string } }>;
      expect(found.map((f) => [f.ruleId, f.location.path])).toEqual([["acme-internal-token", "deploy/client.env"]]);
      expect(out).not.toContain(token.slice(5));
    });
  });
});
