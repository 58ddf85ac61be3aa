/**
 * The GitHub Action, step by step: read what the runner hands over, settle the configuration,
 * find (mode `app`: the App's handlers for the push or pull request — the Keyward check run,
 * its annotations, remediation issues; mode `scan`: the checkout), write SARIF either way, and
 * exit 1 when a finding is at or above the threshold. Side effects come in through `deps`.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Logger } from "probot";
import { DEFAULT_CONFIG } from "../config.js";
import type { Severity } from "../detect/types.js";
import { MemoryEvidenceStore } from "../evidence/memory.js";
import type { Finding } from "../finding.js";
import { makeDeps } from "../remediate/deps.js";
import { configFromText } from "../remediate/github/repo-files.js";
import { isBlocking } from "../report/check-run.js";
import { countBySeverity } from "../report/text.js";
import { remoteConfig, withSetting, workspaceConfig, type ActionConfig } from "./config.js";
import { readSettings, SettingsError, type ActionSettings } from "./environment.js";
import { actionOctokit, changeHead, isCheckRunRefused, mayWriteIssues, runChange } from "./github.js";
import { actionsLogger, command } from "./log.js";
import { annotations, setOutputs, writeSarif } from "./report.js";
import { scanWorkspace } from "./scan.js";

export interface ActionDeps {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** The job log: plain lines and workflow commands. */
  readonly write: (s: string) => void;
  readonly now: () => Date;
  readonly version: string;
}

/** 0 nothing at or above the threshold, 1 findings that fail it, 2 the action could not run. */
export type ActionExit = 0 | 1 | 2;

interface Found {
  readonly findings: Finding[];
  readonly failOn: Severity;
}

export async function runAction(deps: ActionDeps): Promise<ActionExit> {
  let settings: ActionSettings;
  try {
    settings = readSettings(deps.env, deps.cwd);
  } catch (err) {
    deps.write(command("error", `Keyward: ${(err as Error).message}`));
    return 2;
  }
  const log = actionsLogger(deps.write, settings.debug ? "debug" : (deps.env.LOG_LEVEL ?? "info"));
  try {
    // 1. The configuration: the `config` input's file in the checkout, when there is one.
    const local = await workspaceConfig(settings.workspace, settings.inputs.config);
    if (local) deps.write(configErrors(local));

    // 2. The findings: the App's handlers for the event, else (or in scan mode) the checkout.
    const found = (settings.inputs.mode === "app" ? await appMode(settings, local, log, deps) : undefined) ?? (await scanMode(settings, local, log, deps));

    // 3. SARIF and the step's outputs, whatever was found.
    const sarif = resolve(settings.workspace, settings.inputs.sarif);
    await writeSarif(sarif, found.findings, deps.version);
    const blocking = found.findings.filter((f) => isBlocking(f, found.failOn));
    await setOutputs(settings.outputFile, { sarif, findings: String(found.findings.length), blocking: String(blocking.length) });
    log.info(`${found.findings.length === 0 ? "No findings" : `${found.findings.length} finding${found.findings.length === 1 ? "" : "s"} (${countBySeverity(found.findings)})`}; SARIF written to ${sarif}`);

    // 4. The exit code: the same threshold as the check run's.
    if (blocking.length === 0) return 0;
    deps.write(command("error", `Keyward: ${blocking.length} finding${blocking.length === 1 ? "" : "s"} at or above '${found.failOn}' (secrets) or high (workflows). Revoke or rotate leaked credentials; removing them from the code is not enough.`));
    return 1;
  } catch (err) {
    deps.write(command("error", `Keyward could not finish: ${(err as Error).message.split("\n")[0]}`));
    return 2;
  }
}

