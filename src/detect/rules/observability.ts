/**
 * Observability and monitoring: Datadog, Grafana, New Relic, Sentry, Sumo Logic, Honeycomb
 * and Dynatrace. Hex-only keys (Datadog, legacy Sentry) need a provider-named setting.
 */
import type { Rule } from "../types.js";
import { ASSIGNMENT_GLUE } from "./saas.js";

/** `name = value`, `name: value`, `"name": "value"`, `name := value`, `name => value`, `f("name", "value")`. */
/** Identifier to value, in every assignment shape code and config use (saas.ts). */
const ASSIGN = ASSIGNMENT_GLUE;

/**
 * "sumo" / "sumologic" as a word of its own, case-sensitively so "sumOfValues" and "sumObj"
 * do not count: sumo, Sumo, SUMO, sumologic, SumoLogic, SUMOLOGIC.
 */
const SUMO = String.raw`(?:\b[Ss]umo(?:[Ll]ogic)?|\bSUMO(?:LOGIC)?)(?![a-z])[\w.-]{0,24}?`;

export const rules: readonly Rule[] = [
  {
    id: "datadog-api-key",
    provider: "Datadog",
    description: "Datadog API key assigned to a Datadog-named setting",
    keywords: ["datadog", "dd_api_key", "dd-api-key", "ddapikey"],
    pattern: new RegExp(String.raw`(?:datadog|\bdd)[\w.-]{0,24}?api[_-]?key[\w.-]{0,10}?${ASSIGN}(?<secret>[a-f0-9]{32})(?![\w-])`, "i"),
    entropy: 3.2,
    severity: "critical",
    confidence: "medium",
    examples: {
      match: ["DD_API_KEY=79f08ca0a12d8050405e4569184e3658", '"DD-API-KEY": "79f08ca0a12d8050405e4569184e3658"'], // keyward:allow
      noMatch: ["DD_API_KEY=<DATADOG_API_KEY>", "DD_API_KEY=00000000000000000000000000000000", "api_key = 79f08ca0a12d8050405e4569184e3658"], // keyward:allow
    },
  },
  {
    id: "datadog-app-key",
    provider: "Datadog",
    description: "Datadog application key assigned to a Datadog-named setting",
    keywords: ["datadog", "dd_app", "dd-app", "dd_application", "dd-application"],
    pattern: new RegExp(
      String.raw`(?:datadog|\bdd)[\w.-]{0,24}?app(?:lication)?[_-]?key[\w.-]{0,10}?${ASSIGN}(?<secret>[a-f0-9]{40})(?![\w-])`,
      "i",
    ),
    entropy: 3.2,
    severity: "critical",
    confidence: "medium",
    examples: {
      match: ["DD_APP_KEY=983e93b483d9812cc93b7390093c82a9730ab484", 'datadog_application_key = "983e93b483d9812cc93b7390093c82a9730ab484"'], // keyward:allow
      noMatch: ["DD_APP_KEY=${DD_APP_KEY}", "git_sha = 983e93b483d9812cc93b7390093c82a9730ab484"], // keyward:allow
    },
  },
  {
    id: "grafana-cloud-api-token",
    provider: "Grafana",
    description: "Grafana Cloud access policy / API token (glc_)",
    keywords: ["glc_"],
    prefixes: ["glc_"],
    // "glc_" + base64 of a JSON object ({"o":..,"n":..,"k":..,"m":..}).
    pattern: /\b(glc_[A-Za-z0-9+/]{32,400}={0,2})(?![A-Za-z0-9+/=])/,
    entropy: 3.5,
    severity: "critical",
    confidence: "high",
    examples: {
      match: [
        "GRAFANA_CLOUD_TOKEN=glc_eyJvIjoiMjgwODA0IiwibiI6InN0YWNrLTEwODU1Ni1obS1yZWFkLXgiLCJrIjoibnJsTm4yWXlxWUhLbTBFeEhGbWhGMW5mIiwibSI6eyJyIjoidXMifX0=", // keyward:allow
      ],
      noMatch: [
        "glc_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        'API_KEY="glc_111111111111111111111111111111111111111111="',
        "static void GLC_CreateLightmapTextureArray(void);",
      ],
    },
  },
  {
    id: "grafana-service-account-token",
    provider: "Grafana",
    description: "Grafana service account token (glsa_)",
    keywords: ["glsa_"],
    prefixes: ["glsa_"],
    // 32 random characters, "_", then an 8-hex CRC32 checksum.
    pattern: /\b(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})\b/,
    entropy: 3.5,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["Authorization: Bearer glsa_XcFb2THYiZSODGRrCNYo5TWGv9Mdnek9_620034d6"], // keyward:allow
      noMatch: ["glsa_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX_AAAAAAAA", "glsa_XcFb2THYiZSODGRrCNYo5TWGv9Mdnek9"], // keyward:allow
    },
  },
  {
    id: "grafana-api-key",
    provider: "Grafana",
    description: "Grafana API key (legacy, base64 JSON beginning {\"k\":)",
    keywords: ["eyjrijoi"],
    prefixes: ["eyJrIjoi"],
    // base64('{"k":"') = "eyJrIjoi"; the rest encodes the key, its name and organisation id.
    pattern: /\b(eyJrIjoi[A-Za-z0-9+/]{40,200}={0,2})(?![A-Za-z0-9+/=])/,
    entropy: 4,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ['GRAFANA_API_KEY="eyJrIjoibWNjSHk0NnkxemVZWVVJSTRvQzNWMFFOV0pmRGZNd0IiLCJuIjoiY2kiLCJpZCI6MX0="'], // keyward:allow
      noMatch: ['GRAFANA_API_KEY="eyJrIjoi"', 'GRAFANA_API_KEY="eyJrIjoiYWJjIn0="'],
    },
  },
  {
    id: "newrelic-user-api-key",
    provider: "New Relic",
    description: "New Relic user API key (NRAK-)",
    keywords: ["nrak-"],
    prefixes: ["NRAK-"],
    pattern: /\b(NRAK-[A-Z0-9]{27})\b/,
    entropy: 3.5,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["NEW_RELIC_API_KEY=NRAK-6A8H6RTNJZJZ61ZLRZ4HWW2UNOX"], // keyward:allow
      noMatch: ["NEW_RELIC_API_KEY=NRAK-XXXXXXXXXXXXXXXXXXXXXXXXXXX", "NRAK-6A8H6RTNJZ"], // keyward:allow
    },
  },
  {
    id: "newrelic-insights-key",
    provider: "New Relic",
    description: "New Relic Insights insert or query key (NRII-/NRIQ-)",
    keywords: ["nrii-", "nriq-"],
    prefixes: ["NRII-", "NRIQ-"],
    pattern: /\b(NRI[IQ]-[\w-]{32})(?![\w-])/,
    entropy: 3.5,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["X-Insert-Key: NRII-026VjtG06iJmnYSz02Y9Hep0ZE6wmV0J"], // keyward:allow
      noMatch: ["X-Insert-Key: NRII-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
    },
  },
  {
    id: "newrelic-license-key",
    provider: "New Relic",
    description: "New Relic ingest license key (40 characters ending in NRAL)",
    keywords: ["nral"],
    pattern: /\b([a-z0-9]{36}NRAL)\b/,
    entropy: 3.3,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["license_key: 562de172007db6c1e8f3f651b9b1dedbbe0fNRAL"], // keyward:allow
      noMatch: ["license_key: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxNRAL", "license_key: 562de172007db6c1e8f3f651b9b1dedbNRAL"], // keyward:allow
    },
  },
  {
    id: "newrelic-browser-key",
    provider: "New Relic",
    description: "New Relic browser application key (NRJS-; ships in page snippets, low impact)",
    keywords: ["nrjs-"],
    prefixes: ["NRJS-"],
    pattern: /\b(NRJS-[a-f0-9]{19})\b/,
    entropy: 3,
    severity: "low",
    confidence: "high",
    examples: {
      match: ['licenseKey: "NRJS-a9fcf7309ffe09f3322"'], // keyward:allow
      noMatch: ['licenseKey: "NRJS-xxxxxxxxxxxxxxxxxxx"'],
    },
  },
  {
    id: "sentry-org-token",
    provider: "Sentry",
    description: "Sentry organization auth token (sntrys_)",
    keywords: ["sntrys_"],
    prefixes: ["sntrys_"],
    // "sntrys_" + base64 JSON ({"iat":..,"url":..,"region_url":..,"org":..}) + "_" + secret.
    pattern: /\b(sntrys_eyJ[A-Za-z0-9+/=]{30,1000}_[A-Za-z0-9+/]{30,100}={0,2})(?![A-Za-z0-9+/=])/,
    entropy: 4,
    severity: "critical",
    confidence: "high",
    examples: {
      match: [
        "SENTRY_AUTH_TOKEN=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", // keyward:allow
      ],
      noMatch: ["SENTRY_AUTH_TOKEN=sntrys_eyJ...", "SENTRY_AUTH_TOKEN=sntrys_YOUR_TOKEN_HERE"],
    },
  },
  {
    id: "sentry-user-token",
    provider: "Sentry",
    description: "Sentry user auth token (sntryu_)",
    keywords: ["sntryu_"],
    prefixes: ["sntryu_"],
    pattern: /\b(sntryu_[a-f0-9]{64})\b/,
    entropy: 3.2,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["SENTRY_AUTH_TOKEN=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"], // keyward:allow
      noMatch: ["SENTRY_AUTH_TOKEN=sntryu_0000000000000000000000000000000000000000000000000000000000000000"],
    },
  },
  {
    id: "sentry-auth-token-legacy",
    provider: "Sentry",
    description: "Sentry auth token (legacy 64-hex format) assigned to a Sentry-named setting",
    keywords: ["sentry"],
    pattern: new RegExp(String.raw`sentry[\w.-]{0,20}?(?:auth[_-]?)?token[\w.-]{0,10}?${ASSIGN}(?<secret>[a-f0-9]{64})(?![\w-])`, "i"),
    entropy: 3.2,
    severity: "critical",
    confidence: "medium",
    examples: {
      match: ["SENTRY_AUTH_TOKEN=a8f6ac9a901b2509650b040c06319741e325885c7ce971f12dc8025f4a01c4f5"], // keyward:allow
      noMatch: ["SENTRY_AUTH_TOKEN=${SENTRY_AUTH_TOKEN}", "sha256 = a8f6ac9a901b2509650b040c06319741e325885c7ce971f12dc8025f4a01c4f5"], // keyward:allow
    },
  },
  {
    id: "sumologic-access-id",
    provider: "Sumo Logic",
    description: "Sumo Logic access id (su + 12 characters) assigned to a Sumo Logic setting",
    keywords: ["sumo"],
    pattern: new RegExp(String.raw`${SUMO}${ASSIGN}(?<secret>su[A-Za-z0-9]{12})(?![\w-])`),
    entropy: 3,
    severity: "medium",
    confidence: "medium",
    examples: {
      match: ['sumologic.accessId = "suDTyKHbrAsABR"', "export SUMO_ACCESS_ID=suDTyKHbrAsABR"], // keyward:allow
      noMatch: ["sumObj = suDTyKHbrAsABR", "export SUMOLOGIC_ACCESSID=XXXXXXXXXXXXXX", "SUMOLOGIC_ACCESSID: ${SUMOLOGIC_ACCESSID}"], // keyward:allow
    },
  },
  {
    id: "sumologic-access-key",
    provider: "Sumo Logic",
    description: "Sumo Logic access key (64 characters) assigned to a Sumo Logic setting",
    keywords: ["sumo"],
    pattern: new RegExp(String.raw`${SUMO}${ASSIGN}(?<secret>[A-Za-z0-9]{64})(?![\w-])`),
    entropy: 4,
    severity: "critical",
    confidence: "medium",
    examples: {
      match: ["SUMO_ACCESS_KEY: 1fArCozHevCpQZd1c7pAdG2qP76GLq6BUAEcYCBxZlvJzmaNMySgJ5Y0lNykL1aC"], // keyward:allow
      noMatch: [
        "sumOfExposures = 1fArCozHevCpQZd1c7pAdG2qP76GLq6BUAEcYCBxZlvJzmaNMySgJ5Y0lNykL1aC;", // keyward:allow
        "SUMO_ACCESS_KEY={SumoAccessKey}",
        "#   SUMO_ACCESS_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
      ],
    },
  },
  {
    id: "honeycomb-api-key",
    provider: "Honeycomb",
    description: "Honeycomb ingest API key (hcaik_/hcxik_ key id and secret)",
    keywords: ["hcaik_", "hcxik_"],
    prefixes: ["hcaik_", "hcxik_"],
    // Key id (26) and secret (32) concatenated, lowercase alphanumerics.
    pattern: /\b(hc[ax]ik_[0-9a-z]{58})\b/,
    entropy: 3.5,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["x-honeycomb-team: hcaik_014fhzc2mvw6ormjeymlqzcsunloite8apnogfcj07m62kpf7z2o07fduu"], // keyward:allow
      noMatch: ["x-honeycomb-team: hcaik_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
    },
  },
  {
    id: "dynatrace-api-token",
    provider: "Dynatrace",
    description: "Dynatrace API / platform token (dt0c01.)",
    keywords: ["dt0c01."],
    prefixes: ["dt0c01."],
    // "dt0c01." + 24-character public id + "." + 64-character secret, uppercase base32.
    pattern: /\b(dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64})\b/,
    entropy: 3.5,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["DT_API_TOKEN=dt0c01.K4436NEBG4QTVDGL4FHOII3K.7QLSW3ONUVVOEFRZUBQ7RUUEBXQ6WUDPEW2DSABB4FBI5A2BWIHNZGMA4GST2MU7"], // keyward:allow
      noMatch: ["DT_API_TOKEN=dt0c01.XXXXXXXXXXXXXXXXXXXXXXXX.XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"],
    },
  },
];
