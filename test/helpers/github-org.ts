/**
 * A local stand-in for GitHub's REST API for one organisation's inventory: repositories and
 * their files (contents listings and blobs), Actions, environment, organisation and Dependabot
 * secrets (names and dates — GitHub never returns a value, and neither does this), environments
 * with protection rules, deploy keys, fine-grained PAT grants and App installations.
 *
 * It behaves the way the inventory depends on: every list paginates with `Link` headers
 * (`per_page` up to 100), every GET carries an ETag and answers `If-None-Match` with a 304
 * that does not count against the rate limit, an endpoint whose permission the token was not
 * granted answers 403 "Resource not accessible by integration" with the permission GitHub would
 * want in `X-Accepted-GitHub-Permissions`. Shapes are typed from GitHub's OpenAPI description.
 * The permission map below is this file's own reading of GitHub's documentation, independent of
 * the one in src/inventory/permissions.ts, so a test can catch the two disagreeing.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { components } from "@octokit/openapi-types";

type S = components["schemas"];

export interface FakeSecret {
  name: string;
  created_at: string;
  updated_at: string;
}
export interface FakeOrgSecret extends FakeSecret {
  visibility: "all" | "private" | "selected";
  /** Repository names, for `selected`. */
  selected?: string[];
}
export interface FakeEnvironment {
  name: string;
  /** Logins of required reviewers (none: no required-reviewers rule). */
  reviewers?: string[];
  branchPolicy?: "protected" | "custom";
  waitTimer?: number;
  secrets?: FakeSecret[];
}
export interface FakeDeployKey {
  id: number;
  title: string;
  read_only: boolean;
  created_at: string;
  last_used: string | null;
  added_by?: string | null;
}
export interface FakeRepo {
  name: string;
  visibility?: "public" | "private" | "internal";
  archived?: boolean;
  defaultBranch?: string;
  /** Path → text, on the default branch. */
  files?: Record<string, string>;
  secrets?: FakeSecret[];
  dependabotSecrets?: FakeSecret[];
  deployKeys?: FakeDeployKey[];
  environments?: FakeEnvironment[];
}
export interface FakePat {
  id: number;
  owner: string;
  token_id: number;
  token_name: string;
  granted_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  repository_selection?: "none" | "all" | "subset";
  permissions?: S["organization-programmatic-access-grant"]["permissions"];
}
export interface FakeInstallation {
  id: number;
  app_id: number;
  app_slug: string;
  permissions: S["app-permissions"];
  repository_selection?: "all" | "selected";
  created_at: string;
  updated_at: string;
}
export interface FakeOrg {
  login: string;
  /** Who has what role on every repository (assignable, and maintainers for commands). */
  collaborators?: Record<string, "admin" | "maintain" | "write" | "triage" | "read">;
  repos: FakeRepo[];
  secrets?: FakeOrgSecret[];
  dependabotSecrets?: FakeOrgSecret[];
  pats?: FakePat[];
  installations?: FakeInstallation[];
}

/** An issue the App opened, as the stand-in keeps it. */
export interface FakeIssue {
  repo: string;
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  state_reason?: string | null;
  labels: string[];
  assignees: string[];
  comments: string[];
}

export interface StandInCounts {
  /** Every request answered. */
  requests: number;
  /** Of which 304 Not Modified (free under GitHub's rate limit). */
  notModified: number;
  /** Requests that count against the rate limit (everything but 304s). */
  charged: number;
  /** Of the charged ones, reads of what the inventory collects (not the App's issues, roles or tokens). */
  chargedReads: number;
  /** The distinct tokens requests were made with (an installation token is new every hour). */
  tokens: Set<string>;
  byRoute: Map<string, number>;
}

export interface StandIn {
  readonly url: string;
  readonly org: FakeOrg;
  readonly counts: StandInCounts;
  readonly issues: FakeIssue[];
  /** Permissions the token holds (`secrets`, `organization_secrets`, …); every one when undefined. */
  granted?: Set<string>;
  resetCounts(): void;
  close(): Promise<void>;
}

