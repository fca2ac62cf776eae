// The incremental figures: one change an editor makes, then `npm run build` against the cache and
// output the build before it left. Every run of a scenario is a new change (another new story,
// another revision, another article retagged), so each build sees exactly one edit since the last.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import site from "../_data/site.ts";
import { parseYaml, splitFrontMatter } from "../src/content/frontmatter.ts";
import { parseArticle, type Article } from "../src/content/load.ts";
import { BENCH_NOW, laterArticle, laterInstant, tagsByUse, withTag, type GeneratedArticle } from "./generate.ts";
import { measureBuild, type BuildSample } from "./measure.ts";
import type { BenchSite } from "./sites.ts";

export const SCENARIOS = ["add one", "edit one", "retag one"] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface ScenarioResult {
  scenario: Scenario;
  /** One per run, in run order. */
  samples: BuildSample[];
}

export interface IncrementalFigure {
  /** The unmeasured build that made the cache match the site before the first change. */
  warm?: BuildSample;
  scenarios: ScenarioResult[];
  /** Why the runs stopped early. */
  failure?: string;
}

/** The article as the site sees it (URL, tag slugs), checked against the contract. */
export function parsed(article: GeneratedArticle): Article {
  const result = parseArticle(article.file, article.text, { timezone: site.timezone, now: DateTime.fromISO(BENCH_NOW) });
  if (!("article" in result)) throw new Error(`${article.file} does not validate: ${result.problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`);
  return result.article;
}

const published = (article: GeneratedArticle) => Date.parse(/^date: (.+)$/m.exec(article.text)![1]!);

/** The corpus's articles, newest first. */
export const newestFirst = (corpus: GeneratedArticle[]) => [...corpus].sort((a, b) => published(b) - published(a));

/** One change to one article file, planned: nothing is written until `apply`. */
export interface Change {
  /** The article as the change leaves it. */
  article: GeneratedArticle;
  /** For a retag: the tag added. */
  tag?: string;
  /** What it does, for the log. */
  description: string;
  apply(): void;
}

/** Changes to a site's articles, each undone by `restore`. */
export class Newsroom {
  /** Corpus files as they were before their first change. */
  private readonly originals = new Map<string, string>();
  /** Each revised file's text before its first revision: a revision replaces the last one. */
  private readonly unrevised = new Map<string, string>();
  private readonly added = new Set<string>();
  private readonly byDate: GeneratedArticle[];
  private additions = 0;
  private revisions = 0;
  private retags = 0;
  /** The newest article: the corpus's newest until a story is added. */
  newest: GeneratedArticle;

  constructor(readonly root: string, readonly corpus: GeneratedArticle[], readonly seed: number) {
    this.byDate = newestFirst(corpus);
    this.newest = this.byDate[0]!;
  }

  /** A new story like the corpus's, dated after every other article. */
  addition(): Change {
    if (this.additions >= 250) throw new Error("more than 250 stories added: the next would be dated after BENCH_NOW");
    const article = laterArticle(this.corpus, this.seed, this.corpus.length + this.additions, laterInstant(this.additions));
    this.additions++;
    return {
      article,
      description: `added ${article.file}`,
      apply: () => {
        mkdirSync(path.dirname(path.join(this.root, article.file)), { recursive: true });
        this.added.add(article.file);
        this.write(article.file, article.text);
        this.newest = article;
      },
    };
  }

  /** A new revision of the newest story: a closing paragraph that replaces the last revision's. */
  revision(): Change {
    const { file } = this.newest;
    if (!this.unrevised.has(file)) this.unrevised.set(file, this.read(file));
    const article = { file, text: `${this.unrevised.get(file)!}\nOfficials confirmed the figures later in the day (revision ${++this.revisions}).\n` };
    return {
      article,
      description: `revised ${file}`,
      apply: () => {
        this.write(file, article.text);
        this.newest = article;
      },
    };
  }

  /** The next of the corpus's newest articles (not the newest, which `revision` changes) gets the most used tag it lacks. */
  retag(): Change {
    const candidates = this.byDate.filter((a) => a.file !== this.newest.file);
    const { file } = candidates[this.retags++ % candidates.length]!;
    const before = this.read(file);
    const split = splitFrontMatter(before);
    const yaml = typeof split === "string" ? undefined : parseYaml(split.yaml);
    if (!yaml || "error" in yaml) throw new Error(`${file}: unreadable front matter`);
    const has = new Set((yaml.data.tags as string[]).map((t) => t.toLowerCase()));
    const tag = tagsByUse(this.seed).find((t) => !has.has(t.toLowerCase()))!;
    const article = { file, text: withTag(before, tag) };
    return { article, tag, description: `tagged ${file} "${tag}"`, apply: () => this.write(file, article.text) };
  }

  /** One change of the scenario's kind, planned. */
  plan(scenario: Scenario): Change {
    return scenario === "add one" ? this.addition() : scenario === "edit one" ? this.revision() : this.retag();
  }

  /** Deletes the added stories and puts every changed file back as it was. */
  restore(): void {
    for (const file of this.added) rmSync(path.join(this.root, file), { force: true });
    for (const [file, text] of this.originals) writeFileSync(path.join(this.root, file), text);
    this.added.clear();
    this.originals.clear();
    this.unrevised.clear();
    this.newest = this.byDate[0]!;
  }

  private read(file: string): string {
    return readFileSync(path.join(this.root, file), "utf8");
  }

  private write(file: string, text: string): void {
    if (!this.added.has(file) && !this.originals.has(file)) this.originals.set(file, this.read(file));
    writeFileSync(path.join(this.root, file), text);
  }
}

/**
 * One unmeasured build so the cache matches the site exactly, then each scenario `runs` times: one
 * change, one measured build (the project's own `npm run build`, keeping the last output and cache).
 * The articles are restored afterwards; the cache and output then no longer match them, so what
 * measures this site next starts from a clean build.
 */
export async function measureIncremental(target: BenchSite, corpus: GeneratedArticle[], seed: number, runs: number, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<IncrementalFigure> {
  const newsroom = new Newsroom(target.root, corpus, seed);
  const figure: IncrementalFigure = { scenarios: [] };
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  try {
    figure.warm = await measureBuild(target, env, { incremental: true });
    log(`warm-up build (cache made from the current articles): ${seconds(figure.warm.wallMs)}: ${figure.warm.lastLine}`);
    for (const scenario of SCENARIOS) {
      const result: ScenarioResult = { scenario, samples: [] };
      figure.scenarios.push(result);
      for (let run = 1; run <= runs; run++) {
        const change = newsroom.plan(scenario);
        change.apply();
        const sample = await measureBuild(target, env, { incremental: true });
        result.samples.push(sample);
        log(`${scenario} ${run}/${runs} (${change.description}): ${seconds(sample.wallMs)} wall, ${seconds(sample.cpuMs)} CPU, ${(sample.peakRssKiB / 1024).toFixed(0)} MiB: ${sample.lastLine}`);
      }
    }
  } catch (error) {
    figure.failure = (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
    log(`incremental build failed, no further runs: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    newsroom.restore();
  }
  return figure;
}
