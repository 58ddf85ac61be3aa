import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildModel, runAudits, type AuditContext } from "../../src/workflows/audit.js";
import { ALL_AUDITS } from "../../src/workflows/audits/index.js";
import { parseWorkflowFile } from "../../src/workflows/model.js";

// zizmor's integration-test fixtures, beside the project (see shared/bench/workflows/README.md).
const root = fileURLToPath(new URL("../../../shared/bench/workflows/zizmor/", import.meta.url));

/** The audits Keyward shares with zizmor; only these are compared. */
const SHARED = ["excessive-permissions", "dangerous-triggers", "template-injection", "secrets-inherit", "overprovisioned-secrets", "unpinned-uses"];

/**
 * What Keyward reports on each fixture, among the shared audits. Where this differs from what
 * zizmor's own tests expect, the difference is deliberate and explained in
 * docs/workflow-audits.md (marked "≠ zizmor" here).
 */
const EXPECTED: Record<string, string[]> = {
  "anchors/basic.yml": ["template-injection"],
  "anchors/cross-key-scalar.yml": ["template-injection"],
  "anchors/multi-scalar-anchors.yml": ["template-injection"],
  "anchors/scalar-cross-context.yml": ["template-injection"],
  "anchors/steps-list-alias.yml": ["template-injection"],
  "anchors/trigger-block-alias.yml": ["dangerous-triggers"],
  "anchors/trigger-paths-anchor.yml": ["dangerous-triggers"],
  "anchors/flow-mapping-step.yml": [], // ≠ zizmor: unpinned, but handed no secret or write token
  "bot-conditions.yml": ["dangerous-triggers"],
  "dangerous-triggers/actions-labeler.yml": [],
  "e2e-menagerie/.github/workflows/ignored.yaml": ["dangerous-triggers"],
  "excessive-permissions.yml": ["excessive-permissions"],
  "excessive-permissions/issue-472-repro.yml": ["excessive-permissions"],
  "excessive-permissions/jobs-broaden-permissions.yml": ["excessive-permissions"],
  "excessive-permissions/reusable-workflow-call.yml": ["excessive-permissions"],
  "excessive-permissions/reusable-workflow-other-triggers.yml": ["excessive-permissions"],
  "excessive-permissions/workflow-default-perms.yml": ["excessive-permissions"], // zizmor: pedantic only
  "excessive-permissions/workflow-default-perms-all-jobs-explicit.yml": ["excessive-permissions"], // ≠ zizmor: unused write scopes (low confidence)
  "excessive-permissions/workflow-empty-perms.yml": [],
  "excessive-permissions/workflow-read-all.yml": ["excessive-permissions"],
  "excessive-permissions/workflow-write-all.yml": ["excessive-permissions"],
  "excessive-permissions/workflow-write-explicit.yml": ["excessive-permissions"],
  "issue-1065.yml": ["excessive-permissions", "unpinned-uses"],
  "issue-1745-repro/.github/workflows/test.yml": [], // ≠ zizmor: unpinned, but handed no credential
  "overprovisioned-secrets.yml": ["overprovisioned-secrets"],
  "parallel-steps/basic.yml": ["excessive-permissions", "template-injection"],
  "secrets-inherit.yml": ["secrets-inherit", "unpinned-uses"],
  "several-vulnerabilities.yml": ["dangerous-triggers", "excessive-permissions", "template-injection"],
  "template-injection.yml": ["template-injection"],
  "template-injection/codeql-sinks.yml": ["template-injection"],
  "template-injection/dataflow.yml": ["template-injection"],
  "template-injection/false-positive-menagerie.yml": [],
  "template-injection/input-caps.yml": ["template-injection"],
  "template-injection/issue-1903-repro.yml": [], // ≠ zizmor: a number, not attacker text
  "template-injection/issue-2197-repro.yml": [],
  "template-injection/issue-22-repro.yml": [],
  "template-injection/issue-339-repro.yml": [], // ≠ zizmor: step outputs of a trusted API call
  "template-injection/issue-418-repro.yml": [],
  "template-injection/issue-749-repro.yml": [],
  "template-injection/issue-883-repro/action.yml": ["template-injection"],
  "template-injection/multiline-expression.yml": ["template-injection"],
  "template-injection/patterns.yml": ["template-injection"],
  "template-injection/pr-317-repro.yml": [], // ≠ zizmor: matrix values set by the workflow's author
  "template-injection/pr-425-backstop/action.yml": ["template-injection"], // ≠ zizmor on unpinned-uses: no credential in reach
  "template-injection/pwsh-script.yml": ["template-injection"],
  "template-injection/static-env.yml": ["template-injection"],
  "unpinned-uses/menagerie-of-uses.yml": [], // ≠ zizmor: nothing unpinned receives a secret or write token
  "unpinned-uses/reusable-workflow-unpinned.yml": [],
  "unpinned-uses/issue-1543-repro.yml": [],
  "unpinned-uses/issue-433-repro.yml": [],
};

const ctx: AuditContext = { now: new Date("2026-06-01T00:00:00Z"), identities: [], identityFor: () => undefined, codeownersOf: () => [] };

// Skipped on a fresh clone without shared/: say so, so a green run is not mistaken for the comparison.
if (!existsSync(root)) console.warn(`SKIPPED: the zizmor fixture comparison needs ${root} (the project's shared/ folder beside the checkout; see README "Development")`);

describe.skipIf(!existsSync(root))("workflow audits on zizmor's fixtures", () => {
  it.each(Object.entries(EXPECTED))("%s", (file, expected) => {
    const kind = /(^|\/)action\.ya?ml$/.test(file) ? "action" : "workflow";
    const parsed = parseWorkflowFile(file, readFileSync(root + file, "utf8"), kind);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const findings = runAudits(ALL_AUDITS.filter((a) => SHARED.includes(a.id)), buildModel([parsed.value]), ctx);
    expect([...new Set(findings.map((f) => f.ruleId))].sort()).toEqual([...expected].sort());
    for (const f of findings) expect(f.location.line, `${f.ruleId} located`).toBeGreaterThan(0);
  });

  it("honours zizmor's inline ignore comments for the same audit", () => {
    const parsed = parseWorkflowFile("patterns.yml", readFileSync(root + "template-injection/patterns.yml", "utf8"));
    if (!parsed.ok) throw new Error(parsed.message);
    const findings = runAudits(ALL_AUDITS, buildModel([parsed.value]), ctx);
    expect(findings.map((f) => f.ruleId)).not.toContain("dangerous-triggers");
  });

  it("reports every invalid fixture as a located finding instead of crashing", () => {
    for (const file of ["invalid/bad-yaml-1.yml", "invalid/bad-yaml-2.yml", "invalid/blank.yml", "invalid/empty.yml", "invalid/comment-only.yml"]) {
      const parsed = parseWorkflowFile(file, readFileSync(root + file, "utf8"));
      expect(parsed.ok, file).toBe(false);
      if (!parsed.ok) expect(parsed.line).toBeGreaterThan(0);
    }
  });
});
