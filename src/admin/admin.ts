// /admin/: the browser editor (Sveltia CMS) for editors who don't use git. The build writes its page,
// its config.yml made from the front-matter contract, its script, and the CMS package's own files,
// served from this site (no CDN). Never in a collection, so never in the sitemap, feeds or search.
// `ADMIN=off` leaves it out of the build.
import { fileURLToPath } from "node:url";
import type { Site } from "../../_data/site.ts";
import type { EleventyConfig } from "../runtime/eleventy-config.ts";
import { pageSchema, frontMatterSchema } from "../content/schema.ts";
import type { ArticlesLoaded } from "../site/articles.ts";
import { changedPages } from "../site/changes.ts";
import { adminPage } from "./admin-page.ts";
import { cmsConfig, formatOf, type CollectionSpec, type ConfigOptions } from "./cms-config.ts";
import { contractFields } from "./contract-fields.ts";

export interface Options {
  site: Pick<Site, "title" | "timezone" | "pathPrefix" | "url">;
  /** False with ADMIN=off: no /admin/ in the build. */
  enabled: boolean;
  /** owner/name the deployed editor commits to; GitHub Actions sets GITHUB_REPOSITORY. */
  repo: string;
  /** The public address for the editor's "visit site" link (default: the site's, when SITE_URL sets one). */
  siteUrl?: string;
  /** The kinds of file the editor edits, each with its contract. */
  collections: CollectionSpec[];
  /** The form's labels by key path; the contract has names, not labels. */
  labels: ConfigOptions["labels"];
  /** Key paths edited in a text area rather than a line. */
  multiline: string[];
  /** Key paths holding a picture's path, edited by picking or uploading a file. */
  pictures: string[];
  /** How many of the tags in use the tags field's help names. */
  suggestedTags: number;
  /** `npm start`: the page is served without the dev server's live-reload script. */
  devServer: boolean;
}

const CMS_PACKAGE = "node_modules/@sveltia/cms";

export const defaults: Omit<Options, "site"> = {
  enabled: process.env.ADMIN !== "off",
  repo: process.env.GITHUB_REPOSITORY || "owner/repository",
  collections: [
    { name: "articles", label: "Articles", singular: "Article", folder: "articles", path: "{{fields.date | date('YYYY')}}/{{slug}}", schema: frontMatterSchema, mediaFolder: "../images", body: "Story" },
    { name: "pages", label: "Pages", singular: "Page", folder: "pages", path: "{{slug}}", schema: pageSchema, mediaFolder: "images", body: "Text" },
  ],
  labels: {
    title: "Headline", date: "Published", dateline: "Dateline", source: "Source", "source.name": "Agency or outlet",
    "source.url": "Outlet's website", description: "Standfirst", author: "Authors", tags: "Tags", updated: "Updated",
    image: "Picture", "image.src": "Picture file", "image.alt": "Alt text", "image.caption": "Caption", "image.credit": "Credit",
    draft: "Draft", slug: "URL slug", aliases: "Old addresses", corrections: "Corrections", expires: "Expires", section: "Section", kind: "Kind",
  },
  multiline: ["description", "corrections.*.text"],
  pictures: ["image.src"],
  suggestedTags: 15,
  devServer: process.env.ELEVENTY_RUN_MODE === "serve",
};

/** One of the editor's files: its text, and what its text follows (its signature in an incremental build). */
interface AdminFile {
  url: string;
  text: () => string | Promise<string>;
  signature: () => string;
}

/** The most used tags, most used first, as first written. */
export function tagsInUse(articles: ArticlesLoaded["articles"], count: number): string[] {
  const uses = new Map<string, { name: string; uses: number }>();
  // loops, not flatMap: no array of every tag of 100,000 articles
  for (const article of articles) {
    for (const tag of article.tags) {
      const seen = uses.get(tag.slug);
      if (seen) seen.uses++;
      else uses.set(tag.slug, { name: tag.name, uses: 1 });
    }
  }
  return [...uses.values()].sort((a, b) => b.uses - a.uses || a.name.localeCompare(b.name)).slice(0, count).map((tag) => tag.name);
}

