/**
 * What people do on Keyward's issues: a close is accepted only once the fix is verified
 * (otherwise the issue is reopened), and `/keyward` commands in comments, from owners and
 * maintainers only. Which finding an issue is about comes from the store (issue-map.ts), who
 * owns it and what role the commenter has from CODEOWNERS and GitHub at the time
 * (command-authority.ts) — never from the issue's text, which its author writes.
 */
import { evidence, typed, type Authority } from "../evidence/details.js";
import { recordReviewed } from "../reviews.js";
import { occurrencesIn, secretIdFromBody } from "../report/issue.js";
import { code, text } from "../report/markdown.js";
import { formatOwner } from "../ownership/types.js";
import { authorityOf, isOwner, MAINTAINER_ROLES, ownersNow, recordedPaths, repositoryRole, type FindingOwners } from "./command-authority.js";
import { parseCommand, type IssueCommand, type ParsedCommand } from "./commands.js";
import { inventoryReviewComment } from "./inventory-reviews.js";
import { recordEvent, secretFingerprint } from "./evidence.js";
import { commentOnce } from "./github/once.js";
import { subjectOf, type IssueSubject } from "./issue-map.js";
import type { Services } from "./types.js";
import { verifyFix, type Verdict } from "./verify-fix.js";

export interface IssueLike {
  readonly number: number;
  readonly node_id?: string;
  readonly html_url?: string;
  readonly body?: string | null;
  readonly state?: string;
  readonly user?: { readonly login: string } | null;
}

export interface Sender {
  readonly login: string;
  readonly id?: number;
  readonly type?: string;
}

export interface CommentLike {
  readonly body: string;
  readonly html_url?: string;
}

async function comment(s: Services, issue: number, body: string): Promise<void> {
  await s.deps.pacer.wait(s.repo.installation);
  await commentOnce(s.octokit, s.repo, issue, body);
}

const secretIdOf = (fingerprint: string) => fingerprint.replace(/^secret:/, "");

async function closeAsVerified(s: Services, issue: IssueLike, fp: string, actor: string, authority: Authority | undefined): Promise<string> {
  const state = await s.deps.store.stateOf(s.repo.fullName, fp);
  const verdict = await verifyFix(s, secretIdOf(fp), state, await pathsToCheck(s, fp, issue));
  if (!verdict.ok) return `Not verified yet — still missing:\n${verdict.missing.map((m) => `- ${m}`).join("\n")}`;
  if (issue.state !== "closed") {
    await s.octokit.rest.issues.update({ owner: s.repo.owner, repo: s.repo.repo, issue_number: issue.number, state: "closed", state_reason: verdict.reason === "false-positive" ? "not_planned" : "completed" });
  }
  await recordVerifiedClose(s, fp, issue.number, verdict, actor, authority);
  return `Verified: ${verdict.reason === "rotated-and-removed" ? `the credential was attested as rotated or revoked, and it is gone from ${code(s.repo.defaultBranch)}` : verdict.reason.replace(/-/g, " ")}.`;
}

/**
 * Where to look for the secret at the default branch: every file the store recorded it in. The
 * issue's occurrence list (the App's own issue, after subjectOf) can only add places to look:
 * editing an occurrence out of the body does not make a present secret look gone.
 */
async function pathsToCheck(s: Services, fp: string, issue: IssueLike): Promise<string[]> {
  return [...new Set([...(await recordedPaths(s, fp)), ...occurrencesIn(issue.body ?? "").map((o) => o.path)])];
}

/** The records of an accepted close: the verified fix (when one was needed), then the close. */
async function recordVerifiedClose(s: Services, fp: string, issue: number, verdict: Extract<Verdict, { ok: true }>, actor: string, authority: Authority | undefined): Promise<void> {
  const reason = verdict.reason;
  const who = { issue, by: actor, ...(authority ? { authority } : {}) };
  // Which commit was checked, and which files: what an auditor replays the check against.
  const checked = verdict.checked ? { headSha: verdict.checked.headSha, paths: [...verdict.checked.paths] } : {};
  if (reason === "rotated-and-removed") await recordEvent(s, fp, evidence("fix-verified", { ...who, branch: s.repo.defaultBranch, ...checked }));
  // An excepted finding stays "exception" (so its expiry can reopen it) even with the issue closed.
  if (reason !== "exception") await recordEvent(s, fp, evidence("closed", { ...who, verdict: reason }), actor);
}

/**
 * An issue was closed: accepted when the fix is verified, else reopened with what is missing.
 * Only the issue the store maps to a finding counts: closing any other issue that carries a
 * finding's marker changes nothing about the finding.
 */
