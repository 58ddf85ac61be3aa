/**
 * The pack's derived files — records.csv, findings.csv, report.md, report.html — from the
 * pack's full records and the manifest's parameters alone, so export writes them and verify
 * computes them again from the pack and compares, byte for byte.
 */
import { PACK_FILES } from "./pack.js";
import { renderHtml, renderMarkdown } from "./render.js";
import { summarize, type EvidenceSummary, type Integrity, type SlaDays } from "./report.js";
import type { EvidenceRecord } from "./types.js";

export interface DerivedParameters {
  readonly period: { readonly since: string | null; readonly until: string | null };
  /** Records after this seq are the period's; the rest are context. */
  readonly anchorSeq: number;
  readonly repository: string | null;
  readonly report: { readonly asOf: string; readonly sla: SlaDays };
  readonly integrity: Integrity;
}

export const DERIVED_FILES = [PACK_FILES.csv, PACK_FILES.findings, PACK_FILES.markdown, PACK_FILES.html] as const;

/** `records`: the pack's full records (context and period), in seq order. */
export function renderPackFiles(records: readonly EvidenceRecord[], p: DerivedParameters): { readonly files: Record<(typeof DERIVED_FILES)[number], string>; readonly summary: EvidenceSummary } {
  const sorted = [...records].sort((a, b) => a.seq - b.seq);
  const summary = summarize(sorted, {
    period: { ...(p.period.since ? { since: new Date(p.period.since) } : {}), ...(p.period.until ? { until: new Date(p.period.until) } : {}) },
    asOf: new Date(p.report.asOf),
    sla: p.report.sla,
    ...(p.repository !== null ? { repository: p.repository } : {}),
    integrity: p.integrity,
  });
  const periodRecords = sorted.filter((r) => r.seq > p.anchorSeq);
  return {
    files: {
      [PACK_FILES.csv]: toCsv(periodRecords),
      [PACK_FILES.findings]: findingsCsv(summary),
      [PACK_FILES.markdown]: renderMarkdown(summary),
      [PACK_FILES.html]: renderHtml(summary),
    },
    summary,
  };
}

const CSV_COLUMNS = ["seq", "time", "installation", "repository", "fingerprint", "event", "actor", "delivery_id", "details", "prev_hash", "hash"];

/**
 * RFC 4180: CRLF line ends, a field quoted when it holds a comma, quote or line break, quotes
 * doubled. A field a spreadsheet would run as a formula (= + - @ first) gets a leading
 * apostrophe: repository content reaches `details`, and records.jsonl is the authoritative copy.
 */
export function toCsv(records: readonly EvidenceRecord[]): string {
  const rows = records.map((r) => [String(r.seq), r.time, r.installation === undefined ? "" : String(r.installation), r.repository, r.fingerprint, r.event, r.actor, r.deliveryId ?? "", JSON.stringify(r.details), r.prevHash, r.hash]);
  return csv([CSV_COLUMNS, ...rows]);
}

const FINDING_COLUMNS = ["repository", "fingerprint", "kind", "rule", "severity", "state", "detected", "owners", "issue", "open_since", "resolved", "committed", "exposure_days", "time_to_revoke_days", "exception_approver", "exception_expires", "steps", "first_seq", "last_seq"];

/** The period's whole population of findings, one row each: what an auditor samples from. */
export function findingsCsv(summary: EvidenceSummary): string {
  const days = (d: number | null) => (d === null ? "" : d.toFixed(4));
  const rows = summary.population.map((f) => [
    f.repository,
    f.fingerprint,
    f.kind,
    f.rule ?? "",
    f.severity,
    f.state,
    f.detected,
    f.owners.join(" "),
    f.issue ?? "",
    f.openSince ?? "",
    f.resolved ?? "",
    f.committed ?? "",
    days(f.exposureDays),
    days(f.timeToRevokeDays),
    f.exception?.approver ?? "",
    f.exception?.expires ?? "",
    String(f.steps.length),
    String(f.steps[0]?.seq ?? ""),
    String(f.steps.at(-1)?.seq ?? ""),
  ]);
  return csv([FINDING_COLUMNS, ...rows]);
}

function csv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvField).join(",") + "\r\n").join("");
}

function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
