/**
 * Provider formats A–K, one row per format (see ../format-rules.ts for what a row becomes).
 * Each row names where its shape is stated: the provider's documentation where it documents
 * one, else a public scanner's rule definition (gitleaks, TruffleHog, Kingfisher: facts about
 * the token's shape). bench/corpus/formats-a.js renders the same formats, from those sources,
 * into the providers corpus.
 *
 * A row without `context` is recognised by its own prefix and structure; a row with `context`
 * is a bare run of characters, reported only as the value of an assignment whose identifier
 * starts with the provider's name (`ALGOLIA_ADMIN_KEY = …`), which keeps it off generic hex.
 * Two formats need more than a grammar and are written out below the table: Discord bot tokens
 * by structure alone, and kubeconfig client keys.
 */
import { type FormatRow, formatRule, UUID } from "../format-rules.js";
import type { Rule } from "../types.js";
import { SECRET_WORDS, assignment, providerName } from "./saas.js";

const GL = (name: string): string => `https://github.com/gitleaks/gitleaks/blob/master/cmd/generate/config/rules/${name}.go`;
const TH = (name: string): string => `https://github.com/trufflesecurity/trufflehog/blob/main/pkg/detectors/${name}/${name}.go`;
const KF = (name: string): string => `https://github.com/mongodb/kingfisher/blob/main/crates/kingfisher-rules/data/rules/${name}.yml`;
const DOPPLER = "https://docs.doppler.com/reference/auth-token-formats";
const KONG = "https://docs.konghq.com/konnect/org-management/access-tokens/";

/**
 * Prefilter literals for a provider whose name is also a common word or code identifier
 * (iterable, ghost, fal in false): the name only where an identifier continues it with a
 * separator or a secret word, so the rule does not wake on every line of ordinary code.
 */
const nameKeywords = (name: string, ...more: string[]): string[] => [`${name}_`, `${name}-`, `${name}.`, ...SECRET_WORDS.map((w) => name + w), ...more];

/** A UUID in either case (CoinAPI issues upper-case ones). */
const UUID_ANY_CASE = UUID.map((p) => (Array.isArray(p) ? (["Hex", p[1]] as const) : p));

/** The first part of a Discord bot token is the base64 of the bot's numeric (snowflake) id. */
function discordSnowflake(token: string): boolean {
  const id = Buffer.from(token.slice(0, token.indexOf(".")), "base64url").toString("latin1");
  return /^[1-9][0-9]{16,19}$/.test(id);
}

/** secp256k1 private keys are below the group order and not zero. */
const SECP256K1_N = BigInt("0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141");
function secp256k1Key(secret: string): boolean {
  const v = BigInt(`0x${secret.replace(/^0x/, "")}`);
  return v > 0n && v < SECP256K1_N;
}

const SECRET = ["secret"];

