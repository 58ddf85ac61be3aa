import { describe, expect, it } from "vitest";
import { ALL_RULES } from "../../src/detect/rules/index.js";
import { Scanner } from "../../src/detect/scanner.js";
import type { SecretFinding } from "../../src/detect/types.js";
import { githubToken, githubTokenBadChecksum } from "../helpers/tokens.js";

const scanner = new Scanner({ rules: ALL_RULES });
const scan = (text: string, path = "src/app.ts") => scanner.scan({ path, text, startLine: 1 });
const noSecretIn = (findings: SecretFinding[], secret: string) => expect(JSON.stringify(findings)).not.toContain(secret.slice(4));

describe("Scanner", () => {
  it("reports a checksummed GitHub token with its exact line and column, masked", () => {
    const token = githubToken();
    const text = `const a = 1;\n// setup\nconst client = new Octokit({ auth: "${token}" });\n`;
    const [f, ...rest] = scan(text);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ ruleId: "github-pat", severity: "critical", location: { path: "src/app.ts", line: 3, column: 37, endLine: 3, endColumn: 37 + 40 } });
    expect(f!.preview).toBe("ghp_********");
    expect(f!.fingerprint).toBe(`src/app.ts:github-pat:${f!.secretId}`);
    noSecretIn([f!], token);
  });

  it("ignores a token-shaped string whose checksum is wrong", () => {
    expect(scan(`token: ${githubTokenBadChecksum()}`)).toEqual([]);
  });

  it("honours keyward:allow and gitleaks:allow on the line", () => {
    const t = githubToken();
    expect(scan(`x = "${t}" // keyward:allow`)).toEqual([]);
    expect(scan(`x = "${t}" # gitleaks:allow`)).toEqual([]);
    expect(scan(`x = "${t}"`)).toHaveLength(1);
  });

  it("gives the same secret the same id everywhere and a different key a different id", () => {
    const t = githubToken();
    const a = scan(`a = "${t}"`, "a.py")[0]!;
    const b = scan(`\n\nb: ${t}`, "b.yml")[0]!;
    expect(a.secretId).toBe(b.secretId);
    expect(a.fingerprint).not.toBe(b.fingerprint);
    const other = new Scanner({ rules: ALL_RULES, hashKey: "another-key" }).scan({ path: "a.py", text: `a = "${t}"`, startLine: 1 })[0]!;
    expect(other.secretId).not.toBe(a.secretId);
  });

  it("numbers lines from the chunk's start line (added lines of a diff)", () => {
    const f = scanner.scan({ path: "x.env", text: `A=1\nTOKEN=${githubToken()}`, startLine: 41 })[0]!;
    expect(f.location.line).toBe(42);
  });

  it("finds a token in a megabyte-long minified line at the right column", () => {
    const t = githubToken();
    const filler = "var a=function(b){return b+1};".repeat(35_000);
    const text = `${filler}var k="${t}";${filler}`;
    const found = scan(text, "dist/app.js");
    expect(found).toHaveLength(1);
    expect(found[0]!.location.column).toBe(filler.length + 8);
  });

  it("finds a token hidden in a Kubernetes Secret's base64 data, at the encoded value", () => {
    const t = githubToken();
    const b64 = Buffer.from(t).toString("base64");
    const manifest = ["apiVersion: v1", "kind: Secret", "metadata:", "  name: gh", "type: Opaque", "data:", `  token: ${b64}`, ""].join("\n");
    const found = scan(manifest, "k8s/secret.yaml").filter((f) => f.ruleId === "github-pat");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ encoding: "base64", location: { line: 7, column: 10 } });
    noSecretIn(found, t);
    expect(JSON.stringify(found)).not.toContain(b64);
  });

  it("applies a repository allowlist from config", () => {
    const t = githubToken();
    const allowing = new Scanner({ rules: ALL_RULES, allow: { secrets: [new RegExp(t.slice(4, 12))] } });
    expect(allowing.scan({ path: "a", text: t, startLine: 1 })).toEqual([]);
  });

  it("keeps path-only rules to the file name", () => {
    const keystores = scanner.scanPath("deploy/certs/client.p12");
    expect(keystores.map((f) => f.preview)).toEqual(["(file)"]);
    expect(scanner.scanPath("docs/p12-format.md")).toEqual([]);
  });
});
