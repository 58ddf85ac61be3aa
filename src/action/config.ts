/**
 * The configuration in Action mode: the `config` input's file in the checkout (or, without a
 * checkout, through the API as the App reads it), with the action's own settings laid over it —
 * `fail-on`, and issues switched off when the job's token may not write them. The result is
 * passed to the use cases as the App passes the repository's.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { isMap, isScalar, parseDocument } from "yaml";
import { parseConfig, type ParsedConfig } from "../config.js";
import { loadRepoConfig } from "../remediate/github/repo-files.js";
import type { Octokit } from "../remediate/types.js";

export interface ActionConfig {
  /** The file's text; empty when there is none (the defaults). */
  readonly text: string;
  /** Where it came from, for messages: a workspace path, owner/.github:path, or "defaults". */
  readonly file: string;
  readonly parsed: ParsedConfig;
}

function loaded(text: string, file: string): ActionConfig {
  return { text, file, parsed: parseConfig(text) };
}

/** The `config` input's file in the checkout, when it is there. */
export async function workspaceConfig(workspace: string, path: string): Promise<ActionConfig | undefined> {
  const text = await readFile(resolve(workspace, path), "utf8").catch(() => undefined);
  return text === undefined ? undefined : loaded(text, path);
}

/** Without a checkout: the file at the change's head, else the organisation's `.github` repository's. */
export async function remoteConfig(octokit: Octokit, repo: { owner: string; repo: string }, ref: string, path: string): Promise<ActionConfig> {
  const found = await loadRepoConfig(octokit, repo, ref, path);
  return loaded(found.text, found.source);
}

/**
 * `text` with one setting set to `value` and every other line where it was, so configuration
 * errors and inventory findings keep their line numbers: the value replaced in place, or the
 * setting appended when its top-level key is absent. Undefined when the file's shape leaves no
 * such edit (a flow mapping, a syntax error, `issues:` present without `enabled:`).
 */
export function withSetting(text: string, path: readonly [string] | readonly [string, string], value: string): string | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return undefined;
  if (doc.contents !== null && !(isMap(doc.contents) && !doc.contents.flow)) return undefined;
  const node = doc.getIn(path, true);
  if (isScalar(node) && node.range) return text.slice(0, node.range[0]) + value + text.slice(node.range[1]);
  if (node !== undefined || doc.has(path[0])) return undefined;
  const block = path.length === 1 ? `${path[0]}: ${value}\n` : `${path[0]}:\n  ${path[1]}: ${value}\n`;
  return text + (text === "" || text.endsWith("\n") ? "" : "\n") + block;
}
