/** `keyward evidence export | verify | log`: the tamper-evident evidence log, for auditors. */
import { existsSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { CliError, EXIT, version, type CliIO, type Command, type ExitCode } from "../cli.js";
import { short } from "../evidence/chain.js";
import { checkPublicKey, DEFAULT_ORIGIN, keyFingerprint, publicKeyOf } from "../evidence/checkpoint.js";
import { CheckpointRefusedError, makeCheckpoint, checkpointDue, type CheckpointPublisher, type Timestamper } from "../evidence/checkpoints.js";
import { exportPack } from "../evidence/export.js";
import { openCliStore, STORE_LOCATION_HELP } from "../evidence/open.js";
import { PACK_FILES } from "../evidence/pack.js";
import { DEFAULT_SLA_DAYS, formatSla, parseSlaList, POLICY_REPOSITORY, type SlaDays } from "../evidence/report.js";
import { evidence, evidenceInput } from "../evidence/details.js";
import type { EvidenceEvent, EvidenceStore } from "../evidence/types.js";
import { IllegalTransitionError, InvalidDetailsError, isLifecycleEvent, LIFECYCLE_EVENTS } from "../evidence/lifecycle.js";
import { checkPublished, NotAPackError, verifyExtends, verifyPack, type PackVerdict, type VerifiedPack } from "../evidence/verify.js";

const STORE_HELP = `The log: ${STORE_LOCATION_HELP}.`;

const CHECKPOINT_ENV = `Checkpoints: origin KEYWARD_LOG_ORIGIN (default ${DEFAULT_ORIGIN}); an RFC 3161 timestamp from
KEYWARD_TSA_URL when set (waiting KEYWARD_TSA_TIMEOUT_MS, default 15000); published to the GitHub repository KEYWARD_CHECKPOINT_REPO
(OWNER/NAME or OWNER/NAME:PATH, default path 'checkpoint') with GITHUB_TOKEN (contents: write)
at GITHUB_API_URL (default https://api.github.com) when set.`;

const HELP = `Usage: keyward evidence <command> [options]

Commands:
  export    write an auditor's pack for a period: records.jsonl, manifest.json, records.csv,
            report.md and report.html (by ISO 27001 Annex A control, with SOC 2 alongside)
  verify    check a pack: every hash and link, the Merkle proofs, the signature, the
            checkpoints and timestamps, the lifecycles, the report; and that it extends an
            earlier pack (--previous) and the checkpoints published outside the operator
  checkpoint  sign the log's head as a checkpoint now, timestamp and publish it
  log       print records, one per line
  record    drive a finding's lifecycle: append a checked transition (rotated, revoked, …),
            marked as an operator attestation
  policy    record the remediation SLA in force (what exported packs are reported against)
  state     check the findings state cache against the records (--rebuild to rewrite it)
  migrate   create the tables; with --app-role, the App's INSERT/SELECT-only PostgreSQL role

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
  --sla LIST          remediation SLA in days, e.g. critical=1,high=7 (default: the policy the log
                      records with 'keyward evidence policy', else ${formatSla(DEFAULT_SLA_DAYS)}); one that
                      differs from the recorded policy is marked as such in the report
  --db PATH           SQLite log file

  --previous DIR      an earlier pack: this one carries the proof that it extends it

With KEYWARD_SIGNING_KEY (an Ed25519 private key, PEM) the manifest is signed and the log's
head becomes a checkpoint, timestamped and published as 'keyward evidence checkpoint' does.
${CHECKPOINT_ENV}
${STORE_HELP}
Exit codes: 0 written, 1 written but the log's chain is broken or no longer extends a tree
head it committed to earlier, 2 usage or runtime error.
`;

const VERIFY_HELP = `Usage: keyward evidence verify DIR [--public-key FILE] [--previous DIR] [--checkpoints DIR] [--tsa-cert FILE]

Recomputes every record's hash in DIR/records.jsonl and each link from the manifest's anchor,
the manifest's counts and head, the other files' digests and the signature; checks every
record's RFC 6962 inclusion proof in the pack's tree, the pack's signed checkpoint, the proofs
that the tree extends every earlier checkpoint, the checkpoints' chain; replays every lifecycle
(legal steps, time order, exceptions approved by someone other than an owner); and computes
records.csv, findings.csv and the report again from the records.

Options:
  --public-key FILE   the signer's Ed25519 public key (PEM): the pack must be signed by it
  --previous DIR      an earlier pack: this one must extend it (same log, not truncated, not
                      rewritten, not forked), whoever signed either
  --checkpoints DIR   a clone of the checkpoint repository, or a directory of checkpoint files:
                      the pack must be consistent with every one published by this log
  --tsa-cert FILE     the timestamp authority's CA certificate(s) (PEM): every timestamp token
                      in the pack must verify under it

Prints the signer's key fingerprint (SHA-256 of the SPKI DER public key).
Exit codes: 0 intact, 1 broken (the first bad record and what happened to it), 2 usage error
(including a directory that is not a pack).
`;


const CHECKPOINT_HELP = `Usage: keyward evidence checkpoint [--if-due] [--every N] [--db PATH]

Signs the log's current head (tree size and RFC 6962 root) as a C2SP checkpoint chained to the
previous one, with KEYWARD_SIGNING_KEY, then timestamps, publishes and remembers it. Refuses
when the log no longer matches the last checkpoint (records deleted or changed since).

Options:
  --if-due     only when due: N records since the last checkpoint, or an hour while the log grew
  --every N    records between checkpoints for --if-due (default 100)
  --db PATH    SQLite log file

${CHECKPOINT_ENV}
${STORE_HELP}
Exit codes: 0 made (or not due), 1 refused, 2 usage or runtime error.
`;

const LOG_HELP = `Usage: keyward evidence log [--repo OWNER/NAME] [--fingerprint F] [--db PATH]

Prints records oldest first, one per line: seq, time, repository, fingerprint, event, actor,
delivery and details.
${STORE_HELP}
`;

const RECORD_HELP = `Usage: keyward evidence record --repo OWNER/NAME --fingerprint F --event EVENT --actor LOGIN [--detail KEY=VALUE …] [--db PATH]

Drives a finding's lifecycle from the command line, as the App does from issue comments: the
transition is checked (an illegal one is refused and nothing is written) and appended, marked
as an operator attestation (details.via "cli", details.attestation "operator") by --actor. An
exception (--detail approver=… reason=… expires=YYYY-MM-DD) is refused when the approver is
any owner the finding's records name, whether or not --detail owner is given.
Events: ${LIFECYCLE_EVENTS.join(", ")}; or, recorded without a state change: reviewed, redetected.
Example: keyward evidence record --repo acme/web --fingerprint secret:0123abcd… --event rotated --actor alice
${STORE_HELP}
`;

const POLICY_HELP = `Usage: keyward evidence policy --sla LIST --actor LOGIN [--note TEXT] [--db PATH]

Records the remediation SLA in force from now on (days per severity, e.g.
${formatSla(DEFAULT_SLA_DAYS)}), as an operator attestation by --actor. Exported packs are
reported against the policy the log records at the period's end; a pack exported with another
--sla says in its report that it is not the recorded policy, and verify holds it to that.
${STORE_HELP}
`;

const STATE_HELP = `Usage: keyward evidence state [--rebuild] [--db PATH]

The findings table is a cache of each finding's state; the records are the truth (the App and
the CLI read the state from the records). Lists every finding whose cached state is not what
its records say — a cache edited behind Keyward's back — and exits 1 if there is one. With
--rebuild, rewrites the cache from the records.
${STORE_HELP}
`;

const MIGRATE_HELP = `Usage: keyward evidence migrate [--app-role NAME] [--db PATH]

Creates the evidence tables (run it as their owner). For PostgreSQL, --app-role NAME also
creates the App's role (NOLOGIN when new) with SELECT and INSERT only on the records and tree
heads — no UPDATE, DELETE or TRUNCATE, no DDL — and the state cache; then
ALTER ROLE NAME LOGIN PASSWORD '…' and give the App a DATABASE_URL for that role.
${STORE_HELP}
`;

async function stateCommand(args: string[], io: CliIO) {
  const { values } = parseArgs({ args, options: { rebuild: { type: "boolean", default: false }, db: { type: "string" }, help: { type: "boolean", short: "h", default: false } } });
  if (values.help) {
    io.stdout(STATE_HELP);
    return EXIT.clean;
  }
  return withStore(io, values.db, async (store) => {
    const mismatches = await store.checkStateCache();
    for (const m of mismatches) io.stdout(`${m.repository} ${m.fingerprint}: cache says ${m.cached ?? "(nothing)"}, the records say ${m.derived ?? "(nothing)"}\n`);
    if (values.rebuild) {
      io.stdout(`rebuilt the state cache from the records: ${await store.rebuildStateCache()} findings\n`);
      return EXIT.clean;
    }
    io.stdout(mismatches.length ? `${mismatches.length} finding(s) cached differently from their records (run with --rebuild)\n` : "the state cache agrees with the records\n");
    return mismatches.length ? EXIT.findings : EXIT.clean;
  });
}

async function migrateCommand(args: string[], io: CliIO) {
  const { values } = parseArgs({ args, options: { "app-role": { type: "string" }, db: { type: "string" }, help: { type: "boolean", short: "h", default: false } } });
  if (values.help) {
    io.stdout(MIGRATE_HELP);
    return EXIT.clean;
  }
  const databaseUrl = io.env.DATABASE_URL || undefined;
  if (values["app-role"] !== undefined) {
    if (!databaseUrl) throw new CliError("--app-role is for PostgreSQL: set DATABASE_URL (as the schema's owner)");
    const { PostgresEvidenceStore } = await import("../evidence/postgres.js");
    const schema = io.env.KEYWARD_DB_SCHEMA || "keyward";
    try {
      await PostgresEvidenceStore.grantAppRole({ connectionString: databaseUrl, schema }, values["app-role"]);
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    io.stdout(`schema ${schema} ready; role ${values["app-role"]} may SELECT and INSERT records and tree heads, and keep the state cache\n`);
    return EXIT.clean;
  }
  const store = await openCliStore(io.env, { db: values.db, cwd: io.cwd });
  await store.close();
  io.stdout("evidence tables ready\n");
  return EXIT.clean;
}

const SUBCOMMANDS: Record<string, Command> = { export: exportCommand, verify: verifyCommand, checkpoint: checkpointCommand, log: logCommand, record: recordCommand, policy: policyCommand, state: stateCommand, migrate: migrateCommand };

async function policyCommand(args: string[], io: CliIO) {
  const { values } = parseArgs({ args, options: { sla: { type: "string" }, actor: { type: "string" }, note: { type: "string" }, db: { type: "string" }, help: { type: "boolean", short: "h", default: false } } });
  if (values.help) {
    io.stdout(POLICY_HELP);
    return EXIT.clean;
  }
  if (!values.sla) throw new CliError("--sla is required, e.g. --sla " + formatSla(DEFAULT_SLA_DAYS));
  if (!values.actor?.trim()) throw new CliError("--actor is required: who sets the policy");
  const sla = parseSla(values.sla);
  const store = await openCliStore(io.env, { db: values.db, cwd: io.cwd });
  try {
    // Whoever types the policy in is vouching for it: the record says so, and names them.
    const r = await store.append(evidenceInput({ repository: POLICY_REPOSITORY, fingerprint: "policy", actor: values.actor.trim() }, evidence("policy-recorded", { sla, via: "cli", attestation: "operator", ...(values.note ? { note: values.note } : {}) })));
    io.stdout(`recorded #${r.seq}: the SLA in force is ${formatSla(sla)} (by ${r.actor})\n`);
    return EXIT.clean;
  } finally {
    await store.close();
  }
}

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
  if (details.attestation !== undefined || details.via !== undefined) throw new CliError("--detail may not set 'attestation' or 'via': the CLI marks its records itself");
  // Whoever types a record in is vouching for it: the record says so, and names them.
  const input = { repository: values.repo!, fingerprint: values.fingerprint!, event, actor: values.actor!.trim(), details: { ...details, via: "cli", attestation: "operator" } };
  const store = await openCliStore(io.env, { db: values.db, cwd: io.cwd });
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
  if (!sub) throw new CliError(`unknown evidence command '${name}' (export, verify, checkpoint, log, record, policy, state or migrate)`);
  return sub(rest, io);
};

async function exportCommand(args: string[], io: CliIO) {
  const { values } = parseArgs({
    args,
    options: { out: { type: "string" }, since: { type: "string" }, until: { type: "string" }, repo: { type: "string" }, sla: { type: "string" }, previous: { type: "string" }, db: { type: "string" }, help: { type: "boolean", short: "h", default: false } },
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
  const signingKey = signingKeyOf(io);
  const previous = values.previous === undefined ? undefined : await readPack(resolve(io.cwd, values.previous), {}, "--previous");
  const outDir = resolve(io.cwd, values.out);
  const anchoring = signingKey ? await checkpointSetup(io) : {};

  const result = await withStore(io, values.db, (store) =>
    exportPack(store, {
      outDir,
      toolVersion: version(),
      origin: originOf(io),
      ...(since ? { since } : {}),
      ...(until ? { until } : {}),
      ...(values.repo ? { repository: values.repo } : {}),
      ...(sla ? { sla } : {}),
      ...(signingKey ? { signingKey } : {}),
      ...(previous ? { previous: [previous.tree] } : {}),
      ...anchoring,
      warn: (m) => io.stderr(`keyward evidence: ${m}\n`),
    }),
  );
  const m = result.manifest;
  io.stdout(
    [
      `wrote evidence pack to ${outDir}`,
      `  ${m.records} record${m.records === 1 ? "" : "s"}${m.first && m.last ? ` (seq ${m.first.seq}–${m.last.seq})` : ""}${m.redacted ? `, ${m.redacted} redacted` : ""}, ${m.context} earlier for context; anchor seq ${m.anchor.seq} ${short(m.anchor.hash)}`,
      `  tree of ${m.tree.size} records, root ${short(m.tree.root)}; ${m.signature ? `signed (Ed25519, fingerprint ${keyFingerprint(m.signature.publicKey)}), checkpoint ${m.tree.size}` : "not signed (set KEYWARD_SIGNING_KEY to sign)"}`,
      `  files: ${[PACK_FILES.manifest, ...Object.keys(m.files)].join(", ")}`,
    ].join("\n") + "\n",
  );
  let code: ExitCode = EXIT.clean;
  if (!result.chain.ok) {
    io.stderr(`keyward evidence: the evidence log is broken at record ${result.chain.seq} (${result.chain.problem}): ${result.chain.message}\n`);
    code = EXIT.findings;
  }
  for (const problem of result.inconsistent) {
    io.stderr(`keyward evidence: ${problem}\n`);
    code = EXIT.findings;
  }
  if (signingKey && code !== EXIT.clean) io.stderr("keyward evidence: the pack was not signed: a log must not sign a head inconsistent with one it committed to\n");
  return code;
}

async function verifyCommand(args: string[], io: CliIO) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { "public-key": { type: "string" }, previous: { type: "string" }, checkpoints: { type: "string" }, "tsa-cert": { type: "string" }, help: { type: "boolean", short: "h", default: false } },
  });
  if (values.help) {
    io.stdout(VERIFY_HELP);
    return EXIT.clean;
  }
  if (positionals.length !== 1) throw new CliError("expected one pack directory: keyward evidence verify DIR");
  const keyFile = values["public-key"];
  const publicKey = keyFile === undefined ? undefined : readText(resolve(io.cwd, keyFile), "--public-key");
  if (publicKey !== undefined) usableKey(() => checkPublicKey(publicKey), `--public-key ${keyFile} is not an Ed25519 public key in PEM`);
  const tsaCert = values["tsa-cert"] === undefined ? undefined : readText(resolve(io.cwd, values["tsa-cert"]), "--tsa-cert");
  if (tsaCert !== undefined && !tsaCert.includes("-----BEGIN CERTIFICATE-----")) throw new CliError(`--tsa-cert ${values["tsa-cert"]} holds no PEM certificate`);
  const checkpointsDir = values.checkpoints === undefined ? undefined : resolve(io.cwd, values.checkpoints);
  if (checkpointsDir !== undefined && (!existsSync(checkpointsDir) || !statSync(checkpointsDir).isDirectory())) throw new CliError(`--checkpoints: no directory at ${checkpointsDir}`);
  const options = { ...(publicKey !== undefined ? { publicKey } : {}), ...(tsaCert !== undefined ? { tsaCert } : {}) };

  const verdict = await readVerdict(resolve(io.cwd, positionals[0]!), options, "the pack");
  if (!verdict.ok) return broken(io, verdict);
  const lines = [okLine(verdict)];
  lines.push(verdict.signer ? `  signer: Ed25519 key, SHA-256 fingerprint ${verdict.signer.fingerprint}${verdict.signature === "pinned" ? " (the key given)" : " (the key the manifest carries: pass --public-key to check who signed)"}` : "  signer: none (the pack is not signed)");
  lines.push(`  tree: ${verdict.tree.size} records, root ${verdict.tree.root}; consistent with ${verdict.extends.length} earlier tree head(s) and ${verdict.checkpoints.length} checkpoint(s)`);
  for (const t of verdict.timestamps) lines.push(`  timestamp: checkpoint ${t.size} existed at ${t.genTime} (${t.tsa})`);

  if (values.previous !== undefined) {
    const earlier = await readVerdict(resolve(io.cwd, values.previous), options.tsaCert ? { tsaCert: options.tsaCert } : {}, "--previous");
    if (!earlier.ok) return broken(io, { ...earlier, message: `the earlier pack (--previous) is itself broken: ${earlier.message}` });
    const extended = verifyExtends(earlier, verdict);
    if (!extended.ok) return broken(io, extended);
    lines.push(`  previous: ${extended.message}`);
  }
  if (checkpointsDir !== undefined) {
    const key = publicKey ?? verdict.signer?.publicKey;
    if (!key) throw new CliError("--checkpoints needs the log's public key: the pack is not signed, pass --public-key");
    const { loadPublished } = await import("../evidence/published.js");
    const published = checkPublished(verdict, await loadPublished(checkpointsDir), key);
    if (!published.ok) return broken(io, published);
    lines.push(`  published: consistent with ${published.checked} published checkpoint(s)${published.later ? `; ${published.later} published after the pack (not covered by it)` : ""}${published.other ? `; ${published.other} of other logs ignored` : ""}`);
  }
  for (const note of verdict.notes) lines.push(`  note: ${note}`);
  io.stdout(lines.join("\n") + "\n");
  return EXIT.clean;
}

