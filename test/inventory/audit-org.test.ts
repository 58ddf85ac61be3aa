import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGitHubOrg, type StandIn } from "../helpers/github-org.js";
import { validateSarif } from "../helpers/sarif.js";
import { cleanOrg, plantedOrg, TODAY } from "./orgs.js";

const run = promisify(execFile);
const BIN = join(import.meta.dirname, "../../dist/bin.js");

interface Finding {
  ruleId: string;
  severity: string;
  message: string;
  remediation?: string;
  identity?: string;
  location: { path: string; line: number };
}

/** The built binary in a child process, as a user runs it. */
async function keyward(gh: StandIn, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args, "--today", TODAY], { cwd, env: { PATH: process.env.PATH, GITHUB_TOKEN: "test-token", GITHUB_API_URL: gh.url, GITHUB_SERVER_URL: "https://github.example" } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("keyward audit --org against the stand-in", () => {
  let planted: StandIn;
  let clean: StandIn;
  let dir: string;
  beforeAll(async () => {
    planted = await startGitHubOrg(plantedOrg());
    clean = await startGitHubOrg(cleanOrg());
    dir = mkdtempSync(join(tmpdir(), "keyward-org-"));
  });
  afterAll(async () => {
    await planted.close();
    await clean.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reports each inventory finding on the planted organisation, located and with a remediation", async () => {
    const r = await keyward(planted, ["audit", "--org", "acme-planted", "--format", "json", "--no-cache"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
    const byRule = (id: string) => findings.filter((f) => f.ruleId === id);
    for (const id of ["orphaned-secret", "undefined-secret", "rotation-overdue", "overshared-org-secret", "unprotected-environment-secret", "stale-deploy-key", "pat-without-expiry", "pat-unused", "unowned-identity"])
      expect(byRule(id).length, id).toBeGreaterThan(0);
    for (const f of findings) expect(f.remediation, f.ruleId).toBeTruthy();

    // At the workflow line where there is one.
    expect(byRule("undefined-secret")).toEqual([expect.objectContaining({ location: expect.objectContaining({ path: "acme-planted/web/.github/workflows/deploy.yml", line: 17 }) })]);
    expect(byRule("undefined-secret")[0]!.message).toContain("SENTRY_DSN");
    expect(byRule("rotation-overdue").map((f) => [f.identity, f.location.path, f.location.line])).toContainEqual(["NPM_TOKEN", "acme-planted/web/.github/workflows/deploy.yml", 15]);
    expect(byRule("rotation-overdue").find((f) => f.identity === "NPM_TOKEN")!.message).toContain("2026-06-01");
    expect(byRule("unprotected-environment-secret")[0]!.location).toMatchObject({ path: "acme-planted/web/.github/workflows/deploy.yml", line: 10 });
    // Else at the settings page where it is managed.
    expect(byRule("orphaned-secret").map((f) => [f.identity, f.location.path])).toEqual(
      expect.arrayContaining([
        ["LEGACY_KEY", "https://github.example/acme-planted/web/settings/secrets/actions"],
        ["ORG_UNUSED", "https://github.example/organizations/acme-planted/settings/secrets/actions"],
      ]),
    );
    expect(byRule("overshared-org-secret").map((f) => f.identity)).toEqual(["SHARED_TOKEN"]);
    expect(byRule("overshared-org-secret")[0]!.message).toMatch(/read by 4 repositories but only 1 use/);
    expect(byRule("stale-deploy-key").map((f) => f.identity)).toEqual(["old-ci"]);
    expect(byRule("pat-without-expiry").map((f) => f.identity)).toEqual(["forever"]);
    expect(byRule("pat-unused").map((f) => f.identity)).toEqual(["idle"]);
    expect(byRule("unowned-identity").map((f) => f.identity).sort()).toEqual(["LEGACY_KEY", "ORG_DEPENDABOT_OLD", "ORG_UNUSED", "renovate"]);
    // Organisation Dependabot secrets: used by a repository's dependabot.yml registry, or not at all.
    expect(byRule("orphaned-secret").find((f) => f.identity === "ORG_DEPENDABOT_OLD")).toMatchObject({ location: { path: "https://github.example/organizations/acme-planted/settings/secrets/dependabot" } });
    expect(byRule("orphaned-secret").find((f) => f.identity === "ORG_DEPENDABOT_OLD")!.message).toMatch(/^organisation Dependabot secret ORG_DEPENDABOT_OLD in acme-planted is used by no workflow in the 3 repositories that can read it and no registry/);
    expect(byRule("rotation-overdue").find((f) => f.identity === "ORG_DEPENDABOT_OLD")!.message).toContain("2025-01-01 (GitHub's updated_at), 699 days ago; the policy (inventory.rotate_every) is every 365 days");
    expect(findings.filter((f) => f.identity === "ORG_REGISTRY_TOKEN")).toEqual([]);
    // Owned, used, fresh identities are not findings.
    expect(findings.filter((f) => f.identity === "NPM_REGISTRY_TOKEN" || f.identity === "DEPLOY_TOKEN" && f.ruleId !== "unprotected-environment-secret")).toEqual([]);
  });

  it("reports nothing on the clean organisation", async () => {
    const r = await keyward(clean, ["audit", "--org", "acme-clean", "--no-cache"], dir);
    expect(r.stdout).toMatch(/^no findings in acme-clean: 3 repositories, \d+ identities$/m);
    expect(r.code).toBe(0);
  });

  it("writes valid SARIF and CSV", async () => {
    const sarif = await keyward(planted, ["audit", "--org", "acme-planted", "--format", "sarif", "--no-cache"], dir);
    validateSarif(JSON.parse(sarif.stdout));
    const csv = await keyward(planted, ["audit", "--org", "acme-planted", "--format", "csv", "--no-cache"], dir);
    expect(csv.stdout.split("\r\n")[0]).toBe("rule,severity,confidence,location,line,identity,repository,message,remediation,fingerprint");
    expect(csv.stdout).toContain("pat-without-expiry,high,high,https://github.example/organizations/acme-planted/settings/personal-access-tokens/active,1,forever,");
  });

  it("skips what the token may not read with a note, and still reports the rest", async () => {
    planted.granted = new Set(["metadata", "contents", "secrets", "environments", "actions", "dependabot_secrets", "organization_secrets"]);
    // (organization_dependabot_secrets is not granted either: its secrets are skipped, and ORG_REGISTRY_TOKEN, which web's dependabot.yml reads, is not concluded missing.)
    try {
      const r = await keyward(planted, ["audit", "--org", "acme-planted", "--format", "json", "--no-cache"], dir);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/skipped personal-access-tokens at acme-planted: GitHub answered 403 "Resource not accessible by integration" — it needs the organization_personal_access_tokens: read permission/);
      expect(r.stderr).toMatch(/skipped deploy-keys at acme-planted\/[\w.-]+: .* administration: read/);
      expect(r.stderr).toMatch(/skipped app-installations at acme-planted: .* organization_administration: read/);
      expect(r.stderr).toMatch(/skipped organization-dependabot-secrets at acme-planted: .* organization_dependabot_secrets: read/);
      const rules = new Set((JSON.parse(r.stdout) as { findings: Finding[] }).findings.map((f) => f.ruleId));
      expect(rules.has("pat-without-expiry") || rules.has("stale-deploy-key")).toBe(false);
      expect(rules.has("overshared-org-secret")).toBe(true);
    } finally {
      delete planted.granted;
    }
  });

  it("answers a repeated sweep from ETags: every request a 304, nothing charged to the rate limit", async () => {
    const cache = join(dir, "cache.json");
    planted.resetCounts();
    const first = await keyward(planted, ["audit", "--org", "acme-planted", "--cache", cache], dir);
    const charged = planted.counts.charged;
    // From nothing, everything is charged but the second read of the .github repository's listings (its policy, then its own sweep).
    expect(planted.counts.notModified).toBeLessThanOrEqual(3);
    expect(charged).toBe(planted.counts.requests - planted.counts.notModified);
    planted.resetCounts();
    const second = await keyward(planted, ["audit", "--org", "acme-planted", "--cache", cache], dir);
    expect(second.stdout).toBe(first.stdout.replace(/\d+ requests, \d+ answered 304/, `${planted.counts.requests} requests, ${planted.counts.requests} answered 304`));
    expect(planted.counts.charged).toBe(0);
    expect(planted.counts.notModified).toBe(planted.counts.requests);
    expect(planted.counts.requests).toBeLessThan(charged);
    // The cache holds names and metadata only.
    expect(readFileSync(cache, "utf8")).not.toMatch(/encrypted_value|"value"/);
  });

  it("lists the inventory with owners, real ages and blast radius", async () => {
    const r = await keyward(planted, ["inventory", "--org", "acme-planted", "--format", "json", "--no-cache"], dir);
    expect(r.code).toBe(0);
    const ids = (JSON.parse(r.stdout) as { identities: Array<{ kind: string; name: string; ownerSource: string; owners: unknown[]; updatedAt?: string; blastRadius: { repositories: string[]; permissions?: Record<string, string> } }> }).identities;
    const npm = ids.find((i) => i.name === "NPM_TOKEN")!;
    expect(npm).toMatchObject({ kind: "repository-secret", ownerSource: "inventory", updatedAt: "2026-06-01T10:00:00Z" });
    expect(ids.find((i) => i.name === "SHARED_TOKEN")!.blastRadius.repositories).toHaveLength(4);
    expect(ids.find((i) => i.name === "forever")).toMatchObject({ kind: "personal-access-token", ownerSource: "github", owners: [{ kind: "user", login: "bob" }] });
    expect(ids.find((i) => i.name === "renovate")!.blastRadius.permissions).toEqual({ contents: "write", pull_requests: "write", metadata: "read" });
    const csv = await keyward(planted, ["inventory", "--org", "acme-planted", "--format", "csv", "--no-cache"], dir);
    expect(csv.stdout.split("\r\n")[0]).toBe("kind,name,repository,environment,organization,created_at,updated_at,last_used,expires_at,owners,owner_source,used_by,readable_by,permissions,settings");
  });

  it("takes rotation and idle thresholds from the organisation's .github repository, and refuses an invalid policy with file:line:column", async () => {
    const orgRepo = planted.org.repos.find((r) => r.name === ".github")!;
    const original = orgRepo.files![".github/keyward.yml"]!;
    const audit = async (policy: string) => {
      orgRepo.files![".github/keyward.yml"] = `${original}inventory:\n${policy}`;
      return keyward(planted, ["audit", "--org", "acme-planted", "--format", "json", "--no-cache"], dir);
    };
    try {
      const lenient = await audit("  rotate_every: 2y\n  pat_idle: 400d\n  deploy_key_idle: 1y\n");
      expect(lenient.stderr).toBe("");
      const findings = (JSON.parse(lenient.stdout) as { findings: Finding[] }).findings;
      const of = (rule: string) => findings.filter((f) => f.ruleId === rule).map((f) => f.identity);
      // 699 days is within two years; an entry's own rotate_every (NPM_TOKEN: 90d) still wins.
      expect(of("rotation-overdue")).toEqual(["NPM_TOKEN"]);
      expect(of("pat-unused")).toEqual([]); // last used 303 days ago
      expect(of("stale-deploy-key")).toEqual([]); // last used 275 days ago
      const strict = await audit("  rotate_every: 30d\n");
      expect((JSON.parse(strict.stdout) as { findings: Finding[] }).findings.find((f) => f.ruleId === "rotation-overdue" && f.identity === "LEGACY_KEY")!.message).toContain("the policy (inventory.rotate_every) is every 30 days");

      const misspelt = await audit("  rotate_evry: 30d\n");
      expect(misspelt.code).toBe(2);
      expect(misspelt.stderr).toContain('acme-planted/.github/.github/keyward.yml:7:3: inventory.rotate_evry: unknown key (did you mean "rotate_every"?)');
      const bad = await audit("  rotate_every: soon\n");
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/acme-planted\/\.github\/\.github\/keyward\.yml:7:\d+: inventory\.rotate_every: "soon" is not a duration/);
      expect(bad.stdout).toBe("");
    } finally {
      orgRepo.files![".github/keyward.yml"] = original;
    }
  });

  it("audits one repository with --repo, withholding organisation-wide judgements", async () => {
    const r = await keyward(planted, ["audit", "--org", "acme-planted", "--repo", "api", "--format", "json", "--no-cache"], dir);
    const rules = (JSON.parse(r.stdout) as { findings: Finding[] }).findings.map((f) => f.ruleId);
    expect(rules).not.toContain("overshared-org-secret");
    expect(rules).not.toContain("undefined-secret");
    const missing = await keyward(planted, ["audit", "--org", "acme-planted", "--repo", "nope", "--no-cache"], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("acme-planted/nope was not found");
  });
});
