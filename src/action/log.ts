/**
 * The job log of a GitHub Actions step: plain lines, and workflow commands (`::error file=…::`)
 * that the runner turns into annotations, groups and masked values. Handlers log through pino
 * as they do in the App; each record becomes one line here, warnings and errors as commands.
 */
import pino, { type Logger } from "pino";

/** Workflow command data: `%`, CR and LF are escaped, as the runner decodes them. */
function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Property values also escape the separators `:` and `,`. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export type CommandName = "error" | "warning" | "notice" | "debug" | "add-mask" | "group" | "endgroup";

/** One workflow command line, e.g. `::warning file=a.js,line=3,title=…::message`. */
export function command(name: CommandName, message = "", properties: Readonly<Record<string, string | number | undefined>> = {}): string {
  const props = Object.entries(properties)
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(",");
  return `::${name}${props ? ` ${props}` : ""}::${escapeData(message)}\n`;
}

const LEVEL_COMMAND: Record<number, CommandName | undefined> = { 10: "debug", 20: "debug", 40: "warning", 50: "error", 60: "error" };

/** A pino logger writing to the job log; `LOG_LEVEL` or the runner's debug mode lowers the level. */
export function actionsLogger(write: (s: string) => void, level: string): Logger {
  return pino(
    { level, base: undefined, timestamp: false },
    {
      write(json: string) {
        const { level: n, msg, ...fields } = JSON.parse(json) as { level: number; msg?: string } & Record<string, unknown>;
        const extra = Object.entries(fields)
          .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
          .join(" ");
        const text = [msg ?? "", extra ? `(${extra})` : ""].filter(Boolean).join(" ");
        const name = LEVEL_COMMAND[n];
        write(name ? command(name, text) : `${text}\n`);
      },
    },
  );
}
