import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/config.js";
import { isPkcs12 } from "../../src/detect/pkcs12.js";
import { ALL_RULES } from "../../src/detect/rules/index.js";
import { Scanner } from "../../src/detect/scanner.js";
import { runScan } from "../../src/scan.js";
import { githubToken } from "../helpers/tokens.js";

const scanner = new Scanner({ rules: ALL_RULES });
const scan = (text: string, path = "src/app.ts") => scanner.scan({ path, text, startLine: 1 });
const b64 = (s: string) => Buffer.from(s).toString("base64");

describe("PKCS#12 keystores are told by their DER structure, not their name", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "keyward-p12-"));
    const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "ignore" });
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days", "1", "-subj", "/CN=keyward-test");
    openssl("pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-out", "real.p12", "-passout", "pass:keyward-test");
    rmSync(join(dir, "key.pem"));
    writeFileSync(join(dir, "empty.p12"), "");
    writeFileSync(join(dir, "random.pfx"), randomBytes(4096));
    // A DER SEQUENCE that is not a PFX: the certificate alone.
    writeFileSync(join(dir, "cert.p12"), Buffer.from(readFileSync(join(dir, "cert.pem"), "utf8").replace(/-----[^-]+-----|\s/g, ""), "base64"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("accepts a real `openssl pkcs12 -export` file and refuses empty, random and other DER", () => {
    expect(isPkcs12(readFileSync(join(dir, "real.p12")))).toBe(true);
    expect(isPkcs12(readFileSync(join(dir, "empty.p12")))).toBe(false);
    expect(isPkcs12(readFileSync(join(dir, "random.pfx")))).toBe(false);
    expect(isPkcs12(readFileSync(join(dir, "cert.p12")))).toBe(false);
  });

  it("reports only the real keystore when a working tree is scanned", async () => {
    const { findings } = await runScan({ root: dir, target: { kind: "worktree" }, config: DEFAULT_CONFIG });
    expect(findings.filter((f) => f.ruleId === "pkcs12-file").map((f) => [f.location.path, f.confidence])).toEqual([["real.p12", "medium"]]);
  });

  it("says so, at low confidence, where the bytes cannot be read (a commit's patch)", () => {
    const [f] = scanner.scanPath("certs/client.p12");
    expect(f).toMatchObject({ ruleId: "pkcs12-file", confidence: "low", description: expect.stringContaining("(content not checked)") });
  });
});

describe("Kubernetes Secret keys that hold names", () => {
  const manifest = (entries: string[]) => ["apiVersion: v1", "kind: Secret", "metadata:", "  name: api", "data:", ...entries].join("\n");

  it("are not findings for being there, while a password beside them is", () => {
    const found = scan(manifest([`  username: ${b64("deploy-bot")}`, `  accountname: ${b64("acme-production-01")}`, `  apiUsername: ${b64("reporting-service")}`, `  password: ${b64("Lq8Wm2!Xv9Tp")}`]), "k8s/secret.yaml"); // keyward:allow
    expect(found.map((f) => [f.ruleId, f.location.line])).toEqual([["kubernetes-secret-data", 9]]);
  });

  it("still report a provider token stored under a name key", () => {
    const token = githubToken();
    expect(scan(manifest([`  username: ${b64(token)}`]), "k8s/secret.yaml").map((f) => f.ruleId)).toEqual(["github-pat"]);
  });
});

describe("placeholders", () => {
  it("REPLACE_WITH_…, fake…, changeme and {{…}} templates (translated ones too) are not findings", () => {
    const lines = [
      'API_KEY="REPLACE_WITH_YOUR_KEY_9f3a2b"',
      'client_secret = "fake-secret-for-local-dev-123456"',
      "auth_token: FAKE_TOKEN_1234567890abcdef",
      'apiToken = "fakeToken9Xq2LmZ7pW4sT"',
      "DB_PASSWORD=changeme123",
      'password: "{{ \'Passwort\' | translate }}"',
      'secret_key: "prefix-{{ vault_secret_key }}-suffix"',
      '"password": "{{passwort}}"',
    ];
    for (const l of lines) expect(scan(l, "config/app.yml"), l).toEqual([]);
  });

  it("a real-looking value next to them is still reported", () => {
    expect(scan('client_secret = "Zq4vT8mW2xLp9sKe7RbN3cYh"', "config/app.yml")).toHaveLength(1); // keyward:allow
  });
});

describe("minified and bundled code, told by content", () => {
  const bundle = (inner: string) => `!function(e,t){${"var n=e.length,r=t||{};if(n>0){r.a=e[0];r.b=e[1]}".repeat(40)}${inner}${"return r}".repeat(30)}}(window);`;

  it("runs no generic rule on a long dense line, whatever the file is called", () => {
    const text = bundle('if("password"===T.type){T.value=Q}var c={password:"Hv3n!B8sWq1",apiKey:"Zq4vT8mW2xLp9sKe7RbN3cYh"};'); // keyward:allow
    expect(text.length).toBeGreaterThan(1000);
    expect(scan(text, "static/js/app.3f9c2b.js")).toEqual([]);
  });

  it("still finds a provider token in it, and generic secrets in ordinary lines", () => {
    const token = githubToken();
    expect(scan(bundle(`var k="${token}";`), "static/js/app.js").map((f) => f.ruleId)).toEqual(["github-pat"]);
    expect(scan('const c = { password: "Hv3n!B8sWq1" };', "src/config.js").map((f) => f.ruleId)).toEqual(["generic-password"]); // keyward:allow
  });
});

describe("test, documentation and example files", () => {
  it("are down-ranked one step and say so, not dropped", () => {
    const token = githubToken();
    const at = (path: string) => scan(`token = "${token}"`, path)[0]!;
    expect(at("src/client.ts")).toMatchObject({ confidence: "high" });
    expect(at("src/client.ts").context).toBeUndefined();
    expect(at("test/client.test.ts")).toMatchObject({ confidence: "medium", context: "test" });
    expect(at("src/client.spec.ts")).toMatchObject({ context: "test" });
    expect(at("docs/setup.md")).toMatchObject({ confidence: "medium", context: "docs" });
    expect(at("README.md")).toMatchObject({ context: "docs" });
    expect(at("examples/quickstart/main.go")).toMatchObject({ context: "example" });
    expect(at(".env.example")).toMatchObject({ context: "example" });
    const generic = scan('DB_PASSWORD="Hv3n!B8sWq1"', "tests/fixtures/settings.py")[0]!; // keyward:allow
    expect(generic).toMatchObject({ ruleId: "generic-password", confidence: "low", context: "test" });
  });
});
