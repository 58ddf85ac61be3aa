/** PathMatcher's literal prefilter must never change what minimatch decides. */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Minimatch } from "minimatch";
import { describe, expect, it } from "vitest";
import { DEFAULT_PATH_ALLOWLIST, PathMatcher } from "../../src/detect/allowlist.js";
import { requiredLiterals } from "../../src/detect/glob-literals.js";
import { ALL_RULES } from "../../src/detect/rules/index.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The answer without the prefilter. */
const plain = (patterns: readonly string[], nocase: boolean) => {
  const ms = patterns.map((p) => new Minimatch(p, { dot: true, matchBase: !p.includes("/"), nocase }));
  return (path: string) => ms.some((m) => m.match(path.replace(/^\.\//, "")));
};

const CONFIG_LIKE = ["docs/**", "*.generated.ts", "!keep.js", "src/[ab]*.ts", "**/@(fixtures|samples)/*.json", "a\\*b", "./x/*.js", "{a,b}/c.txt", "test/**/*.snap", "**/*.{1..3}", "vendor", "#comment", "**/../secrets.txt", "+(x|y).env", "?.pem"];

const TRICKY = [
  "package-lock.json", "a/b/package-lock.json", "node_modules", "node_modules/x.js", "a/node_modules/b/c.js", "x.min.js", "a/X.MIN.JS", "a/b.min.js.map",
  "keystore.jks", "my-truststore.jks", "debug.keystore", "a/debug.keystore", "cert.P12", "x/y.pfx", "./.pgpass", "deep/.pgpass", "main.tf", "a/b.TFVARS",
  "docs/readme.md", "src/a1.ts", "src/c1.ts", "fixtures/x.json", "a/samples/y.json", "a*b", "x/y.js", "a/c.txt", "b/c.txt", "t/u/v.snap", "z.2", "vendor", "secrets.txt",
  "x.env", "xy.env", "k.pem", "kk.pem", "vendor/a.go", "weird name (1).js", "ünïcode/file.png", "UPPER/CASE.PNG",
];

describe("PathMatcher", () => {
  it("decides as minimatch alone does, for the default allowlist, every rule's paths and config-like globs", () => {
    const paths = [...TRICKY, ...execFileSync("git", ["ls-files"], { cwd: root, encoding: "utf8" }).split("\n").filter(Boolean)];
    const sets = [[...DEFAULT_PATH_ALLOWLIST], CONFIG_LIKE, ...CONFIG_LIKE.map((p) => [p]), ...ALL_RULES.filter((r) => r.paths).map((r) => r.paths!)];
    let positives = 0;
    for (const nocase of [false, true]) {
      for (const patterns of sets) {
        const fast = new PathMatcher(patterns, { nocase });
        const slow = plain(patterns, nocase);
        for (const p of paths) {
          const want = slow(p);
          if (want) positives++;
          expect(fast.matches(p), `${JSON.stringify(patterns)} ${p} nocase=${nocase}`).toBe(want);
        }
      }
    }
    expect(positives).toBeGreaterThan(50);
  });

  it("takes a literal only where every match must contain it", () => {
    expect(requiredLiterals("**/*.min.js")).toEqual([".min.js"]);
    expect(requiredLiterals("**/*.{png,jpg}")).toEqual([".png", ".jpg"]);
    expect(requiredLiterals("**/node_modules/**")).toEqual(["node_modules"]);
    expect(requiredLiterals("**/!(*trust*|debug).jks")).toEqual([".jks"]);
    // No sound condition: negations, dot segments, a pattern that is all magic.
    for (const p of ["!keep.js", "a/../b", "./x/*.js", "**/*", "[abc]"]) expect(requiredLiterals(p), p).toBeUndefined();
  });
});
