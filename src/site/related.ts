// Related articles: the stories sharing the most tags with an article, nearest in time among equals,
// topped up with the stories published around it so every article page offers a few more to read.
// Nearest, not newest: a story published today then changes only the related lists of the stories
// around it, not of every story sharing one of its tags (an incremental build re-renders those).
import type { Article } from "../content/load.ts";

export interface Options {
  /** At most this many related articles. */
  max: number;
  /** At least this many, when the site has them: the stories published nearest to it fill the gap. */
  min: number;
}

export const defaults: Options = { max: 5, min: 3 };

/**
 * Candidates on each of an article's tags: the stories this near it in that tag's list. A story
 * further away on every shared tag is never nearer than these, and the work per article stays
 * fixed however large a tag grows (a tag on 3,000 of 10,000 stories cost half a second otherwise).
 */
export const NEAREST_ON_A_TAG = 50;

/**
 * For each article of a newest-first list, its related articles (same order as the input).
 * Counts shared tags through each tag's article list with a typed array.
 */
export function relatedArticles(articles: Article[], options: Partial<Options> = {}): Article[][] {
  const { max, min } = { ...defaults, ...options };
  // the dev server rebuilds after every save; most saves change neither tags nor order
  const key = `${max}|${min}|${articles.map((a) => a.tags.map((t) => t.slug).join(",")).join("\n")}`;
  if (last?.key !== key) last = { key, indexes: relatedIndexes(articles, max, min) };
  return last.indexes.map((list) => list.map((i) => articles[i]!));
}

let last: { key: string; indexes: number[][] } | undefined;

function relatedIndexes(articles: Article[], max: number, min: number): number[][] {
  const byTag = new Map<string, number[]>();
  // each article's place in each of its tags' lists
  const places: number[][] = [];
  articles.forEach((article, i) => {
    const place: number[] = [];
    for (const tag of article.tags) {
      let list = byTag.get(tag.slug);
      if (!list) byTag.set(tag.slug, (list = []));
      place.push(list.length);
      list.push(i);
    }
    places.push(place);
  });

  const shared = new Uint16Array(articles.length);
  const touched: number[] = [];
  return articles.map((article, self) => {
    for (let t = 0; t < article.tags.length; t++) {
      const list = byTag.get(article.tags[t]!.slug)!;
      const place = places[self]![t]!;
      const end = Math.min(list.length, place + NEAREST_ON_A_TAG + 1);
      for (let k = Math.max(0, place - NEAREST_ON_A_TAG); k < end; k++) {
        const other = list[k]!;
        if (other === self) continue;
        const count = shared[other]!;
        shared[other] = count + 1;
        if (count === 0) touched.push(other);
      }
    }
    // best `max` by rank = shared tags, then nearer in the list (the newer of two as near);
    // kept sorted by insertion. No closures in this loop: tsx wraps every function it creates,
    // which costs seconds here.
    const best: number[] = [];
    const ranks: number[] = [];
    const span = 2 * articles.length + 2;
    for (const candidate of touched) {
      const distance = candidate < self ? 2 * (self - candidate) : 2 * (candidate - self) + 1;
      const rank = shared[candidate]! * span - distance;
      if (best.length === max && rank <= ranks[max - 1]!) continue;
      let at = best.length;
      while (at > 0 && ranks[at - 1]! < rank) at--;
      best.splice(at, 0, candidate);
      ranks.splice(at, 0, rank);
      if (best.length > max) {
        best.pop();
        ranks.pop();
      }
    }
    for (const i of touched) shared[i] = 0;
    touched.length = 0;
    // the nearest stories, newer first at each distance
    const wanted = Math.min(min, max, articles.length - 1);
    for (let d = 1; best.length < wanted; d++) {
      for (const i of [self - d, self + d]) if (i >= 0 && i < articles.length && best.length < wanted && !best.includes(i)) best.push(i);
    }
    return best;
  });
}
