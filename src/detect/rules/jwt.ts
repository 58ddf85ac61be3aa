/**
 * JSON Web Tokens, recognised by structure rather than by context: a base64url header that
 * decodes to a JSON object naming its "alg", a payload that decodes to a JSON object, and a
 * signature. Anything that merely starts with "eyJ" is not enough.
 *
 * Decisions:
 * - Signed tokens are bearer credentials (often long-lived: service-role and API keys issued
 *   as JWTs), so they are findings even when they may have expired: the scanner cannot know.
 * - Unsigned tokens (`"alg": "none"`, empty signature) are reported separately at low
 *   severity: anyone can mint one, so they grant nothing by themselves, but servers that
 *   accept them are a known vulnerability class and their claims may still be sensitive.
 * - jwt.io's demo token (sub 1234567890, "John Doe") is documentation, not a credential.
 */
import type { Rule } from "../types.js";

function decodeJsonObject(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The algorithm of a structurally valid JWT (header and payload are JSON objects). */
export function jwtAlgorithm(token: string): string | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  const header = decodeJsonObject(parts[0]!);
  const payload = decodeJsonObject(parts[1]!);
  if (!header || !payload || typeof header.alg !== "string") return undefined;
  if (payload.sub === "1234567890" && payload.name === "John Doe") return undefined;
  return header.alg;
}

const signedJwt = (t: string): boolean => {
  const alg = jwtAlgorithm(t);
  return alg !== undefined && alg.toLowerCase() !== "none" && t.split(".")[2]!.length >= 16;
};

const unsignedJwt = (t: string): boolean => jwtAlgorithm(t)?.toLowerCase() === "none" && t.endsWith(".");

/** A base64 text whose decoding contains a signed JWT. */
function base64Jwt(value: string): boolean {
  const text = Buffer.from(value, "base64").toString("utf8");
  const m = /eyJ[A-Za-z0-9_-]{10,4096}\.ey[A-Za-z0-9_-]{6,16384}\.[A-Za-z0-9_-]{16,2048}/.exec(text);
  return !!m && signedJwt(m[0]);
}

const SIGNED = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtcmVwb3J0aW5nIiwiaXNzIjoiaHR0cHM6Ly9hdXRoLmludGVybmFsLnRlc3QiLCJpYXQiOjE3MTgwMDAwMDAsImV4cCI6MTcxODAwMzYwMCwic2NvcGUiOiJyZXBvcnRzOnJlYWQifQ.YvziL7Zu6-mxdgYKbA6UfgiGvI0qTTCUk0XSLCpjXFo"; // keyward:allow

export const rules: readonly Rule[] = [
  {
    id: "jwt",
    provider: "JWT",
    description: "Signed JSON Web Token",
    keywords: ["eyj"],
    prefixes: ["eyJ"],
    pattern: /(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{10,4096}\.ey[A-Za-z0-9_-]{6,16384}\.[A-Za-z0-9_-]{16,2048})(?![A-Za-z0-9_-])/,
    validate: signedJwt,
    skipGlobalAllowlist: true,
    severity: "medium",
    confidence: "high",
    examples: {
      match: [
        `Authorization: Bearer ${SIGNED}`,
        `SERVICE_ROLE_KEY=eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxLTIwMjQifQ.eyJyb2xlIjoic2VydmljZV9yb2xlIiwiaWF0IjoxNzAwMDAwMDAwfQ.6Q6KJtFQk9mfp_huVM28yaI9oTX2TCHo5XxWEGotH_Tig9MZ8v2v1ZBRtSu-SKtUrnBbCpIh3Dso2csvpkRSvQ`, // keyward:allow
        `https://app.internal.test/cb?access_token=${SIGNED}&state=1`,
      ],
      noMatch: [
        // Header without "alg".
        "eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiJzdmMtcmVwb3J0aW5nIiwiaXNzIjoiaHR0cHM6Ly9hdXRoLmludGVybmFsLnRlc3QiLCJpYXQiOjE3MTgwMDAwMDAsImV4cCI6MTcxODAwMzYwMCwic2NvcGUiOiJyZXBvcnRzOnJlYWQifQ.YvziL7Zu6-mxdgYKbA6UfgiGvI0qTTCUk0XSLCpjXFo", // keyward:allow
        // Payload is not JSON.
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.bm90IGpzb24gYXQgYWxs.YvziL7Zu6-mxdgYKbA6UfgiGvI0qTTCUk0XSLCpjXFo", // keyward:allow
        // jwt.io's documentation token.
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c", // keyward:allow
        "const token = 'eyJhbGciOiJIUzI1NiJ9.eyJ...';",
      ],
    },
  },
  {
    id: "jwt-unsigned",
    provider: "JWT",
    description: "Unsigned JSON Web Token (alg none)",
    keywords: ["eyj"],
    prefixes: ["eyJ"],
    pattern: /(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{10,4096}\.ey[A-Za-z0-9_-]{6,16384}\.)(?![A-Za-z0-9_.-])/,
    validate: unsignedJwt,
    skipGlobalAllowlist: true,
    severity: "low",
    confidence: "medium",
    examples: {
      match: ['String forged = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJkZW1vLXVzZXIiLCJhZG1pbiI6dHJ1ZX0.";'], // keyward:allow
      noMatch: [
        // alg HS256 with the signature stripped is a damaged token, not an unsigned one.
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJkZW1vLXVzZXIiLCJhZG1pbiI6dHJ1ZX0.", // keyward:allow
        "eyJhbGciOiJub25lIn0.bm90IGpzb24.",
      ],
    },
  },
  {
    id: "jwt-base64",
    provider: "JWT",
    description: "Base64-encoded JSON Web Token",
    keywords: ["zxlk"],
    prefixes: ["ZXlK"],
    // base64("eyJ") = "ZXlK". Reported under its own id: the plain `jwt` rule never sees it.
    pattern: /(?<![A-Za-z0-9+/])(ZXlK[A-Za-z0-9+/]{40,16000}={0,2})(?![A-Za-z0-9+/=])/,
    validate: base64Jwt,
    skipGlobalAllowlist: true,
    severity: "medium",
    confidence: "high",
    examples: {
      match: [
        "token: ZXlKaGJHY2lPaUpJVXpJMU5pSXNJblI1Y0NJNklrcFhWQ0o5LmV5SnpkV0lpT2lKemRtTXRjbVZ3YjNKMGFXNW5JaXdpYVhOeklqb2lhSFIwY0hNNkx5OWhkWFJvTG1sdWRHVnlibUZzTG5SbGMzUWlMQ0pwWVhRaU9qRTNNVGd3TURBd01EQXNJbVY0Y0NJNk1UY3hPREF3TXpZd01Dd2ljMk52Y0dVaU9pSnlaWEJ2Y25Sek9uSmxZV1FpZlEuWXZ6aUw3WnU2LW14ZGdZS2JBNlVmZ2lHdkkwcVRUQ1VrMFhTTENwalhGbw==", // keyward:allow
      ],
      noMatch: [
        // base64 of '{"alg":"HS256"}' alone: a header, not a token.
        "ZXlKaGJHY2lPaUpJVXpJMU5pSXNJblI1Y0NJNklrcFhWQ0o5Cg==",
        "mQENBFOrMNcBCAC+gLI4s3bUkobS5NpOQbWfjWXbqC0Ixpc5bZYDOvsmfstmswnaZXlKx9", // keyward:allow
      ],
    },
  },
];
