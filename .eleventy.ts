// Eleventy configuration: a table of contents. Each feature lives in its own module under src/.
// Run through tsx: `node --import tsx node_modules/@11ty/eleventy/cmd.cjs --config=.eleventy.ts`.
import { HtmlBasePlugin } from "@11ty/eleventy";
import site from "./_data/site.ts";
import type { EleventyConfig } from "./src/eleventy-config.ts";
import { typescriptDataPlugin } from "./src/typescript-data.ts";
import { articlesPlugin } from "./src/articles/plugin.ts";
import { markdownPlugin } from "./src/markdown.ts";
import { datesPlugin } from "./src/dates.ts";
import { partialsPlugin } from "./src/partials.ts";
import { pagesPlugin } from "./src/pages.ts";
import { imagesPlugin } from "./src/images.ts";
import { readingTimePlugin } from "./src/reading-time.ts";
import { urlsPlugin } from "./src/urls.ts";
import { feedsPlugin } from "./src/feeds.ts";
import { sitemapsPlugin } from "./src/sitemaps.ts";
import { seoPlugin } from "./src/seo.ts";
import { searchPlugin } from "./src/search.ts";
import { devServerPlugin } from "./src/dev-server.ts";
import { deployPlugin } from "./src/deploy.ts";
import { outputPlugin } from "./src/output.ts";

export default function (eleventyConfig: EleventyConfig) {
  // Input: TypeScript data files, only the folders that are content
  eleventyConfig.addPlugin(typescriptDataPlugin);
  for (const ignored of ["README.md", "src/**", "test/**", "bench/**", "node_modules/**"]) eleventyConfig.ignores.add(ignored);

  // Articles: validated contract, records, listing collections
  eleventyConfig.addPlugin(articlesPlugin, { timezone: site.timezone, pageSize: site.pageSize, homeTitle: site.title });
  eleventyConfig.addPlugin(markdownPlugin);

  // Presentation: dates in the site's zone, the partials' macros, listing pages, responsive images, reading time, static assets
  eleventyConfig.addPlugin(datesPlugin, { timezone: site.timezone });
  eleventyConfig.addPlugin(partialsPlugin);
  eleventyConfig.addPlugin(pagesPlugin);
  eleventyConfig.addPlugin(imagesPlugin);
  eleventyConfig.addPlugin(readingTimePlugin);
  eleventyConfig.addPassthroughCopy({ "_includes/assets": "assets" });

  // Syndication and discovery: absolute URLs, feeds, sitemaps + robots.txt, head metadata, search
  eleventyConfig.addPlugin(urlsPlugin, { site });
  eleventyConfig.addPlugin(feedsPlugin, { site });
  eleventyConfig.addPlugin(sitemapsPlugin, { site });
  eleventyConfig.addPlugin(seoPlugin, { site });
  eleventyConfig.addPlugin(searchPlugin, { site });

  // URLs: every root-relative URL in HTML gets the path prefix (GitHub Pages project sites)
  eleventyConfig.addPlugin(HtmlBasePlugin);
  // Static hosts: .nojekyll so GitHub Pages serves the folder as built
  eleventyConfig.addPlugin(deployPlugin);

  // `npm start` only: port, live reload, article problems shown in the browser too
  eleventyConfig.addPlugin(devServerPlugin);

  // Output: pages handed over as bytes, half the memory Eleventy keeps of them (last transform)
  eleventyConfig.addPlugin(outputPlugin);
}

export const config = {
  dir: { input: ".", includes: "_includes", data: "_data" },
  pathPrefix: site.pathPrefix,
  markdownTemplateEngine: false,
  htmlTemplateEngine: "njk",
  templateFormats: ["md", "njk"],
};
