import { describe, expect, it } from "vitest";
import { verifyChain } from "../../src/evidence/chain.js";
import { IllegalTransitionError } from "../../src/evidence/lifecycle.js";
import { MemoryEvidenceStore } from "../../src/evidence/memory.js";
import { input, runLifecycle, sqliteFactory, steppingClock } from "./helpers.js";

describe("the in-memory evidence store (the GitHub Action's)", () => {
  it("records the same lifecycle as the same chain as SQLite, hash for hash, given the same clock", async () => {
    const memory = new MemoryEvidenceStore({ clock: steppingClock() });
    const sqlite = await sqliteFactory.create({ clock: steppingClock() });
    try {
      await runLifecycle(memory);
      await runLifecycle(sqlite.store);
      const records = await memory.records();
      expect(records).toEqual(await sqlite.store.records());
      expect(verifyChain(records)).toEqual({ ok: true });
      expect(await memory.stateOf("acme/api", "secret:fp-one")).toBe("closed");
      expect((await memory.records({ fingerprint: "secret:fp-two" })).map((r) => r.event)).toEqual(["detected", "exception-granted"]);
      expect((await memory.records({ since: new Date("2025-01-06T09:02:00Z"), until: new Date("2025-01-06T09:04:00Z") })).map((r) => r.seq)).toEqual([3, 4]);
    } finally {
      await sqlite.cleanup();
    }
  });

  it("returns the existing record for a redelivery and refuses an illegal transition", async () => {
    const store = new MemoryEvidenceStore();
    const first = await store.transition(input("detected", { deliveryId: "run-7" }));
    expect(await store.transition(input("detected", { deliveryId: "run-7" }))).toEqual(first);
    await expect(store.transition(input("closed"))).rejects.toBeInstanceOf(IllegalTransitionError);
    expect((await store.records()).length).toBe(1);
    expect(await store.head()).toEqual(first);
  });
});
