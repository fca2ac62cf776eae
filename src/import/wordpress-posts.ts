// One WordPress item → what to write: an article (posts), a static page (pages), or a reason it
// is skipped. Pure: the item, the export's attachments and authors and the defaults in, a plan
// out, so every rule (statuses, dates, datelines, tags, pictures, old paths) is tested alone.
import { aliasPath, aliasProblem, siteAddress } from "../content/aliases.ts";
import { parseArticleDate } from "../content/dates.ts";
import { firstParagraphText } from "../content/markdown.ts";
import { slugify } from "../content/slug.ts";
import { findDateline, type Dateline, type DatelineCities } from "./datelines.ts";
import { NO_ALT, postMarkdown, type BodyStats } from "./html-to-markdown.ts";
import type { Attachment } from "./shortcodes.ts";
import type { WxrChannel, WxrItem } from "./wordpress.ts";
import { decodeSlug, oldPath, plainText, postDate, postKind, postSection, postTags } from "./wordpress-fields.ts";

export interface PostDefaults {
  source?: string;
  dateline?: string;
}

export interface PostContext {
  channel: WxrChannel;
  attachments: ReadonlyMap<number, Attachment>;
  timezone: string;
  cities: DatelineCities;
  defaults: PostDefaults;
  /** True for an old address (as aliasPath gives it) an earlier import already wrote. */
  imported?: (path: string) => boolean;
  /** The newsroom's desks: a category naming one becomes the article's `section`. */
  desks?: readonly { name: string; slug: string }[];
}

export interface ArticlePlan {
  kind: "article";
  fields: {
    title: string; date: string; dateline?: string; source: string; section?: string; kind?: "analysis" | "opinion"; description?: string; author?: string;
    tags?: string[]; image?: { src: string; alt: string; caption?: string }; aliases?: string[]; draft?: true;
  };
  body: string;
  /** The file name's slug: the post's own, decoded. */
  slug: string;
  /** Why an editor should look: no dateline, a placeholder alt text, the site's name as source. */
  notes: string[];
}

export interface PagePlan {
  kind: "page";
  fields: { title: string; description?: string; slug: string; aliases?: string[] };
  body: string;
  slug: string;
  notes: string[];
}

export type Plan = ArticlePlan | PagePlan | { kind: "skip"; reason: string };

const NOT_ARTICLES: Record<string, string> = {
  attachment: "attachment (a picture or file, used by the posts)", nav_menu_item: "menu item", wp_block: "reusable block",
  wp_template: "theme template", wp_template_part: "theme template", wp_navigation: "navigation menu", wp_global_styles: "theme styles",
  revision: "revision", custom_css: "custom CSS", oembed_cache: "embed cache", customize_changeset: "customizer changes",
};
const NEVER_PUBLISHED: Record<string, string> = { private: "private", trash: "in the trash", "auto-draft": "auto-draft" };

// a dateline in bold or italics ("**PARIS (AFP)** – …") is read without the emphasis, and a
// dateline line ended by a classic-editor line break ("New York, United States:\") as a line
const unemphasised = (paragraph: string) =>
  paragraph.replace(/^(\*\*|__|\*|_)([^*_\n]{1,80}?)\1/, "$2").replace(/^([^\n]{1,120}?(?::|[—–]|-{1,2}))\\\n/, "$1\n");
