import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withSetting } from "../../src/action/config.js";
import { parseConfig } from "../../src/config.js";
import { actionJob, runJob, type ActionJob } from "../helpers/action.js";
import { commitResponse, OWNER, pullRequestPayload, pushPayload, REPO } from "../helpers/payloads.js";
import { tempRepo } from "../helpers/repo.js";
import { validateSarif } from "../helpers/sarif.js";
import { githubToken } from "../helpers/tokens.js";
import { acmeToken } from "../detect/fixtures.js";

const API = "https://api.github.com";
const R = `/repos/${OWNER}/${REPO}`;
const BEFORE = "a".repeat(40);
const HEAD = "c".repeat(40);
const C1 = "1".repeat(40);

/** Event payloads as the runner writes them to GITHUB_EVENT_PATH: webhook payloads without an installation. */
function withoutInstallation<T extends { installation?: unknown }>(payload: T): Omit<T, "installation"> {
  const { installation: _, ...rest } = payload;
  return rest;
}

function workspaceWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "keyward-workspace-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

interface Sarif {
  runs: Array<{ results: Array<{ ruleId: string; partialFingerprints: Record<string, string>; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }>;
}

function readSarif(path: string): Sarif {
  const sarif = JSON.parse(readFileSync(path, "utf8")) as Sarif;
  expect(validateSarif(sarif)).toEqual([]);
  return sarif;
}

describe("the GitHub Action in mode app: the App's handlers with the job's token", () => {
  const cleanups: Array<() => void> = [];
  const job = (...args: Parameters<typeof actionJob>): ActionJob => {
    const j = actionJob(...args);
    cleanups.push(j.cleanup, () => rmSync(args[2].workspace, { recursive: true, force: true }));
    return j;
  };
  beforeEach(() => nock.disableNetConnect());
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
    for (const c of cleanups.splice(0)) c();
  });

