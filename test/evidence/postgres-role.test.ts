/**
 * The App's PostgreSQL role, for real against the local server: it may read and append, and the
 * database refuses it UPDATE, DELETE and TRUNCATE of the records and tree heads — by privilege,
 * not only by trigger — and dropping the triggers, which only their owner may.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresEvidenceStore } from "../../src/evidence/postgres.js";
import { runCli } from "../helpers/cli.js";
import { DATABASE_URL, input } from "./helpers.js";

describe("the App's INSERT/SELECT-only PostgreSQL role", () => {
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const schema = `keyward_role_${suffix}`;
  const role = `keyward_app_${suffix}`;
  const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
  const asApp = () => {
    const url = new URL(DATABASE_URL);
    url.username = role;
    url.password = "";
    return url.toString();
  };
  let app: pg.Pool;

  beforeAll(async () => {
    const cli = await runCli(["evidence", "migrate", "--app-role", role], { env: { DATABASE_URL, KEYWARD_DB_SCHEMA: schema } });
    expect(cli).toMatchObject({ code: 0, stdout: expect.stringContaining(`role ${role} may SELECT and INSERT`) });
    // Local trust authentication: the role only needs to be allowed to log in.
    await admin.query(`ALTER ROLE "${role}" LOGIN`);
    app = new pg.Pool({ connectionString: asApp(), max: 2 });
  });
  afterAll(async () => {
    await app?.end();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.query(`DROP OWNED BY "${role}"`).catch(() => undefined);
    await admin.query(`DROP ROLE IF EXISTS "${role}"`);
    await admin.end();
  });

  it("appends, reads and keeps the state cache through the store", async () => {
    const store = await PostgresEvidenceStore.open({ connectionString: asApp(), schema });
    try {
      await store.transition(input("detected"));
      await store.transition(input("issue-opened", { details: { issue: 1 } }));
      await store.addTreeHead({ size: 2, root: "ab".repeat(32), time: new Date().toISOString() });
      expect((await store.records()).map((r) => r.event)).toEqual(["detected", "issue-opened"]);
      expect(await store.stateOf("acme/api", "secret:fp-one")).toBe("issue-opened");
      expect(await store.rebuildStateCache()).toBe(1);
      expect((await store.treeHeads()).length).toBe(1);
      // The delivery ledger is the one thing it updates.
      const now = new Date();
      expect(await store.ledger.claimDelivery("d-role", "push", now, new Date(now.getTime() - 60_000))).toEqual({ claimed: true, attempt: 1 });
      await store.ledger.finishDelivery("d-role", "done", now);
      await store.ledger.noteCheckRun({ deliveryId: "d-role", repository: "acme/api", headSha: "a".repeat(40), externalId: "x", checkRunId: 1, status: "completed", startedAt: now.toISOString() });
      expect(await store.ledger.delivery("d-role")).toMatchObject({ status: "done" });
    } finally {
      await store.close();
    }
  });

  it.each([
    ["UPDATE", `UPDATE "${schema}".records SET actor = 'mallory'`],
    ["DELETE", `DELETE FROM "${schema}".records`],
    ["TRUNCATE", `TRUNCATE "${schema}".records`],
    ["UPDATE of tree heads", `UPDATE "${schema}".tree_heads SET root = 'x'`],
    ["DELETE of tree heads", `DELETE FROM "${schema}".tree_heads`],
    ["TRUNCATE of tree heads", `TRUNCATE "${schema}".tree_heads`],
  ])("is refused %s by privilege", async (_, sql) => {
    await expect(app.query(sql)).rejects.toMatchObject({ code: "42501", message: expect.stringMatching(/permission denied/) });
  });

  it("cannot drop the triggers or the tables", async () => {
    await expect(app.query(`DROP TRIGGER records_no_update_delete ON "${schema}".records`)).rejects.toMatchObject({ code: "42501", message: expect.stringMatching(/must be owner/) });
    await expect(app.query(`ALTER TABLE "${schema}".records DISABLE TRIGGER ALL`)).rejects.toMatchObject({ code: "42501" });
    await expect(app.query(`DROP TABLE "${schema}".records`)).rejects.toMatchObject({ code: "42501" });
  });
});
