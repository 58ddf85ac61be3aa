/**
 * The evidence log as an RFC 6962 / RFC 9162 Merkle tree: leaf i is record seq i+1, hashed as
 *
 *   leaf = SHA-256(0x00 || UTF-8(canonical record without its hash))   (chain.ts hashInput)
 *   node = SHA-256(0x01 || left || right)
 *
 * so a checkpoint (tree size, root) commits to every record before it, an inclusion proof shows
 * one record is in that tree, and a consistency proof shows a larger tree extends a smaller one —
 * which is what lets `verify --previous` tell an extension from a truncation, a rewrite or a fork.
 *
 * Written here rather than taken from npm: the registry has no maintained RFC 6962 package that
 * both builds proofs and verifies them (merkletreejs and merkle-tools hash pairs their own way,
 * with no 0x00/0x01 domain separation and no consistency proofs; @sigstore/verify only checks
 * inclusion, internally). The algorithms below follow RFC 9162 §2.1 step by step and are tested
 * against the published RFC 6962 test vectors (transparency-dev/merkle) in merkle.test.ts.
 */
import { createHash } from "node:crypto";

export type Hash = Buffer;

export const EMPTY_ROOT: Hash = createHash("sha256").digest();

export function leafHash(data: Uint8Array | string): Hash {
  return createHash("sha256").update(Buffer.from([0])).update(data).digest();
}

export function nodeHash(left: Hash, right: Hash): Hash {
  return createHash("sha256").update(Buffer.from([1])).update(left).update(right).digest();
}

/** The largest power of two smaller than n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * A tree over leaf hashes with every complete, aligned subtree precomputed, so any subtree
 * hash (and so any proof) costs O(log² n) instead of rehashing its leaves.
 */
export class MerkleTree {
  /** levels[h][j] is the hash of leaves [j·2^h, (j+1)·2^h). */
  private readonly levels: Hash[][];

  constructor(leaves: readonly Hash[]) {
    this.levels = [[...leaves]];
    for (let level = this.levels[0]!; level.length > 1; ) {
      const next: Hash[] = [];
      for (let j = 0; j + 1 < level.length; j += 2) next.push(nodeHash(level[j]!, level[j + 1]!));
      this.levels.push(next);
      level = next;
    }
  }

  get size(): number {
    return this.levels[0]!.length;
  }

  /** MTH(D[0:n]): the root of the tree of the first n leaves. */
  root(n: number = this.size): Hash {
    this.checkSize(n);
    return n === 0 ? EMPTY_ROOT : this.subtree(0, n);
  }

  /** PATH(m, D[0:n]) (RFC 6962 §2.1.1): the audit path of leaf m in the tree of size n. */
  inclusionProof(m: number, n: number = this.size): Hash[] {
    this.checkSize(n);
    if (!Number.isSafeInteger(m) || m < 0 || m >= n) throw new RangeError(`leaf ${m} is not in a tree of size ${n}`);
    return this.path(m, 0, n);
  }

  /** PROOF(m, D[0:n]) (RFC 6962 §2.1.2): that the tree of size n extends the one of size m. */
  consistencyProof(m: number, n: number = this.size): Hash[] {
    this.checkSize(n);
    if (!Number.isSafeInteger(m) || m < 0 || m > n) throw new RangeError(`no consistency proof from size ${m} to ${n}`);
    if (m === 0 || m === n) return [];
    return this.subproof(m, 0, n, true);
  }

  private checkSize(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0 || n > this.size) throw new RangeError(`tree size ${n} is not between 0 and ${this.size}`);
  }

  /** MTH of leaves [start, start + n), n ≥ 1. */
  private subtree(start: number, n: number): Hash {
    if (isPowerOfTwo(n) && start % n === 0) return this.levels[Math.log2(n)]![start / n]!;
    const k = splitPoint(n);
    return nodeHash(this.subtree(start, k), this.subtree(start + k, n - k));
  }

  private path(m: number, start: number, n: number): Hash[] {
    if (n === 1) return [];
    const k = splitPoint(n);
    return m < k ? [...this.path(m, start, k), this.subtree(start + k, n - k)] : [...this.path(m - k, start + k, n - k), this.subtree(start, k)];
  }

  private subproof(m: number, start: number, n: number, complete: boolean): Hash[] {
    if (m === n) return complete ? [] : [this.subtree(start, n)];
    const k = splitPoint(n);
    return m <= k
      ? [...this.subproof(m, start, k, complete), this.subtree(start + k, n - k)]
      : [...this.subproof(m - k, start + k, n - k, false), this.subtree(start, k)];
  }
}

/** RFC 9162 §2.1.3.2: whether `proof` shows the leaf at `index` is in the tree of `size` with `root`. */
export function verifyInclusion(index: number, size: number, leaf: Hash, proof: readonly Hash[], root: Hash): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  if (!is32(leaf) || !is32(root) || !proof.every(is32)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = nodeHash(r, p);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2: whether `proof` shows the tree of size `second` extends the one of size `first`. */
export function verifyConsistency(first: number, second: number, proof: readonly Hash[], firstRoot: Hash, secondRoot: Hash): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second) return false;
  if (!is32(firstRoot) || !is32(secondRoot) || !proof.every(is32)) return false;
  // Every tree extends the empty one; a tree extends itself exactly when the roots agree.
  if (first === 0) return proof.length === 0;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (proof.length === 0) return false;
  // A first tree that is a complete subtree is itself the first node of the path.
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) [fn, sn] = [half(fn), half(sn)];
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = nodeHash(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}

// Arithmetic, not bit operators: those work on 32 bits, tree sizes may not.
const half = (x: number) => Math.floor(x / 2);
const isPowerOfTwo = (n: number) => n > 0 && 2 ** Math.round(Math.log2(n)) === n;
const is32 = (h: Hash) => Buffer.isBuffer(h) && h.length === 32;

export const toHex = (h: Hash) => h.toString("hex");

/** A 64-hex-digit hash, or undefined for anything else. */
export function fromHex(hex: string): Hash | undefined {
  return /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, "hex") : undefined;
}
