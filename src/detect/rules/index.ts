/**
 * Every rule Keyward ships, one module per provider family. test/detect/rules.test.ts checks
 * that no module in this folder is left out of this list and that ids are unique.
 */
import type { Rule } from "../types.js";
import { rules as github } from "./github.js";
import { rules as aws } from "./aws.js";
import { rules as gcp } from "./gcp.js";
import { rules as azure } from "./azure.js";
import { rules as gitlab } from "./gitlab.js";
import { rules as cloudflare } from "./cloudflare.js";
import { rules as paas } from "./paas.js";
import { rules as hashicorp } from "./hashicorp.js";
import { rules as observability } from "./observability.js";
import { rules as dataPlatforms } from "./data-platforms.js";
import { rules as slack } from "./slack.js";
import { rules as payments } from "./payments.js";
import { rules as messaging } from "./messaging.js";
import { rules as ai } from "./ai.js";
import { rules as packages } from "./packages.js";
import { rules as saas } from "./saas.js";
import { rules as providersB } from "./providers-b.js";
import { rules as keys } from "./keys.js";
import { rules as jwt } from "./jwt.js";
import { rules as uris } from "./uris.js";
import { rules as configFiles } from "./config-files.js";
import { rules as appConfigs } from "./app-configs.js";
import { rules as providersA } from "./providers-a.js";
import { rules as generic } from "./generic.js";

export const RULE_MODULES: Readonly<Record<string, readonly Rule[]>> = {
  "github": github,
  "aws": aws,
  "gcp": gcp,
  "azure": azure,
  "gitlab": gitlab,
  "cloudflare": cloudflare,
  "paas": paas,
  "hashicorp": hashicorp,
  "observability": observability,
  "data-platforms": dataPlatforms,
  "slack": slack,
  "payments": payments,
  "messaging": messaging,
  "ai": ai,
  "packages": packages,
  "saas": saas,
  "providers-b": providersB,
  "providers-a": providersA,
  "keys": keys,
  "jwt": jwt,
  "uris": uris,
  "config-files": configFiles,
  "app-configs": appConfigs,
  "generic": generic,
};

export const ALL_RULES: readonly Rule[] = Object.values(RULE_MODULES).flat();
