// Kept records (src/content/record-cache.ts) are decoded one by one, so each article got its own copy
// of its desk, source, place and tags, though an archive has a few dozen desks and sources and a few
// hundred places and tags. One object per value: at 100,000 articles a new article's build touched
// about 10,000 fewer pages of fresh memory (`/usr/bin/time`'s minor page faults, 2026-12-06).
import type { Article } from "./article.ts";

/** The same own fields with the same values: the parts hold only strings. */
function sameFields(a: object, b: object): boolean {
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((key) => x[key] === y[key]);
}

export class RepeatedParts {
  #known = new Map<string, object>();

  /** The object kept for a value equal to `part` (looked up by `key`); else `part`, kept if its key is free. */
  #one<T extends object>(key: string, part: T): T {
    const known = this.#known.get(key);
    if (known === undefined) this.#known.set(key, part);
    else if (sameFields(known, part)) return known as T;
    return part;
  }

  /** `article`'s desk, source, place and tags replaced, in place, by equal objects of the articles shared before. */
  share(article: Article): void {
    article.section = this.#one(`d${article.section.slug}`, article.section);
    article.source = this.#one(`s${article.source.name}`, article.source);
    if (article.place) article.place = this.#one(`p${article.place.city}`, article.place);
    const { tags } = article;
    for (let i = 0; i < tags.length; i++) tags[i] = this.#one(`t${tags[i]!.slug}`, tags[i]!);
  }
}
