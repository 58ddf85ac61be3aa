/**
 * The GitHub Action's entry point, bundled with everything it imports into action-dist/index.js
 * (`npm run build:action`): the runner runs that file directly, with no `npm ci`.
 */
import { runAction } from "./run.js";

/** Set by the bundler from package.json. */
declare const KEYWARD_VERSION: string | undefined;

process.exitCode = await runAction({
  env: process.env,
  cwd: process.cwd(),
  write: (s) => void process.stdout.write(s),
  now: () => new Date(),
  version: typeof KEYWARD_VERSION === "string" ? KEYWARD_VERSION : "0.0.0-dev",
});
