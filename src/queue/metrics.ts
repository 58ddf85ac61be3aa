/** Prometheus metrics for the receiver and the workers, on one registry per process. */
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { ScanCost } from "../remediate/types.js";

export interface Metrics {
  readonly registry: Registry;
  readonly received: Counter<"event">;
  readonly queued: Counter<"event">;
  readonly duplicates: Counter;
  readonly processed: Counter<"event">;
  readonly failed: Counter<"event">;
  /** Seconds from the delivery's arrival to a worker starting it. */
  readonly queueLatency: Histogram;
  /** Seconds a worker spends on one delivery. */
  readonly processing: Histogram<"event">;
  /** Seconds one change's secret scan takes (push, pull request, re-run), reads from GitHub not counted. */
  readonly scanSeconds: Histogram;
  readonly scannedChars: Counter;
}

export function createMetrics(role: "receiver" | "worker"): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ role });
  collectDefaultMetrics({ register: registry });
  const c = <L extends string>(name: string, help: string, labelNames: L[] = []) => new Counter({ name, help, labelNames, registers: [registry] });
  return {
    registry,
    received: c("keyward_deliveries_received_total", "Webhook deliveries received with a valid signature", ["event"]),
    queued: c("keyward_deliveries_queued_total", "Deliveries put on the queue", ["event"]),
    duplicates: c("keyward_deliveries_duplicate_total", "Deliveries already on the queue (redeliveries), not queued again"),
    processed: c("keyward_deliveries_processed_total", "Deliveries a worker finished", ["event"]),
    failed: c("keyward_deliveries_failed_total", "Delivery attempts that failed (retried until the attempts run out)", ["event"]),
    queueLatency: new Histogram({ name: "keyward_queue_latency_seconds", help: "Time from arrival to a worker starting the delivery", buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300], registers: [registry] }),
    processing: new Histogram({ name: "keyward_processing_seconds", help: "Time a worker spends on one delivery", labelNames: ["event"], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300], registers: [registry] }),
    scanSeconds: new Histogram({ name: "keyward_scan_seconds", help: "Time one delivery's secret scan takes (building the scanner and scanning its added lines; reads from GitHub not counted)", buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers: [registry] }),
    scannedChars: c("keyward_scanned_chars_total", "Characters of added lines scanned"),
  };
}

/** What a process with these metrics passes as AppDeps.onScanned. */
export function recordScans(metrics: Metrics): (cost: ScanCost) => void {
  return (cost) => {
    metrics.scanSeconds.observe(cost.seconds);
    metrics.scannedChars.inc(cost.chars);
  };
}
