// The build's "now": embargoes and the news-sitemap window are decided against it. BUILD_NOW
// pins it so builds and tests are deterministic.
import { DateTime } from "luxon";

export function buildNow(env: NodeJS.ProcessEnv = process.env): DateTime {
  const pinned = env.BUILD_NOW;
  if (!pinned) return DateTime.now();
  const now = DateTime.fromISO(pinned, { setZone: true });
  if (!now.isValid) throw new Error(`BUILD_NOW: "${pinned}" is not an ISO 8601 date-time`);
  return now;
}
