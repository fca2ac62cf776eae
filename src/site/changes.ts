// The dev server re-renders only the pages an edit changed. Every article, listing and feed page has
// a signature: what it shows of the articles (src/site/page-shows.ts). A page whose signature matches
// the last build's is left out; its file from then is still in the output. A page made of the same
// article objects as then is not signed again. A change to anything but an article file renders
// everything. `npm run build` keeps signatures on disk instead (src/site/signatures.ts).
import type { Article } from "../content/load.ts";
import type { ArticleLinks, ListingPage } from "./collections.ts";
import { articleShows, correctionShows, feedShows, listingShows, sameItems, sameNumbers, type PageShows, type ShownId } from "./page-shows.ts";
import { outputFile, type PageSignatures } from "./signatures.ts";
import { ArticleIds } from "./article-ids.ts";
import { textDigest } from "../content/digests.ts";

export class ChangedPages {
  /** Off (every page renders) unless the dev server turns it on. */
  enabled = false;
  #everything = true;
  /** `made`: a copy of the objects the page was made of (PageShows.made), if its recipe names them. */
  #signatures = new Map<string, { meta: string; ids: ShownId[]; made?: readonly unknown[] }>();
  /** After a patched build (collections.ts): the only pages that can have changed. */
  #limit: Set<object> | undefined;
  /** Articles whose tags were re-spelled in place this build (`collected`); unknown, every page is signed. */
  #respelled: Set<Article> | undefined;
  #tagsSeen = new WeakMap<Article, Article["tags"]>();
  /** A production build that reuses the last one's pages (src/build/incremental.ts). */
  #persistent: PageSignatures | undefined;
  /** How the recipes of src/site/page-shows.ts name articles and text. */
  #ids = new ArticleIds();
  /** A production build's articles as the listings show them (`collected`), and whether the listings are made of what the last build's were. */
  #listed: readonly Article[] = [];
  #listsSame: boolean | undefined;

  get signatures(): PageSignatures | undefined {
    return this.#persistent;
  }

  /** From now on pages are selected by signatures kept between builds: `npm run build`. */
  persist(signatures: PageSignatures): void {
    this.#persistent = signatures;
    this.#ids = new ArticleIds(signatures);
  }

  /** Called with the files an edit touched; anything but an article renders every page again. */
  changed(files: string[], isArticle: (file: string) => boolean): void {
    if (!files.every(isArticle)) this.#everything = true;
  }

  /** The build is written: the next one compares against it. */
  finishBuild(): void {
    this.#everything = false;
    this.#limit = undefined;
    this.#respelled = undefined;
  }

