/**
 * Data platforms: Databricks, ClickHouse Cloud, MongoDB Atlas, PlanetScale, Confluent Cloud,
 * Algolia and Elastic. Prefixed formats stand alone; the others need a provider-named setting.
 */
import type { Rule } from "../types.js";
import { ASSIGNMENT_GLUE } from "./saas.js";

/** `name = value`, `name: value`, `"name": "value"`, `name := value`, `name => value`, `f("name", "value")`. */
/** Identifier to value, in every assignment shape code and config use (saas.ts). */
const ASSIGN = ASSIGNMENT_GLUE;

const mixed = (s: string): boolean => /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s);

/** An Elasticsearch "encoded" API key is base64 of "<id>:<api_key>", both base64url. */
function decodesToElasticKey(value: string): boolean {
  const text = Buffer.from(value, "base64").toString("latin1");
  return /^[\w-]{16,40}:[\w-]{16,80}$/.test(text);
}

export const rules: readonly Rule[] = [
  {
    id: "databricks-api-token",
    provider: "Databricks",
    description: "Databricks personal access token",
    keywords: ["dapi"],
    prefixes: ["dapi"],
    // "dapi" + 32 hex (either case: workspaces show both), sometimes with a "-<digit>" suffix.
    pattern: /\b(dapi[a-fA-F0-9]{32}(?:-\d)?)\b/,
    entropy: 3,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["DATABRICKS_TOKEN=dapi97d05ccd0b4c8a5844bc73006c816d93", "token = dapi97d05ccd0b4c8a5844bc73006c816d93-2", "token: dapi97D05CCD0B4C8A5844BC73006C816D93"], // keyward:allow
      noMatch: ["DATABRICKS_TOKEN=dapi123456789012345678a9bc01234defg5", "DATABRICKS_TOKEN=dapixxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"], // keyward:allow
    },
  },
  {
    id: "clickhouse-cloud-api-secret-key",
    provider: "ClickHouse",
    description: "ClickHouse Cloud API secret key",
    keywords: ["4b1d"],
    prefixes: ["4b1d"],
    // ClickHouse Cloud key secrets begin "4b1d" followed by 38 alphanumerics.
    pattern: /\b(4b1d[A-Za-z0-9]{38})\b/,
    entropy: 3.8,
    validate: mixed,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ['CLICKHOUSE_KEY_SECRET="4b1dZFuV8p4JdipkCuEAHFvdJqSaFTCd0MLIvs5BBW"'], // keyward:allow
      noMatch: ["key = 4b1dXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "key = adf4b1dZFuV8p4JdipkCuEAHFvdJqSaFTCd0MLIvs5BBW"], // keyward:allow
    },
  },
  {
    id: "mongodb-atlas-service-account-secret",
    provider: "MongoDB",
    description: "MongoDB Atlas service account client secret (mdb_sa_sk_)",
    keywords: ["mdb_sa_sk_"],
    prefixes: ["mdb_sa_sk_"],
    pattern: /\b(mdb_sa_sk_[\w-]{36,60})(?![\w-])/,
    entropy: 3.8,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["ATLAS_CLIENT_SECRET=mdb_sa_sk_C64aLCKElUqk9h6kWk3DlV7XQbrdrzWgFxMoIKWo"], // keyward:allow
      noMatch: ["ATLAS_CLIENT_SECRET=mdb_sa_sk_...", "ATLAS_CLIENT_SECRET=mdb_sa_sk_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
    },
  },
  {
    id: "planetscale-token",
    provider: "PlanetScale",
    description: "PlanetScale service token, OAuth token or database password",
    keywords: ["pscale_tkn_", "pscale_pw_", "pscale_oauth_"],
    prefixes: ["pscale_tkn_", "pscale_pw_", "pscale_oauth_"],
    pattern: /\b(pscale_(?:tkn|pw|oauth)_[\w-]{32,64})(?![\w-])/,
    entropy: 3.8,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["DATABASE_URL=mysql://u8x2:pscale_pw_EKR7y48qp7lbBi8gK8YrbBBMlt-KogENe9HC5sI-am3@aws.connect.psdb.cloud/app"], // keyward:allow
      noMatch: ["PLANETSCALE_SERVICE_TOKEN=pscale_tkn_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "pscale_pw_short"],
    },
  },
  {
    id: "confluent-api-secret",
    provider: "Confluent",
    description: "Confluent Cloud API secret assigned to a Confluent-named setting",
    keywords: ["confluent"],
    // Cloud API secrets are 64 characters of standard base64 alphabet (no padding).
    pattern: new RegExp(
      String.raw`confluent[\w.-]{0,30}?(?:secret|password)[\w.-]{0,10}?${ASSIGN}(?<secret>[A-Za-z0-9+/]{64})(?![A-Za-z0-9+/=])`,
      "i",
    ),
    entropy: 4.3,
    validate: mixed,
    severity: "critical",
    confidence: "medium",
    examples: {
      match: ["CONFLUENT_CLOUD_API_SECRET=kB58u4zOMKtGfcvjrnS1FqZYbyUkTHKMAWkKtNhJiDaLmFmDQ0uK7GwjOFRcnl1z"], // keyward:allow
      noMatch: ["CONFLUENT_CLOUD_API_SECRET=${CONFLUENT_SECRET}", "api_secret = kB58u4zOMKtGfcvjrnS1FqZYbyUkTHKMAWkKtNhJiDaLmFmDQ0uK7GwjOFRcnl1z"], // keyward:allow
    },
  },
  {
    id: "algolia-admin-key",
    provider: "Algolia",
    description: "Algolia admin / write API key assigned to an Algolia-named setting",
    keywords: ["algolia"],
    // Search-only keys are public by design: settings that name "search" are skipped.
    pattern: new RegExp(
      String.raw`algolia(?![\w.-]{0,24}search)[\w.-]{0,24}?(?:admin|write|api)[_-]?key[\w.-]{0,10}?${ASSIGN}(?<secret>[a-f0-9]{32})(?![\w-])`,
      "i",
    ),
    entropy: 3.2,
    severity: "high",
    confidence: "medium",
    examples: {
      match: ['ALGOLIA_ADMIN_KEY="0cefff969acd92bfc3a40aedc1cd4d7f"', "algoliaApiKey: 0cefff969acd92bfc3a40aedc1cd4d7f"], // keyward:allow
      noMatch: ['ALGOLIA_SEARCH_API_KEY="0cefff969acd92bfc3a40aedc1cd4d7f"', 'ALGOLIA_ADMIN_KEY="<admin-key>"'], // keyward:allow
    },
  },
  {
    id: "elastic-api-key",
    provider: "Elastic",
    description: "Elasticsearch / Elastic Cloud API key (encoded id:key) assigned to an Elastic-named setting",
    keywords: ["elastic", "es_api_key"],
    pattern: new RegExp(
      String.raw`(?:elastic|\bes)[\w.-]{0,30}?api[_-]?key[\w.-]{0,10}?${ASSIGN}(?:ApiKey\s{1,3})?(?<secret>[A-Za-z0-9+/]{40,160}={0,2})(?![A-Za-z0-9+/=])`,
      "i",
    ),
    entropy: 4,
    validate: decodesToElasticKey,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ['ELASTIC_API_KEY="ZHBNWmtXbjdiWGRCM0N6b0Q1X2w6TGl6a2lPTzhlR0dsSWpqRmxzRWNxbg=="'], // keyward:allow
      noMatch: ['ELASTIC_API_KEY="${ELASTIC_API_KEY}"', 'ELASTIC_API_KEY="kB58u4zOMKtGfcvjrnS1FqZYbyUkTHKMAWkKtNhJiDaLmFmDQ0uK7GwjOFRcnl1z"'], // keyward:allow
    },
  },
];
