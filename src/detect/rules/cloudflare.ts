/**
 * Cloudflare: API tokens and the legacy global API key carry no prefix and are only recognised
 * next to a Cloudflare-named setting; Origin CA keys have their own "v1.0-" shape.
 */
import type { Rule } from "../types.js";
import { ASSIGNMENT_GLUE } from "./saas.js";

/** `name = value`, `name: value`, `"name": "value"`, `name := value`, `name => value`, `f("name", "value")`. */
/** Identifier to value, in every assignment shape code and config use (saas.ts). */
const ASSIGN = ASSIGNMENT_GLUE;

/** A Cloudflare-named setting: CLOUDFLARE_API_TOKEN, cloudflare.apiKey, CF_API_KEY, ... */
const CONTEXT = String.raw`(?:cloudflare|\bcf_api)[\w.-]{0,30}?${ASSIGN}`;

export const rules: readonly Rule[] = [
  {
    id: "cloudflare-api-token",
    provider: "Cloudflare",
    description: "Cloudflare API token assigned to a Cloudflare-named setting",
    keywords: ["cloudflare", "cf_api_"],
    // API tokens are 40 characters of base64url.
    pattern: new RegExp(String.raw`${CONTEXT}(?<secret>[\w-]{40})(?![\w-])`, "i"),
    entropy: 3.8,
    validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s),
    severity: "critical",
    confidence: "medium",
    examples: {
      match: [
        'CLOUDFLARE_API_TOKEN="MNSBqFNmufAvsyeSGo9WrwZohWbZlJP4cKy3_vdf"', // keyward:allow
        "$cloudflareToken .= 'MNSBqFNmufAvsyeSGo9WrwZohWbZlJP4cKy3_vdf';", // keyward:allow
        "CF_API_TOKEN=MNSBqFNmufAvsyeSGo9WrwZohWbZlJP4cKy3_vdf", // keyward:allow
      ],
      noMatch: [
        'CLOUDFLARE_API_TOKEN="${{ secrets.CLOUDFLARE_API_TOKEN }}"',
        "CLOUDFLARE_ACCOUNT_ID=bb4ea6d7c4da8c104cb79390953893b9", // keyward:allow
        'CLOUDFLARE_API_TOKEN="xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
      ],
    },
  },
  {
    id: "cloudflare-global-api-key",
    provider: "Cloudflare",
    description: "Cloudflare global API key (legacy, full account access)",
    keywords: ["cloudflare", "cf_api_"],
    // The global key is 37 lowercase hex characters.
    pattern: new RegExp(String.raw`${CONTEXT}(?<secret>[0-9a-f]{37})(?![\w-])`, "i"),
    entropy: 3.3,
    severity: "critical",
    confidence: "medium",
    examples: {
      match: [
        'cloudflare_global_api_key = "bb4ea6d7c4da8c104cb79390953893b979fc7"', // keyward:allow
        "CF_API_KEY: bb4ea6d7c4da8c104cb79390953893b979fc7", // keyward:allow
      ],
      noMatch: [
        // A 32-character account or zone id is not the key.
        "CLOUDFLARE_ZONE_ID=bb4ea6d7c4da8c104cb79390953893b9", // keyward:allow
        "CLOUDFLARE_API_KEY=0000000000000000000000000000000000000",
      ],
    },
  },
  {
    id: "cloudflare-origin-ca-key",
    provider: "Cloudflare",
    description: "Cloudflare Origin CA key",
    keywords: ["v1.0-"],
    prefixes: ["v1.0-"],
    pattern: /\b(v1\.0-[0-9a-f]{24}-[0-9a-f]{146})\b/,
    entropy: 3.5,
    severity: "high",
    confidence: "high",
    examples: {
      match: [
        "CLOUDFLARE_ORIGIN_CA_KEY=v1.0-3f4529646b35bb7e58ee2ad8-7b1e8580662b78002e2bbbd27134d64c5d250b64e81771e54c057198c5f5b8cb170e63c841c28ec76816f7725830cc69dd30baf376a54a5f206e8ba82a9d2ee886ae24434d3201973c", // keyward:allow
      ],
      noMatch: ["version: v1.0-3f4529646b35bb7e58ee2ad8", "user_service_key = v1.0-<key>"], // keyward:allow
    },
  },
];
