import { describe, expect, it } from "vitest";
import { dueDates, inventoryFromConfigSource, matchIdentity, parseInventory, type Identity } from "../../src/ownership/inventory.js";
import { formatOwner } from "../../src/ownership/types.js";

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

const VALID = `# .github/keyward.yml
fail_on: high
identities:
  - secret: NPM_TOKEN
    owners: ["@octocat", "@acme/platform", "sec@acme.test"]
    purpose: publish packages to npm
    rotate_every: 90d
    last_rotated: 2026-01-15
    expires: 2027-01-01
    review_every: 180d
    last_reviewed: 2026-03-01
  - secret: "AWS_*"
    owners: ["@acme/infra"]
    rotate_every: 12w
  - secret: SLACK_WEBHOOK
    owners: [ops@acme.test]
    review_every: 1y
    last_reviewed: "2025-06-30"
`;

describe("inventoryFromConfigSource", () => {
  it("loads every field of a valid inventory, durations in days and dates at UTC midnight", () => {
    const { identities, errors } = inventoryFromConfigSource(VALID);
    expect(errors).toEqual([]);
    expect(identities).toHaveLength(3);
    const npm = identities[0]!;
    expect(npm).toMatchObject({
      secret: "NPM_TOKEN",
      purpose: "publish packages to npm",
      rotateEveryDays: 90,
      lastRotated: utc("2026-01-15"),
      expires: utc("2027-01-01"),
      reviewEveryDays: 180,
      lastReviewed: utc("2026-03-01"),
      line: 4,
    });
    expect(npm.owners).toEqual([
      { kind: "user", login: "octocat", source: "inventory" },
      { kind: "team", org: "acme", slug: "platform", source: "inventory" },
      { kind: "email", email: "sec@acme.test", source: "inventory" },
    ]);
    expect(identities[1]).toMatchObject({ secret: "AWS_*", rotateEveryDays: 84, line: 12 });
    expect(identities[1]!.lastRotated).toBeUndefined();
    expect(identities[2]).toMatchObject({ reviewEveryDays: 365, lastReviewed: utc("2025-06-30") });
  });

  it("reads months as 30 days and years as 365", () => {
    const { identities } = inventoryFromConfigSource("identities:\n  - {secret: A, owners: ['@a'], rotate_every: 6m, review_every: 2y}\n");
    expect(identities[0]).toMatchObject({ rotateEveryDays: 180, reviewEveryDays: 730 });
  });

  it("has nothing to say about a config without identities", () => {
    expect(inventoryFromConfigSource("fail_on: high\n")).toEqual({ identities: [], errors: [] });
    expect(inventoryFromConfigSource("")).toEqual({ identities: [], errors: [] });
  });

  it("reports a YAML syntax error where it is and loads nothing", () => {
    const { identities, errors } = inventoryFromConfigSource("identities:\n  - secret: [unclosed\n");
    expect(identities).toEqual([]);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it("reports each bad entry at the line of the bad field, skips it, and keeps the good ones", () => {
    const source = [
      "identities:", //                              1
      "  - secret: GOOD_ONE", //                     2  # OK
      "    owners: ['@octocat']", //                 3
      "  - secret: NO_OWNERS", //                    4  # NOT OK: owners missing
      "    purpose: nobody answers for this", //     5
      "  - secret: BAD_OWNER", //                    6  # NOT OK: not an owner
      "    owners: ['@ok', 'just-a-name']", //       7
      "  - secret: BAD_DURATION", //                 8  # NOT OK: unknown unit
      "    owners: ['@octocat']", //                 9
      "    rotate_every: 90 days", //                10
      "  - secret: BAD_DATE", //                     11 # NOT OK: no 30th of February
      "    owners: ['@octocat']", //                 12
      "    last_rotated: 2026-02-30", //             13
      "  - secret: TYPO", //                         14 # NOT OK: unknown field
      "    owners: ['@octocat']", //                 15
      "    rotate_evry: 30d", //                     16
      "  - owners: ['@octocat']", //                 17 # NOT OK: no secret
      "  - just a string", //                        18 # NOT OK: not a mapping
      "  - secret: GOOD_ONE", //                     19 # NOT OK: listed twice
      "    owners: ['@someone-else']", //            20
      "  - secret: ALSO_GOOD", //                    21 # OK
      "    owners: ['ops@acme.test']", //            22
      "    rotate_every: 0d", //                     23 # NOT OK: zero period
    ].join("\n");
    const { identities, errors } = inventoryFromConfigSource(source);
    expect(identities.map((i) => i.secret)).toEqual(["GOOD_ONE"]);
    expect(errors.map((e) => [e.line, e.message])).toEqual([
      [4, "identities.1.owners: is required"],
      [7, 'identities.2.owners.1: "just-a-name" is not an owner: use @user, @org/team or an email address'],
      [10, expect.stringMatching(/^identities\.3\.rotate_every: "90 days" is not a duration/)],
      [13, expect.stringMatching(/^identities\.4\.last_rotated: "2026-02-30" is not a date/)],
      [16, 'identities.5: unknown field "rotate_evry"'],
      [17, "identities.6.secret: is required"],
      [18, "identities.7: expected a mapping with at least secret and owners"],
      [19, 'identities.8.secret: "GOOD_ONE" is already listed on line 2'],
      [23, expect.stringMatching(/^identities\.9\.rotate_every: "0d" is not a duration/)],
    ]);
    expect(errors[1]).toMatchObject({ line: 7, column: 21 }); // the quoted owner itself
  });

  it("reports an empty value as a wrong type rather than as absent", () => {
    const { errors } = inventoryFromConfigSource("identities:\n  - secret: X\n    owners: ['@a']\n    expires:\n");
    expect(errors.map((e) => e.message)).toEqual(["identities.0.expires: expected a date like 2026-01-15"]);
  });

  it("reports identities that are not a list", () => {
    const { errors } = inventoryFromConfigSource("identities:\n  NPM_TOKEN: '@octocat'\n");
    expect(errors).toEqual([{ message: "identities: expected a list of entries", line: 2, column: 3 }]);
  });
});

describe("parseInventory", () => {
  it("takes an already parsed value and asks the caller where each problem is", () => {
    const asked: Array<ReadonlyArray<string | number>> = [];
    const locate = (path: ReadonlyArray<string | number>) => {
      asked.push(path);
      return { line: 40 + path.length, column: 1 };
    };
    const { identities, errors } = parseInventory(
      [
        { secret: "A", owners: ["@a"], last_rotated: new Date("2026-01-15T13:45:00Z") },
        { secret: "B", owners: "@b" },
      ],
      locate,
    );
    expect(identities).toHaveLength(1);
    expect(identities[0]!.lastRotated).toEqual(utc("2026-01-15"));
    expect(errors).toEqual([{ message: "identities.1.owners: expected a list of owners", line: 43, column: 1 }]);
    expect(asked).toContainEqual(["identities", 1, "owners"]);
  });
});

describe("matchIdentity", () => {
  const { identities } = inventoryFromConfigSource(
    ["identities:", "  - {secret: 'AWS_*', owners: ['@infra']}", "  - {secret: AWS_DEPLOY_KEY, owners: ['@deployers']}", "  - {secret: 'AWS_DEPLOY_*', owners: ['@never']}", "  - {secret: '*_TOKEN', owners: ['@tokens']}"].join("\n"),
  );
  const ownerOf = (name: string) => matchIdentity(identities, name)?.owners.map(formatOwner);

  it("prefers an exact name to any glob, then takes the first glob that matches", () => {
    expect(ownerOf("AWS_DEPLOY_KEY")).toEqual(["@deployers"]);
    expect(ownerOf("AWS_DEPLOY_ROLE")).toEqual(["@infra"]);
    expect(ownerOf("NPM_TOKEN")).toEqual(["@tokens"]);
  });

  it("matches names case-sensitively and finds nothing for an unlisted secret", () => {
    expect(ownerOf("aws_secret")).toBeUndefined();
    expect(ownerOf("DATABASE_URL")).toBeUndefined();
  });
});

describe("dueDates", () => {
  const base: Pick<Identity, "rotateEveryDays" | "lastRotated" | "reviewEveryDays" | "lastReviewed" | "expires"> = {
    rotateEveryDays: 90,
    lastRotated: utc("2026-01-15"),
    reviewEveryDays: 180,
    lastReviewed: utc("2026-03-01"),
    expires: utc("2027-01-01"),
  };

  it("computes due dates from the last rotation and review", () => {
    expect(dueDates(base, utc("2026-02-01"))).toEqual({
      rotationDue: utc("2026-04-15"),
      reviewDue: utc("2026-08-28"),
      rotationOverdue: false,
      reviewOverdue: false,
      expired: false,
    });
  });

  it("is overdue from the due date on, and expired from the expiry date on", () => {
    expect(dueDates(base, new Date("2026-04-14T23:59:59Z")).rotationOverdue).toBe(false);
    expect(dueDates(base, utc("2026-04-15")).rotationOverdue).toBe(true);
    expect(dueDates(base, utc("2026-08-28")).reviewOverdue).toBe(true);
    expect(dueDates(base, new Date("2026-12-31T23:59:59Z")).expired).toBe(false);
    expect(dueDates(base, utc("2027-01-01")).expired).toBe(true);
  });

  it("counts a rotation period with no rotation on record as overdue", () => {
    expect(dueDates({ rotateEveryDays: 30 }, utc("2026-01-01"))).toEqual({ rotationOverdue: true, reviewOverdue: false, expired: false });
  });

  it("sets no deadline without a period", () => {
    expect(dueDates({ lastRotated: utc("2020-01-01") }, utc("2026-01-01"))).toEqual({ rotationOverdue: false, reviewOverdue: false, expired: false });
  });
});
