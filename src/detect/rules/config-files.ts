/**
 * Credentials in well-known configuration files and command lines: .netrc, .pgpass, .npmrc,
 * Docker's config.json, .pypirc, NuGet.Config, curl invocations, HTTP Authorization
 * headers, and Kubernetes Secret manifests.
 *
 * `.git-credentials` lines (https://user:token@host) are reported by `url-basic-auth` in
 * uris.ts; a second rule on the same span would only duplicate them.
 */
import { decodeBase64Text } from "../decode.js";
import { shannonEntropy } from "../entropy.js";
import type { Rule } from "../types.js";
import { hasProviderFormat, looksLikeIdentifier, PUBLISHED_VALUES } from "./generic.js";
import { plausiblePassword } from "./uris.js";

/**
 * Characters of a shell command that may continue over `\`-newline onto following lines, up to
 * the next `curl` (which starts a command of its own, scanned from its own line).
 */
const SHELL_CONTINUED = String.raw`(?:[^\n\\c]|c(?!url\b)|\\[\s\S]|\n(?<=\\\r\n))`;

/** A curl command starting on the window's first line (multi-line rules are anchored). */
const CURL = String.raw`^[^\n]{0,4096}?\bcurl\b${SHELL_CONTINUED}{0,1500}?\s`;

