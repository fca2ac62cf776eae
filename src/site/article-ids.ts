// The ids a page's signature is made of (src/site/changes.ts): one for what an article's cards show,
// one for its version, one for a text. The dev server numbers them within the process; a production
// build uses digests of content, kept between builds (src/site/signatures.ts).
import type { Article } from "../content/load.ts";
import { shownFields, type ShownId, type ShownIds } from "./page-shows.ts";
import type { PageSignatures } from "./signatures.ts";
import { textDigest as digest } from "../content/digests.ts";

export class ArticleIds implements ShownIds {
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

  /** `persistent`: a production build's signatures; none, the dev server's numbers. */
  constructor(readonly persistent?: PageSignatures) {}

  /** A number per article object: a new object is a changed file (the loader caches unchanged ones). */
  version = (article: Article): ShownId => {
    let version = this.#versions.get(article);
    if (version === undefined) {
      // in a production build the same file, status and tags are the same version
      version = this.persistent ? this.text(this.persistent.versionText(article)) : this.#next++;
      this.#versions.set(article, version);
    }
    return version;
  };

  /** The same id for the same text: a number, or in a production build its digest (no text is kept). */
  text = (text: string): ShownId => {
    if (this.persistent) return digest(text);
    let id = this.#shownIds.get(text);
    if (id === undefined) this.#shownIds.set(text, (id = this.#next++));
    return id;
  };

  /** An id for what the article shows; worked out again when its object or merged tags change. */
  show = (article: Article | undefined): ShownId => {
    if (!article) return -1;
    const holder = article as Article & { [key: symbol]: { of: Article; tags: Article["tags"]; id: ShownId } | undefined };
    const known = holder[this.#shown];
    if (known?.of === article && known.tags === article.tags) return known.id;
    // a production build compares the pictures' contents too: one can be replaced under the same name
    const persistent = this.persistent;
    const id = persistent
      ? persistent.shownId(article, this.version(article) as string, () => digest(`${shownFields(article)}${persistent.pictures(article)}`))
      : this.text(shownFields(article));
    holder[this.#shown] = { of: article, tags: article.tags, id };
    return id;
  };
}
