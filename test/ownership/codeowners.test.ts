import { describe, expect, it } from "vitest";
import { CODEOWNERS_LOCATIONS, compilePattern, ownersOf, parseCodeowners, pickCodeowners } from "../../src/ownership/codeowners.js";
import { formatOwner } from "../../src/ownership/types.js";

function matches(pattern: string, path: string): boolean {
  const compiled = compilePattern(pattern);
  if (!compiled.ok) throw new Error(`${pattern}: ${compiled.message}`);
  return compiled.matches(path);
}

describe("CODEOWNERS patterns", () => {
  // [pattern, path, matches?] — GitHub's documented examples first, then the gitignore corners.
  const cases: Array<[string, string, boolean]> = [
    // `*` at the top matches everything, dotfiles and nested paths included
    ["*", "README.md", true],
    ["*", "src/deep/nested/file.ts", true],
    ["*", ".github/workflows/ci.yml", true],
    // no slash: any depth, and a match on a directory covers what is under it
    ["*.js", "app.js", true],
    ["*.js", "src/lib/app.js", true],
    ["*.js", "app.jsx", false],
    ["*.js", "app.js.map", false],
    ["secrets.env", "deploy/prod/secrets.env", true],
    ["foo", "foo", true],
    ["foo", "bar/foo", true],
    ["foo", "bar/foo/baz", true],
    ["foo", "foo.txt", false],
    ["foo", "bar/food", false],
    ["f*", "bar/foo/baz", true],
    ["f*", "bar/baz", false],
    ["f?o", "foo", true],
    ["f?o", "fo", false],
    ["f?o", "fooo", false],
    // only a trailing slash: a directory at any depth, never a file of that name
    ["apps/", "apps/web/index.ts", true],
    ["apps/", "services/apps/api.ts", true],
    ["apps/", "apps", false],
    ["apps/", "myapps/x.ts", false],
    // a leading slash anchors to the root
    ["/build/logs/", "build/logs/today.log", true],
    ["/build/logs/", "build/logs/2024/jan.log", true],
    ["/build/logs/", "src/build/logs/today.log", false],
    ["/build/logs/", "build/logs", false],
    ["/foo", "foo", true],
    ["/foo", "foo/bar/baz", true],
    ["/foo", "bar/foo", false],
    ["/foo", "fool.txt", false],
    ["/*", "package.json", true],
    ["/*", "src/index.ts", false],
    ["/*/", "src/index.ts", true],
    ["/*/", "package.json", false],
    ["/f*", "foo/bar", true],
    ["/f*", "bar/foo", false],
    // a slash in the middle anchors too
    ["foo/bar", "foo/bar", true],
    ["foo/bar", "foo/bar/baz", true],
    ["foo/bar", "baz/foo/bar", false],
    ["foo/bar", "foo/bart", false],
    ["/apps/github", "apps/github/README.md", true],
    // `docs/*` is direct children only (GitHub's documented exception to gitignore)
    ["docs/*", "docs/getting-started.md", true],
    ["docs/*", "docs/build-app/troubleshooting.md", false],
    ["docs/*", "docs", false],
    ["docs/*", "src/docs/a.md", false],
    ["foo/*.txt", "foo/bar.txt", true],
    ["foo/*.txt", "foo/bar/baz.txt", false],
    ["foo/*/baz", "foo/bar/baz", true],
    ["foo/*/baz", "foo/bar/baz/qux", true],
    ["foo/*/baz", "foo/baz", false],
    // `/**` at the end: everything under, not the directory's own name
    ["docs/**", "docs/a.md", true],
    ["docs/**", "docs/a/b/c.md", true],
    ["docs/**", "docs", false],
    ["docs/**", "x/docs/a.md", false],
    ["foo/**/", "foo/bar", true],
    ["foo/**/", "foo", false],
    // `**/` in front or in the middle: zero or more directories
    ["**/logs", "logs", true],
    ["**/logs", "build/logs/a.log", true],
    ["**/logs", "deeply/nested/logs/b.log", true],
    ["**/logs", "build/logsheet.txt", false],
    ["**/foo/bar", "qux/foo/bar/baz", true],
    ["**/foo/bar", "foo/baz/bar", false],
    ["foo/**/bar", "foo/bar", true],
    ["foo/**/bar", "foo/a/b/bar/c", true],
    ["foo/**/bar", "qux/foo/bar", false],
    ["**", "any/thing.txt", true],
    // escapes make wildcards and spaces literal; other glob syntax is literal anyway
    ["f\\*o", "f*o", true],
    ["f\\*o", "foo", false],
    ["f\\?o", "foo", false],
    ["my\\ file.txt", "docs/my file.txt", true],
    ["(legacy)/", "(legacy)/old.js", true],
    ["{a,b}.js", "a.js", false],
    ["{a,b}.js", "{a,b}.js", true],
    ["+(x).js", "+(x).js", true],
    // paths are case-sensitive
    ["/Docs/", "docs/a.md", false],
  ];

  it.each(cases)("%s against %s → %s", (pattern, path, expected) => {
    expect(matches(pattern, path)).toBe(expected);
  });

  it("rejects what GitHub does not support, pointing at the offending character", () => {
    expect(compilePattern("!secrets.env")).toMatchObject({ ok: false, offset: 0, message: expect.stringContaining("negation") });
    expect(compilePattern("*.[ch]")).toMatchObject({ ok: false, offset: 2, message: expect.stringContaining("character ranges") });
    expect(compilePattern("a/***/b")).toMatchObject({ ok: false, offset: 2 });
    expect(compilePattern("/")).toMatchObject({ ok: false, message: "the pattern matches no file" });
  });

  it("keeps escaped brackets and bangs as literal characters", () => {
    expect(matches("\\[draft\\].md", "notes/[draft].md")).toBe(true);
    expect(matches("\\!important", "!important")).toBe(true);
  });
});

