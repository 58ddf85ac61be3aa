/**
 * Workflow and identity findings have lifecycles in the log like secrets do (detected → resolved
 * when no longer observed → reopened when back), and every scan leaves a heartbeat: what the
 * report's unowned, overdue and coverage sections are computed from.
 */
import pino from "pino";
import { describe, expect, it } from "vitest";
import { IllegalTransitionError } from "../../src/evidence/lifecycle.js";
import { MemoryEvidenceStore } from "../../src/evidence/memory.js";
import { renderHtml } from "../../src/evidence/render.js";
import { summarize } from "../../src/evidence/report.js";
import { verifyChain } from "../../src/evidence/chain.js";
import { replayLifecycles } from "../../src/evidence/verify.js";
import { makeDeps } from "../../src/remediate/deps.js";
import { recordHeartbeat, recordWorkflowFindings } from "../../src/remediate/finding-evidence.js";
import type { Change } from "../../src/remediate/change-of.js";
import type { Services } from "../../src/remediate/types.js";
import { parseOwner } from "../../src/ownership/types.js";
import type { WorkflowFinding } from "../../src/workflows/finding.js";
import { steppingClock } from "./helpers.js";

const REPO = "acme/api";

function services(store: MemoryEvidenceStore, deliveryId: string): Services {
  const repo = { owner: "acme", repo: "api", fullName: REPO, installation: 7, defaultBranch: "main", htmlUrl: "https://github.com/acme/api", cloneUrl: "https://github.com/acme/api.git", isPrivate: true };
  return { octokit: undefined as never, repo, deps: makeDeps({ store }), log: pino({ level: "silent" }), deliveryId };
}

function finding(ruleId: string, identity?: string): WorkflowFinding {
  return {
    kind: "workflow",
    ruleId,
    description: ruleId,
    message: `${ruleId} message`,
    severity: "medium",
    confidence: "high",
    location: { path: ".github/workflows/ci.yml", line: 3, column: 1, endLine: 3, endColumn: 1 },
    ...(identity ? { identity } : {}),
    fingerprint: `.github/workflows/ci.yml:${ruleId}:${identity ?? "x"}`,
  };
}

const push = (headSha: string, defaultBranch = true): Change => ({ headSha, commits: [headSha], auditAlways: defaultBranch, workflowScope: defaultBranch ? "all" : "touched", ref: defaultBranch ? "main" : "feature", defaultBranch });

