// Provider formats A–K for the providers corpus. The contract is at the top of providers.js:
// one entry per format, { provider, ruleId, source, make: (r) => token, keys }. `make`
// follows what `source` states about the format (the provider's documentation first, else a
// public scanner's rule definition), never a Keyward rule: the corpus measures whether the
// rules generalise to the documented format.
const GL = (name) => `https://github.com/gitleaks/gitleaks/blob/master/cmd/generate/config/rules/${name}.go`;
const TH = (name) => `https://github.com/trufflesecurity/trufflehog/blob/main/pkg/detectors/${name}/${name}.go`;
const KF = (name) => `https://github.com/mongodb/kingfisher/blob/main/crates/kingfisher-rules/data/rules/${name}.yml`;
const DOPPLER = "https://docs.doppler.com/reference/auth-token-formats";
const GITLAB = "https://docs.gitlab.com/security/tokens/#token-prefixes";
const B64URL_PAD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=";

const upper = (name) => name.replace(/[^A-Za-z0-9]+/g, "_").toUpperCase();
const cap = (s) => s[0].toUpperCase() + s.slice(1);
/** Names a project stores a prefix-less credential under: they start with the provider's name. */
const named = (name, word = "key") => {
  const mid = { key: ["API_", "Api", ""], secret: ["CLIENT_", "Client", ""], token: ["ACCESS_", "Access", "api_"] }[word] ?? ["", "", ""];
  return [`${upper(name)}_${mid[0]}${word.toUpperCase()}`, `${name}${mid[1]}${cap(word)}`, `${name}_${mid[2]}${word}`];
};
/** A prefixed format: the token names itself, the keys are only realistic. */
const P = (provider, ruleId, source, make, ...keys) => ({ provider, ruleId, source, make, keys: keys.length ? keys : ["API_TOKEN", "apiToken", "token"] });
/** A format without a prefix of its own: stored under the provider's name. */
const C = (provider, ruleId, source, make, name, word) => ({ provider, ruleId, source, make, keys: named(name, word) });
const uuid = (r) => r.uuid();

