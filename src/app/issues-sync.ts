/**
 * Remediation issues as a reconcile step: find the existing issue of each secret (by its
 * hidden marker), compare with what was found, then create, extend or reopen. Running it twice
 * for the same delivery changes nothing the second time, which is what makes redeliveries safe.
 */
import type { SecretFinding } from "../detect/types.js";
import { formatOwner } from "../ownership/types.js";
import { issueBody, issueLabels, issueTitle, ISSUE_LABEL, occurrencesIn, secretIdFromBody, withOccurrences, type Occurrence } from "../report/issue.js";
import { assignable, type ResolvedOwners } from "./owners.js";
import { withSecondaryRetry } from "./retry.js";
import type { Services } from "./types.js";

export interface KnownIssue {
  readonly number: number;
  readonly state: "open" | "closed";
  readonly body: string;
  readonly url: string;
}

/** Every Keyward issue of the repository, by secret id. */
export async function knownIssues(s: Services): Promise<Map<string, KnownIssue>> {
  const out = new Map<string, KnownIssue>();
  const issues = await s.octokit.paginate(s.octokit.rest.issues.listForRepo, { owner: s.repo.owner, repo: s.repo.repo, labels: ISSUE_LABEL, state: "all", per_page: 100 });
  for (const i of issues) {
    if (i.pull_request) continue;
    const id = secretIdFromBody(i.body);
    if (id && !out.has(id)) out.set(id, { number: i.number, state: i.state === "closed" ? "closed" : "open", body: i.body ?? "", url: i.html_url });
  }
  return out;
}

export interface IssueOutcome {
  readonly secretId: string;
  readonly number: number;
  readonly url: string;
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
    const mentions = owners.owners.filter((o) => o.kind !== "user" || !assignees.includes(o.login)).map(formatOwner);
    const body = issueBody({ finding, occurrences, repoUrl: s.repo.htmlUrl, owners: owners.owners, ownerSource: owners.source, repositoryPublic: !s.repo.isPrivate }) + (mentions.length ? `\n\ncc ${mentions.join(" ")}` : "");
    await s.deps.pacer.wait();
    const { data } = await withSecondaryRetry(() => s.octokit.rest.issues.create({ owner, repo, title: issueTitle(finding), body, labels: [...issueLabels(finding), ...labelsExtra], assignees }));
    const created: KnownIssue = { number: data.number, state: "open", body, url: data.html_url };
    known.set(finding.secretId, created);
    return { secretId: finding.secretId, number: data.number, url: data.html_url, action: "created", assignees, owners };
  }
  const body = withOccurrences(existing.body, s.repo.htmlUrl, occurrences);
  const fresh = occurrences.filter((o) => !occurrencesIn(existing.body).some((x) => x.path === o.path && x.line === o.line && (x.commit ?? "").slice(0, 7) === (o.commit ?? "").slice(0, 7)));
  if (existing.state === "closed") {
    await s.deps.pacer.wait();
    await withSecondaryRetry(() => s.octokit.rest.issues.update({ owner, repo, issue_number: existing.number, state: "open", body }));
    await s.deps.pacer.wait();
    const where = (fresh[0] ?? occurrences[0])!;
    await withSecondaryRetry(() =>
      s.octokit.rest.issues.createComment({
        owner,
        repo,
        issue_number: existing.number,
        body: `Reopened by Keyward: this secret appeared again at \`${where.path}:${where.line}\`${where.commit ? ` in commit \`${where.commit.slice(0, 7)}\`` : ""}. It is still live until it is revoked or rotated.`,
      }),
    );
    known.set(finding.secretId, { ...existing, state: "open", body });
    return { secretId: finding.secretId, number: existing.number, url: existing.url, action: "reopened", assignees: [], owners };
  }
  if (body !== existing.body) {
    await s.deps.pacer.wait();
    await withSecondaryRetry(() => s.octokit.rest.issues.update({ owner, repo, issue_number: existing.number, body }));
    known.set(finding.secretId, { ...existing, body });
    return { secretId: finding.secretId, number: existing.number, url: existing.url, action: "updated", assignees: [], owners };
  }
  return { secretId: finding.secretId, number: existing.number, url: existing.url, action: "unchanged", assignees: [], owners };
}
