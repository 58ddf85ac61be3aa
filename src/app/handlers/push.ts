/** push: scan what the pushed commits added (nothing for a deleted branch). */
import type { Context } from "probot";
import { scanChange } from "../../remediate/change.js";
import { changeOfPush } from "../../remediate/change-of.js";
import { loadRepoConfig } from "../../remediate/github/repo-files.js";
import type { AppDeps } from "../../remediate/types.js";
import { servicesOf } from "../services.js";

export async function onPush(context: Context<"push">, deps: AppDeps): Promise<void> {
  const s = servicesOf(context, deps);
  const change = await changeOfPush(s, context.payload);
  if (!change) return;
  await scanChange(s, change, await loadRepoConfig(s.octokit, s.repo, change.headSha));
}
