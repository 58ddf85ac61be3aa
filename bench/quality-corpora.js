// The corpora bench/quality.js scores besides gitleaks' examples, and how each is scored.
//
// A corpus item is `{ text, path, expectedProvider }`: `expectedProvider` names the provider
// whose credential the text holds (compared case- and punctuation-insensitively with a rule's
// `provider`), or is null for a sample that holds none (a negative: any finding there is a
// false positive). Items may also name `expectedRule` (a rule id) where the provider is not
// specific enough (the config-file classes, whose rules share provider "Generic").
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { DEFAULT_PATH_ALLOWLIST, PathMatcher } from "../dist/detect/allowlist.js";

const norm = (s) => (s ?? "").toLowerCase().replace(/[^a-z0-9]/g, "");
const GENERIC = new Set(["generic"]);

/** Findings for one item: text and path rules, as a scan of that file would report. */
function findingsOf(scanner, item) {
  return [...scanner.scan({ path: item.path, text: item.text, startLine: 1 }), ...scanner.scanPath(item.path)];
}

/**
 * Positives split three ways — caught through the named rule (the expected provider or rule),
 * caught only through a generic rule (or another provider's), missed — and false positives
 * on the negatives.
 */
export function scoreCorpus(scanner, items) {
  const s = { positives: 0, named: 0, generic: 0, otherNamed: 0, missed: 0, negatives: 0, fp: 0, misses: [], fps: [] };
  for (const item of items) {
    const found = findingsOf(scanner, item);
    if (item.expectedProvider === null || item.expectedProvider === undefined) {
      s.negatives++;
      if (found.length > 0) {
        s.fp++;
        s.fps.push({ path: item.path, rules: found.map((f) => f.ruleId) });
      }
      continue;
    }
    s.positives++;
    const want = norm(item.expectedProvider);
    const named = found.some((f) => (item.expectedRule ? f.ruleId === item.expectedRule : norm(f.provider) === want));
    if (named) s.named++;
    else if (found.some((f) => GENERIC.has(norm(f.provider)))) s.generic++;
    else if (found.length > 0) s.otherNamed++;
    else {
      s.missed++;
      s.misses.push({ path: item.path, expected: item.expectedRule ?? item.expectedProvider, text: item.text.slice(0, 120) });
    }
  }
  return s;
}

/** Text files of a package tree, as a repository that vendors them would hold them. */
export function dependencyFiles(root, limitBytes) {
  const skip = new PathMatcher(DEFAULT_PATH_ALLOWLIST.filter((p) => !p.includes("node_modules")));
  const out = [];
  let bytes = 0;
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch {
      return;
    }
    for (const e of entries) {
      if (bytes >= limitBytes) return;
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== ".bin" && e.name !== ".cache") walk(p);
        continue;
      }
      if (!e.isFile() || !/\.(?:c?js|mjs|ts|cts|mts|json|md|ya?ml|txt|html?|css|sh|py|d\.ts)$/.test(e.name)) continue;
      // The path inside the package tree: what a vendored copy would be called in a repository.
      const rel = relative(root, p).split("\\").join("/");
      if (skip.matches(rel)) continue;
      const size = statSync(p).size;
      if (size > 2_000_000) continue;
      const buf = readFileSync(p);
      if (buf.subarray(0, 8000).includes(0)) continue;
      out.push({ path: `vendor-tree/${rel}`, text: buf.toString("utf8") });
      bytes += size;
    }
  };
  walk(root);
  return { files: out, bytes };
}

/**
 * Modules that hold classes of credential (passwords in config files, private keys, URIs with
 * credentials, JWTs, generic assignments) rather than one provider's token format: their rules
 * do not count as named provider formats.
 */
export const CLASS_MODULES = new Set(["generic", "config-files", "app-configs", "keys", "jwt", "uris"]);

/** The rules that name a provider's format: what "named provider formats" counts. */
export function namedProviderRules(modules) {
  return Object.entries(modules)
    .filter(([name]) => !CLASS_MODULES.has(name))
    .flatMap(([, rules]) => rules)
    .filter((r) => norm(r.provider) !== "generic");
}

/**
 * Per format of the providers corpus (items carry `format`, the rule id the entry expects):
 * positives, caught through the named rule, and whether that rule exists at all.
 */
export function perFormat(scanner, items, ruleIds) {
  const out = new Map();
  for (const item of items) {
    if (item.expectedProvider == null || !item.format) continue;
    const f = out.get(item.format) ?? { format: item.format, provider: item.expectedProvider, positives: 0, named: 0, ruleExists: ruleIds.has(item.format) };
    f.positives++;
    const want = norm(item.expectedProvider);
    if (findingsOf(scanner, item).some((x) => norm(x.provider) === want)) f.named++;
    out.set(item.format, f);
  }
  return [...out.values()];
}

/** The providers corpus (bench/corpus/providers.js; its header states the contract). */
export async function providerCorpus() {
  const mod = await import("./corpus/providers.js");
  return { source: "bench/corpus/providers.js", formats: mod.FORMATS.length, items: [...mod.providerSamples()] };
}
