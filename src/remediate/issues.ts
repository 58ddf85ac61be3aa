/**
 * Remediation issues as a reconcile step: find the existing issue of each secret (by its
 * hidden marker), compare with what was found, then create, extend or reopen. Running it twice
 * for the same delivery changes nothing the second time, which is what makes redeliveries safe.
 */
import type { SecretFinding } from "../detect/types.js";
import { issueBody, issueLabels, issueTitle, ISSUE_LABEL, occurrencesIn, ownerMention, sameOccurrence, secretIdFromBody, withOccurrences, type Occurrence } from "../report/issue.js";
import { code } from "../report/markdown.js";
import { recordDetection, recordIssueOutcome, secretFingerprint } from "./evidence.js";
import { issueMap } from "./issue-map.js";
import { assignable, loadCodeowners, ownersForFinding, type ResolvedOwners } from "./github/owners.js";
import { apiSource } from "./github/repo-files.js";
import { commentOnce, createOnce, NO_RETRY } from "./github/once.js";
import { withSecondaryRetry } from "./github/retry.js";
import { fencedDeps } from "./locks.js";
import type { Services } from "./types.js";

export interface SyncOptions {
  /** How each finding is cited in its issue (a change cites its head commit; a baseline the file). */
  readonly occurrence: (f: SecretFinding) => Occurrence;
  /** Commit authors' logins, by sha: owners when CODEOWNERS names none. */
  readonly logins?: ReadonlyMap<string, string>;
  /** Labels besides `keyward` and `severity:*`. */
  readonly labels: readonly string[];
}

export interface Synced {
  readonly outcome: IssueOutcome;
  /** The findings of this secret, in first-seen order. */
  readonly findings: readonly SecretFinding[];
}

/**
 * The issue step, for changes and baselines alike: one issue per secret (occurrences grouped,
 * in first-seen order), each created, extended or reopened and its outcome recorded, under the
 * repository's issue lock so that two deliveries never both open the issue of one secret.
 */
export async function syncIssues(s: Services, findings: readonly SecretFinding[], o: SyncOptions): Promise<Synced[]> {
  if (findings.length === 0) return [];
  const bySecret = new Map<string, SecretFinding[]>();
  for (const f of findings) bySecret.set(f.secretId, [...(bySecret.get(f.secretId) ?? []), f]);
  return s.deps.locks.withLock(`issues:${s.repo.fullName}`, async (fence) => {
    // Every write below waits on the pacer first; the fenced pacer refuses once the lock is lost.
    s = { ...s, deps: fencedDeps(s.deps, fence) };
    const known = await findingIssues(s, [...bySecret.keys()]);
    const codeowners = await loadCodeowners(apiSource(s.octokit, s.repo, s.repo.defaultBranch));
    const out: Synced[] = [];
    for (const group of bySecret.values()) {
      const first = group[0]!;
      await recordDetection(s, first);
      const outcome = await syncSecretIssue(s, first, group.map(o.occurrence), ownersForFinding(first, codeowners, o.logins ?? new Map()), known, o.labels);
      await recordIssueOutcome(s, first, outcome);
      out.push({ outcome, findings: group });
    }
    return out;
  });
}

export interface KnownIssue {
  readonly number: number;
  readonly state: "open" | "closed";
  readonly body: string;
  readonly url: string;
  /** GitHub's node id and the login that created it: recorded, so commands act on this issue only. */
  readonly nodeId?: string;
  readonly createdBy?: string;
  /** Someone removed its `keyward` label: it is still the finding's issue, and gets it back. */
  readonly unlabelled?: boolean;
}

/** Every Keyward issue of the repository, by secret id. */
export async function knownIssues(s: Services): Promise<Map<string, KnownIssue>> {
  const out = new Map<string, KnownIssue>();
  const issues = await s.octokit.paginate(s.octokit.rest.issues.listForRepo, { owner: s.repo.owner, repo: s.repo.repo, labels: ISSUE_LABEL, state: "all", per_page: 100 });
  for (const i of issues) {
    // Only an App's issue can be Keyward's: a person's issue carrying a copied marker is not adopted.
    if (i.pull_request || (i.user && i.user.type !== "Bot")) continue;
    const id = secretIdFromBody(i.body);
    if (id && !out.has(id)) out.set(id, { number: i.number, state: i.state === "closed" ? "closed" : "open", body: i.body ?? "", url: i.html_url, ...identityOf(i) });
  }
  return out;
}

/**
 * The issues of these secrets, by secret id. The store decides which issue is a finding's:
 * where the label listing misses the issue the App opened for one of these secrets (someone
 * removed its `keyward` label) or shows another,
 * the store's issue is fetched by number and used — reopened, extended, its label put back —
 * so a removed label never makes Keyward forget an issue and open a second one. An issue GitHub
 * no longer has (deleted, or another node id under that number) is let go.
 */
export async function findingIssues(s: Services, secretIds: readonly string[]): Promise<Map<string, KnownIssue>> {
  const known = await knownIssues(s);
  await keepStoreIssues(s, known, secretIds);
  return known;
}

