/**
 * SaaS platforms: Atlassian, Notion, Linear, Okta, 1Password, Asana, HubSpot, Snyk, SonarQube,
 * Sourcegraph, Postman, Airtable, Figma, Dropbox, Facebook and a tail of developer services.
 *
 * Also home of the two small pattern builders the keyword-context rules in this folder share
 * (a Snyk token is "a UUID assigned to something called snyk...token").
 */
import { crc32 } from "node:zlib";
import type { Rule } from "../types.js";

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `[Tt][Oo][Kk][Ee][Nn]`: a case-insensitive literal inside an otherwise case-sensitive pattern. */
export function anyCase(word: string): string {
  return escapeRe(word).replace(/[a-z]/gi, (c) => `[${c.toUpperCase()}${c.toLowerCase()}]`);
}

/**
 * A provider name as identifiers spell it, in any case (snyk, Snyk, SNYK, messageBird), but
 * starting an identifier or a camel-case word, never inside another word: a lower-case first
 * letter must follow a non-letter, an upper-case one a non-capital. So "rookTable" is not Okta,
 * "CameraKit" is not Meraki and "SetSysctl" is not Etsy, while "myEtsyKey" is.
 */
export function providerName(...names: string[]): string {
  const alts = names.map((n) => {
    const first = n.charAt(0);
    return `(?:(?<![A-Za-z])${escapeRe(first.toLowerCase())}|(?<![A-Z])${escapeRe(first.toUpperCase())})${anyCase(n.slice(1))}`;
  });
  return `(?:${alts.join("|")})`;
}

/** Identifier words that say "this holds a credential". */
export const SECRET_WORDS = ["token", "key", "secret", "password", "passwd", "pwd", "auth", "credential", "login", "pat"];

/**
 * `<provider>…<word>… = "<value>"` in the assignment shapes of config and code: `=`, `:`, `:=`,
 * `::=`, `?=`, `.=`, `=>`, `,` (setProperty("X", "v")), `>` (<x>v</x>) and `value=`
 * (<add key="X" value="v"/>), quotes optional; a type between name and operator (Go's
 * `var x string = "…"`, TypeScript's `x: string = '…'`, Rust's `X: &str = "…"`); and a bare
 * space after a command-line flag (`--x-token v`). A value on the next line (an XML element
 * spread over three lines, a Terraform variable's default) is out of reach: rules see one line.
 * The identifier may run 24 characters between the provider and the word and 12 after it; every
 * quantifier is bounded. `words` empty: the provider name alone is context enough.
 */
export function assignment(name: string, value: string, words: readonly string[] = SECRET_WORDS): RegExp {
  const ident = words.length ? String.raw`${name}[\w.-]{0,24}?(?:${words.map(anyCase).join("|")})[\w.-]{0,12}?` : String.raw`${name}[\w.-]{0,24}?`;
  return new RegExp(String.raw`${ident}${ASSIGNMENT_GLUE}(?<secret>${value})`);
}

/** Between an identifier and its value: closing quote, optional type, operator, opening quote. */
export const ASSIGNMENT_GLUE = String.raw`["'\x60\]]?(?:\s{0,4}:\s{0,2}&?(?:string|String|str)\b|\s{1,4}(?:string|String|str)\b)?\s{0,4}(?:[:?.+|]{0,3}=>?|:|,|>|value=|(?<=-[\w-]{0,40})\s)\s{0,4}["'\x60]?`;

/** A UUID in either case, as a whole token. */
export const UUID = String.raw`[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])`;

/** Atlassian API tokens end in the CRC32 (8 upper-case hex) of everything before it. */
function atlassianChecksum(token: string): boolean {
  const body = token.slice(0, -8);
  return (crc32(body) >>> 0).toString(16).toUpperCase().padStart(8, "0") === token.slice(-8);
}

const hasUpper = (s: string): boolean => /[A-Z]/.test(s);
const hasLower = (s: string): boolean => /[a-z]/.test(s);
const hasDigit = (s: string): boolean => /[0-9]/.test(s);
/** Alphabet and counting runs that mark hand-typed sample values ("abcdefgh", "qrstuvwx"). */
const SEQUENTIAL = /abcdefg|hijklmn|opqrstu|uvwxyz|ABCDEFG|OPQRSTU/;

/** A fake but valid-looking 1Password service account token, built from its JSON payload. */
const OPS_EXAMPLE =
  "ops_" +
  Buffer.from(
    JSON.stringify({
      signInAddress: "my.1password.com",
      userAuth: { method: "SRPg-4096", alg: "PBES2g-HS256", iterations: 650000, salt: "TKS5fevAtYyMdZbRWZsPQM" }, // keyward:allow
      email: "u4bag73lmctue@1passwordserviceaccounts.com",
      srpX: "935820694fd1cce386db717e407b742658471d33f67c40d953e087a470c8277f", // keyward:allow
      muk: { alg: "A256GCM", ext: true, k: "UEodtDw6_6YLCS8UfxY4u2mG-v4I6OWsVj52z_CR1eU", kty: "oct", kid: "mp" }, // keyward:allow
      secretKey: "A3-P8A7J9-WCDCZB-2YPM9-LMS84-SJ29T-8CVBG", // keyward:allow
      deviceUuid: "8w9T6xmwYucMG5luw9G2gtn5gn", // keyward:allow
    }),
  ).toString("base64url");

