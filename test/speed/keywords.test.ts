/** The keyword automaton against the obvious search, on strings and on raw bytes. */
import { describe, expect, it } from "vitest";
import { KeywordCursor, KeywordMatcher } from "../../src/detect/keywords.js";
import { ALL_RULES } from "../../src/detect/rules/index.js";

/** Every (end index, keyword id) pair where a keyword ends in text, case-insensitively for ASCII. */
function naive(keywords: readonly string[], text: string): string[] {
  const folded = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const out: string[] = [];
  for (let end = 1; end <= text.length; end++) {
    keywords.forEach((k, id) => {
      if (end >= k.length && folded.slice(end - k.length, end) === k) out.push(`${end}:${id}`);
    });
  }
  return out.sort();
}

function viaText(m: KeywordMatcher, text: string): string[] {
  const c = new KeywordCursor();
  const out: string[] = [];
  for (let at = 0; (at = m.next(c, text, at, text.length)) !== -1; ) for (const id of c.hitIds) out.push(`${at}:${id}`);
  return out.sort();
}

function viaBytes(m: KeywordMatcher, bytes: Uint8Array): string[] {
  const c = new KeywordCursor();
  const out: string[] = [];
  for (let at = 0; (at = m.nextInBytes(c, bytes, at, bytes.length)) !== -1; ) for (const id of c.hitIds) out.push(`${at}:${id}`);
  return out.sort();
}

/** A small deterministic generator, so a failure reproduces. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe("KeywordMatcher", () => {
  it("finds every occurrence of every keyword, overlapping and nested, in any case", () => {
    const keywords = ["he", "she", "his", "hers", "key", "api_key", "k", "ey", "://"];
    for (const text of ["ushers", "API_KEY=x", "sHe HiS hErS", "a://b", "kkk", "", "keykey"]) expect(viaText(new KeywordMatcher(keywords), text), text).toEqual(naive(keywords, text));
  });

  it("agrees with the obvious search on random text over a small alphabet", () => {
    const next = rng(14);
    const alphabet = "abAB_-:/\n é";
    const pick = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
    for (let round = 0; round < 200; round++) {
      const keywords = [...new Set(Array.from({ length: 1 + Math.floor(next() * 8) }, () => pick(1 + Math.floor(next() * 4)).toLowerCase().replace(/[^a-z_:/-]/g, "a")))];
      const text = pick(Math.floor(next() * 200));
      expect(viaText(new KeywordMatcher(keywords), text)).toEqual(naive(keywords, text));
    }
  });

  it("finds the same hits in a UTF-8 file's bytes as in its text (Latin-1 view or decoded)", () => {
    const keywords = [...new Set(ALL_RULES.flatMap((r) => r.keywords.map((k) => k.toLowerCase())))];
    const m = new KeywordMatcher(keywords);
    const text = "naïve — TOKEN=ünïcødé passwörd api_key: 'x' 🔑 secret\n€ ghp_ AKIA xoxb- PassWord";
    const bytes = Buffer.from(text, "utf8");
    const latin1 = viaText(m, bytes.toString("latin1"));
    expect(viaBytes(m, bytes)).toEqual(latin1);
    expect(latin1.length).toBeGreaterThan(5);
    // Decoded, offsets differ, but the same keywords occur in the same order.
    const ids = (hits: string[]) => hits.map((h) => h.split(":").map(Number) as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, id]) => id);
    expect(ids(viaText(m, text))).toEqual(ids(latin1));
  });

  it("refuses a keyword it could not match as written", () => {
    expect(() => new KeywordMatcher(["clé"])).toThrow(/non-ASCII/);
    expect(() => new KeywordMatcher([""])).toThrow(/empty/);
  });
});
