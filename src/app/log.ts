/**
 * The App's and the workers' logger: JSON lines (pino) on stdout at LOG_LEVEL. Built here and
 * handed to Probot's server and to Probot alike; left to themselves, each makes its own logger
 * at a fixed level, and LOG_LEVEL=debug or trace printed nothing more.
 */
import pino, { type Logger } from "pino";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

export function logLevelProblem(level: string | undefined): string | undefined {
  if (level === undefined || (LOG_LEVELS as readonly string[]).includes(level)) return undefined;
  return `LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")} (got ${JSON.stringify(level.slice(0, 20))})`;
}

export function appLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  return pino({ level: env.LOG_LEVEL ?? "info", name: "keyward" });
}
