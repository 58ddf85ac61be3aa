import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { AUDIT_MODULES } from "../../src/workflows/audits/index.js";

describe("audit registry", () => {
  it("registers every audit file under its own id", () => {
    const dir = fileURLToPath(new URL("../../src/workflows/audits/", import.meta.url));
    const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "index.ts").map((f) => f.replace(/\.ts$/, ""));
    expect(Object.keys(AUDIT_MODULES).sort()).toEqual(files.sort());
    for (const [id, audit] of Object.entries(AUDIT_MODULES)) expect(audit.id).toBe(id);
  });
});
