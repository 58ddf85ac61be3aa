/**
 * The provider modules against their HTTP APIs (nock): GitHub's credentials API in batches of at
 * most 1,000 under its hourly limit, Slack's auth.revoke with the leaked token as its own bearer,
 * retries for transient failures only, and validity checks. Every credential is made at run
 * time; assertions compare booleans and counts so a failure never prints a token.
 */
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LeakedCredential } from "../../src/revoke/credential.js";
import { githubRevoker, githubValidity } from "../../src/revoke/github.js";
import type { RetryPolicy } from "../../src/revoke/http.js";
import { GITHUB_REVOKE_RATE, RateWindow } from "../../src/revoke/rate.js";
import { slackRevoker, slackValidity } from "../../src/revoke/slack.js";
import { secretId } from "../../src/detect/redact.js";
import { githubToken, slackBotToken } from "../helpers/tokens.js";

const API = "https://api.github.com";
const credential = (token: string, ruleId: string) => new LeakedCredential(secretId(token), ruleId, token);
const FAST: RetryPolicy = { attempts: 3, baseDelayMs: 1000, maxDelayMs: 30_000 };

function recorder() {
  const slept: number[] = [];
  return { slept, sleep: async (ms: number) => void slept.push(ms) };
}

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("GitHub: POST /credentials/revoke", () => {
  const rate = () => new RateWindow(GITHUB_REVOKE_RATE.limit, GITHUB_REVOKE_RATE.windowMs);

  it("sends 1,500 tokens in two unauthenticated requests of at most 1,000, and each is revoked", async () => {
    const tokens = Array.from({ length: 1500 }, () => githubToken());
    const sent: string[][] = [];
    const authorized: boolean[] = [];
    const scope = nock(API)
      .post("/credentials/revoke", (b: { credentials: string[] }) => (sent.push(b.credentials), true))
      .times(2)
      .reply(function () {
        authorized.push(this.req.headers.authorization !== undefined);
        return [202, {}];
      });
    const results = await githubRevoker({ baseUrl: API, rate: rate() }).revoke(tokens.map((t) => credential(t, "github-pat")));
    expect(scope.isDone()).toBe(true);
    expect(sent.map((b) => b.length)).toEqual([1000, 500]);
    const all = sent.flat();
    expect(all.length === tokens.length && tokens.every((t, i) => all[i] === t)).toBe(true);
    expect(authorized).toEqual([false, false]); // github.com refuses authenticated calls with a 403
    expect(results).toHaveLength(1500);
    expect(results.every((r) => r.outcome === "revoked" && r.status === 202)).toBe(true);
    expect(new Set(results.map((r) => r.secretId)).size).toBe(1500);
  });

  it("uses the App's base URL, so GitHub Enterprise Server revokes its own tokens, with the App's token there only", async () => {
    const auth: Array<string | undefined> = [];
    const appToken = async () => "app-installation-token";
    const capture = function (this: { req: { headers: Record<string, string | undefined> } }): [number, object] {
      auth.push(this.req.headers.authorization);
      return [202, {}];
    };
    nock("https://ghe.example.test").post("/api/v3/credentials/revoke").reply(capture);
    nock(API).post("/credentials/revoke").reply(capture);
    const [ghes] = await githubRevoker({ baseUrl: "https://ghe.example.test/api/v3/", rate: rate(), appToken }).revoke([credential(githubToken(), "github-pat")]);
    const [dotcom] = await githubRevoker({ baseUrl: API, rate: rate(), appToken }).revoke([credential(githubToken(), "github-pat")]);
    expect([ghes, dotcom]).toMatchObject([{ outcome: "revoked", status: 202 }, { outcome: "revoked", status: 202 }]);
    expect(auth).toEqual(["token app-installation-token", undefined]);
  });

  it("retries a 500 with backoff and then succeeds", async () => {
    const { slept, sleep } = recorder();
    const scope = nock(API).post("/credentials/revoke").reply(500, { message: "Internal Error" }).post("/credentials/revoke").reply(202, {});
    const [result] = await githubRevoker({ baseUrl: API, rate: rate(), sleep, retry: FAST }).revoke([credential(githubToken(), "github-pat")]);
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ outcome: "revoked", status: 202, attempts: 2 });
    expect(slept).toEqual([1000]);
  });

  it("records a 500 that persists as failed after a bounded number of attempts, not lost", async () => {
    const { slept, sleep } = recorder();
    const scope = nock(API).post("/credentials/revoke").times(3).reply(500, {});
    const creds = [credential(githubToken(), "github-pat"), credential(githubToken(), "github-oauth")];
    const results = await githubRevoker({ baseUrl: API, rate: rate(), sleep, retry: FAST }).revoke(creds);
    expect(scope.isDone()).toBe(true);
    expect(slept).toEqual([1000, 2000]);
    expect(results.map((r) => [r.secretId, r.outcome, r.status, r.attempts])).toEqual(creds.map((c) => [c.secretId, "failed", 500, 3]));
  });

  it("records a 422 as failed with GitHub's status, without retrying", async () => {
    const { slept, sleep } = recorder();
    const scope = nock(API).post("/credentials/revoke").once().reply(422, { message: "Validation Failed" });
    const [result] = await githubRevoker({ baseUrl: API, rate: rate(), sleep }).revoke([credential(githubToken(), "github-fine-grained-pat")]);
    expect(scope.isDone()).toBe(true);
    expect(slept).toEqual([]);
    expect(result).toMatchObject({ outcome: "failed", status: 422, attempts: 1 });
    expect(result!.outcome === "failed" && result.reason).toMatch(/refused/);
  });

  it("retries a network failure, then records it as failed: network", async () => {
    const { sleep } = recorder();
    nock(API).post("/credentials/revoke").times(3).replyWithError("socket hang up");
    const [result] = await githubRevoker({ baseUrl: API, rate: rate(), sleep }).revoke([credential(githubToken(), "github-pat")]);
    expect(result).toMatchObject({ outcome: "failed", status: "network", attempts: 3 });
  });

  it("keeps to 60 requests an hour: waits for a slot when it may, records rate-limited when it may not", async () => {
    let now = 1_000_000;
    const window = rate();
    for (let i = 0; i < 60; i++) window.take(now - 3_000_000 + i * 1000); // 60 sent in the last hour
    const sleeps: number[] = [];
    const sleep = async (ms: number) => void (sleeps.push(ms), (now += ms));

    // A delivery that may wait a minute: the oldest request leaves the window in 600 s. Too long.
    const refused = await githubRevoker({ baseUrl: API, rate: window, now: () => now, sleep, maxRateWaitMs: 60_000 }).revoke([credential(githubToken(), "github-pat")]);
    expect(refused[0]).toMatchObject({ outcome: "failed", status: "rate-limited", attempts: 0 });
    expect(sleeps).toEqual([]);

    // One that may wait ten minutes: it waits, then sends.
    const scope = nock(API).post("/credentials/revoke").reply(202, {});
    const sent = await githubRevoker({ baseUrl: API, rate: window, now: () => now, sleep, maxRateWaitMs: 600_000 }).revoke([credential(githubToken(), "github-pat")]);
    expect(scope.isDone()).toBe(true);
    expect(sent[0]).toMatchObject({ outcome: "revoked" });
    expect(sleeps).toEqual([600_000]);
    expect(window.delay(now)).toBeGreaterThan(0); // still 60 in the last hour
  });

  it("checks validity with GET /rate_limit and the token: 200 active, 401 inactive, anything else unknown", async () => {
    const token = githubToken();
    const headers: boolean[] = [];
    nock(API)
      .get("/rate_limit")
      .times(3)
      .reply(function () {
        headers.push(this.req.headers.authorization === `token ${token}`);
        return [[200, 401, 404][headers.length - 1]!, {}];
      });
    const check = githubValidity({ baseUrl: API });
    const states = [];
    for (let i = 0; i < 3; i++) states.push((await check.check(credential(token, "github-pat"))).state);
    expect(states).toEqual(["active", "inactive", "unknown"]);
    expect(headers).toEqual([true, true, true]);
  });
});

