/**
 * The log's Merkle tree: leaf i is record seq i+1, its leaf data the record's canonical bytes
 * (chain.ts hashInput — the record without its hash, prevHash included), so the tree and the
 * hash chain commit to exactly the same content.
 */
import { hashInput } from "./chain.js";
import { leafHash, MerkleTree, toHex, type Hash } from "./merkle.js";
import type { EvidenceRecord } from "./types.js";
import type { TreeHead } from "./checkpoint.js";

export function recordLeaf(record: EvidenceRecord): Hash {
  return leafHash(Buffer.from(hashInput(record, record.prevHash), "utf8"));
}

/** The tree over a whole log (records seq 1..n in order); refuses a log with holes. */
export function logTree(records: readonly EvidenceRecord[]): MerkleTree {
  for (const [i, r] of records.entries()) {
    if (r.seq !== i + 1) throw new Error(`the log is not contiguous: record ${r.seq} is at position ${i + 1}`);
  }
  return new MerkleTree(records.map(recordLeaf));
}

export function headOf(tree: MerkleTree, size: number = tree.size): TreeHead {
  return { size, root: toHex(tree.root(size)) };
}
