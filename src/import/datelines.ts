// The lines of wire copy that say where and when: "New York, United States:", "PARIS, France —",
// "GENEVA (Reuters) - …", and date lines such as "Published: Sept. 20, 2020, 3:45 p.m.".
// Wire texts and WordPress posts both read their datelines here.
import { z } from "zod";
import { isCountry } from "./countries.ts";

/** The wire services' standalone dateline cities, lower-cased, with their country: "paris" → "France". */
export type DatelineCities = ReadonlyMap<string, string>;

export interface Dateline {
  /** "City, Country" as the contract wants it, or just "City" when the copy names no country. */
  place: string;
  hasCountry: boolean;
  agency?: string;
  /** Story text after an inline dateline ("PARIS, France — The minister said…"); "" for a line of its own. */
  rest: string;
}

const PLACE = String.raw`(?<place>[^\s,:()—–][^\n,:()—–]{0,39}?(?:,[^\S\n]*[^\n,:()—–]{1,40}?){0,2})`;
const AGENCY = String.raw`(?:\s*\((?<agency>[^()]{1,40})\))?`;
const SEPARATOR = String.raw`(?<separator>:|\s*[—–]|\s+-{1,2})`;
const DATELINE = new RegExp(`^${PLACE}${AGENCY}${SEPARATOR}(?:\\s*(?<rest>\\S.*))?$`, "su");
const PARTICLES = new Set(["de", "del", "da", "do", "dos", "das", "la", "le", "les", "el", "al", "en", "sur", "am", "an", "der", "di", "of", "upon", "au", "aux", "d", "l"]);

