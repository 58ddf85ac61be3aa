/**
 * CSV (RFC 4180), one finding per row, for spreadsheets and gitleaks users. File names, commit
 * authors and messages are attacker-controlled, so every cell that a spreadsheet would run as
 * a formula (starting with = + - @, a tab or a carriage return) is prefixed with a quote —
 * csv-stringify's `escape_formulas`. No cell can hold a secret: findings carry none.
 */
import { stringify } from "csv-stringify/sync";
import { headline, type Finding } from "../finding.js";
import { formatOwner } from "../ownership/types.js";
import type { InventoryEntry } from "../workflows/run.js";

export const CSV_COLUMNS = [
  "rule",
  "severity",
  "confidence",
  "file",
  "line",
  "column",
  "end_line",
  "end_column",
  "message",
  "preview",
  "identity",
  "commit",
  "author",
  "email",
  "date",
  "owners",
  "fingerprint",
] as const;

/** Any table, with the same quoting and formula defence (the organisation sweep's reports use it too). */
export function csvTable(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return stringify(rows as Array<Array<string | number>>, { escape_formulas: true, record_delimiter: "windows" });
}

export function formatCsv(findings: readonly Finding[]): string {
  const rows = findings.map((f) => {
    const owned = f as { owners?: readonly string[] };
    const commit = f.location.commit;
    return [
      f.ruleId,
      f.severity,
      f.confidence,
      f.location.path,
      f.location.line,
      f.location.column,
      f.location.endLine,
      f.location.endColumn,
      headline(f),
      f.kind === "secret" ? f.preview : "",
      f.kind === "workflow" ? (f.identity ?? "") : "",
      commit?.sha ?? "",
      commit?.author ?? "",
      commit?.email ?? "",
      commit?.date ?? "",
      (owned.owners ?? []).join(" "),
      f.fingerprint,
    ];
  });
  return csvTable([[...CSV_COLUMNS], ...rows]);
}

export const INVENTORY_CSV_COLUMNS = [
  "identity",
  "owners",
  "owner_source",
  "adopters",
  "purpose",
  "last_rotated",
  "rotation_due",
  "last_reviewed",
  "review_due",
  "expires",
  "workflows",
  "triggers",
  "fork_reachable",
  "outside_reachable",
  "actions",
  "environments",
] as const;

/** `keyward inventory --format csv`: one identity per row, the register an auditor asks for. */
export function formatInventoryCsv(entries: readonly InventoryEntry[]): string {
  const rows = entries.map((e) => {
    const b = e.blastRadius;
    return [
      e.name,
      e.owners.map(formatOwner).join(" "),
      e.ownerSource,
      e.adopters.map(formatOwner).join(" "),
      e.purpose ?? "",
      e.lastRotated ?? "",
      e.rotationDue ?? "",
      e.lastReviewed ?? "",
      e.reviewDue ?? "",
      e.expires ?? "",
      b.workflows.map((w) => `${w.file} [${w.jobs.join(" ")}]`).join("; "),
      b.triggers.join(" "),
      String(b.forkReachable),
      String(b.outsideReachable),
      b.actions.map((a) => `${a.uses}${a.pinned ? "" : " (unpinned)"}`).join("; "),
      b.environments.join(" "),
    ];
  });
  return csvTable([[...INVENTORY_CSV_COLUMNS], ...rows]);
}
