/**
 * The identity inventory (`identities:` in `.github/keyward.yml`): who owns each secret, what
 * it is for, and when it must next be rotated and reviewed. A bad entry is reported where it
 * is written and skipped; the rest still load, so one typo never hides every owner.
 */
import { minimatch } from "minimatch";
import { isNode, LineCounter, parseDocument, type Document } from "yaml";
import { z } from "zod";
import { parseOwner, type Owner } from "./types.js";

export interface Identity {
  /** A secret name, or a glob over names (`AWS_*`). */
  readonly secret: string;
  /** Never empty. */
  readonly owners: readonly Owner[];
  readonly purpose?: string;
  readonly rotateEveryDays?: number;
  readonly lastRotated?: Date;
  readonly expires?: Date;
  readonly reviewEveryDays?: number;
  readonly lastReviewed?: Date;
  /** Where the entry starts in the config file, so a report can point at it. */
  readonly line: number;
}

export interface InventoryError {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

export interface Inventory {
  readonly identities: readonly Identity[];
  readonly errors: readonly InventoryError[];
}

/** Position of a node in the config document, from its path (`["identities", 0, "owners"]`). */
export type Locate = (path: ReadonlyArray<string | number>) => { line: number; column: number };

const UNIT_DAYS = { d: 1, w: 7, m: 30, y: 365 } as const;
const DURATION = /^(\d+)\s*([dwmy])$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const expected = (what: string) => (issue: { input?: unknown }) => (issue.input === undefined ? "is required" : `expected ${what}`);

/** A duration like 90d, 12w, 6m or 1y, as a number of days (also the inventory policy's, in config.ts). */
export const duration = z.string({ error: expected("a duration like 90d, 12w, 6m or 1y") }).transform((text, ctx) => {
  const m = DURATION.exec(text.trim());
  const days = m ? Number(m[1]) * UNIT_DAYS[m[2] as keyof typeof UNIT_DAYS] : 0;
  if (days > 0) return days;
  ctx.addIssue({ code: "custom", message: `"${text}" is not a duration: use a positive number of d, w, m (30 days) or y (365 days), like 90d` });
  return z.NEVER;
});

// YAML 1.2 reads `2026-01-15` as text; a YAML 1.1 document (or a caller) may hand over a Date.
const isoDate = z.union([z.string(), z.date()], { error: expected("a date like 2026-01-15") }).transform((value, ctx) => {
  const date = typeof value === "string" ? parseIsoDate(value) : Number.isNaN(value.getTime()) ? undefined : utcMidnight(value);
  if (date) return date;
  ctx.addIssue({ code: "custom", message: `"${String(value)}" is not a date: use YYYY-MM-DD, like 2026-01-15` });
  return z.NEVER;
});

const owner = z.string({ error: expected("an owner") }).transform((text, ctx) => {
  const parsed = parseOwner(text.trim(), "inventory");
  if (parsed) return parsed;
  ctx.addIssue({ code: "custom", message: `"${text}" is not an owner: use @user, @org/team or an email address` });
  return z.NEVER;
});

const entrySchema = z.strictObject(
  {
    /** The secret's name as the workflow writes it, or a case-sensitive glob (`AWS_*`). */
    secret: z.string({ error: expected("a secret name or glob") }).trim().min(1, "is required"),
    /** Who answers for the secret: @user, @org/team or an email address. */
    owners: z.array(owner, { error: expected("a list of owners") }).min(1, "list at least one owner"),
    /** What the secret is for, in a few words (the auditor's first question). */
    purpose: z.string({ error: expected("text") }).trim().min(1, "must not be empty").optional(),
    /** How often the secret must be rotated. */
    rotate_every: duration.optional(),
    last_rotated: isoDate.optional(),
    /** When the credential stops working (a fine-grained token's expiry, a certificate's notAfter). */
    expires: isoDate.optional(),
    /** How often an owner must confirm the secret is still needed and rightly scoped. */
    review_every: duration.optional(),
    last_reviewed: isoDate.optional(),
  },
  { error: expected("a mapping with at least secret and owners") },
);

export function parseInventory(raw: unknown, locate: Locate): Inventory {
  if (raw === undefined || raw === null) return { identities: [], errors: [] };
  if (!Array.isArray(raw)) return { identities: [], errors: [{ message: "identities: expected a list of entries", ...locate(["identities"]) }] };
  const identities: Identity[] = [];
  const errors: InventoryError[] = [];
  const seen = new Map<string, number>();
  raw.forEach((entry: unknown, i) => {
    const at = (...path: Array<string | number>) => locate(["identities", i, ...path]);
    const result = entrySchema.safeParse(entry);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
        if (issue.code === "unrecognized_keys") {
          for (const key of issue.keys) errors.push({ message: `identities.${i}: unknown field "${key}"`, ...at(...path, key) });
        } else {
          errors.push({ message: `${["identities", i, ...path].join(".")}: ${issue.message}`, ...at(...path) });
        }
      }
      return;
    }
    const e = result.data;
    const line = at().line;
    const previous = seen.get(e.secret);
    if (previous !== undefined) {
      errors.push({ message: `identities.${i}.secret: "${e.secret}" is already listed on line ${previous}`, ...at("secret") });
      return;
    }
    seen.set(e.secret, line);
    identities.push({
      secret: e.secret,
      owners: e.owners,
      purpose: e.purpose,
      rotateEveryDays: e.rotate_every,
      lastRotated: e.last_rotated,
      expires: e.expires,
      reviewEveryDays: e.review_every,
      lastReviewed: e.last_reviewed,
      line,
    });
  });
  return { identities, errors };
}

