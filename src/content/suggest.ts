// "Did you mean": misspelt front-matter keys (tag → tags, descripton → description), and the
// nearest article, tag, desk or reporter to a name that matches none.

/**
 * Levenshtein distance, or `limit` as soon as it cannot be less (a row's smallest entry never
 * shrinks further down the table): a front page naming a missing story is compared with every
 * slug, 10,000 of them on each dev-server save.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let smallest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (current[j]! < smallest) smallest = current[j]!;
    }
    if (smallest >= limit) return limit;
    previous = current;
  }
  return Math.min(previous[b.length]!, limit);
}

export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}
