/**
 * Communications: Twilio, SendGrid, Mailgun, Mailchimp, Brevo, Postmark, MessageBird, Vonage,
 * Telegram and Discord. Leaked keys here send mail and messages in the owner's name.
 */
import type { Rule } from "../types.js";
import { assignment, providerName, SECRET_WORDS, UUID } from "./saas.js";

const hasDigit = (s: string): boolean => /[0-9]/.test(s);
const hasLetter = (s: string): boolean => /[A-Za-z]/.test(s);

/** Discord bot tokens open with the base64 of the bot's numeric user id (a snowflake). */
function discordBotToken(token: string): boolean {
  const id = Buffer.from(token.slice(0, token.indexOf(".")), "base64url").toString("latin1");
  return /^[1-9][0-9]{16,19}$/.test(id);
}

export const rules: readonly Rule[] = [
  // ---- Twilio -------------------------------------------------------------------------------
  {
    id: "twilio-api-key",
    provider: "Twilio",
    description: "Twilio API key SID (SK + 32 hex) on a line that names Twilio; its secret is rarely far away",
    keywords: ["twilio"],
    pattern: /\b(SK[0-9a-fA-F]{32})\b/,
    entropy: 3,
    severity: "medium",
    confidence: "medium",
    examples: {
      match: ["TWILIO_API_KEY=SK13285e92da3d95e990021120bb116fde"], // keyward:allow
      noMatch: ["TWILIO_API_KEY=SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "SK13285e92da3d95e990021120bb116fde"], // keyward:allow
    },
  },
  {
    id: "twilio-auth-token",
    provider: "Twilio",
    description: "Twilio account auth token or API key secret (32 characters) next to a Twilio name",
    keywords: ["twilio"],
    pattern: assignment(providerName("twilio"), String.raw`[A-Za-z0-9]{32}(?![\w-])`, ["auth", "token", "secret"]),
    entropy: 3.2,
    validate: (s) => hasDigit(s) && hasLetter(s),
    severity: "critical",
    confidence: "medium",
    examples: {
      match: ["TWILIO_AUTH_TOKEN=00fe3de23ef3d1b97febb8a2017c53b3", 'twilioApiSecret: "0moNd4FLikL78N0CzVlha4TgmNQxDIJp"'], // keyward:allow
      noMatch: ["TWILIO_ACCOUNT_SID=AC96e49c452f31fd9092729e581df9c629", "TWILIO_AUTH_TOKEN=your_auth_token_goes_here_please"], // keyward:allow
    },
  },
  // ---- Email --------------------------------------------------------------------------------
  {
    id: "sendgrid-api-key",
    provider: "SendGrid",
    description: "SendGrid API key (SG.<22>.<43>)",
    keywords: ["sg."],
    prefixes: ["SG."],
    pattern: /(?<![A-Za-z0-9_.-])(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/,
    entropy: 4,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["SENDGRID_API_KEY=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"], // keyward:allow
      noMatch: ["SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "msg.AfO91qbwnZgH2hWEgoUbRP.GlTYjWigNYJdkdMT1uplGwg-zXsxLbm8wXDStBcS2S4"], // keyward:allow
    },
  },
  {
    id: "mailgun-api-key",
    provider: "Mailgun",
    description: "Mailgun legacy private API key (key- + 32 hex)",
    keywords: ["key-"],
    prefixes: ["key-"],
    // Standalone: cache-key-<md5> and friends stay out.
    pattern: /(?<![\w-])(key-[0-9a-f]{32})(?![\w-])/,
    entropy: 3.2,
    severity: "critical",
    confidence: "medium",
    examples: {
      match: ['MAILGUN_API_KEY="key-d5ea2b905a218b169a95b74e0798dca8"', "curl --user 'api:key-d5ea2b905a218b169a95b74e0798dca8'"], // keyward:allow
      noMatch: ["cache-key-d41d8cd98f00b204e9800998ecf8427e", "key-00000000000000000000000000000000"], // keyward:allow
    },
  },
  {
    id: "mailgun-public-key",
    provider: "Mailgun",
    description: "Mailgun public validation key (pubkey- + 32 hex)",
    keywords: ["pubkey-"],
    prefixes: ["pubkey-"],
    pattern: /(?<![\w-])(pubkey-[0-9a-f]{32})(?![\w-])/,
    entropy: 3.2,
    severity: "low",
    confidence: "high",
    examples: {
      match: ["MAILGUN_PUBLIC_KEY=pubkey-e4fb45ca8924150284ff01a853368133"], // keyward:allow
      noMatch: ["pubkey-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "pubkey-e4fb45ca"], // keyward:allow
    },
  },
  {
    id: "mailgun-private-key",
    provider: "Mailgun",
    description: "Mailgun private API key or webhook signing key (hex-hex-hex) on a line that names Mailgun",
    keywords: ["mailgun"],
    pattern: /(?<![\w-])([a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8})(?![\w-])/,
    entropy: 3.2,
    severity: "critical",
    confidence: "medium",
    examples: {
      match: ["MAILGUN_API_KEY=e0fdd565f7133bafb0fcd79b5d07139c-c95460a5-4af6cd73", "mailgun_webhook_signing_key: e0fdd565f7133bafb0fcd79b5d07139c-c95460a5-4af6cd73"], // keyward:allow
      noMatch: ["e0fdd565f7133bafb0fcd79b5d07139c-c95460a5-4af6cd73", "MAILGUN_DOMAIN=mg.example.org"], // keyward:allow
    },
  },
  {
    id: "mailchimp-api-key",
    provider: "Mailchimp",
    description: "Mailchimp API key (32 hex + datacenter suffix -usN)",
    keywords: ["-us"],
    // The Mobile SDK key has the same shape and is meant to ship inside apps.
    pattern: /(?<!initialize\(\s{0,3}token:\s{0,3}["']?)(?<![A-Za-z0-9])([a-f0-9]{32}-us[0-9]{1,2})(?![A-Za-z0-9])/,
    entropy: 3.2,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["mailchimp_api_key: 1d064c3be1be5774a468f4c44d5d0d40-us5", 'MAILCHIMP_KEY = "1d064c3be1be5774a468f4c44d5d0d40-us18"'], // keyward:allow
      noMatch: ['try MailchimpSDK.initialize(token: "1d064c3be1be5774a468f4c44d5d0d40-us5")', "lang=en-us"], // keyward:allow
    },
  },
  {
    id: "brevo-api-key",
    provider: "Brevo",
    description: "Brevo (Sendinblue) API or SMTP key (xkeysib- / xsmtpsib-)",
    keywords: ["xkeysib-", "xsmtpsib-"],
    prefixes: ["xkeysib-", "xsmtpsib-"],
    pattern: /\b(x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16})(?![A-Za-z0-9])/,
    entropy: 3.5,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["BREVO_API_KEY=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"], // keyward:allow
      noMatch: ["xkeysib-xxxxxxxx", "xkeysib-1f4fe8608d0b465d0ed4ed74e26c16a8"], // keyward:allow
    },
  },
  {
    id: "postmark-server-token",
    provider: "Postmark",
    description: "Postmark server or account token (a UUID) next to a Postmark name",
    keywords: ["postmark"],
    pattern: assignment(providerName("postmark"), UUID),
    entropy: 3,
    severity: "high",
    confidence: "medium",
    examples: {
      match: ["X-Postmark-Server-Token: 7ce96361-3643-4b57-a8c2-e802be71a44f", 'POSTMARK_API_TOKEN="7ce96361-3643-4b57-a8c2-e802be71a44f"'], // keyward:allow
      noMatch: ["POSTMARK_MESSAGE_STREAM=outbound", "POSTMARK_TEMPLATE_ID=7ce96361-3643-4b57-a8c2-e802be71a44f"], // keyward:allow
    },
  },
  // ---- SMS and chat -------------------------------------------------------------------------
  {
    id: "messagebird-api-key",
    provider: "MessageBird",
    description: "MessageBird (Bird) access key (25 characters) next to a MessageBird name",
    keywords: ["messagebird", "message_bird"],
    pattern: assignment(providerName("MessageBird", "message_bird"), String.raw`(?:live_|test_)?[A-Za-z0-9]{25}(?![\w-])`),
    entropy: 3.5,
    validate: (s) => hasDigit(s) && hasLetter(s),
    severity: "high",
    confidence: "medium",
    examples: {
      match: ["MESSAGEBIRD_ACCESS_KEY=iVNOw1sjma6X0umWYll6eqRpT", 'messagebirdKey = "iVNOw1sjma6X0umWYll6eqRpT"'], // keyward:allow
      noMatch: ["MESSAGEBIRD_ORIGINATOR=MyCompanyNameIsLongEnough", "MESSAGEBIRD_ACCESS_KEY=${MESSAGEBIRD_KEY}"], // keyward:allow
    },
  },
  {
    id: "messagebird-client-id",
    provider: "MessageBird",
    description: "MessageBird client id or token (a UUID) next to a MessageBird name",
    keywords: ["messagebird", "message_bird"],
    pattern: assignment(providerName("MessageBird", "message_bird"), UUID, [...SECRET_WORDS, "client"]),
    entropy: 3,
    severity: "medium",
    confidence: "medium",
    examples: {
      match: ['messageBirdClientId: "fb865449-8330-4a6c-a64c-49d59e3a87a2"', "MESSAGEBIRD_TOKEN=fb865449-8330-4a6c-a64c-49d59e3a87a2"], // keyward:allow
      noMatch: ["MESSAGEBIRD_WORKSPACE=fb865449-8330-4a6c-a64c-49d59e3a87a2", "MessageBirdToken = 00000000-0000-0000-0000-000000000000"], // keyward:allow
    },
  },
  {
    id: "vonage-api-secret",
    provider: "Vonage",
    description: "Vonage (Nexmo) API secret (16 characters) next to a Vonage / Nexmo name",
    keywords: ["vonage", "nexmo"],
    pattern: assignment(providerName("vonage", "nexmo"), String.raw`[A-Za-z0-9]{16}(?![\w-])`, ["secret"]),
    entropy: 3.3,
    validate: (s) => hasDigit(s) && hasLetter(s),
    severity: "high",
    confidence: "medium",
    examples: {
      match: ["VONAGE_API_SECRET=GbHQSl5AxgUIWYpS", "nexmo_secret: 'GbHQSl5AxgUIWYpS'"], // keyward:allow
      noMatch: ["VONAGE_API_KEY=a1b2c3d4", "NEXMO_API_SECRET=${NEXMO_SECRET}"], // keyward:allow
    },
  },
  {
    id: "telegram-bot-token",
    provider: "Telegram",
    description: "Telegram bot token (<bot id>:AA…)",
    keywords: [":aa"],
    // Bot id, colon, then 35 characters that in practice always open with "AA".
    pattern: /(?<![0-9])([0-9]{8,10}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/,
    entropy: 4,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["TELEGRAM_BOT_TOKEN=9748001620:AAGcf2UR1pShIRRovQgGbE-H9UVo5rG3p8N", "https://api.telegram.org/bot9748001620:AAGcf2UR1pShIRRovQgGbE-H9UVo5rG3p8N/sendMessage"], // keyward:allow
      noMatch: ["9748001620:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "at 12:AA"], // keyward:allow
    },
  },
  {
    id: "discord-bot-token",
    provider: "Discord",
    description: "Discord bot token (base64 user id . timestamp . HMAC) on a line that names Discord",
    keywords: ["discord"],
    pattern: /(?<![A-Za-z0-9_-])([MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})(?![A-Za-z0-9_-])/,
    entropy: 4,
    validate: discordBotToken,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["DISCORD_BOT_TOKEN=NDA1NjA5NDE3Nzg3NTY4NzgxMw.To6fV6.Dy1xChP8jm0sqdYupPoXR89xIlBlSNUt1uP2fu"], // keyward:allow
      // Right shape, but the first part is not the base64 of a numeric id.
      noMatch: ["discord: NXXxYzQ1NjA5NDE3Nzg3NTY4NzgxMw.To6fV6.Dy1xChP8jm0sqdYupPoXR89xIlBlSNUt1uP2fu"], // keyward:allow
    },
  },
  {
    id: "discord-webhook-url",
    provider: "Discord",
    description: "Discord webhook URL",
    keywords: ["discord.com/api", "discordapp.com/api"],
    prefixes: ["https://discord.com/api/webhooks/", "https://discordapp.com/api/webhooks/"],
    pattern: /\b(https?:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api\/(?:v[0-9]{1,2}\/)?webhooks\/[0-9]{17,20}\/[A-Za-z0-9_-]{60,68})(?![A-Za-z0-9_-])/,
    entropy: 4,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["DISCORD_WEBHOOK=https://discord.com/api/webhooks/2620855022813488227/r8HgtX4OqzvcVlQFDHBRgeHEcn1U0xqpkc-KIrh71enNgM9KvLNFm3H9l2O_j3S1MnTG"], // keyward:allow
      noMatch: ["https://discord.com/api/webhooks/123/abc", "https://discord.com/api/webhooks/2620855022813488227/XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"], // keyward:allow
    },
  },
  {
    id: "discord-client-secret",
    provider: "Discord",
    description: "Discord OAuth client secret (32 characters) next to a Discord name",
    keywords: ["discord"],
    pattern: assignment(providerName("discord"), String.raw`[A-Za-z0-9_-]{32}(?![\w-])`, ["secret"]),
    entropy: 3.8,
    severity: "high",
    confidence: "medium",
    examples: {
      match: ["DISCORD_CLIENT_SECRET=0moNd4FLikL78N0CzVlha_TgmNQxDIJp"], // keyward:allow
      noMatch: ["DISCORD_CLIENT_SECRET=11111111111111111111111111111111", "DISCORD_CLIENT_ID=0moNd4FLikL78N0CzVlha_TgmNQxDIJp"], // keyward:allow
    },
  },
];
