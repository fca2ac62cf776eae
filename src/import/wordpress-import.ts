// `npm run import -- export.xml`: a WordPress export into articles and static pages, in two
// streamed passes (attachments first: a post usually comes before the pictures uploaded for it).
// Files are composed and checked by content/'s own parsers and never written over; a post whose
// old address an earlier import already kept is skipped, so an export can be imported again.
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { aliasPath } from "../content/aliases.ts";
import { composeArticle, composePage, fileExists, takenUrls, writeNew, type ComposeOptions } from "../content/compose.ts";
import { parseYaml, splitFrontMatter } from "../content/frontmatter.ts";
import { findArticleFiles } from "../content/article-files.ts";
import { formatProblem } from "../content/problems.ts";
import type { DatelineCities } from "./datelines.ts";
import { destination, type BodyStats } from "./html-to-markdown.ts";
import { pictureStore, replacePictures, type PictureStore } from "./picture-downloads.ts";
import { projectDesks } from "../content/sections.ts";
import { addBody, emptyBodyStats, emptyReport, skip, type ImportReport } from "./report.ts";
import type { Attachment } from "./shortcodes.ts";
import { emptyChannel, wordpressItems } from "./wordpress.ts";
import { planPost, type ArticlePlan, type PagePlan, type PostDefaults } from "./wordpress-posts.ts";

export interface WordPressOptions extends ComposeOptions {
  /** The static pages' folder, relative to root. */
  pagesDir: string;
  dryRun: boolean;
  downloadImages: boolean;
  cities: DatelineCities;
  defaults: PostDefaults;
  log: (line: string) => void;
  /** URL → file of the articles and pages already there (takenUrls), when the caller has it. */
  taken?: Map<string, string>;
}

/** Every old address already kept: the aliases of existing articles and pages, and their own URLs. */
async function keptAddresses(options: WordPressOptions, urls: Iterable<string>): Promise<Set<string>> {
  const kept = new Set(urls);
  for (const dir of [options.dir, options.pagesDir]) {
    if (!existsSync(path.join(options.root, dir))) continue;
    for (const file of await findArticleFiles(options.root, dir)) {
      // read as written, valid or not: an imported file an editor has not fixed yet still counts
      const split = splitFrontMatter(readFileSync(path.join(options.root, file), "utf8"));
      const yaml = typeof split === "string" ? undefined : parseYaml(split.yaml);
      const aliases = yaml && "data" in yaml && Array.isArray(yaml.data.aliases) ? yaml.data.aliases : [];
      for (const alias of aliases) if (typeof alias === "string") kept.add(safeAliasPath(alias));
    }
  }
  return kept;
}

const safeAliasPath = (alias: string) => {
  try {
    return aliasPath(alias);
  } catch {
    return alias;
  }
};

type Written = { file: string; text: string; url: string; status?: "published" | "draft" | "embargoed" | "expired" } | { problems: string };

function compose(plan: ArticlePlan | PagePlan, options: WordPressOptions, taken: Map<string, string>): Written {
  const composed = plan.kind === "page"
    ? composePage(plan.fields, plan.body, options.pagesDir, taken)
    : composeArticle(plan.fields, plan.body, options, taken, plan.slug);
  if ("problems" in composed) return { problems: composed.problems.map(formatProblem).join("; ") };
  const made = "page" in composed ? composed.page : composed.article;
  // an old address that is also the new one needs no redirect (and the build would refuse it)
  if (plan.fields.aliases?.some((alias) => safeAliasPath(alias) === made.url)) {
    return compose({ ...plan, fields: { ...plan.fields, aliases: undefined } } as ArticlePlan | PagePlan, options, taken);
  }
  return { file: composed.file, text: composed.text, url: made.url, status: "article" in composed ? composed.article.status : undefined };
}

