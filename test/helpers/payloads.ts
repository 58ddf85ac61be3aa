/** Webhook payloads shaped as GitHub sends them, trimmed to what Keyward reads. */

export const OWNER = "acme";
export const REPO = "widgets";
export const INSTALLATION = 42;

export function repository(overrides: Record<string, unknown> = {}) {
  return {
    id: 1001,
    name: REPO,
    full_name: `${OWNER}/${REPO}`,
    owner: { login: OWNER, id: 9, type: "Organization" },
    private: true,
    html_url: `https://github.com/${OWNER}/${REPO}`,
    clone_url: `https://github.com/${OWNER}/${REPO}.git`,
    default_branch: "main",
    ...overrides,
  };
}

export function pullRequestPayload(action: "opened" | "synchronize" | "reopened", pr: { number: number; head: string; base?: string }, repo = repository()) {
  return {
    action,
    number: pr.number,
    pull_request: {
      number: pr.number,
      state: "open",
      head: { sha: pr.head, ref: "feature", repo: { full_name: repo.full_name } },
      base: { sha: pr.base ?? "b".repeat(40), ref: "main", repo: { full_name: repo.full_name } },
      user: { login: "dana" },
    },
    repository: repo,
    installation: { id: INSTALLATION },
    sender: { login: "dana" },
  };
}

export function pushPayload(p: { before: string; after: string; ref?: string; commits: Array<{ id: string; added?: string[]; modified?: string[] }>; created?: boolean; deleted?: boolean; forced?: boolean }, repo = repository()) {
  return {
    ref: p.ref ?? "refs/heads/main",
    before: p.before,
    after: p.after,
    created: p.created ?? false,
    deleted: p.deleted ?? false,
    forced: p.forced ?? false,
    commits: p.commits.map((c) => ({ id: c.id, added: c.added ?? [], modified: c.modified ?? [], removed: [] })),
    repository: repo,
    installation: { id: INSTALLATION },
    pusher: { name: "dana" },
    sender: { login: "dana" },
  };
}

/** A GET /repos/{o}/{r}/commits/{sha} response with one file's patch. */
export function commitResponse(sha: string, files: Array<{ filename: string; patch?: string; status?: string }>, author = { login: "dana", name: "Dana Dev", email: "dana@acme.test" }) {
  return {
    sha,
    commit: { author: { name: author.name, email: author.email, date: "2026-11-20T10:00:00Z" }, message: "change" },
    author: { login: author.login },
    files: files.map((f) => ({ filename: f.filename, status: f.status ?? "modified", additions: 1, deletions: 0, changes: 1, ...(f.patch !== undefined ? { patch: f.patch } : {}) })),
  };
}

export function fileContent(text: string) {
  return { type: "file", encoding: "base64", size: Buffer.byteLength(text), content: Buffer.from(text).toString("base64") };
}
