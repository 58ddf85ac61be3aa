import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyChain } from "../../src/evidence/chain.js";
import { SqliteEvidenceStore } from "../../src/evidence/sqlite.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);

describe("the SQLite store with writers in separate processes", () => {
  let build = "";
  let dir = "";
  beforeAll(() => {
    // Compiled under node_modules so the worker resolves better-sqlite3 like the project does.
    build = join(root, "node_modules", ".cache", `keyward-evidence-worker-${process.pid}`);
    mkdirSync(build, { recursive: true });
    writeFileSync(join(build, "package.json"), '{ "type": "module" }\n');
    const tsc = join(root, "node_modules", ".bin", "tsc");
    execFileSync(tsc, ["--ignoreConfig", "--outDir", build, "--rootDir", root, "--module", "nodenext", "--target", "es2022", "--types", "node", "--skipLibCheck", join(root, "test/evidence/fixtures/append-worker.ts")], { cwd: root });
    dir = mkdtempSync(join(tmpdir(), "keyward-evidence-procs-"));
  });
  afterAll(() => {
    for (const d of [build, dir]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it("keeps one unbroken chain when three processes append to one file at once", async () => {
    const path = join(dir, "evidence.db");
    const worker = join(build, "test/evidence/fixtures/append-worker.js");
    await Promise.all(["alpha", "beta", "gamma"].map((name) => run(process.execPath, [worker, path, name, "40"])));
    const store = new SqliteEvidenceStore({ path });
    try {
      const records = await store.records();
      expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
      expect(verifyChain(records)).toEqual({ ok: true });
      for (const name of ["alpha", "beta", "gamma"]) expect(records.filter((r) => r.actor === name).length).toBe(40);
      expect(await store.stateOf("acme/api", "secret:gamma-39")).toBe("detected");
    } finally {
      await store.close();
    }
  });
});
