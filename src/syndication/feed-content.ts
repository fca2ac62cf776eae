// A feed entry's content: the full story rendered by the project's one Markdown instance (so the
// same safety rules apply), with every URL made absolute for readers that are not on the site.
import { isMainThread, workerData, type MessagePort } from "node:worker_threads";
import type { Token } from "markdown-it";
import type { Article } from "../content/load.ts";
import { postInBatches, WorkerResults } from "../runtime/workers.ts";
import { isRemote, resolveImage } from "../content/image-refs.ts";
import { remotePictures } from "../render/remote-images.ts";
import { markdown, storyMarkdown, stripXmlInvalid } from "../content/markdown.ts";
import { renditionOf, type ImageFile } from "./seo.ts";
import { absoluteUrl } from "./urls.ts";

/** A picture as a feed shows it: our JPEG rendition, or an address kept as it is (no size). */
type FeedPicture = Pick<ImageFile, "url"> & Partial<ImageFile>;

/** Makes every href/src of a story's tokens absolute; a picture beside the article or at an http(s) address goes to `picture`. */
function absolutize(tokens: Token[], pageUrl: string, base: string, picture: (token: Token, src: string) => void): void {
  for (const token of tokens) {
    const href = token.attrGet("href");
    if (href !== null) token.attrSet("href", absoluteUrl(String(href), base, pageUrl));
    const src = token.attrGet("src");
    if (src !== null && token.type === "image" && (isRemote(String(src)) || !/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(String(src)))) picture(token, String(src));
    else if (src !== null) token.attrSet("src", absoluteUrl(String(src), base, pageUrl));
    if (token.children) absolutize(token.children, pageUrl, base, picture);
  }
}

/**
 * The story's HTML as the article page shows it, every href/src absolute for readers off-site. A
 * picture beside the article becomes a JPEG rendition in the output (as the page's own would); one
 * whose size `picture` cannot tell (a remote picture the build could not fetch) keeps its address.
 */
export async function absoluteStoryHtml(body: string, pageUrl: string, base: string, picture: (src: string) => Promise<FeedPicture>): Promise<string> {
  const env = {};
  const tokens = markdown.parse(body, env);
  const pending: Promise<void>[] = [];
  absolutize(tokens, pageUrl, base, (token, src) => {
    pending.push(picture(src).then((file) => {
      token.attrSet("src", file.url);
      if (file.width && file.height) {
        token.attrSet("width", String(file.width));
        token.attrSet("height", String(file.height));
      }
    }));
  });
  await Promise.all(pending);
  return markdown.renderer.render(tokens, markdown.options, env);
}

/** The feed HTML of a story without pictures (null for one with), as absoluteStoryHtml gives it. */
function plainStoryHtml(body: string, pageUrl: string, base: string): string | null {
  const tokens = markdown.parse(body, {});
  let pictures = false;
  absolutize(tokens, pageUrl, base, () => void (pictures = true));
  return pictures ? null : markdown.renderer.render(tokens, markdown.options, {});
}

/**
 * A production build's feed stories, rendered on a worker thread while Eleventy renders pages and
 * picked up synchronously (as src/render/story.ts does for the pages). Stories with pictures are
 * left to the main thread's image pipeline.
 */
export class FeedStoriesAhead {
  #results: WorkerResults<{ file: string; html: string | null }>;

  constructor(stories: Pick<Article, "file" | "url">[], root: string, base: string) {
    this.#results = new WorkerResults(import.meta.url, { stories: stories.map(({ file, url }) => ({ file, url })), root, base });
  }

  take(file: string): string | undefined {
    return this.#results.take(file)?.html ?? undefined;
  }

  close(): Promise<number> {
    return this.#results.close();
  }
}

if (!isMainThread && workerData?.module === import.meta.url) {
  const { stories, root, base, port } = workerData as { stories: Pick<Article, "file" | "url">[]; root: string; base: string; port: MessagePort };
  // one at a time, so the first batches are posted while the rest are rendered
  postInBatches(port, (function* () {
    for (const story of stories) yield { file: story.file, html: plainStoryHtml(stripXmlInvalid(storyMarkdown(story, root)), story.url, base) };
  })());
}

// one render per article object, shared by the site and tag feeds and all formats: load.ts hands
// back a new object when the file changes
const rendered = new WeakMap<Article, Promise<string>>();

export function storyHtml(article: Article, settings: { root: string; base: string }, outputDir: string, ahead?: FeedStoriesAhead): Promise<string> {
  let html = rendered.get(article);
  const fromWorker = html === undefined ? ahead?.take(article.file) : undefined;
  if (fromWorker !== undefined) rendered.set(article, (html = Promise.resolve(fromWorker)));
  if (html === undefined) {
    // the loader has already checked that every picture is a readable file beside the article or an
    // address; the images plugin has fetched the addresses (src/render/remote-images.ts)
    const picture = (src: string): Promise<FeedPicture> => {
      const file = isRemote(src) ? remotePictures.file(src) : resolveImage(article.file, src, settings.root) ?? src;
      return file ? renditionOf(file, outputDir, settings.base) : Promise.resolve({ url: src });
    };
    html = absoluteStoryHtml(stripXmlInvalid(storyMarkdown(article, settings.root)), article.url, settings.base, picture);
    rendered.set(article, html);
  }
  return html;
}
