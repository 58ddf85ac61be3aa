/**
 * Creating something on GitHub exactly once. A POST whose answer is lost (the connection hangs,
 * then drops; or a 5xx from a proxy) may or may not have created the issue, comment or check
 * run. Octokit's retry plugin would simply POST again — two issues for one secret — so the
 * create is sent with retries off, and after an unclear failure the caller's `find` looks for
 * what the first attempt may have made (the issue's marker, the check run's external_id) before
 * anything is created again. A clear refusal (4xx) is not retried here; secondary rate limits
 * are withSecondaryRetry's (retry.ts), around this.
 */
import type { Octokit } from "../types.js";
import { withSecondaryRetry } from "./retry.js";

/** Per-request Octokit option: the retry plugin leaves this request alone. */
export const NO_RETRY = { request: { retries: 0 } } as const;

/** Whether GitHub may have done the write although the request failed. */
export function outcomeUnknown(err: unknown): boolean {
  const status = (err as { status?: unknown })?.status;
  // Octokit reports a dropped connection or a fetch failure as status 500, like a 5xx answer.
  return typeof status !== "number" || status >= 500;
}

export interface CreateOnce<T> {
  /** The create request, sent with NO_RETRY. */
  readonly create: () => Promise<T>;
  /** What an earlier attempt created, if anything. */
  readonly find: () => Promise<T | undefined>;
  /** Attempts in all (default 4), with a pause of `pauseMs` × attempt between them. */
  readonly attempts?: number;
  readonly pauseMs?: number;
}

export async function createOnce<T>(o: CreateOnce<T>): Promise<T> {
  const attempts = o.attempts ?? 4;
  for (let i = 1; ; i++) {
    try {
      return await o.create();
    } catch (err) {
      if (!outcomeUnknown(err)) throw err;
      const found = await o.find();
      if (found !== undefined) return found;
      if (i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, (o.pauseMs ?? 500) * i));
    }
  }
}

/**
 * A comment posted once: after a lost answer, the issue's comments say whether it was posted
 * (the same text by a bot on the same issue is the same comment).
 */
export async function commentOnce(octokit: Octokit, where: { readonly owner: string; readonly repo: string }, issueNumber: number, body: string): Promise<void> {
  const { owner, repo } = where;
  await withSecondaryRetry(() =>
    createOnce({
      create: async () => (await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body, ...NO_RETRY }), true),
      find: async () => {
        const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 });
        return comments.some((c) => c.body === body && c.user?.type === "Bot") || undefined;
      },
    }),
  );
}
