import pino from "pino";
import { describe, expect, it } from "vitest";
import { evidence } from "../../src/evidence/details.js";
import { MemoryEvidenceStore } from "../../src/evidence/memory.js";
import type { EvidenceStore } from "../../src/evidence/types.js";
import { makeDeps } from "../../src/remediate/deps.js";
import { recordEvent } from "../../src/remediate/evidence.js";
import type { Services } from "../../src/remediate/types.js";

const services = (store: EvidenceStore): Services => ({
  octokit: undefined as never, // recordEvent never calls GitHub
  repo: { owner: "acme", repo: "widgets", fullName: "acme/widgets", installation: 42, defaultBranch: "main", htmlUrl: "https://github.com/acme/widgets", cloneUrl: "", isPrivate: true },
  deps: makeDeps({ store }),
  log: pino({ level: "silent" }),
  deliveryId: "delivery-1",
});

describe("recordEvent", () => {
  it("records an illegal lifecycle step as refused, with the reason, and carries on", async () => {
    const store = new MemoryEvidenceStore();
    await recordEvent(services(store), "secret:abc", evidence("closed", { issue: 3, verdict: "rotated-and-removed" }));
    const [refused, ...rest] = await store.records();
    expect(rest).toEqual([]);
    expect(refused).toMatchObject({ event: "transition-refused", fingerprint: "secret:abc", deliveryId: "delivery-1", details: { refused: "closed", issue: 3, reason: expect.stringContaining("first record must be 'detected'") } });
    expect(await store.stateOf("acme/widgets", "secret:abc")).toBeUndefined();
  });

  it("fails on any other store error instead of losing the record", async () => {
    const store = new MemoryEvidenceStore();
    const down = Object.assign(Object.create(store) as EvidenceStore, { transition: async () => Promise.reject(new Error("connection terminated unexpectedly")) });
    await expect(recordEvent(services(down), "secret:abc", evidence("detected", { rule: "github-pat" }))).rejects.toThrow(/connection terminated/);
  });
});
