/**
 * The inventory's ETag cache outlives the process that filled it: a restarted App (a file per
 * installation in its workdir) and any worker in queue mode (Redis, shared) sweep an unchanged
 * organisation with nothing but 304s — although every installation token is new, since the
 * cache is keyed by installation and URL, never by token. The Redis cache is bounded.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEvidenceStore } from "../../src/evidence/open.js";
import type { EvidenceStore } from "../../src/evidence/types.js";
import { useConditionalRequests, type ResponseCache } from "../../src/inventory/conditional.js";
import type { GitHub } from "../../src/inventory/github.js";
import { sweepOrg } from "../../src/inventory/sweep.js";
import { redisResponseCache } from "../../src/queue/response-cache.js";
import { deliver, runApp } from "../helpers/app.js";
import { startGitHubOrg, type StandIn } from "../helpers/github-org.js";
import { plantedOrg, TODAY } from "./orgs.js";

const REDIS_URL = process.env.KEYWARD_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const now = () => new Date(`${TODAY}T09:00:00Z`);
const installed = (id: string) => ({ action: "created", installation: { id: 31337, account: { login: "acme-planted", type: "Organization" } }, repositories: [], sender: { login: "admin" } });

async function until(done: () => boolean, ms = 60_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (done()) return;
  throw new Error("timed out");
}

const installationTokens = (gh: StandIn) => [...gh.counts.tokens].filter((t) => t.startsWith("stand-in-installation-token-"));

describe("the inventory's ETag cache", () => {
  let gh: StandIn;
  let dir: string;
  let store: EvidenceStore;
  beforeAll(async () => {
    gh = await startGitHubOrg(plantedOrg());
    dir = mkdtempSync(join(tmpdir(), "keyward-inventory-cache-"));
    store = await openEvidenceStore({ sqlitePath: join(dir, "evidence.db") });
  });
  afterAll(async () => {
    await store.close();
    await gh.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("survives an App restart: the next sweep is all 304s, with a new installation token", { timeout: 120_000 }, async () => {
    const workdir = join(dir, "app");
    const first = await runApp(store, { baseUrl: gh.url, now, workdir });
    await deliver(first, "installation", installed("a"));
    await until(() => first.logs.some((l) => l.includes("inventory sweep done")));
    await first.stop();
    const firstTokens = installationTokens(gh);
    expect(gh.counts.chargedReads).toBeGreaterThan(20);
    const issues = gh.issues.length;

    gh.resetCounts();
    const second = await runApp(store, { baseUrl: gh.url, now, workdir });
    try {
      await deliver(second, "installation", installed("b"));
      await until(() => second.logs.some((l) => l.includes("inventory sweep done")));
    } finally {
      await second.stop();
    }
    expect(installationTokens(gh)).toHaveLength(1);
    expect(firstTokens).not.toContain(installationTokens(gh)[0]);
    expect(gh.counts.notModified).toBeGreaterThan(20);
    expect(gh.counts.chargedReads).toBe(0);
    expect(gh.issues.length).toBe(issues);
  });

  describe("in Redis", () => {
    const prefix = `keyward-test:${randomUUID()}:`;
    const clients: Redis[] = [];
    const client = () => {
      const r = new Redis(REDIS_URL, { lazyConnect: false });
      clients.push(r);
      return r;
    };
    afterAll(async () => {
      const r = client();
      const keys = await r.keys(`${prefix}*`);
      if (keys.length) await r.del(...keys);
      for (const c of clients) c.disconnect();
    });

    const sweep = async (cache: ResponseCache, token: string) => {
      const octokit = new ProbotOctokit({ auth: { token }, baseUrl: gh.url, throttle: { enabled: false }, retry: { enabled: false } } as never) as unknown as GitHub;
      useConditionalRequests(octokit, cache);
      gh.resetCounts();
      const result = await sweepOrg(octokit, { org: "acme-planted", serverUrl: "https://github.example", now: now(), repositories: "installation" });
      return { reads: gh.counts.chargedReads, notModified: gh.counts.notModified, findings: result.findings.length };
    };

    it("is shared by workers and kept across their restarts, keyed by installation and not by token", async () => {
      const first = await sweep(redisResponseCache(client(), 31337, { prefix }), "token-of-hour-1");
      expect(first.reads).toBeGreaterThan(20);
      // Another worker (its own connection), an hour later (another token): nothing is charged.
      const second = await sweep(redisResponseCache(client(), 31337, { prefix }), "token-of-hour-2");
      expect(second.reads).toBe(0);
      expect(second.notModified).toBeGreaterThan(20);
      expect(second.findings).toBe(first.findings);
      // Another installation's cache is its own.
      const other = await sweep(redisResponseCache(client(), 4242, { prefix }), "token-of-hour-2");
      expect(other.reads).toBe(first.reads);
      expect(await client().keys(`${prefix}*`)).not.toContainEqual(expect.stringContaining("token-of-hour"));
    });

    it("is bounded: at most maxEntries per installation, each expiring when unused", async () => {
      const r = client();
      const cache = redisResponseCache(r, 7, { prefix, maxEntries: 5, ttlSeconds: 600 });
      for (let i = 0; i < 12; i++) await cache.set(`https://api.example/x/${i}`, { etag: `"${i}"`, url: `https://api.example/x/${i}`, data: { i } });
      expect(await r.zcard(`${prefix}7:index`)).toBe(5);
      expect((await r.keys(`${prefix}7:*`)).length).toBe(6);
      expect(await cache.get("https://api.example/x/0")).toBeUndefined();
      expect(await cache.get("https://api.example/x/11")).toMatchObject({ etag: '"11"', data: { i: 11 } });
      const ttl = await r.ttl((await r.keys(`${prefix}7:*`)).find((k) => !k.endsWith(":index"))!);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(600);
      await cache.set("https://api.example/huge", { url: "https://api.example/huge", data: "x".repeat(2 * 1024 * 1024) });
      expect(await cache.get("https://api.example/huge")).toBeUndefined();
    });
  });
});
