/**
 * installation.created and installation_repositories.added: a baseline of each repository,
 * inline, or in queue mode one job per repository (paced and resumable on their own); for an
 * organisation, the inventory sweep, inline or queued likewise.
 */
import type { Context } from "probot";
import { baselineRepository } from "../../remediate/baseline.js";
import { loadRepoConfig } from "../../remediate/github/repo-files.js";
import { sweepInstallation } from "../../remediate/inventory-reviews.js";
import { repoRef, type AppDeps, type Services } from "../../remediate/types.js";

export async function onInstallation(context: Context<"installation.created" | "installation_repositories.added">, deps: AppDeps): Promise<void> {
  const p = context.payload;
  const repos = "repositories_added" in p ? p.repositories_added : (p.repositories ?? []);
  for (const r of repos) {
    if (deps.enqueueBaseline && p.installation) {
      await deps.enqueueBaseline({ installationId: p.installation.id, repository: r.full_name, deliveryId: context.id });
      continue;
    }
    const [owner, name] = r.full_name.split("/") as [string, string];
    const { data } = await context.octokit.rest.repos.get({ owner, repo: name });
    const s: Services = { octokit: context.octokit, repo: repoRef(data as never, p.installation), deps, log: context.log, deliveryId: context.id };
    const result = await baselineRepository(s, await loadRepoConfig(s.octokit, s.repo, s.repo.defaultBranch));
    context.log.info({ delivery: context.id, ...result }, "baseline scan done");
  }
  // A new installation on an organisation: the inventory of what GitHub holds, and its reviews.
  const account = p.installation.account as { login?: string; type?: string } | null;
  if (p.action === "created" && account?.login && account.type === "Organization") {
    if (deps.enqueueInventory) return deps.enqueueInventory({ installation: { id: p.installation.id, account: account.login }, deliveryId: context.id });
    const outcome = await sweepInstallation(context.octokit, deps, { id: p.installation.id, account: account.login }, context.log, context.id);
    context.log.info({ delivery: context.id, ...outcome }, "inventory sweep done");
  }
}
