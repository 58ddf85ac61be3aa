/**
 * GitLab: every token type carries a documented prefix. Most are 20 base64url characters after
 * the prefix; "routable" tokens (GitLab 17.x+) carry a base64url payload, a dot, an optional
 * two-character version and dot, then two length characters and a seven-character CRC32.
 */
import type { Rule } from "../types.js";

/** Routable token body: payload "." [version "."] length(2) crc32(7). */
const ROUTABLE = String.raw`[\w-]{27,300}\.(?:[0-9a-z]{2}\.)?[0-9a-z]{9}`;

/** `prefix` then one of the bodies, standing alone (not the start of a longer identifier). */
function prefixed(prefix: string, ...bodies: string[]): RegExp {
  return new RegExp(String.raw`\b(${prefix}(?:${bodies.join("|")}))(?![\w-])`);
}

/** The random part must not be a run of a few repeated characters ("12312312312312312312"). */
function randomTail(prefixLength: number): (token: string) => boolean {
  return (token) => new Set(token.slice(prefixLength)).size >= 8;
}

export const rules: readonly Rule[] = [
  {
    id: "gitlab-pat",
    provider: "GitLab",
    description: "GitLab personal, project or group access token (classic or routable)",
    keywords: ["glpat-"],
    prefixes: ["glpat-"],
    pattern: prefixed("glpat-", ROUTABLE, String.raw`[\w-]{20}`),
    entropy: 3.5,
    validate: randomTail(6),
    severity: "critical",
    confidence: "high",
    examples: {
      match: [
        "GITLAB_TOKEN=glpat-UNkUXx6C3lIRN7CEd-Lp", // keyward:allow
        "git clone https://oauth2:glpat-MUkcaZzE1gJTuAP1Y4myhd3FvMI-_WzphBaDmK.01.3b0pzgmqu@gitlab.com/acme/app.git", // keyward:allow
        'token: "glpat-zCDulyvw6PPENRktYJSCrZJLZHjL47D.sdwkbv5jp"', // keyward:allow
      ],
      noMatch: [
        "glpat-XXXXXXXXXXX-XXXXXXXX",
        "glpat-xxxxxxxx-xxxxxxxxxxxxxxxxxx.xxxxxxxxx",
        // 21 characters: not a token of any GitLab shape.
        "GITLAB_TOKEN=glpat-UNkUXx6C3lIRN7CEd-Lpq", // keyward:allow
      ],
    },
  },
  {
    id: "gitlab-pipeline-trigger-token",
    provider: "GitLab",
    description: "GitLab pipeline trigger token",
    keywords: ["glptt-"],
    prefixes: ["glptt-"],
    pattern: prefixed("glptt-", ROUTABLE, "[0-9a-f]{40}"),
    entropy: 3.5,
    validate: randomTail(6),
    severity: "high",
    confidence: "high",
    examples: {
      match: ["curl -X POST -F token=glptt-34a8d78848884ea32d7d5d7a6097ec0a4613feb1 -F ref=main https://gitlab.com/api/v4/projects/1/trigger/pipeline"], // keyward:allow
      noMatch: ["token=glptt-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
    },
  },
  {
    id: "gitlab-deploy-token",
    provider: "GitLab",
    description: "GitLab deploy token",
    keywords: ["gldt-"],
    prefixes: ["gldt-"],
    pattern: prefixed("gldt-", ROUTABLE, String.raw`[\w-]{20}`),
    entropy: 3.5,
    validate: randomTail(5),
    severity: "high",
    confidence: "high",
    examples: {
      match: ["docker login -u gitlab+deploy-token-1 -p gldt-i4C-6hyU_4Vi3jyUg5_X registry.gitlab.com"], // keyward:allow
      noMatch: ["-p gldt-xxxxxxxxxxxxxxxxxxxx"],
    },
  },
  {
    id: "gitlab-runner-token",
    provider: "GitLab",
    description: "GitLab runner authentication token (classic or routable)",
    keywords: ["glrt-", "glrtr-"],
    prefixes: ["glrt-", "glrtr-"],
    pattern: prefixed("glrtr?-", ROUTABLE, String.raw`[\w-]{20}`),
    entropy: 3.5,
    validate: (t) => randomTail(t.startsWith("glrtr-") ? 6 : 5)(t),
    severity: "high",
    confidence: "high",
    examples: {
      match: [
        'token = "glrt-UyNbWA5ZTdL86iB2EHO9"', // keyward:allow
        "gitlab-runner register --token glrt-t1_ziARyj-YLAWvyPa3AfVRDloO1hd.rijlnj6wc", // keyward:allow
      ],
      noMatch: ["glrt-tx_xxxxxxxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxx", 'token = "glrt-REPLACE_ME_WITH_TOKEN"'],
    },
  },
  {
    id: "gitlab-runner-registration-token",
    provider: "GitLab",
    description: "GitLab runner registration token (deprecated registration workflow)",
    keywords: ["gr1348941"],
    prefixes: ["GR1348941"],
    pattern: prefixed("GR1348941", String.raw`[\w-]{20}`),
    entropy: 3.5,
    validate: randomTail(9),
    severity: "high",
    confidence: "high",
    examples: {
      match: ["--registration-token GR1348941Ydaw3jdgTx66HET6-e-H"], // keyward:allow
      noMatch: ["--registration-token GR134894112312312312312312312", "GR1348941XXXXXXXXXXXXXXXXXXXX"], // keyward:allow
    },
  },
  {
    id: "gitlab-scim-token",
    provider: "GitLab",
    description: "GitLab SCIM OAuth access token",
    keywords: ["glsoat-"],
    prefixes: ["glsoat-"],
    pattern: prefixed("glsoat-", String.raw`[\w-]{20}`),
    entropy: 3.5,
    validate: randomTail(7),
    severity: "high",
    confidence: "high",
    examples: {
      match: ["SCIM_TOKEN=glsoat-8LSczIwtflWr7I_h9quf"], // keyward:allow
      noMatch: ["SCIM_TOKEN=glsoat-xxxxxxxxxxxxxxxxxxxx"],
    },
  },
  {
    id: "gitlab-ci-job-token",
    provider: "GitLab",
    description: "GitLab CI/CD job token (CI_JOB_TOKEN)",
    keywords: ["glcbt-"],
    prefixes: ["glcbt-"],
    // Partition-prefixed ("glcbt-64_<20>"), JWT-shaped, or routable.
    pattern: prefixed(
      "glcbt-",
      String.raw`[0-9a-f]{1,5}_[\w-]{20}`,
      String.raw`eyJ[\w-]{10,1000}\.eyJ[\w-]{10,2000}\.[\w-]{20,1000}`,
      ROUTABLE,
    ),
    entropy: 3.5,
    validate: randomTail(6),
    severity: "medium",
    confidence: "high",
    examples: {
      match: ["curl --header \"JOB-TOKEN: glcbt-64_GGUpi_fvxs8o0LpPdlFr\" https://gitlab.com/api/v4/jobs"], // keyward:allow
      noMatch: ["Uploading artifacts ... token=glcbt-64", "glcbt-64_xxxxxxxxxxxxxxxxxxxx"],
    },
  },
  {
    id: "gitlab-feature-flag-client-token",
    provider: "GitLab",
    description: "GitLab feature flags (Unleash) client token",
    keywords: ["glffct-"],
    prefixes: ["glffct-"],
    pattern: prefixed("glffct-", String.raw`[\w-]{20}`),
    entropy: 3.5,
    validate: randomTail(7),
    severity: "medium",
    confidence: "high",
    examples: {
      match: ['instanceId: "glffct-Avd1AGTDj55iRW6zxPdr"'], // keyward:allow
      noMatch: ['instanceId: "glffct-xxxxxxxxxxxxxxxxxxxx"'],
    },
  },
  {
    id: "gitlab-incoming-mail-token",
    provider: "GitLab",
    description: "GitLab incoming email token",
    keywords: ["glimt-"],
    prefixes: ["glimt-"],
    pattern: prefixed("glimt-", String.raw`[\w-]{25}`),
    entropy: 3.5,
    validate: randomTail(6),
    severity: "medium",
    confidence: "high",
    examples: {
      match: ["reply+glimt-1zBgLBN85lUDzO2YROoWRWDD5@incoming.gitlab.com"], // keyward:allow
      noMatch: ["reply+glimt-xxxxxxxxxxxxxxxxxxxxxxxxx@incoming.gitlab.com"],
    },
  },
  {
    id: "gitlab-oauth-app-secret",
    provider: "GitLab",
    description: "GitLab OAuth application secret",
    keywords: ["gloas-"],
    prefixes: ["gloas-"],
    pattern: prefixed("gloas-", String.raw`[\w-]{64}`),
    entropy: 3.5,
    validate: randomTail(6),
    severity: "high",
    confidence: "high",
    examples: {
      match: ["GITLAB_OAUTH_SECRET=gloas-fcd7d2ab50cad097568c499e2fe4311261f1bd800c3b51aa1793122bfc93af2f"], // keyward:allow
      noMatch: ["GITLAB_OAUTH_SECRET=gloas-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
    },
  },
  {
    id: "gitlab-agent-token",
    provider: "GitLab",
    description: "GitLab agent for Kubernetes token",
    keywords: ["glagent-"],
    prefixes: ["glagent-"],
    pattern: prefixed("glagent-", String.raw`[\w-]{50}`),
    entropy: 3.5,
    validate: randomTail(8),
    severity: "high",
    confidence: "high",
    examples: {
      match: ["helm upgrade --install agent gitlab/gitlab-agent --set config.token=glagent-Jh3jsXE6KRyPu613nk_hQI52vw6iWsKmxTF_QkrKt9UuxSOFPp"], // keyward:allow
      noMatch: ["--set config.token=glagent-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
    },
  },
  {
    id: "gitlab-feed-token",
    provider: "GitLab",
    description: "GitLab feed token (RSS/calendar feeds)",
    keywords: ["glft-"],
    prefixes: ["glft-"],
    pattern: prefixed("glft-", String.raw`[\w-]{20}`),
    entropy: 3.5,
    validate: randomTail(5),
    severity: "low",
    confidence: "high",
    examples: {
      match: ["https://gitlab.com/dashboard/issues.atom?feed_token=glft-6AtyqwW0vx_BJ7ONU4L_"], // keyward:allow
      noMatch: ["?feed_token=glft-xxxxxxxxxxxxxxxxxxxx"],
    },
  },
  {
    id: "gitlab-session-cookie",
    provider: "GitLab",
    description: "GitLab web session cookie",
    keywords: ["_gitlab_session="],
    pattern: /\b_gitlab_session=(?<secret>[0-9a-z]{32})(?![\w-])/,
    entropy: 3.3,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["Cookie: _gitlab_session=0d494b77acf72b0eb2b82690f631f034; path=/"], // keyward:allow
      noMatch: ["Cookie: _gitlab_session=<session>", "_gitlab_session=00000000000000000000000000000000"],
    },
  },
];
