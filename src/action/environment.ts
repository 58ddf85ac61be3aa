/**
 * What the Actions runner hands the action, parsed once, here: the event (its name and the file
 * holding its payload), the job's token, the repository, the API URL (GitHub Enterprise Server
 * too), the workspace and temporary directory, and the inputs of action.yml as INPUT_* variables.
 */
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { z } from "zod";
import { CONFIG_PATH } from "../config.js";
import { SEVERITIES, type Severity } from "../detect/types.js";

/** An unset input arrives as an empty string. */
const optional = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === "" ? undefined : v), s.optional());

/** Set by the runner on every job. */
const runnerSets = () => z.string({ error: "is not set (Keyward runs as a step of a GitHub Actions job)" }).min(1, "is empty");

const schema = z.object({
  GITHUB_EVENT_NAME: runnerSets(),
  GITHUB_EVENT_PATH: runnerSets(),
  GITHUB_REPOSITORY: runnerSets().regex(/^[^/]+\/[^/]+$/, "must be owner/name"),
  /** The `token` input (default: the job's GITHUB_TOKEN), or GITHUB_TOKEN from the step's env. */
  INPUT_TOKEN: optional(z.string()),
  GITHUB_TOKEN: optional(z.string()),
  GITHUB_API_URL: optional(z.url()),
  GITHUB_WORKSPACE: optional(z.string()),
  RUNNER_TEMP: optional(z.string()),
  GITHUB_RUN_ID: optional(z.string()),
  GITHUB_RUN_ATTEMPT: optional(z.string()),
  GITHUB_OUTPUT: optional(z.string()),
  GITHUB_STEP_SUMMARY: optional(z.string()),
  /** Set by the runner when a re-run asks for debug logging. */
  RUNNER_DEBUG: optional(z.string()),
  KEYWARD_FINGERPRINT_KEY: optional(z.string()),
  INPUT_MODE: z.preprocess((v) => (v === "" || v === undefined ? "app" : v), z.enum(["app", "scan"], "must be app or scan")),
  INPUT_CONFIG: optional(z.string()),
  "INPUT_FAIL-ON": optional(z.enum(SEVERITIES as [Severity, ...Severity[]], `must be one of ${SEVERITIES.join(", ")}`)),
  INPUT_SARIF: optional(z.string()),
});

export interface ActionSettings {
  readonly event: { readonly name: string; readonly path: string };
  readonly owner: string;
  readonly repo: string;
  readonly token?: string;
  readonly apiUrl: string;
  /** The checkout: what scan mode scans and where the config file is looked for. */
  readonly workspace: string;
  /** For temporary clones of large changes; removed by the runner after the job. */
  readonly temp: string;
  /** Stands in for the webhook delivery id: evidence records and GitHub's request logs carry it. */
  readonly runId: string;
  readonly outputFile?: string;
  readonly summaryFile?: string;
  readonly debug: boolean;
  readonly hashKey?: string;
  readonly inputs: {
    readonly mode: "app" | "scan";
    /** The configuration file, relative to the workspace. */
    readonly config: string;
    /** Overrides the configuration's fail_on. */
    readonly failOn?: Severity;
    /** Where the SARIF file is written, relative to the workspace. */
    readonly sarif: string;
  };
}

export class SettingsError extends Error {
  override readonly name = "SettingsError";
}

/** Input names as a workflow author writes them; other variables keep their own names. */
const inputName = (key: string) => (key.startsWith("INPUT_") ? `input '${key.slice(6).toLowerCase()}'` : key);

export function readSettings(env: Readonly<Record<string, string | undefined>>, cwd: string): ActionSettings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new SettingsError(parsed.error.issues.map((i) => `${inputName(String(i.path[0]))} ${i.message}`).join("; "));
  const e = parsed.data;
  const [owner, repo] = e.GITHUB_REPOSITORY.split("/") as [string, string];
  const token = e.INPUT_TOKEN ?? e.GITHUB_TOKEN;
  return {
    event: { name: e.GITHUB_EVENT_NAME, path: e.GITHUB_EVENT_PATH },
    owner,
    repo,
    ...(token ? { token } : {}),
    apiUrl: (e.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, ""),
    workspace: resolve(cwd, e.GITHUB_WORKSPACE ?? "."),
    temp: e.RUNNER_TEMP ?? tmpdir(),
    runId: `${e.GITHUB_RUN_ID ?? "local"}-${e.GITHUB_RUN_ATTEMPT ?? "1"}`,
    ...(e.GITHUB_OUTPUT ? { outputFile: e.GITHUB_OUTPUT } : {}),
    ...(e.GITHUB_STEP_SUMMARY ? { summaryFile: e.GITHUB_STEP_SUMMARY } : {}),
    debug: e.RUNNER_DEBUG === "1",
    ...(e.KEYWARD_FINGERPRINT_KEY ? { hashKey: e.KEYWARD_FINGERPRINT_KEY } : {}),
    inputs: {
      mode: e.INPUT_MODE,
      config: e.INPUT_CONFIG ?? CONFIG_PATH,
      ...(e["INPUT_FAIL-ON"] ? { failOn: e["INPUT_FAIL-ON"] } : {}),
      sarif: e.INPUT_SARIF ?? "keyward.sarif",
    },
  };
}