/** An opaque credential: long enough, not a word, not a reference or template. */
function opaqueCredential(v: string): boolean {
  if (v.length < 6 || /^[$%{<[(]|[<>{}()]|\$\{|\.{3}|\*{3}|x{4}|X{4}/.test(v)) return false;
  if (!plausiblePassword(v)) return false;
  if (/^[A-Za-z]{1,15}$/.test(v) || (looksLikeIdentifier(v) && !/\d/.test(v))) return false;
  return shannonEntropy(v) >= 2.5 && !hasProviderFormat(v);
}

/** `user:password` from a command line or a decoded Basic header. */
function userPassword(raw: string): boolean {
  const v = raw.replace(/["']/g, "");
  if (/[<>]/.test(v)) return false;
  const i = v.indexOf(":");
  if (i < 0) return false;
  const user = v.slice(0, i);
  const pass = v.slice(i + 1);
  if (/^\$|^\{\{|^%\w+%$/.test(user)) return false;
  if (pass === "") {
    // An API key passed as the user name with an empty password (curl -u sk_...:).
    return user.length >= 10 && /\d/.test(user) && shannonEntropy(user) >= 3;
  }
  if (pass === user) return false;
  return plausiblePassword(pass) && pass.length >= 4 && !hasProviderFormat(v);
}

const basicAuthValue = (secret: string): boolean => {
  const decoded = decodeBase64Text(secret);
  return decoded !== undefined && userPassword(decoded);
};

/** Kubernetes Secret values: reject what is plainly configuration rather than a secret. */
function plausibleSecretData(value: string): boolean {
  const v = value.trim();
  if (/^-----BEGIN (?:CERTIFICATE|[A-Z0-9 ]*PUBLIC KEY|X509 CRL|TRUSTED CERTIFICATE)/.test(v)) return false; // public material
  if (/^(?:true|false|yes|no|on|off|null|none|enabled|disabled)$/i.test(v)) return false;
  if (/^-?\d{1,12}(?:\.\d{1,6})?[smhdkKMGi]{0,2}$/.test(v)) return false; // ports, counts, durations, sizes
  if (/^[a-z][a-z0-9+.-]{1,20}:\/\/[^\s@]{1,2048}$/i.test(v)) return false; // URL without credentials
  if (/^[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,10}$/.test(v) && /\.[a-z]{2,24}$/.test(v)) return false; // host names
  if (/^[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}$/.test(v)) return false; // e-mail
  return true;
}

const b64 = (s: string): string => Buffer.from(s).toString("base64");

export const rules: readonly Rule[] = [
  {
    id: "netrc-credentials",
    provider: "netrc",
    description: "Password in a .netrc entry (machine ... login ... password ...)",
    keywords: ["machine"],
    // Up to the entry's password, without running into the next `machine` entry.
    // The entry must name a login, which keeps prose about state machines out.
    pattern:
      /^[^\n]{0,1024}?\bmachine[ \t]{1,8}[^\s]{1,253}(?:[^m]|m(?!achine\s)){0,400}?\blogin[ \t]{1,8}[^\s]{1,256}(?:[^m]|m(?!achine\s)){0,400}?\bpassword[ \t]{1,8}(?<secret>[^\s"'\x60]{1,256})(?=[\s"'\x60]|$)/,
    multiline: true,
    validate: (v) => plausiblePassword(v) && !hasProviderFormat(v),
    severity: "high",
    confidence: "medium",
    examples: {
      match: [
        "machine api.internal-registry.io login deploy password Vq8Lm3xZ2pWt", // keyward:allow
        ["machine git.corp.internal", "  login ci-bot", "  password Zt5Rq9wLm2Kx"].join("\n"), // keyward:allow
        'RUN echo "machine pkgs.corp.internal login build password Kx2Lm9qZ7w" > ~/.netrc', // keyward:allow
      ],
      noMatch: ["machine git.corp.internal login ci-bot password $NETRC_PASSWORD", "a state machine with a password field", "machine host login me password password"],
    },
  },
  {
    id: "pgpass-file",
    provider: "PostgreSQL",
    description: "PostgreSQL password file (.pgpass) committed to the repository",
    keywords: [],
    // Every line of a .pgpass is host:port:database:user:password; the file is the finding.
    paths: [".pgpass", "pgpass.conf"],
    pathOnly: true,
    severity: "high",
    confidence: "medium",
    examples: {
      match: ["ops/.pgpass", ".pgpass", "config/postgresql/pgpass.conf"],
      noMatch: ["docs/pgpass.md", ".pgpass.example"],
    },
  },
  {
    id: "npmrc-auth-token",
    provider: "npm",
    description: "Registry auth token in .npmrc (_authToken) or .yarnrc.yml (npmAuthToken)",
    keywords: ["_authtoken", "npmauthtoken"],
    pattern: /(?:_authToken|npmAuthToken)["']?[ \t]{0,4}[=:][ \t]{0,4}["']?(?<secret>[^\s"'#;]{8,512})/i,
    validate: opaqueCredential,
    severity: "high",
    confidence: "medium",
    examples: {
      match: [
        "//npm.pkg.corp.internal/:_authToken=Zk3Lq8Wm2Xv9Tp4Rc7Nb", // keyward:allow
        '  npmAuthToken: "Tp4Rc7NbZk3Lq8Wm2Xv9"', // keyward:allow
      ],
      noMatch: ["//registry.npmjs.org/:_authToken=${NPM_TOKEN}", "//registry.npmjs.org/:_authToken=", "_authToken=<token>"],
    },
  },
  {
    id: "npmrc-basic-auth",
    provider: "npm",
    description: "Base64 registry credentials in .npmrc (_auth, _password) or .yarnrc.yml (npmAuthIdent)",
    keywords: ["_auth", "_password", "npmauthident"],
    pattern: /(?<![\w-])(?:_auth|_password|npmAuthIdent)["']?[ \t]{0,4}[=:][ \t]{0,4}["']?(?<secret>[A-Za-z0-9+/]{4,1024}={0,2})(?![\w+/=])/i,
    decodes: "base64",
    // _auth and npmAuthIdent hold base64("user:password"); _password holds base64("password").
    validate: (s) => {
      const d = decodeBase64Text(s);
      return d !== undefined && d.length >= 4 && (d.includes(":") ? userPassword(d) : plausiblePassword(d));
    },
    severity: "high",
    confidence: "medium",
    examples: {
      match: [
        `//npm.corp.internal/:_auth=${b64("ci-bot:Wq8Lm3xZ2pT")}`, // keyward:allow
        `//npm.corp.internal/:_password="${b64("Wq8Lm3xZ2pT")}"`, // keyward:allow
      ],
      noMatch: ["_auth=${NPM_AUTH}", `_auth=${b64("user:password")}`, "basic_auth=Wq8Lm3xZ2pTa"], // keyward:allow
    },
  },
  {
    id: "docker-config-auth",
    provider: "Docker",
    description: "Registry credentials in a Docker config.json / .dockerconfigjson \"auth\" entry",
    keywords: ['"auth"'],
    pattern: /"auth"[ \t]{0,4}:[ \t]{0,4}"(?<secret>[A-Za-z0-9+/]{6,4096}={0,2})"/,
    decodes: "base64",
    validate: basicAuthValue,
    severity: "high",
    confidence: "high",
    examples: {
      match: [`{"auths": {"registry.corp.internal": {"auth": "${b64("robot$ci:Lq8Wm2Xv9Tp4")}"}}}`], // keyward:allow
      noMatch: ['{"auths": {"registry.corp.internal": {"auth": ""}}}', `{"auth": "${b64("opensesame")}"}`, `{"auth": "${b64("user:password")}"}`],
    },
  },
  {
    id: "pypirc-password",
    provider: "PyPI",
    description: "Password or token in a .pypirc file",
    keywords: ["password"],
    paths: [".pypirc"],
    pattern: /^[ \t]{0,8}password[ \t]{0,4}[=:][ \t]{0,4}(?<secret>[^\s]{4,512})/i,
    validate: (v) => plausiblePassword(v) && !hasProviderFormat(v),
    severity: "high",
    confidence: "medium",
    examples: {
      path: "home/.pypirc",
      match: ["[pypi]\nusername = __token__\npassword = Xk2Lm9qZ7wR4tP8v"], // keyward:allow
      noMatch: ["[pypi]\nusername = __token__\npassword = ${PYPI_TOKEN}", "password = <your password>"],
    },
  },
  {
    id: "nuget-config-password",
    provider: "NuGet",
    description: "Package source password in NuGet.Config (ClearTextPassword or Password)",
    keywords: ["cleartextpassword", "password"],
    paths: ["nuget.config"],
    pattern: /<add[ \t]{1,4}key[ \t]{0,2}=[ \t]{0,2}"(?:ClearText)?Password"[ \t]{1,4}value[ \t]{0,2}=[ \t]{0,2}"(?<secret>[^"]{1,1024})"/i,
    validate: (v) => v.length >= 6 && !/^%[^%\s]{1,100}%$/.test(v) && !PUBLISHED_VALUES.has(v) && plausiblePassword(v),
    allow: { stopwords: ["xxxxx"] },
    severity: "high",
    confidence: "high",
    examples: {
      path: "src/NuGet.Config",
      match: ['<add key="ClearTextPassword" value="Fd8kQ2mLx7Wz" />', '<add key="Password" value="AQAAANCMnd8BFdERjHoAwE/Cl+sBAAAAx7Qz" />'], // keyward:allow
      noMatch: ['<add key="ClearTextPassword" value="%NUGET_FEED_PASSWORD%" />', '<add key="ClearTextPassword" value="abc" />', '<add key="Username" value="ci-bot@corp.internal" />'],
    },
  },
  {
    id: "curl-auth-user",
    provider: "Generic",
    description: "Credentials passed to curl with -u / --user",
    keywords: ["curl"],
    pattern: new RegExp(
      CURL + String.raw`(?:-u|--user)(?:[ \t]{1,5}|=)["']?(?<secret>[^\s"':]{0,128}(?:["']:["']?|:["']?)[^\s"']{0,256})`,
    ),
    multiline: true,
    validate: userPassword,
    severity: "high",
    confidence: "medium",
    examples: {
      match: [
        "curl -u deploy:Wq8Lm3xZ2pT https://api.corp.internal/v1/releases", // keyward:allow
        "curl -s -X POST https://api.corp.internal/hook \\\n  -H 'Content-Type: application/json' \\\n  --user 'svc:Kx2Lm9qZ7w'", // keyward:allow
        'curl -u "rk_9fQ2xLm8Vt4Zw7:" https://api.payments.internal/v1/charges', // keyward:allow
      ],
      noMatch: [
        "curl -u user:password https://api.corp.internal",
        'curl -u "$USERNAME:$PASSWORD" https://api.corp.internal',
        "curl -u admin https://api.corp.internal",
        "curl -u test:test https://api.corp.internal",
        "curl --user-agent 'Mozilla/5.0' https://api.corp.internal",
        'curl -u "${{ secrets.USER }}:${{ secrets.PASS }}" https://api.corp.internal',
        "curl -u <user:password> https://api.corp.internal",
      ],
    },
  },
  {
    id: "curl-auth-header",
    provider: "Generic",
    description: "Credential passed to curl in an Authorization, API-key or token header",
    keywords: ["curl"],
    pattern: new RegExp(
      CURL +
        String.raw`(?:-H|--header)(?:[ \t]{1,5}|=)["']?(?:[A-Za-z0-9]{1,20}-){0,4}(?:authorization|api-?key|api-?token|auth-?token|access-?token|private-?token|token|secret|key|password|auth)[ \t]{0,5}:[ \t]{0,5}(?:(?:bearer|basic|token|api-token|apikey|bot|oauth|ssws|sso-key|key|digest)[ \t]{1,5})?(?<secret>[^\s"']{6,4096})`,
      "i",
    ),
    multiline: true,
    decodes: "base64",
    validate: opaqueCredential,
    severity: "high",
    confidence: "medium",
    examples: {
      match: [
        'curl -H "Authorization: Bearer Xk2Lm9qZ7wR4tP8vN3cY" https://api.corp.internal/v1/me', // keyward:allow
        // An API key as the Basic user name with an empty password (http-basic-auth wants both).
        `curl https://api.corp.internal/v1/me \\\n  -H 'Authorization: Basic ${b64("browser:")}'`,
        'curl -X GET https://deploy.corp.internal/api \\\n     -H "X-Deploy-ApiKey: 3a16750d-d363-41a4-8ebd-035408f7730f"', // keyward:allow
        "curl --header 'PRIVATE-TOKEN: q8Lm3xZ2pWtK9v' https://git.corp.internal/api/v4/projects", // keyward:allow
      ],
      noMatch: [
        'curl -H "Authorization: Bearer $API_TOKEN" https://api.corp.internal',
        'curl -H "Authorization: Bearer <your token>" https://api.corp.internal',
        'curl -H "Authorization: Token **********" https://api.corp.internal',
        'curl -H "Authorization: Bearer $(gcloud auth print-access-token)" https://api.corp.internal',
        'curl -H "Authorization: Bearer XXXXXXXXXXXX" https://api.corp.internal',
        'curl -H "Content-Type: application/json" https://api.corp.internal',
      ],
    },
  },
  {
    id: "http-basic-auth",
    provider: "Generic",
    description: "HTTP Authorization: Basic header with base64 user:password",
    keywords: ["authorization"],
    pattern: /authorization["']?[ \t]{0,4}[:=,][ \t]{0,4}["']?[ \t]{0,2}basic[ \t]{1,4}(?<secret>[A-Za-z0-9+/]{8,4096}={0,2})(?![A-Za-z0-9+/=])/i,
    decodes: "base64",
    validate: basicAuthValue,
    severity: "high",
    confidence: "high",
    examples: {
      match: [
        `Authorization: Basic ${b64("api:key-Wq8Lm3xZ2pT9")}`, // keyward:allow
        `conn.setRequestProperty("Authorization", "Basic ${b64("svc-report:Kx2Lm9qZ7w")}");`, // keyward:allow
      ],
      noMatch: ["Authorization: Basic ${BASIC_AUTH}", `Authorization: Basic ${b64("user:password")}`, `Authorization: Basic ${b64("not a credential")}`],
    },
  },
  {
    id: "http-bearer-token",
    provider: "Generic",
    description: "HTTP Authorization: Bearer token with a high-entropy value",
    keywords: ["bearer"],
    pattern: /\bbearer[ \t]{1,4}(?<secret>[A-Za-z0-9._~+/-]{16,4096}={0,2})(?![A-Za-z0-9._~+/=-])/i,
    entropy: 3,
    validate: (v) => opaqueCredential(v) && /\d/.test(v) && !looksLikeIdentifier(v),
    severity: "medium",
    confidence: "medium",
    examples: {
      match: [
        "Authorization: Bearer 9fQ2xLm8Vt4Zw7Kc3RbN", // keyward:allow
        "headers = {'Authorization': 'Bearer sha256~bR4Lq9xZm2Wt7Kc8Vn3Pp'}", // keyward:allow
      ],
      noMatch: ["Authorization: Bearer ${token}", 'fetch(url, { headers: { Authorization: "Bearer " + accessToken } })', "Bearer tokens are described in RFC 6750", "Authorization: Bearer accessTokenFromStorage"],
    },
  },
  {
    id: "kubernetes-secret-data",
    provider: "Kubernetes",
    description: "Value of a Kubernetes Secret manifest (data, base64-decoded, or stringData)",
    keywords: ["kind: secret"],
    // Driven by the scanner (kubernetesSecretValues), which decodes each value, scans it with
    // every rule, and falls back to this rule; the pattern itself never matches.
    pattern: /(?!)/,
    validate: plausibleSecretData,
    severity: "high",
    confidence: "medium",
    examples: {
      match: [
        ["apiVersion: v1", "kind: Secret", "metadata:", "  name: db", "type: Opaque", "data:", `  password: ${b64("Lq8Wm2!Xv9Tp")}`].join("\n"), // keyward:allow
        ["apiVersion: v1", "kind: Secret", "metadata:", "  name: db", "stringData:", "  password: Zt5Rq9wLm2Kx"].join("\n"), // keyward:allow
      ],
      noMatch: [
        ["apiVersion: v1", "kind: Secret", "metadata:", "  name: db", "data:", `  host: ${b64("db.prod.internal")}`, `  port: ${b64("5432")}`, '  password: ""'].join("\n"),
        ["apiVersion: v1", "kind: Secret", "metadata:", "  name: db", "stringData:", "  password: {{ .Values.password }}"].join("\n"),
        ["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: db", "data:", `  password: ${b64("Lq8Wm2!Xv9Tp")}`].join("\n"), // keyward:allow
      ],
    },
  },
];
