/**
 * Slack: a leaked user or bot token revokes itself (`auth.revoke`, the token as its own
 * bearer) and says whether it works (`auth.test`). One request per token, only to Slack's API.
 * Slack answers HTTP 200 with `{ ok: false, error }` for refusals; the error code is recorded.
 */
import type { LeakedCredential } from "./credential.js";
import { joinUrl, requestIdIn, sendWithRetry, type Answer, type HttpDeps } from "./http.js";
import type { ProviderStatus, RevocationResult, Revoker, ValidityChecker } from "./types.js";

export const SLACK_API = "https://slack.com/api";

/** User and bot tokens (rule ids from src/detect/rules/slack.ts): what auth.revoke revokes. */
export const SLACK_TOKENS: ReadonlySet<string> = new Set(["slack-bot-token", "slack-legacy-bot-token", "slack-user-token"]);

/** auth.test errors that mean the token no longer works. */
const DEAD = new Set(["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"]);

export interface SlackOptions extends HttpDeps {
  /** Slack's Web API (default https://slack.com/api). */
  readonly baseUrl?: string;
}

function call(o: SlackOptions, method: "auth.revoke" | "auth.test", credential: LeakedCredential): Promise<Answer> {
  return sendWithRetry(
    (fetchImpl) =>
      fetchImpl(joinUrl(o.baseUrl ?? SLACK_API, method), {
        method: "POST",
        headers: { authorization: `Bearer ${credential.reveal()}`, "content-type": "application/x-www-form-urlencoded", "user-agent": "keyward" },
        body: "",
      }),
    o,
  );
}

/** Slack's `error` is a short code from a fixed vocabulary; anything else is not recorded. */
function slackError(body: unknown): string | undefined {
  const error = (body as { error?: unknown } | undefined)?.error;
  return typeof error === "string" && /^[a-z_]{1,64}$/.test(error) ? error : undefined;
}

function okOf(answer: Answer): boolean {
  return answer.kind === "answered" && answer.status === 200 && (answer.body as { ok?: unknown } | undefined)?.ok === true;
}

function statusOf(answer: Answer): ProviderStatus {
  return answer.kind === "answered" && answer.status === 200 ? (slackError(answer.body) ?? 200) : answer.status;
}

function reasonFor(answer: Answer, status: ProviderStatus): string {
  if (answer.kind === "unsent") return `Slack did not answer (${answer.attempts} attempts)`;
  return answer.status === 200 ? `Slack refused: ${status}` : `Slack answered HTTP ${answer.status}`;
}

export function slackRevoker(o: SlackOptions = {}): Revoker {
  return {
    provider: "slack",
    ruleIds: SLACK_TOKENS,
    async revoke(credentials) {
      const out: RevocationResult[] = [];
      for (const c of credentials) {
        const answer = await call(o, "auth.revoke", c);
        const status = statusOf(answer);
        const id = requestIdIn(answer);
        out.push(
          okOf(answer)
            ? { secretId: c.secretId, outcome: "revoked", status, attempts: answer.attempts, ...id }
            : { secretId: c.secretId, outcome: "failed", status, attempts: answer.attempts, reason: reasonFor(answer, status), ...id },
        );
      }
      return out;
    },
  };
}

export function slackValidity(o: SlackOptions = {}): ValidityChecker {
  return {
    provider: "slack",
    ruleIds: SLACK_TOKENS,
    async check(credential) {
      const answer = await call(o, "auth.test", credential);
      const status = statusOf(answer);
      const state = okOf(answer) ? "active" : typeof status === "string" && DEAD.has(status) ? "inactive" : "unknown";
      return { secretId: credential.secretId, state, status, ...requestIdIn(answer) };
    },
  };
}
