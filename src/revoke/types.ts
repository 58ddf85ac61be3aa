/**
 * Closing the window between a leak and its end: revokers ask a credential's own provider to
 * revoke it, validity checkers ask whether it still works. One file per provider; each says
 * which rule ids it handles. The raw secret reaches them only inside a LeakedCredential.
 */
import type { LeakedCredential } from "./credential.js";

/** The providers Keyward can talk to, as `.github/keyward.yml` names them. */
export const PROVIDERS = ["github", "slack"] as const;
export type Provider = (typeof PROVIDERS)[number];

export const PROVIDER_NAMES: Readonly<Record<Provider, string>> = { github: "GitHub", slack: "Slack" };

/**
 * What a provider answered: an HTTP status (202, 422, 500), a provider's own error code
 * (Slack's `invalid_auth`), or what stopped Keyward asking: `network` (no answer after the
 * retries) and `rate-limited` (GitHub's 60 requests an hour were used up).
 */
export type ProviderStatus = number | string;

/** `requestId`: the provider's id for the request that answered (http.ts requestIdOf), for its audit logs. */
export type RevocationResult =
  | { readonly secretId: string; readonly outcome: "revoked"; readonly status: ProviderStatus; readonly attempts: number; readonly requestId?: string }
  | { readonly secretId: string; readonly outcome: "failed"; readonly status: ProviderStatus; readonly attempts: number; readonly reason: string; readonly requestId?: string };

export interface Revoker {
  readonly provider: Provider;
  /** Rule ids whose secrets this revoker can revoke. */
  readonly ruleIds: ReadonlySet<string>;
  /**
   * One result per credential. A provider's refusal or silence is a `failed` result, never a
   * throw, so nothing queued is lost without a record.
   */
  revoke(credentials: readonly LeakedCredential[]): Promise<RevocationResult[]>;
}

/** As GitHub secret scanning reports it: the credential works, does not, or nobody can tell. */
export type Validity = "active" | "inactive" | "unknown";
export const VALIDITY_STATES: readonly Validity[] = ["active", "inactive", "unknown"];

export interface ValidityResult {
  readonly secretId: string;
  readonly state: Validity;
  readonly status: ProviderStatus;
  readonly requestId?: string;
}

export interface ValidityChecker {
  readonly provider: Provider;
  /** Rule ids whose secrets this checker can test. */
  readonly ruleIds: ReadonlySet<string>;
  /** Reads nothing private: only whether the provider accepts the credential. Never throws. */
  check(credential: LeakedCredential): Promise<ValidityResult>;
}
