/**
 * A working-tree scan on every core: the files in batches on a shared queue, taken by this
 * thread and by worker threads (scan-worker.ts), the results handed on in file order, so the
 * report is byte for byte the one a single thread writes (test/speed/parallel.test.ts).
 *
 * Workers start only once this thread has scanned for `startAfterMs`: a small repository is
 * done before a worker could have loaded the rules. This thread keeps scanning batches too,
 * and yields to the event loop between them so worker results and requests are served.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Worker } from "node:worker_threads";
import type { BatchScan } from "./scan.js";
import type { WorkerSetup, WorkerReply } from "./scan-worker.js";

/** Files per batch: a few milliseconds of work, so the queue balances and the tail is short. */
const BATCH_FILES = 32;
/** Batches a worker holds at once: one to scan, one queued while this thread answers. */
const IN_FLIGHT = 2;
/** Scanning alone this long before starting workers (their start-up costs about this much). */
export const DEFAULT_START_AFTER_MS = 25;

const WORKER_URL = new URL("./scan-worker.js", import.meta.url);
/** Workers run the built JavaScript; from TypeScript sources (the tests), scans stay on one thread. */
const canSpawn = (): boolean => WORKER_URL.protocol === "file:" && existsSync(fileURLToPath(WORKER_URL));

export interface PoolOptions {
  /** Threads in all, this one included; 1 scans here only. */
  readonly threads: number;
  readonly startAfterMs?: number;
  readonly setup: WorkerSetup;
}

/**
 * Scan `files` with `scanHere` on this thread and the same scan on workers; `sink` gets every
 * batch's result in file order. Returns how many threads scanned.
 */
export async function scanFiles(files: readonly string[], scanHere: (paths: readonly string[]) => BatchScan, sink: (b: BatchScan) => void, options: PoolOptions): Promise<number> {
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += BATCH_FILES) batches.push(files.slice(i, i + BATCH_FILES) as string[]);
  const results: Array<BatchScan | undefined> = new Array(batches.length);
  let drained = 0;
  const drain = () => {
    for (; drained < batches.length && results[drained] !== undefined; drained++) {
      sink(results[drained]!);
      results[drained] = undefined;
    }
  };

  // Batches never taken, then batches a failed worker held (this thread scans those).
  let next = 0;
  const retry: number[] = [];
  const take = (): number => (retry.length > 0 ? retry.shift()! : next < batches.length ? next++ : -1);

  const pool: Array<{ worker: Worker; held: Set<number> }> = [];
  let settle: (() => void) | undefined;
  const busy = () => pool.some((p) => p.held.size > 0);
  const feed = (p: (typeof pool)[number]) => {
    for (let id: number; p.held.size < IN_FLIGHT && (id = take()) !== -1; ) {
      p.held.add(id);
      p.worker.postMessage({ id, paths: batches[id]! });
    }
  };
  const startPool = async () => {
    const { Worker } = await import("node:worker_threads");
    for (let i = 1; i < options.threads; i++) {
      const p = { worker: new Worker(WORKER_URL, { workerData: options.setup }), held: new Set<number>() };
      pool.push(p);
      p.worker.on("message", (m: WorkerReply) => {
        if (m.kind === "ready") return feed(p);
        p.held.delete(m.id);
        results[m.id] = m.result;
        drain();
        feed(p);
        if (!busy()) settle?.();
      });
      // A worker that fails hands its batches back; this thread scans them.
      const lost = () => {
        retry.push(...p.held);
        p.held.clear();
        pool.splice(pool.indexOf(p), 1);
        if (!busy()) settle?.();
      };
      p.worker.on("error", () => pool.includes(p) && lost());
      p.worker.on("exit", () => pool.includes(p) && lost());
    }
  };

  const parallel = options.threads > 1 && batches.length > 1 && canSpawn();
  const started = performance.now();
  let poolStarted = false;
  let yielded = performance.now();
  try {
    for (;;) {
      if (parallel && !poolStarted && performance.now() - started >= (options.startAfterMs ?? DEFAULT_START_AFTER_MS) && next < batches.length - 1) {
        poolStarted = true;
        await startPool();
      }
      const id = take();
      if (id === -1) {
        if (!busy()) break;
        // Wait for the workers' last batches (or for one to fail and hand them back).
        await new Promise<void>((r) => (settle = r));
        settle = undefined;
        continue;
      }
      results[id] = scanHere(batches[id]!);
      drain();
      // Serve the workers between batches; alone, give the event loop a turn every 50 ms so a
      // server scanning a repository stays responsive.
      if (pool.length > 0 || performance.now() - yielded > 50) {
        await new Promise((r) => setImmediate(r));
        yielded = performance.now();
      }
    }
  } finally {
    await Promise.all(pool.map((p) => p.worker.terminate()));
  }
  return poolStarted ? options.threads : 1;
}
