import { describe, expect, it } from "vitest";
import { GENESIS_HASH } from "../../src/evidence/chain.js";
import { renderHtml, renderMarkdown } from "../../src/evidence/render.js";
import { CONTROLS, percentiles, summarize } from "../../src/evidence/report.js";
import type { EvidenceEvent, EvidenceRecord } from "../../src/evidence/types.js";

let seq = 0;
function rec(time: string, fingerprint: string, event: EvidenceEvent, details: Record<string, unknown> = {}, actor = "keyward"): EvidenceRecord {
  seq += 1;
  // Hashes do not matter to the report; the chain is verified elsewhere.
  return { seq, time: time.includes("T") ? time : `${time}T00:00:00.000Z`, repository: "acme/api", fingerprint, event, actor, details, prevHash: GENESIS_HASH, hash: GENESIS_HASH };
}

// January 2025, aged as of 1 February.
const RECORDS: EvidenceRecord[] = [
  rec("2024-11-01", "I", "detected", { severity: "low" }),
  rec("2024-11-05", "I", "revoked"),
  rec("2024-11-05T06:00:00.000Z", "I", "fix-verified"),
  rec("2024-12-01", "D", "detected", { severity: "medium", rule: "slack-webhook" }),
  rec("2025-01-02", "A", "detected", { severity: "critical", rule: "aws-access-key" }),
  rec("2025-01-02T12:00:00.000Z", "A", "rotated", {}, "alice"),
  rec("2025-01-03", "A", "fix-verified"),
  rec("2025-01-03", "G", "detected", { severity: "medium" }),
  rec("2025-01-04", "G", "false-positive", { reason: "documented test fixture" }, "alice"),
  rec("2025-01-04", "G", "closed"),
  rec("2025-01-05", "B", "detected", { severity: "high" }),
  rec("2025-01-05", "AWS_KEY", "review-opened", { due: "2025-01-31" }),
  rec("2025-01-06", "H", "detected", { severity: "high" }),
  rec("2025-01-07", "H", "exception-granted", { approver: "bob", owner: "@alice", reason: "sandbox account", expires: "2025-01-20" }, "bob"),
  rec("2025-01-08", "B", "revoked", {}, "alice"),
  rec("2025-01-09", "AWS_KEY", "reviewed", {}, "carol"),
  rec("2025-01-10", "C", "detected", { severity: "high" }),
  rec("2025-01-10", "DEPLOY_TOKEN", "review-opened", { due: "2025-01-15" }),
  rec("2025-01-11", "NPM_TOKEN", "review-opened", { due: "2025-03-01" }),
  rec("2025-01-11", "C", "rotated", {}, "dave"),
  rec("2025-01-12", "C", "fix-verified"),
  rec("2025-01-12", "X", "redetected", { unowned: true, owners: [] }),
  rec("2025-01-13", "Y", "redetected", { owners: [] }),
  rec("2025-01-14", "Y", "assigned", { owners: ["@acme/platform"] }),
  rec("2025-01-15", "B", "fix-verified"),
  rec("2025-01-16", "B", "closed"),
  rec("2025-01-20", "D", "rotated", {}, "erin"),
  rec("2025-01-20", "D", "fix-verified"),
  rec("2025-01-20", "F", "detected", { severity: "critical" }),
  rec("2025-01-20", "F", "assigned", { owners: ["@frank"] }),
  rec("2025-01-25", "E", "detected", { severity: "low" }),
  rec("2025-01-25", "E", "assigned", { owners: ["@erin"] }),
  rec("2025-02-03", "F", "rotated", {}, "frank"),
];

const summary = summarize(RECORDS, { period: { since: new Date("2025-01-01T00:00:00Z"), until: new Date("2025-02-01T00:00:00Z") }, asOf: new Date("2025-02-01T00:00:00Z") });

