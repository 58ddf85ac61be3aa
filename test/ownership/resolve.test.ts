import { describe, expect, it } from "vitest";
import { parseCodeowners } from "../../src/ownership/codeowners.js";
import type { LineAuthor } from "../../src/ownership/history.js";
import { inventoryFromConfigSource } from "../../src/ownership/inventory.js";
import { resolveOwners } from "../../src/ownership/resolve.js";
import { formatOwner } from "../../src/ownership/types.js";

const { identities } = inventoryFromConfigSource("identities:\n  - secret: NPM_TOKEN\n    owners: ['@release-team-lead', 'sec@acme.test']\n");
const { rules: codeowners } = parseCodeowners(["*.yml @acme/platform", "/legacy/"].join("\n"), ".github/CODEOWNERS");
const blamedOn = (author: LineAuthor | undefined) => {
  const calls: Array<[string, number]> = [];
  const blame = async (path: string, line: number) => {
    calls.push([path, line]);
    return author;
  };
  return { blame, calls };
};
const mallory: LineAuthor = { name: "Mallory", email: "987+mallory@users.noreply.github.com", commit: "a".repeat(40) };

describe("resolveOwners", () => {
  it("names the inventory owners of the secret first, and never blames", async () => {
    const { blame, calls } = blamedOn(mallory);
    const result = await resolveOwners({ secretName: "NPM_TOKEN", path: ".github/workflows/release.yml", line: 12 }, { identities, codeowners, blame });
    expect(result.source).toBe("inventory");
    expect(result.owners.map(formatOwner)).toEqual(["@release-team-lead", "sec@acme.test"]);
    expect(result).toMatchObject({ identity: { secret: "NPM_TOKEN" } });
    expect(calls).toEqual([]);
  });

  it("falls back to the CODEOWNERS owners of the file when the secret is not in the inventory", async () => {
    const result = await resolveOwners({ secretName: "OTHER_TOKEN", path: ".github/workflows/release.yml", line: 12 }, { identities, codeowners, ...blamedOn(mallory) });
    expect(result).toEqual({ owners: [{ kind: "team", org: "acme", slug: "platform", source: "codeowners" }], source: "codeowners" });
  });

  it("falls back to the commit author the caller already knows, without blaming", async () => {
    const { blame, calls } = blamedOn(mallory);
    const result = await resolveOwners({ path: "src/app.ts", line: 3, commitAuthor: { name: "Ada", email: "ada@example.test" } }, { identities, codeowners, blame });
    expect(result).toEqual({ owners: [{ kind: "email", email: "ada@example.test", source: "history" }], source: "history" });
    expect(calls).toEqual([]);
  });

  it("blames the line when nothing else names an owner, including a path CODEOWNERS leaves unowned", async () => {
    const { blame, calls } = blamedOn(mallory);
    const result = await resolveOwners({ path: "legacy/app.ts", line: 7 }, { identities, codeowners, blame });
    expect(result).toEqual({ owners: [{ kind: "user", login: "mallory", source: "history" }], source: "history" });
    expect(calls).toEqual([["legacy/app.ts", 7]]);
  });

  it("says none when there is no owner, no line to blame, or blame finds nothing", async () => {
    const none = { owners: [], source: "none" };
    expect(await resolveOwners({ path: "src/app.ts" }, { identities, codeowners, ...blamedOn(mallory) })).toEqual(none);
    expect(await resolveOwners({ path: "src/app.ts", line: 1 }, { identities, ...blamedOn(undefined) })).toEqual(none);
    expect(await resolveOwners({ path: "src/app.ts", line: 1 }, { identities: [] })).toEqual(none);
  });
});
