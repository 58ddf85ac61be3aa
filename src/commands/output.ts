/** Output options shared by `scan`, `audit` and `inventory`: format, destination, failure threshold. */
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { CliError, EXIT, type CliIO, type ExitCode } from "../cli.js";
import { atLeast } from "../config-base.js";
import { SEVERITIES, type Rule, type Severity } from "../detect/types.js";
import type { Finding } from "../finding.js";
import { formatText } from "../report/text.js";

export const OUTPUT_OPTIONS = {
  format: { type: "string", default: "text" },
  output: { type: "string", short: "o" },
  "no-color": { type: "boolean", default: false },
  "fail-on": { type: "string" },
} as const;

export const FORMATS = ["text", "json", "sarif", "csv", "junit"] as const;
export type Format = (typeof FORMATS)[number];

export interface OutputValues {
  readonly format?: string;
  readonly output?: string;
  readonly "no-color"?: boolean;
  readonly "fail-on"?: string;
}

export function checkFormat(value: string | undefined, allowed: readonly Format[] = FORMATS): Format {
  const format = value ?? "text";
  if (!(allowed as readonly string[]).includes(format)) throw new CliError(`unknown --format '${format}' (${allowed.join(", ")})`);
  return format as Format;
}

export function checkOutputOptions(values: OutputValues): { format: Format; failOn?: Severity } {
  const format = checkFormat(values.format);
  const failOn = values["fail-on"];
  if (failOn !== undefined && !SEVERITIES.includes(failOn as Severity)) throw new CliError(`unknown --fail-on '${failOn}' (${SEVERITIES.join(", ")})`);
  return { format, ...(failOn ? { failOn: failOn as Severity } : {}) };
}

export function useColour(values: OutputValues, io: CliIO): boolean {
  return io.stdoutTTY && !values["no-color"] && !values.output && io.env.NO_COLOR === undefined;
}

/** What a report needs besides its findings, per format. */
export interface ReportContext {
  readonly version: string;
  /** `keyward scan`: the JUnit suite's name. */
  readonly command: string;
  /** The one-line summary: the text report's last line, the JUnit suite's passing case. */
  readonly summary: string;
  /** Extra top-level JSON fields (stats, inventory, …). */
  readonly json: Record<string, unknown>;
  /** Rule metadata for SARIF. */
  readonly rules: ReadonlyArray<Rule | { id: string; description: string; severity: Severity }>;
  readonly colour: boolean;
  readonly durationMs?: number;
}

/** Each format's module loads when asked for (CSV and JUnit bring libraries a scan rarely needs). */
export async function renderReport(format: Format, findings: readonly Finding[], ctx: ReportContext): Promise<string> {
  switch (format) {
    case "json":
      return (await import("../report/json.js")).formatJson(findings, ctx.json, ctx.version);
    case "sarif":
      return JSON.stringify((await import("../report/sarif.js")).sarifLog(findings, ctx.rules, ctx.version), null, 2) + "\n";
    case "csv":
      return (await import("../report/csv.js")).formatCsv(findings);
    case "junit":
      return (await import("../report/junit.js")).formatJunit({ name: ctx.command, findings, summary: ctx.summary, ...(ctx.durationMs !== undefined ? { durationMs: ctx.durationMs } : {}) });
    case "text":
      return formatText(findings, ctx.summary, ctx.colour);
  }
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