const isText = (block: string) => !/^(!\[|\*[^*]|\[View on |#|>|\||-   |\d+\\?\. )/.test(block);

/**
 * The story's dateline (line or lede opener) read as the wire importer reads it, and the body
 * without it; a city with no country the newsroom lists is left in the text and named as `unplaced`.
 */
export function storyDateline(body: string, cities: DatelineCities): { dateline?: Dateline; unplaced?: string; body: string } {
  const blocks = body.split(/\n\n+/);
  const text = blocks.map((block, at) => ({ block, at })).filter(({ block }) => isText(block));
  const found = findDateline(text.map(({ block }) => unemphasised(block)), cities);
  if (!found) return { body };
  if (!found.dateline.hasCountry) return { unplaced: found.dateline.place, body };
  const at = text[found.at]!.at;
  if (found.dateline.rest) blocks[at] = found.dateline.rest;
  else blocks.splice(at, 1);
  return { dateline: found.dateline, body: blocks.join("\n\n") };
}

/** A standfirst when the default (the first paragraph) would be a picture's empty text. */
function standfirst(excerpt: string, body: string): string | undefined {
  const written = plainText(excerpt);
  if (written) return written;
  if (firstParagraphText(body)) return undefined;
  return firstParagraphText(body.split(/\n\n+/).filter(isText).join("\n\n")) || undefined;
}

export function planPost(item: WxrItem, context: PostContext, stats: BodyStats): Plan {
  if (item.type !== "post" && item.type !== "page") return { kind: "skip", reason: NOT_ARTICLES[item.type] ?? `post type "${item.type}"` };
  if (item.password) return { kind: "skip", reason: "password-protected" };
  if (NEVER_PUBLISHED[item.status]) return { kind: "skip", reason: NEVER_PUBLISHED[item.status]! };
  if (!["publish", "future", "draft", "pending"].includes(item.status)) return { kind: "skip", reason: `status "${item.status}"` };
  if (item.type === "page" && item.status !== "publish") return { kind: "skip", reason: `page not published (${item.status})` };
  const path = oldPath(item.link);
  if (path && !aliasProblem(path) && context.imported?.(aliasPath(path))) return { kind: "skip", reason: "already imported (same old address)" };
  const title = plainText(item.title);
  if (!title) return { kind: "skip", reason: "no title" };
  const converted = postMarkdown(item.content, { attachments: context.attachments, postId: item.id, base: context.channel.link }, stats);
  if (!converted) return { kind: "skip", reason: "no story text" };
  const slug = slugify(decodeSlug(item.name)) || slugify(title);
  const notes: string[] = [];
  const problem = path && (aliasProblem(path) ?? (siteAddress(aliasPath(path)) && `an address of ${siteAddress(aliasPath(path))} on this site`));
  if (problem) notes.push(`aliases: the old address ${path} cannot get a redirect page: ${problem}`);
  // an old address that is also the new one needs no redirect (the build would refuse it as one)
  const aliasesBeside = (url: string) => (path && !problem && aliasPath(path) !== url ? [path] : undefined);
  if (item.type === "page") return { kind: "page", fields: { title, description: plainText(item.excerpt) || undefined, slug, aliases: aliasesBeside(`/${slug}/`) }, body: converted, slug, notes };

  const { dateline, unplaced, body } = storyDateline(converted, context.cities);
  const date = postDate(item, context.timezone);
  const instant = date && parseArticleDate(date, context.timezone);
  if (!instant || typeof instant === "string") return { kind: "skip", reason: `no usable date (${instant ?? item.date})` };
  // a city the newsroom has not placed is the story's own dateline: no default stands in for it
  const place = dateline?.place ?? (unplaced ? undefined : context.defaults.dateline);
  let source = dateline?.agency ?? context.defaults.source;
  if (!source) {
    source = context.channel.title || "Staff";
    notes.push(`source: no agency in the story and no --source; credited to "${source}"`);
  }
  // an opinion piece needs no dateline (the contract says so): published without one, not held back
  const kind = postKind(item);
  const heldBack = !place && kind !== "opinion";
  if (heldBack && unplaced) notes.push(`dateline: "${unplaced}" has no country (add it to _data/dateline-cities.json, or pass --dateline); imported as a draft for an editor`);
  else if (heldBack) notes.push("dateline: none in the story and no --dateline; imported as a draft for an editor");
  if (stats.missingAlt) notes.push(`body: ${stats.missingAlt} picture(s) without alt text in WordPress; a placeholder says so`);
  const author = context.channel.authors.get(item.creator) || item.creator;
  const thumbnail = context.attachments.get(Number(item.meta.get("_thumbnail_id")));
  const caption = thumbnail && plainText(thumbnail.caption);
  if (thumbnail && !thumbnail.alt) notes.push("image.alt: the featured picture has no alt text in WordPress; a placeholder says so");
  const fields: ArticlePlan["fields"] = {
    title, date, dateline: place, source, section: context.desks && postSection(item, context.desks), kind,
    description: standfirst(item.excerpt, body),
    author: author && !author.includes("@") ? author : undefined,
    tags: postTags(item),
    image: thumbnail ? { src: thumbnail.url, alt: plainText(thumbnail.alt) || NO_ALT, ...(caption ? { caption } : {}) } : undefined,
    aliases: aliasesBeside(`/${instant.instant.setZone(context.timezone).toFormat("yyyy/MM/dd")}/${slug}/`),
    draft: item.status === "draft" || item.status === "pending" || heldBack ? true : undefined,
  };
  if (!fields.tags!.length) fields.tags = undefined;
  return { kind: "article", fields, body, slug, notes };
}
