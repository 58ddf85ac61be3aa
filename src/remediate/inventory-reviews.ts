/**
 * The App's inventory sweep, after installation and daily: what GitHub holds for the
 * installation's organisation, judged (src/inventory/), reconciled with access-review issues —
 * one per finding, in the repository it is about (organisation-wide ones in the organisation's
 * `.github` repository), assigned to the identity's owners or, for unowned ones, the governance
 * owners configured there (`inventory.governance`). A review closes on `/keyward reviewed` from an
 * owner or a maintainer, or when a later sweep no longer sees the finding.
 *
 * Every step is an evidence record (`review-opened`, `reviewed`), so the evidence report's
 * review and unowned sections come from what GitHub holds. Authority never comes from issue text:
 * which finding an issue is about, and who owns it, are read back from the store; whether
 * someone maintains the repository, from GitHub.
 */
import { CONFIG_PATH } from "../config.js";
import { evidence, evidenceInput, typed, type DetailsOf, type ReviewOpenedDetails } from "../evidence/details.js";
import type { EvidenceRecord } from "../evidence/types.js";
import { collectOrgFacts, collectRepository, mapLimit, repositoryInput, sweptRepositories } from "../inventory/collect.js";
import { useConditionalRequests, type InstallationCache } from "../inventory/conditional.js";
import { serverUrlOf } from "../inventory/github.js";
import { digestRepository, ORGANISATION_KINDS, type IdentityKind, type OrgIdentity } from "../inventory/join.js";
import type { InventoryFinding, Policy } from "../inventory/rule.js";
import { judgeOrganisation, judgeRepository, ORG_AUDITS } from "../inventory/sweep.js";
import type { OrgFacts, RepositoryDigest, RepositoryInput, RepositoryMeta } from "../inventory/types.js";
import { formatOwner, parseOwner, type Owner } from "../ownership/types.js";
import { ISSUE_LABEL, ownerMention } from "../report/issue.js";
import { code, link, plain, text } from "../report/markdown.js";
import { parseCommand } from "./commands.js";
import { HEARTBEAT_FINGERPRINT, recordObservation } from "./finding-evidence.js";
import { recordEvent } from "./evidence.js";
import { rulesVersion, version } from "../provenance.js";
import { assignable } from "./github/owners.js";
import { commentOnce, createOnce, NO_RETRY } from "./github/once.js";
import { withSecondaryRetry } from "./github/retry.js";
import type { AppAuth } from "./access-reviews.js";
import { fencedDeps } from "./locks.js";
import type { AppDeps, Logger, Octokit, RepoRef, Services } from "./types.js";

export const INVENTORY_LABEL = "access-review";
const MARKER = /<!-- keyward:inventory=([A-Za-z0-9:_-]{1,120}) -->/;
/** What a review accepted before the policy's `review_holds` was recorded with it. */
const DEFAULT_HOLDS_DAYS = 90;

const fingerprintOf = (f: InventoryFinding) => `inventory:${f.fingerprint}`;

export interface SweepOutcome {
  readonly organization: string;
  readonly findings: number;
  readonly opened: number;
  readonly resolved: number;
  readonly skipped: number;
}

export interface InstallationRef {
  readonly id: number;
  readonly account: string;
}

/** What every step of one installation's sweep shares. */
export interface SweepContext {
  readonly octokit: Octokit;
  readonly deps: AppDeps;
  readonly installation: InstallationRef;
  readonly log: Logger;
  readonly deliveryId: string;
}

/**
 * Conditional requests for this octokit, through the installation's cache (one per
 * installation, never per token: the token is new every hour, what it may see is not).
 */
export async function withInventoryCache(octokit: Octokit, deps: AppDeps, installation: number): Promise<InstallationCache> {
  const apiUrl = apiUrlOf(octokit);
  const cache = await deps.responseCaches(installation, apiUrl);
  useConditionalRequests(octokit, cache);
  return cache;
}

const apiUrlOf = (octokit: Octokit) => String((octokit.request.endpoint.DEFAULTS as { baseUrl?: string }).baseUrl ?? "https://api.github.com");

