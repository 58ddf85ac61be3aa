#!/usr/bin/env node
import { main } from "./cli.js";
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
