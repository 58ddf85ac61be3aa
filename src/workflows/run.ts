/**
 * The workflow audit of one repository, end to end: read the config, CODEOWNERS, workflows and
 * actions through a RepoSource, run every audit, and build the identity inventory with owners
 * and blast radius. Shared by `keyward audit`, `keyward inventory` and the App.
 */
import { CONFIG_PATH } from "../config.js";
import type { RepoSource } from "../ingest/repo-source.js";
import { CODEOWNERS_LOCATIONS, ownersOf, parseCodeowners, type CodeownersRule } from "../ownership/codeowners.js";
import { dueDates, inventoryFromConfigSource, matchIdentity, type Identity } from "../ownership/inventory.js";
import type { Owner } from "../ownership/types.js";
import { buildModel, runAudits, type AuditContext, type RepositoryModel, type WorkflowAudit } from "./audit.js";
import { ALL_AUDITS } from "./audits/index.js";
import { blastRadius, type BlastRadius } from "./blast-radius.js";
import type { WorkflowFinding } from "./finding.js";
import { BUILTIN_SECRETS, identitiesOf, type JobToken } from "./identities.js";
import { loadWorkflows } from "./load.js";
import { describePermissions, writeScopes } from "./permissions.js";
import { writeVerdicts, type ScopeVerdict } from "./scope-needs.js";

export interface InventoryEntry {
  readonly name: string;
  /** Accountable owners: from the inventory only; CODEOWNERS owns files, not credentials. */
  readonly owners: readonly Owner[];
  readonly ownerSource: "inventory" | "none";
  /** Who should adopt an unowned identity: the code owners of the workflow that uses it. */
  readonly adopters: readonly Owner[];
  readonly purpose?: string;
  readonly lastRotated?: string;
  readonly rotationDue?: string;
  readonly lastReviewed?: string;
  readonly reviewDue?: string;
  readonly expires?: string;
  readonly uses: number;
  readonly blastRadius: BlastRadius;
}

export interface TokenEntry {
  readonly file: string;
  readonly job: string;
  readonly permissions: string;
  readonly oidc: boolean;
  /** Each write scope: needed by which step, unused, or why Keyward could not tell. */
  readonly writes: readonly ScopeVerdict[];
}

export interface AuditResult {
  readonly findings: WorkflowFinding[];
  readonly inventory: InventoryEntry[];
  readonly tokens: TokenEntry[];
  readonly files: { readonly workflows: number; readonly actions: number };
  readonly codeowners?: string;
  readonly identities: readonly Identity[];
  readonly codeownersRules: readonly CodeownersRule[];
  /** The parsed workflows and every secret use, for callers that join them with more (the GitHub inventory). */
  readonly model: RepositoryModel;
}

const CONFIG_ERROR = { id: "invalid-config", description: "The Keyward configuration or CODEOWNERS file has an error" };

export async function auditRepository(source: RepoSource, options: { now: Date; audits?: readonly WorkflowAudit[] }): Promise<AuditResult> {
  const findings: WorkflowFinding[] = [];
  const configError = (file: string, line: number, column: number, message: string, severity: "medium" | "low") =>
    findings.push({
      kind: "workflow",
      ruleId: CONFIG_ERROR.id,
      description: CONFIG_ERROR.description,
      message,
      severity,
      confidence: "high",
      location: { path: file, line, column, endLine: line, endColumn: column },
      fingerprint: `${file}:${CONFIG_ERROR.id}:${line}:${column}`,
    });

  const configText = await source.read(CONFIG_PATH);
  const inventory = configText === undefined ? { identities: [], errors: [] } : inventoryFromConfigSource(configText);
  for (const e of inventory.errors) configError(CONFIG_PATH, e.line, e.column, e.message, "medium");

  let codeownersFile: string | undefined;
  let codeowners: readonly CodeownersRule[] = [];
  for (const location of CODEOWNERS_LOCATIONS) {
    const text = await source.read(location);
    if (text === undefined) continue;
    const parsed = parseCodeowners(text, location);
    codeownersFile = location;
    codeowners = parsed.rules;
    for (const e of parsed.errors) configError(location, e.line, e.column, e.message, "low");
    break;
  }

  const loaded = await loadWorkflows(source);
  findings.push(...loaded.errors);
  const repo = buildModel(loaded.docs);
  const ctx: AuditContext = {
    now: options.now,
    identities: inventory.identities,
    identityFor: (name) => matchIdentity(inventory.identities, name),
    codeownersOf: (file) => ownersOf(codeowners, file).owners,
  };
  findings.push(...runAudits(options.audits ?? ALL_AUDITS, repo, ctx));

  const names = new Set(repo.secretUses.map((u) => u.name).filter((n) => !BUILTIN_SECRETS.has(n)));
  for (const identity of inventory.identities) if (!/[*?[]/.test(identity.secret)) names.add(identity.secret);
  const day = (d: Date | undefined) => d?.toISOString().slice(0, 10);
  const entries: InventoryEntry[] = [...names].sort().map((name) => {
    const identity = matchIdentity(inventory.identities, name);
    const uses = repo.secretUses.filter((u) => u.name === name);
    const due = identity ? dueDates(identity, options.now) : undefined;
    const firstFile = uses[0]?.file;
    return {
      name,
      owners: identity?.owners ?? [],
      ownerSource: identity ? "inventory" : "none",
      adopters: !identity && firstFile ? ownersOf(codeowners, firstFile).owners : [],
      ...(identity?.purpose ? { purpose: identity.purpose } : {}),
      ...(identity?.lastRotated ? { lastRotated: day(identity.lastRotated)! } : {}),
      ...(due?.rotationDue ? { rotationDue: day(due.rotationDue)! } : {}),
      ...(identity?.lastReviewed ? { lastReviewed: day(identity.lastReviewed)! } : {}),
      ...(due?.reviewDue ? { reviewDue: day(due.reviewDue)! } : {}),
      ...(identity?.expires ? { expires: day(identity.expires)! } : {}),
      uses: uses.length,
      blastRadius: blastRadius(name, repo.secretUses, repo.workflows),
    };
  });
  const tokens: TokenEntry[] = repo.workflows.flatMap((wf) =>
    identitiesOf(wf).tokens.map((t: JobToken) => {
      const job = wf.jobs.find((j) => j.id === t.job)!;
      return { file: t.file, job: t.job, permissions: describePermissions(t.effective), oidc: t.oidc, writes: writeVerdicts(job, writeScopes(t.effective.permissions).filter((s) => s !== "*")) };
    }),
  );
  return {
    findings,
    inventory: entries,
    tokens,
    files: { workflows: repo.workflows.length, actions: repo.actions.length },
    ...(codeownersFile ? { codeowners: codeownersFile } : {}),
    identities: inventory.identities,
    codeownersRules: codeowners,
    model: repo,
  };
}
