/**
 * Keyward as a library: the same detection, workflow audit and evidence verification the CLI
 * and the App run. `import { scanText, ALL_RULES, auditRepository, verifyPack } from "keyward"`.
 * Everything here is pure or reads only what it is handed (a directory, a pack); nothing here
 * opens a database or talks to GitHub.
 */
import { ALL_RULES } from "./detect/rules/index.js";
import { Scanner } from "./detect/scanner.js";
import type { SecretFinding } from "./detect/types.js";

// Detection: rules as data, the scanner, whole scans of a directory or history.
export { ALL_RULES, Scanner };
export { RULE_MODULES } from "./detect/rules/index.js";
export type { ScannerOptions } from "./detect/scanner.js";
export type { Chunk, CommitInfo, Confidence, Location, Rule, SecretFinding, Severity } from "./detect/types.js";
export { SEVERITIES } from "./detect/types.js";
export { runScan, scannerFor, loadSuppressions, type ScanRequest, type ScanResult, type ScanStats, type ScanTarget } from "./scan.js";
export { headline, type Finding } from "./finding.js";

// Configuration, parsed and validated as the CLI and the App do.
export { configSchema, parseConfig, DEFAULT_CONFIG, type Config, type ConfigError, type ParsedConfig } from "./config.js";

// Workflow audits: the model, every audit, and a whole repository's audit and inventory.
export { ALL_AUDITS, AUDIT_MODULES } from "./workflows/audits/index.js";
export { buildModel, runAudits, type AuditContext, type WorkflowAudit } from "./workflows/audit.js";
export { parseWorkflowFile, type Workflow, type CompositeAction } from "./workflows/model.js";
export { auditRepository, type AuditResult, type InventoryEntry, type TokenEntry } from "./workflows/run.js";
export { ACTION_PERMISSIONS, jobNeeds } from "./workflows/scope-needs.js";
export type { WorkflowFinding } from "./workflows/finding.js";
export { diskSource, type RepoSource } from "./ingest/repo-source.js";

// Reports.
export { sarifLog } from "./report/sarif.js";
export { formatJson } from "./report/json.js";
export { formatCsv } from "./report/csv.js";
export { formatJunit } from "./report/junit.js";

// Evidence: verify an auditor's pack without the database it came from.
export { verifyPack, verifyPackFiles, type PackVerdict, type VerifyOptions } from "./evidence/verify.js";

/** Scan one text (a file's contents) with every rule; the raw secret never leaves the scanner. */
export function scanText(path: string, text: string, options: { hashKey?: string } = {}): SecretFinding[] {
  return new Scanner({ rules: ALL_RULES, ...(options.hashKey ? { hashKey: options.hashKey } : {}) }).scan({ path, text, startLine: 1 });
}
