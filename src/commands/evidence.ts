/** `keyward evidence export | verify | log`: the tamper-evident evidence log, for auditors. */
import { existsSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { CliError, EXIT, version, type CliIO, type Command } from "../cli.js";
import { SEVERITIES, type Severity } from "../detect/types.js";
import { short } from "../evidence/chain.js";
import { checkPublicKey, publicKeyOf } from "../evidence/checkpoint.js";
import { exportPack } from "../evidence/export.js";
import { DEFAULT_SQLITE_PATH, openEvidenceStore } from "../evidence/open.js";
import { PACK_FILES } from "../evidence/pack.js";
import { DEFAULT_SLA_DAYS, type SlaDays } from "../evidence/report.js";
import type { EvidenceEvent, EvidenceStore } from "../evidence/types.js";
import { IllegalTransitionError, InvalidDetailsError, isLifecycleEvent, LIFECYCLE_EVENTS } from "../evidence/lifecycle.js";
import { verifyPack } from "../evidence/verify.js";

const STORE_HELP = `The log is read from PostgreSQL when DATABASE_URL is set (schema KEYWARD_DB_SCHEMA,
default keyward), otherwise from the SQLite file --db PATH (default ${DEFAULT_SQLITE_PATH}).`;

const HELP = `Usage: keyward evidence <command> [options]

Commands:
  export    write an auditor's pack for a period: records.jsonl, manifest.json, records.csv,
            report.md and report.html (by ISO 27001 Annex A control, with SOC 2 alongside)
  verify    check a pack: every hash, every link, the manifest and its signature
  log       print records, one per line
  record    drive a finding's lifecycle: append a checked transition (rotated, revoked, …)

Run 'keyward evidence <command> --help' for its options.
`;

const EXPORT_HELP = `Usage: keyward evidence export --out DIR [--since DATE] [--until DATE] [--repo OWNER/NAME] [--db PATH]

Writes the records from --since (inclusive) to --until (inclusive; DATE is YYYY-MM-DD in UTC,
or a full ISO-8601 time, then exclusive) to DIR, with a manifest anchored to the record before
the period so the chain verifies from there. With --repo, other repositories' records become
redacted stubs (seq and hashes only) and the report covers that repository.

Options:
  --out DIR           where to write the pack (created when missing)
  --since DATE        first day (default: the start of the log)
  --until DATE        last day (default: now)
  --repo OWNER/NAME   one repository
  --sla LIST          remediation SLA in days, e.g. critical=1,high=7 (default: ${formatSla(DEFAULT_SLA_DAYS)})
  --db PATH           SQLite log file

Signs the manifest with Ed25519 when KEYWARD_SIGNING_KEY holds a private key (PEM).
${STORE_HELP}
Exit codes: 0 written, 1 written but the log's chain is broken, 2 usage or runtime error.
`;

const VERIFY_HELP = `Usage: keyward evidence verify DIR [--public-key FILE]

Recomputes every record's hash in DIR/records.jsonl, checks each link from the manifest's
anchor, the manifest's counts and head, the other files' digests, and the signature. With
--public-key (the signer's Ed25519 public key, PEM) the pack must be signed by that key.

Exit codes: 0 intact, 1 broken (the first bad record and what happened to it), 2 usage error.
`;

const LOG_HELP = `Usage: keyward evidence log [--repo OWNER/NAME] [--fingerprint F] [--db PATH]

Prints records oldest first, one per line: seq, time, repository, fingerprint, event, actor,
delivery and details.
${STORE_HELP}
`;

const RECORD_HELP = `Usage: keyward evidence record --repo OWNER/NAME --fingerprint F --event EVENT --actor LOGIN [--detail KEY=VALUE …] [--db PATH]

Drives a finding's lifecycle from the command line, as the App does from issue comments: the
transition is checked (an illegal one is refused and nothing is written) and appended.
Events: ${LIFECYCLE_EVENTS.join(", ")}; or, recorded without a state change: reviewed, redetected.
Example: keyward evidence record --repo acme/web --fingerprint secret:0123abcd… --event rotated --actor alice
${STORE_HELP}
`;

const SUBCOMMANDS: Record<string, Command> = { export: exportCommand, verify: verifyCommand, log: logCommand, record: recordCommand };

async function recordCommand(args: string[], io: CliIO) {
  const { values } = parseArgs({
    args,
    options: {
      repo: { type: "string" },
      fingerprint: { type: "string" },
      event: { type: "string" },
      actor: { type: "string" },
      detail: { type: "string", multiple: true, default: [] },
      db: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(RECORD_HELP);
    return EXIT.clean;
  }
  for (const flag of ["repo", "fingerprint", "event", "actor"] as const) if (!values[flag]) throw new CliError(`--${flag} is required`);
  const event = values.event as EvidenceEvent;
  const stateful = isLifecycleEvent(event);
  if (!stateful && event !== "reviewed" && event !== "redetected") throw new CliError(`unknown event '${event}'`);
  const details: Record<string, string> = {};
  for (const d of values.detail) {
    const at = d.indexOf("=");
    if (at <= 0) throw new CliError(`--detail takes KEY=VALUE, got '${d}'`);
    details[d.slice(0, at)] = d.slice(at + 1);
  }
  const input = { repository: values.repo!, fingerprint: values.fingerprint!, event, actor: values.actor!, details: { ...details, via: "cli" } };
  const sqlitePath = resolve(io.cwd, values.db ?? DEFAULT_SQLITE_PATH);
  const store = await openEvidenceStore(io.env.DATABASE_URL ? { databaseUrl: io.env.DATABASE_URL } : { sqlitePath });
  try {
    const r = stateful ? await store.transition(input) : await store.append(input);
    io.stdout(`recorded #${r.seq} ${r.event} for ${r.fingerprint} by ${r.actor}; state now ${(await store.stateOf(r.repository, r.fingerprint)) ?? "-"}\n`);
    return EXIT.clean;
  } catch (err) {
    if (err instanceof IllegalTransitionError || err instanceof InvalidDetailsError) throw new CliError(err.message);
    throw err;
  } finally {
    await store.close();
  }
}

export const evidenceCommand: Command = async (args, io) => {
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(HELP);
    return name === undefined ? EXIT.error : EXIT.clean;
  }
  const sub = SUBCOMMANDS[name];
  if (!sub) throw new CliError(`unknown evidence command '${name}' (export, verify, log or record)`);
  return sub(rest, io);
};

async function exportCommand(args: string[], io: CliIO) {
  const { values } = parseArgs({
    args,
    options: { out: { type: "string" }, since: { type: "string" }, until: { type: "string" }, repo: { type: "string" }, sla: { type: "string" }, db: { type: "string" }, help: { type: "boolean", short: "h", default: false } },
  });
  if (values.help) {
    io.stdout(EXPORT_HELP);
    return EXIT.clean;
  }
  if (!values.out) throw new CliError("--out DIR is required");
  const since = values.since === undefined ? undefined : parseInstant(values.since, "--since", "start");
  const until = values.until === undefined ? undefined : parseInstant(values.until, "--until", "end");
  if (since && until && since >= until) throw new CliError("--since must be before --until");
  const sla = values.sla === undefined ? undefined : parseSla(values.sla);
  // A PEM in an environment variable often arrives with its line breaks written as \n.
  const signingKey = io.env.KEYWARD_SIGNING_KEY?.replace(/\\n/g, "\n") || undefined;
  if (signingKey) usableKey(() => publicKeyOf(signingKey), "KEYWARD_SIGNING_KEY is not an Ed25519 private key in PEM");
  const outDir = resolve(io.cwd, values.out);

  const result = await withStore(io, values.db, (store) =>
    exportPack(store, {
      outDir,
      toolVersion: version(),
      ...(since ? { since } : {}),
      ...(until ? { until } : {}),
      ...(values.repo ? { repository: values.repo } : {}),
      ...(sla ? { sla } : {}),
      ...(signingKey ? { signingKey } : {}),
    }),
  );
  const m = result.manifest;
  io.stdout(
    [
      `wrote evidence pack to ${outDir}`,
      `  ${m.records} record${m.records === 1 ? "" : "s"}${m.first && m.last ? ` (seq ${m.first.seq}–${m.last.seq})` : ""}${m.redacted ? `, ${m.redacted} redacted` : ""}; anchor seq ${m.anchor.seq} ${short(m.anchor.hash)}`,
      `  chain ${result.summary.log.integrity?.chain ?? ""}; ${m.signature ? "manifest signed (Ed25519)" : "manifest not signed (set KEYWARD_SIGNING_KEY to sign)"}`,
      `  files: ${[PACK_FILES.manifest, ...Object.keys(m.files)].join(", ")}`,
    ].join("\n") + "\n",
  );
  if (!result.chain.ok) {
    io.stderr(`keyward evidence: the evidence log is broken at record ${result.chain.seq} (${result.chain.problem}): ${result.chain.message}\n`);
    return EXIT.findings;
  }
  return EXIT.clean;
}

async function verifyCommand(args: string[], io: CliIO) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { "public-key": { type: "string" }, help: { type: "boolean", short: "h", default: false } } });
  if (values.help) {
    io.stdout(VERIFY_HELP);
    return EXIT.clean;
  }
  if (positionals.length !== 1) throw new CliError("expected one pack directory: keyward evidence verify DIR");
  const dir = resolve(io.cwd, positionals[0]!);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`no pack directory at ${dir}`);
  const keyFile = values["public-key"];
  const publicKey = keyFile === undefined ? undefined : readText(resolve(io.cwd, keyFile), "--public-key");
  if (publicKey !== undefined) usableKey(() => checkPublicKey(publicKey), `--public-key ${keyFile} is not an Ed25519 public key in PEM`);
  const verdict = await verifyPack(dir, publicKey === undefined ? {} : { publicKey });
  if (!verdict.ok) {
    io.stdout(`BROKEN ${verdict.seq !== undefined ? `at record ${verdict.seq} ` : ""}(${verdict.problem}): ${verdict.message}\n`);
    return EXIT.findings;
  }
  const signature = { pinned: "signature valid (the key given)", embedded: "signature valid, by the key the manifest carries (pass --public-key to check who signed)", none: "not signed" }[verdict.signature];
  const range = verdict.last ? `records ${verdict.anchor.seq + 1}–${verdict.last.seq}` : "no records";
  io.stdout(`OK: ${verdict.records} record${verdict.records === 1 ? "" : "s"} (${range}${verdict.redacted ? `, ${verdict.redacted} redacted` : ""}), chain intact from anchor ${short(verdict.anchor.hash)}; ${signature}\n`);
  return EXIT.clean;
}

