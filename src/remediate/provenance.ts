/**
 * What a scan's records carry so an outsider can replay them: Keyward's version, the rules
 * version, and the digest of the configuration in force. The configuration itself is recorded
 * once per digest (`config-recorded`, fingerprint `config:<digest>`): as parsed, with the
 * inventory's identities (names, owners, dates) — never the file's raw text, which could hold
 * anything someone typed. The digests already recorded are cached per process (AppDeps), and
 * the store answers a repeated `config:<digest>` delivery with the record it has, so neither a
 * redelivery nor a second worker records the same configuration twice.
 */
import { digestOf, toJson, type JsonValue } from "../evidence/canonical.js";
import { evidence } from "../evidence/details.js";
import { inventoryFromConfigSource } from "../ownership/inventory.js";
import { formatOwner } from "../ownership/types.js";
import { rulesVersion, version, type Provenance } from "../provenance.js";
import type { LoadedConfig } from "./github/repo-files.js";
import { recordEvent } from "./evidence.js";
import type { Services } from "./types.js";

const day = (d: Date | undefined) => (d ? d.toISOString().slice(0, 10) : undefined);

/** The configuration in force, as plain JSON: the parsed settings and the identity inventory. */
export function configInForce(loaded: Pick<LoadedConfig, "config" | "source" | "inventoryText">): { readonly [key: string]: JsonValue } {
  const identities = loaded.inventoryText === undefined ? [] : inventoryFromConfigSource(loaded.inventoryText).identities;
  return toJson({
    source: loaded.source,
    settings: loaded.config,
    identities: identities.map((i) => ({
      secret: i.secret,
      owners: i.owners.map(formatOwner),
      purpose: i.purpose,
      rotateEveryDays: i.rotateEveryDays,
      lastRotated: day(i.lastRotated),
      expires: day(i.expires),
      reviewEveryDays: i.reviewEveryDays,
      lastReviewed: day(i.lastReviewed),
    })),
  }) as { readonly [key: string]: JsonValue };
}

export const configDigest = (config: JsonValue): string => digestOf(config);

/** At most this many digests are remembered per process; past it the store's dedupe still holds. */
const MAX_REMEMBERED = 10_000;

/**
 * The scan's Services with its provenance, after recording the configuration the first time
 * this process meets its digest.
 */
export async function withProvenance(s: Services, loaded: Pick<LoadedConfig, "config" | "source" | "inventoryText">, scan?: { readonly headSha: string; readonly pullRequest?: number }): Promise<Services> {
  const config = configInForce(loaded);
  const digest = configDigest(config);
  const seen = s.deps.recordedConfigs;
  if (!seen.has(digest)) {
    // The delivery id names the digest: the store returns the existing record for a repeat.
    await recordEvent({ ...s, deliveryId: `config:${digest}` }, `config:${digest}`, evidence("config-recorded", { digest, source: loaded.source, config }));
    if (seen.size >= MAX_REMEMBERED) seen.clear();
    seen.add(digest);
  }
  const provenance: Provenance = { keyward: version(), rules: rulesVersion(), config: digest, ...(scan ? { headSha: scan.headSha, ...(scan.pullRequest !== undefined ? { pr: scan.pullRequest } : {}) } : {}) };
  return { ...s, provenance };
}
