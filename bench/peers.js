// The peer Keyward is measured against in the same run: secretlint with its recommended preset.
import { lintSource } from "@secretlint/core";
import { creator as recommended } from "@secretlint/secretlint-rule-preset-recommend";

const config = { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: recommended }] };

/** Number of secretlint findings in one piece of text. */
export async function secretlintCount(content, filePath = "example.txt") {
  const result = await lintSource({
    source: { content, filePath, contentType: "text" },
    options: { config, maskSecrets: true },
  });
  return result.messages.length;
}
