/**
 * The pure parts: what the policy decides for one secret, when a validity check is due, what
 * the evidence says for the issue, the issue section itself, batching and rate accounting.
 */
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import type { EvidenceRecord } from "../../src/evidence/types.js";
import { issueBody, withWindowStatus, windowSection } from "../../src/report/issue.js";
import { CHECKABLE, REVOCABLE } from "../../src/revoke/index.js";
import { historyOf, revocationDecision, ruleIdsToHold, validityDue, windowStatus, type RevokePolicy } from "../../src/revoke/policy.js";
import { inBatches, RateWindow } from "../../src/revoke/rate.js";
import type { SecretFinding } from "../../src/detect/types.js";

const policy = (p: Partial<RevokePolicy> = {}): RevokePolicy => ({ mode: "on", providers: ["github", "slack"], scope: "all", ...p });
const NONE = { dryRunRecorded: false };
const REPO = "acme/widgets";

let seq = 0;
function record(event: EvidenceRecord["event"], details: Record<string, unknown>, repository = REPO, time = "2026-11-20T10:00:00.000Z"): EvidenceRecord {
  seq++;
  return { seq, time, repository, fingerprint: "secret:0123456789abcdef0123", event, actor: "keyward", details, prevHash: "0", hash: String(seq) };
}

describe("configuration", () => {
  it("keeps revocation and validity checks off unless asked for", () => {
    const { config, errors } = parseConfig("");
    expect(errors).toEqual([]);
    expect(config.revoke).toEqual({ mode: "off", providers: ["github", "slack"], scope: "public-repos" });
    expect(config.validity).toEqual({ check: false });
  });
  it("reads the keys, and reports a bad mode with its line", () => {
    expect(parseConfig("revoke:\n  mode: dry-run\n  providers: [slack]\n  scope: all\nvalidity:\n  check: true\n").config).toMatchObject({ revoke: { mode: "dry-run", providers: ["slack"], scope: "all" }, validity: { check: true } });
    const bad = parseConfig("revoke:\n  mode: sometimes\n");
    expect(bad.errors[0]).toMatchObject({ line: 2 });
    expect(bad.errors[0]!.message).toMatch(/^revoke\.mode/);
  });
});

