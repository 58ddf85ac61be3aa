/**
 * `keyward rules [PATH]`: what Keyward looks for in the repository at PATH — the built-in rules
 * (those the configuration turns off marked so) and the repository's own, each with the file it
 * comes from: `rules.custom` of .github/keyward.yml (or --config) and the `[[rules]]` of
 * .gitleaks.toml and the files its `[extend] path` names.
 */
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { CONFIG_PATH, GITLEAKS_PATH } from "../config-base.js";
import { ALL_RULES } from "../detect/rules/index.js";
import type { Rule } from "../detect/types.js";
import { CliError, EXIT, type Command } from "../cli.js";

const HELP = `Usage: keyward rules [PATH] [--config FILE] [--format text|json]

Lists the built-in rules and the repository's own at PATH (default: .): rules.custom of
.github/keyward.yml (or --config FILE) and the [[rules]] of .gitleaks.toml with the files its
[extend] path names, each with the file it comes from. Built-in rules the configuration
disables are marked (disabled).
`;

interface Listed {
  readonly rule: Rule;
  /** "built-in", or the file the rule comes from (repository-relative). */
  readonly source: string;
  readonly disabled: boolean;
}

export const rulesCommand: Command = async (args, io) => {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: "string", default: "text" }, config: { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    io.stdout(HELP);
    return EXIT.clean;
  }
  if (positionals.length > 1) throw new CliError(`expected at most one PATH, got ${positionals.length}`);
  if (values.format !== "text" && values.format !== "json") throw new CliError(`unknown format ${values.format}: text or json`);
  const listed = await rulesOf(resolve(io.cwd, positionals[0] ?? "."), io.cwd, values.config);
  if (values.format === "json") {
    const json = listed.map(({ rule: r, source, disabled }) => ({ id: r.id, provider: r.provider, description: r.description, severity: r.severity, confidence: r.confidence, keywords: r.keywords, source, ...(disabled ? { disabled } : {}) }));
    io.stdout(JSON.stringify(json, null, 2) + "\n");
    return EXIT.clean;
  }
  for (const { rule: r, source, disabled } of listed) {
    const note = [source !== "built-in" ? `from ${source}` : "", disabled ? "(disabled)" : ""].filter(Boolean).join(" ");
    io.stdout(`${r.id.padEnd(40)}${r.severity.padEnd(10)}${r.provider.padEnd(16)}${r.description}${note ? `  ${note}` : ""}\n`);
  }
  const own = listed.filter((l) => l.source !== "built-in").length;
  io.stdout(`${listed.length} rules${own ? ` (${own} of the repository's own)` : ""}\n`);
  return EXIT.clean;
};

/** The rules a scan of `root` would run, as scannerFor() builds them, with where each comes from. */
async function rulesOf(root: string, cwd: string, explicit: string | undefined): Promise<Listed[]> {
  const gitleaksText = await readFile(join(root, GITLEAKS_PATH), "utf8").catch(() => undefined);
  const hasConfig = explicit !== undefined || (await readFile(join(root, CONFIG_PATH), "utf8").then(() => true, () => false));
  const builtin = (disabled: ReadonlySet<string> = new Set()) => ALL_RULES.map((rule) => ({ rule, source: "built-in", disabled: disabled.has(rule.id) }));
  if (!hasConfig && gitleaksText === undefined) return builtin();
  const [{ loadCliConfig }, { withGitleaks }, { compileCustomRule }] = await Promise.all([import("./config-file.js"), import("../config.js"), import("../detect/custom/compile.js")]);
  const loaded = await loadCliConfig(root, cwd, explicit);
  const read = await withGitleaks(loaded.config, gitleaksText, join(root, GITLEAKS_PATH), new Set(ALL_RULES.map((r) => r.id)), {
    read: (path) => readFile(join(root, path), "utf8").catch(() => undefined),
    shown: (path) => join(root, path),
  });
  if (read.errors.length > 0) throw new CliError(`invalid configuration:\n${read.errors.map((e) => `  ${e.file}:${e.line}:${e.column}: ${e.message}`).join("\n")}`);
  const config = read.config;
  const disabled = new Set([...config.rules.disable, ...(config.gitleaks?.disable ?? [])]);
  // As scannerFor() merges them: by id, .gitleaks.toml's first, keyward.yml's replacing them.
  const configFile = loaded.path ? (loaded.path.startsWith(`${root}/`) ? loaded.path.slice(root.length + 1) : loaded.path) : CONFIG_PATH;
  const own = new Map<string, Listed>();
  const builtinIds = new Set(ALL_RULES.map((r) => r.id));
  for (const rule of config.gitleaks?.rules ?? []) if (!builtinIds.has(rule.id)) own.set(rule.id, { rule, source: read.ruleFiles.get(rule.id) ?? GITLEAKS_PATH, disabled: disabled.has(rule.id) });
  for (const spec of config.rules.custom) own.set(spec.id, { rule: compileCustomRule(spec), source: configFile, disabled: disabled.has(spec.id) });
  return [...builtin(disabled).filter((l) => !own.has(l.rule.id)), ...own.values()];
}