/** Mode app: the handlers the App runs for this push or pull request; undefined to scan the checkout instead. */
async function appMode(settings: ActionSettings, local: ActionConfig | undefined, log: Logger, deps: ActionDeps): Promise<Found | undefined> {
  const name = settings.event.name;
  const payload = await readPayload(settings.event.path);
  const head = changeHead(name, payload);
  if (head === undefined || (name !== "push" && name !== "pull_request")) {
    log.info(`The App's handlers run on push and on pull_request (opened, synchronize, reopened); for '${name}${payload.action ? `.${String(payload.action)}` : ""}' Keyward scans the checkout instead.`);
    return undefined;
  }
  if (!settings.token) throw new SettingsError("mode 'app' needs the job's token: leave the 'token' input at its default (github.token)");
  const octokit = actionOctokit(settings.token, settings.apiUrl, log);
  const repo = { owner: settings.owner, repo: settings.repo };

  // The configuration the App would read, with the action's settings laid over.
  const config = local ?? (await remoteConfig(octokit, repo, head, settings.inputs.config));
  let text = config.text;
  if (settings.inputs.failOn) {
    const set = withSetting(text, ["fail_on"], settings.inputs.failOn);
    if (set === undefined) log.warn(`Could not set fail_on in ${config.file} for the check run; the job still fails at '${settings.inputs.failOn}'.`);
    text = set ?? text;
  }
  if (config.parsed.config.issues.enabled && !(await mayWriteIssues(octokit, repo))) {
    const off = withSetting(text, ["issues", "enabled"], "false");
    if (off === undefined) {
      log.warn(`The job's token may not write issues, and ${config.file} leaves no 'issues.enabled' to switch off: grant 'issues: write' or set it to false. Scanning the checkout instead.`);
      return undefined;
    }
    log.info("The job's token may not write issues (grant 'issues: write' for remediation issues): continuing without them.");
    text = off;
  }

  // Evidence lives in memory for this run only: the runner is discarded after the job, so a
  // log kept there would prove nothing. The App keeps the hash-chained evidence log.
  const store = new MemoryEvidenceStore({ clock: deps.now });
  const appDeps = makeDeps({ store, now: deps.now, workdir: settings.temp, ...(settings.hashKey ? { hashKey: settings.hashKey } : {}) });
  try {
    const result = await runChange({ id: settings.runId, name, payload }, octokit, log, appDeps, configFromText(text, config.file));
    const records = (await store.records()).length;
    log.info(`Check run: ${result ? result.conclusion : "nothing to scan (a deleted branch)"}. Evidence: ${records} record${records === 1 ? "" : "s"} not kept (Action mode has no durable evidence log; the Keyward App keeps one).`);
    return { findings: result?.findings ?? [], failOn: settings.inputs.failOn ?? config.parsed.config.fail_on };
  } catch (err) {
    if (!isCheckRunRefused(err)) throw err;
    log.warn("The job's token may not create check runs (a pull request from a fork, or no 'checks: write' in the job's permissions): scanning the checkout instead.");
    return undefined;
  }
}

/** Mode scan (and app mode's fallback): the checkout, with annotations as workflow commands. */
async function scanMode(settings: ActionSettings, local: ActionConfig | undefined, log: Logger, deps: ActionDeps): Promise<Found> {
  const config = local?.parsed.config ?? DEFAULT_CONFIG;
  const failOn = settings.inputs.failOn ?? config.fail_on;
  const { findings, stats } = await scanWorkspace(settings.workspace, config, { now: deps.now(), ...(settings.hashKey ? { hashKey: settings.hashKey } : {}) });
  if (stats.files === 0) log.warn(`Nothing to scan in ${settings.workspace}: check the repository out (actions/checkout) before the Keyward step.`);
  deps.write(annotations(findings, failOn));
  return { findings, failOn };
}

/** The event payload; the handlers need its repository. */
async function readPayload(path: string): Promise<Record<string, unknown>> {
  const payload = JSON.parse(await readFile(path, "utf8")) as unknown;
  const repository = (payload as { repository?: { full_name?: unknown } } | null)?.repository;
  if (!payload || typeof payload !== "object" || typeof repository?.full_name !== "string") throw new SettingsError(`the event payload in ${path} has no repository`);
  return payload as Record<string, unknown>;
}

/** Configuration errors as annotations on the file; the defaults are used, as the App does. */
function configErrors(config: ActionConfig): string {
  return config.parsed.errors.map((e) => command("warning", `${e.message} (the defaults are used instead)`, { file: config.file, line: e.line, col: e.column, title: "Keyward configuration" })).join("");
}