describe("parseCodeowners", () => {
  it("reads users, teams and emails, skipping comments, blank lines and inline comments", () => {
    const { rules, errors } = parseCodeowners(
      [
        "# Default owners",
        "*       @global-owner1 @global-owner2",
        "",
        "*.js    @js-owner #This is an inline comment.",
        "*.go docs@example.com",
        "\t*.txt @octo-org/octocats   ",
        "/apps/github",
      ].join("\n"),
      ".github/CODEOWNERS",
    );
    expect(errors).toEqual([]);
    expect(rules.map((r) => [r.line, r.pattern, r.owners.map(formatOwner)])).toEqual([
      [2, "*", ["@global-owner1", "@global-owner2"]],
      [4, "*.js", ["@js-owner"]],
      [5, "*.go", ["docs@example.com"]],
      [6, "*.txt", ["@octo-org/octocats"]],
      [7, "/apps/github", []],
    ]);
    expect(rules[2]!.owners[0]).toEqual({ kind: "email", email: "docs@example.com", source: "codeowners" });
    expect(rules[3]!.owners[0]).toEqual({ kind: "team", org: "octo-org", slug: "octocats", source: "codeowners" });
    expect(rules[0]!.owners[0]).toEqual({ kind: "user", login: "global-owner1", source: "codeowners" });
  });

  it("reports an invalid owner at its column and keeps the valid owners on the line", () => {
    const { rules, errors } = parseCodeowners("*.js @ok notanowner @org/team @bad!name", "CODEOWNERS");
    expect(rules[0]!.owners.map(formatOwner)).toEqual(["@ok", "@org/team"]);
    expect(errors).toEqual([
      { line: 1, column: 10, message: expect.stringContaining('"notanowner" is not an owner') },
      { line: 1, column: 31, message: expect.stringContaining('"@bad!name"') },
    ]);
  });

  it("reports unsupported syntax with its line and column, skips that line, and reads the rest", () => {
    const text = [
      "* @default", //            line 1  # OK
      "!secrets.env @nobody", //  line 2  # NOT OK: negation
      "*.[ch] @c-team", //        line 3  # NOT OK: character range
      "\\#notes.md @writer", //   line 4  # NOT OK: GitHub does not honour the escape
      "/ @root", //               line 5  # NOT OK: matches nothing
      "*.md @docs", //            line 6  # OK
    ].join("\r\n");
    const { rules, errors } = parseCodeowners(text, "CODEOWNERS");
    expect(rules.map((r) => r.line)).toEqual([1, 6]);
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [2, 1],
      [3, 3],
      [4, 1],
      [5, 1],
    ]);
    expect(errors[0]!.message).toMatch(/negation/);
    expect(errors[1]!.message).toMatch(/character ranges/);
    expect(errors[2]!.message).toMatch(/escaping #/);
  });

  it("treats a # glued to a token as the start of a comment", () => {
    const { rules } = parseCodeowners("*.md @docs#owners of prose", "CODEOWNERS");
    expect(rules[0]!.owners.map(formatOwner)).toEqual(["@docs"]);
  });
});

describe("ownersOf", () => {
  const { rules } = parseCodeowners(
    ["*       @octocat", "/apps/  @apps-team", "/apps/github", "*.pem   sec@acme.test @acme/security"].join("\n"),
    ".github/CODEOWNERS",
  );

  it("lets the last matching line win, and an owner-less line clear ownership", () => {
    expect(ownersOf(rules, "README.md")).toEqual({ owners: [{ kind: "user", login: "octocat", source: "codeowners" }], line: 1 });
    expect(ownersOf(rules, "apps/web/main.ts").owners.map(formatOwner)).toEqual(["@apps-team"]);
    expect(ownersOf(rules, "apps/github/main.ts")).toEqual({ owners: [], line: 3 });
    expect(ownersOf(rules, "apps/github/certs/server.pem")).toMatchObject({ line: 4 });
    expect(ownersOf(rules, "apps/github/certs/server.pem").owners.map(formatOwner)).toEqual(["sec@acme.test", "@acme/security"]);
  });

  it("accepts paths written with a leading ./ or /", () => {
    expect(ownersOf(rules, "./apps/web/main.ts").line).toBe(2);
    expect(ownersOf(rules, "/apps/web/main.ts").line).toBe(2);
  });

  it("returns no owners and no line when nothing matches", () => {
    const { rules: only } = parseCodeowners("/docs/ @writers", "CODEOWNERS");
    expect(ownersOf(only, "src/index.ts")).toEqual({ owners: [] });
  });
});

describe("pickCodeowners", () => {
  it("uses the first location GitHub looks in that exists", () => {
    expect(CODEOWNERS_LOCATIONS).toEqual([".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"]);
    expect(pickCodeowners((p) => p === "CODEOWNERS" || p === "docs/CODEOWNERS")).toBe("CODEOWNERS");
    expect(pickCodeowners(() => true)).toBe(".github/CODEOWNERS");
    expect(pickCodeowners(() => false)).toBeUndefined();
  });
});