/** The post's pictures downloaded next to its file; those that fail stay addresses and are reported. */
async function localise(plan: ArticlePlan | PagePlan, images: string[], file: string, store: PictureStore, report: ImportReport): Promise<Map<string, string>> {
  const folder = path.posix.dirname(file);
  const copies = new Map<string, string>();
  const featured = plan.kind === "article" ? plan.fields.image?.src : undefined;
  for (const url of new Set([...images, ...(featured ? [featured] : [])])) {
    const saved = await store.save(url, folder);
    if ("file" in saved) copies.set(url, saved.file);
    else report.pictures.failed.push(`${file}: ${url}: ${saved.error}`);
  }
  plan.body = replacePictures(plan.body, copies, destination);
  if (plan.kind === "article" && featured && copies.has(featured)) plan.fields.image = { ...plan.fields.image!, src: copies.get(featured)! };
  return copies;
}

export async function importWordPress(input: string, options: WordPressOptions): Promise<ImportReport> {
  const report = emptyReport();
  const channel = emptyChannel();
  const attachments = new Map<number, Attachment>();
  for await (const item of wordpressItems(input, channel)) {
    if (item.type !== "attachment") continue;
    attachments.set(item.id, { url: item.attachmentUrl, alt: item.meta.get("_wp_attachment_image_alt") ?? "", caption: item.excerpt, title: item.title, parent: item.parent });
  }
  const taken = options.taken ?? (await takenUrls(options));
  const kept = await keptAddresses(options, taken.keys());
  const store = options.downloadImages && !options.dryRun ? pictureStore(options.root) : undefined;
  const context = { channel, attachments, timezone: options.timezone, cities: options.cities, defaults: options.defaults, imported: (p: string) => kept.has(p), desks: projectDesks.desks.list };

  let writing = Promise.resolve();
  for await (const item of wordpressItems(input, emptyChannel())) {
    report.comments += item.comments;
    const stats = emptyBodyStats();
    const plan = planPost(item, context, stats);
    if (plan.kind === "skip") {
      skip(report, plan.reason);
      continue;
    }
    const label = `item ${item.id} "${plan.fields.title}"`;
    let written = compose(plan, options, taken);
    let copies = new Map<string, string>();
    if (!("problems" in written) && store && (stats.images.length || (plan.kind === "article" && plan.fields.image))) {
      copies = await localise(plan, stats.images, written.file, store, report);
      written = compose(plan, options, taken);
    }
    if ("problems" in written) {
      report.failed.push(`${label}: ${written.problems}`);
      continue;
    }
    // claimed before the write ends, so the next post's checks see it
    taken.set(written.url, written.file);
    for (const alias of plan.fields.aliases ?? []) kept.add(safeAliasPath(alias));
    const file = written;
    const wrote = options.dryRun ? fileExists(options.root, file.file).then((exists) => !exists) : writeNew(options.root, file.file, file.text);
    const previous = writing;
    writing = Promise.all([previous, wrote]).then(([, ok]) => {
      if (!ok) return void skip(report, "already imported (file exists, not overwritten)");
      options.log(options.dryRun ? `==> ${file.file} (dry run, not written) <==\n${file.text}` : `${input} ${label} → ${file.file}`);
      record(report, plan, file, stats, copies);
    });
    writing.catch(() => {}); // a failed write is thrown by the next await, not as an unhandled rejection
    await previous; // one file is written while the next post is converted
  }
  await writing;
  return report;
}

/** A written file in the report: its kind and status, what its conversion did, its notes. */
function record(report: ImportReport, plan: ArticlePlan | PagePlan, written: Extract<Written, { file: string }>, stats: BodyStats, copies: Map<string, string>): void {
  addBody(report, stats);
  const featured = plan.kind === "article" ? plan.fields.image?.src : undefined;
  report.pictures.downloaded += copies.size;
  report.pictures.remote += stats.images.filter((url) => !copies.has(url)).length + (featured && /^https?:/.test(featured) ? 1 : 0);
  if (plan.kind === "page") report.pages++;
  else if (written.status === "draft") report.drafts++;
  else if (written.status === "embargoed") report.scheduled++;
  else report.published++;
  // an opinion piece may go without one: only the stories held back as drafts are counted
  if (plan.kind === "article" && !plan.fields.dateline && plan.fields.kind !== "opinion") report.withoutDateline.push(written.file);
  report.notes.push(...plan.notes.map((note) => `${written.file}: ${note}`));
}
