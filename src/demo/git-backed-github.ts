/**
 * A local stand-in for the part of GitHub's REST API the App uses, backed by a real git
 * repository: contents, commits and compares come from git itself; check runs, issues and
 * comments are kept in memory so the demo (and end-to-end tests) can show what the App did.
 * It is a separate HTTP server the App reaches through Probot's base URL, not a mock inside it.
 */
import { execFileSync } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { DEFAULT_HASH_KEY, secretId } from "../detect/redact.js";

export interface StandInIssue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: string[];
  assignees: string[];
  comments: string[];
}

export interface StandInCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion?: string;
  output?: { title: string; summary: string; annotations: unknown[] };
  annotations: unknown[];
}

/** One `POST /credentials/revoke`: how many credentials, and their keyed hashes — never the values. */
export interface StandInRevocation {
  readonly count: number;
  readonly secretIds: readonly string[];
}

export interface StandInState {
  readonly checkRuns: StandInCheckRun[];
  readonly issues: StandInIssue[];
  readonly revocations: StandInRevocation[];
  /** Every request, as "METHOD /path", in order. */
  readonly requests: string[];
}

export interface StandInOptions {
  readonly owner: string;
  readonly repo: string;
  readonly gitDir: string;
  readonly defaultBranch: string;
  /** Logins GitHub would accept as assignees, and their repository role. */
  readonly users: Readonly<Record<string, "admin" | "maintain" | "write" | "read">>;
  /** Pull requests: number → head branch. */
  readonly pulls: Readonly<Record<number, { head: string; base: string }>>;
  /** Key for the secret ids of revoked credentials: the App's KEYWARD_FINGERPRINT_KEY (default key otherwise). */
  readonly hashKey?: string;
}

export class GitBackedGitHub {
  readonly state: StandInState = { checkRuns: [], issues: [], revocations: [], requests: [] };
  private server?: Server;
  url = "";