async function checkpointCommand(args: string[], io: CliIO) {
  const { values } = parseArgs({ args, options: { "if-due": { type: "boolean", default: false }, every: { type: "string" }, db: { type: "string" }, help: { type: "boolean", short: "h", default: false } } });
  if (values.help) {
    io.stdout(CHECKPOINT_HELP);
    return EXIT.clean;
  }
  const signingKey = signingKeyOf(io);
  if (!signingKey) throw new CliError("KEYWARD_SIGNING_KEY must hold the log's Ed25519 private key (PEM) to sign a checkpoint");
  const every = values.every === undefined ? undefined : Number(values.every);
  if (every !== undefined && (!Number.isSafeInteger(every) || every < 1)) throw new CliError(`--every takes a positive number of records, got '${values.every}'`);
  const setup = await checkpointSetup(io);
  return withStore(io, values.db, async (store) => {
    if (values["if-due"] && !(await checkpointDue(store, every !== undefined ? { everyRecords: every } : {}))) {
      io.stdout("no checkpoint due\n");
      return EXIT.clean;
    }
    try {
      const made = await makeCheckpoint(store, { origin: originOf(io), signingKey, ...setup, warn: (m) => io.stderr(`keyward evidence: ${m}\n`) });
      const h = made.head;
      io.stdout(`checkpoint ${h.size} at ${h.time}, root ${h.root}${h.timestamp ? "; timestamped" : ""}${h.published ? `; published ${h.published}` : ""}\n${made.checkpoint.note}`);
      return EXIT.clean;
    } catch (err) {
      if (err instanceof CheckpointRefusedError) {
        io.stderr(`keyward evidence: checkpoint refused: ${err.message}\n`);
        return EXIT.findings;
      }
      throw err;
    }
  });
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
  // Reading must not leave an empty log behind where the user mistyped a path.
  const store = await openCliStore(io.env, { db, cwd: io.cwd, mustExist: true });
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
  const parsed = parseSlaList(value);
  if (typeof parsed === "string") throw new CliError(`--sla ${parsed}`);
  return parsed;
}

