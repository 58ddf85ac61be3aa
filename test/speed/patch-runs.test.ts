/**
 * The App reads a push's added lines in place (ingest/patch.ts, Scanner.scanPatch): the same
 * runs, line numbers and findings as splitting the patch into lines and scanning each run as a
 * chunk, which is how it read them before (bench/per-line-patch.js keeps that as the oracle).
 */
import { describe, expect, it, vi } from "vitest";
import { perLineChunks } from "../../bench/per-line-patch.js";
import { runChunk } from "../../src/detect/patch-runs.js";
import { ALL_RULES } from "../../src/detect/rules/index.js";
import { Scanner } from "../../src/detect/scanner.js";
import type { Chunk, CommitInfo, Rule } from "../../src/detect/types.js";
import { patchRuns } from "../../src/ingest/patch.js";
import { githubToken } from "../helpers/tokens.js";

const scanner = new Scanner({ rules: ALL_RULES });
const commit: CommitInfo = { sha: "c".repeat(40), author: "Ada", email: "ada@example.test", date: "2026-12-02T00:00:00Z" };
const oracle = (s: Scanner, path: string, patch: string) => (perLineChunks(path, patch, commit) as Chunk[]).flatMap((c) => s.scan(c));

/** A patch that adds `lines` among context and removed lines, in several hunks, as GitHub sends one. */
function patchAdding(lines: readonly string[], seed: number): string {
  const out: string[] = [];
  let old = 1 + seed;
  let now = 1 + seed * 2;
  for (let i = 0; i < lines.length; i += 3) {
    const added = lines.slice(i, i + 3);
    out.push(`@@ -${old},3 +${now},${added.length + 2} @@ function f() {`, " context one", "-removed line", ...added.map((l) => `+${l}`), " context two");
    if ((i + seed) % 2) out.push("\\ No newline at end of file");
    old += 10;
    now += 12;
  }
  return out.join("\n") + (seed % 2 ? "\n" : "");
}

describe("a patch's runs of added lines", () => {
  it("are the runs a per-line split finds, with the same text and line numbers", () => {
    const patches = [
      "",
      "+only line",
      "@@ -0,0 +1,3 @@\n+a\n+b\n+c",
      "@@ -0,0 +1,2 @@\n+a\n+\n",
      "@@ -3,2 +3,3 @@\n one\n-two\n+deux\n+trois\n three\n@@ -20 +21,2 @@\n+x\r\n+++ y\n\\ No newline at end of file",
      "@@ bad header @@\n+one\n\n+two\n-gone\n+three",
      "@@ -1,1 +999999999999,1 @@\n+far",
    ];
    for (const patch of patches) {
      const p = patchRuns("src/a.js", patch, commit);
      expect(p.runs.map((r) => runChunk(p, r)), JSON.stringify(patch)).toEqual(perLineChunks("src/a.js", patch, commit));
    }
  });

  it("report every rule example's findings as scanning each run as a chunk does", () => {
    let findings = 0;
    ALL_RULES.forEach((r: Rule, i) => {
      if (r.pathOnly) return;
      const path = r.examples.path ?? "example.txt";
      for (const text of [...r.examples.match, ...r.examples.noMatch]) {
        const patch = patchAdding(["const plain = 1;", ...text.split("\n"), "more = 2;"], i);
        const want = oracle(scanner, path, patch);
        findings += want.length;
        expect(scanner.scanPatch(patchRuns(path, patch, commit)), r.id).toEqual(want);
      }
    });
    expect(findings).toBeGreaterThan(ALL_RULES.length);
  });

  it("puts a token on the line the new file has it on", () => {
    const token = githubToken();
    const patch = `@@ -10,3 +10,4 @@ header\n keep\n-old\n+const t = 1;\n+const key = "${token}";\n keep\n@@ -40,0 +41,1 @@\n+const again = "${token}";`;
    const found = scanner.scanPatch(patchRuns("src/config.js", patch, commit));
    expect(found.map((f) => [f.ruleId, f.location.line, f.location.column, f.location.commit?.sha])).toEqual([
      ["github-pat", 12, 14, commit.sha],
      ["github-pat", 41, 16, commit.sha],
    ]);
    expect(found).toEqual(oracle(scanner, "src/config.js", patch));
  });

  it("copies out only runs with a keyword, a Kubernetes kind or rules without keywords to run", () => {
    const spy = vi.spyOn(scanner, "scan");
    const lines = Array.from({ length: 30 }, (_, i) => `${i} ${i * 7} ${i * 31};`);
    // (No rule's keyword in them, however the rule tables grow.)
    expect(ALL_RULES.flatMap((r) => r.keywords).filter((k) => lines.some((l) => l.includes(k)))).toEqual([]);
    const plain = patchAdding(lines, 3);
    expect(scanner.scanPatch(patchRuns("src/n.js", plain, commit))).toEqual([]);
    expect(spy).not.toHaveBeenCalled();

    spy.mockRestore();

    // A Secret's `kind` line has no keyword for a scanner whose rules name no "secret".
    const github = new Scanner({ rules: ALL_RULES.filter((r) => r.provider === "GitHub") });
    expect(github.rules.some((r) => r.keywords.some((k) => k.includes("secret")))).toBe(false);
    const onGithub = vi.spyOn(github, "scan");
    const value = Buffer.from(githubToken()).toString("base64");
    const manifest = ["apiVersion: v1", "kind: Secret", "metadata:", "  name: app", "data:", `  a1: ${value}`];
    for (const lines of [manifest, manifest.map((l) => l.replace("kind", "KIND"))]) {
      const patch = `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join("\n")}\n@@ -20 +21 @@\n-x\n+y = 1`;
      const want = oracle(github, "deploy/secret.yaml", patch);
      expect(want.map((f) => f.ruleId)).toEqual(["github-pat"]);
      onGithub.mockClear();
      expect(github.scanPatch(patchRuns("deploy/secret.yaml", patch, commit))).toEqual(want);
      expect(onGithub).toHaveBeenCalledTimes(1);
    }

    // A rule without keywords (as imported gitleaks rules may be) runs on every run.
    const bare: Rule = { id: "in-house", provider: "Acme", description: "Acme token", keywords: [], pattern: /acme_[0-9a-f]{16}/, severity: "high", confidence: "high", examples: { match: [], noMatch: [] } };
    const withBare = new Scanner({ rules: [...ALL_RULES, bare] });
    const patch = patchAdding(["x = 1", `y = "acme_${"0123456789abcdef"}"`, "z = 3"], 2); // keyward:allow
    const want = oracle(withBare, "a.py", patch);
    expect(want.map((f) => f.ruleId)).toEqual(["in-house"]);
    expect(withBare.scanPatch(patchRuns("a.py", patch, commit))).toEqual(want);
  });
});