export const FORMATS: readonly FormatRow[] = [
  // ---- A ----------------------------------------------------------------------------------
  { id: "adafruit-io-key", provider: "Adafruit", description: "Adafruit IO key (aio_)", source: GL("adafruit"), token: ["aio_", ["alnum", 28]] },
  { id: "adobe-client-secret", provider: "Adobe", description: "Adobe Developer Console OAuth client secret (p8e-)", source: GL("adobe"), token: ["p8e-", ["alnum", 32]] },
  { id: "ai21-api-key", provider: "AI21 Labs", description: "AI21 Studio API key next to an AI21 name", source: KF("ai21"), token: [...UUID], context: ["ai21"] },
  { id: "airbrake-user-key", provider: "Airbrake", description: "Airbrake user API key (40 hex) next to an Airbrake name", source: KF("airbrake"), token: [["hex", 40]], context: ["airbrake"] },
  { id: "airbrake-project-key", provider: "Airbrake", description: "Airbrake project key (32 hex) next to an Airbrake name", source: KF("airbrake"), token: [["hex", 32]], context: ["airbrake"] },
  { id: "airtable-legacy-api-key", provider: "Airtable", description: "Airtable legacy API key (key + 14) next to an Airtable name", source: GL("airtable"), token: ["key", ["alnum", 14]], context: ["airtable"] },
  { id: "aiven-api-token", provider: "Aiven", description: "Aiven API token (372 base64) next to an Aiven name", source: KF("aiven"), token: [["b64", 372]], context: ["aiven"] },
  { id: "akamai-edgegrid-token", provider: "Akamai", description: "Akamai EdgeGrid client or access token (akab-)", source: "https://techdocs.akamai.com/developer/docs/set-up-authentication-credentials", token: ["akab-", ["lower", 16], "-", ["lower", 16]] },
  { id: "alchemy-api-key", provider: "Alchemy", description: "Alchemy API key next to an Alchemy name", source: TH("alchemy"), token: [["b64url", 32]], context: ["alchemy"] },
  { id: "alibaba-access-key-id", provider: "Alibaba Cloud", description: "Alibaba Cloud AccessKey ID (LTAI)", source: GL("alibaba"), token: ["LTAI", ["alnum", 12, 21]], severity: "medium" },
  { id: "alibaba-access-key-secret", provider: "Alibaba Cloud", description: "Alibaba Cloud AccessKey secret (30) next to an Alibaba or Aliyun name", source: GL("alibaba"), token: [["alnum", 30]], context: ["alibaba", "aliyun", "alicloud"] },
  { id: "alpaca-api-key-id", provider: "Alpaca", description: "Alpaca trading API key id (PK/AK + 18) next to an Alpaca name", source: "https://docs.alpaca.markets/docs/authentication", token: [{ oneOf: ["PK", "AK"] }, ["upper", 18]], context: ["alpaca", "apca"], words: ["key", "id"] },
  { id: "alpaca-secret-key", provider: "Alpaca", description: "Alpaca trading API secret (40) next to an Alpaca name", source: "https://docs.alpaca.markets/docs/authentication", token: [["alnum", 40]], context: ["alpaca", "apca"], words: SECRET },
  { id: "alpha-vantage-api-key", provider: "Alpha Vantage", description: "Alpha Vantage API key next to its name", source: TH("alphavantage"), token: [["upper", 16]], context: ["alphavantage", "alpha_vantage"] },
  { id: "amplitude-api-key", provider: "Amplitude", description: "Amplitude API or secret key (32 hex) next to an Amplitude name", source: KF("amplitude"), token: [["hex", 32]], context: ["amplitude"] },
  { id: "anypoint-api-key", provider: "MuleSoft Anypoint", description: "MuleSoft Anypoint platform key next to an Anypoint name", source: KF("anypoint"), token: [...UUID], context: ["anypoint"] },
  { id: "apify-api-token", provider: "Apify", description: "Apify API token (apify_api_)", source: KF("apify"), token: ["apify_api_", ["alnum", 34, 38]] },
  { id: "apollo-graph-api-key", provider: "Apollo GraphQL", description: "Apollo GraphOS graph API key (service:<graph>:<key>)", source: "https://www.apollographql.com/docs/graphos/platform/access-management/api-keys", token: ["service:", ["host", 1, 64], ":", ["b64url", 22]], keywords: ["service:"], prefixes: ["service:"] },
  { id: "appcenter-api-token", provider: "App Center", description: "Visual Studio App Center API token (40 hex) next to its name", source: "https://learn.microsoft.com/en-us/appcenter/api-docs/", token: [["hex", 40]], context: ["appcenter", "app_center"] },
  { id: "assemblyai-api-key", provider: "AssemblyAI", description: "AssemblyAI API key (32 hex) next to its name", source: KF("assemblyai"), token: [["hex", 32]], context: ["assemblyai", "assembly_ai"] },
  { id: "astra-db-token", provider: "DataStax", description: "DataStax Astra DB application token (AstraCS:)", source: "https://docs.datastax.com/en/astra-db-serverless/administration/manage-application-tokens.html", token: ["AstraCS:", ["letters", 24], ":", ["hex", 64]] },
  { id: "authress-access-key", provider: "Authress", description: "Authress service client access key", source: GL("authress"), token: [{ oneOf: ["sc_", "ext_", "scauth_", "authress_"] }, ["lower", 5, 30], ".", ["lower", 4, 6], ".acc", { oneOf: ["_", "-"] }, ["host", 10, 32], ".", ["b64any", 30, 120]] },
  { id: "auth0-client-secret", provider: "Auth0", description: "Auth0 application client secret next to an Auth0 name", source: KF("auth0"), token: [["b64url", 64, 88]], context: ["auth0"], words: SECRET },
  { id: "aws-appsync-api-key", provider: "AWS", description: "AWS AppSync GraphQL API key (da2-)", source: "https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html", token: ["da2-", ["lower", 26]] },
  { id: "azure-container-registry-password", provider: "Azure", description: "Azure Container Registry access key (identifiable, +ACR)", source: KF("azure"), token: [["b64", 42], "+ACR", ["alnum", 6]], keywords: ["+acr"] },
  { id: "azure-function-key", provider: "Azure", description: "Azure Functions access key (identifiable, AzFu)", source: KF("azurefunctionkey"), token: [["b64url", 44], "AzFu", ["b64url", 5], { oneOf: ["A", "Q", "g", "w"] }, "=="], keywords: ["azfu"] },
  { id: "azure-search-admin-key", provider: "Azure", description: "Azure AI Search admin key (identifiable, AzSe)", source: KF("azuresearchquery"), token: [["alnum", 42], "AzSe", ["alnum", 6]], keywords: ["azse"] },
  { id: "azure-ai-services-key", provider: "Azure", description: "Azure AI services / OpenAI / Cognitive Services key (32 hex) next to an Azure name", source: KF("azureopenai"), token: [["Hex", 32]], context: ["azure", "cognitive", "openai"] },
  {
    id: "azure-entra-refresh-token",
    provider: "Azure",
    description: "Microsoft Entra ID (Azure AD) OAuth refresh token (0.A… / 1.A… with an .Ag… part)",
    source: "https://github.com/trufflesecurity/trufflehog/blob/main/pkg/detectors/azure_entra/refreshtoken/refreshtoken.go",
    token: [{ oneOf: ["0.A", "1.A"] }, ["b64url", 50, 600], { oneOf: ["", ".0", ".1", ".2"] }, ".Ag", ["b64url", 250, 4000]],
    // Not documented as a prefix: previews show nothing of it.
    prefixes: [],
    entropy: 4,
  },
  {
    id: "azure-app-configuration-connection-string",
    provider: "Azure",
    description: "Azure App Configuration connection string with its secret",
    source: KF("azure"),
    token: ["Endpoint=https://", ["host", 1, 60], ".azconfig.io;Id=", ["alnum", 4], "-", ["alnum", 2], "-", ["alnum", 2], ":", ["b64", 18, 22], ";Secret=", ["b64", 36, 50], "="],
    keywords: ["azconfig.io"],
  },
  {
    id: "azure-communication-connection-string",
    provider: "Azure",
    description: "Azure Communication Services connection string with its access key",
    source: "https://learn.microsoft.com/en-us/azure/communication-services/concepts/authentication",
    token: [{ oneOf: ["endpoint=https://", "Endpoint=https://"] }, ["host", 1, 60], ".communication.azure.com/;", { oneOf: ["accesskey=", "AccessKey="] }, ["b64", 86], "=="],
    keywords: ["communication.azure.com"],
  },
  {
    id: "azure-signalr-connection-string",
    provider: "Azure",
    description: "Azure SignalR / Web PubSub connection string with its access key",
    source: KF("azuresignalr"),
    token: ["Endpoint=https://", ["host", 1, 60], { oneOf: [".service.signalr.net;AccessKey=", ".webpubsub.azure.com;AccessKey="] }, ["b64", 43], "="],
    keywords: ["signalr.net", "webpubsub.azure.com"],
  },
  // ---- B ----------------------------------------------------------------------------------
  { id: "baremetrics-api-key", provider: "Baremetrics", description: "Baremetrics API key next to its name", source: KF("baremetrics"), token: [["b64url", 25]], context: ["baremetrics"] },
  { id: "baseten-api-key", provider: "Baseten", description: "Baseten API key (8.32) next to its name", source: KF("baseten"), token: [["alnum", 8], ".", ["alnum", 32]], context: ["baseten"] },
  { id: "binance-api-key", provider: "Binance", description: "Binance API key or secret (64) next to a Binance name", source: "https://developers.binance.com/docs/binance-spot-api-docs/rest-api/request-security", token: [["alnum", 64]], context: ["binance"] },
  { id: "bitbucket-app-password", provider: "Bitbucket", description: "Bitbucket Cloud app password (ATBB)", source: "https://support.atlassian.com/bitbucket-cloud/docs/app-passwords/", token: ["ATBB", ["alnum", 32]] },
  { id: "bitbucket-data-center-token", provider: "Bitbucket", description: "Bitbucket Data Center / Server HTTP access token (BBDC-)", source: "https://confluence.atlassian.com/bitbucketserver/http-access-tokens-939515499.html", token: ["BBDC-", ["b64", 44]] },
  { id: "bitbucket-client-secret", provider: "Bitbucket", description: "Bitbucket OAuth consumer secret next to a Bitbucket name", source: GL("bitbucket"), token: [["b64urlpad", 32, 64]], context: ["bitbucket"], words: SECRET },
  { id: "bitly-access-token", provider: "Bitly", description: "Bitly generic access token (40 hex) next to a Bitly name", source: KF("bitly"), token: [["hex", 40]], context: ["bitly"] },
  { id: "bitwarden-access-token", provider: "Bitwarden", description: "Bitwarden Secrets Manager machine account access token", source: KF("bitwarden"), token: ["0.", ...UUID, ".", ["alnum", 30], ":", ["b64", 22], "=="], context: ["bws", "bitwarden"] },
  { id: "blockfrost-project-id", provider: "Blockfrost", description: "Blockfrost project id (network + 32)", source: "https://docs.blockfrost.io/#section/Authentication", token: [{ oneOf: ["mainnet", "preprod", "preview", "testnet"] }, ["alnum", 32]], validate: (s) => /[0-9]/.test(s.slice(7)) },
  { id: "box-client-secret", provider: "Box", description: "Box client secret or developer token (32) next to a Box name", source: KF("box"), token: [["alnum", 32]], context: ["box"], keywords: nameKeywords("box", "boxclient", "boxdev", "boxapi") },
  { id: "browserstack-access-key", provider: "BrowserStack", description: "BrowserStack access key (20) next to its name", source: KF("browserstack"), token: [["alnum", 20]], context: ["browserstack"] },
  { id: "bugsnag-api-key", provider: "Bugsnag", description: "Bugsnag API or auth token (32 hex) next to its name", source: TH("bugsnag"), token: [["hex", 32]], context: ["bugsnag"] },
  { id: "buildkite-api-token", provider: "Buildkite", description: "Buildkite API access token (bkua_)", source: KF("buildkite"), token: ["bkua_", ["lower", 40]] },
  { id: "buttercms-api-key", provider: "ButterCMS", description: "ButterCMS API token (40 hex) next to its name", source: KF("buttercms"), token: [["hex", 40]], context: ["buttercms", "butter_cms"] },
  // ---- C ----------------------------------------------------------------------------------
  { id: "cerebras-api-key", provider: "Cerebras", description: "Cerebras inference API key (csk-)", source: KF("cerebras"), token: ["csk-", ["lower", 48]] },
  { id: "chatwork-api-token", provider: "Chatwork", description: "Chatwork API token (32 hex) next to its name", source: TH("chatwork"), token: [["hex", 32]], context: ["chatwork"] },
  { id: "checkout-sandbox-secret-key", provider: "Checkout.com", description: "Checkout.com sandbox secret key (sk_sbox_)", source: "https://www.checkout.com/docs/developer-resources/api/manage-api-keys", token: ["sk_sbox_", ["lower", 26, 30]] },
  { id: "circleci-personal-token", provider: "CircleCI", description: "CircleCI personal API token (CCIPAT_)", source: KF("circleci"), token: ["CCIPAT_", ["alnum", 22], "_", ["hex", 40]] },
  { id: "circleci-project-token", provider: "CircleCI", description: "CircleCI project API token (CCIPRJ_)", source: "https://circleci.com/docs/managing-api-tokens/", token: ["CCIPRJ_", ["alnum", 22], "_", ["hex", 40]] },
  { id: "circleci-legacy-token", provider: "CircleCI", description: "CircleCI legacy API token (40 hex) next to a CircleCI name", source: KF("circleci"), token: [["hex", 40]], context: ["circleci"] },
  { id: "clarifai-api-key", provider: "Clarifai", description: "Clarifai API key or PAT (32 hex) next to its name", source: KF("clarifai"), token: [["hex", 32]], context: ["clarifai"] },
  { id: "clearbit-api-key", provider: "Clearbit", description: "Clearbit secret API key (sk_ + 32 hex) next to its name", source: KF("clearbit"), token: ["sk_", ["hex", 32]], context: ["clearbit"] },
  { id: "clickup-personal-token", provider: "ClickUp", description: "ClickUp personal API token (pk_<user>_<32>)", source: KF("clickup"), token: ["pk_", ["digits", 6, 9], "_", ["upper", 32]] },
  { id: "close-api-key", provider: "Close", description: "Close CRM API key (api_…)", source: KF("closecrm"), token: ["api_", ["alnum", 25], ".", ["alnum", 22]] },
  { id: "cloudant-credential", provider: "IBM Cloudant", description: "IBM Cloudant API key or legacy password next to a Cloudant name", source: KF("cloudant"), token: [["b64url", 24, 64]], context: ["cloudant"], words: ["key", "password", "pass", "secret", "token", "apikey"] },
  { id: "cloudinary-url", provider: "Cloudinary", description: "Cloudinary URL with API key and secret (cloudinary://)", source: "https://cloudinary.com/documentation/how_to_integrate_cloudinary#cloudinary_url", token: ["cloudinary://", ["digits", 15], ":", ["b64url", 27], "@", ["host", 1, 40]] },
  { id: "cloudsmith-api-key", provider: "Cloudsmith", description: "Cloudsmith API key (40 hex) next to its name", source: TH("cloudsmith"), token: [["hex", 40]], context: ["cloudsmith"] },
  { id: "codacy-api-token", provider: "Codacy", description: "Codacy API or project token next to its name", source: KF("codacy"), token: [["alnum", 20, 32]], context: ["codacy"] },
  { id: "codeclimate-reporter-id", provider: "Code Climate", description: "Code Climate test reporter id (64 hex)", source: KF("codeclimate"), token: [["hex", 64]], context: ["codeclimate", "cc_test_reporter"], words: ["id", "token", "key"] },
  { id: "codecov-token", provider: "Codecov", description: "Codecov upload or API token (UUID) next to a Codecov name", source: "https://docs.codecov.com/docs/codecov-tokens", token: [...UUID], context: ["codecov"] },
  { id: "coinapi-api-key", provider: "CoinAPI", description: "CoinAPI key (UUID) next to its name", source: TH("coinapi"), token: [...UUID_ANY_CASE], context: ["coinapi"] },
  { id: "coinmarketcap-api-key", provider: "CoinMarketCap", description: "CoinMarketCap API key (UUID) next to its name", source: "https://coinmarketcap.com/api/documentation/v1/#section/Authentication", token: [...UUID], context: ["coinmarketcap", "cmc_pro"] },
  { id: "confluent-api-key", provider: "Confluent", description: "Confluent Cloud API key (16 upper-case) next to a Confluent or Kafka name", source: KF("confluent"), token: [["upper", 16]], context: ["confluent", "ccloud", "kafka"], words: ["key", "id", "user", "username"] },
  { id: "confluent-api-secret-v2", provider: "Confluent", description: "Confluent Cloud API secret, current format (cflt)", source: KF("confluent"), token: ["cflt", ["b64", 60]] },
  { id: "contentful-delivery-token", provider: "Contentful", description: "Contentful delivery or preview API token (43) next to a Contentful name", source: "https://www.contentful.com/developers/docs/references/authentication/", token: [["b64url", 43]], context: ["contentful"] },
  { id: "courier-api-key", provider: "Courier", description: "Courier auth token (pk_prod_/pk_test_)", source: KF("courier"), token: ["pk_", { oneOf: ["prod", "test"] }, "_", ["upper", 28]] },
  { id: "covalent-api-key", provider: "Covalent", description: "Covalent (GoldRush) API key (ckey_)", source: TH("covalent"), token: ["ckey_", ["alnum", 27]] },
  { id: "coveralls-repo-token", provider: "Coveralls", description: "Coveralls repository token next to its name", source: TH("coveralls"), token: [["alnum", 32, 37]], context: ["coveralls"] },
  { id: "coze-personal-access-token", provider: "Coze", description: "Coze personal access token (pat_ + 64) next to a Coze name", source: KF("coze"), token: ["pat_", ["alnum", 64]], context: ["coze"], words: [] },
  { id: "crowdstrike-client-secret", provider: "CrowdStrike", description: "CrowdStrike Falcon API client secret (40) next to its name", source: TH("crowdstrike"), token: [["alnum", 40]], context: ["crowdstrike", "falcon"], words: SECRET },
  { id: "cypress-record-key", provider: "Cypress", description: "Cypress Cloud record key (UUID) next to a Cypress name", source: KF("cypress"), token: [...UUID], context: ["cypress"] },
  // ---- D ----------------------------------------------------------------------------------
  { id: "databricks-oauth-secret", provider: "Databricks", description: "Databricks service principal OAuth secret (dose)", source: "https://docs.databricks.com/en/dev-tools/auth/oauth-m2m.html", token: ["dose", ["Hex", 32]] },
  { id: "deepgram-api-key", provider: "Deepgram", description: "Deepgram API key (40 hex) next to its name", source: KF("deepgram"), token: [["hex", 40]], context: ["deepgram"] },
  { id: "deepinfra-api-key", provider: "DeepInfra", description: "DeepInfra API token next to its name", source: TH("deepinfra"), token: [["alnum", 32]], context: ["deepinfra"] },
  { id: "deepl-free-api-key", provider: "DeepL", description: "DeepL API Free key (UUID:fx)", source: KF("deepl"), token: [...UUID, ":fx"], keywords: [":fx"] },
  { id: "deepl-api-key", provider: "DeepL", description: "DeepL API key (UUID) next to a DeepL name", source: KF("deepl"), token: [...UUID], context: ["deepl"] },
  { id: "deepseek-api-key", provider: "DeepSeek", description: "DeepSeek API key (sk- + 32 hex)", source: KF("deepseek"), token: ["sk-", ["hex", 32]] },
  { id: "defined-networking-api-key", provider: "Defined Networking", description: "Defined Networking (Managed Nebula) API key (dnkey-)", source: KF("definednetworking"), token: ["dnkey-", ["b64urlpad", 26], "-", ["b64urlpad", 52]] },
  { id: "delighted-api-key", provider: "Delighted", description: "Delighted API key next to its name", source: KF("delighted"), token: [["alnum", 32]], context: ["delighted"] },
  { id: "deno-deploy-token", provider: "Deno", description: "Deno Deploy access token (ddp_)", source: "https://docs.deno.com/deploy/manual/api/", token: ["ddp_", ["alnum", 36]] },
  { id: "dependency-track-api-key", provider: "Dependency-Track", description: "OWASP Dependency-Track API key (odt_)", source: "https://docs.dependencytrack.org/integrations/rest-api/", token: ["odt_", ["alnum", 32, 64]] },
  { id: "diffbot-api-token", provider: "Diffbot", description: "Diffbot API token (32 hex) next to its name", source: KF("diffbot"), token: [["hex", 32]], context: ["diffbot"] },
  { id: "doppler-personal-token", provider: "Doppler", description: "Doppler personal token (dp.pt.)", source: DOPPLER, token: ["dp.pt.", ["alnum", 40, 44]] },
  { id: "doppler-service-token", provider: "Doppler", description: "Doppler service token (dp.st.)", source: DOPPLER, token: ["dp.st.", ["alnum", 40, 44]] },
  { id: "doppler-service-token-config", provider: "Doppler", description: "Doppler service token scoped to a config (dp.st.<config>.)", source: DOPPLER, token: ["dp.st.", ["b64url", 2, 35], ".", ["alnum", 40, 44]] },
  { id: "doppler-cli-token", provider: "Doppler", description: "Doppler CLI token (dp.ct.)", source: DOPPLER, token: ["dp.ct.", ["alnum", 40, 44]] },
  { id: "doppler-service-account-token", provider: "Doppler", description: "Doppler service account token (dp.sa.)", source: DOPPLER, token: ["dp.sa.", ["alnum", 40, 44]] },
  { id: "doppler-scim-token", provider: "Doppler", description: "Doppler SCIM token (dp.scim.)", source: DOPPLER, token: ["dp.scim.", ["alnum", 40, 44]] },
  { id: "doppler-audit-token", provider: "Doppler", description: "Doppler audit token (dp.audit.)", source: DOPPLER, token: ["dp.audit.", ["alnum", 40, 44]] },
  { id: "drone-ci-token", provider: "Drone", description: "Drone CI access token (hex) next to a Drone name", source: KF("drone"), token: [["hex", 32, 64]], context: ["drone", "droneci"] },
  { id: "dropbox-long-lived-token", provider: "Dropbox", description: "Dropbox long-lived access token (11 + AAAAAAAAAA + 43)", source: GL("dropbox"), token: [["alnum", 11], "AAAAAAAAAA", ["b64urlpad", 43]], keywords: ["aaaaaaaaaa"], prefixes: [], validate: (s) => !s.startsWith("A".repeat(11)) },
  { id: "dropbox-app-secret", provider: "Dropbox", description: "Dropbox app secret (15) next to a Dropbox name", source: GL("dropbox"), token: [["lower", 15]], context: ["dropbox"], words: SECRET },
  { id: "duffel-api-token", provider: "Duffel", description: "Duffel API access token (duffel_live_/duffel_test_)", source: GL("duffel"), token: ["duffel_", { oneOf: ["live", "test"] }, "_", ["b64urlpad", 43]], prefixes: ["duffel_live_", "duffel_test_"] },
  // ---- E ----------------------------------------------------------------------------------
  { id: "elevenlabs-api-key", provider: "ElevenLabs", description: "ElevenLabs API key (sk_ + 48 hex)", source: KF("elevenlabs"), token: ["sk_", ["hex", 48]] },
  {
    id: "ethereum-private-key",
    provider: "Ethereum",
    description: "Raw secp256k1 (Ethereum / EVM) private key, 64 hex, assigned to a key-like name",
    source: "https://ethereum.org/en/developers/docs/accounts/#account-creation",
    token: [{ oneOf: ["0x", ""] }, ["Hex", 64]],
    context: ["private", "priv", "wallet", "signer", "deployer", "relayer", "eth", "evm"],
    words: ["key", "pk"],
    // "eth" and "evm" alone would wake the rule on every "method" and "event".
    keywords: ["private", "priv", "wallet", "signer", "deployer", "relayer", "eth_", "eth-", "ethkey", "ethpk", "evm_", "evm-", "evmkey"],
    validate: secp256k1Key,
    severity: "critical",
  },
  { id: "etherscan-api-key", provider: "Etherscan", description: "Etherscan (and BscScan, PolygonScan) API key (34) next to its name", source: TH("etherscan"), token: [["upper", 34]], context: ["etherscan", "bscscan", "polygonscan"] },
  { id: "eventbrite-api-key", provider: "Eventbrite", description: "Eventbrite private token (20) next to its name", source: TH("eventbrite"), token: [["upper", 20]], context: ["eventbrite"] },
  // ---- F ----------------------------------------------------------------------------------
  { id: "fal-api-key", provider: "fal.ai", description: "fal.ai API key (UUID:32 hex) next to a fal name", source: "https://docs.fal.ai/authentication/key-based", token: [...UUID, ":", ["hex", 32]], context: ["fal"], keywords: nameKeywords("fal", "falapi") },
  { id: "fastly-api-token", provider: "Fastly", description: "Fastly API token (32) next to a Fastly name", source: GL("fastly"), token: [["b64url", 32]], context: ["fastly"] },
  { id: "finicity-api-token", provider: "Finicity", description: "Finicity (Mastercard Open Banking) app key (32 hex) next to its name", source: GL("finicity"), token: [["hex", 32]], context: ["finicity"] },
  { id: "finicity-client-secret", provider: "Finicity", description: "Finicity partner secret (20) next to its name", source: GL("finicity"), token: [["alnum", 20]], context: ["finicity"], words: SECRET },
  { id: "finnhub-api-token", provider: "Finnhub", description: "Finnhub API token (20) next to its name", source: GL("finnhub"), token: [["lower", 20]], context: ["finnhub"] },
  { id: "firebase-cloud-messaging-server-key", provider: "Firebase", description: "Firebase Cloud Messaging legacy server key (AAAA…:APA91b…)", source: "https://firebase.google.com/docs/cloud-messaging/auth-server", token: ["AAAA", ["b64url", 7], ":APA91b", ["b64url", 134]], keywords: ["apa91b"] },
  { id: "firecrawl-api-key", provider: "Firecrawl", description: "Firecrawl API key (fc- + 32 hex)", source: KF("firecrawl"), token: ["fc-", ["hex", 32]] },
  { id: "fireworks-api-key", provider: "Fireworks AI", description: "Fireworks AI API key (fw_)", source: KF("fireworks"), token: ["fw_", ["alnum", 24]] },
  { id: "fixer-api-key", provider: "Fixer", description: "Fixer currency API key (32 hex) next to its name", source: TH("fixerio"), token: [["hex", 32]], context: ["fixer"] },
  { id: "flickr-api-key", provider: "Flickr", description: "Flickr API key or secret (hex) next to its name", source: GL("flickr"), token: [["hex", 16, 32]], context: ["flickr"] },
  { id: "frameio-api-token", provider: "Frame.io", description: "Frame.io developer token (fio-u-)", source: GL("frameio"), token: ["fio-u-", ["b64urlpad", 64]] },
  { id: "freshbooks-access-token", provider: "FreshBooks", description: "FreshBooks access token (64) next to its name", source: GL("freshbooks"), token: [["lower", 64]], context: ["freshbooks"] },
  { id: "freshdesk-api-key", provider: "Freshdesk", description: "Freshdesk API key (20) next to its name", source: TH("freshdesk"), token: [["alnum", 20]], context: ["freshdesk"] },
  { id: "friendli-api-key", provider: "Friendli", description: "Friendli AI personal access token (flp_)", source: KF("friendli"), token: ["flp_", ["alnum", 46]] },
  // ---- G ----------------------------------------------------------------------------------
  { id: "geoapify-api-key", provider: "Geoapify", description: "Geoapify API key (32 hex) next to its name", source: TH("geoapify"), token: [["hex", 32]], context: ["geoapify"] },
  { id: "ghost-admin-api-key", provider: "Ghost", description: "Ghost Admin API key (24 hex id : 64 hex secret) next to a Ghost name", source: "https://ghost.org/docs/admin-api/#token-authentication", token: [["hex", 24], ":", ["hex", 64]], context: ["ghost"], keywords: nameKeywords("ghost", "ghostadmin", "ghostapi") },
  { id: "gitea-access-token", provider: "Gitea", description: "Gitea (or Forgejo) access token (40 hex) next to its name", source: "https://docs.gitea.com/development/api-usage", token: [["hex", 40]], context: ["gitea", "forgejo"] },
  { id: "gitter-access-token", provider: "Gitter", description: "Gitter access token (40) next to its name", source: GL("gitter"), token: [["b64url", 40]], context: ["gitter"] },
  { id: "gocardless-api-token", provider: "GoCardless", description: "GoCardless access token (live_/sandbox_) next to a GoCardless name", source: GL("gocardless"), token: [{ oneOf: ["live_", "sandbox_"] }, ["b64urlpad", 40]], context: ["gocardless"], prefixes: ["live_", "sandbox_"] },
  // ---- H ----------------------------------------------------------------------------------
  { id: "harness-api-token", provider: "Harness", description: "Harness personal or service account token (pat./sat.)", source: GL("harness"), token: [{ oneOf: ["pat.", "sat."] }, ["b64url", 22], ".", ["alnum", 24], ".", ["alnum", 20]] },
  { id: "harvest-access-token", provider: "Harvest", description: "Harvest personal access token (<account>.pt.<86>) next to a Harvest name", source: TH("harvest"), token: [["digits", 6, 8], ".pt.", ["b64url", 86]], context: ["harvest"] },
  { id: "vault-recovery-token", provider: "HashiCorp", description: "HashiCorp Vault recovery token (hvr.)", source: KF("hashicorp"), token: ["hvr.", ["alnum", 24, 130]] },
  { id: "hcp-client-secret", provider: "HashiCorp", description: "HashiCorp Cloud Platform service principal secret (64) next to an HCP name", source: "https://developer.hashicorp.com/hcp/docs/hcp/iam/service-principal", token: [["alnum", 64]], context: ["hcp"], words: SECRET },
  { id: "helicone-api-key", provider: "Helicone", description: "Helicone API key (sk-helicone-)", source: TH("helicone"), token: ["sk-helicone-", ["lower", 7], "-", ["lower", 7], "-", ["lower", 7], "-", ["lower", 7]] },
  { id: "hetzner-cloud-api-token", provider: "Hetzner", description: "Hetzner Cloud API token (64) next to a Hetzner or hcloud name", source: TH("hetznercloud"), token: [["alnum", 64]], context: ["hetzner", "hcloud"] },
  { id: "hunter-api-key", provider: "Hunter", description: "Hunter.io API key (40 hex) next to its name", source: TH("hunter"), token: [["hex", 40]], context: ["hunter"] },
  // ---- I ----------------------------------------------------------------------------------
  { id: "ibm-cloud-api-key", provider: "IBM Cloud", description: "IBM Cloud IAM API key (44) next to an IBM name", source: KF("ibm"), token: [["b64url", 44]], context: ["ibm", "ibmcloud", "bluemix"] },
  { id: "ibm-cos-hmac-secret", provider: "IBM Cloud", description: "IBM Cloud Object Storage HMAC secret access key (48 hex)", source: "https://cloud.ibm.com/docs/cloud-object-storage?topic=cloud-object-storage-uhc-hmac-credentials-main", token: [["hex", 48]], context: ["secret_access", "secretAccess", "cos_hmac", "ibm"], words: [] },
  { id: "iex-cloud-api-key", provider: "IEX Cloud", description: "IEX Cloud secret or publishable token next to an IEX name", source: TH("iexcloud"), token: [{ oneOf: ["sk_", "pk_", "Tsk_", "Tpk_"] }, ["hex", 32]], context: ["iex", "iexcloud"] },
  { id: "imagekit-private-key", provider: "ImageKit", description: "ImageKit private API key (private_) next to an ImageKit name", source: TH("imagekit"), token: ["private_", ["b64", 27, 28]], context: ["imagekit"] },
  { id: "imgur-client-secret", provider: "Imgur", description: "Imgur client secret (40 hex) next to its name", source: TH("imgur"), token: [["hex", 40]], context: ["imgur"] },
  { id: "infobip-api-key", provider: "Infobip", description: "Infobip API key (32 hex - UUID) next to its name", source: TH("infobip"), token: [["hex", 32], "-", ...UUID], context: ["infobip"] },
  { id: "infura-api-key", provider: "Infura", description: "Infura API key or secret (32 hex) next to its name", source: TH("infura"), token: [["hex", 32]], context: ["infura"] },
  { id: "intercom-access-token", provider: "Intercom", description: "Intercom access token (base64 of tok:<id>:1:0)", source: GL("intercom"), token: ["dG9rO", { oneOf: ["j", "m"] }, ["b64", 53], "="], keywords: ["dg9roj", "dg9rom"], prefixes: [] },
  { id: "ionic-api-token", provider: "Ionic", description: "Ionic Appflow personal access token (ion_)", source: KF("ionic"), token: ["ion_", ["alnum", 42]] },
  { id: "ipstack-api-key", provider: "ipstack", description: "ipstack access key (32 hex) next to its name", source: KF("ipstack"), token: [["hex", 32]], context: ["ipstack"] },
  { id: "iterable-api-key", provider: "Iterable", description: "Iterable API key (32 hex) next to its name", source: TH("iterable"), token: [["hex", 32]], context: ["iterable"], keywords: nameKeywords("iterable", "iterableapi") },
  // ---- J ----------------------------------------------------------------------------------
  { id: "jenkins-api-token", provider: "Jenkins", description: "Jenkins user API token (11 + 32 hex) next to a Jenkins name", source: KF("jenkins"), token: ["11", ["hex", 32]], context: ["jenkins"] },
  { id: "jina-api-key", provider: "Jina AI", description: "Jina AI API key (jina_)", source: KF("jina"), token: ["jina_", ["alnum", 60]] },
  { id: "jotform-api-key", provider: "Jotform", description: "Jotform API key (32 hex) next to its name", source: TH("jotform"), token: [["hex", 32]], context: ["jotform"] },
  { id: "jumpcloud-api-key", provider: "JumpCloud", description: "JumpCloud API key (40) next to its name", source: TH("jumpcloud"), token: [["lower", 40]], context: ["jumpcloud"] },
  // ---- K ----------------------------------------------------------------------------------
  { id: "kaggle-api-key", provider: "Kaggle", description: "Kaggle API key (32 hex) next to a Kaggle name", source: "https://www.kaggle.com/docs/api#authentication", token: [["hex", 32]], context: ["kaggle"] },
  { id: "kagi-api-key", provider: "Kagi", description: "Kagi API token (11.43) next to its name", source: KF("kagi"), token: [["b64url", 11], ".", ["b64url", 43]], context: ["kagi"] },
  { id: "klaviyo-private-key", provider: "Klaviyo", description: "Klaviyo private API key (pk_) next to a Klaviyo name", source: TH("klaviyo"), token: ["pk_", ["alnum", 34]], context: ["klaviyo"] },
  { id: "kong-personal-access-token", provider: "Kong", description: "Kong Konnect personal access token (kpat_)", source: KONG, token: ["kpat_", ["alnum", 49]] },
  { id: "kong-system-account-token", provider: "Kong", description: "Kong Konnect system account token (spat_)", source: KONG, token: ["spat_", ["alnum", 49]] },
  { id: "kraken-api-key", provider: "Kraken", description: "Kraken API key (56 base64) next to a Kraken name", source: GL("kraken"), token: [["b64", 56]], context: ["kraken"] },
  { id: "kraken-private-key", provider: "Kraken", description: "Kraken API private key (88 base64) next to a Kraken name", source: GL("kraken"), token: [["b64", 86], "=="], context: ["kraken"], words: ["secret", "private", "key"] },
  { id: "kucoin-api-key", provider: "KuCoin", description: "KuCoin API key (24 hex) next to its name", source: GL("kucoin"), token: [["hex", 24]], context: ["kucoin"] },
  { id: "kucoin-api-secret", provider: "KuCoin", description: "KuCoin API secret (UUID) next to its name", source: GL("kucoin"), token: [...UUID], context: ["kucoin"], words: SECRET },
  // ---- More formats stated by public scanners' rules ---------------------------------------
  { id: "browserbase-api-key", provider: "Browserbase", description: "Browserbase API key (bb_live_/bb_test_)", source: KF("browserbase"), token: ["bb_", { oneOf: ["live", "test"] }, "_", ["b64url", 27]] },
  { id: "calcom-api-key", provider: "Cal.com", description: "Cal.com API key (cal_live_ / cal_)", source: KF("calcom"), token: ["cal", { oneOf: ["_live_", "_"] }, ["alnum", 32]], validate: (s) => /[0-9]/.test(s) },
  { id: "cartesia-api-key", provider: "Cartesia", description: "Cartesia API key (sk_car_)", source: KF("cartesia"), token: ["sk_car_", ["word", 20]] },
  { id: "censys-api-secret", provider: "Censys", description: "Censys API secret (32) next to a Censys name", source: KF("censys"), token: [["alnum", 32]], context: ["censys"], words: SECRET },
  { id: "chartmogul-api-key", provider: "ChartMogul", description: "ChartMogul API key (32) next to its name", source: KF("chartmogul"), token: [["lower", 32]], context: ["chartmogul"] },
  { id: "civo-api-key", provider: "Civo", description: "Civo API key (50) next to a Civo name", source: KF("civo"), token: [["lower", 50]], context: ["civo"] },
  { id: "cockroachdb-cloud-api-key", provider: "CockroachDB", description: "CockroachDB Cloud service account API key (CCDB1_)", source: KF("cockroachlabs"), token: ["CCDB1_", ["alnum", 22], "_", ["alnum", 40]] },
  { id: "composio-api-key", provider: "Composio", description: "Composio project or consumer API key (ak_/ck_) next to a Composio name", source: KF("composio"), token: [{ oneOf: ["ak_", "ck_"] }, ["b64url", 20]], context: ["composio"] },
  { id: "configcat-sdk-key", provider: "ConfigCat", description: "ConfigCat SDK key (configcat-sdk-1/…/…)", source: KF("configcat"), token: ["configcat-sdk-1/", ["b64url", 22], "/", ["b64url", 22]], severity: "medium" },
  { id: "configcat-legacy-sdk-key", provider: "ConfigCat", description: "ConfigCat legacy SDK key (22/22) next to a ConfigCat name", source: KF("configcat"), token: [["b64url", 22], "/", ["b64url", 22]], context: ["configcat"], severity: "medium" },
  { id: "contentstack-management-token", provider: "Contentstack", description: "Contentstack management token (cs + 32 hex) next to its name", source: TH("contentstack"), token: ["cs", ["hex", 32]], context: ["contentstack"] },
  { id: "crossmint-server-api-key", provider: "Crossmint", description: "Crossmint server API key (sk_production_/sk_staging_) next to a Crossmint name", source: KF("crossmint"), token: ["sk_", { oneOf: ["production", "staging"] }, "_", ["alnum", 24, 48]], context: ["crossmint"], prefixes: ["sk_production_", "sk_staging_"] },
  { id: "cursor-api-key", provider: "Cursor", description: "Cursor user API key (key_ + 64)", source: KF("cursor"), token: ["key_", ["lower", 64]], prefixes: [], entropy: 3.5 },
  { id: "customerio-api-key", provider: "Customer.io", description: "Customer.io site id / tracking API key (20 hex) next to its name", source: TH("customerio"), token: [["hex", 20]], context: ["customerio", "customer_io"] },
  { id: "branch-secret", provider: "Branch", description: "Branch.io app secret next to a Branch name", source: KF("branchio"), token: [["alnum", 40, 64]], context: ["branch"], words: SECRET, keywords: ["branch_secret", "branch-secret", "branchsecret", "branch.secret", "branch_key_secret", "branch-key-secret", "branchkeysecret", "branch.key.secret"] },
  { id: "canva-client-secret", provider: "Canva", description: "Canva Connect API client secret (cnvca)", source: KF("canva"), token: ["cnvca", ["b64url", 51]] },
  { id: "clay-api-key", provider: "Clay", description: "Clay API key (20 hex) next to a Clay name", source: KF("clay"), token: [["hex", 20]], context: ["clay"] },
  { id: "clockwork-sms-api-key", provider: "Clockwork SMS", description: "Clockwork SMS API key (40 hex) next to its name", source: KF("clockwork"), token: [["hex", 40]], context: ["clockwork", "clockworksms"] },
  { id: "cloudsight-api-key", provider: "CloudSight", description: "CloudSight API key next to its name", source: KF("cloudsight"), token: [["alnum", 20, 24]], context: ["cloudsight"] },
  { id: "couchbase-capella-api-key", provider: "Couchbase", description: "Couchbase Capella API key secret (base64) next to a Couchbase or Capella name", source: KF("couchbase"), token: [["b64", 60, 120]], context: ["couchbase", "capella"] },
  { id: "eraser-api-key", provider: "Eraser", description: "Eraser API key (20) next to an Eraser name", source: KF("eraser"), token: [["alnum", 20]], context: ["eraser"] },
  { id: "fileio-secret-key", provider: "file.io", description: "file.io secret key (20.20) next to a file.io name", source: KF("fileio"), token: [["alnum", 20], ".", ["alnum", 20]], context: ["fileio", "file_io"] },
  { id: "kickbox-api-key", provider: "Kickbox", description: "Kickbox API key (live_/test_ + 64) next to a Kickbox name", source: KF("kickbox"), token: [{ oneOf: ["live_", "test_"] }, ["alnum", 64]], context: ["kickbox"] },
  // ---- Keyword-context formats of TruffleHog's detectors ------------------------------------
  { id: "abuseipdb-api-key", provider: "AbuseIPDB", description: "AbuseIPDB API credential next to its name", source: TH("abuseipdb"), token: [["lower", 80]], context: ["abuseipdb"] },
  { id: "aviationstack-api-key", provider: "aviationstack", description: "aviationstack API credential next to its name", source: TH("aviationstack"), token: [["hex", 32]], context: ["aviationstack"] },
  { id: "bitfinex-api-key", provider: "Bitfinex", description: "Bitfinex API credential next to its name", source: TH("bitfinex"), token: [["b64url", 43]], context: ["bitfinex"] },
  { id: "bitmex-api-key", provider: "BitMEX", description: "BitMEX API credential next to its name", source: TH("bitmex"), token: [["b64url", 24]], context: ["bitmex"] },
  { id: "bitmex-api-secret", provider: "BitMEX", description: "BitMEX API credential next to its name", source: TH("bitmex"), token: [["b64url", 48]], context: ["bitmex"], words: SECRET },
  { id: "bittrex-api-key", provider: "Bittrex", description: "Bittrex API credential next to its name", source: TH("bittrex"), token: [["alnum", 32]], context: ["bittrex"] },
  { id: "bugherd-api-key", provider: "BugHerd", description: "BugHerd API credential next to its name", source: TH("bugherd"), token: [["lower", 22]], context: ["bugherd"] },
  { id: "calendarific-api-key", provider: "Calendarific", description: "Calendarific API credential next to its name", source: TH("calendarific"), token: [["lower", 40]], context: ["calendarific"] },
  { id: "clockify-api-key", provider: "Clockify", description: "Clockify API credential next to its name", source: TH("clockify"), token: [["alnum", 48]], context: ["clockify"] },
  { id: "coinbase-access-token", provider: "Coinbase", description: "Coinbase API credential next to its name", source: TH("coinbase"), token: [["b64url", 64]], context: ["coinbase"] },
  { id: "coinlayer-api-key", provider: "coinlayer", description: "coinlayer API credential next to its name", source: TH("coinlayer"), token: [["lower", 32]], context: ["coinlayer"] },
  { id: "convertkit-api-key", provider: "Kit (ConvertKit)", description: "Kit (ConvertKit) API credential next to its name", source: TH("convertkit"), token: [["b64url", 22]], context: ["convertkit"] },
  { id: "crowdin-api-token", provider: "Crowdin", description: "Crowdin API credential next to its name", source: TH("crowdin"), token: [["hex", 80]], context: ["crowdin"] },
  { id: "cryptocompare-api-key", provider: "CryptoCompare", description: "CryptoCompare API credential next to its name", source: TH("cryptocompare"), token: [["lower", 64]], context: ["cryptocompare"] },
  { id: "currencycloud-api-key", provider: "Currencycloud", description: "Currencycloud API credential next to its name", source: TH("currencycloud"), token: [["hex", 64]], context: ["currencycloud"] },
  { id: "currencylayer-api-key", provider: "currencylayer", description: "currencylayer API credential next to its name", source: TH("currencylayer"), token: [["lower", 32]], context: ["currencylayer"] },
  { id: "dailyco-api-key", provider: "Daily", description: "Daily API credential next to its name", source: TH("dailyco"), token: [["hex", 64]], context: ["daily_co", "dailyco"] },
  { id: "deputy-api-token", provider: "Deputy", description: "Deputy API credential next to its name", source: TH("deputy"), token: [["lower", 32]], context: ["deputy"] },
  { id: "detectify-api-key", provider: "Detectify", description: "Detectify API credential next to its name", source: TH("detectify"), token: [["lower", 32]], context: ["detectify"] },
  { id: "detectlanguage-api-key", provider: "Detect Language", description: "Detect Language API credential next to its name", source: TH("detectlanguage"), token: [["lower", 32]], context: ["detectlanguage", "detect_language"] },
  { id: "disqus-api-key", provider: "Disqus", description: "Disqus API credential next to its name", source: TH("disqus"), token: [["alnum", 64]], context: ["disqus"] },
  { id: "docparser-api-key", provider: "Docparser", description: "Docparser API credential next to its name", source: TH("docparser"), token: [["hex", 40]], context: ["docparser"] },
  { id: "dwolla-api-key", provider: "Dwolla", description: "Dwolla API credential next to its name", source: TH("dwolla"), token: [["alnum", 50]], context: ["dwolla"] },
  { id: "elasticemail-api-key", provider: "Elastic Email", description: "Elastic Email API credential next to its name", source: TH("elasticemail"), token: [["b64url", 96]], context: ["elasticemail", "elastic_email"] },
  { id: "everhour-api-key", provider: "Everhour", description: "Everhour API credential next to its name", source: TH("everhour"), token: [["hex", 4], "-", ["hex", 4], "-", ["hex", 6], "-", ["hex", 6], "-", ["hex", 8]], context: ["everhour"] },
  { id: "exchangerate-api-key", provider: "ExchangeRate-API", description: "ExchangeRate-API API credential next to its name", source: TH("exchangerateapi"), token: [["lower", 24]], context: ["exchangerate", "exchange_rate"] },
  { id: "fastforex-api-key", provider: "fastFOREX", description: "fastFOREX API credential next to its name", source: TH("fastforex"), token: [["lower", 28]], context: ["fastforex"] },
  { id: "geocodio-api-key", provider: "Geocodio", description: "Geocodio API credential next to its name", source: TH("geocodio"), token: [["lower", 39]], context: ["geocodio"] },
  { id: "getresponse-api-key", provider: "GetResponse", description: "GetResponse API credential next to its name", source: TH("getresponse"), token: [["lower", 32]], context: ["getresponse"] },
  { id: "glassnode-api-key", provider: "Glassnode", description: "Glassnode API credential next to its name", source: TH("glassnode"), token: [["alnum", 27]], context: ["glassnode"] },
  { id: "gyazo-access-token", provider: "Gyazo", description: "Gyazo API credential next to its name", source: TH("gyazo"), token: [["b64url", 43]], context: ["gyazo"] },
  { id: "happyscribe-api-key", provider: "Happy Scribe", description: "Happy Scribe API credential next to its name", source: TH("happyscribe"), token: [["alnum", 24]], context: ["happyscribe"] },
  { id: "helpscout-api-key", provider: "Help Scout", description: "Help Scout API credential next to its name", source: TH("helpscout"), token: [["alnum", 56]], context: ["helpscout", "help_scout"] },
  { id: "holidayapi-api-key", provider: "Holiday API", description: "Holiday API API credential next to its name", source: TH("holidayapi"), token: [...UUID], context: ["holidayapi"] },
  { id: "iconfinder-api-key", provider: "Iconfinder", description: "Iconfinder API credential next to its name", source: TH("iconfinder"), token: [["alnum", 64]], context: ["iconfinder"] },
  { id: "intrinio-api-key", provider: "Intrinio", description: "Intrinio API credential next to its name", source: TH("intrinio"), token: [["alnum", 44]], context: ["intrinio"] },
  { id: "ipgeolocation-api-key", provider: "ipgeolocation", description: "ipgeolocation API credential next to its name", source: TH("ipgeolocation"), token: [["lower", 32]], context: ["ipgeolocation"] },
  { id: "ipqualityscore-api-key", provider: "IPQualityScore", description: "IPQualityScore API credential next to its name", source: TH("ipquality"), token: [["lower", 32]], context: ["ipqualityscore", "ipquality"] },
  { id: "klipfolio-api-key", provider: "Klipfolio", description: "Klipfolio API credential next to its name", source: TH("klipfolio"), token: [["hex", 40]], context: ["klipfolio"] },
  { id: "knapsackpro-api-token", provider: "Knapsack Pro", description: "Knapsack Pro API credential next to its name", source: TH("knapsackpro"), token: [["hex", 32]], context: ["knapsack"] },
  { id: "asana-client-secret", provider: "Asana", description: "Asana OAuth client secret (32) next to an Asana name", source: GL("asana"), token: [["alnum", 32]], context: ["asana"], words: SECRET },
  { id: "flutterwave-encryption-key", provider: "Flutterwave", description: "Flutterwave test-mode encryption key (FLWSECK_TEST + 12 hex)", source: GL("flutterwave"), token: ["FLWSECK_TEST", ["hex", 12]], severity: "medium" },
  { id: "adzuna-api-key", provider: "Adzuna", description: "Adzuna API credential next to its name", source: TH("adzuna"), token: [["lower", 32]], context: ["adzuna"] },
  { id: "alienvault-otx-api-key", provider: "AlienVault OTX", description: "AlienVault OTX API credential next to its name", source: TH("alienvault"), token: [["lower", 64]], context: ["alienvault", "otx"] },
  { id: "amadeus-api-key", provider: "Amadeus", description: "Amadeus API credential next to its name", source: TH("amadeus"), token: [["alnum", 32]], context: ["amadeus"] },
  { id: "ambee-api-key", provider: "Ambee", description: "Ambee API credential next to its name", source: TH("ambee"), token: [["hex", 64]], context: ["ambee"] },
  { id: "apiflash-access-key", provider: "ApiFlash", description: "ApiFlash API credential next to its name", source: TH("apiflash"), token: [["lower", 32]], context: ["apiflash"] },
  { id: "artsy-client-secret", provider: "Artsy", description: "Artsy API credential next to its name", source: TH("artsy"), token: [["alnum", 32]], context: ["artsy"], words: SECRET },
  { id: "audd-api-token", provider: "AudD", description: "AudD API credential next to its name", source: TH("audd"), token: [["lower", 32]], context: ["audd"] },
  { id: "aylien-api-key", provider: "AYLIEN", description: "AYLIEN API credential next to its name", source: TH("aylien"), token: [["lower", 32]], context: ["aylien"] },
  { id: "ayrshare-api-key", provider: "Ayrshare", description: "Ayrshare API credential next to its name", source: TH("ayrshare"), token: [["upper", 7], "-", ["upper", 7], "-", ["upper", 7], "-", ["upper", 7]], context: ["ayrshare"] },
  { id: "bitcoinaverage-api-key", provider: "BitcoinAverage", description: "BitcoinAverage API credential next to its name", source: TH("bitcoinaverage"), token: [["alnum", 43]], context: ["bitcoinaverage"] },
  { id: "browshot-api-key", provider: "Browshot", description: "Browshot API credential next to its name", source: TH("browshot"), token: [["b64url", 28]], context: ["browshot"] },
  { id: "calorieninjas-api-key", provider: "CalorieNinjas", description: "CalorieNinjas API credential next to its name", source: TH("calorieninja"), token: [["alnum", 40]], context: ["calorieninjas", "calorieninja"] },
  { id: "campayn-api-key", provider: "Campayn", description: "Campayn API credential next to its name", source: TH("campayn"), token: [["lower", 64]], context: ["campayn"] },
  { id: "cannyio-api-key", provider: "Canny", description: "Canny API credential next to its name", source: TH("cannyio"), token: [...UUID], context: ["canny", "cannyio"] },
  { id: "cicero-api-key", provider: "Cicero", description: "Cicero API credential next to its name", source: TH("cicero"), token: [["lower", 40]], context: ["cicero"] },
  { id: "cloze-api-key", provider: "Cloze", description: "Cloze API credential next to its name", source: TH("cloze"), token: [["hex", 32]], context: ["cloze"] },
  { id: "clustdoc-api-token", provider: "Clustdoc", description: "Clustdoc API credential next to its name", source: TH("clustdoc"), token: [["alnum", 60]], context: ["clustdoc"] },
  { id: "codequiry-api-key", provider: "Codequiry", description: "Codequiry API credential next to its name", source: TH("codequiry"), token: [["hex", 64]], context: ["codequiry"] },
  { id: "countrylayer-api-key", provider: "countrylayer", description: "countrylayer API credential next to its name", source: TH("countrylayer"), token: [["lower", 32]], context: ["countrylayer"] },
  { id: "craftmypdf-api-key", provider: "CraftMyPDF", description: "CraftMyPDF API credential next to its name", source: TH("craftmypdf"), token: [["alnum", 35]], context: ["craftmypdf"] },
  { id: "currencyfreaks-api-key", provider: "CurrencyFreaks", description: "CurrencyFreaks API credential next to its name", source: TH("currencyfreaks"), token: [["lower", 32]], context: ["currencyfreaks"] },
  { id: "customerguru-api-key", provider: "Customer Guru", description: "Customer Guru API credential next to its name", source: TH("customerguru"), token: [["lower", 50]], context: ["customerguru"] },
  { id: "dandelion-api-token", provider: "Dandelion", description: "Dandelion API credential next to its name", source: TH("dandelion"), token: [["lower", 32]], context: ["dandelion"] },
  { id: "dareboost-api-token", provider: "Dareboost", description: "Dareboost API credential next to its name", source: TH("dareboost"), token: [["alnum", 60]], context: ["dareboost"] },
  { id: "deepai-api-key", provider: "DeepAI", description: "DeepAI API credential next to its name", source: TH("deepai"), token: [...UUID], context: ["deepai"] },
  { id: "dfuse-api-key", provider: "dfuse", description: "dfuse API credential next to its name", source: TH("dfuse"), token: ["web_", ["lower", 32]], context: ["dfuse"] },
  { id: "dyspatch-api-key", provider: "Dyspatch", description: "Dyspatch API credential next to its name", source: TH("dyspatch"), token: [["upper", 52]], context: ["dyspatch"] },
  { id: "edamam-api-key", provider: "Edamam", description: "Edamam API credential next to its name", source: TH("edamam"), token: [["lower", 32]], context: ["edamam"] },
  { id: "enablex-api-key", provider: "EnableX", description: "EnableX API credential next to its name", source: TH("enablex"), token: [["alnum", 36]], context: ["enablex"] },
  { id: "ethplorer-api-key", provider: "Ethplorer", description: "Ethplorer API credential next to its name", source: TH("ethplorer"), token: [["b64url", 22]], context: ["ethplorer"] },
  { id: "financialmodelingprep-api-key", provider: "Financial Modeling Prep", description: "Financial Modeling Prep API credential next to its name", source: TH("financialmodelingprep"), token: [["alnum", 32]], context: ["financialmodelingprep", "fmp"] },
  { id: "flightapi-api-key", provider: "FlightAPI", description: "FlightAPI API credential next to its name", source: TH("flightapi"), token: [["lower", 24]], context: ["flightapi"] },
  { id: "goodday-api-token", provider: "GoodDay", description: "GoodDay API credential next to its name", source: TH("goodday"), token: [["lower", 32]], context: ["goodday"] },
  { id: "graphhopper-api-key", provider: "GraphHopper", description: "GraphHopper API credential next to its name", source: TH("graphhopper"), token: [...UUID], context: ["graphhopper"] },
  { id: "groovehq-api-token", provider: "Groove", description: "Groove API credential next to its name", source: TH("groovehq"), token: [["alnum", 64]], context: ["groovehq", "groove"] },
  { id: "gtmetrix-api-key", provider: "GTmetrix", description: "GTmetrix API credential next to its name", source: TH("gtmetrix"), token: [["lower", 32]], context: ["gtmetrix"] },
  { id: "html2pdf-api-key", provider: "html2pdf", description: "html2pdf API credential next to its name", source: TH("html2pdf"), token: [["alnum", 64]], context: ["html2pdf"] },
  { id: "insightly-api-key", provider: "Insightly", description: "Insightly API credential next to its name", source: TH("insightly"), token: [...UUID], context: ["insightly"] },
  { id: "ipapi-api-key", provider: "ipapi", description: "ipapi API credential next to its name", source: TH("ipapi"), token: [["lower", 32]], context: ["ipapi"] },
  { id: "ipinfodb-api-key", provider: "IPInfoDB", description: "IPInfoDB API credential next to its name", source: TH("ipinfodb"), token: [["lower", 64]], context: ["ipinfodb"] },
  { id: "juro-api-key", provider: "Juro", description: "Juro API credential next to its name", source: TH("juro"), token: [["alnum", 40]], context: ["juro"] },
  { id: "kontent-api-key", provider: "Kontent.ai", description: "Kontent.ai API credential next to its name", source: TH("kontent"), token: [...UUID], context: ["kontent"] },
  { id: "beebole-api-token", provider: "Beebole", description: "Beebole API credential next to its name", source: TH("beebole"), token: [["lower", 40]], context: ["beebole"] },
  { id: "billomat-api-key", provider: "Billomat", description: "Billomat API credential next to its name", source: TH("billomat"), token: [["lower", 32]], context: ["billomat"] },
  { id: "brandfetch-api-key", provider: "Brandfetch", description: "Brandfetch API credential next to its name", source: TH("brandfetch"), token: [["alnum", 40]], context: ["brandfetch"] },
  { id: "caspio-client-secret", provider: "Caspio", description: "Caspio API credential next to its name", source: TH("caspio"), token: [["lower", 50]], context: ["caspio"], words: SECRET },
  { id: "coinlib-api-key", provider: "Coinlib", description: "Coinlib API credential next to its name", source: TH("coinlib"), token: [["lower", 16]], context: ["coinlib"] },
  { id: "commercejs-api-key", provider: "Commerce.js", description: "Commerce.js API credential next to its name", source: TH("commercejs"), token: [["word", 48]], context: ["commercejs", "chec"] },
  { id: "convertapi-secret", provider: "ConvertAPI", description: "ConvertAPI API credential next to its name", source: TH("convertapi"), token: [["alnum", 16]], context: ["convertapi"], words: SECRET },
  { id: "currencyscoop-api-key", provider: "CurrencyScoop", description: "CurrencyScoop API credential next to its name", source: TH("currencyscoop"), token: [["lower", 32]], context: ["currencyscoop"] },
  { id: "currentsapi-api-key", provider: "Currents API", description: "Currents API API credential next to its name", source: TH("currentsapi"), token: [["b64url", 48]], context: ["currentsapi", "currents_api"] },
  { id: "diggernaut-api-key", provider: "Diggernaut", description: "Diggernaut API credential next to its name", source: TH("diggernaut"), token: [["alnum", 40]], context: ["diggernaut"] },
  { id: "enigma-api-key", provider: "Enigma", description: "Enigma API credential next to its name", source: TH("enigma"), token: [["alnum", 40]], context: ["enigma"] },
  { id: "extractorapi-api-key", provider: "ExtractorAPI", description: "ExtractorAPI API credential next to its name", source: TH("extractorapi"), token: [["alnum", 40]], context: ["extractorapi"] },
  { id: "feedier-api-key", provider: "Feedier", description: "Feedier API credential next to its name", source: TH("feedier"), token: [["alnum", 32]], context: ["feedier"] },
  { id: "hiveage-api-key", provider: "Hiveage", description: "Hiveage API credential next to its name", source: TH("hiveage"), token: [["alnum", 20]], context: ["hiveage"] },
  { id: "humanity-api-key", provider: "Humanity", description: "Humanity API credential next to its name", source: TH("humanity"), token: [["lower", 40]], context: ["humanity"] },
  { id: "invoiceocean-api-token", provider: "InvoiceOcean", description: "InvoiceOcean API credential next to its name", source: TH("invoiceocean"), token: [["alnum", 20]], context: ["invoiceocean"] },
  { id: "karmacrm-api-key", provider: "KarmaCRM", description: "KarmaCRM API credential next to its name", source: TH("karmacrm"), token: [["alnum", 20]], context: ["karmacrm"] },
  { id: "kylas-api-key", provider: "Kylas", description: "Kylas API credential next to its name", source: TH("kylas"), token: [...UUID], context: ["kylas"] },
  { id: "hellosign-api-key", provider: "Dropbox Sign (HelloSign)", description: "Dropbox Sign (HelloSign) API credential next to its name", source: TH("hellosign"), token: [["b64", 64]], context: ["hellosign", "dropbox_sign"] },
  { id: "hypertrack-secret-key", provider: "HyperTrack", description: "HyperTrack API credential next to its name", source: TH("hypertrack"), token: [["b64url", 54]], context: ["hypertrack"], words: SECRET },
  { id: "interseller-api-key", provider: "Interseller", description: "Interseller API credential next to its name", source: TH("interseller"), token: [["lower", 32]], context: ["interseller"] },
  { id: "keen-io-api-key", provider: "Keen", description: "Keen API credential next to its name", source: TH("keenio"), token: [["lower", 64]], context: ["keenio", "keen_io", "keen"] },
  { id: "azure-apim-subscription-key", provider: "Azure", description: "Azure API Management subscription key (32 hex) as Ocp-Apim-Subscription-Key or next to an APIM name", source: KF("azureapim"), token: [["hex", 32]], context: ["ocp-apim-subscription", "apim", "api_management"] },
  {
    id: "azure-logic-apps-sas-url",
    provider: "Azure",
    description: "Azure Logic Apps trigger URL with its SAS signature (sig=)",
    source: "https://learn.microsoft.com/en-us/azure/logic-apps/logic-apps-securing-a-logic-app",
    token: ["https://", ["host", 1, 40], ".", ["host", 1, 30], ".logic.azure.com", { oneOf: ["", ":443"] }, "/workflows/", ["hex", 32], "/triggers/", ["word", 1, 40], "/paths/invoke?api-version=", ["digits", 4], "-", ["digits", 2], "-", ["digits", 2], "&sp=", ["pct", 10, 80], "&sv=1.0&sig=", ["b64url", 43]],
    keywords: ["logic.azure.com"],
    prefixes: [],
  },
];