describe("the evidence summary", () => {
  it("measures time to remediation with nearest-rank p50 and p90, overall and by severity", () => {
    expect(summary.remediation.items.map((r) => [r.fingerprint, r.days])).toEqual([
      ["D", 50],
      ["A", 1],
      ["B", 10],
      ["C", 2],
    ]);
    expect(summary.remediation.overall).toEqual({ count: 4, p50Days: 2, p90Days: 50 });
    expect(summary.remediation.bySeverity).toEqual({ critical: { count: 1, p50Days: 1, p90Days: 1 }, high: { count: 2, p50Days: 2, p90Days: 10 }, medium: { count: 1, p50Days: 50, p90Days: 50 } });
    expect(percentiles([4, 1, 3, 2])).toEqual({ count: 4, p50Days: 2, p90Days: 4 });
    expect(percentiles([])).toEqual({ count: 0, p50Days: null, p90Days: null });
  });

  it("lists SLA breaches, late remediations and open findings past their SLA", () => {
    expect(summary.sla.breaches.map((b) => [b.fingerprint, b.severity, b.status, b.days])).toEqual([
      ["D", "medium", "remediated-late", 50],
      ["B", "high", "remediated-late", 10],
      ["F", "critical", "open", 12],
    ]);
    const tighter = summarize(RECORDS, { period: { since: new Date("2025-01-01T00:00:00Z"), until: new Date("2025-02-01T00:00:00Z") }, asOf: new Date("2025-02-01T00:00:00Z"), sla: { critical: 1, high: 1, medium: 60, low: 5 } });
    expect(tighter.sla.breaches.map((b) => b.fingerprint)).toEqual(["B", "C", "F", "E"]);
  });

  it("counts findings active in the period by state and ages the open ones", () => {
    expect(summary.findings.byState).toEqual({ "fix-verified": 3, closed: 2, exception: 1, assigned: 2 });
    expect(summary.findings.open.map((f) => [f.fingerprint, f.state, f.ageDays])).toEqual([
      ["F", "assigned", 12],
      ["E", "assigned", 7],
    ]);
  });

  it("lists exceptions with approver and expiry, flagging one past its expiry", () => {
    expect(summary.exceptions).toEqual([{ repository: "acme/api", fingerprint: "H", approver: "bob", owner: "@alice", reason: "sandbox account", expires: "2025-01-20", granted: "2025-01-07T00:00:00.000Z", status: "lapsed" }]);
  });

  it("lists reviews done, overdue and upcoming, and identities without an owner", () => {
    expect(summary.reviews.done.map((r) => [r.identity, r.actor])).toEqual([["AWS_KEY", "carol"]]);
    expect(summary.reviews.overdue.map((r) => [r.identity, r.due])).toEqual([["DEPLOY_TOKEN", "2025-01-15"]]);
    expect(summary.reviews.upcoming.map((r) => r.identity)).toEqual(["NPM_TOKEN"]);
    expect(summary.unowned.map((u) => u.identity)).toEqual(["X"]);
  });

  it("counts the period's records and ignores what came after it", () => {
    expect(summary.log.records).toBe(28);
    expect(summary.log.events.rotated).toBe(3);
    expect(summary.monitoring).toMatchObject({ detected: 7, redetected: 2 });
  });

  it("groups the evidence under ISO 27001 Annex A controls with SOC 2 alongside", () => {
    expect(CONTROLS.map((c) => c.id)).toEqual(["5.15", "5.16", "5.17", "5.18", "8.15", "8.16"]);
    expect(Object.fromEntries(CONTROLS.map((c) => [c.id, c.sections]))).toMatchObject({ "5.16": ["unowned"], "5.17": ["remediation", "sla"], "5.18": ["reviews"], "8.15": ["log"] });
    expect(new Set(CONTROLS.flatMap((c) => c.soc2))).toEqual(new Set(["CC6.1", "CC6.2", "CC6.3", "CC6.6", "CC7.2"]));
    const md = renderMarkdown(summary);
    const section = (id: string) => md.slice(md.indexOf(`## ISO/IEC 27001:2022 A.${id}`), md.indexOf("\n## ", md.indexOf(`## ISO/IEC 27001:2022 A.${id}`) + 1));
    expect(section("5.17")).toMatch(/SLA breaches[\s\S]*\| D \| medium \| 30 d \| 50\.0 d \| remediated late \|/);
    expect(section("5.17")).toContain("SOC 2 CC6.1, CC6.6");
    expect(section("5.18")).toContain("DEPLOY\\_TOKEN");
    expect(section("5.15")).toMatch(/\| acme\/api \| H \| bob \| @alice \| sandbox account \|/);
    expect(section("5.16")).toMatch(/\| acme\/api \| X \|/);
  });
});

describe("the HTML report", () => {
  const html = renderHtml(summary);

  it("stands alone: inline CSS, no external resources", () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("<style>");
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);
    expect(html).not.toMatch(/@import|url\(/i);
  });

  it("has a section per control with the SOC 2 criteria", () => {
    for (const c of CONTROLS) expect(html).toContain(`<section id="control-${c.id}"><h2>ISO/IEC 27001:2022 A.${c.id} ${c.title} · SOC 2 ${c.soc2.join(", ")}</h2>`);
  });

  it("escapes what the log says", () => {
    const hostile = summarize([rec("2025-01-02", "Z", "detected", { severity: "high", rule: "<script>alert(1)</script>" })], { period: {}, asOf: new Date("2025-01-03T00:00:00Z") });
    expect(renderHtml(hostile)).not.toContain("<script>");
    expect(renderHtml(hostile)).toContain("&#60;script&#62;");
    expect(renderMarkdown(hostile)).toContain("\\<script\\>");
  });
});
