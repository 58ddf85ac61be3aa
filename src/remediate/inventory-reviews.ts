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
import { CONFIG_PATH, parseConfig } from "../config.js";
import type { EvidenceRecord } from "../evidence/types.js";
import { useConditionalRequests } from "../inventory/conditional.js";
import { serverUrlOf } from "../inventory/github.js";
import { blobSource } from "../inventory/repo-files.js";
import type { InventoryFinding } from "../inventory/rule.js";
import { sweepOrg } from "../inventory/sweep.js";
import { formatOwner, parseOwner, type Owner } from "../ownership/types.js";
import { ISSUE_LABEL } from "../report/issue.js";
import { parseCommand } from "./commands.js";
import { assignable } from "./github/owners.js";
import { withSecondaryRetry } from "./github/retry.js";
import type { AppAuth } from "./access-reviews.js";
import type { AppDeps, Logger, Octokit, RepoRef, Services } from "./types.js";

export const INVENTORY_LABEL = "access-review";
const MARKER = /<!-- keyward:inventory=([A-Za-z0-9:_-]{1,120}) -->/;
/** A review accepts a finding as it is for this long; then the sweep asks again. */
const REVIEW_HOLDS_DAYS = 90;

const fingerprintOf = (f: InventoryFinding) => `inventory:${f.fingerprint}`;
/** Names and messages come from GitHub and users: never let them become Markdown or mentions. */
const code = (s: string) => `\`${s.replace(/[`\n\r]/g, "'").slice(0, 200)}\``;
const plain = (s: string) => s.replace(/[\\`*_[\]<>|@#]/g, (c) => `\\${c}`).slice(0, 2000);

export interface SweepOutcome {
  readonly organization: string;
  readonly findings: number;
  readonly opened: number;
  readonly resolved: number;
  readonly skipped: number;
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

function issueBody(f: InventoryFinding, fingerprint: string, owners: readonly Owner[], source: string): string {
  return [
    `<!-- keyward:inventory=${fingerprint} -->`,
    `## Access review: ${code(f.ruleId)}${f.identity ? ` — ${code(f.identity)}` : ""}`,
    "",
    plain(f.message.slice(0, f.message.length - f.remediation.length - 2)),
    "",
    "| | |",
    "|---|---|",
    `| Rule | ${code(f.ruleId)} (${f.severity}) |`,
    `| Where | ${f.location.path.startsWith("http") ? f.location.path : `${code(f.location.path)} line ${f.location.line}`} |`,
    `| Owners | ${owners.length ? `${owners.map(formatOwner).join(", ")} (${source})` : "none recorded"} |`,
    "",
    `**What to do:** ${plain(f.remediation)}.`,
    "",
    "Keyward closes this review when a later sweep no longer sees the finding. To accept it as it is, an owner or a maintainer comments `/keyward reviewed`; Keyward asks again in " +
      `${REVIEW_HOLDS_DAYS} days.`,
    "",
    "_From what GitHub holds: names and dates only, never a secret's value._",
  ].join("\n");
}

