import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorOwner, lineAuthor, lineAuthors } from "../../src/ownership/history.js";
import { tempRepo, type TempRepo } from "../helpers/repo.js";

describe("lineAuthor", () => {
  const ada = { name: "Ada Example", email: "ada@example.test" };
  const bob = { name: "Bob Example", email: "bob@example.test" };
  let repo: TempRepo;
  let first: string;
  let second: string;

  beforeAll(() => {
    repo = tempRepo();
    repo.write("config/app.env", "NAME=keyward\nREGION=eu\n");
    first = repo.commit("ada writes the config", ada);
    repo.write("config/app.env", "NAME=keyward\nREGION=eu\nAPI_KEY=placeholder\n");
    second = repo.commit("bob adds a key", bob);
  });
  afterAll(() => repo.cleanup());

  it("names the author and commit of each line", async () => {
    expect(await lineAuthor(repo.dir, "config/app.env", 1)).toEqual({ ...ada, commit: first });
    expect(await lineAuthor(repo.dir, "config/app.env", 3)).toEqual({ ...bob, commit: second });
  });

  it("blames at the revision asked for", async () => {
    expect(await lineAuthor(repo.dir, "config/app.env", 2, first)).toEqual({ ...ada, commit: first });
    expect(await lineAuthor(repo.dir, "config/app.env", 3, first)).toBeUndefined();
  });

  it("returns undefined, never throws, for a missing file, line or revision", async () => {
    expect(await lineAuthor(repo.dir, "config/missing.env", 1)).toBeUndefined();
    expect(await lineAuthor(repo.dir, "config/app.env", 99)).toBeUndefined();
    expect(await lineAuthor(repo.dir, "config/app.env", 0)).toBeUndefined();
    expect(await lineAuthor(repo.dir, "config/app.env", 1, "no-such-branch")).toBeUndefined();
    expect(await lineAuthor(repo.dir, "config/app.env", 1, "--output=/tmp/x")).toBeUndefined();
    expect(await lineAuthor(`${repo.dir}/not-a-dir`, "config/app.env", 1)).toBeUndefined();
  });

  it("blames several lines of a file in one go, each as lineAuthor would", async () => {
    const many = await lineAuthors(repo.dir, "config/app.env", [3, 1, 2, 1]);
    expect([...many].sort(([a], [b]) => a - b)).toEqual([
      [1, { ...ada, commit: first }],
      [2, { ...ada, commit: first }],
      [3, { ...bob, commit: second }],
    ]);
    // A line past the end fails git's whole batch: the others are still named.
    expect([...(await lineAuthors(repo.dir, "config/app.env", [2, 99]))]).toEqual([[2, { ...ada, commit: first }]]);
    expect([...(await lineAuthors(repo.dir, "config/app.env", [2, 3], first))]).toEqual([[2, { ...ada, commit: first }]]);
    expect((await lineAuthors(repo.dir, "config/missing.env", [1, 2])).size).toBe(0);
  });
});

describe("authorOwner", () => {
  it("turns a GitHub noreply address into the account it stands for", () => {
    expect(authorOwner({ email: "12345+octocat@users.noreply.github.com" })).toEqual({ kind: "user", login: "octocat", source: "history" });
    expect(authorOwner({ email: "octocat@users.noreply.github.com" })).toEqual({ kind: "user", login: "octocat", source: "history" });
  });

  it("keeps any other address as an email owner", () => {
    expect(authorOwner({ email: "ada@example.test" })).toEqual({ kind: "email", email: "ada@example.test", source: "history" });
    expect(authorOwner({ email: "octocat@users.noreply.github.com.evil.test" })).toMatchObject({ kind: "email" });
  });
});
