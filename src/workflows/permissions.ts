/** The GITHUB_TOKEN a job actually gets: its own permissions, the workflow's, or the default. */
import type { Job, Permissions, Workflow } from "./model.js";

export type PermissionSource = "job" | "workflow" | "repository-default";

export interface EffectivePermissions {
  readonly source: PermissionSource;
  readonly permissions: Permissions;
}

export function effectivePermissions(job: Job, wf: Workflow): EffectivePermissions {
  if (job.permissions.kind !== "unset") return { source: "job", permissions: job.permissions };
  if (wf.permissions.kind !== "unset") return { source: "workflow", permissions: wf.permissions };
  return { source: "repository-default", permissions: { kind: "unset" } };
}

/** Scopes granted write; "*" for write-all. Unset is unknown, not "none". */
export function writeScopes(p: Permissions): string[] {
  if (p.kind === "all") return p.level === "write" ? ["*"] : [];
  if (p.kind === "scopes") return Object.entries(p.scopes).filter(([, l]) => l === "write").map(([s]) => s);
  return [];
}

/** Whether the token may write anything (unset counts: many repositories still default to write). */
export function mayWrite(e: EffectivePermissions): boolean {
  return e.permissions.kind === "unset" || writeScopes(e.permissions).length > 0;
}

export function describePermissions(e: EffectivePermissions): string {
  const p = e.permissions;
  const what =
    p.kind === "unset"
      ? "repository default (read-write on repositories created before 2023 unless changed)"
      : p.kind === "all"
        ? `${p.level}-all`
        : Object.keys(p.scopes).length === 0
          ? "none"
          : Object.entries(p.scopes)
              .map(([s, l]) => `${s}: ${l}`)
              .join(", ");
  return `${what} (from ${e.source})`;
}
