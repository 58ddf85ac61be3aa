/**
 * Slack: bot, user, app-level, configuration and legacy tokens (all "xox?-" shapes), and
 * incoming / workflow webhook URLs. Token prefixes are case-sensitive in practice.
 */
import type { Rule } from "../types.js";
import { assignment, providerName } from "./saas.js";

export const rules: readonly Rule[] = [
  {
    id: "slack-bot-token",
    provider: "Slack",
    description: "Slack bot token (xoxb-<team>-<bot>-<secret>)",
    keywords: ["xoxb-"],
    prefixes: ["xoxb-"],
    pattern: /\b(xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24,34})(?![A-Za-z0-9-])/,
    entropy: 3,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ['SLACK_BOT_TOKEN="xoxb-211179007246-3910328671937-Bycv3XfDXljFCcYt6q1LzSUT"', "token: xoxb-7178254473975-6641360032667-qKaxZ08xsbY40o4NUzQRk6kN"], // keyward:allow
      noMatch: ["SLACK_BOT_TOKEN=xoxb-xxxxxxxxxxxx-xxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx", "xoxb-987-qwe12", "export TOKEN=xoxb-your-bot-token-here"], // keyward:allow
    },
  },
  {
    id: "slack-legacy-bot-token",
    provider: "Slack",
    description: "Slack legacy bot token (xoxb-<id>-<secret>)",
    keywords: ["xoxb-"],
    prefixes: ["xoxb-"],
    // One numeric id then the secret; the three-part shape above is a different rule.
    pattern: /\b(xoxb-[0-9]{8,14}-[A-Za-z0-9]{18,32})(?![A-Za-z0-9-])/,
    entropy: 3,
    validate: (s) => /[A-Za-z]/.test(s.slice(s.lastIndexOf("-") + 1)),
    severity: "critical",
    confidence: "high",
    examples: {
      match: ['"bot_token": "xoxb-764965530796-xAY7a0fwul17T4VSlxfF0Kyd"'], // keyward:allow
      noMatch: ["bot: xoxb-000000000000-xxxxxxxxxxxxxxxxxxxxxxxx", "xoxb-BOT_TOKEN_GOES_HERE", "xoxb-qwerty-uiop"], // keyward:allow
    },
  },
  {
    id: "slack-user-token",
    provider: "Slack",
    description: "Slack user token (xoxp-), or a file access token of the same shape (xoxe-)",
    keywords: ["xoxp-", "xoxe-"],
    prefixes: ["xoxp-", "xoxe-"],
    // The last part runs from the short hex of early legacy tokens to today's 32.
    pattern: /\b(xox[pe]-[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9]{10,64})(?![A-Za-z0-9-])/,
    validate: (s) => /[0-9]/.test(s.slice(s.lastIndexOf("-") + 1)) && /[a-zA-Z]/.test(s.slice(s.lastIndexOf("-") + 1)),
    entropy: 3,
    severity: "critical",
    confidence: "high",
    examples: {
      match: [
        'SLACK_USER_TOKEN="xoxp-98327098804-80938925268-637196193956-8213f49544a0f0bfbf07798586fba11a"', // keyward:allow
        "https://files.slack.com/files-pri/T04-F04/image.png?t=xoxe-4323024218426-9325553122313-1603773534924-1e91c609b701b2c930b81eefe2169b76", // keyward:allow
      ],
      noMatch: [
        'user_token = "xoxp-9876543210"', // keyward:allow
        '"t": "xoxp-4321-8765-2109-8f14e45fceea167a5a36dedd4bea2543"', // keyward:allow
        'token = "xoxp-618273645501-712398456623-623145987702-????????????????????????????????"', // keyward:allow
      ],
    },
  },
  {
    id: "slack-app-token",
    provider: "Slack",
    description: "Slack app-level token (xapp-)",
    keywords: ["xapp-"],
    prefixes: ["xapp-"],
    // xapp-<version>-<app id>-<number>-<secret>: the secret's length and alphabet vary.
    pattern: /\b(xapp-[0-9]-[A-Z0-9]{6,16}-[0-9]{6,16}-[A-Za-z0-9]{20,80})(?![A-Za-z0-9-])/,
    entropy: 3,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["SLACK_APP_TOKEN=xapp-1-AMCWW6N48TX-1258047393665-2e267d67b07ba5458cf90f769a64ba7dcafc97c5876de6e6ff6a5deee6db7830"], // keyward:allow
      noMatch: ["xapp-1-XXXXXXXXXXX-0000000000000-xxxxxxxx", "xapp-1-AMCWW6N48TX-1258047393665"], // keyward:allow
    },
  },
  {
    id: "slack-config-access-token",
    provider: "Slack",
    description: "Slack app configuration access token (xoxe.xoxp- / xoxe.xoxb-)",
    keywords: ["xoxe.xox"],
    prefixes: ["xoxe.xoxp-", "xoxe.xoxb-"],
    pattern: /\b(xoxe\.xox[bp]-[0-9]-[A-Za-z0-9]{140,190})(?![A-Za-z0-9])/,
    entropy: 4,
    severity: "critical",
    confidence: "high",
    examples: {
      match: [
        "accessToken=xoxe.xoxp-1-pNvLeAzpUFd6rXtwv6wnDHxFJkqGFU97nhXASeFcXbU76ULSpxDCKoFQ2KkcTE4Yt7drQZTvHmzpxVyz8pLTiFNf28mVVLAvO71haJEuQIRcv3433OBUlSrHbvLEo0aEyIFyigRyIznX3AOVnoYL7dMBBIADItGogTD", // keyward:allow
        '"t": "xoxe.xoxb-1-2FaJx2Tr1dQvviUlYznvnF3Bmtp2DooyVFcuFgxDLyUGYdMvWl6hljflKD1igAbJyqTfBkKChB1UxfxrIKlBvsjbzDBYEmISGMkwgZRJVv8GiFBurzJtl8185Am2yheBgOeHXbHJ7o4xleSCS6hxYSQx6dcfXimUNBH"', // keyward:allow
      ],
      noMatch: ["xoxe.xoxp-1-PASTE_YOUR_CONFIG_TOKEN_HERE", "xoxe.xoxp-1-TOKEN", "xoxe.xoxb-1-abc"], // keyward:allow
    },
  },
  {
    id: "slack-config-refresh-token",
    provider: "Slack",
    description: "Slack app configuration refresh token (xoxe-1-)",
    keywords: ["xoxe-"],
    prefixes: ["xoxe-"],
    pattern: /\b(xoxe-[0-9]-[A-Za-z0-9]{130,170})(?![A-Za-z0-9])/,
    entropy: 4,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ['refresh_token: "xoxe-1-jQDXHccMonpwClOk96fvxU4IxjG531OD3rElxyNxuM6sCd6yJYoKOGZzjVcfAPB7iGnXVX2caU2aGVggQswvZyYojUgeE0qzlspnxNc27mSfQ2JONBvfabnCbpVYs23FksNVvHEKSSR3KniyMW"'], // keyward:allow
      noMatch: ["xoxe-1-abc", "Xoxe-Gossip, chapter 4, 20190511"], // keyward:allow
    },
  },
  {
    id: "slack-legacy-workspace-token",
    provider: "Slack",
    description: "Slack legacy workspace app token (xoxa-), or a short refresh token (xoxr-)",
    keywords: ["xoxa-", "xoxr-"],
    prefixes: ["xoxa-", "xoxr-"],
    // Long form with three numeric ids, or the short xoxa-2-<secret> / xoxr- form.
    pattern: /\b(xoxa-[0-9]-[0-9]{6,14}-[0-9]{6,14}-[0-9]{6,14}-[a-fA-F0-9]{10,64}|xox[ar]-(?:[0-9]-)?[A-Za-z0-9]{16,48})(?![A-Za-z0-9-])/,
    // The numeric ids can be repetitive; judge randomness on the secret tail alone.
    validate: (s) => {
      const tail = s.slice(s.lastIndexOf("-") + 1);
      return new Set(tail).size >= 6 && /[0-9]/.test(tail) && /[a-zA-Z]/.test(tail);
    },
    severity: "critical",
    confidence: "high",
    examples: {
      match: ['"access_token": "xoxa-2-145026859-63413946040-1631134730263-3702d07254e1c236da26694207bc3cfd"'], // keyward:allow
      noMatch: ["https://example.org/xoxa-band/xoxa-band.github.io", "xoxa-2-1-2-3-abc"], // keyward:allow
    },
  },
  {
    id: "slack-legacy-token",
    provider: "Slack",
    description: "Slack legacy token (xoxs-, xoxo-, xoxr-)",
    keywords: ["xoxs-", "xoxo-", "xoxr-"],
    prefixes: ["xoxs-", "xoxo-", "xoxr-"],
    pattern: /\b(xox[osr]-[0-9]{5,14}-[0-9]{5,14}-[0-9]{5,14}-[a-fA-F0-9]{10,64})(?![A-Za-z0-9-])/,
    entropy: 3,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ['slack_token: "xoxs-357743126408-198405947623-557488003934-05fb69be3f"', "xoxo-9975921784-9766146787-4924804931-227439534fd022772f"], // keyward:allow
      noMatch: ["https://cdn.example.org/2019-07-xoxo-festival-3.jpg", "K-POP-XOXO-poster-12345678-640-480.png"], // keyward:allow
    },
  },
  {
    id: "slack-webhook-url",
    provider: "Slack",
    description: "Slack incoming webhook URL",
    keywords: ["hooks.slack.com"],
    prefixes: ["https://hooks.slack.com/services/"],
    pattern: /\b(https?:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,12}\/[A-Za-z0-9]{20,32})(?![A-Za-z0-9])/,
    entropy: 3,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["SLACK_WEBHOOK=https://hooks.slack.com/services/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"], // keyward:allow
      noMatch: ["https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", "https://hooks.slack.com/services/"], // keyward:allow
    },
  },
  {
    id: "slack-workflow-webhook-url",
    provider: "Slack",
    description: "Slack Workflow Builder webhook trigger URL",
    keywords: ["hooks.slack.com"],
    prefixes: ["https://hooks.slack.com/workflows/", "https://hooks.slack.com/triggers/"],
    pattern:
      /\b(https?:\/\/hooks\.slack\.com\/(?:workflows\/T[A-Z0-9]{6,12}\/A[A-Z0-9]{6,12}\/[0-9]{8,20}|triggers\/T[A-Z0-9]{6,12}\/[0-9]{8,20})\/[A-Za-z0-9]{20,40})(?![A-Za-z0-9])/,
    entropy: 3,
    severity: "medium",
    confidence: "high",
    examples: {
      match: [
        "https://hooks.slack.com/workflows/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", // keyward:allow
        "curl -X POST https://hooks.slack.com/triggers/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", // keyward:allow
      ],
      noMatch: ["https://hooks.slack.com/workflows/T00000000/A00000000/0000000000/XXXXXXXXXXXXXXXXXXXXXXXX", "https://hooks.slack.com/triggers/"], // keyward:allow
    },
  },
  {
    id: "slack-signing-secret",
    provider: "Slack",
    description: "Slack app signing secret or client secret (32 hex) next to a Slack name",
    keywords: ["slack"],
    pattern: assignment(providerName("slack"), String.raw`[a-f0-9]{32}(?![\w-])`, ["signing", "secret"]),
    entropy: 3,
    severity: "high",
    confidence: "medium",
    examples: {
      match: ["SLACK_SIGNING_SECRET=69cae840aac6f4a5627661b13fea4972", 'slackClientSecret: "69cae840aac6f4a5627661b13fea4972",'], // keyward:allow
      noMatch: ["SLACK_CLIENT_ID=69cae840aac6f4a5627661b13fea4972", "SLACK_SIGNING_SECRET=${SLACK_SIGNING_SECRET}"], // keyward:allow
    },
  },
];
