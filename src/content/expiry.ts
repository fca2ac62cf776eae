// Agency copy licensed for a time (`expires:`, like Hugo's expiryDate): from that moment the story
// is left out of every production build, and its address says it is gone (src/site/expired.ts).
// The hourly deploy (.github/workflows/deploy.yml) takes it down within the hour.
import type { DateTime } from "luxon";
import { parseArticleDate, readableDate, type ArticleDate } from "./dates.ts";
import type { Problem } from "./problems.ts";

/** The expiry as an instant, or the problem with it; it must come after the story's date. */
export function parseExpiry(file: string, raw: string, published: { date: ArticleDate; text: string } | undefined, timezone: string): ArticleDate | Problem {
  const expires = parseArticleDate(raw, timezone);
  if (typeof expires === "string") return { file, field: "expires", message: expires };
  if (published && expires.instant <= published.date.instant) {
    return { file, field: "expires", message: `is "${raw}", not after date "${published.text}" (expected a time after publication)` };
  }
  return expires;
}

/** Whether a story that expires at `expires` is gone at `now`. */
export const hasExpired = (expires: ArticleDate | undefined, now: DateTime) => expires !== undefined && expires.instant <= now;

/** What `npm run check` lists: the published stories expiring within `days` of `now`, soonest first. */
export function expiringSoon<T extends { status: string; expires: ArticleDate | undefined }>(articles: readonly T[], now: DateTime, days = 7): T[] {
  const until = now.plus({ days });
  return articles
    .filter((a) => a.status === "published" && a.expires && a.expires.instant > now && a.expires.instant <= until)
    .sort((a, b) => a.expires!.instant.toMillis() - b.expires!.instant.toMillis());
}

/** "Jan. 3, 2026, 9 a.m. EST, in 2 days": when, in the site's zone, and how soon. */
export function expiryNotice(expires: ArticleDate, now: DateTime, timezone: string): string {
  const hours = Math.max(0, expires.instant.diff(now, "hours").hours);
  const soon = hours < 24 ? `${Math.max(1, Math.floor(hours))} hour${Math.floor(hours) > 1 ? "s" : ""}` : `${Math.floor(hours / 24)} day${hours >= 48 ? "s" : ""}`;
  return `${readableDate(expires, timezone)}, in ${soon} (the first build after takes it down)`;
}
