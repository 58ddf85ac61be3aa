/**
 * `npm run build:action`: bundles the GitHub Action (src/action/main.ts and everything it
 * imports) into one committed file, action-dist/index.js, because the Actions runner runs an
 * action's files as they are, without `npm ci`. test/action/dist.test.ts rebuilds it in memory
 * and fails when the committed bundle is out of date.
 *
 * The bundler drops comments, and with them the `keyward:allow` that marks each rule's example
 * values in src/: the bundle gets the marker back on exactly the lines whose values carry it in
 * the sources (anything else secret-shaped fails the build), and the build checks that the
 * comments change nothing but comments.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, transform } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
export const ACTION_BUNDLE = join(root, "action-dist", "index.js");
const BUNDLE_PATH = relative(root, ACTION_BUNDLE);
const ALLOW = /keyward:allow|gitleaks:allow/;

/** Native or server-only drivers: the action never reaches them (its evidence stays in memory). */
const FORBIDDEN = ["better-sqlite3", "pg", "bullmq", "ioredis"];

const forbid = {
  name: "forbid-drivers",
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${FORBIDDEN.join("|")})$`) }, (args) => ({ errors: [{ text: `the action must not import ${args.path} (from ${relative(root, args.importer)})` }] }));
  },
};

/**
 * The bundle's text, the same for the same sources and dependencies. `scanner` is Keyward's own
 * (scannerFor(DEFAULT_CONFIG)): from dist/ for the npm script, from src/ in the test.
 */
export async function bundleAction(scanner) {
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const result = await build({
    absWorkingDir: root,
    entryPoints: ["src/action/main.ts"],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    write: false,
    outfile: ACTION_BUNDLE,
    // CommonJS dependencies call require(); an ES module has none of its own.
    banner: { js: 'import { createRequire as __keywardRequire } from "node:module";\nconst require = __keywardRequire(import.meta.url);' },
    define: { KEYWARD_VERSION: JSON.stringify(version) },
    plugins: [forbid],
    logLevel: "warning",
  });
  const bundle = result.outputFiles[0].text;
  const marked = markAllowed(bundle, allowedSecretIds(scanner), scanner);
  // Comments only: the minified code must be identical with and without the markers.
  const [before, after] = await Promise.all([bundle, marked].map((code) => transform(code, { minify: true, format: "esm", target: "node20" })));
  if (before.code !== after.code) throw new Error("marking keyward:allow lines changed the bundle's code (a marker inside a multi-line string?)");
  return marked;
}

/** Secret ids of the values on the lines of src/ that carry keyward:allow (marker removed). */
function allowedSecretIds(scanner) {
  const ids = new Set();
  for (const file of sourceFiles(join(root, "src"))) {
    for (const line of readFileSync(file, "utf8").split("\n")) {
      if (!ALLOW.test(line)) continue;
      for (const f of scanner.scan({ path: BUNDLE_PATH, text: line.replace(/keyward:allow|gitleaks:allow/g, ""), startLine: 1 })) ids.add(f.secretId);
    }
  }
  return ids;
}

function markAllowed(bundle, allowed, scanner) {
  const lines = bundle.split("\n");
  const flagged = new Set();
  for (const f of scanner.scan({ path: BUNDLE_PATH, text: bundle, startLine: 1 })) {
    if (!allowed.has(f.secretId)) throw new Error(`the bundle holds a secret-shaped value that src/ does not mark keyward:allow: ${f.ruleId} ${f.preview} at line ${f.location.line}`);
    flagged.add(f.location.line);
  }
  for (const n of flagged) lines[n - 1] += " // keyward:allow";
  return lines.join("\n");
}

function* sourceFiles(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) yield* sourceFiles(join(dir, e.name));
    else if (e.name.endsWith(".ts")) yield join(dir, e.name);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // Keyward's own scanner, from the build that `npm run build:action` runs first.
  const { scannerFor } = await import(pathToFileURL(join(root, "dist", "scan.js")).href);
  const { DEFAULT_CONFIG } = await import(pathToFileURL(join(root, "dist", "config.js")).href);
  const text = await bundleAction(scannerFor(DEFAULT_CONFIG));
  mkdirSync(dirname(ACTION_BUNDLE), { recursive: true });
  writeFileSync(ACTION_BUNDLE, text);
  process.stdout.write(`wrote ${BUNDLE_PATH} (${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MiB)\n`);
}
