/**
 * What people do on Keyward's issues: a close is accepted only once the fix is verified
 * (otherwise the issue is reopened), and `/keyward` commands in comments, from owners and
 * maintainers only.
 */
import { secretIdFromBody } from "../report/issue.js";
import { code, text } from "../report/markdown.js";
import { recordReviewed } from "../reviews.js";
import { reviewFromBody } from "./access-reviews.js";
import { parseCommand, type IssueCommand } from "./commands.js";
import { inventoryReviewComment } from "./inventory-reviews.js";
import { evidence } from "../evidence/details.js";
import { recordEvent, secretFingerprint } from "./evidence.js";
import { commentOnce } from "./github/once.js";
import type { Services } from "./types.js";
import { verifyFix, type Verdict } from "./verify-fix.js";

export interface IssueLike {
  readonly number: number;
  readonly body?: string | null;
  readonly state?: string;
  readonly assignees?: ReadonlyArray<{ login: string } | null> | null;
}

export interface Sender {
  readonly login: string;
  readonly type?: string;
}

async function comment(s: Services, issue: number, body: string): Promise<void> {
  await s.deps.pacer.wait(s.repo.installation);
  await commentOnce(s.octokit, s.repo, issue, body);
}

async function closeAsVerified(s: Services, issue: IssueLike, secretId: string, actor: string): Promise<string> {
  const fp = secretFingerprint(secretId);
  const state = await s.deps.store.stateOf(s.repo.fullName, fp);
  const verdict = await verifyFix(s, secretId, state, issue.body ?? "");
  if (!verdict.ok) return `Not verified yet — still missing:\n${verdict.missing.map((m) => `- ${m}`).join("\n")}`;
  if (issue.state !== "closed") {
    await s.octokit.rest.issues.update({ owner: s.repo.owner, repo: s.repo.repo, issue_number: issue.number, state: "closed", state_reason: verdict.reason === "false-positive" ? "not_planned" : "completed" });
  }
  await recordVerifiedClose(s, fp, issue.number, verdict, actor);
  return `Verified: ${verdict.reason === "rotated-and-removed" ? `the credential was attested as rotated or revoked, and it is gone from ${code(s.repo.defaultBranch)}` : verdict.reason.replace(/-/g, " ")}.`;
}

/** The records of an accepted close: the verified fix (when one was needed), then the close. */
async function recordVerifiedClose(s: Services, fp: string, issue: number, verdict: Extract<Verdict, { ok: true }>, actor: string): Promise<void> {
  const reason = verdict.reason;
  // Which commit was checked, and which files: what an auditor replays the check against.
  const checked = verdict.checked ? { headSha: verdict.checked.headSha, paths: [...verdict.checked.paths] } : {};
  if (reason === "rotated-and-removed") await recordEvent(s, fp, evidence("fix-verified", { issue, by: actor, branch: s.repo.defaultBranch, ...checked }));
  // An excepted finding stays "exception" (so its expiry can reopen it) even with the issue closed.
  if (reason !== "exception") await recordEvent(s, fp, evidence("closed", { issue, by: actor, verdict: reason }), actor);
}

/** An issue was closed: accepted when the fix is verified, else reopened with what is missing. */
export async function issueClosed(s: Services, issue: IssueLike, sender: Sender | null | undefined): Promise<void> {
  const secretId = secretIdFromBody(issue.body);
  if (!secretId) return;
  const fp = secretFingerprint(secretId);
  const state = await s.deps.store.stateOf(s.repo.fullName, fp);
  if (state === "closed") return; // closed by Keyward itself after verifying
  const verdict = await verifyFix(s, secretId, state, issue.body ?? "");
  if (verdict.ok) return recordVerifiedClose(s, fp, issue.number, verdict, sender?.login ?? "unknown");
  await s.octokit.rest.issues.update({ owner: s.repo.owner, repo: s.repo.repo, issue_number: issue.number, state: "open" });
  await comment(s, issue.number, `Reopened by Keyward: the fix is not verified yet. Still missing:\n${verdict.missing.map((m) => `- ${m}`).join("\n")}`);
  await recordEvent(s, fp, evidence("reopened", { issue: issue.number, reason: "closed without a verified fix", missing: [...verdict.missing], ...(verdict.checked ? { headSha: verdict.checked.headSha, paths: [...verdict.checked.paths] } : {}) }));
}

/** Owners named in the issue (assignees and @mentions in its owners row). */
function ownersOf(issue: IssueLike): string[] {
  const fromRow = /\| Owners \| ([^\n]*)\|/.exec(issue.body ?? "")?.[1] ?? "";
  const mentioned = [...fromRow.matchAll(/@([A-Za-z0-9][A-Za-z0-9_-]*)(?![/\w-])/g)].map((m) => m[1]!.toLowerCase());
  return [...new Set([...(issue.assignees ?? []).flatMap((a) => (a ? [a.login.toLowerCase()] : [])), ...mentioned])];
}

