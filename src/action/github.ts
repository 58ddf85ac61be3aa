/**
 * Our own small adapter from a GitHub Actions job to the use cases the App runs: a ProbotOctokit
 * authenticated with the job's token, the event payload turned into a change, and the same
 * scanChange (src/remediate/) with the action's configuration passed in.
 *
 * Not @probot/adapter-github-actions (4.0.3): it depends on probot ^13, so it would install a
 * second Probot beside this project's 14 with Octokit and Context types that do not match the
 * handlers'; it catches and only logs a handler's error, so a failed scan would pass the job;
 * it reads no GITHUB_API_URL (GitHub Enterprise Server only through GHE_HOST); and the
 * handler's result (the findings, for SARIF and the exit code) has no way out of
 * `probot.receive`. What it does for us is these few lines.
 */
import { ProbotOctokit } from "probot";
import { scanChange, type ChangeResult } from "../remediate/change.js";
import { changeOfPullRequest, changeOfPush, type PushEvent } from "../remediate/change-of.js";
import type { LoadedConfig } from "../remediate/github/repo-files.js";
import { repoRef, type AppDeps, type Logger, type Octokit, type Services } from "../remediate/types.js";

export interface Repo {
  readonly owner: string;
  readonly repo: string;
}

export function actionOctokit(token: string, apiUrl: string, log: Logger): Octokit {
  return new ProbotOctokit({ auth: { token }, baseUrl: apiUrl, log });
}

/** The events whose handlers the action runs, and the commit each is about. */
export function changeHead(name: string, payload: Record<string, unknown>): string | undefined {
  if (name === "push") return typeof payload.after === "string" ? payload.after : undefined;
  if (name === "pull_request" && ["opened", "synchronize", "reopened"].includes(String(payload.action))) {
    const head = (payload.pull_request as { head?: { sha?: unknown } } | undefined)?.head?.sha;
    return typeof head === "string" ? head : undefined;
  }
  return undefined;
}

/** The push's or pull request's change, scanned and reported as the App does; undefined when a push adds nothing. */
export async function runChange(event: { id: string; name: "push" | "pull_request"; payload: Record<string, unknown> }, octokit: Octokit, log: Logger, deps: AppDeps, config: LoadedConfig): Promise<ChangeResult | undefined> {
  const p = event.payload as { repository: never; installation?: { id: number } };
  const s: Services = { octokit, repo: repoRef(p.repository, p.installation), deps, log, deliveryId: event.id };
  const change = event.name === "push" ? await changeOfPush(s, event.payload as unknown as PushEvent) : await changeOfPullRequest(s, (event.payload as { pull_request: { number: number; head: { sha: string } } }).pull_request);
  return change ? scanChange(s, change, config) : undefined;
}

/**
 * Whether the token may open issues. GitHub lists no GITHUB_TOKEN's permissions, so this asks
 * for an issue without a title: 422 (invalid) means such a write is allowed, 403 that the job's
 * permissions leave it out, 410 that the repository has issues turned off. Nothing is created.
 */
export async function mayWriteIssues(octokit: Octokit, repo: Repo): Promise<boolean> {
  try {
    await octokit.request("POST /repos/{owner}/{repo}/issues", { ...repo } as never);
    return true;
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 422) return true;
    if (status === 403 || status === 404 || status === 410) return false;
    throw err;
  }
}

/** The check run could not be created: a pull request from a fork, or no `checks: write`. */
export function isCheckRunRefused(err: unknown): boolean {
  const e = err as { status?: number; request?: { method?: string; url?: string } };
  return e?.status === 403 && e.request?.method === "POST" && /\/check-runs$/.test(e.request.url ?? "");
}
