/** Machine-readable report; also what `--baseline` reads back. */
import type { Finding } from "../finding.js";

export function formatJson(findings: readonly Finding[], extra: Record<string, unknown>, version: string): string {
  return JSON.stringify({ tool: "keyward", version, findings, ...extra }, null, 2) + "\n";
}
