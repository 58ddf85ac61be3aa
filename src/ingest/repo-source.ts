/**
 * The few files the workflow audit and ownership read (workflows, actions, CODEOWNERS, the
 * config), behind one interface: from disk for the CLI, from the GitHub API for the App.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";

export interface RepoSource {
  /** Files under a directory (recursive), as repository-relative paths. */
  list(dir: string): Promise<string[]>;
  /** A file's size in bytes, or undefined when it does not exist: checked before reading. */
  size(path: string): Promise<number | undefined>;
  /** A file's text, or undefined when it does not exist or is not a file. */
  read(path: string): Promise<string | undefined>;
}

export function diskSource(root: string): RepoSource {
  return {
    async list(dir) {
      const out: string[] = [];
      const walk = async (d: string) => {
        let entries;
        try {
          entries = await readdir(d, { withFileTypes: true });
        } catch {
          return;
        }
        for (const e of entries) {
          const full = join(d, e.name);
          if (e.isDirectory()) await walk(full);
          else if (e.isFile()) out.push(relative(root, full).split(sep).join("/"));
        }
      };
      await walk(join(root, dir));
      return out.sort();
    },
    async size(path) {
      try {
        const st = await stat(join(root, path));
        return st.isFile() ? st.size : undefined;
      } catch {
        return undefined;
      }
    },
    async read(path) {
      try {
        return await readFile(join(root, path), "utf8");
      } catch {
        return undefined;
      }
    },
  };
}
