import { describe, expect, it } from "vitest";
import { isSafeUrl, markdown } from "../src/markdown.ts";

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
