/** Settings from the environment (and .env), shared by `npm start` and `keyward worker`. */
import { existsSync, readFileSync } from "node:fs";
import { ConfigurationError } from "./server.js";

export function loadDotEnv(): void {
  if (existsSync(".env")) process.loadEnvFile(".env");
}

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
