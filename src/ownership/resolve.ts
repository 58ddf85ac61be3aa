/**
 * Most specific first: an owner declared for the secret itself, then the owners of the file,
 * then whoever wrote the line. Pure apart from the blame lookup the caller passes in.
 */
import { authorOwner, type LineAuthor } from "./history.js";
import { ownersOf, type CodeownersRule } from "./codeowners.js";
import type { Identity } from "./inventory.js";
import type { Owner, OwnerSource } from "./types.js";

export interface OwnershipQuery {
  /** The secret's name when known (a workflow's `secrets.NAME`). */
  readonly secretName?: string;
  /** Repository-relative file path. */
  readonly path: string;
  /** 1-based; without it there is no line to blame. */
  readonly line?: number;
  /** The author of the commit that introduced the line, when the caller already has it (history scans). */
  readonly commitAuthor?: { readonly name?: string; readonly email: string };
}

export interface OwnershipSources {
  readonly identities: readonly Identity[];
  readonly codeowners?: readonly CodeownersRule[];
  readonly blame?: (path: string, line: number) => Promise<LineAuthor | undefined>;
}

export type Ownership =
  | { readonly owners: Owner[]; readonly source: "inventory"; readonly identity: Identity }
  | { readonly owners: Owner[]; readonly source: Exclude<OwnerSource, "inventory" | "github"> }
  | { readonly owners: []; readonly source: "none" };

export async function resolveOwners(query: OwnershipQuery, sources: OwnershipSources): Promise<Ownership> {
  // The inventory module (zod, yaml) loads only when there is an inventory: a CLI scan has none.
  const identity = query.secretName === undefined || sources.identities.length === 0 ? undefined : (await import("./inventory.js")).matchIdentity(sources.identities, query.secretName);
  if (identity) return { owners: [...identity.owners], source: "inventory", identity };

  // A CODEOWNERS line that leaves the path unowned gives nobody to ask, so fall through.
  const fromCodeowners = sources.codeowners ? ownersOf(sources.codeowners, query.path).owners : [];
  if (fromCodeowners.length > 0) return { owners: fromCodeowners, source: "codeowners" };

  const author = query.commitAuthor ?? (sources.blame && query.line !== undefined ? await sources.blame(query.path, query.line) : undefined);
  if (author?.email) return { owners: [authorOwner(author)], source: "history" };

  return { owners: [], source: "none" };
}
