/**
 * The inventory sweep in queue mode, spread over the workers: one job collects what the
 * organisation holds beyond its repositories, then adds a BullMQ flow — one job per repository
 * (collect, judge its own identities, reconcile its reviews; it returns its digest) and, once
 * all of them are done, one job for the organisation's own identities, judged with every
 * digest. N workers share a 1,000-repository organisation; a repository that fails every
 * attempt is left out of the organisation's judgement, which then closes no review.
 *
 * Every job id is (installation, day[, repository]): the installation delivery and the daily
 * run of one day sweep once, a redelivery or a second receiver adds nothing, and a crashed
 * worker's job is finished by another. The jobs' data is JSON: what a repository job needs
 * from the organisation (repositoryInput) travels with it; the rest it reads through the
 * installation's ETag cache in Redis, where an unchanged response costs nothing.
 */
import { FlowProducer, type Job, type Queue } from "bullmq";
import type { Probot } from "probot";
import { repositoryInput, sweptRepositories } from "../inventory/collect.js";
import type { OrgFacts, RepositoryDigest, RepositoryInput } from "../inventory/types.js";
import { collectInstallation, sweepOrganisation, sweepRepository, withInventoryCache, type InstallationRef, type SweepContext } from "../remediate/inventory-reviews.js";
import type { AppDeps } from "../remediate/types.js";
import { JOB_OPTIONS, redisConnection } from "./deliveries.js";

export const INVENTORY_JOB = "keyward.inventory";
export const INVENTORY_REPOSITORY_JOB = "keyward.inventory-repository";
export const INVENTORY_ORGANISATION_JOB = "keyward.inventory-organisation";

interface Base {
  readonly installation: InstallationRef;
  readonly deliveryId: string;
  /** The sweep's day (UTC), part of every job id. */
  readonly day: string;
  readonly receivedAt: number;
}
export type InventoryJob = Base;
export interface RepositoryJob extends Base {
  readonly input: RepositoryInput;
}
export interface OrganisationJob extends Base {
  readonly facts: OrgFacts;
}

/** Job ids may not hold ':' (BullMQ); a repository's full name holds only '/', '.', '-' and '_'. */
const idOf = (kind: string, j: Base, repository?: string) => [kind, j.installation.id, j.day, ...(repository ? [repository] : [])].join(".");

export function enqueueInventory(queue: Queue, job: InventoryJob): Promise<unknown> {
  return queue.add(INVENTORY_JOB, job, { ...JOB_OPTIONS, jobId: idOf("inventory", job) });
}

export interface InventoryWorker {
  /** The result of an inventory job (a repository's digest), or undefined when the job is not one. */
  process(job: Job): Promise<{ handled: boolean; value?: unknown }>;
  close(): Promise<void>;
}

export function inventoryWorker(o: { readonly probot: Probot; readonly deps: AppDeps; readonly redisUrl: string; readonly queueName: string }): InventoryWorker {
  const flows = new FlowProducer({ connection: redisConnection(o.redisUrl) });
  const context = async (j: Base): Promise<SweepContext> => {
    const octokit = await o.probot.auth(j.installation.id);
    await withInventoryCache(octokit, o.deps, j.installation.id);
    return { octokit, deps: o.deps, installation: j.installation, log: o.probot.log, deliveryId: j.deliveryId };
  };

  const collect = async (j: InventoryJob) => {
    const facts = await collectInstallation(await context(j));
    const base: Base = { installation: j.installation, deliveryId: j.deliveryId, day: j.day, receivedAt: j.receivedAt };
    await flows.add({
      name: INVENTORY_ORGANISATION_JOB,
      queueName: o.queueName,
      data: { ...base, facts } satisfies OrganisationJob,
      opts: { ...JOB_OPTIONS, jobId: idOf("inventory-organisation", j) },
      children: sweptRepositories(facts).map((repo) => ({
        name: INVENTORY_REPOSITORY_JOB,
        queueName: o.queueName,
        data: { ...base, input: repositoryInput(facts, repo) } satisfies RepositoryJob,
        // A repository that fails every attempt does not hold the organisation's judgement hostage.
        opts: { ...JOB_OPTIONS, jobId: idOf("inventory-repository", j, repo.fullName), ignoreDependencyOnFailure: true },
      })),
    });
  };

  const repository = async (j: RepositoryJob): Promise<RepositoryDigest> => {
    const { digest, outcome } = await sweepRepository(await context(j), j.input);
    o.probot.log.info({ delivery: j.deliveryId, repository: j.input.repo.fullName, ...outcome }, "inventory repository swept");
    return digest;
  };

  const organisation = async (job: Job<OrganisationJob>) => {
    const j = job.data;
    const values = (await job.getChildrenValues()) as Record<string, RepositoryDigest>;
    const failed = Object.keys(await job.getIgnoredChildrenFailures());
    // The organisation's order, whichever worker finished first: the same judgement as one process makes.
    const byName = new Map(Object.values(values).map((d) => [d.repository, d]));
    const swept = sweptRepositories(j.facts);
    const digests = swept.flatMap((r) => byName.get(r.fullName) ?? []);
    const outcome = await sweepOrganisation(await context(j), j.facts, digests, failed.length === 0 && digests.length === swept.length);
    o.probot.log.info({ delivery: j.deliveryId, ...outcome, repositories: digests.length, failedRepositories: failed.length }, "inventory sweep done");
  };

  return {
    async process(job) {
      if (job.name === INVENTORY_JOB) return { handled: true, value: await collect(job.data as InventoryJob) };
      if (job.name === INVENTORY_REPOSITORY_JOB) return { handled: true, value: await repository(job.data as RepositoryJob) };
      if (job.name === INVENTORY_ORGANISATION_JOB) return { handled: true, value: await organisation(job as Job<OrganisationJob>) };
      return { handled: false };
    },
    close: () => flows.close(),
  };
}
