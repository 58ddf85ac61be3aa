// Provider formats A–K for the providers corpus. The contract is at the top of providers.js:
// one entry per format, { provider, ruleId, source, make: (r) => token, keys }. `make`
// follows what `source` states about the format (documentation first, else a public
// scanner's rule definition), never a Keyward rule.
const GL = (name) => `https://github.com/gitleaks/gitleaks/blob/master/cmd/generate/config/rules/${name}.go`;
const TH = (name) => `https://github.com/trufflesecurity/trufflehog/blob/main/pkg/detectors/${name}/${name}.go`;

export const formats = [
  { provider: "Adafruit", ruleId: "adafruit-io-key", source: GL("adafruit"), make: (r) => `aio_${r.alnum(28)}`, keys: ["ADAFRUIT_IO_KEY", "aioKey"] },
  { provider: "Airtable", ruleId: "airtable-personal-access-token", source: "https://airtable.com/developers/web/guides/personal-access-tokens", make: (r) => `pat${r.alnum(14)}.${r.hex(64)}`, keys: ["AIRTABLE_TOKEN", "airtableApiKey"] },
  { provider: "Algolia", ruleId: "algolia-admin-key", source: GL("algolia"), make: (r) => r.hex(32), keys: ["ALGOLIA_ADMIN_API_KEY", "algoliaAdminKey", "algolia_api_key"] },
  { provider: "Anthropic", ruleId: "anthropic-api-key", source: GL("anthropic"), make: (r) => `sk-ant-api03-${r.b64url(93)}AA`, keys: ["ANTHROPIC_API_KEY", "apiKey"] },
  { provider: "Anthropic", ruleId: "anthropic-admin-api-key", source: GL("anthropic"), make: (r) => `sk-ant-admin01-${r.b64url(93)}AA`, keys: ["ANTHROPIC_ADMIN_KEY", "adminKey"] },
  { provider: "Beamer", ruleId: "beamer-api-token", source: GL("beamer"), make: (r) => `b_${r.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=", 44)}`, keys: ["BEAMER_API_KEY", "beamerToken"] },
  { provider: "Clojars", ruleId: "clojars-api-token", source: GL("clojars"), make: (r) => `CLOJARS_${r.lower(60)}`, keys: ["CLOJARS_PASSWORD", "deployToken"] },
  { provider: "Contentful", ruleId: "contentful-personal-access-token", source: "https://www.contentful.com/developers/docs/references/authentication/", make: (r) => `CFPAT-${r.b64url(43)}`, keys: ["CONTENTFUL_MANAGEMENT_TOKEN", "managementToken"] },
  { provider: "Databricks", ruleId: "databricks-api-token", source: "https://docs.databricks.com/en/dev-tools/auth/pat.html", make: (r) => `dapi${r.pick([r.hex, r.HEX])(32)}${r.pick(["", "-2", "-3"])}`, keys: ["DATABRICKS_TOKEN", "token"] },
  { provider: "DigitalOcean", ruleId: "digitalocean-pat", source: "https://docs.digitalocean.com/reference/api/create-personal-access-token/", make: (r) => `dop_v1_${r.hex(64)}`, keys: ["DIGITALOCEAN_TOKEN", "doToken"] },
  { provider: "DigitalOcean", ruleId: "digitalocean-oauth-token", source: GL("digitalocean"), make: (r) => `doo_v1_${r.hex(64)}`, keys: ["DIGITALOCEAN_ACCESS_TOKEN", "accessToken"] },
  { provider: "DigitalOcean", ruleId: "digitalocean-refresh-token", source: GL("digitalocean"), make: (r) => `dor_v1_${r.hex(64)}`, keys: ["DIGITALOCEAN_REFRESH_TOKEN", "refreshToken"] },
  { provider: "Doppler", ruleId: "doppler-personal-token", source: "https://docs.doppler.com/reference/auth-token-formats", make: (r) => `dp.pt.${r.alnum(43)}`, keys: ["DOPPLER_TOKEN", "dopplerToken"] },
  { provider: "Doppler", ruleId: "doppler-service-token", source: "https://docs.doppler.com/reference/auth-token-formats", make: (r) => `dp.st.${r.pick(["", "prd.", "dev."])}${r.alnum(43)}`, keys: ["DOPPLER_TOKEN", "serviceToken"] },
  { provider: "Duffel", ruleId: "duffel-api-token", source: GL("duffel"), make: (r) => `duffel_${r.pick(["test", "live"])}_${r.b64url(43)}`, keys: ["DUFFEL_ACCESS_TOKEN", "duffelToken"] },
  { provider: "Dynatrace", ruleId: "dynatrace-api-token", source: "https://docs.dynatrace.com/docs/manage/identity-access-management/access-tokens-and-oauth-clients/access-tokens", make: (r) => `dt0c01.${r.upper(24)}.${r.upper(64)}`, keys: ["DT_API_TOKEN", "dynatraceToken"] },
  { provider: "EasyPost", ruleId: "easypost-api-token", source: GL("easypost"), make: (r) => `EZAK${r.alnum(54)}`, keys: ["EASYPOST_API_KEY", "easypostKey"] },
  { provider: "Figma", ruleId: "figma-access-token", source: "https://www.figma.com/developers/api#access-tokens", make: (r) => `figd_${r.b64url(40)}`, keys: ["FIGMA_TOKEN", "figmaToken"] },
  { provider: "Frame.io", ruleId: "frameio-api-token", source: GL("frameio"), make: (r) => `fio-u-${r.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=", 64)}`, keys: ["FRAMEIO_TOKEN", "frameioToken"] },
  { provider: "GitHub", ruleId: "github-app-installation-token", source: "https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-an-installation-access-token-for-a-github-app", make: (r) => r.pick([() => `ghs_${r.alnum(36)}`, () => `ghs_${r.int(100000, 3999999)}_${r.jwt({ iss: "github", iid: r.int(1e6, 9e7), aid: r.int(1e5, 4e6), exp: 1790000000 + r.int(0, 1e6) })}`])(), keys: ["GITHUB_TOKEN", "installationToken"] },
  { provider: "Hugging Face", ruleId: "huggingface-access-token", source: "https://huggingface.co/docs/hub/security-tokens", make: (r) => `hf_${r.letters(34)}`, keys: ["HF_TOKEN", "hfToken"] },
  { provider: "Infracost", ruleId: "infracost-api-token", source: GL("infracost"), make: (r) => `ico-${r.alnum(32)}`, keys: ["INFRACOST_API_KEY", "infracostKey"] },
];
