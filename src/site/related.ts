// Related articles: the stories sharing the most tags with an article, nearest in time among equals,
// topped up with the stories published around it so every article page offers a few more to read.
// Nearest, not newest: a story published today then changes only the related lists of the stories
// around it, not of every story sharing one of its tags (an incremental build re-renders those).
import type { Article } from "../content/load.ts";
import { textDigest } from "../content/digests.ts";
import { keptRelated, oneStory, type OneStory } from "./related-changes.ts";

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
 * Counts shared tags through each tag's article list, all in typed arrays (half the time of
 * arrays of arrays: 55 ms instead of 110 ms at 10,000 articles).
 */
export function relatedArticles(articles: Article[], options: Partial<Options> = {}): Article[][] {
  const { max, min } = { ...defaults, ...options };
  // the dev server rebuilds after every save, `npm run build` after every change: most change neither tags nor order
  const tags = articles.map((a) => a.tags.map((t) => t.slug).join(","));
  const keyOf = (from: number) => textDigest(`${max}|${min}|${tags.slice(from).join("\n")}`);
  const key = keyOf(0);
  let last = keptRelated.get();
  if (last?.key !== key || last.indexes.length !== articles.length) {
    const limits = `${max}|${min}`;
    keptRelated.set((last = { key, indexes: relatedIndexes(articles, max, min, oneStory(last, tags, limits, keyOf)), shape: { limits, tags } }));
  }
  return last.indexes.map((list) => list.map((i) => articles[i]!));
}

/** `change`: one story made the difference since the lists `change.before`: only the lists it can enter or leave are worked out again. */
function relatedIndexes(articles: Article[], max: number, min: number, change?: OneStory): number[][] {
  // each (article, tag) pair k in article order: its tag's number and its place in that tag's list
  const tagIds = new Map<string, number>();
  const first = new Int32Array(articles.length + 1);
  let pairs = 0;
  for (const article of articles) pairs += article.tags.length;
  const tagOf = new Int32Array(pairs);
  for (let i = 0, k = 0; i < articles.length; i++) {
    first[i] = k;
    for (const tag of articles[i]!.tags) {
      let id = tagIds.get(tag.slug);
      if (id === undefined) tagIds.set(tag.slug, (id = tagIds.size));
      tagOf[k++] = id;
    }
  }
  first[articles.length] = pairs;
  // every tag's list of articles (in article order), end to end in one typed array
  const listStart = new Int32Array(tagIds.size + 1);
  for (let k = 0; k < pairs; k++) listStart[tagOf[k]! + 1]!++;
  for (let t = 0; t < tagIds.size; t++) listStart[t + 1]! += listStart[t]!;
  const filled = listStart.slice(0, tagIds.size);
  const lists = new Int32Array(pairs);
  const place = new Int32Array(pairs);
  for (let i = 0; i < articles.length; i++) {
    for (let k = first[i]!; k < first[i + 1]!; k++) {
      const t = tagOf[k]!;
      place[k] = filled[t]! - listStart[t]!;
      lists[filled[t]!++] = i;
    }
  }

  // which lists to work out: all, or those the one story can change. It joins or leaves the
  // candidates of the stories up to NEAREST_ON_A_TAG from it on its tags (then and now); a new
  // first story also changes the top-ups of the newest few. Every other story has the same
  // candidates at the same distances as before.
  const redo = new Uint8Array(articles.length).fill(change ? 0 : 1);
  if (change) {
    redo[change.at] = 1;
    if (change.shift) redo.fill(1, 0, Math.min(articles.length, Math.max(max, min) + 2));
    for (const slug of change.tags) {
      const t = tagIds.get(slug);
      if (t === undefined) continue;
      // where the story is, or would be, in the tag's list (in article order)
      let at = listStart[t]!;
      while (at < listStart[t + 1]! && lists[at]! < change.at) at++;
      const [from, to] = [Math.max(listStart[t]!, at - NEAREST_ON_A_TAG - 2), Math.min(listStart[t + 1]!, at + NEAREST_ON_A_TAG + 2)];
      for (let j = from; j < to; j++) redo[lists[j]!] = 1;
    }
  }

  const shared = new Uint16Array(articles.length);
  const touched = new Int32Array(articles.length);
  const ranks: number[] = [];
  const span = 2 * articles.length + 2;
  const related: number[][] = new Array(articles.length);
  for (let self = 0; self < articles.length; self++) {
    if (!redo[self]) {
      // as before, one place further down below a new first story
      const { before: lists, shift } = change!;
      const before = lists[self - shift]!;
      const moved = new Array<number>(before.length);
      for (let m = 0; m < before.length; m++) moved[m] = before[m]! + shift;
      related[self] = moved;
      continue;
    }
    let count = 0;
    for (let k = first[self]!; k < first[self + 1]!; k++) {
      const from = listStart[tagOf[k]!]!;
      const end = Math.min(listStart[tagOf[k]! + 1]!, from + place[k]! + NEAREST_ON_A_TAG + 1);
      for (let j = from + Math.max(0, place[k]! - NEAREST_ON_A_TAG); j < end; j++) {
        const other = lists[j]!;
        if (other !== self && shared[other]!++ === 0) touched[count++] = other;
      }
    }
    // best `max` by rank = shared tags, then nearer in the list (the newer of two as near);
    // kept sorted by insertion. No closures in this loop: tsx wraps every function it creates,
    // which costs seconds here.
    const best: number[] = [];
    ranks.length = 0;
    for (let m = 0; m < count; m++) {
      const candidate = touched[m]!;
      const distance = candidate < self ? 2 * (self - candidate) : 2 * (candidate - self) + 1;
      const rank = shared[candidate]! * span - distance;
      shared[candidate] = 0;
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
    // the nearest stories, newer first at each distance
    const wanted = Math.min(min, max, articles.length - 1);
    for (let d = 1; best.length < wanted; d++) {
      if (self - d >= 0 && !best.includes(self - d)) best.push(self - d);
      if (self + d < articles.length && best.length < wanted && !best.includes(self + d)) best.push(self + d);
    }
    related[self] = best;
  }
  return related;
}
