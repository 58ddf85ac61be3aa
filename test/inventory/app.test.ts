/**
 * The App's inventory sweep through real signed deliveries on Probot's own server, against the
 * GitHub stand-in: an installation opens one assigned access-review issue per finding and
 * records it; `/keyward reviewed` is taken from owners and maintainers only (who they are comes
 * from the store and GitHub, never from the issue's text); the daily sweep closes the reviews
 * whose fix it observes.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { Probot, ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEvidenceStore } from "../../src/evidence/open.js";
import { summarize } from "../../src/evidence/report.js";
import type { EvidenceStore } from "../../src/evidence/types.js";
import { makeDeps } from "../../src/remediate/deps.js";
import { scheduledInventory } from "../../src/remediate/inventory-reviews.js";
import { deliver, runApp, testPrivateKey, type RunningApp } from "../helpers/app.js";
import { startGitHubOrg, type FakeIssue, type StandIn } from "../helpers/github-org.js";
import { plantedOrg, TODAY } from "./orgs.js";

const now = () => new Date(`${TODAY}T09:00:00Z`);
const ORG = "acme-planted";
/** Probot answers GitHub within 10 s (202) and keeps working; GitHub's write pacing (one issue or comment every 3 s) is real here. */
async function until(done: () => boolean | Promise<boolean>, ms = 120_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("timed out waiting for the App");
}
/** The daily run, as the App's timer calls it, with Probot's auth against the stand-in (no write pacing). */
const probot = (url: string) => new Probot({ appId: 1234, privateKey: testPrivateKey(), baseUrl: url, log: pino({ level: "silent" }) as never, Octokit: ProbotOctokit.defaults({ throttle: { enabled: false } }) as never });
const repository = (name: string) => ({ id: 1, name, full_name: `${ORG}/${name}`, owner: { login: ORG }, html_url: `https://github.example/${ORG}/${name}`, default_branch: "main", private: true });

