/**
 * Workflow findings. An audit returns drafts that name a YAML path; `resolveFindings` turns
 * them into located findings at the end, so audits never deal in lines and columns, and a
 * finding cannot exist without a rule id, a location, a severity and a confidence.
 */
import { createHash } from "node:crypto";
import type { Confidence, Location, Severity } from "../detect/types.js";
import type { CompositeAction, Workflow, YamlPath } from "./model.js";
import type { BlastRadius } from "./blast-radius.js";

export interface FindingDraft {
  readonly path: YamlPath;
  /** Point at the key (`permissions:`) rather than its value. */
  readonly key?: boolean;
  readonly message: string;
  readonly severity: Severity;
  readonly confidence: Confidence;
  /** The secret name (or GITHUB_TOKEN) the finding is about, when it is about one. */
  readonly identity?: string;
}

export interface WorkflowFinding {
  readonly kind: "workflow";
  readonly ruleId: string;
  readonly description: string;
  readonly message: string;
  readonly severity: Severity;
  readonly confidence: Confidence;
  readonly location: Location;
  readonly identity?: string;
  /** `file:rule:hash(yaml path, identity)`: stable when lines move. */
  readonly fingerprint: string;
  readonly blastRadius?: BlastRadius;
}

/** Inline suppression on the finding's line: ours, or zizmor's for the same audit id. */
function ignoredInline(text: string, ruleId: string): boolean {
  if (/keyward:allow\b/.test(text)) return true;
  const m = /(?:keyward|zizmor):\s*ignore\[([^\]]*)\]/.exec(text);
  return m !== null && m[1]!.split(",").some((id) => id.trim() === ruleId);
}

export function resolveFinding(rule: { id: string; description: string }, doc: Workflow | CompositeAction, d: FindingDraft, blast?: BlastRadius): WorkflowFinding | undefined {
  const at = doc.locate(d.path, d.key ? { key: true } : undefined);
  if (ignoredInline(doc.lineText(at.line), rule.id)) return undefined;
  const hash = createHash("sha256").update(JSON.stringify([d.path, d.identity ?? "", d.message])).digest("hex").slice(0, 16);
  return {
    kind: "workflow",
    ruleId: rule.id,
    description: rule.description,
    message: d.message,
    severity: d.severity,
    confidence: d.confidence,
    location: { path: doc.file, line: at.line, column: at.column, endLine: at.endLine, endColumn: at.endColumn },
    ...(d.identity ? { identity: d.identity } : {}),
    fingerprint: `${doc.file}:${rule.id}:${hash}`,
    ...(blast ? { blastRadius: blast } : {}),
  };
}
