/**
 * `.github/keyward.yml`: parsed and validated once, where it enters. Functions downstream take
 * the narrow slice they need. An invalid file yields located errors and the defaults.
 */
import { closest, distance } from "fastest-levenshtein";
import { LineCounter, parseDocument, isMap, isScalar, type Document } from "yaml";
import { z } from "zod";
import { SEVERITIES, type Severity } from "./detect/types.js";
import { specProblems } from "./detect/custom/rule.js";
import { GITLEAKS_CONFIG_PATH, readGitleaksChain, type GitleaksConfig } from "./detect/custom/gitleaks.js";
import { duration } from "./ownership/inventory.js";
import { PROVIDERS } from "./revoke/types.js";
import { atLeast, CONFIG_PATH } from "./config-base.js";

export { atLeast, CONFIG_PATH };

const severity = z.enum(SEVERITIES as [Severity, ...Severity[]]);

/** One of a team's own rules (`rules.custom`); src/detect/custom/rule.ts checks and compiles it. */
const customRuleSchema = z
  .strictObject({
    /** Kebab-case id; a built-in rule's id replaces that rule. */
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "ids are kebab-case (a-z, 0-9, -)"),
    description: z.string().optional(),
    /** JavaScript regular expression, every repetition bounded; a leading (?i) is the case-insensitive flag. */
    regex: z.string(),
    /** The capture group holding the secret (number or name). */
    secret_group: z.union([z.number().int().min(1), z.string().min(1)]).optional(),
    /** Literals, one of which must be on a line for the rule to run there. */
    keywords: z.array(z.string()).min(1, "name at least one keyword"),
    /** Minimum Shannon entropy of the secret (bits per character). */
    entropy: z.number().min(0).max(8).optional(),
    severity: severity.default("high"),
    /** Only files matching these globs. */
    paths: z.array(z.string()).optional(),
    /** Candidates this rule never reports: regexes on the secret or the match, stopwords. */
    allow: z.strictObject({ secrets: z.array(z.string()).optional(), matches: z.array(z.string()).optional(), stopwords: z.array(z.string()).optional() }).optional(),
  })
  .superRefine((spec, ctx) => {
    for (const p of specProblems(spec)) ctx.addIssue({ code: "custom", path: [...p.path], message: p.message });
  });

