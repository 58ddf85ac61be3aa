/**
 * Provider formats L–Z and digits, one row per format (see format-rules.ts for what a row
 * becomes). Each row names where its shape is stated: the provider's documentation where it
 * documents one, else a public scanner's rule definition (a fact about the token's shape).
 *
 * Prefixed rows stand alone; rows with `context` only fire where the provider's name begins
 * the identifier the value is assigned to, because their value (a UUID, 32 hex) means nothing
 * by itself.
 */
import { type FormatRow, formatRule, UUID } from "../format-rules.js";
import type { Rule } from "../types.js";

const TH = (name: string): string => `https://github.com/trufflesecurity/trufflehog/blob/main/pkg/detectors/${name}/${name}.go`;
const GL = (name: string): string => `https://github.com/gitleaks/gitleaks/blob/master/cmd/generate/config/rules/${name}.go`;
const BL = (name: string): string => `https://github.com/betterleaks/betterleaks/blob/main/config/generate/rules/${name}.go`;

/** Words that say an identifier holds a secret half (a client secret, not a client id). */
const SECRET_ONLY = ["secret", "password", "private"];

const TAILSCALE = "https://tailscale.com/kb/1277/key-prefixes";

export const FORMATS: readonly FormatRow[] = [
  // ---- L ------------------------------------------------------------------------------------
  { id: "launchdarkly-access-token", provider: "LaunchDarkly", description: "LaunchDarkly API access token (api-<uuid>)", source: "https://docs.launchdarkly.com/home/account/api", token: ["api-", ...UUID], context: ["launchdarkly", "launch_darkly", "ld"] },
  { id: "launchdarkly-sdk-key", provider: "LaunchDarkly", description: "LaunchDarkly server-side SDK key (sdk-<uuid>)", source: "https://docs.launchdarkly.com/sdk/concepts/client-side-server-side#keys", token: ["sdk-", ...UUID], context: ["launchdarkly", "launch_darkly", "ld"] },
  { id: "langfuse-secret-key", provider: "Langfuse", description: "Langfuse secret API key (sk-lf-<uuid>)", source: "https://langfuse.com/docs/api", token: ["sk-lf-", ...UUID] },
  { id: "linear-client-secret", provider: "Linear", description: "Linear OAuth client secret next to a Linear name", source: GL("linear"), token: [["hex", 32]], context: ["linear"], words: SECRET_ONLY },
  { id: "linkedin-client-secret", provider: "LinkedIn", description: "LinkedIn OAuth client secret next to a LinkedIn name", source: GL("linkedin"), token: [["alnum", 16]], context: ["linkedin", "linked_in"], words: SECRET_ONLY },
  { id: "linode-api-token", provider: "Linode", description: "Linode (Akamai) personal access token next to a Linode name", source: TH("linode"), token: [["hex", 64]], context: ["linode"] },
  { id: "llamacloud-api-key", provider: "LlamaIndex", description: "LlamaCloud API key (llx-)", source: "https://docs.cloud.llamaindex.ai/api_key", token: ["llx-", ["alnum", 48]] },
  { id: "lob-api-key", provider: "Lob", description: "Lob secret API key (live_/test_ + 35 hex) next to a Lob name", source: GL("lob"), token: [{ oneOf: ["live_", "test_"] }, ["hex", 35]], context: ["lob"] },
  { id: "lob-publishable-key", provider: "Lob", description: "Lob publishable API key (live_pub_/test_pub_) next to a Lob name", source: GL("lob"), token: [{ oneOf: ["live_pub_", "test_pub_"] }, ["hex", 31]], context: ["lob"], severity: "medium" },
  { id: "loggly-customer-token", provider: "Loggly", description: "Loggly customer token (a UUID) next to a Loggly name", source: TH("loggly"), token: UUID, context: ["loggly"] },
  { id: "logzio-token", provider: "Logz.io", description: "Logz.io shipping or API token next to a Logz.io name", source: TH("logzio"), token: [["letters", 32]], context: ["logzio", "logz_io", "logz"], validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s) },
  { id: "lokalise-api-token", provider: "Lokalise", description: "Lokalise API token next to a Lokalise name", source: TH("lokalise"), token: [["hex", 40]], context: ["lokalise"] },
  { id: "looker-client-secret", provider: "Looker", description: "Looker API client secret next to a Looker name", source: GL("looker"), token: [["alnum", 24]], context: ["looker"], words: SECRET_ONLY },
  // ---- M ------------------------------------------------------------------------------------
  { id: "mailersend-api-token", provider: "MailerSend", description: "MailerSend API token (mlsn.)", source: "https://developers.mailersend.com/general.html#authentication", token: ["mlsn.", ["hex", 64]] },
  { id: "mailjet-api-key", provider: "Mailjet", description: "Mailjet API key or secret next to a Mailjet name", source: TH("mailjetbasicauth"), token: [["hex", 32]], context: ["mailjet", "mj_apikey", "mj"] },
  { id: "mailtrap-api-token", provider: "Mailtrap", description: "Mailtrap API token next to a Mailtrap name", source: TH("mailtrap"), token: [["hex", 32]], context: ["mailtrap"] },
  { id: "mandrill-api-key", provider: "Mailchimp", description: "Mailchimp Transactional (Mandrill) API key next to a Mandrill name", source: TH("mandrill"), token: [["b64url", 22]], context: ["mandrill"] },
  { id: "mapbox-secret-token", provider: "Mapbox", description: "Mapbox secret access token (sk.eyJ1…)", source: "https://docs.mapbox.com/accounts/guides/tokens/", token: ["sk.eyJ1Ijoi", ["b64url", 10, 200], ".", ["b64url", 22]], prefixes: ["sk."], severity: "critical" },
  { id: "mapbox-temporary-token", provider: "Mapbox", description: "Mapbox temporary access token (tk.eyJ1…)", source: "https://docs.mapbox.com/accounts/guides/tokens/", token: ["tk.eyJ1Ijoi", ["b64url", 10, 200], ".", ["b64url", 22]], prefixes: ["tk."], severity: "medium" },
  { id: "mattermost-access-token", provider: "Mattermost", description: "Mattermost personal access or bot token next to a Mattermost name", source: GL("mattermost"), token: [["lower", 26]], context: ["mattermost"] },
  { id: "microsoft-teams-webhook", provider: "Microsoft Teams", description: "Microsoft Teams incoming webhook URL", source: GL("teams"), token: ["https://", ["host", 1, 40], ".webhook.office.com/webhookb2/", ...UUID, "@", ...UUID, "/IncomingWebhook/", ["hex", 32], "/", ...UUID], keywords: ["webhook.office.com/webhookb2/"], prefixes: [], severity: "medium" },
  { id: "midtrans-server-key", provider: "Midtrans", description: "Midtrans server key (Mid-server- / SB-Mid-server-)", source: "https://docs.midtrans.com/docs/api-keys", token: [{ oneOf: ["Mid-server-", "SB-Mid-server-"] }, ["b64url", 24]] },
  { id: "minimax-api-key", provider: "MiniMax", description: "MiniMax API key (sk-api-)", source: BL("minimax"), token: ["sk-api-", ["b64url", 119]] },
  { id: "mixpanel-api-secret", provider: "Mixpanel", description: "Mixpanel API secret next to a Mixpanel name", source: TH("mixpanel"), token: [["hex", 32]], context: ["mixpanel"], words: SECRET_ONLY },
  { id: "mollie-api-key", provider: "Mollie", description: "Mollie API key (live_/test_) next to a Mollie name", source: "https://docs.mollie.com/reference/authentication", token: [{ oneOf: ["live_", "test_"] }, ["alnum", 30]], context: ["mollie"] },
  { id: "mollie-access-token", provider: "Mollie", description: "Mollie organization access token (access_) next to a Mollie name", source: "https://docs.mollie.com/reference/authentication", token: ["access_", ["alnum", 40]], context: ["mollie"] },
  { id: "mongodb-atlas-api-private-key", provider: "MongoDB", description: "MongoDB Atlas programmatic API private key (a UUID) next to an Atlas name", source: "https://www.mongodb.com/docs/atlas/configure-api-access/", token: UUID, context: ["atlas", "mongodb_atlas", "mongodbatlas"], words: ["private", "secret"] },
  // ---- N ------------------------------------------------------------------------------------
  { id: "neon-api-key", provider: "Neon", description: "Neon API key (napi_)", source: "https://neon.tech/docs/manage/api-keys", token: ["napi_", ["lower", 64]] },
  { id: "netlify-legacy-token", provider: "Netlify", description: "Netlify personal access token (pre-prefix form) next to a Netlify name", source: GL("netlify"), token: [["b64url", 43]], context: ["netlify"] },
  { id: "newrelic-rest-api-key", provider: "New Relic", description: "New Relic REST API key (NRRA-)", source: TH("newrelicpersonalapikey"), token: ["NRRA-", ["hex", 42]] },
  { id: "newrelic-legacy-license-key", provider: "New Relic", description: "New Relic license key (40 hex) next to a New Relic name", source: "https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/#license-key", token: [["hex", 40]], context: ["newrelic", "new_relic", "nr"], words: ["license", "key"] },
  { id: "ngrok-authtoken", provider: "ngrok", description: "ngrok agent authtoken next to an ngrok name", source: TH("ngrok"), token: [["alnum", 26, 28], "_", ["alnum", 20, 22]], context: ["ngrok"] },
  { id: "nightfall-api-key", provider: "Nightfall", description: "Nightfall API key (NF-)", source: TH("nightfall"), token: ["NF-", ["alnum", 32]] },
  { id: "nvidia-api-key", provider: "NVIDIA", description: "NVIDIA NIM / NGC API key (nvapi-)", source: BL("nvidia"), token: ["nvapi-", ["b64url", 60, 70]] },
  { id: "nytimes-api-key", provider: "New York Times", description: "New York Times developer API key next to an NYTimes name", source: GL("nytimes"), token: [["alnum", 32]], context: ["nytimes", "nyt"] },
  // ---- O ------------------------------------------------------------------------------------
  { id: "onfido-api-token", provider: "Onfido", description: "Onfido API token (api_live. / api_sandbox.)", source: "https://documentation.onfido.com/api/latest/#authentication", token: ["api_", { oneOf: ["live", "sandbox"] }, { oneOf: ["", "_us", "_ca"] }, ".", ["b64url", 11], ".", ["b64url", 32]], keywords: ["api_live", "api_sandbox"], prefixes: ["api_live", "api_sandbox"] },
  { id: "onesignal-api-key", provider: "OneSignal", description: "OneSignal app or organization API key (os_v2_)", source: "https://documentation.onesignal.com/docs/keys-and-ids", token: ["os_v2_", { oneOf: ["app_", "org_"] }, ["lower", 90, 130]] },
  { id: "openshift-user-token", provider: "OpenShift", description: "OpenShift OAuth access token (sha256~)", source: BL("openshift"), token: ["sha256~", ["b64url", 43]] },
  { id: "opsgenie-api-key", provider: "Opsgenie", description: "Opsgenie API key (a UUID) next to an Opsgenie name", source: TH("opsgenie"), token: UUID, context: ["opsgenie", "ops_genie"] },
  { id: "ovh-application-secret", provider: "OVHcloud", description: "OVHcloud application secret or consumer key next to an OVH name", source: BL("ovh"), token: [["alnum", 32]], context: ["ovh"], words: ["secret", "consumer", "key"] },
  // ---- P ------------------------------------------------------------------------------------
  { id: "paddle-api-key", provider: "Paddle", description: "Paddle Billing API key (pdl_live_apikey_ / pdl_sdbx_apikey_)", source: "https://developer.paddle.com/api-reference/about/api-keys", token: ["pdl_", { oneOf: ["live", "sdbx"] }, "_apikey_", ["lower", 26], "_", ["alnum", 22], "_", ["alnum", 3]] },
  { id: "pagerduty-api-key", provider: "PagerDuty", description: "PagerDuty REST API key next to a PagerDuty name", source: TH("pagerdutyapikey"), token: [["b64url", 20]], context: ["pagerduty", "pager_duty", "pd"] },
  { id: "pagerduty-user-token", provider: "PagerDuty", description: "PagerDuty user API token (u+) next to a PagerDuty name", source: "https://support.pagerduty.com/main/docs/api-access-keys", token: ["u+", ["b64url", 18]], context: ["pagerduty", "pager_duty", "pd"] },
  { id: "pagerduty-integration-key", provider: "PagerDuty", description: "PagerDuty Events API integration (routing) key next to a PagerDuty name", source: "https://developer.pagerduty.com/docs/events-api-v2/overview/", token: [["hex", 32]], context: ["pagerduty", "pager_duty", "pd"], words: ["integration", "routing", "service", "key"] },
  { id: "pastebin-api-key", provider: "Pastebin", description: "Pastebin developer API key next to a Pastebin name", source: TH("pastebin"), token: [["word", 32]], context: ["pastebin"] },
  { id: "pinecone-api-key", provider: "Pinecone", description: "Pinecone API key (pcsk_)", source: "https://docs.pinecone.io/guides/projects/manage-api-keys", token: ["pcsk_", ["alnum", 4, 8], "_", ["alnum", 40, 80]] },
  { id: "pinecone-legacy-api-key", provider: "Pinecone", description: "Pinecone legacy API key (a UUID) next to a Pinecone name", source: TH("pinecone"), token: UUID, context: ["pinecone"] },
  { id: "pivotal-tracker-api-token", provider: "Pivotal Tracker", description: "Pivotal Tracker API token next to a Pivotal name", source: TH("pivotaltracker"), token: [["hex", 32]], context: ["pivotal", "pivotaltracker"] },
  { id: "plaid-access-token", provider: "Plaid", description: "Plaid item access token (access-<env>-<uuid>)", source: "https://plaid.com/docs/api/tokens/", token: ["access-", { oneOf: ["sandbox-", "development-", "production-"] }, ...UUID] },
  { id: "plaid-secret-key", provider: "Plaid", description: "Plaid API secret next to a Plaid name", source: GL("plaid"), token: [["hex", 30]], context: ["plaid"], words: SECRET_ONLY },
  { id: "plivo-auth-token", provider: "Plivo", description: "Plivo auth token next to a Plivo name", source: TH("plivo"), token: [["alnum", 40]], context: ["plivo"] },
  { id: "posthog-personal-api-key", provider: "PostHog", description: "PostHog personal API key (phx_)", source: "https://posthog.com/docs/api#personal-api-keys", token: ["phx_", ["b64url", 47]] },
  { id: "pubnub-secret-key", provider: "PubNub", description: "PubNub secret key (sec-c-)", source: "https://www.pubnub.com/docs/general/basics/keysets", token: ["sec-c-", ["b64", 40, 60]] },
  { id: "pubnub-publish-key", provider: "PubNub", description: "PubNub publish key (pub-c-<uuid>)", source: "https://www.pubnub.com/docs/general/basics/keysets", token: ["pub-c-", ...UUID], severity: "medium" },
  { id: "pusher-app-secret", provider: "Pusher", description: "Pusher Channels app secret next to a Pusher name", source: TH("pusherchannelkey"), token: [["hex", 20]], context: ["pusher"], words: SECRET_ONLY },
  // ---- R ------------------------------------------------------------------------------------
  { id: "rapidapi-key", provider: "RapidAPI", description: "RapidAPI application key next to a RapidAPI name", source: GL("rapidapi"), token: [["b64url", 50]], context: ["rapid_api", "x_rapidapi"] },
  { id: "razorpay-key-id", provider: "Razorpay", description: "Razorpay API key id (rzp_live_ / rzp_test_)", source: "https://razorpay.com/docs/api/authentication/", token: ["rzp_", { oneOf: ["live_", "test_"] }, ["alnum", 14]], severity: "medium" },
  { id: "razorpay-key-secret", provider: "Razorpay", description: "Razorpay API key secret next to a Razorpay name", source: "https://razorpay.com/docs/api/authentication/", token: [["alnum", 24]], context: ["razorpay", "rzp"], words: SECRET_ONLY },
  { id: "resend-api-key", provider: "Resend", description: "Resend API key (re_)", source: "https://resend.com/docs/dashboard/api-keys/introduction", token: ["re_", ["alnum", 8], "_", ["alnum", 24]], validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s.slice(3)) && /[0-9]/.test(s) },
  { id: "rollbar-access-token", provider: "Rollbar", description: "Rollbar project or account access token next to a Rollbar name", source: TH("rollbar"), token: [["hex", 32]], context: ["rollbar"] },
  { id: "rootly-api-key", provider: "Rootly", description: "Rootly API key (rootly_)", source: "https://docs.rootly.com/api-reference/overview", token: ["rootly_", ["hex", 64]] },
  // ---- S ------------------------------------------------------------------------------------
  { id: "salesforce-access-token", provider: "Salesforce", description: "Salesforce session / OAuth access token (00D…!AQ…)", source: TH("salesforce"), token: ["00D", ["alnum", 12, 15], "!AQ", ["dotted", 80, 120]], keywords: ["!aq"], prefixes: ["00D"], severity: "critical" },
  { id: "salesforce-refresh-token", provider: "Salesforce", description: "Salesforce OAuth refresh token (5Aep861)", source: TH("salesforcerefreshtoken"), token: ["5Aep861", ["dotted", 80, 90]], severity: "critical" },
  { id: "salesforce-consumer-key", provider: "Salesforce", description: "Salesforce connected-app consumer key (3MVG9)", source: TH("salesforceoauth2"), token: ["3MVG9", ["dotted", 70, 90]], severity: "medium" },
  { id: "samsara-api-token", provider: "Samsara", description: "Samsara API token (samsara_api_)", source: "https://developers.samsara.com/docs/authentication", token: ["samsara_api_", ["alnum", 30]] },
  { id: "sauce-labs-access-key", provider: "Sauce Labs", description: "Sauce Labs access key (a UUID) next to a Sauce name", source: TH("saucelabs"), token: UUID, context: ["sauce", "saucelabs", "sauce_labs"] },
  { id: "scaleway-access-key", provider: "Scaleway", description: "Scaleway API access key (SCW + 17)", source: "https://www.scaleway.com/en/docs/iam/concepts/#api-key", token: ["SCW", ["upper", 17]], severity: "medium" },
  { id: "scaleway-secret-key", provider: "Scaleway", description: "Scaleway API secret key (a UUID) next to a Scaleway name", source: BL("scaleway"), token: UUID, context: ["scaleway", "scw"], words: ["secret", "token", "key"] },
  { id: "scrapfly-api-key", provider: "Scrapfly", description: "Scrapfly API key (scp-live-)", source: TH("scrapfly"), token: ["scp-live-", ["hex", 32]] },
  { id: "segment-write-key", provider: "Segment", description: "Segment write key or API token next to a Segment name", source: TH("segment"), token: [["alnum", 32]], context: ["segment"], words: ["write", "token", "secret", "key"] },
  { id: "sendbird-api-token", provider: "Sendbird", description: "Sendbird API token next to a Sendbird name", source: GL("sendbird"), token: [["hex", 40]], context: ["sendbird"] },
  { id: "serpapi-api-key", provider: "SerpApi", description: "SerpApi private API key next to a SerpApi name", source: TH("serpapi"), token: [["hex", 64]], context: ["serpapi", "serp_api"] },
  { id: "settlemint-application-access-token", provider: "SettleMint", description: "SettleMint application access token (sm_aat_)", source: BL("settlemint"), token: ["sm_aat_", ["alnum", 16]] },
  { id: "settlemint-personal-access-token", provider: "SettleMint", description: "SettleMint personal access token (sm_pat_)", source: BL("settlemint"), token: ["sm_pat_", ["alnum", 16]] },
  { id: "settlemint-service-access-token", provider: "SettleMint", description: "SettleMint service access token (sm_sat_)", source: BL("settlemint"), token: ["sm_sat_", ["alnum", 16]] },
  { id: "shippo-api-token", provider: "Shippo", description: "Shippo API token (shippo_live_ / shippo_test_)", source: GL("shippo"), token: ["shippo_", { oneOf: ["live_", "test_"] }, ["Hex", 40]] },
  { id: "shodan-api-key", provider: "Shodan", description: "Shodan API key next to a Shodan name", source: TH("shodankey"), token: [["alnum", 32]], context: ["shodan"] },
  { id: "sparkpost-api-key", provider: "SparkPost", description: "SparkPost API key next to a SparkPost name", source: TH("sparkpost"), token: [["hex", 40]], context: ["sparkpost", "spark_post"] },
  { id: "splunk-hec-token", provider: "Splunk", description: "Splunk HTTP Event Collector token (a UUID) next to a Splunk name", source: "https://docs.splunk.com/Documentation/Splunk/latest/Data/UsetheHTTPEventCollector", token: UUID, context: ["splunk"] },
  { id: "spotify-client-secret", provider: "Spotify", description: "Spotify client secret next to a Spotify name", source: TH("spotifykey"), token: [["hex", 32]], context: ["spotify"], words: SECRET_ONLY },
  { id: "square-application-id", provider: "Square", description: "Square application id (sq0idp-), the public half of an OAuth pair", source: "https://developer.squareup.com/docs/build-basics/access-tokens", token: ["sq0idp-", ["b64url", 22]], severity: "low", confidence: "medium" },
  { id: "squarespace-api-key", provider: "Squarespace", description: "Squarespace API key (a UUID) next to a Squarespace name", source: GL("squarespace"), token: UUID, context: ["squarespace"] },
  { id: "stability-ai-api-key", provider: "Stability AI", description: "Stability AI API key (sk- + 48) next to a Stability name", source: BL("stability"), token: ["sk-", ["alnum", 48]], context: ["stability", "stabilityai"] },
  { id: "statsig-server-secret", provider: "Statsig", description: "Statsig server secret key (secret-) next to a Statsig name", source: "https://docs.statsig.com/sdk-keys/api-keys", token: ["secret-", ["alnum", 40, 50]], context: ["statsig"] },
  { id: "strava-client-secret", provider: "Strava", description: "Strava client secret or access token next to a Strava name", source: TH("strava"), token: [["hex", 40]], context: ["strava"] },
  { id: "stytch-secret", provider: "Stytch", description: "Stytch project secret (secret-live- / secret-test-)", source: "https://stytch.com/docs/api/authentication", token: ["secret-", { oneOf: ["live-", "test-"] }, ["b64url", 36]] },
  { id: "supabase-management-token", provider: "Supabase", description: "Supabase management API personal access token (sbp_)", source: "https://supabase.com/docs/reference/api/introduction", token: ["sbp_", ["lowerurl", 40]], validate: (s) => (s.match(/[0-9]/g) ?? []).length >= 2 },
  { id: "supabase-secret-key", provider: "Supabase", description: "Supabase project secret API key (sb_secret_)", source: "https://supabase.com/docs/guides/api/api-keys", token: ["sb_secret_", ["b64url", 31]], severity: "critical" },
  // ---- T ------------------------------------------------------------------------------------
  { id: "tailscale-api-key", provider: "Tailscale", description: "Tailscale API access token (tskey-api-)", source: TAILSCALE, token: ["tskey-api-", ["alnum", 6, 24], "-", ["alnum", 16, 64]] },
  { id: "tailscale-auth-key", provider: "Tailscale", description: "Tailscale auth key for joining devices (tskey-auth-)", source: TAILSCALE, token: ["tskey-auth-", ["alnum", 6, 24], "-", ["alnum", 16, 64]] },
  { id: "tailscale-oauth-client-secret", provider: "Tailscale", description: "Tailscale OAuth client secret (tskey-client-)", source: TAILSCALE, token: ["tskey-client-", ["alnum", 6, 24], "-", ["alnum", 16, 64]] },
  { id: "tailscale-scim-key", provider: "Tailscale", description: "Tailscale SCIM API key (tskey-scim-)", source: TAILSCALE, token: ["tskey-scim-", ["alnum", 6, 24], "-", ["alnum", 16, 64]] },
  { id: "tailscale-webhook-secret", provider: "Tailscale", description: "Tailscale webhook secret (tskey-webhook-)", source: TAILSCALE, token: ["tskey-webhook-", ["alnum", 6, 24], "-", ["alnum", 16, 64]], severity: "medium" },
  { id: "tavily-api-key", provider: "Tavily", description: "Tavily API key (tvly-dev- / tvly-prod-)", source: "https://docs.tavily.com/documentation/quickstart", token: ["tvly-", { oneOf: ["dev-", "prod-"] }, ["alnum", 32]] },
  { id: "tavily-legacy-api-key", provider: "Tavily", description: "Tavily API key (tvly-)", source: "https://docs.tavily.com/documentation/quickstart", token: ["tvly-", ["alnum", 32]] },
  { id: "tines-webhook-url", provider: "Tines", description: "Tines webhook URL with its secret path", source: TH("tineswebhook"), token: ["https://", ["host", 3, 40], ".tines.com/webhook/", ["hex", 32], "/", ["hex", 32]], keywords: [".tines.com/webhook/"], prefixes: [], severity: "medium" },
  { id: "togetherai-api-key", provider: "Together AI", description: "Together AI API key (tgp_v1_)", source: BL("togetherai"), token: ["tgp_v1_", ["b64url", 43]] },
  { id: "tomtom-api-key", provider: "TomTom", description: "TomTom API key next to a TomTom name", source: TH("tomtom"), token: [["alnum", 32]], context: ["tomtom", "tom_tom"] },
  { id: "travisci-access-token", provider: "Travis CI", description: "Travis CI API token next to a Travis name", source: GL("travisci"), token: [["b64url", 22]], context: ["travis"] },
  { id: "trello-api-key", provider: "Trello", description: "Trello API key next to a Trello name", source: TH("trelloapikey"), token: [["hex", 32]], context: ["trello"] },
  { id: "trello-token", provider: "Trello", description: "Trello user token (64 hex) next to a Trello name", source: TH("trelloapikey"), token: [["hex", 64]], context: ["trello"] },
  { id: "twitch-api-token", provider: "Twitch", description: "Twitch client secret or OAuth token next to a Twitch name", source: GL("twitch"), token: [["lower", 30]], context: ["twitch"] },
  { id: "twitter-bearer-token", provider: "Twitter", description: "Twitter / X app-only bearer token next to a Twitter name", source: GL("twitter"), token: ["A".repeat(22), ["pct", 80, 100]], context: ["twitter", "x_api", "x"], words: ["bearer", "token", "auth"], prefixes: [] },
  { id: "twitter-access-token", provider: "Twitter", description: "Twitter / X user access token (<user id>-<secret>) next to a Twitter name", source: GL("twitter"), token: [["digits", 15, 25], "-", ["alnum", 20, 40]], context: ["twitter"] },
  { id: "twitter-api-key", provider: "Twitter", description: "Twitter / X API (consumer) key next to a Twitter name", source: GL("twitter"), token: [["alnum", 25]], context: ["twitter"], words: ["consumer", "api", "key"] },
  { id: "twitter-api-secret", provider: "Twitter", description: "Twitter / X API (consumer) secret next to a Twitter name", source: GL("twitter"), token: [["alnum", 50]], context: ["twitter"] },
  { id: "twitter-access-secret", provider: "Twitter", description: "Twitter / X access token secret next to a Twitter name", source: GL("twitter"), token: [["alnum", 45]], context: ["twitter"] },
  { id: "typeform-api-token", provider: "Typeform", description: "Typeform personal access token (tfp_)", source: GL("typeform"), token: ["tfp_", ["tfp", 59]] },
  // ---- U–Z ----------------------------------------------------------------------------------
  { id: "unkey-root-key", provider: "Unkey", description: "Unkey root key (unkey_)", source: "https://www.unkey.com/docs/security/root-keys", token: ["unkey_", ["alnum", 16, 30]] },
  { id: "upcloud-api-token", provider: "UpCloud", description: "UpCloud API token (ucat_)", source: BL("upcloud"), token: ["ucat_", ["alnum", 24, 32]] },
  { id: "virustotal-api-key", provider: "VirusTotal", description: "VirusTotal API key next to a VirusTotal name", source: TH("virustotal"), token: [["hex", 64]], context: ["virustotal", "virus_total", "vt"] },
  { id: "vultr-api-key", provider: "Vultr", description: "Vultr API key next to a Vultr name", source: TH("vultrapikey"), token: [["upper", 36]], context: ["vultr"] },
  { id: "wandb-api-key-v1", provider: "Weights & Biases", description: "Weights & Biases v1 API key (wandb_v1_)", source: BL("wandb"), token: ["wandb_v1_", ["word", 77]] },
  { id: "webflow-api-token", provider: "Webflow", description: "Webflow API token next to a Webflow name", source: TH("webflow"), token: [["hex", 64]], context: ["webflow"] },
  { id: "woocommerce-consumer-secret", provider: "WooCommerce", description: "WooCommerce REST API consumer secret (cs_)", source: "https://woocommerce.github.io/woocommerce-rest-api-docs/#authentication", token: ["cs_", ["hex", 40]] },
  { id: "woocommerce-consumer-key", provider: "WooCommerce", description: "WooCommerce REST API consumer key (ck_)", source: "https://woocommerce.github.io/woocommerce-rest-api-docs/#authentication", token: ["ck_", ["hex", 40]], severity: "medium" },
  { id: "xata-api-key", provider: "Xata", description: "Xata API key (xau_)", source: "https://xata.io/docs/rest-api/authentication", token: ["xau_", ["alnum", 30, 40]] },
  { id: "xendit-secret-key", provider: "Xendit", description: "Xendit secret API key (xnd_development_ / xnd_production_)", source: "https://docs.xendit.co/apikey", token: ["xnd_", { oneOf: ["development_", "production_"] }, ["alnum", 50, 70]] },
  { id: "yandex-api-key", provider: "Yandex", description: "Yandex Cloud API key (AQVN) next to a Yandex name", source: GL("yandex"), token: ["AQVN", ["b64url", 35, 38]], context: ["yandex", "yc"] },
  { id: "yandex-iam-token", provider: "Yandex", description: "Yandex Cloud IAM token (t1.) next to a Yandex name", source: GL("yandex"), token: ["t1.", ["b64url", 30, 120], ".", ["b64url", 86]], context: ["yandex", "yc"] },
  { id: "yandex-static-access-key", provider: "Yandex", description: "Yandex Cloud static access key secret (YC) next to a Yandex name", source: GL("yandex"), token: ["YC", ["b64url", 38]], context: ["yandex", "yc"] },
  { id: "zendesk-api-token", provider: "Zendesk", description: "Zendesk API token next to a Zendesk name", source: GL("zendesk"), token: [["alnum", 40]], context: ["zendesk"] },
  { id: "zapier-webhook-url", provider: "Zapier", description: "Zapier catch-hook URL", source: "https://help.zapier.com/hc/en-us/articles/8496288690317", token: ["https://hooks.zapier.com/hooks/catch/", ["digits", 5, 10], "/", ["lower", 5, 8], "/"], keywords: ["hooks.zapier.com/hooks/catch/"], prefixes: [], severity: "medium" },
  { id: "zoho-oauth-token", provider: "Zoho", description: "Zoho OAuth access or refresh token (1000.<hex>.<hex>)", source: "https://www.zoho.com/accounts/protocol/oauth/web-apps/access-token.html", token: ["1000.", ["hex", 32], ".", ["hex", 32]] },
  { id: "zoom-client-secret", provider: "Zoom", description: "Zoom app client secret next to a Zoom name", source: TH("zoomsecret"), token: [["alnum", 32]], context: ["zoom"], words: SECRET_ONLY },
  { id: "zulip-api-key", provider: "Zulip", description: "Zulip bot or user API key next to a Zulip name", source: TH("zulipchat"), token: [["alnum", 32]], context: ["zulip"] },
  { id: "zuplo-api-key", provider: "Zuplo", description: "Zuplo API key (zpka_)", source: "https://zuplo.com/docs/articles/api-key-management", token: ["zpka_", ["hex", 32], "_", ["hex", 8]] },
];

export const rules: readonly Rule[] = FORMATS.map(formatRule);
