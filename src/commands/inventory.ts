/** `keyward inventory [PATH]`: every CI identity with its owner, rotation and blast radius. */
import { parseArgs } from "node:util";
import { EXIT, version, type Command } from "../cli.js";
import { diskSource } from "../ingest/repo-source.js";
import { formatOwner } from "../ownership/types.js";
import { auditRepository } from "../workflows/run.js";
import { formatInventoryCsv } from "../report/csv.js";
import { parseDay } from "./audit.js";
import { loadCliConfig } from "./config-file.js";
import { checkFormat } from "./output.js";
import { targetPath } from "./target.js";

const HELP = `Usage: keyward inventory [PATH] [--format text|json|csv] [--today YYYY-MM-DD]
       keyward inventory --org ORG    what GitHub holds for an organisation (see --org ORG --help)

Lists every secret the repository's workflows use or its inventory (.github/keyward.yml)
declares: owners and where that answer came from, purpose, last rotation and when the next is
due, and its blast radius (workflows and jobs, triggers, actions it is handed to, token
permissions next to it); then the GITHUB_TOKEN permissions of every job.
`;

export const inventoryCommand: Command = async (args, io) => {
  // The organisation mode reads GitHub instead of a checkout; loaded only when asked for.
  if (args.some((a) => a === "--org" || a.startsWith("--org="))) return (await import("./org.js")).inventoryOrgCommand(args, io);
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: "string", default: "text" }, today: { type: "string" }, help: { type: "boolean", short: "h", default: false } },
  });
  if (values.help) {
    io.stdout(HELP);
    return EXIT.clean;
  }
  const format = checkFormat(values.format, ["text", "json", "csv"]);
  const now = parseDay(values.today);
  const root = targetPath(io.cwd, positionals).path;
  await loadCliConfig(root, io.cwd);
  const result = await auditRepository(diskSource(root), { now });
  if (format === "json") {
    io.stdout(JSON.stringify({ tool: "keyward", version: version(), identities: result.inventory, tokens: result.tokens }, null, 2) + "\n");
    return EXIT.clean;
  }
  if (format === "csv") {
    io.stdout(formatInventoryCsv(result.inventory));
    return EXIT.clean;
  }
  const out: string[] = [];
  for (const e of result.inventory) {
    const owners = e.owners.length ? `${e.owners.map(formatOwner).join(", ")} (from inventory)` : `NO OWNER${e.adopters.length ? ` — should be adopted by ${e.adopters.map(formatOwner).join(", ")} (workflow code owners)` : ""}`;
    out.push(e.name);
    out.push(`  owner:        ${owners}`);
    if (e.purpose) out.push(`  purpose:      ${e.purpose}`);
    out.push(`  rotated:      ${e.lastRotated ?? "never recorded"}${e.rotationDue ? `, next due ${e.rotationDue}` : ""}${e.expires ? `, expires ${e.expires}` : ""}`);
    if (e.lastReviewed || e.reviewDue) out.push(`  reviewed:     ${e.lastReviewed ?? "never recorded"}${e.reviewDue ? `, next due ${e.reviewDue}` : ""}`);
    const b = e.blastRadius;
    if (b.workflows.length === 0) out.push("  used by:      no workflow (orphaned?)");
    else {
      out.push(`  used by:      ${b.workflows.map((w) => `${w.file} [${w.jobs.join(", ")}]`).join("; ")}`);
      out.push(`  triggers:     ${b.triggers.join(", ") || "-"}${b.forkReachable ? " — a fork can trigger a run that has it" : ""}${b.outsideReachable && !b.forkReachable ? " — outsiders can trigger a run that has it" : ""}`);
      if (b.actions.length) out.push(`  handed to:    ${b.actions.map((a) => `${a.uses}${a.pinned ? "" : " (unpinned)"}`).join(", ")}`);
      if (b.environments.length) out.push(`  environments: ${b.environments.join(", ")}`);
      out.push(`  token nearby: ${b.tokenPermissions.map((t) => `${t.job}: ${t.permissions}`).join("; ")}`);
    }
    out.push("");
  }
  if (result.tokens.length) {
    out.push("GITHUB_TOKEN per job");
    for (const t of result.tokens) {
      out.push(`  ${t.file} [${t.job}]: ${t.permissions}${t.oidc ? "; OIDC (id-token: write)" : ""}`);
      for (const w of t.writes) out.push(`    ${w.scope}: write — ${w.verdict === "needed" ? `needed by ${w.why}` : w.verdict === "unused" ? "no step needs it" : w.why}`);
    }
    out.push("");
  }
  out.push(`${result.inventory.length} secret identities (${result.inventory.filter((e) => e.ownerSource === "none").length} without an owner), ${result.tokens.length} job tokens`);
  io.stdout(out.join("\n") + "\n");
  return EXIT.clean;
};
