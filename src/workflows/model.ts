/**
 * GitHub Actions workflows and composite actions, parsed with `yaml` into a typed model.
 * Values are plain data; every element keeps its YAML path, and `locate()` turns a path into
 * line and column only when a finding is reported (locations stay symbolic until the end).
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";

export type YamlPath = readonly (string | number)[];

export type Level = "read" | "write" | "none";

/** Effective `permissions:` of a workflow or job, as GitHub reads them. */
export type Permissions =
  /** Not declared: the token gets the repository's (or the workflow's) default. */
  | { readonly kind: "unset" }
  | { readonly kind: "all"; readonly level: "read" | "write" }
  /** An explicit map; scopes not listed are `none`. `{}` is a map with no scopes. */
  | { readonly kind: "scopes"; readonly scopes: Readonly<Record<string, Level>> };

/** What a `uses:` points at. */
export type ActionRef =
  | { readonly kind: "local"; readonly raw: string; readonly path: string }
  | { readonly kind: "docker"; readonly raw: string; readonly image: string; readonly pinned: boolean }
  | { readonly kind: "repo"; readonly raw: string; readonly owner: string; readonly repo: string; readonly subpath: string; readonly ref: string; readonly pinned: boolean };

export interface Step {
  readonly index: number;
  readonly path: YamlPath;
  readonly id?: string;
  readonly name?: string;
  readonly uses?: ActionRef;
  readonly run?: string;
  readonly with: Readonly<Record<string, string>>;
  readonly env: Readonly<Record<string, string>>;
  readonly if?: string;
}

export interface Job {
  readonly id: string;
  readonly path: YamlPath;
  readonly name?: string;
  readonly permissions: Permissions;
  readonly env: Readonly<Record<string, string>>;
  readonly environment?: string;
  readonly steps: readonly Step[];
  /** A reusable-workflow call (`jobs.<id>.uses`), with what it is handed. */
  readonly uses?: ActionRef;
  readonly with: Readonly<Record<string, string>>;
  readonly secrets?: "inherit" | Readonly<Record<string, string>>;
  readonly if?: string;
}

export interface Trigger {
  readonly event: string;
  readonly config: unknown;
}

interface Located {
  readonly file: string;
  /** Turns a YAML path into a 1-based position (of the value; of the key with `key: true`). */
  locate(path: YamlPath, opts?: { key?: boolean }): { line: number; column: number; endLine: number; endColumn: number };
  /** The raw text of a 1-based line (for inline ignore comments). */
  lineText(line: number): string;
}

export interface Workflow extends Located {
  readonly kind: "workflow";
  readonly name?: string;
  readonly triggers: readonly Trigger[];
  readonly permissions: Permissions;
  readonly env: Readonly<Record<string, string>>;
  readonly jobs: readonly Job[];
}

export interface CompositeAction extends Located {
  readonly kind: "action";
  readonly name?: string;
  readonly steps: readonly Step[];
}

export type ParseResult =
  | { readonly ok: true; readonly value: Workflow | CompositeAction }
  | { readonly ok: false; readonly file: string; readonly message: string; readonly line: number; readonly column: number };

/** Inputs past these limits are refused with a finding instead of risking a hang. */
export const LIMITS = { maxBytes: 1024 * 1024, maxAliases: 1000, maxDepth: 64 } as const;

export function parseWorkflowFile(file: string, source: string, kind: "workflow" | "action" = "workflow"): ParseResult {
  const fail = (message: string, line = 1, column = 1): ParseResult => ({ ok: false, file, message, line, column });
  if (source.length > LIMITS.maxBytes) return fail(`file is ${(source.length / 1048576).toFixed(1)} MiB; workflows over ${LIMITS.maxBytes / 1048576} MiB are not parsed`);
  const depth = nestingDepth(source);
  if (depth > LIMITS.maxDepth) return fail(`nesting ${depth} levels deep exceeds the limit of ${LIMITS.maxDepth}`);
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, strict: false, uniqueKeys: false });
  const first = doc.errors[0];
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    return fail(`invalid YAML: ${first.message.split("\n")[0]}`, pos.line, pos.col);
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: LIMITS.maxAliases });
  } catch (err) {
    return fail(`YAML cannot be expanded: ${(err as Error).message.split("\n")[0]}`);
  }
  if (!isObject(raw)) return fail(kind === "workflow" ? "a workflow must be a mapping with `on` and `jobs`" : "an action must be a mapping with `runs`");
  const lines = source.split("\n");
  const located: Located = {
    file,
    locate: (path, opts) => locate(doc, lineCounter, path, opts?.key ?? false),
    lineText: (line) => lines[line - 1] ?? "",
  };
  if (kind === "action") {
    const runs = isObject(raw.runs) ? raw.runs : {};
    const steps = Array.isArray(runs.steps) ? toSteps(runs.steps, ["runs", "steps"]) : [];
    return { ok: true, value: { ...located, kind: "action", ...opt("name", str(raw.name)), steps } };
  }
  if (!("jobs" in raw) || !isObject(raw.jobs)) return fail("a workflow needs a `jobs` mapping", ...pos(located, []));
  const jobs = Object.entries(raw.jobs).map(([id, j]) => toJob(id, j));
  return {
    ok: true,
    value: {
      ...located,
      kind: "workflow",
      ...opt("name", str(raw.name)),
      triggers: toTriggers(raw.on ?? raw["true"]),
      permissions: toPermissions(raw.permissions, "permissions" in raw),
      env: toStringMap(raw.env),
      jobs,
    },
  };
}

function pos(l: Located, path: YamlPath): [number, number] {
  const p = l.locate(path);
  return [p.line, p.column];
}