/** Step 1: what the organisation holds beyond its repositories, and its org-wide policy. */
export async function collectInstallation(c: SweepContext): Promise<OrgFacts> {
  const facts = await collectOrgFacts(c.octokit, { org: c.installation.account, serverUrl: serverUrlOf(apiUrlOf(c.octokit)), now: c.deps.now(), repositories: "installation" });
  if (facts.policyErrors.length)
    c.log.warn({ installation: c.installation.id, errors: facts.policyErrors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`) }, "invalid organisation configuration: the inventory sweep uses the default policy");
  return facts;
}

/** Step 2, one per repository (one queue job each): collect it, judge its own identities, reconcile its reviews. */
export async function sweepRepository(c: SweepContext, input: RepositoryInput): Promise<{ digest: RepositoryDigest; outcome: Omit<SweepOutcome, "organization"> }> {
  const now = c.deps.now();
  const { collected, skipped } = await collectRepository(c.octokit, input, { now, audits: ORG_AUDITS });
  const judged = judgeRepository(collected, input, now);
  const outcome = await reconcile(c, { kind: "repository", home: input.repo, complete: skipped.length === 0, policy: input.policy, governance: input.governance }, judged);
  return { digest: digestRepository(collected, skipped), outcome: { findings: judged.findings.length, ...outcome } };
}

/**
 * Step 3, once every repository is done: the organisation's own identities (its secrets,
 * tokens and Apps), judged with every repository's digest. `complete` is false when a
 * repository could not be swept: then no review is closed on the strength of this sweep.
 */
export async function sweepOrganisation(c: SweepContext, facts: OrgFacts, digests: readonly RepositoryDigest[], complete: boolean): Promise<SweepOutcome> {
  const judged = judgeOrganisation(facts, digests, c.deps.now());
  const home = facts.allRepositories.find((r) => r.name.toLowerCase() === ".github");
  const everything = complete && !facts.partial && facts.skipped.length === 0 && digests.every((d) => d.skipped.length === 0);
  const outcome = home
    ? await reconcile(c, { kind: "organization", home, complete: everything, policy: facts.policy, governance: facts.governance }, judged)
    : { opened: 0, resolved: 0, skipped: judged.findings.length };
  return { organization: facts.org, findings: judged.findings.length, ...outcome };
}

/** One installation's whole sweep in this process: the same three steps queue mode spreads over jobs. */
export async function sweepInstallation(octokit: Octokit, deps: AppDeps, installation: InstallationRef, log: Logger, deliveryId: string): Promise<SweepOutcome> {
  const cache = await withInventoryCache(octokit, deps, installation.id);
  const c: SweepContext = { octokit, deps, installation, log, deliveryId };
  try {
    const facts = await collectInstallation(c);
    const repos = await mapLimit(sweptRepositories(facts), 4, (repo) => sweepRepository(c, repositoryInput(facts, repo)));
    const org = await sweepOrganisation(c, facts, repos.map((r) => r.digest), true);
    const sum = (k: "findings" | "opened" | "resolved" | "skipped") => org[k] + repos.reduce((n, r) => n + r.outcome[k], 0);
    return { organization: facts.org, findings: sum("findings"), opened: sum("opened"), resolved: sum("resolved"), skipped: sum("skipped") };
  } finally {
    await cache.save?.();
  }
}

/**
 * The reviews of one scope: a repository's own findings, in it; or the organisation's, in its
 * `.github` repository. Which scope an earlier review belongs to is read from its record (the
 * kind of identity it is about), so the two never close each other's reviews.
 */
interface Scope {
  readonly kind: "repository" | "organization";
  /** The repository its review issues live in. */
  readonly home: RepositoryMeta;
  /** Everything this scope's judgement rests on was collected: only then is a missing finding a fix. */
  readonly complete: boolean;
  readonly policy: Policy;
  readonly governance: readonly string[];
}

const scopeOf = (details: ReviewOpenedDetails): Scope["kind"] => (ORGANISATION_KINDS.has(details.identityKind as IdentityKind) ? "organization" : "repository");

async function reconcile(c: SweepContext, scope: Scope, judged: { identities: readonly OrgIdentity[]; findings: readonly InventoryFinding[] }): Promise<{ opened: number; resolved: number; skipped: number }> {
  const { deps, installation, deliveryId } = c;
  const now = deps.now();
  const today = now.toISOString().slice(0, 10);
  const r = scope.home;
  const repo: RepoRef = { owner: installation.account, repo: r.name, fullName: r.fullName, installation: installation.id, defaultBranch: r.defaultBranch, htmlUrl: r.htmlUrl, cloneUrl: `${r.htmlUrl}.git`, isPrivate: r.visibility !== "public" };
  const s: Services = { octokit: c.octokit, repo, deps, log: c.log, deliveryId };
  const governance = scope.governance.flatMap((o) => parseOwner(o, "inventory") ?? []);
  const holds = scope.policy.reviewHoldsDays;

  // A stalled job run again while the first is still going must not open the same issue twice.
  return deps.locks.withLock(`inventory:${scope.kind}:${r.fullName}`, async (fence) => {
    // Each write waits on the pacer, which checks the fence just before it.
    const paced = fencedDeps(deps, fence).pacer;
    let opened = 0;
    let listed: Promise<Map<string, number>> | undefined;
    const mine = judged.findings.filter((f) => (f.repository ?? `${installation.account}/.github`).toLowerCase() === r.fullName.toLowerCase());
    const skipped = judged.findings.length - mine.length;
    const seen = new Set(mine.map(fingerprintOf));
    // Each finding's own lifecycle first: detected, reopened when it is back, resolved when a
    // complete sweep of this scope no longer sees it.
    await recordObservation(s, {
      seen: new Map(mine.map((f) => [fingerprintOf(f), inventoryDetails(f, judged.identities)])),
      complete: scope.complete,
      prefix: "inventory:",
      owns: (details) => scopeOf(details) === scope.kind,
      context: { sweep: today },
    });
    for (const f of mine) {
      const fingerprint = fingerprintOf(f);
      const state = await reviewState(deps, r.fullName, fingerprint);
      if (state?.open) continue;
      // An unreadable last review accepted nothing: the finding is reviewed again.
      const last = state ? typed(state.last) : undefined;
      const until = last?.ok && last.event === "reviewed" ? (last.details.until ?? "") : "";
      if (state && until && until > today) continue; // accepted by a review
      // An earlier attempt may have opened the issue and died before recording it: adopt that one.
      listed ??= ownOpenReviews(s);
      const earlier = (await listed).get(fingerprint);
      const identity = judged.identities.find((i) => i.id === f.identityId);
      const unowned = !identity || identity.ownerSource === "none";
      const owners = unowned ? governance : identity.owners;
      const source = unowned ? `governance, from ${installation.account}/.github ${CONFIG_PATH}` : identity.ownerSource === "inventory" ? `inventory: ${identity.ownerEntry}` : "GitHub";
      const assignees = await assignable(s, owners);
      if (!earlier) await paced.wait(installation.id);
      const { data } = earlier
        ? { data: { number: earlier } }
        : {
            // Not blindly retried: after a lost answer, the App's open reviews say whether it was opened.
            data: await withSecondaryRetry(() =>
              createOnce({
                create: async () =>
                  (
                    await s.octokit.rest.issues.create({
                      owner: repo.owner,
                      repo: repo.repo,
                      title: `Access review: ${plain(f.ruleId, 100)}${f.identity ? ` — ${plain(f.identity, 100)}` : ""}`,
                      body: issueBody(f, fingerprint, owners, source, holds),
                      labels: [ISSUE_LABEL, INVENTORY_LABEL],
                      assignees,
                      ...NO_RETRY,
                    })
                  ).data,
                find: async () => {
                  const number = (await ownOpenReviews(s)).get(fingerprint);
                  return number === undefined ? undefined : { number };
                },
              }),
            ),
          };
      await deps.store.append(
        evidenceInput(
          { installation: installation.id, repository: r.fullName, fingerprint, actor: "keyward", deliveryId },
          evidence("review-opened", {
          rule: f.ruleId,
          severity: f.severity,
          ...(f.identity ? { identity: f.identity, identityKind: f.identityKind, identityId: f.identityId } : {}),
          location: f.location.path,
          line: f.location.line,
          issue: data.number,
          // Who may answer for it: read back when someone comments `/keyward reviewed`.
          owners: identity && !unowned ? identity.owners.map(formatOwner) : [],
          ...(unowned ? { unowned: true, governance: governance.map(formatOwner) } : {}),
          ownerSource: unowned ? "none" : identity.ownerSource,
          assignees: [...assignees],
          due: today,
          // How long an acceptance holds, by the policy in force when the review opened.
          holds,
          }),
        ),
      );
      opened++;
    }

    // Open reviews of this scope whose finding the sweep no longer sees: the fix was observed.
    // Only where the sweep could have seen it: nothing is concluded from a partial collection.
    let resolved = 0;
    if (scope.complete) {
      const latest = new Map<string, EvidenceRecord>();
      for (const rec of await deps.store.records({ repository: r.fullName }))
        if (rec.installation === installation.id && rec.fingerprint.startsWith("inventory:") && (rec.event === "review-opened" || rec.event === "reviewed")) latest.set(rec.fingerprint, rec);
      for (const [fingerprint, rec] of latest) {
        if (rec.event !== "review-opened" || seen.has(fingerprint)) continue;
        const opened = typed(rec);
        if (!opened.ok || opened.event !== "review-opened" || typeof opened.details.issue !== "number") {
          // Nothing is closed on the word of a record that does not say which issue it opened.
          c.log.warn({ seq: rec.seq, fingerprint, problem: opened.ok ? "no issue number" : opened.problem }, "unreadable review record: its issue is left as it is");
          continue;
        }
        if (scopeOf(opened.details) !== scope.kind) continue;
        const issue = opened.details.issue;
        await paced.wait(installation.id);
        await commentOnce(s.octokit, repo, issue, `Resolved: Keyward's sweep of ${today} no longer sees this finding in what GitHub holds.`);
        await withSecondaryRetry(() => s.octokit.rest.issues.update({ owner: repo.owner, repo: repo.repo, issue_number: issue, state: "closed", state_reason: "completed" }));
        await deps.store.append(evidenceInput({ installation: installation.id, repository: r.fullName, fingerprint, actor: "keyward", deliveryId }, evidence("reviewed", { issue, outcome: "fix-observed", ...(opened.details.rule ? { rule: opened.details.rule } : {}) })));
        resolved++;
      }
    }
    // The sweep's heartbeat for this repository: monitored today, whether or not anyone pushed.
    // The delivery key names the repository: one sweep delivery covers many.
    await recordEvent({ ...s, deliveryId: `${deliveryId}:${r.fullName}` }, HEARTBEAT_FINGERPRINT, evidence("scanned", { sweep: today, keyward: version(), rules: rulesVersion(), findings: mine.length, ...(scope.complete ? {} : { conclusion: "partial" }) }));
    return { opened, resolved, skipped };
  });
}

