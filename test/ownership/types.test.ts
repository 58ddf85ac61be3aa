import { describe, expect, it } from "vitest";
import { formatOwner, parseOwner } from "../../src/ownership/types.js";

describe("owners", () => {
  it("reads users, teams and emails and writes them back the same way", () => {
    for (const text of ["@octocat", "@mona_acme", "@acme/platform-team", "sec+alerts@acme.test"]) {
      const owner = parseOwner(text, "inventory");
      expect(owner).toBeDefined();
      expect(formatOwner(owner!)).toBe(text);
    }
    expect(parseOwner("@acme/platform", "codeowners")).toEqual({ kind: "team", org: "acme", slug: "platform", source: "codeowners" });
  });

  it.each(["octocat", "@", "@-octocat", "@acme/", "@acme/a/b", "user@", "@user@acme.test", "sec@localhost"])("rejects %s", (text) => {
    expect(parseOwner(text, "codeowners")).toBeUndefined();
  });
});
