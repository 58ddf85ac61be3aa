import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqliteEvidenceStore } from "../../src/evidence/sqlite.js";
import { runCli } from "../helpers/cli.js";
import { input } from "./helpers.js";

describe("keyward evidence record and state", () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "keyward-record-"));
    db = join(dir, "evidence.db");
    const store = new SqliteEvidenceStore({ path: db });
    await store.transition(input("detected", { details: { rule: "github-pat", severity: "high" } }));
    await store.transition(input("issue-opened", { details: { issue: 9 } }));
    await store.transition(input("assigned", { details: { issue: 9, owners: ["@alice"] } }));
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const record = (...args: string[]) => runCli(["evidence", "record", "--repo", "acme/api", "--fingerprint", "secret:fp-one", "--db", db, ...args]);

  it("needs --actor, and marks what it writes as an operator attestation by that actor", async () => {
    expect(await record("--event", "rotated")).toMatchObject({ code: 2, stderr: expect.stringContaining("--actor is required") });
    expect(await record("--event", "rotated", "--actor", "bob", "--detail", "attestation=app")).toMatchObject({ code: 2, stderr: expect.stringContaining("may not set 'attestation'") });
    const cli = await record("--event", "acknowledged", "--actor", "alice", "--detail", "note=on it");
    expect(cli).toMatchObject({ code: 0, stdout: expect.stringContaining("recorded #4 acknowledged for secret:fp-one by alice; state now acknowledged") });
    const log = await runCli(["evidence", "log", "--db", db]);
    expect(log.stdout.trim().split("\n").at(-1)).toContain('acknowledged by alice {"attestation":"operator","note":"on it","via":"cli"}');
  });

  it("refuses an owner approving her own exception even when --detail owner is left out", async () => {
    const own = await record("--event", "exception-granted", "--actor", "alice", "--detail", "approver=alice", "--detail", "reason=only test data", "--detail", "expires=2099-01-31");
    expect(own).toMatchObject({ code: 2, stderr: expect.stringContaining("must be approved by someone other than the owner (alice)") });
    const other = await record("--event", "exception-granted", "--actor", "carol", "--detail", "approver=carol", "--detail", "reason=only test data", "--detail", "expires=2099-01-31");
    expect(other).toMatchObject({ code: 0, stdout: expect.stringContaining("state now exception") });
  });

  it("finds a state cache edited behind Keyward's back, and rebuilds it from the records", async () => {
    expect(await runCli(["evidence", "state", "--db", db])).toMatchObject({ code: 0, stdout: "the state cache agrees with the records\n" });
    const raw = new Database(db);
    raw.exec("UPDATE findings SET state = 'closed'");
    raw.close();
    expect(await runCli(["evidence", "state", "--db", db])).toMatchObject({ code: 1, stdout: expect.stringContaining("acme/api secret:fp-one: cache says closed, the records say exception") });
    expect(await runCli(["evidence", "state", "--db", db, "--rebuild"])).toMatchObject({ code: 0, stdout: expect.stringContaining("rebuilt the state cache from the records: 1 findings") });
    expect((await runCli(["evidence", "state", "--db", db])).code).toBe(0);
  });
});
