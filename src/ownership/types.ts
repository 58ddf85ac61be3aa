/**
 * Who is accountable for a credential or a file. An owner is a GitHub user, a team or an email
 * address, and always says where the answer came from so a report can show how sure it is.
 */

/**
 * Most to least deliberate: a declared inventory entry, CODEOWNERS, then whoever wrote the line.
 * `github`: what GitHub itself records about a credential (a token's owner, who added a deploy key).
 */
export type OwnerSource = "inventory" | "codeowners" | "history" | "github";

export type Owner =
  | { readonly kind: "user"; readonly login: string; readonly source: OwnerSource }
  | { readonly kind: "team"; readonly org: string; readonly slug: string; readonly source: OwnerSource }
  | { readonly kind: "email"; readonly email: string; readonly source: OwnerSource };

// The shapes GitHub accepts in CODEOWNERS. Logins allow `_` for enterprise-managed users
// (`mona_acme`); team slugs are lowercased names, but GitHub matches them case-insensitively.
const TEAM = /^@([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9][A-Za-z0-9_.-]*)$/;
const USER = /^@([A-Za-z0-9][A-Za-z0-9_-]*)$/;
const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/;

/** `@octocat`, `@org/team` or an email address; anything else is not an owner. */
export function parseOwner(text: string, source: OwnerSource): Owner | undefined {
  const team = TEAM.exec(text);
  if (team) return { kind: "team", org: team[1]!, slug: team[2]!, source };
  const user = USER.exec(text);
  if (user) return { kind: "user", login: user[1]!, source };
  if (EMAIL.test(text)) return { kind: "email", email: text, source };
  return undefined;
}

/** How the owner is written in CODEOWNERS and mentioned in an issue. */
export function formatOwner(o: Owner): string {
  switch (o.kind) {
    case "user":
      return `@${o.login}`;
    case "team":
      return `@${o.org}/${o.slug}`;
    case "email":
      return o.email;
  }
}
