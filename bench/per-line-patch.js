// The App's patch reader as it was until 2026-12-02 (src/ingest/patch.ts at ef0a890): the
// patch split into lines, each added line sliced, each run joined into a Chunk. Kept as the
// "before" of `npm run bench:app-path` and as the oracle test/speed/patch-runs.test.ts
// compares the in-place runs with.
export function perLineChunks(path, patch, commit) {
  const chunks = [];
  let next = 0;
  let run = [];
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