async function keepStoreIssues(s: Services, known: Map<string, KnownIssue>, secretIds: readonly string[]): Promise<void> {
  const mapped = issueMap(await s.deps.store.records({ repository: s.repo.fullName }));
  for (const id of secretIds) {
    const m = mapped.get(secretFingerprint(id));
    if (!m || known.get(id)?.number === m.number) continue;
    let issue;
    try {
      issue = (await s.octokit.rest.issues.get({ owner: s.repo.owner, repo: s.repo.repo, issue_number: m.number })).data;
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 404 || status === 410) continue;
      throw err;
    }
    if (issue.pull_request || (m.nodeId !== undefined && issue.node_id !== m.nodeId)) continue;
    const labelled = issue.labels.some((l) => (typeof l === "string" ? l : l.name) === ISSUE_LABEL);
    known.set(id, { number: issue.number, state: issue.state === "closed" ? "closed" : "open", body: issue.body ?? "", url: issue.html_url, ...identityOf(issue), ...(labelled ? {} : { unlabelled: true }) });
  }
}

/** The node id and creator GitHub reports for an issue, when it reports them. */
function identityOf(i: { readonly node_id?: string; readonly user?: { readonly login: string } | null }): { nodeId?: string; createdBy?: string } {
  return { ...(i.node_id ? { nodeId: i.node_id } : {}), ...(i.user?.login ? { createdBy: i.user.login } : {}) };
}

function issueIdentity(k: KnownIssue): { nodeId?: string; createdBy?: string } {
  return { ...(k.nodeId ? { nodeId: k.nodeId } : {}), ...(k.createdBy ? { createdBy: k.createdBy } : {}) };
}

export interface IssueOutcome {
  readonly secretId: string;
  readonly number: number;
  readonly url: string;
  readonly nodeId?: string;
  readonly createdBy?: string;
  /** The issue had lost its `keyward` label and got it back. */
  readonly labelRestored?: boolean;
  readonly action: "created" | "updated" | "unchanged" | "reopened";
  readonly assignees: readonly string[];
  readonly owners: ResolvedOwners;
}

export async function syncSecretIssue(
  s: Services,
  finding: SecretFinding,
  occurrences: readonly Occurrence[],
  owners: ResolvedOwners,
  known: Map<string, KnownIssue>,
  labelsExtra: readonly string[],
): Promise<IssueOutcome> {
  const { owner, repo } = s.repo;
  const existing = known.get(finding.secretId);
  if (!existing) {
    const assignees = await assignable(s, owners.owners);
    const mentions = owners.owners.filter((o) => o.kind !== "user" || !assignees.includes(o.login)).map(ownerMention);
    const body = issueBody({ finding, occurrences, repoUrl: s.repo.htmlUrl, owners: owners.owners, ownerSource: owners.source, repositoryPublic: !s.repo.isPrivate }) + (mentions.length ? `\n\ncc ${mentions.join(" ")}` : "");
    await s.deps.pacer.wait(s.repo.installation);
    // Not blindly retried: after a lost answer the marker says whether the issue was created.
    const created = await withSecondaryRetry(() =>
      createOnce<KnownIssue>({
        create: async () => {
          const { data } = await s.octokit.rest.issues.create({ owner, repo, title: issueTitle(finding), body, labels: [...issueLabels(finding), ...labelsExtra], assignees, ...NO_RETRY });
          return { number: data.number, state: "open", body, url: data.html_url, ...identityOf(data) };
        },
        find: async () => (await knownIssues(s)).get(finding.secretId),
      }),
    );
    known.set(finding.secretId, created);
    return { secretId: finding.secretId, number: created.number, url: created.url, ...issueIdentity(created), action: "created", assignees, owners };
  }
  const labelRestored = existing.unlabelled ? await restoreLabel(s, existing) : {};
  const body = withOccurrences(existing.body, s.repo.htmlUrl, occurrences);
  const listed = occurrencesIn(existing.body);
  const fresh = occurrences.filter((o) => !listed.some((x) => sameOccurrence(x, o)));
  if (existing.state === "closed") {
    await s.deps.pacer.wait(s.repo.installation);
    await withSecondaryRetry(() => s.octokit.rest.issues.update({ owner, repo, issue_number: existing.number, state: "open", body }));
    await s.deps.pacer.wait(s.repo.installation);
    const where = (fresh[0] ?? occurrences[0])!;
    const comment = `Reopened by Keyward: this secret appeared again at ${code(`${where.path}:${where.line}`)}${where.commit ? ` in commit ${code(where.commit.slice(0, 7))}` : ""}. It is still live until it is revoked or rotated.`;
    await commentOnce(s.octokit, s.repo, existing.number, comment);
    known.set(finding.secretId, { ...existing, state: "open", body });
    return { secretId: finding.secretId, number: existing.number, url: existing.url, ...issueIdentity(existing), ...labelRestored, action: "reopened", assignees: [], owners };
  }
  if (body !== existing.body) {
    await s.deps.pacer.wait(s.repo.installation);
    await withSecondaryRetry(() => s.octokit.rest.issues.update({ owner, repo, issue_number: existing.number, body }));
    known.set(finding.secretId, { ...existing, body });
    return { secretId: finding.secretId, number: existing.number, url: existing.url, ...issueIdentity(existing), ...labelRestored, action: "updated", assignees: [], owners };
  }
  return { secretId: finding.secretId, number: existing.number, url: existing.url, ...issueIdentity(existing), ...labelRestored, action: "unchanged", assignees: [], owners };
}

/** Puts the `keyward` label back on a finding's issue someone took it off (adding a label is idempotent). */
async function restoreLabel(s: Services, issue: KnownIssue): Promise<{ labelRestored: true }> {
  await s.deps.pacer.wait(s.repo.installation);
  await withSecondaryRetry(() => s.octokit.rest.issues.addLabels({ owner: s.repo.owner, repo: s.repo.repo, issue_number: issue.number, labels: [ISSUE_LABEL] }));
  return { labelRestored: true };
}
