/**
 * Google Cloud / Google APIs: API keys, service-account JSON private keys, OAuth client
 * secrets and OAuth access / refresh tokens.
 */
import type { Rule } from "../types.js";

/** True when the value holds a run of `n` consecutive ascending characters ("abcdefgh", "1234567"). */
function hasAscendingRun(value: string, n: number): boolean {
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    run = value.charCodeAt(i) === value.charCodeAt(i - 1) + 1 ? run + 1 : 1;
    if (run >= n) return true;
  }
  return false;
}

export const rules: readonly Rule[] = [
  {
    id: "gcp-api-key",
    provider: "Google Cloud",
    description: "Google API key (Maps, Firebase, Gemini, Cloud APIs)",
    keywords: ["aiza"],
    prefixes: ["AIza"],
    // Google API keys are 39 characters and always begin "AIzaSy" (a fixed binary header in base64).
    // Many are public by design (Firebase and browser Maps keys) and appear bare in docs and SDK
    // test fixtures, so a key counts when code quotes or assigns it, not when prose lists it.
    pattern: /(?<=["'\x60=:(,][ \t]{0,4})(AIzaSy[\w-]{33})(?![\w-])/,
    entropy: 3.8,
    validate: (s) => !hasAscendingRun(s, 7),
    severity: "high",
    confidence: "high",
    examples: {
      match: [
        'const firebaseConfig = { apiKey: "AIzaSyjDBEs0YlNdIdsLyvDfXArFq-reMk_7mKu" };', // keyward:allow
        "https://maps.googleapis.com/maps/api/js?key=AIzaSyRVvZTl4xrjmgQXBwzIsDGbUlptsK38lyd&callback=init", // keyward:allow
      ],
      noMatch: [
        'apiKey: "AIzaSyxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
        // Sample value made of the alphabet in order.
        'apiKey: "AIzaSyabcdefghijklmnopqrstuvwxyz1234567"', // keyward:allow
        // One character too long: part of some longer identifier.
        "AIzaSyjDBEs0YlNdIdsLyvDfXArFq-reMk_7mKu9", // keyward:allow
        "AIZASYJDBES0YLNDIDSLYVDFXARFQ-REMK_7MKU", // keyward:allow
        // Listed bare, as documentation and test fixtures do.
        "Known public test key AIzaSyjDBEs0YlNdIdsLyvDfXArFq-reMk_7mKu in the SDK docs", // keyward:allow
      ],
    },
  },
  {
    id: "gcp-service-account-key",
    provider: "Google Cloud",
    description: "Private key inside a Google Cloud service-account JSON key file",
    keywords: ["service_account"],
    prefixes: ["-----BEGIN PRIVATE KEY-----"],
    // Google writes key files with "type" first and the PEM block as one JSON string with escaped
    // "\n" breaks; this names the finding as a GCP service account where the generic private-key
    // rule would only say "PEM key". Files in another key order are left to that generic rule.
    // Anchored with ^ so each window (which starts at the keyword's line) is tried once.
    pattern:
      /^[^\n]{0,1000}?"type"\s{0,5}:\s{0,5}"service_account"[\s\S]{0,3000}?"private_key"\s{0,5}:\s{0,5}"(?<secret>-----BEGIN (?:RSA )?PRIVATE KEY-----\\n[A-Za-z0-9+/=\\]{64,8000}?-----END (?:RSA )?PRIVATE KEY-----)(?:\\n)?"/,
    multiline: true,
    severity: "critical",
    confidence: "high",
    examples: {
      match: [
        [
          "{",
          '  "type": "service_account",',
          '  "project_id": "acme-prod",',
          '  "private_key_id": "3f4529646b35bb7e58ee2ad87b1e8580662b7800",', // keyward:allow
          '  "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC3/bKASKWPdqcegetDoCStTYDZECGa2eyrnk/5rIeaiaYXWiSjZgQzUbeD7kuO6D7OY/gOQuzA1L6jPsPx\\n2KfsIHyivIH6h9YiFS6sDxMvv8GQwWKsFiZVG6Zt7Bzj91riI0fQFjEs91XK1N5DjtG457kWJfxVhRbAtNvuoUm/tdXWnUD21R/daRTgxHkwkAam3FuFVI2Cnu\\n-----END PRIVATE KEY-----\\n",', // keyward:allow
          '  "client_email": "deployer@acme-prod.iam.gserviceaccount.com"',
          "}",
        ].join("\n"),
      ],
      noMatch: [
        '{"type": "service_account", "private_key": ""}',
        '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\n<your key>\\n-----END PRIVATE KEY-----\\n"}',
        '{"type": "authorized_user", "client_id": "x", "refresh_token": "y"}',
      ],
    },
  },
  {
    id: "gcp-oauth-client-secret",
    provider: "Google Cloud",
    description: "Google OAuth 2.0 client secret",
    keywords: ["gocspx-"],
    prefixes: ["GOCSPX-"],
    pattern: /\b(GOCSPX-[\w-]{28})(?![\w-])/,
    entropy: 3.5,
    severity: "high",
    confidence: "high",
    examples: {
      match: ['"client_secret": "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"'], // keyward:allow
      noMatch: ['"client_secret": "GOCSPX-xxxxxxxxxxxxxxxxxxxxxxxxxxxx"', "GOCSPX-9Zo9FiULOwfwhuvt"], // keyward:allow
    },
  },
  {
    id: "google-oauth-access-token",
    provider: "Google Cloud",
    description: "Google OAuth 2.0 access token (short-lived bearer token)",
    keywords: ["ya29."],
    prefixes: ["ya29."],
    pattern: /\b(ya29\.[\w-]{30,2048})(?![\w-])/,
    entropy: 4,
    severity: "medium",
    confidence: "high",
    examples: {
      match: [
        "Authorization: Bearer ya29.hS7mmBhN0A9QWY-FmtMI8VPxmW9x89Uo52PYYPXxK2dXHhUoYhhcDZ8YIARpveS5s8HJT_gK74Ss6RfqAefRKOaCqbb95X_ONWkmkFPITeMZEalnvhHfILho", // keyward:allow
      ],
      noMatch: ["Authorization: Bearer ya29.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "ya29.short"],
    },
  },
  {
    id: "google-oauth-refresh-token",
    provider: "Google Cloud",
    description: "Google OAuth 2.0 refresh token (long-lived)",
    keywords: ["1//0"],
    prefixes: ["1//"],
    pattern: /(?<![\w/:])(1\/\/0[\w-]{40,400})(?![\w-])/,
    entropy: 4,
    severity: "high",
    confidence: "medium",
    examples: {
      match: ['"refresh_token": "1//0gUyNbWA5ZTdL86iB2EHO9CgYIARAAGBASNwF-L9IrtEuinF_yYLAWvyPa3AfVRDloO1hd"'], // keyward:allow
      noMatch: ['"refresh_token": "1//0xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"', "see http://1//0gUyNbWA5ZTdL86iB2EHO9CgYIARAAGBASNwF-L9IrtEuin"], // keyward:allow
    },
  },
];
