/**
 * The one way a string someone else wrote reaches GitHub Markdown (issue bodies, comments,
 * check-run summaries) or a plain-text field GitHub still scans for mentions (check-run and
 * annotation titles, annotation messages). Author names, file and branch names, rule
 * descriptions from a repository's .gitleaks.toml, workflow step names and error messages are
 * attacker-controlled: a fork's commit author can be called `@everyone <img onerror=…>`.
 *
 * - `code(s)`: a code span whose fence is longer than any backtick run inside (padded when the
 *   content starts or ends with a backtick or a space), on one line. Inside a code span GitHub
 *   renders no HTML, link or mention.
 * - `text(s)`: prose. Every character that starts inline markup is backslash-escaped (no
 *   emphasis, link, image, HTML, entity, math or table syntax survives, nor a list or quote at
 *   a line's start), and a zero-width space breaks what GitHub links without syntax: `@user`,
 *   `@org/team`, `#12`, `https://…`, `www.…`.
 * - `plain(s)`: plain-text fields: mentions and autolinks broken the same way, one line.
 * - `href(url)`: only for URLs the App built (https, percent-encoded so no `)` or space ends
 *   the link early); `link(label, url)` puts one behind an escaped label.
 * In a table cell, pass `"cell"`: a `|` is escaped there even inside a code span (GFM splits
 * cells before it reads code spans, and restores `\|` to `|` after).
 * Every string is bounded (`MAX_CHARS`) and its control characters and newlines removed.
 */

export type At = "inline" | "cell";

/** Longest user string rendered; GitHub's whole body limit is 65 536 characters. */
export const MAX_CHARS = 300;

const ZWSP = "\u200b";

/** One line, no control or bidirectional-override characters, at most `max` characters. */
function oneLine(s: string, max: number): string {
  const flat = s.replace(/[\r\n\t\f\v\u2028\u2029]+/g, " ").replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, "");
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : flat;
}

/**
 * What GitHub links without Markdown syntax, broken with a zero-width space. A mention is an
 * `@` after a non-word character (so `deploy-action@v2` is left alone, and stays copyable in
 * plain-text fields); in Markdown an address-like `name@host.tld` would become a mail link too.
 */
function unlinked(s: string, markdown: boolean): string {
  const out = s.replace(/(^|[^A-Za-z0-9_])@(?=[A-Za-z0-9_-])/g, `$1@${ZWSP}`); // @user, @org/team, @everyone
  return (markdown ? out.replace(/([A-Za-z0-9_.+-])@(?=[A-Za-z0-9_-]+\.)/g, `$1@${ZWSP}`) : out)
    .replace(/#(?=\d)/g, `#${ZWSP}`) // #12, owner/repo#12 cross-references
    .replace(/:\/\//g, `:${ZWSP}//`) // https://… autolinks
    .replace(/\b(www)\./gi, `$1${ZWSP}.`) // www.… autolinks
    .replace(/<!--/g, `<${ZWSP}!--`); // no hidden marker (keyward:secret-id=…) can be smuggled in
}

/** A code span holding `s` verbatim (one line): nothing in it renders as Markdown. */
export function code(s: string, at: At = "inline", max = MAX_CHARS): string {
  let body = oneLine(s, max).replace(/<!--/g, `<${ZWSP}!--`);
  if (body === "") return "` `";
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  if (/^[` ]|[` ]$/.test(body)) body = ` ${body} `;
  if (at === "cell") body = body.replace(/\|/g, "\\|");
  return `${fence}${body}${fence}`;
}

/** Prose: rendered as exactly these characters, with no markup, link or mention. */
export function text(s: string, max = MAX_CHARS): string {
  return unlinked(oneLine(s, max), true)
    .replace(/[\\`*_~[\]!<>&|$#]/g, (c) => `\\${c}`)
    .replace(/^([-+=>]|\d+(?=[.)]))/, (m) => (/\d/.test(m) ? `${m}\\` : `\\${m}`)); // no list, quote or heading at a line's start
}

/** A plain-text field (titles, annotation messages): one line, no mention or autolink. */
export function plain(s: string, max = 1000): string {
  // Bounded after the zero-width spaces too: GitHub counts them against a title's 256.
  return oneLine(unlinked(oneLine(s, max), false), max);
}

/** A URL the App built, safe as a link destination: https (or http) only, percent-encoded. */
export function href(url: string): string {
  if (!/^https?:\/\//i.test(url)) throw new Error("href: only http(s) URLs the App built are linked");
  return url.replace(/[^A-Za-z0-9\-._~:/?#@$&+,;=%]/gu, (c) => [...Buffer.from(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join(""));
}

/** `[label](url)`: the label already rendered (by `code` or `text`), the URL one the App built. */
export function link(label: string, url: string): string {
  return `[${label}](${href(url)})`;
}

/** A table row of rendered cells. */
export function row(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}
