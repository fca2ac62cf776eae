// The dev server re-renders only the pages an edit changed. Every article, listing and feed page has
// a signature: the version of its own article (or a feed's stories), and what it shows of the others
// (headline, date, standfirst, tags…). A page whose signature matches the last build's is left out of the rebuild;
// its file from then is still in the output. Any change to something other than an article file
// (a layout, data, styles) renders everything again. `npm run build` does the same between builds,
// with signatures kept on disk (src/site/signatures.ts) instead of numbers held in memory.
import type { Article } from "../content/load.ts";
import type { ArticleLinks, ListingPage } from "./collections.ts";
import { frontArticles } from "./front-page.ts";
import { describeListing, PAGE_WINDOW_RADIUS } from "./listings.ts";
import { outputFile, type PageSignatures } from "./signatures.ts";
import { textDigest as digest } from "../content/digests.ts";
import { dateStamp } from "../content/dates.ts";

/** What a card, a related-story link or an older/newer link can show of an article (every date is in the site's zone; Luxon's ISO text for them cost 0.4 s at 100,000 articles). */
const shownFields = (a: Article) => JSON.stringify([a.url, a.title, a.status, a.description, dateStamp(a.date), dateStamp(a.updated), a.place, a.source, a.tags, a.image, a.author, a.section.slug, a.kind]);

/** A number in the dev server (the same object, the same number); a digest of content in `npm run build` (src/site/signatures.ts). */
export type ShownId = number | string;

/**
 * What a listing page shows besides its stories: title, description (a count on a first page), a
 * source's website, and its pagination bar, which names the number of pages only near the newest
 * (`pageWindow`: "Latest" carries no number). Strings, not the bar's objects: 15,000 pages a save.
 */
export const listingFrame = (page: ListingPage<unknown>) => {
  const nearLatest = page.pageNumber + PAGE_WINDOW_RADIUS + 2 >= page.totalPages;
  const website = page.group && "website" in page.group ? page.group.website : "";
  return `${page.title}|${describeListing(page)}|${website}|${page.pageNumber}|${nearLatest ? page.totalPages : ""}`;
};

const isArticle = (value: unknown): value is Article => typeof value === "object" && value !== null && "url" in value && "file" in value;

export class ChangedPages {
  /** Off (every page renders) unless the dev server turns it on. */
  enabled = false;
  #everything = true;
  #signatures = new Map<string, { meta: string; ids: ShownId[] }>();
  #versions = new WeakMap<Article, ShownId>();
  /** Each distinct "what is shown" gets a number, so signatures are lists of numbers. */
  #shownIds = new Map<string, number>();
  /**
   * Each article's id of what it shows, kept on the article under this instance's own key: a card
   * looks it up (1.7 million cards at 100,000 articles; in a microbenchmark of as many lookups,
   * 0.1 s against 0.25–0.5 s through a WeakMap).
   * A copy of the article (`{ ...article }`) carries it too, so it names the object it belongs to.
   */
  #shown = Symbol("shown");
  #next = 0;
  /** After a patched build (collections.ts): the only pages that can have changed. */
  #limit: Set<object> | undefined;
  /** A production build that reuses the last one's pages (src/build/incremental.ts). */
  #persistent: PageSignatures | undefined;

  get signatures(): PageSignatures | undefined {
    return this.#persistent;
  }

  /** From now on pages are selected by signatures kept between builds: `npm run build`. */
  persist(signatures: PageSignatures): void {
    this.#persistent = signatures;
  }

  /** Called with the files an edit touched; anything but an article renders every page again. */
  changed(files: string[], isArticle: (file: string) => boolean): void {
    if (!files.every(isArticle)) this.#everything = true;
  }

  /** The build is written: the next one compares against it. */
  finishBuild(): void {
    this.#everything = false;
    this.#limit = undefined;
  }

  /** This build patched the last one: pages (article, listing page, feed objects) outside `pages` did not change. */
  limitTo(pages: Set<object>): void {
    this.#limit = pages;
  }

  /** Pages made from the whole archive (sitemaps): left out only of a patched build that did not touch them. */
  wholeSitePages<T extends object>(pages: T[]): T[] {
    // a production build always writes them: the news sitemap moves with the clock
    const limit = this.enabled && !this.#everything && !this.#persistent ? this.#limit : undefined;
    return limit ? pages.filter((page) => limit.has(page)) : pages;
  }

  /** Whole-site pages whose whole content `text` gives (the sitemaps' lists): a production build writes only those whose text changed. */
  signedPages<T extends { url: string }>(pages: T[], text: (page: T) => string): T[] {
    const persistent = this.#persistent;
    return persistent ? pages.filter((page) => persistent.select(outputFile(page.url), text(page), [])) : this.wholeSitePages(pages);
  }

