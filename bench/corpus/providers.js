// The providers corpus: every provider format Keyward should name, rendered in the syntaxes
// credentials are committed in, plus negatives that hold no credential. Generated at run time
// from seeded randomness, so a run is reproducible and no token sits in this repository.
//
// ## Contract (formats-a.js: providers A–K; formats-b.js: L–Z and digits)
//
// Each formats file exports `formats`, an array of entries, one per provider format:
//
//   {
//     provider: "Tailscale",            // must equal (case/punctuation-insensitively) the
//                                       // `provider` of the rule that should name it
//     ruleId: "tailscale-api-key",      // the rule expected to fire (reported when missing)
//     source: "https://…",              // the provider's documentation, or a public scanner's
//                                       // rule definition, that states the format
//     make: (r) => `tskey-api-${r.alnum(12)}CNTRL-${r.alnum(32)}`,  // one fresh token
//     keys: ["TAILSCALE_API_KEY", "authKey"],  // names a project would store it under;
//                                       // the first is used in env-style syntaxes, the rest
//                                       // rotate through the code syntaxes
//     files: (t) => [[path, text], …],  // optional: for a format that lives in one kind of
//                                       // file only (a kubeconfig's client-key-data), its own
//                                       // positives instead of the syntaxes below
//   }
//
// `make(r)` builds the token from the seeded random source `r` (see `rng` below):
//   r.alnum(n) r.lower(n) (a-z0-9) r.upper(n) (A-Z0-9) r.letters(n) r.digits(n) r.hex(n)
//   r.HEX(n) r.b64(n) r.b64url(n) r.b32(n) (A-Z2-7) r.from(alphabet, n) r.uuid() r.int(lo, hi)
//   r.pick(array) r.crc32(string) (unsigned) r.base62(number, width) r.jwt(payloadObject)
// Never use Math.random or crypto: the corpus must come out the same on every run.
// Only what the documentation (or a scanner's rule) states goes into `make`: the corpus
// measures whether rules generalise to the format, not whether they fit themselves.
//
// Every entry yields one positive per syntax in SYNTAXES (≈ 25), then these negatives
// (expectedProvider null): the key set to placeholders and references (`<your key>`,
// `${VAR}`, `changeme`, `REPLACE_WITH_…`, `${{ secrets.X }}`), a same-shaped placeholder
// (`tskey-api-xxxx…`), a truncated token, and the token's shape without its prefix in a
// non-credential context (a build id, a checksum, a CSS class).
import { crc32 } from "node:zlib";
import { formats as formatsA } from "./formats-a.js";
import { formats as formatsB } from "./formats-b.js";

export const FORMATS = [...formatsA, ...formatsB];

const DIGITS = "0123456789";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ALNUM = DIGITS + UPPER + LOWER;