  /**
   * The build's articles, collections made: a tag re-spelled in place (mergeTagSpellings) is the one
   * change without a new object. Then a page made of the same objects is not signed again (300,000 cards a save).
   * A production build keeps the articles, to tell whether its listings are the last build's (`#sameLists`).
   */
  collected(articles: readonly Article[]): void {
    if (this.#persistent) {
      [this.#listed, this.#listsSame] = [articles, undefined];
      return;
    }
    if (!this.enabled) return;
    const respelled = new Set<Article>();
    for (const article of articles) {
      const seen = this.#tagsSeen.get(article);
      if (seen !== undefined && seen !== article.tags) respelled.add(article);
      this.#tagsSeen.set(article, article.tags);
    }
    this.#respelled = respelled;
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
    return this.#select(articles, articleShows(this.#ids, links));
  }

  listingPages(pages: ListingPage[]): ListingPage[] {
    return this.#select(this.#unlessUnchanged(pages), listingShows(this.#ids));
  }

  correctionPages<T extends ListingPage<{ article: Article; date: unknown; text: string }>>(pages: T[]): T[] {
    return this.#select(this.#unlessUnchanged(pages), correctionShows<T>(this.#ids));
  }

  /**
   * A production build whose listings are made of what the last build's were (an edit to a story's
   * text): their pages are that build's, not signed one by one (15,000 pages at 10,000 articles).
   * One that only added stories: the lists they did not join likewise. The front page, which also
   * shows _data/frontpage.yaml's choice, is signed as ever.
   */
  #unlessUnchanged<T extends ListingPage<unknown>>(pages: T[]): T[] {
    const persistent = this.#persistent;
    if (!persistent) return pages;
    const resized = resizedLists(pages, persistent);
    const keep = (page: T) => page.front === undefined && persistent.keep(outputFile(page.url));
    if (this.#sameLists(persistent)) return pages.filter((page) => !keep(page));
    if (!persistent.onlyAdded()) return pages;
    // only new stories since the last build: a list none of them joined holds as many items as then, the same pages
    return pages.filter((page) => resized.has(page.pageUrls) || !keep(page));
  }

  /** What every listing page is made of: each article's card (as signed), in order, and what groups and corrections show besides. */
  #sameLists(persistent: PageSignatures): boolean {
    if (this.#listsSame === undefined) {
      let text = "";
      for (const a of this.#listed) {
        const corrections = a.corrections.length ? JSON.stringify(a.corrections.map((c) => [c.date, c.text])) : "";
        text += `${this.#ids.show(a)}|${a.dateline ?? ""}|${corrections}\n`;
      }
      persistent.lists = textDigest(text);
      this.#listsSame = persistent.lists === persistent.previous?.lists;
    }
    return this.#listsSame;
  }

  feedPages<T extends { paths: Record<string, string | undefined>; title: string; updated: string; articles: Article[] }>(feeds: T[], format: string): T[] {
    return this.#select(feeds, feedShows<T>(this.#ids), (feed) => feed.paths[format]!);
  }

  // A page's signature: a short text (title, page count…) and the numbers of what it shows, compared
  // number by number; 15,000 listing pages are checked on every save.
  #select<T>(pages: T[], { meta, shows, made }: PageShows<T>, key: (page: T) => string = (page) => (page as { url: string }).url): T[] {
    const persistent = this.#persistent;
    if (persistent) return pages.filter((page) => persistent.select(outputFile(key(page)), meta(page), shows(page)));
    if (!this.enabled) return pages;
    const limit = this.#everything ? undefined : this.#limit;
    const respelled = this.#respelled;
    return pages.filter((page) => {
      // an untouched page's signature would be worked out from the same objects as last time
      if (limit && !limit.has(page as object)) return false;
      const url = key(page);
      const before = this.#signatures.get(url);
      const objects = respelled && made?.(page);
      const text = meta(page);
      if (objects && before?.made && before.meta === text && sameItems(before.made, objects, respelled)) return this.#everything;
      // a copy: a patched build swaps edited articles into the same lists (patch-collections.ts)
      const now = { meta: text, ids: shows(page), made: objects ? [...objects] : undefined };
      this.#signatures.set(url, now);
      const same = before !== undefined && before.meta === now.meta && sameNumbers(before.ids, now.ids);
      return this.#everything || !same;
    });
  }
}

/**
 * The lists of `pages` (the pages sharing one `pageUrls`) holding a number of items other than in
 * the last build; each list's number noted for the next build, under its first page's output path.
 */
function resizedLists(pages: ListingPage<unknown>[], signatures: PageSignatures): Set<readonly string[]> {
  const counts = new Map<readonly string[], number>();
  for (const page of pages) counts.set(page.pageUrls, (counts.get(page.pageUrls) ?? 0) + page.items.length);
  const resized = new Set<readonly string[]>();
  for (const [urls, count] of counts) {
    const file = outputFile(urls.at(-1)!);
    signatures.counts.set(file, String(count));
    if (signatures.previous?.counts?.get(file) !== String(count)) resized.add(urls);
  }
  return resized;
}

/** One per process: the articles plugin drives it, the page templates ask it what to render. */
export const changedPages = new ChangedPages();
