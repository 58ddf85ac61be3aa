/**
 * What an auditor can show with packs, published checkpoints and timestamps, tried as a
 * tamperer would: the operator holds the database and the signing key, drops the triggers, cuts
 * the tail, rewrites history coherently, or starts a different one — and signs every pack with
 * the genuine key.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashRecord } from "../../src/evidence/chain.js";
import { generateSigningKeyPair, keyFingerprint } from "../../src/evidence/checkpoint.js";
import { makeCheckpoint } from "../../src/evidence/checkpoints.js";
import { GitHubCheckpointPublisher } from "../../src/evidence/publish-github.js";
import { fromRow, type RecordRow } from "../../src/evidence/record.js";
import { SqliteEvidenceStore } from "../../src/evidence/sqlite.js";
import { TsaClient } from "../../src/evidence/tsa.js";
import { runCli } from "../helpers/cli.js";
import { startContentsServer, type ContentsServer } from "./contents-server.js";
import { input, runLifecycle, steppingClock } from "./helpers.js";
import { startLocalTsa, type LocalTsa } from "./tsa-server.js";

const ORIGIN = "keyward.test/acme-evidence";

describe("packs anchored by checkpoints, timestamps and consistency proofs", () => {
  const keys = generateSigningKeyPair();
  let dir: string;
  let db: string;
  let tsa: LocalTsa;
  let github: ContentsServer;
  let env: Record<string, string>;
  let clone: string;
  const pack = (name: string) => join(dir, name);
  const pub = () => join(dir, "signer.pub.pem");
  const ca = () => join(dir, "tsa-ca.pem");

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "keyward-anchoring-"));
    db = join(dir, "evidence.db");
    writeFileSync(pub(), keys.publicKey);
    [tsa, github] = await Promise.all([startLocalTsa(), startContentsServer("acme", "evidence-checkpoints")]);
    writeFileSync(ca(), tsa.caPem);
    // The TSA is openssl run per request: on a loaded machine it can take longer than a real
    // TSA's 15 s budget. The tests wait for its answer, however long, rather than lose a timestamp.
    env = { KEYWARD_SIGNING_KEY: keys.privateKey, KEYWARD_LOG_ORIGIN: ORIGIN, KEYWARD_TSA_URL: tsa.url, KEYWARD_TSA_TIMEOUT_MS: "600000", KEYWARD_CHECKPOINT_REPO: "acme/evidence-checkpoints", GITHUB_TOKEN: "test-token", GITHUB_API_URL: github.apiUrl };

    // Ten records, a checkpoint the App would have published, the first pack (which publishes
    // its own checkpoint), then four more records and a second checkpoint.
    const store = new SqliteEvidenceStore({ path: db, clock: steppingClock("2025-01-06T09:00:00.000Z", 3_600_000) });
    await runLifecycle(store);
    const octokit = new ProbotOctokit({ auth: { token: "test-token" }, baseUrl: github.apiUrl, retry: { enabled: false }, throttle: { enabled: false } });
    const anchoring = { origin: ORIGIN, signingKey: keys.privateKey, timestamper: new TsaClient({ url: tsa.url, timeoutMs: 600_000 }), publishers: [new GitHubCheckpointPublisher(octokit, { owner: "acme", repo: "evidence-checkpoints" })], now: () => new Date("2025-01-06T20:00:00.000Z") };
    const first = await makeCheckpoint(store, anchoring);
    expect(first.problems).toEqual([]);
    await store.close();
    const a = await runCli(["evidence", "export", "--out", pack("A"), "--db", db], { env });
    expect(a.stderr).toBe("");
    expect(a.code).toBe(0);
    const more = new SqliteEvidenceStore({ path: db, clock: steppingClock("2025-02-03T09:00:00.000Z", 3_600_000) });
    for (const fp of ["secret:later-1", "secret:later-2"]) {
      await more.transition(input("detected", { fingerprint: fp, details: { rule: "github-pat", severity: "high" } }));
      await more.transition(input("issue-opened", { fingerprint: fp, details: { issue: 30 } }));
    }
    expect((await makeCheckpoint(more, { ...anchoring, now: () => new Date("2025-02-03T15:00:00.000Z") })).problems).toEqual([]);
    await more.close();
    const b = await runCli(["evidence", "export", "--out", pack("B"), "--db", db], { env });
    // A timestamp or publication that failed says so here, not as a missing count later.
    expect(b.stderr).toBe("");
    expect(b.code).toBe(0);
    clone = join(dir, "clone");
    execFileSync("git", ["clone", "-q", github.repoDir, clone]);
  });
  afterAll(async () => {
    await Promise.all([tsa.close(), github.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("publishes every checkpoint as a commit to the checkpoint repository, and timestamps it", async () => {
    expect(github.puts).toBe(4);
    const log = execFileSync("git", ["-C", clone, "log", "--format=%s"], { encoding: "utf8" }).trim().split("\n");
    expect(log.filter((l) => l.startsWith(`checkpoint ${ORIGIN} `)).map((l) => l.split(" ")[2])).toEqual(["14", "14", "10", "10"]);
    expect(tsa.requests()).toBe(4);
  });

  it("a later pack verifies with the key, against the earlier pack, the published checkpoints and the TSA", async () => {
    const cli = await runCli(["evidence", "verify", pack("B"), "--public-key", pub(), "--previous", pack("A"), "--checkpoints", clone, "--tsa-cert", ca()]);
    expect(cli.stderr).toBe("");
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/^OK: 14 records \(records 1–14\)/);
    expect(cli.stdout).toContain(`signer: Ed25519 key, SHA-256 fingerprint ${keyFingerprint(keys.publicKey)} (the key given)`);
    expect(cli.stdout).toMatch(/previous: extends the earlier pack: its tree of 14 records is consistent with the earlier tree of 10/);
    expect(cli.stdout).toContain("published: consistent with 4 published checkpoint(s)");
    expect(cli.stdout.match(/timestamp: checkpoint \d+ existed at 20\d\d-/g)).toHaveLength(4);
    expect(cli.stdout).toContain("(CN=Keyward test TSA, O=Keyward tests)");
    // The same pack is not older than the earlier one.
    const backwards = await runCli(["evidence", "verify", pack("A"), "--previous", pack("B")]);
    expect(backwards).toMatchObject({ code: 1, stdout: expect.stringContaining("BROKEN (previous): the earlier pack's log had 14 records, this pack's has 10: records were deleted (truncated)") });
  });

  it("a timestamp under another CA, or a pack signed by another key, fails", async () => {
    writeFileSync(join(dir, "other-ca.pem"), tsa.otherCaPem);
    expect(await runCli(["evidence", "verify", pack("B"), "--tsa-cert", join(dir, "other-ca.pem")])).toMatchObject({ code: 1, stdout: expect.stringMatching(/BROKEN \(timestamp\): checkpoint 10's timestamp: the timestamp does not verify/) });
    writeFileSync(join(dir, "other.pub.pem"), generateSigningKeyPair().publicKey);
    expect(await runCli(["evidence", "verify", pack("B"), "--public-key", join(dir, "other.pub.pem")])).toMatchObject({ code: 1, stdout: expect.stringContaining("BROKEN (signature): the pack is signed by a different key") });
  });

  /** A copy of the log with its triggers dropped, changed by `tamper` as the operator would. */
  function tampered(name: string, tamper: (raw: Database.Database) => void): string {
    const path = join(dir, `${name}.db`);
    const source = new Database(db, { readonly: true });
    source.exec(`VACUUM INTO '${path}'`);
    source.close();
    const raw = new Database(path);
    raw.exec("DROP TRIGGER records_no_update; DROP TRIGGER records_no_delete; DROP TRIGGER records_extend_head; DROP TRIGGER tree_heads_no_update; DROP TRIGGER tree_heads_no_delete;");
    tamper(raw);
    raw.close();
    return path;
  }

  /** Rewrites every hash from `from` on, so the chain is whole again: a careful forger. */
  function rehash(raw: Database.Database, from: number): void {
    const rows = raw.prepare<[], RecordRow>("SELECT seq, time, installation, repository, fingerprint, event, actor, delivery_id, details, prev_hash, hash FROM records ORDER BY seq").all();
    let prev = rows[from - 2]?.hash ?? "0".repeat(64);
    const update = raw.prepare("UPDATE records SET prev_hash = ?, hash = ? WHERE seq = ?");
    for (const row of rows.slice(from - 1)) {
      const hash = hashRecord(fromRow(row), prev);
      update.run(prev, hash, row.seq);
      prev = hash;
    }
  }

  const exportFrom = async (path: string, out: string) => runCli(["evidence", "export", "--out", pack(out), "--db", path], { env: { ...env, KEYWARD_CHECKPOINT_REPO: "", KEYWARD_TSA_URL: "" } });

  it("a database whose tail was deleted gives a pack that verifies alone but fails --previous and the published checkpoints", async () => {
    const path = tampered("truncated", (raw) => raw.exec("DELETE FROM findings WHERE updated_seq > 12; DELETE FROM records WHERE seq > 12; DELETE FROM tree_heads;"));
    const out = await exportFrom(path, "C");
    expect(out.code).toBe(0);
    expect((await runCli(["evidence", "verify", pack("C"), "--public-key", pub()])).code).toBe(0);
    expect(await runCli(["evidence", "verify", pack("C"), "--public-key", pub(), "--previous", pack("B")])).toMatchObject({ code: 1, stdout: expect.stringContaining("BROKEN (previous): the earlier pack's log had 14 records, this pack's has 12: records were deleted (truncated)") });
    expect(await runCli(["evidence", "verify", pack("C"), "--public-key", pub(), "--checkpoints", clone])).toMatchObject({ code: 1, stdout: expect.stringMatching(/BROKEN \(published\): checkpoint 14 was published at 20\d\d-\S+ \(\S+:checkpoint\), before this pack was made \(\S+\) with only 12 records: the log was truncated/) });
  });

  it("a tail deleted with the tree heads left in place: export refuses to sign, and the pack fails on its own", async () => {
    const path = tampered("truncated-heads", (raw) => raw.exec("DELETE FROM findings WHERE updated_seq > 12; DELETE FROM records WHERE seq > 12;"));
    const out = await exportFrom(path, "C2");
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("the log has 12 records, but a tree of 14 was committed to earlier: records were deleted");
    expect(out.stderr).toContain("the pack was not signed: a log must not sign a head inconsistent");
    expect(await runCli(["evidence", "verify", pack("C2")])).toMatchObject({ code: 1, stdout: expect.stringContaining("BROKEN (consistency): the log once committed to 14 records; this pack's tree has 12: records were deleted") });
    expect(await runCli(["evidence", "checkpoint", "--db", path], { env: { ...env, KEYWARD_CHECKPOINT_REPO: "", KEYWARD_TSA_URL: "" } })).toMatchObject({ code: 1, stderr: expect.stringContaining("checkpoint refused: the log has 12 records, but checkpoint 14 was signed") });
  });

  it("an edited database, rehashed into a whole chain and re-signed, fails --previous and the published checkpoints", async () => {
    const path = tampered("edited", (raw) => {
      raw.exec("UPDATE records SET actor = 'mallory' WHERE seq = 4; DELETE FROM tree_heads;");
      rehash(raw, 4);
    });
    expect((await exportFrom(path, "D")).code).toBe(0);
    expect((await runCli(["evidence", "verify", pack("D"), "--public-key", pub()])).code).toBe(0);
    expect(await runCli(["evidence", "verify", pack("D"), "--public-key", pub(), "--previous", pack("A")])).toMatchObject({ code: 1, stdout: expect.stringContaining("BROKEN (previous): the pack carries no proof that its log extends the earlier pack's tree of 10 records") });
    expect(await runCli(["evidence", "verify", pack("D"), "--public-key", pub(), "--checkpoints", clone])).toMatchObject({ code: 1, stdout: expect.stringMatching(/BROKEN \(published\): the published checkpoint 14 \(\S+\) has root \S+, the pack's log had \S+ at that size: the log was rewritten/) });
    // Told about the earlier pack, the forged log must prove it extends it, and cannot.
    const told = await runCli(["evidence", "export", "--out", pack("D2"), "--db", path, "--previous", pack("A")], { env: { ...env, KEYWARD_CHECKPOINT_REPO: "", KEYWARD_TSA_URL: "" } });
    expect(told).toMatchObject({ code: 1, stderr: expect.stringContaining("records 1–10 no longer hash to the root committed to earlier: the log was rewritten") });
    expect(await runCli(["evidence", "verify", pack("D2")])).toMatchObject({ code: 1, stdout: expect.stringContaining("BROKEN (consistency): the tree of 14 records does not extend the tree of 10 records") });
  });

  it("a different history signed with the genuine key fails --previous", async () => {
    const other = join(dir, "other.db");
    const store = new SqliteEvidenceStore({ path: other, clock: steppingClock("2025-01-06T09:00:30.000Z", 3_600_000) });
    await runLifecycle(store);
    for (const fp of ["secret:w", "secret:x", "secret:y", "secret:z"]) await store.transition(input("detected", { fingerprint: fp }));
    await store.close();
    expect((await exportFrom(other, "E")).code).toBe(0);
    expect((await runCli(["evidence", "verify", pack("E"), "--public-key", pub()])).code).toBe(0);
    expect(await runCli(["evidence", "verify", pack("E"), "--public-key", pub(), "--previous", pack("A")])).toMatchObject({ code: 1, stdout: expect.stringContaining("BROKEN (previous): the pack carries no proof") });
    expect(await runCli(["evidence", "verify", pack("E"), "--previous", pack("B")])).toMatchObject({ code: 1, stdout: expect.stringContaining("BROKEN (previous): both packs' logs have 14 records, with different roots") });
  });

  it("a record inserted behind the lifecycle check (an unverified close) fails the replay", async () => {
    const path = tampered("unverified-close", (raw) => {
      const last = raw.prepare<[], RecordRow>("SELECT seq, time, installation, repository, fingerprint, event, actor, delivery_id, details, prev_hash, hash FROM records ORDER BY seq DESC LIMIT 1").get()!;
      const fields = { seq: last.seq + 1, time: "2025-02-04T00:00:00.000Z", installation: 42, repository: "acme/api", fingerprint: "secret:later-1", event: "closed" as const, actor: "mallory", details: {} };
      raw.prepare("INSERT INTO records (seq, time, installation, repository, fingerprint, event, actor, delivery_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, '{}', ?, ?)").run(fields.seq, fields.time, 42, fields.repository, fields.fingerprint, fields.event, fields.actor, last.hash, hashRecord(fields, last.hash));
      raw.exec("DELETE FROM tree_heads;");
    });
    expect((await exportFrom(path, "F")).code).toBe(0);
    expect(await runCli(["evidence", "verify", pack("F")])).toMatchObject({ code: 1, stdout: expect.stringContaining("BROKEN at record 15 (lifecycle): record 15 (closed for secret:later-1): 'closed' is not allowed for a finding in state 'issue-opened'") });
  });

  it("a directory that is not a pack is a usage error, not a broken pack", async () => {
    mkdirSync(join(dir, "empty"));
    expect(await runCli(["evidence", "verify", join(dir, "empty")])).toMatchObject({ code: 2, stderr: expect.stringContaining("is not an evidence pack: it has no manifest.json") });
    mkdirSync(join(dir, "other"));
    writeFileSync(join(dir, "other", "manifest.json"), JSON.stringify({ name: "something else" }));
    expect(await runCli(["evidence", "verify", join(dir, "other")])).toMatchObject({ code: 2, stderr: expect.stringContaining("is not a Keyward evidence manifest") });
    expect(await runCli(["evidence", "verify", pack("B"), "--previous", join(dir, "empty")])).toMatchObject({ code: 2 });
    expect(await runCli(["evidence", "verify", join(dir, "nowhere")])).toMatchObject({ code: 2 });
  });
});
