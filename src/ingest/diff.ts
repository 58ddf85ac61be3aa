/**
 * A streaming parser for `git log -p -U0` / `git diff -U0` output. It turns a patch into the
 * runs of lines each commit added (with their line numbers in the new file), which is all a
 * secret scan of history needs. Pure: lines in, events out.
 */
import type { Chunk, CommitInfo } from "../detect/types.js";

/** Separates commits in our `git log --format`; a patch line can never start with it. */
export const COMMIT_MARKER = "\x1ekeyward-commit\x1f";
export const LOG_FORMAT = `${COMMIT_MARKER}%H%x1f%an%x1f%ae%x1f%aI`;

export type DiffEvent =
  | { readonly type: "commit"; readonly commit: CommitInfo }
  | { readonly type: "chunk"; readonly chunk: Chunk }
  /** A file the commit added (for path-only rules such as committed keystores). */
  | { readonly type: "file-added"; readonly path: string; readonly commit?: CommitInfo }
  | { readonly type: "skipped"; readonly path: string; readonly reason: "binary" | "huge"; readonly commit?: CommitInfo };

export interface DiffParserOptions {
  /** Added bytes per file per commit beyond which the rest of that file is skipped. */
  readonly maxFileBytes: number;
}

export class DiffParser {
  private commit: CommitInfo | undefined;
  private path: string | undefined;
  private inHeader = false;
  private newFile = false;
  private nextLine = 0;
  private run: string[] = [];
  private runStart = 0;
  private bytes = 0;
  private huge = false;

  constructor(
    private readonly emit: (e: DiffEvent) => void,
    private readonly options: DiffParserOptions,
  ) {}

  push(line: string): void {
    if (line.startsWith(COMMIT_MARKER)) {
      this.flush();
      const [sha = "", author = "", email = "", date = ""] = line.slice(COMMIT_MARKER.length).split("\x1f");
      this.commit = { sha, author, email, date };
      this.path = undefined;
      this.emit({ type: "commit", commit: this.commit });
      return;
    }
    if (line.startsWith("diff --git ")) {
      this.flush();
      this.inHeader = true;
      this.newFile = false;
      this.path = pathFromDiffGit(line);
      this.bytes = 0;
      this.huge = false;
      return;
    }
    if (this.inHeader) {
      if (line.startsWith("new file mode")) this.newFile = true;
      else if (line.startsWith("+++ ")) {
        const p = line.slice(4);
        if (p !== "/dev/null") this.path = stripPrefix(unquote(p));
        if (this.newFile && this.path) this.emit({ type: "file-added", path: this.path, ...(this.commit ? { commit: this.commit } : {}) });
      } else if (line.startsWith("Binary files ") || line.startsWith("GIT binary patch")) {
        if (this.path) this.emit({ type: "skipped", path: this.path, reason: "binary" });
        if (this.newFile && this.path) this.emit({ type: "file-added", path: this.path, ...(this.commit ? { commit: this.commit } : {}) });
      } else if (line.startsWith("@@")) {
        this.inHeader = false;
      }
      if (this.inHeader) return;
    }
    if (line.startsWith("@@")) {
      this.flush();
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
      this.nextLine = m ? Number(m[1]) : 1;
      return;
    }
    if (line.startsWith("+")) {
      if (this.huge || !this.path) return;
      this.bytes += line.length;
      if (this.bytes > this.options.maxFileBytes) {
        this.huge = true;
        this.run = [];
        this.emit({ type: "skipped", path: this.path, reason: "huge", ...(this.commit ? { commit: this.commit } : {}) });
        return;
      }
      if (this.run.length === 0) this.runStart = this.nextLine;
      this.run.push(line.slice(1));
      this.nextLine++;
      return;
    }
    // Removed lines, context and "\ No newline at end of file" end a run of added lines.
    if (line.startsWith("-") || line.startsWith(" ")) this.flush();
  }

  end(): void {
    this.flush();
  }

  private flush(): void {
    if (this.run.length === 0 || !this.path) {
      this.run = [];
      return;
    }
    const chunk: Chunk = {
      path: this.path,
      text: this.run.join("\n"),
      startLine: this.runStart,
      ...(this.commit ? { commit: this.commit } : {}),
    };
    this.run = [];
    this.emit({ type: "chunk", chunk });
  }
}

function pathFromDiffGit(line: string): string | undefined {
  // "diff --git a/x b/x": the b/ side is the new path; quoted when it has special characters.
  const rest = line.slice("diff --git ".length);
  const quoted = /^"(?:[^"\\]|\\.)*" ("(?:[^"\\]|\\.)*")$/.exec(rest);
  if (quoted) return stripPrefix(unquote(quoted[1]!));
  const idx = rest.indexOf(" b/");
  return idx >= 0 ? rest.slice(idx + 3) : undefined;
}

function stripPrefix(p: string): string {
  return p.startsWith("b/") || p.startsWith("a/") ? p.slice(2) : p;
}

/** Git's C-style quoting of unusual path names. */
function unquote(p: string): string {
  if (!p.startsWith('"')) return p.replace(/\t$/, "");
  const body = p.slice(1, p.lastIndexOf('"'));
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== "\\") {
      bytes.push(...Buffer.from(c, "utf8"));
      continue;
    }
    const n = body[++i] ?? "";
    if (/[0-7]/.test(n)) {
      const oct = body.slice(i, i + 3);
      bytes.push(parseInt(oct, 8));
      i += 2;
    } else bytes.push(({ n: 10, t: 9, r: 13, '"': 34, "\\": 92, a: 7, b: 8, f: 12, v: 11 } as Record<string, number>)[n] ?? n.charCodeAt(0));
  }
  return Buffer.from(bytes).toString("utf8");
}
