/**
 * `keyward review` and `keyward evidence record`, run as the built binary: reviews are kept per
 * identity per repository per day, a recorded review counts, names are checked, and the log
 * goes where the settings say — never into the repository being reviewed.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEvidenceStore } from "../../src/evidence/open.js";
import { runBin } from "../helpers/cli.js";

const DATABASE_URL = process.env.KEYWARD_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

function repository(parent: string, name: string, lastReviewed: string): string {
  const root = join(parent, name);
  mkdirSync(join(root, ".github"), { recursive: true });
  writeFileSync(
    join(root, ".github/keyward.yml"),
    ["identities:", "  - secret: DEPLOY_KEY", '    owners: ["@ops"]', "    review_every: 90d", `    last_reviewed: ${lastReviewed}`, "  - secret: AWS_*", '    owners: ["@cloud"]', "    review_every: 90d", `    last_reviewed: ${day(0)}`, ""].join("\n"),
  );
  return root;
}

describe("keyward review and keyward evidence record", () => {
  let dir: string;
  let home: string;
  let web: string;
  let api: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "keyward-review-"));
    home = join(dir, "home");
    db = join(dir, "evidence.db");
    web = repository(dir, "web", "2026-01-01");
    api = repository(dir, "api", "2026-01-01");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (argv: string[], env: Record<string, string> = {}, cwd = dir) => runBin(argv, { cwd, env: { HOME: home, USER: "tester", ...env } });

  it("opens a review for each overdue identity once a day per repository, each with its own record", async () => {
    const first = await run(["review", "--repo", "acme/web", "--db", db, web]);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/^DEPLOY_KEY: review was due on 2026-04-01 — owners @ops \(record 1\)$/m);
    expect(first.stdout).not.toMatch(/AWS_/);
    const again = await run(["review", "--repo", "acme/web", "--db", db, web]);
    expect(again.stdout).toMatch(/DEPLOY_KEY: .*\(record 1\)/); // the same record: not opened twice in a day
    const other = await run(["review", "--repo", "acme/api", "--db", db, api]);
    expect(other.stdout).toMatch(/DEPLOY_KEY: .*\(record 2\)/); // another repository: its own record
    const log = await run(["evidence", "log", "--db", db]);
    expect(log.stdout).toMatch(/^1 \S+ acme\/web identity:DEPLOY_KEY review-opened/m);
    expect(log.stdout).toMatch(/^2 \S+ acme\/api identity:DEPLOY_KEY review-opened/m);
  });

  it("refuses to record a review of an identity the inventory does not have, and writes nothing", async () => {
    const r = await run(["review", "--repo", "acme/web", "--reviewed", "DEPLOY_KYE", "--by", "carol", "--db", db, web]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no identity 'DEPLOY_KYE' in the inventory \(did you mean 'DEPLOY_KEY'\?/);
    expect((await run(["evidence", "log", "--db", db])).stdout.trim().split("\n")).toHaveLength(2);
  });

  it("records a review, which stops the same review being opened the next day, until it is due again", async () => {
    const done = await run(["review", "--repo", "acme/web", "--reviewed", "DEPLOY_KEY", "--by", "carol", "--note", "still needed; scope narrowed", "--db", db, web]);
    expect(done.stdout).toMatch(/recorded: carol reviewed DEPLOY_KEY in acme\/web \(record 3\)/);
    // Typed in at the CLI: the record says it is carol's attestation through the operator's tool.
    const log = (await run(["evidence", "log", "--db", db])).stdout.trim().split("\n");
    expect(log.at(-1)).toMatch(/acme\/web identity:DEPLOY_KEY reviewed by carol .*"attestation":"operator".*"via":"cli"/);
    const tomorrow = await run(["review", "--repo", "acme/web", "--today", day(1), "--db", db, web]);
    expect(tomorrow).toMatchObject({ code: 0, stdout: expect.stringContaining("0 reviews opened") });
    // acme/api's DEPLOY_KEY was not reviewed: it is still due there.
    expect((await run(["review", "--repo", "acme/api", "--today", day(1), "--db", db, api])).stdout).toMatch(/^DEPLOY_KEY: review was due/m);
    const later = await run(["review", "--repo", "acme/web", "--today", day(91), "--db", db, web]);
    expect(later.stdout).toMatch(new RegExp(`^DEPLOY_KEY: review was due on ${day(90)}`, "m"));
  });

  it("records a review of a glob entry's secret under that entry", async () => {
    const r = await run(["review", "--repo", "acme/web", "--reviewed", "AWS_ACCESS_KEY_ID", "--by", "carol", "--db", db, web]);
    expect(r.stdout).toMatch(/recorded: carol reviewed AWS_\* in acme\/web/);
  });

  it("drives a finding's lifecycle from the CLI and refuses illegal transitions", async () => {
    const rec = (...a: string[]) => run(["evidence", "record", "--repo", "acme/web", "--fingerprint", "secret:abc", "--db", db, ...a]);
    expect((await rec("--event", "detected", "--actor", "keyward", "--detail", "rule=github-pat")).stdout).toMatch(/state now detected/);
    const illegal = await rec("--event", "fix-verified", "--actor", "alice");
    expect(illegal.code).toBe(2);
    expect(illegal.stderr).toMatch(/fix-verified/);
    expect((await rec("--event", "exception-granted", "--actor", "carol", "--detail", "approver=carol", "--detail", "reason=vendor", "--detail", "expires=2026-05-01")).stdout).toMatch(/state now exception/);
  });

  it("expires exceptions whose date has passed, reopening their findings — each repository's own", async () => {
    const other = await run(["review", "--repo", "acme/api", "--today", day(1), "--db", db, api]);
    expect(other.stdout).not.toMatch(/exception expired/);
    const r = await run(["review", "--repo", "acme/web", "--today", day(1), "--db", db, web]);
    expect(r.stdout).toMatch(/exception expired: secret:abc in acme\/web reopened/);
    const store = await openEvidenceStore({ sqlitePath: db });
    expect(await store.stateOf("acme/web", "secret:abc")).toBe("reopened");
    await store.close();
  });

  it("never writes .keyward/ into the repository it reviews: the user's data directory, or KEYWARD_DB_PATH", async () => {
    const fresh = repository(dir, "fresh", "2026-01-01");
    const r = await run(["review", "--repo", "acme/fresh", "."], {}, fresh);
    expect(r.code).toBe(1);
    expect(existsSync(join(fresh, ".keyward"))).toBe(false);
    expect(existsSync(join(home, ".local/share/keyward/evidence.db"))).toBe(true);
    expect((await run(["review", "--repo", "acme/fresh", "."], { XDG_DATA_HOME: join(dir, "xdg") }, fresh)).code).toBe(1);
    expect(existsSync(join(dir, "xdg/keyward/evidence.db"))).toBe(true);
    const configured = join(dir, "configured.db");
    await run(["review", "--repo", "acme/fresh", "."], { KEYWARD_DB_PATH: configured }, fresh);
    await run(["evidence", "record", "--repo", "acme/fresh", "--fingerprint", "secret:def", "--event", "detected", "--actor", "keyward"], { KEYWARD_DB_PATH: configured }, fresh);
    const log = await run(["evidence", "log"], { KEYWARD_DB_PATH: configured }, fresh);
    expect(log.stdout).toMatch(/acme\/fresh identity:DEPLOY_KEY review-opened/);
    expect(log.stdout).toMatch(/acme\/fresh secret:def detected/);
    expect(existsSync(join(fresh, ".keyward"))).toBe(false);
  });

  it("writes to the PostgreSQL schema KEYWARD_DB_SCHEMA names, from review and from evidence record", async () => {
    const schema = `kw_cli_${process.pid}_${Date.now().toString(36)}`;
    const env = { DATABASE_URL, KEYWARD_DB_SCHEMA: schema };
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      expect((await run(["review", "--repo", "acme/web", web], env)).code).toBe(1);
      expect((await run(["evidence", "record", "--repo", "acme/web", "--fingerprint", "secret:pg", "--event", "detected", "--actor", "keyward"], env)).code).toBe(0);
      const rows = await client.query(`SELECT event FROM "${schema}".records ORDER BY seq`);
      expect(rows.rows.map((r) => r.event)).toEqual(["review-opened", "detected"]);
    } finally {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  });
});
