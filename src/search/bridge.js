// The search page's Pagefind: its own API (/pagefind/pagefind.js) with the records an incremental
// build superseded left out (src/search/overlay.ts): an old story edited since its index part was
// written is found by its new text in the recent part, never by its old text in the kept part.
// Pagefind's UI loads this file as its bundle's pagefind.js (bundlePath /search/).
import * as pagefind from "../pagefind/pagefind.js";
export * from "../pagefind/pagefind.js";

/** Pagefind id → the superseded records it names: [{ url, filters }]. */
const superseded = fetch(new URL("../pagefind/superseded.json", import.meta.url))
  .then((response) => (response.ok ? response.json() : {}))
  .catch(() => ({}));

/** Takes a record's filter values off `counts` ({ tag: { Energy: 3 } }). */
function discount(counts, filters) {
  for (const [key, values] of Object.entries(filters ?? {})) {
    for (const value of values) if (counts?.[key]?.[value] > 0) counts[key][value]--;
  }
}

/** A search's answer without the superseded records' results; null (a debounced search overtaken) as it is. */
async function withoutSuperseded(response) {
  const stale = await superseded;
  if (!response?.results) return response;
  // each superseded record leaves out one result with its id and URL (a kept part may hold the very record the recent part holds again)
  const pending = new Map();
  for (const [id, records] of Object.entries(stale)) for (const { url } of records) pending.set(`${id} ${url}`, (pending.get(`${id} ${url}`) ?? 0) + 1);
  const results = [];
  for (const result of response.results) {
    if (stale[result.id]) {
      const data = await result.data();
      const key = `${result.id} ${data.raw_url ?? data.url}`;
      if (pending.get(key) > 0) {
        pending.set(key, pending.get(key) - 1);
        discount(response.filters, data.filters);
        continue;
      }
    }
    results.push(result);
  }
  response.unfilteredResultCount -= response.results.length - results.length;
  return { ...response, results };
}

export const search = async (term, options) => withoutSuperseded(await pagefind.search(term, options));
export const debouncedSearch = async (term, options, wait) => withoutSuperseded(await pagefind.debouncedSearch(term, options, wait));

export async function filters() {
  const [counts, stale] = await Promise.all([pagefind.filters(), superseded]);
  for (const records of Object.values(stale)) for (const record of records) discount(counts, record.filters);
  return counts;
}
