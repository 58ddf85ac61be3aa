import { beforeEach, describe, expect, it } from "vitest";
import { isPlaceholder } from "../../src/detect/allowlist.js";
import { type Length, leadingLiterals, sampleToken } from "../../src/detect/format-rules.js";
import { ALL_RULES } from "../../src/detect/rules/index.js";
import { FORMATS as FORMATS_A } from "../../src/detect/rules/providers-a.js";
import { FORMATS as FORMATS_B } from "../../src/detect/rules/providers-b.js";
import { Scanner } from "../../src/detect/scanner.js";

// Every provider format row, checked with fresh tokens of its grammar built at run time (a
// different draw on every run, across the whole length range), in the syntaxes they are
// committed in: each is named by its own rule, previews show at most the public prefix, and
// truncated tokens or values without the provider's name (for context rows) are not findings.
const FORMATS = [...FORMATS_A, ...FORMATS_B];
const scanner = new Scanner({ rules: ALL_RULES });
// Draws come from a generator seeded by each test's name: a failure reproduces, and a CI run's
// verdict does not depend on chance. KEYWARD_TEST_SEED=anything explores another set of draws.
const SEED = process.env.KEYWARD_TEST_SEED ?? "keyward";
let state = 0;
beforeEach(() => {
  let h = 0x811c9dc5;
  for (const c of `${SEED}:${expect.getState().currentTestName ?? ""}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  state = h | 0;
});
/** mulberry32: small, fast and plenty for drawing test tokens. */
const random = (): number => {
  state = (state + 0x6d2b79f5) | 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const DRAWS = 6;

const identifier = (row: (typeof FORMATS)[number]): { env: string; camel: string; flag: string } => {
  const name = (row.context?.[0] ?? "service").replace(/[^A-Za-z0-9]+/g, "_");
  const word = (row.words ?? ["token"])[0] ?? "id";
  return {
    env: `${name}_${word}`.toUpperCase(),
    camel: `${name.replace(/_(.)/g, (_, c: string) => c.toUpperCase())}${word[0]!.toUpperCase()}${word.slice(1)}`,
    flag: `--${name.replace(/_/g, "-")}-${word}`,
  };
};

const SYNTAXES: ReadonlyArray<readonly [string, (k: ReturnType<typeof identifier>, t: string) => string]> = [
  [".env", (k, t) => `${k.env}=${t}\n`],
  ["config/app.json", (k, t) => `{\n  "${k.camel}": "${t}"\n}\n`],
  ["config/app.yml", (k, t) => `service:\n  ${k.env.toLowerCase()}: ${t}\n`],
  ["cmd/main.go", (k, t) => `\t${k.camel} := "${t}"\n`],
  ["src/config.ts", (k, t) => `export const ${k.camel}: string = '${t}';\n`],
  ["src/main.rs", (k, t) => `const ${k.env}: &str = "${t}";\n`],
  ["Makefile", (k, t) => `deploy:\n\t./bin/tool ${k.flag} ${t}\n`],
  ["Web.config", (k, t) => `<add key="${k.camel}" value="${t}" />\n`],
];

const findings = (path: string, text: string) => scanner.scan({ path, text, startLine: 1 });

/**
 * A fresh token of the row's grammar. A random draw can spell a placeholder word by chance
 * ("…DuMmY…") — the global allowlist rightly drops it — so such a draw is drawn again.
 */
function draw(row: (typeof FORMATS)[number], length: Length): string {
  const one = (): string => (row.sample ? row.sample(random) : sampleToken(row.token, random, length));
  let token = one();
  for (let i = 0; i < 8 && isPlaceholder(token); i++) token = one();
  return token;
}

describe("provider format rows", () => {
  it("have unique ids that are registered rules, and a source for their shape", () => {
    const ids = new Set(ALL_RULES.map((r) => r.id));
    expect(new Set(FORMATS.map((f) => f.id)).size).toBe(FORMATS.length);
    for (const f of FORMATS) {
      expect(ids.has(f.id), f.id).toBe(true);
      expect(f.source, f.id).toMatch(/^https:\/\//);
    }
  });
});

describe.each(FORMATS.map((f) => [f.id, f] as const))("format %s", (id, row) => {
  const keys = identifier(row);
  const prefixes = ALL_RULES.find((r) => r.id === id)!.prefixes ?? [];

  it.each(SYNTAXES.map(([path, render]) => [path, render] as const))("is named in %s", (path, render) => {
    for (let i = 0; i < DRAWS; i++) {
      const token = draw(row, i === 0 ? "min" : i === 1 ? "max" : "any");
      const hits = findings(path, render(keys, token)).filter((f) => f.ruleId === id);
      expect(hits.length, `${id} in ${path}`).toBe(1);
      // The preview is a documented public prefix and the mask, never more of the token.
      const shown = hits[0]!.preview.replace(/\*{8}.*$/, "");
      expect(shown === "" || (prefixes.includes(shown) && token.startsWith(shown)), hits[0]!.preview).toBe(true);
      expect(hits[0]!.preview).not.toContain(token.slice(shown.length, shown.length + 6));
    }
  });

  it("ignores truncated tokens and the bare prefix", () => {
    const token = sampleToken(row.token, random, "min");
    expect(findings(".env", `${keys.env}=${token.slice(0, -1)}\n`).filter((f) => f.ruleId === id)).toEqual([]);
    for (const literal of leadingLiterals(row.token)) {
      expect(findings(".env", `${keys.env}=${literal}\n`).filter((f) => f.ruleId === id)).toEqual([]);
    }
  });

  if (row.context) {
    it("needs the provider's name beside the value", () => {
      const token = sampleToken(row.token, random);
      for (const text of [`build_id = "${token}"\n`, `checksum: ${token}\n`, `<div class="${token}"></div>\n`]) {
        expect(findings("src/app.ts", text).filter((f) => f.ruleId === id), text).toEqual([]);
      }
    });
  }
});

describe("supabase-service-role-key", () => {
  const jwt = (payload: object): string =>
    [{ alg: "HS256", typ: "JWT" }, payload].map((o) => Buffer.from(JSON.stringify(o)).toString("base64url")).join(".") + "." + sampleToken([["b64url", 43]], random);
  const ids = (text: string) => findings(".env", text).map((f) => f.ruleId);

  it("names the key whose payload says service_role, and leaves the public anon key to the JWT rule", () => {
    expect(ids(`SUPABASE_SERVICE_ROLE_KEY=${jwt({ iss: "supabase", ref: "abcdefghijklmnopqrst", role: "service_role" })}\n`)).toContain("supabase-service-role-key");
    expect(ids(`SUPABASE_ANON_KEY=${jwt({ iss: "supabase", ref: "abcdefghijklmnopqrst", role: "anon" })}\n`)).not.toContain("supabase-service-role-key");
  });
});
