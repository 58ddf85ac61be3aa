/** What makes the App refuse to start, shared by the server and the environment checks. */

export class ConfigurationError extends Error {
  override readonly name = "ConfigurationError";
}

/** Probot's well-known default: deliveries signed with it prove nothing. */
export const PROBOT_DEFAULT_SECRET = "development";
export const MIN_WEBHOOK_SECRET_LENGTH = 16;

/** Why a webhook secret is unsafe, or undefined when it will do. */
export function webhookSecretProblem(secret: string | undefined): string | undefined {
  if (!secret) return "WEBHOOK_SECRET is not set: Keyward refuses to accept unsigned or default-signed webhooks";
  if (secret === PROBOT_DEFAULT_SECRET) return "WEBHOOK_SECRET is Probot's well-known default (`development`): anyone could sign deliveries with it";
  if (secret.length < MIN_WEBHOOK_SECRET_LENGTH) return `WEBHOOK_SECRET is shorter than ${MIN_WEBHOOK_SECRET_LENGTH} characters: use a long random string (\`openssl rand -hex 32\`) and the same in the App's settings`;
  return undefined;
}
