/**
 * The "Keyward" check run of a change: started in progress, completed with its conclusion and
 * annotations (GitHub takes at most 50 per request, so the rest follow in further updates), or
 * completed as neutral with the reason when the scan could not finish.
 */
import { annotationFor, batches, CHECK_NAME, checkOutput, conclusionFor, type CheckSummaryInput } from "../report/check-run.js";
import type { Services } from "./types.js";

/** The check run's id: a new one in progress, or `existing` (a re-run) set back to in progress. */
export async function startCheckRun(s: Services, headSha: string, existing?: number): Promise<number> {
  const { owner, repo } = s.repo;
  const started_at = s.deps.now().toISOString();
  if (existing !== undefined) {
    await s.octokit.rest.checks.update({ owner, repo, check_run_id: existing, status: "in_progress", started_at });
    return existing;
  }
  const { data } = await s.octokit.rest.checks.create({ owner, repo, name: CHECK_NAME, head_sha: headSha, status: "in_progress", started_at });
  return data.id;
}

/** Completes the check run with the findings; returns its conclusion. */
export async function completeCheckRun(s: Services, checkRunId: number, report: CheckSummaryInput): Promise<"failure" | "neutral" | "success"> {
  const { owner, repo } = s.repo;
  const conclusion = conclusionFor(report.findings, report.failOn);
  const output = checkOutput(report);
  const [firstBatch = [], ...rest] = batches(report.findings.map((f) => annotationFor(f, report.failOn)));
  await s.octokit.rest.checks.update({ owner, repo, check_run_id: checkRunId, status: "completed", conclusion, completed_at: s.deps.now().toISOString(), output: { ...output, annotations: firstBatch } });
  for (const batch of rest) await s.octokit.rest.checks.update({ owner, repo, check_run_id: checkRunId, output: { ...output, annotations: batch } });
  return conclusion;
}

/** Leaves no check run spinning: completed as neutral, saying what stopped the scan. */
export async function failCheckRun(s: Services, checkRunId: number, err: unknown): Promise<void> {
  await s.octokit.rest.checks.update({
    owner: s.repo.owner,
    repo: s.repo.repo,
    check_run_id: checkRunId,
    status: "completed",
    conclusion: "neutral",
    completed_at: s.deps.now().toISOString(),
    output: { title: "Keyward could not finish this scan", summary: `The scan stopped with an error (${(err as Error).message.split("\n")[0]}). Re-run the check to try again.` },
  });
}