/** The App permission each route needs (GitHub's "Permissions required for GitHub Apps"). */
const PERMISSION: ReadonlyArray<[RegExp, string]> = [
  [/^\/orgs\/[^/]+\/actions\/secrets(\/[^/]+\/repositories)?$/, "organization_secrets"],
  // GitHub's REST reference: "Organization dependabot secrets" organization permission (read), for App installation tokens too.
  [/^\/orgs\/[^/]+\/dependabot\/secrets(\/[^/]+\/repositories)?$/, "organization_dependabot_secrets"],
  [/^\/orgs\/[^/]+\/personal-access-tokens$/, "organization_personal_access_tokens"],
  [/^\/orgs\/[^/]+\/installations$/, "organization_administration"],
  [/^\/repos\/[^/]+\/[^/]+\/actions\/(organization-)?secrets$/, "secrets"],
  [/^\/repos\/[^/]+\/[^/]+\/environments\/[^/]+\/secrets$/, "environments"],
  [/^\/repos\/[^/]+\/[^/]+\/environments$/, "actions"],
  [/^\/repos\/[^/]+\/[^/]+\/dependabot\/secrets$/, "dependabot_secrets"],
  [/^\/repos\/[^/]+\/[^/]+\/keys$/, "administration"],
  [/^\/repos\/[^/]+\/[^/]+\/(contents|git\/blobs)\b/, "contents"],
];

/** The permission the stand-in demands for a request path (undefined: none beyond metadata). */
export function permissionFor(path: string): string | undefined {
  return PERMISSION.find(([re]) => re.test(path))?.[1];
}

const gitBlobSha = (text: string) => createHash("sha1").update(`blob ${Buffer.byteLength(text)}\0`).update(text).digest("hex");

