// The front page's first screen as a news front page reads: the lead, the top stories the desk chose
// (_data/frontpage.yaml), one block per desk with its newest stories, then the latest news.
import type { Article } from "../content/load.ts";
import type { FrontPageChoice } from "../content/frontpage.ts";
import type { Desks, Section } from "../content/sections.ts";

export interface DeskBlock {
  section: Section;
  items: Article[];
}

export interface FrontPage {
  /** The chosen lead, or the newest story when none is chosen (or it is not shown). */
  lead: Article | undefined;
  top: Article[];
  /** Desks in the header's order; a desk with nothing to show has no block. */
  desks: DeskBlock[];
  /** The first listing page's stories not already shown above. */
  latest: Article[];
}

/**
 * Built from the newest-first articles this build shows: a chosen story missing from them (a draft
 * in production) is left out. Desk blocks skip the lead and top stories, and the walk stops as soon
 * as every block is full, so a large archive costs no more than a small one.
 */
export function frontPage(articles: readonly Article[], firstPage: readonly Article[], choice: FrontPageChoice, desks: Desks): FrontPage {
  const byFile = new Map<string, Article>();
  const wanted = new Set([choice.lead, ...choice.top].filter((c) => c !== undefined).map((c) => c.file));
  for (const article of articles) if (wanted.has(article.file)) byFile.set(article.file, article);
  const lead = (choice.lead && byFile.get(choice.lead.file)) ?? articles[0];
  const top = [...new Set(choice.top.map((c) => byFile.get(c.file)).filter((a) => a !== undefined && a !== lead))] as Article[];
  const above = new Set<Article>([...(lead ? [lead] : []), ...top]);

  const blocks = new Map<string, Article[]>(desks.list.map((section) => [section.slug, []]));
  let open = choice.sectionStories > 0 ? blocks.size : 0;
  for (let i = 0; open > 0 && i < articles.length; i++) {
    const article = articles[i]!;
    const block = blocks.get(article.section.slug);
    if (!block || above.has(article) || block.length >= choice.sectionStories) continue;
    block.push(article);
    if (block.length === choice.sectionStories) open--;
  }
  return {
    lead,
    top,
    desks: desks.list.map((section) => ({ section, items: blocks.get(section.slug)! })).filter((block) => block.items.length),
    latest: firstPage.filter((article) => !above.has(article)),
  };
}

/** Every article the front page shows besides its listing items: for the dev server's signatures and patches. */
export function frontArticles(front: FrontPage | undefined): Article[] {
  return front ? [...(front.lead ? [front.lead] : []), ...front.top, ...front.desks.flatMap((block) => block.items), ...front.latest] : [];
}

/** The dev server's patch (collections.ts): an edited article swapped in wherever the front page shows it. */
export function swapInFront(front: FrontPage, before: Article, after: Article): void {
  if (front.lead === before) front.lead = after;
  for (const list of [front.top, front.latest, ...front.desks.map((block) => block.items)]) {
    for (let i = 0; i < list.length; i++) if (list[i] === before) list[i] = after;
  }
}
