/**
 * What the use cases share: the repository in question, the injected dependencies, and the
 * services of one delivery. No Probot context reaches this layer: the App, the worker and the
 * Action each turn their input into these and call a use case.
 */
import type { ProbotOctokit } from "probot";
import type { Logger } from "pino";
import type { EvidenceStore } from "../evidence/types.js";
import type { ResponseCaches } from "../inventory/conditional.js";
import type { Budgets } from "../revoke/rate.js";
import type { Locks } from "./locks.js";
import type { Provenance } from "../provenance.js";
import type { Pacing } from "./pacer.js";

/** An Octokit with pagination, retries and throttling (Probot's, or the Action's built the same way). */
export type Octokit = ProbotOctokit;
export type { Logger };

export interface RepoRef {
  readonly owner: string;
  readonly repo: string;
  /** owner/name */
  readonly fullName: string;
  readonly installation?: number;
  readonly defaultBranch: string;
  readonly htmlUrl: string;
  readonly cloneUrl: string;
  readonly isPrivate: boolean;
}

interface PayloadRepository {
  readonly name: string;
  readonly full_name: string;
  readonly owner: { readonly login: string } | null;
  readonly default_branch?: string;
  readonly html_url: string;
  readonly clone_url?: string;
  readonly private: boolean;
}

export function repoRef(repository: PayloadRepository, installation?: { id: number } | null): RepoRef {
  return {
    owner: repository.owner?.login ?? repository.full_name.split("/")[0]!,
    repo: repository.name,
    fullName: repository.full_name,
    ...(installation ? { installation: installation.id } : {}),
    defaultBranch: repository.default_branch ?? "main",
    htmlUrl: repository.html_url,
    cloneUrl: repository.clone_url ?? `${repository.html_url}.git`,
    isPrivate: repository.private,
  };
}

/** Side effects the use cases are given rather than reaching for (see deps.ts makeDeps). */
export interface AppDeps {
  readonly store: EvidenceStore;
  readonly now: () => Date;
  /** Key for secret ids (KEYWARD_FINGERPRINT_KEY); the same key must be used everywhere. */
  readonly hashKey?: string;
  /** Where temporary clones for large pushes go. */
  readonly workdir: string;
  /** Pacing for content-creating requests (issues, comments), per installation; see pacer.ts. */
  readonly pacer: Pacing;
  /** Where rate limits are counted: this process, or Redis shared by every worker (the revocation budget). */
  readonly budgets: Budgets;
  /** How often the App runs access reviews across its installations; off when absent. */
  readonly reviewEveryMs?: number;
  /** Serializes each repository's issue reconciliation (in memory, or Redis across workers). */
  readonly locks: Locks;
  /** Configuration digests this process has recorded (provenance.ts): each is recorded once. */
  readonly recordedConfigs: Set<string>;
  /** The inventory sweep's ETag cache per installation: a file per installation, or Redis in queue mode. */
  readonly responseCaches: ResponseCaches;
  /** How long a delivery's claim holds before another process may take it over (delivery-once.ts); 0 in queue mode, where the queue's lock decides. */
  readonly deliveryLeaseMs?: number;
  /** Queue mode: installation baselines become one job per repository instead of running inline. */
  readonly enqueueBaseline?: (job: { installationId: number; repository: string; deliveryId: string }) => Promise<void>;
  /** Queue mode: an installation's inventory sweep becomes an organisation job and one job per repository. */
  readonly enqueueInventory?: (job: { installation: { id: number; account: string }; deliveryId: string }) => Promise<void>;
  /** Told what each change's secret scan cost (the App's and the worker's /metrics). */
  readonly onScanned?: (cost: ScanCost) => void;
}

/** One change's secret scan: building the scanner and scanning, reads from GitHub not counted. */
export interface ScanCost {
  readonly seconds: number;
  /** Characters of added lines scanned. */
  readonly chars: number;
}

/** One delivery's view: the API, the repository, the dependencies, a logger and the delivery id. */
export interface Services {
  readonly octokit: Octokit;
  readonly repo: RepoRef;
  readonly deps: AppDeps;
  readonly log: Logger;
  /** The GitHub delivery being handled: evidence records carry it. */
  readonly deliveryId: string;
  /** During a scan: the Keyward and rules version and the configuration digest its records carry (provenance.ts). */
  readonly provenance?: Provenance;
}
