// The benchmark's baseline: the news site a new Eleventy 3 user would write, with Eleventy's
// defaults (Liquid over Markdown, Eleventy's own tag collections) and no optimisation.
import { feedPlugin } from "@11ty/eleventy-plugin-rss";

const PAGE_SIZE = 20;

export default function (eleventyConfig) {
  eleventyConfig.addFilter("readableDate", (date) =>
    date.toLocaleDateString("en-US", { dateStyle: "long", timeZone: "America/New_York" }),
  );
  eleventyConfig.addFilter("isoDate", (date) => date.toISOString());

  // One entry per page of each tag: Eleventy paginates one level, so tag pages are pre-chunked.
  eleventyConfig.addCollection("tagPages", (collectionApi) => {
    const tags = new Set();
    for (const item of collectionApi.getAll()) for (const tag of item.data.tags ?? []) tags.add(tag);
    tags.delete("articles");
    const pages = [];
    for (const tag of [...tags].sort()) {
      const items = collectionApi.getFilteredByTag(tag).reverse();
      const total = Math.ceil(items.length / PAGE_SIZE);
      for (let number = 1; number <= total; number++) {
        pages.push({ tag, number, total, items: items.slice((number - 1) * PAGE_SIZE, number * PAGE_SIZE) });
      }
    }
    return pages;
  });

  // https://www.11ty.dev/docs/plugins/rss/#virtual-template
  eleventyConfig.addPlugin(feedPlugin, {
    type: "atom",
    outputPath: "/feed.xml",
    collection: { name: "articles", limit: PAGE_SIZE },
    metadata: {
      language: "en",
      title: "Baseline News",
      subtitle: "The benchmark's bare Eleventy news site.",
      base: "https://baseline.example/",
      author: { name: "Baseline Desk" },
    },
  });
}
