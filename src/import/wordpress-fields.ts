// A WordPress item's fields as the contract wants them: entities decoded once, the date as an
// instant with the site zone's offset, the old address's path, display-name tags. Pure functions.
import { DateTime } from "luxon";
import { markdown } from "../content/markdown.ts";
import { slugify } from "../content/slug.ts";
import type { WxrItem } from "./wordpress.ts";

/** HTML entities decoded once (markdown-it's decoder; backslashes protected from its escapes). */
export const decodeEntities = (text: string) => markdown.utils.unescapeAll(text.replace(/\\/g, "\\\\"));

/** An excerpt or caption as one line of text. */
export const plainText = (html: string) => decodeEntities(html.replace(/<[^>]*>/g, " ")).replace(/\s+/g, " ").trim();

/** The instant of post_date_gmt with the site zone's offset; a never-scheduled draft's local post_date. */
export function postDate(item: Pick<WxrItem, "date" | "dateGmt">, timezone: string): string | undefined {
  const gmt = DateTime.fromSQL(item.dateGmt, { zone: "utc" });
  if (gmt.isValid) return gmt.setZone(timezone).toISO({ suppressMilliseconds: true })!;
  const local = DateTime.fromSQL(item.date);
  return local.isValid ? local.toFormat("yyyy-MM-dd'T'HH:mm:ss") : undefined;
}

/** The old address's path, percent-encoding as in the link; none for ?p=123 links or the home page. */
export function oldPath(link: string): string | undefined {
  try {
    const url = new URL(link);
    return url.search || url.pathname === "/" ? undefined : url.pathname;
  } catch {
    return undefined;
  }
}

/** A percent-encoded slug decoded ("s%c3%a3o-paulo" → "são-paulo"); a broken one kept as written. */
export const decodeSlug = (name: string) => {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
};

/** Categories and tags by display name ("Uncategorized", WordPress's default, left out). */
export function postTags(item: Pick<WxrItem, "terms">): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const term of item.terms) {
    if ((term.domain !== "category" && term.domain !== "post_tag") || term.nicename === "uncategorized") continue;
    const name = decodeEntities(term.name).trim() || decodeSlug(term.nicename);
    const slug = slugify(name);
    if (slug && !seen.has(slug)) tags.push(name), seen.add(slug);
  }
  return tags;
}

// WordPress sites file opinion and analysis under a category or tag: the contract's `kind`
const KINDS: [RegExp, "opinion" | "analysis"][] = [[/^(opinions?|comment|op-?eds?|editorials?|columns?)$/i, "opinion"], [/^analys[ie]s$/i, "analysis"]];

/** The kind of story a post's categories and tags name, if any. */
export function postKind(item: Pick<WxrItem, "terms">): "opinion" | "analysis" | undefined {
  for (const term of item.terms) {
    const name = decodeEntities(term.name).trim();
    const kind = KINDS.find(([pattern]) => pattern.test(name))?.[1];
    if (kind) return kind;
  }
  return undefined;
}

/** The newsroom's desk a post's first matching category names ("World", "world"), if any. */
export function postSection(item: Pick<WxrItem, "terms">, desks: readonly { name: string; slug: string }[]): string | undefined {
  for (const term of item.terms) {
    if (term.domain !== "category") continue;
    const slug = slugify(decodeEntities(term.name).trim() || decodeSlug(term.nicename));
    const desk = desks.find((d) => d.slug === slug || slugify(d.name) === slug);
    if (desk) return desk.name;
  }
  return undefined;
}