/** FNV-1a of a string: a seed per format, so adding a format does not reshuffle the others. */
function fnv(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The seeded random source handed to `make` (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const from = (alphabet, n) => {
    let s = "";
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
    return s;
  };
  const base62 = (n, width) => {
    let o = "";
    n = Math.floor(n);
    do {
      o = ALNUM[n % 62] + o;
      n = Math.floor(n / 62);
    } while (n > 0);
    return o.padStart(width, "0");
  };
  const b64url = (s) => Buffer.from(s).toString("base64url");
  return {
    next,
    from,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    alnum: (n) => from(ALNUM, n),
    lower: (n) => from(LOWER + DIGITS, n),
    upper: (n) => from(UPPER + DIGITS, n),
    letters: (n) => from(UPPER + LOWER, n),
    digits: (n) => from(DIGITS, n),
    hex: (n) => from("0123456789abcdef", n),
    HEX: (n) => from("0123456789ABCDEF", n),
    b64: (n) => from(ALNUM + "+/", n),
    b64url: (n) => from(ALNUM + "-_", n),
    b32: (n) => from(UPPER + "234567", n),
    uuid: () => {
      const h = from("0123456789abcdef", 32);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${"89ab"[Math.floor(next() * 4)]}${h.slice(17, 20)}-${h.slice(20)}`;
    },
    crc32: (s) => crc32(s) >>> 0,
    base62,
    jwt: (payload) => `${b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${b64url(JSON.stringify(payload))}.${from(ALNUM + "-_", 43)}`,
  };
}

// ---- Identifier spellings --------------------------------------------------------------------
const words = (key) =>
  key
    // camelCase splits before a capital, not inside an all-caps name (HTML2PDF stays one word).
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/([0-9])([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
const screaming = (k) => words(k).join("_").toUpperCase();
const snake = (k) => words(k).join("_");
const camel = (k) => words(k).map((w, i) => (i ? w[0].toUpperCase() + w.slice(1) : w)).join("");
const pascal = (k) => words(k).map((w) => w[0].toUpperCase() + w.slice(1)).join("");
const kebab = (k) => words(k).join("-");
const dotted = (k) => words(k).join(".");

/**
 * The syntaxes, each `(key, token) => [path, text]`. `key` is the entry's key for that syntax
 * (env-style syntaxes use the first key, in SCREAMING_SNAKE).
 */
export const SYNTAXES = {
  dotenv: { env: true, render: (k, t) => [".env", `# service credentials\n${screaming(k)}=${t}\n`] },
  shell: { env: true, render: (k, t) => ["scripts/deploy.sh", `#!/bin/sh\nset -eu\nexport ${screaming(k)}="${t}"\n./bin/deploy --env production\n`] },
  yaml: { render: (k, t) => ["config/settings.yml", `service:\n  endpoint: https://api.internal\n  ${snake(k)}: ${t}\n  timeout: 30\n`] },
  json: { render: (k, t) => ["config/default.json", `{\n  "service": {\n    "region": "eu-west-1",\n    "${camel(k)}": "${t}"\n  }\n}\n`] },
  toml: { render: (k, t) => ["config.toml", `[service]\nregion = "eu-west-1"\n${snake(k)} = "${t}"\n`] },
  ini: { render: (k, t) => ["settings.ini", `[service]\nhost = api.internal\n${snake(k)} = ${t}\n`] },
  python: { render: (k, t) => ["app/settings.py", `import os\n\nDEBUG = False\n${screaming(k)} = "${t}"\n`] },
  javascript: { render: (k, t) => ["src/client.js", `const client = createClient({\n  ${camel(k)}: "${t}",\n  retries: 3,\n});\n`] },
  typescript: { render: (k, t) => ["src/config.ts", `export const ${camel(k)}: string = '${t}';\n`] },
  go: { render: (k, t) => ["cmd/server/main.go", `package main\n\nfunc main() {\n\t${camel(k)} := "${t}"\n\trun(${camel(k)})\n}\n`] },
  java: { render: (k, t) => ["src/main/java/com/acme/Client.java", `public class Client {\n    private static final String ${screaming(k)} = "${t}";\n}\n`] },
  csharp: { render: (k, t) => ["Services/ApiClient.cs", `public class ApiClient\n{\n    private const string ${pascal(k)} = "${t}";\n}\n`] },
  ruby: { render: (k, t) => ["config/initializers/service.rb", `Service.configure do |config|\n  config.${snake(k)} = '${t}'\nend\n`] },
  php: { render: (k, t) => ["config/services.php", `<?php\nreturn [\n    '${snake(k)}' => '${t}',\n];\n`] },
  kotlin: { render: (k, t) => ["app/src/main/kotlin/Client.kt", `object Config {\n    val ${camel(k)} = "${t}"\n}\n`] },
  rust: { render: (k, t) => ["src/main.rs", `const ${screaming(k)}: &str = "${t}";\n\nfn main() {}\n`] },
  terraform: { render: (k, t) => ["infra/main.tf", `variable "${snake(k)}" {\n  type    = string\n  default = "${t}"\n}\n`] },
  dockerfile: { env: true, render: (k, t) => ["Dockerfile", `FROM node:20-alpine\nENV ${screaming(k)}=${t}\nCMD ["node", "server.js"]\n`] },
  k8sSecret: {
    render: (k, t) => ["deploy/k8s/secret.yaml", `apiVersion: v1\nkind: Secret\nmetadata:\n  name: service-credentials\ntype: Opaque\nstringData:\n  ${kebab(k)}: "${t}"\n`],
  },
  actions: {
    env: true,
    render: (k, t) => [".github/workflows/deploy.yml", `name: deploy\non: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      ${screaming(k)}: ${t}\n    steps:\n      - run: ./deploy.sh\n`],
  },
  compose: { env: true, render: (k, t) => ["docker-compose.yml", `services:\n  app:\n    image: acme/app\n    environment:\n      - ${screaming(k)}=${t}\n`] },
  xml: { render: (k, t) => ["Web.config", `<configuration>\n  <appSettings>\n    <add key="${pascal(k)}" value="${t}" />\n  </appSettings>\n</configuration>\n`] },
  properties: { render: (k, t) => ["src/main/resources/application.properties", `server.port=8080\n${dotted(k)}=${t}\n`] },
  query: { render: (k, t) => ["scripts/fetch.sh", `curl -s "https://api.example.com/v1/items?${snake(k)}=${t}&limit=10"\n`] },
  cli: { render: (k, t) => ["Makefile", `deploy:\n\t./bin/tool --${kebab(k)} ${t} --region eu-west-1\n`] },
};

/** Where the random part starts: after the last separator among the first 16 characters. */
function prefixLength(token) {
  const head = token.slice(0, 16);
  const i = Math.max(head.lastIndexOf("_"), head.lastIndexOf("-"), head.lastIndexOf("."));
  return i >= 0 ? i + 1 : 0;
}

/** The same character classes at random: same shape, another value. */
function reshape(r, s) {
  return s.replace(/[0-9]/g, () => r.digits(1)).replace(/[a-z]/g, () => r.from(LOWER, 1)).replace(/[A-Z]/g, () => r.from(UPPER, 1));
}

/** Negatives for one entry: `[path, text]` pairs, no credential in any. */
function negatives(entry, r) {
  const key = entry.keys[0];
  const t = entry.make(r);
  const p = prefixLength(t);
  const body = t.slice(p);
  const placeholder = t.slice(0, p) + body.replace(/[A-Za-z0-9]/g, "x");
  const bare = reshape(r, body).replace(/[^A-Za-z0-9]/g, "");
  return [
    [".env.example", `${screaming(key)}=<your-${kebab(key)}>\n`],
    ["scripts/deploy.sh", `export ${screaming(key)}="\${${screaming(key)}}"\n`],
    ["config/settings.yml", `service:\n  ${snake(key)}: changeme\n`],
    ["config/default.json", `{"${camel(key)}": "REPLACE_WITH_YOUR_${screaming(key)}"}\n`],
    [".github/workflows/ci.yml", `env:\n  ${screaming(key)}: \${{ secrets.${screaming(key)} }}\n`],
    ["docs/setup.md", `Set \`${screaming(key)}\` to the value shown once in the dashboard, e.g. \`${placeholder}\`.\n`],
    ["src/config.ts", `const ${camel(key)} = process.env.${screaming(key)} ?? "";\n`],
    // A token cut to its prefix and a few characters, as a log line or a doc shows it.
    ["src/log.js", `logger.info("using ${kebab(key)} ${t.slice(0, Math.min(t.length, p + 4))}…");\n`],
    // The token's shape without its prefix, where nothing is a credential.
    ["build/manifest.json", `{"buildId": "${bare.slice(0, 64)}", "files": 12}\n`],
    ["src/styles.css", `.c-${bare.slice(0, 24).toLowerCase()} { display: none; }\n`],
  ];
}

const SYNTAX_LIST = Object.entries(SYNTAXES);

/**
 * `{ text, path, expectedProvider, format }` for every syntax of every format, then its
 * negatives (expectedProvider null). `variants` draws per syntax (default 1).
 */
export function* providerSamples({ variants = 1 } = {}) {
  for (const entry of FORMATS) {
    const r = rng(fnv(`${entry.provider}/${entry.ruleId}`));
    const codeKeys = entry.keys.length > 1 ? entry.keys.slice(1) : entry.keys;
    for (let v = 0; v < variants; v++) {
      if (entry.files) {
        for (const [path, text] of entry.files(entry.make(r))) yield { text, path, expectedProvider: entry.provider, format: entry.ruleId, syntax: "own" };
        continue;
      }
      for (let i = 0; i < SYNTAX_LIST.length; i++) {
        const [name, syntax] = SYNTAX_LIST[i];
        const key = syntax.env ? entry.keys[0] : codeKeys[(i + v) % codeKeys.length];
        const [path, text] = syntax.render(key, entry.make(r));
        yield { text, path, expectedProvider: entry.provider, format: entry.ruleId, syntax: name };
      }
    }
    for (const [path, text] of negatives(entry, r)) yield { text, path, expectedProvider: null, format: entry.ruleId, syntax: "negative" };
  }
}

export default providerSamples;
