// @ts-check
// Where the search index's parts live under the site (src/search/parts.ts splits the articles into
// them). Plain JavaScript importing nothing: the survey of the site before last (src/build/survey.mjs)
// runs without the TypeScript loader and needs the same answer to which part a file belongs to.

/**
 * Where index part `n` of an archive split into parts goes, under the site's root.
 * @param {number} n
 */
export const archivePart = (n) => `pagefind/archive/${n}/`;

/**
 * The part a file of the index (site-relative) belongs to: its archive part's folder, else the main bundle's.
 * @param {string} file
 * @returns {string}
 */
export const partOf = (file) => /^pagefind\/archive\/[^/]+\//.exec(file)?.[0] ?? "pagefind/";