async function isMaintainer(s: Services, login: string): Promise<boolean> {
  try {
    const { data } = await s.octokit.rest.repos.getCollaboratorPermissionLevel({ owner: s.repo.owner, repo: s.repo.repo, username: login });
    const role = (data as { role_name?: string }).role_name ?? data.permission;
    return role === "admin" || role === "maintain";
  } catch (err) {
    if ((err as { status?: number }).status === 404) return false;
    throw err;
  }
}

/** A comment on an issue: a `/keyward` command on a Keyward issue is run, or politely refused. */
export async function issueComment(s: Services, issue: IssueLike, c: { readonly body: string }, sender: Sender): Promise<void> {
  if (sender.type === "Bot") return;
  const secretId = secretIdFromBody(issue.body);
  const review = reviewFromBody(issue.body);
  if (!secretId && !review && (await inventoryReviewComment(s, issue, c.body, sender.login, (login) => isMaintainer(s, login)))) return;
  const parsed = parseCommand(c.body);
  if (!parsed || (!secretId && !review)) return;
  if (!secretId) return review ? onReviewComment(s, issue, review, parsed, sender.login) : undefined;
  if (!parsed.ok) return comment(s, issue.number, `@${sender.login} ${parsed.error}`);
  const login = sender.login;
  const owners = ownersOf(issue);
  const owner = owners.includes(login.toLowerCase());
  const maintainer = await isMaintainer(s, login);
  if (!owner && !maintainer)
    return comment(s, issue.number, `Sorry @${login}, only this secret's owners (${owners.map((o) => `@${o}`).join(", ") || "none recorded"}) or the repository's maintainers can run Keyward commands here.`);
  await runCommand(s, issue, secretId, parsed.command, login, { owner, owners });
}

/** `/keyward reviewed` on an access-review issue, from its owners or a maintainer. */
async function onReviewComment(s: Services, issue: IssueLike, identity: string, parsed: NonNullable<ReturnType<typeof parseCommand>>, login: string): Promise<void> {
  if (!parsed.ok || parsed.command.kind !== "reviewed") return comment(s, issue.number, `@${login} on an access review, comment \`/keyward reviewed\` once the owners have confirmed the credential is still needed and scoped.`);
  const owners = ownersOf(issue);
  if (!owners.includes(login.toLowerCase()) && !(await isMaintainer(s, login)))
    return comment(s, issue.number, `Sorry @${login}, only this identity's owners (${owners.map((o) => `@${o}`).join(", ") || "none recorded"}) or the repository's maintainers can record its review.`);
  await recordReviewed(s.deps.store, s.repo.fullName, identity, login, undefined, s.deliveryId);
  await comment(s, issue.number, `Review of ${code(identity)} recorded by @${login}. Remember to update \`last_reviewed\` in \`.github/keyward.yml\`.`);
  await s.octokit.rest.issues.update({ owner: s.repo.owner, repo: s.repo.repo, issue_number: issue.number, state: "closed", state_reason: "completed" });
}

async function runCommand(s: Services, issue: IssueLike, secretId: string, command: IssueCommand, login: string, who: { owner: boolean; owners: string[] }): Promise<void> {
  const fp = secretFingerprint(secretId);
  const base = { issue: issue.number, by: login };
  switch (command.kind) {
    case "rotated":
    case "revoked":
      await recordEvent(s, fp, evidence(command.kind, { ...base, attestedBy: login }), login);
      return comment(s, issue.number, `Recorded: @${login} attests that the credential was ${command.kind}. Remove it from the code; closing this issue (or \`/keyward verify\`) checks the fix.`);
    case "false-positive":
      await recordEvent(s, fp, evidence("false-positive", { ...base, reason: command.reason }), login);
      await comment(s, issue.number, `Recorded as a false positive by @${login}: ${text(command.reason, 1000)}`);
      await closeAsVerified(s, issue, secretId, login);
      return;
    case "exception":
      if (who.owner) return comment(s, issue.number, `@${login}, an exception must be approved by someone other than the secret's owner: ask a maintainer to comment \`/keyward exception ${command.until} <reason>\`.`);
      await recordEvent(s, fp, evidence("exception-granted", { ...base, approver: login, reason: command.reason, expires: command.until, owner: who.owners.join(", ") }), login);
      return comment(s, issue.number, `Exception granted by @${login} until ${command.until}: ${text(command.reason, 1000)}. Keyward reopens this finding when it expires.`);
    case "verify":
      return comment(s, issue.number, await closeAsVerified(s, issue, secretId, login));
    case "reviewed":
      await recordEvent(s, fp, evidence("reviewed", { ...base }), login);
      return comment(s, issue.number, `Review recorded by @${login}.`);
  }
}

