// The one Markdown renderer for pages, feeds and descriptions. Raw HTML is shown as text and only
// http(s), mailto and tel links survive: an article cannot inject script or javascript: URLs.
import { readFileSync } from "node:fs";
import path from "node:path";
import MarkdownIt from "markdown-it";
import anchor from "markdown-it-anchor";
import { splitFrontMatter } from "./frontmatter.ts";
import { slugify } from "./slug.ts";

const SAFE_SCHEMES = new Set(["http:", "https:", "mailto:", "tel:"]);

/** Relative links and the schemes above pass; any other scheme (javascript:, data:, …) does not. */
export function isSafeUrl(url: string): boolean {
  // browsers ignore control characters and whitespace inside a scheme: "java\tscript:" is javascript:
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, "").toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(compact);
  return !scheme || SAFE_SCHEMES.has(`${scheme[1]}:`);
}

const MAY_LINK = /[:@]|\/\//;

export function createMarkdown() {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: true });
  md.validateLink = isSafeUrl;
  // linkify-it's test runs a regular expression with large Unicode classes over every paragraph.
  // Each link it finds (fuzzyLink is off) has a scheme's ":", a "//" or an e-mail's "@": text with
  // none of them is passed over unscanned, a third of the time a story takes to render.
  const linkifyTest = md.linkify.test.bind(md.linkify);
  md.linkify.test = (text: string) => MAY_LINK.test(text) && linkifyTest(text);
  // The headline is the page's only <h1>; a "# heading" in a story becomes a section heading.
  md.core.ruler.push("demote_h1", (state) => {
    for (const token of state.tokens) {
      if ((token.type === "heading_open" || token.type === "heading_close") && token.tag === "h1") token.tag = "h2";
    }
  });
  md.use(anchor, { slugify: (text: string) => slugify(text) || "section", tabIndex: false });
  return md;
}

export const markdown = createMarkdown();

/** Text made safe for an element or a double-quoted attribute (& < > "): markdown-it's own escaper, for HTML the project writes by hand. */
export const escapeHtml = (text: string): string => markdown.utils.escapeHtml(text);

/**
 * XML 1.0 forbids most control characters even as references. Only story text can hold one (YAML
 * rejects them in front matter): feeds clean the story, and the standfirst taken from it, with this.
 */
export const stripXmlInvalid = (text: string) => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");

/** Plain text of the first paragraph: the default standfirst when front matter has none. */
export function firstParagraphText(body: string): string {
  // Parse a growing prefix, cut at blank lines, instead of the whole story: the first paragraph
  // is nearly always within the first few blocks, and a full parse per article adds up at scale.
  const blocks = body.split(/\n[ \t]*\n/);
  for (let count = 2; ; count *= 2) {
    const tokens = markdown.parse(blocks.slice(0, count).join("\n\n"), {});
    const start = tokens.findIndex((t) => t.type === "paragraph_open");
    const inline = start === -1 ? undefined : tokens[start + 1];
    if (inline?.children) {
      const text = inline.children
        .map((t) => (t.type === "text" || t.type === "code_inline" ? t.content : t.type.endsWith("break") ? " " : ""))
        .join("");
      // the standfirst lands in feeds too: the same characters XML cannot hold as the story drops
      return stripXmlInvalid(text).replace(/\s+/g, " ").trim();
    }
    if (count >= blocks.length) return "";
  }
}

/** Eleventy renders `.md` with this instance; articles bypass template engines (see articles.11tydata.ts). */
export function markdownPlugin(eleventyConfig: { setLibrary(name: string, lib: unknown): void }) {
  eleventyConfig.setLibrary("md", markdown);
}

/** An article's Markdown after the front matter ("" if the file changed under the build and lost it). */
export function storyMarkdown(article: { file: string }, root: string): string {
  const split = splitFrontMatter(readFileSync(path.join(root, article.file), "utf8"));
  return typeof split === "string" ? "" : split.body;
}