describe("workflow findings in the evidence log", () => {
  it("detects once, resolves when the default branch's whole audit no longer shows it, reopens when it is back", async () => {
    const store = new MemoryEvidenceStore({ clock: steppingClock("2025-03-01T09:00:00.000Z", 3_600_000) });
    const inventory = [{ secret: "NPM_TOKEN", owners: [parseOwner("@alice", "inventory")!], line: 3 }];
    const unowned = finding("unowned-workflow-token", "AWS_SECRET_ACCESS_KEY");
    const rotation = finding("rotation-overdue", "NPM_TOKEN");

    await recordWorkflowFindings(services(store, "d1"), push("a".repeat(40)), [unowned, rotation], inventory, true);
    // A redelivery, and a second push that still shows both: nothing new.
    await recordWorkflowFindings(services(store, "d1"), push("a".repeat(40)), [unowned, rotation], inventory, true);
    await recordWorkflowFindings(services(store, "d2"), push("b".repeat(40)), [unowned, rotation], inventory, true);
    // A feature-branch push that does not show them proves nothing about the default branch.
    expect(await recordWorkflowFindings(services(store, "d3"), push("c".repeat(40), false), [], inventory, true)).toEqual({ detected: 0, reopened: 0, resolved: 0 });
    // The owner is added: the unowned finding is resolved; the rotation is still overdue.
    expect(await recordWorkflowFindings(services(store, "d4"), push("d".repeat(40)), [rotation], inventory, true)).toEqual({ detected: 0, reopened: 0, resolved: 1 });
    // Someone removes the owner again.
    expect(await recordWorkflowFindings(services(store, "d5"), push("e".repeat(40)), [unowned, rotation], inventory, true)).toEqual({ detected: 0, reopened: 1, resolved: 0 });

    const records = await store.records();
    expect(records.map((r) => `${r.event} ${r.details.rule ?? ""}`.trim())).toEqual([
      "detected unowned-workflow-token",
      "detected rotation-overdue",
      "resolved",
      "reopened unowned-workflow-token",
    ]);
    expect(records[0]).toMatchObject({ fingerprint: `workflow:${unowned.fingerprint}`, deliveryId: "d1", details: { kind: "workflow", identity: "AWS_SECRET_ACCESS_KEY", unowned: true, owners: [], headSha: "a".repeat(40) } });
    expect(records[1]!.details).toMatchObject({ identity: "NPM_TOKEN", owners: ["@alice"], ownerSource: "inventory" });
    expect(records[2]!.details).toMatchObject({ headSha: "d".repeat(40), reason: "no longer observed" });
    expect(verifyChain(records).ok).toBe(true);
    expect(replayLifecycles(records)).toBeUndefined();
  });

  it("never resolves a secret by its disappearing, in the store or in verify's replay", async () => {
    const store = new MemoryEvidenceStore();
    await store.transition({ repository: REPO, fingerprint: "secret:abc", event: "detected", actor: "keyward", details: {} });
    await expect(store.transition({ repository: REPO, fingerprint: "secret:abc", event: "resolved", actor: "keyward", details: {} })).rejects.toThrow(IllegalTransitionError);
    const forged = [...(await store.records()), { ...(await store.records())[0]!, seq: 2, event: "resolved" as const }];
    expect(replayLifecycles(forged)).toMatchObject({ problem: "lifecycle", message: expect.stringContaining("a secret is not resolved by disappearing") });
  });

  it("the report lists the unowned identity and the overdue rotation until they are resolved", async () => {
    const store = new MemoryEvidenceStore({ clock: steppingClock("2025-03-01T09:00:00.000Z", 3_600_000) });
    const inventory = [{ secret: "NPM_TOKEN", owners: [parseOwner("@alice", "inventory")!], line: 3 }];
    await recordWorkflowFindings(services(store, "d1"), push("a".repeat(40)), [finding("unowned-workflow-token", "AWS_KEY"), finding("rotation-overdue", "NPM_TOKEN")], inventory, true);
    const before = summarize(await store.records(), { period: {}, asOf: new Date("2025-03-02T00:00:00.000Z") });
    expect(before.unowned).toEqual([{ repository: REPO, identity: "AWS_KEY", since: "2025-03-01T09:00:00.000Z" }]);
    expect(before.reviews.overdue.map((r) => r.identity)).toEqual(["NPM_TOKEN (rotation-overdue)"]);
    expect(before.population.map((f) => [f.kind, f.rule, f.state])).toEqual([["workflow", "unowned-workflow-token", "detected"], ["workflow", "rotation-overdue", "detected"]]);
    // Exposure and time to revoke are a leaked credential's measures, not a workflow finding's.
    expect(before.population.map((f) => [f.exposureDays, f.timeToRevokeDays])).toEqual([[null, null], [null, null]]);

    await recordWorkflowFindings(services(store, "d2"), push("b".repeat(40)), [], inventory, true);
    const after = summarize(await store.records(), { period: {}, asOf: new Date("2025-03-02T00:00:00.000Z") });
    expect(after.unowned).toEqual([]);
    expect(after.reviews.overdue).toEqual([]);
    expect(after.population.map((f) => f.state)).toEqual(["resolved", "resolved"]);
    expect(after.remediation.overall.count).toBe(2);
    expect(renderHtml(after)).toContain("Every identity recorded has an owner.");
  });
});

describe("scan heartbeats and coverage", () => {
  it("records one heartbeat per scan and shows the longest gap in the period, at its edges too", async () => {
    const times = ["2025-01-01T10:00:00.000Z", "2025-01-02T10:00:00.000Z", "2025-01-09T10:00:00.000Z", "2025-01-10T10:00:00.000Z"];
    let i = 0;
    const store = new MemoryEvidenceStore({ clock: () => new Date(times[i++]!) });
    for (const [n, sha] of ["1", "2", "3", "4"].entries()) await recordHeartbeat(services(store, `push-${n}`), push(sha.repeat(40)), { secrets: n, workflow: 1, commits: 1 });
    const records = await store.records();
    expect(records.every((r) => r.event === "scanned" && r.fingerprint === "scan")).toBe(true);
    expect(records[3]!.details).toMatchObject({ headSha: "4".repeat(40), ref: "main", findings: 4, secrets: 3, workflow: 1, keyward: expect.any(String), rules: expect.stringMatching(/^sha256:/) });

    const january = summarize(records, { period: { since: new Date("2025-01-01T00:00:00.000Z"), until: new Date("2025-02-01T00:00:00.000Z") }, asOf: new Date("2025-03-01T00:00:00.000Z") });
    // The last heartbeat is on the 10th: the 21 days to the period's end are the longest gap.
    expect(january.coverage).toEqual([
      { repository: REPO, heartbeats: 4, first: times[0], last: times[3], lastHead: "4".repeat(40), rules: expect.stringMatching(/^sha256:/), longestGap: { from: times[3], to: "2025-02-01T00:00:00.000Z", days: 21 + 14 / 24 } },
    ]);
    const early = summarize(records, { period: { since: new Date("2025-01-01T00:00:00.000Z"), until: new Date("2025-01-09T12:00:00.000Z") }, asOf: new Date("2025-03-01T00:00:00.000Z") });
    expect(early.coverage[0]!.longestGap).toEqual({ from: times[1], to: times[2], days: 7 });
    // A period with no heartbeat for a repository that had some is one long gap.
    const february = summarize(records, { period: { since: new Date("2025-02-01T00:00:00.000Z"), until: new Date("2025-03-01T00:00:00.000Z") }, asOf: new Date("2025-03-01T00:00:00.000Z") });
    expect(february.coverage).toEqual([{ repository: REPO, heartbeats: 0, first: null, last: null, lastHead: null, rules: null, longestGap: { from: "2025-02-01T00:00:00.000Z", to: "2025-03-01T00:00:00.000Z", days: 28 } }]);
    expect(renderHtml(february)).toContain("none in the period");
  });
});

