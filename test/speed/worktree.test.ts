/** Listing and reading a working tree: what counts as a file, what is skipped and why. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FileReader, listFiles } from "../../src/ingest/worktree.js";
import { tempRepo } from "../helpers/repo.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "keyward-tree-"));
  dirs.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe("FileReader", () => {
  it("reads small and large files whole, growing its buffer only up to the limit", () => {
    const big = "x".repeat(200_000) + "\nend";
    const dir = tree({ "small.txt": "hello", "big.txt": big, "empty.txt": "" });
    const reader = new FileReader(1024 * 1024);
    const small = reader.read(dir, "small.txt");
    expect(small.kind === "text" && small.bytes.toString("latin1")).toBe("hello");
    const large = reader.read(dir, "big.txt");
    expect(large.kind === "text" && large.bytes.toString("latin1")).toBe(big);
    const empty = reader.read(dir, "empty.txt");
    expect(empty.kind === "text" && empty.bytes.length).toBe(0);
    // The same reader, a small file again: exactly its bytes, not the rest of the buffer.
    const again = reader.read(dir, "small.txt");
    expect(again.kind === "text" && again.bytes.toString("latin1")).toBe("hello");
  });

  it("skips binary and oversized files, and says which", () => {
    const dir = tree({ "a.bin": Buffer.from([1, 2, 0, 3]), "huge.txt": "y".repeat(5000), "edge.txt": "z".repeat(4096), "vast.txt": "v".repeat(300_000) });
    for (const limit of [4096, 200_000]) {
      const reader = new FileReader(limit);
      expect(reader.read(dir, "a.bin")).toMatchObject({ kind: "skipped", reason: "binary" });
      expect(reader.read(dir, "huge.txt")).toMatchObject(limit === 4096 ? { kind: "skipped", reason: "huge" } : { kind: "text" });
      expect(reader.read(dir, "edge.txt")).toMatchObject({ kind: "text" });
      expect(reader.read(dir, "vast.txt")).toMatchObject({ kind: "skipped", reason: "huge" });
      expect(reader.read(dir, "huge.txt")).toMatchObject(limit === 4096 ? { kind: "skipped", reason: "huge" } : { kind: "text" });
    }
  });

  it("gives the exact UTF-8 text of a non-ASCII file, and knows an ASCII one", () => {
    const dir = tree({ "u.txt": "clé = 'ünïcødé'", "a.txt": "plain" });
    const reader = new FileReader(1 << 20);
    const u = reader.read(dir, "u.txt");
    expect(u.kind === "text" && [u.ascii, u.utf8()]).toEqual([false, "clé = 'ünïcødé'"]);
    const a = reader.read(dir, "a.txt");
    expect(a.kind === "text" && [a.ascii, a.utf8()]).toEqual([true, "plain"]);
  });

  it("treats what is no longer a regular file as absent: deleted, a symlink, a directory, a FIFO", () => {
    const dir = tree({ "real.txt": "x", "sub/inner.txt": "y" });
    symlinkSync(join(dir, "real.txt"), join(dir, "link.txt"));
    execFileSync("mkfifo", [join(dir, "pipe")]);
    const reader = new FileReader(1 << 20);
    for (const p of ["gone.txt", "link.txt", "sub", "pipe", "real.txt/x"]) expect(reader.read(dir, p), p).toMatchObject({ kind: "absent" });
    // A file named on the command line is read through its symlink.
    const named = new FileReader(1 << 20, { followSymlinks: true }).read(dir, "link.txt");
    expect(named.kind === "text" && named.bytes.toString("latin1")).toBe("x");
  });
});

describe("listFiles", () => {
  it("outside git, walks the tree honouring nested .gitignore files, never into .git or node_modules", async () => {
    const dir = tree({
      ".gitignore": "*.log\n/build/\n",
      "a.js": "",
      "x.log": "",
      "build/out.js": "",
      "src/.gitignore": "gen/\n",
      "src/gen/g.js": "",
      "src/keep.log": "",
      "src/b.js": "",
      "node_modules/m/index.js": "",
      "lib/build/kept.js": "",
    });
    expect(await listFiles(dir)).toEqual([".gitignore", "a.js", "lib/build/kept.js", "src/.gitignore", "src/b.js"]);
  });

  it("in a repository, lists what git would commit, tracked and untracked", async () => {
    const repo = tempRepo();
    dirs.push(repo.dir);
    repo.write(".gitignore", "ignored/\n");
    repo.write("tracked.js", "1");
    repo.commit("initial");
    repo.write("untracked.js", "2");
    repo.write("ignored/x.js", "3");
    expect((await listFiles(repo.dir)).sort()).toEqual([".gitignore", "tracked.js", "untracked.js"]);
    // From a subdirectory: paths relative to it.
    repo.write("sub/inner.js", "4");
    expect(await listFiles(join(repo.dir, "sub"))).toEqual(["inner.js"]);
  });
});
