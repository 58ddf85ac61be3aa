/**
 * Package registries: npm, PyPI, Docker Hub, NuGet, RubyGems, Clojars, crates.io, JFrog
 * Artifactory and the Gradle Plugin Portal. A leaked publish token is a supply-chain compromise
 * waiting to happen, so these are critical.
 */
import { hasValidCrc32Suffix } from "../checksums.js";
import type { Rule } from "../types.js";
import { assignment, providerName } from "./saas.js";

/** Artifactory reference tokens are base64 of "reftkn:01:<expiry>:<random>". */
function artifactoryReference(token: string): boolean {
  return /^reftkn:01:[0-9]{10}:[A-Za-z0-9]{10,}$/.test(Buffer.from(token, "base64").toString("latin1"));
}

export const rules: readonly Rule[] = [
  {
    id: "npm-access-token",
    provider: "npm",
    description: "npm access token (npm_, CRC32-checksummed)",
    keywords: ["npm_"],
    prefixes: ["npm_"],
    // npm_ + 30 random base62 + 6-character base62 CRC32 of the random part, as GitHub's.
    pattern: /\b(npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_-])/,
    validate: (t) => hasValidCrc32Suffix(t, 4),
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["//registry.npmjs.org/:_authToken=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", 'NPM_TOKEN="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"'], // keyward:allow
      noMatch: ["NPM_TOKEN=npm_dLmZCrO9N76zsEttdHUQKR0VsJ1j0u2y2l7W", "npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"], // keyward:allow
    },
  },
  {
    id: "pypi-upload-token",
    provider: "PyPI",
    description: "PyPI (or TestPyPI) API token (pypi-AgEIcHlwaS5vcmc…)",
    keywords: ["pypi-ageichlwas5vcmc", "pypi-agendgvzdc5wexbplm9yzw"],
    prefixes: ["pypi-"],
    // A macaroon whose first caveat names the index: base64 of "\x02\x01\x08pypi.org" or of
    // "\x02\x01\x0dtest.pypi.org".
    pattern: /\b(pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000})(?![A-Za-z0-9_-])/,
    entropy: 4,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["password = pypi-AgEIcHlwaS5vcmc9UdR5oqqv4VM1M434_Tx4BKKpXvvDILOE2DQ7pNt4cSZQyEWz9VXVN9HttK7NqWsN7kojz"], // keyward:allow
      noMatch: ["password = pypi-AgEIcHlwaS5vcmcxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "pypi-AgEIcHlwaS5vcmc"], // keyward:allow
    },
  },
  {
    id: "dockerhub-personal-access-token",
    provider: "Docker Hub",
    description: "Docker Hub personal access token (dckr_pat_)",
    keywords: ["dckr_pat_"],
    prefixes: ["dckr_pat_"],
    pattern: /\b(dckr_pat_[A-Za-z0-9_-]{24,40})(?![A-Za-z0-9_-])/,
    entropy: 3.8,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["echo dckr_pat_TVE5T9_o2bMe8cKeCStf6rzvhy1 | docker login -u me --password-stdin"], // keyward:allow
      noMatch: ["DOCKERHUB_TOKEN=dckr_pat_xxxxxxxxxxxxxxxxxxxxxxxxxxx", "dckr_pat_short"], // keyward:allow
    },
  },
  {
    id: "dockerhub-organization-access-token",
    provider: "Docker Hub",
    description: "Docker Hub organization access token (dckr_oat_)",
    keywords: ["dckr_oat_"],
    prefixes: ["dckr_oat_"],
    pattern: /\b(dckr_oat_[A-Za-z0-9_-]{24,40})(?![A-Za-z0-9_-])/,
    entropy: 3.8,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["DOCKER_ORG_TOKEN=dckr_oat_Svf64IrOcbJplFDzabN6l7JwdHbXhpow"], // keyward:allow
      noMatch: ["DOCKER_ORG_TOKEN=dckr_oat_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "dckr_oat_"], // keyward:allow
    },
  },
  {
    id: "nuget-api-key",
    provider: "NuGet",
    description: "NuGet.org API key (oy2 + 43 lower-case characters)",
    keywords: ["oy2"],
    prefixes: ["oy2"],
    pattern: /\b(oy2[a-z0-9]{43})\b/,
    entropy: 3.8,
    validate: (s) => /[0-9]/.test(s.slice(3)) && /[a-z]/.test(s.slice(3)),
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["dotnet nuget push pkg.nupkg --api-key oy25tfpa5jdo44g90mw6xhzhq3r62rysa7w8sn00j9ryhu --source https://api.nuget.org/v3/index.json"], // keyward:allow
      noMatch: ["oy2xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "oy25tfpa5jdo44g90mw6xhzhq3r62rysa7w8sn00j9ryhuEXTRA"], // keyward:allow
    },
  },
  {
    id: "rubygems-api-key",
    provider: "RubyGems",
    description: "RubyGems.org API key (rubygems_ + 48 hex)",
    keywords: ["rubygems_"],
    prefixes: ["rubygems_"],
    pattern: /\b(rubygems_[a-f0-9]{48})(?![A-Za-z0-9_-])/,
    entropy: 3.3,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["GEM_HOST_API_KEY=rubygems_e07c1a8ca2b4ccebc541ed4ab5be904fadb228bc38ef33fb"], // keyward:allow
      noMatch: ["rubygems_000000000000000000000000000000000000000000000000", "rubygems_version"], // keyward:allow
    },
  },
  {
    id: "clojars-api-token",
    provider: "Clojars",
    description: "Clojars deploy token (CLOJARS_ + 60)",
    keywords: ["clojars_"],
    prefixes: ["CLOJARS_"],
    pattern: /\b(CLOJARS_[a-z0-9]{60})(?![A-Za-z0-9_-])/,
    entropy: 3.8,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["CLOJARS_PASSWORD=CLOJARS_60oz56bop0w6m9ww51fe5s17z2najrpw47kn7qchfa4ly0oa3mloqflvgwia"], // keyward:allow
      noMatch: ["CLOJARS_USERNAME=someone", "CLOJARS_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"], // keyward:allow
    },
  },
  {
    id: "crates-io-api-token",
    provider: "crates.io",
    description: "crates.io API token (cio + 32)",
    keywords: ["cio"],
    prefixes: ["cio"],
    pattern: /\b(cio[A-Za-z0-9]{32})\b/,
    entropy: 4,
    validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s.slice(3)) && /[0-9]/.test(s),
    severity: "critical",
    confidence: "medium",
    examples: {
      match: ["CARGO_REGISTRY_TOKEN=cioGSh05Cnnkbkx65b77KLfonYS9g4Kj8w0", '[registry]\ntoken = "cioGSh05Cnnkbkx65b77KLfonYS9g4Kj8w0"'], // keyward:allow
      noMatch: ["San Francisco", "cioxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "ciocontrollerconfigurationsettings"], // keyward:allow
    },
  },
  {
    id: "artifactory-api-key",
    provider: "JFrog",
    description: "JFrog Artifactory API key (AKCp + 69)",
    keywords: ["akcp"],
    prefixes: ["AKCp"],
    pattern: /(?<![A-Za-z0-9])(AKCp[A-Za-z0-9]{69})(?![A-Za-z0-9])/,
    entropy: 4,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["ARTIFACTORY_API_KEY=AKCpsu2ujjb0Bo1PaCwVhZTChfXDLDgdluujxWLM173Zs0wt4LucNmuIjGKdgSOAcEsAxf6gn"], // keyward:allow
      noMatch: ["key: AKCpXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "AKCpsu2ujjb0Bo1PaCwVh"], // keyward:allow
    },
  },
  {
    id: "artifactory-reference-token",
    provider: "JFrog",
    description: "JFrog Artifactory reference token (base64 of reftkn:01:…)",
    keywords: ["cmvmdgtuojaxoj"],
    prefixes: ["cmVmdGtu"],
    pattern: /(?<![A-Za-z0-9+/])(cmVmdGtuOjAxOj[A-Za-z0-9+/]{50}={0,2})(?![A-Za-z0-9+/=])/,
    entropy: 4,
    validate: artifactoryReference,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["ARTIFACTORY_ACCESS_TOKEN=cmVmdGtuOjAxOjE3MDQzOTQwNTE6aWV3RUljbzRaMWJMYTZ6SFM3Mk5lQzlDaHdW"], // keyward:allow
      noMatch: ["token: cmVmdGtuOjAxOjXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "cmVmdGtuOjAxOjE3MDQzOTQwNTE6aWV3RUljbzRa"], // keyward:allow
    },
  },
  {
    id: "gradle-plugin-portal-key",
    provider: "Gradle",
    description: "Gradle Plugin Portal publishing key or secret (gradle.publish.key / .secret)",
    keywords: ["gradle.publish", "gradle_publish", "gradle-publish", "gradlepublish"],
    // gradle.properties spells it gradle.publish.key; CI settings and code as GRADLE_PUBLISH_KEY,
    // gradlePublishKey, gradle-publish-key: every spelling, in every assignment shape.
    pattern: assignment(providerName("gradle.publish", "gradle_publish", "gradle-publish", "gradlePublish"), String.raw`[A-Za-z0-9]{32}(?![A-Za-z0-9])`, ["key", "secret"]),
    entropy: 3.8,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["gradle.publish.secret=hmuaARnQGnqyRsnK8OuPfN5UoNqjI68y", "GRADLE_PUBLISH_KEY: hmuaARnQGnqyRsnK8OuPfN5UoNqjI68y"], // keyward:allow
      noMatch: ["gradle.publish.key=${GRADLE_PUBLISH_KEY}", "gradle.publish.secret=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"], // keyward:allow
    },
  },
];
