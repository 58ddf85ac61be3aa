/** Prometheus metrics for the receiver and the workers, on one registry per process. */
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

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
  readonly scannedBytes: Counter;
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
    scannedBytes: c("keyward_scanned_bytes_total", "Bytes of added lines and files scanned"),
  };
}
