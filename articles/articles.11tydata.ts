// Folder defaults for every article: the layout, the URL from the validated record, and no
// template engine over the story text ({{ }} and {% %} in a story are shown as written).
import type { Article } from "../src/articles/load.ts";

export default {
  layout: "layouts/article.njk",
  templateEngineOverride: "md",
  permalink: (data: { article: Article }) => data.article.url,
};
