/** Fake credentials for the detection tests, built at run time so the repository scans clean. */
import { randomBytes } from "node:crypto";

/** An in-house token shape no built-in rule knows: `acme_` and 32 lowercase hex. */
export const acmeToken = (): string => `acme_${randomBytes(16).toString("hex")}`;