  /** One more page that may have changed in a patched build (a feed with an edited story). */
  touch(page: object): void {
    this.#limit?.add(page);
  }

  articlePages(articles: Article[], links: Record<string, ArticleLinks>): Article[] {
    return this.#select(articles, () => "", (article) => {
      const { related, older, newer } = links[article.url]!;
      return [this.version(article), ...related.map(this.#show), this.#show(older), this.#show(newer)];
    });
  }

  listingPages(pages: ListingPage[]): ListingPage[] {
    // the front page also shows its lead, top stories and desk blocks, which may sit on no page of its list
    const shown = (page: ListingPage) => (page.front ? [...page.items, ...frontArticles(page.front)] : page.items).map(this.#show);
    // and how they are arranged: lead, top stories, desk blocks (_data/frontpage.yaml)
    const arrangement = (page: ListingPage) => (page.front ? JSON.stringify(page.front, (_, v: unknown) => (isArticle(v) ? v.url : v)) : "");
    return this.#select(pages, (page) => `${listingFrame(page)}|${arrangement(page)}`, shown);
  }

  /** /corrections/ shows each correction's date and text, and its article's headline and link. */
  correctionPages<T extends ListingPage<{ article: Article; date: unknown; text: string }>>(pages: T[]): T[] {
    const shown = (page: T) => page.items.flatMap((c) => [this.#show(c.article), this.#textId(JSON.stringify([c.date, c.text]))]);
    return this.#select(pages, listingFrame, shown);
  }

  /** Feeds carry whole stories: a feed changes with the version of any article in it. */
  feedPages<T extends { paths: Record<string, string | undefined>; title: string; updated: string; entries: { article: Article }[] }>(feeds: T[], format: string): T[] {
    // an empty feed is dated by the build's clock
    return this.#select(feeds, (feed) => `${feed.title}|${feed.updated}`, (feed) => feed.entries.flatMap((e) => [this.version(e.article), this.#show(e.article)]), (feed) => feed.paths[format]!);
  }

  /** A number per article object: a new object is a changed file (the loader caches unchanged ones). */
  version(article: Article): ShownId {
    let version = this.#versions.get(article);
    if (version === undefined) {
      // in a production build the same file, status and tags are the same version
      version = this.#persistent ? this.#textId(this.#persistent.versionText(article)) : this.#next++;
      this.#versions.set(article, version);
    }
    return version;
  }

  /** The same id for the same text: a number, or in a production build its digest (no text is kept). */
  #textId(text: string): ShownId {
    if (this.#persistent) return digest(text);
    let id = this.#shownIds.get(text);
    if (id === undefined) this.#shownIds.set(text, (id = this.#next++));
    return id;
  }

  /** An id for what the article shows; worked out again when its object or merged tags change. */
  #show = (article: Article | undefined): ShownId => {
    if (!article) return -1;
    const holder = article as Article & { [key: symbol]: { of: Article; tags: Article["tags"]; id: ShownId } | undefined };
    const known = holder[this.#shown];
    if (known?.of === article && known.tags === article.tags) return known.id;
    // a production build compares the pictures' contents too: one can be replaced under the same name
    const persistent = this.#persistent;
    const id = persistent
      ? persistent.shownId(article, this.version(article) as string, () => digest(`${shownFields(article)}${persistent.pictures(article)}`))
      : this.#textId(shownFields(article));
    holder[this.#shown] = { of: article, tags: article.tags, id };
    return id;
  };

  // A page's signature: a short text (title, page count…) and the numbers of what it shows, compared
  // number by number; 15,000 listing pages are checked on every save.
  #select<T>(pages: T[], meta: (page: T) => string, shows: (page: T) => ShownId[], key: (page: T) => string = (page) => (page as { url: string }).url): T[] {
    const persistent = this.#persistent;
    if (persistent) return pages.filter((page) => persistent.select(outputFile(key(page)), meta(page), shows(page)));
    if (!this.enabled) return pages;
    const limit = this.#everything ? undefined : this.#limit;
    return pages.filter((page) => {
      // an untouched page's signature would be worked out from the same objects as last time
      if (limit && !limit.has(page as object)) return false;
      const now = { meta: meta(page), ids: shows(page) };
      const url = key(page);
      const before = this.#signatures.get(url);
      this.#signatures.set(url, now);
      const same = before !== undefined && before.meta === now.meta && sameNumbers(before.ids, now.ids);
      return this.#everything || !same;
    });
  }
}

// a loop, not a closure per page: tsx names every function it creates, which adds up over 25,000 pages
function sameNumbers(a: ShownId[], b: ShownId[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** One per process: the articles plugin drives it, the page templates ask it what to render. */
export const changedPages = new ChangedPages();
