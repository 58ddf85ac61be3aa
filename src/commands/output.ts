/** Output options shared by `scan` and `audit`: format, destination, failure threshold. */
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { CliError, EXIT, type CliIO, type ExitCode } from "../cli.js";
import { atLeast } from "../config.js";
import { SEVERITIES, type Severity } from "../detect/types.js";
import type { Finding } from "../finding.js";

export const OUTPUT_OPTIONS = {
  format: { type: "string", default: "text" },
  output: { type: "string", short: "o" },
  "no-color": { type: "boolean", default: false },
  "fail-on": { type: "string" },
} as const;

export type Format = "text" | "json" | "sarif";

export interface OutputValues {
  readonly format?: string;
  readonly output?: string;
  readonly "no-color"?: boolean;
  readonly "fail-on"?: string;
}

export function checkOutputOptions(values: OutputValues): { format: Format; failOn?: Severity } {
  const format = values.format ?? "text";
  if (format !== "text" && format !== "json" && format !== "sarif") throw new CliError(`unknown --format '${format}' (text, json or sarif)`);
  const failOn = values["fail-on"];
  if (failOn !== undefined && !SEVERITIES.includes(failOn as Severity)) throw new CliError(`unknown --fail-on '${failOn}' (${SEVERITIES.join(", ")})`);
  return { format, ...(failOn ? { failOn: failOn as Severity } : {}) };
}

export function useColour(values: OutputValues, io: CliIO): boolean {
  return io.stdoutTTY && !values["no-color"] && !values.output && io.env.NO_COLOR === undefined;
}

/** Write the report where asked; with --output, the one-line summary still goes to stderr. */
export async function emit(report: string, summaryLine: string, values: OutputValues, io: CliIO): Promise<void> {
  if (values.output) {
    await writeFile(resolve(io.cwd, values.output), report);
    io.stderr(summaryLine + "\n");
  } else io.stdout(report);
}

export function exitFor(findings: readonly Finding[], threshold: Severity): ExitCode {
  return findings.some((f) => atLeast(f.severity, threshold)) ? EXIT.findings : EXIT.clean;
}
