import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runDemo } from "../src/demo/run.js";
import { runCli } from "./helpers/cli.js";

describe("npm run demo: the whole loop against a local stand-in for GitHub", () => {
  it("fails the check, opens an assigned issue, revokes the token, verifies the fix on close and exports a pack that verifies", async () => {
    const dir = mkdtempSync(join(tmpdir(), "keyward-demo-test-"));
    const lines: string[] = [];
    const { ok } = await runDemo((s) => lines.push(s), { evidenceDir: dir });
    const text = lines.join("\n");
    expect(ok).toBe(true);
    expect(text).toMatch(/check run "Keyward" on [0-9a-f]{7}: completed, failure/);
    expect(text).toMatch(/issue #1: Leaked GitHub classic personal access token in config\/settings\.py\n {2}labels: keyward, severity:critical; assigned: @alice/);
    // revoke.mode: on in the demo repository: revoked against the stand-in within the push delivery.
    expect(text).toMatch(/- \*\*Revocation:\*\* revoked at .+ UTC by Keyward \(requested from GitHub at .+, HTTP 202\)/);
    expect(text).toMatch(/received 1 revocation request\(s\); the planted token \(secret id [0-9a-f]{20}\) was in 1 of them/);
    expect(text).toMatch(/detected → revoked by keyward:auto: \d+(\.\d)? m?s; revoked → fix verified: \d+(\.\d)? m?s/);
    expect(text).toMatch(/the fix was verified/);
    expect(text).toMatch(/hash chain: intact/);
    const verified = await runCli(["evidence", "verify", join(dir, "pack"), "--public-key", join(dir, "signer.pub.pem")]);
    expect(verified).toMatchObject({ code: 0, stdout: expect.stringContaining("signature valid (the key given)") });
    const html = readFileSync(join(dir, "pack", "report.html"), "utf8");
    expect(html).toContain("5.17");

    // The check run's workflow findings are in the records and the report, each with a lifecycle.
    const records = readFileSync(join(dir, "pack", "records.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { event: string; fingerprint: string; details: Record<string, unknown> });
    const workflow = records.filter((r) => r.fingerprint.startsWith("workflow:") && r.event === "detected");
    expect(workflow.map((r) => r.details.rule).sort()).toEqual(["dangerous-triggers", "excessive-permissions", "overprovisioned-secrets", "rotation-overdue", "template-injection", "unowned-workflow-token", "unpinned-uses"]);
    expect(workflow.find((r) => r.details.rule === "unowned-workflow-token")?.details).toMatchObject({ identity: "AWS_SECRET_ACCESS_KEY", unowned: true, owners: [] });
    expect(workflow.find((r) => r.details.rule === "rotation-overdue")?.details).toMatchObject({ identity: "NPM_TOKEN", owners: ["@alice"] });
    const section = (title: string) => html.slice(html.indexOf(title), html.indexOf("</table>", html.indexOf(title)));
    expect(html).not.toContain("Every identity recorded has an owner");
    expect(section("Identities without an owner")).toContain("<td>AWS_SECRET_ACCESS_KEY</td>");
    expect(html).not.toContain("No review or rotation is overdue");
    expect(section("Access reviews overdue")).toContain("NPM_TOKEN (rotation-overdue)");
    // Heartbeats: the push and the pull request were each scanned once; the coverage section shows them.
    expect(records.filter((r) => r.event === "scanned").map((r) => r.details.pr ?? r.details.ref)).toEqual(["main", 1]);
    expect(section("Coverage: scan heartbeats")).toMatch(/<td>acme\/payments<\/td><td>2<\/td>/);
    // The secret's trail can be replayed: when it was committed, which commit and files the fix check read.
    const secret = records.filter((r) => r.fingerprint.startsWith("secret:"));
    expect(secret.find((r) => r.event === "detected")?.details).toMatchObject({ commit: expect.stringMatching(/^[0-9a-f]{40}$/), committedAt: expect.stringMatching(/^20\d\d-/) });
    expect(secret.find((r) => r.event === "fix-verified")?.details).toMatchObject({ branch: "main", headSha: expect.stringMatching(/^[0-9a-f]{40}$/), paths: ["config/settings.py", "src/charge.js"] });
    const csv = readFileSync(join(dir, "pack", "findings.csv"), "utf8");
    expect(csv).toMatch(/^acme\/payments,workflow:\.github\/workflows\/deploy\.yml:unowned-workflow-token:[0-9a-f]{16},workflow,unowned-workflow-token,medium,detected,/m);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
