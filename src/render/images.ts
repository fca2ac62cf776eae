// Responsive images: an article's image.src and the Markdown images in its story become AVIF and
// WebP with a JPEG fallback at a few widths, with width/height set so nothing shifts while they
// load. Markup is written where the image is rendered (a filter and a Markdown rule), not by an
// HTML transform: re-parsing every page to find three pictures cost a quarter of a large build.
// Encoded files live in .cache/images/ between builds and the ones in use are linked (or copied) to the output.
// A picture given as an http(s) address is fetched first (src/render/remote-images.ts).
import { copyFile, link, mkdir } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import type { ImageFunction } from "@11ty/eleventy-img";
import type { EleventyConfig, TemplateData } from "../runtime/eleventy-config.ts";
import type { Article } from "../content/load.ts";
import type { ArticlesLoaded } from "../site/articles.ts";
import { isRemote, resolveImage } from "../content/image-refs.ts";
import { markdown } from "../content/markdown.ts";
import { remoteImageHtml, remotePictures, type HasRemoteImages, type Options as RemoteOptions } from "./remote-images.ts";
import { noteRemotePicture } from "./security-policy.ts";
import { changedPages } from "../site/changes.ts";
import { outputFile } from "../site/signatures.ts";

// loaded when a picture is first shown: sharp's native module took 40–80 ms to load, and most
// incremental builds show no picture that changed (a CommonJS package: the same module for seo.ts)
const require = createRequire(import.meta.url);
export const eleventyImage = (): ImageFunction => require("@11ty/eleventy-img") as ImageFunction;

export interface Options {
  widths: number[];
  formats: string[];
  /** Encoded images, kept between builds; relative to the project. */
  cacheDir: string;
  /** Where the images are published, root-relative (the HTML base plugin adds any path prefix). */
  urlPath: string;
  /** `sizes` for an image in the text column; layouts pass their own for other places. */
  sizes: string;
  root: string;
  /** Fetching pictures given as addresses: timeout, cache folder… (src/render/remote-images.ts). */
  remote: Partial<RemoteOptions>;
}

export const defaults: Options = {
  widths: [400, 800, 1200],
  formats: ["avif", "webp", "jpeg"],
  cacheDir: ".cache/images",
  urlPath: "/img/",
  sizes: "(min-width: 46rem) 42rem, 100vw",
  root: process.cwd(),
  remote: {},
};

/** An article's front-matter image as a project-root path, which resolves the same from any page (an address stays one). */
export function imageSource(article: Pick<Article, "file" | "image">): string {
  if (!article.image) return "";
  if (isRemote(article.image.src)) return article.image.src;
  return path.posix.join("/", path.posix.dirname(article.file), article.image.src);
}

