/**
 * Provider formats A–K, one row per format (see ../provider-table.ts for what a row says and
 * what it becomes). Shapes are the providers' documented formats, or where a provider does
 * not document one, what public scanners' rule definitions (gitleaks, TruffleHog, Kingfisher)
 * state about the token; bench/corpus/formats-a.js cites the source of each.
 *
 * A row without `near` is recognised by its own prefix and structure; a row with `near` is a
 * bare run of characters and is reported only as the value of an assignment whose name starts
 * with the provider's (`ALGOLIA_ADMIN_KEY = …`), which is what keeps it off generic hex.
 */
import type { Rule } from "../types.js";
import { A, L, U, UUID, UUIDX, W, a, b, d, h, k, opt, providerRules, u, w, x, type ProviderFormat } from "../provider-table.js";

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

const ROWS: readonly ProviderFormat[] = [
  // ---- A ----------------------------------------------------------------------------------
  { id: "adafruit-io-key", provider: "Adafruit", description: "Adafruit IO key (aio_)", token: ["aio_", A(28)] },
  { id: "adobe-client-secret", provider: "Adobe", description: "Adobe Developer Console OAuth client secret (p8e-)", token: ["p8e-", A(32)] },
  { id: "ai21-api-key", provider: "AI21 Labs", description: "AI21 Studio API key next to an AI21 name", token: [...UUID], near: ["ai21"] },
  { id: "airbrake-user-key", provider: "Airbrake", description: "Airbrake user API key (40 hex) next to an Airbrake name", token: [h(40)], near: ["airbrake"] },
  { id: "airbrake-project-key", provider: "Airbrake", description: "Airbrake project key (32 hex) next to an Airbrake name", token: [h(32)], near: ["airbrake"] },
  { id: "airtable-legacy-api-key", provider: "Airtable", description: "Airtable legacy API key (key + 14) next to an Airtable name", token: ["key", A(14)], near: ["airtable"] },
  { id: "aiven-api-token", provider: "Aiven", description: "Aiven API token (372 base64) next to an Aiven name", token: [b(372)], near: ["aiven"] },
  { id: "akamai-edgegrid-token", provider: "Akamai", description: "Akamai EdgeGrid client or access token (akab-)", token: ["akab-", a(16), "-", a(16)] },
  { id: "alchemy-api-key", provider: "Alchemy", description: "Alchemy API key next to an Alchemy name", token: [u(32)], near: ["alchemy"] },
  { id: "alibaba-access-key-id", provider: "Alibaba Cloud", description: "Alibaba Cloud AccessKey ID (LTAI)", token: ["LTAI", A(12, 21)], severity: "medium" },
  { id: "alibaba-access-key-secret", provider: "Alibaba Cloud", description: "Alibaba Cloud AccessKey secret (30) next to an Alibaba or Aliyun name", token: [A(30)], near: ["alibaba", "aliyun", "alicloud"] },
  { id: "alpaca-api-key-id", provider: "Alpaca", description: "Alpaca trading API key id (PK/AK + 18) next to an Alpaca name", token: [["PK", "AK"], U(18)], near: ["alpaca", "apca"], words: ["key", "id"] },
  { id: "alpaca-secret-key", provider: "Alpaca", description: "Alpaca trading API secret (40) next to an Alpaca name", token: [A(40)], near: ["alpaca", "apca"], words: SECRET },
  { id: "alpha-vantage-api-key", provider: "Alpha Vantage", description: "Alpha Vantage API key next to its name", token: [U(16)], near: ["alphavantage", "alpha_vantage"] },
  { id: "amplitude-api-key", provider: "Amplitude", description: "Amplitude API or secret key (32 hex) next to an Amplitude name", token: [h(32)], near: ["amplitude"] },
  { id: "anypoint-api-key", provider: "MuleSoft Anypoint", description: "MuleSoft Anypoint platform key next to an Anypoint name", token: [...UUID], near: ["anypoint"] },
  { id: "apify-api-token", provider: "Apify", description: "Apify API token (apify_api_)", token: ["apify_api_", A(34, 38)] },
  { id: "apollo-graph-api-key", provider: "Apollo GraphQL", description: "Apollo GraphOS graph API key (service:<graph>:<key>)", token: ["service:", k(1, 64), ":", u(22)], keywords: ["service:"], prefixes: ["service:"] },
  { id: "appcenter-api-token", provider: "App Center", description: "Visual Studio App Center API token (40 hex) next to its name", token: [h(40)], near: ["appcenter", "app_center"] },
  { id: "assemblyai-api-key", provider: "AssemblyAI", description: "AssemblyAI API key (32 hex) next to its name", token: [h(32)], near: ["assemblyai", "assembly_ai"] },
  { id: "astra-db-token", provider: "DataStax", description: "DataStax Astra DB application token (AstraCS:)", token: ["AstraCS:", L(24), ":", h(64)] },
  { id: "authress-access-key", provider: "Authress", description: "Authress service client access key", token: [["sc_", "ext_", "scauth_", "authress_"], a(5, 30), ".", a(4, 6), ".acc", ["_", "-"], k(10, 32), ".", W(30, 120)] },
  { id: "auth0-client-secret", provider: "Auth0", description: "Auth0 application client secret next to an Auth0 name", token: [u(64, 88)], near: ["auth0"], words: SECRET },
  { id: "aws-appsync-api-key", provider: "AWS", description: "AWS AppSync GraphQL API key (da2-)", token: ["da2-", a(26)] },
  { id: "azure-container-registry-password", provider: "Azure", description: "Azure Container Registry access key (identifiable, +ACR)", token: [b(42), "+ACR", A(6)], keywords: ["+acr"] },
  { id: "azure-function-key", provider: "Azure", description: "Azure Functions access key (identifiable, AzFu)", token: [u(44), "AzFu", u(5), ["A", "Q", "g", "w"], "=="], keywords: ["azfu"] },
  { id: "azure-search-admin-key", provider: "Azure", description: "Azure AI Search admin key (identifiable, AzSe)", token: [A(42), "AzSe", A(6)], keywords: ["azse"] },
  { id: "azure-ai-services-key", provider: "Azure", description: "Azure AI services / OpenAI / Cognitive Services key (32 hex) next to an Azure name", token: [x(32)], near: ["azure", "cognitive", "openai"] },
  {
    id: "azure-app-configuration-connection-string",
    provider: "Azure",
    description: "Azure App Configuration connection string with its secret",
    token: ["Endpoint=https://", k(1, 60), ".azconfig.io;Id=", A(4), "-", A(2), "-", A(2), ":", b(18, 22), ";Secret=", b(36, 50), "="],
    keywords: ["azconfig.io"],
  },
  {
    id: "azure-communication-connection-string",
    provider: "Azure",
    description: "Azure Communication Services connection string with its access key",
    token: [["endpoint=https://", "Endpoint=https://"], k(1, 60), ".communication.azure.com/;", ["accesskey=", "AccessKey="], b(86), "=="],
    keywords: ["communication.azure.com"],
  },
  {
    id: "azure-signalr-connection-string",
    provider: "Azure",
    description: "Azure SignalR / Web PubSub connection string with its access key",
    token: ["Endpoint=https://", k(1, 60), [".service.signalr.net;AccessKey=", ".webpubsub.azure.com;AccessKey="], b(43), "="],
    keywords: ["signalr.net", "webpubsub.azure.com"],
  },
  // ---- B ----------------------------------------------------------------------------------
  { id: "baremetrics-api-key", provider: "Baremetrics", description: "Baremetrics API key next to its name", token: [u(25)], near: ["baremetrics"] },
  { id: "baseten-api-key", provider: "Baseten", description: "Baseten API key (8.32) next to its name", token: [A(8), ".", A(32)], near: ["baseten"] },
  { id: "binance-api-key", provider: "Binance", description: "Binance API key or secret (64) next to a Binance name", token: [A(64)], near: ["binance"] },
  { id: "bitbucket-app-password", provider: "Bitbucket", description: "Bitbucket Cloud app password (ATBB)", token: ["ATBB", A(32)] },
  { id: "bitbucket-data-center-token", provider: "Bitbucket", description: "Bitbucket Data Center / Server HTTP access token (BBDC-)", token: ["BBDC-", b(44)] },
  { id: "bitbucket-client-secret", provider: "Bitbucket", description: "Bitbucket OAuth consumer secret next to a Bitbucket name", token: [w(32, 64)], near: ["bitbucket"], words: SECRET },
  { id: "bitly-access-token", provider: "Bitly", description: "Bitly generic access token (40 hex) next to a Bitly name", token: [h(40)], near: ["bitly"] },
  { id: "bitwarden-access-token", provider: "Bitwarden", description: "Bitwarden Secrets Manager machine account access token", token: ["0.", ...UUID, ".", A(30), ":", b(22), "=="], near: ["bws", "bitwarden"] },
  { id: "blockfrost-project-id", provider: "Blockfrost", description: "Blockfrost project id (network + 32)", token: [["mainnet", "preprod", "preview", "testnet"], A(32)] },
  { id: "box-client-secret", provider: "Box", description: "Box client secret or developer token (32) next to a Box name", token: [A(32)], near: ["box"], keywords: ["box_", "boxclient", "boxdev", "boxapi", "boxtoken", "boxkey", "boxsecret", "box.client", "box.dev"] },
  { id: "browserstack-access-key", provider: "BrowserStack", description: "BrowserStack access key (20) next to its name", token: [A(20)], near: ["browserstack"] },
  { id: "bugsnag-api-key", provider: "Bugsnag", description: "Bugsnag API or auth token (32 hex) next to its name", token: [h(32)], near: ["bugsnag"] },
  { id: "buildkite-api-token", provider: "Buildkite", description: "Buildkite API access token (bkua_)", token: ["bkua_", a(40)] },
  { id: "buttercms-api-key", provider: "ButterCMS", description: "ButterCMS API token (40 hex) next to its name", token: [h(40)], near: ["buttercms", "butter_cms"] },
  // ---- C ----------------------------------------------------------------------------------
  { id: "cerebras-api-key", provider: "Cerebras", description: "Cerebras inference API key (csk-)", token: ["csk-", a(48)] },
  { id: "chatwork-api-token", provider: "Chatwork", description: "Chatwork API token (32 hex) next to its name", token: [h(32)], near: ["chatwork"] },
  { id: "checkout-sandbox-secret-key", provider: "Checkout.com", description: "Checkout.com sandbox secret key (sk_sbox_)", token: ["sk_sbox_", a(26, 30)] },
  { id: "circleci-personal-token", provider: "CircleCI", description: "CircleCI personal API token (CCIPAT_)", token: ["CCIPAT_", A(22), "_", h(40)] },
  { id: "circleci-project-token", provider: "CircleCI", description: "CircleCI project API token (CCIPRJ_)", token: ["CCIPRJ_", A(22), "_", h(40)] },
  { id: "circleci-legacy-token", provider: "CircleCI", description: "CircleCI legacy API token (40 hex) next to a CircleCI name", token: [h(40)], near: ["circleci"] },
  { id: "clarifai-api-key", provider: "Clarifai", description: "Clarifai API key or PAT (32 hex) next to its name", token: [h(32)], near: ["clarifai"] },
  { id: "clearbit-api-key", provider: "Clearbit", description: "Clearbit secret API key (sk_ + 32 hex) next to its name", token: ["sk_", h(32)], near: ["clearbit"] },
  { id: "clickup-personal-token", provider: "ClickUp", description: "ClickUp personal API token (pk_<user>_<32>)", token: ["pk_", d(6, 9), "_", U(32)] },
  { id: "close-api-key", provider: "Close", description: "Close CRM API key (api_…)", token: ["api_", A(25), ".", A(22)] },
  { id: "cloudant-credential", provider: "IBM Cloudant", description: "IBM Cloudant API key or legacy password next to a Cloudant name", token: [u(24, 64)], near: ["cloudant"], words: ["key", "password", "pass", "secret", "token", "apikey"] },
  { id: "cloudinary-url", provider: "Cloudinary", description: "Cloudinary URL with API key and secret (cloudinary://)", token: ["cloudinary://", d(15), ":", u(27), "@", k(1, 40)] },
  { id: "cloudsmith-api-key", provider: "Cloudsmith", description: "Cloudsmith API key (40 hex) next to its name", token: [h(40)], near: ["cloudsmith"] },
  { id: "codacy-api-token", provider: "Codacy", description: "Codacy API or project token next to its name", token: [A(20, 32)], near: ["codacy"] },
  { id: "codeclimate-reporter-id", provider: "Code Climate", description: "Code Climate test reporter id (64 hex)", token: [h(64)], near: ["codeclimate", "cc_test_reporter"], words: ["id", "token", "key"] },
  { id: "codecov-token", provider: "Codecov", description: "Codecov upload or API token (UUID) next to a Codecov name", token: [...UUID], near: ["codecov"] },
  { id: "coinapi-api-key", provider: "CoinAPI", description: "CoinAPI key (UUID) next to its name", token: [...UUIDX], near: ["coinapi"] },
  { id: "coinmarketcap-api-key", provider: "CoinMarketCap", description: "CoinMarketCap API key (UUID) next to its name", token: [...UUID], near: ["coinmarketcap", "cmc_pro"] },
  { id: "confluent-api-key", provider: "Confluent", description: "Confluent Cloud API key (16 upper-case) next to a Confluent or Kafka name", token: [U(16)], near: ["confluent", "ccloud", "kafka"], words: ["key", "id", "user", "username"] },
  { id: "confluent-api-secret-v2", provider: "Confluent", description: "Confluent Cloud API secret, current format (cflt)", token: ["cflt", b(60)] },
  { id: "contentful-delivery-token", provider: "Contentful", description: "Contentful delivery or preview API token (43) next to a Contentful name", token: [u(43)], near: ["contentful"] },
  { id: "courier-api-key", provider: "Courier", description: "Courier auth token (pk_prod_/pk_test_)", token: ["pk_", ["prod", "test"], "_", U(28)] },
  { id: "covalent-api-key", provider: "Covalent", description: "Covalent (GoldRush) API key (ckey_)", token: ["ckey_", A(27)] },
  { id: "coveralls-repo-token", provider: "Coveralls", description: "Coveralls repository token next to its name", token: [A(32, 37)], near: ["coveralls"] },
  { id: "coze-personal-access-token", provider: "Coze", description: "Coze personal access token (pat_ + 64) next to a Coze name", token: ["pat_", A(64)], near: ["coze"], words: [] },
  { id: "crowdstrike-client-secret", provider: "CrowdStrike", description: "CrowdStrike Falcon API client secret (40) next to its name", token: [A(40)], near: ["crowdstrike", "falcon"], words: SECRET },
  { id: "cypress-record-key", provider: "Cypress", description: "Cypress Cloud record key (UUID) next to a Cypress name", token: [...UUID], near: ["cypress"] },
  // ---- D ----------------------------------------------------------------------------------
  { id: "databricks-oauth-secret", provider: "Databricks", description: "Databricks service principal OAuth secret (dose)", token: ["dose", x(32)] },
  { id: "deepgram-api-key", provider: "Deepgram", description: "Deepgram API key (40 hex) next to its name", token: [h(40)], near: ["deepgram"] },
  { id: "deepinfra-api-key", provider: "DeepInfra", description: "DeepInfra API token next to its name", token: [A(32)], near: ["deepinfra"] },
  { id: "deepl-free-api-key", provider: "DeepL", description: "DeepL API Free key (UUID:fx)", token: [...UUID, ":fx"], keywords: [":fx"] },
  { id: "deepl-api-key", provider: "DeepL", description: "DeepL API key (UUID) next to a DeepL name", token: [...UUID], near: ["deepl"] },
  { id: "deepseek-api-key", provider: "DeepSeek", description: "DeepSeek API key (sk- + 32 hex)", token: ["sk-", h(32)] },
  { id: "defined-networking-api-key", provider: "Defined Networking", description: "Defined Networking (Managed Nebula) API key (dnkey-)", token: ["dnkey-", w(26), "-", w(52)] },
  { id: "delighted-api-key", provider: "Delighted", description: "Delighted API key next to its name", token: [A(32)], near: ["delighted"] },
  { id: "deno-deploy-token", provider: "Deno", description: "Deno Deploy access token (ddp_)", token: ["ddp_", A(36)] },
  { id: "dependency-track-api-key", provider: "Dependency-Track", description: "OWASP Dependency-Track API key (odt_)", token: ["odt_", A(32, 64)] },
  { id: "diffbot-api-token", provider: "Diffbot", description: "Diffbot API token (32 hex) next to its name", token: [h(32)], near: ["diffbot"] },
  { id: "doppler-personal-token", provider: "Doppler", description: "Doppler personal token (dp.pt.)", token: ["dp.pt.", A(40, 44)] },
  { id: "doppler-service-token", provider: "Doppler", description: "Doppler service token (dp.st.)", token: ["dp.st.", opt(u(2, 35), "."), A(40, 44)] },
  { id: "doppler-cli-token", provider: "Doppler", description: "Doppler CLI token (dp.ct.)", token: ["dp.ct.", A(40, 44)] },
  { id: "doppler-service-account-token", provider: "Doppler", description: "Doppler service account token (dp.sa.)", token: ["dp.sa.", A(40, 44)] },
  { id: "doppler-scim-token", provider: "Doppler", description: "Doppler SCIM token (dp.scim.)", token: ["dp.scim.", A(40, 44)] },
  { id: "doppler-audit-token", provider: "Doppler", description: "Doppler audit token (dp.audit.)", token: ["dp.audit.", A(40, 44)] },
  { id: "drone-ci-token", provider: "Drone", description: "Drone CI access token (hex) next to a Drone name", token: [h(32, 64)], near: ["drone", "droneci"] },
  { id: "dropbox-long-lived-token", provider: "Dropbox", description: "Dropbox long-lived access token (11 + AAAAAAAAAA + 43)", token: [A(11), "AAAAAAAAAA", w(43)], keywords: ["aaaaaaaaaa"], prefixes: [] },
  { id: "dropbox-app-secret", provider: "Dropbox", description: "Dropbox app secret (15) next to a Dropbox name", token: [a(15)], near: ["dropbox"], words: SECRET },
  { id: "duffel-api-token", provider: "Duffel", description: "Duffel API access token (duffel_live_/duffel_test_)", token: ["duffel_", ["live", "test"], "_", w(43)], prefixes: ["duffel_live_", "duffel_test_"] },
  // ---- E ----------------------------------------------------------------------------------
  { id: "elevenlabs-api-key", provider: "ElevenLabs", description: "ElevenLabs API key (sk_ + 48 hex)", token: ["sk_", h(48)] },
  {
    id: "ethereum-private-key",
    provider: "Ethereum",
    description: "Raw secp256k1 (Ethereum / EVM) private key, 64 hex, assigned to a key-like name",
    token: [opt("0x"), x(64)],
    near: ["private", "priv", "wallet", "signer", "deployer", "relayer", "eth", "evm"],
    words: ["key", "pk"],
    // "eth" and "evm" alone would wake the rule on every "method" and "event".
    keywords: ["private", "priv", "wallet", "signer", "deployer", "relayer", "eth_", "eth-", "ethkey", "ethpk", "evm_", "evm-", "evmkey"],
    validate: secp256k1Key,
    severity: "critical",
  },
  { id: "etherscan-api-key", provider: "Etherscan", description: "Etherscan (and BscScan, PolygonScan) API key (34) next to its name", token: [U(34)], near: ["etherscan", "bscscan", "polygonscan"] },
  { id: "eventbrite-api-key", provider: "Eventbrite", description: "Eventbrite private token (20) next to its name", token: [U(20)], near: ["eventbrite"] },
  // ---- F ----------------------------------------------------------------------------------
  { id: "fal-api-key", provider: "fal.ai", description: "fal.ai API key (UUID:32 hex) next to a fal name", token: [...UUID, ":", h(32)], near: ["fal"], keywords: ["fal_", "fal-", "fal.", "falkey", "falapi"] },
  { id: "fastly-api-token", provider: "Fastly", description: "Fastly API token (32) next to a Fastly name", token: [u(32)], near: ["fastly"] },
  { id: "finicity-api-token", provider: "Finicity", description: "Finicity (Mastercard Open Banking) app key (32 hex) next to its name", token: [h(32)], near: ["finicity"] },
  { id: "finicity-client-secret", provider: "Finicity", description: "Finicity partner secret (20) next to its name", token: [A(20)], near: ["finicity"], words: SECRET },
  { id: "finnhub-api-token", provider: "Finnhub", description: "Finnhub API token (20) next to its name", token: [a(20)], near: ["finnhub"] },
  { id: "firebase-cloud-messaging-server-key", provider: "Firebase", description: "Firebase Cloud Messaging legacy server key (AAAA…:APA91b…)", token: ["AAAA", u(7), ":APA91b", u(134)], keywords: ["apa91b"] },
  { id: "firecrawl-api-key", provider: "Firecrawl", description: "Firecrawl API key (fc- + 32 hex)", token: ["fc-", h(32)] },
  { id: "fireworks-api-key", provider: "Fireworks AI", description: "Fireworks AI API key (fw_)", token: ["fw_", A(24)] },
  { id: "fixer-api-key", provider: "Fixer", description: "Fixer currency API key (32 hex) next to its name", token: [h(32)], near: ["fixer"] },
  { id: "flickr-api-key", provider: "Flickr", description: "Flickr API key or secret (hex) next to its name", token: [h(16, 32)], near: ["flickr"] },
  { id: "frameio-api-token", provider: "Frame.io", description: "Frame.io developer token (fio-u-)", token: ["fio-u-", w(64)] },
  { id: "freshbooks-access-token", provider: "FreshBooks", description: "FreshBooks access token (64) next to its name", token: [a(64)], near: ["freshbooks"] },
  { id: "freshdesk-api-key", provider: "Freshdesk", description: "Freshdesk API key (20) next to its name", token: [A(20)], near: ["freshdesk"] },
  { id: "friendli-api-key", provider: "Friendli", description: "Friendli AI personal access token (flp_)", token: ["flp_", A(46)] },
  // ---- G ----------------------------------------------------------------------------------
  { id: "geoapify-api-key", provider: "Geoapify", description: "Geoapify API key (32 hex) next to its name", token: [h(32)], near: ["geoapify"] },
  { id: "ghost-admin-api-key", provider: "Ghost", description: "Ghost Admin API key (24 hex id : 64 hex secret) next to a Ghost name", token: [h(24), ":", h(64)], near: ["ghost"], keywords: ["ghost_", "ghost-", "ghostadmin", "ghostapi", "ghostkey"] },
  { id: "gitea-access-token", provider: "Gitea", description: "Gitea (or Forgejo) access token (40 hex) next to its name", token: [h(40)], near: ["gitea", "forgejo"] },
  { id: "gitter-access-token", provider: "Gitter", description: "Gitter access token (40) next to its name", token: [u(40)], near: ["gitter"] },
  { id: "gocardless-api-token", provider: "GoCardless", description: "GoCardless access token (live_/sandbox_) next to a GoCardless name", token: [["live_", "sandbox_"], w(40)], near: ["gocardless"], prefixes: ["live_", "sandbox_"] },
  // ---- H ----------------------------------------------------------------------------------
  { id: "harness-api-token", provider: "Harness", description: "Harness personal or service account token (pat./sat.)", token: [["pat.", "sat."], u(22), ".", A(24), ".", A(20)] },
  { id: "harvest-access-token", provider: "Harvest", description: "Harvest personal access token (<account>.pt.<86>) next to a Harvest name", token: [d(6, 8), ".pt.", u(86)], near: ["harvest"] },
  { id: "vault-recovery-token", provider: "HashiCorp", description: "HashiCorp Vault recovery token (hvr.)", token: ["hvr.", A(24, 130)] },
  { id: "hcp-client-secret", provider: "HashiCorp", description: "HashiCorp Cloud Platform service principal secret (64) next to an HCP name", token: [A(64)], near: ["hcp"], words: SECRET },
  { id: "helicone-api-key", provider: "Helicone", description: "Helicone API key (sk-helicone-)", token: ["sk-helicone-", a(7), "-", a(7), "-", a(7), "-", a(7)] },
  { id: "hetzner-cloud-api-token", provider: "Hetzner", description: "Hetzner Cloud API token (64) next to a Hetzner or hcloud name", token: [A(64)], near: ["hetzner", "hcloud"] },
  { id: "hunter-api-key", provider: "Hunter", description: "Hunter.io API key (40 hex) next to its name", token: [h(40)], near: ["hunter"] },
  // ---- I ----------------------------------------------------------------------------------
  { id: "ibm-cloud-api-key", provider: "IBM Cloud", description: "IBM Cloud IAM API key (44) next to an IBM name", token: [u(44)], near: ["ibm", "ibmcloud", "bluemix"] },
  { id: "ibm-cos-hmac-secret", provider: "IBM Cloud", description: "IBM Cloud Object Storage HMAC secret access key (48 hex)", token: [h(48)], near: ["secret_access", "secretAccess", "cos_hmac", "ibm"], words: [] },
  { id: "iex-cloud-api-key", provider: "IEX Cloud", description: "IEX Cloud secret or publishable token next to an IEX name", token: [["sk_", "pk_", "Tsk_", "Tpk_"], h(32)], near: ["iex", "iexcloud"] },
  { id: "imagekit-private-key", provider: "ImageKit", description: "ImageKit private API key (private_) next to an ImageKit name", token: ["private_", b(28), opt("=")], near: ["imagekit"] },
  { id: "imgur-client-secret", provider: "Imgur", description: "Imgur client secret (40 hex) next to its name", token: [h(40)], near: ["imgur"] },
  { id: "infobip-api-key", provider: "Infobip", description: "Infobip API key (32 hex - UUID) next to its name", token: [h(32), "-", ...UUID], near: ["infobip"] },
  { id: "infura-api-key", provider: "Infura", description: "Infura API key or secret (32 hex) next to its name", token: [h(32)], near: ["infura"] },
  { id: "intercom-access-token", provider: "Intercom", description: "Intercom access token (base64 of tok:…)", token: ["dG9rOj", b(40, 80), opt("="), opt("=")], keywords: ["dg9roj"], prefixes: [] },
  { id: "ionic-api-token", provider: "Ionic", description: "Ionic Appflow personal access token (ion_)", token: ["ion_", A(42)] },
  { id: "ipstack-api-key", provider: "ipstack", description: "ipstack access key (32 hex) next to its name", token: [h(32)], near: ["ipstack"] },
  { id: "iterable-api-key", provider: "Iterable", description: "Iterable API key (32 hex) next to its name", token: [h(32)], near: ["iterable"], keywords: ["iterable_", "iterable-", "iterableapi", "iterablekey"] },
  // ---- J ----------------------------------------------------------------------------------
  { id: "jenkins-api-token", provider: "Jenkins", description: "Jenkins user API token (11 + 32 hex) next to a Jenkins name", token: ["11", h(32)], near: ["jenkins"] },
  { id: "jina-api-key", provider: "Jina AI", description: "Jina AI API key (jina_)", token: ["jina_", A(60)] },
  { id: "jotform-api-key", provider: "Jotform", description: "Jotform API key (32 hex) next to its name", token: [h(32)], near: ["jotform"] },
  { id: "jumpcloud-api-key", provider: "JumpCloud", description: "JumpCloud API key (40) next to its name", token: [a(40)], near: ["jumpcloud"] },
  // ---- K ----------------------------------------------------------------------------------
  { id: "kaggle-api-key", provider: "Kaggle", description: "Kaggle API key (32 hex) next to a Kaggle name", token: [h(32)], near: ["kaggle"] },
  { id: "kagi-api-key", provider: "Kagi", description: "Kagi API token (11.43) next to its name", token: [u(11), ".", u(43)], near: ["kagi"] },
  { id: "klaviyo-private-key", provider: "Klaviyo", description: "Klaviyo private API key (pk_) next to a Klaviyo name", token: ["pk_", A(34)], near: ["klaviyo"] },
  { id: "kong-personal-access-token", provider: "Kong", description: "Kong Konnect personal access token (kpat_)", token: ["kpat_", A(49)] },
  { id: "kong-system-account-token", provider: "Kong", description: "Kong Konnect system account token (spat_)", token: ["spat_", A(49)] },
  { id: "kraken-api-key", provider: "Kraken", description: "Kraken API key (56 base64) next to a Kraken name", token: [b(56)], near: ["kraken"] },
  { id: "kraken-private-key", provider: "Kraken", description: "Kraken API private key (88 base64) next to a Kraken name", token: [b(86), "=="], near: ["kraken"], words: ["secret", "private", "key"] },
  { id: "kucoin-api-key", provider: "KuCoin", description: "KuCoin API key (24 hex) next to its name", token: [h(24)], near: ["kucoin"] },
  { id: "kucoin-api-secret", provider: "KuCoin", description: "KuCoin API secret (UUID) next to its name", token: [...UUID], near: ["kucoin"], words: SECRET },
  {
    id: "kubeconfig-client-key-data",
    provider: "Kubernetes",
    description: "Kubernetes kubeconfig client-key-data (a base64 PEM private key)",
    // base64 of "-----BEGIN": the value is a PEM block.
    token: ["LS0tLS1CRUdJTi", b(100, 12000), opt("="), opt("=")],
    near: ["client-key-data"],
    words: [],
    severity: "critical",
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

export const rules: readonly Rule[] = [...providerRules(ROWS), discordStructure];
