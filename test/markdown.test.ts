import { describe, expect, it } from "vitest";
import { createMarkdown, isSafeUrl, markdown } from "../src/content/markdown.ts";

describe("Markdown safety", () => {
  it("shows raw HTML as text", () => {
    const html = markdown.render('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
  });

  it.each(["javascript:alert(1)", "JAVASCRIPT:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>", " javascript:alert(1)"])(
    "does not link %s",
    (url) => {
      expect(markdown.render(`[click](${url}) ![img](${url})`)).not.toMatch(/<a |<img /);
      expect(isSafeUrl(url)).toBe(false);
    },
  );

  it("links http(s), mailto and relative URLs, with attribute quotes escaped", () => {
    expect(markdown.render('[a](https://example.com/"x") [b](mailto:desk@example.com) [c](/2020/)')).toBe(
      '<p><a href="https://example.com/%22x%22">a</a> <a href="mailto:desk@example.com">b</a> <a href="/2020/">c</a></p>\n',
    );
  });

  it("demotes a # heading so the headline stays the only h1, and gives headings ids", () => {
    expect(markdown.render("# Background")).toBe('<h2 id="background">Background</h2>\n');
  });

  it("uses typographic quotes and dashes", () => {
    expect(markdown.render('"Quoted" -- text')).toBe("<p>“Quoted” – text</p>\n");
  });
});

describe("bare links in a story", () => {
  it("are linked wherever linkify-it finds them: a URL, a protocol-relative URL, an e-mail address", () => {
    expect(markdown.render("See https://example.com/report, //example.org/a or write to desk@example.com.")).toBe(
      '<p>See <a href="https://example.com/report">https://example.com/report</a>, <a href="//example.org/a">//example.org/a</a> or write to <a href="mailto:desk@example.com">desk@example.com</a>.</p>\n',
    );
  });

  it("render as linkify-it alone renders them, with text it passes over unscanned or not", () => {
    const unhurried = createMarkdown();
    unhurried.linkify.test = Object.getPrototypeOf(unhurried.linkify).test.bind(unhurried.linkify);
    const texts = ["No link here.", "At 10:30 the council met: see ftp://files.example.net/x", "mailto:desk@example.com", "Email a@b.co or visit http://x.example", "a // b", "[x](https://a.example) then example.com", "Dr. Jones@ noon"];
    for (const text of texts) expect(markdown.render(text), text).toBe(unhurried.render(text));
  });
});
