/**
 * The lines a commit added, from the `patch` GitHub's REST API returns per file (a unified
 * diff's hunks without the file header), as runs over the patch text itself: one pass with
 * indexOf, no string per line (see detect/patch-runs.ts). Pure: the API call happens in the App.
 */
import type { AddedRun, PatchRuns } from "../detect/patch-runs.js";
import type { CommitInfo } from "../detect/types.js";

const PLUS = 0x2b;
const SPACE = 0x20;
const AT = 0x40;
/** A hunk header at a line's start; it cannot reach past the line (no character it takes is a newline). */
const HUNK = /@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/y;

export function patchRuns(path: string, patch: string, commit?: CommitInfo): PatchRuns {
  const runs: AddedRun[] = [];
  let next = 0;
  let from = -1;
  let to = 0;
  let startLine = 0;
  const close = () => {
    if (from !== -1) runs.push({ from, to, startLine });
    from = -1;
  };
  for (let at = 0; at <= patch.length; ) {
    let eol = patch.indexOf("\n", at);
    if (eol === -1) eol = patch.length;
    const c = patch.charCodeAt(at);
    if (c === PLUS) {
      if (from === -1) {
        from = at;
        startLine = next;
      }
      to = eol;
      next++;
    } else {
      // Context, removed lines, "\ No newline at end of file" and hunk headers end a run.
      close();
      if (c === SPACE) next++;
      else if (c === AT && patch.charCodeAt(at + 1) === AT) {
        HUNK.lastIndex = at;
        const m = HUNK.exec(patch);
        next = m ? Number(m[1]) : 1;
      }
    }
    at = eol + 1;
  }
  close();
  return { path, patch, runs, ...(commit ? { commit } : {}) };
}
