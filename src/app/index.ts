/**
 * The Probot application: each event wired to one handler, nothing else. Handlers receive the
 * dependencies (evidence store, clock, pacing) instead of reaching for globals.
 */
import type { ApplicationFunction, Context } from "probot";
import { onCheckRunRerequested, onPullRequest } from "./handlers/pull-request.js";
import { onPush } from "./handlers/push.js";
import { onIssueClosed, onIssueComment } from "./handlers/issues.js";
import { onInstallation } from "./handlers/installation.js";
import { scheduledReviews } from "../remediate/access-reviews.js";
import { scheduledInventory } from "../remediate/inventory-reviews.js";
import type { AppDeps } from "../remediate/types.js";
import { oncePerDelivery } from "../remediate/delivery-once.js";
import { payloadProblem } from "./payload-shape.js";

export function keywardApp(deps: AppDeps): ApplicationFunction {
  return (app) => {
    const guard =
      <C extends Context>(handler: (context: C, deps: AppDeps) => Promise<void>) =>
      async (context: C) => {
        // The server refuses these with 400 (webhook-guard.ts); a worker gets its jobs from the queue.
        const problem = payloadProblem(context.name, context.payload);
        if (problem) {
          context.log.warn({ delivery: context.id, event: context.name }, `ignoring malformed payload: ${problem}`);
          return;
        }
        // Probot's event octokit shares one write limiter (one write a second) across all
        // installations of a process; one authenticated per installation paces each on its own,
        // as GitHub's secondary limits do.
        const installationId = (context.payload as { installation?: { id?: unknown } }).installation?.id;
        if (typeof installationId === "number") context.octokit = (await app.auth(installationId)) as C["octokit"];
        try {
          const leaseMs = deps.deliveryLeaseMs;
          await oncePerDelivery({ ledger: deps.store.ledger, now: deps.now, log: context.log, ...(leaseMs !== undefined ? { leaseMs } : {}) }, { id: context.id, event: context.name }, () => handler(context, deps));
        } catch (err) {
          context.log.error({ delivery: context.id, event: context.name, err: (err as Error).message }, "delivery failed; a redelivery will finish it");
          throw err;
        }
      };
    app.on("push", guard(onPush));
    app.on(["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"], guard(onPullRequest));
    app.on("check_run.rerequested", guard(onCheckRunRerequested));
    app.on("issues.closed", guard(onIssueClosed));
    app.on("issue_comment.created", guard(onIssueComment));
    app.on(["installation.created", "installation_repositories.added"], guard(onInstallation));
    if (deps.reviewEveryMs) {
      const daily = async () => {
        await scheduledReviews(app, deps).catch((err: Error) => app.log.warn({ err: err.message }, "scheduled access reviews failed"));
        await scheduledInventory(app, deps).catch((err: Error) => app.log.warn({ err: err.message }, "scheduled inventory sweep failed"));
      };
      const timer = setInterval(() => void daily(), deps.reviewEveryMs);
      timer.unref();
    }
  };
}