/** What an inventory finding's detection says: rule, identity and its owners, where GitHub keeps it — never a value. */
function inventoryDetails(f: InventoryFinding, identities: readonly OrgIdentity[]): DetailsOf<"detected"> {
  const identity = identities.find((i) => i.id === f.identityId);
  const unowned = f.ruleId === "unowned-identity" || (identity !== undefined && identity.ownerSource === "none");
  return {
    kind: "identity",
    rule: f.ruleId,
    severity: f.severity,
    confidence: f.confidence,
    ...(f.identity ? { identity: f.identity, identityKind: f.identityKind, identityId: f.identityId } : {}),
    location: f.location.path,
    line: f.location.line,
    ...(unowned ? { unowned: true, owners: [] } : identity ? { owners: identity.owners.map(formatOwner), ownerSource: identity.ownerSource } : {}),
  };
}

interface ReviewState {
  /** The latest review record for the fingerprint in that repository. */
  readonly last: EvidenceRecord;
  readonly open: boolean;
}

async function reviewState(deps: AppDeps, repository: string, fingerprint: string): Promise<ReviewState | undefined> {
  const records = (await deps.store.records({ repository, fingerprint })).filter((r) => r.event === "review-opened" || r.event === "reviewed");
  const last = records.at(-1);
  return last ? { last, open: last.event === "review-opened" } : undefined;
}

