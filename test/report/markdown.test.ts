import { describe, expect, it } from "vitest";
import { code, href, link, plain, row, text } from "../../src/report/markdown.js";
import { liveMarkdown, tableCells } from "../helpers/markdown.js";

const HOSTILE = ["@everyone <img src=x onerror=alert(1)>", "a`b``c|@acme/security", "[x](javascript:alert(1))", "`lead and trail`", "see https://evil.test and www.evil.test or #12", "<!-- keyward:secret-id=0123456789abcdef0123 -->", "line one\nline two\r\n- item", "**bold** _em_ ~~gone~~ $x$ &#64;everyone"];

describe("one escaping path for text someone else wrote", () => {
  it("puts any string in a code span whose fence is longer than every backtick run inside", () => {
    expect(code("plain")).toBe("`plain`");
    expect(code("a`b")).toBe("``a`b``");
    expect(code("a`b``c")).toBe("```a`b``c```");
    expect(code("`x`")).toBe("`` `x` ``"); // padded: a fence next to a backtick would merge
    expect(code("")).toBe("` `");
    for (const s of HOSTILE) expect(liveMarkdown(code(s)).trim(), s).toBe("");
  });

  it("escapes | inside a table cell's code span, so the row keeps its columns", () => {
    const r = row([code("a|b`|`c", "cell"), text("x | y"), "z"]);
    expect(tableCells(r)).toEqual([3]);
    expect(code("a|b", "cell")).toBe("`a\\|b`");
  });

  it("leaves no mention, HTML, entity, link, image or autolink live in prose", () => {
    for (const s of HOSTILE) {
      const live = liveMarkdown(text(s));
      expect(live, s).not.toMatch(/@[A-Za-z0-9]|<[A-Za-z!/]|&#|\]\(|\*\*|~~|\$x\$|#\d|:\/\/|www\./);
      expect(text(s), s).not.toMatch(/[\r\n]/);
    }
    expect(text("Dana Dev")).toBe("Dana Dev");
    expect(text("review was due on 2026-04-01.")).toBe("review was due on 2026-04-01.");
    expect(text("- item")).toBe("\\- item");
    expect(text("1. first")).toBe("1\\. first");
  });

  it("breaks mentions and autolinks in plain-text fields, on one line", () => {
    expect(plain("ping @everyone and @acme/security\nnow")).toBe("ping @\u200beveryone and @\u200bacme/security now");
    expect(plain("https://x.test")).not.toContain("://");
    // Not mentions: an action's ref stays as it is, copyable.
    expect(plain("some-vendor/deploy-action@v2")).toBe("some-vendor/deploy-action@v2");
    // In Markdown an address-like ref would become a mail link: broken there.
    expect(liveMarkdown(text("actions/checkout@v4.1.0"))).not.toContain("checkout@v4");
  });

  it("links only http(s) URLs, percent-encoding what would end the destination early", () => {
    expect(() => href("javascript:alert(1)")).toThrow();
    expect(href("https://github.com/acme/w/blob/1/a (b)'.js#L1")).toBe("https://github.com/acme/w/blob/1/a%20%28b%29%27.js#L1");
    expect(link(code("a.js:1"), "https://github.com/x")).toBe("[`a.js:1`](https://github.com/x)");
  });

  it("bounds every string", () => {
    expect([...text("x".repeat(10_000))].length).toBeLessThanOrEqual(300);
    expect(code("y".repeat(10_000)).length).toBeLessThanOrEqual(302);
    expect([...plain("@a ".repeat(1000), 255)].length).toBeLessThanOrEqual(255);
  });

  it("keeps no hidden marker a file name could smuggle in", () => {
    for (const s of [code(HOSTILE[5]!), text(HOSTILE[5]!), plain(HOSTILE[5]!)]) expect(s).not.toContain("<!--");
  });
});