/** Up to five words, each capitalised (or in a script without case) or a particle such as "de". */
const looksLikePlace = (part: string) => {
  const words = part.split(/\s+/);
  return part !== "" && words.length <= 5 && words.every((w) => PARTICLES.has(w) || !/^\P{L}*\p{Ll}/u.test(w.replace(/^[dl]['’]/, "")));
};

const isShouted = (text: string) => /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);

// "In Paris, France – where talks began" is a sentence: a place name does not open with these
const OPENERS = new Set(["in", "at", "on", "from", "to", "for", "by", "with", "the", "a", "an", "and", "but", "or", "as", "near", "outside", "inside", "across", "meanwhile", "however", "also", "then", "here", "there", "back", "like", "unlike", "even", "only", "if", "when", "while", "after", "before", "since", "until", "dear", "yes", "no"]);

/** A mixed-case "City, Country: Story…" dateline: a country last, a place first, a sentence after. */
const isNamedPlace = (parts: string[], rest: string) =>
  parts.length > 1 && isCountry(parts.at(-1)!) && !OPENERS.has(parts[0]!.split(/\s+/)[0]!.toLowerCase()) && /^[\p{Lu}\p{N}"“‘'«]/u.test(rest);

const cityKey = (city: string) => city.normalize("NFC").replace(/[’‘`]/g, "'").toLowerCase();

const citiesFile = z.object({ cities: z.record(z.string().min(1), z.string().trim().min(1)) });

/** The newsroom's dateline-cities file; a malformed one is named instead of failing later. */
export function datelineCities(data: unknown): DatelineCities {
  const parsed = citiesFile.safeParse(data);
  if (!parsed.success) throw new Error('expected { "cities": { "Paris": "France", … } }');
  return new Map(Object.entries(parsed.data.cities).map(([city, country]) => [cityKey(city), country]));
}

/** "RIO DE JANEIRO" → "Rio de Janeiro", "N'DJAMENA" → "N'Djamena"; mixed case is kept. */
export function unshout(text: string): string {
  if (!isShouted(text)) return text;
  let first = true;
  return text.toLowerCase().replace(/\p{L}+/gu, (word) => {
    const keepLower = !first && PARTICLES.has(word);
    first = false;
    return keepLower ? word : word[0]!.toUpperCase() + word.slice(1);
  });
}

/**
 * A dateline, if `paragraph` starts with one. Each part must look like a place name (capitalised
 * words); a dateline that runs into the story, or names no country, must also be shouted (CITY —)
 * or name an agency, or (running into the story) end in a country's name and be followed by a
 * sentence, so an ordinary sentence with a comma and a colon is never taken for one. A city on its
 * own ("PARIS (AFP) –") gets its country from `cities` when the newsroom lists it.
 */
export function readDateline(paragraph: string, cities?: DatelineCities): Dateline | undefined {
  const match = DATELINE.exec(paragraph.trim());
  const groups = match?.groups;
  if (!groups?.place) return undefined;
  const rest = groups.rest ?? "";
  const parts = groups.place.split(",").map((part) => part.trim());
  const city = parts[0]!;
  if (!parts.every(looksLikePlace)) return undefined;
  const mixedCase = !isShouted(city) && !groups.agency;
  if (mixedCase && (parts.length === 1 || (rest && !isNamedPlace(parts, rest)))) return undefined;
  if (parts.length === 1 && !groups.agency && groups.separator === ":") return undefined; // "UPDATE: …" is no place
  // "US", "UK", "U.S.": a country's initials stay capitals
  const place = parts.map((part) => (/^[\p{Lu}.]{2,5}$/u.test(part) && isCountry(part) ? part : unshout(part))).join(", ");
  const country = parts.length === 1 ? cities?.get(cityKey(place)) : undefined;
  return {
    place: country ? `${place}, ${country}` : place,
    hasCountry: parts.length > 1 || country !== undefined,
    agency: groups.agency?.trim(),
    rest,
  };
}

/** The first of the opening `within` paragraphs that starts with a dateline, and where it is. */
export function findDateline(paragraphs: readonly string[], cities?: DatelineCities, within = 2): { at: number; dateline: Dateline } | undefined {
  for (let at = 0; at < Math.min(within, paragraphs.length); at++) {
    const dateline = readDateline(paragraphs[at]!, cities);
    if (dateline) return { at, dateline };
  }
  return undefined;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = String.raw`(?<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const TIME = String.raw`(?:,?\s+(?:at\s+)?(?<hour>\d{1,2})[:.](?<minute>\d{2})\s*(?<meridiem>[ap])?\.?\s*(?:m\.?)?(?:\s*(?<zone>UTC|GMT|Z|E[SD]T|C[SD]T|M[SD]T|P[SD]T))?)?`;
const PREFIX = String.raw`^(?:(?:published|posted|date|dated)\s*:?\s*)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?`;
const ISO_DATE = /^(?:(?:published|posted|date|dated)\s*:?\s*)?(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(Z|[+-]\d{2}:\d{2})?)?$/i;
const MONTH_FIRST = new RegExp(`${PREFIX}${MONTH}\\s+(?<day>\\d{1,2}),?\\s+(?<year>\\d{4})${TIME}$`, "iu");
const DAY_FIRST = new RegExp(`${PREFIX}(?<day>\\d{1,2})\\s+${MONTH},?\\s+(?<year>\\d{4})${TIME}$`, "iu");
const ZONES: Record<string, string> = { UTC: "Z", GMT: "Z", Z: "Z", EST: "-05:00", EDT: "-04:00", CST: "-06:00", CDT: "-05:00", MST: "-07:00", MDT: "-06:00", PST: "-08:00", PDT: "-07:00" };

const pad = (n: number | string) => String(n).padStart(2, "0");

/**
 * A date line as a front-matter date string (2020-09-20, or 2020-09-20T15:45:00 read in the site's
 * zone, or with an offset when the line names a zone). The string is checked later by the schema.
 */
export function readDateLine(line: string): string | undefined {
  const text = line.trim();
  const iso = ISO_DATE.exec(text);
  if (iso) return iso[2] ? `${iso[1]}T${iso[2].length === 5 ? `${iso[2]}:00` : iso[2]}${iso[3] ?? ""}` : iso[1];
  const g = (MONTH_FIRST.exec(text) ?? DAY_FIRST.exec(text))?.groups;
  if (!g?.month || !g.day || !g.year) return undefined;
  const day = `${g.year}-${pad(MONTHS.indexOf(g.month.slice(0, 3).toLowerCase()) + 1)}-${pad(g.day)}`;
  if (!g.hour || !g.minute) return day;
  let hour = Number(g.hour);
  if (g.meridiem) hour = (hour % 12) + (g.meridiem.toLowerCase() === "p" ? 12 : 0);
  return `${day}T${pad(hour)}:${g.minute}:00${g.zone ? ZONES[g.zone.toUpperCase()] : ""}`;
}