/** The editor's script: editor-start.ts and the file form of each collection, one ES module. */
export async function editorScript(collections: CollectionSpec[], pictures: string[]): Promise<string> {
  // with esbuild, and yaml through entry-format.ts: loaded only when the script is made
  const [{ build }, { entryForm }] = await Promise.all([import("esbuild"), import("./entry-format.ts")]);
  const forms = Object.fromEntries(collections.map((spec) => [formatOf(spec), entryForm(contractFields(spec.schema), pictures)]));
  const result = await build({
    entryPoints: [fileURLToPath(new URL("./editor-start.ts", import.meta.url))],
    bundle: true, write: false, format: "esm", platform: "browser", target: "es2022", minify: true, logLevel: "silent",
    define: { ENTRY_FORMS: JSON.stringify(forms) },
  });
  return result.outputFiles[0]!.text;
}

export function adminPlugin(eleventyConfig: EleventyConfig, userOptions: Partial<Options> & Pick<Options, "site">) {
  const options: Options = { ...defaults, ...userOptions };
  if (!options.enabled) return;
  const { site } = options;
  const siteUrl = options.siteUrl ?? (process.env.SITE_URL ? site.url : undefined);
  const page = adminPage(`${site.title} editor`);
  let tags: string[] = [];
  let script: Promise<string> | undefined;
  eleventyConfig.on("articles.loaded", (loaded: ArticlesLoaded) => void (tags = tagsInUse(loaded.articles, options.suggestedTags)));
  const configText = async () => {
    const config = cmsConfig({
      ...options, siteUrl, timezone: site.timezone, title: site.title, logo: `${site.pathPrefix}assets/favicon.svg`, suggestions: { tags },
    });
    const { stringify } = await import("yaml");
    return `# Made by the build from src/content/schema.ts (src/admin/cms-config.ts): edit those, not this file.\n${stringify(config, { lineWidth: 0 })}`;
  };
  // `npm run build` rewrites a file only when its signature changed (src/site/changes.ts). The
  // code, the site's data and its address are in every page's (a change to them renders everything),
  // so the config's follows what else it is made of and the script's nothing: neither is made
  // (zod's descriptions, yaml, esbuild: 0.1 s at every build) unless it is written.
  const files: AdminFile[] = [
    { url: "/admin/index.html", text: () => page, signature: () => page },
    { url: "/admin/config.yml", text: configText, signature: () => JSON.stringify([options.repo, tags]) },
    { url: "/admin/editor.js", text: () => (script ??= editorScript(options.collections, options.pictures)), signature: () => "the code's" },
  ];
  eleventyConfig.addTemplate("admin/files.njk", "{{ adminText | safe }}", {
    layout: false, eleventyExcludeFromCollections: true, adminFiles: files,
    pagination: { data: "adminFiles", size: 1, alias: "adminFile", before: (list: AdminFile[]) => (changedPages.signatures ? changedPages.signedPages(list, (file) => file.signature()) : list) },
    permalink: (data: { adminFile: AdminFile }) => data.adminFile.url,
    eleventyComputed: { adminText: (data: { adminFile: AdminFile }) => data.adminFile.text() },
  });
  // the CMS's self-hostable build (its fonts included) rather than dist/, which loads fonts from a CDN
  eleventyConfig.addPassthroughCopy({
    [`${CMS_PACKAGE}/npm/index.js`]: "admin/cms/index.js",
    [`${CMS_PACKAGE}/npm/chunks/*.js`]: "admin/cms/chunks",
    [`${CMS_PACKAGE}/npm/assets/*.{woff2,txt}`]: "admin/cms/assets",
    [`${CMS_PACKAGE}/LICENSE.txt`]: "admin/cms/LICENSE.txt",
  });
  if (options.devServer) {
    // handed over as bytes, so the dev server neither adds its live-reload script (a reload after every
    // save would throw the editor back to its sign-in page) nor runs the build's transforms: the path
    // prefix the HTML base plugin would add is written in here
    const bytes = Buffer.from(adminPage(`${site.title} editor`, site.pathPrefix));
    const serve = () => new Response(bytes, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
    eleventyConfig.setServerOptions({ onRequest: { "/admin/": serve, "/admin/index.html": serve } });
  }
}
