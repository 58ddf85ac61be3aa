/**
 * `.gitleaks.toml`'s `[extend] path`, followed as gitleaks follows it: inside the repository, at
 * most two files deep, the extending file's rules replacing the extended one's; and `keyward
 * rules` listing every rule a scan of the repository runs, with the file it comes from.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readGitleaksChain } from "../../src/detect/custom/gitleaks.js";
import { runScan } from "../../src/scan.js";
import { DEFAULT_CONFIG } from "../../src/config.js";
import { tempRepo, type TempRepo } from "../helpers/repo.js";
import { acmeToken } from "./fixtures.js";

const bin = fileURLToPath(new URL("../../dist/bin.js", import.meta.url));

const rule = (id: string, regex: string, keyword: string, description = id) => `[[rules]]\nid = "${id}"\ndescription = "${description}"\nregex = '''${regex}'''\nkeywords = ["${keyword}"]\n`;
const ROOT = `[extend]\nuseDefault = true\npath = "config/gitleaks/base.toml"\n\n${rule("acme-internal-token", "\\b(acme_[0-9a-f]{32})\\b", "acme_", "ACME token (the repository's)")}`;
const BASE = `[extend]\npath = "config/gitleaks/shared.toml"\ndisabledRules = ["generic-api-key"]\n\n${rule("acme-internal-token", "acme_[0-9a-f]{32}", "acme_", "ACME token (base)")}\n${rule("corp-session", "corpsess_([A-Za-z0-9]{24})", "corpsess_")}\n[[allowlists]]\npaths = ['''(?:^|/)fixtures/''']\n`;
const SHARED = `[extend]\npath = "config/gitleaks/deeper.toml"\n\n${rule("shared-key", "shrd_([0-9a-f]{20})", "shrd_")}`;

const files = (map: Record<string, string>) => async (path: string) => map[path];

describe("[extend] path", () => {
  it("is followed two files deep: the extending file's rules win, disabled rules and allowlists add up", async () => {
    const read = await readGitleaksChain(".gitleaks.toml", ROOT, files({ "config/gitleaks/base.toml": BASE, "config/gitleaks/shared.toml": SHARED, "config/gitleaks/deeper.toml": rule("deep", "deep_[0-9]{9}", "deep_") }));
    expect(read.errors).toEqual([]);
    // The extended files' rules first, as gitleaks loads them; an id this file names is this file's.
    expect(read.config.rules.map((r) => [r.id, r.description])).toEqual([
      ["shared-key", "shared-key"],
      ["acme-internal-token", "ACME token (the repository's)"],
      ["corp-session", "corp-session"],
    ]);
    expect([...read.ruleFiles]).toEqual([
      ["acme-internal-token", ".gitleaks.toml"],
      ["corp-session", "config/gitleaks/base.toml"],
      ["shared-key", "config/gitleaks/shared.toml"],
    ]);
    expect(read.config.disable).toEqual(["generic-secret", "generic-password"]);
    expect(read.config.allow.paths?.("test/fixtures/a.env")).toBe(true);
    // Two deep, as gitleaks: the third file is named, not read.
    expect(read.notes.join("\n")).toMatch(/config\/gitleaks\/shared\.toml: \[extend\] path "config\/gitleaks\/deeper\.toml" not read: configurations extend at most 2 files deep/);
    // useDefault is the first file's to say: no note about the extended files' lack of it.
    expect(read.notes.join("\n")).not.toMatch(/useDefault/);
  });

  it("stays inside the repository, and says which file names a path that is missing or loops", async () => {
    const asked: string[] = [];
    const reader = async (path: string) => (asked.push(path), path === "a.toml" ? `[extend]\npath = ".gitleaks.toml"\n` : undefined);
    for (const [path, message] of [
      ["../outside.toml", /must be a file inside the repository/],
      ["/etc/gitleaks.toml", /must be a file inside the repository/],
      ["config/../../x.toml", /must be a file inside the repository/],
      ["missing.toml", /no such file in the repository/],
    ] as const) {
      const read = await readGitleaksChain(".gitleaks.toml", `[extend]\npath = "${path}"\n`, reader);
      expect(read.errors.map((e) => [e.file, e.line, e.message]), path).toEqual([[".gitleaks.toml", 1, expect.stringMatching(message)]]);
    }
    expect(asked).toEqual(["missing.toml"]);
    const loop = await readGitleaksChain(".gitleaks.toml", `[extend]\npath = "./a.toml"\n`, reader);
    expect(loop.errors.map((e) => [e.file, e.message])).toEqual([["a.toml", expect.stringMatching(/a cycle/)]]);
  });

  describe("in a repository", () => {
    let repo: TempRepo;
    const token = `corpsess_${"Zq4vT8mW2xLp9sKe7RbNa1c3"}`; // keyward:allow
    const acme = acmeToken();
    beforeAll(() => {
      repo = tempRepo();
      repo.write(".gitleaks.toml", ROOT);
      repo.write("config/gitleaks/base.toml", BASE);
      repo.write("config/gitleaks/shared.toml", SHARED.replace(/\[extend\][^[]*/, ""));
      repo.write(".github/keyward.yml", ["rules:", "  disable: [generic-password]", "  custom:", "    - id: widget-key", "      description: Widget service key", "      regex: 'wdgt_[0-9a-f]{24}'", "      keywords: [wdgt_]", ""].join("\n"));
      repo.write("deploy/app.env", `SESSION=${token}\nACME=${acme}\n`);
      repo.commit("config");
    });
    afterAll(() => repo.cleanup());

    it("a scan runs the extended file's rules", async () => {
      const result = await runScan({ root: repo.dir, target: { kind: "worktree" }, config: DEFAULT_CONFIG });
      expect(result.findings.map((f) => [f.ruleId, f.location.line])).toEqual([
        ["corp-session", 1],
        ["acme-internal-token", 2],
      ]);
    });

    it("keyward rules lists the repository's own rules with their files, and what is disabled", () => {
      const json = JSON.parse(execFileSync(process.execPath, [bin, "rules", repo.dir, "--format", "json"], { encoding: "utf8" })) as Array<{ id: string; source: string; disabled?: boolean }>;
      const own = json.filter((r) => r.source !== "built-in").map((r) => [r.id, r.source]);
      expect(own).toEqual([
        ["shared-key", "config/gitleaks/shared.toml"],
        ["acme-internal-token", ".gitleaks.toml"],
        ["corp-session", "config/gitleaks/base.toml"],
        ["widget-key", ".github/keyward.yml"],
      ]);
      expect(json.find((r) => r.id === "generic-password")).toMatchObject({ source: "built-in", disabled: true });
      expect(json.find((r) => r.id === "github-pat")).toMatchObject({ source: "built-in" });
      const text = execFileSync(process.execPath, [bin, "rules", repo.dir], { encoding: "utf8" });
      expect(text).toMatch(/^widget-key +high +Custom +Widget service key  from \.github\/keyward\.yml$/m);
      expect(text).toMatch(/^corp-session .* from config\/gitleaks\/base\.toml$/m);
      expect(text).toMatch(/\(4 of the repository's own\)\n$/);
    });
  });
});
