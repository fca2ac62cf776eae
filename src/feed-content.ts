// A feed entry's content: the full story rendered by the project's one Markdown instance (so the
// same safety rules apply), with every URL made absolute for readers that are not on the site.
import type { Token } from "markdown-it";
import type { Article } from "./articles/load.ts";
import { storyMarkdown } from "./articles/story.ts";
import { resolveImage } from "./articles/images.ts";
import { markdown, stripXmlInvalid } from "./markdown.ts";
import { renditionOf, type ImageFile } from "./seo.ts";
import { absoluteUrl } from "./urls.ts";

/**
 * The story's HTML as the article page shows it, every href/src absolute for readers off-site. A
 * picture beside the article becomes a JPEG rendition in the output (as the page's own would).
 */
export async function absoluteStoryHtml(body: string, pageUrl: string, base: string, picture: (src: string) => Promise<ImageFile>): Promise<string> {
  const env = {};
  const tokens = markdown.parse(body, env);
  const pending: Promise<void>[] = [];
  const visit = (list: Token[]) => {
    for (const token of list) {
      const href = token.attrGet("href");
      if (href !== null) token.attrSet("href", absoluteUrl(String(href), base, pageUrl));
      const src = token.attrGet("src");
      if (src !== null && token.type === "image" && !/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(String(src))) {
        pending.push(picture(String(src)).then((file) => {
          token.attrSet("src", file.url);
          token.attrSet("width", String(file.width));
          token.attrSet("height", String(file.height));
        }));
      } else if (src !== null) token.attrSet("src", absoluteUrl(String(src), base, pageUrl));
      if (token.children) visit(token.children);
    }
  };
  visit(tokens);
  await Promise.all(pending);
  return markdown.renderer.render(tokens, markdown.options, env);
}

// one render per article object, shared by the site and tag feeds and all formats: load.ts hands
// back a new object when the file changes
const rendered = new WeakMap<Article, Promise<string>>();

export function storyHtml(article: Article, settings: { root: string; base: string }, outputDir: string): Promise<string> {
  let html = rendered.get(article);
  if (html === undefined) {
    // the loader has already checked that every picture is a readable file beside the article
    html = absoluteStoryHtml(stripXmlInvalid(storyMarkdown(article, settings.root)), article.url, settings.base,
      (src) => renditionOf(resolveImage(article.file, src, settings.root) ?? src, outputDir, settings.base));
    rendered.set(article, html);
  }
  return html;
}
