/** `keyward audit [PATH]`: the workflow token audit of a repository checkout. */
import { parseArgs } from "node:util";
import { CliError, EXIT, version, type Command } from "../cli.js";
import { diskSource } from "../ingest/repo-source.js";
import { countBySeverity } from "../report/text.js";
import { ALL_AUDITS } from "../workflows/audits/index.js";
import { auditRepository } from "../workflows/run.js";
import { loadCliConfig } from "./config-file.js";
import { checkOutputOptions, emit, exitFor, OUTPUT_OPTIONS, renderReport, useColour } from "./output.js";
import { targetPath } from "./target.js";

const HELP = `Usage: keyward audit [PATH] [options]

Audits the GitHub Actions workflows (.github/workflows) and local actions (.github/actions) of
the repository at PATH (default: .): token permissions, dangerous triggers, template injection,
secrets handed out too widely, unpinned actions that receive secrets, long-lived cloud keys,
and every secret's owner, rotation and review from the inventory in .github/keyward.yml.
An invalid .github/keyward.yml (syntax, unknown keys, a broken identities: entry) stops the
audit with exit 2 and each problem's file:line:column.

Options:
  --format FMT          text (default), json, sarif, csv or junit
  --output FILE, -o     write the report to FILE
  --fail-on SEVERITY    exit 1 only for findings at or above: critical, high, medium, low (default: low)
  --no-color            no ANSI colour
  --today YYYY-MM-DD    judge rotation and review dates as of this day (default: today)
  --org ORG             audit what GitHub holds for an organisation instead (see 'keyward audit --org ORG --help')

Suppress a finding with '# keyward: ignore[rule-id]' (or zizmor's '# zizmor: ignore[rule-id]')
on its line.

Audits: ${ALL_AUDITS.map((a) => a.id).join(", ")}
`;

export const auditCommand: Command = async (args, io) => {
  // The organisation mode reads GitHub instead of a checkout; loaded only when asked for.
  if (args.some((a) => a === "--org" || a.startsWith("--org="))) return (await import("./org.js")).auditOrgCommand(args, io);
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...OUTPUT_OPTIONS, today: { type: "string" }, help: { type: "boolean", short: "h", default: false } },
  });
  if (values.help) {
    io.stdout(HELP);
    return EXIT.clean;
  }
  const { format, failOn } = checkOutputOptions(values);
  const now = parseDay(values.today);
  const root = targetPath(io.cwd, positionals).path;
  await loadCliConfig(root, io.cwd);
  const result = await auditRepository(diskSource(root), { now });
  const summaryLine =
    (result.findings.length === 0 ? "no workflow findings" : `${result.findings.length} finding${result.findings.length === 1 ? "" : "s"} (${countBySeverity(result.findings)})`) +
    ` in ${result.files.workflows} workflow${result.files.workflows === 1 ? "" : "s"} and ${result.files.actions} action${result.files.actions === 1 ? "" : "s"}; ${result.inventory.length} secret identit${result.inventory.length === 1 ? "y" : "ies"}, ${result.inventory.filter((i) => i.ownerSource === "none").length} without an owner`;
  const report = await renderReport(format, result.findings, {
    version: version(),
    command: "keyward audit",
    summary: summaryLine,
    json: { files: result.files, inventory: result.inventory, tokens: result.tokens },
    rules: ALL_AUDITS.map((a) => ({ id: a.id, description: a.description, severity: "medium" as const })),
    colour: useColour(values, io),
  });
  await emit(report, summaryLine, values, io);
  return exitFor(result.findings, failOn ?? "low");
};

export function parseDay(value: string | undefined): Date {
  if (value === undefined) return new Date();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new CliError(`--today takes a date as YYYY-MM-DD, got '${value}'`);
  return new Date(`${value}T00:00:00Z`);
}
