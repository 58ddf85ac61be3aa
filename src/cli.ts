/**
 * `keyward` command line: a table of subcommands, each a module under commands/. `main` takes
 * its side effects as arguments, so tests run it in-process with fakes.
 *
 * A command's module is imported only when that command runs: a pre-commit hook running
 * `keyward scan --staged` must not pay for Probot, BullMQ or the database drivers
 * (test/cli/startup.test.ts checks what the scan path loads).
 */

export interface CliIO {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout / stderr are terminals (colour, progress). */
  readonly stdoutTTY: boolean;
  readonly stderrTTY: boolean;
}

/** Exit codes, as gitleaks and most linters use them. */
export const EXIT = { clean: 0, findings: 1, error: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A usage or runtime problem with a message for the user; never carries a secret. */
export class CliError extends Error {
  override readonly name = "CliError";
}

export type Command = (args: string[], io: CliIO) => Promise<ExitCode>;

const COMMANDS: Record<string, { load: () => Promise<Command>; summary: string }> = {
  scan: { load: async () => (await import("./commands/scan.js")).scanCommand, summary: "find secrets in a working tree, a commit range or the whole history" },
  audit: { load: async () => (await import("./commands/audit.js")).auditCommand, summary: "audit GitHub Actions workflows: token permissions, secret exposure, owners, rotation" },
  inventory: { load: async () => (await import("./commands/inventory.js")).inventoryCommand, summary: "list every CI identity with its owner, rotation and blast radius" },
  review: { load: async () => (await import("./commands/review.js")).reviewCommand, summary: "open access reviews for identities overdue for review or rotation; expire exceptions" },
  rules: { load: async () => (await import("./commands/rules.js")).rulesCommand, summary: "list the detection rules" },
  worker: { load: async () => (await import("./commands/worker.js")).workerCommand, summary: "process queued webhook deliveries (queue mode, with REDIS_URL)" },
  evidence: { load: async () => (await import("./commands/evidence.js")).evidenceCommand, summary: "export and verify the tamper-evident evidence log" },
  "install-hook": { load: async () => (await import("./commands/hook.js")).installHookCommand, summary: "install a git pre-commit hook that blocks commits adding a secret" },
};

export { version } from "./version.js";
import { version } from "./version.js";

function usage(): string {
  const cmds = Object.entries(COMMANDS)
    .map(([name, c]) => `  ${name.padEnd(14)}${c.summary}`)
    .join("\n");
  return `keyward ${version()} — secrets and access hygiene for GitHub repositories

Usage: keyward <command> [options]

Commands:
${cmds}

Run 'keyward <command> --help' for a command's options.
Exit codes: 0 nothing found, 1 findings, 2 usage or runtime error.
`;
}

export async function main(argv: string[], io: CliIO): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stdout(usage());
    return name ? EXIT.clean : EXIT.error;
  }
  if (name === "--version" || name === "-v") {
    io.stdout(`${version()}\n`);
    return EXIT.clean;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.stderr(`keyward: unknown command '${name}'\n\n${usage()}`);
    return EXIT.error;
  }
  try {
    return await (await cmd.load())(rest, io);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`keyward ${name}: ${message}\n`);
    return EXIT.error;
  }
}
