/**
 * An evidence log that lives as long as the process. The GitHub Action uses it: its runner is
 * discarded after the job, so a file there would prove nothing to an auditor, and the native
 * SQLite driver cannot travel in the bundled action. It plans every record exactly as the
 * durable stores do (planAppend), so the App's handlers behave the same on it.
 */
import { compareStates, derivedStates, planAppend, type AppendKind, type StoreOptions } from "./record.js";
import { MemoryLedger } from "./ledger.js";
import { ownersIn, stateAfter } from "./lifecycle.js";
import type { EvidenceInput, EvidenceRecord, EvidenceStore, FindingState, RecordQuery, StateMismatch, StoredTreeHead } from "./types.js";

export class MemoryEvidenceStore implements EvidenceStore {
  private readonly log: EvidenceRecord[] = [];
  private readonly states = new Map<string, FindingState>();
  private readonly heads: StoredTreeHead[] = [];
  private readonly clock: () => Date;
  readonly ledger = new MemoryLedger();

  constructor(options: Pick<StoreOptions, "clock"> = {}) {
    this.clock = options.clock ?? (() => new Date());
  }

  async transition(input: EvidenceInput): Promise<EvidenceRecord> {
    return this.write("transition", input);
  }

  async append(input: EvidenceInput): Promise<EvidenceRecord> {
    return this.write("append", input);
  }

  private write(kind: AppendKind, input: EvidenceInput): EvidenceRecord {
    if (input.deliveryId !== undefined) {
      const existing = this.log.find((r) => r.deliveryId === input.deliveryId && r.fingerprint === input.fingerprint && r.event === input.event);
      if (existing) return existing;
    }
    const key = `${input.repository}\0${input.fingerprint}`;
    const history = this.log.filter((r) => r.repository === input.repository && r.fingerprint === input.fingerprint);
    const owners = input.event === "exception-granted" ? [...new Set(history.flatMap((r) => ownersIn(r)))] : [];
    const plan = planAppend(kind, input, stateAfter(history.map((r) => r.event)), this.log.at(-1), this.clock(), owners);
    this.log.push(plan.record);
    if (plan.state) this.states.set(key, plan.state);
    return plan.record;
  }

  async stateOf(repository: string, fingerprint: string): Promise<FindingState | undefined> {
    return stateAfter(this.log.filter((r) => r.repository === repository && r.fingerprint === fingerprint).map((r) => r.event));
  }

  async checkStateCache(): Promise<StateMismatch[]> {
    return compareStates([...this.states].map(([key, state]) => ({ repository: key.split("\0")[0]!, fingerprint: key.split("\0")[1]!, state })), derivedStates(this.log));
  }

  async rebuildStateCache(): Promise<number> {
    this.states.clear();
    for (const [key, d] of derivedStates(this.log)) this.states.set(key.replace("\u0000", "\0"), d.state);
    return this.states.size;
  }

  /** `since` inclusive, `until` exclusive, as the durable stores filter. */
  async records(query: RecordQuery = {}): Promise<EvidenceRecord[]> {
    const since = query.since?.toISOString();
    const until = query.until?.toISOString();
    return this.log.filter(
      (r) =>
        (since === undefined || r.time >= since) &&
        (until === undefined || r.time < until) &&
        (query.repository === undefined || r.repository === query.repository) &&
        (query.fingerprint === undefined || r.fingerprint === query.fingerprint),
    );
  }

  async head(): Promise<EvidenceRecord | undefined> {
    return this.log.at(-1);
  }

  async addTreeHead(head: StoredTreeHead): Promise<void> {
    this.heads.push({ ...head });
  }

  async treeHeads(): Promise<StoredTreeHead[]> {
    return this.heads.map((h) => ({ ...h }));
  }

  async close(): Promise<void> {}
}
