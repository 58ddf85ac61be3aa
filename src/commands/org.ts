/**
 * `keyward inventory --org ORG` and `keyward audit --org ORG [--repo NAME]`: the inventory from
 * GitHub itself — every secret, deploy key, token and App the organisation holds, joined with
 * the workflows that use them. Token from GITHUB_TOKEN, API from GITHUB_API_URL (GitHub
 * Enterprise Server too). Conditional requests are cached in a file between runs, so a daily
 * sweep costs mostly free 304s.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { CliError, EXIT, version, type CliIO, type ExitCode } from "../cli.js";
import { fileCache, newCounts, useConditionalRequests, type RequestCounts } from "../inventory/conditional.js";
import { InvalidPolicyError } from "../inventory/collect.js";
import { serverUrlOf, type GitHub } from "../inventory/github.js";
import { INVENTORY_COLUMNS, inventoryRows, inventoryText, skippedNotes } from "../inventory/report.js";
import { INVENTORY_RULES } from "../inventory/rules/index.js";
import { ORG_AUDITS, sweepOrg } from "../inventory/sweep.js";
import { csvTable as csv } from "../report/csv.js";
import { formatJson } from "../report/json.js";
import { sarifLog } from "../report/sarif.js";
import { countBySeverity, formatText } from "../report/text.js";
import { parseDay } from "./audit.js";
import { emit, exitFor, useColour } from "./output.js";
import { SEVERITIES, type Severity } from "../detect/types.js";

const OPTIONS = {
  org: { type: "string" },
  repo: { type: "string", multiple: true },
  format: { type: "string", default: "text" },
  output: { type: "string", short: "o" },
  "no-color": { type: "boolean", default: false },
  "fail-on": { type: "string" },
  today: { type: "string" },
  cache: { type: "string" },
  "no-cache": { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

const ENV_HELP = `Environment:
  GITHUB_TOKEN          a token that can read the organisation (an App installation token reads the most)
  GITHUB_API_URL        the REST API (default https://api.github.com; GitHub Enterprise Server: https://HOST/api/v3)
  GITHUB_SERVER_URL     the web address for settings links (default: derived from GITHUB_API_URL)
`;

export const AUDIT_ORG_HELP = `Usage: keyward audit --org ORG [--repo NAME]... [options]

Audits what GitHub holds for the organisation: Actions secrets (repository, environment and
organisation), Dependabot secrets, deploy keys, fine-grained personal access tokens and App
installations, joined with every repository's workflows, inventory and CODEOWNERS. Reports
orphaned-secret, undefined-secret, rotation-overdue (from GitHub's updated_at),
overshared-org-secret, unprotected-environment-secret, stale-deploy-key, pat-without-expiry,
pat-unused and unowned-identity, and each repository's workflow audit. What the token may not
read is skipped with a note.

Options:
  --org ORG             the organisation (required)
  --repo NAME           only this repository (repeatable); organisation-wide judgements are then withheld
  --format FMT          text (default), json, sarif or csv
  --output FILE, -o     write the report to FILE
  --fail-on SEVERITY    exit 1 only for findings at or above: critical, high, medium, low (default: low)
  --no-color            no ANSI colour
  --today YYYY-MM-DD    judge ages as of this day (default: today)
  --cache FILE          where ETags and responses are kept between runs (default .keyward/github-cache.json)
  --no-cache            no conditional requests

${ENV_HELP}`;

export const INVENTORY_ORG_HELP = `Usage: keyward inventory --org ORG [--repo NAME]... [--format text|json|csv] [options]

Lists every non-human identity GitHub holds for the organisation — secrets, deploy keys,
personal access tokens, Apps — with where it is defined and used, its owner and where that
answer came from, its real age (GitHub's created_at / updated_at / last used) and its blast
radius. Options as for 'keyward audit --org'.

${ENV_HELP}`;

async function clientFor(io: CliIO): Promise<{ octokit: GitHub; apiUrl: string }> {
  const token = io.env.GITHUB_TOKEN ?? io.env.GH_TOKEN;
  if (!token) throw new CliError("--org reads GitHub: set GITHUB_TOKEN to a token that can read the organisation");
  const apiUrl = (io.env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, "");
  // Probot's Octokit: pagination, retries and rate-limit handling; loaded only for --org.
  const { ProbotOctokit } = await import("probot");
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const octokit = new ProbotOctokit({ auth: { token }, baseUrl: apiUrl, log: quiet as never, throttle: { enabled: true, onRateLimit: () => true, onSecondaryRateLimit: () => true } as never });
  return { octokit: octokit as unknown as GitHub, apiUrl };
}

async function sweep(args: string[], io: CliIO, formats: readonly string[]) {
  const { values } = parseArgs({ args, allowPositionals: false, options: OPTIONS });
  const org = values.org?.trim();
  if (!org || !/^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/.test(org)) throw new CliError(`--org takes an organisation login, got '${values.org ?? ""}'`);
  const format = values.format ?? "text";
  if (!formats.includes(format)) throw new CliError(`unknown --format '${format}' (${formats.join(", ")})`);
  const failOn = values["fail-on"];
  if (failOn !== undefined && !SEVERITIES.includes(failOn as Severity)) throw new CliError(`unknown --fail-on '${failOn}' (${SEVERITIES.join(", ")})`);
  const now = parseDay(values.today);
  const { octokit, apiUrl } = await clientFor(io);
  const cache = values["no-cache"] ? undefined : await fileCache(resolve(io.cwd, values.cache ?? ".keyward/github-cache.json"), apiUrl);
  const counts: RequestCounts = cache ? useConditionalRequests(octokit, cache) : newCounts();
  // Like every command's configuration, the organisation's is strict: a typo stops the sweep with file:line:column.
  const result = await sweepOrg(octokit, { org, serverUrl: serverUrlOf(apiUrl, io.env.GITHUB_SERVER_URL), now, repositories: "organization", strictPolicy: true, ...(values.repo ? { only: values.repo } : {}) }).catch((err: unknown) => {
    if (err instanceof InvalidPolicyError) throw new CliError(err.message);
    throw err;
  });
  await cache?.save();
  const notes = skippedNotes(result.collection.skipped);
  const cost = cache ? `; ${counts.requests} requests, ${counts.notModified} answered 304 Not Modified` : "";
  return { values, format, failOn: (failOn ?? "low") as Severity, result, notes, cost };
}

export async function auditOrgCommand(args: string[], io: CliIO): Promise<ExitCode> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(AUDIT_ORG_HELP);
    return EXIT.clean;
  }
  const { values, format, failOn, result, notes, cost } = await sweep(args, io, ["text", "json", "sarif", "csv"]);
  const { findings, collection, identities } = result;
  const summary =
    (findings.length === 0 ? "no findings" : `${findings.length} finding${findings.length === 1 ? "" : "s"} (${countBySeverity(findings)})`) +
    ` in ${collection.org}: ${collection.repositories.length} repositor${collection.repositories.length === 1 ? "y" : "ies"}, ${identities.length} identit${identities.length === 1 ? "y" : "ies"}` +
    (notes.length ? `, ${notes.length} feature${notes.length === 1 ? "" : "s"} skipped` : "") +
    cost;
  const rules = [...INVENTORY_RULES, ...ORG_AUDITS].map((r) => ({ id: r.id, description: r.description, severity: "medium" as const }));
  let report: string;
  if (format === "json") report = formatJson(findings, { organization: collection.org, partial: collection.partial, identities: identities.length, skipped: collection.skipped }, version());
  else if (format === "sarif") report = JSON.stringify(sarifLog(findings, rules, version()), null, 2) + "\n";
  else if (format === "csv")
    report = csv([
      ["rule", "severity", "confidence", "location", "line", "identity", "repository", "message", "remediation", "fingerprint"],
      ...findings.map((f) => [f.ruleId, f.severity, f.confidence, f.location.path, String(f.location.line), f.identity ?? "", "repository" in f ? (f.repository ?? "") : "", f.message, "remediation" in f ? f.remediation : "", f.fingerprint]),
    ]);
  else report = formatText(findings, [...notes, summary].join("\n"), useColour(values, io));
  if (format !== "text") for (const n of notes) io.stderr(`${n}\n`);
  await emit(report, summary, values, io);
  return exitFor(findings, failOn);
}

export async function inventoryOrgCommand(args: string[], io: CliIO): Promise<ExitCode> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(INVENTORY_ORG_HELP);
    return EXIT.clean;
  }
  const { values, format, result, notes, cost } = await sweep(args, io, ["text", "json", "csv"]);
  const { collection, identities } = result;
  const unowned = identities.filter((i) => i.ownerSource === "none").length;
  const summary = `${identities.length} identit${identities.length === 1 ? "y" : "ies"} in ${collection.org} (${unowned} without an owner) across ${collection.repositories.length} repositor${collection.repositories.length === 1 ? "y" : "ies"}${cost}`;
  const report =
    format === "json"
      ? JSON.stringify({ tool: "keyward", version: version(), organization: collection.org, partial: collection.partial, identities, skipped: collection.skipped }, null, 2) + "\n"
      : format === "csv"
        ? csv([[...INVENTORY_COLUMNS], ...inventoryRows(identities)])
        : inventoryText(identities, [...notes, summary]);
  if (format !== "text") for (const n of notes) io.stderr(`${n}\n`);
  await emit(report, summary, values, io);
  return EXIT.clean;
}
