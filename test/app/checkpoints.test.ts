/**
 * The App anchors its log outside the operator on its own: every N records and at least hourly
 * while records arrive, a signed checkpoint chained to the last, timestamped by a real RFC 3161
 * TSA (openssl ts) and committed as the App's installation to a Git repository behind a
 * stand-in for GitHub's contents API — and `keyward evidence verify --checkpoints` accepts what
 * it published.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkpointSettingsFrom } from "../../src/app/checkpoints.js";
import { generateSigningKeyPair, noteHash, parseCheckpoint } from "../../src/evidence/checkpoint.js";
import { SqliteEvidenceStore } from "../../src/evidence/sqlite.js";
import { runCli } from "../helpers/cli.js";
import { runApp, type RunningApp } from "../helpers/app.js";
import { startContentsServer, type ContentsServer } from "../evidence/contents-server.js";
import { startLocalTsa, type LocalTsa } from "../evidence/tsa-server.js";

const ORIGIN = "keyward.test/app-checkpoints";

describe("the App's checkpoint schedule", () => {
  const keys = generateSigningKeyPair();
  let dir: string;
  let tsa: LocalTsa;
  let github: ContentsServer;
  let store: SqliteEvidenceStore;
  let app: RunningApp;
  let clock = Date.parse("2026-12-01T09:00:00.000Z");
  const now = () => new Date(clock);
  let n = 0;
  const append = async (count: number) => {
    for (let i = 0; i < count; i++) await store.append({ repository: "acme/api", fingerprint: "scan", event: "scanned", actor: "keyward", deliveryId: `d${++n}`, details: { headSha: "a".repeat(40), keyward: "test", rules: "sha256:test", findings: 0 } });
  };
  const notes = () =>
    execFileSync("git", ["-C", github.repoDir, "log", "--reverse", "--format=%H"], { encoding: "utf8" })
      .trim()
      .split("\n")
      .slice(1)
      .map((sha) => parseCheckpoint(execFileSync("git", ["-C", github.repoDir, "show", `${sha}:checkpoint`], { encoding: "utf8" })));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "keyward-app-checkpoints-"));
    [tsa, github] = await Promise.all([startLocalTsa(), startContentsServer("acme", "evidence-checkpoints")]);
    store = new SqliteEvidenceStore({ path: join(dir, "evidence.db"), clock: now });
    const settings = checkpointSettingsFrom({ KEYWARD_SIGNING_KEY: keys.privateKey, KEYWARD_LOG_ORIGIN: ORIGIN, KEYWARD_TSA_URL: tsa.url, KEYWARD_CHECKPOINT_REPO: "acme/evidence-checkpoints", KEYWARD_CHECKPOINT_EVERY: "3", KEYWARD_CHECKPOINT_MAX_AGE: "3600", KEYWARD_TSA_TIMEOUT_MS: "600000" });
    expect(settings.problems).toEqual([]);
    // The timer is set far off: this test drives the schedule with tick(), as the timer would.
    app = await runApp(store, { baseUrl: github.apiUrl, now, extra: { checkpoints: { ...settings.settings!, checkEveryMs: 3_600_000 } } });
  });
  afterAll(async () => {
    await app.stop();
    await store.close();
    await Promise.all([tsa.close(), github.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("signs, timestamps and commits a checkpoint every N records, each chained to the one before", async () => {
    const schedule = app.checkpoints!;
    expect(await schedule.tick()).toBeUndefined(); // an empty log has nothing to anchor
    await append(2);
    expect(await schedule.tick()).toMatchObject({ head: { size: 2, timestamp: expect.any(String), published: expect.stringMatching(/^github:acme\/evidence-checkpoints@[0-9a-f]{40}$/) }, problems: [] });
    await append(2);
    expect(await schedule.tick()).toBeUndefined(); // 2 records since the last: not yet
    await append(1);
    clock += 60_000;
    expect(await schedule.tick()).toMatchObject({ head: { size: 5 } });
    const published = notes();
    expect(published.map((c) => c.size)).toEqual([2, 5]);
    expect(published[1]!.previous).toEqual({ size: 2, noteHash: noteHash(published[0]!.note) });
    expect(tsa.requests()).toBe(2);
    // The App wrote as its installation on the checkpoint repository, found once.
    expect(github.installationLookups).toBe(1);
  });

  it("at least hourly while records arrive, and never for a log that did not grow", async () => {
    const schedule = app.checkpoints!;
    clock += 2 * 3_600_000;
    expect(await schedule.tick()).toBeUndefined(); // nothing new since checkpoint 5
    await append(1);
    expect(await schedule.tick()).toMatchObject({ head: { size: 6 } }); // one record, but the last checkpoint is two hours old
    expect(notes().map((c) => c.size)).toEqual([2, 5, 6]);
  });

  it("what the App published is what verify checks a pack against", async () => {
    writeFileSync(join(dir, "signer.pub.pem"), keys.publicKey);
    writeFileSync(join(dir, "tsa-ca.pem"), tsa.caPem);
    const clone = join(dir, "clone");
    execFileSync("git", ["clone", "-q", github.repoDir, clone]);
    const env = { KEYWARD_SIGNING_KEY: keys.privateKey, KEYWARD_LOG_ORIGIN: ORIGIN };
    expect(await runCli(["evidence", "export", "--out", join(dir, "pack"), "--db", join(dir, "evidence.db")], { env })).toMatchObject({ code: 0 });
    const verified = await runCli(["evidence", "verify", join(dir, "pack"), "--public-key", join(dir, "signer.pub.pem"), "--checkpoints", clone, "--tsa-cert", join(dir, "tsa-ca.pem")]);
    expect(verified.stdout).toContain("published: consistent with 3 published checkpoint(s)");
    expect(verified.stdout.match(/timestamp: checkpoint \d+ existed at/g)).toHaveLength(3);
    expect(verified.code).toBe(0);
  });

  it("refuses to start with a signing key that is not one, or anchoring settings without a key", () => {
    expect(checkpointSettingsFrom({ KEYWARD_SIGNING_KEY: "not a key", KEYWARD_CHECKPOINT_EVERY: "0" }).problems).toEqual([expect.stringContaining("KEYWARD_SIGNING_KEY is not an Ed25519 private key"), "KEYWARD_CHECKPOINT_EVERY must be a positive whole number, got '0'"]);
    expect(checkpointSettingsFrom({ KEYWARD_CHECKPOINT_REPO: "acme/evidence" }).problems).toEqual(["KEYWARD_CHECKPOINT_REPO set but KEYWARD_SIGNING_KEY is not: checkpoints need the log's Ed25519 signing key"]);
    expect(checkpointSettingsFrom({})).toEqual({ problems: [] });
  });
});

describe("the schedule's own timer", () => {
  it("makes the checkpoint without being asked, and stops with the App", async () => {
    const keys = generateSigningKeyPair();
    const dir = mkdtempSync(join(tmpdir(), "keyward-app-checkpoint-timer-"));
    const github = await startContentsServer("acme", "evidence-checkpoints");
    const store = new SqliteEvidenceStore({ path: join(dir, "evidence.db") });
    await store.append({ repository: "acme/api", fingerprint: "scan", event: "scanned", actor: "keyward", details: { keyward: "test", rules: "sha256:test", findings: 0 } });
    const settings = checkpointSettingsFrom({ KEYWARD_SIGNING_KEY: keys.privateKey, KEYWARD_CHECKPOINT_REPO: "acme/evidence-checkpoints" }).settings!;
    const app = await runApp(store, { baseUrl: github.apiUrl, extra: { checkpoints: { ...settings, checkEveryMs: 20 } } });
    try {
      // Waits for the event (the checkpoint remembered, after its commit), not for a time.
      const signed = async () => (await store.treeHeads()).filter((h) => h.note).map((h) => h.size);
      while ((await signed()).length === 0) await new Promise((r) => setTimeout(r, 10));
      expect(await signed()).toEqual([1]);
      expect(github.puts).toBe(1);
    } finally {
      await app.stop();
    }
    const after = github.puts;
    await store.append({ repository: "acme/api", fingerprint: "scan", event: "scanned", actor: "keyward", details: { keyward: "test", rules: "sha256:test", findings: 0 } });
    // Stopped: a full tick interval later nothing more was published (the timer is gone, not late).
    await new Promise((r) => setTimeout(r, 100));
    expect(github.puts).toBe(after);
    await store.close();
    await github.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