export const configSchema = z.strictObject({
  /** Rule ids to turn off (e.g. a noisy generic rule). */
  rules: z
    .strictObject({
      disable: z.array(z.string()).default([]),
      /** A team's own rules, run beside the built-in ones (see "Custom rules" in the README). */
      custom: z
        .array(customRuleSchema)
        .default([])
        .superRefine((list, ctx) => {
          const seen = new Set<string>();
          list.forEach((r, i) => {
            if (seen.has(r.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: `a second custom rule with id ${r.id}` });
            seen.add(r.id);
          });
        }),
    })
    .default({ disable: [], custom: [] }),
  /** Paths (minimatch globs, relative to the repository root) never scanned. */
  paths: z
    .strictObject({
      ignore: z.array(z.string()).default([]),
    })
    .default({ ignore: [] }),
  /** Values that are never secrets in this repository. */
  allow: z
    .strictObject({
      /** Regular expressions tested against each candidate secret. */
      secrets: z
        .array(
          z.string().refine((s) => {
            try {
              new RegExp(s);
              return true;
            } catch {
              return false;
            }
          }, "not a valid regular expression"),
        )
        .default([]),
      /** Case-insensitive substrings that make a candidate a non-finding. */
      stopwords: z.array(z.string()).default([]),
    })
    .default({ secrets: [], stopwords: [] }),
  /** The least severity that fails a check run or a CLI run. */
  fail_on: severity.default("low"),
  /** Remediation issues opened by the App. */
  issues: z
    .strictObject({
      enabled: z.boolean().default(true),
      labels: z.array(z.string()).default([]),
    })
    .default({ enabled: true, labels: [] }),
  /** Scan every commit's history when the App is installed (not only the default branch). */
  history: z
    .strictObject({
      on_install: z.boolean().default(false),
    })
    .default({ on_install: false }),
  /**
   * Automatic revocation of leaked credentials by the App (off unless asked for). Only the
   * secrets found in the delivery at hand, only through each credential's own provider.
   */
  revoke: z
    .strictObject({
      /** `off`; `dry-run`: say in the issue what would be revoked, send nothing; `on`: revoke. */
      mode: z.enum(["off", "dry-run", "on"]).default("off"),
      /** Providers Keyward may ask to revoke: GitHub's credentials API, Slack's auth.revoke. */
      providers: z.array(z.enum(PROVIDERS)).default([...PROVIDERS]),
      /** `public-repos`: revoke only what leaked in public repositories; `all`: private ones too. */
      scope: z.enum(["public-repos", "all"]).default("public-repos"),
    })
    .default({ mode: "off", providers: [...PROVIDERS], scope: "public-repos" }),
  /** Whether leaked credentials still work, asked of their provider at most once a day each. */
  validity: z
    .strictObject({
      check: z.boolean().default(false),
    })
    .default({ check: false }),
  /**
   * The sweep of what GitHub holds (`keyward audit --org` and the App), read from the
   * organisation's `.github` repository: org-wide policy. Durations as in `identities:`.
   */
  inventory: z
    .strictObject({
      /** Who reviews the findings about identities nobody owns — @user, @org/team or email. */
      governance: z.array(z.string()).default([]),
      /** Rotation period for a secret or deploy key whose inventory entry sets no `rotate_every`. */
      rotate_every: duration.default(365),
      /** A deploy key unused (or never used since added) this long is stale. */
      deploy_key_idle: duration.default(90),
      /** A personal access token unused (or never used since granted) this long is unused. */
      pat_idle: duration.default(90),
      /** How long `/keyward reviewed` accepts a finding before the sweep asks again. */
      review_holds: duration.default(90),
    })
    .default({ governance: [], rotate_every: 365, deploy_key_idle: 90, pat_idle: 90, review_holds: 90 }),
  /** The identity inventory (see the workflow audit). Validated by its own module. */
  identities: z.array(z.unknown()).default([]),
});

export type Config = z.infer<typeof configSchema> & {
  /** The repository's `.gitleaks.toml`, when it has one (not a key of keyward.yml): see withGitleaks(). */
  readonly gitleaks?: GitleaksConfig;
};

export { GITLEAKS_CONFIG_PATH };

/** Where `[extend] path` files of a `.gitleaks.toml` are read from: the repository. */
export interface GitleaksFiles {
  /** A repository-relative file's text; undefined when there is none. */
  readonly read: (path: string) => Promise<string | undefined>;
  /** How a repository-relative file is named in errors and notes (default: as it is). */
  readonly shown?: (path: string) => string;
}

/**
 * `config` with a repository's `.gitleaks.toml` (`text`) read into it, with the files its
 * `[extend] path` names (readGitleaksChain; without `files`, none can be read): its rules,
 * disabled rules and allowlists. Errors are located in their file (`file` for this one), notes
 * say what Keyward reads differently. A rule with a built-in rule's id (`builtinIds`) is
 * gitleaks' copy of a rule Keyward has: skipped.
 */
export async function withGitleaks<C extends Partial<Config>>(config: C, text: string | undefined, file: string, builtinIds: ReadonlySet<string> = new Set(), files?: GitleaksFiles): Promise<{ config: C; errors: Array<ConfigError & { file: string }>; notes: string[]; ruleFiles: ReadonlyMap<string, string> }> {
  if (text === undefined) return { config, errors: [], notes: [], ruleFiles: new Map() };
  const shown = (path: string) => (path === GITLEAKS_CONFIG_PATH ? file : (files?.shown?.(path) ?? path));
  const read = await readGitleaksChain(GITLEAKS_CONFIG_PATH, text, files?.read ?? (async () => undefined), builtinIds);
  return {
    config: { ...config, gitleaks: read.config },
    errors: read.errors.map((e) => ({ ...e, file: shown(e.file) })),
    notes: read.notes.map((n) => (n.startsWith(`${GITLEAKS_CONFIG_PATH}: `) ? `${file}: ${n.slice(GITLEAKS_CONFIG_PATH.length + 2)}` : n)),
    /** Each gitleaks rule's file, repository-relative. */
    ruleFiles: read.ruleFiles,
  };
}

