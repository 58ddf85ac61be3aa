/**
 * The rate-limit cost of a sweep, measured on the stand-in: an organisation of 1,000
 * repositories (each with a workflow, CODEOWNERS, an inventory file, two secrets, an
 * environment with one and a deploy key; the organisation with secrets, tokens and Apps),
 * swept once from nothing and again with the ETags of the first. The figures are the README's.
 */
import { describe, expect, it } from "vitest";
import { ProbotOctokit } from "probot";
import { memoryCache, useConditionalRequests } from "../../src/inventory/conditional.js";
import type { GitHub } from "../../src/inventory/github.js";
import { sweepOrg } from "../../src/inventory/sweep.js";
import { startGitHubOrg, type FakeOrg, type FakeRepo } from "../helpers/github-org.js";

// 250 keeps the suite quick; `npm run bench:inventory` measures the README's 1,000.
const REPOS = Number(process.env.KEYWARD_COST_REPOS ?? 250);
const at = "2026-11-01T00:00:00Z";

function repo(i: number): FakeRepo {
  return {
    name: `service-${i}`,
    files: {
      ".github/workflows/ci.yml": `name: ci\non: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - run: make\n        env:\n          API_TOKEN: \${{ secrets.API_TOKEN }}\n          DEPLOY_TOKEN: \${{ secrets.DEPLOY_TOKEN }}\n`,
      ".github/CODEOWNERS": `* @bigco/team-${i % 40}\n`,
      ".github/keyward.yml": "identities:\n  - secret: API_TOKEN\n    owners: ['@bigco/platform']\n",
      "README.md": "service\n",
    },
    secrets: [
      { name: "API_TOKEN", created_at: at, updated_at: at },
      { name: "OLD_TOKEN", created_at: at, updated_at: at },
    ],
    environments: [{ name: "production", reviewers: ["alice"], secrets: [{ name: "DEPLOY_TOKEN", created_at: at, updated_at: at }] }],
    deployKeys: [{ id: i, title: `key-${i}`, read_only: true, created_at: at, last_used: at }],
  };
}

describe("rate-limit cost of an organisation sweep", () => {
  it(`sweeps ${REPOS} repositories, then again almost for free with ETags`, async () => {
    const org: FakeOrg = {
      login: "bigco",
      repos: Array.from({ length: REPOS }, (_, i) => repo(i)),
      secrets: [{ name: "SHARED", created_at: at, updated_at: at, visibility: "selected", selected: ["service-1", "service-2"] }],
      pats: Array.from({ length: 50 }, (_, i) => ({ id: i, owner: `dev${i}`, token_id: 100 + i, token_name: `t${i}`, granted_at: at, expires_at: "2027-06-01T00:00:00Z", last_used_at: at })),
      installations: [{ id: 1, app_id: 1, app_slug: "keyward", permissions: { secrets: "read" }, created_at: at, updated_at: at }],
    };
    const gh = await startGitHubOrg(org);
    const cache = memoryCache();
    const sweep = async () => {
      const octokit = new ProbotOctokit({ auth: { token: "t" }, baseUrl: gh.url, throttle: { enabled: false }, retry: { enabled: false } } as never) as unknown as GitHub;
      const counts = useConditionalRequests(octokit, cache);
      gh.resetCounts();
      const started = performance.now();
      const result = await sweepOrg(octokit, { org: "bigco", serverUrl: "https://github.com", now: new Date("2026-12-01T00:00:00Z"), repositories: "organization", concurrency: 8 });
      return { counts: { ...counts }, charged: gh.counts.charged, served: gh.counts.requests, ms: performance.now() - started, result };
    };
    try {
      const first = await sweep();
      const second = await sweep();
      // Deploy keys changing in one repository: only what changed is charged.
      org.repos[7]!.deployKeys = [];
      const third = await sweep();
      const line = (name: string, s: typeof first) => `${name}: ${s.served} requests, ${s.charged} charged to the rate limit, ${s.counts.notModified} answered 304, ${s.counts.immutableHits} blobs from cache, ${(s.ms / 1000).toFixed(1)} s`;
      console.log([line("first sweep", first), line("second sweep", second), line("after one change", third)].join("\n"));
      expect(first.result.collection.repositories).toHaveLength(REPOS);
      // Per repository: root, .github and workflows listings, 3 blobs, 6 inventory lists.
      expect(first.charged).toBeLessThanOrEqual(REPOS * 13 + 20);
      expect(second.charged).toBe(0);
      expect(second.counts.immutableHits).toBe(REPOS * 3);
      expect(third.charged).toBe(1);
      expect(second.result.findings.length).toBe(first.result.findings.length);
    } finally {
      await gh.close();
    }
  }, 300_000);
});
