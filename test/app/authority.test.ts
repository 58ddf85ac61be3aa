/**
 * Authority comes from GitHub and the store, never from issue text. A read-only user copies a
 * real finding's issue body (hidden secret-id marker and all) into her own issue, adds herself
 * to the owners row and comments `/keyward false-positive`: the App used to record the real
 * finding as a false positive and closed, with her as actor. Real signed deliveries through
 * Probot's server, against the stand-in.
 */
import { describe, expect, it } from "vitest";
import { typed } from "../../src/evidence/details.js";
import type { EvidenceRecord } from "../../src/evidence/types.js";
import { useStandInApp } from "../helpers/app.js";
import type { LightIssue, LightUser } from "../helpers/light-github.js";
import { pushPayload } from "../helpers/payloads.js";
import { githubToken } from "../helpers/tokens.js";

const token = githubToken();
const head = "a".repeat(40);
const REPO = "acme/vault";
const repository = { id: 1101, name: "vault", full_name: REPO, owner: { login: "acme" }, private: true, html_url: `https://github.com/${REPO}`, default_branch: "main" };
const HER: LightUser = { login: "her", id: 7001, type: "User" };
// The light stand-in's commits are authored by `loadtest`: the finding's owner by history.
const OWNER: LightUser = { login: "loadtest", id: 7002, type: "User" };
const MONA: LightUser = { login: "mona", id: 7003, type: "User" };

