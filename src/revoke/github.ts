/**
 * GitHub: `POST /credentials/revoke` on the App's API base URL (GitHub Enterprise Server
 * included), in batches of at most 1,000 under the endpoint's 60 requests an hour; GitHub
 * notifies each credential's owner. On github.com the request is unauthenticated (an
 * authenticated call is refused with a 403); GitHub Enterprise Server counts it against an
 * authenticated caller, so there the App's installation token goes with it. Validity:
 * `GET /rate_limit` with the leaked token, which reads nothing private and counts against nothing.
 */
import type { LeakedCredential } from "./credential.js";
import { joinUrl, requestIdIn, sendWithRetry, type Answer, type HttpDeps } from "./http.js";
import { GITHUB_REVOKE_BATCH, inBatches, type RateBudget } from "./rate.js";
import type { RevocationResult, Revoker, ValidityChecker } from "./types.js";

/** Token kinds the credentials API accepts (rule ids from src/detect/rules/github.ts). */
export const GITHUB_REVOCABLE: ReadonlySet<string> = new Set(["github-pat", "github-fine-grained-pat", "github-oauth", "github-user-to-server-token", "github-refresh-token"]);

/** Tokens that authenticate a REST call by themselves (a refresh token does not). */
export const GITHUB_CHECKABLE: ReadonlySet<string> = new Set(["github-pat", "github-fine-grained-pat", "github-oauth", "github-user-to-server-token", "github-app-installation-token"]);

const HEADERS = { accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28", "user-agent": "keyward" } as const;

export interface GithubRevokerOptions extends HttpDeps {
  /** The App's API base URL: https://api.github.com, https://HOST/api/v3, or a stand-in. */
  readonly baseUrl: string;
  /** GitHub's hourly limit, shared by every delivery of the App (in Redis across workers). */
  readonly rate: RateBudget;
  /** How long a delivery waits for the hourly limit before recording `rate-limited` (default 60 s). */
  readonly maxRateWaitMs?: number;
  /** The App's own token, sent only when the base URL is not github.com's API (GHES). */
  readonly appToken?: () => Promise<string | undefined>;
  readonly now?: () => number;
}

export function githubRevoker(o: GithubRevokerOptions): Revoker {
  return {
    provider: "github",
    ruleIds: GITHUB_REVOCABLE,
    async revoke(credentials) {
      const out: RevocationResult[] = [];
      for (const batch of inBatches(credentials, GITHUB_REVOKE_BATCH)) out.push(...(await revokeBatch(o, batch)));
      return out;
    },
  };
}

/** github.com's API answers this endpoint only without credentials; GHES only with them. */
export function isGithubDotCom(baseUrl: string): boolean {
  return /^https:\/\/api\.github\.com\/?$/.test(baseUrl);
}

async function revokeBatch(o: GithubRevokerOptions, batch: readonly LeakedCredential[]): Promise<RevocationResult[]> {
  const appToken = !isGithubDotCom(o.baseUrl) && o.appToken ? await o.appToken().catch(() => undefined) : undefined;
  const answer = await sendWithRetry(
    (fetchImpl) =>
      fetchImpl(joinUrl(o.baseUrl, "credentials/revoke"), {
        method: "POST",
        headers: { ...HEADERS, "content-type": "application/json", ...(appToken ? { authorization: `token ${appToken}` } : {}) },
        body: JSON.stringify({ credentials: batch.map((c) => c.reveal()) }),
      }),
    o,
    () => rateSlot(o),
  );
  return batch.map((c) => resultOf(c.secretId, answer));
}

/** Wait for a slot in the hourly window, unless that would take longer than the delivery may. */
async function rateSlot(o: GithubRevokerOptions): Promise<boolean> {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxWait = o.maxRateWaitMs ?? 60_000;
  let waited = 0;
  for (;;) {
    const delay = await o.rate.tryTake(now());
    if (delay <= 0) return true;
    if (waited + delay > maxWait) return false;
    await sleep(delay);
    waited += delay;
  }
}

function resultOf(secretId: string, answer: Answer): RevocationResult {
  const id = requestIdIn(answer);
  if (answer.kind === "answered" && answer.status >= 200 && answer.status < 300) return { secretId, outcome: "revoked", status: answer.status, attempts: answer.attempts, ...id };
  return { secretId, outcome: "failed", status: answer.status, attempts: answer.attempts, reason: reasonFor(answer), ...id };
}

function reasonFor(answer: Answer): string {
  if (answer.status === "rate-limited") return "GitHub's limit of 60 revocation requests an hour was reached";
  if (answer.status === "network") return `GitHub did not answer (${answer.attempts} attempts)`;
  if (answer.status === 422) return "GitHub refused the request (validation failed, or the endpoint has been spammed)";
  if (answer.status === 403) return "GitHub refused the request (forbidden)";
  if (typeof answer.status === "number" && answer.status >= 500) return `GitHub kept failing (HTTP ${answer.status} after ${answer.attempts} attempts)`;
  return `GitHub answered HTTP ${answer.status}`;
}

export function githubValidity(o: HttpDeps & { readonly baseUrl: string }): ValidityChecker {
  return {
    provider: "github",
    ruleIds: GITHUB_CHECKABLE,
    async check(credential) {
      const answer = await sendWithRetry((fetchImpl) => fetchImpl(joinUrl(o.baseUrl, "rate_limit"), { headers: { ...HEADERS, authorization: `token ${credential.reveal()}` } }), o);
      const state = answer.status === 200 ? "active" : answer.status === 401 ? "inactive" : "unknown";
      return { secretId: credential.secretId, state, status: answer.status, ...requestIdIn(answer) };
    },
  };
}
