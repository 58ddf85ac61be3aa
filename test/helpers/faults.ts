/**
 * Faults a test can inject into the stand-ins, the way a flaky network and a busy GitHub fail:
 * an endpoint that answers slowly, one that does the write and then loses the answer (the
 * connection hangs, then drops), one that answers 5xx a number of times before it recovers —
 * and a TCP proxy in front of PostgreSQL whose outage is a real one (connections cut, new ones
 * refused), not a mocked store.
 */
import { createServer, connect, type Server, type Socket } from "node:net";

export type Fault =
  /** Wait this long before handling the request. */
  | { readonly kind: "slow"; readonly ms: number }
  /** Do what the request asks, then hang `hangMs` and drop the connection: the answer is lost. */
  | { readonly kind: "lost-answer"; readonly hangMs?: number }
  /** Answer `status` without doing anything. */
  | { readonly kind: "status"; readonly status: number };

export interface FaultRule {
  readonly method?: string;
  readonly path: RegExp;
  readonly fault: Fault;
  /** How many matching requests it applies to (default: every one). */
  times?: number;
}

/** The fault for this request, if any rule matches; counts the rule down. */
export function faultFor(rules: FaultRule[], method: string, path: string): Fault | undefined {
  for (const r of rules) {
    if ((r.method && r.method !== method) || !r.path.test(path)) continue;
    if (r.times !== undefined) {
      if (r.times <= 0) continue;
      r.times--;
    }
    return r.fault;
  }
  return undefined;
}

/**
 * A TCP proxy to a real database: `down()` cuts every open connection and refuses new ones
 * until `up()`. Point the store's connection string at `url(...)`.
 */
export class DbProxy {
  private server?: Server;
  private readonly open = new Set<Socket>();
  private isDown = false;
  port = 0;

  constructor(
    private readonly target: { host: string; port: number } = { host: "127.0.0.1", port: 5432 },
  ) {}

  async start(): Promise<void> {
    this.server = createServer((client) => {
      if (this.isDown) return void client.destroy();
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.open.add(s);
        s.on("close", () => this.open.delete(s));
        s.on("error", () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    const a = this.server.address();
    this.port = typeof a === "object" && a ? a.port : 0;
  }

  /** The connection string through the proxy. */
  url(database: string, user = "postgres"): string {
    return `postgres://${user}@127.0.0.1:${this.port}/${database}`;
  }

  down(): void {
    this.isDown = true;
    for (const s of this.open) s.destroy();
  }

  up(): void {
    this.isDown = false;
  }

  async stop(): Promise<void> {
    this.down();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
