/**
 * Microsoft Azure: storage and Cosmos DB account keys, shared access signatures, Service Bus /
 * Event Hubs / IoT Hub shared access keys, Entra ID (Azure AD) client secrets, Azure DevOps
 * personal access tokens and the newer identifiable (CASK) keys.
 */
import type { Rule } from "../types.js";
import { ASSIGNMENT_GLUE } from "./saas.js";

/** `name = value`, `name: value`, `"name": "value"`, `name := value`, `name => value`, `f("name", "value")`. */
/** Identifier to value, in every assignment shape code and config use (saas.ts). */
const ASSIGN = ASSIGNMENT_GLUE;

/** A 64-byte key in standard base64: 86 characters and "==". */
const KEY88 = String.raw`[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])`;

/** Keys that are published on purpose: the Azurite / storage-emulator development account key. */
const EMULATOR_KEY = /^Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq\/K1SZFPTOtr\/KBHBeksoGMGw==$/; // keyward:allow

export const rules: readonly Rule[] = [
  {
    id: "azure-cosmosdb-key",
    provider: "Azure",
    description: "Azure Cosmos DB account key",
    keywords: ["documents.azure.com", "cosmos"],
    pattern: new RegExp(
      String.raw`(?:AccountEndpoint=https://[\w.-]{1,100}\.documents\.azure\.com[^;\s"']{0,10};\s?AccountKey=|cosmos[\w.-]{0,30}?key[\w.-]{0,10}?${ASSIGN})(?<secret>${KEY88})`,
      "i",
    ),
    entropy: 4.5,
    validate: (s) => !EMULATOR_KEY.test(s),
    severity: "critical",
    confidence: "high",
    examples: {
      match: [
        "AccountEndpoint=https://acme-prod.documents.azure.com:443/;AccountKey=VtllDDMGfPVtaOyRlr3GFmC7cXsB6DP+JBt20GkYre18w5I+maSimfEXwHWvC94kN1eyKcx7ZMGB9729AO2Gk4==;", // keyward:allow
        'COSMOS_DB_KEY="/PW17AOK5TyCSeFMKFZ5Ax04pls1RGvWsUJ4yNxk6ipnfoD13JnKIHbNDo000OuSbFiIrFSMo1e3z/jvn8fiN/=="', // keyward:allow
      ],
      noMatch: [
        "AccountEndpoint=https://acme-prod.documents.azure.com:443/;AccountKey=<key>;",
        "COSMOS_DB_KEY=${COSMOS_DB_KEY}",
      ],
    },
  },
  {
    id: "azure-storage-account-key",
    provider: "Azure",
    description: "Azure Storage account key (connection string AccountKey= or a storage key setting)",
    keywords: ["accountkey", "account_key", "account-key", "storage_key", "storagekey", "storage-key", "storage_access_key", "storageaccesskey"],
    pattern: new RegExp(String.raw`(?:AccountKey=|(?:account|storage)[_-]?(?:access[_-]?)?key[\w.-]{0,10}?${ASSIGN})(?<secret>${KEY88})`, "i"),
    entropy: 4.5,
    validate: (s) => !EMULATOR_KEY.test(s),
    severity: "critical",
    confidence: "high",
    examples: {
      match: [
        "DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey=VtllDDMGfPVtaOyRlr3GFmC7cXsB6DP+JBt20GkYre18w5I+maSimfEXwHWvC94kN1eyKcx7ZMGB9729AO2Gk4==;EndpointSuffix=core.windows.net", // keyward:allow
        "AZURE_STORAGE_KEY: /PW17AOK5TyCSeFMKFZ5Ax04pls1RGvWsUJ4yNxk6ipnfoD13JnKIHbNDo000OuSbFiIrFSMo1e3z/jvn8fiN/==", // keyward:allow
      ],
      noMatch: [
        // The storage emulator's published development key.
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;", // keyward:allow
        "DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey=$(STORAGE_KEY);",
        "AccountKey=VtllDDMGfPVtaOyRlr3GFmC7cXsB6DP+JBt20GkYre18w5I+maSim==", // keyward:allow
      ],
    },
  },
  {
    id: "azure-sas-token",
    provider: "Azure",
    description: "Azure shared access signature (SAS) token signature in a URL or connection string",
    keywords: ["sig="],
    // The signature is a base64 HMAC-SHA256 (usually URL-encoded). Only report it next to the
    // signed-version parameter (sv=YYYY-MM-DD), before or after it, so other `sig=` parameters pass.
    pattern: new RegExp(
      String.raw`[?&;]sig=(?<secret>[A-Za-z0-9%+/=]{43,120})(?![A-Za-z0-9%+/=])(?:(?<=\bsv=\d{4}-\d\d-\d\d[^\s"'<>]{0,700})|(?=[^\s"'<>]{0,300}[?&;]sv=\d{4}-\d\d-\d\d))`,
    ),
    entropy: 4,
    severity: "high",
    confidence: "high",
    examples: {
      match: [
        "https://acmeprod.blob.core.windows.net/backups?sv=2022-11-02&ss=b&srt=sco&sp=rwdlac&se=2030-01-01T00:00:00Z&st=2024-01-01T00:00:00Z&spr=https&sig=VqWC9825MZbhuQlmxuuAEtlaFci4tJUSAbFUUcQi%2B4O%3D", // keyward:allow
        "https://acmeprod.blob.core.windows.net/c/f.zip?sp=r&st=2024-01-01T00:00:00Z&se=2030-01-01T00:00:00Z&spr=https&sv=2022-11-02&sr=b&sig=VqWC9825MZbhuQlmxuuAEtlaFci4tJUSAbFUUcQi%2B4O%3D", // keyward:allow
      ],
      noMatch: [
        "https://acmeprod.blob.core.windows.net/backups?sv=2022-11-02&ss=b&srt=sco&sp=rwdlac&se=2030-01-01&sig=<signature>",
        "https://example.net/api?sig=VqWC9825MZbhuQlmxuuAEtlaFci4tJUSAbFUUcQi%2B4O%3D&t=1", // keyward:allow
      ],
    },
  },
  {
    id: "azure-shared-access-key",
    provider: "Azure",
    description: "Azure Service Bus / Event Hubs / IoT Hub / Relay shared access key",
    keywords: ["sharedaccesskey="],
    // A 32-byte key in standard base64: 43 characters and "=".
    pattern: /SharedAccessKey=(?<secret>[A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])/i,
    entropy: 4,
    severity: "critical",
    confidence: "high",
    examples: {
      match: [
        "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=JSrJHEcd4szpKG2tCW4oAE0VvOj10maZq9YJFvZo1Gv=", // keyward:allow
        "HostName=acme.azure-devices.net;DeviceId=dev1;SharedAccessKey=JSrJHEcd4szpKG2tCW4oAE0VvOj10maZq9YJFvZo1Gv=", // keyward:allow
      ],
      noMatch: [
        "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<key>",
        "SharedAccessKey={{ .Values.sbKey }}",
      ],
    },
  },
  {
    id: "azure-ad-client-secret",
    provider: "Azure",
    description: "Microsoft Entra ID (Azure AD) application client secret",
    keywords: ["q~"],
    // Current-format secrets: three characters, a version digit, "Q~", then 31-34 characters from
    // [A-Za-z0-9_.~-]. The whole value must stand alone (no longer run of the same alphabet).
    pattern: /(?<![\w.~-])(?<secret>[\w.~-]{3}\dQ~[\w.~-]{31,34})(?![\w.~-])/,
    entropy: 3.5,
    severity: "critical",
    confidence: "high",
    examples: {
      match: [
        "AZURE_CLIENT_SECRET=UEY8Q~nVsWMnqpxff2WCs-oRGg7ozGTt38tkxCkz", // keyward:allow
        '"clientSecret": "T8d7Q~M3760s0hNIoiG24aEaNhktiXxcRgzLR"', // keyward:allow
      ],
      noMatch: [
        "AZURE_CLIENT_SECRET=UEY8Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~",
        // Too long to be a client secret.
        "AQ~4~q8Q~3wIHjX9DT0yCNfQmr9oxmYrDZoQVLOdNg~yk0a", // keyward:allow
      ],
    },
  },
  {
    id: "azure-devops-pat",
    provider: "Azure",
    description: "Azure DevOps personal access token (84-character format with the AZDO signature)",
    keywords: ["azdo"],
    pattern: /\b([A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4})\b/,
    entropy: 4,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ["AZURE_DEVOPS_EXT_PAT=ZjkC7hHgcHZr72TNIu7iqHa1plXYtgv3ZQZvyuTXzTUdMSqGnlNltkvlvBYenipmXf9186XbNvq0AZDOmRJA"], // keyward:allow
      noMatch: ["AZURE_DEVOPS_EXT_PAT=ZjkC7hHgcHZr72TNIu7iqHa1plXYtgv3ZQZvyuTXzTUdMSq0AZDOmRJA"], // keyward:allow
    },
  },
  {
    id: "azure-devops-pat-legacy",
    provider: "Azure",
    description: "Azure DevOps personal access token (legacy 52-character base32) in a DevOps setting or git URL",
    keywords: ["azure_devops", "azure-devops", "azuredevops", "ado_pat", "ado_token", "azdo", "vsts", "dev.azure.com", "visualstudio.com"],
    // Legacy PATs are 52 lowercase base32 characters with nothing else to recognise them by, so
    // they are only reported under a DevOps-named setting or as the password of a DevOps git URL.
    pattern: new RegExp(
      String.raw`(?:(?:azure[_-]?devops|\bado|\bazdo|\bvsts)[\w.-]{0,20}?(?:pat|token)[\w.-]{0,10}?${ASSIGN}|https?://[^\s:/@]{0,60}:)(?<secret>[a-z2-7]{52})(?=@(?:dev\.azure\.com|[\w-]{1,60}\.visualstudio\.com)|["'\x60\s,;]|$)`,
      "i",
    ),
    entropy: 3.8,
    validate: (s) => /[2-7]/.test(s) && s === s.toLowerCase(),
    severity: "critical",
    confidence: "medium",
    examples: {
      match: [
        "AZURE_DEVOPS_PAT=q3nrm2y5xk7ldvgbpc4tzu6whfjoa2e5rkvnm7ql3ybxdgt4spci", // keyward:allow
        "git clone https://build:q3nrm2y5xk7ldvgbpc4tzu6whfjoa2e5rkvnm7ql3ybxdgt4spci@dev.azure.com/acme/app/_git/app", // keyward:allow
      ],
      noMatch: [
        "AZURE_DEVOPS_PAT=$(System.AccessToken)",
        "AZURE_DEVOPS_PAT=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "token = q3nrm2y5xk7ldvgbpc4tzu6whfjoa2e5rkvnm7ql3ybxdgt4spci", // keyward:allow
      ],
    },
  },
  {
    id: "azure-identifiable-key",
    provider: "Azure",
    description: "Azure common annotated security key (CASK: identifiable keys with the JQQJ9 signature)",
    keywords: ["jqqj9"],
    pattern: /\b([A-Za-z0-9]{52}JQQJ9[9DH][A-Za-z0-9]{24,28}(?:==)?)(?![A-Za-z0-9+/=])/,
    entropy: 4,
    severity: "critical",
    confidence: "high",
    examples: {
      match: ['AZURE_OPENAI_API_KEY="FyHBNlV341wAvwNh6ioAnLAYylQhwfTOMrKgSusnegiioa69pGMfJQQJ99JqQuaCkEHnyBVi1XiHU1Hdhxde"'], // keyward:allow
      noMatch: ['AZURE_OPENAI_API_KEY="FyHBNlV341wAvwNh6ioAnLAYylQhwfTOMrKgSusnegiioa69pGMfJQQJ99JqQ"'], // keyward:allow
    },
  },
];
