/**
 * Every non-human identity a workflow touches: each `secrets.NAME` wherever it appears, the
 * GITHUB_TOKEN and its effective permissions per job, OIDC (`id-token: write`), and
 * environment-scoped secrets.
 */
import { expressions, secretNames, usesWholeSecrets } from "./expressions.js";
import type { CompositeAction, Job, Step, Workflow, YamlPath } from "./model.js";
import { effectivePermissions, type EffectivePermissions } from "./permissions.js";

export type UseSite = "workflow-env" | "job-env" | "job-with" | "job-secrets" | "job-if" | "step-env" | "step-with" | "step-run" | "step-if";

export interface SecretUse {
  readonly name: string;
  readonly file: string;
  readonly path: YamlPath;
  readonly site: UseSite;
  readonly job?: string;
  readonly step?: number;
  readonly environment?: string;
}

export interface JobToken {
  readonly file: string;
  readonly job: string;
  readonly path: YamlPath;
  readonly effective: EffectivePermissions;
  readonly oidc: boolean;
}

export interface WorkflowIdentities {
  readonly secrets: readonly SecretUse[];
  /** Places that hand every secret over at once (`secrets: inherit`, `toJSON(secrets)`). */
  readonly wholeSecrets: ReadonlyArray<{ readonly file: string; readonly path: YamlPath; readonly job?: string; readonly how: "inherit" | "toJSON" }>;
  readonly tokens: readonly JobToken[];
}

/** The automatically provisioned token is not an inventory identity. */
export const BUILTIN_SECRETS = new Set(["GITHUB_TOKEN", "github_token"]);

export function identitiesOf(doc: Workflow | CompositeAction): WorkflowIdentities {
  const secrets: SecretUse[] = [];
  const whole: Array<WorkflowIdentities["wholeSecrets"][number]> = [];
  const tokens: JobToken[] = [];
  const scan = (value: string | undefined, path: YamlPath, site: UseSite, job?: Job, step?: Step) => {
    if (!value || !value.includes("${{")) return;
    for (const e of expressions(value)) {
      for (const name of secretNames(e.body))
        secrets.push({ name, file: doc.file, path, site, ...(job ? { job: job.id } : {}), ...(step ? { step: step.index } : {}), ...(job?.environment ? { environment: job.environment } : {}) });
      if (usesWholeSecrets(e.body)) whole.push({ file: doc.file, path, how: "toJSON", ...(job ? { job: job.id } : {}) });
    }
  };
  const scanMap = (m: Readonly<Record<string, string>>, base: YamlPath, site: UseSite, job?: Job, step?: Step) => {
    for (const [k, v] of Object.entries(m)) scan(v, [...base, k], site, job, step);
  };
  const scanSteps = (steps: readonly Step[], job?: Job) => {
    for (const s of steps) {
      scanMap(s.env, [...s.path, "env"], "step-env", job, s);
      scanMap(s.with, [...s.path, "with"], "step-with", job, s);
      scan(s.run, [...s.path, "run"], "step-run", job, s);
      scan(s.if, [...s.path, "if"], "step-if", job, s);
    }
  };
  if (doc.kind === "action") {
    scanSteps(doc.steps);
    return { secrets, wholeSecrets: whole, tokens };
  }
  scanMap(doc.env, ["env"], "workflow-env");
  for (const job of doc.jobs) {
    scanMap(job.env, [...job.path, "env"], "job-env", job);
    scanMap(job.with, [...job.path, "with"], "job-with", job);
    if (job.secrets === "inherit") whole.push({ file: doc.file, path: [...job.path, "secrets"], job: job.id, how: "inherit" });
    else if (job.secrets) scanMap(job.secrets, [...job.path, "secrets"], "job-secrets", job);
    scan(job.if, [...job.path, "if"], "job-if", job);
    scanSteps(job.steps, job);
    const effective = effectivePermissions(job, doc);
    const p = effective.permissions;
    const oidc = (p.kind === "all" && p.level === "write") || (p.kind === "scopes" && p.scopes["id-token"] === "write");
    tokens.push({ file: doc.file, job: job.id, path: job.path, effective, oidc });
  }
  return { secrets, wholeSecrets: whole, tokens };
}
