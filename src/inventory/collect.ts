/**
 * Collection: the only part of the inventory that talks to GitHub, through the Octokit passed
 * in. Everything is paginated; a feature whose permission was not granted is recorded once as
 * skipped and not asked for again; repositories are swept a few at a time.
 */
import { CONFIG_PATH, parseConfig } from "../config.js";
import type { RepoSource } from "../ingest/repo-source.js";
import { inventoryFromConfigSource } from "../ownership/inventory.js";
import { expressions, secretNames } from "../workflows/expressions.js";
import type { WorkflowAudit } from "../workflows/audit.js";
import { auditRepository } from "../workflows/run.js";
import type { GitHub } from "./github.js";
import { refusal } from "./github.js";
import { visibleRepositories } from "./join.js";
import { FEATURES, type Feature } from "./permissions.js";
import { blobSource } from "./repo-files.js";
import { DEFAULT_POLICY, policyOf } from "./rule.js";
import type { CollectedOrgSecret, CollectedRepository, EnvironmentMeta, OrgCollection, OrgFacts, PolicyError, RepositoryInput, RepositoryMeta, Skipped } from "./types.js";

export interface CollectOptions {
  readonly org: string;
  readonly serverUrl: string;
  readonly now: Date;
  /** How to enumerate repositories: the App's installation, or the organisation (a user's token). */
  readonly repositories: "installation" | "organization";
  /** Sweep only these repository names (the organisation-wide judgements are then withheld). */
  readonly only?: readonly string[];
  readonly concurrency?: number;
  /** The workflow audits to run on each repository (default: all of them). */
  readonly audits?: readonly WorkflowAudit[];
  /** Stop before the repositories when the organisation's configuration is invalid (the CLI), rather than sweep with the default policy (the App). */
  readonly strictPolicy?: boolean;
}

/** The organisation's `.github/keyward.yml` is invalid, so its policy is unknown. */
export class InvalidPolicyError extends Error {
  constructor(readonly errors: readonly PolicyError[]) {
    super(`invalid configuration:\n${errors.map((e) => `  ${e.file}:${e.line}:${e.column}: ${e.message}`).join("\n")}`);
  }
}

/** Permissions missing for the whole token: GitHub's answer to an App or Actions token without one. */
const NOT_GRANTED = /not accessible by integration|only github apps/i;

export class Guard {
  readonly skipped: Skipped[] = [];
  private readonly refused = new Set<Feature>();

  async attempt<T>(feature: Feature, where: string, run: () => Promise<T>): Promise<T | undefined> {
    if (this.refused.has(feature)) return undefined;
    try {
      return await run();
    } catch (err) {
      const r = refusal(err);
      if (!r) throw err;
      this.skipped.push({ feature, permission: FEATURES[feature].permission, where, status: r.status, message: r.message });
      // A permission the token lacks is lacking everywhere: ask no more.
      if (r.status === 403 && NOT_GRANTED.test(r.message)) this.refused.add(feature);
      return undefined;
    }
  }
}

/** The organisation-level collection: repositories, organisation secrets, token grants, Apps and the org-wide settings. */
export async function collectOrgFacts(octokit: GitHub, options: CollectOptions, guard = new Guard()): Promise<OrgFacts> {
  const { org } = options;
  const all = await listRepositories(octokit, options);
  const only = options.only ? [...new Set(options.only.map((n) => n.toLowerCase()))] : undefined;
  if (only) for (const name of only) if (!all.some((r) => r.name.toLowerCase() === name)) throw new Error(`repository ${org}/${name} was not found or is not visible to this token`);

  type Listed = { name: string; created_at: string; updated_at: string; visibility: "all" | "private" | "selected" };
  const orgSecretsOf = (feature: "organization-secrets" | "organization-dependabot-secrets", list: () => Promise<Listed[]>, selected: (name: string) => Promise<Array<{ name: string }>>) =>
    guard.attempt(feature, org, async () => {
      const out: CollectedOrgSecret[] = [];
      for (const s of await list()) {
        const meta = { name: s.name, created_at: s.created_at, updated_at: s.updated_at, visibility: s.visibility };
        if (s.visibility !== "selected") {
          out.push(meta);
          continue;
        }
        const repos = await guard.attempt(feature, `${org} secret ${s.name}`, () => selected(s.name));
        out.push({ ...meta, ...(repos ? { selectedRepositories: repos.map((r) => r.name) } : {}) });
      }
      return out;
    });
  const orgSecrets = await orgSecretsOf(
    "organization-secrets",
    () => octokit.paginate("GET /orgs/{org}/actions/secrets", { org, per_page: 100 }),
    (secret_name) => octokit.paginate("GET /orgs/{org}/actions/secrets/{secret_name}/repositories", { org, secret_name, per_page: 100 }),
  );
  const orgDependabotSecrets = await orgSecretsOf(
    "organization-dependabot-secrets",
    () => octokit.paginate("GET /orgs/{org}/dependabot/secrets", { org, per_page: 100 }),
    (secret_name) => octokit.paginate("GET /orgs/{org}/dependabot/secrets/{secret_name}/repositories", { org, secret_name, per_page: 100 }),
  );
  const patGrants = await guard.attempt("personal-access-tokens", org, async () =>
    (await octokit.paginate("GET /orgs/{org}/personal-access-tokens", { org, per_page: 100 })).map((g) => ({
      id: g.id,
      owner: { login: g.owner.login },
      repository_selection: g.repository_selection,
      permissions: g.permissions,
      access_granted_at: g.access_granted_at,
      token_id: g.token_id,
      token_name: g.token_name,
      token_expired: g.token_expired,
      token_expires_at: g.token_expires_at,
      token_last_used_at: g.token_last_used_at,
    })),
  );
  const installations = await guard.attempt("app-installations", org, async () =>
    (await octokit.paginate("GET /orgs/{org}/installations", { org, per_page: 100 })).map((i) => ({
      id: i.id,
      app_id: i.app_id,
      app_slug: i.app_slug,
      repository_selection: i.repository_selection,
      permissions: i.permissions,
      events: i.events,
      created_at: i.created_at,
      updated_at: i.updated_at,
      suspended_at: i.suspended_at,
    })),
  );
  const orgRepo = all.find((r) => r.name.toLowerCase() === ".github");
  const settings = await orgSettings(orgRepo ? blobSource(octokit, org, orgRepo.name, orgRepo.defaultBranch) : undefined, `${org}/.github`);

  return {
    org,
    serverUrl: options.serverUrl,
    allRepositories: all,
    ...(only ? { only } : {}),
    partial: only !== undefined,
    ...settings,
    ...(orgSecrets ? { orgSecrets } : {}),
    ...(orgDependabotSecrets ? { orgDependabotSecrets } : {}),
    ...(patGrants ? { patGrants } : {}),
    ...(installations ? { installations } : {}),
    skipped: guard.skipped,
  };
}

