/** The PATH argument: a missing path is a usage error (exit 2), never an empty, passing run. */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { CliError } from "../cli.js";

export type Target = { readonly kind: "directory"; readonly path: string } | { readonly kind: "file"; readonly path: string };

export function targetPath(cwd: string, positionals: readonly string[], accept: "directory" | "file or directory" = "directory"): Target {
  if (positionals.length > 1) throw new CliError(`expected at most one PATH, got ${positionals.length}`);
  const path = resolve(cwd, positionals[0] ?? ".");
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new CliError(`no such ${accept === "directory" ? "directory" : "file or directory"}: ${path}`);
  }
  if (st.isDirectory()) return { kind: "directory", path };
  if (st.isFile() && accept === "file or directory") return { kind: "file", path };
  throw new CliError(`${path} is not a directory`);
}
