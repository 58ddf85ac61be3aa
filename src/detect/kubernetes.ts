/**
 * The values of Kubernetes `Secret` manifests. Line-based rather than a YAML parse, so Helm
 * templates and sloppy indentation (tabs) that a strict parser rejects are still read.
 */

export interface ManifestValue {
  readonly key: string;
  readonly value: string;
  /** Offsets of the value in the text. */
  readonly start: number;
  readonly end: number;
  /** `data` values are base64; `stringData` values are plain. */
  readonly encoded: boolean;
}

const KIND_SECRET = /^\s*kind:\s*["']?Secret["']?\s*(#.*)?$/i;
const SECTION = /^([ \t]*)(data|stringData):\s*(#.*)?$/;
const ENTRY = /^([ \t]+)([\w.-]{1,253}):[ \t]*(["']?)([^"'#\s]*)\3[ \t]*(#.*)?$/;
/** `key: |` or `key: >` (with chomping/indent indicators): the value is the indented lines below. */
const BLOCK = /^[|>][+-]?\d?$/;

export function kubernetesSecretValues(text: string): ManifestValue[] {
  const out: ManifestValue[] = [];
  // Documents are separated by `---`; only documents that declare kind: Secret count.
  let docStart = 0;
  const docs: Array<[number, number]> = [];
  const sep = /^---.*$/gm;
  for (const m of text.matchAll(sep)) {
    docs.push([docStart, m.index]);
    docStart = m.index + m[0].length;
  }
  docs.push([docStart, text.length]);
  for (const [s, e] of docs) {
    const doc = text.slice(s, e);
    const lines = doc.split("\n");
    if (!lines.some((l) => KIND_SECRET.test(l))) continue;
    let offset = s;
    let section: { indent: number; encoded: boolean } | undefined;
    let block: { key: string; indent: number; encoded: boolean; parts: string[]; start: number; end: number; folded: boolean } | undefined;
    const endBlock = () => {
      if (block && block.parts.length) out.push({ key: block.key, value: block.parts.join(block.folded || block.encoded ? "" : "\n"), start: block.start, end: block.end, encoded: block.encoded });
      block = undefined;
    };
    for (const line of lines) {
      if (block) {
        if (line.trim() === "" || indentOf(/^[ \t]*/.exec(line)![0]) > block.indent) {
          const content = line.trim();
          if (content) {
            if (block.parts.length === 0) block.start = offset + line.indexOf(content);
            block.parts.push(content);
            block.end = offset + line.indexOf(content) + content.length;
          }
          offset += line.length + 1;
          continue;
        }
        endBlock();
      }
      const sec = SECTION.exec(line);
      if (sec) {
        section = { indent: indentOf(sec[1]!), encoded: sec[2] === "data" };
      } else if (section && line.trim() !== "") {
        const entry = ENTRY.exec(line);
        if (!entry || indentOf(entry[1]!) <= section.indent) {
          if (indentOf(/^[ \t]*/.exec(line)![0]) <= section.indent) section = undefined;
        } else if (entry[4] && BLOCK.test(entry[4]) && !entry[3]) {
          block = { key: entry[2]!, indent: indentOf(entry[1]!), encoded: section.encoded, parts: [], start: 0, end: 0, folded: entry[4].startsWith(">") };
        } else if (entry[4]) {
          const valueStart = offset + line.indexOf(entry[4], entry[1]!.length + entry[2]!.length + 1);
          out.push({ key: entry[2]!, value: entry[4], start: valueStart, end: valueStart + entry[4].length, encoded: section.encoded });
        }
      }
      offset += line.length + 1;
    }
    endBlock();
  }
  return out;
}

function indentOf(ws: string): number {
  // A tab counts as one level deeper than any run of spaces a human would type before it.
  let n = 0;
  for (const c of ws) n += c === "\t" ? 8 : 1;
  return n;
}