/** The inventory straight from the config file's text, for callers that have nothing else. */
export function inventoryFromConfigSource(source: string): Inventory {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      identities: [],
      errors: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { message: e.message.split("\n")[0]!, line: pos.line, column: pos.col };
      }),
    };
  }
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return { identities: [], errors: [{ message: (err as Error).message, line: 1, column: 1 }] };
  }
  const raw = typeof root === "object" && root !== null && !Array.isArray(root) ? (root as Record<string, unknown>).identities : undefined;
  return parseInventory(raw, locateIn(doc, lineCounter));
}

/** The nearest existing node on the path: a missing field is reported at its entry. */
function locateIn(doc: Document, lineCounter: LineCounter): Locate {
  return (path) => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) {
        const pos = lineCounter.linePos(node.range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return { line: 1, column: 1 };
  };
}

const GLOB_OPTIONS = { nocomment: true, nonegate: true, noext: true, dot: true, platform: "linux" } as const;

/** An entry naming the secret exactly wins over any glob; among globs, the first listed. */
export function matchIdentity<T extends Pick<Identity, "secret">>(identities: readonly T[], secretName: string): T | undefined {
  return identities.find((i) => i.secret === secretName) ?? identities.find((i) => minimatch(secretName, i.secret, GLOB_OPTIONS));
}

export interface DueDates {
  readonly rotationDue?: Date;
  readonly reviewDue?: Date;
  /** From the due date on; also when a rotation period is set but no rotation is on record. */
  readonly rotationOverdue: boolean;
  /** Likewise for reviews. */
  readonly reviewOverdue: boolean;
  /** From the expiry date on. */
  readonly expired: boolean;
}

type Schedule = Pick<Identity, "rotateEveryDays" | "lastRotated" | "reviewEveryDays" | "lastReviewed" | "expires">;

export function dueDates(identity: Schedule, now: Date): DueDates {
  const rotation = due(identity.rotateEveryDays, identity.lastRotated, now);
  const review = due(identity.reviewEveryDays, identity.lastReviewed, now);
  return {
    ...(rotation.date ? { rotationDue: rotation.date } : {}),
    ...(review.date ? { reviewDue: review.date } : {}),
    rotationOverdue: rotation.overdue,
    reviewOverdue: review.overdue,
    expired: identity.expires !== undefined && now.getTime() >= identity.expires.getTime(),
  };
}

function due(everyDays: number | undefined, last: Date | undefined, now: Date): { date?: Date; overdue: boolean } {
  if (everyDays === undefined) return { overdue: false };
  // A period with no date on record cannot be shown to be met.
  if (!last) return { overdue: true };
  const date = new Date(last.getTime() + everyDays * 86_400_000);
  return { date, overdue: now.getTime() >= date.getTime() };
}

function parseIsoDate(text: string): Date | undefined {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  // Date.UTC rolls 2026-02-30 over into March; a real date survives the round trip.
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : undefined;
}

function utcMidnight(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}
