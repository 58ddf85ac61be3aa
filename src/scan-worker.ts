/**
 * A worker thread of a parallel working-tree scan (scan-pool.ts): the same scanner and
 * reader as the main thread, built once from the same configuration, scanning the batches it
 * is sent. Findings carry no secret (see detect/types.ts), so they may cross threads; a scan
 * that hands raw secrets on (`onSecret`) never runs here.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Config } from "./config.js";
import { FileReader } from "./ingest/worktree.js";
import { scanBatch, scannerFor, type BatchScan } from "./scan.js";

export interface WorkerSetup {
  readonly root: string;
  readonly config: Pick<Config, "rules" | "allow">;
  readonly hashKey?: string;
  readonly maxFileBytes: number;
  readonly followSymlinks: boolean;
}

export type WorkerReply = { readonly kind: "ready" } | { readonly kind: "batch"; readonly id: number; readonly result: BatchScan };

if (parentPort) {
  const port = parentPort;
  const setup = workerData as WorkerSetup;
  const scanner = scannerFor(setup.config, setup.hashKey);
  const reader = new FileReader(setup.maxFileBytes, { followSymlinks: setup.followSymlinks });
  port.on("message", (m: { id: number; paths: string[] }) => {
    port.postMessage({ kind: "batch", id: m.id, result: scanBatch(scanner, reader, setup.root, m.paths) } satisfies WorkerReply);
  });
  port.postMessage({ kind: "ready" } satisfies WorkerReply);
}
