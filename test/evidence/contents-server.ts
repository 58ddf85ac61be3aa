/**
 * A stand-in for GitHub's contents API backed by a real git repository: GET returns the file and
 * its blob sha, PUT demands the current sha (409 otherwise, as GitHub does), writes the file and
 * commits it. An auditor clones the repository with plain git. It also plays the two calls an App
 * makes to write as its installation on the repository: which installation it is, and a token
 * for it (the same token the contents API accepts).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export interface ContentsServer {
  readonly apiUrl: string;
  /** The repository's directory: `git clone` it to audit. */
  readonly repoDir: string;
  readonly puts: number;
  /** How often an App asked which installation the repository has. */
  readonly installationLookups: number;
  close(): Promise<void>;
}

const INSTALLATION_ID = 4242;

export async function startContentsServer(owner: string, repo: string): Promise<ContentsServer> {
  const root = mkdtempSync(join(tmpdir(), "keyward-contents-"));
  const repoDir = join(root, repo);
  mkdirSync(repoDir);
  const git = (...args: string[]) => execFileSync("git", ["-C", repoDir, ...args], { encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "GitHub", GIT_AUTHOR_EMAIL: "noreply@github.com", GIT_COMMITTER_NAME: "GitHub", GIT_COMMITTER_EMAIL: "noreply@github.com" } }).trim();
  git("init", "-q", "-b", "main");
  git("commit", "-q", "--allow-empty", "-m", "Initial commit");
  const blobSha = (path: string) => (existsSync(join(repoDir, path)) ? git("hash-object", path) : undefined);
  let puts = 0;
  let installationLookups = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (req.method === "GET" && url.pathname === `/repos/${owner}/${repo}/installation` && req.headers.authorization?.startsWith("bearer ")) {
        installationLookups++;
        return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: INSTALLATION_ID, account: { login: owner } }));
      }
      if (req.method === "POST" && url.pathname === `/app/installations/${INSTALLATION_ID}/access_tokens` && req.headers.authorization?.startsWith("bearer ")) {
        return void res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ token: "test-token", expires_at: "2099-01-01T00:00:00Z", permissions: { contents: "write" }, repository_selection: "selected" }));
      }
      const m = new RegExp(`^/repos/${owner}/${repo}/contents/(.+)$`).exec(url.pathname);
      const send = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      if (!m || req.headers.authorization !== "token test-token") return send(m ? 401 : 404, { message: m ? "Bad credentials" : "Not Found" });
      const path = decodeURIComponent(m[1]!);
      if (path.split("/").some((p) => p === ".." || p === "" || p === ".git")) return send(422, { message: "bad path" });
      const current = blobSha(path);
      if (req.method === "GET") {
        if (!current) return send(404, { message: "Not Found" });
        return send(200, { type: "file", path, sha: current, encoding: "base64", content: readFileSync(join(repoDir, path)).toString("base64") });
      }
      if (req.method === "PUT") {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { message: string; content: string; sha?: string };
        if (current !== body.sha) return send(current ? 409 : 422, { message: current ? `${path} does not match ${body.sha ?? "(no sha)"}` : "sha given for a new file" });
        mkdirSync(dirname(join(repoDir, path)), { recursive: true });
        writeFileSync(join(repoDir, path), Buffer.from(body.content, "base64"));
        git("add", path);
        git("commit", "-q", "-m", body.message);
        puts++;
        return send(current ? 200 : 201, { content: { path, sha: blobSha(path) }, commit: { sha: git("rev-parse", "HEAD") } });
      }
      send(405, { message: "method not allowed" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}`,
    repoDir,
    get puts() {
      return puts;
    },
    get installationLookups() {
      return installationLookups;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(root, { recursive: true, force: true });
    },
  };
}