describe("Slack: auth.revoke and auth.test with the leaked token", () => {
  it("revokes a bot token by calling auth.revoke on slack.com with the token as its bearer", async () => {
    const token = slackBotToken();
    const bearer: boolean[] = [];
    const scope = nock("https://slack.com")
      .post("/api/auth.revoke")
      .reply(function () {
        bearer.push(this.req.headers.authorization === `Bearer ${token}`);
        return [200, { ok: true, revoked: true }];
      });
    const [result] = await slackRevoker().revoke([credential(token, "slack-bot-token")]);
    expect(scope.isDone()).toBe(true);
    expect(bearer).toEqual([true]);
    expect(result).toMatchObject({ outcome: "revoked", status: 200 });
  });

  it("records Slack's refusal code as the failed status", async () => {
    nock("https://slack.com").post("/api/auth.revoke").reply(200, { ok: false, error: "invalid_auth" });
    const [result] = await slackRevoker().revoke([credential(slackBotToken(), "slack-bot-token")]);
    expect(result).toMatchObject({ outcome: "failed", status: "invalid_auth", reason: "Slack refused: invalid_auth" });
  });

  it("waits out a 429 (Retry-After) and tries again", async () => {
    const { slept, sleep } = recorder();
    nock("https://slack.com").post("/api/auth.revoke").reply(429, {}, { "retry-after": "3" }).post("/api/auth.revoke").reply(200, { ok: true, revoked: true });
    const [result] = await slackRevoker({ sleep }).revoke([credential(slackBotToken(), "slack-user-token")]);
    expect(result).toMatchObject({ outcome: "revoked", attempts: 2 });
    expect(slept).toEqual([3000]);
  });

  it("checks validity with auth.test: ok active, invalid_auth inactive, a Slack outage unknown", async () => {
    const { sleep } = recorder();
    nock("https://slack.com")
      .post("/api/auth.test").reply(200, { ok: true, team: "acme" })
      .post("/api/auth.test").reply(200, { ok: false, error: "invalid_auth" })
      .post("/api/auth.test").times(3).reply(503, {});
    const check = slackValidity({ sleep });
    const states = [];
    for (let i = 0; i < 3; i++) states.push((await check.check(credential(slackBotToken(), "slack-bot-token"))).state);
    expect(states).toEqual(["active", "inactive", "unknown"]);
  });
});

describe("the provider's request id", () => {
  it("is taken from GitHub's or Slack's header, and only when it looks like an id", async () => {
    const { requestIdOf } = await import("../../src/revoke/http.js");
    expect(requestIdOf(new Headers({ "x-github-request-id": "E1A0:3B4C:1F2E3D:2A3B4C:6745A3B2" }))).toBe("E1A0:3B4C:1F2E3D:2A3B4C:6745A3B2");
    expect(requestIdOf(new Headers({ "x-slack-req-id": "b7c0ffee" }))).toBe("b7c0ffee");
    expect(requestIdOf(new Headers({ "x-github-request-id": "<img src=x> @everyone" }))).toBeUndefined();
    expect(requestIdOf(new Headers({ "x-request-id": "a".repeat(129) }))).toBeUndefined();
    expect(requestIdOf(new Headers())).toBeUndefined();
  });
});