/** A fake bot token of the right structure, built at run time: base64url(snowflake) . 6 . 27. */
const discordExample = (id: string): string => `${Buffer.from(id).toString("base64url")}.${"Gq3xPz"}.${"h7Kd0QwZr2Vb9LmXc4TnYs8JfA1"}`;

/**
 * A Discord bot token without a Discord name nearby, by structure alone: its first part is the
 * base64 of the bot's 17–20 digit id, and base64 of ASCII digits is made of four-character
 * groups [MNO][DTjz][AEIMQUYcgk][w-z0-5] — which the pattern checks before anything else, so
 * it fails fast on the many M/N/O words it is tried on.
 */
const discordStructure: Rule = {
  id: "discord-bot-token-structure",
  provider: "Discord",
  description: "Discord bot token recognised by its structure (base64 bot id . timestamp . HMAC), no Discord name needed",
  // No Discord name needed, but some word of what is being set: the structure alone would
  // make every line that contains "nt" a candidate.
  keywords: ["token", "bot", "login", "run(", "key", "secret", "auth", "discord", "client"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>(?:[MNO][DTjz][AEIMQUYcgk][w-z0-5]){5}[A-Za-z0-9_-]{3,7}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})(?![A-Za-z0-9_-])/,
  entropy: 4,
  validate: discordSnowflake,
  severity: "high",
  confidence: "high",
  examples: {
    match: [`BOT_TOKEN=${discordExample("112233445566778899")}`, `client.login("${discordExample("9876543210123456789")}")`],
    // Right shape, but the first part is not the base64 of a numeric id; and a truncated token.
    noMatch: [`BOT_TOKEN=${discordExample("11223344556677889x")}`, `BOT_TOKEN=${discordExample("112233445566778899").slice(0, 40)}`],
  },
};

