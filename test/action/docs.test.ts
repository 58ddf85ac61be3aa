import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempRepo } from "../helpers/repo.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const WORKFLOWS = ["keyward.yml", "keyward-code-scanning.yml"];
const read = (name: string) => readFileSync(join(root, "docs", "github-actions", name), "utf8");
/** What a team does on copying: pin Keyward to the commit they reviewed. */
const pinned = (text: string) => text.replaceAll("keyward/keyward@<commit-sha>", `keyward/keyward@${"0123456789abcdef".repeat(2)}01234567`);

interface Workflow {
  permissions: Record<string, string>;
  jobs: Record<string, { permissions: Record<string, string>; steps: Array<{ uses?: string; with?: Record<string, string> }> }>;
}

describe("the workflows the README tells teams to copy", () => {
  it("pass Keyward's own workflow audit once Keyward is pinned", async () => {
    const repo = tempRepo();
    try {
      for (const name of WORKFLOWS) repo.write(`.github/workflows/${name}`, pinned(read(name)));
      const { code, stdout } = await runCli(["audit", "--format", "json", repo.dir]);
      expect(JSON.parse(stdout).findings).toEqual([]);
      expect(code).toBe(0);
    } finally {
      repo.cleanup();
    }
  });

  it("upload SARIF in mode scan with least permissions and every action pinned to a full commit SHA", () => {
    const wf = parse(read("keyward-code-scanning.yml")) as Workflow;
    expect(wf.permissions).toEqual({});
    const job = wf.jobs.keyward!;
    expect(job.permissions).toEqual({ contents: "read", "security-events": "write" });
    const uses = job.steps.map((s) => s.uses ?? "");
    expect(uses.find((u) => u.startsWith("github/codeql-action/upload-sarif@"))).toMatch(/@[0-9a-f]{40}$/);
    expect(job.steps.find((s) => s.uses?.startsWith("keyward/keyward@"))?.with).toMatchObject({ mode: "scan" });
    for (const u of uses.filter((u) => !u.startsWith("keyward/"))) expect(u).toMatch(/@[0-9a-f]{40}$/);
  });

  it("appear in the README as they are in docs/github-actions", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    for (const name of WORKFLOWS) {
      const text = read(name);
      expect(readme).toContain(text.slice(text.indexOf("name:")));
    }
  });
});
