// The dev server re-renders only the pages an edit changed. Every article, listing and feed page has
// a signature: what it shows of the articles (src/site/page-shows.ts). A page whose signature matches
// the last build's is left out; its file from then is still in the output. A change to anything but an
// article file renders everything. `npm run build` keeps signatures on disk instead (src/site/signatures.ts).
import type { Article } from "../content/load.ts";
import type { ArticleLinks, ListingPage } from "./collections.ts";
import { articleShows, correctionShows, feedShows, listingShows, shownFields, type PageShows, type ShownId, type ShownIds } from "./page-shows.ts";
import { outputFile, type PageSignatures } from "./signatures.ts";
import { textDigest as digest } from "../content/digests.ts";

export class ChangedPages {
  /** Off (every page renders) unless the dev server turns it on. */
  enabled = false;
  #everything = true;
  #signatures = new Map<string, { meta: string; ids: ShownId[] }>();
  #versions = new WeakMap<Article, ShownId>();
  /** Each distinct "what is shown" gets a number, so signatures are lists of numbers. */
  #shownIds = new Map<string, number>();
  /**
   * Each article's id of what it shows, kept on the article under this instance's own key: 1.7 million
   * card lookups at 100,000 articles took 0.1 s this way, 0.25–0.5 s through a WeakMap. A copy of the
   * article (`{ ...article }`) carries it too, so it names the object it belongs to.
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
    return this.#select(articles, articleShows(this.#ids, links));
  }

  listingPages(pages: ListingPage[]): ListingPage[] {
    return this.#select(pages, listingShows(this.#ids));
  }

  correctionPages<T extends ListingPage<{ article: Article; date: unknown; text: string }>>(pages: T[]): T[] {
    return this.#select(pages, correctionShows<T>(this.#ids));
  }

  feedPages<T extends { paths: Record<string, string | undefined>; title: string; updated: string; entries: { article: Article }[] }>(feeds: T[], format: string): T[] {
    return this.#select(feeds, feedShows<T>(this.#ids), (feed) => feed.paths[format]!);
  }

  /** How the recipes of src/site/page-shows.ts name articles and text. */
  #ids: ShownIds = { show: (article) => this.#show(article), version: (article) => this.version(article), text: (text) => this.#textId(text) };

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
  #select<T>(pages: T[], { meta, shows }: PageShows<T>, key: (page: T) => string = (page) => (page as { url: string }).url): T[] {
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
