/**
 * Private keys: PEM blocks (PKCS#1, SEC1, PKCS#8, OpenSSH, PGP), PuTTY .ppk files, age
 * identities, and committed keystores. The secret is always the whole block, which the
 * scanner masks.
 *
 * The block rules are multi-line: they run on a window starting at the line that holds the
 * BEGIN marker. Each pattern is anchored (`^` without the `m` flag) to that first line so a
 * BEGIN-less window fails at once instead of being searched to its end. A block is a
 * finding only when its body is real key material: base64 of the right length that decodes
 * to the structure its label promises. Public keys and certificates never match (the labels
 * below only name private keys), and "-----BEGIN PRIVATE KEY-----\nanything\n..." is not one.
 *
 * The same rules read keys embedded in strings: JSON/YAML with escaped newlines
 * ("-----BEGIN PRIVATE KEY-----\\nMIIE...") and source code that concatenates one quoted
 * line per row ("-----BEGIN ...-----\n" + "MIIE...\n" + ...).
 */
import { isPkcs12 } from "../pkcs12.js";
import type { Rule } from "../types.js";

/**
 * BEGIN marker → matching END marker. The body may not run into another BEGIN or END marker,
 * so a BEGIN without its END costs no more than the text up to the next marker.
 */
const block = (labels: string): RegExp =>
  new RegExp(
    String.raw`^[^\n]{0,65536}?(?<secret>-----BEGIN[ ]{1,2}(?<label>${labels})-----(?:[^-]|-(?!----(?:END|BEGIN))){16,24000}-----END[ ]{1,2}\k<label>-----)`,
  );

interface PemParts {
  readonly label: string;
  readonly headers: readonly string[];
  /** The base64 payload with line breaks, quotes and escapes removed. */
  readonly body: string;
}

