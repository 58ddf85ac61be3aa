/**
 * Check runs this App left in progress — its process died mid-delivery, or GitHub refused
 * every update — are completed as interrupted, on start-up and on a schedule (reconcile.ts).
 * The ledger says which (opened longer than `olderThanMs` ago and never completed); GitHub is
 * asked first, so a run that did complete (the crash came after the update) keeps its result.
 */
import type { DeliveryLedger } from "../evidence/ledger.js";
import { findCheckRun, INTERRUPTED_OUTPUT } from "../remediate/check-run.js";
import type { Logger, Octokit } from "../remediate/types.js";

export interface SweepOptions {
  readonly ledger: DeliveryLedger;
  readonly now: () => Date;
  readonly log: Logger;
  /** An installation's API client. */
  readonly auth: (installation: number) => Promise<Octokit>;
  /** How long a check run may stay in progress before it counts as interrupted (default 30 min). */
  readonly olderThanMs?: number;
  /** Check runs handled per sweep (default 50). */
  readonly limit?: number;
}

export interface SweepResult {
  /** Completed here as interrupted. */
  readonly interrupted: number;
  /** Found completed on GitHub already, or never created: only the ledger was brought up to date. */
  readonly settled: number;
  readonly failed: number;
}

export async function finishInterruptedCheckRuns(o: SweepOptions): Promise<SweepResult> {
  const rows = await o.ledger.openCheckRuns(new Date(o.now().getTime() - (o.olderThanMs ?? 30 * 60_000)), o.limit ?? 50);
  let interrupted = 0;
  let settled = 0;
  let failed = 0;
  for (const row of rows) {
    if (row.installation === undefined) continue; // not the App's (the Action keeps no ledger across runs)
    const [owner, repo] = row.repository.split("/") as [string, string];
    try {
      const octokit = await o.auth(row.installation);
      const id = row.checkRunId ?? (await findCheckRun(octokit, { owner, repo }, row.headSha, row.externalId))?.id;
      if (id !== undefined) {
        const { data } = await octokit.rest.checks.get({ owner, repo, check_run_id: id });
        if (data.status !== "completed") {
          // Cancelled, not neutral: a commit that was not fully scanned must not pass a required check.
          await octokit.rest.checks.update({ owner, repo, check_run_id: id, status: "completed", conclusion: "cancelled", completed_at: o.now().toISOString(), output: { ...INTERRUPTED_OUTPUT } });
          o.log.warn({ repository: row.repository, checkRun: id, delivery: row.deliveryId, startedAt: row.startedAt }, "completed a check run left in progress as interrupted");
          interrupted++;
        } else settled++;
      } else settled++;
      await o.ledger.noteCheckRun({ ...row, ...(id !== undefined ? { checkRunId: id } : {}), status: "completed" });
    } catch (err) {
      failed++;
      o.log.warn({ repository: row.repository, checkRun: row.checkRunId, err: (err as Error).message }, "could not complete an interrupted check run; the next sweep tries again");
    }
  }
  return { interrupted, settled, failed };
}
