// A generated corpus of realistic source for the speed benchmark: real JavaScript, TypeScript,
// JSON and Markdown text taken from the project's own node_modules (deterministic order),
// cut into files of ~64 KiB, with a few fake secrets (built at run time) sprinkled in.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";

const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const b62 = (n, w) => {
  let o = "";
  n >>>= 0;
  do {
    o = ALNUM[n % 62] + o;
    n = Math.floor(n / 62);
  } while (n > 0);
  return o.padStart(w, "0");
};
const rand = (n) => [...randomBytes(n)].map((b) => ALNUM[b % 62]).join("");
/** A fake GitHub token with a valid checksum, built at run time (also bench/real-tree.js's). */
export const fakeGithubToken = () => {
  const body = rand(30);
  return `ghp_${body}${b62(crc32(body), 6)}`;
};

function sourceFiles(root) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(c?js|mjs|ts|json|md)$/.test(e.name) && !/\.min\.js$/.test(e.name)) out.push(p);
    }
  };
  walk(root);
  return out;
}

/** Build (or reuse) a corpus of at least `megabytes` MB; returns its directory and planted count. */
export function ensureCorpus(dir, megabytes) {
  const marker = join(dir, ".complete");
  if (existsSync(marker) && JSON.parse(readFileSync(marker, "utf8")).megabytes === megabytes) return JSON.parse(readFileSync(marker, "utf8"));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const sources = sourceFiles(new URL("../node_modules", import.meta.url).pathname).filter((p) => statSync(p).size < 2_000_000);
  const target = megabytes * 1024 * 1024;
  const fileSize = 64 * 1024;
  let written = 0;
  let planted = 0;
  let buf = "";
  let n = 0;
  let i = 0;
  while (written < target) {
    buf += readFileSync(sources[i++ % sources.length], "utf8") + "\n";
    while (buf.length >= fileSize && written < target) {
      let text = buf.slice(0, fileSize);
      buf = buf.slice(fileSize);
      // One planted secret every 200 files: realistic density for a repository that leaks.
      if (n % 200 === 0) {
        text += `\nconst leakedToken = "${fakeGithubToken()}";\n`;
        planted++;
      }
      writeFileSync(join(dir, `f${String(n).padStart(5, "0")}.js`), text);
      written += Buffer.byteLength(text);
      n++;
    }
  }
  const info = { megabytes, files: n, bytes: written, planted };
  writeFileSync(marker, JSON.stringify(info));
  return info;
}