  constructor(private readonly o: StandInOptions) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: Error) => send(res, 500, { message: err.message }));
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    const addr = this.server.address();
    this.url = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private git(...args: string[]): string {
    return execFileSync("git", args, { cwd: this.o.gitDir, encoding: "utf8", maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "ignore"] });
  }

  private repoJson() {
    const { owner, repo } = this.o;
    return { id: 1, name: repo, full_name: `${owner}/${repo}`, owner: { login: owner }, private: true, html_url: `https://github.com/${owner}/${repo}`, clone_url: `file://${this.o.gitDir}`, default_branch: this.o.defaultBranch };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://x");
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v3/, "");
    const body = await readJson(req);
    this.state.requests.push(`${req.method} ${path}`);
    const R = `/repos/${this.o.owner}/${this.o.repo}`;
    let m: RegExpExecArray | null;
    if (req.method === "POST" && /^\/app\/installations\/\d+\/access_tokens$/.test(path)) return send(res, 201, { token: "stand-in-installation-token", expires_at: "2099-01-01T00:00:00Z", permissions: {} });
    if (req.method === "GET" && path === R) return send(res, 200, this.repoJson());
    if (req.method === "POST" && path === "/credentials/revoke") {
      // As GitHub Enterprise Server: at most 1,000 credentials a request, 202 Accepted.
      const credentials = Array.isArray(body.credentials) ? body.credentials.filter((c): c is string => typeof c === "string") : [];
      if (credentials.length === 0 || credentials.length > 1000) return send(res, 422, { message: "Validation Failed" });
      this.state.revocations.push({ count: credentials.length, secretIds: credentials.map((c) => secretId(c, this.o.hashKey ?? DEFAULT_HASH_KEY)) });
      return send(res, 202, {});
    }
    if (req.method === "POST" && path === `${R}/check-runs`) {
      const run: StandInCheckRun = { id: this.state.checkRuns.length + 1, name: String(body.name), head_sha: String(body.head_sha), status: String(body.status ?? "queued"), annotations: [] };
      this.state.checkRuns.push(run);
      return send(res, 201, run);
    }
    if (req.method === "PATCH" && (m = new RegExp(`^${R}/check-runs/(\\d+)$`).exec(path))) {
      const run = this.state.checkRuns.find((c) => c.id === Number(m![1]));
      if (!run) return send(res, 404, { message: "Not Found" });
      if (body.status) run.status = String(body.status);
      if (body.conclusion) run.conclusion = String(body.conclusion);
      const output = body.output as StandInCheckRun["output"] | undefined;
      if (output) {
        run.output = output;
        run.annotations.push(...(output.annotations ?? []));
      }
      return send(res, 200, run);
    }
    if (req.method === "GET" && (m = new RegExp(`^${R}/pulls/(\\d+)/(commits|files)$`).exec(path))) {
      const pr = this.o.pulls[Number(m[1])];
      if (!pr) return send(res, 404, { message: "Not Found" });
      if (m[2] === "commits") return send(res, 200, this.revList(`${pr.base}..${pr.head}`).reverse().map((sha) => ({ sha })));
      return send(res, 200, this.git("diff", "--name-only", `${pr.base}...${pr.head}`).split("\n").filter(Boolean).map((filename) => ({ filename })));
    }
    if (req.method === "GET" && (m = new RegExp(`^${R}/compare/(.+)\\.\\.\\.(.+)$`).exec(path))) return send(res, 200, { commits: this.revList(`${m[1]}..${m[2]}`).reverse().map((sha) => ({ sha })) });
    if (req.method === "GET" && (m = new RegExp(`^${R}/commits/([A-Za-z0-9._/-]{1,200})$`).exec(path)) && String(req.headers.accept ?? "").includes("application/vnd.github.sha")) {
      // The sha media type: the commit a ref names, as plain text.
      let sha: string;
      try {
        sha = this.git("rev-parse", "--verify", "--end-of-options", `${m[1]}^{commit}`).trim();
      } catch {
        return send(res, 404, { message: "Not Found" });
      }
      res.writeHead(200, { "content-type": "application/vnd.github.sha; charset=utf-8" }).end(sha);
      return;
    }
    if (req.method === "GET" && (m = new RegExp(`^${R}/commits/([0-9a-f]{40})$`).exec(path))) return send(res, 200, this.commit(m[1]!));
    if (req.method === "GET" && (m = /^\/repos\/[^/]+\/[^/]+\/contents\/(.+)$/.exec(path))) {
      if (!path.startsWith(`${R}/`)) return send(res, 404, { message: "Not Found" });
      return this.contents(res, m[1]!, url.searchParams.get("ref") ?? this.o.defaultBranch);
    }
    if (req.method === "GET" && (m = new RegExp(`^${R}/assignees/([^/]+)$`).exec(path))) return send(res, this.o.users[m[1]!] ? 204 : 404, this.o.users[m[1]!] ? undefined : { message: "Not Found" });
    if (req.method === "GET" && (m = new RegExp(`^${R}/collaborators/([^/]+)/permission$`).exec(path))) {
      const role = this.o.users[m[1]!] ?? "read";
      return send(res, 200, { permission: role === "maintain" ? "write" : role, role_name: role, user: { login: m[1] } });
    }
    if (req.method === "GET" && path === `${R}/issues`) {
      const label = url.searchParams.get("labels");
      const list = this.state.issues.filter((i) => !label || i.labels.includes(label));
      const page = Number(url.searchParams.get("page") ?? 1);
      return send(res, 200, page > 1 ? [] : list.map((i) => this.issueJson(i)));
    }
    if (req.method === "POST" && path === `${R}/issues`) {
      const issue: StandInIssue = { number: this.state.issues.length + 1, title: String(body.title), body: String(body.body ?? ""), state: "open", labels: (body.labels as string[]) ?? [], assignees: (body.assignees as string[]) ?? [], comments: [] };
      this.state.issues.push(issue);
      return send(res, 201, this.issueJson(issue));
    }
    if ((m = new RegExp(`^${R}/issues/(\\d+)(/comments)?$`).exec(path))) {
      const issue = this.state.issues.find((i) => i.number === Number(m![1]));
      if (!issue) return send(res, 404, { message: "Not Found" });
      if (req.method === "POST" && m[2]) {
        issue.comments.push(String(body.body));
        return send(res, 201, { id: issue.comments.length, body: body.body });
      }
      if (req.method === "PATCH") {
        if (body.state === "open" || body.state === "closed") issue.state = body.state;
        if (typeof body.body === "string") issue.body = body.body;
        return send(res, 200, this.issueJson(issue));
      }
      if (req.method === "GET") return send(res, 200, this.issueJson(issue));
    }
    return send(res, 404, { message: `Not Found (stand-in has no ${req.method} ${path})` });
  }

  private issueJson(i: StandInIssue) {
    // Every issue here is the App's: node id and creator as GitHub reports them.
    return {
      number: i.number,
      node_id: `I_demo${String(i.number).padStart(6, "0")}`,
      title: i.title,
      body: i.body,
      state: i.state,
      labels: i.labels.map((name) => ({ name })),
      assignees: i.assignees.map((login) => ({ login })),
      html_url: `https://github.com/${this.o.owner}/${this.o.repo}/issues/${i.number}`,
      user: { login: "keyward[bot]", id: 9000, type: "Bot" },
    };
  }

  private revList(range: string): string[] {
    return this.git("rev-list", range).split("\n").filter(Boolean);
  }

  /** GET /commits/{sha}: the commit and, per file, its patch as GitHub shows it (hunks only). */
  private commit(sha: string) {
    const [name, email, date, login] = this.git("show", "-s", "--format=%an%x00%ae%x00%aI%x00%al", sha).trim().split("\0");
    const raw = this.git("show", "--format=", "-U0", "--no-color", "--no-ext-diff", "--no-renames", sha);
    const files: Array<{ filename: string; status: string; additions: number; deletions: number; changes: number; patch?: string }> = [];
    for (const part of raw.split(/^diff --git /m).slice(1)) {
      const lines = part.split("\n");
      const filename = (/^\+\+\+ b\/(.+)$/m.exec(part) ?? /^--- a\/(.+)$/m.exec(part))?.[1] ?? lines[0]!.split(" b/")[1]!;
      const status = /^new file mode/m.test(part) ? "added" : /^deleted file mode/m.test(part) ? "removed" : "modified";
      const hunkStart = lines.findIndex((l) => l.startsWith("@@"));
      const patch = hunkStart >= 0 ? lines.slice(hunkStart).join("\n").replace(/\n$/, "") : undefined;
      const additions = patch ? patch.split("\n").filter((l) => l.startsWith("+")).length : 0;
      files.push({ filename, status, additions, deletions: 0, changes: additions, ...(patch !== undefined ? { patch } : {}) });
    }
    return { sha, commit: { author: { name, email, date }, message: "" }, author: { login }, files };
  }

  private contents(res: ServerResponse, filePath: string, ref: string): void {
    const type = (() => {
      try {
        return this.git("cat-file", "-t", `${ref}:${filePath}`).trim();
      } catch {
        return undefined;
      }
    })();
    if (type === "tree") {
      const entries = this.git("ls-tree", `${ref}:${filePath}`).split("\n").filter(Boolean);
      return send(res, 200, entries.map((e) => {
        const [meta, name] = e.split("\t") as [string, string];
        return { type: meta.split(" ")[1] === "tree" ? "dir" : "file", name, path: `${filePath}/${name}`, size: 0 };
      }));
    }
    if (type !== "blob") return send(res, 404, { message: "Not Found" });
    const content = execFileSync("git", ["show", `${ref}:${filePath}`], { cwd: this.o.gitDir, maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "ignore"] });
    send(res, 200, { type: "file", path: filePath, size: content.length, encoding: "base64", content: content.toString("base64") });
  }
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(body === undefined ? "" : JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}