/** A PEM in an environment variable often arrives with its line breaks written as \\n. */
function signingKeyOf(io: CliIO): string | undefined {
  const key = io.env.KEYWARD_SIGNING_KEY?.replace(/\\n/g, "\n") || undefined;
  if (key) usableKey(() => publicKeyOf(key), "KEYWARD_SIGNING_KEY is not an Ed25519 private key in PEM");
  return key;
}

function originOf(io: CliIO): string {
  const origin = io.env.KEYWARD_LOG_ORIGIN?.trim() || DEFAULT_ORIGIN;
  if (/[\s+]/u.test(origin)) throw new CliError(`KEYWARD_LOG_ORIGIN must have no spaces or '+': '${origin}'`);
  return origin;
}

/** The timestamp authority and the checkpoint repository the environment names. */
async function checkpointSetup(io: CliIO): Promise<{ timestamper?: Timestamper; publishers?: CheckpointPublisher[] }> {
  const out: { timestamper?: Timestamper; publishers?: CheckpointPublisher[] } = {};
  if (io.env.KEYWARD_TSA_URL) {
    const { TsaClient } = await import("../evidence/tsa.js");
    out.timestamper = new TsaClient({ url: io.env.KEYWARD_TSA_URL, ...tsaTimeout(io.env.KEYWARD_TSA_TIMEOUT_MS) });
  }
  if (io.env.KEYWARD_CHECKPOINT_REPO) {
    const { GitHubCheckpointPublisher, parseGitHubTarget } = await import("../evidence/publish-github.js");
    let target;
    try {
      target = parseGitHubTarget(io.env.KEYWARD_CHECKPOINT_REPO);
    } catch (err) {
      throw new CliError(`KEYWARD_CHECKPOINT_REPO: ${(err as Error).message}`);
    }
    if (!io.env.GITHUB_TOKEN) throw new CliError("KEYWARD_CHECKPOINT_REPO needs GITHUB_TOKEN (a token that may write the repository's contents)");
    const { ProbotOctokit } = await import("probot");
    const octokit = new ProbotOctokit({ auth: { token: io.env.GITHUB_TOKEN }, baseUrl: io.env.GITHUB_API_URL || "https://api.github.com" });
    out.publishers = [new GitHubCheckpointPublisher(octokit, target)];
  }
  return out;
}

