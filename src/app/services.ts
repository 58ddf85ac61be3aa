/** A Probot delivery as the use cases see it: the repository, the API, the dependencies, the delivery id. */
import type { Context } from "probot";
import { repoRef, type AppDeps, type Services } from "../remediate/types.js";

type WithRepository = Context<"push" | "pull_request" | "check_run" | "issues" | "issue_comment">;

export function servicesOf(context: WithRepository, deps: AppDeps): Services {
  const p = context.payload as unknown as { repository: never; installation?: { id: number } };
  return { octokit: context.octokit, repo: repoRef(p.repository as never, p.installation), deps, log: context.log, deliveryId: context.id };
}
