/**
 * The organisation inventory for people (text) and spreadsheets (CSV), and the notes that say
 * what could not be collected. Pure; names and metadata only — there is no value to show.
 */
import { formatOwner } from "../ownership/types.js";
import type { OrgIdentity } from "./join.js";
import { FEATURES } from "./permissions.js";
import { day, LABEL } from "./rule.js";
import type { Skipped } from "./types.js";

/** One line per feature and reason: "deploy keys skipped in 1000 repositories: …". */
export function skippedNotes(skipped: readonly Skipped[]): string[] {
  const groups = new Map<string, { s: Skipped; where: string[] }>();
  for (const s of skipped) {
    const key = `${s.feature}\0${s.status}\0${s.message}`;
    const g = groups.get(key) ?? { s, where: [] };
    g.where.push(s.where);
    groups.set(key, g);
  }
  return [...groups.values()].map(({ s, where }) => {
    const at = where.length === 1 ? where[0]! : `${where.length} places (${where.slice(0, 3).join(", ")}${where.length > 3 ? ", …" : ""})`;
    return `skipped ${s.feature} at ${at}: GitHub answered ${s.status} "${s.message}" — it needs the ${FEATURES[s.feature].permission}: read permission, so what it would show is left out`;
  });
}

const owner = (i: OrgIdentity) =>
  i.owners.length ? `${i.owners.map(formatOwner).join(", ")} (from ${i.ownerSource === "inventory" ? i.ownerEntry : "GitHub"})` : `NO OWNER${i.adopters.length ? ` — should be adopted by ${i.adopters.map(formatOwner).join(", ")} (workflow code owners)` : ""}`;

export function inventoryText(identities: readonly OrgIdentity[], tail: readonly string[]): string {
  const out: string[] = [];
  for (const i of identities) {
    out.push(`${LABEL[i.kind]} ${i.name}`);
    out.push(`  defined in:   ${i.definedIn.repository ?? i.definedIn.organization}${i.definedIn.environment ? ` (environment ${i.definedIn.environment})` : ""}${i.visibility ? `, visibility ${i.visibility}` : ""}`);
    out.push(`  owner:        ${owner(i)}`);
    const dates = [i.createdAt ? `created ${day(i.createdAt)}` : "", i.updatedAt ? `last set ${day(i.updatedAt)}` : "", i.lastUsed !== undefined ? `last used ${i.lastUsed ? day(i.lastUsed) : "never"}` : "", i.expiresAt !== undefined ? `expires ${i.expiresAt ? day(i.expiresAt) : "never"}` : ""].filter(Boolean);
    if (dates.length) out.push(`  age:          ${dates.join(", ")}`);
    if (i.uses.length) out.push(`  used by:      ${i.uses.map((u) => `${u.repository}/${u.file}:${u.line}${u.job ? ` [${u.job}]` : ""}`).join("; ")}`);
    else if (i.kind.endsWith("secret")) out.push("  used by:      no workflow");
    const b = i.blastRadius;
    if (b.repositories.length) out.push(`  readable by:  ${b.repositories.length} repositor${b.repositories.length === 1 ? "y" : "ies"}${b.repositories.length <= 5 ? ` (${b.repositories.join(", ")})` : ""}`);
    if (b.permissions && Object.keys(b.permissions).length) out.push(`  permissions:  ${Object.entries(b.permissions).map(([k, v]) => `${k}: ${v}`).join(", ")}`);
    if (b.tokenPermissions.length) out.push(`  token nearby: ${b.tokenPermissions.map((t) => `${t.repository} ${t.job}: ${t.permissions}`).join("; ")}`);
    if (b.forkReachable || b.outsideReachable) out.push(`  reach:        ${b.forkReachable ? "a fork's pull request can trigger a run that has it" : "outsiders can trigger a run that has it"}`);
    if (i.protection) out.push(`  protection:   ${!i.protection.known ? "unknown (environments not readable)" : [i.protection.requiredReviewers ? "required reviewers" : "", i.protection.branchPolicy ? "branch policy" : "", i.protection.waitTimer ? "wait timer" : ""].filter(Boolean).join(", ") || "none"}`);
    out.push("");
  }
  out.push(...tail);
  return out.join("\n") + "\n";
}

export const INVENTORY_COLUMNS = ["kind", "name", "repository", "environment", "organization", "created_at", "updated_at", "last_used", "expires_at", "owners", "owner_source", "used_by", "readable_by", "permissions", "settings"] as const;

export function inventoryRows(identities: readonly OrgIdentity[]): string[][] {
  return identities.map((i) => [
    i.kind,
    i.name,
    i.definedIn.repository ?? "",
    i.definedIn.environment ?? "",
    i.definedIn.organization,
    i.createdAt ?? "",
    i.updatedAt ?? "",
    i.lastUsed ?? "",
    i.expiresAt ?? "",
    i.owners.map(formatOwner).join(" "),
    i.ownerSource,
    i.uses.map((u) => `${u.repository}/${u.file}:${u.line}`).join(" "),
    String(i.blastRadius.repositories.length),
    Object.entries(i.blastRadius.permissions ?? {}).map(([k, v]) => `${k}=${v}`).join(" "),
    i.settingsUrl,
  ]);
}