/** KEYWARD_TSA_TIMEOUT_MS: how long to wait for the timestamp authority (default 15 s). */
function tsaTimeout(raw: string | undefined): { timeoutMs?: number } {
  if (raw === undefined || raw === "") return {};
  const ms = Number(raw);
  if (!Number.isSafeInteger(ms) || ms < 1) throw new CliError(`KEYWARD_TSA_TIMEOUT_MS takes milliseconds, got '${raw}'`);
  return { timeoutMs: ms };
}

async function readVerdict(dir: string, options: Parameters<typeof verifyPack>[1], what: string): Promise<PackVerdict> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`${what}: no pack directory at ${dir}`);
  try {
    return await verifyPack(dir, options);
  } catch (err) {
    if (err instanceof NotAPackError) throw new CliError(`${what}: ${err.message}`);
    throw err;
  }
}

/** An earlier pack for export --previous: it must verify on its own. */
async function readPack(dir: string, options: Parameters<typeof verifyPack>[1], what: string): Promise<VerifiedPack> {
  const verdict = await readVerdict(dir, options, what);
  if (!verdict.ok) throw new CliError(`${what}: the pack does not verify: ${verdict.message}`);
  return verdict;
}

function okLine(v: VerifiedPack): string {
  const range = v.last ? `records ${v.anchor.seq + 1}–${v.last.seq}` : "no records";
  const signature = { pinned: "signature valid (the key given)", embedded: "signature valid, by the key the manifest carries", none: "not signed" }[v.signature];
  return `OK: ${v.records} record${v.records === 1 ? "" : "s"} (${range}${v.redacted ? `, ${v.redacted} redacted` : ""}${v.context ? `, ${v.context} earlier for context` : ""}), chain intact from anchor ${short(v.anchor.hash)}, every record proven in the tree, lifecycles replay; ${signature}`;
}

function broken(io: CliIO, verdict: { readonly seq?: number; readonly problem: string; readonly message: string }): ExitCode {
  io.stdout(`BROKEN ${verdict.seq !== undefined ? `at record ${verdict.seq} ` : ""}(${verdict.problem}): ${verdict.message}\n`);
  return EXIT.findings;
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
