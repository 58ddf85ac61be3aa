/** `keyward review [PATH]`: open access reviews for overdue identities; record reviews done. */
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { closest } from "fastest-levenshtein";
import { CliError, EXIT, type Command } from "../cli.js";
import { openCliStore, STORE_LOCATION_HELP } from "../evidence/open.js";
import { diskSource } from "../ingest/repo-source.js";
import { matchIdentity, type Identity } from "../ownership/inventory.js";
import { formatOwner } from "../ownership/types.js";
import { dueReviews, expireExceptions, recordReviewed, recordReviewOpened, reviewsOnRecord } from "../reviews.js";
import { auditRepository } from "../workflows/run.js";
import { parseDay } from "./audit.js";
import { loadCliConfig } from "./config-file.js";
import { targetPath } from "./target.js";

const HELP = `Usage: keyward review [PATH] [options]

Reads the identity inventory in PATH/.github/keyward.yml and, for every identity overdue for
review or rotation (or expired), records that a review was opened in the evidence log and
prints it with its owners — once per identity per repository per day. A review recorded with
--reviewed counts from the day it was recorded: the identity is not asked about again until
its review_every has passed (an overdue rotation still is). Exceptions whose end date has
passed are expired: their findings reopen. Run it on a schedule (the App does so daily).

Options:
  --repo OWNER/NAME      the repository the records belong to (default: the folder's name)
  --today YYYY-MM-DD     judge dates as of this day (default: today)
  --reviewed NAME        record instead that NAME's access was reviewed (with --by); NAME is
                         an identity of the inventory
  --by LOGIN             who reviewed it
  --note TEXT            what was decided
  --db PATH              SQLite evidence log

The evidence log is never written inside the repository: ${STORE_LOCATION_HELP}.

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
  const root = targetPath(io.cwd, positionals).path;
  const repository = values.repo ?? basename(root);
  const now = parseDay(values.today);
  if (values.reviewed !== undefined && !values.by) throw new CliError("--reviewed needs --by LOGIN (who reviewed it)");
  if (values.reviewed !== undefined && values.today !== undefined) throw new CliError("--reviewed records a review as of now; --today does not apply to it");
  await loadCliConfig(root, io.cwd);
  const { identities } = await auditRepository(diskSource(root), { now });
  // Check the name before opening the log: a typo must not leave a record behind.
  const reviewed = values.reviewed === undefined ? undefined : identityNamed(identities, values.reviewed);

  const store = await openCliStore(io.env, { db: values.db, cwd: io.cwd });
  try {
    if (reviewed) {
      // Typed in by whoever runs the CLI: an operator's attestation, by --by.
      const r = await recordReviewed(store, repository, reviewed.secret, values.by!, values.note, undefined, true);
      io.stdout(`recorded: ${values.by} reviewed ${reviewed.secret} in ${repository} (record ${r.seq})\n`);
      return EXIT.clean;
    }
    const due = dueReviews(identities, now, await reviewsOnRecord(store, repository));
    for (const d of due) {
      const r = await recordReviewOpened(store, repository, d, now, `cli:${io.env.USER ?? "unknown"}`, { via: "cli" });
      io.stdout(`${d.identity.secret}: ${d.reasons.join("; ")} — owners ${d.identity.owners.map(formatOwner).join(", ")} (record ${r.seq})\n`);
    }
    // This repository's exceptions only: its reviews and expiries are its own records.
    const expired = await expireExceptions(store, now, `cli:${io.env.USER ?? "unknown"}`, repository);
    for (const r of expired) io.stdout(`exception expired: ${r.fingerprint} in ${r.repository} reopened (record ${r.seq})\n`);
    io.stdout(`${due.length} review${due.length === 1 ? "" : "s"} opened, ${expired.length} exception${expired.length === 1 ? "" : "s"} expired\n`);
    return due.length + expired.length > 0 ? EXIT.findings : EXIT.clean;
  } finally {
    await store.close();
  }
};

/** The inventory entry a review is for: its exact name, or the glob entry that covers it. */
function identityNamed(identities: readonly Identity[], name: string): Identity {
  const found = matchIdentity(identities, name);
  if (found) return found;
  if (identities.length === 0) throw new CliError(`no identity '${name}': the inventory (.github/keyward.yml identities:) is empty`);
  const names = identities.map((i) => i.secret);
  throw new CliError(`no identity '${name}' in the inventory (did you mean '${closest(name, names)}'? known: ${names.join(", ")})`);
}
