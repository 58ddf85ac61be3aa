import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigurationError, startApp } from "../../src/app/server.js";
import { openEvidenceStore } from "../../src/evidence/open.js";
import type { EvidenceStore } from "../../src/evidence/types.js";
import { deliver, runApp, sign, testPrivateKey, type RunningApp } from "../helpers/app.js";
import { pushPayload } from "../helpers/payloads.js";

describe("the App refuses what it should refuse", () => {
  let app: RunningApp;
  let store: EvidenceStore;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "keyward-robust-"));
    store = await openEvidenceStore({ sqlitePath: join(dir, "e.db") });
    app = await runApp(store);
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterAll(async () => {
    nock.enableNetConnect();
    await app.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("will not start without a webhook secret", async () => {
    await expect(startApp({ appId: 1, privateKey: testPrivateKey(), webhookSecret: undefined, store, port: 0 })).rejects.toThrow(ConfigurationError);
    await expect(startApp({ appId: 1, privateKey: testPrivateKey(), webhookSecret: "", store, port: 0 })).rejects.toThrow(/WEBHOOK_SECRET/);
  });

  it("answers a wrong or missing signature with 4xx and does nothing", async () => {
    // Any call to GitHub would fail the test: nock has no interceptors and the network is off.
    const payload = pushPayload({ before: "a".repeat(40), after: "b".repeat(40), commits: [{ id: "b".repeat(40) }] });
    const wrong = await deliver(app, "push", payload, { secret: "not-the-secret" });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    expect(wrong.status).toBeLessThan(500);
    const missing = await deliver(app, "push", payload, { signature: null });
    expect(missing.status).toBeGreaterThanOrEqual(400);
    expect(missing.status).toBeLessThan(500);
    expect(await store.records()).toEqual([]);
  });

  it("answers a body that is not JSON with 4xx", async () => {
    const body = "{not json";
    const res = await fetch(`${app.url}/api/github/webhooks`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": "d-1", "x-hub-signature-256": sign(body) },
      body,
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it("logs a well-signed but malformed payload with its delivery id and answers it", async () => {
    const res = await deliver(app, "push", { ref: "refs/heads/main", repository: { name: 7 } }, { id: "malformed-delivery-1" });
    expect(res.status).toBeLessThan(500);
    expect(app.logs.some((l) => l.includes("malformed-delivery-1") && l.includes("malformed"))).toBe(true);
  });

  it("does nothing for a deleted branch", async () => {
    const res = await deliver(app, "push", { ...pushPayload({ before: "a".repeat(40), after: "0".repeat(40), commits: [], deleted: true }) });
    expect(res.status).toBe(200);
  });
});