export const rules: readonly Rule[] = [
  // ---- Atlassian ---------------------------------------------------------------------------
  {
    id: "atlassian-api-token",
    provider: "Atlassian",
    description: "Atlassian API token (ATATT3…, or ATCTT3… for organization admin keys)",
    keywords: ["atatt3", "atctt3"],
    prefixes: ["ATATT3", "ATCTT3"],
    // Base64url body, "=", then a CRC32 of everything before it in upper-case hex.
    pattern: /\b(AT[AC]TT3[A-Za-z0-9_=-]{150,260}[A-F0-9]{8})(?![A-Za-z0-9_=-])/,
    validate: atlassianChecksum,
    severity: "critical",
    confidence: "high",
    examples: {
      match: [
        'JIRA_API_TOKEN="ATATT3gzZcaj3-67zJA2rVxff14B2jn2WJWreprR6RUt1J8mlLD3WpbTePxWqbVkewTzrN-tNWhHdQZBtz6d4DvMFHtyUWPc4uXtQGnxb-yiSWPuK0cxOfq1PtgV3LmGbgJ0s7yf7_3rHDxXmrWZQ6B-WSNYn1eUo0xD_2BaKDOztS7Gl6or-R=C7D5D433"', // keyward:allow
        "atlassian_admin_key: ATCTT3aUAyrNEIiURT2nNm1k4t78YZhm6gbHzq6ufPcl6TFP9aTgfG6DeM8vgbAUORsRr_4w3CeET8EcXYyC_H-0EdLWMqVBenxIN7DfEajREtshUMrxCJc5ioSjo886qc-CiU_rtctNLOM9DDi2pI32EoiZIXygUonMU2pbShuHGgjd_-_n0F=B640B011", // keyward:allow
      ],
      noMatch: [
        // One character changed: the checksum no longer holds.
        'JIRA_API_TOKEN="ATATT3gzZcaj3-67zJA2rVxff14B2jn2WJWreprR6RUt1J8mlLD3WpbTePxWqbVkewTzrN-tNWhHdQZBtz6d4DvMFHtyUWPc4uXtQGnxb-yiSWPuK0cxOfq1PtgV3LmGbgJ0s7yf7_3rHDxXmrWZQ6B-WSNYn1eUo0xD_2BaKDOztS7Gl6or-S=C7D5D433"', // keyward:allow
        "ATATT3xxxxxxxxxxxxxxxxxxxx", // keyward:allow
      ],
    },
  },
  {
    id: "atlassian-legacy-api-token",
    provider: "Atlassian",
    description: "Atlassian classic 24-character API token next to a Jira, Confluence or Atlassian name",
    keywords: ["jira", "confluence", "atlassian"],
    pattern: assignment(providerName("jira", "confluence", "atlassian"), String.raw`[A-Za-z0-9]{24}(?![\w-])`),
    entropy: 3.5,
    validate: (s) => hasDigit(s) && (hasUpper(s) || hasLower(s)) && !SEQUENTIAL.test(s),
    severity: "high",
    confidence: "medium",
    examples: {
      match: ["JIRA_API_TOKEN=593sqQCBrIb3wM4JTQeuweLu", 'confluence.token = "593sqQCBrIb3wM4JTQeuweLu"'], // keyward:allow
      noMatch: ["listConfluencePages(spaceKey), exportConfluenceSpaceAsPdf()", "JIRA_API_TOKEN=${JIRA_API_TOKEN}", "jira_project_key = 593sqQCBrIb3wM4JTQeuweLuX"], // keyward:allow
    },
  },
  // ---- Notion, Linear, Asana, HubSpot ------------------------------------------------------
  {
    id: "notion-api-token",
    provider: "Notion",
    description: "Notion integration token (ntn_)",
    keywords: ["ntn_"],
    prefixes: ["ntn_"],
    // ntn_ + 11 digits + 35 base62: 50 characters.
    pattern: /\b(ntn_[0-9]{11}[A-Za-z0-9]{35})(?![A-Za-z0-9_-])/,
    entropy: 4,
    validate: (s) => hasUpper(s) || hasLower(s.slice(4)),
    severity: "high",
    confidence: "high",
    examples: {
      match: ["NOTION_TOKEN=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"], // keyward:allow
      noMatch: ["ntn_98765432109", "ntn_908172635490817263549081726354908172635490817263549081726354", "ntn_98765432109xyz"], // keyward:allow
    },
  },
  {
    id: "notion-integration-secret",
    provider: "Notion",
    description: "Notion legacy integration secret (secret_ + 43) next to a Notion name",
    keywords: ["notion"],
    pattern: assignment(providerName("notion"), String.raw`secret_[A-Za-z0-9]{43}(?![\w-])`, []),
    entropy: 4,
    severity: "high",
    confidence: "medium",
    examples: {
      match: ['NOTION_API_KEY="secret_F6HyTxA7FMC1tKQxLz4LRFaTpXoOchrmjOoAXF8Kd3D"'], // keyward:allow
      noMatch: ["NOTION_API_KEY=secret_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 'client_secret = "secret_F6HyTxA7FMC1tKQxLz4LRFaTpXoOchrmjOoAXF8Kd3D"'], // keyward:allow
    },
  },
  {
    id: "linear-api-key",
    provider: "Linear",
    description: "Linear personal API key (lin_api_) or OAuth token (lin_oauth_)",
    keywords: ["lin_api_", "lin_oauth_"],
    prefixes: ["lin_api_", "lin_oauth_"],
    pattern: /\b(lin_api_[A-Za-z0-9]{40}|lin_oauth_[a-f0-9]{64})(?![A-Za-z0-9_-])/,
    entropy: 3.5,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["LINEAR_API_KEY=lin_api_2U2295EoruuKaI8iBZfFWR5vH0ZscVLT8TKWVybV"], // keyward:allow
      noMatch: ["lin_api_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "lin_api_2U2295EoruuKaI8iBZfFWR5vH0Zsc"], // keyward:allow
    },
  },
  {
    id: "asana-access-token",
    provider: "Asana",
    description: "Asana personal access token (1/… or 2/…/…:hex) on a line that names Asana",
    keywords: ["asana"],
    // 1/<user gid>:<32 hex>, or 2/<user gid>/<app gid>:<32 hex>.
    pattern: /(?<![\w/])((?:1\/[0-9]{10,19}|2\/[0-9]{10,19}\/[0-9]{10,19}):[a-f0-9]{32})(?![A-Za-z0-9])/,
    entropy: 3,
    severity: "high",
    confidence: "medium",
    examples: {
      match: ["ASANA_TOKEN=2/5617900183595878/5707270221898199:db83139c3020a34b1ab40c1f58f68ecd", "asana.Client.access_token('1/7223722522469210:b58a0261b474be832f183359fa79f7d8')"], // keyward:allow
      noMatch: ["ASANA_TOKEN=1/1234:abcd", "asana project 1/7223722522469210"], // keyward:allow
    },
  },
  {
    id: "hubspot-private-app-token",
    provider: "HubSpot",
    description: "HubSpot private app access token (pat-na1-…, pat-eu1-…)",
    keywords: ["pat-na", "pat-eu", "pat-ap"],
    prefixes: ["pat-na1-", "pat-eu1-", "pat-ap1-"],
    pattern: /\b(pat-(?:na|eu|ap)[0-9]-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12})(?![\w-])/,
    severity: "high",
    confidence: "high",
    examples: {
      match: ['const client = new hubspot.Client({ accessToken: "pat-na1-f474ac05-ebae-475c-a9ac-aafda9b329ee" })'], // keyward:allow
      noMatch: ["pat-na1-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", "pat-na1-f474ac05"], // keyward:allow
    },
  },
  {
    id: "hubspot-api-key",
    provider: "HubSpot",
    description: "HubSpot legacy API key (a UUID) next to a HubSpot name",
    keywords: ["hubspot", "hapikey"],
    // hapikey=<uuid> is the legacy query parameter: "hapi" + the word "key".
    pattern: assignment(`(?:${providerName("HubSpot")}|(?<![A-Za-z])hapi)`, UUID),
    entropy: 3,
    severity: "high",
    confidence: "medium",
    examples: {
      match: [
        'const hubspotApiKey = "f7072755-b6df-4306-a026-83d609fef4fe"', // keyward:allow
        "HUBSPOT_API_KEY=f7072755-b6df-4306-a026-83d609fef4fe", // keyward:allow
        "https://api.hubapi.com/contacts/v1/lists/all/contacts/all?hapikey=f7072755-b6df-4306-a026-83d609fef4fe", // keyward:allow
      ],
      noMatch: ['hubspot_portal_id = "f7072755-b6df-4306-a026-83d609fef4fe"', "HUBSPOT_API_KEY=00000000-0000-0000-0000-000000000000"], // keyward:allow
    },
  },
  // ---- Identity and secrets managers --------------------------------------------------------
  {
    id: "okta-access-token",
    provider: "Okta",
    description: "Okta API token (00 + 40) next to an Okta name",
    keywords: ["okta"],
    pattern: assignment(providerName("okta"), String.raw`00[A-Za-z0-9_-]{40}(?![\w-])`),
    entropy: 4,
    severity: "critical",
    confidence: "medium",
    examples: {
      match: ['"okta_api_token": "00Y2QmNBD6miAyMqbcFf7xHWQ4pkU_i_fFoyhkNByn",', "OKTA_API_TOKEN=00Y2QmNBD6miAyMqbcFf7xHWQ4pkU_i_fFoyhkNByn"], // keyward:allow
      noMatch: ["OKTA_TOKEN=000000000000000000000000000000000000ABCDEF", "crookTally = 00Y2QmNBD6miAyMqbcFf7xHWQ4pkU_i_fFoyhkNByn"], // keyward:allow
    },
  },
  {
    id: "1password-service-account-token",
    provider: "1Password",
    description: "1Password service account token (ops_ + base64 JSON)",
    keywords: ["ops_eyj"],
    prefixes: ["ops_"],
    pattern: /\b(ops_eyJ[A-Za-z0-9_+/-]{250,4000}={0,2})(?![A-Za-z0-9_+/=-])/,
    entropy: 4.5,
    severity: "critical",
    confidence: "high",
    examples: {
      match: [`export OP_SERVICE_ACCOUNT_TOKEN=${OPS_EXAMPLE}`], // keyward:allow
      noMatch: ["OP_SERVICE_ACCOUNT_TOKEN=ops_eyJ...", "op_token: ops_eyJhbGciOi[truncated]"], // keyward:allow
    },
  },
  {
    id: "1password-secret-key",
    provider: "1Password",
    description: "1Password account Secret Key (A3-XXXXXX-…)",
    keywords: ["a3-"],
    prefixes: ["A3-"],
    // A3-, six, eleven (sometimes printed 6-5), then four groups of five: upper-case base32-ish.
    pattern: /(?<![A-Za-z0-9-])(A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})(?![A-Za-z0-9-])/,
    entropy: 3.5,
    validate: (s) => hasDigit(s.slice(3)) && /[A-Z]/.test(s.slice(3)),
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["Secret Key: A3-WCDCZB-2YPM9TLMS84-SJ29T-8CVBG-9GBJS", "A3-WCDCZB-2YPM9T-LMS84-SJ29T-8CVBG-9GBJS"], // keyward:allow
      noMatch: ["secret key: A3-ABCDEF-GHIJKL-MNOPQ-RSTUV-WXYZA-BCDEF", "A3-aB12cd-EF34gh-IJ56k-LM78n-OP90q-RS12t"], // keyward:allow
    },
  },
  // ---- Developer tooling --------------------------------------------------------------------
  {
    id: "snyk-api-token",
    provider: "Snyk",
    description: "Snyk API token (a UUID) next to a Snyk name",
    keywords: ["snyk"],
    pattern: assignment(providerName("snyk"), UUID),
    entropy: 3,
    severity: "high",
    confidence: "medium",
    examples: {
      match: [
        "SNYK_TOKEN=f7072755-b6df-4306-a026-83d609fef4fe", // keyward:allow
        'System.setProperty("SNYK_TOKEN", "041e01f5-373a-49ca-a246-1b12c4f41529")', // keyward:allow
        '<add key="SnykToken" value="041e01f5-373a-49ca-a246-1b12c4f41529" />', // keyward:allow
        'var snykToken string = "041e01f5-373a-49ca-a246-1b12c4f41529"', // keyward:allow
      ],
      noMatch: ["SNYK_ORG_ID=f7072755-b6df-4306-a026-83d609fef4fe", "snyk_token: ${{ secrets.SNYK_TOKEN }}"], // keyward:allow
    },
  },
  {
    id: "sonarqube-token",
    provider: "SonarQube",
    description: "SonarQube user, project or global analysis token (squ_, sqp_, sqa_)",
    keywords: ["squ_", "sqp_", "sqa_"],
    prefixes: ["squ_", "sqp_", "sqa_"],
    pattern: /\b(sq[upa]_[a-f0-9]{40})(?![A-Za-z0-9_-])/,
    entropy: 3,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["sonar.token=squ_200771b5a344fa4eabc1bc797dcfa2488f9ba204"], // keyward:allow
      noMatch: ["squ_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "squ_200771b5a344fa4eabc1bc797dcfa2488f9ba20"], // keyward:allow
    },
  },
  {
    id: "sonar-api-token",
    provider: "SonarQube",
    description: "SonarQube / SonarCloud token (40 characters) next to a Sonar name",
    keywords: ["sonar"],
    pattern: assignment(providerName("sonar"), String.raw`(?:sq[upa]_)?[A-Za-z0-9]{40}(?![\w-])`),
    entropy: 3.5,
    // sonar.projectKey / sonar.organization name a project, not a credential.
    // Genuine squ_/sqp_/sqa_ tokens are the sonarqube-token rule's finding.
    allow: { matches: [/project[._-]?key|organization/i], secrets: [/^sq[upa]_[a-f0-9]{40}$/] },
    severity: "high",
    confidence: "medium",
    examples: {
      match: ["SONAR_TOKEN=hsL2nkmX8fmgeaPs6UyWcluaE174GYiaZR6HWpDa", "sonar.login=cc64e0615a3d78c5b41c551edefe070a7bf2cbc3"], // keyward:allow
      noMatch: ["sonar.projectKey=cc64e0615a3d78c5b41c551edefe070a7bf2cbc3", "SONAR_TOKEN=${SONAR_TOKEN}"], // keyward:allow
    },
  },
  {
    id: "sourcegraph-access-token",
    provider: "Sourcegraph",
    description: "Sourcegraph access token (sgp_<instance>_…, sgp_local_…, sgp_…)",
    keywords: ["sgp_"],
    prefixes: ["sgp_", "sgp_local_"],
    pattern: /\b(sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40})(?![A-Za-z0-9_-])/,
    entropy: 3.2,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["SRC_ACCESS_TOKEN=sgp_61b7fe5f5ae1f25c_3c577b26fca1ccc3a1e3d86e78dd7fa4bdc5961d", "sgp_local_8668cf95505f086b1f29df76754e69d1189a5a7e", "sgp_621155b837746da238582b8ef6a1db29599783e1"], // keyward:allow
      noMatch: ["sgp_abababababababababababababababababababab", "sgp_local_8668cf95505f086b1f29dg76754e69d1189a5a7e", "sgp_61b7fe5f5ae1f25c00_3c577b26fca1ccc3a1e3d86e78dd7fa4bdc5961d"], // keyward:allow
    },
  },
  {
    id: "sourcegraph-legacy-token",
    provider: "Sourcegraph",
    description: "Sourcegraph legacy access token (40 hex) next to a Sourcegraph name",
    keywords: ["sourcegraph"],
    pattern: assignment(providerName("sourcegraph"), String.raw`[a-fA-F0-9]{40}(?![\w-])`, []),
    entropy: 3.2,
    severity: "high",
    confidence: "medium",
    examples: {
      match: ["sourcegraph: cc64e0615a3d78c5b41c551edefe070a7bf2cbc3", 'SOURCEGRAPH_TOKEN="cc64e0615a3d78c5b41c551edefe070a7bf2cbc3"'], // keyward:allow
      noMatch: ["commit cc64e0615a3d78c5b41c551edefe070a7bf2cbc3", "sourcegraph: 0000000000000000000000000000000000000000"], // keyward:allow
    },
  },
  {
    id: "postman-api-key",
    provider: "Postman",
    description: "Postman API key (PMAK-)",
    keywords: ["pmak-"],
    prefixes: ["PMAK-"],
    pattern: /\b(PMAK-[a-f0-9]{24}-[a-f0-9]{34})(?![A-Za-z0-9])/,
    entropy: 3,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["X-Api-Key: PMAK-5d0f117ae101aa606a4909b3-db45ea918d93c94c3aa6f9a9908ec2c9b4"], // keyward:allow
      noMatch: ["PMAK-xxxxxxxxxxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "PMAK-5d0f117ae101aa606a4909b3"], // keyward:allow
    },
  },
  {
    id: "airtable-personal-access-token",
    provider: "Airtable",
    description: "Airtable personal access token (pat….<64 hex>) on a line that names Airtable",
    keywords: ["airtable"],
    pattern: /\b(pat[A-Za-z0-9]{14}\.[a-f0-9]{64})(?![A-Za-z0-9])/,
    entropy: 3.5,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["AIRTABLE_TOKEN=patCg3vp2ek7BMcQq.9965e73b4de871d1358ef997add6552d636e635a2adf75db7832134d64737c53"], // keyward:allow
      noMatch: ["AIRTABLE_TOKEN=patXXXXXXXXXXXXXX.xxxxxxxx", "airtable pattern.matches(x)"], // keyward:allow
    },
  },
  {
    id: "figma-access-token",
    provider: "Figma",
    description: "Figma personal access token (figd_)",
    keywords: ["figd_"],
    prefixes: ["figd_"],
    // 40 characters today; public rule sets accept longer ones ("{40,}"), so allow some growth.
    pattern: /\b(figd_[A-Za-z0-9_-]{38,120})(?![A-Za-z0-9_-])/,
    entropy: 4,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["FIGMA_TOKEN=figd_DK4Mfn1lEOk5ZxvBpH2_6SGTkq8LBe8JLngKoGDv"], // keyward:allow
      noMatch: ["figd_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "figd_short"], // keyward:allow
    },
  },
  {
    id: "dropbox-short-lived-token",
    provider: "Dropbox",
    description: "Dropbox short-lived access token (sl.…)",
    keywords: ["sl."],
    prefixes: ["sl."],
    // sl. + ~135 (older) to ~1300 (sl.u.) URL-safe characters; "ssl." and friends stay out.
    pattern: /(?<![A-Za-z0-9_.-])(sl\.(?:u\.)?[A-Za-z0-9_-]{130,1400})(?![A-Za-z0-9_-])/,
    entropy: 4.5,
    severity: "medium",
    confidence: "high",
    examples: {
      match: ["dbx = dropbox.Dropbox('sl.BIEN-B10MLIsvkTr1QKeld3i2VT30ptx-W3Hnn3GcgrrXp_90L42gsV6DLYpnfgogNhBKPRmuBtDIFzAEKeRB_u_CHb1tWR9Dq9KTjbBFe-NGSzGfHBqnny4DeYF8AOc5Gv5Ulq5')"], // keyward:allow
      noMatch: ["ctx = ssl.create_default_context()", "sl.BIEN-B10MLIsvkTr1QKeld3i2VT30ptx"], // keyward:allow
    },
  },
  {
    id: "contentful-personal-access-token",
    provider: "Contentful",
    description: "Contentful personal access token (CFPAT-)",
    keywords: ["cfpat-"],
    prefixes: ["CFPAT-"],
    pattern: /\b(CFPAT-[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/,
    entropy: 4,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["CONTENTFUL_MANAGEMENT_TOKEN=CFPAT-pfxqpEX_kEzjhIvPaG_upm6R37qM8LcHu8TSgpPVGKa"], // keyward:allow
      noMatch: ["CFPAT-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "CFPAT-pfxqpEX"], // keyward:allow
    },
  },
  // ---- Facebook / Meta ----------------------------------------------------------------------
  {
    id: "facebook-access-token",
    provider: "Facebook",
    description: "Facebook / Meta user or page access token (EAA…)",
    keywords: ["eaa"],
    prefixes: ["EAA"],
    // EAA + app-derived characters; real tokens run ~100-250. Square's EAAA tokens are 64 long.
    pattern: /(?<![A-Za-z0-9])(EAA[A-Za-z0-9]{90,400})(?![A-Za-z0-9_-])/,
    entropy: 4.5,
    validate: (s) => hasUpper(s.slice(3)) && hasLower(s) && hasDigit(s),
    severity: "high",
    confidence: "high",
    examples: {
      match: ["FACEBOOK_TOKEN=EAAfE893HeMX99Wu2dzB812iitn00DwBeLFFFWU00O8MAMG43DxUl0KYwaq4WEAx4kvczxayElF2ku619v0WkrlE2m0EvQ5jm2iLEwSWMLEGQlZm7cqC9eu0vi7vHUOw82SSOwlDeDBUNpvy7ZDDfwJqi7gfPXLHayVH0Lk1p2mKmlpoSXC97To"], // keyward:allow
      noMatch: ["commit eaab91c0d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7", "EAAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"], // keyward:allow
    },
  },
  {
    id: "facebook-app-access-token",
    provider: "Facebook",
    description: "Facebook app access token (app id|secret or signature) on a line that names Facebook",
    keywords: ["facebook"],
    pattern: /(?<![0-9])([0-9]{15,16}(?:\||%7C)(?:[a-f0-9]{32}|[A-Za-z0-9_-]{27}))(?![A-Za-z0-9_-])/,
    entropy: 3.5,
    severity: "high",
    confidence: "medium",
    examples: {
      match: ['fb_token = "393410092133838|p9G4a_Sthhk0lbImVCJ6oC9djGL" # facebook app token', "facebook 393410092133838|85ec6f2b66b5ac36bbbe0c95e831e42c"], // keyward:allow
      noMatch: ["facebook 393410092133838|short", "393410092133838|p9G4a_Sthhk0lbImVCJ6oC9djGL"], // keyward:allow
    },
  },
  {
    id: "facebook-app-secret",
    provider: "Facebook",
    description: "Facebook app secret or client token (32 hex) next to a Facebook name",
    keywords: ["facebook"],
    pattern: assignment(providerName("facebook"), String.raw`[a-f0-9]{32}(?![\w-])`),
    entropy: 3,
    severity: "high",
    confidence: "medium",
    examples: {
      match: ['facebook_app_secret = "85ec6f2b66b5ac36bbbe0c95e831e42c"', "FACEBOOK_CLIENT_TOKEN: 85ec6f2b66b5ac36bbbe0c95e831e42c"], // keyward:allow
      noMatch: ['facebook_app_id = "85ec6f2b66b5ac36bbbe0c95e831e42c"', "facebook_app_secret = 00000000000000000000000000000000"], // keyward:allow
    },
  },
  // ---- Prefix-format developer services -----------------------------------------------------
  {
    id: "intra42-client-secret",
    provider: "42 Intra",
    description: "42 (intra.42.fr) OAuth client secret (s-s4t2ud- / s-s4t2af-)",
    keywords: ["s-s4t2"],
    prefixes: ["s-s4t2"],
    pattern: /\b(s-s4t2(?:ud|af)-[a-f0-9]{64})(?![A-Za-z0-9])/,
    entropy: 3,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["FT_CLIENT_SECRET=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"], // keyward:allow
      noMatch: ["s-s4t2ud-xxxxxxxx", "s-s4t2ud-7c2e8d6a5a0604fe288430341db4bc08"], // keyward:allow
    },
  },
  {
    id: "octopus-deploy-api-key",
    provider: "Octopus Deploy",
    description: "Octopus Deploy API key (API- + 25 to 32 upper-case characters)",
    keywords: ["api-"],
    prefixes: ["API-"],
    // Case-sensitive and standalone: GSSAPI-…, notion.site/API-<32 hex>, api-<hash> stay out.
    pattern: /(?<![A-Za-z0-9_.-])(API-[A-Z0-9]{25,32})(?![A-Za-z0-9_-])/,
    entropy: 3.5,
    // A body of hex digits alone is a digest in a URL, not a key (keys draw on all of A-Z).
    validate: (s) => hasDigit(s.slice(4)) && /[A-Z]/.test(s.slice(4)) && !/^[0-9A-F]+$/.test(s.slice(4)),
    severity: "high",
    confidence: "high",
    examples: {
      match: ['OCTOPUS_API_KEY="API-N9VL8P35ZJ8QJG9R7USYC4UJ7M"', "Octopus.Client --apiKey API-N9VL8P35ZJ8QJG9R7USYC4UJ7M"], // keyward:allow
      noMatch: ['msgid "KERBEROSGSSAPI-AUTHENTICATIONFAILED."', "https://docs.example.org/API-0F1E2D3C4B5A69788796A5B4C3D2E1F0", "API-XXXXXXXXXXXXXXXXXXXXXXXXXX"], // keyward:allow
    },
  },
  {
    id: "prefect-api-token",
    provider: "Prefect",
    description: "Prefect Cloud API key (pnu_)",
    keywords: ["pnu_"],
    prefixes: ["pnu_"],
    pattern: /\b(pnu_[A-Za-z0-9]{36})(?![A-Za-z0-9_-])/,
    entropy: 4,
    severity: "high",
    confidence: "high",
    examples: {
      match: ['PREFECT_API_KEY = "pnu_59By32mPNWhuVEkTD7cj0kORxKQHh866Vejr"'], // keyward:allow
      noMatch: ["PREFECT_API_KEY: pnu_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "pnu_59By32mPNWhuVEk"], // keyward:allow
    },
  },
  {
    id: "pulumi-api-token",
    provider: "Pulumi",
    description: "Pulumi access token (pul-)",
    keywords: ["pul-"],
    prefixes: ["pul-"],
    pattern: /(?<![A-Za-z0-9_-])(pul-[a-f0-9]{40})(?![A-Za-z0-9_-])/,
    entropy: 3,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["PULUMI_ACCESS_TOKEN=pul-4817e718eb6640de54581146a9a915795b54402e"], // keyward:allow
      noMatch: ['<img src="/static/anupul-9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.png">', "pul-0000000000000000000000000000000000000000"], // keyward:allow
    },
  },
  {
    id: "readme-api-token",
    provider: "ReadMe",
    description: "ReadMe API key (rdme_)",
    keywords: ["rdme_"],
    prefixes: ["rdme_"],
    pattern: /\b(rdme_[a-z0-9]{70})(?![A-Za-z0-9_-])/,
    entropy: 4,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["README_API_KEY=rdme_b55wxqmj1cfvuh0sxdkwo1e099avdbu7y4rhvlasu76z1eqv08vdb8w8912yp9ovucg5mu"], // keyward:allow
      noMatch: ["README_API_KEY=rdme_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "rdme_b55wxqmj1cfvuh0"], // keyward:allow
    },
  },
  {
    id: "infracost-api-token",
    provider: "Infracost",
    description: "Infracost API key (ico-)",
    keywords: ["ico-"],
    prefixes: ["ico-"],
    // Standalone, mixed case: file names like video_box.ico-<md5>.png stay out.
    pattern: /(?<![A-Za-z0-9_.\/-])(ico-[A-Za-z0-9]{32})(?![A-Za-z0-9_-])/,
    entropy: 4,
    validate: (s) => hasUpper(s) && hasLower(s.slice(4)),
    severity: "high",
    confidence: "high",
    examples: {
      match: ['INFRACOST_API_KEY: "ico-cma8MprMIVKxOPnlvWEKvNBUwQaHT3nj"'], // keyward:allow
      noMatch: ["INFRACOST_API_KEY=ico-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "http://assets.example.org/media/video_box.ico-7a388b69018576d24b59331fd60aab0c.png"], // keyward:allow
    },
  },
  {
    id: "maxmind-license-key",
    provider: "MaxMind",
    description: "MaxMind license key (6_29_mmk format)",
    keywords: ["_mmk"],
    pattern: /(?<![A-Za-z0-9_-])([A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk)(?![A-Za-z0-9_-])/,
    entropy: 4,
    severity: "medium",
    confidence: "high",
    examples: {
      match: ["MAXMIND_LICENSE_KEY=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", "GEOIPUPDATE_LICENSE_KEY: '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'"], // keyward:allow
      noMatch: ["MAXMIND_LICENSE_KEY=xxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxx_mmk", "user_mmk_test"], // keyward:allow
    },
  },
  {
    id: "maxmind-legacy-license-key",
    provider: "MaxMind",
    description: "MaxMind legacy 16-character license key next to a MaxMind / GeoIP name",
    keywords: ["maxmind", "geoip"],
    pattern: assignment(providerName("maxmind", "geoip"), String.raw`[A-Za-z0-9]{16}(?![\w-])`, ["license", "key", "token"]),
    entropy: 3.5,
    validate: (s) => hasDigit(s) && (hasUpper(s) || hasLower(s)),
    severity: "medium",
    confidence: "medium",
    examples: {
      match: ["MAXMIND_LICENSE_KEY=p7QZ5stCjshaMz9d", "GeoIP.LicenseKey = 'p7QZ5stCjshaMz9d'"], // keyward:allow
      noMatch: ["MAXMIND_ACCOUNT_ID=1234567", "maxmind_license_key = ${MAXMIND_KEY}"], // keyward:allow
    },
  },
  {
    id: "sidekiq-secret",
    provider: "Sidekiq",
    description: "Sidekiq Pro / Enterprise gem server credentials (BUNDLE_*__CONTRIBSYS__COM)",
    keywords: ["contribsys__com"],
    pattern: /BUNDLE_(?:ENTERPRISE|GEMS)__CONTRIBSYS__COM["']?\s{0,4}[:=]\s{0,4}["']?([a-f0-9]{8}:[a-f0-9]{8})(?![A-Za-z0-9])/,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["export BUNDLE_ENTERPRISE__CONTRIBSYS__COM=1e9b39f4:ed3e3b9a", 'BUNDLE_GEMS__CONTRIBSYS__COM: "1e9b39f4:ed3e3b9a"'], // keyward:allow
      noMatch: ["BUNDLE_GEMS__CONTRIBSYS__COM: ${SIDEKIQ_CREDS}", "BUNDLE_GEMS__CONTRIBSYS__COM"], // keyward:allow
    },
  },
  {
    id: "sidekiq-sensitive-url",
    provider: "Sidekiq",
    description: "Sidekiq Pro / Enterprise gem server URL with credentials",
    keywords: ["contribsys.com"],
    pattern: /\bhttps?:\/\/([a-f0-9]{8}:[a-f0-9]{8})@(?:gems|enterprise)\.contribsys\.com(?![\w.-])/,
    severity: "high",
    confidence: "high",
    examples: {
      match: ['source "https://1e9b39f4:ed3e3b9a@gems.contribsys.com/" do', "http://1e9b39f4:ed3e3b9a@enterprise.contribsys.com:80/path"], // keyward:allow
      noMatch: ['source "https://gems.contribsys.com/" do', "https://enterprise.contribsys.com"], // keyward:allow
    },
  },
  // ---- Keyword-context formats --------------------------------------------------------------
  {
    id: "cisco-meraki-api-key",
    provider: "Cisco Meraki",
    description: "Cisco Meraki Dashboard API key (40 lower-case hex) next to a Meraki name",
    keywords: ["meraki"],
    pattern: assignment(providerName("meraki"), String.raw`[a-f0-9]{40}(?![\w-])`, []),
    entropy: 3.3,
    severity: "high",
    confidence: "medium",
    examples: {
      match: ["MERAKI_DASHBOARD_API_KEY=48c524f2cbf7f46218f01343f60db953cfeb0ce9", 'meraki_api_key: "48c524f2cbf7f46218f01343f60db953cfeb0ce9"'], // keyward:allow
      noMatch: ["MERAKI_KEY=abababababababababababababababababababab", "SwiftCameraKit: 48c524f2cbf7f46218f01343f60db953cfeb0ce9"], // keyward:allow
    },
  },
  {
    id: "etsy-access-token",
    provider: "Etsy",
    description: "Etsy API keystring / access token (24 characters) next to an Etsy name",
    keywords: ["etsy"],
    pattern: assignment(providerName("etsy"), String.raw`[a-z0-9]{24}(?![\w-])`),
    entropy: 3.5,
    validate: (s) => hasDigit(s) && hasLower(s),
    severity: "high",
    confidence: "medium",
    examples: {
      match: ["ETSY_API_KEY=u9ntqv4z8o4pdnd94zt4xkpr", 'etsyToken: "u9ntqv4z8o4pdnd94zt4xkpr"'], // keyward:allow
      noMatch: ["resetSystemClock(); // a1b2c3d4e5f6g7h8i9j0k1l2", "ETSY_SHOP_NAME=handmadebyu9ntqv4z8o4pdnd"], // keyward:allow
    },
  },
  {
    id: "beamer-api-token",
    provider: "Beamer",
    description: "Beamer API key (b_ + 44) next to a Beamer name",
    keywords: ["beamer"],
    pattern: assignment(providerName("beamer"), String.raw`b_[A-Za-z0-9_=-]{44}(?![\w=-])`, []),
    entropy: 4,
    severity: "medium",
    confidence: "medium",
    examples: {
      match: ["BEAMER_API_KEY=b_YGnFIcRUtSKv2FcaaK8VmGgMDVNEIXngzaBh7pP3AgjZ"], // keyward:allow
      noMatch: ["firmware/B_250K-Build-OTA-A8C7E6F5D4C3B2A1.bin", "BEAMER_API_KEY=b_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"], // keyward:allow
    },
  },
];