export const DEFAULT_CONFIG: Config = configSchema.parse({});

export interface ConfigError {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export interface ParsedConfig {
  readonly config: Config;
  readonly errors: readonly ConfigError[];
  /** The parsed YAML document, for modules that need node positions (the inventory). */
  readonly document?: Document;
  readonly lineCounter?: LineCounter;
}

export function parseConfig(source: string): ParsedConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const errors: ConfigError[] = doc.errors.map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    return { message: e.message.split("\n")[0]!, line: pos.line, column: pos.col };
  });
  if (errors.length > 0) return { config: DEFAULT_CONFIG, errors, document: doc, lineCounter };
  const raw = doc.toJS({ maxAliasCount: 100 }) ?? {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    return { config: DEFAULT_CONFIG, errors: [{ message: "the config must be a mapping of settings", line: 1, column: 1 }], document: doc, lineCounter };
  }
  const result = configSchema.safeParse(raw);
  if (result.success) return { config: result.data, errors: [], document: doc, lineCounter };
  const located = result.error.issues.flatMap((issue): ConfigError[] => {
    // A misspelt key would otherwise be dropped without a word: point at the key itself.
    if (issue.code === "unrecognized_keys") return issue.keys.map((key) => unknownKey(doc, lineCounter, issue.path as Array<string | number>, key));
    const node = doc.getIn(issue.path as Array<string | number>, true) as { range?: [number, number, number] } | undefined;
    const parentNode = node?.range ? node : (doc.getIn(issue.path.slice(0, -1) as Array<string | number>, true) as { range?: [number, number, number] } | undefined);
    const at = parentNode?.range ? lineCounter.linePos(parentNode.range[0]) : isMap(doc.contents) && doc.contents.range ? lineCounter.linePos(doc.contents.range[0]) : { line: 1, col: 1 };
    return [{ message: `${issue.path.join(".") || "(root)"}: ${issue.message}`, line: at.line, column: at.col }];
  });
  return { config: DEFAULT_CONFIG, errors: located, document: doc, lineCounter };
}

/** `unknown key "fail_onn" (did you mean "fail_on"?)`, at the key's line and column. */
function unknownKey(doc: Document, lineCounter: LineCounter, path: Array<string | number>, key: string): ConfigError {
  const parent = path.length === 0 ? doc.contents : doc.getIn(path, true);
  const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && String(p.key.value) === key) : undefined;
  const range = (isScalar(pair?.key) ? pair.key.range : undefined) ?? (parent as { range?: [number, number, number] } | null)?.range;
  const at = range ? lineCounter.linePos(range[0]) : { line: 1, col: 1 };
  const known = knownKeys(path);
  const near = known.length > 0 ? closest(key, known) : undefined;
  const where = path.length ? `${path.join(".")}.${key}` : key;
  const hint = near !== undefined && distance(key, near) <= Math.max(2, Math.floor(near.length / 3)) ? ` (did you mean "${near}"?)` : ` (known: ${known.join(", ")})`;
  return { message: `${where}: unknown key${hint}`, line: at.line, column: at.col };
}

/** The keys the schema allows at a path (defaults and optionals unwrapped). */
function knownKeys(path: ReadonlyArray<string | number>): string[] {
  let schema: z.ZodType = configSchema;
  for (const part of [...path, undefined]) {
    while (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
    if (schema instanceof z.ZodArray && typeof part === "number") {
      schema = schema.element as z.ZodType;
      continue;
    }
    if (!(schema instanceof z.ZodObject)) return [];
    if (part === undefined) return Object.keys(schema.shape);
    const next = (schema.shape as Record<string, z.ZodType>)[String(part)];
    if (!next) return [];
    schema = next;
  }
  return [];
}
