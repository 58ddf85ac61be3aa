/** Findings about inventory entries, located at the entry in `.github/keyward.yml`. */
import { CONFIG_PATH } from "../config.js";
import type { Severity, Confidence } from "../detect/types.js";
import type { Identity } from "../ownership/inventory.js";
import type { BlastRadius } from "./blast-radius.js";
import type { WorkflowFinding } from "./finding.js";

export function inventoryFinding(
  rule: { id: string; description: string },
  identity: Identity,
  message: string,
  severity: Severity,
  confidence: Confidence,
  blast?: BlastRadius,
): WorkflowFinding {
  return {
    kind: "workflow",
    ruleId: rule.id,
    description: rule.description,
    message,
    severity,
    confidence,
    location: { path: CONFIG_PATH, line: identity.line, column: 1, endLine: identity.line, endColumn: 1 },
    identity: identity.secret,
    fingerprint: `${CONFIG_PATH}:${rule.id}:${identity.secret}`,
    ...(blast && blast.workflows.length > 0 ? { blastRadius: blast } : {}),
  };
}

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
