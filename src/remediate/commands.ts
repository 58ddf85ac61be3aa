/** `/keyward …` commands in issue comments, parsed. Pure: permission checks happen in the handler. */
import { code } from "../report/markdown.js";

export type IssueCommand =
  | { readonly kind: "rotated" }
  | { readonly kind: "revoked" }
  | { readonly kind: "false-positive"; readonly reason: string }
  | { readonly kind: "exception"; readonly until: string; readonly reason: string }
  | { readonly kind: "verify" }
  | { readonly kind: "reviewed" };

export type ParsedCommand = { readonly ok: true; readonly command: IssueCommand } | { readonly ok: false; readonly error: string };

const USAGE = "use `/keyward rotated`, `/keyward revoked`, `/keyward false-positive <reason>`, `/keyward exception <YYYY-MM-DD> <reason>`, `/keyward verify` or `/keyward reviewed`";

/** The first `/keyward` line of a comment, or undefined when the comment has none. */
export function parseCommand(body: string): ParsedCommand | undefined {
  const line = body.split(/\r?\n/).find((l) => /^\s*\/keyward\b/.test(l));
  if (!line) return undefined;
  const [, verb = "", ...rest] = line.trim().split(/\s+/);
  const tail = rest.join(" ").trim();
  switch (verb) {
    case "rotated":
    case "revoked":
    case "verify":
    case "reviewed":
      return { ok: true, command: { kind: verb } };
    case "false-positive":
      return tail ? { ok: true, command: { kind: "false-positive", reason: tail } } : { ok: false, error: "a false positive needs a reason: `/keyward false-positive <reason>`" };
    case "exception": {
      const [until = "", ...why] = rest;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(until) || Number.isNaN(Date.parse(`${until}T00:00:00Z`))) return { ok: false, error: "an exception needs an end date: `/keyward exception <YYYY-MM-DD> <reason>`" };
      const reason = why.join(" ").trim();
      if (!reason) return { ok: false, error: "an exception needs a reason: `/keyward exception <YYYY-MM-DD> <reason>`" };
      return { ok: true, command: { kind: "exception", until, reason } };
    }
    default:
      return { ok: false, error: `unknown command ${code(verb || "(none)", "inline", 40)}: ${USAGE}` };
  }
}