describe("commands and closes act only on the issue Keyward opened", () => {
  const ctx = useStandInApp({ patches: { [head]: { filename: "config/prod.env", patch: `@@ -0,0 +1 @@\n+TOKEN=${token}` } } });
  let real: LightIssue;
  let forged: LightIssue;
  let fp = "";

  const comment = (issue: LightIssue, user: LightUser, body: string) =>
    ctx.github.deliver("issue_comment", {
      action: "created",
      issue: ctx.github.issueJson(issue),
      comment: { id: issue.number * 100 + issue.comments.length, body, user, html_url: `https://github.com/${REPO}/issues/${issue.number}#issuecomment-${issue.number * 100}` },
      repository,
      installation: { id: 42 },
      sender: user,
    });
  const close = (issue: LightIssue, user: LightUser) => {
    issue.state = "closed";
    return ctx.github.deliver("issues", { action: "closed", issue: ctx.github.issueJson(issue), repository, installation: { id: 42 }, sender: user });
  };
  const records = async () => ctx.store.records({ repository: REPO });
  const details = (r: EvidenceRecord | undefined) => {
    const t = r && typed(r);
    if (!t?.ok) throw new Error(`unreadable: ${t?.problem}`);
    return t.details as Record<string, unknown>;
  };

  it("records the issue it opens by number, node id and its bot's login", async () => {
    ctx.github.roles.her = "read";
    ctx.github.roles.loadtest = "write";
    ctx.github.roles.mona = "maintain";
    expect((await ctx.github.deliver("push", pushPayload({ before: "b".repeat(40), after: head, ref: "refs/heads/feature", commits: [{ id: head }] }, repository))).status_code).toBe(200);
    real = ctx.github.issues.find((i) => i.repo === REPO)!;
    const opened = (await records()).find((r) => r.event === "issue-opened")!;
    fp = opened.fingerprint;
    expect(details(opened)).toMatchObject({ issue: real.number, nodeId: real.node_id, createdBy: "keyward[bot]" });
    expect(await ctx.store.stateOf(REPO, fp)).toBe("assigned");
  });

  it("refuses a command on a forged issue that carries the real marker and an owners row naming her", async () => {
    forged = ctx.github.openIssueAs(HER, REPO, { title: "Please look", body: real.body.replace(/^\| Owners \|.*$/m, "| Owners | @her |") });
    expect(forged.body).toContain("keyward:secret-id=");
    expect(forged.body).toContain("| Owners | @her |");
    const before = (await records()).length;
    expect((await comment(forged, HER, "/keyward false-positive just a test key")).status_code).toBe(200);

    expect(await ctx.store.stateOf(REPO, fp)).toBe("assigned");
    const added = (await records()).slice(before);
    expect(added.map((r) => [r.event, r.fingerprint, r.actor])).toEqual([["command-refused", fp, "her"]]);
    expect(details(added[0])).toMatchObject({ onIssue: forged.number, command: "false-positive", reason: "not-keyward-issue", requestedBy: { login: "her", id: 7001 } });
    // A polite refusal on her issue that pings nobody; nothing said on the real one.
    expect(forged.comments).toHaveLength(1);
    expect(forged.comments[0]).toMatch(/^Keyward takes commands only on the issues it opened itself/);
    expect(forged.comments[0]).not.toMatch(/@\w/);
    expect(real.comments).toHaveLength(0);
  });

  it("ignores the close of the forged issue: the real finding is untouched", async () => {
    const before = (await records()).length;
    expect((await close(forged, HER)).status_code).toBe(200);
    expect(forged.state).toBe("closed");
    expect(forged.comments).toHaveLength(1);
    expect((await records()).length).toBe(before);
    expect(await ctx.store.stateOf(REPO, fp)).toBe("assigned");
  });

  it("refuses her command on the real issue: she is no owner by the store, and GitHub says she can only read", async () => {
    const before = (await records()).length;
    await comment(real, HER, "/keyward false-positive just a test key");
    const added = (await records()).slice(before);
    expect(added.map((r) => r.event)).toEqual(["command-refused"]);
    expect(details(added[0])).toMatchObject({ reason: "not-authorised", requestedBy: { login: "her", id: 7001, role: "read" } });
    expect(real.comments.at(-1)).toMatch(/^Sorry @her, only this secret's owners \(`@loadtest`\)/);
    // She can provoke this refusal at will: it names the owners without pinging them.
    expect(real.comments.at(-1)).not.toMatch(/(?<!`)@loadtest/);
    expect(await ctx.store.stateOf(REPO, fp)).toBe("assigned");
  });

  it("records the owner's attestation with her login, id, role and the comment it came from", async () => {
    await comment(real, OWNER, "/keyward rotated");
    const rotated = (await records()).findLast((r) => r.event === "rotated")!;
    expect(rotated.actor).toBe("loadtest");
    expect(details(rotated)).toMatchObject({ issue: real.number, authority: { login: "loadtest", id: 7002, role: "owner", url: expect.stringContaining(`/issues/${real.number}#issuecomment-`) } });
  });

  it("still verifies the real issue's close", async () => {
    expect((await close(real, OWNER)).status_code).toBe(200);
    const tail = (await records()).slice(-2);
    expect(tail.map((r) => r.event)).toEqual(["fix-verified", "closed"]);
    expect(details(tail[1])).toMatchObject({ issue: real.number, verdict: "rotated-and-removed", authority: { login: "loadtest", id: 7002, role: "write" } });
    expect(real.state).toBe("closed");
  });

  it("records a step the lifecycle refuses, and says so", async () => {
    await comment(real, MONA, "/keyward false-positive it was a test key after all");
    const last = (await records()).at(-1)!;
    expect(last.event).toBe("transition-refused");
    expect(details(last)).toMatchObject({ refused: "false-positive", from: "closed", reason: expect.stringContaining("'closed'"), authority: { login: "mona", role: "maintain" } });
    expect(real.comments.at(-1)).toMatch(/^@mona Keyward could not record that/);
    expect(await ctx.store.stateOf(REPO, fp)).toBe("closed");
  });

  it("refuses a command on an issue that has nothing to do with Keyward", async () => {
    const other = ctx.github.openIssueAs(MONA, REPO, { title: "Unrelated", body: "How do I use /keyward?" });
    await comment(other, MONA, "/keyward verify");
    const last = (await records()).at(-1)!;
    expect([last.event, last.fingerprint]).toEqual(["command-refused", `issue:${other.number}`]);
    expect(other.comments[0]).toMatch(/is not an issue Keyward opened/);
  });
});
