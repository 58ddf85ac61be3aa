/**
 * `.github/keyward.yml` as every CLI command reads it: strictly. A syntax error, an unknown key
 * or a broken `identities:` entry stops the command with exit 2 and each problem's
 * file:line:column — the same in `scan`, `audit`, `inventory` and `review`, so a typo in CI
 * never passes as "nothing found".
 */
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { CliError } from "../cli.js";
import { CONFIG_PATH, DEFAULT_CONFIG, parseConfig, type Config } from "../config.js";
import { inventoryFromConfigSource } from "../ownership/inventory.js";

export interface LoadedConfig {
  readonly config: Config;
  /** The file read, when there was one. */
  readonly path?: string;
}

/** `explicit` is a `--config FILE` (relative to `cwd`); otherwise ROOT/.github/keyward.yml when present. */
export async function loadCliConfig(root: string, cwd: string, explicit?: string): Promise<LoadedConfig> {
  const path = explicit ? resolve(cwd, explicit) : join(root, CONFIG_PATH);
  let source: string;
  try {
    source = await readFile(path, "utf8");
  } catch {
    if (explicit) throw new CliError(`cannot read config ${path}`);
    return { config: DEFAULT_CONFIG };
  }
  const parsed = parseConfig(source);
  // The schema takes identities as they come; their own module checks each entry.
  const problems = parsed.errors.length > 0 ? parsed.errors : inventoryFromConfigSource(source).errors;
  if (problems.length > 0) {
    const where = [...problems].sort((a, b) => a.line - b.line || a.column - b.column).map((e) => `  ${path}:${e.line}:${e.column}: ${e.message}`);
    throw new CliError(`invalid configuration:\n${where.join("\n")}`);
  }
  return { config: parsed.config, path };
}
