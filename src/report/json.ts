/** Machine-readable report; also what `--baseline` reads back. */
import type { SecretFinding } from "../detect/types.js";
import type { ScanStats } from "../scan.js";

export interface JsonReport {
  readonly tool: "keyward";
  readonly version: string;
  readonly findings: readonly SecretFinding[];
  readonly stats: ScanStats;
}

export function formatJson(findings: readonly SecretFinding[], stats: ScanStats, version: string): string {
  const report: JsonReport = { tool: "keyward", version, findings, stats };
  return JSON.stringify(report, null, 2) + "\n";
}
