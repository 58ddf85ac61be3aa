/**
 * Settings from the environment (and .env), shared by `npm start` and `keyward worker`. Every
 * setting is checked before anything starts, and every problem is named in one message: an
 * operator fixes a deployment once, not once per restart.
 */
import { existsSync, readFileSync } from "node:fs";
import githubAppJwt from "universal-github-app-jwt";
import { DEFAULT_HASH_KEY } from "../detect/redact.js";
import { ConfigurationError, webhookSecretProblem } from "./config-error.js";
import { logLevelProblem } from "./log.js";
import { checkpointSettingsFrom, type CheckpointSettings } from "./checkpoints.js";
import { parseSlaList, type SlaDays } from "../evidence/report.js";

export function loadDotEnv(): void {
  if (existsSync(".env")) process.loadEnvFile(".env");
}

/** Shorter keys for the secret ids are refused: whoever reads an issue marker could test guesses against a weak one. */
export const MIN_FINGERPRINT_KEY_LENGTH = 16;

export function privateKeyFrom(env: NodeJS.ProcessEnv): string {
  if (env.PRIVATE_KEY) return env.PRIVATE_KEY.includes("BEGIN") ? env.PRIVATE_KEY.replace(/\\n/g, "\n") : Buffer.from(env.PRIVATE_KEY, "base64").toString("utf8");
  if (env.PRIVATE_KEY_PATH) return readFileSync(env.PRIVATE_KEY_PATH, "utf8");
  throw new ConfigurationError("PRIVATE_KEY or PRIVATE_KEY_PATH is not set (the App's private key from its settings page)");
}

export function appIdFrom(env: NodeJS.ProcessEnv): string {
  if (!env.APP_ID) throw new ConfigurationError("APP_ID is not set (register the App first; see README)");
  return env.APP_ID;
}

export function baseUrlFrom(env: NodeJS.ProcessEnv): string | undefined {
  if (env.GITHUB_API_URL) return env.GITHUB_API_URL;
  return env.GHE_HOST ? `${env.GHE_PROTOCOL ?? "https"}://${env.GHE_HOST}/api/v3` : undefined;
}

/** The key signs a JWT the way Octokit will: a key that cannot is refused now, not at the first delivery. */
export async function privateKeyProblem(appId: string, privateKey: string): Promise<string | undefined> {
  try {
    await githubAppJwt({ id: appId, privateKey });
    return undefined;
  } catch (err) {
    return `the private key (PRIVATE_KEY or PRIVATE_KEY_PATH) cannot sign a JWT: ${(err as Error).message.split("\n")[0]} — use the .pem file from the App's settings page`;
  }
}

export function fingerprintKeyProblem(key: string | undefined): string | undefined {
  if (!key) return "KEYWARD_FINGERPRINT_KEY is not set (a long random string that keys the secret ids; keep it stable: `openssl rand -hex 32`)";
  if (key === DEFAULT_HASH_KEY) return "KEYWARD_FINGERPRINT_KEY is the public default: anyone who reads an issue marker could test guessed secrets against it";
  if (key.length < MIN_FINGERPRINT_KEY_LENGTH) return `KEYWARD_FINGERPRINT_KEY is shorter than ${MIN_FINGERPRINT_KEY_LENGTH} characters`;
  return undefined;
}

/** A port setting that `listen` could not use; `undefined` when it is absent or fine. */
export function portProblem(name: string, value: string | undefined): string | undefined {
  if (value === undefined || (/^\d{1,5}$/.test(value) && Number(value) <= 65_535)) return undefined;
  return `${name} must be a port number from 0 to 65535 (got ${JSON.stringify(value.slice(0, 20))})`;
}

export interface AppSettings {
  readonly appId: string;
  readonly privateKey: string;
  readonly webhookSecret: string;
  readonly hashKey: string;
  readonly baseUrl?: string;
  /** The App's checkpoint schedule (checkpoints.ts), when KEYWARD_SIGNING_KEY is set. */
  readonly checkpoints?: CheckpointSettings;
  /** KEYWARD_SLA: the remediation SLA the App records as the policy in force at start-up. */
  readonly sla?: SlaDays;
}

/**
 * What the App (`role: "app"`, which verifies webhooks) or a worker needs, checked all at once:
 * the App id, a private key that signs, a webhook secret that is neither Probot's default nor
 * short, and a fingerprint key of Keyward's own. Throws one ConfigurationError naming each problem.
 */
export async function appSettingsFrom(env: NodeJS.ProcessEnv, role: "app" | "worker"): Promise<AppSettings> {
  const problems: string[] = [];
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (err) {
      problems.push((err as Error).message);
      return undefined;
    }
  };
  const appId = attempt(() => appIdFrom(env));
  if (appId !== undefined && !/^\d+$/.test(appId)) problems.push(`APP_ID must be the App's numeric id (got ${JSON.stringify(appId.slice(0, 40))})`);
  const privateKey = attempt(() => privateKeyFrom(env));
  if (privateKey !== undefined) {
    const keyProblem = await privateKeyProblem(appId && /^\d+$/.test(appId) ? appId : "1", privateKey);
    if (keyProblem) problems.push(keyProblem);
  }
  const secretProblem = role === "app" ? webhookSecretProblem(env.WEBHOOK_SECRET) : undefined;
  if (secretProblem) problems.push(secretProblem);
  for (const problem of [fingerprintKeyProblem(env.KEYWARD_FINGERPRINT_KEY), logLevelProblem(env.LOG_LEVEL), portProblem("METRICS_PORT", env.METRICS_PORT), role === "app" ? portProblem("PORT", env.PORT) : undefined]) if (problem) problems.push(problem);
  // Only the process that receives deliveries signs checkpoints: workers never hold the key.
  const anchoring = role === "app" ? checkpointSettingsFrom(env) : { problems: [] };
  problems.push(...anchoring.problems);
  const sla = role === "app" && env.KEYWARD_SLA ? parseSlaList(env.KEYWARD_SLA) : undefined;
  if (typeof sla === "string") problems.push(`KEYWARD_SLA ${sla}`);
  if (problems.length) throw new ConfigurationError(`Keyward will not start:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  const baseUrl = baseUrlFrom(env);
  return { appId: appId!, privateKey: privateKey!, webhookSecret: env.WEBHOOK_SECRET ?? "", hashKey: env.KEYWARD_FINGERPRINT_KEY!, ...(baseUrl ? { baseUrl } : {}), ...(anchoring.settings ? { checkpoints: anchoring.settings } : {}), ...(sla && typeof sla !== "string" ? { sla } : {}) };
}
