#!/usr/bin/env node
import { existsSync } from "node:fs";

// The bundled CLI when the build wrote it (scripts/build-cli.mjs: a faster cold start), else
// the modules as tsc compiled them.
const bundled = new URL("./cli/main.js", import.meta.url);
const { main } = (await import(existsSync(bundled) ? bundled.href : "./cli.js")) as typeof import("./cli.js");
import { pipeSafeWriter } from "./stdio.js";

const code = await main(process.argv.slice(2), {
  stdout: pipeSafeWriter(process.stdout),
  stderr: pipeSafeWriter(process.stderr),
  cwd: process.cwd(),
  env: process.env,
  stdoutTTY: process.stdout.isTTY === true,
  stderrTTY: process.stderr.isTTY === true,
});
process.exitCode = code;
