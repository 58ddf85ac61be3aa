/**
 * A light, in-memory stand-in for the GitHub API calls a push delivery makes, for load tests
 * and `npm run bench:load`: no git behind it, so it can answer thousands of deliveries quickly.
 * It records every check run, issue and request, and can delay or fail chosen paths.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export interface LightCheckRun {
  id: number;
  head_sha: string;
  installation: string;
  status: string;
  conclusion?: string;
  createdAt: number;
  completedAt?: number;
}

export interface LightGitHubOptions {
  /** Added lines each commit shows, by commit sha (default: a harmless README line). */
  readonly patches?: Readonly<Record<string, { filename: string; patch: string }>>;
  /** Milliseconds to wait before answering requests whose path matches. */
  readonly delays?: ReadonlyArray<{ readonly path: RegExp; readonly ms: number }>;
}

export class LightGitHub {
  readonly checkRuns: LightCheckRun[] = [];
  readonly issues: Array<{ number: number; title: string; body: string; repo: string }> = [];
  requests = 0;
  private server?: Server;
  url = "";

  constructor(private readonly options: LightGitHubOptions = {}) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res).catch((e: Error) => send(res, 500, { message: e.message })));
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    const a = this.server.address();
    this.url = `http://127.0.0.1:${typeof a === "object" && a ? a.port : 0}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests++;
    const url = new URL(req.url ?? "/", "http://x");
    const path = decodeURIComponent(url.pathname);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>) : {};
    for (const d of this.options.delays ?? []) if (d.path.test(path)) await new Promise((r) => setTimeout(r, d.ms));
    const auth = String(req.headers.authorization ?? "");
    let m: RegExpExecArray | null;
    if (req.method === "POST" && (m = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path))) return send(res, 201, { token: `inst-${m[1]}`, expires_at: "2099-01-01T00:00:00Z" });
    if (req.method === "POST" && /^\/repos\/[^/]+\/[^/]+\/check-runs$/.test(path)) {
      const run: LightCheckRun = { id: this.checkRuns.length + 1, head_sha: String(body.head_sha), installation: auth.replace(/^token /, ""), status: String(body.status ?? "queued"), createdAt: Date.now() };
      this.checkRuns.push(run);
      return send(res, 201, run);
    }
    if (req.method === "PATCH" && (m = /^\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/.exec(path))) {
      const run = this.checkRuns[Number(m[1]) - 1];
      if (!run) return send(res, 404, { message: "Not Found" });
      if (body.status) run.status = String(body.status);
      if (body.conclusion) run.conclusion = String(body.conclusion);
      if (body.status === "completed") run.completedAt = Date.now();
      return send(res, 200, run);
    }
    if (req.method === "GET" && (m = /^\/repos\/[^/]+\/[^/]+\/compare\/(.+)\.\.\.(.+)$/.exec(path))) return send(res, 200, { commits: [{ sha: m[2] }] });
    if (req.method === "GET" && (m = /^\/repos\/[^/]+\/[^/]+\/commits\/([0-9a-f]{40})$/.exec(path))) {
      const p = this.options.patches?.[m[1]!] ?? { filename: "README.md", patch: "@@ -1,0 +1 @@\n+Release notes" };
      return send(res, 200, { sha: m[1], commit: { author: { name: "Load Test", email: "load@example.test", date: "2026-01-01T00:00:00Z" } }, author: { login: "loadtest" }, files: [{ filename: p.filename, status: "modified", additions: 1, changes: 1, patch: p.patch }] });
    }
    if (req.method === "GET" && /^\/repos\/[^/]+\/[^/]+\/issues$/.test(path)) {
      const repo = path.split("/").slice(2, 4).join("/");
      return send(res, 200, url.searchParams.get("page") && url.searchParams.get("page") !== "1" ? [] : this.issues.filter((i) => i.repo === repo).map((i) => ({ number: i.number, title: i.title, body: i.body, state: "open", html_url: `https://github.com/${repo}/issues/${i.number}`, labels: [{ name: "keyward" }] })));
    }
    if (req.method === "POST" && /^\/repos\/[^/]+\/[^/]+\/issues$/.test(path)) {
      const repo = path.split("/").slice(2, 4).join("/");
      const issue = { number: this.issues.length + 1, title: String(body.title), body: String(body.body ?? ""), repo };
      this.issues.push(issue);
      return send(res, 201, { number: issue.number, html_url: `https://github.com/${repo}/issues/${issue.number}` });
    }
    if (req.method === "GET" && /\/assignees\//.test(path)) return send(res, 404, { message: "Not Found" });
    return send(res, 404, { message: "Not Found" });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
