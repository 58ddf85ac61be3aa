/**
 * Permission advice that would not break a workflow: what each step needs comes from the table
 * of well-known actions' and commands' permissions (src/workflows/scope-needs.ts). A scope is
 * called unused only when every step is one Keyward knows; otherwise it could not tell.
 * Fixtures are annotated # OK (no finding) / # NOT OK (a finding), as zizmor's are.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildModel, runAudits, type AuditContext } from "../../src/workflows/audit.js";
import { excessivePermissions } from "../../src/workflows/audits/excessive-permissions.js";
import { parseWorkflowFile, type Workflow } from "../../src/workflows/model.js";
import { ACTION_PERMISSIONS, findAction, jobNeeds } from "../../src/workflows/scope-needs.js";
import { runBin } from "../helpers/cli.js";

const SHA = "11bd71901bbe5b1630ceea73d27597364c9af683";
const ctx: AuditContext = { now: new Date("2026-06-01T00:00:00Z"), identities: [], identityFor: () => undefined, codeownersOf: () => [] };

function workflow(yaml: string): Workflow {
  const parsed = parseWorkflowFile(".github/workflows/x.yml", yaml);
  if (!parsed.ok || parsed.value.kind !== "workflow") throw new Error(parsed.ok ? "not a workflow" : parsed.message);
  return parsed.value;
}

/** The excessive-permissions messages for one job's steps under the given permissions. */
function advice(permissions: string, steps: string, top = "permissions: {}"): string[] {
  const wf = workflow(`on: push\n${top}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    permissions:\n${permissions.replace(/^/gm, "      ")}\n    steps:\n${steps.replace(/^/gm, "      ")}\n`);
  return runAudits([excessivePermissions], buildModel([wf]), ctx).map((f) => f.message);
}

const checkout = `- uses: actions/checkout@${SHA}\n  with:\n    persist-credentials: false`;

