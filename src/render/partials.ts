// The macros of _includes/partials/, offered to every layout and partial as Nunjucks globals. A
// `{% from "partials/x.njk" import y %}` runs the partial's file again on every page that has it
// (Nunjucks makes its exports anew per render): 10,000 article pages did so five times each.
// Here each partial runs once per build. https://www.11ty.dev/docs/languages/nunjucks/#generic-global
import type { EleventyConfig } from "../runtime/eleventy-config.ts";

export interface Options {
  /** Global name → the partial whose macro of that name it is. */
  macros: Record<string, string>;
  /** A filter that renders the listing card of an article (see `macroOnce`). */
  card: { filter: string; file: string; macro: string };
}

export const defaults: Options = {
  macros: {
    status: "partials/status.njk",
    tagList: "partials/tag-list.njk",
    figure: "partials/figure.njk",
    dateline: "partials/dateline.njk",
    related: "partials/more-stories.njk",
    olderNewer: "partials/more-stories.njk",
    leadStory: "partials/card.njk",
    brief: "partials/card.njk",
    kindLabel: "partials/kind.njk",
    breadcrumbs: "partials/breadcrumbs.njk",
    frontPage: "partials/front-page.njk",
    // not "pagination": Eleventy's pagination data, which listing pages have, would hide it
    pager: "partials/pagination.njk",
    byline: "partials/byline.njk",
    correctionNotes: "partials/corrections.njk",
    authorProfile: "partials/author.njk",
  },
  card: { filter: "card", file: "partials/card.njk", macro: "card" },
};

/** What a Nunjucks filter's or global's `this.env` offers to fetch a macro from a template file. */
export interface NunjucksEnvironment {
  getTemplate(name: string, eagerCompile: true): { getExported(done: (error: Error | null, exported: Record<string, unknown>) => void): void };
}

type Macro = (...args: unknown[]) => unknown;

/** The macro `name` of template `file`, loaded synchronously (no partial uses an async filter). */
export function loadMacro(env: NunjucksEnvironment, file: string, name: string): Macro {
  let macro: Macro | undefined;
  env.getTemplate(file, true).getExported((error, exported) => {
    if (error) throw error;
    macro = exported[name] as Macro | undefined;
  });
  if (typeof macro !== "function") throw new Error(`${file} exports no macro "${name}"`);
  return macro;
}

/** A global that calls macro `name` of `file`, loading it on first use until `reset`. */
export function macroGlobal(file: string, name: string) {
  let macro: Macro | undefined;
  return {
    reset: () => void (macro = undefined),
    global(this: { env: NunjucksEnvironment }, ...args: unknown[]): unknown {
      return (macro ??= loadMacro(this.env, file, name))(...args);
    },
  };
}

/**
 * A filter that renders one macro of a template file (whose output depends only on its one
 * argument) once per argument until `reset`. A card shows its article on 7 to 11 listing pages
 * (home, tags, source, dateline, year, month): 95,000 cards at 10,000 articles, 10,000 different.
 */
export function macroOnce(file: string, name: string) {
  const macro = macroGlobal(file, name);
  let rendered = new WeakMap<object, unknown>();
  return {
    reset: () => void ((rendered = new WeakMap()), macro.reset()),
    filter(this: { env: NunjucksEnvironment }, item: object): unknown {
      if (!rendered.has(item)) rendered.set(item, macro.global.call(this, item));
      return rendered.get(item);
    },
  };
}

export function partialsPlugin(eleventyConfig: EleventyConfig, options: Partial<Options> = {}) {
  const { macros, card }: Options = { ...defaults, ...options };
  const globals = Object.entries(macros).map(([name, file]) => {
    const loaded = macroGlobal(file, name);
    eleventyConfig.addNunjucksGlobal(name, loaded.global);
    return loaded;
  });
  const cards = macroOnce(card.file, card.macro);
  eleventyConfig.addFilter(card.filter, cards.filter);
  // the dev server's next build may follow an edit to a partial
  eleventyConfig.on("eleventy.before", () => {
    for (const loaded of [...globals, cards]) loaded.reset();
  });
}
