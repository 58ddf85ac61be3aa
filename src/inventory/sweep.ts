/**
 * One sweep of an organisation: collect what GitHub holds (the only I/O, through the Octokit
 * passed in), then the pure part — join it with the workflows, the inventory and CODEOWNERS,
 * and judge it. Shared by `keyward inventory --org`, `keyward audit --org` and the App.
 */
import type { WorkflowAudit } from "../workflows/audit.js";
import { ALL_AUDITS } from "../workflows/audits/index.js";
import type { WorkflowFinding } from "../workflows/finding.js";
import { collectOrg, repositoryInput, type CollectOptions } from "./collect.js";
import type { GitHub } from "./github.js";
import { digestRepository, joinOrganisation, joinRepository, type OrgIdentity } from "./join.js";
import type { InventoryFinding } from "./rule.js";
import { INVENTORY_RULES } from "./rules/index.js";
import type { CollectedRepository, OrgCollection, OrgFacts, RepositoryDigest, RepositoryInput } from "./types.js";

/**
 * The repository audits that GitHub's own records supersede in an organisation sweep: rotation
 * from `updated_at` rather than a typed date, ownership of what is defined (unowned-identity)
 * or not (undefined-secret), and secrets that exist but are unused (orphaned-secret).
 */
const SUPERSEDED = new Set(["rotation-overdue", "unowned-workflow-token", "orphaned-identity"]);
export const ORG_AUDITS: readonly WorkflowAudit[] = ALL_AUDITS.filter((a) => !SUPERSEDED.has(a.id));

export interface Judgement {
  readonly identities: readonly OrgIdentity[];
  /** The inventory rules' findings, then each repository's workflow findings. */
  readonly findings: ReadonlyArray<InventoryFinding | WorkflowFinding>;
}

const RULE_ORDER = new Map(INVENTORY_RULES.map((r, i) => [r.id, i]));
/** Findings in the rules' order, each rule's in the order judged (stable): the same whatever ran where. */
export const byRule = <F extends { ruleId: string }>(findings: readonly F[]): F[] => [...findings].sort((a, b) => (RULE_ORDER.get(a.ruleId) ?? 99) - (RULE_ORDER.get(b.ruleId) ?? 99));

/** One repository's own identities, judged with it at hand: a queue job's whole judgement. */
export function judgeRepository(collected: CollectedRepository, input: RepositoryInput, now: Date): { identities: OrgIdentity[]; findings: InventoryFinding[] } {
  const identities = joinRepository(collected, input);
  const ctx = { identities, now, policy: input.policy, repository: { collected, ...(input.orgDependabotVisible ? { orgDependabotVisible: input.orgDependabotVisible } : {}) } };
  return { identities, findings: INVENTORY_RULES.flatMap((rule) => rule.check(ctx)) };
}

/** The organisation's own identities, judged with every swept repository's digest. */
export function judgeOrganisation(facts: OrgFacts, digests: readonly RepositoryDigest[], now: Date): { identities: OrgIdentity[]; findings: InventoryFinding[] } {
  const identities = joinOrganisation(facts, digests);
  const ctx = { identities, now, policy: facts.policy, organisation: { facts, digests } };
  return { identities, findings: INVENTORY_RULES.flatMap((rule) => rule.check(ctx)) };
}

/** A whole collection judged in one process: each repository, then the organisation — the same steps queue mode spreads over jobs. */
export function judge(collection: OrgCollection, now: Date): Judgement {
  const perRepository = collection.repositories.map((r) => judgeRepository(r, repositoryInput(collection, r.repo), now));
  const organisation = judgeOrganisation(collection, collection.repositories.map((r) => digestRepository(r)), now);
  const inventory = byRule([...perRepository.flatMap((j) => j.findings), ...organisation.findings]);
  // Workflow findings keep their own rule ids; their paths gain the repository they are in.
  const workflow = collection.repositories.flatMap((r) =>
    r.audit.findings.map((f) => ({ ...f, location: { ...f.location, path: `${r.repo.fullName}/${f.location.path}` }, fingerprint: `${r.repo.fullName}/${f.fingerprint}` })),
  );
  return { identities: [...perRepository.flatMap((j) => j.identities), ...organisation.identities], findings: [...inventory, ...workflow] };
}

export async function sweepOrg(octokit: GitHub, options: CollectOptions): Promise<Judgement & { readonly collection: OrgCollection }> {
  const collection = await collectOrg(octokit, { audits: ORG_AUDITS, ...options });
  return { collection, ...judge(collection, options.now) };
}
