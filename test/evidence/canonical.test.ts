import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CanonicalError, canonicalize } from "../../src/evidence/canonical.js";
import { GENESIS_HASH, hashInput, hashRecord } from "../../src/evidence/chain.js";

describe("the canonical encoding (RFC 8785)", () => {
  it("sorts keys at every depth and writes no whitespace", () => {
    expect(canonicalize({ b: 1, a: { d: [3, { z: true, y: null }], c: "x" } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it("sorts keys by UTF-16 code units, as JCS does", () => {
    // By code point "😀" (U+1F600) would follow "ｚ" (U+FF5A); by UTF-16 unit it precedes it (D83D < FF5A).
    expect(canonicalize({ z: 1, é: 2, "😀": 3, "ｚ": 4, A: 5, "10": 6, "9": 7 })).toBe('{"10":6,"9":7,"A":5,"z":1,"é":2,"😀":3,"ｚ":4}');
  });

  it("writes numbers as ECMAScript does and strings with minimal escapes", () => {
    expect(canonicalize([1, 1.5, -0, 1e21, 0.000001, 1e-7])).toBe("[1,1.5,0,1e+21,0.000001,1e-7]");
    expect(canonicalize('quote " backslash \\ tab \t newline \n bell \u0007 café')).toBe('"quote \\" backslash \\\\ tab \\t newline \\n bell \\u0007 café"');
  });

  it("leaves out undefined object values", () => {
    expect(canonicalize({ a: undefined, b: 2 })).toBe('{"b":2}');
  });

  it.each([
    ["NaN", { n: Number.NaN }],
    ["Infinity", [Number.POSITIVE_INFINITY]],
    ["a lone surrogate", { s: "\ud800" }],
    ["a Date", { d: new Date(0) }],
    ["a Map", { m: new Map() }],
    ["a bigint", { b: 1n }],
    ["undefined in an array", [undefined]],
    ["a function", { f: () => 1 }],
  ])("refuses %s instead of coercing it", (_, value) => {
    expect(() => canonicalize(value)).toThrow(CanonicalError);
  });

  it("hashes a record as sha256 over its canonical form with prevHash, so anyone can recompute it", () => {
    const fields = { seq: 1, time: "2025-01-06T09:00:00.000Z", repository: "acme/api", fingerprint: "secret:fp", event: "detected" as const, actor: "keyward", details: { rule: "github-pat", line: 3 } };
    const text = '{"actor":"keyward","details":{"line":3,"rule":"github-pat"},"event":"detected","fingerprint":"secret:fp","prevHash":"' + GENESIS_HASH + '","repository":"acme/api","seq":1,"time":"2025-01-06T09:00:00.000Z"}';
    expect(hashInput(fields, GENESIS_HASH)).toBe(text);
    expect(hashRecord(fields, GENESIS_HASH)).toBe(createHash("sha256").update(Buffer.from(text, "utf8")).digest("hex"));
    // A full record (with its own hash) hashes the same: only the documented fields count.
    expect(hashRecord({ ...fields, hash: "x", prevHash: "y" } as typeof fields, GENESIS_HASH)).toBe(hashRecord(fields, GENESIS_HASH));
  });
});
