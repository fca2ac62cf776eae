// Eleventy configuration: a table of contents, in the order data flows through src/'s folders.
// Run through tsx: `node --import tsx node_modules/@11ty/eleventy/cmd.cjs --config=.eleventy.ts`.
import { HtmlBasePlugin } from "@11ty/eleventy";
import site from "./_data/site.ts";
import type { EleventyConfig } from "./src/runtime/eleventy-config.ts";
import { typescriptDataPlugin } from "./src/runtime/typescript-data.ts";
import { markdownPlugin } from "./src/content/markdown.ts";
import { datesPlugin } from "./src/content/dates.ts";
import { articlesPlugin } from "./src/site/articles.ts";
import { pagesPlugin } from "./src/site/listing-pages.ts";
import { staticPagesPlugin } from "./src/site/static-pages.ts";
import { redirectsPlugin } from "./src/site/redirects.ts";
import { authorsPlugin } from "./src/site/authors.ts";
import { correctionsPlugin } from "./src/site/corrections.ts";
import { expiredPlugin } from "./src/site/expired.ts";
import { storiesPlugin } from "./src/render/story.ts";
import { partialsPlugin } from "./src/render/partials.ts";
import { imagesPlugin } from "./src/render/images.ts";
import { readingTimePlugin } from "./src/render/reading-time.ts";
import { securityPolicyPlugin } from "./src/render/security-policy.ts";
import { urlsPlugin } from "./src/syndication/urls.ts";
import { feedsPlugin } from "./src/syndication/feeds.ts";
import { correctionsFeedPlugin } from "./src/syndication/corrections-feed.ts";
import { sitemapsPlugin } from "./src/syndication/sitemaps.ts";
import { seoPlugin } from "./src/syndication/seo.ts";
import { searchPlugin } from "./src/search/search.ts";
import { adminPlugin } from "./src/admin/admin.ts";
import { deployPlugin } from "./src/build/deploy.ts";
import { outputPlugin } from "./src/build/output.ts";
import { devServerPlugin } from "./src/serve/dev-server.ts";

export default function (eleventyConfig: EleventyConfig) {
  // Runtime: TypeScript data files; only the folders that are content are input
  eleventyConfig.addPlugin(typescriptDataPlugin);
  // _site.*: the build's rollback and staging folders (Eleventy reads .gitignore's "_site.*/" without the "/**" that stops its search there)
  for (const ignored of ["README.md", "src/**", "test/**", "bench/**", "node_modules/**", "_site.*/**"]) eleventyConfig.ignores.add(ignored);

  // Content: the project's Markdown, dates in the site's zone
  eleventyConfig.addPlugin(markdownPlugin);
  eleventyConfig.addPlugin(datesPlugin, { timezone: site.timezone });

  // Site: validated articles → collections and article pages; the listing pages; pages/; old addresses
  eleventyConfig.addPlugin(articlesPlugin, { timezone: site.timezone, pageSize: site.pageSize, homeTitle: site.title });
  eleventyConfig.addPlugin(pagesPlugin);
  eleventyConfig.addPlugin(staticPagesPlugin);
  eleventyConfig.addPlugin(redirectsPlugin);
  // authors' pages and linked bylines; /corrections/; a "no longer available" page for expired copy
  eleventyConfig.addPlugin(authorsPlugin);
  eleventyConfig.addPlugin(correctionsPlugin);
  eleventyConfig.addPlugin(expiredPlugin);

  // Render: stories, the partials' macros, responsive images, reading time, static assets, each page's CSP
  eleventyConfig.addPlugin(storiesPlugin);
  eleventyConfig.addPlugin(partialsPlugin);
  eleventyConfig.addPlugin(imagesPlugin);
  eleventyConfig.addPlugin(readingTimePlugin);
  eleventyConfig.addPassthroughCopy({ "_includes/assets": "assets" });
  eleventyConfig.addPlugin(securityPolicyPlugin);

  // Syndication: absolute URLs, feeds, sitemaps + robots.txt, head metadata
  eleventyConfig.addPlugin(urlsPlugin, { site });
  eleventyConfig.addPlugin(feedsPlugin, { site });
  eleventyConfig.addPlugin(correctionsFeedPlugin, { site });
  eleventyConfig.addPlugin(sitemapsPlugin, { site });
  eleventyConfig.addPlugin(seoPlugin, { site });

  // Search: the Pagefind index from article records
  eleventyConfig.addPlugin(searchPlugin, { site });

  // Admin: the browser editor at /admin/, its form made from the article contract (ADMIN=off leaves it out)
  eleventyConfig.addPlugin(adminPlugin, { site });

  // Build: the path prefix on every root-relative URL in HTML (GitHub Pages project sites), .nojekyll
  eleventyConfig.addPlugin(HtmlBasePlugin);
  eleventyConfig.addPlugin(deployPlugin);

  // Serve, `npm start` only: port, live reload, article problems shown in the browser too
  eleventyConfig.addPlugin(devServerPlugin);

  // Build output: pages handed over as bytes, half the memory Eleventy keeps of them (last transform)
  eleventyConfig.addPlugin(outputPlugin);
}

export const config = {
  dir: { input: ".", includes: "_includes", data: "_data" },
  pathPrefix: site.pathPrefix,
  markdownTemplateEngine: false,
  htmlTemplateEngine: "njk",
  templateFormats: ["md", "njk"],
};