export async function issueClosed(s: Services, issue: IssueLike, sender: Sender | null | undefined): Promise<void> {
  const subject = await subjectOf(s, issue);
  if (!subject.ok) {
    if (secretIdFromBody(issue.body)) s.log.info({ issue: issue.number, reason: subject.reason }, "closed issue carries a Keyward marker but is not Keyward's: ignored");
    return;
  }
  const fp = subject.issue.fingerprint;
  const state = await s.deps.store.stateOf(s.repo.fullName, fp);
  if (state === "closed") return; // closed by Keyward itself after verifying
  const verdict = await verifyFix(s, secretIdOf(fp), state, await pathsToCheck(s, fp, issue));
  if (verdict.ok) {
    const login = sender?.login ?? "unknown";
    const authority = sender ? authorityOf(sender, await repositoryRole(s, sender.login), issue.html_url ?? subject.issue.url ?? "") : undefined;
    return recordVerifiedClose(s, fp, issue.number, verdict, login, authority);
  }
  await s.octokit.rest.issues.update({ owner: s.repo.owner, repo: s.repo.repo, issue_number: issue.number, state: "open" });
  await comment(s, issue.number, `Reopened by Keyward: the fix is not verified yet. Still missing:\n${verdict.missing.map((m) => `- ${m}`).join("\n")}`);
  await recordEvent(s, fp, evidence("reopened", { issue: issue.number, reason: "closed without a verified fix", missing: [...verdict.missing], ...(verdict.checked ? { headSha: verdict.checked.headSha, paths: [...verdict.checked.paths] } : {}) }));
}

/** The identity whose access review the store says this issue is, if any. */
async function reviewSubject(s: Services, issue: IssueLike): Promise<{ identity: string; owners: string[] } | undefined> {
  for (const r of (await s.deps.store.records({ repository: s.repo.fullName })).reverse()) {
    if (r.event !== "review-opened" || !r.fingerprint.startsWith("identity:")) continue;
    const t = typed(r);
    if (t.ok && t.event === "review-opened" && t.details.issue === issue.number) {
      const owners = (t.details.owners ?? []).map((o) => (typeof o === "string" ? o : `@${o.login}`));
      return { identity: r.fingerprint.slice("identity:".length), owners };
    }
  }
  return undefined;
}

/** A comment on an issue: a `/keyward` command on a Keyward issue is run, or politely refused. */
export async function issueComment(s: Services, issue: IssueLike, c: CommentLike, sender: Sender): Promise<void> {
  if (sender.type === "Bot") return;
  if (await inventoryReviewComment(s, issue, c.body, sender.login, async (login) => MAINTAINER_ROLES.has(await repositoryRole(s, login)))) return;
  const parsed = parseCommand(c.body);
  if (!parsed) return;
  const review = await reviewSubject(s, issue);
  if (review) return onReviewComment(s, issue, review, parsed, sender.login);
  const subject = await subjectOf(s, issue);
  if (!subject.ok) return refuseForeignIssue(s, issue, c, sender, parsed, subject);
  const fp = subject.issue.fingerprint;
  if (!parsed.ok) return comment(s, issue.number, `@${sender.login} ${parsed.error}`);
  const login = sender.login;
  const owners = await ownersNow(s, fp);
  const owner = isOwner(owners, login);
  const role = await repositoryRole(s, login);
  const url = c.html_url ?? issue.html_url ?? subject.issue.url ?? "";
  if (!owner && !MAINTAINER_ROLES.has(role)) {
    await recordEvent(
      s,
      fp,
      evidence("command-refused", {
        onIssue: issue.number,
        command: parsed.command.kind,
        reason: "not-authorised",
        explanation: `${login} is not an owner of the finding and has the role '${role}'`,
        ...withAuthority(sender, role, url),
      }),
      login,
    );
    // Named in code spans: a refusal anyone can provoke must not ping the owners every time.
    const named = owners.owners.map((o) => code(formatOwner(o)));
    return comment(s, issue.number, `Sorry @${login}, only this secret's owners (${named.join(", ") || "none recorded"}) or the repository's maintainers can run Keyward commands here.`);
  }
  await runCommand(s, issue, fp, parsed.command, login, { owner, owners, authority: authorityOf(sender, owner ? "owner" : role, url) });
}

function withAuthority(sender: Sender, role: string, url: string): { requestedBy?: Authority } {
  const a = authorityOf(sender, role, url);
  return a ? { requestedBy: a } : {};
}

/**
 * A command on an issue the store does not map to a finding (someone's own issue carrying a
 * copied marker, or any other issue): refused in a comment that pings nobody, and recorded —
 * against the finding the marker names when the store knows it, so its trail shows the attempt.
 */
