/** `keyward rules`: what Keyward looks for. */
import { parseArgs } from "node:util";
import { ALL_RULES } from "../detect/rules/index.js";
import { EXIT, type Command } from "../cli.js";

export const rulesCommand: Command = async (args, io) => {
  const { values } = parseArgs({ args, options: { format: { type: "string", default: "text" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    io.stdout("Usage: keyward rules [--format text|json]\n");
    return EXIT.clean;
  }
  if (values.format === "json") {
    io.stdout(JSON.stringify(ALL_RULES.map((r) => ({ id: r.id, provider: r.provider, description: r.description, severity: r.severity, confidence: r.confidence, keywords: r.keywords })), null, 2) + "\n");
    return EXIT.clean;
  }
  for (const r of ALL_RULES) io.stdout(`${r.id.padEnd(40)}${r.severity.padEnd(10)}${r.provider.padEnd(16)}${r.description}\n`);
  io.stdout(`${ALL_RULES.length} rules\n`);
  return EXIT.clean;
};
