// What search engines and social cards read in <head>: Open Graph, Twitter/X card and schema.org
// JSON-LD (src/syndication/json-ld.ts). The partial _includes/partials/head-meta.njk prints it;
// every value is escaped there.
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { EleventyConfig } from "../runtime/eleventy-config.ts";
import type { Article } from "../content/load.ts";
import type { ListingPage } from "../site/collections.ts";
import { isRemote, resolveImage } from "../content/image-refs.ts";
import { remotePictures } from "../render/remote-images.ts";
import { eleventyImage } from "../render/images.ts";
import { isoInstant } from "../content/dates.ts";
import { lastChange } from "../content/corrections.ts";
import { authorIndex, type Author } from "../content/authors.ts";
import type { ArticlesLoaded } from "../site/articles.ts";
import { absoluteUrl, siteBase } from "./urls.ts";
import { breadcrumbList, listingData, newsArticle, type MetadataSite, type Settings, type ShareImage } from "./json-ld.ts";

export interface Options {
  site: MetadataSite;
  root: string;
}

export const defaults: Omit<Options, "site"> = { root: process.cwd() };


export type ImageFile = { url: string; width: number; height: number };

/**
 * A 1200-pixel JPEG of a picture (smaller ones keep their size) for share cards and feeds. Encoded
 * once into `cacheDir` (eleventy-img skips files already there), copied into each build's img/.
 */
export async function renditionOf(file: string, outputDir: string, base: string, cacheDir = ".cache/share-images"): Promise<ImageFile> {
  // https://www.11ty.dev/docs/plugins/image/
  const stats = await eleventyImage()(file, { widths: [1200], formats: ["jpeg"], outputDir: cacheDir, urlPath: "/img/" });
  const jpeg = stats.jpeg?.[0];
  if (!jpeg) throw new Error(`${file}: the image could not be converted to JPEG`);
  await mkdir(path.join(outputDir, "img"), { recursive: true });
  await copyFile(jpeg.outputPath, path.join(outputDir, "img", jpeg.filename));
  return { url: absoluteUrl(jpeg.url, base), width: jpeg.width, height: jpeg.height };
}

/** JSON for a <script> element: `<`, `>`, `&` and line separators escaped, so text cannot close the element. */
export function scriptJson(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export type MetaTag = { attribute: "property" | "name"; key: string; content: string };

/** Open Graph and Twitter/X card for any page; article pages add the article: fields. */
export function socialTags(page: { title: string; description: string; url: string }, settings: Settings, article?: Article, image?: ShareImage): MetaTag[] {
  const og = (key: string, content: string | number): MetaTag => ({ attribute: "property", key, content: String(content) });
  const card = (key: string, content: string): MetaTag => ({ attribute: "name", key, content });
  const tags = [og("og:type", article ? "article" : "website"), og("og:title", page.title), og("og:description", page.description),
    og("og:url", page.url), og("og:site_name", settings.title), og("og:locale", settings.locale)];
  if (image) tags.push(og("og:image", image.url), og("og:image:alt", image.alt));
  if (image?.width && image.height) tags.push(og("og:image:width", image.width), og("og:image:height", image.height));
  if (article) {
    const section = article.section.name;
    tags.push(og("article:published_time", isoInstant(article.date, settings.timezone)),
      og("article:modified_time", isoInstant(lastChange(article), settings.timezone)),
      ...article.author.map((name) => og("article:author", name)),
      og("article:section", section),
      ...article.tags.map((tag) => og("article:tag", tag.name)));
  }
  tags.push(card("twitter:card", image ? "summary_large_image" : "summary"), card("twitter:title", page.title), card("twitter:description", page.description));
  if (image) tags.push(card("twitter:image", image.url), card("twitter:image:alt", image.alt));
  return tags;
}

export function seoPlugin(eleventyConfig: EleventyConfig, userOptions: Pick<Options, "site"> & Partial<Options>) {
  const { site, root }: Options = { ...defaults, ...userOptions };
  const settings: Settings = { ...site, base: siteBase(site) };
  let outputDir = "_site";
  // https://www.11ty.dev/docs/events/#event-arguments — the programmatic build sets its own output
  eleventyConfig.on("eleventy.before", ({ directories }: { directories: { output: string } }) => void (outputDir = directories.output));
  eleventyConfig.addFilter("shareImage", async (article: Article): Promise<ShareImage | undefined> => {
    if (!article.image) return undefined;
    const { src, alt } = article.image;
    // a picture given as an address: its fetched copy (src/render/remote-images.ts), else the address
    const file = isRemote(src) ? remotePictures.file(src) : resolveImage(article.file, src, root);
    if (!file) return isRemote(src) ? { url: src, alt } : undefined;
    const rendition = await renditionOf(file, outputDir, settings.base);
    return { ...rendition, alt };
  });
  eleventyConfig.addFilter("socialTags", (page: { title: string; description: string; url: string }, article?: Article, image?: ShareImage) => socialTags(page, settings, article, image));
  // bylines with a profile become a Person with its page (src/site/authors.ts builds one for every byline of the build)
  let profiles = new Map<string, Author>();
  eleventyConfig.on("articles.loaded", ({ authors }: ArticlesLoaded) => void (profiles = authorIndex(authors)));
  eleventyConfig.addFilter("newsArticleJson", (article: Article, image?: ShareImage) => scriptJson(newsArticle(article, settings, image, profiles)));
  eleventyConfig.addFilter("breadcrumbJson", (article: Article) => scriptJson(breadcrumbList(article, settings)));
  eleventyConfig.addFilter("listingJson", (listing: ListingPage<{ url: string }>) => scriptJson(listingData(listing, settings)));
}
