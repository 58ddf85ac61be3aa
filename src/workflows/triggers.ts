/** Who can start a workflow, and whether that run holds the repository's secrets. */
import type { Workflow } from "./model.js";

/** Run in the base repository's context, with secrets, on events a fork can cause. */
export const FORK_PRIVILEGED = new Set(["pull_request_target", "workflow_run"]);
/** Any GitHub user can cause these (comment, open an issue, star), and the run has secrets. */
export const ANYONE_PRIVILEGED = new Set(["issue_comment", "issues", "discussion", "discussion_comment", "fork", "watch", "pull_request_target", "workflow_run"]);

export interface Reach {
  readonly events: readonly string[];
  /** A pull request from a fork can start a run that has the secrets. */
  readonly fork: boolean;
  /** Someone without write access can start a run that has the secrets. */
  readonly outside: boolean;
}

export function reachOf(wf: Workflow): Reach {
  const events = wf.triggers.map((t) => t.event);
  return { events, fork: events.some((e) => FORK_PRIVILEGED.has(e)), outside: events.some((e) => ANYONE_PRIVILEGED.has(e)) };
}
