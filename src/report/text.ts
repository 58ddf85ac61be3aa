/** Human-readable report: findings grouped by file, coloured on a terminal. */
import type { Severity } from "../detect/types.js";
import type { Finding } from "../finding.js";
import type { ScanStats } from "../scan.js";

const ANSI = { reset: "\x1b[0m", bold: "\x1b[1m", dim: "\x1b[2m", red: "\x1b[31m", yellow: "\x1b[33m", magenta: "\x1b[35m", cyan: "\x1b[36m" };
const SEVERITY_COLOUR: Record<Severity, string> = { critical: ANSI.magenta, high: ANSI.red, medium: ANSI.yellow, low: ANSI.cyan };

export function formatText(findings: readonly Finding[], tail: string, colour: boolean): string {
  const c = (code: string, s: string) => (colour ? `${code}${s}${ANSI.reset}` : s);
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.location.path) ?? [];
    list.push(f);
    byFile.set(f.location.path, list);
  }
  const lines: string[] = [];
  for (const [path, list] of byFile) {
    lines.push(c(ANSI.bold, path));
    // Columns sized to the widest entry, always a space apart: `109:6032 medium`, never `109:6032medium`.
    const whereWidth = Math.max(7, ...list.map((f) => `${f.location.line}:${f.location.column}`.length)) + 1;
    const ruleWidth = Math.max(33, ...list.map((f) => f.ruleId.length)) + 1;
    const indent = "".padEnd(whereWidth + 9);
    for (const f of list) {
      const where = `${f.location.line}:${f.location.column}`.padEnd(whereWidth);
      const sev = c(SEVERITY_COLOUR[f.severity], f.severity.padEnd(9));
      if (f.kind === "workflow") {
        lines.push(`  ${where}${sev}${f.ruleId.padEnd(ruleWidth)}${f.message}`);
        if (f.blastRadius) {
          const b = f.blastRadius;
          const reach = [b.outsideReachable ? "outsiders can trigger it" : "", b.forkReachable ? "forks can trigger it" : ""].filter(Boolean).join(", ");
          lines.push(c(ANSI.dim, `  ${indent}blast radius: ${b.workflows.map((w) => `${w.file} (${w.jobs.join(", ")})`).join("; ")}; on ${b.triggers.join(", ") || "-"}${reach ? `; ${reach}` : ""}`));
        }
        continue;
      }
      const commit = f.location.commit ? c(ANSI.dim, `  commit ${f.location.commit.sha.slice(0, 12)} by ${f.location.commit.author} <${f.location.commit.email}> ${f.location.commit.date.slice(0, 10)}`) : "";
      const enc = f.encoding ? c(ANSI.dim, ` (inside ${f.encoding})`) : "";
      const pair = f.pairedWith ? c(ANSI.dim, " (paired)") : "";
      lines.push(`  ${where}${sev}${f.ruleId.padEnd(ruleWidth)}${f.preview}${enc}${pair}${commit}`);
      lines.push(c(ANSI.dim, `  ${indent}${f.description} · fingerprint ${f.fingerprint}`));
      const owned = f as { owners?: readonly string[]; ownerSource?: string };
      if (owned.owners) lines.push(c(ANSI.dim, `  ${indent}owners: ${owned.owners.length ? `${owned.owners.join(", ")} (${owned.ownerSource === "codeowners" ? "CODEOWNERS" : "commit author"})` : "none found"}`));
    }
    lines.push("");
  }
  lines.push(tail);
  return lines.join("\n") + "\n";
}

export function countBySeverity(findings: readonly Finding[]): string {
  const counts = new Map<Severity, number>();
  for (const f of findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${n} ${s}`).join(", ");
}

export function summary(findings: readonly Finding[], stats: ScanStats): string {
  const bySeverity = countBySeverity(findings);
  const what = stats.commits > 0 ? `${stats.commits} commit${stats.commits === 1 ? "" : "s"}, ` : "";
  const skipped = Object.entries(stats.skipped)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k === "ignoredPath" ? "ignored by path" : k}`)
    .join(", ");
  const head = findings.length === 0 ? "no secrets found" : `${findings.length} finding${findings.length === 1 ? "" : "s"} (${bySeverity})`;
  return `${head} in ${what}${stats.files} file${stats.files === 1 ? "" : "s"} (${formatBytes(stats.bytes)}), ${(stats.durationMs / 1000).toFixed(2)}s` + (skipped ? `; skipped: ${skipped}` : "") + (stats.suppressed ? `; ${stats.suppressed} suppressed` : "");
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
