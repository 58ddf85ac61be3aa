import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MemoryEvidenceStore } from "../../src/evidence/memory.js";
import { openEvidenceStore } from "../../src/evidence/open.js";
import type { EvidenceStore } from "../../src/evidence/types.js";
import { dropSchema } from "../helpers/wait.js";

const DATABASE_URL = process.env.KEYWARD_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const dir = mkdtempSync(join(tmpdir(), "keyward-ledger-"));
const schema = `kw_ledger_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
const stores: EvidenceStore[] = [];

afterAll(async () => {
  for (const s of stores) await s.close();
  await dropSchema(DATABASE_URL, schema);
  rmSync(dir, { recursive: true, force: true });
});

const kinds: Array<[string, () => Promise<EvidenceStore>]> = [
  ["memory", async () => new MemoryEvidenceStore()],
  ["SQLite", () => openEvidenceStore({ sqlitePath: join(dir, "e.db") })],
  ["PostgreSQL", () => openEvidenceStore({ databaseUrl: DATABASE_URL, schema })],
];

describe.each(kinds)("the delivery ledger in %s", (_name, open) => {
  const t = (s: number) => new Date(Date.UTC(2026, 11, 2, 1, 0, s));

  it("processes a delivery once: in progress or done is skipped, failed or stale is claimed again", async () => {
    const store = await open();
    stores.push(store);
    const l = store.ledger;
    expect(await l.claimDelivery("d-1", "push", t(0), t(-60))).toEqual({ claimed: true, attempt: 1 });
    // A copy while the first is running, and a copy after it is done: skipped.
    expect(await l.claimDelivery("d-1", "push", t(1), t(-59))).toMatchObject({ claimed: false, status: "started" });
    await l.finishDelivery("d-1", "failed", t(2), "boom");
    expect(await l.delivery("d-1")).toMatchObject({ status: "failed", error: "boom", attempts: 1 });
    expect((await l.deliveries("failed", 10)).map((d) => d.id)).toEqual(["d-1"]);
    expect(await l.claimDelivery("d-1", "push", t(3), t(-57))).toEqual({ claimed: true, attempt: 2 });
    await l.finishDelivery("d-1", "done", t(4));
    expect(await l.claimDelivery("d-1", "push", t(5), t(5))).toMatchObject({ claimed: false, status: "done", attempts: 2 });
    // A process that died mid-delivery: its claim goes stale and is taken over.
    await l.claimDelivery("d-2", "push", t(10), t(-50));
    expect(await l.claimDelivery("d-2", "push", t(20), t(15))).toEqual({ claimed: true, attempt: 2 });
  });

  it("keeps a check run from intent to completion, and lists the ones left open", async () => {
    const store = await open();
    stores.push(store);
    const l = store.ledger;
    const base = { deliveryId: "d-9", repository: "acme/widgets", headSha: "a".repeat(40), externalId: "x", installation: 42 };
    await l.noteCheckRun({ ...base, status: "creating", startedAt: t(0).toISOString() });
    expect(await l.checkRunOf("d-9", "acme/widgets", "a".repeat(40))).toEqual({ ...base, status: "creating", startedAt: t(0).toISOString() });
    await l.noteCheckRun({ ...base, checkRunId: 7, status: "in_progress", startedAt: t(0).toISOString() });
    expect((await l.openCheckRuns(t(1), 10)).map((r) => r.checkRunId)).toEqual([7]);
    expect(await l.openCheckRuns(t(0), 10)).toEqual([]);
    await l.noteCheckRun({ ...base, checkRunId: 7, status: "completed", startedAt: t(0).toISOString() });
    expect(await l.openCheckRuns(t(1), 10)).toEqual([]);
  });

  it("forgets done deliveries and completed check runs past the horizon, never failed or open ones", async () => {
    const store = await open();
    stores.push(store);
    const l = store.ledger;
    for (const id of ["p-done", "p-failed", "p-started"]) await l.claimDelivery(id, "push", t(0), t(-60));
    await l.finishDelivery("p-done", "done", t(1));
    await l.finishDelivery("p-failed", "failed", t(1));
    const run = { repository: "acme/widgets", headSha: "b".repeat(40), externalId: "x", startedAt: t(0).toISOString() };
    await l.noteCheckRun({ ...run, deliveryId: "p-done", checkRunId: 1, status: "completed" });
    await l.noteCheckRun({ ...run, deliveryId: "p-started", checkRunId: 2, status: "in_progress" });
    // (Counted from the rows, not the return value: the other tests' rows share this database.)
    expect(await l.prune(t(1))).toBeGreaterThanOrEqual(1);
    expect(await l.checkRunOf("p-done", "acme/widgets", "b".repeat(40))).toBeUndefined();
    expect(await l.delivery("p-done")).toMatchObject({ status: "done" }); // touched at t(1): kept
    expect(await l.prune(t(2))).toBeGreaterThanOrEqual(1);
    expect(await l.delivery("p-done")).toBeUndefined();
    expect(await l.delivery("p-failed")).toMatchObject({ status: "failed" });
    expect(await l.delivery("p-started")).toMatchObject({ status: "started" });
    expect((await l.openCheckRuns(t(5), 10)).map((r) => r.checkRunId)).toEqual([2]);
  });
});
