/** `keyward review [PATH]`: open access reviews for overdue identities; record reviews done. */
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { CliError, EXIT, type Command } from "../cli.js";
import { DEFAULT_SQLITE_PATH, openEvidenceStore } from "../evidence/open.js";
import { diskSource } from "../ingest/repo-source.js";
import { formatOwner } from "../ownership/types.js";
import { dueReviews, expireExceptions, recordReviewed, recordReviewOpened } from "../reviews.js";
import { auditRepository } from "../workflows/run.js";
import { parseDay } from "./audit.js";

const HELP = `Usage: keyward review [PATH] [options]

Reads the identity inventory in PATH/.github/keyward.yml and, for every identity overdue for
review or rotation (or expired), records that a review was opened in the evidence log and
prints it with its owners. Exceptions whose end date has passed are expired: their findings
reopen. Run it on a schedule (the App does so daily).

Options:
  --repo OWNER/NAME      the repository the records belong to (default: the folder's name)
  --today YYYY-MM-DD     judge dates as of this day (default: today)
  --reviewed NAME        record instead that NAME's access was reviewed (with --by)
  --by LOGIN             who reviewed it
  --note TEXT            what was decided
  --db PATH              SQLite evidence log (default ${DEFAULT_SQLITE_PATH}; DATABASE_URL selects PostgreSQL)

Exit codes: 0 nothing overdue, 1 reviews opened, 2 usage or runtime error.
`;

export const reviewCommand: Command = async (args, io) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      repo: { type: "string" },
      today: { type: "string" },
      reviewed: { type: "string" },
      by: { type: "string" },
      note: { type: "string" },
      db: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(HELP);
    return EXIT.clean;
  }
  const root = resolve(io.cwd, positionals[0] ?? ".");
  const repository = values.repo ?? basename(root);
  const now = parseDay(values.today);
  if (values.reviewed !== undefined && !values.by) throw new CliError("--reviewed needs --by LOGIN (who reviewed it)");
  const store = await openEvidenceStore({ ...(io.env.DATABASE_URL ? { databaseUrl: io.env.DATABASE_URL } : {}), sqlitePath: resolve(io.cwd, values.db ?? DEFAULT_SQLITE_PATH) });
  try {
    if (values.reviewed !== undefined) {
      const r = await recordReviewed(store, repository, values.reviewed, values.by!, values.note);
      io.stdout(`recorded: ${values.by} reviewed ${values.reviewed} (record ${r.seq})\n`);
      return EXIT.clean;
    }
    const { identities } = await auditRepository(diskSource(root), { now });
    const due = dueReviews(identities, now);
    for (const d of due) {
      const r = await recordReviewOpened(store, repository, d, now, `cli:${io.env.USER ?? "unknown"}`);
      io.stdout(`${d.identity.secret}: ${d.reasons.join("; ")} — owners ${d.identity.owners.map(formatOwner).join(", ")} (record ${r.seq})\n`);
    }
    const expired = await expireExceptions(store, now, `cli:${io.env.USER ?? "unknown"}`);
    for (const r of expired) io.stdout(`exception expired: ${r.fingerprint} in ${r.repository} reopened (record ${r.seq})\n`);
    io.stdout(`${due.length} review${due.length === 1 ? "" : "s"} opened, ${expired.length} exception${expired.length === 1 ? "" : "s"} expired\n`);
    return due.length + expired.length > 0 ? EXIT.findings : EXIT.clean;
  } finally {
    await store.close();
  }
};
