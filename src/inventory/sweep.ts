/**
 * One sweep of an organisation: collect what GitHub holds (the only I/O, through the Octokit
 * passed in), then the pure part — join it with the workflows, the inventory and CODEOWNERS,
 * and judge it. Shared by `keyward inventory --org`, `keyward audit --org` and the App.
 */
import type { WorkflowAudit } from "../workflows/audit.js";
import { ALL_AUDITS } from "../workflows/audits/index.js";
import type { WorkflowFinding } from "../workflows/finding.js";
import { collectOrg, type CollectOptions } from "./collect.js";
import type { GitHub } from "./github.js";
import { joinIdentities, type OrgIdentity } from "./join.js";
import { DEFAULT_POLICY, type InventoryFinding, type Policy } from "./rule.js";
import { INVENTORY_RULES } from "./rules/index.js";
import type { OrgCollection } from "./types.js";

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

export function judge(collection: OrgCollection, now: Date, policy: Policy = DEFAULT_POLICY): Judgement {
  const identities = joinIdentities(collection);
  const ctx = { collection, identities, now, policy };
  const inventory = INVENTORY_RULES.flatMap((rule) => rule.check(ctx));
  // Workflow findings keep their own rule ids; their paths gain the repository they are in.
  const workflow = collection.repositories.flatMap((r) =>
    r.audit.findings.map((f) => ({ ...f, location: { ...f.location, path: `${r.repo.fullName}/${f.location.path}` }, fingerprint: `${r.repo.fullName}/${f.fingerprint}` })),
  );
  return { identities, findings: [...inventory, ...workflow] };
}

export async function sweepOrg(octokit: GitHub, options: CollectOptions & { readonly policy?: Policy }): Promise<Judgement & { readonly collection: OrgCollection }> {
  const collection = await collectOrg(octokit, { audits: ORG_AUDITS, ...options });
  return { collection, ...judge(collection, options.now, options.policy) };
}
