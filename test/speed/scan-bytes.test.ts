/**
 * Scanning a file from its raw bytes (the working-tree path) reports exactly what scanning
 * its Latin-1 text reports: on every rule's own examples, alone and buried in a larger file,
 * and on the cases the byte path treats specially (no keyword at all, a Kubernetes Secret).
 */
import { describe, expect, it } from "vitest";
import { ALL_RULES } from "../../src/detect/rules/index.js";
import { Scanner } from "../../src/detect/scanner.js";
import { githubToken } from "../helpers/tokens.js";

const scanner = new Scanner({ rules: ALL_RULES });
const viaText = (path: string, bytes: Buffer) => scanner.scan({ path, text: bytes.toString("latin1"), startLine: 1 });

describe("Scanner.scanBytes", () => {
  const examples = ALL_RULES.flatMap((r) => [...r.examples.match, ...r.examples.noMatch].map((text) => [r.id, r.examples.path ?? "example.txt", text] as const));

  it("agrees with scan() on every rule example, alone and after a keyword-free prefix", () => {
    let findings = 0;
    for (const [id, path, text] of examples) {
      for (const bytes of [Buffer.from(text, "utf8"), Buffer.from(`${"const plain = 1;\n".repeat(50)}${text}\nmore = 2;\n`, "utf8")]) {
        const want = viaText(path, bytes);
        findings += want.length;
        expect(scanner.scanBytes(path, bytes), id).toEqual(want);
      }
    }
    expect(findings).toBeGreaterThan(ALL_RULES.length);
  });

  it("finds nothing, without decoding, where no keyword occurs", () => {
    expect(scanner.scanBytes("a.js", Buffer.from("export const answer = 42;\n".repeat(100)))).toEqual([]);
  });

  it("parses Kubernetes Secret manifests as scan() does", () => {
    const value = Buffer.from(githubToken()).toString("base64");
    for (const kind of ["kind: Secret", "KIND: Secret", "kind: 'secret'"]) {
      const manifest = Buffer.from(`apiVersion: v1\n${kind}\nmetadata:\n  name: app\ndata:\n  github: ${value}\n`);
      const want = viaText("deploy/secret.yaml", manifest);
      expect(want.length, kind).toBeGreaterThan(0);
      expect(scanner.scanBytes("deploy/secret.yaml", manifest)).toEqual(want);
    }
  });
});
