// A stand-in for the providers corpus (bench/corpus/providers.js, written with the provider
// rules): the same interface, a handful of samples. Each yields `{ text, path, expectedProvider }`
// (expectedProvider null for a sample that holds no credential). Values are built at run time.
import { randomBytes } from "node:crypto";

const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const rand = (n, alphabet = ALNUM) => [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join("");
const hex = (n) => randomBytes(Math.ceil(n / 2)).toString("hex").slice(0, n);

export function* providerSamples() {
  const stripe = `sk_live_${rand(24)}`;
  const slack = `xoxb-${rand(11, "0123456789")}-${rand(12, "0123456789")}-${rand(24)}`;
  const sendgrid = `SG.${rand(22)}.${rand(43)}`;
  const databricks = `dapi${hex(32)}`;
  const tailscale = `tskey-auth-${rand(12)}CNTRL-${rand(32)}`;
  yield { text: `STRIPE_SECRET_KEY=${stripe}\n`, path: ".env", expectedProvider: "Stripe" };
  yield { text: `slack:\n  token: "${slack}"\n`, path: "config/slack.yml", expectedProvider: "Slack" };
  yield { text: `{"sendgrid": {"apiKey": "${sendgrid}"}}\n`, path: "config/mail.json", expectedProvider: "SendGrid" };
  yield { text: `export DATABRICKS_TOKEN=${databricks}\n`, path: "scripts/env.sh", expectedProvider: "Databricks" };
  yield { text: `authKey := "${tailscale}"\n`, path: "cmd/join/main.go", expectedProvider: "Tailscale" };
  yield { text: `STRIPE_SECRET_KEY=sk_live_${"x".repeat(24)}\n`, path: ".env.example", expectedProvider: null };
}
