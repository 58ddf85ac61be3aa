/**
 * The report as an auditor opens it: Debian's Chromium, headless, renders report.html from a
 * real pack; the DOM it builds holds every finding with a working link to its trail, and the
 * screenshot is kept (KEYWARD_REPORT_SCREENSHOT=path) for a person to look at. Skipped, saying
 * so, only where Chromium is not installed.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSigningKeyPair, keyFingerprint } from "../../src/evidence/checkpoint.js";
import { exportPack } from "../../src/evidence/export.js";
import { SqliteEvidenceStore } from "../../src/evidence/sqlite.js";
import { input, runLifecycle, steppingClock } from "./helpers.js";

const chromium = ["chromium", "chromium-browser"].find((bin) => spawnSync("which", [bin]).status === 0);
if (!chromium) console.warn("SKIPPED report-browser.test.ts: Chromium is not installed (apt-get install -y chromium)");

describe.skipIf(!chromium)("the report in a real browser", () => {
  const keys = generateSigningKeyPair();
  let dir: string;
  let html: string;
  const flags = (profile: string) => ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", `--user-data-dir=${profile}`];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "keyward-browser-"));
    const store = new SqliteEvidenceStore({ path: join(dir, "evidence.db"), clock: steppingClock("2025-01-06T09:00:00.000Z", 5 * 3_600_000) });
    await runLifecycle(store);
    await store.transition(input("detected", { repository: "acme/web", fingerprint: "workflow:excessive-permissions:.github/workflows/deploy.yml", details: { rule: "excessive-permissions", severity: "high", kind: "workflow" } }));
    await store.transition(input("issue-opened", { repository: "acme/web", fingerprint: "workflow:excessive-permissions:.github/workflows/deploy.yml", details: { issue: 12 } }));
    await exportPack(store, { outDir: join(dir, "pack"), toolVersion: "test", signingKey: keys.privateKey, now: new Date("2025-02-01T00:00:00Z") });
    await store.close();
    html = join(dir, "pack", "report.html");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("renders every finding with a link to its trail, the signer and the exception register", () => {
    const dom = execFileSync(chromium!, [...flags(join(dir, "profile-dom")), "--dump-dom", `file://${html}`], { encoding: "utf8", timeout: 60_000, stdio: ["ignore", "pipe", "ignore"] });
    expect(dom).toContain("Every finding of the period (3), with its trail");
    for (const n of [1, 2, 3]) {
      expect(dom).toContain(`<a href="#trail-${n}">`);
      expect(dom).toContain(`<h3 id="trail-${n}">`);
    }
    expect(dom).toContain(keyFingerprint(keys.publicKey));
    expect(dom).toContain("Exception register (accepted risk)");
    expect(dom).toMatch(/<td>#7<\/td><td>2025-01-07T15:00:00\.000Z<\/td><td>fix-verified<\/td>/);
    expect(dom).toContain("workflow:excessive-permissions:.github/workflows/deploy.yml");
  });

  it("takes a screenshot of the page", () => {
    const png = join(dir, "report.png");
    execFileSync(chromium!, [...flags(join(dir, "profile-shot")), "--hide-scrollbars", "--window-size=1280,2200", `--screenshot=${png}`, `file://${html}`], { timeout: 60_000, stdio: "ignore" });
    const bytes = readFileSync(png);
    expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1280, 2200]);
    // A blank page compresses to almost nothing; a rendered report does not.
    expect(statSync(png).size).toBeGreaterThan(60_000);
    if (process.env.KEYWARD_REPORT_SCREENSHOT) copyFileSync(png, process.env.KEYWARD_REPORT_SCREENSHOT);
  });
});