async function logCommand(args: string[], io: CliIO) {
  const { values } = parseArgs({ args, options: { repo: { type: "string" }, fingerprint: { type: "string" }, db: { type: "string" }, help: { type: "boolean", short: "h", default: false } } });
  if (values.help) {
    io.stdout(LOG_HELP);
    return EXIT.clean;
  }
  const records = await withStore(io, values.db, (store) => store.records({ ...(values.repo ? { repository: values.repo } : {}), ...(values.fingerprint ? { fingerprint: values.fingerprint } : {}) }));
  for (const r of records) {
    io.stdout(`${r.seq} ${r.time} ${r.repository} ${r.fingerprint} ${r.event} by ${r.actor}${r.deliveryId ? ` delivery ${r.deliveryId}` : ""} ${JSON.stringify(r.details)}\n`);
  }
  if (records.length === 0) io.stderr("no records\n");
  return EXIT.clean;
}

/** Opens the log the way the App does (DATABASE_URL, else SQLite), runs `work`, closes it. */
async function withStore<T>(io: CliIO, db: string | undefined, work: (store: EvidenceStore) => Promise<T>): Promise<T> {
  const databaseUrl = io.env.DATABASE_URL || undefined;
  const sqlitePath = resolve(io.cwd, db ?? DEFAULT_SQLITE_PATH);
  // Reading must not leave an empty log behind where the user mistyped a path.
  if (!databaseUrl && !existsSync(sqlitePath)) throw new CliError(`no evidence log at ${sqlitePath} (pass --db PATH, or set DATABASE_URL for PostgreSQL)`);
  const store = await openEvidenceStore(databaseUrl ? { databaseUrl, ...(io.env.KEYWARD_DB_SCHEMA ? { schema: io.env.KEYWARD_DB_SCHEMA } : {}) } : { sqlitePath });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** YYYY-MM-DD as the start or the end (exclusive: the next midnight) of that UTC day, or an ISO-8601 time as is. */
export function parseInstant(value: string, flag: string, edge: "start" | "end"): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = new Date(`${value}T00:00:00Z`);
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) throw new CliError(`${flag} '${value}' is not a date`);
    return edge === "start" ? day : new Date(day.getTime() + 86_400_000);
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value))) return new Date(value);
  throw new CliError(`${flag} takes YYYY-MM-DD or an ISO-8601 time with a zone, got '${value}'`);
}

function parseSla(value: string): SlaDays {
  const sla: Record<Severity, number> = { ...DEFAULT_SLA_DAYS };
  for (const part of value.split(",")) {
    const [name, days] = part.split("=").map((s) => s.trim());
    if (!SEVERITIES.includes(name as Severity) || !days || !/^\d+(\.\d+)?$/.test(days)) throw new CliError(`--sla takes severity=days pairs like ${formatSla(DEFAULT_SLA_DAYS)}, got '${part}'`);
    sla[name as Severity] = Number(days);
  }
  return sla;
}

function formatSla(sla: SlaDays): string {
  return SEVERITIES.map((s) => `${s}=${sla[s]}`).join(",");
}

function usableKey(check: () => unknown, problem: string): void {
  try {
    check();
  } catch (err) {
    throw new CliError(`${problem} (${(err as Error).message})`);
  }
}

function readText(path: string, flag: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    throw new CliError(`${flag}: cannot read ${path}`);
  }
}
