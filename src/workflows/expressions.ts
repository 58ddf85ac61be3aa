/**
 * GitHub Actions expressions (`${{ … }}`) read just far enough to know which secrets and which
 * contexts a value touches. Pure string work; no evaluation.
 */

export interface Expression {
  /** The text between `${{` and `}}`, trimmed. */
  readonly body: string;
  /** Offsets of the whole `${{ … }}` in the scanned string. */
  readonly start: number;
  readonly end: number;
}

const EXPR = /\$\{\{([\s\S]{0,4000}?)\}\}/g;

export function expressions(text: string): Expression[] {
  const out: Expression[] = [];
  for (const m of text.matchAll(EXPR)) out.push({ body: m[1]!.trim(), start: m.index, end: m.index + m[0].length });
  return out;
}

const SECRET_REF = /\bsecrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_-]{0,200})|\[\s*(['"])([^'"]{1,200})\2\s*\])/g;
/** `secrets` used as a whole object: toJSON(secrets), secrets[dynamic], format(..., secrets). */
const WHOLE_SECRETS = /\bsecrets\b(?!\s*(?:\.|\[\s*['"]))/;

/** Secret names an expression body reads. */
export function secretNames(body: string): string[] {
  const names: string[] = [];
  for (const m of body.matchAll(SECRET_REF)) names.push((m[1] ?? m[3])!);
  return names;
}

/** Whether the expression hands over the whole secrets context (or indexes it dynamically). */
export function usesWholeSecrets(body: string): boolean {
  return WHOLE_SECRETS.test(body.replace(/(['"]).*?\1/g, "''"));
}

/** Context paths an expression reads (`github.event.issue.title`, `inputs.name`, …). */
export function contextPaths(body: string): string[] {
  const stripped = body.replace(/'(?:[^']|'')*'/g, "''");
  const out: string[] = [];
  for (const m of stripped.matchAll(/\b(github|inputs|env|steps|needs|matrix|vars|secrets|job|runner|strategy)((?:\s*\.\s*[A-Za-z_*][\w*-]{0,100}|\s*\[[^\]]{0,100}\])*)/g)) {
    out.push((m[1]! + m[2]!).replace(/\s+/g, "").replace(/\[\s*['"]([^'"]+)['"]\s*\]/g, ".$1").replace(/\[[^\]]*\]/g, ".*"));
  }
  return out;
}
