/**
 * AI and model platforms: OpenAI, Anthropic, Hugging Face, Perplexity, Groq, Replicate, xAI,
 * OpenRouter, LangSmith, and keyword-context keys for Cohere, Mistral, Private AI and W&B.
 * Leaked keys here are spent within minutes by scrapers; most formats carry a unique prefix.
 */
import type { Rule } from "../types.js";
import { anyCase, assignment, providerName } from "./saas.js";

const mixedCase = (s: string): boolean => /[A-Z]/.test(s) && /[a-z]/.test(s);
const hasDigit = (s: string): boolean => /[0-9]/.test(s);

export const rules: readonly Rule[] = [
  {
    id: "openai-api-key",
    provider: "OpenAI",
    description: "OpenAI API key (sk-proj-, sk-svcacct-, legacy sk-; all carry the T3BlbkFJ marker)",
    keywords: ["t3blbkfj"],
    prefixes: ["sk-", "sk-proj-", "sk-svcacct-", "sk-admin-"],
    // "T3BlbkFJ" is base64 of "OpenAI"; every key format embeds it. Admin keys: next rule.
    pattern: /\b(sk-(?!admin-)[A-Za-z0-9_-]{20,120}T3BlbkFJ[A-Za-z0-9_-]{20,100})(?![A-Za-z0-9_-])/,
    entropy: 4,
    severity: "critical",
    confidence: "high",
    examples: {
      match: [
        "OPENAI_API_KEY=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", // keyward:allow
        "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", // keyward:allow
        'openai.api_key = "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"', // keyward:allow
      ],
      noMatch: ["sk-proj-xxxxxxxxxxxxxxxxxxxxT3BlbkFJxxxxxxxxxxxxxxxxxxxx", "sk-XqRBfNhr0zUSGI7sbQgq"], // keyward:allow
    },
  },
  {
    id: "openai-admin-key",
    provider: "OpenAI",
    description: "OpenAI organization admin key (sk-admin-)",
    keywords: ["t3blbkfj"],
    prefixes: ["sk-admin-"],
    pattern: /\b(sk-admin-[A-Za-z0-9_-]{20,100}T3BlbkFJ[A-Za-z0-9_-]{20,100})(?![A-Za-z0-9_-])/,
    entropy: 4,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["OPENAI_ADMIN_KEY=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"], // keyward:allow
      noMatch: ["sk-admin-xxxxxxxxxxxxxxxxxxxxT3BlbkFJxxxxxxxxxxxxxxxxxxxx", "sk-admin-9qH9Mu6ZaeFlsbKTTSkNw2y"], // keyward:allow
    },
  },
  {
    id: "anthropic-api-key",
    provider: "Anthropic",
    description: "Anthropic API key (sk-ant-api03-, 93 characters then AA)",
    keywords: ["sk-ant-api"],
    prefixes: ["sk-ant-api03-"],
    pattern: /\b(sk-ant-api03-[A-Za-z0-9_-]{93}AA)(?![A-Za-z0-9_-])/,
    entropy: 4,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["ANTHROPIC_API_KEY=sk-ant-api03-CmA9dYzxDiUsL8A3BjrNBUAPTJa_JlerVsXTRh5n39m2Q0Plet2RFX5yiFBn1fkeaaDVrepNKIeFpfcGy8nuTgzP-Y3ysAA"], // keyward:allow
      noMatch: [
        "sk-ant-api03-CmA9dYzxDiUsL8A3BjrNBUAPTJa_JlerVsXTRh5n39m2Q0Plet2RFX5yiFBn1fkeaaDVrepNKIeFpfcGy8nuTgzP-Y3ysBB", // keyward:allow
        "sk-ant-api03-CmA9dYzxDiUsL8A3BjrNBUAPTJa_JlerVsXTRh5nAA", // keyward:allow
      ],
    },
  },
  {
    id: "anthropic-admin-api-key",
    provider: "Anthropic",
    description: "Anthropic Admin API key (sk-ant-admin01-, 93 characters then AA)",
    keywords: ["sk-ant-admin"],
    prefixes: ["sk-ant-admin01-"],
    pattern: /\b(sk-ant-admin01-[A-Za-z0-9_-]{93}AA)(?![A-Za-z0-9_-])/,
    entropy: 4,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["ANTHROPIC_ADMIN_KEY=sk-ant-admin01-lPHcIFOOMpJX1N-Ery3cn_D3KQu-mJ7F5ohOjMcF11X-rnRkZn2wuRZ8O37w21NesbalvNb3bbeYhn6lFW2iso8ywGCAqAA"], // keyward:allow
      noMatch: ["sk-ant-admin01-lPHcIFOOMpJX1N-Ery3cn_D3KQu-mJ7F5ohOjMcF11X-rnRkZn2wuRZ8O37w21NesbalvNb3bbeYhn6lFW2iso8ywGCAqBB"], // keyward:allow
    },
  },
  {
    id: "anthropic-oauth-token",
    provider: "Anthropic",
    description: "Anthropic (Claude) OAuth access or refresh token (sk-ant-oat01- / sk-ant-ort01-)",
    keywords: ["sk-ant-oat", "sk-ant-ort"],
    prefixes: ["sk-ant-oat01-", "sk-ant-ort01-"],
    pattern: /\b(sk-ant-o(?:at|rt)01-[A-Za-z0-9_-]{80,120})(?![A-Za-z0-9_-])/,
    entropy: 4,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-v0a9iC6PiQS-yTtRCMlkumZAgIRSfoNy_HG4DDvsFtzUkpj9EGdlpUqOTjwic9OymTjGSXWnG5CBfPLefhpNw1QdQ5SsCAA"], // keyward:allow
      noMatch: ["sk-ant-oat01-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "sk-ant-oat01-short"], // keyward:allow
    },
  },
  {
    id: "huggingface-access-token",
    provider: "Hugging Face",
    description: "Hugging Face user access token (hf_ + 34 letters)",
    keywords: ["hf_"],
    prefixes: ["hf_"],
    // Standalone only: identifiers like rhf_Sponsored… or hf_servingcellpriority… stay out.
    pattern: /(?<![A-Za-z0-9_])(hf_[A-Za-z]{34})(?![A-Za-z0-9_-])/,
    entropy: 3.8,
    validate: (s) => mixedCase(s.slice(3)),
    severity: "high",
    confidence: "high",
    examples: {
      match: ["huggingface-cli login --token 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", "use_auth_token='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')"], // keyward:allow
      noMatch: ["- (void)hf_applyDefaultCharacteristicsForDisplayMetadataCache;", '<div class="widget-rhf_RecommendedProductsCarouselWidgetLoaderK3Slot">', "HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"], // keyward:allow
    },
  },
  {
    id: "huggingface-organization-api-token",
    provider: "Hugging Face",
    description: "Hugging Face organization API token (api_org_ + 34 letters)",
    keywords: ["api_org_"],
    prefixes: ["api_org_"],
    pattern: /(?<![A-Za-z0-9_])(api_org_[A-Za-z]{34})(?![A-Za-z0-9_-])/,
    entropy: 3.8,
    validate: (s) => mixedCase(s.slice(8)),
    severity: "high",
    confidence: "high",
    examples: {
      match: ["HUGGINGFACEHUB_API_TOKEN='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'"], // keyward:allow
      noMatch: ["const api_org_router = require('./routes/api_org');", "HF_ORG_TOKEN=api_org_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "def _api_org_1f0e3dad_9990_4e2c_b2a1_0c0ffee12345(self):"], // keyward:allow
    },
  },
  {
    id: "perplexity-api-key",
    provider: "Perplexity",
    description: "Perplexity API key (pplx- + 48)",
    keywords: ["pplx-"],
    prefixes: ["pplx-"],
    pattern: /\b(pplx-[A-Za-z0-9]{48})(?![A-Za-z0-9_-])/,
    entropy: 4,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["PERPLEXITY_API_KEY=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"], // keyward:allow
      noMatch: ["pplx_key: pplx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "pplx-0JxNCu3ULc0qAqdsj6Jc8w"], // keyward:allow
    },
  },
  {
    id: "groq-api-key",
    provider: "Groq",
    description: "Groq API key (gsk_ + 52)",
    keywords: ["gsk_"],
    prefixes: ["gsk_"],
    pattern: /\b(gsk_[A-Za-z0-9]{52})(?![A-Za-z0-9_-])/,
    entropy: 4,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["GROQ_API_KEY=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"], // keyward:allow
      noMatch: ["gsk_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "gsk_SHL5PabgCyM9Xf9wXz8w"], // keyward:allow
    },
  },
  {
    id: "replicate-api-token",
    provider: "Replicate",
    description: "Replicate API token (r8_ + 37)",
    keywords: ["r8_"],
    prefixes: ["r8_"],
    pattern: /\b(r8_[A-Za-z0-9]{37})(?![A-Za-z0-9_-])/,
    entropy: 4,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["REPLICATE_API_TOKEN=r8_A5uRwippApIHIhnLNPUwL1m7SrszR6yt73NK2"], // keyward:allow
      noMatch: ["REPLICATE_API_TOKEN=r8_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "r8_A5uRwippApIHIhn"], // keyward:allow
    },
  },
  {
    id: "xai-api-key",
    provider: "xAI",
    description: "xAI (Grok) API key (xai- + 80)",
    keywords: ["xai-"],
    prefixes: ["xai-"],
    pattern: /\b(xai-[A-Za-z0-9]{80})(?![A-Za-z0-9_-])/,
    entropy: 4.5,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["XAI_API_KEY=xai-tJbFwsLiOajywwovz5GWY4pEAjGXD7ZtbdNwEak1Z4aXoYuFIspdTDqmCxIw5NMctwc82dMvJHLgL87I"], // keyward:allow
      noMatch: ["xai-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "xai-grok-beta"], // keyward:allow
    },
  },
  {
    id: "openrouter-api-key",
    provider: "OpenRouter",
    description: "OpenRouter API key (sk-or-v1- + 64 hex)",
    keywords: ["sk-or-v1-"],
    prefixes: ["sk-or-v1-"],
    pattern: /\b(sk-or-v1-[a-f0-9]{64})(?![A-Za-z0-9_-])/,
    entropy: 3.5,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["OPENROUTER_API_KEY=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"], // keyward:allow
      noMatch: ["sk-or-v1-0000000000000000000000000000000000000000000000000000000000000000", "sk-or-v1-761ae7f807ec449d"], // keyward:allow
    },
  },
  {
    id: "langsmith-api-key",
    provider: "LangSmith",
    description: "LangSmith / LangChain API key (lsv2_pt_ personal, lsv2_sk_ service)",
    keywords: ["lsv2_"],
    prefixes: ["lsv2_pt_", "lsv2_sk_"],
    pattern: /\b(lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10})(?![A-Za-z0-9_-])/,
    entropy: 3.3,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["LANGCHAIN_API_KEY=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"], // keyward:allow
      noMatch: ["lsv2_pt_00000000000000000000000000000000_0000000000", "lsv2_pt_ff1f37e4"], // keyward:allow
    },
  },
  // ---- Keyword-context formats --------------------------------------------------------------
  {
    id: "cohere-api-token",
    provider: "Cohere",
    description: "Cohere API key (40 characters) next to a Cohere name or CO_API_KEY",
    keywords: ["cohere", "co_api_key"],
    pattern: assignment(`(?:${providerName("cohere")}[\\w.-]{0,24}?(?:${anyCase("key")}|${anyCase("token")})|(?<![A-Za-z])CO_API_KEY)`, String.raw`[A-Za-z0-9]{40}(?![\w-])`, []),
    entropy: 4,
    validate: hasDigit,
    severity: "high",
    confidence: "medium",
    examples: {
      match: ["CO_API_KEY=byRNwrQjnHIG0ELT79gIEe6NBzgfnAIaksWRfL9Q", 'COHERE_API_KEY: "byRNwrQjnHIG0ELT79gIEe6NBzgfnAIaksWRfL9Q"'], // keyward:allow
      noMatch: ["CO_API_KEY=<your-cohere-api-key>", "COHERE_MODEL=command-r-plus-08-2024-abcdefghijkl"], // keyward:allow
    },
  },
  {
    id: "mistral-api-key",
    provider: "Mistral AI",
    description: "Mistral AI API key (32 characters) next to a Mistral name",
    keywords: ["mistral"],
    pattern: assignment(providerName("mistral"), String.raw`[A-Za-z0-9]{32}(?![\w-])`),
    entropy: 4,
    validate: (s) => hasDigit(s) && mixedCase(s),
    severity: "high",
    confidence: "medium",
    examples: {
      match: ["MISTRAL_API_KEY=Swy8j0CBfRbNB3BxFYUpG1xr3PHoQi79"], // keyward:allow
      noMatch: ["MISTRAL_MODEL=mistral-large-latest", "MISTRAL_API_KEY=${MISTRAL_API_KEY}"], // keyward:allow
    },
  },
  {
    id: "privateai-api-token",
    provider: "Private AI",
    description: "Private AI API key (32 characters) next to a Private AI name",
    keywords: ["privateai", "private_ai", "private-ai"],
    pattern: assignment(providerName("privateai", "private_ai", "private-ai"), String.raw`[A-Za-z0-9]{32}(?![\w-])`),
    entropy: 4,
    validate: hasDigit,
    severity: "high",
    confidence: "medium",
    examples: {
      match: ['privateAiToken: "BMW6gr6iE1YJGOE94P8vxUNTfvucGrEE";', "PRIVATE_AI_API_KEY=BMW6gr6iE1YJGOE94P8vxUNTfvucGrEE"], // keyward:allow
      noMatch: ["PRIVATEAI_API_KEY=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "PRIVATE_AI_URL=https://api.private-ai.com"], // keyward:allow
    },
  },
  {
    id: "wandb-api-key",
    provider: "Weights & Biases",
    description: "Weights & Biases API key (40 hex) next to a W&B name",
    keywords: ["wandb"],
    pattern: assignment(providerName("wandb"), String.raw`[a-f0-9]{40}(?![\w-])`),
    entropy: 3.3,
    severity: "high",
    confidence: "medium",
    examples: {
      match: ["WANDB_API_KEY=cc64e0615a3d78c5b41c551edefe070a7bf2cbc3", "wandb_api_key: 'cc64e0615a3d78c5b41c551edefe070a7bf2cbc3'"], // keyward:allow
      noMatch: ["WANDB_PROJECT=cc64e0615a3d78c5b41c551edefe070a7bf2cbc3", "WANDB_API_KEY=0000000000000000000000000000000000000000"], // keyward:allow
    },
  },
];
