/**
 * The "Keyward" check run: conclusion, summary table and line annotations (GitHub accepts 50
 * per request, so they are batched). Pure: payloads in, payloads out; never a secret.
 */
import { atLeast } from "../config.js";
import type { Severity } from "../detect/types.js";
import { headline, type Finding } from "../finding.js";
import { code, link, plain, row, text } from "./markdown.js";

export const CHECK_NAME = "Keyward";
export const ANNOTATIONS_PER_REQUEST = 50;
/** GitHub's limit on a check run's summary is 65 535 characters; the table stops short of it. */
export const MAX_SUMMARY_CHARS = 60_000;

export type Conclusion = "failure" | "neutral" | "success";

export interface Annotation {
  readonly path: string;
  readonly start_line: number;
  readonly end_line: number;
  readonly start_column?: number;
  readonly end_column?: number;
  readonly annotation_level: "failure" | "warning" | "notice";
  readonly title: string;
  readonly message: string;
}

/** Whether a finding fails the check: a secret at or above the threshold, or a high workflow finding. */
export function isBlocking(f: Finding, failOn: Severity): boolean {
  return f.kind === "secret" ? atLeast(f.severity, failOn) : atLeast(f.severity, "high") && atLeast(f.severity, failOn);
}

export function conclusionFor(findings: readonly Finding[], failOn: Severity): Conclusion {
  if (findings.some((f) => isBlocking(f, failOn))) return "failure";
  return findings.length > 0 ? "neutral" : "success";
}

export function annotationFor(f: Finding, failOn: Severity): Annotation {
  const sameLine = f.location.line === f.location.endLine;
  return {
    path: f.location.path,
    start_line: f.location.line,
    end_line: Math.max(f.location.line, f.location.endLine),
    ...(sameLine ? { start_column: f.location.column, end_column: Math.max(f.location.column, f.location.endColumn) } : {}),
    annotation_level: isBlocking(f, failOn) ? "failure" : f.severity === "low" ? "notice" : "warning",
    // Plain-text fields, but GitHub still links mentions in them: a rule id or a workflow
    // message can carry a repository's text.
    title: plain(`${f.ruleId} (${f.severity})`, 255),
    message: plain(f.kind === "secret" ? `${headline(f)}${f.location.commit ? ` — added in ${f.location.commit.sha.slice(0, 7)}` : ""}. Revoke or rotate it; removing it from the code is not enough.` : headline(f)),
  };
}

export function batches<T>(items: readonly T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface CheckSummaryInput {
  readonly findings: readonly Finding[];
  readonly failOn: Severity;
  /** Remediation issue URL per finding fingerprint. */
  readonly issueLinks: ReadonlyMap<string, string>;
  readonly commits: number;
  readonly configErrors: ReadonlyArray<{ file: string; line: number; column: number; message: string }>;
  /** Files whose added lines were too many to scan whole (over 10 MiB in one commit). */
  readonly unscanned?: readonly string[];
}

/** A finding's "what" cell: the rule's description and the masked preview, or the workflow message. */
function what(f: Finding): string {
  return f.kind === "secret" ? `${text(f.description)} ${code(f.preview, "cell")}${f.encoding ? ` inside ${text(f.encoding)}` : ""}` : text(f.message, 500);
}

export function checkOutput(input: CheckSummaryInput): { title: string; summary: string } {
  const { findings } = input;
  const conclusion = conclusionFor(findings, input.failOn);
  const secrets = findings.filter((f) => f.kind === "secret").length;
  const workflow = findings.length - secrets;
  const title =
    conclusion === "success"
      ? "No secrets or workflow problems found"
      : `${secrets} secret${secrets === 1 ? "" : "s"}, ${workflow} workflow finding${workflow === 1 ? "" : "s"}`;
  const lines: string[] = [];
  lines.push(`Scanned the lines added by ${input.commits} commit${input.commits === 1 ? "" : "s"}.`);
  if (input.configErrors.length) {
    lines.push("", "**The Keyward configuration has errors; defaults were used:**");
    for (const e of input.configErrors) lines.push(`- ${code(`${e.file}:${e.line}:${e.column}`)} ${text(e.message)}`);
  }
  if (input.unscanned?.length) {
    const shown = input.unscanned.slice(0, 20);
    lines.push("", `**Not scanned whole** (over 10 MiB of added lines in one commit): ${shown.map((p) => code(p)).join(", ")}${input.unscanned.length > shown.length ? ` and ${input.unscanned.length - shown.length} more` : ""}.`);
  }
  if (findings.length) {
    lines.push("", "| severity | rule | location | what | issue |", "|---|---|---|---|---|");
    let size = lines.reduce((n, l) => n + l.length + 1, 0);
    for (const [i, f] of findings.entries()) {
      const issue = input.issueLinks.get(f.fingerprint);
      const line = row([f.severity, code(f.ruleId, "cell"), code(`${f.location.path}:${f.location.line}`, "cell"), what(f), issue ? link("issue", issue) : "—"]);
      // GitHub refuses a summary over 65 535 characters, and the check run would never complete.
      if (size + line.length + 1 > MAX_SUMMARY_CHARS) {
        lines.push("", `… and ${findings.length - i} more finding${findings.length - i === 1 ? "" : "s"}, each annotated on its line.`);
        break;
      }
      lines.push(line);
      size += line.length + 1;
    }
  }
  return { title, summary: lines.join("\n") };
}