/** Split a matched PEM block into label, RFC 1421 headers and base64 body. */
export function parsePem(secret: string): PemParts | undefined {
  const begin = /^-----BEGIN[ ]{1,2}([A-Z0-9 ]{1,40})-----/.exec(secret);
  const endAt = secret.lastIndexOf("-----END");
  if (!begin || endAt < 0) return undefined;
  let inner = secret.slice(begin[0].length, endAt);
  if (inner.includes("-----BEGIN")) return undefined;
  // Quoted concatenation ("...\n" + "...\n"): the text starts inside a string literal, so the
  // pieces at even positions between quote characters are string content, the rest is code.
  if (/["'`]/.test(inner)) {
    inner = inner
      .split(/["'`]/)
      .filter((_, i) => i % 2 === 0)
      .join("\n");
  }
  // Escaped newlines (one or more backslashes, as JSON, YAML or a shell leaves them).
  inner = inner.replace(/\\+[rn]/g, "\n").replace(/\\+t/g, " ");
  const headers: string[] = [];
  const body: string[] = [];
  for (const raw of inner.split("\n")) {
    const line = raw.trim().replace(/,$/, "").trim();
    if (line === "") continue;
    if (/^[A-Za-z][A-Za-z0-9-]{1,30}:/.test(line)) headers.push(line);
    else if (/^=[A-Za-z0-9+/]{4}$/.test(line)) continue; // PGP CRC-24 armor checksum
    else body.push(line.replace(/\s+/g, ""));
  }
  const joined = body.join("");
  if (!/^[A-Za-z0-9+/]{1,30000}={0,2}$/.test(joined)) return undefined;
  return { label: begin[1]!, headers, body: joined };
}

const procTypeEncrypted = (p: PemParts): boolean => p.headers.some((h) => /^Proc-Type:\s*4,\s*ENCRYPTED/i.test(h));

/** The cipher of an `openssh-key-v1` blob ("none" for an unprotected key), if readable. */
function opensshCipher(body: string): string | undefined {
  const buf = Buffer.from(body, "base64");
  const magic = "openssh-key-v1\0";
  if (buf.length < magic.length + 8 || buf.toString("latin1", 0, magic.length) !== magic) return undefined;
  const len = buf.readUInt32BE(magic.length);
  if (len === 0 || len > 64 || magic.length + 4 + len > buf.length) return undefined;
  return buf.toString("latin1", magic.length + 4, magic.length + 4 + len);
}

/** DER key structures (PKCS#1, SEC1, PKCS#8, DSA) are an ASN.1 SEQUENCE: base64 "M...". */
const derKey = (p: PemParts): boolean => p.body.length >= 64 && p.body.startsWith("M");

/** Unencrypted PEM private keys. */
function plainPem(secret: string): boolean {
  const p = parsePem(secret);
  return !!p && derKey(p) && !procTypeEncrypted(p);
}

/** Passphrase-protected keys of any PEM flavour. */
function encryptedPem(secret: string): boolean {
  const p = parsePem(secret);
  if (!p) return false;
  if (p.label === "OPENSSH PRIVATE KEY") {
    const cipher = opensshCipher(p.body);
    return cipher !== undefined && cipher !== "none";
  }
  if (p.label === "ENCRYPTED PRIVATE KEY") return derKey(p);
  return derKey(p) && procTypeEncrypted(p);
}

function plainOpenssh(secret: string): boolean {
  const p = parsePem(secret);
  if (!p || p.body.length < 70 || !p.body.startsWith("b3BlbnNzaC1rZXktdjE")) return false;
  // A blob too damaged to read the cipher from is still reported; "none" or unreadable = plain.
  const cipher = opensshCipher(p.body);
  return cipher === undefined || cipher === "none";
}

/** An OpenPGP secret-key packet (tag 5) or secret-subkey packet (tag 7) comes first. */
function pgpSecretKey(secret: string): boolean {
  const p = parsePem(secret);
  if (!p || p.body.length < 40) return false;
  const first = Buffer.from(p.body.slice(0, 4), "base64")[0];
  if (first === undefined || (first & 0x80) === 0) return false;
  const tag = first & 0x40 ? first & 0x3f : (first >> 2) & 0x0f;
  return tag === 5 || tag === 7;
}

// ---- Examples: fake key material assembled from random base64 lines. ----
const pem = (label: string, body: readonly string[], nl = "\n"): string =>
  [`-----BEGIN ${label}-----`, ...body, `-----END ${label}-----`].join(nl);
const RSA_BODY = [
  "MIIEpAIBAAKCAQEAs5a0vG0eYBVUJhMyA6WExdX/7zxPGCL0TuvMrXy3PPWURtPX", // keyward:allow
  "i8Sr3OoKGbO2S/khEXH5x01EntY38eTQtxwnprRfmdoN6F3EsR2xxW/58c83U3pz", // keyward:allow
  "WbN0GNUn+xMaoDqKLowaTj5unGY6OK+OO57BfLtltmfhXkMGNQut74KL4PiVbcXh", // keyward:allow
  "0jlzDpolNsu0oonctI1cjWN7k1QPYCKhBwEhK0IE88SeeK/l7iNfqkOUBrCbZNIM", // keyward:allow
];
const PKCS8_BODY = [
  "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKjahLeT3XIuGeercWW1rvXHVtWbOzxJ", // keyward:allow
  "deUb7gJzhWXShQNHXPmPyMgnusZi9zj54OFYmDdv8Red4L6qbjybxZzVN7tEz7E+", // keyward:allow
  "sE2QHOL31iwFmO7B3+mV2eT3h/J8LzpWoB+eLrOLFrWcPfL3N4TJk8zM3xi0xr9q", // keyward:allow
  "J3eg9xX7wN3+2V2J0EOY5DUVhzWSNT6Fu0AxWq6kMko=", // keyward:allow
];
const EC_BODY = [
  "MHcCAQEEIOySn7oY11f9uP1Eu0QZHL+9TkwxoIbX/97AP7G1FJuPd8SS9UBgR08W", // keyward:allow
  "dDPvuHRzoiH1Q+c7QNBtKa8papc1nDNpgHDnzlXzqTTaK1RkT5Kg", // keyward:allow
];
const ENC_BODY = [
  "MIIFh80q4ylAqecZNPdpoxAXlx+5Dh36gDSCBNQX0+zP/4m49bS5ZNOw3VWT/0LB", // keyward:allow
  "wOWiDQ4dA6NckyEwcGGO8j4YoR2NVkKs/wRQrmxjz/Dv+FDD61463lCEvLi4+HHk", // keyward:allow
  "yd8Y5cALWg+AHvpajEILiKGByXpiAipHhcQ20z6SESjG44FuYKtjS0kLlSzDkD8=", // keyward:allow
];
const OPENSSH_BODY = [
  "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABWnV5Qykreoih", // keyward:allow
  "wU8DshJSVPlQaONKupnnG3T1deAxh3w3aZAJITklx0MjrmMxEvGn2UaK15f1mFav", // keyward:allow
  "y1TFeVHeIwpup3w22p8Kcnvo81mp6q2w5uxe2TGEwOlIlpAwdu6JHcDxREnfg/WE", // keyward:allow
  "GF2p72mNlqewRG/m4GfnDxjyY9yEwmoDF5nOp8l1gDRb8t4tmyOBcJ3/6QHW", // keyward:allow
];
const OPENSSH_ENC_BODY = [
  "b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAIqvyiHze", // keyward:allow
  "xVbYTGCww/NrcYWuPwtZ+XD7mv7oNn7tXN04X0sAAAABwET5JGdYx+EtLHfgoNMO", // keyward:allow
  "NrNHZOYY0HbLT/aSyIHN2ygo3mj9cOoodKQzw7/Mzg5405xxcFHzNqFiyEHoMZgE", // keyward:allow
  "jhIhAd2tEw8YOdsL2JEGpqneIvFK3QMKFreuMDDEQnyEsl7pMZU1Qmnux2K4a9iQ", // keyward:allow
];
const PGP_BODY = [
  "Version: GnuPG v2",
  "",
  "lQPGeITbM7CcsLJAfK4ucK16Z1zyGvrALegP3/KQgvwM0UJBr/NY4fEQSlYutcDq", // keyward:allow
  "APK1mSsCmosrA/geuTLO1ndDqjwfQ2wod4L74TLsak0Q8Qt1VbwZyUOYs8chQ48b", // keyward:allow
  "F3v0p+STAK0mxp9A0uEAGO6nXW5ffiIqO8NPBH6u7382yDK1Gw==", // keyward:allow
  "=Xq7T",
];
const PRIV = "PRIVATE KEY";
const CERT_BODY = ["MIIDxTCCAq2gAwIBAgIUZ8wq1vLQb1X5hY3k9sTn2c4rWmUwDQYJKoZIhvcNAQELBQAw"]; // keyward:allow
const PPK = [
  "PuTTY-User-Key-File-3: ssh-ed25519",
  "Encryption: none",
  "Comment: deploy@build-01",
  "Public-Lines: 2",
  "AAAAC3NzaC1lZDI1NTE5AAAAILwvIxLGq0xk8eIMGUeHiltTHvICoiPw4hqXEceZ", // keyward:allow
  "ks13",
  "Private-Lines: 1",
  "f+7J0Y08bcymYrlQZXTicZ1sq5pQJWXehP5VM9lJ013/FlOE", // keyward:allow
  "Private-MAC: d59ab45574d22ed2ee7172ada2562bc8f790225e86e61b20e19da06f32638b23", // keyward:allow
];

export const rules: readonly Rule[] = [
  {
    id: "private-key",
    provider: "Private key",
    description: "PEM private key (PKCS#1 RSA, SEC1 EC, DSA or PKCS#8), not passphrase-protected",
    keywords: ["private key-----"],
    prefixes: ["-----BEGIN PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN EC PRIVATE KEY-----", "-----BEGIN DSA PRIVATE KEY-----"],
    pattern: block("(?:RSA |EC |DSA )?PRIVATE KEY"),
    multiline: true,
    validate: plainPem,
    skipGlobalAllowlist: true,
    severity: "critical",
    confidence: "high",
    examples: {
      match: [
        pem(`RSA ${PRIV}`, RSA_BODY),
        pem(PRIV, PKCS8_BODY),
        "ssl:\n  key: |\n    " + pem(`EC ${PRIV}`, EC_BODY).replace(/\n/g, "\n    "),
        // The escaped-newline form inside JSON.
        `{"tls": {"private_key": "${pem(PRIV, PKCS8_BODY, "\\n")}\\n"}}`,
        // One quoted line per row, concatenated in code.
        `const key =\n  "${pem(`RSA ${PRIV}`, RSA_BODY, '\\n" +\n  "')}\\n";`,
      ],
      noMatch: [
        pem(PRIV, ["anything"]),
        pem(`OPENSSH ${PRIV}`, []),
        pem(PRIV, ["MIIEvQIBADANBgkqhkiG9w0BAQEFAASC...", "..."]),
        pem("PUBLIC KEY", PKCS8_BODY),
        pem("CERTIFICATE", CERT_BODY),
        // Passphrase-protected: reported by encrypted-private-key instead.
        pem(`RSA ${PRIV}`, ["Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-128-CBC,5E3B6A8C1D2F4E7A9B0C1D2E3F4A5B6C", "", ...RSA_BODY]),
      ],
    },
  },
  {
    id: "encrypted-private-key",
    provider: "Private key",
    description: "Passphrase-protected private key (PKCS#8 ENCRYPTED, legacy Proc-Type ENCRYPTED, or OpenSSH with a cipher)",
    keywords: ["private key-----"],
    prefixes: ["-----BEGIN ENCRYPTED PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN OPENSSH PRIVATE KEY-----", "-----BEGIN EC PRIVATE KEY-----", "-----BEGIN DSA PRIVATE KEY-----"],
    pattern: block("(?:RSA |EC |DSA |ENCRYPTED |OPENSSH )?PRIVATE KEY"),
    multiline: true,
    validate: encryptedPem,
    skipGlobalAllowlist: true,
    // Useless without the passphrase, but passphrases are guessable and keys are long-lived.
    severity: "medium",
    confidence: "high",
    examples: {
      match: [
        pem(`ENCRYPTED ${PRIV}`, ENC_BODY),
        pem(`RSA ${PRIV}`, ["Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-128-CBC,5E3B6A8C1D2F4E7A9B0C1D2E3F4A5B6C", "", ...RSA_BODY]),
        pem(`OPENSSH ${PRIV}`, OPENSSH_ENC_BODY),
      ],
      noMatch: [pem(`RSA ${PRIV}`, RSA_BODY), pem(`OPENSSH ${PRIV}`, OPENSSH_BODY), pem(`ENCRYPTED ${PRIV}`, ["anything"])],
    },
  },
  {
    id: "openssh-private-key",
    provider: "Private key",
    description: "OpenSSH private key without a passphrase",
    keywords: ["private key-----"],
    prefixes: ["-----BEGIN OPENSSH PRIVATE KEY-----"],
    pattern: block("OPENSSH PRIVATE KEY"),
    multiline: true,
    validate: plainOpenssh,
    skipGlobalAllowlist: true,
    severity: "critical",
    confidence: "high",
    examples: {
      match: [pem(`OPENSSH ${PRIV}`, OPENSSH_BODY), `  "ssh_key": "${pem(`OPENSSH ${PRIV}`, OPENSSH_BODY, "\\n")}"`],
      noMatch: [pem(`OPENSSH ${PRIV}`, []), pem(`OPENSSH ${PRIV}`, OPENSSH_ENC_BODY), pem(`OPENSSH ${PRIV}`, RSA_BODY)],
    },
  },
  {
    id: "pgp-private-key",
    provider: "Private key",
    description: "OpenPGP (GnuPG) private key block",
    keywords: ["private key block-----"],
    prefixes: ["-----BEGIN PGP PRIVATE KEY BLOCK-----"],
    pattern: block("PGP PRIVATE KEY BLOCK"),
    multiline: true,
    validate: pgpSecretKey,
    skipGlobalAllowlist: true,
    // Usually passphrase-protected (S2K), which the armor does not reveal without parsing.
    severity: "high",
    confidence: "high",
    examples: {
      match: [pem(`PGP ${PRIV} BLOCK`, PGP_BODY)],
      noMatch: [pem("PGP PUBLIC KEY BLOCK", PGP_BODY), pem(`PGP ${PRIV} BLOCK`, ["anything at all"]), pem(`PGP ${PRIV} BLOCK`, RSA_BODY)],
    },
  },
  {
    id: "putty-private-key",
    provider: "Private key",
    description: "PuTTY private key file (.ppk)",
    keywords: ["putty-user-key-file-"],
    prefixes: ["PuTTY-User-Key-File-"],
    // Header line, the public part (not running into another key's header), then the private
    // lines and their MAC.
    pattern:
      /^[^\n]{0,4096}?(?<secret>PuTTY-User-Key-File-[23]:[ \t]{0,4}[\w.@-]{3,40}\r?\n(?:[^P]|P(?!uTTY-User-Key-File-)){0,4096}?Private-Lines:[ \t]{0,4}\d{1,3}\r?\n[A-Za-z0-9+/=\r\n]{16,16384}Private-MAC:[ \t]{0,4}[0-9a-fA-F]{40,64})/,
    multiline: true,
    skipGlobalAllowlist: true,
    severity: "high",
    confidence: "high",
    examples: {
      match: [PPK.join("\n"), PPK.join("\r\n")],
      noMatch: [PPK.slice(0, 6).join("\n"), "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPrivate-Lines: 1\n...\n"],
    },
  },
  {
    id: "age-secret-key",
    provider: "age",
    description: "age encryption identity (X25519 secret key)",
    keywords: ["age-secret-key-1"],
    prefixes: ["AGE-SECRET-KEY-1"],
    // Bech32: HRP "AGE-SECRET-KEY-", separator 1, 32 bytes of key + 6 checksum characters.
    pattern: /(?<![A-Z0-9-])(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})(?![A-Za-z0-9])/,
    skipGlobalAllowlist: true,
    severity: "critical",
    confidence: "high",
    examples: {
      match: [
        "# created: 2024-05-01T10:00:00Z\nAGE-SECRET-KEY-1VNTDEW0QQ0X8VDJT738DNV2S5XUUZWZTGY4D6M45NMC487SP20JSRYYG6P", // keyward:allow
        'SOPS_AGE_KEY="AGE-SECRET-KEY-1VNTDEW0QQ0X8VDJT738DNV2S5XUUZWZTGY4D6M45NMC487SP20JSRYYG6P"', // keyward:allow
      ],
      noMatch: [
        "AGE-SECRET-KEY-1VNTDEW0QQ0X8VDJT738DNV2S5XUUZWZTGY4D6M45NMC487SP20JSRYYG", // keyward:allow
        "AGE-SECRET-KEY-1...",
        "recipient: age1vntdew0qq0x8vdjt738dnv2s5xuuzwztgy4d6m45nmc487sp20jsryyg6p", // keyward:allow
      ],
    },
  },
  {
    id: "pkcs12-file",
    provider: "Private key",
    description: "PKCS#12 keystore file (.p12/.pfx) committed to the repository",
    keywords: [],
    paths: ["*.p12", "*.pfx"],
    pathOnly: true,
    fileCheck: isPkcs12,
    severity: "high",
    confidence: "medium",
    examples: {
      match: ["certs/client.p12", "deploy/Signing_TemporaryKey.PFX"],
      noMatch: ["docs/type.P126.html", "scripts/build.p1200.sh", "src/p12.ts"],
    },
  },
  {
    id: "java-keystore-file",
    provider: "Private key",
    description: "Java keystore file (.jks/.keystore) committed to the repository",
    keywords: [],
    // Truststores and the Android debug keystore hold only certificates or a well-known key.
    paths: ["**/!(*trust*|*cacert*|debug).{jks,keystore,bks}"],
    pathOnly: true,
    severity: "medium",
    confidence: "low",
    examples: {
      match: ["app/release.keystore", "src/main/resources/server.jks"],
      noMatch: ["src/main/resources/truststore.jks", "config/cacerts.jks", "android/app/debug.keystore", "keystore.md"],
    },
  },
];
