/**
 * AWS: access key ids (unique four-letter prefixes over base32), secret access keys (only
 * recognisable by the assignment that names them), STS session tokens, Amazon Bedrock API
 * keys and Amazon MWS auth tokens.
 */
import type { Rule } from "../types.js";
import { ASSIGNMENT_GLUE } from "./saas.js";

/** `name = value`, `name: value`, `"name": "value"`, `name := value`, `name => value`, `f("name", "value")`. */
/** Identifier to value, in every assignment shape code and config use (saas.ts). */
const ASSIGN = ASSIGNMENT_GLUE;

/** The standard base64 text after `ABSK` decodes to `BedrockAPIKey-<id>:<secret>`. */
function decodesToBedrockKey(token: string): boolean {
  const body = token.slice(4);
  const text = Buffer.from(body, "base64").toString("latin1");
  return text.startsWith("BedrockAPIKey-") && body.length >= 100;
}

export const rules: readonly Rule[] = [
  {
    id: "aws-access-key-id",
    provider: "AWS",
    description: "AWS access key id (long-term AKIA, temporary ASIA, and other credential prefixes)",
    keywords: ["akia", "asia", "abia", "acca"],
    prefixes: ["AKIA", "ASIA", "ABIA", "ACCA"],
    // Key ids are four prefix letters then 16 characters of base32 (A-Z, 2-7): no 0, 1, 8 or 9.
    pattern: /\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/,
    entropy: 3,
    severity: "high",
    confidence: "high",
    examples: {
      match: [
        "aws_access_key_id = AKIAI2VB5FHWYNSDXN65", // keyward:allow
        '{"AccessKeyId": "ASIA5CESPYY6LZK4PF6V"}', // keyward:allow
        "<AccessKey>\n    AKIAI2VB5FHWYNSDXN65\n</AccessKey>", // keyward:allow
      ],
      noMatch: [
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE", // keyward:allow
        "key = AKIAXXXXXXXXXXXXXXXX",
        // Digits 0, 1, 8 and 9 are outside the base32 alphabet.
        "id = AKIA0123456789018901", // keyward:allow
        "TZ=Asia/Tokyo NOWINASIALIVINGASTHEYDOATHOME",
      ],
    },
  },
  {
    id: "aws-secret-access-key",
    provider: "AWS",
    description: "AWS secret access key assigned to an AWS secret/SecretAccessKey name",
    keywords: ["aws_secret", "aws-secret", "awssecret", "aws.secret", "secret_access_key", "secretaccesskey", "secret-access-key"],
    // 40 characters of standard base64 with no padding; only the name next to it says "AWS".
    pattern: new RegExp(
      String.raw`(?:aws[\w.-]{0,20}?secret|secret[_-]?access[_-]?key)[\w.-]{0,20}?${ASSIGN}(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`,
      "i",
    ),
    entropy: 4,
    // Random 40-character base64 practically always mixes cases and digits; hex digests do not.
    validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s),
    pairsWith: "aws-access-key-id",
    severity: "critical",
    confidence: "medium",
    examples: {
      match: [
        "aws_secret_access_key = DsbAgPw8VwsBX/ukQZaKYodeYgq2AlECPzldv6bN", // keyward:allow
        'export AWS_SECRET_ACCESS_KEY="51NXjuqAnisJqvKjypTDzDnT8FYvvW1MH0riqxFI"', // keyward:allow
        '"SecretAccessKey": "DsbAgPw8VwsBX/ukQZaKYodeYgq2AlECPzldv6bN",', // keyward:allow
        "awsSecretKey := `51NXjuqAnisJqvKjypTDzDnT8FYvvW1MH0riqxFI`", // keyward:allow
      ],
      noMatch: [
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", // keyward:allow
        "aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}",
        // A SHA-1 digest is 40 characters too, but lowercase hex.
        "aws_secret_sha = 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12", // keyward:allow
        "secret = DsbAgPw8VwsBX/ukQZaKYodeYgq2AlECPzldv6bN", // keyward:allow
      ],
    },
  },
  {
    id: "aws-session-token",
    provider: "AWS",
    description: "AWS STS session token (temporary credentials)",
    keywords: ["fwogzxivyxdz", "fqogzxivyxdz", "iqojb3jpz2lux2vj", "aqodyxdz"],
    // Session tokens are base64 of a binary blob whose first bytes are fixed: "FwoGZXIvYXdz" and
    // "FQoGZXIvYXdz" decode to "\x17\n\x06er/aws", "IQoJb3JpZ2luX2Vj" to "!\n\torigin_ec",
    // "AQoDYXdz" to "\x01\n\x03aws".
    pattern:
      /(?<![A-Za-z0-9/+])((?:FwoGZXIvYXdz|FQoGZXIvYXdz|IQoJb3JpZ2luX2Vj|AQoDYXdz)[A-Za-z0-9/+]{100,4000}={0,2})(?![A-Za-z0-9/+=])/,
    entropy: 4.5,
    severity: "high",
    confidence: "high",
    examples: {
      match: [
        "aws_session_token = FwoGZXIvYXdzEe1x6hbQeh5M3N4h64vVlWuPoP7IfjD3GbB/Otpp/sFRd1yy0gzuPt0ojCHMh7rsuOGYwSBO+wv2vHsB0y1zX9SON4eQPbRmifFbNT7BlopcApAx5mMvLOWv7lIaVBNxwhVtr4qLn5EUmKnjjahEOoRXLgicyIbvGrnGbEw5yf/4oW0bvk0kp", // keyward:allow
        '"SessionToken": "IQoJb3JpZ2luX2VjEt4ZIGcQRVJBKpAIsiD+gqbQppgxGt9YZSORB2kL2Po+He7zFB9HpYQA+5iqDAeDbJtDSX91syxRmp8PWc81Uyr8sexf7kIAD1SCZKVxIj7ZhJafnH0rmWe0F5As5h97BjWy4w892FzUQ6Mk65OgoNWryhAHOBy3jrkz9HguGxq7uCnTFEr4cK+vLU2E2p7HVKw4H2Rc2"', // keyward:allow
      ],
      noMatch: [
        "aws_session_token = FwoGZXIvYXdzE<remainder of token>",
        "aws_session_token = IQoJb3JpZ2luX2VjEt4ZIGcQRVJBKpAIsiD", // keyward:allow
      ],
    },
  },
  {
    id: "aws-bedrock-api-key-long-lived",
    provider: "AWS",
    description: "Amazon Bedrock long-lived API key",
    keywords: ["absk"],
    prefixes: ["ABSK"],
    // "ABSK" + base64("BedrockAPIKey-<id>:<secret>"); "QmVkcm9ja0FQSUtleS" is base64 of "BedrockAPIKey-".
    pattern: /(?<![A-Za-z0-9+/])(ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{80,300}={0,2})(?![A-Za-z0-9+/=])/,
    entropy: 4,
    validate: decodesToBedrockKey,
    severity: "critical",
    confidence: "high",
    examples: {
      match: [
        'AWS_BEARER_TOKEN_BEDROCK="ABSKQmVkcm9ja0FQSUtleS10NnBiLWF0LTc2NzQwMjU2MjQ1NTp1VkVZSnVuZXh3U2FnM0tQNlFENnlXRTVZWVBUcXVHcGt0TlY0QjVzeU5qbQ=="', // keyward:allow
      ],
      noMatch: [
        "ABSKQmVkcm9ja0FQSUtleS10NnBiLWF0", // keyward:allow
        'AWS_BEARER_TOKEN_BEDROCK="AXSKQmVkcm9ja0FQSUtleS10NnBiLWF0LTc2NzQwMjU2MjQ1NTp1VkVZSnVuZXh3U2FnM0tQNlFENnlXRTVZWVBUcXVHcGt0TlY0QjVzeU5qbQ=="', // keyward:allow
      ],
    },
  },
  {
    id: "aws-bedrock-api-key-short-lived",
    provider: "AWS",
    description: "Amazon Bedrock short-lived API key (a presigned bedrock.amazonaws.com request)",
    keywords: ["bedrock-api-key-"],
    prefixes: ["bedrock-api-key-"],
    // "bedrock-api-key-" + base64 of a presigned URL; "YmVkcm9jay5hbWF6b25hd3MuY29t" is base64 of
    // "bedrock.amazonaws.com" (21 bytes, so the rest of the URL encodes independently after it).
    // The rest is optional: truncated tokens in logs and tickets are still worth reporting.
    pattern: /\b(bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/]{0,4000}={0,2})(?![A-Za-z0-9+/=])/, // keyward:allow
    severity: "high",
    confidence: "high",
    examples: {
      match: [
        "AWS_BEARER_TOKEN_BEDROCK=bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249Q2FsbFdpdGhCZWFyZXJUb2tlbiZYLUFtei1BbGdvcml0aG09QVdTNC1ITUFDLVNIQTI1NiZYLUFtei1DcmVkZW50aWFsPUFTSUE3VlRNV0lDTlVSVUpaN0dQJTJGMjAyNTAxMDElMkZ1cy1lYXN0LTElMkZiZWRyb2NrJTJGYXdzNF9yZXF1ZXN0JlgtQW16LURhdGU9MjAyNTAxMDFUMDAwMDAwWiZYLUFtei1FeHBpcmVzPTQzMjAwJlgtQW16LVNlY3VyaXR5LVRva2VuPWtNKzVKZVo3aENzQ0x1MnBMek1qdjgrZTg2RDlXOERjYjBQcGNzTUcmWC1BbXotU2lnbmF0dXJlPThlMzk2YTI1ZmRmOGQ4OTM4ZmQ1MWQzMDZjMjMxYzRhNGNiMzU5ZTkyZmMwZGY1Yjc1MzFhNjBlMzkyNWRmYTEmVmVyc2lvbj0x", // keyward:allow
      ],
      noMatch: ["token = bedrock-api-key-", "token = bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29x"], // keyward:allow
    },
  },
  {
    id: "amazon-mws-auth-token",
    provider: "AWS",
    description: "Amazon Marketplace Web Service (MWS) auth token",
    keywords: ["amzn.mws."],
    prefixes: ["amzn.mws."],
    pattern: /\b(amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/,
    severity: "high",
    confidence: "high",
    examples: {
      match: ['MWS_AUTH_TOKEN = "amzn.mws.c545966e-14ee-0c96-9550-dd480968db20"'], // keyward:allow
      noMatch: ["MWS_AUTH_TOKEN = amzn.mws.<token>", "amzn.mws.c545966e-14ee-0c96-9550"], // keyward:allow
    },
  },
];
