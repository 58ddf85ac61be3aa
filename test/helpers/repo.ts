/** A real, throwaway git repository for tests that read history. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export interface TempRepo {
  readonly dir: string;
  write(path: string, content: string | Buffer): void;
  remove(path: string): void;
  commit(message: string, author?: { name: string; email: string }): string;
  git(...args: string[]): string;
  cleanup(): void;
}

export function tempRepo(): TempRepo {
  const dir = mkdtempSync(join(tmpdir(), "keyward-repo-"));
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" },
    }).trim();
  git("init", "-q", "-b", "main");
  git("config", "user.name", "Test Runner");
  git("config", "user.email", "runner@example.test");
  git("config", "commit.gpgsign", "false");
  return {
    dir,
    git,
    write(path, content) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    },
    remove(path) {
      git("rm", "-q", path);
    },
    commit(message, author) {
      git("add", "-A");
      const who = author ? ["-c", `user.name=${author.name}`, "-c", `user.email=${author.email}`] : [];
      execFileSync("git", [...who, "commit", "-q", "--allow-empty", "-m", message], {
        cwd: dir,
        env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" },
      });
      return git("rev-parse", "HEAD");
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
