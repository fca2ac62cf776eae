// Public corrections (`corrections: [{ date, text }]`): dated like `date`, never before the story nor
// after the build's "now", shown newest first. The latest is when the story last changed, so JSON-LD,
// the sitemap and the feeds tell readers' machines that it did.
import type { DateTime } from "luxon";
import { parseArticleDate, type ArticleDate } from "./dates.ts";
import type { Problem } from "./problems.ts";

export interface Correction {
  date: ArticleDate;
  text: string;
  /** 1 for the oldest: the anchor #correction-N, which keeps pointing at it as later ones are added. */
  number: number;
}

export interface Options {
  timezone: string;
  now: DateTime;
}

/** A bare calendar day is the whole day: the same day as the story is not "before" it, today is not "in the future". */
const earliest = (d: ArticleDate) => d.instant;
const latest = (d: ArticleDate) => (d.hasTime ? d.instant : d.instant.endOf("day"));

/** The article's corrections, newest first, or the problems with them, one per field ("corrections.1.date"). */
export function parseCorrections(
  file: string,
  raw: readonly { date: string; text: string }[],
  /** The story's date, parsed and as written; undefined when it has a problem of its own. */
  published: { date: ArticleDate; text: string } | undefined,
  options: Options,
): { corrections: Correction[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const parsed: Omit<Correction, "number">[] = [];
  raw.forEach(({ date: text, text: note }, i) => {
    const field = `corrections.${i}.date`;
    const date = parseArticleDate(text, options.timezone);
    if (typeof date === "string") return void problems.push({ file, field, message: date });
    if (published && latest(date) < published.date.instant) {
      problems.push({ file, field, message: `is "${text}", before date "${published.text}" (expected a date on or after publication)` });
    } else if (earliest(date) > options.now) {
      const now = options.now.setZone(options.timezone).toISO({ suppressMilliseconds: true });
      problems.push({ file, field, message: `is "${text}", after the build's "now" (${now}) (expected a correction already made)` });
    } else parsed.push({ date, text: note });
  });
  if (problems.length) return { corrections: [], problems };
  // numbered oldest first (the list's order breaks ties), then shown newest first
  const numbered = parsed
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.date.instant.toMillis() - b.c.date.instant.toMillis() || a.i - b.i)
    .map(({ c }, i) => ({ ...c, number: i + 1 }));
  return { corrections: numbered.reverse(), problems };
}

/** When the story last changed: its latest correction if that is later than `updated` (or `date`). */
export function lastChange(article: { date: ArticleDate; updated: ArticleDate | undefined; corrections: readonly Correction[] }): ArticleDate {
  const edited = article.updated ?? article.date;
  const corrected = article.corrections[0]?.date;
  return corrected && corrected.instant > edited.instant ? corrected : edited;
}
