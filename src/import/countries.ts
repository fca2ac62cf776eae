// Country names for telling a dateline ("Islamabad, Pakistan: The agreements…") from a sentence:
// the ISO 3166 English names and aliases from i18n-iso-countries, plus the short forms wire
// copy uses that the list lacks. A well-kept list, not a guess from capital letters.
import countries from "i18n-iso-countries";

/** Names wire datelines use for places the ISO list spells otherwise or does not list as countries. */
const SHORT_FORMS = [
  "Syria", "Laos", "Moldova", "Brunei", "Vatican", "Vatican City", "Macau", "Burma", "East Timor",
  "Swaziland", "Cabo Verde", "Micronesia", "Bosnia", "Britain", "England", "Scotland", "Wales",
  "Northern Ireland", "Kosovo", "UAE", "DRC", "DR Congo", "Gaza", "Gaza Strip", "West Bank",
  "Palestinian Territories", "Falkland Islands", "U.K.", "Ivory Coast",
];

const key = (name: string) => name.normalize("NFC").replace(/[’‘`]/g, "'").trim().toLowerCase();

const NAMES = new Set([...Object.values(countries.getNames("en", { select: "all" })).flat(), ...SHORT_FORMS].map(key));

/** True for a country's name in English, in any case ("Pakistan", "PAKISTAN", "US", "United Kingdom"). */
export function isCountry(name: string): boolean {
  return NAMES.has(key(name));
}
