/**
 * Closing the window, in the App. Before a scan, `holdSecrets` decides whether the policy
 * needs raw secrets at all (only `revoke.mode: on` in scope, or `validity.check`); after the
 * delivery's issues are synced, `closeTheWindow` checks validity, revokes (or dry-runs), records
 * every step as evidence and reconciles each issue's "Revocation and validity" section. The
 * held secrets are dropped when the delivery ends; the caller clears them in a `finally`.
 */
import type { Config } from "../config.js";
import type { SecretFinding } from "../detect/types.js";
import { withWindowStatus } from "../report/issue.js";
import { CHECKABLE, REVOCABLE, checkers, revokers, type Endpoints } from "../revoke/index.js";
import { HeldSecrets, type LeakedCredential } from "../revoke/credential.js";
import { AUTO_REVOKED_BY, historyOf, revocationDecision, ruleIdsToHold, validityDue, windowStatus } from "../revoke/policy.js";
import { GITHUB_REVOKE_RATE } from "../revoke/rate.js";
import type { Provider, RevocationResult } from "../revoke/types.js";
import { findingIssues } from "./issues.js";
import { evidence } from "../evidence/details.js";
import { findingDetails, recordEvent, secretFingerprint } from "./evidence.js";
import { withSecondaryRetry } from "./github/retry.js";
import { fencedDeps } from "./locks.js";
import type { RepoRef, Services } from "./types.js";

type WindowPolicy = Pick<Config, "revoke" | "validity" | "issues">;

/** A holder for this delivery's revocable and checkable secrets, or undefined when the policy needs none. */
export function holdSecrets(config: Pick<Config, "revoke" | "validity">, repo: RepoRef): HeldSecrets | undefined {
  const ruleIds = ruleIdsToHold(config, repo.isPrivate, REVOCABLE, CHECKABLE);
  return ruleIds.size ? new HeldSecrets(ruleIds) : undefined;
}


/** The providers' endpoints for this App: GitHub's at the App's own base URL (GHES included, with its token). */
export function endpointsFor(s: Services): Endpoints {
  const githubBaseUrl = String(s.octokit.request.endpoint.DEFAULTS.baseUrl);
  // GitHub's hourly limit is the App's, not a delivery's nor a worker's: one budget per base URL.
  const githubRate = s.deps.budgets(`revoke:${githubBaseUrl}`, [GITHUB_REVOKE_RATE]);
  const appToken = async () => ((await s.octokit.auth({ type: "installation" })) as { token?: string }).token;
  return { githubBaseUrl, githubRate, appToken };
}

export async function closeTheWindow(s: Services, config: WindowPolicy, findings: readonly SecretFinding[], held: HeldSecrets | undefined, endpoints: Endpoints = endpointsFor(s)): Promise<void> {
  if (config.revoke.mode === "off" && !config.validity.check) return;
  const bySecret = new Map<string, SecretFinding>();
  for (const f of findings) if (!bySecret.has(f.secretId)) bySecret.set(f.secretId, f);
  if (bySecret.size === 0) return;

  const check = checkers(endpoints);
  const queued = new Map<Provider, Array<{ finding: SecretFinding; credential: LeakedCredential }>>();
  for (const f of bySecret.values()) {
    const fp = secretFingerprint(f.secretId);
    const state = await s.deps.store.stateOf(s.repo.fullName, fp);
    const history = historyOf(await s.deps.store.records({ fingerprint: fp }), s.repo.fullName);
    const credential = held?.get(f.secretId);
    const now = s.deps.now();
    const decision = revocationDecision(config.revoke, { ruleId: f.ruleId, state }, s.repo.isPrivate, history, REVOCABLE);
    const checkWith = validityDue(config.validity, { ruleId: f.ruleId, state }, history, CHECKABLE, now);
    if (state === undefined && (decision.action !== "skip" || (checkWith && credential))) await recordEvent(s, fp, evidence("detected", findingDetails(f)));

    // Validity first: whether the credential worked when Keyward found it.
    if (checkWith && credential) {
      const result = await check[checkWith].check(credential);
      await recordEvent(s, fp, evidence("validity-checked", { provider: checkWith, rule: f.ruleId, state: result.state, status: result.status, checkedAt: s.deps.now().toISOString(), ...(result.requestId ? { requestId: result.requestId } : {}) }));
    }
    switch (decision.action) {
      case "dry-run":
        await recordEvent(s, fp, evidence("revocation-requested", { provider: decision.provider, rule: f.ruleId, mode: "dry-run", sent: false, requestedAt: now.toISOString() }));
        break;
      case "already-revoked":
        await recordEvent(s, fp, evidence("revoked", { by: AUTO_REVOKED_BY, provider: decision.provider, status: "already revoked", revokedAt: decision.before.at, repository: decision.before.repository }));
        break;
      case "revoke":
        if (credential) queued.set(decision.provider, [...(queued.get(decision.provider) ?? []), { finding: f, credential }]);
        break;
      case "skip":
        break;
    }
  }

  const revoke = revokers(endpoints);
  for (const [provider, queue] of queued) {
    const requestedAt = s.deps.now().toISOString();
    for (const { finding } of queue) await recordEvent(s, secretFingerprint(finding.secretId), evidence("revocation-requested", { provider, rule: finding.ruleId, mode: "on", sent: true, requestedAt }));
    let results: RevocationResult[];
    try {
      results = await revoke[provider].revoke(queue.map((q) => q.credential));
    } catch (err) {
      // Not the error's message: it is ours, but nothing about this path should be quoted.
      results = queue.map((q) => ({ secretId: q.finding.secretId, outcome: "failed", status: "error", attempts: 0, reason: `Keyward could not send the request (${(err as Error).name})` }));
    }
    const at = s.deps.now().toISOString();
    for (const r of results) {
      const rule = queue.find((q) => q.finding.secretId === r.secretId)?.finding.ruleId;
      const id = r.requestId ? { requestId: r.requestId } : {};
      if (r.outcome === "revoked") await recordEvent(s, secretFingerprint(r.secretId), evidence("revoked", { by: AUTO_REVOKED_BY, provider, status: r.status, attempts: r.attempts, requestedAt, revokedAt: at, ...id }));
      else await recordEvent(s, secretFingerprint(r.secretId), evidence("revocation-failed", { provider, rule, status: r.status, attempts: r.attempts, reason: r.reason, failedAt: at, ...id }));
      s.log.info({ delivery: s.deliveryId, secretId: r.secretId, provider, outcome: r.outcome, status: r.status }, "revocation");
    }
  }
  held?.clear();

  if (config.issues.enabled) await syncWindowSections(s, [...bySecret.keys()]);
}

/** Each issue's "Revocation and validity" section, as the evidence has it: a reconcile step. */
async function syncWindowSections(s: Services, secretIds: readonly string[]): Promise<void> {
  await s.deps.locks.withLock(`issues:${s.repo.fullName}`, async (fence) => {
    s = { ...s, deps: fencedDeps(s.deps, fence) };
    const known = await findingIssues(s, secretIds);
    for (const id of secretIds) {
      const issue = known.get(id);
      if (!issue) continue;
      const body = withWindowStatus(issue.body, windowStatus(await s.deps.store.records({ fingerprint: secretFingerprint(id) }), s.repo.fullName));
      if (body === issue.body) continue;
      await s.deps.pacer.wait(s.repo.installation);
      await withSecondaryRetry(() => s.octokit.rest.issues.update({ owner: s.repo.owner, repo: s.repo.repo, issue_number: issue.number, body }));
    }
  });
}
