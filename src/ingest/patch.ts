/**
 * The lines a commit added, from the `patch` GitHub's REST API returns per file (a unified
 * diff's hunks without the file header). Pure: the API call happens in the App.
 */
import type { Chunk, CommitInfo } from "../detect/types.js";

export function chunksFromPatch(path: string, patch: string, commit?: CommitInfo): Chunk[] {
  const chunks: Chunk[] = [];
  let next = 0;
  let run: string[] = [];
  let start = 0;
  const flush = () => {
    if (run.length) chunks.push({ path, text: run.join("\n"), startLine: start, ...(commit ? { commit } : {}) });
    run = [];
  };
  for (const line of patch.split("\n")) {
    if (line.startsWith("@@")) {
      flush();
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
      next = m ? Number(m[1]) : 1;
    } else if (line.startsWith("+")) {
      if (run.length === 0) start = next;
      run.push(line.slice(1));
      next++;
    } else if (line.startsWith(" ")) {
      flush();
      next++;
    } else flush(); // "-" lines and "\ No newline at end of file"
  }
  flush();
  return chunks;
}