function issueBody(f: InventoryFinding, fingerprint: string, owners: readonly Owner[], source: string, holds: number): string {
  return [
    `<!-- keyward:inventory=${fingerprint} -->`,
    `## Access review: ${code(f.ruleId)}${f.identity ? ` — ${code(f.identity)}` : ""}`,
    "",
    text(f.message.slice(0, f.message.length - f.remediation.length - 2), 2000),
    "",
    "| | |",
    "|---|---|",
    `| Rule | ${code(f.ruleId, "cell")} (${f.severity}) |`,
    `| Where | ${/^https?:\/\//.test(f.location.path) ? link(code(f.location.path, "cell"), f.location.path) : `${code(f.location.path, "cell")} line ${f.location.line}`} |`,
    `| Owners | ${owners.length ? `${owners.map(ownerMention).join(", ")} (${source})` : "none recorded"} |`,
    "",
    `**What to do:** ${text(f.remediation, 2000)}.`,
    "",
    "Keyward closes this review when a later sweep no longer sees the finding. To accept it as it is, an owner or a maintainer comments `/keyward reviewed`; Keyward asks again in " +
      `${holds} days.`,
    "",
    "_From what GitHub holds: names and dates only, never a secret's value._",
  ].join("\n");
}

/**
 * The open access-review issues the App itself opened in a repository, by the fingerprint in
 * their marker. Used only so that an issue is never opened twice (an attempt that died between
 * opening it and recording it), never as authority; the App's own issues are told apart by their
 * author being a bot.
 */
