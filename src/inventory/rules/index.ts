/** Every inventory rule, one file each; a test checks none is left out. */
import type { InventoryRule } from "../rule.js";
import { orphanedSecret } from "./orphaned-secret.js";
import { oversharedOrgSecret } from "./overshared-org-secret.js";
import { patUnused } from "./pat-unused.js";
import { patWithoutExpiry } from "./pat-without-expiry.js";
import { rotationOverdue } from "./rotation-overdue.js";
import { staleDeployKey } from "./stale-deploy-key.js";
import { undefinedSecret } from "./undefined-secret.js";
import { unownedIdentity } from "./unowned-identity.js";
import { unprotectedEnvironmentSecret } from "./unprotected-environment-secret.js";

export const INVENTORY_RULE_MODULES: Readonly<Record<string, InventoryRule>> = {
  "orphaned-secret": orphanedSecret,
  "undefined-secret": undefinedSecret,
  "rotation-overdue": rotationOverdue,
  "overshared-org-secret": oversharedOrgSecret,
  "unprotected-environment-secret": unprotectedEnvironmentSecret,
  "stale-deploy-key": staleDeployKey,
  "pat-without-expiry": patWithoutExpiry,
  "pat-unused": patUnused,
  "unowned-identity": unownedIdentity,
};

export const INVENTORY_RULES: readonly InventoryRule[] = Object.values(INVENTORY_RULE_MODULES);
