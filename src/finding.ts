/** Everything Keyward reports: a secret in code, or a problem with a workflow identity. */
import type { SecretFinding } from "./detect/types.js";
import type { WorkflowFinding } from "./workflows/finding.js";

export type Finding = SecretFinding | WorkflowFinding;

/** One line that says what the finding is, never containing a secret. */
export function headline(f: Finding): string {
  return f.kind === "secret" ? `${f.description} (${f.preview}${f.encoding ? `, inside ${f.encoding}` : ""})` : f.message;
}
