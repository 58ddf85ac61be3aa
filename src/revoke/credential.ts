/**
 * The raw secret, held for one delivery and shown to one place: the HTTP request to its own
 * provider. Everything else — JSON, logs, `util.inspect`, test diffs — sees only the rule id
 * and the keyed hash, because the value lives in an ES private field that none of them read.
 */
import { inspect } from "node:util";
import type { SecretFinding } from "../detect/types.js";

export class LeakedCredential {
  readonly #secret: string;

  constructor(
    readonly secretId: string,
    readonly ruleId: string,
    secret: string,
  ) {
    this.#secret = secret;
  }

  /** The raw secret. Called only by a provider module while building its request. */
  reveal(): string {
    return this.#secret;
  }

  toJSON(): { secretId: string; ruleId: string } {
    return { secretId: this.secretId, ruleId: this.ruleId };
  }

  [inspect.custom](): string {
    return `LeakedCredential(${this.ruleId}, ${this.secretId})`;
  }
}

/**
 * The secrets one delivery may revoke or check, by secret id, and only for the rule ids the
 * repository's policy can act on. Filled through the scanner's `onSecret` callback, emptied
 * with `clear()` when the delivery ends (the caller does that in a `finally`).
 */
export class HeldSecrets {
  readonly #byId = new Map<string, LeakedCredential>();

  constructor(private readonly ruleIds: ReadonlySet<string>) {}

  /** The scanner's callback: keep the secret only when the policy could act on its rule. */
  readonly onSecret = (finding: SecretFinding, secret: string): void => {
    if (!this.ruleIds.has(finding.ruleId) || this.#byId.has(finding.secretId)) return;
    this.#byId.set(finding.secretId, new LeakedCredential(finding.secretId, finding.ruleId, secret));
  };

  get(secretId: string): LeakedCredential | undefined {
    return this.#byId.get(secretId);
  }

  get size(): number {
    return this.#byId.size;
  }

  clear(): void {
    this.#byId.clear();
  }

  toJSON(): { held: number } {
    return { held: this.#byId.size };
  }

  [inspect.custom](): string {
    return `HeldSecrets(${this.#byId.size})`;
  }
}
