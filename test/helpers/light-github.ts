/**
 * A light, in-memory stand-in for the GitHub API calls a push delivery makes, for load tests,
 * `npm run bench:load` and the fault tests: no git behind it, so it can answer thousands of
 * deliveries quickly. It records every check run, issue, comment and request, can inject faults
 * on chosen endpoints (faults.ts: slow answers, answers lost after the write, 5xx), and plays
 * GitHub's webhook side too: it signs and sends deliveries to the App, lists them as GitHub's
 * `GET /app/hook/deliveries` does, and redelivers one on `POST …/attempts`.
 */
import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { faultFor, type FaultRule } from "./faults.js";

export interface LightCheckRun {
  id: number;
  name: string;
  head_sha: string;
  external_id?: string;
  installation: string;
  status: string;
  conclusion?: string;
  output?: { title?: string; summary?: string };
  /** Each update's status, conclusion and output title, in order. */
  updates: string[];
  createdAt: number;
  completedAt?: number;
}

export interface LightUser {
  readonly login: string;
  readonly id: number;
  readonly type: "User" | "Bot";
}

export interface LightIssue {
  number: number;
  /** GitHub's global id: never reused, unlike a number after a transfer. */
  node_id: string;
  title: string;
  body: string;
  repo: string;
  state: "open" | "closed";
  labels: string[];
  comments: string[];
  /** Who opened it: the App's bot unless a test opens one as someone else (openIssueAs). */
  user: LightUser;
}

/** One delivery attempt, as GitHub lists it (hook-delivery-item). */
export interface LightHookDelivery {
  readonly id: number;
  readonly guid: string;
  readonly delivered_at: string;
  readonly redelivery: boolean;
  readonly duration: number;
  readonly status: string;
  readonly status_code: number;
  readonly event: string;
  readonly action: string | null;
  readonly installation_id: number | null;
  readonly repository_id: number | null;
}

export interface LightGitHubOptions {
  /** Added lines each commit shows, by commit sha (default: a harmless README line). */
  readonly patches?: Readonly<Record<string, { filename: string; patch: string }>>;
  /** Milliseconds to wait before answering requests whose path matches. */
  readonly delays?: ReadonlyArray<{ readonly path: RegExp; readonly ms: number }>;
}

export const BOT: LightUser = { login: "keyward[bot]", id: 9000, type: "Bot" };

export class LightGitHub {
  readonly checkRuns: LightCheckRun[] = [];
  readonly issues: LightIssue[] = [];
  /** Faults to inject, first match wins; tests push and splice as they go. */
  readonly faults: FaultRule[] = [];
  /** Every webhook delivery attempt sent to the App, oldest first. */
  readonly hookDeliveries: LightHookDelivery[] = [];
  /**
   * Repository roles, by login, as GET /repos/{o}/{r}/collaborators/{u}/permission answers
   * them (role_name; `permission` is GitHub's legacy admin/write/read/none). Anyone else: none.
   */
  readonly roles: Record<string, string> = {};
  /** Called with each request before it is handled ("POST /repos/acme/widgets/issues"). */
  onRequest?: (request: string) => void;
  /** Where deliveries go (the App's webhook URL) and the secret they are signed with. */
  hook?: { url: string; secret: string };
  requests = 0;
  private server?: Server;
  private readonly sent = new Map<string, { event: string; body: string }>();
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

  /** Sends a signed delivery to the App as GitHub does, and lists the attempt with its outcome. */
  async deliver(event: string, payload: unknown, o: { guid?: string } = {}): Promise<LightHookDelivery> {
    const guid = o.guid ?? randomUUID();
    const body = JSON.stringify(payload);
    this.sent.set(guid, { event, body });
    return this.attempt(guid, false);
  }

