/**
 * Our own small adapter from a GitHub Actions job to the App's handlers: a ProbotOctokit
 * authenticated with the job's token, a Probot Context around the event payload, and the same
 * handler functions the App runs (src/app/handlers).
 *
 * Not @probot/adapter-github-actions (4.0.3): it depends on probot ^13, so it would install a
 * second Probot beside this project's 14 with Octokit and Context types that do not match the
 * handlers'; it catches and only logs a handler's error, so a failed scan would pass the job;
 * it reads no GITHUB_API_URL (GitHub Enterprise Server only through GHE_HOST); and the
 * handler's result (the findings, for SARIF and the exit code) has no way out of
 * `probot.receive`. What it does for us is these few lines.
 */
import { Context, ProbotOctokit } from "probot";
import type { Logger } from "probot";
import { CONFIG_PATH } from "../config.js";
import { scanPullRequest } from "../app/handlers/pull-request.js";
import { scanPush } from "../app/handlers/push.js";
import type { ChangeResult } from "../app/scan-change.js";
import type { AppDeps, Octokit } from "../app/types.js";

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

/** The App's handler for the event, with a Context as Probot would build it. */
export async function runHandler(event: { id: string; name: "push" | "pull_request"; payload: object }, octokit: Octokit, log: Logger, deps: AppDeps): Promise<ChangeResult | undefined> {
  return event.name === "push"
    ? scanPush(new Context<"push">(event as never, octokit, log), deps)
    : scanPullRequest(new Context<"pull_request.opened">(event as never, octokit, log), deps);
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

/**
 * Answers the handlers' reads of `.github/keyward.yml` in this repository with the action's
 * configuration. The handlers load it through the contents API, as the App must; this request
 * hook is the one seam through which the action's inputs reach them unchanged.
 */
export function serveConfig(octokit: Octokit, repo: Repo, text: string): void {
  const data = { type: "file", name: "keyward.yml", path: CONFIG_PATH, size: Buffer.byteLength(text), encoding: "base64", content: Buffer.from(text).toString("base64") };
  octokit.hook.wrap("request", async (request, options) => {
    const o = options as { method?: string; url?: string; owner?: string; repo?: string; path?: string };
    if (o.method === "GET" && o.url === "/repos/{owner}/{repo}/contents/{path}" && o.owner === repo.owner && o.repo === repo.repo && o.path === CONFIG_PATH) {
      return { status: 200, url: "", headers: {}, data } as never;
    }
    return request(options);
  });
}