export const formats = [
  // ---- A ----------------------------------------------------------------------------------
  P("Adafruit", "adafruit-io-key", GL("adafruit"), (r) => `aio_${r.alnum(28)}`, "ADAFRUIT_IO_KEY", "aioKey"),
  P("Adobe", "adobe-client-secret", GL("adobe"), (r) => `p8e-${r.alnum(32)}`, "ADOBE_CLIENT_SECRET", "clientSecret"),
  C("AI21 Labs", "ai21-api-key", KF("ai21"), uuid, "ai21"),
  C("Airbrake", "airbrake-user-key", KF("airbrake"), (r) => r.hex(40), "airbrake"),
  C("Airbrake", "airbrake-project-key", KF("airbrake"), (r) => r.hex(32), "airbrakeProject"),
  C("Airtable", "airtable-legacy-api-key", GL("airtable"), (r) => `key${r.alnum(14)}`, "airtable"),
  P("Airtable", "airtable-personal-access-token", "https://airtable.com/developers/web/guides/personal-access-tokens", (r) => `pat${r.alnum(14)}.${r.hex(64)}`, "AIRTABLE_TOKEN", "airtableApiKey"),
  C("Aiven", "aiven-api-token", KF("aiven"), (r) => r.b64(372), "aiven", "token"),
  P("Akamai", "akamai-edgegrid-token", "https://techdocs.akamai.com/developer/docs/set-up-authentication-credentials", (r) => `akab-${r.lower(16)}-${r.lower(16)}`, "AKAMAI_CLIENT_TOKEN", "accessToken", "client_token"),
  C("Alchemy", "alchemy-api-key", TH("alchemy"), (r) => r.b64url(32), "alchemy"),
  C("Algolia", "algolia-admin-key", GL("algolia"), (r) => r.hex(32), "algoliaAdmin"),
  P("Alibaba Cloud", "alibaba-access-key-id", GL("alibaba"), (r) => `LTAI${r.alnum(r.pick([12, 16, 20]))}`, "ALIBABA_CLOUD_ACCESS_KEY_ID", "accessKeyId"),
  C("Alibaba Cloud", "alibaba-access-key-secret", GL("alibaba"), (r) => r.alnum(30), "alibabaCloud", "secret"),
  C("Alpaca", "alpaca-api-key-id", "https://docs.alpaca.markets/docs/authentication", (r) => `${r.pick(["PK", "AK"])}${r.upper(18)}`, "alpaca"),
  C("Alpaca", "alpaca-secret-key", "https://docs.alpaca.markets/docs/authentication", (r) => r.alnum(40), "alpaca", "secret"),
  C("Alpha Vantage", "alpha-vantage-api-key", TH("alphavantage"), (r) => r.upper(16), "alphavantage"),
  C("Amplitude", "amplitude-api-key", KF("amplitude"), (r) => r.hex(32), "amplitude"),
  P("Anthropic", "anthropic-api-key", GL("anthropic"), (r) => `sk-ant-api03-${r.b64url(93)}AA`, "ANTHROPIC_API_KEY", "apiKey"),
  P("Anthropic", "anthropic-admin-api-key", GL("anthropic"), (r) => `sk-ant-admin01-${r.b64url(93)}AA`, "ANTHROPIC_ADMIN_KEY", "adminKey"),
  C("MuleSoft Anypoint", "anypoint-api-key", KF("anypoint"), uuid, "anypoint"),
  P("Apify", "apify-api-token", KF("apify"), (r) => `apify_api_${r.alnum(36)}`, "APIFY_TOKEN", "apifyToken"),
  P("Apollo GraphQL", "apollo-graph-api-key", "https://www.apollographql.com/docs/graphos/platform/access-management/api-keys", (r) => `service:${r.pick(["shop", "my-graph", "acme-supergraph"])}-${r.lower(4)}:${r.b64url(22)}`, "APOLLO_KEY", "apolloKey"),
  C("App Center", "appcenter-api-token", "https://learn.microsoft.com/en-us/appcenter/api-docs/", (r) => r.hex(40), "appcenter", "token"),
  P("Asana", "asana-access-token", "https://developers.asana.com/docs/personal-access-token", (r) => `2/${r.digits(16)}/${r.digits(16)}:${r.hex(32)}`, "ASANA_ACCESS_TOKEN", "asanaToken"),
  C("AssemblyAI", "assemblyai-api-key", KF("assemblyai"), (r) => r.hex(32), "assemblyai"),
  P("DataStax", "astra-db-token", "https://docs.datastax.com/en/astra-db-serverless/administration/manage-application-tokens.html", (r) => `AstraCS:${r.letters(24)}:${r.hex(64)}`, "ASTRA_DB_APPLICATION_TOKEN", "astraToken"),
  P("Atlassian", "atlassian-api-token", "https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/", (r) => {
    const body = `ATATT3${r.b64url(178)}=`;
    return body + r.crc32(body).toString(16).toUpperCase().padStart(8, "0");
  }, "JIRA_API_TOKEN", "atlassianToken"),
  C("Atlassian", "atlassian-legacy-api-token", GL("atlassian"), (r) => r.alnum(24), "jira", "token"),
  P("Authress", "authress-access-key", GL("authress"), (r) => `sc_${r.lower(12)}.${r.lower(4)}.acc_${r.lower(16)}.${r.b64url(64)}`, "AUTHRESS_KEY", "serviceClientAccessKey"),
  C("Auth0", "auth0-client-secret", KF("auth0"), (r) => r.b64url(64), "auth0", "secret"),
  P("AWS", "aws-access-key-id", "https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html", (r) => `${r.pick(["AKIA", "ASIA"])}${r.b32(16)}`, "AWS_ACCESS_KEY_ID", "accessKeyId"),
  { provider: "AWS", ruleId: "aws-secret-access-key", source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html", make: (r) => r.b64(40), keys: ["AWS_SECRET_ACCESS_KEY", "awsSecretAccessKey", "aws_secret_access_key"] },
  P("AWS", "aws-appsync-api-key", "https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html", (r) => `da2-${r.lower(26)}`, "APPSYNC_API_KEY", "appsyncApiKey"),
  P("AWS", "aws-bedrock-api-key-long-lived", "https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-how.html", (r) => `ABSK${Buffer.from(`BedrockAPIKey-${r.lower(4)}-at-${r.digits(12)}:${r.b64(44)}`).toString("base64")}`, "AWS_BEARER_TOKEN_BEDROCK", "bedrockApiKey"),
  P("AWS", "amazon-mws-auth-token", GL("aws"), (r) => `amzn.mws.${r.uuid()}`, "MWS_AUTH_TOKEN", "mwsAuthToken"),
  P("Azure", "azure-container-registry-password", KF("azure"), (r) => `${r.b64(42)}+ACR${r.alnum(6)}`, "ACR_PASSWORD", "registryPassword"),
  P("Azure", "azure-function-key", KF("azurefunctionkey"), (r) => `${r.b64url(44)}AzFu${r.b64url(5)}${r.pick(["A", "Q", "g", "w"])}==`, "AZURE_FUNCTION_KEY", "functionKey"),
  P("Azure", "azure-search-admin-key", KF("azuresearchquery"), (r) => `${r.alnum(42)}AzSe${r.alnum(6)}`, "AZURE_SEARCH_ADMIN_KEY", "searchKey"),
  C("Azure", "azure-ai-services-key", KF("azureopenai"), (r) => r.hex(32), "azureOpenai"),
  P("Azure", "azure-app-configuration-connection-string", KF("azure"), (r) => `Endpoint=https://${r.lower(8)}.azconfig.io;Id=${r.alnum(4)}-${r.alnum(2)}-${r.alnum(2)}:${r.b64(20)};Secret=${r.b64(43)}=`, "APP_CONFIGURATION_CONNECTION_STRING", "appConfigConnectionString"),
  P("Azure", "azure-communication-connection-string", "https://learn.microsoft.com/en-us/azure/communication-services/concepts/authentication", (r) => `endpoint=https://${r.lower(8)}.communication.azure.com/;accesskey=${r.b64(86)}==`, "COMMUNICATION_SERVICES_CONNECTION_STRING", "acsConnectionString"),
  P("Azure", "azure-signalr-connection-string", KF("azuresignalr"), (r) => `Endpoint=https://${r.lower(8)}.service.signalr.net;AccessKey=${r.b64(43)}=;Version=1.0;`, "AZURE_SIGNALR_CONNECTION_STRING", "signalRConnectionString"),
  P("Azure", "azure-entra-refresh-token", "https://github.com/trufflesecurity/trufflehog/blob/main/pkg/detectors/azure_entra/refreshtoken/refreshtoken.go", (r) => `${r.pick(["0", "1"])}.A${r.b64url(r.int(60, 120))}.Ag${r.b64url(r.int(300, 900))}${r.pick(["", `.A${r.b64url(240)}`])}`, "AZURE_REFRESH_TOKEN", "refreshToken", "msal_refresh_token"),
  P("Azure", "azure-storage-account-key", "https://learn.microsoft.com/en-us/azure/storage/common/storage-account-keys-manage", (r) => `${r.b64(86)}==`, "AZURE_STORAGE_ACCOUNT_KEY", "storageAccountKey", "accountKey"),
  P("Azure", "azure-ad-client-secret", "https://learn.microsoft.com/en-us/entra/identity-platform/how-to-add-credentials", (r) => `${r.alnum(3)}${r.digits(1)}Q~${r.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.~-", 34)}`, "AZURE_CLIENT_SECRET", "clientSecret"),
  P("Azure", "azure-devops-pat", "https://learn.microsoft.com/en-us/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate", (r) => `${r.alnum(76)}AZDO${r.alnum(4)}`, "AZURE_DEVOPS_PAT", "adoToken"),
  P("Azure", "azure-shared-access-key", "https://learn.microsoft.com/en-us/azure/service-bus-messaging/service-bus-sas", (r) => `Endpoint=sb://${r.lower(8)}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${r.b64(43)}=`, "SERVICEBUS_CONNECTION_STRING", "serviceBusConnection"),
  // ---- B ----------------------------------------------------------------------------------
  C("Baremetrics", "baremetrics-api-key", KF("baremetrics"), (r) => r.b64url(25), "baremetrics"),
  C("Baseten", "baseten-api-key", KF("baseten"), (r) => `${r.alnum(8)}.${r.alnum(32)}`, "baseten"),
  P("Beamer", "beamer-api-token", GL("beamer"), (r) => `b_${r.from(B64URL_PAD, 44)}`, "BEAMER_API_KEY", "beamerToken"),
  C("Binance", "binance-api-key", "https://developers.binance.com/docs/binance-spot-api-docs/rest-api/request-security", (r) => r.alnum(64), "binance"),
  P("Bitbucket", "bitbucket-app-password", "https://support.atlassian.com/bitbucket-cloud/docs/app-passwords/", (r) => `ATBB${r.alnum(32)}`, "BITBUCKET_APP_PASSWORD", "appPassword"),
  P("Bitbucket", "bitbucket-data-center-token", "https://confluence.atlassian.com/bitbucketserver/http-access-tokens-939515499.html", (r) => `BBDC-${r.b64(44)}`, "BITBUCKET_TOKEN", "httpAccessToken"),
  C("Bitbucket", "bitbucket-client-secret", GL("bitbucket"), (r) => r.from(B64URL_PAD, 64), "bitbucket", "secret"),
  C("Bitly", "bitly-access-token", KF("bitly"), (r) => r.hex(40), "bitly", "token"),
  C("Bitwarden", "bitwarden-access-token", KF("bitwarden"), (r) => `0.${r.uuid()}.${r.alnum(30)}:${r.b64(22)}==`, "bws", "token"),
  P("Blockfrost", "blockfrost-project-id", "https://docs.blockfrost.io/#section/Authentication", (r) => `${r.pick(["mainnet", "preprod", "preview"])}${r.alnum(32)}`, "BLOCKFROST_PROJECT_ID", "projectId"),
  C("Box", "box-client-secret", KF("box"), (r) => r.alnum(32), "box", "secret"),
  C("BrowserStack", "browserstack-access-key", KF("browserstack"), (r) => r.alnum(20), "browserstack"),
  C("Bugsnag", "bugsnag-api-key", TH("bugsnag"), (r) => r.hex(32), "bugsnag"),
  P("Buildkite", "buildkite-api-token", KF("buildkite"), (r) => `bkua_${r.hex(40)}`, "BUILDKITE_API_TOKEN", "buildkiteToken"),
  C("ButterCMS", "buttercms-api-key", KF("buttercms"), (r) => r.hex(40), "buttercms"),
  // ---- C ----------------------------------------------------------------------------------
  P("Cerebras", "cerebras-api-key", KF("cerebras"), (r) => `csk-${r.lower(48)}`, "CEREBRAS_API_KEY", "cerebrasKey"),
  C("Chatwork", "chatwork-api-token", TH("chatwork"), (r) => r.hex(32), "chatwork", "token"),
  P("Checkout.com", "checkout-sandbox-secret-key", "https://www.checkout.com/docs/developer-resources/api/manage-api-keys", (r) => `sk_sbox_${r.from("abcdefghijklmnopqrstuvwxyz234567", 26)}`, "CKO_SECRET_KEY", "checkoutSecretKey"),
  P("CircleCI", "circleci-personal-token", "https://circleci.com/docs/managing-api-tokens/", (r) => `CCIPAT_${r.alnum(22)}_${r.hex(40)}`, "CIRCLECI_TOKEN", "circleToken"),
  P("CircleCI", "circleci-project-token", "https://circleci.com/docs/managing-api-tokens/", (r) => `CCIPRJ_${r.alnum(22)}_${r.hex(40)}`, "CIRCLECI_PROJECT_TOKEN", "projectToken"),
  C("CircleCI", "circleci-legacy-token", KF("circleci"), (r) => r.hex(40), "circleci", "token"),
  C("Cisco Meraki", "cisco-meraki-api-key", KF("ciscomeraki"), (r) => r.hex(40), "meraki"),
  C("Clarifai", "clarifai-api-key", KF("clarifai"), (r) => r.hex(32), "clarifai"),
  C("Clearbit", "clearbit-api-key", KF("clearbit"), (r) => `sk_${r.hex(32)}`, "clearbit"),
  P("ClickHouse", "clickhouse-cloud-api-secret-key", KF("clickhouse"), (r) => `4b1d${r.alnum(38)}`, "CLICKHOUSE_SECRET_KEY", "keySecret"),
  P("ClickUp", "clickup-personal-token", KF("clickup"), (r) => `pk_${r.digits(r.pick([7, 8]))}_${r.upper(32)}`, "CLICKUP_API_TOKEN", "clickupToken"),
  P("Clojars", "clojars-api-token", GL("clojars"), (r) => `CLOJARS_${r.lower(60)}`, "CLOJARS_PASSWORD", "deployToken"),
  P("Close", "close-api-key", KF("closecrm"), (r) => `api_${r.alnum(25)}.${r.alnum(22)}`, "CLOSE_API_KEY", "closeKey"),
  C("IBM Cloudant", "cloudant-credential", KF("cloudant"), (r) => r.pick([() => r.b64url(44), () => r.hex(64)])(), "cloudant", "key"),
  P("Cloudflare", "cloudflare-api-token", "https://developers.cloudflare.com/fundamentals/api/get-started/create-token/", (r) => r.b64url(40), "CLOUDFLARE_API_TOKEN", "cloudflareApiToken", "cloudflare_token"),
  C("Cloudflare", "cloudflare-global-api-key", GL("cloudflare"), (r) => r.hex(37), "cloudflareGlobal"),
  P("Cloudinary", "cloudinary-url", "https://cloudinary.com/documentation/how_to_integrate_cloudinary#cloudinary_url", (r) => `cloudinary://${r.digits(15)}:${r.b64url(27)}@${r.lower(8)}`, "CLOUDINARY_URL", "cloudinaryUrl"),
  C("Cloudsmith", "cloudsmith-api-key", TH("cloudsmith"), (r) => r.hex(40), "cloudsmith"),
  C("Codacy", "codacy-api-token", KF("codacy"), (r) => r.alnum(20), "codacy", "token"),
  C("Code Climate", "codeclimate-reporter-id", KF("codeclimate"), (r) => r.hex(64), "codeclimateReporter", "token"),
  C("Codecov", "codecov-token", "https://docs.codecov.com/docs/codecov-tokens", uuid, "codecov", "token"),
  C("Cohere", "cohere-api-token", KF("cohere"), (r) => r.alnum(40), "cohere"),
  C("CoinAPI", "coinapi-api-key", TH("coinapi"), (r) => r.uuid().toUpperCase(), "coinapi"),
  C("CoinMarketCap", "coinmarketcap-api-key", "https://coinmarketcap.com/api/documentation/v1/#section/Authentication", uuid, "coinmarketcap"),
  C("Confluent", "confluent-api-key", KF("confluent"), (r) => r.upper(16), "confluentCloud"),
  C("Confluent", "confluent-api-secret", KF("confluent"), (r) => r.b64(64), "confluent", "secret"),
  P("Confluent", "confluent-api-secret-v2", KF("confluent"), (r) => `cflt${r.b64(60)}`, "CONFLUENT_CLOUD_API_SECRET", "apiSecret"),
  C("Contentful", "contentful-delivery-token", "https://www.contentful.com/developers/docs/references/authentication/", (r) => r.b64url(43), "contentfulDelivery", "token"),
  P("Contentful", "contentful-personal-access-token", "https://www.contentful.com/developers/docs/references/authentication/", (r) => `CFPAT-${r.b64url(43)}`, "CONTENTFUL_MANAGEMENT_TOKEN", "managementToken"),
  P("Courier", "courier-api-key", KF("courier"), (r) => `pk_${r.pick(["prod", "test"])}_${r.upper(28)}`, "COURIER_AUTH_TOKEN", "courierToken"),
  P("Covalent", "covalent-api-key", TH("covalent"), (r) => `ckey_${r.alnum(27)}`, "COVALENT_API_KEY", "covalentKey"),
  C("Coveralls", "coveralls-repo-token", TH("coveralls"), (r) => r.alnum(32), "coverallsRepo", "token"),
  C("Coze", "coze-personal-access-token", KF("coze"), (r) => `pat_${r.alnum(64)}`, "coze", "token"),
  P("crates.io", "crates-io-api-token", "https://doc.rust-lang.org/cargo/reference/registry-authentication.html", (r) => `cio${r.alnum(32)}`, "CARGO_REGISTRY_TOKEN", "cratesToken"),
  C("CrowdStrike", "crowdstrike-client-secret", TH("crowdstrike"), (r) => r.alnum(40), "crowdstrike", "secret"),
  C("Cypress", "cypress-record-key", KF("cypress"), uuid, "cypressRecord"),
  // ---- D ----------------------------------------------------------------------------------
  P("Databricks", "databricks-api-token", "https://docs.databricks.com/en/dev-tools/auth/pat.html", (r) => `dapi${r.pick([r.hex, r.HEX])(32)}${r.pick(["", "-2", "-3"])}`, "DATABRICKS_TOKEN", "token"),
  P("Databricks", "databricks-oauth-secret", "https://docs.databricks.com/en/dev-tools/auth/oauth-m2m.html", (r) => `dose${r.hex(32)}`, "DATABRICKS_CLIENT_SECRET", "clientSecret"),
  { provider: "Datadog", ruleId: "datadog-api-key", source: "https://docs.datadoghq.com/account_management/api-app-keys/", make: (r) => r.hex(32), keys: ["DD_API_KEY", "datadogApiKey", "DATADOG_API_KEY"] },
  { provider: "Datadog", ruleId: "datadog-app-key", source: "https://docs.datadoghq.com/account_management/api-app-keys/", make: (r) => r.hex(40), keys: ["DD_APP_KEY", "datadogAppKey", "DATADOG_APPLICATION_KEY"] },
  C("Deepgram", "deepgram-api-key", KF("deepgram"), (r) => r.hex(40), "deepgram"),
  C("DeepInfra", "deepinfra-api-key", TH("deepinfra"), (r) => r.alnum(32), "deepinfra", "token"),
  P("DeepL", "deepl-free-api-key", KF("deepl"), (r) => `${r.uuid()}:fx`, "DEEPL_AUTH_KEY", "authKey"),
  C("DeepL", "deepl-api-key", KF("deepl"), uuid, "deeplAuth"),
  P("DeepSeek", "deepseek-api-key", KF("deepseek"), (r) => `sk-${r.hex(32)}`, "DEEPSEEK_API_KEY", "deepseekKey"),
  P("Defined Networking", "defined-networking-api-key", KF("definednetworking"), (r) => `dnkey-${r.from(B64URL_PAD, 26)}-${r.from(B64URL_PAD, 52)}`, "DN_API_KEY", "nebulaKey"),
  C("Delighted", "delighted-api-key", KF("delighted"), (r) => r.alnum(32), "delighted"),
  P("Deno", "deno-deploy-token", "https://docs.deno.com/deploy/manual/api/", (r) => `ddp_${r.alnum(36)}`, "DENO_DEPLOY_TOKEN", "deployToken"),
  P("Dependency-Track", "dependency-track-api-key", "https://docs.dependencytrack.org/integrations/rest-api/", (r) => `odt_${r.alnum(32)}`, "DTRACK_API_KEY", "dependencyTrackKey"),
  C("Diffbot", "diffbot-api-token", KF("diffbot"), (r) => r.hex(32), "diffbot", "token"),
  P("DigitalOcean", "digitalocean-pat", "https://docs.digitalocean.com/reference/api/create-personal-access-token/", (r) => `dop_v1_${r.hex(64)}`, "DIGITALOCEAN_TOKEN", "doToken"),
  P("DigitalOcean", "digitalocean-oauth-token", GL("digitalocean"), (r) => `doo_v1_${r.hex(64)}`, "DIGITALOCEAN_ACCESS_TOKEN", "accessToken"),
  P("DigitalOcean", "digitalocean-refresh-token", GL("digitalocean"), (r) => `dor_v1_${r.hex(64)}`, "DIGITALOCEAN_REFRESH_TOKEN", "refreshToken"),
  // Discord bot tokens: base64url of the bot's numeric id, a timestamp, an HMAC; stored under names
  // that say nothing of Discord as often as under names that do.
  P("Discord", "discord-bot-token-structure", "https://discord.com/developers/docs/reference#authentication", (r) => `${Buffer.from(`${r.int(1, 9)}${r.digits(17)}`).toString("base64url")}.${r.b64url(6)}.${r.b64url(27)}`, "BOT_TOKEN", "botToken", "token"),
  P("Discord", "discord-bot-token", "https://discord.com/developers/docs/reference#authentication", (r) => `${Buffer.from(`${r.int(1, 9)}${r.digits(18)}`).toString("base64url")}.${r.b64url(6)}.${r.b64url(38)}`, "DISCORD_BOT_TOKEN", "discordToken"),
  P("Discord", "discord-webhook-url", "https://discord.com/developers/docs/resources/webhook", (r) => `https://discord.com/api/webhooks/${r.digits(18)}/${r.b64url(68)}`, "DISCORD_WEBHOOK_URL", "webhookUrl"),
  P("Docker Hub", "dockerhub-personal-access-token", "https://docs.docker.com/security/for-developers/access-tokens/", (r) => `dckr_pat_${r.b64url(27)}`, "DOCKERHUB_TOKEN", "registryPassword"),
  P("Doppler", "doppler-personal-token", DOPPLER, (r) => `dp.pt.${r.alnum(43)}`, "DOPPLER_TOKEN", "dopplerToken"),
  P("Doppler", "doppler-service-token", DOPPLER, (r) => `dp.st.${r.alnum(43)}`, "DOPPLER_TOKEN", "serviceToken"),
  P("Doppler", "doppler-service-token-config", DOPPLER, (r) => `dp.st.${r.pick(["prd", "dev", "stg_eu"])}.${r.alnum(43)}`, "DOPPLER_TOKEN", "serviceToken"),
  P("Doppler", "doppler-cli-token", DOPPLER, (r) => `dp.ct.${r.alnum(43)}`, "DOPPLER_TOKEN", "cliToken"),
  P("Doppler", "doppler-service-account-token", DOPPLER, (r) => `dp.sa.${r.alnum(43)}`, "DOPPLER_TOKEN", "serviceAccountToken"),
  P("Doppler", "doppler-scim-token", DOPPLER, (r) => `dp.scim.${r.alnum(43)}`, "DOPPLER_SCIM_TOKEN", "scimToken"),
  P("Doppler", "doppler-audit-token", DOPPLER, (r) => `dp.audit.${r.alnum(43)}`, "DOPPLER_AUDIT_TOKEN", "auditToken"),
  C("Drone", "drone-ci-token", KF("drone"), (r) => r.hex(32), "drone", "token"),
  P("Dropbox", "dropbox-short-lived-token", "https://developers.dropbox.com/oauth-guide", (r) => `sl.${r.b64url(r.int(135, 160))}`, "DROPBOX_ACCESS_TOKEN", "dropboxToken"),
  P("Dropbox", "dropbox-long-lived-token", GL("dropbox"), (r) => `${r.alnum(11)}AAAAAAAAAA${r.b64url(43)}`, "DROPBOX_TOKEN", "accessToken"),
  C("Dropbox", "dropbox-app-secret", GL("dropbox"), (r) => r.lower(15), "dropboxApp", "secret"),
  P("Duffel", "duffel-api-token", GL("duffel"), (r) => `duffel_${r.pick(["test", "live"])}_${r.from(B64URL_PAD, 43)}`, "DUFFEL_ACCESS_TOKEN", "duffelToken"),
  P("Dynatrace", "dynatrace-api-token", "https://docs.dynatrace.com/docs/manage/identity-access-management/access-tokens-and-oauth-clients/access-tokens", (r) => `dt0c01.${r.upper(24)}.${r.upper(64)}`, "DT_API_TOKEN", "dynatraceToken"),
  // ---- E ----------------------------------------------------------------------------------
  P("EasyPost", "easypost-api-token", GL("easypost"), (r) => `EZAK${r.alnum(54)}`, "EASYPOST_API_KEY", "easypostKey"),
  P("EasyPost", "easypost-test-api-token", GL("easypost"), (r) => `EZTK${r.alnum(54)}`, "EASYPOST_TEST_API_KEY", "easypostTestKey"),
  P("ElevenLabs", "elevenlabs-api-key", KF("elevenlabs"), (r) => `sk_${r.hex(48)}`, "ELEVENLABS_API_KEY", "xiApiKey"),
  // A raw secp256k1 key: 32 random bytes (below the curve order), hex, often 0x-prefixed.
  { provider: "Ethereum", ruleId: "ethereum-private-key", source: "https://ethereum.org/en/developers/docs/accounts/#account-creation", make: (r) => `${r.pick(["0x", ""])}${r.hex(64)}`, keys: ["PRIVATE_KEY", "deployerPrivateKey", "wallet_private_key", "signerKey"] },
  C("Etherscan", "etherscan-api-key", TH("etherscan"), (r) => r.upper(34), "etherscan"),
  C("Eventbrite", "eventbrite-api-key", TH("eventbrite"), (r) => r.upper(20), "eventbrite", "token"),
  // ---- F ----------------------------------------------------------------------------------
  C("fal.ai", "fal-api-key", "https://docs.fal.ai/authentication/key-based", (r) => `${r.uuid()}:${r.hex(32)}`, "fal"),
  C("Fastly", "fastly-api-token", GL("fastly"), (r) => r.b64url(32), "fastly", "token"),
  P("Figma", "figma-access-token", "https://www.figma.com/developers/api#access-tokens", (r) => `figd_${r.b64url(40)}`, "FIGMA_TOKEN", "figmaToken"),
  C("Finicity", "finicity-api-token", GL("finicity"), (r) => r.hex(32), "finicityApp"),
  C("Finicity", "finicity-client-secret", GL("finicity"), (r) => r.alnum(20), "finicityPartner", "secret"),
  C("Finnhub", "finnhub-api-token", GL("finnhub"), (r) => r.lower(20), "finnhub", "token"),
  P("Firebase", "firebase-cloud-messaging-server-key", "https://firebase.google.com/docs/cloud-messaging/auth-server", (r) => `AAAA${r.b64url(7)}:APA91b${r.b64url(134)}`, "FCM_SERVER_KEY", "serverKey"),
  P("Firecrawl", "firecrawl-api-key", KF("firecrawl"), (r) => `fc-${r.hex(32)}`, "FIRECRAWL_API_KEY", "firecrawlKey"),
  P("Fireworks AI", "fireworks-api-key", KF("fireworks"), (r) => `fw_${r.alnum(24)}`, "FIREWORKS_API_KEY", "fireworksKey"),
  C("Fixer", "fixer-api-key", TH("fixerio"), (r) => r.hex(32), "fixer"),
  C("Flickr", "flickr-api-key", GL("flickr"), (r) => r.hex(32), "flickr"),
  P("Flutterwave", "flutterwave-secret-key", "https://developer.flutterwave.com/docs/authentication", (r) => `FLWSECK${r.pick(["", "_TEST"])}-${r.hex(32)}-X`, "FLW_SECRET_KEY", "flutterwaveSecret"),
  P("Frame.io", "frameio-api-token", GL("frameio"), (r) => `fio-u-${r.from(B64URL_PAD, 64)}`, "FRAMEIO_TOKEN", "frameioToken"),
  C("FreshBooks", "freshbooks-access-token", GL("freshbooks"), (r) => r.lower(64), "freshbooks", "token"),
  C("Freshdesk", "freshdesk-api-key", TH("freshdesk"), (r) => r.alnum(20), "freshdesk"),
  P("Friendli", "friendli-api-key", KF("friendli"), (r) => `flp_${r.alnum(46)}`, "FRIENDLI_TOKEN", "friendliToken"),
  // ---- G ----------------------------------------------------------------------------------
  C("Geoapify", "geoapify-api-key", TH("geoapify"), (r) => r.hex(32), "geoapify"),
  C("Ghost", "ghost-admin-api-key", "https://ghost.org/docs/admin-api/#token-authentication", (r) => `${r.hex(24)}:${r.hex(64)}`, "ghostAdmin"),
  C("Gitea", "gitea-access-token", "https://docs.gitea.com/development/api-usage", (r) => r.hex(40), "gitea", "token"),
  P("GitHub", "github-pat", "https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/", (r) => {
    const body = r.alnum(30);
    return `ghp_${body}${r.base62(r.crc32(body), 6)}`;
  }, "GITHUB_TOKEN", "githubToken"),
  P("GitHub", "github-oauth", "https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/", (r) => {
    const body = r.alnum(30);
    return `gho_${body}${r.base62(r.crc32(body), 6)}`;
  }, "GITHUB_OAUTH_TOKEN", "oauthToken"),
  P("GitHub", "github-app-installation-token", "https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-an-installation-access-token-for-a-github-app", (r) => r.pick([() => {
    const body = r.alnum(30);
    return `ghs_${body}${r.base62(r.crc32(body), 6)}`;
  }, () => `ghs_${r.int(100000, 3999999)}_${r.jwt({ iss: "github", iid: r.int(1e6, 9e7), aid: r.int(1e5, 4e6), exp: 1790000000 + r.int(0, 1e6) })}`])(), "GITHUB_TOKEN", "installationToken"),
  P("GitHub", "github-fine-grained-pat", "https://github.blog/changelog/2022-10-18-introducing-fine-grained-personal-access-tokens/", (r) => `github_pat_${r.alnum(22)}_${r.alnum(59)}`, "GH_TOKEN", "githubPat"),
  P("GitLab", "gitlab-pat", GITLAB, (r) => `glpat-${r.b64url(20)}`, "GITLAB_TOKEN", "gitlabToken"),
  P("GitLab", "gitlab-pipeline-trigger-token", GITLAB, (r) => `glptt-${r.hex(40)}`, "GITLAB_TRIGGER_TOKEN", "triggerToken"),
  P("GitLab", "gitlab-deploy-token", GITLAB, (r) => `gldt-${r.b64url(20)}`, "GITLAB_DEPLOY_TOKEN", "deployToken"),
  P("GitLab", "gitlab-runner-token", GITLAB, (r) => `glrt-${r.b64url(20)}`, "RUNNER_TOKEN", "runnerToken"),
  P("GitLab", "gitlab-runner-registration-token", GITLAB, (r) => `GR1348941${r.b64url(20)}`, "REGISTRATION_TOKEN", "registrationToken"),
  P("GitLab", "gitlab-feed-token", GITLAB, (r) => `glft-${r.b64url(20)}`, "GITLAB_FEED_TOKEN", "feedToken"),
  P("GitLab", "gitlab-incoming-mail-token", GITLAB, (r) => `glimt-${r.lower(25)}`, "GITLAB_INCOMING_MAIL_TOKEN", "incomingMailToken"),
  P("GitLab", "gitlab-agent-token", GITLAB, (r) => `glagent-${r.b64url(50)}`, "GITLAB_AGENT_TOKEN", "agentToken"),
  P("GitLab", "gitlab-oauth-app-secret", GITLAB, (r) => `gloas-${r.hex(64)}`, "GITLAB_OAUTH_SECRET", "oauthSecret"),
  C("Gitter", "gitter-access-token", GL("gitter"), (r) => r.b64url(40), "gitter", "token"),
  C("GoCardless", "gocardless-api-token", GL("gocardless"), (r) => `${r.pick(["live_", "sandbox_"])}${r.from(B64URL_PAD, 40)}`, "gocardless", "token"),
  P("Google Cloud", "gcp-api-key", "https://cloud.google.com/docs/authentication/api-keys", (r) => `AIzaSy${r.b64url(33)}`, "GOOGLE_API_KEY", "mapsApiKey"),
  P("Google Cloud", "gcp-oauth-client-secret", "https://developers.google.com/identity/protocols/oauth2", (r) => `GOCSPX-${r.b64url(28)}`, "GOOGLE_CLIENT_SECRET", "clientSecret"),
  P("Grafana", "grafana-service-account-token", "https://grafana.com/docs/grafana/latest/administration/service-accounts/", (r) => {
    const body = r.alnum(32);
    return `glsa_${body}_${r.crc32(`glsa_${body}`).toString(16).padStart(8, "0")}`;
  }, "GRAFANA_TOKEN", "grafanaToken"),
  P("Grafana", "grafana-cloud-api-token", "https://grafana.com/docs/grafana-cloud/account-management/authentication-and-permissions/access-policies/", (r) => `glc_${Buffer.from(JSON.stringify({ o: r.digits(6), n: `stack-${r.digits(6)}-hm-read`, k: r.alnum(24), m: { r: "prod-us-east-0" } })).toString("base64")}`, "GRAFANA_CLOUD_TOKEN", "cloudAccessPolicyToken"),
  P("Groq", "groq-api-key", "https://console.groq.com/docs/api-keys", (r) => `gsk_${r.alnum(52)}`, "GROQ_API_KEY", "groqKey"),
  // ---- H ----------------------------------------------------------------------------------
  P("Harness", "harness-api-token", GL("harness"), (r) => `${r.pick(["pat", "sat"])}.${r.b64url(22)}.${r.alnum(24)}.${r.alnum(20)}`, "HARNESS_API_KEY", "harnessToken"),
  C("Harvest", "harvest-access-token", TH("harvest"), (r) => `${r.digits(7)}.pt.${r.b64url(86)}`, "harvest", "token"),
  P("HashiCorp", "vault-service-token", "https://developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes", (r) => `hvs.${r.alnum(24)}`, "VAULT_TOKEN", "vaultToken"),
  P("HashiCorp", "vault-batch-token", "https://developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes", (r) => `hvb.${r.b64url(138)}`, "VAULT_TOKEN", "batchToken"),
  P("HashiCorp", "vault-recovery-token", "https://developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes", (r) => `hvr.${r.alnum(24)}`, "VAULT_RECOVERY_TOKEN", "recoveryToken"),
  C("HashiCorp", "hcp-client-secret", "https://developer.hashicorp.com/hcp/docs/hcp/iam/service-principal", (r) => r.alnum(64), "hcp", "secret"),
  P("Helicone", "helicone-api-key", TH("helicone"), (r) => `sk-helicone-${r.lower(7)}-${r.lower(7)}-${r.lower(7)}-${r.lower(7)}`, "HELICONE_API_KEY", "heliconeKey"),
  P("Heroku", "heroku-api-key-v2", "https://devcenter.heroku.com/articles/authentication", (r) => `HRKU-AA${r.b64url(58)}`, "HEROKU_API_KEY", "herokuToken"),
  C("Heroku", "heroku-api-key", "https://devcenter.heroku.com/articles/authentication", uuid, "heroku"),
  C("Hetzner", "hetzner-cloud-api-token", TH("hetznercloud"), (r) => r.alnum(64), "hcloud", "token"),
  P("HubSpot", "hubspot-private-app-token", "https://developers.hubspot.com/docs/api/private-apps", (r) => `pat-${r.pick(["na1", "eu1", "na2"])}-${r.uuid()}`, "HUBSPOT_ACCESS_TOKEN", "hubspotToken"),
  P("Hugging Face", "huggingface-access-token", "https://huggingface.co/docs/hub/security-tokens", (r) => `hf_${r.letters(34)}`, "HF_TOKEN", "hfToken"),
  P("Hugging Face", "huggingface-organization-api-token", GL("huggingface"), (r) => `api_org_${r.letters(34)}`, "HF_ORG_TOKEN", "orgToken"),
  C("Hunter", "hunter-api-key", TH("hunter"), (r) => r.hex(40), "hunter"),
  // ---- I ----------------------------------------------------------------------------------
  C("IBM Cloud", "ibm-cloud-api-key", KF("ibm"), (r) => r.b64url(44), "ibmcloud"),
  { provider: "IBM Cloud", ruleId: "ibm-cos-hmac-secret", source: "https://cloud.ibm.com/docs/cloud-object-storage?topic=cloud-object-storage-uhc-hmac-credentials-main", make: (r) => r.hex(48), keys: ["COS_HMAC_SECRET_ACCESS_KEY", "secretAccessKey", "secret_access_key"] },
  C("IEX Cloud", "iex-cloud-api-key", TH("iexcloud"), (r) => `${r.pick(["sk_", "pk_"])}${r.hex(32)}`, "iexcloud", "token"),
  C("ImageKit", "imagekit-private-key", TH("imagekit"), (r) => `private_${r.b64(27)}=`, "imagekitPrivate"),
  C("Imgur", "imgur-client-secret", TH("imgur"), (r) => r.hex(40), "imgur", "secret"),
  C("Infobip", "infobip-api-key", TH("infobip"), (r) => `${r.hex(32)}-${r.uuid()}`, "infobip"),
  P("Infracost", "infracost-api-token", GL("infracost"), (r) => `ico-${r.alnum(32)}`, "INFRACOST_API_KEY", "infracostKey"),
  C("Infura", "infura-api-key", TH("infura"), (r) => r.hex(32), "infura"),
  P("Intercom", "intercom-access-token", GL("intercom"), (r) => Buffer.from(`tok:${r.uuid().replace(/-/g, "_")}:1:0`).toString("base64"), "INTERCOM_ACCESS_TOKEN", "intercomToken"),
  P("Ionic", "ionic-api-token", KF("ionic"), (r) => `ion_${r.alnum(42)}`, "IONIC_TOKEN", "ionicToken"),
  C("ipstack", "ipstack-api-key", KF("ipstack"), (r) => r.hex(32), "ipstack"),
  C("Iterable", "iterable-api-key", TH("iterable"), (r) => r.hex(32), "iterable"),
  // ---- J ----------------------------------------------------------------------------------
  C("Jenkins", "jenkins-api-token", KF("jenkins"), (r) => `11${r.hex(32)}`, "jenkins", "token"),
  P("JFrog", "artifactory-api-key", "https://jfrog.com/help/r/jfrog-platform-administration-documentation/api-key", (r) => `AKCp${r.alnum(69)}`, "ARTIFACTORY_API_KEY", "artifactoryKey"),
  P("JFrog", "artifactory-reference-token", "https://jfrog.com/help/r/jfrog-platform-administration-documentation/access-tokens", (r) => Buffer.from(`reftkn:01:${r.int(1_700_000_000, 2_000_000_000)}:${r.alnum(27)}`).toString("base64"), "JFROG_ACCESS_TOKEN", "referenceToken"),
  P("Jina AI", "jina-api-key", KF("jina"), (r) => `jina_${r.alnum(60)}`, "JINA_API_KEY", "jinaKey"),
  C("Jotform", "jotform-api-key", TH("jotform"), (r) => r.hex(32), "jotform"),
  C("JumpCloud", "jumpcloud-api-key", TH("jumpcloud"), (r) => r.lower(40), "jumpcloud"),
  // ---- K ----------------------------------------------------------------------------------
  C("Kaggle", "kaggle-api-key", "https://www.kaggle.com/docs/api#authentication", (r) => r.hex(32), "kaggle"),
  C("Kagi", "kagi-api-key", KF("kagi"), (r) => `${r.b64url(11)}.${r.b64url(43)}`, "kagi", "token"),
  C("Klaviyo", "klaviyo-private-key", TH("klaviyo"), (r) => `pk_${r.alnum(34)}`, "klaviyoPrivate"),
  P("Kong", "kong-personal-access-token", "https://docs.konghq.com/konnect/org-management/access-tokens/", (r) => `kpat_${r.alnum(49)}`, "KONNECT_TOKEN", "konnectToken"),
  P("Kong", "kong-system-account-token", "https://docs.konghq.com/konnect/org-management/system-accounts/", (r) => `spat_${r.alnum(49)}`, "KONNECT_SYSTEM_TOKEN", "systemAccountToken"),
  C("Kraken", "kraken-api-key", GL("kraken"), (r) => r.b64(56), "kraken"),
  { provider: "Kraken", ruleId: "kraken-private-key", source: GL("kraken"), make: (r) => `${r.b64(86)}==`, keys: ["KRAKEN_PRIVATE_KEY", "krakenPrivateKey", "kraken_api_secret"] },
  C("KuCoin", "kucoin-api-key", GL("kucoin"), (r) => r.hex(24), "kucoin"),
  C("KuCoin", "kucoin-api-secret", GL("kucoin"), uuid, "kucoin", "secret"),
  // A kubeconfig is one file type: its client key lives under `client-key-data` and nowhere else.
  {
    provider: "Kubernetes",
    ruleId: "kubeconfig-client-key-data",
    source: "https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/",
    make: (r) => Buffer.from(`-----BEGIN ${r.pick(["RSA ", "EC ", ""])}PRIVATE KEY-----\n${r.b64(64)}\n${r.b64(64)}\n${r.b64(40)}\n-----END PRIVATE KEY-----\n`).toString("base64"),
    keys: ["client-key-data"],
    files: (t) => [
      [".kube/config", `apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t\n    client-key-data: ${t}\n`],
      ["deploy/kubeconfig.yaml", `users:\n  - name: ci\n    user:\n      client-key-data: "${t}"\n`],
      ["kubeconfig.json", `{"users": [{"name": "ci", "user": {"client-key-data": "${t}"}}]}\n`],
    ],
  },
  // ---- More formats stated by public scanners' rules ---------------------------------------
  C("Atlassian", "atlassian-data-center-pat", KF("bamboo"), (r) => Buffer.from(`${r.digits(12)}:${r.b64(20)}`).toString("base64"), "bamboo", "token"),
  P("Browserbase", "browserbase-api-key", KF("browserbase"), (r) => `bb_${r.pick(["live", "test"])}_${r.b64url(27)}`, "BROWSERBASE_API_KEY", "browserbaseApiKey"),
  P("Cal.com", "calcom-api-key", KF("calcom"), (r) => `cal_live_${r.hex(32)}`, "CAL_API_KEY", "calApiKey"),
  P("Cartesia", "cartesia-api-key", KF("cartesia"), (r) => `sk_car_${r.alnum(20)}`, "CARTESIA_API_KEY", "cartesiaKey"),
  C("Censys", "censys-api-secret", KF("censys"), (r) => r.alnum(32), "censysApi", "secret"),
  C("ChartMogul", "chartmogul-api-key", KF("chartmogul"), (r) => r.lower(32), "chartmogul"),
  C("Civo", "civo-api-key", KF("civo"), (r) => r.lower(50), "civo", "token"),
  P("CockroachDB", "cockroachdb-cloud-api-key", KF("cockroachlabs"), (r) => `CCDB1_${r.alnum(22)}_${r.alnum(40)}`, "COCKROACH_API_KEY", "cockroachApiKey"),
  P("Composio", "composio-api-key", KF("composio"), (r) => `${r.pick(["ak_", "ck_"])}${r.lower(10)}${r.digits(3)}${r.b64url(7)}`, "COMPOSIO_API_KEY", "composioApiKey"),
  P("ConfigCat", "configcat-sdk-key", KF("configcat"), (r) => `configcat-sdk-1/${r.b64url(22)}/${r.b64url(22)}`, "CONFIGCAT_SDK_KEY", "sdkKey"),
  C("ConfigCat", "configcat-legacy-sdk-key", KF("configcat"), (r) => `${r.b64url(22)}/${r.b64url(22)}`, "configcatSdk"),
  C("Contentstack", "contentstack-management-token", TH("contentstack"), (r) => `cs${r.hex(32)}`, "contentstackManagement", "token"),
  C("Crossmint", "crossmint-server-api-key", KF("crossmint"), (r) => `sk_${r.pick(["production", "staging"])}_${r.alnum(36)}`, "crossmint", "secret"),
  P("Cursor", "cursor-api-key", KF("cursor"), (r) => `key_${r.hex(64)}`, "CURSOR_API_KEY", "cursorApiKey"),
  C("Customer.io", "customerio-api-key", TH("customerio"), (r) => r.hex(20), "customerio"),
];
