/**
 * The App anchors its log outside the operator on a schedule: with KEYWARD_SIGNING_KEY set it
 * signs a checkpoint every KEYWARD_CHECKPOINT_EVERY records (default 100) and at least every
 * KEYWARD_CHECKPOINT_MAX_AGE seconds while records arrive (default 3600), timestamps it at
 * KEYWARD_TSA_URL (waiting KEYWARD_TSA_TIMEOUT_MS, default 15000) and commits it to KEYWARD_CHECKPOINT_REPO (OWNER/NAME[:PATH]) through the
 * contents API — as the App's own installation on that repository (contents: write), or with
 * KEYWARD_CHECKPOINT_TOKEN when given. Settings are checked at start-up, with the others.
 */
import { ProbotOctokit, type Probot } from "probot";
import { DEFAULT_ORIGIN, publicKeyOf } from "../evidence/checkpoint.js";
import { scheduleCheckpoints, type CheckpointSchedule } from "../evidence/checkpoint-schedule.js";
import { DEFAULT_CHECKPOINT_EVERY, DEFAULT_CHECKPOINT_MAX_AGE_MS, type CheckpointPublisher } from "../evidence/checkpoints.js";
import { GitHubCheckpointPublisher, parseGitHubTarget, type ContentsClient, type GitHubTarget } from "../evidence/publish-github.js";
import { TsaClient } from "../evidence/tsa.js";
import type { EvidenceStore } from "../evidence/types.js";
import type { Logger } from "../remediate/types.js";

export interface CheckpointSettings {
  /** Ed25519 private key (PEM). */
  readonly signingKey: string;
  readonly origin: string;
  readonly everyRecords: number;
  readonly maxAgeMs: number;
  /** How often the App asks whether one is due (default one minute). */
  readonly checkEveryMs?: number;
  readonly tsaUrl?: string;
  /** KEYWARD_TSA_TIMEOUT_MS: how long to wait for the timestamp authority (default 15 s). */
  readonly tsaTimeoutMs?: number;
  readonly repository?: GitHubTarget;
  /** A token for the checkpoint repository instead of the App's installation on it. */
  readonly token?: string;
}

/** The settings the environment gives, undefined without KEYWARD_SIGNING_KEY; every problem named. */
export function checkpointSettingsFrom(env: NodeJS.ProcessEnv): { settings?: CheckpointSettings; problems: string[] } {
  const problems: string[] = [];
  const key = env.KEYWARD_SIGNING_KEY?.replace(/\\n/g, "\n") || undefined;
  const needsKey = ["KEYWARD_TSA_URL", "KEYWARD_CHECKPOINT_REPO", "KEYWARD_CHECKPOINT_TOKEN"].filter((k) => env[k]);
  if (!key) return { problems: needsKey.length ? [`${needsKey.join(", ")} set but KEYWARD_SIGNING_KEY is not: checkpoints need the log's Ed25519 signing key`] : [] };
  try {
    publicKeyOf(key);
  } catch (err) {
    problems.push(`KEYWARD_SIGNING_KEY is not an Ed25519 private key in PEM (${(err as Error).message})`);
  }
  const origin = env.KEYWARD_LOG_ORIGIN?.trim() || DEFAULT_ORIGIN;
  if (/[\s+]/u.test(origin)) problems.push(`KEYWARD_LOG_ORIGIN must have no spaces or '+': '${origin}'`);
  const positive = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < 1) problems.push(`${name} must be a positive whole number, got '${raw}'`);
    return n;
  };
  const everyRecords = positive("KEYWARD_CHECKPOINT_EVERY", DEFAULT_CHECKPOINT_EVERY);
  const maxAgeMs = positive("KEYWARD_CHECKPOINT_MAX_AGE", DEFAULT_CHECKPOINT_MAX_AGE_MS / 1000) * 1000;
  const tsaTimeoutMs = env.KEYWARD_TSA_TIMEOUT_MS ? positive("KEYWARD_TSA_TIMEOUT_MS", 15_000) : undefined;
  if (env.KEYWARD_TSA_URL && !/^https?:\/\//.test(env.KEYWARD_TSA_URL)) problems.push(`KEYWARD_TSA_URL must be an http(s) URL, got '${env.KEYWARD_TSA_URL}'`);
  let repository: GitHubTarget | undefined;
  if (env.KEYWARD_CHECKPOINT_REPO) {
    try {
      repository = parseGitHubTarget(env.KEYWARD_CHECKPOINT_REPO);
    } catch (err) {
      problems.push(`KEYWARD_CHECKPOINT_REPO: ${(err as Error).message}`);
    }
  }
  if (problems.length) return { problems };
  return {
    problems,
    settings: {
      signingKey: key,
      origin,
      everyRecords,
      maxAgeMs,
      ...(env.KEYWARD_TSA_URL ? { tsaUrl: env.KEYWARD_TSA_URL } : {}),
      ...(tsaTimeoutMs !== undefined ? { tsaTimeoutMs } : {}),
      ...(repository ? { repository } : {}),
      ...(env.KEYWARD_CHECKPOINT_TOKEN ? { token: env.KEYWARD_CHECKPOINT_TOKEN } : {}),
    },
  };
}

/**
 * The contents API as the App's installation on the checkpoint repository (found once, its
 * token renewed by Probot), or with the token given.
 */
function contentsClient(probot: Probot, target: GitHubTarget, token: string | undefined, baseUrl: string | undefined): ContentsClient {
  if (token) return new ProbotOctokit({ auth: { token }, ...(baseUrl ? { baseUrl } : {}) });
  let installation: Promise<number> | undefined;
  const installationId = async () => {
    const app = await probot.auth();
    const { data } = await app.request("GET /repos/{owner}/{repo}/installation", { owner: target.owner, repo: target.repo });
    return data.id;
  };
  return {
    async request(route, parameters) {
      installation ??= installationId().catch((err: unknown) => {
        installation = undefined; // asked again next time: the App may be installed on it later
        throw err;
      });
      const octokit = await probot.auth(await installation);
      return octokit.request(route, parameters);
    },
  };
}

export function startCheckpoints(probot: Probot, store: EvidenceStore, settings: CheckpointSettings, o: { readonly log: Logger; readonly now?: () => Date; readonly baseUrl?: string }): CheckpointSchedule {
  const { log, now } = o;
  const publishers: CheckpointPublisher[] = settings.repository ? [new GitHubCheckpointPublisher(contentsClient(probot, settings.repository, settings.token, o.baseUrl), settings.repository)] : [];
  return scheduleCheckpoints(store, {
    origin: settings.origin,
    signingKey: settings.signingKey,
    everyRecords: settings.everyRecords,
    maxAgeMs: settings.maxAgeMs,
    ...(settings.checkEveryMs !== undefined ? { checkEveryMs: settings.checkEveryMs } : {}),
    ...(settings.tsaUrl ? { timestamper: new TsaClient({ url: settings.tsaUrl, ...(settings.tsaTimeoutMs !== undefined ? { timeoutMs: settings.tsaTimeoutMs } : {}) }) } : {}),
    publishers,
    ...(now ? { now } : {}),
    warn: (message) => log.warn({ checkpoint: true }, message),
    onCheckpoint: ({ head }) => log.info({ size: head.size, root: head.root, timestamped: head.timestamp !== undefined, published: head.published ?? null }, "checkpoint signed"),
    onError: (err) => log.error({ err: err.message }, "checkpoint not made"),
  });
}
