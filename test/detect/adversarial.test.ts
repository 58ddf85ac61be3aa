import { describe, expect, it } from "vitest";
import { ALL_RULES } from "../../src/detect/rules/index.js";
import { Scanner } from "../../src/detect/scanner.js";

// Pathological single lines of 1 MB: the shapes that make backtracking regexes explode.
const MB = 1 << 20;
const repeatTo = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
const INPUTS: Record<string, string> = {
  "a-run": repeatTo("a"),
  "equals-run": repeatTo("="),
  "base64-run": repeatTo("QUJDRGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo0NTY3ODkrLw"),
  "hex-run": repeatTo("0123456789abcdef"),
  "keyword-soup": repeatTo("api_key=token secret: password=ghp_xoxb-AKIA eyJ -----BEGIN "),
  "dashes-and-dots": repeatTo("-.-_.~"),
  "assignments": repeatTo('key="'),
  "url-ish": repeatTo("https://user:"),
};
const BUDGET_MS = 400;

/** CPU time of this process in ms: unlike wall time, other work on the machine does not inflate it. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

describe("no rule can be made slow", () => {
  for (const rule of ALL_RULES.filter((r) => r.pattern)) {
    it(`${rule.id} stays linear on 1 MB adversarial lines`, () => {
      const re = new RegExp(rule.pattern!.source, rule.pattern!.flags.replace("g", "") + "g");
      for (const [name, input] of Object.entries(INPUTS)) {
        const started = cpuMs();
        re.lastIndex = 0;
        let n = 0;
        while (re.exec(input) !== null && n++ < 100_000) if (re.lastIndex === 0) break;
        const ms = cpuMs() - started;
        expect(ms, `${rule.id} on ${name}`).toBeLessThan(BUDGET_MS);
      }
    });
  }

  it("the whole scanner stays fast on every adversarial line", () => {
    const scanner = new Scanner({ rules: ALL_RULES });
    for (const [name, input] of Object.entries(INPUTS)) {
      const started = cpuMs();
      scanner.scan({ path: "adversarial.txt", text: input, startLine: 1 });
      expect(cpuMs() - started, name).toBeLessThan(3000);
    }
  });
});
