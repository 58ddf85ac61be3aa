/**
 * Publishes checkpoints to a Git repository on GitHub through the contents API: each checkpoint
 * replaces one file (`PUT /repos/{owner}/{repo}/contents/{path}` with the previous blob's sha),
 * so the repository's commit history is the log's public timeline. An auditor clones it and
 * hands the clone to `keyward evidence verify --checkpoints`, which reads every version of the
 * file from the history; rewriting published checkpoints means rewriting that history, which
 * every clone and GitHub's own records expose. The octokit is passed in (the App's installation
 * client, or one made from GITHUB_TOKEN by the CLI).
 */
import type { SignedCheckpoint } from "./checkpoint.js";
import type { CheckpointPublisher } from "./checkpoints.js";

/** The one Octokit method this needs, so any Octokit (Probot's, @octokit/core) fits. */
export interface ContentsClient {
  request(route: string, parameters?: Record<string, unknown>): Promise<{ readonly status: number; readonly data: unknown }>;
}

export interface GitHubTarget {
  readonly owner: string;
  readonly repo: string;
  /** Default `checkpoint`. */
  readonly path?: string;
  /** Default: the repository's default branch. */
  readonly branch?: string;
}

export const DEFAULT_CHECKPOINT_PATH = "checkpoint";

/** "owner/repo" or "owner/repo:path/in/repo". */
export function parseGitHubTarget(text: string): GitHubTarget {
  const m = /^([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100})(?::([A-Za-z0-9._/-]{1,200}))?$/.exec(text);
  if (!m || m[3]?.split("/").some((part) => part === "" || part === "." || part === "..")) throw new Error(`a checkpoint repository is OWNER/NAME or OWNER/NAME:PATH, got '${text}'`);
  return { owner: m[1]!, repo: m[2]!, ...(m[3] ? { path: m[3] } : {}) };
}

const status = (err: unknown) => (typeof err === "object" && err !== null && "status" in err ? Number((err as { status: unknown }).status) : undefined);

export class GitHubCheckpointPublisher implements CheckpointPublisher {
  readonly name: string;
  private readonly path: string;

  constructor(
    private readonly octokit: ContentsClient,
    private readonly target: GitHubTarget,
  ) {
    this.path = target.path ?? DEFAULT_CHECKPOINT_PATH;
    this.name = `github:${target.owner}/${target.repo}`;
  }

  /** Commits the checkpoint; a writer that raced us (409: the sha moved) is retried on the new sha. */
  async publish(checkpoint: SignedCheckpoint): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const sha = await this.currentSha();
      try {
        const { data } = await this.octokit.request("PUT /repos/{owner}/{repo}/contents/{path}", {
          owner: this.target.owner,
          repo: this.target.repo,
          path: this.path,
          message: `checkpoint ${checkpoint.origin} ${checkpoint.size} at ${checkpoint.time}`,
          content: Buffer.from(checkpoint.note, "utf8").toString("base64"),
          ...(sha ? { sha } : {}),
          ...(this.target.branch ? { branch: this.target.branch } : {}),
        });
        const commit = (data as { commit?: { sha?: unknown } }).commit?.sha;
        return `${this.name}@${typeof commit === "string" ? commit : "unknown"}`;
      } catch (err) {
        if ((status(err) === 409 || status(err) === 422) && attempt < 3) continue;
        throw new Error(`publishing to ${this.target.owner}/${this.target.repo}:${this.path} failed${status(err) ? ` (HTTP ${status(err)})` : ""}: ${(err as Error).message}`);
      }
    }
  }

  private async currentSha(): Promise<string | undefined> {
    try {
      const { data } = await this.octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
        owner: this.target.owner,
        repo: this.target.repo,
        path: this.path,
        ...(this.target.branch ? { ref: this.target.branch } : {}),
      });
      const sha = (data as { sha?: unknown }).sha;
      return typeof sha === "string" ? sha : undefined;
    } catch (err) {
      if (status(err) === 404) return undefined;
      throw err;
    }
  }
}
