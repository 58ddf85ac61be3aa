/**
 * Where a finding sits: test code, documentation or an example file. Such findings are still
 * reported — a real key pasted into a README leaks as well as any — but one step lower in
 * confidence, and they say why, so a reader can triage production code first.
 */
import type { Confidence } from "./types.js";

export type FindingContext = "test" | "docs" | "example";

const TEST = /(?:^|\/)(?:tests?|__tests__|spec|specs|testdata|test-data|fixtures?|__fixtures__|__mocks__|mocks?)\/|(?:^|\/)[^/]{1,200}[._-](?:test|spec)s?\.[a-z0-9]{1,8}$|(?:^|\/)test_[^/]{1,200}\.py$|_test\.go$/i;
const DOCS = /(?:^|\/)(?:docs?|documentation|man)\/|\.(?:md|mdx|markdown|rst|adoc|asciidoc)$/i;
const EXAMPLE = /(?:^|\/)(?:examples?|samples?|demos?)\/|\.(?:example|sample|dist|template|tmpl)(?:\.[a-z0-9]{1,8})?$|(?:^|\/)[^/]{0,200}[._-](?:example|sample)[^/]{0,40}$/i;

export function contextOf(path: string): FindingContext | undefined {
  if (TEST.test(path)) return "test";
  if (EXAMPLE.test(path)) return "example";
  if (DOCS.test(path)) return "docs";
  return undefined;
}

export function downrank(c: Confidence): Confidence {
  return c === "high" ? "medium" : "low";
}
