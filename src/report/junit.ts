/**
 * JUnit XML, the report CI systems already show (GitLab, Jenkins, Azure Pipelines, test-report
 * actions): one test suite per run, one failing test case per finding, named by its location
 * and classed by its rule. Built with fast-xml-parser's builder, which escapes every attribute
 * and text; characters XML 1.0 cannot carry at all (control characters in a hostile file name)
 * are replaced first. No secret appears: findings carry only the masked preview.
 */
import { XMLBuilder } from "fast-xml-parser";
import { headline, type Finding } from "../finding.js";

// Everything outside XML 1.0's Char production: C0 controls but tab, LF, CR; lone surrogates; U+FFFE/U+FFFF.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const clean = (s: string) => s.replace(NOT_XML, "\uFFFD");

export interface JunitSuite {
  /** `keyward scan`, `keyward audit`. */
  readonly name: string;
  readonly findings: readonly Finding[];
  /** What was checked, for the suite's passing case when nothing was found. */
  readonly summary: string;
  readonly durationMs?: number;
  readonly timestamp?: Date;
}

export function formatJunit(suite: JunitSuite): string {
  const cases = suite.findings.map((f) => {
    const owned = f as { owners?: readonly string[] };
    const details = [
      `rule: ${f.ruleId} (${f.description})`,
      `severity: ${f.severity}, confidence: ${f.confidence}`,
      `location: ${f.location.path}:${f.location.line}:${f.location.column}`,
      ...(f.kind === "secret" ? [`preview: ${f.preview}`] : []),
      ...(f.kind === "workflow" && f.identity ? [`identity: ${f.identity}`] : []),
      ...(f.location.commit ? [`commit: ${f.location.commit.sha} by ${f.location.commit.author} <${f.location.commit.email}> ${f.location.commit.date}`] : []),
      ...(owned.owners?.length ? [`owners: ${owned.owners.join(", ")}`] : []),
      `fingerprint: ${f.fingerprint}`,
    ].join("\n");
    return {
      "@_name": clean(`${f.location.path}:${f.location.line}:${f.location.column} ${f.ruleId}`),
      "@_classname": clean(f.ruleId),
      "@_file": clean(f.location.path),
      "@_line": f.location.line,
      "@_time": "0",
      failure: { "@_message": clean(headline(f)), "@_type": f.severity, "#text": clean(details) },
    };
  });
  // A clean run is one passing case, so CI shows that the check ran rather than "no tests".
  if (cases.length === 0) cases.push({ "@_name": clean(suite.summary), "@_classname": "keyward", "@_time": "0" } as (typeof cases)[number]);
  const failures = suite.findings.length;
  const time = ((suite.durationMs ?? 0) / 1000).toFixed(3);
  const doc = {
    "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
    testsuites: {
      "@_name": "keyward",
      "@_tests": cases.length,
      "@_failures": failures,
      "@_errors": 0,
      "@_time": time,
      testsuite: {
        "@_name": clean(suite.name),
        "@_tests": cases.length,
        "@_failures": failures,
        "@_errors": 0,
        "@_skipped": 0,
        "@_time": time,
        "@_timestamp": (suite.timestamp ?? new Date()).toISOString().slice(0, 19),
        testcase: cases,
      },
    },
  };
  return new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", format: true, suppressEmptyNode: true }).build(doc);
}
