/**
 * How a raw secret gets from the scanner to its provider and nowhere else: only through an
 * explicitly passed `onSecret`, only for reported findings, held in a private field that JSON,
 * `util.inspect` and loggers cannot read, and dropped on `clear()`.
 */
import { inspect } from "node:util";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { ALL_RULES } from "../../src/detect/rules/index.js";
import { secretId } from "../../src/detect/redact.js";
import { Scanner } from "../../src/detect/scanner.js";
import type { SecretFinding } from "../../src/detect/types.js";
import { HeldSecrets, LeakedCredential } from "../../src/revoke/credential.js";
import { expectNoSecret } from "../helpers/no-secret.js";
import { githubToken, slackBotToken, stripeLiveKey } from "../helpers/tokens.js";

describe("the scanner's onSecret callback", () => {
  it("is called once per reported finding with the secret the finding was built from, and only when passed", () => {
    const gh = githubToken();
    const slack = slackBotToken();
    const text = [`const a = "${gh}";`, `SLACK=${slack}`, `const b = "${githubToken()}"; // keyward:allow`, ""].join("\n");
    const handed: Array<{ finding: SecretFinding; matches: boolean }> = [];
    const scanner = new Scanner({ rules: ALL_RULES, onSecret: (finding, secret) => handed.push({ finding, matches: secretId(secret) === finding.secretId }) });
    const findings = scanner.scan({ path: "src/a.js", text, startLine: 1 });
    expect(findings.map((f) => f.ruleId)).toEqual(["github-pat", "slack-bot-token"]);
    expect(handed.map((h) => h.finding)).toEqual(findings); // the allowed line is not handed over
    expect(handed.every((h) => h.matches)).toBe(true);
    expectNoSecret({ findings: JSON.stringify(findings) }, [gh, slack]);

    // Without a callback the same scan hands nothing to anyone (and finds the same).
    expect(new Scanner({ rules: ALL_RULES }).scan({ path: "src/a.js", text, startLine: 1 })).toEqual(findings);
  });
});

describe("held secrets", () => {
  it("keeps only the rule ids the policy acts on, one per secret id, until cleared", () => {
    const gh = githubToken();
    const held = new HeldSecrets(new Set(["github-pat"]));
    const scanner = new Scanner({ rules: ALL_RULES, onSecret: held.onSecret });
    const findings = scanner.scan({ path: "a.env", text: `A=${gh}\nB=${gh}\nC=${stripeLiveKey()}\n`, startLine: 1 });
    expect(findings).toHaveLength(3);
    expect(held.size).toBe(1);
    expect(held.get(findings[0]!.secretId)?.reveal() === gh).toBe(true);
    expect(held.get(findings[2]!.secretId)).toBeUndefined();
    held.clear();
    expect(held.size).toBe(0);
    expect(held.get(findings[0]!.secretId)).toBeUndefined();
  });

  it("never shows the secret to JSON, util.inspect, string templates or a logger", () => {
    const token = githubToken();
    const credential = new LeakedCredential(secretId(token), "github-pat", token);
    const held = new HeldSecrets(new Set(["github-pat"]));
    const lines: string[] = [];
    const log = pino({ level: "info" }, { write: (l: string) => void lines.push(l) });
    log.info({ credential, held, list: [credential] }, "about to revoke");
    expectNoSecret(
      {
        json: JSON.stringify({ credential, held }),
        inspect: inspect({ credential, held }, { showHidden: true, depth: 5 }),
        template: `${String(credential)} ${Object.values(credential).join(" ")} ${Object.keys(credential).join(" ")}`,
        log: lines,
      },
      [token],
    );
    expect(JSON.parse(JSON.stringify(credential))).toEqual({ secretId: secretId(token), ruleId: "github-pat" });
  });
});