  private async attempt(guid: string, redelivery: boolean): Promise<LightHookDelivery> {
    const { event, body } = this.sent.get(guid)!;
    if (!this.hook) throw new Error("LightGitHub: set hook before delivering");
    const started = Date.now();
    let status_code = 0;
    let status = "failed to connect";
    try {
      const res = await fetch(this.hook.url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-github-event": event, "x-github-delivery": guid, "x-hub-signature-256": `sha256=${createHmac("sha256", this.hook.secret).update(body).digest("hex")}`, "user-agent": "GitHub-Hookshot/light" },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await res.text();
      status_code = res.status;
      status = res.ok ? "OK" : res.statusText || "failed";
    } catch (err) {
      status = (err as Error).name === "TimeoutError" ? "timed out" : "failed to connect";
    }
    const p = JSON.parse(body) as { action?: string; installation?: { id: number }; repository?: { id: number } };
    const d: LightHookDelivery = { id: this.hookDeliveries.length + 1, guid, delivered_at: new Date().toISOString(), redelivery, duration: (Date.now() - started) / 1000, status, status_code, event, action: p.action ?? null, installation_id: p.installation?.id ?? null, repository_id: p.repository?.id ?? null };
    this.hookDeliveries.push(d);
    return d;
  }

  /** An issue someone opened themselves (GitHub would also send issues.opened; Keyward ignores it). */
  openIssueAs(user: LightUser, repo: string, o: { title: string; body: string; labels?: string[] }): LightIssue {
    const issue: LightIssue = { number: this.issues.length + 1, node_id: nodeId(this.issues.length + 1), title: o.title, body: o.body, repo, state: "open", labels: o.labels ?? [], comments: [], user };
    this.issues.push(issue);
    return issue;
  }

  /** An issue as GitHub's webhooks and REST API show it. */
  issueJson(i: LightIssue) {
    return { number: i.number, node_id: i.node_id, title: i.title, body: i.body, state: i.state, html_url: `https://github.com/${i.repo}/issues/${i.number}`, labels: i.labels.map((name) => ({ name })), user: i.user };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests++;
    const url = new URL(req.url ?? "/", "http://x");
    const path = decodeURIComponent(url.pathname);
    const method = req.method ?? "GET";
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>) : {};
    this.onRequest?.(`${method} ${path}`);
    for (const d of this.options.delays ?? []) if (d.path.test(path)) await new Promise((r) => setTimeout(r, d.ms));
    const fault = faultFor(this.faults, method, path);
    if (fault?.kind === "slow") await new Promise((r) => setTimeout(r, fault.ms));
    if (fault?.kind === "status") return send(res, fault.status, { message: `injected ${fault.status}` });
    const answer = this.route(method, path, url.searchParams, body, String(req.headers.authorization ?? ""));
    if (fault?.kind === "lost-answer") {
      // The write is done; the answer never arrives.
      await new Promise((r) => setTimeout(r, fault.hangMs ?? 100));
      req.socket.destroy();
      return;
    }
    if (answer instanceof Promise) {
      const [status, data, headers] = await answer;
      return send(res, status, data, headers);
    }
    const [status, data, headers] = answer;
    send(res, status, data, headers);
  }

