// Folder defaults for the article pages (one per validated article, see src/site/articles.ts):
// the layout, and the URL the loader computed from the date and slug.
import type { Article } from "../src/content/load.ts";

export default {
  layout: "layouts/article.njk",
  permalink: (data: { article: Article }) => data.article.url,
  eleventyExcludeFromCollections: true,
};
