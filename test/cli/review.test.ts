import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEvidenceStore } from "../../src/evidence/open.js";
import { runCli } from "../helpers/cli.js";

describe("keyward review and keyward evidence record", () => {
  let root: string;
  let db: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "keyward-review-"));
    db = join(root, "evidence.db");
    mkdirSync(join(root, ".github"), { recursive: true });
    writeFileSync(
      join(root, ".github/keyward.yml"),
      ["identities:", "  - secret: DEPLOY_KEY", '    owners: ["@ops"]', "    review_every: 90d", "    last_reviewed: 2026-01-01", "  - secret: FRESH_KEY", '    owners: ["@ops"]', "    review_every: 90d", "    last_reviewed: 2026-05-20", ""].join("\n"),
    );
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("opens a review for each overdue identity, once a day, and records reviews done", async () => {
    const first = await runCli(["review", "--repo", "acme/web", "--today", "2026-06-01", "--db", db, root]);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/^DEPLOY_KEY: review was due on 2026-04-01 — owners @ops \(record 1\)$/m);
    expect(first.stdout).not.toMatch(/FRESH_KEY/);
    const again = await runCli(["review", "--repo", "acme/web", "--today", "2026-06-01", "--db", db, root]);
    expect(again.stdout).toMatch(/DEPLOY_KEY: .*\(record 1\)/); // the same record: not opened twice in a day
    const done = await runCli(["review", "--repo", "acme/web", "--reviewed", "DEPLOY_KEY", "--by", "carol", "--note", "still needed; scope narrowed", "--db", db, root]);
    expect(done.stdout).toMatch(/recorded: carol reviewed DEPLOY_KEY \(record 2\)/);
  });

  it("drives a finding's lifecycle from the CLI and refuses illegal transitions", async () => {
    const rec = (...a: string[]) => runCli(["evidence", "record", "--repo", "acme/web", "--fingerprint", "secret:abc", "--db", db, ...a]);
    expect((await rec("--event", "detected", "--actor", "keyward", "--detail", "rule=github-pat")).stdout).toMatch(/state now detected/);
    const illegal = await rec("--event", "fix-verified", "--actor", "alice");
    expect(illegal.code).toBe(2);
    expect(illegal.stderr).toMatch(/fix-verified/);
    expect((await rec("--event", "exception-granted", "--actor", "carol", "--detail", "approver=carol", "--detail", "reason=vendor", "--detail", "expires=2026-05-01")).stdout).toMatch(/state now exception/);
  });

  it("expires exceptions whose date has passed, reopening their findings", async () => {
    const r = await runCli(["review", "--repo", "acme/web", "--today", "2026-06-02", "--db", db, root]);
    expect(r.stdout).toMatch(/exception expired: secret:abc in acme\/web reopened/);
    const store = await openEvidenceStore({ sqlitePath: db });
    expect(await store.stateOf("acme/web", "secret:abc")).toBe("reopened");
    await store.close();
  });
});