  it("on a push: creates the Keyward check run, completes it with annotations, opens the issue, writes valid SARIF — never the token", async () => {
    const token = githubToken();
    const captured: { check?: { status: string; conclusion: string; output: { annotations: Array<Record<string, unknown>> } }; issue?: { title: string; body: string } } = {};
    const scope = nock(API)
      // Whether the job's token may write issues: an issue without a title is refused as invalid, not as forbidden.
      .post(`${R}/issues`, (b) => b.title === undefined).reply(422, { message: "Invalid request." })
      .get(`${R}/compare/${BEFORE}...${HEAD}`).query(true).reply(200, { commits: [{ sha: C1 }] })
      .post(`${R}/check-runs`, (b) => b.name === "Keyward" && b.head_sha === HEAD && b.status === "in_progress").reply(201, { id: 11 })
      .get(`${R}/commits/${C1}`).reply(200, commitResponse(C1, [{ filename: "src/client.js", status: "added", patch: `@@ -0,0 +1,2 @@\n+const client = makeClient();\n+const token = "${token}";` }]))
      .get(`${R}/issues`).query((q) => q.labels === "keyward").reply(200, [])
      .get(`${R}/assignees/dana`).reply(204)
      .post(`${R}/issues`, (b) => ((captured.issue = b), typeof b.title === "string")).reply(201, { number: 5, html_url: `https://github.com/${OWNER}/${REPO}/issues/5` })
      .patch(`${R}/check-runs/11`, (b) => ((captured.check = b), true)).reply(200, { id: 11 });
    // Config (no checkout here: read at the head commit, then the organisation's), ignore files, CODEOWNERS, workflows: none.
    nock(API).get(/\/contents\//).query(true).times(30).optionally().reply(404);

    const j = job("push", withoutInstallation(pushPayload({ before: BEFORE, after: HEAD, commits: [{ id: C1, added: ["src/client.js"] }] })), { workspace: workspaceWith({}) });
    const { code, log } = await runJob(j);

    expect(scope.isDone()).toBe(true);
    expect(code).toBe(1);
    expect(captured.check).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(captured.check!.output.annotations).toEqual([expect.objectContaining({ path: "src/client.js", start_line: 2, annotation_level: "failure", title: "github-pat (critical)" })]);
    expect(captured.issue!.title).toBe("Leaked GitHub classic personal access token in src/client.js");

    const sarif = readSarif(join(j.env.GITHUB_WORKSPACE!, "keyward.sarif"));
    expect(sarif.runs[0]!.results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region.startLine])).toEqual([["github-pat", "src/client.js", 2]]);
    expect(readFileSync(join(j.env.GITHUB_WORKSPACE!, "keyward.sarif"), "utf8")).not.toContain(token.slice(4));
    expect(readFileSync(j.env.GITHUB_OUTPUT!, "utf8")).toContain("findings=1\nblocking=1\n");
    expect(log).toContain("Check run: failure. Evidence: 5 records not kept"); // the configuration in force, the secret's three and the scan's heartbeat
    expect(log).toMatch(/::error::Keyward: 1 finding at or above 'low'/);
    for (const text of [log, JSON.stringify(captured)]) expect(text).not.toContain(token.slice(4));
  });

  it("on a pull request whose token may not write issues: the check run goes ahead without them, at the fail-on input's threshold", async () => {
    const token = githubToken("ghs");
    const captured: { check?: { conclusion: string; output: { annotations: Array<Record<string, unknown>> } } } = {};
    const scope = nock(API)
      .post(`${R}/issues`).reply(403, { message: "Resource not accessible by integration" })
      .get(`${R}/pulls/7/commits`).query(true).reply(200, [{ sha: C1 }])
      .get(`${R}/pulls/7/files`).query(true).reply(200, [{ filename: "deploy/app.env" }])
      .post(`${R}/check-runs`).reply(201, { id: 12 })
      .get(`${R}/commits/${C1}`).reply(200, commitResponse(C1, [{ filename: "deploy/app.env", patch: `@@ -0,0 +1 @@\n+APP_TOKEN=${token}` }]))
      .patch(`${R}/check-runs/12`, (b) => ((captured.check = b), true)).reply(200, { id: 12 });
    nock(API).get(/\/contents\//).query(true).times(10).optionally().reply(404);

    // The checkout has the configuration: the handlers are served it instead of reading the API.
    const workspace = workspaceWith({ ".github/keyward.yml": "rules:\n  disable: [generic-password]\n" });
    const j = job("pull_request", withoutInstallation(pullRequestPayload("opened", { number: 7, head: HEAD })), { workspace, inputs: { "fail-on": "critical" } });
    const { code, log } = await runJob(j);

    expect(scope.isDone()).toBe(true);
    expect(log).toContain("may not write issues (grant 'issues: write' for remediation issues): continuing without them");
    // A high-severity token under a critical threshold: reported, not failing.
    expect(captured.check!.conclusion).toBe("neutral");
    expect(captured.check!.output.annotations).toContainEqual(expect.objectContaining({ path: "deploy/app.env", annotation_level: "warning", title: "github-app-installation-token (high)" }));
    expect(code).toBe(0);
    expect(readSarif(join(workspace, "keyward.sarif")).runs[0]!.results.map((r) => r.ruleId)).toContain("github-app-installation-token");
  });

  it("on a pull request from a fork (no check runs for this token): scans the checkout and annotates with workflow commands", async () => {
    const token = githubToken();
    const scope = nock(API)
      .post(`${R}/issues`).reply(403, { message: "Resource not accessible by integration" })
      .get(`${R}/pulls/9/commits`).query(true).reply(200, [{ sha: C1 }])
      .get(`${R}/pulls/9/files`).query(true).reply(200, [{ filename: "src/leak.js" }])
      .post(`${R}/check-runs`).reply(403, { message: "Resource not accessible by integration" });
    nock(API).get(/\/contents\//).query(true).times(10).optionally().reply(404);

    const workspace = workspaceWith({ "src/leak.js": `// from a fork\nexport const token = "${token}";\n` });
    const j = job("pull_request", withoutInstallation(pullRequestPayload("synchronize", { number: 9, head: HEAD })), { workspace });
    const { code, log } = await runJob(j);

    expect(scope.isDone()).toBe(true);
    expect(log).toContain("may not create check runs (a pull request from a fork, or no 'checks: write'");
    expect(log).toMatch(/^::error file=src\/leak\.js,line=2,endLine=2,col=\d+,endColumn=\d+,title=github-pat \(critical\)::GitHub classic personal access token \(ghp_\*+\)/m);
    expect(log).not.toContain(token.slice(4));
    expect(code).toBe(1);
    expect(readSarif(join(workspace, "keyward.sarif")).runs[0]!.results.map((r) => r.ruleId)).toEqual(["github-pat"]);
  });

  it("scans the checkout on events the App does not handle", async () => {
    const workspace = workspaceWith({ "README.md": "# widgets\n" });
    const j = job("schedule", { schedule: "0 3 * * *", repository: { full_name: `${OWNER}/${REPO}` } }, { workspace });
    const { code, log } = await runJob(j);
    expect(log).toContain("for 'schedule' Keyward scans the checkout instead");
    expect(code).toBe(0);
    expect(readSarif(join(workspace, "keyward.sarif")).runs[0]!.results).toEqual([]);
  });
});

