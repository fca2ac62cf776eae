// Folder defaults for every article: the layout, the URL from the validated record, and no
// template engine over the story text ({{ }} and {% %} in a story are shown as written).
import type { Article } from "../src/articles/load.ts";

export default {
  layout: "layouts/article.njk",
  templateEngineOverride: "md",
  permalink: (data: { article: Article }) => data.article.url,
  // Listings come from the validated records (src/articles/collections.ts), not Eleventy's
  // collections: keeping 10,000 pages out of `collections.all` saves its bookkeeping and memory.
  eleventyExcludeFromCollections: true,
};
