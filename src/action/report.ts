/**
 * What the action leaves behind: the SARIF file (for code scanning), annotations as workflow
 * commands when there is no check run to carry them, and the step's outputs.
 */
import { appendFile, mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Severity } from "../detect/types.js";
import { ALL_RULES } from "../detect/rules/index.js";
import type { Finding } from "../finding.js";
import { annotationFor } from "../report/check-run.js";
import { sarifLog } from "../report/sarif.js";
import { command } from "./log.js";

export async function writeSarif(path: string, findings: readonly Finding[], version: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(sarifLog(findings, ALL_RULES, version), null, 2) + "\n");
}

const LEVEL = { failure: "error", warning: "warning", notice: "notice" } as const;

/** One workflow command per finding: the same annotation the check run would carry. */
export function annotations(findings: readonly Finding[], failOn: Severity): string {
  return findings
    .map((f) => {
      const a = annotationFor(f, failOn);
      return command(LEVEL[a.annotation_level], a.message, { file: a.path, line: a.start_line, endLine: a.end_line, col: a.start_column, endColumn: a.end_column, title: a.title });
    })
    .join("");
}

/** `name=value` lines in the file the runner reads the step's outputs from. */
export async function setOutputs(file: string | undefined, values: Readonly<Record<string, string>>): Promise<void> {
  if (!file) return;
  await appendFile(file, Object.entries(values).map(([k, v]) => `${k}=${v}\n`).join(""));
}
