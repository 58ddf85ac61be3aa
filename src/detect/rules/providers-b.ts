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

/** A Supabase project key is a JWT whose payload names its role; service_role bypasses row-level security. */
function supabaseServiceRole(token: string): boolean {
  try {
    const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as { role?: unknown };
    return payload.role === "service_role";
  } catch {
    return false;
  }
}

/** A service_role key of the shape Supabase issues (HS256 JWT), drawn from `next`. */
function supabaseServiceRoleSample(next: () => number): string {
  const pick = (alphabet: string, n: number): string => Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
  const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString("base64url");
  const ref = pick("abcdefghijklmnopqrstuvwxyz", 20);
  const iat = 1600000000 + Math.floor(next() * 1e8);
  return `${part({ alg: "HS256", typ: "JWT" })}.${part({ iss: "supabase", ref, role: "service_role", iat, exp: iat + 315360000 })}.${pick("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 43)}`;
}

// Short names are context, not keywords: "lob" is in every "global" and "blob", "yc" in
// "bicycle". The prefilter waits for the name as identifiers spell it.
const LOB = ["lob_", "lob-", "lob.", "lobapi", "lobkey", "lobsecret", "lobtoken", "lobpub"];
const YANDEX = ["yandex", "yc_", "yc-", "ycapi", "yctoken", "yckey"];