/** The repositories a sweep covers: all of them, or those asked for and the `.github` repository. */
export function sweptRepositories(facts: Pick<OrgFacts, "allRepositories" | "only">): RepositoryMeta[] {
  const only = facts.only ? new Set(facts.only) : undefined;
  return only ? facts.allRepositories.filter((r) => only.has(r.name.toLowerCase()) || r.name === ".github") : [...facts.allRepositories];
}

/** What one repository's collection needs from the organisation's. */
export function repositoryInput(facts: OrgFacts, repo: RepositoryMeta): RepositoryInput {
  const name = repo.name.toLowerCase();
  return {
    org: facts.org,
    serverUrl: facts.serverUrl,
    repo,
    orgInventory: facts.orgInventory,
    policy: facts.policy,
    governance: facts.governance,
    ...(facts.orgDependabotSecrets ? { orgDependabotVisible: facts.orgDependabotSecrets.filter((s) => visibleRepositories(facts, s.visibility, s.selectedRepositories).has(name)).map((s) => s.name) } : {}),
  };
}

/** The org-wide settings in `ORG/.github`'s `.github/keyward.yml`: its inventory, the policy, the governance reviewers. */
async function orgSettings(source: RepoSource | undefined, repository: string): Promise<Pick<OrgFacts, "orgInventory" | "policy" | "governance" | "policyErrors">> {
  const text = await source?.read(CONFIG_PATH);
  if (text === undefined) return { orgInventory: { repository, entries: [] }, policy: DEFAULT_POLICY, governance: [], policyErrors: [] };
  const parsed = parseConfig(text);
  const entries = inventoryFromConfigSource(text).identities.map((i) => ({ secret: i.secret, owners: i.owners, line: i.line, ...(i.rotateEveryDays ? { rotateEveryDays: i.rotateEveryDays } : {}) }));
  const file = `${repository}/${CONFIG_PATH}`;
  return {
    orgInventory: { repository, entries },
    policy: policyOf(parsed.config.inventory),
    governance: parsed.config.inventory.governance,
    policyErrors: parsed.errors.map((e) => ({ file, line: e.line, column: e.column, message: e.message })),
  };
}

/** A whole sweep in one process: the organisation's facts, then every repository a few at a time. */
export async function collectOrg(octokit: GitHub, options: CollectOptions): Promise<OrgCollection> {
  const guard = new Guard();
  const facts = await collectOrgFacts(octokit, options, guard);
  if (options.strictPolicy && facts.policyErrors.length) throw new InvalidPolicyError(facts.policyErrors);
  const repositories = await mapLimit(sweptRepositories(facts), options.concurrency ?? 4, (repo) => collectRepository(octokit, repositoryInput(facts, repo), options, guard));
  return { ...facts, repositories: repositories.map((r) => r.collected), skipped: guard.skipped };
}

