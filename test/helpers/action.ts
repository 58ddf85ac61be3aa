/**
 * The GitHub Action as the runner starts it: the environment it sets (event name, a file with
 * the event payload, token, repository, API URL, workspace, temp directory, step outputs) and
 * the INPUT_* variables of action.yml.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAction } from "../../src/action/run.js";
import { OWNER, REPO } from "./payloads.js";

export interface ActionJob {
  readonly env: Record<string, string>;
  /** The runner's temporary directory (event payload, outputs). */
  readonly temp: string;
  cleanup(): void;
}

export function actionJob(event: string, payload: unknown, o: { workspace: string; apiUrl?: string; inputs?: Record<string, string> }): ActionJob {
  const temp = mkdtempSync(join(tmpdir(), "keyward-runner-"));
  writeFileSync(join(temp, "event.json"), JSON.stringify(payload));
  writeFileSync(join(temp, "output"), "");
  const inputs = { mode: "app", config: ".github/keyward.yml", "fail-on": "", sarif: "keyward.sarif", ...o.inputs };
  return {
    temp,
    env: {
      GITHUB_ACTIONS: "true",
      GITHUB_EVENT_NAME: event,
      GITHUB_EVENT_PATH: join(temp, "event.json"),
      GITHUB_TOKEN: "job-token",
      GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
      GITHUB_API_URL: o.apiUrl ?? "https://api.github.com",
      GITHUB_WORKSPACE: o.workspace,
      GITHUB_RUN_ID: "4242",
      GITHUB_RUN_ATTEMPT: "1",
      GITHUB_OUTPUT: join(temp, "output"),
      RUNNER_TEMP: temp,
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    },
    cleanup: () => rmSync(temp, { recursive: true, force: true }),
  };
}

/** runAction in this process, its job log captured. */
export async function runJob(job: ActionJob, now = () => new Date("2026-12-01T12:00:00Z")): Promise<{ code: number; log: string }> {
  let log = "";
  const code = await runAction({ env: job.env, cwd: job.temp, write: (s) => void (log += s), now, version: "0.0.0-test" });
  return { code, log };
}