describe("write scopes a job's steps need, from the table", () => {
  it.each([
    ["upload-sarif needs security-events", "security-events: write", `- uses: github/codeql-action/upload-sarif@${SHA}\n  with:\n    sarif_file: x.sarif`],
    ["Scorecard with publish_results needs id-token", "id-token: write\nsecurity-events: write", `${checkout}\n- uses: ossf/scorecard-action@${SHA}\n  with:\n    publish_results: true\n- uses: github/codeql-action/upload-sarif@${SHA}`],
    ["mkdocs gh-deploy needs contents", "contents: write", `- uses: actions/checkout@${SHA}\n- run: pip install mkdocs && mkdocs gh-deploy --force`],
    ["deploy-pages needs pages and id-token", "pages: write\nid-token: write", `- uses: actions/deploy-pages@${SHA}`],
    ["peaceiris/actions-gh-pages needs contents", "contents: write", `- uses: peaceiris/actions-gh-pages@${SHA}\n  with:\n    github_token: \${{ secrets.GITHUB_TOKEN }}`],
    ["JamesIves/github-pages-deploy-action needs contents", "contents: write", `- uses: JamesIves/github-pages-deploy-action@${SHA}\n  with:\n    folder: site`],
    ["softprops/action-gh-release needs contents", "contents: write", `- uses: softprops/action-gh-release@${SHA}`],
    ["ncipollo/release-action needs contents", "contents: write", `- uses: ncipollo/release-action@${SHA}`],
    ["release-please needs contents and pull-requests", "contents: write\npull-requests: write\nissues: write", `- uses: googleapis/release-please-action@${SHA}`],
    ["gh release create needs contents", "contents: write", `- run: gh release create v1 dist/*\n  env:\n    GH_TOKEN: \${{ github.token }}`],
    ["gh pr create needs pull-requests", "pull-requests: write\ncontents: write", `- run: gh pr create --fill\n  env:\n    GH_TOKEN: \${{ github.token }}`],
    ["git push with the checkout's persisted token needs contents", "contents: write", `- uses: actions/checkout@${SHA}\n- run: git commit -am bump && git push`],
    ["docker/login-action to ghcr.io needs packages", "packages: write", `- uses: docker/login-action@${SHA}\n  with:\n    registry: ghcr.io\n    password: \${{ secrets.GITHUB_TOKEN }}`],
    ["attest-build-provenance needs id-token and attestations", "id-token: write\nattestations: write", `- uses: actions/attest-build-provenance@${SHA}\n  with:\n    subject-path: dist/x`],
    ["aws OIDC login needs id-token", "id-token: write", `- uses: aws-actions/configure-aws-credentials@${SHA}\n  with:\n    role-to-assume: arn:aws:iam::123456789012:role/x`],
  ])("# OK: %s", (_, permissions, steps) => {
    expect(advice(permissions, steps)).toEqual([]);
  });

  it.each([
    ["Scorecard without publish_results does not need id-token", "id-token: write", `- uses: ossf/scorecard-action@${SHA}\n  with:\n    publish_results: false`, "id-token"],
    ["checkout and tests need no contents: write", "contents: write", `${checkout}\n- run: echo build`, "contents"],
    ["AWS with stored keys needs no id-token", "id-token: write", `- uses: aws-actions/configure-aws-credentials@${SHA}\n  with:\n    aws-access-key-id: \${{ secrets.K }}`, "id-token"],
  ])("# NOT OK: %s", (_, permissions, steps, scope) => {
    expect(advice(permissions, steps)).toEqual([expect.stringMatching(new RegExp(`^${scope}: write is granted to job 'j' but none of its steps needs it`))]);
  });

  it.each([
    ["an action not in the table", `- uses: some-org/mystery-action@${SHA}`],
    ["a local action", "- uses: ./.github/actions/release"],
    ["github-script", `- uses: actions/github-script@${SHA}\n  with:\n    script: github.rest.issues.create({})`],
    ["gh api with the token", `- run: gh api repos/o/r/issues -f title=x\n  env:\n    GH_TOKEN: \${{ github.token }}`],
    ["a script handed the token", `- run: ./scripts/release.sh\n  env:\n    GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}`],
  ])("# OK (could not tell): no removal advised next to %s", (_, steps) => {
    expect(advice("issues: write\ncontents: write", `${checkout}\n${steps}`)).toEqual([]);
    const wf = workflow(`on: push\njobs:\n  j:\n    runs-on: x\n    steps:\n${`${checkout}\n${steps}`.replace(/^/gm, "      ")}\n`);
    expect(jobNeeds(wf.jobs[0]!).unknown).toHaveLength(1);
  });

  it("does not flag a workflow-level read-all that every job overrides (# OK), and does when a job inherits it (# NOT OK)", () => {
    const overridden = workflow(`on: push\npermissions: read-all\njobs:\n  a:\n    runs-on: x\n    permissions:\n      contents: read\n    steps:\n      - run: echo\n`);
    expect(runAudits([excessivePermissions], buildModel([overridden]), ctx)).toEqual([]);
    const inherited = workflow(`on: push\npermissions: read-all\njobs:\n  a:\n    runs-on: x\n    permissions:\n      contents: read\n    steps:\n      - run: echo\n  b:\n    runs-on: x\n    steps:\n      - run: echo\n`);
    expect(runAudits([excessivePermissions], buildModel([inherited]), ctx).map((f) => f.message)).toEqual([expect.stringContaining("read-all at the workflow level grants every read scope to job 'b'")]);
  });

  it("names the documentation behind every entry of the table, and finds entries by name", () => {
    for (const e of ACTION_PERMISSIONS) expect(e.source.length, e.uses.join(", ")).toBeGreaterThan(10);
    expect(findAction("GitHub/CodeQL-Action/upload-sarif")).toBeDefined();
    expect(findAction("actions/setup-node")).toBeDefined();
    expect(findAction("some-org/mystery-action")).toBeUndefined();
  });
});

describe("keyward inventory says what each write scope is for, or that it could not tell", () => {
  it("lists per job: needed by which step, no step needs it, or Keyward could not tell", async () => {
    const root = mkdtempSync(join(tmpdir(), "keyward-perm-table-"));
    mkdirSync(join(root, ".github/workflows"), { recursive: true });
    writeFileSync(
      join(root, ".github/workflows/release.yml"),
      `on: push\npermissions: {}\njobs:\n  release:\n    runs-on: x\n    permissions:\n      contents: write\n      issues: write\n    steps:\n      - uses: softprops/action-gh-release@${SHA}\n      - uses: some-org/mystery-action@${SHA}\n  docs:\n    runs-on: x\n    permissions:\n      pages: write\n    steps:\n      - run: echo docs\n`,
    );
    const { code, stdout } = await runBin(["inventory", root]);
    expect(code).toBe(0);
    expect(stdout).toContain("    contents: write — needed by step 1: softprops/action-gh-release");
    expect(stdout).toContain("    issues: write — Keyward could not tell: step 2 uses some-org/mystery-action, which is not in Keyward's table of actions' permissions");
    expect(stdout).toContain("    pages: write — no step needs it");
    const audit = JSON.parse((await runBin(["audit", "--format", "json", root])).stdout);
    expect(audit.findings.map((f: { message: string }) => f.message)).toEqual([expect.stringMatching(/^pages: write is granted to job 'docs'/)]);
    rmSync(root, { recursive: true, force: true });
  });
});