describe("the configuration in force", () => {
  it("is recorded once per digest — not per delivery, not per process — and every judgement names it", async () => {
    const { withProvenance } = await import("../../src/remediate/provenance.js");
    const { DEFAULT_CONFIG } = await import("../../src/config.js");
    const store = new MemoryEvidenceStore();
    const inventory = "identities:\n  - secret: NPM_TOKEN\n    owners: ['@alice']\n    rotate_every: 90d\n    last_rotated: 2026-01-10\n";
    const loaded = { config: DEFAULT_CONFIG, source: ".github/keyward.yml", inventoryText: inventory };
    const first = services(store, "d1");
    const a = await withProvenance(first, loaded, { headSha: "a".repeat(40), pullRequest: 3 });
    await withProvenance({ ...first, deliveryId: "d2" }, loaded); // the same process, another delivery
    await withProvenance(services(store, "d3"), loaded); // another worker: its own cache, the same log
    const configs = (await store.records()).filter((r) => r.event === "config-recorded");
    expect(configs).toHaveLength(1);
    expect(configs[0]!.details).toMatchObject({ source: ".github/keyward.yml", config: { identities: [{ secret: "NPM_TOKEN", owners: ["@alice"], rotateEveryDays: 90, lastRotated: "2026-01-10" }] } });
    expect(a.provenance).toEqual({ keyward: expect.any(String), rules: expect.stringMatching(/^sha256:[0-9a-f]{16}$/), config: configs[0]!.details.digest, headSha: "a".repeat(40), pr: 3 });
    // Another inventory is another configuration.
    await withProvenance(services(store, "d4"), { ...loaded, inventoryText: inventory.replace("@alice", "@bob") });
    expect((await store.records()).filter((r) => r.event === "config-recorded")).toHaveLength(2);
    // A judgement made under it names it.
    await recordWorkflowFindings(a, push("a".repeat(40)), [finding("excessive-permissions")], [], true);
    expect((await store.records()).at(-1)!.details).toMatchObject({ config: configs[0]!.details.digest, rules: a.provenance!.rules, keyward: a.provenance!.keyward });
  });
});

describe("a pack holds the configurations its records name", () => {
  it("carries each one, in a one-repository pack too, and fails a record naming one it does not hold", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { exportPack } = await import("../../src/evidence/export.js");
    const { verifyPack } = await import("../../src/evidence/verify.js");
    const { withProvenance } = await import("../../src/remediate/provenance.js");
    const { DEFAULT_CONFIG } = await import("../../src/config.js");
    const dir = mkdtempSync(join(tmpdir(), "keyward-config-pack-"));
    const store = new MemoryEvidenceStore({ clock: steppingClock("2025-03-01T09:00:00.000Z", 60_000) });
    const loaded = { config: DEFAULT_CONFIG, source: "defaults" };
    // Another repository meets the configuration first: it is recorded under that one.
    const other = { ...services(store, "o1"), repo: { ...services(store, "o1").repo, fullName: "acme/other", repo: "other" } };
    await withProvenance(other, loaded);
    const mine = await withProvenance(services(store, "d1"), loaded, { headSha: "a".repeat(40) });
    await recordWorkflowFindings(mine, push("a".repeat(40)), [finding("excessive-permissions")], [], true);
    const pack = await exportPack(store, { outDir: join(dir, "one"), repository: REPO, toolVersion: "test" });
    expect(pack.manifest.redacted).toBe(0); // the configuration record is carried in full, not as a stub
    expect(await verifyPack(join(dir, "one"))).toMatchObject({ ok: true });

    await store.transition({ repository: REPO, fingerprint: "workflow:forged", event: "detected", actor: "keyward", details: { kind: "workflow", config: "sha256:0000" } });
    await exportPack(store, { outDir: join(dir, "two"), toolVersion: "test" });
    expect(await verifyPack(join(dir, "two"))).toMatchObject({ ok: false, problem: "provenance", message: expect.stringContaining("names the configuration sha256:0000, which the pack does not hold") });
    rmSync(dir, { recursive: true, force: true });
  });
});
