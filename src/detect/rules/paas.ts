/**
 * Platform-as-a-service hosts: Heroku, DigitalOcean, Fly.io, Vercel, Netlify, Render, Scalingo
 * and Railway. Prefixed formats stand alone; UUID-shaped keys need a provider-named setting.
 */
import type { Rule } from "../types.js";
import { ASSIGNMENT_GLUE } from "./saas.js";

/** `name = value`, `name: value`, `"name": "value"`, `name := value`, `name => value`, `f("name", "value")`. */
/** Identifier to value, in every assignment shape code and config use (saas.ts). */
const ASSIGN = ASSIGNMENT_GLUE;

const UUID = String.raw`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\w-])`;

const mixed = (s: string): boolean => /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s);

export const rules: readonly Rule[] = [
  {
    id: "heroku-api-key",
    provider: "Heroku",
    description: "Heroku API key (UUID) assigned to a Heroku-named setting",
    keywords: ["heroku"],
    pattern: new RegExp(String.raw`heroku[\w.-]{0,30}?${ASSIGN}(?<secret>${UUID})`, "i"),
    entropy: 3,
    severity: "critical",
    confidence: "medium",
    examples: {
      match: [
        'HEROKU_API_KEY="9f1ef4eb-2c84-0268-7c98-550af9e43c75"', // keyward:allow
        "heroku_api_key: 9f1ef4eb-2c84-0268-7c98-550af9e43c75", // keyward:allow
      ],
      noMatch: [
        "HEROKU_API_KEY=${{ secrets.HEROKU_API_KEY }}",
        "HEROKU_APP_ID=00000000-0000-0000-0000-000000000000",
        "api_key = 9f1ef4eb-2c84-0268-7c98-550af9e43c75", // keyward:allow
      ],
    },
  },
  {
    id: "heroku-api-key-v2",
    provider: "Heroku",
    description: "Heroku API key (HRKU- format)",
    keywords: ["hrku-"],
    prefixes: ["HRKU-"],
    pattern: /\b(HRKU-AA[\w-]{58})(?![\w-])/,
    entropy: 3.5,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ['HEROKU_API_KEY="HRKU-AAQtc1oBhHiKGv2qF9w1ansvGsIwRbbIzK49TOh3UzyHlYCOzqhTS3WVDE93"'], // keyward:allow
      noMatch: ["HEROKU_API_KEY=HRKU-AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "HRKU-AAQtc1oBhHiKGv2qF9w1ansvGs"], // keyward:allow
    },
  },
  {
    id: "digitalocean-pat",
    provider: "DigitalOcean",
    description: "DigitalOcean personal access token",
    keywords: ["dop_v1_"],
    prefixes: ["dop_v1_"],
    pattern: /\b(dop_v1_[0-9a-f]{64})\b/,
    entropy: 3,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["DIGITALOCEAN_ACCESS_TOKEN=dop_v1_7dfd57c049db532aa115df082e04b379be637887effc2eed6405316fc8578a1a"], // keyward:allow
      noMatch: ["DIGITALOCEAN_ACCESS_TOKEN=dop_v1_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
    },
  },
  {
    id: "digitalocean-oauth-token",
    provider: "DigitalOcean",
    description: "DigitalOcean OAuth access token",
    keywords: ["doo_v1_"],
    prefixes: ["doo_v1_"],
    pattern: /\b(doo_v1_[0-9a-f]{64})\b/,
    entropy: 3,
    severity: "high",
    confidence: "high",
    examples: {
      match: ['"access_token": "doo_v1_5b50874b3ee95b082c679f726bade2f2131e82864d48198179e00bfeec23372b"'], // keyward:allow
      noMatch: ['"access_token": "doo_v1_5b50874b3ee95b082c679f726bade2f2"'], // keyward:allow
    },
  },
  {
    id: "digitalocean-refresh-token",
    provider: "DigitalOcean",
    description: "DigitalOcean OAuth refresh token",
    keywords: ["dor_v1_"],
    prefixes: ["dor_v1_"],
    pattern: /\b(dor_v1_[0-9a-f]{64})\b/,
    entropy: 3,
    severity: "high",
    confidence: "high",
    examples: {
      match: ['"refresh_token": "dor_v1_8c554e69c7f7892e5bf4d6d93565c273548a527ac9544cdf76d63d5cfb894a45"'], // keyward:allow
      noMatch: ['"refresh_token": "dor_v1_<token>"'],
    },
  },
  {
    id: "flyio-access-token",
    provider: "Fly.io",
    description: "Fly.io access token (fo1_ tokens and FlyV1 macaroon tokens)",
    keywords: ["fo1_", "fm1r_", "fm1a_", "fm2_"],
    prefixes: ["fo1_", "fm1r_", "fm1a_", "fm2_"],
    // Macaroon tokens are long standard base64 ("FlyV1 fm2_lJPE..."); several may be joined by commas.
    pattern: /(?<![\w+/-])(fo1_[\w-]{43}(?![\w-])|fm(?:1[ar]|2)_[A-Za-z0-9+/]{100,4000}={0,2}(?![A-Za-z0-9+/=]))/,
    entropy: 4,
    severity: "critical",
    confidence: "high",
    examples: {
      match: [
        "FLY_API_TOKEN=fo1_saQPV1uMulRkwXhzCmFB5kWwmYhprlE_zkBmTeqh8NT", // keyward:allow
        'FLY_API_TOKEN="FlyV1 fm2_lJPE41VXYhsTzI2jaRJm7KrN4O3TnARyLzkcIuMz2doONCKiT6OrpWO3ujvrda+2YTOD8wxBge6fqo47a6yMJwrIv3u8I/ulSDswLEanvTvjWgU3Xbws5gK0xbuQFmohh1unHh3QvwfwyEvOgrFICrtl4i6l4wIuhle2gXZqkUb/aPrR7Bwfj0lizD4WS2rjhbqCKTeFKqiI=="', // keyward:allow
      ],
      noMatch: [
        'api_key = "fo1_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
        'value="7SWa-Fo1_hsC6oovfBsJFLGPUl2EhkSWPbJhWANwgaJWBDl1vxd9VNqXTNAefsJqzIRYaZEf"', // keyward:allow
        "MINIDUMP_SYSMEMINFO1_PERF_CCTOTALDIRTYPAGES: u32 = 4u32;",
      ],
    },
  },
  {
    id: "vercel-token",
    provider: "Vercel",
    description: "Vercel access token, integration token, OAuth token or AI Gateway key (vcp_/vci_/vca_/vcr_/vck_)",
    keywords: ["vcp_", "vci_", "vca_", "vcr_", "vck_"],
    prefixes: ["vcp_", "vci_", "vca_", "vcr_", "vck_"],
    pattern: /\b(vc[piark]_[A-Za-z0-9]{24,60})\b/,
    entropy: 3.5,
    validate: mixed,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["VERCEL_TOKEN=vcp_YVpGpbzOiySCv9xTwKFPfBogA7k2"], // keyward:allow
      noMatch: ["VERCEL_TOKEN=vcp_xxx", "VERCEL_TOKEN=vcp_xxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
    },
  },
  {
    id: "vercel-legacy-token",
    provider: "Vercel",
    description: "Vercel access token (unprefixed 24-character format) assigned to a Vercel-named setting",
    keywords: ["vercel"],
    pattern: new RegExp(String.raw`vercel[\w.-]{0,20}?(?:token|key)[\w.-]{0,10}?${ASSIGN}(?<secret>[A-Za-z0-9]{24})(?![\w-])`, "i"),
    entropy: 3.8,
    validate: mixed,
    severity: "critical",
    confidence: "medium",
    examples: {
      match: ['VERCEL_TOKEN="YVpGpbzOiySCv9xTwKFPfBog"'], // keyward:allow
      noMatch: ["VERCEL_TOKEN=${{ secrets.VERCEL_TOKEN }}", "VERCEL_ORG_ID=team_YVpGpbzOiySCv9xTwKFPfBog"], // keyward:allow
    },
  },
  {
    id: "netlify-access-token",
    provider: "Netlify",
    description: "Netlify personal access token (nfp_)",
    keywords: ["nfp_"],
    prefixes: ["nfp_"],
    pattern: /\b(nfp_[A-Za-z0-9]{36,40})\b/,
    entropy: 3.5,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["NETLIFY_AUTH_TOKEN=nfp_jIG8m80OKbqtijlNcyNg76lRjH4jEFFkiycR"], // keyward:allow
      noMatch: ["NETLIFY_AUTH_TOKEN=nfp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "NETLIFY_AUTH_TOKEN=nfp_..."],
    },
  },
  {
    id: "render-api-key",
    provider: "Render",
    description: "Render API key (rnd_)",
    keywords: ["rnd_"],
    prefixes: ["rnd_"],
    pattern: /\b(rnd_[A-Za-z0-9]{24,40})\b/,
    entropy: 3.5,
    // "rnd_" also starts ordinary identifiers (rnd_seed); real keys mix cases and digits.
    validate: mixed,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["RENDER_API_KEY=rnd_IKVpjFtZysrDpBDdKSLzEbh30mXm"], // keyward:allow
      noMatch: ["RENDER_API_KEY=rnd_xxxxxxxxxxxxxxxxxxxxxxxxxx", "uint32_t rnd_generator_state_machine_value = 0;"],
    },
  },
  {
    id: "scalingo-api-token",
    provider: "Scalingo",
    description: "Scalingo API token",
    keywords: ["tk-us-"],
    prefixes: ["tk-us-"],
    pattern: /\b(tk-us-[\w-]{48})(?![\w-])/,
    entropy: 3.5,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ['SCALINGO_API_TOKEN="tk-us-zpqs4fmi1788f5qp6luyztqu-502yxexpoq41gvxbc1lcusq"'], // keyward:allow
      noMatch: ['SCALINGO_API_TOKEN="tk-us-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"', "tk-us-zpqs4fmi1788f5qp6luyztqu"], // keyward:allow
    },
  },
  {
    id: "railway-token",
    provider: "Railway",
    description: "Railway API or project token (UUID) assigned to a Railway-named setting",
    keywords: ["railway"],
    pattern: new RegExp(String.raw`railway[\w.-]{0,20}?(?:token|key)[\w.-]{0,10}?${ASSIGN}(?<secret>${UUID})`, "i"),
    entropy: 3,
    severity: "critical",
    confidence: "medium",
    examples: {
      match: ["RAILWAY_TOKEN=e43d201c-10c8-9daf-700c-1f9217c26a7d"], // keyward:allow
      noMatch: ["RAILWAY_TOKEN=${{ secrets.RAILWAY_TOKEN }}", "RAILWAY_PROJECT_ID=e43d201c-10c8-9daf-700c-1f9217c26a7d"], // keyward:allow
    },
  },
];
