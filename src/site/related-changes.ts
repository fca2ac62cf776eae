// The related lists of the last build or save (src/site/related.ts), and what changed since when
// one story made the difference: a story published newest of all (an incremental build, the dev
// server) or one re-tagged (the dev server, which keeps each story's tags). Then only the lists
// near that story are worked out again.

/** Each article's related ones by place in the list, for the tags in that order (`key`, a digest). */
export interface KeptRelated {
  key: string;
  indexes: number[][];
  /** In memory only (the dev server): the limits and each article's tags they were worked out for. */
  shape?: { limits: string; tags: string[] };
}

let last: KeptRelated | undefined;

/** The last lists worked out, which `npm run build` keeps between builds (src/build/incremental.ts): 0.9 s at 100,000 articles. */
export const keptRelated = {
  get: (): KeptRelated | undefined => last,
  set: (kept: KeptRelated | undefined) => void (last = kept),
};

/** The last lists, when one story made the difference: where it is, its tags then and now, and how far the others moved (one, below a new first story). */
export type OneStory = { before: number[][]; shift: 0 | 1; at: number; tags: string[] };

export function oneStory(previous: KeptRelated | undefined, tags: string[], limits: string, keyOf: (from: number) => string): OneStory | undefined {
  if (!previous) return undefined;
  // the same list under a story published newest of all
  if (previous.indexes.length === tags.length - 1 && keyOf(1) === previous.key) return { before: previous.indexes, shift: 1, at: 0, tags: tags[0]!.split(",") };
  // the same list with one story re-tagged (the dev server keeps each story's tags)
  const shape = previous.shape;
  if (shape?.limits !== limits || shape.tags.length !== tags.length || previous.indexes.length !== tags.length) return undefined;
  let at = -1;
  for (let i = 0; i < tags.length; i++) {
    if (shape.tags[i] === tags[i]) continue;
    if (at >= 0) return undefined;
    at = i;
  }
  return at < 0 ? undefined : { before: previous.indexes, shift: 0, at, tags: [...shape.tags[at]!.split(","), ...tags[at]!.split(",")] };
}
