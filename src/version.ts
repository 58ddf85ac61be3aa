/** Keyward's version: from package.json, or set by the bundlers (scripts/build-cli.mjs, build-action.mjs), whose output sits one folder deeper than tsc's. */
import { readFileSync } from "node:fs";

declare const KEYWARD_VERSION: string | undefined;

export function version(): string {
  if (typeof KEYWARD_VERSION === "string") return KEYWARD_VERSION;
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

