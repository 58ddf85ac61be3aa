/**
 * The App's scheduled access reviews: for every installed repository, an issue for each
 * identity overdue for review or rotation (owners assigned), and expired exceptions reopened.
 * `/keyward reviewed` on a review issue records the review and closes it.
 */
import { detailsAs } from "../evidence/details.js";
import { ISSUE_LABEL, ownerMention } from "../report/issue.js";
import { code, plain, text } from "../report/markdown.js";
import { dueReviews, expireExceptions, recordReviewOpened, reviewsOnRecord, type DueReview } from "../reviews.js";
import { auditRepository } from "../workflows/run.js";
import { assignable } from "./github/owners.js";
import { findingIssues } from "./issues.js";
import { apiSource } from "./github/repo-files.js";
import { commentOnce, createOnce, NO_RETRY } from "./github/once.js";
import { withSecondaryRetry } from "./github/retry.js";
import { repoRef, type AppDeps, type Logger, type Octokit, type Services } from "./types.js";

/** The App's own authentication (Probot's `app` has this shape): as the App, or as one installation. */
export interface AppAuth {
  auth(installationId?: number): Promise<Octokit>;
  readonly log: Logger;
}

export function reviewMarker(name: string): string {
  return `<!-- keyward:review=${encodeURIComponent(name)} -->`;
}

export function reviewFromBody(body: string | null | undefined): string | undefined {
  const m = /<!-- keyward:review=([^ ]+) -->/.exec(body ?? "");
  return m ? decodeURIComponent(m[1]!) : undefined;
}

function reviewBody(d: DueReview): string {
  const i = d.identity;
  return [
    reviewMarker(i.secret),
    `## Access review: ${code(i.secret)}`,
    "",
    `This credential is due: ${text(d.reasons.join("; "), 1000)}.`,
    "",
    "| | |",
    "|---|---|",
    `| Owners | ${i.owners.map(ownerMention).join(", ")} (inventory) |`,
    ...(i.purpose ? [`| Purpose | ${text(i.purpose, 500)} |`] : []),
    "",
    "Owners: confirm it is still needed and scoped no wider than its purpose, rotate it if rotation is due, update `last_reviewed` / `last_rotated` in `.github/keyward.yml`, then comment `/keyward reviewed` (optionally with a note).",
  ].join("\n");
}

/** One repository's reviews. Returns how many review issues were opened and exceptions expired. */
export async function reviewRepository(s: Services): Promise<{ opened: number; expired: number }> {
  const now = s.deps.now();
  const audit = await auditRepository(apiSource(s.octokit, s.repo, s.repo.defaultBranch), { now });
  const due = dueReviews(audit.identities, now, await reviewsOnRecord(s.deps.store, s.repo.fullName));
  const { owner, repo } = s.repo;
  const open = await s.octokit.paginate(s.octokit.rest.issues.listForRepo, { owner, repo, labels: ISSUE_LABEL, state: "open", per_page: 100 });
  let opened = 0;
  for (const d of due) {
    if (open.some((i) => reviewFromBody(i.body) === d.identity.secret)) continue;
    const assignees = await assignable(s, d.identity.owners);
    await s.deps.pacer.wait(s.repo.installation);
    // Not blindly retried: after a lost answer, the open issues say whether it was opened.
    const data = await withSecondaryRetry(() =>
      createOnce({
        create: async () => (await s.octokit.rest.issues.create({ owner, repo, title: `Access review due: ${plain(d.identity.secret, 200)}`, body: reviewBody(d), labels: [ISSUE_LABEL, "access-review"], assignees, ...NO_RETRY })).data,
        find: async () => (await s.octokit.paginate(s.octokit.rest.issues.listForRepo, { owner, repo, labels: ISSUE_LABEL, state: "open", per_page: 100 })).find((i) => i.user?.type === "Bot" && reviewFromBody(i.body) === d.identity.secret),
      }),
    );
    await recordReviewOpened(s.deps.store, s.repo.fullName, d, now, "keyward", { issue: data.number });
    opened++;
  }
  const expired = await expireExceptions(s.deps.store, now, "keyward", s.repo.fullName);
  for (const r of expired) {
    const secretId = r.fingerprint.replace(/^secret:/, "");
    // The finding's issue as the store knows it (or, unrecorded, a bot's issue with its marker).
    const issue = (await findingIssues(s, [secretId])).get(secretId);
    if (!issue) continue;
    await s.deps.pacer.wait(s.repo.installation);
    await withSecondaryRetry(() => s.octokit.rest.issues.update({ owner, repo, issue_number: issue.number, state: "open" }));
    await commentOnce(s.octokit, s.repo, issue.number, `Reopened by Keyward: the exception ended on ${detailsAs(r, "exception-expired")?.expired ?? "its expiry day"}. Revoke or rotate the credential, or ask for a new exception.`);
  }
  return { opened, expired: expired.length };
}

/** Every installation, every repository: run from a timer inside the App. */
export async function scheduledReviews(app: AppAuth, deps: AppDeps): Promise<void> {
  const appOctokit = await app.auth();
  const installations = await appOctokit.paginate(appOctokit.rest.apps.listInstallations, { per_page: 100 });
  for (const inst of installations) {
    const octokit = await app.auth(inst.id);
    const repos = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
    for (const r of repos) {
      const s: Services = { octokit, repo: repoRef(r as never, { id: inst.id }), deps, log: app.log, deliveryId: `review:${deps.now().toISOString().slice(0, 10)}` };
      try {
        await reviewRepository(s);
      } catch (err) {
        app.log.warn({ repository: r.full_name, err: (err as Error).message }, "access review failed; the next run retries");
      }
    }
  }
}