  private route(method: string, path: string, q: URLSearchParams, body: Record<string, unknown>, auth: string): Answer | Promise<Answer> {
    let m: RegExpExecArray | null;
    const repoOf = () => path.split("/").slice(2, 4).join("/");
    if (method === "POST" && (m = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path))) return [201, { token: `inst-${m[1]}`, expires_at: "2099-01-01T00:00:00Z" }];
    if (method === "GET" && path === "/app/hook/deliveries") {
      const perPage = Math.min(Number(q.get("per_page") ?? 30), 100);
      const from = Number(q.get("cursor") ?? 0);
      const newestFirst = [...this.hookDeliveries].reverse();
      const page = newestFirst.slice(from, from + perPage);
      const next = from + perPage < newestFirst.length ? { link: `<${this.url}/app/hook/deliveries?per_page=${perPage}&cursor=${from + perPage}>; rel="next"` } : undefined;
      return [200, page, next];
    }
    if (method === "POST" && (m = /^\/app\/hook\/deliveries\/(\d+)\/attempts$/.exec(path))) {
      const d = this.hookDeliveries[Number(m[1]) - 1];
      if (!d) return [404, { message: "Not Found" }];
      // GitHub accepts the request and delivers again shortly after.
      setImmediate(() => void this.attempt(d.guid, true));
      return [202, {}];
    }
    if (method === "POST" && /^\/repos\/[^/]+\/[^/]+\/check-runs$/.test(path)) {
      const run: LightCheckRun = {
        id: this.checkRuns.length + 1,
        name: String(body.name ?? "Keyward"),
        head_sha: String(body.head_sha),
        ...(body.external_id !== undefined ? { external_id: String(body.external_id) } : {}),
        installation: auth.replace(/^token /, ""),
        status: String(body.status ?? "queued"),
        updates: [],
        createdAt: Date.now(),
      };
      this.checkRuns.push(run);
      return [201, run];
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/.exec(path))) {
      const run = this.checkRuns[Number(m[1]) - 1];
      if (!run) return [404, { message: "Not Found" }];
      if (method === "GET") return [200, run];
      if (method !== "PATCH") return [404, { message: "Not Found" }];
      if (body.status) run.status = String(body.status);
      if (body.conclusion) run.conclusion = String(body.conclusion);
      if (body.output) run.output = body.output as LightCheckRun["output"];
      if (body.status === "completed") run.completedAt = Date.now();
      run.updates.push([body.status, body.conclusion, (body.output as { title?: string } | undefined)?.title].map((v) => v ?? "").join("/"));
      return [200, run];
    }
    if (method === "GET" && (m = /^\/repos\/[^/]+\/[^/]+\/commits\/([^/]+)\/check-runs$/.exec(path))) {
      const runs = this.checkRuns.filter((c) => c.head_sha === m![1] && (!q.get("check_name") || c.name === q.get("check_name")));
      return [200, { total_count: runs.length, check_runs: runs }];
    }
    if (method === "GET" && (m = /^\/repos\/[^/]+\/[^/]+\/compare\/(.+)\.\.\.(.+)$/.exec(path))) return [200, { commits: [{ sha: m[2] }] }];
    if (method === "GET" && (m = /^\/repos\/[^/]+\/[^/]+\/commits\/([0-9a-f]{40})$/.exec(path))) {
      const p = this.options.patches?.[m[1]!] ?? { filename: "README.md", patch: "@@ -1,0 +1 @@\n+Release notes" };
      return [200, { sha: m[1], commit: { author: { name: "Load Test", email: "load@example.test", date: "2026-01-01T00:00:00Z" } }, author: { login: "loadtest" }, files: [{ filename: p.filename, status: "modified", additions: 1, changes: 1, patch: p.patch }] }];
    }
    // A branch's head commit, as `Accept: application/vnd.github.sha` asks for it (verify-fix.ts).
    if (method === "GET" && (m = /^\/repos\/[^/]+\/[^/]+\/commits\/([^/]+)$/.exec(path))) return [200, "f".repeat(40)];
    if (method === "GET" && /^\/repos\/[^/]+\/[^/]+\/issues$/.test(path)) {
      const repo = repoOf();
      const state = q.get("state") ?? "open";
      const labels = (q.get("labels") ?? "").split(",").filter(Boolean);
      if (q.get("page") && q.get("page") !== "1") return [200, []];
      const listed = this.issues.filter((i) => i.repo === repo && (state === "all" || i.state === state) && labels.every((l) => i.labels.includes(l)));
      return [200, listed.map((i) => this.issueJson(i))];
    }
    if (method === "POST" && /^\/repos\/[^/]+\/[^/]+\/issues$/.test(path)) {
      const repo = repoOf();
      const issue: LightIssue = { number: this.issues.length + 1, node_id: nodeId(this.issues.length + 1), title: String(body.title), body: String(body.body ?? ""), repo, state: "open", labels: ((body.labels as string[] | undefined) ?? []).map(String), comments: [], user: BOT };
      this.issues.push(issue);
      return [201, this.issueJson(issue)];
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)$/.exec(path))) {
      const issue = this.issues.find((i) => i.repo === repoOf() && i.number === Number(m![1]));
      if (!issue) return [404, { message: "Not Found" }];
      if (method === "PATCH") {
        if (body.state === "open" || body.state === "closed") issue.state = body.state;
        if (typeof body.body === "string") issue.body = body.body;
        if (Array.isArray(body.labels)) issue.labels = body.labels.map(String);
      }
      return [200, this.issueJson(issue)];
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(path))) {
      const issue = this.issues.find((i) => i.repo === repoOf() && i.number === Number(m![1]));
      if (!issue) return [404, { message: "Not Found" }];
      if (method === "POST") {
        issue.comments.push(String(body.body));
        return [201, { id: issue.number * 1000 + issue.comments.length, body: String(body.body), user: BOT }];
      }
      return [200, issue.comments.map((c, i) => ({ id: issue.number * 1000 + i + 1, body: c, user: BOT }))];
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/labels$/.exec(path)) && method === "POST") {
      const issue = this.issues.find((i) => i.repo === repoOf() && i.number === Number(m![1]));
      if (!issue) return [404, { message: "Not Found" }];
      for (const l of (body.labels as string[] | undefined) ?? []) if (!issue.labels.includes(String(l))) issue.labels.push(String(l));
      return [200, issue.labels.map((name) => ({ name }))];
    }
    if (method === "GET" && (m = /^\/repos\/[^/]+\/[^/]+\/collaborators\/([^/]+)\/permission$/.exec(path))) {
      const role = this.roles[m[1]!] ?? "none";
      const permission = role === "maintain" ? "write" : role === "triage" ? "read" : role;
      return [200, { permission, role_name: role, user: { login: m[1], id: 0, type: "User" } }];
    }
    if (method === "GET" && /\/assignees\//.test(path)) return [404, { message: "Not Found" }];
    return [404, { message: "Not Found" }];
  }

}

const nodeId = (n: number) => `I_kwDOlight${n.toString().padStart(6, "0")}`;

type Answer = [status: number, body: unknown, headers?: Record<string, string>];

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}