/** One installation's sweep and the reconcile of its review issues. */
export async function sweepInstallation(octokit: Octokit, deps: AppDeps, installation: { readonly id: number; readonly account: string }, log: Logger, deliveryId: string): Promise<SweepOutcome> {
  const now = deps.now();
  const apiUrl = String((octokit.request.endpoint.DEFAULTS as { baseUrl?: string }).baseUrl ?? "https://api.github.com");
  // One cache per installation (what a token may see is the installation's), never per token.
  const cache = await deps.responseCaches(installation.id, apiUrl);
  useConditionalRequests(octokit, cache);
  const result = await sweepOrg(octokit, { org: installation.account, serverUrl: serverUrlOf(apiUrl), now, repositories: "installation" });
  await cache.save?.();
  const { collection } = result;
  const repos = new Map(collection.allRepositories.map((r) => [r.fullName.toLowerCase(), r]));
  const orgRepo = repos.get(`${installation.account}/.github`.toLowerCase());
  const governance = orgRepo ? await governanceOwners(octokit, installation.account, orgRepo.defaultBranch) : [];
  const findings = result.findings.filter((f): f is InventoryFinding => "remediation" in f);
  const services = (fullName: string): Services | undefined => {
    const r = repos.get(fullName.toLowerCase());
    if (!r) return undefined;
    const repo: RepoRef = { owner: installation.account, repo: r.name, fullName: r.fullName, installation: installation.id, defaultBranch: r.defaultBranch, htmlUrl: r.htmlUrl, cloneUrl: `${r.htmlUrl}.git`, isPrivate: r.visibility !== "public" };
    return { octokit, repo, deps, log, deliveryId };
  };

  let opened = 0;
  let skipped = 0;
  const openReviews = new Map<string, Promise<Map<string, number>>>();
  const seen = new Set<string>();
  for (const f of findings) {
    const s = services(f.repository ?? `${installation.account}/.github`);
    if (!s) {
      skipped++;
      continue;
    }
    const fingerprint = fingerprintOf(f);
    seen.add(`${s.repo.fullName}\0${fingerprint}`);
    const state = await reviewState(deps, s.repo.fullName, fingerprint);
    if (state?.open) continue;
    const until = state ? String(state.last.details.until ?? "") : "";
    if (state && until && until > now.toISOString().slice(0, 10)) continue; // accepted by a review
    // An earlier attempt may have opened the issue and died before recording it: adopt that one.
    let listed = openReviews.get(s.repo.fullName);
    if (!listed) openReviews.set(s.repo.fullName, (listed = ownOpenReviews(s)));
    const earlier = (await listed).get(fingerprint);
    const identity = result.identities.find((i) => i.id === f.identityId);
    const unowned = !identity || identity.ownerSource === "none";
    const owners = unowned ? governance : identity.owners;
    const source = unowned ? `governance, from ${installation.account}/.github ${CONFIG_PATH}` : identity.ownerSource === "inventory" ? `inventory: ${identity.ownerEntry}` : "GitHub";
    const assignees = await assignable(s, owners);
    if (!earlier) await deps.pacer.wait();
    const { data } = earlier ? { data: { number: earlier } } : await withSecondaryRetry(() =>
      s.octokit.rest.issues.create({
        owner: s.repo.owner,
        repo: s.repo.repo,
        title: `Access review: ${f.ruleId}${f.identity ? ` — ${f.identity.slice(0, 100)}` : ""}`,
        body: issueBody(f, fingerprint, owners, source),
        labels: [ISSUE_LABEL, INVENTORY_LABEL],
        assignees,
      }),
    );
    await deps.store.append({
      installation: installation.id,
      repository: s.repo.fullName,
      fingerprint,
      event: "review-opened",
      actor: "keyward",
      deliveryId,
      details: {
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
        assignees,
        due: now.toISOString().slice(0, 10),
      },
    });
    opened++;
  }

  // Open reviews whose finding the sweep no longer sees: the fix was observed. Only where the
  // sweep could have seen it: nothing is concluded from a partial or skipped collection.
  let resolved = 0;
  if (collection.skipped.length === 0 && !collection.partial) {
    const open = new Map<string, EvidenceRecord>();
    for (const r of await deps.store.records())
      if (r.installation === installation.id && r.fingerprint.startsWith("inventory:") && (r.event === "review-opened" || r.event === "reviewed")) open.set(`${r.repository}\0${r.fingerprint}`, r);
    for (const [key, r] of open) {
      if (r.event !== "review-opened" || seen.has(key)) continue;
      const s = services(r.repository);
      if (!s) continue;
      const issue = Number(r.details.issue);
      await deps.pacer.wait();
      await withSecondaryRetry(() => s.octokit.rest.issues.createComment({ owner: s.repo.owner, repo: s.repo.repo, issue_number: issue, body: `Resolved: Keyward's sweep of ${now.toISOString().slice(0, 10)} no longer sees this finding in what GitHub holds.` }));
      await withSecondaryRetry(() => s.octokit.rest.issues.update({ owner: s.repo.owner, repo: s.repo.repo, issue_number: issue, state: "closed", state_reason: "completed" }));
      await deps.store.append({ installation: installation.id, repository: r.repository, fingerprint: r.fingerprint, event: "reviewed", actor: "keyward", deliveryId, details: { issue, outcome: "fix-observed", rule: r.details.rule } });
      resolved++;
    }
  }
  return { organization: installation.account, findings: findings.length, opened, resolved, skipped };
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

/** `inventory.governance` in the organisation's `.github` repository's configuration. */
async function governanceOwners(octokit: Octokit, org: string, branch: string): Promise<Owner[]> {
  const text = await blobSource(octokit, org, ".github", branch).read(CONFIG_PATH);
  if (text === undefined) return [];
  return parseConfig(text).config.inventory.governance.flatMap((o) => parseOwner(o, "inventory") ?? []);
}

/**
 * `/keyward reviewed` on an access-review issue. Returns false when the issue is not one of
 * Keyward's inventory reviews (the store has no review-opened record for that issue number).
 */
export async function inventoryReviewComment(s: Services, issue: { readonly number: number; readonly body?: string | null }, body: string, login: string, isMaintainer: (login: string) => Promise<boolean>): Promise<boolean> {
  const marked = MARKER.exec(issue.body ?? "")?.[1];
  if (!marked) return false;
  const state = await reviewState(s.deps, s.repo.fullName, marked);
  const opening = (await s.deps.store.records({ repository: s.repo.fullName, fingerprint: marked })).filter((r) => r.event === "review-opened" && Number(r.details.issue) === issue.number).at(-1);
  if (!state || !opening) return false; // a marker Keyward did not write
  const parsed = parseCommand(body);
  if (!parsed) return true;
  const reply = (text: string) => withSecondaryRetry(() => s.octokit.rest.issues.createComment({ owner: s.repo.owner, repo: s.repo.repo, issue_number: issue.number, body: text }));
  if (!parsed.ok || parsed.command.kind !== "reviewed") {
    await reply(`@${login} on an access review, comment \`/keyward reviewed\` once the identity's owners have confirmed it is needed and scoped as it is.`);
    return true;
  }
  if (!state.open) return true;
  const named = [...(Array.isArray(opening.details.owners) ? opening.details.owners : []), ...(Array.isArray(opening.details.governance) ? opening.details.governance : [])].map(String);
  const logins = named.filter((o) => /^@[A-Za-z0-9][A-Za-z0-9_-]*$/.test(o)).map((o) => o.slice(1).toLowerCase());
  if (!logins.includes(login.toLowerCase()) && !(await isMaintainer(login))) {
    await reply(`Sorry @${login}, only this identity's owners (${named.join(", ") || "none recorded"}) or the repository's maintainers can record its review.`);
    return true;
  }
  const until = new Date(s.deps.now().getTime() + REVIEW_HOLDS_DAYS * 86_400_000).toISOString().slice(0, 10);
  await s.deps.store.append({ ...(s.repo.installation ? { installation: s.repo.installation } : {}), repository: s.repo.fullName, fingerprint: marked, event: "reviewed", actor: login, deliveryId: s.deliveryId, details: { issue: issue.number, by: login, outcome: "accepted", until, rule: opening.details.rule } });
  await reply(`Review recorded by @${login}: accepted as it is until ${until}, when Keyward asks again.`);
  await withSecondaryRetry(() => s.octokit.rest.issues.update({ owner: s.repo.owner, repo: s.repo.repo, issue_number: issue.number, state: "closed", state_reason: "completed" }));
  return true;
}

/** Every installation on an organisation: the daily run, next to the access reviews. */
export async function scheduledInventory(app: AppAuth, deps: AppDeps): Promise<void> {
  const appOctokit = await app.auth();
  const installations = await appOctokit.paginate(appOctokit.rest.apps.listInstallations, { per_page: 100 });
  for (const inst of installations) {
    const account = inst.account && "login" in inst.account ? inst.account.login : undefined;
    if (!account || inst.target_type !== "Organization") continue;
    try {
      const outcome = await sweepInstallation(await app.auth(inst.id), deps, { id: inst.id, account }, app.log, `inventory:${deps.now().toISOString().slice(0, 10)}`);
      app.log.info(outcome, "inventory sweep done");
    } catch (err) {
      app.log.warn({ installation: inst.id, err: (err as Error).message }, "inventory sweep failed; the next run retries");
    }
  }
}
