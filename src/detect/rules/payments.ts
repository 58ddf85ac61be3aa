/**
 * Payments and commerce: Stripe, Square, PayPal / Braintree, Adyen, Shopify, EasyPost,
 * Flutterwave, Freemius. Live keys move money and are critical; test-mode keys are reported low.
 */
import type { Rule } from "../types.js";
import { assignment, providerName } from "./saas.js";

/** Alphabet runs that mark hand-typed sample values ("sk_abcdefghijklmnop…"). */
const SEQUENTIAL = /abcdefg|hijklmn|opqrstu|uvwxyz|ABCDEFG|OPQRSTU/;

export const rules: readonly Rule[] = [
  // ---- Stripe -------------------------------------------------------------------------------
  {
    id: "stripe-secret-key",
    provider: "Stripe",
    description: "Stripe live secret key (sk_live_)",
    keywords: ["sk_live_", "sk_prod_"],
    prefixes: ["sk_live_", "sk_prod_"],
    pattern: /\b(sk_(?:live|prod)_[A-Za-z0-9]{24,247})(?![A-Za-z0-9_])/,
    entropy: 3.5,
    severity: "critical",
    confidence: "high",
    examples: {
      match: [
        'Stripe.api_key = "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"', // keyward:allow
        "STRIPE_SECRET_KEY=sk_live_Eb1ZADupHLeMUksIpPFCBh9S", // keyward:allow
      ],
      noMatch: ["sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", "sk_live_Eb1ZADupHLeMU", "STRIPE_SECRET_KEY=sk_live_${STRIPE_KEY}"], // keyward:allow
    },
  },
  {
    id: "stripe-restricted-key",
    provider: "Stripe",
    description: "Stripe live restricted key (rk_live_)",
    keywords: ["rk_live_", "rk_prod_"],
    prefixes: ["rk_live_", "rk_prod_"],
    pattern: /\b(rk_(?:live|prod)_[A-Za-z0-9]{24,247})(?![A-Za-z0-9_])/,
    entropy: 3.5,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["STRIPE_KEY=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"], // keyward:allow
      noMatch: ["rk_live_XXXXXXXXXXXXXXXXXXXXXXXX", "rk_live_"], // keyward:allow
    },
  },
  {
    id: "stripe-test-key",
    provider: "Stripe",
    description: "Stripe test-mode secret or restricted key (sk_test_, rk_test_): no live money, still a credential",
    keywords: ["sk_test_", "rk_test_"],
    prefixes: ["sk_test_", "rk_test_"],
    pattern: /\b([sr]k_test_[A-Za-z0-9]{24,247})(?![A-Za-z0-9_])/,
    entropy: 3.5,
    severity: "low",
    confidence: "high",
    examples: {
      match: ["STRIPE_SECRET_KEY=sk_test_51aP14AGOMMbFFifKFn6QP5zgjbgaUSjjqZK0CCUPTV6UQawuh7ojTd5kRGbD1EEcvjPGPQfKoM9w7ASkRTWkpQwhivJxMb2wSv"], // keyward:allow
      noMatch: ["sk_test_xxxxxxxxxxxxxxxxxxxxxxxx", "pk_test_51aP14AGOMMbFFifKFn6QP5zgjbgaUSjjqZK0CCUPTV6UQawuh7ojTd5kRG"], // keyward:allow
    },
  },
  {
    id: "stripe-webhook-secret",
    provider: "Stripe",
    description: "Stripe (or Svix-style) webhook signing secret (whsec_)",
    keywords: ["whsec_"],
    prefixes: ["whsec_"],
    // Stripe: whsec_ + 32 base62; Svix and others: whsec_ + base64.
    pattern: /\b(whsec_[A-Za-z0-9+/]{32,88}={0,2})(?![A-Za-z0-9+/=_-])/,
    entropy: 3.8,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["STRIPE_WEBHOOK_SECRET=whsec_cENoVuh094eVdZU3Mus1diQvoXZTPAX0"], // keyward:allow
      noMatch: ["STRIPE_WEBHOOK_SECRET=whsec_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "whsec_short"], // keyward:allow
    },
  },
  // ---- Square -------------------------------------------------------------------------------
  {
    id: "square-access-token",
    provider: "Square",
    description: "Square access token (EAAA + 60, or legacy sq0atp-)",
    keywords: ["eaaa", "sq0atp-"],
    prefixes: ["EAAA", "sq0atp-"],
    // Case-sensitive EAAA and exactly 64 characters: hex digests with "eaaa" and the longer
    // Facebook EAA… tokens stay out.
    // The body is base64url and may carry "=" and "-".
    pattern: /(?<![A-Za-z0-9_-])(EAAA[A-Za-z0-9_=-]{60}|sq0atp-[A-Za-z0-9_-]{22})(?![A-Za-z0-9_=-])/,
    entropy: 3.5,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["SQUARE_ACCESS_TOKEN=EAAAzOtZ6Q3Ft9pBaLJDamKJeSCqoNOTF9PKuQg89ehbW1pCYmpva6o1buSc0srJ", "SQUARE_TOKEN=sq0atp-2CpbSl7sA2ifVz24aymGhg"], // keyward:allow
      noMatch: ["image: alpine@sha256:eaaa0c2d9f61e3b47a1f5c8e9d2b3a4f5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f", "sq0atp-XXXXXXXXXXXXXXXXXXXXXX"], // keyward:allow
    },
  },
  {
    id: "square-oauth-secret",
    provider: "Square",
    description: "Square OAuth application secret (sq0csp-)",
    keywords: ["sq0csp-"],
    prefixes: ["sq0csp-"],
    pattern: /\b(sq0csp-[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/,
    entropy: 3.5,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["SQUARE_APP_SECRET=sq0csp-CcNyY9dazzggLIbMidCV4OnkpgLqEgqKrv8rELZ2vSA"], // keyward:allow
      noMatch: ["sq0csp-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "sq0csp-CcNyY9daz"], // keyward:allow
    },
  },
  // ---- PayPal / Braintree, Adyen ------------------------------------------------------------
  {
    id: "braintree-access-token",
    provider: "PayPal",
    description: "PayPal Braintree access token (access_token$production$…)",
    keywords: ["access_token$"],
    prefixes: ["access_token$production$", "access_token$sandbox$"],
    pattern: /\b(access_token\$(?:production|sandbox)\$[a-z0-9]{16}\$[a-f0-9]{32})(?![A-Za-z0-9])/,
    entropy: 3,
    // A sandbox token cannot charge real cards; it is still a credential to the merchant account.
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["BRAINTREE_TOKEN=access_token$production$ht9uqskvu2rbwmvi$1d82ce9bda6b3e4c51b335cffd148b56"], // keyward:allow
      noMatch: ["access_token$production$xxxxxxxxxxxxxxxx$xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "access_token$production$"], // keyward:allow
    },
  },
  {
    id: "paypal-client-secret",
    provider: "PayPal",
    description: "PayPal REST client secret (80 characters) next to a PayPal name",
    keywords: ["paypal"],
    pattern: assignment(providerName("paypal"), String.raw`[A-Za-z0-9_-]{80}(?![\w-])`, ["secret"]),
    entropy: 4.5,
    severity: "critical",
    confidence: "medium",
    examples: {
      match: ["PAYPAL_CLIENT_SECRET=EN3a9dXo7WbXq_r1Wc0gJ8lOoNq-N4Q7tM2yH8bZdV6kF1sP3uR5eT0aY9cL2iG4hJ6mK8nB1vC3xZ5q"], // keyward:allow
      noMatch: ["PAYPAL_CLIENT_ID=EN3a9dXo7WbXq_r1Wc0gJ8lOoNq-N4Q7tM2yH8bZdV6kF1sP3uR5eT0aY9cL2iG4hJ6mK8nB1vC3xZ5q", "PAYPAL_CLIENT_SECRET=${PAYPAL_SECRET}"], // keyward:allow
    },
  },
  {
    id: "adyen-api-key",
    provider: "Adyen",
    description: "Adyen API key (AQE…==-<43>=-…)",
    keywords: ["aqe"],
    prefixes: ["AQE"],
    // AQE + base64 body, then -<43 base64>= : the second segment makes random base64 an unlikely match.
    pattern: /(?<![A-Za-z0-9+/])(AQE[A-Za-z0-9+/]{60,140}={0,2}-[A-Za-z0-9+/]{43}=)/,
    entropy: 4.5,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["ADYEN_API_KEY=AQEouT2ljSv4HX1J9DofazJMlfxStLbG1FRwtTrOKgkBRm+YORIJ8AN8bm3MuuM6If7MqWncpOoIhaQkGKNkHXARM6Vz9==-Gzm56RBulaxmQdF92fzxMf7M086Smmyrj8eu0lL55Q6=-1begWWaUycu2IMif"], // keyward:allow
      noMatch: ["ADYEN_API_KEY=AQExxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx==-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx=", "AQEouT2ljSv4HX1J9Dofaz"], // keyward:allow
    },
  },
  // ---- Shopify ------------------------------------------------------------------------------
  {
    id: "shopify-access-token",
    provider: "Shopify",
    description: "Shopify Admin API access token (shpat_)",
    keywords: ["shpat_"],
    prefixes: ["shpat_"],
    pattern: /\b(shpat_[A-Za-z0-9]{32})(?![A-Za-z0-9_-])/,
    // Mixed-case bodies are issued as well as hex ones; a body without a digit is a word.
    validate: (s) => /[0-9]/.test(s.slice(6)),
    entropy: 3,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["SHOPIFY_ACCESS_TOKEN=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"], // keyward:allow
      noMatch: ["shpat_00000000000000000000000000000000", "shpat_c68659bf6f62d73b"], // keyward:allow
    },
  },
  {
    id: "shopify-custom-app-token",
    provider: "Shopify",
    description: "Shopify custom app access token (shpca_)",
    keywords: ["shpca_"],
    prefixes: ["shpca_"],
    pattern: /\b(shpca_[A-Za-z0-9]{32})(?![A-Za-z0-9_-])/,
    // Mixed-case bodies are issued as well as hex ones; a body without a digit is a word.
    validate: (s) => /[0-9]/.test(s.slice(6)),
    entropy: 3,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["token: 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"], // keyward:allow
      noMatch: ["shpca_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "shpca_149ec73a96"], // keyward:allow
    },
  },
  {
    id: "shopify-private-app-token",
    provider: "Shopify",
    description: "Shopify private app access token (shppa_)",
    keywords: ["shppa_"],
    prefixes: ["shppa_"],
    pattern: /\b(shppa_[A-Za-z0-9]{32})(?![A-Za-z0-9_-])/,
    // Mixed-case bodies are issued as well as hex ones; a body without a digit is a word.
    validate: (s) => /[0-9]/.test(s.slice(6)),
    entropy: 3,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ['password: "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"'], // keyward:allow
      noMatch: ["shppa_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "shppa_05a7f081"], // keyward:allow
    },
  },
  {
    id: "shopify-shared-secret",
    provider: "Shopify",
    description: "Shopify app shared secret (shpss_)",
    keywords: ["shpss_"],
    prefixes: ["shpss_"],
    pattern: /\b(shpss_[A-Za-z0-9]{32})(?![A-Za-z0-9_-])/,
    // Mixed-case bodies are issued as well as hex ones; a body without a digit is a word.
    validate: (s) => /[0-9]/.test(s.slice(6)),
    entropy: 3,
    severity: "high",
    confidence: "high",
    examples: {
      match: ["SHOPIFY_API_SECRET=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"], // keyward:allow
      noMatch: ["shpss_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "shpss_a4e491f0"], // keyward:allow
    },
  },
  // ---- Shipping, other gateways, licensing --------------------------------------------------
  {
    id: "easypost-api-token",
    provider: "EasyPost",
    description: "EasyPost production API key (EZAK)",
    keywords: ["ezak"],
    prefixes: ["EZAK"],
    // Standalone only: "EZAK" turns up inside base64 blobs.
    pattern: /(?<![A-Za-z0-9+/])(EZAK[A-Za-z0-9]{54})(?![A-Za-z0-9+/=])/,
    entropy: 3.5,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["EASYPOST_API_KEY=EZAKed0589cc6aafbfdf535fb730c3acdf703f3e26b36fbaaeff123481"], // keyward:allow
      noMatch: ["blob: Qm9vdHN0cmFw+EZAKmXGGTfkp1HquRk3tjzvPjLD87kWiX9MCrmsKzoOnwByTBERdFg4rG2kB0E/Zm9vYmFy"], // keyward:allow
    },
  },
  {
    id: "easypost-test-api-token",
    provider: "EasyPost",
    description: "EasyPost test API key (EZTK)",
    keywords: ["eztk"],
    prefixes: ["EZTK"],
    pattern: /(?<![A-Za-z0-9+/])(EZTK[A-Za-z0-9]{54})(?![A-Za-z0-9+/=])/,
    entropy: 3.5,
    severity: "low",
    confidence: "high",
    examples: {
      match: ["EASYPOST_TEST_KEY=EZTK9a0762c6549f1175e1dccc82705f40f0de02525a2379fe1200bdcf"], // keyward:allow
      noMatch: ["blob: Qm9vdHN0cmFw+EZTKJc2LxE224PqF0QWSjH71sjpBQsdZ8nbbgdcMilzn28CkTGPLBHnCEmpYi4/Zm9vYmFy"], // keyward:allow
    },
  },
  {
    id: "flutterwave-secret-key",
    provider: "Flutterwave",
    description: "Flutterwave secret key (FLWSECK- / FLWSECK_TEST-)",
    keywords: ["flwseck"],
    prefixes: ["FLWSECK_TEST-", "FLWSECK-"],
    pattern: /\b(FLWSECK(?:_TEST)?-[A-Za-z0-9]{32}-X)(?![A-Za-z0-9])/,
    entropy: 3,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["FLW_SECRET_KEY=FLWSECK-95d131258b36d94e5d6b6ff6f41384ee-X", "FLWSECK_TEST-172d289f99fd7a9edacd416732c53b1e-X"], // keyward:allow
      noMatch: ["FLWSECK-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-X", "FLWPUBK-95d131258b36d94e5d6b6ff6f41384ee-X"], // keyward:allow
    },
  },
  {
    id: "freemius-secret-key",
    provider: "Freemius",
    description: "Freemius SDK secret key in a PHP config array",
    keywords: ["secret_key"],
    // The Freemius SDK's own config shape: 'secret_key' => 'sk_<29 printable>'.
    pattern: /["']secret_key["']\s{0,4}=>\s{0,4}["'](sk_[\x21-\x7e]{29})["']/,
    paths: ["*.php"],
    entropy: 4,
    allow: { secrets: [SEQUENTIAL] },
    severity: "high",
    confidence: "medium",
    examples: {
      path: "freemius-config.php",
      match: ["\t\t\t\"secret_key\" => \"sk_WN*gqhDLL*RNv5zN79G9&*ZWoZ3lJ\","], // keyward:allow
      noMatch: ["\t\t\t\"secret_key\" => \"sk_abcdefghijkl0123456789mnopqrs\",", "\t\t\t\"other_key\" => \"sk_WN*gqhDLL*RNv5zN79G9&*ZWoZ3lJ\","], // keyward:allow
    },
  },
];
