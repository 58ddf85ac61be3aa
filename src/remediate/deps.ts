/**
 * The one place the use cases' dependencies are built, for the App, the worker and the Action
 * alike: each passes what differs (its store, its locks, queue hooks) and gets the same defaults.
 */
import { tmpdir } from "node:os";
import type { EvidenceStore } from "../evidence/types.js";
import { memoryCaches, type ResponseCaches } from "../inventory/conditional.js";
import { memoryLocks, type Locks } from "./locks.js";
import { memoryBudgets, type Budgets } from "../revoke/rate.js";
import { GITHUB_CONTENT_LIMITS, Pacer } from "./pacer.js";
import type { AppDeps } from "./types.js";

export interface DepsOptions {
  readonly store: EvidenceStore;
  readonly now?: () => Date;
  readonly hashKey?: string;
  readonly workdir?: string;
  readonly pacer?: AppDeps["pacer"];
  /** In memory per process unless given (Redis in queue mode: every worker shares the limits). */
  readonly budgets?: Budgets;
  /** In memory unless given (Redis locks in queue mode). */
  readonly locks?: Locks;
  readonly reviewEveryMs?: number;
  readonly deliveryLeaseMs?: number;
  readonly enqueueBaseline?: AppDeps["enqueueBaseline"];
  readonly enqueueInventory?: AppDeps["enqueueInventory"];
  /** In memory per process unless given (a file per installation for the App, Redis in queue mode). */
  readonly responseCaches?: ResponseCaches;
  readonly onScanned?: AppDeps["onScanned"];
}

export function makeDeps(o: DepsOptions): AppDeps {
  const budgets = o.budgets ?? memoryBudgets();
  return {
    store: o.store,
    now: o.now ?? (() => new Date()),
    ...(o.hashKey ? { hashKey: o.hashKey } : {}),
    workdir: o.workdir ?? tmpdir(),
    pacer: o.pacer ?? new Pacer({ ...GITHUB_CONTENT_LIMITS, budgets }),
    budgets,
    locks: o.locks ?? memoryLocks(),
    recordedConfigs: new Set(),
    responseCaches: o.responseCaches ?? memoryCaches(),
    ...(o.reviewEveryMs ? { reviewEveryMs: o.reviewEveryMs } : {}),
    ...(o.deliveryLeaseMs !== undefined ? { deliveryLeaseMs: o.deliveryLeaseMs } : {}),
    ...(o.enqueueBaseline ? { enqueueBaseline: o.enqueueBaseline } : {}),
    ...(o.enqueueInventory ? { enqueueInventory: o.enqueueInventory } : {}),
    ...(o.onScanned ? { onScanned: o.onScanned } : {}),
  };
}
