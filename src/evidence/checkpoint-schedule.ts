/**
 * Checkpoints on a schedule, for a long-running process (the App): every `checkEveryMs` it asks
 * whether a checkpoint is due (N records since the last, or records older than `maxAgeMs`
 * uncovered: checkpoints.ts) and makes one — signed, chained, timestamped and published as
 * `makeCheckpoint` does. One run at a time; the timer is unref'd, so it never holds a process
 * open, and `stop()` waits for a run in progress. Side effects (store, signer, clock, TSA,
 * publishers) are passed in.
 */
import { CheckpointRefusedError, checkpointIfDue, type CheckpointOptions, type CheckpointResult } from "./checkpoints.js";
import type { EvidenceStore } from "./types.js";

export interface ScheduleOptions extends CheckpointOptions {
  /** How often to ask whether a checkpoint is due (default one minute). */
  readonly checkEveryMs?: number;
  /** Told of each checkpoint made. */
  readonly onCheckpoint?: (result: CheckpointResult) => void;
  /** Told when a checkpoint is refused (the log no longer matches the last one) or the store fails. */
  readonly onError?: (err: Error) => void;
}

export const DEFAULT_CHECK_EVERY_MS = 60_000;

export interface CheckpointSchedule {
  /** Makes a checkpoint now if one is due (what the timer does); waits for a run in progress first. */
  tick(): Promise<CheckpointResult | undefined>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

export function scheduleCheckpoints(store: EvidenceStore, options: ScheduleOptions): CheckpointSchedule {
  let running: Promise<CheckpointResult | undefined> | undefined;
  let stopped = false;
  // A refused checkpoint is refused again at every tick until someone looks: say it once.
  let refused: string | undefined;
  const run = async (): Promise<CheckpointResult | undefined> => {
    try {
      const made = await checkpointIfDue(store, options);
      if (made) options.onCheckpoint?.(made);
      refused = undefined;
      return made;
    } catch (err) {
      const message = (err as Error).message;
      if (!(err instanceof CheckpointRefusedError) || refused !== message) options.onError?.(err as Error);
      if (err instanceof CheckpointRefusedError) refused = message;
      return undefined;
    }
  };
  const tick = async (): Promise<CheckpointResult | undefined> => {
    while (running) await running;
    if (stopped) return undefined;
    running = run().finally(() => (running = undefined));
    return running;
  };
  const timer = setInterval(() => void tick(), options.checkEveryMs ?? DEFAULT_CHECK_EVERY_MS);
  timer.unref();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (running) await running;
    },
  };
}
