import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkpointText, generateSigningKeyPair, keyFingerprint, noteHash, parseCheckpoint, signCheckpoint, verifyCheckpoint } from "../../src/evidence/checkpoint.js";
import { openNote, signNote, verifierKey } from "../../src/evidence/note.js";

// The example of golang.org/x/mod/sumdb/note (note.go's package doc and note_test.go): a key
// pair in Go's text form and the note it signs. Ed25519 is deterministic, so signing the same
// text with the same key must give exactly the published note.
const GO_SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const GO_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

/** Go's private key text → PKCS#8 PEM: the base64 after the key ID is 0x01 || 32-byte seed. */
function goPrivateKey(skey: string): string {
  const material = Buffer.from(skey.split("+").slice(4).join("+"), "base64");
  const der = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), material.subarray(1)]);
  return createPrivateKey({ key: der, format: "der", type: "pkcs8" }).export({ type: "pkcs8", format: "pem" }).toString();
}

describe("C2SP signed notes", () => {
  const goKey = goPrivateKey(GO_SIGNER);
  const goPublic = createPublicKey(goKey).export({ type: "spki", format: "pem" }).toString();

  it("reproduces the Go implementation's signed note and verifier key byte for byte", () => {
    expect(signNote(GO_TEXT, "PeterNeumann", goKey)).toBe(GO_NOTE);
    expect(verifierKey("PeterNeumann", goPublic)).toBe(GO_VERIFIER);
    expect(openNote(GO_NOTE, [{ name: "PeterNeumann", publicKeyPem: goPublic }])).toEqual({ text: GO_TEXT, signedBy: ["PeterNeumann"] });
  });

  it("rejects an edited text, a note signed by another key, and malformed notes", () => {
    const known = [{ name: "PeterNeumann", publicKeyPem: goPublic }];
    expect(() => openNote(GO_NOTE.replace("cryptography", "cryptographY"), known)).toThrow(/does not match/);
    expect(() => openNote(GO_NOTE, [{ name: "PeterNeumann", publicKeyPem: generateSigningKeyPair().publicKey }])).toThrow(/not signed by/);
    expect(() => openNote(GO_TEXT, known)).toThrow(/blank line/);
    expect(() => openNote(GO_NOTE.replace("\u2014", "-"), known)).toThrow(/malformed signature/);
    expect(() => openNote(`a\u0007b\n${GO_NOTE}`, known)).toThrow(/control characters/);
    expect(() => signNote("no newline", "PeterNeumann", goKey)).toThrow(/newline/);
    expect(() => signNote("x\n", "Peter Neumann", goKey)).toThrow(/key name/);
  });
});

describe("checkpoints", () => {
  const keys = generateSigningKeyPair();
  const root = "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328";
  const first = signCheckpoint({ origin: "keyward.example/acme", size: 8, root, time: "2025-01-06T10:00:00.000Z" }, keys.privateKey);

  it("is a tlog-checkpoint note: origin, size, base64 root, then the time and the link to the previous one", () => {
    const second = signCheckpoint({ origin: "keyward.example/acme", size: 9, root, time: "2025-01-06T11:00:00.000Z", previous: { size: 8, noteHash: noteHash(first.note) } }, keys.privateKey);
    expect(checkpointText(second)).toBe(`keyward.example/acme\n9\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\ntime 2025-01-06T11:00:00.000Z\nprevious 8 ${Buffer.from(noteHash(first.note), "hex").toString("base64")}\n`);
    expect(second.note).toMatch(/^keyward\.example\/acme\n9\n[^\n]+\ntime [^\n]+\nprevious [^\n]+\n\n\u2014 keyward\.example\/acme [A-Za-z0-9+/]+=*\n$/);
    expect(verifyCheckpoint(second.note, keys.publicKey)).toEqual(second);
    expect(parseCheckpoint(first.note)).toEqual(first);
  });

  it("refuses a checkpoint signed by another key or changed after signing", () => {
    expect(() => verifyCheckpoint(first.note, generateSigningKeyPair().publicKey)).toThrow(/not signed by/);
    expect(() => verifyCheckpoint(first.note.replace("\n8\n", "\n7\n"), keys.publicKey)).toThrow(/does not match/);
    expect(() => verifyCheckpoint(first.note.replace("2025-01-06T10", "2024-01-06T10"), keys.publicKey)).toThrow(/does not match/);
    expect(() => parseCheckpoint("keyward.example/acme\nseven\nAAAA\n\n\u2014 x AAAAAAAA\n")).toThrow(/tree size/);
  });

  it("fingerprints a key as the SHA-256 of its SPKI DER, whatever the PEM's wrapping", () => {
    const der = createPublicKey(keys.publicKey).export({ type: "spki", format: "der" });
    expect(keyFingerprint(keys.publicKey)).toMatch(/^[0-9a-f]{64}$/);
    expect(keyFingerprint(keys.publicKey)).toBe(keyFingerprint(keys.publicKey.replace(/\n/g, "\r\n")));
    expect(keyFingerprint(keys.publicKey)).toBe(createHash("sha256").update(der).digest("hex"));
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(() => signCheckpoint({ origin: "o", size: 1, root, time: "2025-01-06T10:00:00.000Z" }, rsa)).toThrow(/Ed25519/);
  });
});
