/**
 * SARIF 2.1.0 for GitHub code scanning. Results carry `partialFingerprints` derived from the
 * finding's fingerprint (path, rule and keyed secret hash), so re-uploads update the same
 * alert instead of opening new ones, and no secret value appears anywhere in the file.
 */
import type { Rule, Severity } from "../detect/types.js";
import { headline, type Finding } from "../finding.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { critical: "error", high: "error", medium: "warning", low: "note" };
/** GitHub ranks code-scanning alerts by this property (0–10). */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

export const FINGERPRINT_KEY = "keyward/v1";

interface RuleMeta {
  readonly id: string;
  readonly description: string;
  readonly severity: Severity;
  readonly provider?: string;
  readonly help?: string;
}

export function sarifLog(findings: readonly Finding[], rules: readonly (Rule | RuleMeta)[], version: string): object {
  const used = [...new Set(findings.map((f) => f.ruleId))];
  const meta = new Map(rules.map((r) => [r.id, r]));
  const index = new Map(used.map((id, i) => [id, i]));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "Keyward",
            informationUri: "https://github.com/keyward/keyward",
            semanticVersion: version,
            version,
            rules: used.map((id) => {
              const r = meta.get(id);
              const f = findings.find((x) => x.ruleId === id)!;
              const severity = r?.severity ?? f.severity;
              return {
                id,
                name: id.replace(/(^|-)([a-z0-9])/g, (_, __, ch: string) => ch.toUpperCase()),
                shortDescription: { text: r?.description ?? f.description },
                fullDescription: { text: r?.description ?? f.description },
                help: {
                  text:
                    f.kind === "secret"
                      ? "Revoke or rotate the credential with its provider, remove it from the code, and load it from a secret store instead. Rewriting history does not un-leak it."
                      : "Narrow what the workflow's identities can reach: least-privilege permissions, secrets only where they are used, pinned actions, and an accountable owner for every secret.",
                },
                defaultConfiguration: { level: LEVEL[severity] },
                properties: {
                  tags: ["security", f.kind === "secret" ? "secret" : "workflow", ...(r && "provider" in r && r.provider ? [r.provider] : [])],
                  "security-severity": SECURITY_SEVERITY[severity],
                  precision: "high",
                },
              };
            }),
          },
        },
        columnKind: "utf16CodeUnits",
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId)!,
          level: LEVEL[f.severity],
          message: { text: f.kind === "secret" ? `${headline(f)}. Revoke or rotate it, then remove it from the code.` : headline(f) },
          locations: [
            {
              physicalLocation: {
                // An absolute URI (a GitHub settings page) stands alone; SARIF forbids a base for it.
                artifactLocation: /^https?:\/\//.test(f.location.path) ? { uri: f.location.path } : { uri: encodeURI(f.location.path), uriBaseId: "%SRCROOT%" },
                region: { startLine: f.location.line, startColumn: f.location.column, endLine: f.location.endLine, endColumn: f.location.endColumn },
              },
            },
          ],
          partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
          properties: {
            severity: f.severity,
            confidence: f.confidence,
            ...(f.kind === "secret" ? { secretId: f.secretId } : {}),
            ...("owners" in f && Array.isArray(f.owners) ? { owners: f.owners, ownerSource: (f as { ownerSource?: string }).ownerSource } : {}),
            ...(f.kind === "workflow" && f.identity ? { identity: f.identity } : {}),
            ...(f.location.commit ? { commit: f.location.commit.sha, author: f.location.commit.author, authorEmail: f.location.commit.email, date: f.location.commit.date } : {}),
          },
        })),
      },
    ],
  };
}