async function ownOpenReviews(s: Services): Promise<Map<string, number>> {
  const issues = await s.octokit.paginate(s.octokit.rest.issues.listForRepo, { owner: s.repo.owner, repo: s.repo.repo, labels: INVENTORY_LABEL, state: "open", per_page: 100 });
  const out = new Map<string, number>();
  for (const i of issues) {
    const fp = MARKER.exec(i.body ?? "")?.[1];
    if (fp && i.user?.type === "Bot") out.set(fp, i.number);
  }
  return out;
}

/**
 * `/keyward reviewed` on an access-review issue. Returns false when the issue is not one of
 * Keyward's inventory reviews (the store has no review-opened record for that issue number).
 */
export async function inventoryReviewComment(s: Services, issue: { readonly number: number; readonly body?: string | null }, body: string, login: string, isMaintainer: (login: string) => Promise<boolean>): Promise<boolean> {
  const marked = MARKER.exec(issue.body ?? "")?.[1];
  if (!marked) return false;
  const state = await reviewState(s.deps, s.repo.fullName, marked);
  // The store says which issue Keyward opened for the review; a record it cannot read opened none.
  const opening = (await s.deps.store.records({ repository: s.repo.fullName, fingerprint: marked }))
    .flatMap((r) => {
      const t = typed(r);
      return t.ok && t.event === "review-opened" && Number(t.details.issue) === issue.number ? [t.details] : [];
    })
    .at(-1);
  if (!state || !opening) return false; // a marker Keyward did not write
  const parsed = parseCommand(body);
  if (!parsed) return true;
  const reply = (text: string) => commentOnce(s.octokit, s.repo, issue.number, text);
  if (!parsed.ok || parsed.command.kind !== "reviewed") {
    await reply(`@${login} on an access review, comment \`/keyward reviewed\` once the identity's owners have confirmed it is needed and scoped as it is.`);
    return true;
  }
  if (!state.open) return true;
  const named = [...(opening.owners ?? []).map((o) => (typeof o === "string" ? o : `@${o.login}`)), ...(opening.governance ?? [])];
  const logins = named.filter((o) => /^@[A-Za-z0-9][A-Za-z0-9_-]*$/.test(o)).map((o) => o.slice(1).toLowerCase());
  if (!logins.includes(login.toLowerCase()) && !(await isMaintainer(login))) {
    await reply(`Sorry @${login}, only this identity's owners (${named.map((o) => code(o)).join(", ") || "none recorded"}) or the repository's maintainers can record its review.`);
    return true;
  }
  const holds = opening.holds ?? DEFAULT_HOLDS_DAYS;
  const until = new Date(s.deps.now().getTime() + holds * 86_400_000).toISOString().slice(0, 10);
  await s.deps.store.append(
    evidenceInput(
      { ...(s.repo.installation ? { installation: s.repo.installation } : {}), repository: s.repo.fullName, fingerprint: marked, actor: login, deliveryId: s.deliveryId },
      evidence("reviewed", { issue: issue.number, by: login, outcome: "accepted", until, ...(opening.rule ? { rule: opening.rule } : {}) }),
    ),
  );
  await reply(`Review recorded by @${login}: accepted as it is until ${until}, when Keyward asks again.`);
  await withSecondaryRetry(() => s.octokit.rest.issues.update({ owner: s.repo.owner, repo: s.repo.repo, issue_number: issue.number, state: "closed", state_reason: "completed" }));
  return true;
}

/** Every installation on an organisation: the daily run, next to the access reviews (queued per installation in queue mode). */
export async function scheduledInventory(app: AppAuth, deps: AppDeps): Promise<void> {
  const appOctokit = await app.auth();
  const installations = await appOctokit.paginate(appOctokit.rest.apps.listInstallations, { per_page: 100 });
  const deliveryId = `inventory:${deps.now().toISOString().slice(0, 10)}`;
  for (const inst of installations) {
    const account = inst.account && "login" in inst.account ? inst.account.login : undefined;
    if (!account || inst.target_type !== "Organization") continue;
    try {
      if (deps.enqueueInventory) {
        await deps.enqueueInventory({ installation: { id: inst.id, account }, deliveryId });
        continue;
      }
      const outcome = await sweepInstallation(await app.auth(inst.id), deps, { id: inst.id, account }, app.log, deliveryId);
      app.log.info(outcome, "inventory sweep done");
    } catch (err) {
      app.log.warn({ installation: inst.id, err: (err as Error).message }, "inventory sweep failed; the next run retries");
    }
  }
}
