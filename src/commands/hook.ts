/**
 * `keyward install-hook [PATH]`: a git pre-commit hook that runs `keyward scan --staged`, so a
 * secret is stopped before it is ever committed. The hook runs the keyward that installed it
 * (absolute paths to node and its bin.js), else `npx --no-install keyward`.
 */
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { simpleGit } from "simple-git";
import { CliError, EXIT, type Command } from "../cli.js";
import { gitTopLevel, isGitRepository } from "../ingest/git.js";

const HELP = `Usage: keyward install-hook [PATH] [--force]

Installs a git pre-commit hook in the repository at PATH (default: .) that runs
'keyward scan --staged' and blocks the commit when the staged changes add a secret.
Honours core.hooksPath. An existing pre-commit hook that Keyward did not write is left
alone unless --force is given (it is then kept as pre-commit.before-keyward).

For the pre-commit framework (pre-commit.com), use the 'keyward' hook of this repository's
.pre-commit-hooks.yaml instead.

Options:
  --force               replace an existing pre-commit hook
`;

/** The line that marks a hook as Keyward's own: such a hook is replaced without --force. */
export const HOOK_MARKER = "# keyward pre-commit hook";

export const installHookCommand: Command = async (args, io) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { force: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
  });
  if (values.help) {
    io.stdout(HELP);
    return EXIT.clean;
  }
  if (positionals.length > 1) throw new CliError(`expected at most one PATH, got ${positionals.length}`);
  const dir = resolve(io.cwd, positionals[0] ?? ".");
  if (!(await isGitRepository(dir))) throw new CliError(`${dir} is not a git repository`);
  const root = await gitTopLevel(dir);
  // `--git-path hooks` is where git looks for hooks: core.hooksPath when set, else .git/hooks
  // (of the main repository, also from a linked worktree).
  const hooksDir = resolve(root, (await simpleGit({ baseDir: root }).raw(["rev-parse", "--git-path", "hooks"])).trim());
  const hook = join(hooksDir, "pre-commit");

  const existing = await readFile(hook, "utf8").catch(() => undefined);
  let keptAs: string | undefined;
  if (existing !== undefined && !existing.includes(HOOK_MARKER)) {
    if (!values.force) throw new CliError(`${hook} already exists and is not Keyward's: run it from your hook, or pass --force to replace it`);
    keptAs = `${hook}.before-keyward`;
    await rename(hook, keptAs);
  }
  await mkdir(hooksDir, { recursive: true });
  await writeFile(hook, hookScript(installedBin()));
  await chmod(hook, 0o755);
  io.stdout(`installed ${hook}${keptAs ? ` (the previous hook is kept as ${keptAs})` : ""}\ncommits that add a secret are now blocked; 'git commit --no-verify' skips the check in an emergency\n`);
  return EXIT.clean;
};

/** This keyward's entry point, when it runs from a build (dist/commands/hook.js → dist/bin.js). */
function installedBin(): { node: string; bin: string } | undefined {
  const bin = fileURLToPath(new URL("../bin.js", import.meta.url));
  return existsSync(bin) ? { node: process.execPath, bin } : undefined;
}

export function hookScript(installed: { node: string; bin: string } | undefined): string {
  const lines = [
    "#!/bin/sh",
    `${HOOK_MARKER} (written by 'keyward install-hook'; run it again to update, delete this file to remove)`,
    "# Blocks commits whose staged changes add a secret. A deliberate test value: add a",
    "# 'keyward:allow' comment on its line. Emergency only: git commit --no-verify",
  ];
  if (installed) {
    const node = shellQuote(installed.node);
    const bin = shellQuote(installed.bin);
    lines.push(`if [ -x ${node} ] && [ -f ${bin} ]; then`, `  exec ${node} ${bin} scan --staged`, "fi");
  }
  lines.push("exec npx --no-install keyward scan --staged", "");
  return lines.join("\n");
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
