/**
 * One request to a provider, retried a bounded number of times when the failure is transient
 * (5xx, 429, no answer) and given up at once when the provider said no (4xx). Global fetch by
 * default; tests and the demo pass a base URL (and may pass fetch and sleep). Nothing here logs,
 * and a network error's message is dropped: only "network" is reported.
 */

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  /** Wait before the second attempt; doubled each time, capped at maxDelayMs. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 1000, maxDelayMs: 30_000 };

/** Side effects the provider modules take instead of reaching for them. */
export interface HttpDeps {
  readonly fetch?: typeof globalThis.fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly retry?: RetryPolicy;
}

export type Answer =
  | { readonly kind: "answered"; readonly status: number; readonly body: unknown; readonly attempts: number; readonly requestId?: string }
  /** No answer (network), or the gate refused another attempt (rate-limited). */
  | { readonly kind: "unsent"; readonly status: "network" | "rate-limited"; readonly attempts: number };

/** Worth another try: the provider's own trouble, or a rate limit that will pass. */
export function transient(status: number): boolean {
  return status >= 500 || status === 429;
}

/** The wait before attempt `attempt + 1`: exponential, or the provider's Retry-After (capped). */
export function backoffMs(policy: RetryPolicy, attempt: number, retryAfterSeconds?: number): number {
  if (retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0) return Math.min(retryAfterSeconds * 1000, policy.maxDelayMs);
  return Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Send, retrying transient failures. `gate` runs before every attempt (GitHub counts retries
 * against its hourly limit too) and may refuse it.
 */
export async function sendWithRetry(send: (fetchImpl: typeof globalThis.fetch) => Promise<Response>, deps: HttpDeps, gate?: () => Promise<boolean>): Promise<Answer> {
  const policy = deps.retry ?? DEFAULT_RETRY;
  const sleep = deps.sleep ?? realSleep;
  const fetchImpl = deps.fetch ?? globalThis.fetch;
  let last: Answer = { kind: "unsent", status: "network", attempts: 0 };
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    if (gate && !(await gate())) return { kind: "unsent", status: "rate-limited", attempts: attempt - 1 };
    let retryAfter: number | undefined;
    try {
      const res = await send(fetchImpl);
      const text = await res.text();
      const requestId = requestIdOf(res.headers);
      last = { kind: "answered", status: res.status, body: parseJson(text), attempts: attempt, ...(requestId ? { requestId } : {}) };
      if (!transient(res.status)) return last;
      const header = res.headers.get("retry-after");
      retryAfter = header === null ? undefined : Number(header);
    } catch {
      // Deliberately not the error: undici's messages can quote request details.
      last = { kind: "unsent", status: "network", attempts: attempt };
    }
    if (attempt < policy.attempts) await sleep(backoffMs(policy, attempt, retryAfter));
  }
  return last;
}

/**
 * The provider's own id for the request (GitHub's X-GitHub-Request-Id, Slack's X-Slack-Req-Id):
 * what its support and audit logs know the call by. Only an id's characters, bounded.
 */
const REQUEST_ID_HEADERS = ["x-github-request-id", "x-slack-req-id", "x-request-id"];

export function requestIdOf(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name)?.trim();
    if (value && /^[A-Za-z0-9._:/=+-]{1,128}$/.test(value)) return value;
  }
  return undefined;
}

/** `{ requestId }` when the answer carried one: for spreading into a result. */
export function requestIdIn(answer: Answer): { requestId?: string } {
  return answer.kind === "answered" && answer.requestId ? { requestId: answer.requestId } : {};
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}
