import { afterEach, describe, expect, it } from "vitest";
import { GENESIS_HASH, verifyChain } from "../../src/evidence/chain.js";
import { IllegalTransitionError, InvalidDetailsError } from "../../src/evidence/lifecycle.js";
import { FACTORIES, input, postgresFactory, runLifecycle, sqliteFactory, steppingClock, type TestLog } from "./helpers.js";

describe.each(FACTORIES)("the $name evidence store", (factory) => {
  let log: TestLog | undefined;
  const open = async (...args: Parameters<typeof factory.create>) => (log = await factory.create(...args));
  afterEach(async () => {
    await log?.cleanup();
    log = undefined;
  });

  it("appends hash-chained records and tracks each finding's state", async () => {
    const { store } = await open({ clock: steppingClock() });
    expect(await store.head()).toBeUndefined();
    expect(await store.stateOf("acme/api", "secret:fp-one")).toBeUndefined();
    await runLifecycle(store);
    const records = await store.records();
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(records[0]).toMatchObject({ installation: 42, repository: "acme/api", event: "detected", deliveryId: "d-1", prevHash: GENESIS_HASH, time: "2025-01-06T09:00:00.000Z", details: { line: 3, rule: "github-pat" } });
    expect(records.slice(1).every((r, i) => r.prevHash === records[i]!.hash)).toBe(true);
    expect(verifyChain(records)).toEqual({ ok: true });
    expect(await store.stateOf("acme/api", "secret:fp-one")).toBe("closed");
    expect(await store.stateOf("acme/api", "secret:fp-two")).toBe("exception");
    expect((await store.head())?.seq).toBe(10);
  });

  it("filters records by repository, fingerprint and time", async () => {
    const { store } = await open({ clock: steppingClock() });
    await runLifecycle(store);
    await store.transition(input("detected", { repository: "acme/web", fingerprint: "secret:fp-web" }));
    expect((await store.records({ repository: "acme/web" })).map((r) => r.seq)).toEqual([11]);
    expect((await store.records({ fingerprint: "secret:fp-two" })).map((r) => r.event)).toEqual(["detected", "exception-granted"]);
    // since inclusive, until exclusive: 09:02 and 09:03 are records 3 and 4.
    expect((await store.records({ since: new Date("2025-01-06T09:02:00Z"), until: new Date("2025-01-06T09:04:00Z") })).map((r) => r.seq)).toEqual([3, 4]);
  });

  it("returns the existing record for a redelivery instead of appending again", async () => {
    const { store } = await open();
    const first = await store.transition(input("detected", { deliveryId: "delivery-7" }));
    const again = await store.transition(input("detected", { deliveryId: "delivery-7", details: { different: true } }));
    expect(again).toEqual(first);
    // Idempotency is checked before legality: a redelivered step that is no longer legal is not an error.
    await store.transition(input("issue-opened", { deliveryId: "delivery-8" }));
    await store.transition(input("assigned", { deliveryId: "delivery-9" }));
    expect((await store.transition(input("issue-opened", { deliveryId: "delivery-8" }))).seq).toBe(2);
    expect((await store.append(input("redetected", { deliveryId: "delivery-8" }))).seq).toBe(4);
    expect((await store.append(input("redetected", { deliveryId: "delivery-8" }))).seq).toBe(4);
    expect((await store.records()).length).toBe(4);
  });

  it("refuses an illegal transition and appends nothing", async () => {
    const { store } = await open();
    await expect(store.transition(input("rotated"))).rejects.toBeInstanceOf(IllegalTransitionError);
    await store.transition(input("detected"));
    const refused = await store.transition(input("closed")).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(IllegalTransitionError);
    expect(refused).toMatchObject({ from: "detected", event: "closed" });
    await expect(store.transition(input("exception-granted", { details: { approver: "alice", owner: "alice", reason: "r", expires: "2025-02-01" } }))).rejects.toBeInstanceOf(InvalidDetailsError);
    await expect(store.transition(input("reviewed"))).rejects.toBeInstanceOf(IllegalTransitionError);
    await expect(store.append(input("rotated"))).rejects.toThrow(/use transition/);
    expect((await store.records()).length).toBe(1);
    expect(await store.stateOf("acme/api", "secret:fp-one")).toBe("detected");
  });

  it("keeps records that never change state out of the findings table", async () => {
    const { store, rawRows } = await open();
    await store.append(input("review-opened", { fingerprint: "DEPLOY_TOKEN", details: { due: "2025-02-01" } }));
    await store.append(input("reviewed", { fingerprint: "DEPLOY_TOKEN", actor: "alice" }));
    expect(await store.stateOf("acme/api", "DEPLOY_TOKEN")).toBeUndefined();
    expect(await rawRows("SELECT * FROM findings")).toEqual([]);
  });

  it("has the database itself refuse UPDATE and DELETE of records", async () => {
    const { store, raw } = await open();
    await runLifecycle(store);
    await expect(raw(`UPDATE records SET actor = 'mallory' WHERE seq = 2`)).rejects.toThrow(/append-only/);
    await expect(raw(`DELETE FROM records WHERE seq = 10`)).rejects.toThrow(/append-only/);
    await expect(raw(`DELETE FROM records`)).rejects.toThrow(/append-only/);
    if (factory.name === "postgres") await expect(raw(`TRUNCATE records CASCADE`)).rejects.toThrow(/append-only/);
    const records = await store.records();
    expect(records.length).toBe(10);
    expect(records[1]!.actor).toBe("keyward");
    expect(verifyChain(records)).toEqual({ ok: true });
  });

  it("has the database refuse an insert that does not extend the chain head", async () => {
    const { store, raw } = await open();
    await runLifecycle(store);
    const head = (await store.head())!;
    const cols = "seq, time, repository, fingerprint, event, actor, details, prev_hash, hash";
    const row = (seq: number, prev: string) => `INSERT INTO records (${cols}) VALUES (${seq}, '2025-01-07T00:00:00.000Z', 'acme/api', 'x', 'redetected', 'mallory', '{}', '${prev}', '${"e".repeat(64)}')`;
    await expect(raw(row(head.seq, head.prevHash))).rejects.toThrow();
    await expect(raw(row(head.seq + 2, head.hash))).rejects.toThrow(/extend the chain head/);
    await expect(raw(row(head.seq + 1, GENESIS_HASH))).rejects.toThrow(/extend the chain head/);
    expect((await store.records()).length).toBe(10);
  });

  it("rolls back the record when the process dies before the state update", async () => {
    let crash = false;
    const { store } = await open({
      afterInsert: () => {
        if (crash) throw new Error("simulated crash between insert and state update");
      },
    });
    await store.transition(input("detected"));
    crash = true;
    await expect(store.transition(input("issue-opened", { deliveryId: "d-crash" }))).rejects.toThrow(/simulated crash/);
    expect((await store.records()).map((r) => r.event)).toEqual(["detected"]);
    expect(await store.stateOf("acme/api", "secret:fp-one")).toBe("detected");
    crash = false;
    // The redelivery after the crash goes through: nothing of the failed attempt is left behind.
    const retried = await store.transition(input("issue-opened", { deliveryId: "d-crash" }));
    expect(retried.seq).toBe(2);
    expect(await store.stateOf("acme/api", "secret:fp-one")).toBe("issue-opened");
    expect(verifyChain(await store.records())).toEqual({ ok: true });
  });

  it("reads a finding's state from its records, so an edited state table changes nothing, and says where it was edited", async () => {
    const log = await open({ clock: steppingClock() });
    const { store } = log;
    await runLifecycle(store);
    await store.transition(input("detected", { fingerprint: "secret:fp-three" }));
    await store.transition(input("reopened", { fingerprint: "secret:fp-three", details: { reason: "the check failed" } }));
    expect(await store.checkStateCache()).toEqual([]);
    // Someone with the database drives reopened → closed with no verification, in the cache.
    await log.raw("UPDATE findings SET state = 'fix-verified' WHERE fingerprint = 'secret:fp-three'; DELETE FROM findings WHERE fingerprint = 'secret:fp-two'");
    expect(await store.stateOf("acme/api", "secret:fp-three")).toBe("reopened");
    await expect(store.transition(input("closed", { fingerprint: "secret:fp-three" }))).rejects.toMatchObject({ name: "IllegalTransitionError", from: "reopened" });
    expect(await store.stateOf("acme/api", "secret:fp-two")).toBe("exception");
    expect(await store.checkStateCache()).toEqual([
      { repository: "acme/api", fingerprint: "secret:fp-three", cached: "fix-verified", derived: "reopened" },
      { repository: "acme/api", fingerprint: "secret:fp-two", cached: undefined, derived: "exception" },
    ]);
    expect(await store.rebuildStateCache()).toBe(3);
    expect(await store.checkStateCache()).toEqual([]);
    expect(await log.rawRows("SELECT fingerprint, state FROM findings ORDER BY fingerprint")).toEqual([
      { fingerprint: "secret:fp-one", state: "closed" },
      { fingerprint: "secret:fp-three", state: "reopened" },
      { fingerprint: "secret:fp-two", state: "exception" },
    ]);
  });

  it("refuses an exception approved by an owner its records name, though the exception's record leaves the owner out", async () => {
    const { store } = await open();
    const fp = { fingerprint: "secret:carols" };
    await store.transition(input("detected", fp));
    await store.transition(input("issue-opened", { ...fp, details: { issue: 5 } }));
    await store.transition(input("assigned", { ...fp, details: { issue: 5, owners: ["@Carol", "@acme/payments"] } }));
    const exception = (approver: string) => input("exception-granted", { ...fp, actor: approver, details: { approver, reason: "test data only", expires: "2025-06-30" } });
    await expect(store.transition(exception("carol"))).rejects.toMatchObject({ name: "InvalidDetailsError", field: "approver" });
    await expect(store.transition(exception("@CAROL"))).rejects.toMatchObject({ name: "InvalidDetailsError" });
    expect(await store.stateOf("acme/api", fp.fingerprint)).toBe("assigned");
    expect((await store.transition(exception("dave"))).details).toMatchObject({ approver: "dave" });
  });

  it("keeps one unbroken chain with two writers on the same log", async () => {
    const { store, openSecond } = await open();
    const second = await openSecond();
    const writes = (s: typeof store, who: string) =>
      Array.from({ length: 50 }, (_, i) => s.transition(input("detected", { fingerprint: `secret:${who}-${i}`, actor: who, deliveryId: `${who}-${i}` })));
    // Both stores' 50 appends are in flight at once.
    await Promise.all([...writes(store, "first"), ...writes(second, "second")]);
    const records = await second.records();
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(verifyChain(records)).toEqual({ ok: true });
    expect(records.filter((r) => r.actor === "first").length).toBe(50);
    expect(records.filter((r) => r.actor === "second").length).toBe(50);
    expect(await store.stateOf("acme/api", "secret:second-49")).toBe("detected");
  });
});

describe("SQLite and PostgreSQL", () => {
  it("record the same lifecycle as the same chain, hash for hash, given the same clock", async () => {
    const logs = [await sqliteFactory.create({ clock: steppingClock() }), await postgresFactory.create({ clock: steppingClock() })];
    try {
      for (const l of logs) await runLifecycle(l.store);
      const [lite, post] = await Promise.all(logs.map((l) => l.store.records()));
      expect(lite!.length).toBe(10);
      expect(post).toEqual(lite);
    } finally {
      for (const l of logs) await l.cleanup();
    }
  });
});
