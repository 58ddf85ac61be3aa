import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashRecord } from "../../src/evidence/chain.js";
import { generateSigningKeyPair, publicKeyOf } from "../../src/evidence/checkpoint.js";
import { exportPack } from "../../src/evidence/export.js";
import { toCsv } from "../../src/evidence/pack-files.js";
import type { Manifest } from "../../src/evidence/pack.js";
import { SqliteEvidenceStore } from "../../src/evidence/sqlite.js";
import type { EvidenceRecord } from "../../src/evidence/types.js";
import { verifyPack } from "../../src/evidence/verify.js";
import { runCli } from "../helpers/cli.js";
import { input, runLifecycle, steppingClock } from "./helpers.js";

const keys = generateSigningKeyPair();
const JAN = (day: number) => new Date(Date.UTC(2025, 0, day));

describe("evidence packs", () => {
  let dir: string;
  let db: string;
  let store: SqliteEvidenceStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "keyward-pack-"));
    db = join(dir, "evidence.db");
    // Records 1–10 (acme/api) from 6 Jan 09:00, then 11–14 (acme/web), twelve hours apart.
    store = new SqliteEvidenceStore({ path: db, clock: steppingClock("2025-01-06T09:00:00.000Z", 12 * 3_600_000) });
    await runLifecycle(store);
    const web = { repository: "acme/web", fingerprint: "secret:web-1" };
    await store.transition(input("detected", { ...web, details: { rule: "slack-webhook", severity: "medium", path: "a,b \"c\".txt", preview: "=HYPERLINK(1)" } }));
    await store.transition(input("issue-opened", { ...web, details: { issue: 3 } }));
    await store.append(input("review-opened", { repository: "acme/web", fingerprint: "DEPLOY_TOKEN", details: { due: "2025-01-10" } }));
    await store.append(input("redetected", { ...web, details: { unowned: true, owners: [] } }));
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const exported = async (name: string, options: Partial<Parameters<typeof exportPack>[1]> = {}) => {
    const outDir = join(dir, name);
    const result = await exportPack(store, { outDir, toolVersion: "0.1.0-test", now: new Date("2025-02-01T00:00:00Z"), ...options });
    return { outDir, ...result };
  };

  it("exports the whole log and verifies it from the start", async () => {
    const { outDir, manifest, chain } = await exported("whole");
    expect(chain).toEqual({ ok: true });
    expect(manifest).toMatchObject({ format: "keyward-evidence-pack/2", records: 14, redacted: 0, anchor: { seq: 0, hash: "0".repeat(64) }, first: { seq: 1 }, last: { seq: 14 }, tool: { name: "keyward", version: "0.1.0-test" } });
    expect(manifest.events).toMatchObject({ detected: 3, "exception-granted": 1, redetected: 1 });
    expect(Object.keys(manifest.files).sort()).toEqual(["checkpoints.jsonl", "consistency.jsonl", "context.jsonl", "findings.csv", "proofs.jsonl", "records.csv", "records.jsonl", "report.html", "report.md"]);
    expect(manifest.tree).toEqual({ size: 14, root: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(manifest.signature).toBeUndefined();
    expect(await verifyPack(outDir)).toMatchObject({ ok: true, records: 14, signature: "none" });
    const cli = await runCli(["evidence", "verify", outDir]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/^OK: 14 records \(records 1–14\), chain intact from anchor 000000000000…, every record proven in the tree, lifecycles replay; not signed/);
    expect(cli.stdout).toContain("signer: none");
  });

  it("exports a period anchored to the record before it, signed, and checks the signer's key", async () => {
    const { outDir, manifest } = await exported("period", { since: JAN(8), until: JAN(11), signingKey: keys.privateKey });
    const all = await store.records();
    expect(manifest).toMatchObject({ records: 6, first: { seq: 5 }, last: { seq: 10 }, anchor: { seq: 4, hash: all[3]!.hash }, period: { since: "2025-01-08T00:00:00.000Z", until: "2025-01-11T00:00:00.000Z" } });
    expect(manifest.signature).toMatchObject({ algorithm: "ed25519", publicKey: keys.publicKey });
    expect(await verifyPack(outDir, { publicKey: keys.publicKey })).toMatchObject({ ok: true, records: 6, signature: "pinned" });
    expect(await verifyPack(outDir, { publicKey: generateSigningKeyPair().publicKey })).toMatchObject({ ok: false, problem: "signature", message: expect.stringMatching(/different key/) });
    const lines = readFileSync(join(outDir, "records.jsonl"), "utf8").trim().split("\n");
    expect(JSON.parse(lines[0]!)).toMatchObject({ seq: 5, prevHash: all[3]!.hash });
  });

  it("redacts other repositories' records in a repository's pack but keeps the chain whole", async () => {
    const { outDir, manifest, summary } = await exported("web", { repository: "acme/web" });
    expect(manifest).toMatchObject({ records: 14, redacted: 10, events: { detected: 1, "issue-opened": 1, "review-opened": 1, redetected: 1 } });
    const lines = readFileSync(join(outDir, "records.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toEqual({ seq: 1, prevHash: "0".repeat(64), hash: expect.any(String), redacted: true });
    expect(JSON.stringify(lines.slice(0, 10))).not.toContain("acme/api");
    expect(readFileSync(join(outDir, "records.csv"), "utf8")).not.toContain("acme/api");
    expect(summary.findings.byState).toEqual({ "issue-opened": 1 });
    expect(summary.unowned.map((u) => u.identity)).toEqual(["secret:web-1"]);
    expect(await verifyPack(outDir)).toMatchObject({ ok: true, redacted: 10 });
  });

  it("writes the records as RFC 4180 CSV, defusing spreadsheet formulas", async () => {
    const web = (await store.records({ repository: "acme/web" }))[0]!;
    const csv = toCsv([web]);
    expect(csv.split("\r\n")[0]).toBe("seq,time,installation,repository,fingerprint,event,actor,delivery_id,details,prev_hash,hash");
    expect(csv).toContain(`"{""path"":""a,b \\""c\\"".txt"",""preview"":""=HYPERLINK(1)"",""rule"":""slack-webhook"",""severity"":""medium""}"`);
    expect(toCsv([{ ...web, actor: "=cmd|' /C calc'!A0", details: {} }])).toContain(",'=cmd|' /C calc'!A0,");
  });

  it("writes a readable report grouped by control", async () => {
    const { outDir } = await exported("report", { since: JAN(1), until: JAN(31) });
    const md = readFileSync(join(outDir, "report.md"), "utf8");
    const html = readFileSync(join(outDir, "report.html"), "utf8");
    for (const id of ["5.15", "5.16", "5.17", "5.18", "8.15", "8.16"]) {
      expect(md).toContain(`A.${id}`);
      expect(html).toContain(`id="control-${id}"`);
    }
    expect(md).toMatch(/\*\*Chain:\*\* records 1–14 linked from the anchor \(record 0\); Merkle tree of 14 records, root [0-9a-f]{64}/);
    expect(md).toContain("**Signed by:** not signed");
    expect(html).not.toMatch(/\b(src|href)=["']?https?:/i);
  });

  describe("a tampered pack", () => {
    let pack: string;
    beforeAll(async () => {
      pack = (await exported("signed", { signingKey: keys.privateKey })).outDir;
      writeFileSync(join(dir, "signer.pub"), publicKeyOf(keys.privateKey));
    });

    /** A copy of the signed pack with records.jsonl (and optionally the manifest) changed. */
    function tampered(name: string, lines: (ls: string[]) => string[], manifest?: (m: Manifest) => Manifest): string {
      const out = join(dir, `tampered-${name}`);
      cpSync(pack, out, { recursive: true });
      const file = join(out, "records.jsonl");
      writeFileSync(file, lines(readFileSync(file, "utf8").trim().split("\n")).join("\n") + "\n");
      if (manifest) writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as Manifest)));
      return out;
    }

    /** A record that extends the chain correctly: only the manifest knows it does not belong. */
    const forgedAfter = (line: string) => {
      const last = JSON.parse(line) as EvidenceRecord;
      const fields = { seq: last.seq + 1, time: "2025-01-31T00:00:00.000Z", repository: "acme/api", fingerprint: "secret:fp-one", event: "reviewed" as const, actor: "mallory", details: {} };
      return JSON.stringify({ ...fields, prevHash: last.hash, hash: hashRecord(fields, last.hash) });
    };
    const editActor = (line: string) => JSON.stringify({ ...(JSON.parse(line) as object), actor: "mallory" });

    it.each([
      ["a field edited", (ls: string[]) => ls.map((l, i) => (i === 4 ? editActor(l) : l)), "edited", 5],
      ["a line deleted", (ls: string[]) => ls.filter((_, i) => i !== 6), "deleted", 7],
      ["a line inserted", (ls: string[]) => [...ls.slice(0, 3), ls[2]!, ...ls.slice(3)], "inserted", 3],
      ["two lines swapped", (ls: string[]) => ls.map((l, i) => (i === 8 ? ls[9]! : i === 9 ? ls[8]! : l)), "reordered", 10],
      ["the tail cut off", (ls: string[]) => ls.slice(0, 11), "truncated", 12],
      ["a well-forged record appended", (ls: string[]) => [...ls, forgedAfter(ls.at(-1)!)], "inserted", 15],
    ] as const)("with %s names the first bad record, and the CLI exits 1", async (name, change, problem, seq) => {
      const out = tampered(name.replace(/ /g, "-"), change);
      expect(await verifyPack(out)).toMatchObject({ ok: false, problem, seq });
      const cli = await runCli(["evidence", "verify", out, "--public-key", join(dir, "signer.pub")]);
      expect(cli.code).toBe(1);
      expect(cli.stdout).toContain(`BROKEN at record ${seq} (${problem})`);
    });

    it("with a forged signature, or a count changed under it, fails the signature check", async () => {
      const flipped = tampered("signature", (ls) => ls, (m) => ({ ...m, signature: { ...m.signature!, value: Buffer.from("x".repeat(64)).toString("base64") } }));
      expect(await verifyPack(flipped)).toMatchObject({ ok: false, problem: "signature" });
      const cli = await runCli(["evidence", "verify", flipped]);
      expect(cli.code).toBe(1);
      expect(cli.stdout).toContain("BROKEN (signature)");
      // Dropping the last record and re-counting hides the truncation from the counts, not from the signature.
      const recounted = tampered("recounted", (ls) => ls.slice(0, 13), (m) => ({ ...m, records: 13, last: { seq: 13, hash: (JSON.parse(readFileSync(join(pack, "records.jsonl"), "utf8").split("\n")[12]!) as { hash: string }).hash }, events: { ...m.events, redetected: 0 } }));
      expect(await verifyPack(recounted)).toMatchObject({ ok: false, problem: "signature" });
    });

    it("with a report edited fails its digest", async () => {
      const out = tampered("report", (ls) => ls);
      writeFileSync(join(out, "report.md"), "# all fine\n");
      expect(await verifyPack(out)).toMatchObject({ ok: false, problem: "file", message: "report.md was changed: its sha256 is not the manifest's" });
    });

    it("with findings.csv or the report rewritten and their digests fixed up, fails: they are computed again from the records", async () => {
      const unsigned = (await exported("unsigned-derived")).outDir;
      for (const [name, edit] of [
        ["findings.csv", (t: string) => t.replace(",closed,", ",fix-verified,")],
        ["report.html", (t: string) => t.replace("Finding trails", "Nothing to see")],
        ["records.csv", (t: string) => t.replace(",alice,", ",bob,")],
      ] as const) {
        const out = join(dir, `derived-${name}`);
        cpSync(unsigned, out, { recursive: true });
        const text = edit(readFileSync(join(out, name), "utf8"));
        writeFileSync(join(out, name), text);
        const m = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as Manifest;
        const { createHash } = await import("node:crypto");
        writeFileSync(join(out, "manifest.json"), JSON.stringify({ ...m, files: { ...m.files, [name]: createHash("sha256").update(text).digest("hex") } }));
        expect(await verifyPack(out), name).toMatchObject({ ok: false, problem: "derived", message: `${name} does not say what the records say: it was edited, or made from other records` });
      }
    });

    it("lists the period's whole population of findings in findings.csv, one row each", async () => {
      const csv = readFileSync(join(pack, "findings.csv"), "utf8").trim().split("\r\n");
      expect(csv[0]).toBe("repository,fingerprint,kind,rule,severity,state,detected,owners,issue,open_since,resolved,committed,exposure_days,time_to_revoke_days,exception_approver,exception_expires,steps,first_seq,last_seq");
      expect(csv.slice(1).map((l) => l.split(",").slice(0, 6).join(","))).toEqual(["acme/api,secret:fp-one,secret,github-pat,high,closed", "acme/api,secret:fp-two,secret,aws-access-key,critical,exception", "acme/web,secret:web-1,secret,slack-webhook,medium,issue-opened"]);
      expect(csv[2]).toContain(",bob,2025-03-31,");
    });

    it("untouched verifies with the signer's key", async () => {
      const cli = await runCli(["evidence", "verify", pack, "--public-key", join(dir, "signer.pub")]);
      expect(cli).toMatchObject({ code: 0, stderr: "" });
      expect(cli.stdout).toContain("signature valid (the key given)");
    });
  });

  describe("the CLI", () => {
    it("exports a signed pack from the SQLite log and says what it wrote", async () => {
      const out = join(dir, "cli-pack");
      const cli = await runCli(["evidence", "export", "--since", "2025-01-08", "--until", "2025-01-10", "--out", out, "--db", db, "--sla", "high=3"], { cwd: dir, env: { KEYWARD_SIGNING_KEY: keys.privateKey.replace(/\n/g, "\\n") } });
      expect(cli.stderr).toBe("");
      expect(cli.code).toBe(0);
      expect(cli.stdout).toContain(`wrote evidence pack to ${out}`);
      expect(cli.stdout).toMatch(/6 records \(seq 5–10\), \d+ earlier for context; anchor seq 4 [0-9a-f]{12}…/);
      expect(cli.stdout).toMatch(/tree of 14 records, root [0-9a-f]{12}…; signed \(Ed25519, fingerprint [0-9a-f]{64}\), checkpoint 14/);
      expect(readFileSync(join(out, "report.md"), "utf8")).toContain("high 3 days");
      expect((await runCli(["evidence", "verify", out])).stdout).toContain("by the key the manifest carries");
    });

    it("exports a log edited behind the triggers' back, and exits 1 naming the edited record", async () => {
      const copy = join(dir, "edited.db");
      const source = new Database(db, { readonly: true });
      await source.backup(copy);
      source.close();
      const raw = new Database(copy);
      raw.exec("DROP TRIGGER records_no_update; UPDATE records SET actor = 'mallory' WHERE seq = 4");
      raw.close();
      const cli = await runCli(["evidence", "export", "--out", join(dir, "edited-pack"), "--db", copy]);
      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain("the evidence log is broken at record 4 (edited)");
      expect((await runCli(["evidence", "verify", join(dir, "edited-pack")])).stdout).toContain("BROKEN at record 4 (edited)");
    });

    it("prints the log one record per line, filtered", async () => {
      const cli = await runCli(["evidence", "log", "--repo", "acme/web", "--db", db]);
      expect(cli.code).toBe(0);
      const lines = cli.stdout.trim().split("\n");
      expect(lines).toHaveLength(4);
      expect(lines[0]).toMatch(/^11 2025-01-11T09:00:00\.000Z acme\/web secret:web-1 detected by keyward \{"path":/);
      const one = await runCli(["evidence", "log", "--fingerprint", "secret:fp-two", "--db", db]);
      expect(one.stdout.trim().split("\n").map((l) => l.split(" ")[4])).toEqual(["detected", "exception-granted"]);
    });

    it("reads the log from PostgreSQL when DATABASE_URL is set", async () => {
      const { postgresFactory, DATABASE_URL } = await import("./helpers.js");
      const log = await postgresFactory.create();
      try {
        await log.store.transition(input("detected"));
        const schema = String((await log.rawRows("SELECT current_schema() AS s"))[0]!.s);
        const cli = await runCli(["evidence", "log"], { cwd: dir, env: { DATABASE_URL, KEYWARD_DB_SCHEMA: schema } });
        expect(cli.stdout).toMatch(/^1 .* acme\/api secret:fp-one detected by keyward/);
      } finally {
        await log.cleanup();
      }
    });

    it("explains usage mistakes with exit code 2", async () => {
      expect((await runCli(["evidence"])).code).toBe(2);
      expect(await runCli(["evidence", "export", "--db", db])).toMatchObject({ code: 2, stderr: expect.stringContaining("--out DIR is required") });
      expect(await runCli(["evidence", "export", "--out", "x", "--since", "2025-13-01", "--db", db])).toMatchObject({ code: 2, stderr: expect.stringContaining("is not a date") });
      expect(await runCli(["evidence", "log"], { cwd: dir })).toMatchObject({ code: 2, stderr: expect.stringContaining("no evidence log at") });
      expect(await runCli(["evidence", "verify"])).toMatchObject({ code: 2 });
      expect(await runCli(["evidence", "frobnicate"])).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown evidence command") });
      expect(await runCli(["evidence", "export", "--out", join(dir, "never"), "--db", db], { env: { KEYWARD_SIGNING_KEY: "not a key" } })).toMatchObject({ code: 2, stderr: expect.stringContaining("KEYWARD_SIGNING_KEY is not an Ed25519 private key") });
      writeFileSync(join(dir, "not-a-key.pem"), "hello\n");
      expect(await runCli(["evidence", "verify", dir, "--public-key", join(dir, "not-a-key.pem")])).toMatchObject({ code: 2, stderr: expect.stringContaining("is not an Ed25519 public key") });
    });
  });
});

