/**
 * HashiCorp: Vault service and batch tokens, Terraform Cloud / Enterprise API tokens, and
 * passwords hard-coded as literals in Terraform / HCL files.
 */
import type { Rule } from "../types.js";

/** Legacy "s." tokens are 24 random base62 characters: they mix cases and digits. */
const mixed = (s: string): boolean => /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s);

export const rules: readonly Rule[] = [
  {
    id: "vault-service-token",
    provider: "HashiCorp",
    description: "HashiCorp Vault service token (hvs. format)",
    keywords: ["hvs."],
    prefixes: ["hvs."],
    // Vault 1.10+ service tokens: "hvs." then either the long protobuf-derived form (about 90+
    // base64url characters) or, for tokens shown in their short form, 24 base62 characters.
    pattern: /\b(hvs\.(?:[\w-]{90,200}|[A-Za-z0-9]{24}))(?![\w.-])/,
    entropy: 3.5,
    validate: (t) => t.length > 30 || mixed(t.slice(4)),
    severity: "critical",
    confidence: "high",
    examples: {
      match: [
        "VAULT_TOKEN=hvs.CAESIZSyDSMkg7Q3cr69VZvTTsJJBxmaBT5Np3dQTa3ybD7F33vNAJVsamhdBYe8bzVEoQ71NTxSk0Ya8NYDTFbQl9IrtEuinF_y", // keyward:allow
        'vault login token="hvs.je8mokjo4lJlZvVzRTXue5VG"', // keyward:allow
      ],
      noMatch: [
        "VAULT_TOKEN=hvs.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "VAULT_TOKEN=hvs.<token>",
      ],
    },
  },
  {
    id: "vault-legacy-service-token",
    provider: "HashiCorp",
    description: "HashiCorp Vault legacy service token (s. format) next to a vault/token name",
    keywords: ["vault", "token"],
    // "s." + 24 base62 is common text ("s.AcceptanceTimeoutSeconds"), so it needs a vault or token
    // word shortly before it on the line, and real tokens mix cases and digits.
    pattern: /\bs\.[A-Za-z0-9]{24}(?![\w.-])(?<=(?:[Vv][Aa][Uu][Ll][Tt]|[Tt][Oo][Kk][Ee][Nn])[^\n]{0,60})/,
    entropy: 3.5,
    validate: (t) => mixed(t.slice(2)),
    severity: "critical",
    confidence: "medium",
    examples: {
      match: ["token: s.FyYrcyCj1riMWZfkqDBJLf4p", "export VAULT_TOKEN=s.FyYrcyCj1riMWZfkqDBJLf4p"], // keyward:allow
      noMatch: [
        "token: s.xxxxxxxxxxxxxxxxxxxxxxxx",
        "token: s.THISSTRINGISALLUPPERCASE",
        "token = s.makeKubeConfigController(args)",
        "s.FyYrcyCj1riMWZfkqDBJLf4p", // keyward:allow
      ],
    },
  },
  {
    id: "vault-batch-token",
    provider: "HashiCorp",
    description: "HashiCorp Vault batch token (hvb. format)",
    keywords: ["hvb."],
    prefixes: ["hvb."],
    pattern: /\b(hvb\.[\w-]{138,300})(?![\w.-])/,
    entropy: 4,
    severity: "high",
    confidence: "high",
    examples: {
      match: [
        "VAULT_TOKEN=hvb.AAAAAQ61eTxZrnprOnoskDahNOu25nzGiex1RPAdCq63L63djwiGWLgm3vu2EPMkeYjQjbz7daRnuaheHAO-cU5vbdtodQozPCuZ-Utv09icB7Tmc-y1CW8DR49ZLauo7k82V1nIn9efd5lNbJdZV3B1A7j_llRQ3y75dBkuxvEtmxKoEgESBtUQn2", // keyward:allow
      ],
      noMatch: ["VAULT_TOKEN=hvb.AAAAAQ61eTxZrnprOnoskDahNOu25nzGiex1RPAdCq63L6"], // keyward:allow
    },
  },
  {
    id: "terraform-cloud-api-token",
    provider: "HashiCorp",
    description: "Terraform Cloud / HCP Terraform / Terraform Enterprise API token",
    keywords: ["atlasv1"],
    pattern: /\b([A-Za-z0-9]{14}\.atlasv1\.[\w=-]{60,70})(?![\w=-])/,
    entropy: 3.5,
    severity: "critical",
    confidence: "high",
    examples: {
      match: [
        'credentials "app.terraform.io" { token = "CYoIdcco08Ghao.atlasv1.2FFhoFuNFpH2LgxyjehRVCCo9DT1KWACxYnxriKjnZpYzaz9ph9VkT8rOYODNQuAT1o" }', // keyward:allow
      ],
      noMatch: ['token = "xxxxxxxxxxxxxx.atlasv1.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"'],
    },
  },
  {
    id: "hashicorp-tf-password",
    provider: "HashiCorp",
    description: "Password hard-coded as a string literal in a Terraform / HCL file",
    keywords: ["password"],
    paths: ["*.tf", "*.tfvars", "*.hcl"],
    // An attribute whose name contains "password", assigned a quoted literal. References
    // (var.x, local.x) are not quoted; "${...}" interpolations are dropped by the global checks.
    pattern: /^\s{0,40}"?[\w-]{0,40}password[\w-]{0,20}"?\s{0,10}=\s{0,10}"(?<secret>[^"\n]{4,128})"/i,
    entropy: 2,
    allow: {
      // Sentinel words people assign instead of a password, and ARNs / paths naming where it is stored.
      secrets: [/^(?:password|passw0rd|secret|none|null|nil|empty|todo|tbd|\*+)$/i, /^arn:aws/, /^(?:projects|secrets?)\//],
      // Attributes that hold a policy or a reference, not the password itself.
      matches: [/password[\w-]{0,20}(?:_policy|_length|_version|_wo_version|_arn|_id|_name|_secret_name|_key_name)"?\s{0,10}=/i],
    },
    severity: "high",
    confidence: "medium",
    examples: {
      path: "modules/db/main.tf",
      match: ['  administrator_login_password = "Kq7#vR2!mZp9"', '  password       = "s3cr3t-Adm1n"'], // keyward:allow
      noMatch: [
        "  administrator_login_password = var.db_password",
        '  password = "${aws_db_instance.default.password}"',
        '  password_policy = "strong-enough"',
        '  password = ""',
      ],
    },
  },
];
