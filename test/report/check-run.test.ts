import { describe, expect, it } from "vitest";
import { ALL_RULES } from "../../src/detect/rules/index.js";
import { Scanner } from "../../src/detect/scanner.js";
import { checkOutput, MAX_SUMMARY_CHARS } from "../../src/report/check-run.js";
import { githubToken } from "../helpers/tokens.js";

describe("the check run's summary", () => {
  it("stays under GitHub's 65 535 characters however many findings there are, saying how many it left out", () => {
    const path = `src/${"deeply/nested/".repeat(18)}config.js`;
    const text = Array.from({ length: 1500 }, () => `token = "${githubToken()}"`).join("\n");
    const findings = new Scanner({ rules: ALL_RULES }).scan({ path, text, startLine: 1 });
    expect(findings.length).toBe(1500);
    const { summary } = checkOutput({ findings, failOn: "high", issueLinks: new Map(), commits: 1, configErrors: [] });
    expect(summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
    const rows = summary.split("\n").filter((l) => l.startsWith("| critical |")).length;
    expect(rows).toBeGreaterThan(100);
    expect(summary).toContain(`… and ${1500 - rows} more findings, each annotated on its line.`);
  });
});
