/**
 * A file patch's added lines where they lie: runs of consecutive `+` lines inside the patch
 * text, each with the new file's number of its first line. The scanner reads a run in place
 * and copies its lines out (markers dropped) only when it has something to look at, so the
 * lines of a push cost no string each (ingest/patch.ts finds the runs).
 */
import type { Chunk, CommitInfo } from "./types.js";

export interface AddedRun {
  /** Offset of the run's first line (its `+` marker) in the patch. */
  readonly from: number;
  /** Offset just past the run's last line (before its newline, if any). */
  readonly to: number;
  /** The first line's number in the new file (1-based). */
  readonly startLine: number;
}

export interface PatchRuns {
  readonly path: string;
  /** The patch text: hunks of ` `, `-` and `+` lines, as GitHub's API returns per file. */
  readonly patch: string;
  /** In order of position; they never overlap. */
  readonly runs: readonly AddedRun[];
  readonly commit?: CommitInfo;
}

/**
 * The run's lines as a Chunk: what a per-line split and join gives, in one slice and one
 * replacement (inside a run, every newline is followed by a marker).
 */
export function runChunk(p: PatchRuns, run: AddedRun): Chunk {
  return { path: p.path, text: p.patch.slice(run.from + 1, run.to).replaceAll("\n+", "\n"), startLine: run.startLine, ...(p.commit ? { commit: p.commit } : {}) };
}

/** How many characters of added text the runs hold (the markers not counted). */
export function addedLength(p: PatchRuns): number {
  let n = 0;
  for (const run of p.runs) {
    n += run.to - run.from - 1;
    for (let i = p.patch.indexOf("\n", run.from); i !== -1 && i < run.to; i = p.patch.indexOf("\n", i + 1)) n--;
  }
  return n;
}
