/**
 * The "Keyward" check run of a change: started in progress, completed with its conclusion and
 * annotations (GitHub takes at most 50 per request, so the rest follow in further updates), or
 * completed as neutral with the reason when the scan could not finish.
 *
 * Exactly once: the intent is noted in the delivery ledger before the create, the create is not
 * blindly retried, and the check run carries an external_id derived from the repository and
 * head SHA. A redelivery of the same delivery finishes the check run its first attempt opened
 * (by the ledger's id, or — when that answer was lost — by the external_id) instead of opening a
 * second; one a crash left in progress is completed as interrupted (reconcile-checks.ts).
 */
import { createHash } from "node:crypto";
import type { CheckRunRow } from "../evidence/ledger.js";
import { text } from "../report/markdown.js";
import { annotationFor, batches, CHECK_NAME, checkOutput, conclusionFor, type CheckSummaryInput } from "../report/check-run.js";
import { createOnce, NO_RETRY } from "./github/once.js";
import type { Octokit, Services } from "./types.js";

/** What the check run carries so that an attempt whose answer was lost can find it again. */
export function checkRunExternalId(fullName: string, headSha: string): string {
  return `keyward:${createHash("sha256").update(`${fullName}\0${headSha}`).digest("hex").slice(0, 32)}`;
}

/** The App's check run on `headSha` carrying `externalId`, if GitHub has one. */
export async function findCheckRun(octokit: Octokit, repo: { owner: string; repo: string }, headSha: string, externalId: string): Promise<{ id: number; status: string } | undefined> {
  const { data } = await octokit.rest.checks.listForRef({ owner: repo.owner, repo: repo.repo, ref: headSha, check_name: CHECK_NAME, filter: "all", per_page: 100 });
  const run = data.check_runs.find((r) => r.external_id === externalId);
  return run && { id: run.id, status: run.status };
}

/** The check run's id: a new one in progress, or `existing` (a re-run, or an earlier attempt's) set back to in progress. */
export async function startCheckRun(s: Services, headSha: string, existing?: number): Promise<number> {
  const { owner, repo } = s.repo;
  const started_at = s.deps.now().toISOString();
  const ledger = s.deps.store.ledger;
  const external_id = checkRunExternalId(s.repo.fullName, headSha);
  const row: Omit<CheckRunRow, "status" | "checkRunId"> = { deliveryId: s.deliveryId, repository: s.repo.fullName, headSha, externalId: external_id, ...(s.repo.installation ? { installation: s.repo.installation } : {}), startedAt: started_at };
  const earlier = existing ?? (await earlierAttempt(s, headSha, external_id));
  if (earlier !== undefined) {
    await s.octokit.rest.checks.update({ owner, repo, check_run_id: earlier, status: "in_progress", started_at });
    await ledger.noteCheckRun({ ...row, checkRunId: earlier, status: "in_progress" });
    return earlier;
  }
  // The intent first: should the answer be lost and the process die, a redelivery or the
  // sweeper knows to look for this check run by its external_id.
  await ledger.noteCheckRun({ ...row, status: "creating" });
  const id = await createOnce({
    create: async () => (await s.octokit.rest.checks.create({ owner, repo, name: CHECK_NAME, head_sha: headSha, external_id, status: "in_progress", started_at, ...NO_RETRY })).data.id,
    find: async () => (await findCheckRun(s.octokit, s.repo, headSha, external_id))?.id,
  });
  await ledger.noteCheckRun({ ...row, checkRunId: id, status: "in_progress" });
  return id;
}

/** The check run an earlier attempt of this delivery opened, if it did. */
async function earlierAttempt(s: Services, headSha: string, externalId: string): Promise<number | undefined> {
  const row = await s.deps.store.ledger.checkRunOf(s.deliveryId, s.repo.fullName, headSha);
  if (!row) return undefined;
  if (row.checkRunId !== undefined) return row.checkRunId;
  return (await findCheckRun(s.octokit, s.repo, headSha, externalId))?.id;
}

async function noteCompleted(s: Services, checkRunId: number, headSha: string | undefined): Promise<void> {
  if (headSha === undefined) return;
  const row = await s.deps.store.ledger.checkRunOf(s.deliveryId, s.repo.fullName, headSha);
  if (row) await s.deps.store.ledger.noteCheckRun({ ...row, checkRunId, status: "completed" });
}

/** Completes the check run with the findings; returns its conclusion. */
export async function completeCheckRun(s: Services, checkRunId: number, report: CheckSummaryInput, headSha?: string): Promise<"failure" | "neutral" | "success"> {
  const { owner, repo } = s.repo;
  const conclusion = conclusionFor(report.findings, report.failOn);
  const output = checkOutput(report);
  const [firstBatch = [], ...rest] = batches(report.findings.map((f) => annotationFor(f, report.failOn)));
  await s.octokit.rest.checks.update({ owner, repo, check_run_id: checkRunId, status: "completed", conclusion, completed_at: s.deps.now().toISOString(), output: { ...output, annotations: firstBatch } });
  for (const batch of rest) await s.octokit.rest.checks.update({ owner, repo, check_run_id: checkRunId, output: { ...output, annotations: batch } });
  await noteCompleted(s, checkRunId, headSha);
  return conclusion;
}

/** Leaves no check run spinning: completed as neutral, saying what stopped the scan. */
export async function failCheckRun(s: Services, checkRunId: number, err: unknown, headSha?: string): Promise<void> {
  await s.octokit.rest.checks.update({
    owner: s.repo.owner,
    repo: s.repo.repo,
    check_run_id: checkRunId,
    status: "completed",
    conclusion: "neutral",
    completed_at: s.deps.now().toISOString(),
    output: { title: "Keyward could not finish this scan", summary: `The scan stopped with an error (${text((err as Error).message.split("\n")[0] ?? "")}). Re-run the check to try again.` },
  });
  await noteCompleted(s, checkRunId, headSha);
}

/** What a check run a crash or an outage left in progress says once the sweeper completes it. */
export const INTERRUPTED_OUTPUT = {
  title: "Keyward was interrupted",
  summary: "The scan was interrupted before it finished (the App restarted, or GitHub could not be reached), so this commit was not fully checked. Keyward asks GitHub to redeliver the event; re-run the check to scan it now.",
} as const;