describe("the App's inventory sweep", () => {
  let gh: StandIn;
  let store: EvidenceStore;
  let app: RunningApp;
  let dir: string;
  const issue = (rule: string, identity?: string) => gh.issues.find((i) => i.title === `Access review: ${rule}${identity ? ` — ${identity}` : ""}`);
  const comment = (i: FakeIssue, login: string, body: string) =>
    deliver(app, "issue_comment", {
      action: "created",
      issue: { number: i.number, title: i.title, body: i.body, state: i.state, assignees: [], user: { login: "keyward[bot]", type: "Bot" } },
      comment: { id: 9, body, user: { login, type: "User" } },
      repository: repository(i.repo),
      installation: { id: 31337 },
      sender: { login, type: "User" },
    });

  beforeAll(async () => {
    const org = plantedOrg();
    org.collaborators = { alice: "write", bob: "read", carol: "read", "sec-lead": "write", maint: "maintain" };
    // Org-wide policy: acceptances hold 30 days here, not the default 90.
    org.repos.find((r) => r.name === ".github")!.files![".github/keyward.yml"] += "inventory:\n  governance: ['@sec-lead']\n  review_holds: 30d\n";
    gh = await startGitHubOrg(org);
    dir = mkdtempSync(join(tmpdir(), "keyward-inventory-app-"));
    store = await openEvidenceStore({ sqlitePath: join(dir, "evidence.db") });
    app = await runApp(store, { baseUrl: gh.url, now });
  });
  afterAll(async () => {
    await app.stop();
    await store.close();
    await gh.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("opens one assigned review issue per finding when installed, and records each", { timeout: 150_000 }, async () => {
    // An earlier attempt opened this one and died before recording it: it is adopted, not repeated.
    const fp = `inventory:github:pat-unused:${createHash("sha256").update(`personal-access-token:${ORG}:902`).digest("hex").slice(0, 16)}`;
    gh.issues.push({ repo: ".github", number: 1, title: "Access review: pat-unused — idle", body: `<!-- keyward:inventory=${fp} -->`, state: "open", labels: ["keyward", "access-review"], assignees: ["carol"], comments: [] });
    const res = await deliver(app, "installation", { action: "created", installation: { id: 31337, account: { login: ORG, type: "Organization" } }, repositories: [], sender: { login: "admin" } });
    expect([200, 202]).toContain(res.status);
    await until(async () => app.logs.some((l) => l.includes("inventory sweep done")));
    const titles = gh.issues.map((i) => i.title);
    for (const rule of ["orphaned-secret", "undefined-secret", "rotation-overdue", "overshared-org-secret", "unprotected-environment-secret", "stale-deploy-key", "pat-without-expiry", "pat-unused", "unowned-identity"])
      expect(titles.some((t) => t.startsWith(`Access review: ${rule}`)), rule).toBe(true);
    // In the repository it is about, assigned to its owners; unowned ones to governance.
    expect(issue("stale-deploy-key", "old-ci")).toMatchObject({ repo: "web", assignees: ["alice"], labels: ["keyward", "access-review"] });
    expect(issue("unowned-identity", "LEGACY_KEY")).toMatchObject({ repo: "web", assignees: ["sec-lead"] });
    expect(issue("pat-without-expiry", "forever")).toMatchObject({ repo: ".github", assignees: ["bob"] });
    expect(issue("pat-unused", "idle")).toMatchObject({ repo: ".github", number: 1, assignees: ["carol"] });
    expect(gh.issues.filter((i) => i.title === "Access review: pat-unused — idle")).toHaveLength(1);
    expect(issue("rotation-overdue", "NPM_TOKEN")!.body).toContain("@acme-planted/release (inventory: acme-planted/web:.github/keyward.yml:2)");
    const opened = (await store.records()).filter((r) => r.event === "review-opened");
    expect(opened).toHaveLength(gh.issues.length);
    expect(opened.find((r) => r.details.identity === "LEGACY_KEY" && r.details.rule === "unowned-identity")!.details).toMatchObject({ unowned: true, owners: [], governance: ["@sec-lead"], assignees: ["sec-lead"] });
    // The evidence report's review and unowned sections come from these records.
    const summary = summarize(await store.records(), { period: {}, asOf: now() });
    expect(summary.reviews.overdue.length + summary.reviews.upcoming.length).toBe(opened.length);
    expect(summary.unowned.map((u) => u.repository)).toContain(`${ORG}/web`);
    // Each finding has a lifecycle of its own, detected once, before its review opened.
    const detected = (await store.records()).filter((r) => r.event === "detected" && r.fingerprint.startsWith("inventory:"));
    expect(new Set(detected.map((r) => r.fingerprint))).toEqual(new Set(opened.map((r) => r.fingerprint)));
    expect(detected.find((r) => r.details.identity === "LEGACY_KEY" && r.details.rule === "unowned-identity")!.details).toMatchObject({ kind: "identity", unowned: true, owners: [], sweep: "2026-12-01" });
    // A heartbeat per swept repository (each its own, though one delivery swept them all).
    const beats = (await store.records()).filter((r) => r.event === "scanned");
    expect(beats.length).toBeGreaterThanOrEqual(2);
    expect(new Set(beats.map((r) => r.repository)).size).toBe(beats.length);
    expect(beats.find((r) => r.repository === `${ORG}/web`)!.details).toMatchObject({ sweep: "2026-12-01", rules: expect.stringMatching(/^sha256:/), findings: expect.any(Number) });
    expect(summarize(await store.records(), { period: {}, asOf: new Date() }).coverage.map((c) => c.repository)).toContain(`${ORG}/web`);
  });

  it("does not open a second issue for a finding already under review", async () => {
    const before = gh.issues.length;
    await scheduledInventory(probot(gh.url), makeDeps({ store, now, pacer: { wait: async () => undefined } }));
    expect(gh.issues.length).toBe(before);
  });

  it("takes /keyward reviewed from a maintainer, refuses it from anyone else, and refuses it on issues Keyward did not open", { timeout: 60_000 }, async () => {
    const npm = issue("rotation-overdue", "NPM_TOKEN")!;
    await comment(npm, "mallory", "/keyward reviewed");
    await until(() => npm.comments.length === 1);
    expect(npm.comments.at(-1)).toMatch(/^Sorry @mallory, only this identity's owners \(`@acme-planted\/release`\) or the repository's maintainers/);
    expect(npm.state).toBe("open");
    await comment(npm, "maint", "/keyward reviewed");
    await until(() => npm.state === "closed");
    const reviewed = (await store.records()).filter((r) => r.event === "reviewed");
    expect(reviewed).toEqual([expect.objectContaining({ actor: "maint", details: expect.objectContaining({ outcome: "accepted", until: "2026-12-31", issue: npm.number }) })]);
    expect(npm.body).toContain("Keyward asks again in 30 days.");
    expect(npm.comments.at(-1)).toBe("Review recorded by @maint: accepted as it is until 2026-12-31, when Keyward asks again.");
    // A marker pasted into someone else's issue names a finding, but the store has no such issue.
    const forged: FakeIssue = { repo: "web", number: gh.issues.length + 1, title: "hello", body: npm.body, state: "open", labels: [], assignees: [], comments: [] };
    gh.issues.push(forged);
    const done = await comment(forged, "mallory", "/keyward reviewed");
    expect(done.status).toBe(200);
    // Refused, politely and without pinging anyone; nothing is recorded as reviewed.
    expect(forged.comments).toEqual([expect.stringMatching(/^Keyward takes commands only on the issues it opened itself/)]);
    expect(forged.comments[0]).not.toMatch(/@\w/);
    expect((await store.records()).filter((r) => r.event === "reviewed")).toHaveLength(1);
  });

  it("closes the reviews whose fix the daily sweep observes, and keeps an accepted one closed", async () => {
    const web = gh.org.repos.find((r) => r.name === "web")!;
    web.secrets = web.secrets!.filter((s) => s.name !== "LEGACY_KEY");
    await scheduledInventory(probot(gh.url), makeDeps({ store, now, pacer: { wait: async () => undefined } }));
    for (const rule of ["orphaned-secret", "unowned-identity"]) {
      const i = issue(rule, "LEGACY_KEY")!;
      expect(i.state, rule).toBe("closed");
      expect(i.comments.at(-1)).toMatch(/^Resolved: Keyward's sweep of 2026-12-01 no longer sees this finding/);
    }
    expect(issue("rotation-overdue", "NPM_TOKEN")!.state).toBe("closed");
    expect(gh.issues.filter((i) => i.title === "Access review: rotation-overdue — NPM_TOKEN")).toHaveLength(1);
    expect(issue("pat-unused", "idle")!.state).toBe("open");
    const observed = (await store.records()).filter((r) => r.event === "reviewed" && r.details.outcome === "fix-observed");
    expect(observed.map((r) => r.actor)).toEqual(["keyward", "keyward"]);
    // …and the findings themselves are resolved: no longer observed by a complete sweep.
    const resolved = (await store.records()).filter((r) => r.event === "resolved");
    expect(resolved.map((r) => r.fingerprint).sort()).toEqual(observed.map((r) => r.fingerprint).sort());
    expect(summarize(await store.records(), { period: {}, asOf: now() }).unowned.map((u) => u.identity)).not.toContain("LEGACY_KEY");
  });
});
