/**
 * CSV and JUnit XML reports from `keyward scan`, `keyward audit` and `keyward inventory`, read
 * back with real parsers (csv-parse, saxes): file names and commit authors are attacker-chosen,
 * so formula-looking cells are neutralised and XML stays well-formed whatever they hold.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parse } from "csv-parse/sync";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSV_COLUMNS } from "../../src/report/csv.js";
import { runBin } from "../helpers/cli.js";
import { tempRepo, type TempRepo } from "../helpers/repo.js";
import { githubToken } from "../helpers/tokens.js";

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** A strict, conformant XML parser: throws on anything that is not well-formed XML 1.0. */
function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on("error", (e) => {
    throw e;
  });
  parser.on("opentag", (t) => {
    const el: XmlElement = { name: t.name, attributes: t.attributes as Record<string, string>, children: [], text: "" };
    if (stack.length) stack.at(-1)!.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on("text", (t) => {
    if (stack.length) stack.at(-1)!.text += t;
  });
  parser.on("closetag", () => stack.pop());
  parser.write(xml).close();
  return root!;
}

const HOSTILE_AUTHOR = '=HYPERLINK("http://evil.test","click")';

describe("CSV and JUnit reports", () => {
  let repo: TempRepo;
  const tokens = [githubToken(), githubToken("gho")];
  beforeAll(() => {
    repo = tempRepo();
    repo.write("=1+2.js", `const t = "${tokens[0]}";\n`);
    repo.write(`@evil<&>"\x01.js`, `const t = "${tokens[1]}";\n`);
    repo.commit("add", { name: HOSTILE_AUTHOR, email: "mallory@example.test" });
  });
  afterAll(() => repo.cleanup());

  it("writes CSV whose formula-looking cells are quoted out, and that never holds the secret", async () => {
    const r = await runBin(["scan", "--history", "--format", "csv", repo.dir]);
    expect(r.code).toBe(1);
    for (const t of tokens) expect(r.stdout).not.toContain(t);
    const [header, ...rows] = parse(r.stdout) as string[][];
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(2);
    const col = (name: string) => CSV_COLUMNS.indexOf(name as (typeof CSV_COLUMNS)[number]);
    expect(rows.map((row) => row[col("file")]).sort()).toEqual(["'=1+2.js", `'@evil<&>"\x01.js`]);
    for (const row of rows) {
      expect(row[col("author")]).toBe(`'${HOSTILE_AUTHOR}`);
      expect(row[col("rule")]).toMatch(/^github-(pat|oauth)$/);
      expect(row[col("preview")]).toMatch(/^gh[po]_\*+$/);
      expect(Number(row[col("line")])).toBe(1);
      // No cell a spreadsheet would evaluate.
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it("writes JUnit XML that a strict XML parser reads: one failing case per finding", async () => {
    const r = await runBin(["scan", "--history", "--format", "junit", repo.dir]);
    expect(r.code).toBe(1);
    for (const t of tokens) expect(r.stdout).not.toContain(t);
    const root = parseXml(r.stdout);
    expect(root.name).toBe("testsuites");
    const suite = root.children[0]!;
    expect(suite).toMatchObject({ name: "testsuite", attributes: { name: "keyward scan", tests: "2", failures: "2", errors: "0" } });
    const cases = suite.children.filter((c) => c.name === "testcase");
    expect(cases.map((c) => c.attributes.file).sort()).toEqual(["=1+2.js", `@evil<&>"\uFFFD.js`]);
    for (const c of cases) {
      const failure = c.children.find((x) => x.name === "failure")!;
      expect(failure.attributes.type).toBe("critical");
      expect(failure.text).toMatch(/fingerprint: /);
      expect(failure.text).toContain(HOSTILE_AUTHOR);
    }
  });

  it("writes a passing JUnit case when nothing is found, so CI shows the check ran", async () => {
    const dir = mkdtempSync(join(tmpdir(), "keyward-clean-"));
    writeFileSync(join(dir, "a.txt"), "nothing here\n");
    const r = await runBin(["scan", "--format", "junit", dir]);
    expect(r.code).toBe(0);
    const suite = parseXml(r.stdout).children[0]!;
    expect(suite.attributes).toMatchObject({ tests: "1", failures: "0" });
    expect(suite.children[0]!.attributes.name).toMatch(/^no secrets found in 1 file/);
    expect((await runBin(["scan", "--format", "csv", dir])).stdout).toBe(CSV_COLUMNS.join(",") + "\r\n");
    rmSync(dir, { recursive: true, force: true });
  });

  describe("for the workflow audit and the inventory", () => {
    let root: string;
    beforeAll(() => {
      root = mkdtempSync(join(tmpdir(), "keyward-audit-formats-"));
      const files = {
        ".github/workflows/ci.yml": "on: pull_request_target\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: some/action@v1\n        with:\n          token: ${{ secrets.NPM_TOKEN }}\n",
        ".github/keyward.yml": 'identities:\n  - secret: NPM_TOKEN\n    owners: ["@octocat"]\n    purpose: "=cmd|calc"\n',
      };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      }
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it("writes audit findings as CSV and JUnit", async () => {
      const json = JSON.parse((await runBin(["audit", "--format", "json", root])).stdout);
      const csv = await runBin(["audit", "--format", "csv", root]);
      expect(csv.code).toBe(1);
      const [, ...rows] = parse(csv.stdout) as string[][];
      expect(rows.map((r) => r[0]).sort()).toEqual(json.findings.map((f: { ruleId: string }) => f.ruleId).sort());
      const junit = parseXml((await runBin(["audit", "--format", "junit", root])).stdout);
      const cases = junit.children[0]!.children.filter((c) => c.name === "testcase");
      expect(junit.children[0]!.attributes.name).toBe("keyward audit");
      expect(cases.map((c) => c.attributes.classname).sort()).toEqual(json.findings.map((f: { ruleId: string }) => f.ruleId).sort());
    });

    it("writes the inventory as CSV, one identity per row", async () => {
      const r = await runBin(["inventory", "--format", "csv", root]);
      expect(r.code).toBe(0);
      const [header, ...rows] = parse(r.stdout) as string[][];
      const row = Object.fromEntries(header!.map((h, i) => [h, rows[0]![i]]));
      expect(rows).toHaveLength(1);
      expect(row).toMatchObject({ identity: "NPM_TOKEN", owners: "'@octocat", owner_source: "inventory", purpose: "'=cmd|calc", fork_reachable: "true", actions: "some/action@v1 (unpinned)" });
      expect((await runBin(["inventory", "--format", "junit", root])).stderr).toMatch(/unknown --format 'junit' \(text, json, csv\)/);
    });
  });
});