async function refuseForeignIssue(s: Services, issue: IssueLike, c: CommentLike, sender: Sender, parsed: ParsedCommand, subject: Extract<IssueSubject, { ok: false }>): Promise<void> {
  const claimed = secretIdFromBody(issue.body);
  const known = claimed !== undefined && (await s.deps.store.stateOf(s.repo.fullName, secretFingerprint(claimed))) !== undefined;
  const fp = known ? secretFingerprint(claimed) : `issue:${issue.number}`;
  const command = parsed.ok ? parsed.command.kind : "unknown";
  await recordEvent(s, fp, evidence("command-refused", { onIssue: issue.number, command, reason: subject.reason, explanation: subject.explanation, ...withAuthority(sender, "unchecked", c.html_url ?? issue.html_url ?? "") }), sender.login);
  await comment(
    s,
    issue.number,
    `Keyward takes commands only on the issues it opened itself, and ${text(subject.explanation, 200)}, so nothing was recorded. To act on a finding, comment on the issue Keyward opened for it.`,
  );
}

/** `/keyward reviewed` on an access-review issue, from its owners (as the review's record names them) or a maintainer. */
async function onReviewComment(s: Services, issue: IssueLike, review: { identity: string; owners: string[] }, parsed: ParsedCommand, login: string): Promise<void> {
  const { identity, owners } = review;
  if (!parsed.ok || parsed.command.kind !== "reviewed") return comment(s, issue.number, `@${login} on an access review, comment \`/keyward reviewed\` once the owners have confirmed the credential is still needed and scoped.`);
  const logins = owners.filter((o) => /^@[A-Za-z0-9][A-Za-z0-9_-]*$/.test(o)).map((o) => o.slice(1).toLowerCase());
  if (!logins.includes(login.toLowerCase()) && !MAINTAINER_ROLES.has(await repositoryRole(s, login)))
    return comment(s, issue.number, `Sorry @${login}, only this identity's owners (${owners.map((o) => code(o)).join(", ") || "none recorded"}) or the repository's maintainers can record its review.`);
  await recordReviewed(s.deps.store, s.repo.fullName, identity, login, undefined, s.deliveryId);
  await comment(s, issue.number, `Review of ${code(identity)} recorded by @${login}. Remember to update \`last_reviewed\` in \`.github/keyward.yml\`.`);
  await s.octokit.rest.issues.update({ owner: s.repo.owner, repo: s.repo.repo, issue_number: issue.number, state: "closed", state_reason: "completed" });
}

async function runCommand(s: Services, issue: IssueLike, fp: string, command: IssueCommand, login: string, who: { owner: boolean; owners: FindingOwners; authority: Authority | undefined }): Promise<void> {
  const base = { issue: issue.number, by: login, ...(who.authority ? { authority: who.authority } : {}) };
  const refused = (problem: string) => comment(s, issue.number, `@${login} Keyward could not record that: ${text(problem, 500)}.`);
  switch (command.kind) {
    case "rotated":
    case "revoked": {
      const r = await recordEvent(s, fp, evidence(command.kind, { ...base, attestedBy: login }), login);
      if (!r.ok) return refused(r.problem);
      return comment(s, issue.number, `Recorded: @${login} attests that the credential was ${command.kind}. Remove it from the code; closing this issue (or \`/keyward verify\`) checks the fix.`);
    }
    case "false-positive": {
      const r = await recordEvent(s, fp, evidence("false-positive", { ...base, reason: command.reason }), login);
      if (!r.ok) return refused(r.problem);
      await comment(s, issue.number, `Recorded as a false positive by @${login}: ${text(command.reason, 1000)}`);
      await closeAsVerified(s, issue, fp, login, who.authority);
      return;
    }
    case "exception": {
      if (who.owner) return comment(s, issue.number, `@${login}, an exception must be approved by someone other than the secret's owner: ask a maintainer to comment \`/keyward exception ${command.until} <reason>\`.`);
      const r = await recordEvent(s, fp, evidence("exception-granted", { ...base, approver: login, reason: command.reason, expires: command.until, owner: who.owners.owners.map(formatOwner).join(", ") }), login);
      if (!r.ok) return refused(r.problem);
      return comment(s, issue.number, `Exception granted by @${login} until ${command.until}: ${text(command.reason, 1000)}. Keyward reopens this finding when it expires.`);
    }
    case "verify":
      return comment(s, issue.number, await closeAsVerified(s, issue, fp, login, who.authority));
    case "reviewed":
      await recordEvent(s, fp, evidence("reviewed", { ...base }), login);
      return comment(s, issue.number, `Review recorded by @${login}.`);
  }
}
