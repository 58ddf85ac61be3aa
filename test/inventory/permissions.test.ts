import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { FEATURES } from "../../src/inventory/permissions.js";
import { INVENTORY_RULE_MODULES } from "../../src/inventory/rules/index.js";
import { permissionFor } from "../helpers/github-org.js";

const root = join(import.meta.dirname, "../..");

describe("the inventory's permissions", () => {
  it("are all asked for, read-only, in app.yml", () => {
    const manifest = parse(readFileSync(join(root, "app.yml"), "utf8")) as { default_permissions: Record<string, string> };
    for (const [feature, access] of Object.entries(FEATURES)) expect(manifest.default_permissions[access.permission], feature).toMatch(/^(read|write)$/);
    const added = ["secrets", "actions", "environments", "dependabot_secrets", "administration", "organization_secrets", "organization_dependabot_secrets", "organization_personal_access_tokens", "organization_administration"];
    for (const p of added) expect(manifest.default_permissions[p], p).toBe("read");
  });

  it("agree with the stand-in's own reading of GitHub's documentation", () => {
    const sample = (endpoint: string) => endpoint.replace(/^GET /, "").replace("{owner}", "acme").replace("{repo}", "web").replace("{org}", "acme").replace(/\{[a-z_]+\}/g, "x");
    for (const [feature, access] of Object.entries(FEATURES)) {
      if (access.permission === "metadata") continue;
      for (const e of access.endpoints) expect(permissionFor(sample(e)), `${feature}: ${e}`).toBe(access.permission);
    }
  });

  it("are tabled in the README, each with its endpoints", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    for (const [feature, access] of Object.entries(FEATURES)) {
      const row = readme.split("\n").find((l) => l.startsWith(`| ${feature} — `));
      expect(row, feature).toBeDefined();
      expect(row).toContain(`\`${access.permission}: read\``);
      for (const e of access.endpoints) expect(row).toContain(e);
    }
  });
});

describe("the inventory rules", () => {
  it("are one file each, every file registered under its own id, and in the README", () => {
    const files = readdirSync(join(root, "src/inventory/rules")).filter((f) => f.endsWith(".ts") && f !== "index.ts").map((f) => f.replace(/\.ts$/, ""));
    expect(Object.keys(INVENTORY_RULE_MODULES).sort()).toEqual(files.sort());
    for (const [id, rule] of Object.entries(INVENTORY_RULE_MODULES)) expect(rule.id).toBe(id);
    const readme = readFileSync(join(root, "README.md"), "utf8");
    for (const id of files) expect(readme).toContain(`| \`${id}\` |`);
  });
});
