/**
 * template-injection: attacker-controlled context (a PR title, an issue body, a branch name)
 * expanded by `${{ }}` straight into a shell script or a github-script body, where it runs as
 * code in a job that may hold secrets.
 */
import type { WorkflowAudit } from "../audit.js";
import type { FindingDraft } from "../finding.js";
import { contextPaths, expressions } from "../expressions.js";

/** Context paths any outsider can set to arbitrary text. */
const ATTACKER_CONTROLLED: readonly RegExp[] = [
  /^github\.event\.(issue|pull_request|discussion)\.(title|body)$/,
  /^github\.event\.(comment|review|review_comment)\.body$/,
  /^github\.event\.pages\.[^.]+\.page_name$/,
  /^github\.event\.(head_commit|workflow_run\.head_commit)\.(message|author\.(name|email)|committer\.(name|email))$/,
  /^github\.event\.commits\.[^.]+\.(message|author\.(name|email)|committer\.(name|email))$/,
  /^github\.event\.pull_request\.head\.(ref|label|repo\.default_branch)$/,
  /^github\.head_ref$/,
  /^github\.event\.workflow_run\.(head_branch|display_title|pull_requests\.[^.]+\.head\.ref)$/,
  /^github\.event\.(issue|pull_request)\.user\.login$/, // logins are constrained but still attacker-chosen
  /^github\.event\.release\.(name|body|tag_name)$/,
];

function dangerous(path: string): boolean {
  // The whole event payload (toJSON(github.event)) carries every attacker-set field.
  return path === "github.event" || ATTACKER_CONTROLLED.some((re) => re.test(path));
}

/** Action inputs that are evaluated as code: expanding untrusted text there is injection too. */
const CODE_INPUTS: ReadonlyArray<[RegExp, readonly string[]]> = [
  [/^actions\/github-script$/i, ["script"]],
  [/^amadevus\/pwsh-script$/i, ["script"]],
  [/^jannekem\/run-python-script-action$/i, ["script"]],
  [/^(addnab\/docker-run-action)$/i, ["run", "options"]],
  [/^tibdex\/backport$/i, ["title_template", "body_template"]],
  [/^mikefarah\/yq$/i, ["cmd"]],
  [/^azure\/(cli|powershell)$/i, ["inlineScript"]],
];

/** Set by someone with less than write access in some setups (labels by triagers), or by the
 * caller of a reusable workflow or composite action: worth a look, not certain. */
const MAYBE_CONTROLLED: readonly RegExp[] = [/^github\.event\..*\.labels\.[^.]+\.name$/, /^inputs\.[\w-]+$/];

/** Attacker-controlled paths an expression reads, directly or through an `env.X` set from one. */
function taintedPaths(body: string, env: Readonly<Record<string, string>>, test: (path: string) => boolean): string[] {
  const out: string[] = [];
  for (const path of contextPaths(body)) {
    if (test(path)) out.push(path);
    const viaEnv = /^env\.([\w-]+)$/.exec(path);
    const value = viaEnv ? env[viaEnv[1]!] : undefined;
    if (value) for (const e of expressions(value)) for (const inner of contextPaths(e.body)) if (test(inner)) out.push(`${path} (= ${inner})`);
  }
  return out;
}

const maybe = (path: string) => MAYBE_CONTROLLED.some((re) => re.test(path));

export const templateInjection: WorkflowAudit = {
  id: "template-injection",
  description: "Attacker-controlled text is expanded into code that runs",
  onStep(step, job, doc) {
    const sinks: Array<{ text: string; path: (string | number)[] }> = [];
    if (step.run) sinks.push({ text: step.run, path: [...step.path, "run"] });
    if (step.uses?.kind === "repo") {
      const name = `${step.uses.owner}/${step.uses.repo}`;
      for (const [re, inputs] of CODE_INPUTS) {
        if (!re.test(name)) continue;
        for (const input of inputs) if (step.with[input]) sinks.push({ text: step.with[input]!, path: [...step.path, "with", input] });
      }
    }
    // The environment a step sees: workflow, then job, then step (later wins).
    const env = { ...(doc.kind === "workflow" ? doc.env : {}), ...(job?.env ?? {}), ...step.env };
    const out: FindingDraft[] = [];
    for (const sink of sinks) {
      for (const e of expressions(sink.text)) {
        const bad = [...new Set(taintedPaths(e.body, env, dangerous))];
        if (bad.length > 0) {
          out.push({
            path: sink.path,
            message: `${bad.join(", ")} is expanded into a script; anyone who can set it can run code here. Pass it through env: and quote the variable instead`,
            severity: "high",
            confidence: "high",
          });
          continue;
        }
        const unsure = [...new Set(taintedPaths(e.body, env, maybe))];
        if (unsure.length > 0)
          out.push({
            path: sink.path,
            message: `${unsure.join(", ")} is expanded into a script; if whoever sets it is not fully trusted, they can run code here. Pass it through env: instead`,
            severity: "medium",
            confidence: "low",
          });
      }
    }
    return out;
  },
};