function toTriggers(on: unknown): Trigger[] {
  if (typeof on === "string") return [{ event: on, config: null }];
  if (Array.isArray(on)) return on.filter((e): e is string => typeof e === "string").map((event) => ({ event, config: null }));
  if (isObject(on)) return Object.entries(on).map(([event, config]) => ({ event, config }));
  return [];
}

export function toPermissions(value: unknown, declared: boolean): Permissions {
  if (!declared || value === undefined || value === null) return declared && value === null ? { kind: "scopes", scopes: {} } : { kind: "unset" };
  if (value === "write-all") return { kind: "all", level: "write" };
  if (value === "read-all") return { kind: "all", level: "read" };
  if (isObject(value)) {
    const scopes: Record<string, Level> = {};
    for (const [k, v] of Object.entries(value)) if (v === "read" || v === "write" || v === "none") scopes[k] = v;
    return { kind: "scopes", scopes };
  }
  return { kind: "unset" };
}

function toJob(id: string, j: unknown): Job {
  const job = isObject(j) ? j : {};
  const path = ["jobs", id];
  const secrets: Job["secrets"] = job.secrets === "inherit" ? "inherit" : isObject(job.secrets) ? toStringMap(job.secrets) : undefined;
  const environment = typeof job.environment === "string" ? job.environment : isObject(job.environment) ? str(job.environment.name) : undefined;
  return {
    id,
    path,
    ...opt("name", str(job.name)),
    permissions: toPermissions(job.permissions, "permissions" in job),
    env: toStringMap(job.env),
    ...opt("environment", environment),
    steps: Array.isArray(job.steps) ? toSteps(job.steps, [...path, "steps"]) : [],
    ...opt("uses", typeof job.uses === "string" ? parseActionRef(job.uses) : undefined),
    with: toStringMap(job.with),
    ...opt("secrets", secrets),
    ...opt("if", str(job.if)),
  };
}

/** Steps in order; a `parallel:` group's steps are flattened in place, keeping their paths. */
function toSteps(list: readonly unknown[], base: YamlPath): Step[] {
  const out: Step[] = [];
  list.forEach((s, i) => {
    if (isObject(s) && Array.isArray(s.parallel)) s.parallel.forEach((p, k) => out.push(toStep(p, out.length, [...base, i, "parallel", k])));
    else out.push(toStep(s, out.length, [...base, i]));
  });
  return out;
}

function toStep(s: unknown, index: number, path: YamlPath): Step {
  const step = isObject(s) ? s : {};
  return {
    index,
    path,
    ...opt("id", str(step.id)),
    ...opt("name", str(step.name)),
    ...opt("uses", typeof step.uses === "string" ? parseActionRef(step.uses) : undefined),
    ...opt("run", str(step.run)),
    with: toStringMap(step.with),
    env: toStringMap(step.env),
    ...opt("if", str(step.if)),
  };
}

const SHA = /^[0-9a-f]{40}$/;

export function parseActionRef(raw: string): ActionRef {
  const value = raw.trim();
  if (value.startsWith("./") || value.startsWith(".\\")) return { kind: "local", raw: value, path: value.slice(2) };
  if (value.startsWith("docker://")) {
    const image = value.slice("docker://".length);
    return { kind: "docker", raw: value, image, pinned: /@sha256:[0-9a-f]{64}$/.test(image) };
  }
  const at = value.lastIndexOf("@");
  const target = at >= 0 ? value.slice(0, at) : value;
  const ref = at >= 0 ? value.slice(at + 1) : "";
  const [owner = "", repo = "", ...rest] = target.split("/");
  return { kind: "repo", raw: value, owner, repo, subpath: rest.join("/"), ref, pinned: SHA.test(ref) };
}

function toStringMap(value: unknown): Record<string, string> {
  if (!isObject(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === undefined) continue;
    out[k] = typeof v === "object" ? JSON.stringify(v) : String(v);
  }
  return out;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : undefined;
}

/** `{...opt("k", v)}` adds k only when v is defined (exactOptionalPropertyTypes-friendly). */
function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Cheap upper bound on nesting (flow brackets and indentation), checked before parsing. */
function nestingDepth(source: string): number {
  let flow = 0;
  let maxFlow = 0;
  let maxIndent = 0;
  let atLineStart = true;
  let indent = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) {
      atLineStart = true;
      indent = 0;
      continue;
    }
    if (atLineStart) {
      if (c === 32) {
        indent++;
        continue;
      }
      atLineStart = false;
      if (c !== 35) maxIndent = Math.max(maxIndent, indent);
    }
    if (c === 91 || c === 123) maxFlow = Math.max(maxFlow, ++flow);
    else if (c === 93 || c === 125) flow = Math.max(0, flow - 1);
  }
  return Math.max(maxFlow, Math.floor(maxIndent / 2));
}

function locate(doc: Document, lc: LineCounter, path: YamlPath, wantKey: boolean): { line: number; column: number; endLine: number; endColumn: number } {
  // Walk the document by path, following aliases, remembering the deepest node found.
  let node: Node | null | undefined = doc.contents as Node | null;
  let keyNode: Node | undefined;
  let best: Node | undefined = node ?? undefined;
  for (const part of path) {
    if (node && isAlias(node)) node = node.resolve(doc) as Node | undefined;
    if (!node) break;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(part));
      if (!pair) break;
      keyNode = pair.key as Node;
      node = pair.value as Node | null;
      best = (node ?? keyNode) as Node;
    } else if (isSeq(node) && typeof part === "number") {
      node = node.items[part] as Node | undefined;
      keyNode = undefined;
      if (node) best = node;
    } else break;
  }
  const target = wantKey && keyNode ? keyNode : best;
  const range = target?.range ?? [0, 0, 0];
  const a = lc.linePos(range[0]);
  const b = lc.linePos(Math.max(range[0], range[1]));
  return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
}
