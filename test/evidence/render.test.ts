import { describe, expect, it } from "vitest";
import { duration } from "../../src/evidence/render.js";

describe("remediation times in the report", () => {
  it("are shown at a useful grain, from an automatic revocation's seconds to an SLA's days", () => {
    const day = 1;
    expect(duration(6 / 86_400)).toBe("6 s");
    expect(duration(10 / 1_440)).toBe("10 min");
    expect(duration(3 / 24)).toBe("3 h");
    expect(duration(3.5 * day)).toBe("3.5 d");
  });
});
