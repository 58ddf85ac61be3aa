/**
 * Scan mode: the checkout as `keyward scan` and `keyward audit` see it — secrets in the working
 * tree (honouring .gitignore, .keywardignore and `keyward:allow`) and the workflow audit.
 */
import type { Config } from "../config.js";
import type { Finding } from "../finding.js";
import { diskSource } from "../ingest/repo-source.js";
import { loadSuppressions, runScan, type ScanStats } from "../scan.js";
import { auditRepository } from "../workflows/run.js";

export async function scanWorkspace(root: string, config: Config, options: { now: Date; hashKey?: string }): Promise<{ findings: Finding[]; stats: ScanStats }> {
  const secrets = await runScan({ root, target: { kind: "worktree" }, config, suppress: await loadSuppressions(root), ...(options.hashKey ? { hashKey: options.hashKey } : {}) });
  const audit = await auditRepository(diskSource(root), { now: options.now });
  return { findings: [...secrets.findings, ...audit.findings], stats: secrets.stats };
}
