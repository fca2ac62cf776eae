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

/** One instant for the whole build: the validation and every plugin decide embargoes against it. */
export function pinBuildNow(env: NodeJS.ProcessEnv = process.env): DateTime {
  const now = buildNow(env);
  env.BUILD_NOW = now.toISO()!;
  return now;
}
