/**
 * `npm run demo`: the whole loop on this machine, with no GitHub credentials. A real git
 * repository with a planted fake token and an over-privileged workflow; a local stand-in for
 * GitHub's REST API backed by that repository; the App on Probot's own HTTP server; real signed
 * webhook deliveries. The repository opts in to automatic revocation, so the planted token is
 * revoked through the stand-in's credentials API within the push delivery; then the owner
 * attests the rotation, the secret is removed, the issue is closed and verified — and the
 * evidence pack is exported and verified.
 */
import { execFileSync } from "node:child_process";
import { createHmac, generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { crc32Base62 } from "../detect/checksums.js";
import { secretId } from "../detect/redact.js";
import { startApp } from "../app/server.js";
import { openEvidenceStore } from "../evidence/open.js";
import { exportPack } from "../evidence/export.js";
import { DEFAULT_SLA_DAYS } from "../evidence/report.js";
import { verifyChain } from "../evidence/chain.js";
import { typed } from "../evidence/details.js";
import type { EvidenceRecord } from "../evidence/types.js";
import { verifyPack } from "../evidence/verify.js";
import { generateSigningKeyPair, keyFingerprint } from "../evidence/checkpoint.js";
import { GitBackedGitHub } from "./git-backed-github.js";

const OWNER = "acme";
const REPO = "payments";
const SECRET = randomBytes(24).toString("hex");

/** A fake GitHub token with a valid checksum, made now: it exists nowhere else. */
function fakeGithubToken(): string {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  const body = [...randomBytes(30)].map((b) => alphabet[b % 62]).join("");
  return `ghp_${body}${crc32Base62(body)}`;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd: dir, encoding: "utf8", env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" } }).trim();
}

function write(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

function commit(dir: string, message: string, author: string): string {
  git(dir, "add", "-A");
  git(dir, "-c", `user.name=${author}`, "-c", `user.email=${author.toLowerCase().replace(/ .*/, "")}@acme.example`, "commit", "-q", "-m", message);
  return git(dir, "rev-parse", "HEAD");
}

async function deliver(url: string, event: string, payload: unknown): Promise<number> {
  const body = JSON.stringify(payload);
  const res = await fetch(`${url}/api/github/webhooks`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-github-event": event, "x-github-delivery": randomUUID(), "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}` },
    body,
  });
  await res.text();
  return res.status;
}

export async function runDemo(out: (s: string) => void = (s) => process.stdout.write(s + "\n"), options: { evidenceDir?: string } = {}): Promise<{ ok: boolean }> {
  const work = mkdtempSync(join(tmpdir(), "keyward-demo-"));
  const repoDir = join(work, "repo");
  mkdirSync(repoDir);
  const token = fakeGithubToken();
  const lines: string[] = [];
  const say = (s = "") => {
    lines.push(s);
    out(s);
  };

  // 1. A real repository: clean start, then a leaked token and an over-privileged workflow.
  git(repoDir, "init", "-q", "-b", "main");
  write(repoDir, "README.md", "# payments\n");
  write(repoDir, ".github/CODEOWNERS", "* @alice\n.github/ @acme/platform\n");
  // Automatic revocation on, private repositories included (the demo repository is private).
  write(repoDir, ".github/keyward.yml", "revoke:\n  mode: on\n  scope: all\nidentities:\n  - secret: NPM_TOKEN\n    owners: ['@alice']\n    purpose: publish the SDK\n    rotate_every: 90d\n    last_rotated: 2026-01-10\n");
  const initial = commit(repoDir, "initial", "Alice Admin");
  write(repoDir, "config/settings.py", `DEBUG = False\nGITHUB_TOKEN = "${token}"\n`);
  write(
    repoDir,
    ".github/workflows/deploy.yml",
    [
      "name: deploy",
      "on: [push, pull_request_target]",
      "permissions: write-all",
      "env:",
      "  AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}",
      "jobs:",
      "  deploy:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - uses: actions/checkout@v4",
      "        with:",
      "          ref: ${{ github.event.pull_request.head.sha }}",
      "      - uses: some-vendor/deploy-action@v2",
      "        with:",
      "          npm-token: ${{ secrets.NPM_TOKEN }}",
      '      - run: echo "Deploying ${{ github.event.pull_request.title }}"',
      "",
    ].join("\n"),
  );
  const leak = commit(repoDir, "add deployment settings", "Bob Builder");
  git(repoDir, "checkout", "-q", "-b", "feature");
  write(repoDir, "src/charge.js", 'const key = "' + token + '"; // copied for a quick test\n');
  commit(repoDir, "wip: quick test", "Bob Builder");
  write(repoDir, "src/charge.js", "const key = process.env.PAYMENTS_KEY;\n");
  const prHead = commit(repoDir, "use env var", "Bob Builder");
  git(repoDir, "checkout", "-q", "main");

  // 2. The stand-in for GitHub, the evidence store, the App.
  const github = new GitBackedGitHub({ owner: OWNER, repo: REPO, gitDir: repoDir, defaultBranch: "main", users: { alice: "maintain", bob: "write", carol: "admin" }, pulls: { 1: { head: "feature", base: "main" } } });
  const apiUrl = await github.start();
  const evidenceDir = resolve(options.evidenceDir ?? join(".keyward", "demo"));
  rmSync(evidenceDir, { recursive: true, force: true });
  mkdirSync(evidenceDir, { recursive: true });
  const store = await openEvidenceStore({ sqlitePath: join(evidenceDir, "evidence.db") });
  const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  const pino = (await import("pino")).default;
  const app = await startApp({ appId: 1, privateKey, webhookSecret: SECRET, baseUrl: apiUrl, port: 0, store, workdir: join(work, "clones"), log: pino({ level: "silent" }), pacer: { wait: async () => undefined }, sla: DEFAULT_SLA_DAYS });
  const appUrl = `http://127.0.0.1:${app.port}`;
  const repository = { id: 1, name: REPO, full_name: `${OWNER}/${REPO}`, owner: { login: OWNER }, private: true, html_url: `https://github.com/${OWNER}/${REPO}`, clone_url: `file://${repoDir}`, default_branch: "main" };
  const installation = { id: 1 };

  try {
    say(`Keyward demo — the App on ${appUrl}, a stand-in for GitHub's API on ${apiUrl}`);
    say(`repository ${OWNER}/${REPO} at ${repoDir}: a token committed by Bob in ${leak.slice(0, 7)}, an over-privileged workflow, and a pull request that adds and then removes the same token`);
    say();

    const pushStatus = await deliver(appUrl, "push", { ref: "refs/heads/main", before: initial, after: leak, created: false, deleted: false, forced: false, commits: [{ id: leak, added: ["config/settings.py", ".github/workflows/deploy.yml"], modified: [], removed: [] }], repository, installation, sender: { login: "bob" } });
    const prStatus = await deliver(appUrl, "pull_request", { action: "opened", number: 1, pull_request: { number: 1, head: { sha: prHead, ref: "feature" }, base: { sha: leak, ref: "main" } }, repository, installation, sender: { login: "bob" } });
    say(`delivered a signed push webhook (HTTP ${pushStatus}) and a signed pull_request webhook (HTTP ${prStatus})`);
    say();
    for (const run of github.state.checkRuns) {
      say(`check run "${run.name}" on ${run.head_sha.slice(0, 7)}: ${run.status}, ${run.conclusion ?? "-"} — ${run.output?.title ?? ""}`);
      for (const a of run.annotations as Array<{ path: string; start_line: number; annotation_level: string; title: string; message: string }>) say(`  ${a.annotation_level.padEnd(8)} ${a.path}:${a.start_line}  ${a.title}: ${a.message}`);
    }
    say();
    for (const issue of github.state.issues) {
      say(`issue #${issue.number}: ${issue.title}`);
      say(`  labels: ${issue.labels.join(", ")}; assigned: ${issue.assignees.map((a) => `@${a}`).join(", ") || "nobody"}`);
      for (const l of issue.body.split("\n").filter((l) => /^\| (Rule|Secret|Owners) |^- \[`|^- \*\*(Revocation|Validity):\*\*/.test(l))) say(`  ${l}`);
    }
    const tokenId = secretId(token);
    const revoked = github.state.revocations.filter((r) => r.secretIds.includes(tokenId));
    say(`GitHub's credentials API (the stand-in) received ${github.state.revocations.length} revocation request(s); the planted token (secret id ${tokenId}) was in ${revoked.length} of them`);
    say();

    // 3. The owner attests the rotation, the token is removed, the issue is closed: verified.
    const issue = github.state.issues[0]!;
    const alice = { login: "alice", id: 1001, type: "User" };
    const issueJson = { number: issue.number, node_id: `I_demo${String(issue.number).padStart(6, "0")}`, html_url: `https://github.com/${OWNER}/${REPO}/issues/${issue.number}`, user: { login: "keyward[bot]", id: 9000, type: "Bot" } };
    await deliver(appUrl, "issue_comment", { action: "created", issue: { ...issueJson, body: issue.body, state: "open", assignees: issue.assignees.map((login) => ({ login })) }, comment: { id: 1, body: "Revoked it at GitHub and issued a new one.\n/keyward rotated", user: alice, html_url: `${issueJson.html_url}#issuecomment-1` }, repository, installation, sender: alice });
    say(`@alice commented "/keyward rotated": ${issue.comments.at(-1) ?? ""}`);
    write(repoDir, "config/settings.py", 'DEBUG = False\nGITHUB_TOKEN = os.environ["GITHUB_TOKEN"]\n');
    commit(repoDir, "read the token from the environment", "Alice Admin");
    issue.state = "closed";
    await deliver(appUrl, "issues", { action: "closed", issue: { ...issueJson, body: issue.body, state: "closed", assignees: [] }, repository, installation, sender: alice });
    say(`issue #${issue.number} closed by @alice: ${issue.state === "closed" ? "the fix was verified (token revoked by Keyward, rotated by its owner, and gone from main)" : `reopened — ${issue.comments.at(-1)}`}`);
    say();

    // 4. The evidence: every step a record in one hash chain; the exported pack verifies.
    const records = await store.records();
    say(`evidence log (${join(evidenceDir, "evidence.db")}):`);
    for (const r of records) say(`  #${String(r.seq).padEnd(3)} ${r.time}  ${r.event.padEnd(20)} ${r.fingerprint.padEnd(28)} by ${r.actor}`);
    const timeline = records.filter((r) => r.fingerprint === `secret:${tokenId}`);
    const byWhom = (r: EvidenceRecord) => {
      const t = typed(r);
      return t.ok && "by" in t.details ? t.details.by : undefined;
    };
    const at = (event: string, by?: string) => timeline.find((r) => r.event === event && (!by || byWhom(r) === by))?.time;
    const [detectedAt, revokedAt, verifiedAt] = [at("detected"), at("revoked", "keyward:auto"), at("fix-verified")];
    const gap = (a?: string, b?: string) => {
      if (!a || !b) return "never";
      const ms = Date.parse(b) - Date.parse(a);
      return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
    };
    say(`detected → revoked by keyward:auto: ${gap(detectedAt, revokedAt)}; revoked → fix verified: ${gap(revokedAt, verifiedAt)}`);
    const chain = verifyChain(records);
    const packDir = join(evidenceDir, "pack");
    // The signing key lives only in this process (as it would on a signing host, away from the
    // database); the auditor gets the public key.
    const signer = generateSigningKeyPair();
    const publicKeyPath = join(evidenceDir, "signer.pub.pem");
    writeFileSync(publicKeyPath, signer.publicKey);
    const pack = await exportPack(store, { outDir: packDir, toolVersion: "demo", signingKey: signer.privateKey, origin: "keyward.demo/acme-evidence" });
    const verdict = await verifyPack(packDir, { publicKey: signer.publicKey });
    say(`hash chain: ${chain.ok ? "intact" : `BROKEN at #${chain.seq}`}; evidence pack written to ${packDir} (report.html, findings.csv, records.jsonl, proofs, checkpoints, manifest.json), signed by ${keyFingerprint(signer.publicKey).slice(0, 16)}…: ${verdict.ok ? "verifies" : `does not verify: ${verdict.message}`}`);
    say(`  check it yourself: npx keyward evidence verify ${packDir} --public-key ${publicKeyPath}`);
    say(`  ${pack.manifest.records ?? records.length} records; open the report: ${join(packDir, "report.html")}`);

    // 5. The promise: the token appears nowhere Keyward wrote.
    const everything = JSON.stringify(github.state) + JSON.stringify(records) + lines.join("\n");
    const leaked = everything.includes(token.slice(4));
    say();
    say(leaked ? "FAILED: the planted token appears in Keyward's output" : "the planted token appears nowhere in the check runs, issues, comments, evidence or this output");
    const ok = !leaked && chain.ok && verdict.ok && github.state.checkRuns.some((c) => c.conclusion === "failure") && github.state.issues.length > 0 && revoked.length > 0 && revokedAt !== undefined && verifiedAt !== undefined;
    return { ok };
  } finally {
    await app.stop();
    await github.stop();
    await store.close();
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { ok } = await runDemo();
  process.exitCode = ok ? 0 : 1;
}
