/** issues.closed and issue_comment.created: closes and `/keyward` commands on Keyward's issues. */
import type { Context } from "probot";
import { issueClosed, issueComment } from "../../remediate/issue-events.js";
import type { AppDeps } from "../../remediate/types.js";
import { servicesOf } from "../services.js";

export async function onIssueClosed(context: Context<"issues.closed">, deps: AppDeps): Promise<void> {
  await issueClosed(servicesOf(context, deps), context.payload.issue, context.payload.sender);
}

export async function onIssueComment(context: Context<"issue_comment.created">, deps: AppDeps): Promise<void> {
  await issueComment(servicesOf(context, deps), context.payload.issue, context.payload.comment, context.payload.sender);
}
