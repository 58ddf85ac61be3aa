import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBin } from "../helpers/cli.js";
import { validateSarif } from "../helpers/sarif.js";

const SHA = "11bd71901bbe5b1630ceea73d27597364c9af683";

function writeTree(root: string, files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

interface JsonFinding {
  ruleId: string;
  message: string;
  severity: string;
  identity?: string;
  location: { path: string; line: number };
  blastRadius?: { forkReachable: boolean; actions: Array<{ uses: string; pinned: boolean }>; workflows: Array<{ file: string; jobs: string[] }> };
}

describe("keyward audit and inventory on a repository with workflows", () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "keyward-audit-"));
    writeTree(root, {
      ".github/workflows/release.yml": [
        "name: release", // 1
        "on:", // 2
        "  push:", // 3
        "  pull_request_target:", // 4
        "env:", // 5
        "  DEPLOY_TOKEN: ${{ secrets.DEPLOY_TOKEN }}", // 6
        "jobs:", // 7
        "  publish:", // 8
        "    runs-on: ubuntu-latest", // 9
        "    steps:", // 10
        "      - uses: actions/checkout@v4", // 11
        "        with:", // 12
        "          ref: ${{ github.event.pull_request.head.sha }}", // 13
        "      - uses: some-org/publish-action@v1", // 14
        "        with:", // 15
        "          token: ${{ secrets.NPM_TOKEN }}", // 16
        "      - uses: aws-actions/configure-aws-credentials@v4", // 17
        "        with:", // 18
        "          aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}", // 19
        "          aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}", // 20
        '      - run: echo "${{ github.event.pull_request.title }}"', // 21
        "  notify:", // 22
        "    uses: some-org/workflows/.github/workflows/notify.yml@main", // 23
        "    secrets: inherit", // 24
        "",
      ].join("\n"),
      ".github/workflows/ci.yml": [
        "name: ci",
        "on: pull_request",
        "permissions:",
        "  contents: read",
        "jobs:",
        "  test:",
        "    runs-on: ubuntu-latest",
        "    steps:",
        `      - uses: actions/checkout@${SHA}`,
        "      - run: npm test",
        "        env:",
        "          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}",
        "",
      ].join("\n"),
      ".github/CODEOWNERS": "* @acme/everyone\n.github/workflows/ @acme/platform\n",
      ".github/keyward.yml": [
        "identities:", // 1
        "  - secret: NPM_TOKEN", // 2
        '    owners: ["@octocat"]', // 3
        "    purpose: publish to npm", // 4
        "    rotate_every: 90d", // 5
        "    last_rotated: 2026-01-01", // 6
        "  - secret: OLD_DEPLOY_KEY", // 7
        '    owners: ["ops@acme.test"]', // 8
        "    review_every: 180d", // 9
        "    last_reviewed: 2025-01-01", // 10
        "",
      ].join("\n"),
    });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const audit = async (...extra: string[]) => {
    const r = await runBin(["audit", "--format", "json", "--today", "2026-06-01", ...extra, root]);
    return { ...r, findings: JSON.parse(r.stdout).findings as JsonFinding[], json: JSON.parse(r.stdout) };
  };
  const ids = (fs: JsonFinding[]) => [...new Set(fs.map((f) => f.ruleId))].sort();

  it("reports each audit with file, line, severity and confidence", async () => {
    const { code, findings } = await audit();
    expect(code).toBe(1);
    expect(ids(findings)).toEqual([
      "dangerous-triggers",
      "excessive-permissions",
      "long-lived-cloud-key",
      "orphaned-identity",
      "overprovisioned-secrets",
      "review-overdue",
      "rotation-overdue",
      "secrets-inherit",
      "template-injection",
      "unowned-workflow-token",
      "unpinned-uses",
    ]);
    const at = (rule: string) => findings.filter((f) => f.ruleId === rule).map((f) => `${f.location.path}:${f.location.line}`);
    expect(at("dangerous-triggers")).toEqual([".github/workflows/release.yml:11"]);
    expect(at("template-injection")).toEqual([".github/workflows/release.yml:21"]);
    expect(at("secrets-inherit")).toEqual([".github/workflows/release.yml:24"]);
    expect(at("overprovisioned-secrets")).toEqual([".github/workflows/release.yml:6"]);
    expect(at("rotation-overdue")).toEqual([".github/keyward.yml:2"]);
    expect(at("orphaned-identity")).toEqual([".github/keyward.yml:7"]);
    expect(at("review-overdue")).toEqual([".github/keyward.yml:7"]);
    expect(findings.find((f) => f.ruleId === "dangerous-triggers")!.severity).toBe("high");
  });

  it("calls a secret missing from the inventory unowned and names the workflow's code owners to adopt it", async () => {
    const { findings } = await audit();
    const unowned = findings.filter((f) => f.ruleId === "unowned-workflow-token");
    expect(unowned.map((f) => f.identity).sort()).toEqual(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "DEPLOY_TOKEN"]);
    for (const f of unowned) expect(f.message).toContain("@acme/platform");
  });

  it("gives the blast radius: a fork can reach NPM_TOKEN, handed to an unpinned action", async () => {
    const { findings } = await audit();
    const npm = findings.find((f) => f.ruleId === "unpinned-uses" && f.identity === "NPM_TOKEN")!;
    expect(npm.blastRadius!.forkReachable).toBe(true);
    expect(npm.blastRadius!.actions).toContainEqual({ uses: "some-org/publish-action@v1", pinned: false });
    expect(npm.blastRadius!.workflows.map((w) => w.file).sort()).toEqual([".github/workflows/ci.yml", ".github/workflows/release.yml"]);
  });

  it("writes valid SARIF and fails only at the chosen severity", async () => {
    const sarif = await runBin(["audit", "--format", "sarif", "--today", "2026-06-01", root]);
    expect(validateSarif(JSON.parse(sarif.stdout))).toEqual([]);
    expect((await runBin(["audit", "--fail-on", "critical", "--today", "2026-06-01", root])).code).toBe(0);
  });

  it("lists every identity with owner, source, rotation and blast radius", async () => {
    const { code, stdout } = await runBin(["inventory", "--today", "2026-06-01", root]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^NPM_TOKEN\n  owner:\s+@octocat \(from inventory\)\n  purpose:\s+publish to npm\n  rotated:\s+2026-01-01, next due 2026-04-01/m);
    expect(stdout).toMatch(/^AWS_ACCESS_KEY_ID\n  owner:\s+NO OWNER — should be adopted by @acme\/platform/m);
    expect(stdout).toMatch(/triggers:\s+push, pull_request_target — a fork can trigger a run that has it/);
    expect(stdout).toMatch(/\.github\/workflows\/release\.yml \[publish\]: repository default/);
    const json = JSON.parse((await runBin(["inventory", "--format", "json", "--today", "2026-06-01", root])).stdout);
    expect(json.identities.map((i: { name: string }) => i.name)).toEqual(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "DEPLOY_TOKEN", "NPM_TOKEN", "OLD_DEPLOY_KEY"]);
  });

  it("suppresses a finding with an inline ignore comment", async () => {
    const before = (await audit()).findings.filter((f) => f.ruleId === "secrets-inherit");
    expect(before).toHaveLength(1);
    const dir = mkdtempSync(join(tmpdir(), "keyward-audit-ignore-"));
    writeTree(dir, {
      ".github/workflows/x.yml": "on: push\npermissions: {}\njobs:\n  a:\n    uses: o/r/.github/workflows/w.yml@" + SHA + "\n    secrets: inherit # keyward: ignore[secrets-inherit]\n",
    });
    const r = JSON.parse((await runBin(["audit", "--format", "json", dir])).stdout);
    expect(r.findings).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("hostile workflow files are bounded", () => {
  it("turns an alias bomb, deep nesting, a 10 MB file and broken YAML into findings, quickly", async () => {
    const dir = mkdtempSync(join(tmpdir(), "keyward-hostile-"));
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`), "on: push", "jobs: {}"].join("\n");
    writeTree(dir, {
      ".github/workflows/bomb.yml": bomb,
      ".github/workflows/deep.yml": "on: push\njobs: " + "[".repeat(5000) + "]".repeat(5000) + "\n",
      ".github/workflows/huge.yml": "on: push\njobs:\n  a:\n    runs-on: x\n" + "# padding\n".repeat(1_100_000),
      ".github/workflows/broken.yml": "on: push\njobs:\n  a: [unclosed\n",
    });
    const started = performance.now();
    const r = await runBin(["audit", "--format", "json", dir]);
    expect(performance.now() - started).toBeLessThan(5000);
    const errors = JSON.parse(r.stdout).findings.filter((f: JsonFinding) => f.ruleId === "workflow-parse-error");
    expect(errors.map((f: JsonFinding) => f.location.path).sort()).toEqual([
      ".github/workflows/bomb.yml",
      ".github/workflows/broken.yml",
      ".github/workflows/deep.yml",
      ".github/workflows/huge.yml",
    ]);
    expect(errors.find((f: JsonFinding) => f.location.path.endsWith("broken.yml"))!.location.line).toBeGreaterThanOrEqual(3);
    rmSync(dir, { recursive: true, force: true });
  });
});