/** base64 of "-----BEGIN": a kubeconfig's client-key-data is a PEM block, base64-encoded. */
const PEM_B64 = "LS0tLS1CRUdJTi";
const kubeKeyExample = Buffer.from(["-----BEGIN", "EC", "PRIVATE", "KEY-----\nMHcCAQEEI" + "Qx7dKp2Vr9".repeat(6) + "\n-----END", "EC", "PRIVATE", "KEY-----"].join(" ")).toString("base64");

/** A kubeconfig user's client key: the base64 of a PEM private key (not a certificate). */
const kubeconfigClientKey: Rule = {
  id: "kubeconfig-client-key-data",
  provider: "Kubernetes",
  description: "Kubernetes kubeconfig client-key-data (a base64-encoded PEM private key)",
  keywords: ["client-key-data"],
  pattern: new RegExp(String.raw`client-key-data["']?\s{0,4}:\s{0,4}["']?(?<secret>${PEM_B64}[A-Za-z0-9+/]{60,12000}={0,2})(?![A-Za-z0-9+/=])`),
  validate: (s) => /^-----BEGIN [A-Z ]{0,20}PRIVATE KEY-----/.test(Buffer.from(s, "base64").toString("latin1")),
  entropy: 4,
  severity: "critical",
  confidence: "high",
  examples: {
    match: [`    client-key-data: ${kubeKeyExample}`, `{"client-key-data": "${kubeKeyExample}"}`],
    // A certificate is public; a truncated value is not a key.
    noMatch: [`    client-key-data: ${Buffer.from("-----BEGIN CERTIFICATE-----\nMIIB" + "Qx7dKp2Vr9".repeat(8)).toString("base64")}`, `    client-key-data: ${kubeKeyExample.slice(0, 40)}`],
  },
};

