// The desks' pages (/world/, /world/page/2/…): every desk of _data/sections.ts has one, even before
// its first story, because the header links to each; newest first, grouped in the collections' one pass.
import type { Article } from "../content/load.ts";
import type { Desks, Section } from "../content/sections.ts";
import { paginate, type ListingPage } from "./listings.ts";

/** A desk with its story count, for the header and the front page. */
export interface DeskSummary extends Section {
  count: number;
}

/** `articles` newest first; the desks come out in the header's order. */
export function deskListings(articles: readonly Article[], desks: Desks, pageSize: number): { sections: DeskSummary[]; pages: ListingPage[] } {
  const lists = new Map<string, Article[]>(desks.list.map((section) => [section.slug, []]));
  for (const article of articles) lists.get(article.section.slug)?.push(article);
  const sections = desks.list.map((section) => ({ ...section, count: lists.get(section.slug)!.length }));
  const pages = desks.list.flatMap((section) => {
    const list = lists.get(section.slug)!;
    return paginate(list, section.url, section.name, pageSize, { kind: "section", section, count: list.length });
  });
  return { sections, pages };
}