describe("the revocation decision", () => {
  const secret = { ruleId: "github-pat", state: "assigned" as const };
  it("does nothing when the mode is off", () => {
    expect(revocationDecision(policy({ mode: "off" }), secret, false, NONE, REVOCABLE)).toEqual({ action: "skip", reason: "off" });
  });
  it("revokes through the provider that owns the rule, dry-runs in dry-run mode", () => {
    expect(revocationDecision(policy(), secret, false, NONE, REVOCABLE)).toEqual({ action: "revoke", provider: "github" });
    expect(revocationDecision(policy(), { ruleId: "slack-user-token", state: undefined }, false, NONE, REVOCABLE)).toEqual({ action: "revoke", provider: "slack" });
    expect(revocationDecision(policy({ mode: "dry-run" }), secret, false, NONE, REVOCABLE)).toEqual({ action: "dry-run", provider: "github" });
    expect(revocationDecision(policy({ mode: "dry-run" }), secret, false, { dryRunRecorded: true }, REVOCABLE)).toEqual({ action: "skip", reason: "already-recorded" });
  });
  it("skips what no provider revokes, providers left out, and private repositories under public-repos", () => {
    expect(revocationDecision(policy(), { ruleId: "aws-access-key-id", state: undefined }, false, NONE, REVOCABLE)).toMatchObject({ reason: "not-revocable" });
    expect(revocationDecision(policy(), { ruleId: "github-app-installation-token", state: undefined }, false, NONE, REVOCABLE)).toMatchObject({ reason: "not-revocable" });
    expect(revocationDecision(policy({ providers: ["slack"] }), secret, false, NONE, REVOCABLE)).toMatchObject({ reason: "provider-disabled" });
    expect(revocationDecision(policy({ scope: "public-repos" }), secret, true, NONE, REVOCABLE)).toMatchObject({ reason: "private-repository" });
    expect(revocationDecision(policy({ scope: "public-repos" }), secret, false, NONE, REVOCABLE)).toMatchObject({ action: "revoke" });
  });
  it("leaves alone findings already revoked, verified, closed, false positives and exceptions", () => {
    for (const state of ["revoked", "fix-verified", "closed", "false-positive", "exception"] as const)
      expect(revocationDecision(policy(), { ruleId: "github-pat", state }, false, NONE, REVOCABLE)).toMatchObject({ reason: "resolved" });
    expect(revocationDecision(policy(), { ruleId: "github-pat", state: "rotated" }, false, NONE, REVOCABLE)).toMatchObject({ action: "revoke" });
  });
  it("records rather than resends a credential Keyward already had revoked from another repository", () => {
    const history = historyOf([record("revoked", { by: "keyward:auto", provider: "github", revokedAt: "2026-11-19T09:00:00.000Z" }, "acme/other")], REPO);
    expect(revocationDecision(policy(), { ruleId: "github-pat", state: "reopened" }, false, history, REVOCABLE)).toEqual({
      action: "already-revoked",
      provider: "github",
      before: { repository: "acme/other", provider: "github", at: "2026-11-19T09:00:00.000Z" },
    });
    // An owner's own `/keyward revoked` attestation is not Keyward's revocation.
    expect(historyOf([record("revoked", { by: "dana" }, "acme/other")], REPO).revokedBefore).toBeUndefined();
  });
  it("holds raw secrets only when it will send them: revoke on and in scope, or validity checks", () => {
    const off = { revoke: policy({ mode: "off" }), validity: { check: false } };
    expect(ruleIdsToHold(off, false, REVOCABLE, CHECKABLE).size).toBe(0);
    expect(ruleIdsToHold({ ...off, revoke: policy({ mode: "dry-run" }) }, false, REVOCABLE, CHECKABLE).size).toBe(0);
    expect(ruleIdsToHold({ ...off, revoke: policy({ scope: "public-repos" }) }, true, REVOCABLE, CHECKABLE).size).toBe(0);
    expect([...ruleIdsToHold({ ...off, revoke: policy({ providers: ["slack"] }) }, true, REVOCABLE, CHECKABLE)].sort()).toEqual(["slack-bot-token", "slack-legacy-bot-token", "slack-user-token"]);
    expect(ruleIdsToHold({ ...off, validity: { check: true } }, true, REVOCABLE, CHECKABLE).has("github-app-installation-token")).toBe(true);
  });
});

describe("validity checks", () => {
  const now = new Date("2026-11-20T12:00:00.000Z");
  const secret = { ruleId: "github-pat", state: "assigned" as const };
  it("are due once per secret per day, whichever repository checked it last", () => {
    const checked = (at: string) => historyOf([record("validity-checked", { state: "active", checkedAt: at }, "acme/other")], REPO);
    expect(validityDue({ check: true }, secret, NONE, CHECKABLE, now)).toBe("github");
    expect(validityDue({ check: true }, secret, checked("2026-11-19T13:00:00.000Z"), CHECKABLE, now)).toBeUndefined();
    expect(validityDue({ check: true }, secret, checked("2026-11-19T11:59:00.000Z"), CHECKABLE, now)).toBe("github");
  });
  it("are not done when off, for rules no provider checks, or for resolved findings", () => {
    expect(validityDue({ check: false }, secret, NONE, CHECKABLE, now)).toBeUndefined();
    expect(validityDue({ check: true }, { ruleId: "github-refresh-token", state: undefined }, NONE, CHECKABLE, now)).toBeUndefined();
    expect(validityDue({ check: true }, { ruleId: "github-pat", state: "false-positive" }, NONE, CHECKABLE, now)).toBeUndefined();
  });
});