export function imagesPlugin(eleventyConfig: EleventyConfig, options: Partial<Options> = {}) {
  const { widths, formats, cacheDir, urlPath, sizes, root, remote } = { ...defaults, ...options };
  const imageOptions = {
    widths,
    formats,
    outputDir: path.resolve(root, cacheDir),
    urlPath,
    // sharp's default AVIF effort (4) took ~7 s per picture here, effort 1 ~0.2 s for files ~1.5x larger
    sharpAvifOptions: { effort: 1 },
  };
  const encoding = new Map<string, Promise<unknown>>();
  const used = new Set<string>();

  const encode = (file: string) => {
    if (!encoding.has(file)) encoding.set(file, eleventyImage()(file, imageOptions));
    return encoding.get(file)!;
  };

  /** `<picture>` markup for a project file; encoding starts now and is awaited after the build. */
  function picture(file: string, attributes: Record<string, string>): string {
    // statsSync gives the same file names as the encoder without waiting for it
    // https://www.11ty.dev/docs/plugins/image/#synchronous-shortcode
    const metadata = eleventyImage().statsSync(file, imageOptions);
    void encode(file);
    for (const renditions of Object.values(metadata)) for (const { filename } of renditions) used.add(filename);
    return eleventyImage().generateHTML(metadata, { loading: "lazy", decoding: "async", sizes, ...attributes });
  }

  /** A picture given as an address: its fetched copy's `<picture>`, or the address as it is. */
  const remotePicture = (url: string, attributes: Record<string, string>) => {
    const file = remotePictures.file(url);
    if (file) return picture(file, attributes);
    noteRemotePicture(); // this page's Content-Security-Policy must allow https: pictures
    return remoteImageHtml(url, attributes);
  };

  // Remote pictures are fetched and encoded before any page is rendered, so a page only ever names
  // renditions that exist; one that fails (unreadable too) is shown from its address
  remotePictures.configure({ root, ...remote });
  const check = async (file: string) => {
    try {
      eleventyImage().statsSync(file, imageOptions);
    } catch {
      throw new Error("not a picture");
    }
    if (!(await encode(file))) throw new Error("not a picture");
  };
  eleventyConfig.on("articles.loaded", ({ articles, pages }: ArticlesLoaded) => remotePictures.prepare([...articles, ...pages], check));
  /** For the Content-Security-Policy: whether a page showing these articles/pages shows a picture from another site. */
  eleventyConfig.addFilter("usesRemoteImages", (records: HasRemoteImages | HasRemoteImages[] | undefined) =>
    remotePictures.stillRemote([records ?? []].flat()));

  eleventyConfig.addFilter("imageSource", imageSource);
  eleventyConfig.addFilter("picture", (src: string, alt: string, lead = false, customSizes = "") => {
    const attributes = { alt, ...(lead ? { loading: "eager", fetchpriority: "high" } : {}), ...(customSizes ? { sizes: customSizes } : {}) };
    return isRemote(src) ? remotePicture(src, attributes) : picture(path.join(root, src), attributes);
  });

  // Markdown images in an article's story (Eleventy passes the page data as markdown-it's env)
  const plainImage = markdown.renderer.rules.image!;
  markdown.renderer.rules.image = (tokens, index, mdOptions, env, self) => {
    const token = tokens[index]!;
    // an article's or static page's text; feeds render their own pictures (src/syndication/feed-content.ts)
    const article = (env as { article?: Pick<Article, "file"> } | undefined)?.article;
    const src = String(token.attrGet("src") ?? "");
    const alt = () => self.renderInlineAsText(token.children ?? [], mdOptions, env);
    if (article && isRemote(src)) return remotePicture(src, { alt: alt() });
    const file = article && resolveImage(article.file, src, root);
    if (!file) return plainImage(tokens, index, mdOptions, env, self);
    return picture(file, { alt: alt() });
  };

  // An incremental build keeps, with each page's signature, the pictures it shows (share-card
  // renditions included): a page it does not render again still needs them in the new output
  const shown = new RegExp(`${urlPath}([^"'\\s,?#<&]+)`, "g");
  eleventyConfig.addTransform("picture-needs", function (this: { page: TemplateData }, content: string) {
    const signatures = changedPages.signatures;
    const url = this.page.url as string | false;
    if (!signatures || typeof content !== "string" || !url || !content.includes(urlPath)) return content;
    signatures.need(outputFile(url), [...content.matchAll(shown)].map((m) => `${urlPath.slice(1)}${m[1]}`));
    return content;
  });

  // https://www.11ty.dev/docs/events/#eleventy-after
  eleventyConfig.on("eleventy.after", async ({ directories, outputMode }: { directories: { output: string }; outputMode: string }) => {
    await Promise.all(encoding.values());
    if (outputMode !== "fs" || used.size === 0) return;
    const target = path.join(directories.output, urlPath);
    await mkdir(target, { recursive: true });
    // a hard link to the encoded file where the file system allows one: nothing writes into either
    const place = (from: string, to: string) => link(from, to).catch(() => copyFile(from, to));
    await Promise.all([...used].map((name) => place(path.join(imageOptions.outputDir, name), path.join(target, name))));
  });
}
