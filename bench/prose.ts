// Sentence templates for the synthetic corpus: wire-copy shaped prose (attribution, figures,
// scene, quotes) assembled from the lexicon, so bodies read like news and vary in vocabulary.
import { slugify } from "../src/content/slug.ts";
import {
  BACKGROUNDS, EPISODES, HEAD_CAUSES, HEAD_THINGS, HEAD_VERBS, LINK_SITES, LINK_TEXTS, MODALS, OUTCOMES,
  PEOPLE, QUOTES, REPORTING, ROLES, SCENES, SUBJECTS, TALLIES, THINGS, TIMES, WHEN,
} from "./lexicon.ts";

export type Pick = <T>(items: readonly T[]) => T;
type Place = { city: string; country: string };

const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const figure = (rng: () => number) =>
  rng() < 0.5 ? String(2 + Math.floor(rng() * 950)) : `${1 + Math.floor(rng() * 90)},${String(Math.floor(rng() * 10) * 100).padStart(3, "0")}`;
const claim = (pick: Pick) => `${pick(THINGS)} ${pick(MODALS)} ${pick(OUTCOMES)}`;
const attribution = (pick: Pick) =>
  pick([`${pick(PEOPLE)} said`, "a person familiar with the matter said", "the ministry said in a statement", "according to people briefed on the talks", "officials said"]);

const TEMPLATES: Array<(pick: Pick, place: Place, rng: () => number) => string> = [
  (pick) => `${pick(SUBJECTS)} ${pick(REPORTING)} ${pick(WHEN)} that ${claim(pick)} ${pick(TIMES)}.`,
  (pick) => `${cap(claim(pick))}, ${attribution(pick)}.`,
  (pick, place) => `The announcement came after ${pick(BACKGROUNDS)} in ${place.city}.`,
  (pick, _place, rng) => {
    const [counted, happened] = pick(TALLIES);
    return `About ${figure(rng)} ${counted} ${happened} since the start of ${pick(EPISODES)}, ${attribution(pick)}.`;
  },
  (pick, place) => `In ${place.city}, ${pick(SCENES)}.`,
  (pick) => `“${pick(QUOTES)},” said ${pick(PEOPLE)}, ${pick(ROLES)}.`,
  (pick) => `${pick(SUBJECTS)} did not immediately respond to a request for comment.`,
  (pick) => `${pick(PEOPLE)}, ${pick(ROLES)}, said ${claim(pick)}.`,
  (pick, place) => `${pick(SUBJECTS)} ${pick(REPORTING)} that ${pick(THINGS)} had been discussed ${pick(WHEN)} in ${place.city}, where ${pick(SCENES)}.`,
  (pick, place, rng) => {
    const [counted, happened] = pick(TALLIES);
    return `Figures published ${pick(WHEN)} showed that ${1 + Math.floor(rng() * 98)} percent of ${counted} in ${place.country} ${happened}.`;
  },
  (pick, place) => `The government in ${place.country} has faced criticism after ${pick(BACKGROUNDS)}, and ${pick(SUBJECTS).toLowerCase()} ${pick(REPORTING)} that ${claim(pick)}.`,
  (pick) => `It was not clear whether ${pick(THINGS)} ${pick(MODALS)} ${pick(OUTCOMES)}, but ${pick(SUBJECTS).toLowerCase()} expect a decision ${pick(TIMES)}.`,
];

export function sentence(pick: Pick, place: Place, rng: () => number): string {
  return pick(TEMPLATES)(pick, place, rng);
}

/** A sentence carrying one Markdown link to a (reserved .example) document. */
export function linkSentence(pick: Pick, place: Place, rng: () => number): string {
  const text = pick(LINK_TEXTS);
  const link = `[${text}](${pick(LINK_SITES)}/${2016 + Math.floor(rng() * 10)}/${slugify(text)}-${100 + Math.floor(rng() * 9900)})`;
  return pick([
    `${pick(SUBJECTS)} published ${link} ${pick(WHEN)}, saying ${claim(pick)}.`,
    `According to ${link}, ${claim(pick)} ${pick(TIMES)}.`,
    `The details are set out in ${link}, which runs to ${8 + Math.floor(rng() * 300)} pages and was released in ${place.city}.`,
  ]);
}

export function quote(pick: Pick, place: Place): string {
  return `“${pick(QUOTES)},” said ${pick(PEOPLE)}, ${pick(ROLES)} in ${place.city}.`;
}

export function headline(pick: Pick, place: Place): string {
  const where = pick([place.city, place.country]);
  return cap(
    pick([
      `${where} ${pick(HEAD_VERBS)} ${pick(HEAD_THINGS)}`,
      `${where} ${pick(HEAD_VERBS)} ${pick(HEAD_THINGS)} after ${pick(HEAD_CAUSES)}`,
      `${where} ${pick(HEAD_VERBS)} ${pick(HEAD_THINGS)} amid ${pick(HEAD_CAUSES)}`,
    ]),
  );
}
