import { describe, expect, it } from "vitest";
import { GENESIS_HASH } from "../../src/evidence/chain.js";
import { DETAILS, detailsAs, evidence, evidenceInput, typed, UnreadableDetailsError } from "../../src/evidence/details.js";
import { InvalidDetailsError, LIFECYCLE_EVENTS } from "../../src/evidence/lifecycle.js";
import { MemoryEvidenceStore } from "../../src/evidence/memory.js";
import { summarize } from "../../src/evidence/report.js";
import { historyOf } from "../../src/revoke/policy.js";
import type { EvidenceEvent, EvidenceRecord } from "../../src/evidence/types.js";
import { sqliteFactory } from "./helpers.js";

let seq = 0;
function rec(fingerprint: string, event: string, details: unknown, time = "2025-01-02T00:00:00.000Z"): EvidenceRecord {
  seq += 1;
  return { seq, time, repository: "acme/api", fingerprint, event: event as EvidenceEvent, actor: "keyward", details: details as Record<string, unknown>, prevHash: GENESIS_HASH, hash: GENESIS_HASH };
}

describe("typed evidence details", () => {
  it("has a schema for every event, lifecycle or not", () => {
    for (const e of LIFECYCLE_EVENTS) expect(DETAILS).toHaveProperty([e]);
    expect(Object.keys(DETAILS)).toEqual(expect.arrayContaining(["redetected", "reviewed", "review-opened", "validity-checked", "revocation-requested", "revocation-failed"]));
  });

  it("reads a record's details narrowed by its event", () => {
    const t = typed(rec("secret:a", "exception-granted", { approver: "bob", reason: "sandbox", expires: "2025-03-31", owner: "@alice", issue: 4 }));
    expect(t.ok).toBe(true);
    if (!t.ok || t.event !== "exception-granted") throw new Error("not narrowed");
    expect([t.details.approver, t.details.expires, t.details.issue]).toEqual(["bob", "2025-03-31", 4]);
    expect(detailsAs(rec("secret:a", "closed", { issue: 4, verdict: "false-positive" }), "closed")).toEqual({ issue: 4, verdict: "false-positive" });
    expect(detailsAs(rec("secret:a", "closed", {}), "rotated")).toBeUndefined();
  });

  it.each([
    ["an issue that is an object", "closed", { issue: { number: 4 } }, "details.issue"],
    ["owners that are a string", "assigned", { owners: "@her" }, "details.owners"],
    ["an exception with no approver", "exception-granted", { reason: "r", expires: "2025-03-31" }, "details.approver"],
    ["details that are an array", "detected", [1, 2, 3], "details"],
    ["details that are null", "detected", null, "details"],
    ["an event Keyward does not know", "owned-by-mallory", {}, "unknown event"],
  ])("calls a record with %s unreadable, and says why", (_, event, details, problem) => {
    const t = typed(rec("secret:a", event, details));
    expect(t).toMatchObject({ ok: false, problem: expect.stringContaining(problem) });
    if (event !== "owned-by-mallory") expect(() => detailsAs(rec("secret:a", event, details), event as EvidenceEvent)).toThrow(UnreadableDetailsError);
  });

  it("refuses to store details that do not fit their event, lifecycle or not", async () => {
    const store = new MemoryEvidenceStore();
    const where = { repository: "acme/api", fingerprint: "secret:a", actor: "keyward" };
    await store.transition(evidenceInput(where, evidence("detected", { rule: "github-pat", line: 3 })));
    await expect(store.transition({ ...where, event: "assigned", details: { owners: "@her" } })).rejects.toThrow(InvalidDetailsError);
    await expect(store.append({ ...where, event: "redetected", details: { line: "three" } })).rejects.toThrow(/details\.line/);
    expect((await store.records()).map((r) => r.event)).toEqual(["detected"]);
  });

  it("reports and decides from a tampered log without crashing or taking the tampered details", async () => {
    const log = await sqliteFactory.create();
    try {
      const where = { repository: "acme/api", fingerprint: "secret:a", actor: "keyward" };
      await log.store.transition(evidenceInput(where, evidence("detected", { rule: "github-pat", severity: "high" })));
      await log.store.transition(evidenceInput(where, evidence("issue-opened", { issue: 7, url: "https://github.example/acme/api/issues/7" })));
      await log.store.append(evidenceInput(where, evidence("revocation-requested", { provider: "github", mode: "dry-run", sent: false })));
      // Behind the store's back, as someone with the database's password would.
      await log.raw(`DROP TRIGGER records_no_update; UPDATE records SET details = '{"issue": {"$gt": 0}, "url": 12}' WHERE seq = 2`);
      await log.raw(`UPDATE records SET details = '[1,2,3]' WHERE seq = 3`);
      const records = await log.store.records();
      const summary = summarize(records, { period: { since: new Date(0), until: new Date("2100-01-01T00:00:00Z") }, asOf: new Date("2100-01-01T00:00:00Z") });
      const trail = summary.population[0]!;
      expect(trail.issue).toBeUndefined();
      expect(trail.steps[1]!.note).toMatch(/^unreadable details: details\.issue/);
      expect(trail.rule).toBe("github-pat");
      // An unreadable dry-run record is not taken as one: the next push records the dry run again.
      expect(historyOf(records, "acme/api").dryRunRecorded).toBe(false);
    } finally {
      await log.cleanup();
    }
  });
});
