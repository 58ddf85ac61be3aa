// The real-tree corpus of `npm run bench:speed`: copies of npm dependency trees as a checkout
// holds them — this repository's node_modules, package by package, every file as it is
// (minified bundles, vendored copies, maps, type declarations, binaries), under four part
// directories, committed to a git repository like any checkout; plus a few small source files
// with fake tokens (built at run time) that a scan must find.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fakeGithubToken } from "./corpus.js";

export const PARTS = ["part1", "part2", "part3", "part4"];
/** Files larger than this (native binaries, a compiler bundle) are left out: no checkout commits those by the dozen. */
const MAX_FILE = 2 * 1024 * 1024;

/** The packages of a node_modules folder (scoped ones as @scope/name), sorted. */
function packages(modules) {
  const out = [];
  for (const name of readdirSync(modules).sort()) {
    if (name.startsWith(".")) continue;
    if (name.startsWith("@")) for (const sub of readdirSync(join(modules, name)).sort()) out.push(`${name}/${sub}`);
    else out.push(name);
  }
  return out;
}

function filesOf(dir, rel = "", out = []) {
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      // A nested node_modules is another package tree: the outer walk copies those.
      if (e.name !== "node_modules") filesOf(dir, p, out);
    } else if (e.isFile()) out.push(p);
  }
  return out;
}

/** Build (or reuse) a tree of at least `megabytes` MiB in `dir`; returns its description. */
export function ensureRealTree(dir, megabytes) {
  const marker = join(dir, ".git", "keyward-bench.json");
  if (existsSync(marker)) {
    const info = JSON.parse(readFileSync(marker, "utf8"));
    if (info.megabytes === megabytes) return info;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const modules = new URL("../node_modules", import.meta.url).pathname;
  const target = megabytes * 1024 * 1024;
  let bytes = 0;
  let files = 0;
  const pkgs = packages(modules);
  // Copies of the tree until the target is reached (a second copy stands for a second project).
  for (let copy = 0, i = 0; bytes < target; i++) {
    if (i === pkgs.length) {
      i = 0;
      copy++;
      if (copy > 8) break;
    }
    const pkg = pkgs[i];
    const part = PARTS[(copy * pkgs.length + i) % PARTS.length];
    const to = join(dir, part, copy ? `copy${copy}` : "", "deps", pkg);
    for (const f of filesOf(join(modules, pkg))) {
      const from = join(modules, pkg, f);
      const size = statSync(from).size;
      if (size > MAX_FILE) continue;
      mkdirSync(dirname(join(to, f)), { recursive: true });
      copyFileSync(from, join(to, f));
      bytes += size;
      files++;
      if (bytes >= target) break;
    }
  }
  let planted = 0;
  for (const part of PARTS) {
    for (let k = 0; k < 2; k++) {
      const path = join(dir, part, "app", "src", `settings${k}.js`);
      mkdirSync(dirname(path), { recursive: true });
      const text = `// settings\nexport const retries = 3;\nexport const githubToken = "${fakeGithubToken()}";\n`;
      writeFileSync(path, text);
      bytes += text.length;
      files++;
      planted++;
    }
  }
  const git = (...args) => execFileSync("git", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, GIT_AUTHOR_NAME: "bench", GIT_AUTHOR_EMAIL: "bench@example.test", GIT_COMMITTER_NAME: "bench", GIT_COMMITTER_EMAIL: "bench@example.test" } });
  git("init", "-q");
  git("add", "-A", "-f");
  git("-c", "commit.gpgsign=false", "commit", "-q", "-m", "dependency trees");
  const info = { megabytes, files, bytes, planted };
  writeFileSync(marker, JSON.stringify(info));
  return info;
}
