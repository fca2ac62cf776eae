// Dateline recognition shared by the wire importer and the WordPress importer: line datelines,
// inline ones that open the lede, mixed-case ones ending in a country, city-only ones resolved
// through the newsroom's _data/dateline-cities.json, and sentences that must stay sentences.
import { describe, expect, it } from "vitest";
import citiesData from "../_data/dateline-cities.json" with { type: "json" };
import boilerplateData from "../_data/boilerplate.json" with { type: "json" };
import { isCountry } from "../src/import/countries.ts";
import { datelineCities, findDateline, readDateline } from "../src/import/datelines.ts";
import { compileBoilerplate, parseWire } from "../src/import/wire.ts";

const cities = datelineCities(citiesData);

describe("reading datelines", () => {
  it.each([
    ["Islamabad, Pakistan: The agreements were signed on Sunday.", "Islamabad, Pakistan", undefined, "The agreements were signed on Sunday."],
    ["PARIS (AFP) – French rail workers walked out.", "Paris, France", "AFP", "French rail workers walked out."],
    ["GENEVA (Reuters) - The WHO called talks.", "Geneva, Switzerland", "Reuters", "The WHO called talks."],
    ["TOKYO (Kyodo) — Mayors will meet.", "Tokyo, Japan", "Kyodo", "Mayors will meet."],
    ["New York, United States:", "New York, United States", undefined, ""],
    ["Albany, US: The vote was 7 to 2.", "Albany, US", undefined, "The vote was 7 to 2."],
    ["Belfast, UK – “We are ready,” he said.", "Belfast, UK", undefined, "“We are ready,” he said."],
    ["São Paulo, Brazil: Heavy rain fell.", "São Paulo, Brazil", undefined, "Heavy rain fell."],
  ])("reads %s", (line, place, agency, rest) => {
    expect(readDateline(line, cities)).toEqual({ place, hasCountry: true, agency, rest });
  });

  it.each([
    "In Paris, France – where the talks began – the minister resigned.",
    "Meanwhile, France: the talks went on.",
    "However, he said: the vote stands",
    "Officials in Islamabad, Pakistan: no comment.",
    "Washington, DC: The house voted.",
    "Asked about Pakistan: The minister declined.",
    "UPDATE: The toll rose to 12",
  ])("does not take the sentence %s for a dateline", (line) => {
    expect(readDateline(line, cities)).toBeUndefined();
  });

  it("keeps a city the newsroom does not list as a city without a country, for the editor", () => {
    expect(readDateline("LIMA (Andina) — A quake shook the coast.", cities)).toEqual({ place: "Lima", hasCountry: false, agency: "Andina", rest: "A quake shook the coast." });
    expect(readDateline("PARIS (AFP) – Strikes.")).toMatchObject({ place: "Paris", hasCountry: false });
  });

  it("knows countries by their ISO names, aliases and the short forms wire copy uses", () => {
    for (const name of ["Pakistan", "PAKISTAN", "United States", "US", "U.S.", "UK", "Britain", "Russia", "Côte d’Ivoire", "South Korea", "Syria", "Kosovo"]) expect(isCountry(name), name).toBe(true);
    for (const name of ["Texas", "DC", "Paris", "Meanwhile", ""]) expect(isCountry(name), name).toBe(false);
  });

  it("reads the newsroom's cities file case-insensitively and names a malformed one", () => {
    const custom = datelineCities({ cities: { "Rio de Janeiro": "Brazil" } });
    expect(readDateline("RIO DE JANEIRO (AFP) — Rain.", custom)?.place).toBe("Rio de Janeiro, Brazil");
    expect(() => datelineCities({ Paris: "France" })).toThrow(/expected \{ "cities"/);
    expect(() => datelineCities({ cities: { Paris: 3 } })).toThrow(/expected \{ "cities"/);
  });

  it("finds the first of the opening paragraphs that starts with a dateline", () => {
    expect(findDateline(["A standfirst, without a place.", "GENEVA (Reuters) - Text."], cities)).toMatchObject({ at: 1, dateline: { place: "Geneva, Switzerland" } });
    expect(findDateline(["One.", "Two.", "PARIS (AFP) – Three."], cities)).toBeUndefined();
  });

  it("gives the wire importer the same recognition: a city-only dateline gets its country", () => {
    const story = parseWire("Talks Resume\n\nGENEVA (Reuters) - Delegates met on Monday.\n", compileBoilerplate(boilerplateData), cities);
    expect("dateline" in story && story.dateline).toEqual({ place: "Geneva, Switzerland", hasCountry: true, agency: "Reuters", rest: "Delegates met on Monday." });
    const inline = parseWire("Deal Signed\n\nIslamabad, Pakistan: The agreements were signed.\n", compileBoilerplate(boilerplateData), cities);
    expect("blocks" in inline && inline.blocks.map((b) => b.text)).toEqual(["The agreements were signed."]);
  });
});