/** An Atlassian Data Center PAT is the base64 of "<12-digit id>:<random>"; fake ones built at run time. */
const dcPatExample = (id: string): string => Buffer.from(`${id}:Zq8vK2mXw7Rt4Lp9Nc3B`).toString("base64");

/**
 * Atlassian Data Center personal access tokens (Bamboo, Jira, Confluence, Bitbucket Server):
 * 44 base64 characters that decode to a 12-digit token id, a colon and the secret. The decoding
 * is the check a grammar row cannot state, so the rule is written out.
 */
const atlassianDataCenterPat: Rule = {
  id: "atlassian-data-center-pat",
  provider: "Atlassian",
  description: "Atlassian Data Center personal access token (Bamboo, Jira, Confluence, Bitbucket Server) next to their name",
  keywords: ["bamboo", "jira", "confluence", "bitbucket", "atlassian"],
  pattern: assignment(providerName("bamboo", "jira", "confluence", "bitbucket", "atlassian"), String.raw`[MNO][A-Za-z0-9+/]{43}(?![A-Za-z0-9+/=])`, ["token", "pat", "key", "secret", "password", "auth", "bearer"]),
  validate: (s) => /^[0-9]{12}:/.test(Buffer.from(s, "base64").toString("latin1")),
  entropy: 3.5,
  severity: "high",
  confidence: "medium",
  examples: {
    match: [`BAMBOO_PAT=${dcPatExample("478492487817")}`, `jira.token: "${dcPatExample("123904857612")}"`],
    // The same length, but not the base64 of "<12 digits>:"; and a value under an unrelated name.
    noMatch: [`BAMBOO_PAT=${Buffer.from("abcdefghijkl:Zq8vK2mXw7Rt4Lp9Nc3B").toString("base64")}`, `build_id = "${dcPatExample("478492487817")}"`],
  },
};

export const rules: readonly Rule[] = [...FORMATS.map(formatRule), discordStructure, kubeconfigClientKey, atlassianDataCenterPat];
