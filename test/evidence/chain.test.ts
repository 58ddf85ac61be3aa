import { describe, expect, it } from "vitest";
import { GENESIS_HASH, hashRecord, verifyChain, type RecordFields } from "../../src/evidence/chain.js";
import type { EvidenceRecord } from "../../src/evidence/types.js";

/** A valid chain of `n` records. */
function chain(n: number, from = { seq: 0, hash: GENESIS_HASH }): EvidenceRecord[] {
  const out: EvidenceRecord[] = [];
  let prev = from;
  for (let i = 0; i < n; i++) {
    const fields: RecordFields = { seq: prev.seq + 1, time: new Date(Date.UTC(2025, 0, 6, 9, i)).toISOString(), repository: "acme/api", fingerprint: `secret:${i}`, event: "detected", actor: "keyward", details: { i } };
    const record = { ...fields, prevHash: prev.hash, hash: hashRecord(fields, prev.hash) };
    out.push(record);
    prev = record;
  }
  return out;
}

/** A record changed and re-hashed, as a tamperer who knows the scheme would. */
function forged(r: EvidenceRecord, change: Partial<EvidenceRecord>): EvidenceRecord {
  const next = { ...r, ...change };
  return { ...next, hash: hashRecord(next, next.prevHash) };
}

describe("verifyChain", () => {
  const log = chain(6);
  const at = (i: number) => log[i]!;

  it("accepts an intact chain, and an empty one", () => {
    expect(verifyChain(log)).toEqual({ ok: true });
    expect(verifyChain([])).toEqual({ ok: true });
  });

  it("calls a record whose content no longer matches its hash edited", () => {
    const edited = [...log];
    edited[2] = { ...at(2), actor: "mallory" };
    expect(verifyChain(edited)).toMatchObject({ ok: false, seq: 3, problem: "edited" });
  });

  it("names the first missing record when records are deleted", () => {
    expect(verifyChain([at(0), at(1), at(3), at(4)])).toMatchObject({ ok: false, seq: 3, problem: "deleted", message: expect.stringMatching(/record 3 is missing/) });
    expect(verifyChain([at(0), at(4)])).toMatchObject({ seq: 2, problem: "deleted", message: expect.stringMatching(/records 2–4 are missing/) });
    expect(verifyChain(log.slice(1))).toMatchObject({ seq: 1, problem: "deleted" });
  });

  it("calls a repeated seq inserted", () => {
    expect(verifyChain([at(0), at(1), at(2), at(2), at(3)])).toMatchObject({ seq: 3, problem: "inserted" });
    // A forged record slipped in with a valid hash is caught when the real one with its seq follows.
    const fake = forged(at(2), { actor: "mallory" });
    expect(verifyChain([at(0), at(1), fake, at(2), at(3)])).toMatchObject({ seq: 3, problem: "inserted" });
  });

  it("calls swapped or moved records reordered", () => {
    expect(verifyChain([at(0), at(3), at(2), at(1), at(4)])).toMatchObject({ seq: 4, problem: "reordered" });
    expect(verifyChain([at(0), at(2), at(1), at(3)])).toMatchObject({ seq: 3, problem: "reordered" });
    expect(verifyChain([at(0), at(1), at(3), at(4), at(5), at(2)])).toMatchObject({ seq: 4, problem: "reordered" });
  });

  it("calls a re-hashed record that points at the wrong parent a bad link", () => {
    const relinked = [...log];
    relinked[3] = forged(at(3), { prevHash: at(1).hash });
    expect(verifyChain(relinked)).toMatchObject({ seq: 4, problem: "bad-link" });
    // Editing and re-hashing a record breaks the link of the one after it.
    const rehashed = [...log];
    rehashed[2] = forged(at(2), { actor: "mallory" });
    expect(verifyChain(rehashed)).toMatchObject({ seq: 4, problem: "bad-link" });
  });

  it("verifies from an anchor in the middle of a log", () => {
    const tail = log.slice(3);
    expect(verifyChain(tail, { seq: 3, hash: at(2).hash })).toEqual({ ok: true });
    expect(verifyChain(tail, { seq: 3, hash: GENESIS_HASH })).toMatchObject({ seq: 4, problem: "bad-link", message: expect.stringMatching(/the anchor/) });
    expect(verifyChain([at(2), ...tail], { seq: 3, hash: at(2).hash })).toMatchObject({ seq: 3, problem: "inserted" });
  });

  it("treats content that cannot be encoded as edited rather than throwing", () => {
    const broken = [...log];
    broken[1] = { ...at(1), details: { n: Number.NaN } };
    expect(verifyChain(broken)).toMatchObject({ seq: 2, problem: "edited" });
  });

  it("checks the links around redacted stubs", () => {
    const stubbed = log.map((r, i) => (i === 2 ? { seq: r.seq, prevHash: r.prevHash, hash: r.hash, redacted: true as const } : r));
    expect(verifyChain(stubbed)).toEqual({ ok: true });
    stubbed[2] = { seq: 3, prevHash: at(2).prevHash, hash: "f".repeat(64), redacted: true };
    expect(verifyChain(stubbed)).toMatchObject({ seq: 4, problem: "bad-link" });
  });
});
