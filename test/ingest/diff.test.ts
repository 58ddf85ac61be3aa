import { describe, expect, it } from "vitest";
import { COMMIT_MARKER, DiffParser, type DiffEvent } from "../../src/ingest/diff.js";

function parse(patch: string, maxFileBytes = 1 << 20): DiffEvent[] {
  const events: DiffEvent[] = [];
  const p = new DiffParser((e) => events.push(e), { maxFileBytes });
  for (const line of patch.split("\n")) p.push(line);
  p.end();
  return events;
}

const commit = (sha: string) => `${COMMIT_MARKER}${sha}\x1fAnn Dev\x1fann@example.test\x1f2026-01-02T03:04:05Z`;

describe("DiffParser", () => {
  it("yields runs of added lines with their new-file line numbers and commit", () => {
    const events = parse(
      [
        commit("a".repeat(40)),
        "",
        "diff --git a/src/x.ts b/src/x.ts",
        "index 111..222 100644",
        "--- a/src/x.ts",
        "+++ b/src/x.ts",
        "@@ -3,0 +4,2 @@ function f() {",
        "+const a = 1;",
        "+const b = 2;",
        "@@ -10 +12 @@",
        "-old",
        "+new",
      ].join("\n"),
    );
    const chunks = events.filter((e) => e.type === "chunk");
    expect(chunks.map((c) => c.type === "chunk" && [c.chunk.path, c.chunk.startLine, c.chunk.text])).toEqual([
      ["src/x.ts", 4, "const a = 1;\nconst b = 2;"],
      ["src/x.ts", 12, "new"],
    ]);
    expect(chunks[0]!.type === "chunk" && chunks[0]!.chunk.commit).toMatchObject({ sha: "a".repeat(40), author: "Ann Dev", email: "ann@example.test" });
  });

  it("reports added files, skips binaries and huge additions, and handles quoted paths", () => {
    const events = parse(
      [
        commit("b".repeat(40)),
        'diff --git "a/dir/na\\303\\257ve file.txt" "b/dir/na\\303\\257ve file.txt"',
        "new file mode 100644",
        "--- /dev/null",
        '+++ "b/dir/na\\303\\257ve file.txt"',
        "@@ -0,0 +1 @@",
        "+hello",
        "diff --git a/img.png b/img.png",
        "new file mode 100644",
        "Binary files /dev/null and b/img.png differ",
        "diff --git a/big.txt b/big.txt",
        "--- a/big.txt",
        "+++ b/big.txt",
        "@@ -1,0 +1,3 @@",
        "+" + "x".repeat(40),
        "+" + "y".repeat(40),
        "+" + "z".repeat(40),
      ].join("\n"),
      60,
    );
    expect(events.filter((e) => e.type === "file-added").map((e) => e.type === "file-added" && e.path)).toEqual(["dir/naïve file.txt", "img.png"]);
    expect(events.filter((e) => e.type === "skipped")).toMatchObject([
      { path: "img.png", reason: "binary" },
      { path: "big.txt", reason: "huge" },
    ]);
    const chunks = events.filter((e) => e.type === "chunk");
    expect(chunks.map((c) => c.type === "chunk" && c.chunk.path)).toEqual(["dir/naïve file.txt"]);
  });

  it("does not mistake an added line that looks like a header for one", () => {
    const events = parse(["diff --git a/a.md b/a.md", "--- a/a.md", "+++ b/a.md", "@@ -0,0 +1,2 @@", "++++ b/not-a-path", "+diff --git is text here"].join("\n"));
    const chunk = events.find((e) => e.type === "chunk");
    expect(chunk?.type === "chunk" && chunk.chunk.text).toBe("+++ b/not-a-path\ndiff --git is text here");
  });
});
