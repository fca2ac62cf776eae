// Article dates: parsed from the raw front-matter text (YAML would roll 30 February over into
// March) and always shown in the site's time zone, whatever TZ the build machine has.
import { DateTime } from "luxon";
import { rememberedZone } from "./zone-offsets.ts";

/** A front-matter date. `hasTime` is false for a bare calendar day, which is shown without a time. */
export interface ArticleDate {
  instant: DateTime;
  hasTime: boolean;
}

export const DATE_FORMS =
  "2020-09-20, 2020-09-20T14:30:00 (site time) or 2020-09-20T14:30:00-04:00";

const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** The shape check the schema uses: right form and a real calendar day and time. */
export function dateProblem(raw: string): string | undefined {
  const m = PATTERN.exec(raw.trim());
  if (!m) return `is "${raw}" (expected ${DATE_FORMS})`;
  const [, y, mo, d, h = "0", mi = "0", s = "0", offset] = m;
  // days in the month by arithmetic: day 0 of the next month is the last day of this one
  const lastDay = new Date(Date.UTC(+y!, +mo!, 0)).getUTCDate();
  if (+mo! < 1 || +mo! > 12 || +d! < 1 || +d! > lastDay) return `"${raw}" is not a real calendar date (expected ${DATE_FORMS})`;
  if (+h > 23 || +mi > 59 || +s > 59) return `"${raw}" is not a real time of day (expected ${DATE_FORMS})`;
  if (offset && offset !== "Z" && Math.abs(+offset.slice(1, 3)) > 14) {
    return `"${raw}" has an impossible UTC offset (expected ${DATE_FORMS})`;
  }
  return undefined;
}

/**
 * Turns a validated date string into an instant. Without an offset the wall-clock time is read in
 * `zone`; a time that does not exist there (inside a DST gap) is reported, not shifted silently.
 */
export function parseArticleDate(raw: string, zone: string): ArticleDate | string {
  const problem = dateProblem(raw);
  if (problem) return problem;
  const text = raw.trim();
  const hasTime = text.includes("T");
  const hasOffset = /(Z|[+-]\d{2}:\d{2})$/.test(text) && hasTime;
  const instant = hasOffset
    ? DateTime.fromISO(text, { setZone: true }).setZone(rememberedZone(zone))
    : DateTime.fromISO(text, { zone: rememberedZone(zone) });
  if (!instant.isValid) return `"${raw}" could not be read (expected ${DATE_FORMS})`;
  if (!hasOffset && hasTime && instant.toFormat("HH:mm") !== text.slice(11, 16)) {
    return `"${raw}" does not exist in ${zone} (the clocks skip it for daylight saving time)`;
  }
  return { instant, hasTime };
}

/** A date as text without formatting it (Luxon's ISO text costs microseconds a date): for signatures, which only compare. */
export const dateStamp = (date: ArticleDate | undefined) => (date ? `${date.instant.toMillis()}${date.hasTime ? "t" : ""}` : "");

const AP_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];

// Every listing shows the same dates again; luxon's zone lookups cost ~0.3 ms a call, so each
// (format, instant, zone) is formatted once per process, and each date object remembers its texts
// (a listing page shows 20 dates, 15,000 listing pages show the same dates again and again).
const formatted = new Map<string, string>();
const byDate = new WeakMap<ArticleDate, Map<string, string>>();
function memo(kind: string, date: ArticleDate, zone: string, format: (t: DateTime) => string): string {
  let texts = byDate.get(date);
  if (texts === undefined) byDate.set(date, (texts = new Map()));
  const short = `${kind}|${zone}`;
  let text = texts.get(short);
  if (text !== undefined) return text;
  const key = `${kind}|${date.instant.toMillis()}|${date.instant.offset}|${date.hasTime}|${zone}`;
  text = formatted.get(key);
  if (text === undefined) formatted.set(key, (text = format(date.instant.setZone(zone))));
  texts.set(short, text);
  return text;
}

/** Reader-facing date in AP style: "Sept. 20, 2020, 2:30 p.m. EDT", or "Sept. 20, 2020". */
export function readableDate(date: ArticleDate, zone: string): string {
  return memo("readable", date, zone, (t) => apStyle(t, date.hasTime));
}

function apStyle(t: DateTime, hasTime: boolean): string {
  const day = `${AP_MONTHS[t.month - 1]} ${t.day}, ${t.year}`;
  if (!hasTime) return day;
  const hour = t.hour % 12 || 12;
  const minutes = t.minute ? `:${String(t.minute).padStart(2, "0")}` : "";
  const meridiem = t.hour < 12 ? "a.m." : "p.m.";
  return `${day}, ${hour}${minutes} ${meridiem} ${zoneAbbreviation(t)}`;
}

// luxon asks Intl for the abbreviation on every call; within one year a zone's offset names it
const abbreviations = new Map<string, string>();
function zoneAbbreviation(t: DateTime): string {
  const key = `${t.zoneName}|${t.year}|${t.offset}`;
  let name = abbreviations.get(key);
  if (name === undefined) abbreviations.set(key, (name = t.setLocale("en-US").toFormat("ZZZZ")));
  return name;
}

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * Luxon's `toISO({ suppressMilliseconds: true })`, or `toISODate()` for a bare day, read from the
 * date's own fields: a sitemap file writes 50,000 dates, and Luxon's formatter took 0.19 s for them.
 * A year Luxon writes in six digits goes its way.
 */
export function isoText(t: DateTime, withTime: boolean): string {
  if (!t.isValid || t.year < 0 || t.year > 9999) return (withTime ? t.toISO({ suppressMilliseconds: true }) : t.toISODate()) ?? "";
  const day = `${String(t.year).padStart(4, "0")}-${two(t.month)}-${two(t.day)}`;
  if (!withTime) return day;
  const ms = t.millisecond ? `.${String(t.millisecond).padStart(3, "0")}` : "";
  const o = t.offset;
  const offset = t.isOffsetFixed && o === 0 ? "Z" : `${o < 0 ? "-" : "+"}${two(Math.trunc(Math.abs(o) / 60))}:${two(Math.trunc(Math.abs(o) % 60))}`;
  return `${day}T${two(t.hour)}:${two(t.minute)}:${two(t.second)}${ms}${offset}`;
}

/** Machine date for `<time datetime>`: a bare day stays a day, an instant keeps its offset. */
export function machineDate(date: ArticleDate, zone: string): string {
  return memo("machine", date, zone, (t) => isoText(t, date.hasTime));
}

/** `machineDate` not remembered: for dates written once, such as a sitemap's. */
export const machineDateOnce = (date: ArticleDate, zone: string) => isoText(date.instant.setZone(zone), date.hasTime);

/** Full ISO instant with offset, for feeds, sitemaps and JSON-LD (which need a time). */
export function isoInstant(date: ArticleDate, zone: string): string {
  return memo("iso", date, zone, (t) => isoText(t, true));
}

export interface Options {
  timezone: string;
}

export const defaults: Options = { timezone: "UTC" };

/** Filters: `readableDate` for people, `machineDate` for `<time datetime>`, `isoInstant` for machines. */
export function datesPlugin(eleventyConfig: { addFilter(name: string, fn: (date: ArticleDate) => string): void }, options: Partial<Options> = {}) {
  const { timezone } = { ...defaults, ...options };
  eleventyConfig.addFilter("readableDate", (date) => readableDate(date, timezone));
  eleventyConfig.addFilter("machineDate", (date) => machineDate(date, timezone));
  eleventyConfig.addFilter("isoInstant", (date) => isoInstant(date, timezone));
}