describe("the GitHub Action in mode scan: the checkout, for code scanning", () => {
  beforeEach(() => nock.disableNetConnect());
  afterEach(() => nock.enableNetConnect());

  it("annotates, reports configuration errors on their line, writes valid SARIF and fails — asking nothing of the API", async () => {
    const token = githubToken();
    const workspace = workspaceWith({ ".github/keyward.yml": "fail_on: severe\n", "config/settings.py": `DEBUG = True\nGITHUB_TOKEN = "${token}"\n` });
    const j = actionJob("push", withoutInstallation(pushPayload({ before: BEFORE, after: HEAD, commits: [] })), { workspace, inputs: { mode: "scan", sarif: "out/keyward.sarif" } });
    try {
      const { code, log } = await runJob(j);
      expect(log).toMatch(/^::warning file=\.github\/keyward\.yml,line=1,col=\d+,title=Keyward configuration::fail_on: .*\(the defaults are used instead\)$/m);
      expect(log).toMatch(/^::error file=config\/settings\.py,line=2,.*title=github-pat \(critical\)::/m);
      expect(code).toBe(1);
      const sarif = readSarif(join(workspace, "out", "keyward.sarif"));
      expect(sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(["config/settings.py"]);
      expect(readFileSync(j.env.GITHUB_OUTPUT!, "utf8")).toContain(`sarif=${join(workspace, "out", "keyward.sarif")}\n`);
    } finally {
      j.cleanup();
      rmSync(workspace, { recursive: true, force: true });
    }
  });

  it("finds an in-house token by a custom rule of .github/keyward.yml, at the rule's severity, never printing it", async () => {
    const token = acmeToken();
    const config = ["rules:", "  custom:", "    - id: acme-internal-token", "      description: ACME internal API token", "      regex: '\\bacme_(?<secret>[0-9a-f]{32})\\b'", "      keywords: [acme_]", "      severity: critical", ""].join("\n");
    const workspace = workspaceWith({ ".github/keyward.yml": config, "deploy/client.env": `ACME_ENDPOINT=https://api.acme.internal\nACME_TOKEN=${token}\n` });
    const j = actionJob("push", withoutInstallation(pushPayload({ before: BEFORE, after: HEAD, commits: [] })), { workspace, inputs: { mode: "scan", sarif: "keyward.sarif" } });
    try {
      const { code, log } = await runJob(j);
      expect(log).not.toMatch(/Keyward configuration/);
      expect(log).toMatch(/^::error file=deploy\/client\.env,line=2,.*title=acme-internal-token \(critical\)::/m);
      expect(code).toBe(1);
      expect(readSarif(join(workspace, "keyward.sarif")).runs[0]!.results.map((r) => r.ruleId)).toEqual(["acme-internal-token"]);
      expect(log + readFileSync(join(workspace, "keyward.sarif"), "utf8")).not.toContain(token.slice(5));
    } finally {
      j.cleanup();
      rmSync(workspace, { recursive: true, force: true });
    }
  });

  it("keeps SARIF fingerprints stable: the same on a second scan, and when the finding moves down", async () => {
    const repo = tempRepo();
    const token = githubToken();
    const hashKey = { KEYWARD_FINGERPRINT_KEY: "stable-key-for-this-repository" };
    const fingerprints = async () => {
      const j = actionJob("push", withoutInstallation(pushPayload({ before: BEFORE, after: HEAD, commits: [] })), { workspace: repo.dir, inputs: { mode: "scan" } });
      try {
        await runJob({ ...j, env: { ...j.env, ...hashKey } });
        return readSarif(join(repo.dir, "keyward.sarif")).runs[0]!.results.map((r) => ({ fingerprint: r.partialFingerprints["keyward/v1"], line: r.locations[0]!.physicalLocation.region.startLine }));
      } finally {
        j.cleanup();
      }
    };
    try {
      repo.write(".gitignore", "keyward.sarif\n");
      repo.write("src/client.js", `const a = 1;\nconst token = "${token}";\n`);
      repo.commit("client");
      const first = await fingerprints();
      expect(first).toEqual([{ fingerprint: expect.stringMatching(/^src\/client\.js:github-pat:[0-9a-f]+$/), line: 2 }]);
      expect(await fingerprints()).toEqual(first);

      repo.write("src/client.js", `// a header\n// and a licence\n// and notes\n\n\nconst a = 1;\nconst token = "${token}";\n`);
      repo.commit("header");
      expect(await fingerprints()).toEqual([{ fingerprint: first[0]!.fingerprint, line: 7 }]);
    } finally {
      repo.cleanup();
    }
  });

  it("refuses unusable inputs with a message for the workflow author", async () => {
    const workspace = workspaceWith({});
    const j = actionJob("push", {}, { workspace, inputs: { mode: "audit", "fail-on": "severe" } });
    try {
      const { code, log } = await runJob(j);
      expect(code).toBe(2);
      expect(log).toBe("::error::Keyward: input 'mode' must be app or scan; input 'fail-on' must be one of critical, high, medium, low\n");
    } finally {
      j.cleanup();
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});

describe("laying the action's settings over a configuration file", () => {
  it("replaces a value in place, or appends a missing setting, and every other line stays where it was", () => {
    const text = "# ours\nfail_on: high # reviewed\nidentities:\n  - secret: NPM_TOKEN\n    owners: ['@octocat']\n";
    const failOn = withSetting(text, ["fail_on"], "critical")!;
    expect(failOn).toBe("# ours\nfail_on: critical # reviewed\nidentities:\n  - secret: NPM_TOKEN\n    owners: ['@octocat']\n");
    const issuesOff = withSetting(failOn, ["issues", "enabled"], "false")!;
    expect(issuesOff.split("\n").slice(0, 5)).toEqual(failOn.split("\n").slice(0, 5));
    expect(parseConfig(issuesOff).config).toMatchObject({ fail_on: "critical", issues: { enabled: false } });
    expect(withSetting("issues:\n  enabled: true\n  labels: [security]\n", ["issues", "enabled"], "false")).toBe("issues:\n  enabled: false\n  labels: [security]\n");
    expect(withSetting("", ["fail_on"], "low")).toBe("fail_on: low\n");
  });

  it("declines edits that would move lines or guess at the file's shape", () => {
    expect(withSetting("issues:\n  labels: [security]\n", ["issues", "enabled"], "false")).toBeUndefined(); // NOT OK: would insert a line
    expect(withSetting("{ fail_on: high }\n", ["fail_on"], "low")).toBeUndefined(); // NOT OK: flow mapping
    expect(withSetting("fail_on: [\n", ["fail_on"], "low")).toBeUndefined(); // NOT OK: syntax error
  });
});