async function listRepositories(octokit: GitHub, options: CollectOptions): Promise<RepositoryMeta[]> {
  type Repo = { name: string; full_name: string; private: boolean; visibility?: string; archived?: boolean; default_branch?: string; html_url: string; owner: { login: string } };
  const raw: Repo[] =
    options.repositories === "installation"
      ? await octokit.paginate("GET /installation/repositories", { per_page: 100 })
      : await octokit.paginate("GET /orgs/{org}/repos", { org: options.org, type: "all", per_page: 100 });
  return raw
    .filter((r) => r.owner.login.toLowerCase() === options.org.toLowerCase())
    .map((r) => ({
      name: r.name,
      fullName: r.full_name,
      visibility: r.visibility === "internal" ? "internal" : r.visibility === "public" || (!r.visibility && !r.private) ? "public" : "private",
      archived: r.archived === true,
      defaultBranch: r.default_branch ?? "main",
      htmlUrl: r.html_url,
    }));
}

/**
 * One repository: its workflow audit and what GitHub holds for it. With its own guard (a queue
 * job) or the sweep's (one process: a permission found missing is not asked for again).
 */
export async function collectRepository(
  octokit: GitHub,
  input: RepositoryInput,
  options: Pick<CollectOptions, "now" | "audits">,
  guard = new Guard(),
): Promise<{ collected: CollectedRepository; skipped: readonly Skipped[] }> {
  const meta = input.repo;
  const owner = input.org;
  const mark = guard.skipped.length;
  const repo = meta.name;
  const where = meta.fullName;
  const source = blobSource(octokit, owner, repo, meta.defaultBranch);
  const audit = await auditRepository(source, { now: options.now, ...(options.audits ? { audits: options.audits } : {}) });
  const dependabotYml = (await source.read(".github/dependabot.yml")) ?? (await source.read(".github/dependabot.yaml"));

  const secrets = await guard.attempt("repository-secrets", where, async () =>
    (await octokit.paginate("GET /repos/{owner}/{repo}/actions/secrets", { owner, repo, per_page: 100 })).map(secretMeta),
  );
  const orgSecretsVisible = await guard.attempt("repository-secrets", where, async () =>
    (await octokit.paginate("GET /repos/{owner}/{repo}/actions/organization-secrets", { owner, repo, per_page: 100 })).map((s) => s.name),
  );
  const dependabotSecrets = await guard.attempt("dependabot-secrets", where, async () =>
    (await octokit.paginate("GET /repos/{owner}/{repo}/dependabot/secrets", { owner, repo, per_page: 100 })).map(secretMeta),
  );
  const deployKeys = await guard.attempt("deploy-keys", where, async () =>
    (await octokit.paginate("GET /repos/{owner}/{repo}/keys", { owner, repo, per_page: 100 })).map((k) => ({
      id: k.id,
      title: k.title,
      read_only: k.read_only,
      created_at: k.created_at,
      last_used: k.last_used ?? null,
      added_by: k.added_by ?? null,
    })),
  );

  const listed = await guard.attempt("environments", where, async () =>
    (await octokit.paginate("GET /repos/{owner}/{repo}/environments", { owner, repo, per_page: 100 })).map((e) => ({
      name: e.name,
      protectionRules: e.protection_rules ?? [],
      branchPolicy: e.deployment_branch_policy ?? null,
      protectionKnown: true,
    })),
  );
  // Without the environments list, the environments the workflows name are still worth asking about.
  const named = [...new Set(audit.model.workflows.flatMap((w) => w.jobs.map((j) => j.environment)).filter((e): e is string => !!e && !e.includes("${{")))];
  const envs = listed ?? named.map((name) => ({ name, protectionRules: [], branchPolicy: null, protectionKnown: false }));
  const environments: EnvironmentMeta[] = [];
  for (const env of envs) {
    const envSecrets = await guard.attempt("environment-secrets", `${where} environment ${env.name}`, async () =>
      (await octokit.paginate("GET /repos/{owner}/{repo}/environments/{environment_name}/secrets", { owner, repo, environment_name: env.name, per_page: 100 })).map(secretMeta),
    );
    environments.push({ ...env, ...(envSecrets ? { secrets: envSecrets } : {}) });
  }

  const collected: CollectedRepository = {
    repo: meta,
    ...(secrets ? { secrets } : {}),
    ...(orgSecretsVisible ? { orgSecretsVisible } : {}),
    ...(dependabotSecrets ? { dependabotSecrets } : {}),
    ...(deployKeys ? { deployKeys } : {}),
    environments,
    audit,
    dependabotReferences: dependabotYml ? referencedSecrets(dependabotYml) : [],
  };
  return { collected, skipped: guard.skipped.slice(mark) };
}

const secretMeta = (s: { name: string; created_at: string; updated_at: string }) => ({ name: s.name, created_at: s.created_at, updated_at: s.updated_at });

/** `${{ secrets.NAME }}` references in a file (dependabot.yml's registries). */
export function referencedSecrets(text: string): string[] {
  return [...new Set(expressions(text.slice(0, 1024 * 1024)).flatMap((e) => secretNames(e.body)))];
}

/** `fn` over `items`, at most `limit` at a time, results in order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
