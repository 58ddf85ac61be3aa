import { describe, expect, it } from "vitest";
import { EMPTY_ROOT, leafHash, MerkleTree, nodeHash, verifyConsistency, verifyInclusion, type Hash } from "../../src/evidence/merkle.js";

// The RFC 6962 reference vectors, as published with transparency-dev/merkle
// (proof/verify_test.go; they come from the certificate-transparency reference tests):
// eight leaves, the root of every prefix, and known inclusion and consistency proofs.
const LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map((h) => Buffer.from(h, "hex"));
const ROOTS = [
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];
/** [leaf (1-based), tree size, proof] */
const INCLUSION: [number, number, string[]][] = [
  [1, 1, []],
  [1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]],
  [6, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]],
  [3, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]],
  [2, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]],
];
/** [size 1, size 2, proof] */
const CONSISTENCY: [number, number, string[]][] = [
  [1, 1, []],
  [1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]],
  [6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]],
  [2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]],
  [6, 7, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]],
];

const h = (hex: string) => Buffer.from(hex, "hex");
const hexes = (hs: readonly Hash[]) => hs.map((x) => x.toString("hex"));
const tree = new MerkleTree(LEAVES.map((l) => leafHash(l)));
const root = (n: number) => h(ROOTS[n - 1]!);

describe("RFC 6962 Merkle tree", () => {
  it("computes the root of every prefix of the reference leaves, and SHA-256('') for none", () => {
    expect(ROOTS.map((_, i) => tree.root(i + 1).toString("hex"))).toEqual(ROOTS);
    expect(tree.root(0)).toEqual(EMPTY_ROOT);
    expect(EMPTY_ROOT.toString("hex")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("builds the reference inclusion proofs and verifies them", () => {
    for (const [leaf, size, proof] of INCLUSION) {
      expect(hexes(tree.inclusionProof(leaf - 1, size)), `leaf ${leaf} of ${size}`).toEqual(proof);
      expect(verifyInclusion(leaf - 1, size, leafHash(LEAVES[leaf - 1]!), proof.map(h), root(size))).toBe(true);
    }
  });

  it("builds the reference consistency proofs and verifies them", () => {
    for (const [m, n, proof] of CONSISTENCY) {
      expect(hexes(tree.consistencyProof(m, n)), `${m} → ${n}`).toEqual(proof);
      expect(verifyConsistency(m, n, proof.map(h), root(m), root(n))).toBe(true);
    }
  });

  it("rejects every corruption of an inclusion proof (as the reference verifier's tests do)", () => {
    for (const [leaf, size, hexProof] of INCLUSION.slice(1)) {
      const proof = hexProof.map(h);
      const leafH = leafHash(LEAVES[leaf - 1]!);
      const r = root(size);
      const probes: [number, number, Hash, Hash[], Hash][] = [
        [leaf - 2, size, leafH, proof, r],
        [leaf, size, leafH, proof, r],
        [(leaf - 1) ^ 2, size, leafH, proof, r],
        [leaf - 1, size * 2, leafH, proof, r],
        [leaf - 1, Math.floor(size / 2), leafH, proof, r],
        [leaf - 1, size, leafHash("WrongLeaf"), proof, r],
        [leaf - 1, size, leafH, proof, EMPTY_ROOT],
        [leaf - 1, size, leafH, [...proof, r], r],
        [leaf - 1, size, leafH, [r, ...proof], r],
        [leaf - 1, size, leafH, proof.slice(0, -1), r],
        ...proof.map((_, i): [number, number, Hash, Hash[], Hash] => [leaf - 1, size, leafH, proof.map((p, j) => (j === i ? flip(p, 8) : p)), r]),
      ];
      if (proof.length > 1) probes.push([leaf - 1, size, leafH, [proof[0]!, h("abacaba000000000000000000000000000000000000000000060061e00123456"), ...proof.slice(1)], r]);
      for (const [i, s, l, p, rt] of probes) expect(verifyInclusion(i, s, l, p, rt), `leaf ${i} of ${s}`).toBe(false);
    }
  });

  it("rejects every corruption of a consistency proof, time travel, and differing roots of equal trees", () => {
    for (const [m, n, hexProof] of CONSISTENCY.slice(1)) {
      const proof = hexProof.map(h);
      const [r1, r2] = [root(m), root(n)];
      const probes: [number, number, Hash[], Hash, Hash][] = [
        [m - 1, n, proof, r1, r2],
        [m + 1, n, proof, r1, r2],
        [m ^ 2, n, proof, r1, r2],
        [m, n * 2, proof, r1, r2],
        [m, Math.floor(n / 2), proof, r1, r2],
        [m, n, proof, leafHash("WrongRoot"), r2],
        [m, n, proof, r1, leafHash("WrongRoot")],
        [m, n, proof, r2, r1],
        [m, n, [], r1, r2],
        [m, n, [...proof, r1], r1, r2],
        [m, n, [...proof, r2], r1, r2],
        [m, n, [r1, ...proof], r1, r2],
        [m, n, [r2, ...proof], r1, r2],
        [m, n, [proof[0]!, ...proof], r1, r2],
        [m, n, proof.slice(0, -1), r1, r2],
        ...proof.map((_, i): [number, number, Hash[], Hash, Hash] => [m, n, proof.map((p, j) => (j === i ? flip(p, 16) : p)), r1, r2]),
      ];
      for (const [a, b, p, x, y] of probes) expect(verifyConsistency(a, b, p, x, y), `${a} → ${b}`).toBe(false);
    }
    expect(verifyConsistency(2, 1, [], root(2), root(1))).toBe(false);
    expect(verifyConsistency(3, 3, [], root(3), root(4))).toBe(false);
    expect(verifyConsistency(0, 5, [], EMPTY_ROOT, root(5))).toBe(true);
  });

  it("agrees with the definition on larger trees: every proof between every pair of sizes up to 70 verifies", () => {
    const leaves = Array.from({ length: 70 }, (_, i) => leafHash(`record ${i}`));
    const big = new MerkleTree(leaves);
    const mth = (xs: Hash[]): Hash => {
      if (xs.length === 1) return xs[0]!;
      let k = 1;
      while (k * 2 < xs.length) k *= 2;
      return nodeHash(mth(xs.slice(0, k)), mth(xs.slice(k)));
    };
    for (let n = 1; n <= 70; n++) {
      expect(big.root(n)).toEqual(mth(leaves.slice(0, n)));
      for (let m = 0; m < n; m++) expect(verifyInclusion(m, n, leaves[m]!, big.inclusionProof(m, n), big.root(n))).toBe(true);
      for (let m = 1; m <= n; m++) expect(verifyConsistency(m, n, big.consistencyProof(m, n), big.root(m), big.root(n))).toBe(true);
    }
    // A fork: the same 40 first leaves, then different ones; the larger tree does not extend the other.
    const fork = new MerkleTree([...leaves.slice(0, 40), ...Array.from({ length: 30 }, (_, i) => leafHash(`forged ${i}`))]);
    expect(verifyConsistency(50, 70, fork.consistencyProof(50, 70), big.root(50), fork.root(70))).toBe(false);
    expect(verifyConsistency(40, 70, fork.consistencyProof(40, 70), big.root(40), fork.root(70))).toBe(true);
  });
});

function flip(hash: Hash, bit: number): Hash {
  const copy = Buffer.from(hash);
  copy[0] = copy[0]! ^ bit;
  return copy;
}
