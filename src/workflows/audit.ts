/**
 * The audit framework: each audit is one file under audits/ that overrides only the hooks it
 * needs (workflow, job, step, or the repository as a whole); this runner walks
 * workflow → job → step and resolves drafts into located findings.
 */
import type { Owner } from "../ownership/types.js";
import type { Identity } from "../ownership/inventory.js";
import { blastRadius } from "./blast-radius.js";
import { resolveFinding, type FindingDraft, type WorkflowFinding } from "./finding.js";
import { identitiesOf, type SecretUse } from "./identities.js";
import type { CompositeAction, Job, Step, Workflow, YamlPath } from "./model.js";

export interface RepositoryModel {
  readonly workflows: readonly Workflow[];
  readonly actions: readonly CompositeAction[];
  /** Every secret use across workflows and composite actions. */
  readonly secretUses: readonly SecretUse[];
  /** The config file holding the inventory, for locating inventory findings. */
  readonly inventoryFile?: {
    readonly file: string;
    locate(path: YamlPath): { line: number; column: number; endLine: number; endColumn: number };
    lineText(line: number): string;
  };
}

export interface AuditContext {
  readonly now: Date;
  readonly identities: readonly Identity[];
  identityFor(secret: string): Identity | undefined;
  /** CODEOWNERS owners of a file (who should adopt what a workflow uses). */
  codeownersOf(file: string): readonly Owner[];
}

export interface WorkflowAudit {
  readonly id: string;
  readonly description: string;
  onWorkflow?(wf: Workflow, ctx: AuditContext): FindingDraft[];
  onJob?(job: Job, wf: Workflow, ctx: AuditContext): FindingDraft[];
  onStep?(step: Step, job: Job | undefined, doc: Workflow | CompositeAction, ctx: AuditContext): FindingDraft[];
  /** Findings about the repository as a whole; located by the audit itself (e.g. in the inventory). */
  onRepository?(repo: RepositoryModel, ctx: AuditContext): WorkflowFinding[];
}

export function buildModel(docs: ReadonlyArray<Workflow | CompositeAction>, inventoryFile?: RepositoryModel["inventoryFile"]): RepositoryModel {
  const workflows = docs.filter((d): d is Workflow => d.kind === "workflow");
  const actions = docs.filter((d): d is CompositeAction => d.kind === "action");
  return { workflows, actions, secretUses: docs.flatMap((d) => identitiesOf(d).secrets), ...(inventoryFile ? { inventoryFile } : {}) };
}

export function runAudits(audits: readonly WorkflowAudit[], repo: RepositoryModel, ctx: AuditContext): WorkflowFinding[] {
  const out: WorkflowFinding[] = [];
  const add = (audit: WorkflowAudit, doc: Workflow | CompositeAction, drafts: FindingDraft[]) => {
    for (const d of drafts) {
      const blast = d.identity ? blastRadius(d.identity, repo.secretUses, repo.workflows) : undefined;
      const f = resolveFinding(audit, doc, d, blast && blast.workflows.length > 0 ? blast : undefined);
      if (f) out.push(f);
    }
  };
  for (const audit of audits) {
    for (const wf of repo.workflows) {
      if (audit.onWorkflow) add(audit, wf, audit.onWorkflow(wf, ctx));
      for (const job of wf.jobs) {
        if (audit.onJob) add(audit, wf, audit.onJob(job, wf, ctx));
        if (audit.onStep) for (const step of job.steps) add(audit, wf, audit.onStep(step, job, wf, ctx));
      }
    }
    if (audit.onStep) for (const action of repo.actions) for (const step of action.steps) add(audit, action, audit.onStep(step, undefined, action, ctx));
    if (audit.onRepository) out.push(...audit.onRepository(repo, ctx));
  }
  return dedupe(out);
}

function dedupe(findings: WorkflowFinding[]): WorkflowFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => (seen.has(f.fingerprint) ? false : (seen.add(f.fingerprint), true)));
}
