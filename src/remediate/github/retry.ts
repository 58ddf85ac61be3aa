/**
 * Retry for GitHub's secondary rate limits on content-creating requests. Probot's throttling
 * retries primary limits and its retry plugin retries 5xx, but it only logs secondary limits;
 * GitHub asks clients to wait (Retry-After, else at least a minute) and try again.
 */

interface HttpLikeError {
  readonly status?: number;
  readonly message?: string;
  readonly response?: { readonly headers?: Readonly<Record<string, string | number | undefined>> };
}

export function secondaryLimitWait(err: unknown): number | undefined {
  const e = err as HttpLikeError;
  if (e?.status !== 403 && e?.status !== 429) return undefined;
  const retryAfter = e.response?.headers?.["retry-after"];
  if (retryAfter !== undefined) return Number(retryAfter) * 1000;
  return /secondary rate limit|abuse/i.test(e.message ?? "") ? 60_000 : undefined;
}

export async function withSecondaryRetry<T>(fn: () => Promise<T>, options: { attempts?: number; sleep?: (ms: number) => Promise<void> } = {}): Promise<T> {
  const attempts = options.attempts ?? 3;
  const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      const wait = secondaryLimitWait(err);
      if (wait === undefined || i >= attempts) throw err;
      await sleep(wait * i);
    }
  }
}
