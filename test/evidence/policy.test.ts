/**
 * The SLA lives in the log: `keyward evidence policy` records it, packs are reported against it,
 * and a pack exported with another SLA says so in its report — which verify holds it to, so one
 * log cannot quietly be reported against whatever SLA flatters it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqliteEvidenceStore } from "../../src/evidence/sqlite.js";
import { runCli } from "../helpers/cli.js";
import { runLifecycle, steppingClock } from "./helpers.js";

describe("the SLA policy in the log", () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "keyward-policy-"));
    db = join(dir, "evidence.db");
    const store = new SqliteEvidenceStore({ path: db, clock: steppingClock("2025-01-06T09:00:00.000Z", 3_600_000) });
    await runLifecycle(store);
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is recorded as an operator attestation with a required actor", async () => {
    expect(await runCli(["evidence", "policy", "--sla", "critical=2", "--db", db])).toMatchObject({ code: 2, stderr: expect.stringContaining("--actor is required") });
    expect(await runCli(["evidence", "policy", "--sla", "critical=soon", "--actor", "ciso", "--db", db])).toMatchObject({ code: 2 });
    const ok = await runCli(["evidence", "policy", "--sla", "critical=2,high=10", "--actor", "ciso", "--note", "board decision 2025-01", "--db", db]);
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringMatching(/^recorded #11: the SLA in force is critical=2,high=10,medium=30,low=90 \(by ciso\)/) });
    const log = await runCli(["evidence", "log", "--fingerprint", "policy", "--db", db]);
    expect(log.stdout).toContain('"attestation":"operator"');
    expect(log.stdout).toContain('"via":"cli"');
  });

  it("is what a pack is reported against, unless another is given — and then the report says so, and verify holds it to that", async () => {
    const recorded = await runCli(["evidence", "export", "--out", join(dir, "A"), "--db", db]);
    expect(recorded).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(readFileSync(join(dir, "A", "manifest.json"), "utf8")).report.sla).toEqual({ critical: 2, high: 10, medium: 30, low: 90 });
    expect(readFileSync(join(dir, "A", "report.html"), "utf8")).toContain("The SLA is the policy the log records, record #11");
    expect((await runCli(["evidence", "verify", join(dir, "A")])).code).toBe(0);

    const other = await runCli(["evidence", "export", "--out", join(dir, "B"), "--sla", "critical=30,high=90", "--db", db]);
    expect(other.code).toBe(0);
    expect(other.stderr).toContain("the SLA given differs from the policy the log records (record 11)");
    const html = readFileSync(join(dir, "B", "report.html"), "utf8");
    expect(html).toContain("NOT THE RECORDED POLICY: this report uses an SLA given at export; the log records critical 2 days, high 10 days");
    expect((await runCli(["evidence", "verify", join(dir, "B")])).code).toBe(0);
    // Taking the marking out of the report is an edit verify sees.
    writeFileSync(join(dir, "B", "report.html"), html.replaceAll("NOT THE RECORDED POLICY: this report uses an SLA given at export; the log records", "The SLA is"));
    expect(await runCli(["evidence", "verify", join(dir, "B")])).toMatchObject({ code: 1, stdout: expect.stringContaining("report.html") });
  });

  it("goes with a one-repository pack too", async () => {
    expect((await runCli(["evidence", "export", "--out", join(dir, "C"), "--repo", "acme/api", "--db", db])).code).toBe(0);
    expect(readFileSync(join(dir, "C", "report.html"), "utf8")).toContain("The SLA is the policy the log records, record #11");
  });
});

describe("the App's policy from KEYWARD_SLA", () => {
  it("is recorded at start-up when it changed, not at every restart", async () => {
    const { MemoryEvidenceStore } = await import("../../src/evidence/memory.js");
    const { runApp } = await import("../helpers/app.js");
    const { recordedPolicy } = await import("../../src/evidence/report.js");
    const store = new MemoryEvidenceStore();
    const sla = { critical: 1, high: 5, medium: 30, low: 90 };
    for (const s of [sla, sla, { ...sla, high: 3 }]) await (await runApp(store, { extra: { sla: s } })).stop();
    const records = await store.records();
    expect(records.map((r) => [r.event, r.actor, (r.details.sla as { high: number }).high])).toEqual([["policy-recorded", "keyward", 5], ["policy-recorded", "keyward", 3]]);
    expect(recordedPolicy(records)?.days).toEqual({ ...sla, high: 3 });
  });

  it("is refused at start-up when it is not an SLA", async () => {
    const { appSettingsFrom } = await import("../../src/app/env.js");
    await expect(appSettingsFrom({ KEYWARD_SLA: "critical=asap" }, "app")).rejects.toThrow(/KEYWARD_SLA takes severity=days pairs like critical=1,high=7,medium=30,low=90, got 'critical=asap'/);
  });
});
