/**
 * Every provider in one place: which rule ids each can revoke or check, and the revokers and
 * checkers built for a set of endpoints. A new provider is one file and one line per table.
 */
import { GITHUB_CHECKABLE, GITHUB_REVOCABLE, githubRevoker, githubValidity } from "./github.js";
import type { HttpDeps } from "./http.js";
import type { RuleTable } from "./policy.js";
import type { RateBudget } from "./rate.js";
import { SLACK_TOKENS, slackRevoker, slackValidity } from "./slack.js";
import type { Provider, Revoker, ValidityChecker } from "./types.js";

export const REVOCABLE: RuleTable = { github: GITHUB_REVOCABLE, slack: SLACK_TOKENS };
export const CHECKABLE: RuleTable = { github: GITHUB_CHECKABLE, slack: SLACK_TOKENS };

export interface Endpoints extends HttpDeps {
  /** The App's GitHub API base URL. */
  readonly githubBaseUrl: string;
  /** GitHub's 60-an-hour revocation limit, shared across deliveries. */
  readonly githubRate: RateBudget;
  /** Slack's Web API (default https://slack.com/api). */
  readonly slackBaseUrl?: string;
  readonly maxRateWaitMs?: number;
  readonly now?: () => number;
  /** The App's installation token, for GitHub Enterprise Server's revocation endpoint. */
  readonly appToken?: () => Promise<string | undefined>;
}

export function revokers(e: Endpoints): Readonly<Record<Provider, Revoker>> {
  return {
    github: githubRevoker({ ...e, baseUrl: e.githubBaseUrl, rate: e.githubRate }),
    slack: slackRevoker({ ...e, ...(e.slackBaseUrl ? { baseUrl: e.slackBaseUrl } : {}) }),
  };
}

export function checkers(e: Endpoints): Readonly<Record<Provider, ValidityChecker>> {
  return {
    github: githubValidity({ ...e, baseUrl: e.githubBaseUrl }),
    slack: slackValidity({ ...e, ...(e.slackBaseUrl ? { baseUrl: e.slackBaseUrl } : {}) }),
  };
}
