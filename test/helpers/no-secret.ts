/**
 * "The token appears nowhere", asserted without ever quoting it: a failure names where a token
 * was found and which one (by position), never the token, so test output cannot leak it either.
 * (`expect(text).not.toContain(token)` would print the token in its failure message.)
 */
export function expectNoSecret(texts: Readonly<Record<string, string | readonly string[]>>, tokens: readonly string[]): void {
  for (const [where, value] of Object.entries(texts)) {
    for (const text of [value].flat()) {
      // The tail after the public prefix is the secret part; checking it also catches the whole token.
      tokens.forEach((token, i) => {
        if (text.includes(token.slice(8))) throw new Error(`token #${i} appears in ${where}`);
      });
    }
  }
}
