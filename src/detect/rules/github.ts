/** GitHub: classic tokens (CRC32-checksummed), fine-grained PATs, and Actions' own tokens. */
import { hasValidCrc32Suffix } from "../checksums.js";
import type { Rule } from "../types.js";

/** Classic tokens: prefix + 30 random base62 + 6-character base62 CRC32 of the random part. */
const checksummed = (token: string): boolean => hasValidCrc32Suffix(token, 4);

/** The stateless installation token's JWT: a JSON header and payload (GitHub documents no more). */
function statelessInstallationToken(token: string): boolean {
  const jwt = token.slice(token.indexOf("_", 4) + 1).split(".");
  try {
    return jwt.length === 3 && jwt.slice(0, 2).every((p) => typeof JSON.parse(Buffer.from(p, "base64url").toString("utf8")) === "object");
  } catch {
    return false;
  }
}

/** A fake stateless installation token, built at run time (GitHub's JWT claims are not public). */
const STATELESS_EXAMPLE = `ghs_1234567_${[{ alg: "RS256", typ: "JWT" }, { iss: "github", iid: 987654, exp: 1790000000, perm: "contents:read" }]
  .map((o) => Buffer.from(JSON.stringify(o)).toString("base64url"))
  .join(".")}.${"Qx7-".repeat(24)}`;

export const rules: readonly Rule[] = [
  {
    id: "github-pat",
    provider: "GitHub",
    description: "GitHub classic personal access token",
    keywords: ["ghp_"],
    prefixes: ["ghp_"],
    pattern: /\b(ghp_[A-Za-z0-9]{36})\b/,
    validate: checksummed,
    severity: "critical",
    confidence: "high",
    examples: {
      match: [
        'GITHUB_TOKEN="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"', // keyward:allow
        "git clone https://x-access-token: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@github.com/o/r", // keyward:allow
      ],
      noMatch: [
        "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        // Right shape, wrong checksum: random text, not a token.
        "token = ghp_1t3HXqFtofYldYakVOPKmlxMi6N5E64dwuJw", // keyward:allow
      ],
    },
  },
  {
    id: "github-oauth",
    provider: "GitHub",
    description: "GitHub OAuth access token",
    keywords: ["gho_"],
    prefixes: ["gho_"],
    pattern: /\b(gho_[A-Za-z0-9]{36})\b/,
    validate: checksummed,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["oauth: 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"], // keyward:allow
      noMatch: ["gho_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "gho_7zkQ1QFr4W5lzar2CGYBlGrX1RjwVT49Kdu"], // keyward:allow
    },
  },
  {
    id: "github-user-to-server-token",
    provider: "GitHub",
    description: "GitHub App user-to-server token",
    keywords: ["ghu_"],
    prefixes: ["ghu_"],
    pattern: /\b(ghu_[A-Za-z0-9]{36})\b/,
    validate: checksummed,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["const t = 'ghu_pmeqajuWYrQ8cDrVxBjApBIMK5nZxi0VuILE';"], // keyward:allow
      noMatch: ["ghu_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
    },
  },
  {
    id: "github-app-installation-token",
    provider: "GitHub",
    description: "GitHub App installation (server-to-server) token, also the Actions GITHUB_TOKEN",
    keywords: ["ghs_"],
    prefixes: ["ghs_"],
    // The classic 40 characters with a CRC32, or the stateless form GitHub rolls out from
    // April 2026: ghs_<app id>_<JWT>, about 520 characters.
    pattern: /\b(ghs_(?:[A-Za-z0-9]{36}|[0-9]{1,12}_eyJ[A-Za-z0-9_-]{10,1200}\.eyJ[A-Za-z0-9_-]{10,2400}\.[A-Za-z0-9_-]{20,1400}))(?![A-Za-z0-9_.-])/,
    validate: (t) => (t.length === 40 ? checksummed(t) : statelessInstallationToken(t)),
    severity: "high",
    confidence: "high",
    examples: {
      match: ["Authorization: token ghs_QNaegaiHDs4r3jFRGknzN39fL3pb0h3kS3ya", `GITHUB_TOKEN=${STATELESS_EXAMPLE}`], // keyward:allow
      noMatch: ["ghs_000000000000000000000000000000000000", `GITHUB_TOKEN=${STATELESS_EXAMPLE.replace(/\.eyJ/, ".abc")}`],
    },
  },
  {
    id: "github-refresh-token",
    provider: "GitHub",
    description: "GitHub App refresh token",
    keywords: ["ghr_"],
    prefixes: ["ghr_"],
    pattern: /\b(ghr_[A-Za-z0-9]{36}(?:[A-Za-z0-9]{40})?)\b/,
    // Short refresh tokens carry the classic checksum; long ones are judged on entropy.
    validate: (t) => (t.length === 40 ? checksummed(t) : true),
    entropy: 3.5,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["refresh_token=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"], // keyward:allow
      noMatch: ["ghr_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
    },
  },
  {
    id: "github-fine-grained-pat",
    provider: "GitHub",
    description: "GitHub fine-grained personal access token",
    keywords: ["github_pat_"],
    prefixes: ["github_pat_"],
    pattern: /\b(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b/,
    entropy: 4,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["export GH_TOKEN=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"], // keyward:allow
      noMatch: ["github_pat_xxxxxxxxxxxxxxxxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
    },
  },
];
