import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Most test time is waiting (Probot's one-write-a-second throttle, git, databases, child
    // processes), not CPU: three files at a time on a 2-core machine took the suite from 13 to
    // 4 minutes. Tests share nothing but the services, each under a schema or queue of its own.
    maxWorkers: 3,
  },
});
