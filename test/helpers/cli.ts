/** Run the CLI in-process with captured output. */
import { main } from "../../src/cli.js";

export async function runCli(argv: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    cwd: opts.cwd ?? process.cwd(),
    env: opts.env ?? {},
    stdoutTTY: false,
    stderrTTY: false,
  });
  return { code, stdout, stderr };
}

/**
 * Run the built binary (`node dist/bin.js …`) in a child process, as a user would: real
 * stdout/stderr pipes, real exit code. `npm test` builds first; `npm run build` before
 * running a single test file. The environment is PATH plus what the test gives (HOME
 * included, so nothing lands in the real user's data directory).
 */
export async function runBin(argv: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const { spawn } = await import("node:child_process");
  const bin = new URL("../../dist/bin.js", import.meta.url).pathname;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...argv], { cwd: opts.cwd ?? process.cwd(), env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...opts.env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(opts.input ?? "");
  });
}