describe("the issue's Revocation and validity section", () => {
  const finding: SecretFinding = {
    kind: "secret",
    ruleId: "github-pat",
    provider: "GitHub",
    description: "GitHub classic personal access token",
    severity: "critical",
    confidence: "high",
    location: { path: "src/a.js", line: 1, column: 1, endLine: 1, endColumn: 2 },
    preview: "ghp_********",
    secretId: "0123456789abcdef0123",
    fingerprint: "src/a.js:github-pat:0123456789abcdef0123",
    entropy: 5,
  };
  const body = issueBody({ finding, occurrences: [], repoUrl: "https://github.com/acme/widgets", owners: [], ownerSource: "none", repositoryPublic: false });

  it("says what was requested and when it was revoked, and ticks the checklist item", () => {
    const records = [
      record("revocation-requested", { provider: "github", mode: "on", sent: true, requestedAt: "2026-11-20T10:00:01.000Z" }),
      record("revoked", { by: "keyward:auto", provider: "github", status: 202, revokedAt: "2026-11-20T10:00:02.000Z" }),
      record("validity-checked", { provider: "github", state: "active", checkedAt: "2026-11-20T10:00:00.000Z" }, "acme/other"),
    ];
    const status = windowStatus(records, REPO);
    const out = withWindowStatus(body, status);
    expect(out).toContain("### Revocation and validity");
    expect(out).toContain("- **Revocation:** revoked at 2026-11-20 10:00:02 UTC by Keyward (requested from GitHub at 2026-11-20 10:00:01 UTC, HTTP 202).");
    expect(out).toContain("- **Validity:** active (checked 2026-11-20 10:00:00 UTC with GitHub)");
    expect(out).toContain("- [x] Revoke the credential with GitHub");
    expect(out.indexOf("### Revocation and validity")).toBeLessThan(out.indexOf("### Remediation checklist"));
    expect(withWindowStatus(out, status)).toBe(out);
  });

  it("replaces the section as things change, and leaves a body alone when there is nothing to say", () => {
    const failed = withWindowStatus(body, { revocation: { outcome: "failed", provider: "GitHub", at: "2026-11-20T10:00:00.000Z", status: 422, reason: "GitHub refused the request" } });
    expect(failed).toContain("- **Revocation:** failed: 422 from GitHub at 2026-11-20 10:00:00 UTC — GitHub refused the request. Revoke or rotate it by hand.");
    const dry = withWindowStatus(failed, { revocation: { outcome: "dry-run", provider: "Slack", at: "2026-11-20T11:00:00.000Z" } });
    expect(dry).not.toContain("failed: 422");
    expect(dry).toContain("dry run — Keyward would have asked Slack to revoke this credential");
    expect(dry.match(/### Revocation and validity/g)).toHaveLength(1);
    expect(withWindowStatus(body, {})).toBe(body);
    expect(windowSection({})).toBe("");
  });

  it("takes the latest step from this repository's records and ignores an owner's own attestation", () => {
    const status = windowStatus(
      [
        record("revocation-requested", { provider: "slack", mode: "on", sent: true, requestedAt: "2026-11-20T10:00:00.000Z" }),
        record("revocation-failed", { provider: "slack", status: "invalid_auth", failedAt: "2026-11-20T10:00:01.000Z" }),
        record("revoked", { by: "dana" }),
        record("revoked", { by: "keyward:auto", provider: "github", status: 202 }, "acme/other"),
      ],
      REPO,
    );
    expect(status).toEqual({ revocation: { outcome: "failed", provider: "Slack", at: "2026-11-20T10:00:01.000Z", status: "invalid_auth" } });
  });
});

describe("batching and rate accounting", () => {
  it("cuts 1,500 into 1,000 and 500, in order", () => {
    const items = Array.from({ length: 1500 }, (_, i) => i);
    const batches = inBatches(items, 1000);
    expect(batches.map((b) => b.length)).toEqual([1000, 500]);
    expect(batches.flat()).toEqual(items);
    expect(inBatches([], 1000)).toEqual([]);
  });
  it("allows 60 in any hour and says how long until the next", () => {
    const w = new RateWindow(60, 3_600_000);
    for (let i = 0; i < 60; i++) {
      expect(w.delay(i * 1000)).toBe(0);
      w.take(i * 1000);
    }
    expect(w.delay(60_000)).toBe(3_600_000 - 60_000);
    expect(w.delay(3_599_999)).toBe(1);
    expect(w.delay(3_600_000)).toBe(0); // the first has left the hour
    w.take(3_600_000);
    expect(w.delay(3_600_000)).toBe(1000);
    expect(w.delay(3_601_000)).toBe(0);
  });
});
