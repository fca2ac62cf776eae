// @ts-check
// Where `npm run build` keeps its cache (src/build/incremental.ts). Plain JavaScript: `npm run build`'s
// first module (src/cli/build-entry.mjs) looks at the kept records before any TypeScript can load.
export const CACHE_DIR = ".cache/build";

/** The parsed articles kept between builds (src/content/record-cache.ts): about 1.2 KB an article. */
export const RECORDS_FILE = "records.tsv";
