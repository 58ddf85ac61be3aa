import { describe, expect, it } from "vitest";
import { applyEvent, IllegalTransitionError, InvalidDetailsError, LIFECYCLE_EVENTS, legalEvents, TRANSITIONS } from "../../src/evidence/lifecycle.js";
import type { EvidenceEvent, FindingState } from "../../src/evidence/types.js";

const STATES: readonly FindingState[] = ["detected", "issue-opened", "assigned", "acknowledged", "rotated", "revoked", "fix-verified", "closed", "false-positive", "exception", "reopened"];
const EXCEPTION = { approver: "bob", reason: "test account, no customer data", expires: "2025-03-31", owner: "@alice" };

function walk(events: readonly EvidenceEvent[], details: Record<string, unknown> = {}): FindingState {
  return events.reduce<FindingState | undefined>((state, e) => applyEvent(state, e, details), undefined)!;
}

describe("the finding lifecycle", () => {
  it("walks the happy path to closed", () => {
    expect(walk(["detected", "issue-opened", "assigned", "acknowledged", "rotated", "fix-verified", "closed"])).toBe("closed");
    expect(walk(["detected", "issue-opened", "assigned", "acknowledged", "revoked", "fix-verified", "closed"])).toBe("closed");
  });

  it("lets an owner attest before acknowledging, and re-attest", () => {
    expect(walk(["detected", "rotated"])).toBe("rotated");
    expect(walk(["detected", "issue-opened", "revoked"])).toBe("revoked");
    expect(walk(["detected", "issue-opened", "assigned", "rotated", "revoked", "fix-verified"])).toBe("fix-verified");
  });

  it("only verifies a fix that someone attested, and only closes a verified fix or a false positive", () => {
    for (const from of ["detected", "assigned", "acknowledged", "exception", "reopened"] as const) {
      expect(() => applyEvent(from, "fix-verified", {})).toThrow(IllegalTransitionError);
    }
    expect(() => applyEvent("rotated", "closed", {})).toThrow(IllegalTransitionError);
    expect(() => applyEvent("exception", "closed", {})).toThrow(IllegalTransitionError);
    expect(applyEvent("false-positive", "closed", {})).toBe("closed");
  });

  it("reopens from anywhere and starts over from reopened", () => {
    for (const from of STATES) expect(applyEvent(from, "reopened", {})).toBe("reopened");
    expect(walk(["detected", "rotated", "fix-verified", "closed", "reopened", "issue-opened", "assigned", "acknowledged", "revoked", "fix-verified", "closed"])).toBe("closed");
  });

  it("grants, renews and expires exceptions", () => {
    expect(applyEvent("assigned", "exception-granted", EXCEPTION)).toBe("exception");
    expect(applyEvent("exception", "exception-granted", { ...EXCEPTION, expires: "2025-06-30" })).toBe("exception");
    expect(applyEvent("exception", "exception-expired", {})).toBe("reopened");
    expect(applyEvent("exception", "rotated", {})).toBe("rotated");
    expect(() => applyEvent("assigned", "exception-expired", {})).toThrow(IllegalTransitionError);
  });

  it.each([
    ["no approver", { reason: "r", expires: "2025-03-31" }, "approver"],
    ["no reason", { approver: "bob", expires: "2025-03-31" }, "reason"],
    ["no expiry", { approver: "bob", reason: "r" }, "expires"],
    ["an expiry that is not a day", { approver: "bob", reason: "r", expires: "2025-02-30" }, "expires"],
    ["the owner approving", { approver: "Alice", reason: "r", expires: "2025-03-31", owner: "@bob, @alice" }, "approver"],
    ["an owner in owners approving", { approver: "alice", reason: "r", expires: "2025-03-31", owners: ["@alice"] }, "approver"],
  ])("refuses an exception with %s", (_, details, field) => {
    const err = (() => {
      try {
        applyEvent("assigned", "exception-granted", details);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InvalidDetailsError);
    expect(err).toMatchObject({ event: "exception-granted", field });
  });

  it("needs a reason to call a finding a false positive", () => {
    expect(() => applyEvent("assigned", "false-positive", {})).toThrow(InvalidDetailsError);
    expect(applyEvent("assigned", "false-positive", { reason: "a documented test fixture" })).toBe("false-positive");
    expect(() => applyEvent("rotated", "false-positive", { reason: "x" })).toThrow(IllegalTransitionError);
  });

  it("allows detected only as a finding's first record", () => {
    expect(applyEvent(undefined, "detected", {})).toBe("detected");
    for (const from of STATES) expect(() => applyEvent(from, "detected", {})).toThrow(IllegalTransitionError);
    const err = (() => {
      try {
        applyEvent(undefined, "assigned", {});
      } catch (e) {
        return e as IllegalTransitionError;
      }
    })();
    expect(err).toMatchObject({ name: "IllegalTransitionError", from: undefined, event: "assigned" });
    expect(err?.message).toMatch(/first record must be 'detected'/);
  });

  it("refuses events that do not change state, naming the way to record them", () => {
    for (const e of ["redetected", "reviewed", "review-opened", "validity-checked", "revocation-requested", "revocation-failed"] as const) {
      expect(() => applyEvent("assigned", e, {})).toThrow(/append it instead/);
    }
  });

  it("names what is allowed when a transition is refused", () => {
    expect(() => applyEvent("closed", "rotated", {})).toThrow("'rotated' is not allowed for a finding in state 'closed' (allowed: reopened)");
    expect(legalEvents(undefined)).toEqual(["detected"]);
  });

  it("leaves every state a way forward, and every event reachable", () => {
    for (const s of STATES) expect(legalEvents(s).length).toBeGreaterThan(0);
    for (const e of LIFECYCLE_EVENTS) if (e !== "detected") expect(TRANSITIONS[e].from.length).toBeGreaterThan(0);
  });
});
