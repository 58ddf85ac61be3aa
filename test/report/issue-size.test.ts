import { describe, expect, it } from "vitest";
import { ALL_RULES } from "../../src/detect/rules/index.js";
import { Scanner } from "../../src/detect/scanner.js";
import { issueBody, occurrencesIn, withOccurrences, type Occurrence } from "../../src/report/issue.js";
import { githubToken } from "../helpers/tokens.js";

const REPO_URL = "https://github.com/acme/widgets";
const place = (i: number): Occurrence => ({ path: `vendor/${"x".repeat(120)}/copy-${i}.js`, line: i + 1, commit: "a".repeat(40), author: "Dana Dev" });

describe("a secret found in more places than an issue can list", () => {
  const finding = new Scanner({ rules: ALL_RULES }).scan({ path: "a.js", text: `t = "${githubToken()}"`, startLine: 1 })[0]!;

  it("opens an issue under GitHub's 65,536 characters that says the list is cut short", () => {
    const body = issueBody({ finding, occurrences: Array.from({ length: 2000 }, (_, i) => place(i)), repoUrl: REPO_URL, owners: [], ownerSource: "none", repositoryPublic: false });
    expect(body.length).toBeLessThan(62_000);
    expect(occurrencesIn(body).length).toBeGreaterThan(100);
    expect(body).toContain("more occurrences are not listed");
  });

  it("adds occurrences until the body is full, then changes it no more", () => {
    let body = issueBody({ finding, occurrences: [place(0)], repoUrl: REPO_URL, owners: [], ownerSource: "none", repositoryPublic: false });
    for (let round = 0; round < 20; round++) body = withOccurrences(body, REPO_URL, Array.from({ length: 100 }, (_, i) => place(round * 100 + i + 1)));
    expect(body.length).toBeLessThan(62_000);
    expect(body.match(/more occurrences are not listed/g)).toHaveLength(1);
    expect(withOccurrences(body, REPO_URL, [place(99_999)])).toBe(body);
  });

  it("reads back what it listed, hostile names included, and a hand-edited list in linear time", () => {
    const names = ["a`b``c|@acme/security [x](javascript:alert(1)).js", "`lead", "trail`", " spaced ", "plain.js"];
    const listed = names.map((path, i) => ({ path, line: i + 1, commit: "b".repeat(40), author: "@everyone <img>" }));
    const body = issueBody({ finding, occurrences: listed, repoUrl: REPO_URL, owners: [], ownerSource: "none", repositoryPublic: false });
    expect(occurrencesIn(body).map((o) => [o.path, o.line])).toEqual(listed.map((o) => [o.path, o.line]));
    expect(withOccurrences(body, REPO_URL, listed)).toBe(body);
    const edited = body.replace("<!-- /keyward:occurrences -->", `- [${"`".repeat(30_000)}x${"`".repeat(29_999)}\n<!-- /keyward:occurrences -->`);
    const t = performance.now();
    occurrencesIn(edited);
    expect(performance.now() - t).toBeLessThan(500);
  });
});
