/**
 * Part of `npm run build`: the CLI as a few bundled files in dist/cli/ (src/cli.ts and the
 * scan worker as entry points, each command a chunk of its own), which dist/bin.js runs when
 * present. A cold start reads and links a handful of files instead of hundreds of modules:
 * `keyward scan` in a pre-commit hook pays start-up on every commit (README "Speed").
 *
 * The App's server, queue and database packages stay outside (resolved from node_modules when
 * a command that needs them runs): they load files by path or hold native code. The rest of
 * dist/ (tsc's output) is unchanged: the library, the App's entry and the tests use it.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = join(root, "dist", "cli");
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

/** Loaded only by the App, queue mode and the evidence stores; native, or loading files by path. */
const EXTERNAL = ["probot", "bullmq", "ioredis", "pg", "pg-native", "better-sqlite3", "pino", "pino-*", "prom-client", "@octokit/*", "octokit", "smee-client"];

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { main: "src/cli.ts", "scan-worker": "src/scan-worker.ts" },
  bundle: true,
  splitting: true,
  platform: "node",
  target: "node20",
  format: "esm",
  outdir,
  external: EXTERNAL,
  // CommonJS dependencies call require(); an ES module has none of its own.
  banner: { js: 'import { createRequire as __keywardRequire } from "node:module";\nconst require = __keywardRequire(import.meta.url);' },
  define: { KEYWARD_VERSION: JSON.stringify(version) },
  logLevel: "warning",
});