function simpleUser(base: string, login: string, type: "User" | "Organization" | "Bot" = "User"): S["simple-user"] {
  // Stable per login, as GitHub's ids are (an ETag must not change when nothing did).
  const id = 1000 + (createHash("sha256").update(login).digest().readUInt32BE(0) % 1_000_000);
  const api = `${base}/users/${login}`;
  return {
    login,
    id,
    node_id: Buffer.from(`${type}:${id}`).toString("base64"),
    avatar_url: `${base}/avatars/u/${id}`,
    gravatar_id: "",
    url: api,
    html_url: `${base}/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type,
    site_admin: false,
  };
}

type Repository = Pick<S["minimal-repository"], "id" | "node_id" | "name" | "full_name" | "owner" | "private" | "html_url" | "description" | "fork" | "url" | "archived" | "visibility" | "default_branch">;

interface Answer {
  readonly status: number;
  readonly body: unknown;
  /** A list to paginate: the body is built per page (`wrap` names the array's key). */
  readonly list?: readonly unknown[];
  readonly wrap?: string;
  readonly extra?: Record<string, unknown>;
}

export async function startGitHubOrg(org: FakeOrg, options: { granted?: readonly string[] } = {}): Promise<StandIn> {
  const counts: StandInCounts = { requests: 0, notModified: 0, charged: 0, chargedReads: 0, tokens: new Set(), byRoute: new Map() };
  let issued = 0;
  let base = "";
  const state: StandIn = {
    url: "",
    org,
    counts,
    issues: [],
    ...(options.granted ? { granted: new Set(options.granted) } : {}),
    resetCounts() {
      counts.requests = counts.notModified = counts.charged = counts.chargedReads = 0;
      counts.tokens.clear();
      counts.byRoute.clear();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const repoOf = (name: string) => org.repos.find((r) => r.name.toLowerCase() === decodeURIComponent(name).toLowerCase());
  const repository = (r: FakeRepo): Repository => ({
    id: 1 + org.repos.indexOf(r),
    node_id: Buffer.from(`Repository:${r.name}`).toString("base64"),
    name: r.name,
    full_name: `${org.login}/${r.name}`,
    owner: simpleUser(base, org.login, "Organization"),
    private: (r.visibility ?? "private") !== "public",
    html_url: `${base}/${org.login}/${r.name}`,
    description: null,
    fork: false,
    url: `${base}/repos/${org.login}/${r.name}`,
    archived: r.archived ?? false,
    visibility: r.visibility ?? "private",
    default_branch: r.defaultBranch ?? "main",
  });

  const route = (path: string, query: URLSearchParams): Answer => {
    let m: RegExpMatchArray | null;
    const notFound: Answer = { status: 404, body: { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" } };
    const o = org.login.toLowerCase();
    if ((m = path.match(/^\/orgs\/([^/]+)(\/.*)?$/))) {
      if (m[1]!.toLowerCase() !== o) return notFound;
      const rest = m[2] ?? "";
      if (rest === "/repos") return { status: 200, body: null, list: org.repos.map(repository) };
      if (rest === "/dependabot/secrets") {
        const secrets: S["organization-dependabot-secret"][] = (org.dependabotSecrets ?? []).map((s) => ({
          name: s.name,
          created_at: s.created_at,
          updated_at: s.updated_at,
          visibility: s.visibility,
          selected_repositories_url: `${base}/orgs/${org.login}/dependabot/secrets/${s.name}/repositories`,
        }));
        return { status: 200, body: null, list: secrets, wrap: "secrets" };
      }
      if ((m = rest.match(/^\/dependabot\/secrets\/([^/]+)\/repositories$/))) {
        const s = (org.dependabotSecrets ?? []).find((x) => x.name === decodeURIComponent(m![1]!));
        if (!s || s.visibility !== "selected") return notFound;
        return { status: 200, body: null, list: (s.selected ?? []).map((n) => repoOf(n)).filter((r): r is FakeRepo => !!r).map(repository), wrap: "repositories" };
      }
      if (rest === "/actions/secrets") {
        const secrets: S["organization-actions-secret"][] = (org.secrets ?? []).map((s) => ({
          name: s.name,
          created_at: s.created_at,
          updated_at: s.updated_at,
          visibility: s.visibility,
          ...(s.visibility === "selected" ? { selected_repositories_url: `${base}/orgs/${org.login}/actions/secrets/${s.name}/repositories` } : {}),
        }));
        return { status: 200, body: null, list: secrets, wrap: "secrets" };
      }
      if ((m = rest.match(/^\/actions\/secrets\/([^/]+)\/repositories$/))) {
        const s = (org.secrets ?? []).find((x) => x.name === decodeURIComponent(m![1]!));
        if (!s || s.visibility !== "selected") return notFound;
        return { status: 200, body: null, list: (s.selected ?? []).map((n) => repoOf(n)).filter((r): r is FakeRepo => !!r).map(repository), wrap: "repositories" };
      }
      if (rest === "/personal-access-tokens") {
        const grants: S["organization-programmatic-access-grant"][] = (org.pats ?? []).map((p) => ({
          id: p.id,
          owner: simpleUser(base, p.owner),
          repository_selection: p.repository_selection ?? "subset",
          repositories_url: `${base}/organizations/${org.login}/personal-access-tokens/${p.id}/repositories`,
          permissions: p.permissions ?? { repository: { contents: "read" }, organization: {} },
          access_granted_at: p.granted_at,
          token_id: p.token_id,
          token_name: p.token_name,
          token_expired: p.expires_at !== null && Date.parse(p.expires_at) < Date.now(),
          token_expires_at: p.expires_at,
          token_last_used_at: p.last_used_at,
        }));
        return { status: 200, body: null, list: grants };
      }
      if (rest === "/installations") {
        const installations: S["installation"][] = (org.installations ?? []).map((i) => ({
          id: i.id,
          account: simpleUser(base, org.login, "Organization"),
          repository_selection: i.repository_selection ?? "all",
          access_tokens_url: `${base}/app/installations/${i.id}/access_tokens`,
          repositories_url: `${base}/installation/repositories`,
          html_url: `${base}/organizations/${org.login}/settings/installations/${i.id}`,
          app_id: i.app_id,
          target_id: 1,
          target_type: "Organization",
          permissions: i.permissions,
          events: [],
          created_at: i.created_at,
          updated_at: i.updated_at,
          single_file_name: null,
          app_slug: i.app_slug,
          suspended_by: null,
          suspended_at: null,
        }));
        return { status: 200, body: null, list: installations, wrap: "installations" };
      }
      return notFound;
    }
    if (path === "/installation/repositories") return { status: 200, body: null, list: org.repos.map(repository), wrap: "repositories", extra: { repository_selection: "all" } };
    if (!(m = path.match(/^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/)) || m[1]!.toLowerCase() !== o) return notFound;
    const r = repoOf(m[2]!);
    if (!r) return notFound;
    const rest = m[3] ?? "";
    const secretsOf = (list: FakeSecret[] | undefined): S["actions-secret"][] => (list ?? []).map((s) => ({ name: s.name, created_at: s.created_at, updated_at: s.updated_at }));
    if (rest === "/actions/secrets") return { status: 200, body: null, list: secretsOf(r.secrets), wrap: "secrets" };
    if (rest === "/actions/organization-secrets") {
      const visible: S["actions-secret"][] = (org.secrets ?? [])
        .filter((s) => (s.visibility === "all" ? true : s.visibility === "private" ? (r.visibility ?? "private") !== "public" : (s.selected ?? []).some((n) => n.toLowerCase() === r.name.toLowerCase())))
        .map((s) => ({ name: s.name, created_at: s.created_at, updated_at: s.updated_at }));
      return { status: 200, body: null, list: visible, wrap: "secrets" };
    }
    if (rest === "/dependabot/secrets") return { status: 200, body: null, list: secretsOf(r.dependabotSecrets), wrap: "secrets" };
    if (rest === "/keys") {
      const keys: S["deploy-key"][] = (r.deployKeys ?? []).map((k) => ({
        id: k.id,
        // A public key: not a secret, but the inventory has no use for it either.
        key: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA${createHash("sha256").update(k.title).digest("base64").slice(0, 43)}`,
        url: `${base}/repos/${org.login}/${r.name}/keys/${k.id}`,
        title: k.title,
        verified: true,
        created_at: k.created_at,
        read_only: k.read_only,
        added_by: k.added_by ?? null,
        last_used: k.last_used,
        enabled: true,
      }));
      return { status: 200, body: null, list: keys };
    }
    if (rest === "/environments") {
      const envs: S["environment"][] = (r.environments ?? []).map((e, i) => ({
        id: 5000 + i,
        node_id: Buffer.from(`Environment:${r.name}:${e.name}`).toString("base64"),
        name: e.name,
        url: `${base}/repos/${org.login}/${r.name}/environments/${encodeURIComponent(e.name)}`,
        html_url: `${base}/${org.login}/${r.name}/deployments/activity_log?environments_filter=${encodeURIComponent(e.name)}`,
        created_at: "2025-01-01T00:00:00Z",
        updated_at: "2025-01-01T00:00:00Z",
        protection_rules: [
          ...(e.waitTimer ? [{ id: 1, node_id: "MDQ6R2F0ZTE=", type: "wait_timer", wait_timer: e.waitTimer }] : []),
          ...(e.reviewers?.length
            ? [{ id: 2, node_id: "MDQ6R2F0ZTI=", type: "required_reviewers", prevent_self_review: false, reviewers: e.reviewers.map((login) => ({ type: "User" as const, reviewer: simpleUser(base, login) })) }]
            : []),
          ...(e.branchPolicy ? [{ id: 3, node_id: "MDQ6R2F0ZTM=", type: "branch_policy" }] : []),
        ],
        deployment_branch_policy: e.branchPolicy ? { protected_branches: e.branchPolicy === "protected", custom_branch_policies: e.branchPolicy === "custom" } : null,
      }));
      return { status: 200, body: null, list: envs, wrap: "environments" };
    }
    if ((m = rest.match(/^\/environments\/([^/]+)\/secrets$/))) {
      const env = (r.environments ?? []).find((e) => e.name === decodeURIComponent(m![1]!));
      return env ? { status: 200, body: null, list: secretsOf(env.secrets), wrap: "secrets" } : notFound;
    }
    if ((m = rest.match(/^\/contents(?:\/(.*))?$/))) {
      if ((query.get("ref") ?? r.defaultBranch ?? "main") !== (r.defaultBranch ?? "main")) return notFound;
      const path = decodeURIComponent(m[1] ?? "").replace(/^\/+|\/+$/g, "");
      const files = r.files ?? {};
      const entryFor = (p: string, type: "file" | "dir"): S["content-directory"][number] => {
        const text = files[p];
        const sha = type === "file" ? gitBlobSha(text!) : createHash("sha1").update(`tree:${p}:${Object.keys(files).filter((f) => f.startsWith(`${p}/`)).map((f) => `${f}=${gitBlobSha(files[f]!)}`).join(",")}`).digest("hex");
        const url = `${base}/repos/${org.login}/${r.name}/contents/${p}?ref=${r.defaultBranch ?? "main"}`;
        return {
          type,
          size: type === "file" ? Buffer.byteLength(text!) : 0,
          name: p.slice(p.lastIndexOf("/") + 1),
          path: p,
          sha,
          url,
          git_url: `${base}/repos/${org.login}/${r.name}/git/${type === "file" ? "blobs" : "trees"}/${sha}`,
          html_url: `${base}/${org.login}/${r.name}/${type === "file" ? "blob" : "tree"}/${r.defaultBranch ?? "main"}/${p}`,
          download_url: null,
          _links: { self: url, git: null, html: null },
        };
      };
      if (files[path] !== undefined) {
        const e = entryFor(path, "file");
        const file: S["content-file"] = { ...e, type: "file", encoding: "base64", content: Buffer.from(files[path]!).toString("base64") };
        return { status: 200, body: file };
      }
      const prefix = path ? `${path}/` : "";
      const children = new Map<string, "file" | "dir">();
      for (const f of Object.keys(files)) {
        if (!f.startsWith(prefix)) continue;
        const rel = f.slice(prefix.length);
        const slash = rel.indexOf("/");
        children.set(prefix + (slash < 0 ? rel : rel.slice(0, slash)), slash < 0 ? "file" : "dir");
      }
      if (children.size === 0) return notFound;
      return { status: 200, body: [...children].sort(([a], [b]) => a.localeCompare(b)).map(([p, t]) => entryFor(p, t)) };
    }
    if ((m = rest.match(/^\/git\/blobs\/([0-9a-f]{40})$/))) {
      const text = Object.values(r.files ?? {}).find((t) => gitBlobSha(t) === m![1]);
      if (text === undefined) return notFound;
      const blob: S["blob"] = { sha: m[1]!, size: Buffer.byteLength(text), url: `${base}${path}`, node_id: "B_kw", content: Buffer.from(text).toString("base64"), encoding: "base64" };
      return { status: 200, body: blob };
    }
    return notFound;
  };

  /** The App's side: installation tokens, installations, issues, comments, assignees, roles. */
  const write = (method: string, path: string, input: Record<string, unknown>): { status: number; body?: unknown } => {
    let m: RegExpMatchArray | null;
    const notFound = { status: 404, body: { message: "Not Found", status: "404" } };
    if (method === "POST" && (m = path.match(/^\/app\/installations\/(\d+)\/access_tokens$/)))
      // A new token every time, as GitHub issues one per request (each valid for an hour).
      return { status: 201, body: { token: `stand-in-installation-token-${m[1]}-${++issued}`, expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: {}, repository_selection: "all" } };
    if (method === "GET" && path === "/app/installations")
      return { status: 200, body: [{ id: 31337, account: simpleUser(base, org.login, "Organization"), target_type: "Organization", app_id: 1234, app_slug: "keyward", repository_selection: "all", permissions: {}, events: [], created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z", single_file_name: null, suspended_by: null, suspended_at: null }] };
    if (!(m = path.match(/^\/repos\/([^/]+)\/([^/]+)(\/.*)$/)) || m[1]!.toLowerCase() !== org.login.toLowerCase()) return notFound;
    const r = repoOf(m[2]!);
    if (!r) return notFound;
    const rest = m[3]!;
    const role = (login: string) => org.collaborators?.[login.toLowerCase()];
    if (method === "GET" && (m = rest.match(/^\/assignees\/([^/]+)$/))) return role(m[1]!) ? { status: 204 } : notFound;
    if (method === "GET" && (m = rest.match(/^\/collaborators\/([^/]+)\/permission$/))) {
      const rl = role(m[1]!);
      if (!rl) return notFound;
      const permission = rl === "maintain" ? "write" : rl === "triage" ? "read" : rl;
      return { status: 200, body: { permission, role_name: rl, user: simpleUser(base, m[1]!) } };
    }
    const issueJson = (i: FakeIssue) => ({ id: i.number, number: i.number, title: i.title, body: i.body, state: i.state, state_reason: i.state_reason ?? null, labels: i.labels.map((name) => ({ name })), assignees: i.assignees.map((a) => simpleUser(base, a)), html_url: `${base}/${org.login}/${i.repo}/issues/${i.number}`, user: simpleUser(base, "keyward[bot]", "Bot") });
    const mine = state.issues.filter((i) => i.repo === r.name);
    if (method === "GET" && rest === "/issues") return { status: 200, body: mine.filter((i) => i.state === "open").map(issueJson) };
    if (method === "POST" && rest === "/issues") {
      const issue: FakeIssue = { repo: r.name, number: state.issues.length + 1, title: String(input.title), body: String(input.body ?? ""), state: "open", labels: (input.labels as string[] | undefined) ?? [], assignees: (input.assignees as string[] | undefined) ?? [], comments: [] };
      state.issues.push(issue);
      return { status: 201, body: issueJson(issue) };
    }
    const issue = (m = rest.match(/^\/issues\/(\d+)/)) ? mine.find((i) => i.number === Number(m![1])) : undefined;
    if (!issue) return notFound;
    if (method === "GET" && /^\/issues\/\d+$/.test(rest)) return { status: 200, body: issueJson(issue) };
    if (method === "PATCH" && /^\/issues\/\d+$/.test(rest)) {
      if (input.state === "open" || input.state === "closed") issue.state = input.state;
      if (typeof input.state_reason === "string") issue.state_reason = input.state_reason;
      return { status: 200, body: issueJson(issue) };
    }
    if (method === "POST" && /^\/issues\/\d+\/comments$/.test(rest)) {
      issue.comments.push(String(input.body));
      return { status: 201, body: { id: issue.comments.length, body: String(input.body) } };
    }
    return notFound;
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = body === undefined ? "" : JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", "x-github-api-version-selected": "2022-11-28", ...headers });
    res.end(text);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", base);
    const path = url.pathname.replace(/\/+$/, "") || "/";
    counts.requests++;
    const key = `${req.method} ${path.replace(/\/repos\/[^/]+\/[^/]+/, "/repos/{owner}/{repo}").replace(/\/(contents|blobs)\/.*/, "/$1/…")}`;
    counts.byRoute.set(key, (counts.byRoute.get(key) ?? 0) + 1);
    const charge = () => counts.charged++;
    if (req.headers.authorization) counts.tokens.add(req.headers.authorization.replace(/^(token|bearer)\s+/i, ""));
    const limits = () => ({ "x-ratelimit-limit": "5000", "x-ratelimit-remaining": String(Math.max(0, 5000 - counts.charged)), "x-ratelimit-used": String(counts.charged), "x-ratelimit-resource": "core", "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600) });
    if (!req.headers.authorization) {
      charge();
      return send(res, 401, { message: "Requires authentication", documentation_url: "https://docs.github.com/rest", status: "401" }, limits());
    }
    if (req.method !== "GET" || /^\/(app\/|repos\/[^/]+\/[^/]+\/(assignees|collaborators|issues))/.test(path)) {
      charge();
      let raw = "";
      req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      req.on("end", () => {
        const answer = write(req.method ?? "GET", path, raw ? (JSON.parse(raw) as Record<string, unknown>) : {});
        if (answer.status === 204) {
          res.writeHead(204, limits());
          return res.end();
        }
        send(res, answer.status, answer.body, limits());
      });
      return;
    }
    const needed = permissionFor(path);
    if (needed && state.granted && !state.granted.has(needed)) {
      charge();
      return send(res, 403, { message: "Resource not accessible by integration", documentation_url: "https://docs.github.com/rest", status: "403" }, { ...limits(), "x-accepted-github-permissions": `${needed}=read` });
    }
    const answer = route(path, url.searchParams);
    let body = answer.body;
    const headers: Record<string, string> = {};
    if (answer.list) {
      const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get("per_page") ?? 30) || 30));
      const page = Math.max(1, Number(url.searchParams.get("page") ?? 1) || 1);
      const last = Math.max(1, Math.ceil(answer.list.length / perPage));
      const items = answer.list.slice((page - 1) * perPage, page * perPage);
      body = answer.wrap ? { total_count: answer.list.length, [answer.wrap]: items, ...answer.extra } : items;
      const link = (p: number, rel: string) => {
        const u = new URL(url);
        u.searchParams.set("per_page", String(perPage));
        u.searchParams.set("page", String(p));
        return `<${u.toString()}>; rel="${rel}"`;
      };
      const links = [...(page < last ? [link(page + 1, "next"), link(last, "last")] : []), ...(page > 1 ? [link(1, "first"), link(page - 1, "prev")] : [])];
      if (links.length) headers.link = links.join(", ");
    }
    if (answer.status !== 200) {
      charge();
      return send(res, answer.status, body, limits());
    }
    const etag = `W/"${createHash("sha256").update(JSON.stringify(body)).update(headers.link ?? "").digest("hex").slice(0, 40)}"`;
    if (req.headers["if-none-match"] === etag) {
      counts.notModified++;
      res.writeHead(304, { etag, ...limits() });
      return res.end();
    }
    charge();
    counts.chargedReads++;
    send(res, 200, body, { ...headers, etag, "cache-control": "private, max-age=60, s-maxage=60", ...limits() });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  (state as { url: string }).url = base;
  return state;
}
