/**
 * The one door to GitHub for the inventory: an Octokit passed in (Probot's, with pagination,
 * retries and throttling), and what a refusal means. A feature whose permission was not
 * granted is skipped with a note, never an error.
 */
import type { ProbotOctokit } from "probot";

export type GitHub = ProbotOctokit;

export interface RequestFailure {
  readonly status: number;
  readonly message: string;
}

/**
 * 403 ("Resource not accessible by integration" for an App or an Actions token without the
 * permission; "Must have admin rights" for a token of a non-admin) and 404 (what GitHub answers
 * a token that may not see the resource at all) mean "not visible to this token", not failure.
 */
export function refusal(err: unknown): RequestFailure | undefined {
  const status = (err as { status?: unknown }).status;
  if (status !== 403 && status !== 404) return undefined;
  const data = (err as { response?: { data?: { message?: unknown } } }).response?.data;
  const message = typeof data?.message === "string" ? data.message : status === 403 ? "Forbidden" : "Not Found";
  return { status, message: message.slice(0, 200) };
}

/** The web address for settings links, from the API's: github.com, or a GitHub Enterprise Server. */
export function serverUrlOf(apiUrl: string, explicit?: string): string {
  if (explicit) return explicit.replace(/\/+$/, "");
  const u = new URL(apiUrl);
  if (u.hostname === "api.github.com") return "https://github.com";
  if (u.hostname.startsWith("api.")) return `${u.protocol}//${u.host.slice(4)}`;
  return `${u.protocol}//${u.host}`;
}