export const FORMATS: readonly FormatRow[] = [
  // ---- L ------------------------------------------------------------------------------------
  { id: "launchdarkly-access-token", provider: "LaunchDarkly", description: "LaunchDarkly API access token (api-<uuid>)", source: "https://docs.launchdarkly.com/home/account/api", token: ["api-", ...UUID], context: ["launchdarkly", "launch_darkly"] },
  { id: "launchdarkly-sdk-key", provider: "LaunchDarkly", description: "LaunchDarkly server-side SDK key (sdk-<uuid>)", source: "https://docs.launchdarkly.com/sdk/concepts/client-side-server-side#keys", token: ["sdk-", ...UUID], context: ["launchdarkly", "launch_darkly"] },
  { id: "langfuse-secret-key", provider: "Langfuse", description: "Langfuse secret API key (sk-lf-<uuid>)", source: "https://langfuse.com/docs/api", token: ["sk-lf-", ...UUID] },
  { id: "linear-client-secret", provider: "Linear", description: "Linear OAuth client secret next to a Linear name", source: GL("linear"), token: [["hex", 32]], context: ["linear"], words: SECRET_ONLY },
  { id: "linkedin-client-secret", provider: "LinkedIn", description: "LinkedIn OAuth client secret next to a LinkedIn name", source: GL("linkedin"), token: [["alnum", 16]], context: ["linkedin", "linked_in"], words: SECRET_ONLY },
  { id: "linode-api-token", provider: "Linode", description: "Linode (Akamai) personal access token next to a Linode name", source: TH("linode"), token: [["hex", 64]], context: ["linode"] },
  { id: "llamacloud-api-key", provider: "LlamaIndex", description: "LlamaCloud API key (llx-)", source: "https://docs.cloud.llamaindex.ai/api_key", token: ["llx-", ["alnum", 48]] },
  { id: "lob-api-key", provider: "Lob", description: "Lob secret API key (live_/test_ + 35 hex) next to a Lob name", source: GL("lob"), token: [{ oneOf: ["live_", "test_"] }, ["hex", 35]], context: ["lob"], keywords: LOB },
  { id: "lob-publishable-key", provider: "Lob", description: "Lob publishable API key (live_pub_/test_pub_) next to a Lob name", source: GL("lob"), token: [{ oneOf: ["live_pub_", "test_pub_"] }, ["hex", 31]], context: ["lob"], keywords: LOB, severity: "medium" },
  { id: "loggly-customer-token", provider: "Loggly", description: "Loggly customer token (a UUID) next to a Loggly name", source: TH("loggly"), token: UUID, context: ["loggly"] },
  { id: "logzio-token", provider: "Logz.io", description: "Logz.io shipping or API token next to a Logz.io name", source: TH("logzio"), token: [["letters", 32]], context: ["logzio", "logz_io", "logz"], validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s) },
  { id: "lokalise-api-token", provider: "Lokalise", description: "Lokalise API token next to a Lokalise name", source: TH("lokalise"), token: [["hex", 40]], context: ["lokalise"] },
  { id: "looker-client-secret", provider: "Looker", description: "Looker API client secret next to a Looker name", source: GL("looker"), token: [["alnum", 24]], context: ["looker"], words: SECRET_ONLY },
  // ---- M ------------------------------------------------------------------------------------
  { id: "mailersend-api-token", provider: "MailerSend", description: "MailerSend API token (mlsn.)", source: "https://developers.mailersend.com/general.html#authentication", token: ["mlsn.", ["hex", 64]] },
  { id: "mailjet-api-key", provider: "Mailjet", description: "Mailjet API key or secret next to a Mailjet name", source: TH("mailjetbasicauth"), token: [["hex", 32]], context: ["mailjet", "mj_apikey", "mj"], keywords: ["mailjet", "mj_"] },
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
  { id: "newrelic-legacy-license-key", provider: "New Relic", description: "New Relic license key (40 hex) next to a New Relic name", source: "https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/#license-key", token: [["hex", 40]], context: ["newrelic", "new_relic"], words: ["license", "key"] },
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
  { id: "pagerduty-api-key", provider: "PagerDuty", description: "PagerDuty REST API key next to a PagerDuty name", source: TH("pagerdutyapikey"), token: [["b64url", 20]], context: ["pagerduty", "pager_duty"] },
  { id: "pagerduty-user-token", provider: "PagerDuty", description: "PagerDuty user API token (u+) next to a PagerDuty name", source: "https://support.pagerduty.com/main/docs/api-access-keys", token: ["u+", ["b64url", 18]], context: ["pagerduty", "pager_duty"] },
  { id: "pagerduty-integration-key", provider: "PagerDuty", description: "PagerDuty Events API integration (routing) key next to a PagerDuty name", source: "https://developer.pagerduty.com/docs/events-api-v2/overview/", token: [["hex", 32]], context: ["pagerduty", "pager_duty"], words: ["integration", "routing", "service", "key"] },
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
  { id: "pusher-app-secret", provider: "Pusher", description: "Pusher Channels app secret next to a Pusher name", source: TH("pusherchannelkey"), token: [["hex", 20]], context: ["pusher"], words: SECRET_ONLY, entropy: 2.5 },
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
  { id: "supabase-service-role-key", provider: "Supabase", description: "Supabase service_role key (a JWT with role service_role) next to a Supabase name", source: "https://supabase.com/docs/guides/api/api-keys", token: ["eyJ", ["b64url", 10, 200], ".eyJ", ["b64url", 20, 800], ".", ["b64url", 20, 100]], context: ["supabase"], words: ["service", "secret", "key", "role", "token"], validate: supabaseServiceRole, sample: supabaseServiceRoleSample, prefixes: [], severity: "critical", confidence: "high" },
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
  { id: "twitter-bearer-token", provider: "Twitter", description: "Twitter / X app-only bearer token next to a Twitter name", source: GL("twitter"), token: ["A".repeat(22), ["pct", 80, 100]], context: ["twitter", "x_api"], words: ["bearer", "token", "auth"], prefixes: [] },
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
  { id: "yandex-api-key", provider: "Yandex", description: "Yandex Cloud API key (AQVN) next to a Yandex name", source: GL("yandex"), token: ["AQVN", ["b64url", 35, 38]], context: ["yandex", "yc"], keywords: YANDEX },
  { id: "yandex-iam-token", provider: "Yandex", description: "Yandex Cloud IAM token (t1.) next to a Yandex name", source: GL("yandex"), token: ["t1.", ["b64url", 30, 120], ".", ["b64url", 86]], context: ["yandex", "yc"], keywords: YANDEX },
  { id: "yandex-static-access-key", provider: "Yandex", description: "Yandex Cloud static access key secret (YC) next to a Yandex name", source: GL("yandex"), token: ["YC", ["b64url", 38]], context: ["yandex", "yc"], keywords: YANDEX },
  { id: "zendesk-api-token", provider: "Zendesk", description: "Zendesk API token next to a Zendesk name", source: GL("zendesk"), token: [["alnum", 40]], context: ["zendesk"] },
  { id: "zapier-webhook-url", provider: "Zapier", description: "Zapier catch-hook URL", source: "https://help.zapier.com/hc/en-us/articles/8496288690317", token: ["https://hooks.zapier.com/hooks/catch/", ["digits", 5, 10], "/", ["lower", 5, 8], "/"], keywords: ["hooks.zapier.com/hooks/catch/"], prefixes: [], severity: "medium" },
  { id: "zoho-oauth-token", provider: "Zoho", description: "Zoho OAuth access or refresh token (1000.<hex>.<hex>)", source: "https://www.zoho.com/accounts/protocol/oauth/web-apps/access-token.html", token: ["1000.", ["hex", 32], ".", ["hex", 32]] },
  { id: "zoom-client-secret", provider: "Zoom", description: "Zoom app client secret next to a Zoom name", source: TH("zoomsecret"), token: [["alnum", 32]], context: ["zoom"], words: SECRET_ONLY },
  { id: "zulip-api-key", provider: "Zulip", description: "Zulip bot or user API key next to a Zulip name", source: TH("zulipchat"), token: [["alnum", 32]], context: ["zulip"] },
  { id: "zuplo-api-key", provider: "Zuplo", description: "Zuplo API key (zpka_)", source: "https://zuplo.com/docs/articles/api-key-management", token: ["zpka_", ["hex", 32], "_", ["hex", 8]] },
  // ---- Second batch: more L–Z providers ------------------------------------------------------
  { id: "locationiq-access-token", provider: "LocationIQ", description: "LocationIQ access token (pk.) next to a LocationIQ name", source: TH("locationiq"), token: ["pk.", ["hex", 32]], context: ["locationiq", "location_iq"] },
  { id: "mapquest-api-key", provider: "MapQuest", description: "MapQuest API key next to a MapQuest name", source: TH("mapquest"), token: [["alnum", 32]], context: ["mapquest"] },
  { id: "mediastack-api-key", provider: "apilayer", description: "mediastack (apilayer) access key next to a mediastack name", source: TH("mediastack"), token: [["hex", 32]], context: ["mediastack"] },
  { id: "mercadopago-access-token", provider: "Mercado Pago", description: "Mercado Pago access token (APP_USR-)", source: "https://www.mercadopago.com/developers/en/docs/your-integrations/credentials", token: ["APP_USR-", ["digits", 16], "-", ["digits", 6], "-", ["hex", 32], "-", ["digits", 6, 12]], severity: "critical" },
  { id: "moonshot-api-key", provider: "Moonshot AI", description: "Moonshot AI (Kimi) API key (sk- + 48) next to a Moonshot or Kimi name", source: BL("kimi"), token: ["sk-", ["alnum", 48]], context: ["moonshot", "kimi"] },
  { id: "neptune-api-token", provider: "Neptune", description: "Neptune.ai API token (base64 JSON naming its api_address)", source: "https://docs.neptune.ai/setup/setting_api_token/", token: ["eyJhcGlfYWRkcmVzcyI6", ["b64", 60, 400]] },
  { id: "newsapi-api-key", provider: "News API", description: "NewsAPI.org API key next to a NewsAPI name", source: TH("newsapi"), token: [["hex", 32]], context: ["newsapi", "news_api"] },
  { id: "onelogin-client-secret", provider: "OneLogin", description: "OneLogin API client secret next to a OneLogin name", source: TH("onelogin"), token: [["hex", 64]], context: ["onelogin", "one_login"] },
  { id: "opencage-api-key", provider: "OpenCage", description: "OpenCage geocoding API key next to an OpenCage name", source: TH("opencagedata"), token: [["hex", 32]], context: ["opencage"] },
  { id: "openexchangerates-app-id", provider: "Open Exchange Rates", description: "Open Exchange Rates app id next to its name", source: TH("openexchangerates"), token: [["hex", 32]], context: ["openexchangerates", "open_exchange_rates", "oxr"], words: [] },
  { id: "openweather-api-key", provider: "OpenWeather", description: "OpenWeather API key next to an OpenWeather name", source: TH("openweather"), token: [["hex", 32]], context: ["openweather", "open_weather", "owm"] },
  { id: "ory-personal-access-token", provider: "Ory", description: "Ory Network personal access token (ory_pat_)", source: "https://www.ory.sh/docs/concepts/personal-access-token", token: ["ory_pat_", ["alnum", 32, 64]] },
  { id: "permit-api-key", provider: "Permit.io", description: "Permit.io API key (permit_key_)", source: "https://docs.permit.io/api/api-with-cli/", token: ["permit_key_", ["alnum", 60, 120]] },
  { id: "pipedrive-api-token", provider: "Pipedrive", description: "Pipedrive API token next to a Pipedrive name", source: TH("pipedrive"), token: [["hex", 40]], context: ["pipedrive"] },
  { id: "pixabay-api-key", provider: "Pixabay", description: "Pixabay API key (<user id>-<25 hex>) next to a Pixabay name", source: TH("pixabay"), token: [["digits", 6, 9], "-", ["hex", 25]], context: ["pixabay"] },
  { id: "positionstack-api-key", provider: "apilayer", description: "positionstack (apilayer) access key next to a positionstack name", source: TH("positionstack"), token: [["hex", 32]], context: ["positionstack"] },
  { id: "pushbullet-access-token", provider: "Pushbullet", description: "Pushbullet access token (o.) next to a Pushbullet name", source: "https://docs.pushbullet.com/#authentication", token: ["o.", ["alnum", 32]], context: ["pushbullet"] },
  { id: "pushover-api-token", provider: "Pushover", description: "Pushover application or user key next to a Pushover name", source: "https://pushover.net/api", token: [["lower", 30]], context: ["pushover"] },
  { id: "radar-secret-key", provider: "Radar", description: "Radar secret API key (prj_live_sk_ / prj_test_sk_)", source: "https://radar.com/documentation/api#authentication", token: ["prj_", { oneOf: ["live", "test"] }, "_sk_", ["hex", 40]] },
  { id: "recurly-api-key", provider: "Recurly", description: "Recurly private API key next to a Recurly name", source: TH("recurly"), token: [["hex", 32]], context: ["recurly"] },
  { id: "reddit-client-secret", provider: "Reddit", description: "Reddit OAuth app client secret next to a Reddit name", source: "https://github.com/reddit-archive/reddit/wiki/OAuth2", token: [["b64url", 27, 30]], context: ["reddit"], words: SECRET_ONLY },
  { id: "scraperapi-api-key", provider: "ScraperAPI", description: "ScraperAPI key next to a ScraperAPI name", source: TH("scraperapi"), token: [["hex", 32]], context: ["scraperapi", "scraper_api"] },
  { id: "scrapingbee-api-key", provider: "ScrapingBee", description: "ScrapingBee API key next to a ScrapingBee name", source: TH("scrapingbee"), token: [["upper", 80]], context: ["scrapingbee", "scraping_bee"] },
  { id: "securitytrails-api-key", provider: "SecurityTrails", description: "SecurityTrails API key next to a SecurityTrails name", source: TH("securitytrails"), token: [["alnum", 32]], context: ["securitytrails", "security_trails"] },
  { id: "semgrep-app-token", provider: "Semgrep", description: "Semgrep App token next to a Semgrep name", source: "https://semgrep.dev/docs/semgrep-ci/sample-ci-configs", token: [["hex", 64]], context: ["semgrep"] },
  { id: "shortcut-api-token", provider: "Shortcut", description: "Shortcut (Clubhouse) API token (a UUID) next to a Shortcut name", source: TH("shortcut"), token: UUID, context: ["shortcut", "clubhouse"] },
  { id: "signalfx-access-token", provider: "Splunk", description: "Splunk Observability (SignalFx) access token next to a SignalFx name", source: "https://docs.splunk.com/observability/en/admin/authentication/authentication-tokens/org-tokens.html", token: [["b64url", 22]], context: ["signalfx", "sfx", "splunk_observability"] },
  { id: "slack-session-cookie", provider: "Slack", description: "Slack browser session cookie (xoxd-)", source: BL("slack"), token: ["xoxd-", ["b64url", 100, 300]], severity: "critical" },
  { id: "slack-client-session-token", provider: "Slack", description: "Slack client session token (xoxc-)", source: BL("slack"), token: ["xoxc-", ["digits", 9, 15], "-", ["digits", 9, 15], "-", ["digits", 9, 15], "-", ["hex", 64]], severity: "critical" },
  { id: "smtp2go-api-key", provider: "SMTP2GO", description: "SMTP2GO API key (api- + 32 hex) next to an SMTP2GO name", source: "https://developers.smtp2go.com/docs/getting-started", token: ["api-", ["Hex", 32]], context: ["smtp2go"] },
  { id: "spoonacular-api-key", provider: "Spoonacular", description: "Spoonacular API key next to a Spoonacular name", source: TH("spoonacular"), token: [["hex", 32]], context: ["spoonacular"] },
  { id: "statuspage-api-key", provider: "Statuspage", description: "Atlassian Statuspage API key (a UUID) next to a Statuspage name", source: TH("statuspage"), token: UUID, context: ["statuspage", "status_page"] },
  { id: "telnyx-api-key", provider: "Telnyx", description: "Telnyx API v2 key (KEY…_…) next to a Telnyx name", source: TH("telnyx"), token: ["KEY", ["HEX", 32], "_", ["alnum", 22]], context: ["telnyx"] },
  { id: "tencent-cloud-secret-id", provider: "Tencent Cloud", description: "Tencent Cloud API SecretId (AKID)", source: "https://www.tencentcloud.com/document/product/598/32675", token: ["AKID", ["alnum", 32, 34]], severity: "medium" },
  { id: "tencent-cloud-secret-key", provider: "Tencent Cloud", description: "Tencent Cloud API SecretKey next to a Tencent name", source: "https://www.tencentcloud.com/document/product/598/32675", token: [["alnum", 32]], context: ["tencent", "tencentcloud", "qcloud"], words: ["secret", "key"] },
  { id: "tiingo-api-token", provider: "Tiingo", description: "Tiingo API token next to a Tiingo name", source: TH("tiingo"), token: [["hex", 40]], context: ["tiingo"] },
  { id: "tinybird-token", provider: "Tinybird", description: "Tinybird auth token (p.eyJ1…)", source: "https://www.tinybird.co/docs/concepts/auth-tokens", token: ["p.eyJ1Ijo", ["b64url", 20, 300], ".", ["b64url", 40, 60]], prefixes: ["p."] },
  { id: "tmdb-api-key", provider: "TMDB", description: "The Movie Database API key next to a TMDB name", source: "https://developer.themoviedb.org/docs/authentication-application", token: [["hex", 32]], context: ["tmdb", "themoviedb"] },
  { id: "todoist-api-token", provider: "Todoist", description: "Todoist API token next to a Todoist name", source: TH("todoist"), token: [["hex", 40]], context: ["todoist"] },
  { id: "twelvedata-api-key", provider: "Twelve Data", description: "Twelve Data API key next to a Twelve Data name", source: TH("twelvedata"), token: [["hex", 32]], context: ["twelvedata", "twelve_data"] },
  { id: "twelvelabs-api-key", provider: "Twelve Labs", description: "Twelve Labs API key (tlk_)", source: "https://docs.twelvelabs.io/docs/authentication", token: ["tlk_", ["upper", 28, 32]] },
  { id: "typesense-api-key", provider: "Typesense", description: "Typesense admin API key next to a Typesense name", source: "https://typesense.org/docs/latest/api/authentication.html", token: [["alnum", 32]], context: ["typesense"] },
  { id: "unsplash-access-key", provider: "Unsplash", description: "Unsplash access or secret key next to an Unsplash name", source: TH("unsplash"), token: [["b64url", 43]], context: ["unsplash"] },
  { id: "uptimerobot-api-key", provider: "UptimeRobot", description: "UptimeRobot main, read-only or monitor API key next to an UptimeRobot name", source: "https://uptimerobot.com/api/", token: [{ oneOf: ["u", "ur", "m"] }, ["digits", 6, 9], "-", ["hex", 24]], context: ["uptimerobot", "uptime_robot"], prefixes: [] },
  { id: "urlscan-api-key", provider: "urlscan.io", description: "urlscan.io API key (a UUID) next to a urlscan name", source: TH("urlscan"), token: UUID, context: ["urlscan"] },
  { id: "userstack-api-key", provider: "apilayer", description: "userstack (apilayer) access key next to a userstack name", source: TH("userstack"), token: [["hex", 32]], context: ["userstack"] },
  { id: "vimeo-access-token", provider: "Vimeo", description: "Vimeo access token or client secret next to a Vimeo name", source: TH("vimeo"), token: [["hex", 32]], context: ["vimeo"] },
  { id: "voiceflow-api-key", provider: "Voiceflow", description: "Voiceflow Dialog Manager API key (VF.DM.)", source: "https://docs.voiceflow.com/reference/authentication", token: ["VF.DM.", ["hex", 24], ".", ["alnum", 16]] },
  { id: "volcengine-access-key", provider: "Volcengine", description: "Volcengine access key id (AKLT)", source: "https://www.volcengine.com/docs/6291/65568", token: ["AKLT", ["b64url", 40, 60]], severity: "medium" },
  { id: "weatherstack-api-key", provider: "apilayer", description: "weatherstack (apilayer) access key next to a weatherstack name", source: TH("weatherstack"), token: [["hex", 32]], context: ["weatherstack"] },
  { id: "webex-access-token", provider: "Webex", description: "Webex bot or integration access token next to a Webex name", source: "https://developer.webex.com/docs/bots", token: [["alnum", 64], "_", ["upper", 4], "_", ...UUID], context: ["webex", "spark"] },
  { id: "wise-api-token", provider: "Wise", description: "Wise (TransferWise) API token (a UUID) next to a Wise name", source: TH("transferwise"), token: UUID, context: ["wise", "transferwise"], keywords: ["wise_", "wise-", "wise.", "wiseapi", "wisetoken", "wisekey", "transferwise"] },
  { id: "wistia-api-token", provider: "Wistia", description: "Wistia API token next to a Wistia name", source: TH("wistia"), token: [["hex", 64]], context: ["wistia"] },
  { id: "yandex-oauth-token", provider: "Yandex", description: "Yandex OAuth token (y0_) next to a Yandex name", source: "https://yandex.com/dev/id/doc/en/tokens/debug-token", token: ["y0_", ["b64url", 50, 64]], context: ["yandex", "yc"], keywords: YANDEX },
  { id: "zai-api-key", provider: "Z.ai", description: "Z.ai (Zhipu GLM) API key next to a Z.ai, Zhipu or GLM name", source: BL("zai"), token: [["hex", 32], ".", ["alnum", 16]], context: ["zai", "z_ai", "zhipu", "zhipuai", "glm", "bigmodel"] },
  { id: "zenrows-api-key", provider: "ZenRows", description: "ZenRows API key next to a ZenRows name", source: TH("zenrows"), token: [["hex", 40]], context: ["zenrows"] },
  { id: "zerotier-api-token", provider: "ZeroTier", description: "ZeroTier Central API token next to a ZeroTier name", source: "https://docs.zerotier.com/api/tokens/", token: [["alnum", 32]], context: ["zerotier", "zero_tier", "zt"] },
  { id: "zyte-api-key", provider: "Zyte", description: "Zyte (Scrapinghub) API key next to a Zyte name", source: TH("scrapinghub"), token: [["hex", 32]], context: ["zyte", "scrapinghub", "shub"] },
];

export const rules: readonly Rule[] = FORMATS.map(formatRule);
