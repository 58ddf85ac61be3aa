import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TimestampError, TsaClient, verifyTimestampToken } from "../../src/evidence/tsa.js";
import { startLocalTsa, type LocalTsa } from "./tsa-server.js";

describe("RFC 3161 timestamps against openssl ts acting as the TSA", () => {
  let tsa: LocalTsa;
  beforeAll(async () => {
    tsa = await startLocalTsa();
  });
  afterAll(async () => tsa.close());

  const data = Buffer.from("keyward.example/acme\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n", "utf8");

  it("gets a token over the data and verifies it against the TSA's CA", async () => {
    const before = Date.now();
    const token = await new TsaClient({ url: tsa.url }).timestamp(data);
    const verified = await verifyTimestampToken(token, data, tsa.caPem);
    expect(verified.genTime.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 1000);
    expect(verified.genTime.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(verified).toMatchObject({ policy: "1.3.6.1.4.1.55555.1", tsa: "CN=Keyward test TSA, O=Keyward tests", serial: expect.stringMatching(/^[0-9a-f]+$/) });
    expect(tsa.requests()).toBe(1);
  });

  it("refuses the token for other data, under another CA, or when it is damaged", async () => {
    const token = await new TsaClient({ url: tsa.url }).timestamp(data);
    await expect(verifyTimestampToken(token, Buffer.from("something else"), tsa.caPem)).rejects.toThrow(TimestampError);
    await expect(verifyTimestampToken(token, data, tsa.otherCaPem)).rejects.toThrow(/does not verify/);
    await expect(verifyTimestampToken(token, data, "")).rejects.toThrow(/no trusted certificate/);
    const damaged = Buffer.from(token);
    damaged[damaged.length - 10] = damaged[damaged.length - 10]! ^ 0xff;
    await expect(verifyTimestampToken(damaged, data, tsa.caPem)).rejects.toThrow(TimestampError);
    await expect(verifyTimestampToken(Buffer.from("not der at all"), data, tsa.caPem)).rejects.toThrow(TimestampError);
  });

  it("says so when the authority does not answer or answers with something else", async () => {
    await expect(new TsaClient({ url: "http://127.0.0.1:9/none", timeoutMs: 2000 }).timestamp(data)).rejects.toThrow(/did not answer/);
    const fake: typeof fetch = async () => new Response(Buffer.from("hello"), { status: 200 });
    await expect(new TsaClient({ url: tsa.url, fetch: fake }).timestamp(data)).rejects.toThrow(/not a TimeStampResp/);
    const refused: typeof fetch = async () => new Response(null, { status: 503 });
    await expect(new TsaClient({ url: tsa.url, fetch: refused }).timestamp(data)).rejects.toThrow(/HTTP 503/);
  });

  it("refuses a genuine reply that answers another request (nonce and imprint are checked)", async () => {
    const other = await new TsaClient({ url: tsa.url }).timestamp(Buffer.from("another checkpoint"));
    // Replay an earlier reply: wrap the old token as the TSA's answer to a new request.
    const pkijs = await import("pkijs");
    const reply = new pkijs.TimeStampResp({ status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }), timeStampToken: pkijs.ContentInfo.fromBER(other) });
    const replay: typeof fetch = async () => new Response(Buffer.from(reply.toSchema().toBER(false)), { status: 200 });
    await expect(new TsaClient({ url: tsa.url, fetch: replay }).timestamp(data)).rejects.toThrow(/something other than what was sent/);
  });
});
