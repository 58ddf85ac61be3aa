/**
 * Loads what the workflow audit reads from a repository: workflows, local composite actions
 * and reusable workflows. Unparsable or oversized files become findings, never crashes.
 */
import type { RepoSource } from "../ingest/repo-source.js";
import type { WorkflowFinding } from "./finding.js";
import { LIMITS, parseWorkflowFile, type CompositeAction, type Workflow } from "./model.js";

export const WORKFLOW_DIR = ".github/workflows";
export const ACTIONS_DIR = ".github/actions";

export const PARSE_ERROR_RULE = { id: "workflow-parse-error", description: "A workflow or action file could not be read" } as const;

export interface LoadedWorkflows {
  readonly docs: ReadonlyArray<Workflow | CompositeAction>;
  readonly errors: readonly WorkflowFinding[];
}

export async function loadWorkflows(source: RepoSource): Promise<LoadedWorkflows> {
  const workflowFiles = (await source.list(WORKFLOW_DIR)).filter((p) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(p));
  const actionFiles = (await source.list(ACTIONS_DIR)).filter((p) => /(^|\/)action\.ya?ml$/.test(p));
  const docs: Array<Workflow | CompositeAction> = [];
  const errors: WorkflowFinding[] = [];
  const fail = (file: string, message: string, line = 1, column = 1) =>
    errors.push({
      kind: "workflow",
      ruleId: PARSE_ERROR_RULE.id,
      description: PARSE_ERROR_RULE.description,
      message,
      severity: "medium",
      confidence: "high",
      location: { path: file, line, column, endLine: line, endColumn: column },
      fingerprint: `${file}:${PARSE_ERROR_RULE.id}`,
    });
  for (const [files, kind] of [
    [workflowFiles, "workflow"],
    [actionFiles, "action"],
  ] as const) {
    for (const file of files) {
      const size = await source.size(file);
      if (size === undefined) continue;
      if (size > LIMITS.maxBytes) {
        fail(file, `file is ${(size / 1048576).toFixed(1)} MiB; files over ${LIMITS.maxBytes / 1048576} MiB are not parsed`);
        continue;
      }
      const text = await source.read(file);
      if (text === undefined) continue;
      const parsed = parseWorkflowFile(file, text, kind);
      if (parsed.ok) docs.push(parsed.value);
      else fail(file, parsed.message, parsed.line, parsed.column);
    }
  }
  return { docs, errors };
}
