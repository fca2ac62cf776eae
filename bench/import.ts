// `node --import tsx bench/import.ts --posts 10000 [--seed 7]` (`npm run bench:import`): writes a
// seeded WordPress export of that many posts (about 100 MB at 10,000: classic and block-editor
// posts, captions, galleries, embeds, comments, attachments after the posts, every status) into
// a temporary site, runs `npm run import` on it as a child under GNU time, and prints wall time,
// CPU and peak RSS. The figures go into bench/results.md by hand.
import { closeSync, mkdirSync, openSync, rmSync, statSync, symlinkSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { slugify } from "../src/content/slug.ts";
import { DATELINES, REPORTERS, SOURCES, SUBHEADINGS, TAG_NAMES } from "./lexicon.ts";
import { measureCommand } from "./measure.ts";
import { headline, linkSentence, quote, sentence, type Pick } from "./prose.ts";
import { seededRandom } from "./random.ts";
import { buildEnv, REPO } from "./sites.ts";

const { values } = parseArgs({ options: { posts: { type: "string", default: "10000" }, seed: { type: "string", default: "7" } } });
const posts = Number(values.posts);
const log = (line: string) => console.error(`[bench] ${line}`);
const HOST = "http://127.0.0.1:9"; // never fetched: pictures stay addresses
const STATUSES = [...Array(90).fill("publish"), "draft", "draft", "draft", "pending", "future", "future", "private", "private", "trash", "publish-password"];
const AGENCIES = SOURCES.map((s) => (typeof s === "string" ? s : s.name));

const cdata = (text: string) => `<![CDATA[${text.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
const html = (markdown: string) => markdown.replace(/\[([^\]]+)\]\(([^)]+)\)/g, '<a href="$2">$1</a>');
const sql = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");

/** One post's content, classic (no <p>) or block editor, about 10 KB. */
function content(pick: Pick, rng: () => number, place: { city: string; country: string }, id: number, block: boolean): string {
  const [city, country] = [place.city, place.country];
  const agency = pick(AGENCIES);
  const lede = sentence(pick, place, rng);
  const opener = pick([`${city.toUpperCase()}, ${country} (${agency}) — ${lede}`, `${city}, ${country}: ${lede}`, `<strong>${city.toUpperCase()} (${agency}) –</strong> ${lede}`, lede]);
  const paragraphs = [opener];
  for (let p = 0; p < 20; p++) {
    const three = [sentence(pick, place, rng), rng() < 0.3 ? html(linkSentence(pick, place, rng)) : sentence(pick, place, rng), sentence(pick, place, rng)];
    paragraphs.push(three.join(rng() < 0.2 ? "\n" : " ").replace(/\b(said|warned)\b/, "<em>$1</em>"));
    if (p === 6) paragraphs.push(`<h2>${pick(SUBHEADINGS)}</h2>`);
    if (p === 9) paragraphs.push(`<blockquote>${quote(pick, place)}</blockquote>`);
    if (p === 3 && rng() < 0.4) paragraphs.push(`[caption id="attachment_${id + 1_000_000}" width="800"]<img src="${HOST}/wp-content/uploads/p${id}-inline.jpg" alt="A street in ${city}" width="800" /> ${sentence(pick, place, rng)}[/caption]`);
    if (p === 12 && rng() < 0.1) paragraphs.push(`[embed]https://www.youtube.com/watch?v=${id.toString(36)}[/embed]`);
    if (p === 15 && rng() < 0.05) paragraphs.push(`[gallery ids="${id + 1_000_000}"]`);
    if (p === 17 && rng() < 0.05) paragraphs.push(`<script>track(${id})</script><p onclick="share()">Share</p>`);
  }
  if (!block) return paragraphs.join("\n\n");
  return paragraphs.map((p) => (p.startsWith("<h2>") ? `<!-- wp:heading -->\n${p}\n<!-- /wp:heading -->` : p.startsWith("<blockquote>") ? `<!-- wp:quote -->\n${p}\n<!-- /wp:quote -->` : p.startsWith("[") ? `<!-- wp:shortcode -->\n${p}\n<!-- /wp:shortcode -->` : `<!-- wp:paragraph -->\n<p>${p}</p>\n<!-- /wp:paragraph -->`)).join("\n\n");
}

function item(fields: Record<string, string | number>, extra = ""): string {
  const wp = (name: string, value: string | number) => `\t\t<wp:${name}>${typeof value === "number" ? value : cdata(value)}</wp:${name}>\n`;
  return `\t<item>\n\t\t<title>${cdata(String(fields.title))}</title>\n\t\t<link>${fields.link}</link>\n\t\t<dc:creator>${cdata(String(fields.creator))}</dc:creator>\n` +
    `\t\t<guid isPermaLink="false">${HOST}/?p=${fields.id}</guid>\n\t\t<description></description>\n\t\t<content:encoded>${cdata(String(fields.content ?? ""))}</content:encoded>\n` +
    `\t\t<excerpt:encoded>${cdata(String(fields.excerpt ?? ""))}</excerpt:encoded>\n` +
    ["post_id", "post_date", "post_date_gmt", "post_name", "status", "post_parent", "post_type", "post_password"].map((k) => wp(k, fields[k] ?? "")).join("") + extra + "\t</item>\n";
}

/** Writes the export; returns its size in bytes. */
function writeExport(file: string, count: number, seed: number): number {
  const fd = openSync(file, "w");
  const write = (text: string) => writeSync(fd, text);
  write(`<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n\t<title>Bench Gazette</title>\n\t<link>${HOST}</link>\n\t<wp:wxr_version>1.2</wp:wxr_version>\n`);
  REPORTERS.forEach((name, i) => write(`\t<wp:author><wp:author_id>${i + 1}</wp:author_id><wp:author_login>${cdata(slugify(name))}</wp:author_login><wp:author_email>${cdata(`${slugify(name)}@mail.test`)}</wp:author_email><wp:author_display_name>${cdata(name)}</wp:author_display_name></wp:author>\n`));
  const attachments: string[] = [];
  for (let id = 1; id <= count; id++) {
    const rng = seededRandom(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(id, 0xc2b2ae35));
    const pick: Pick = (items) => items[Math.floor(rng() * items.length)]!;
    const [dateline] = pick(DATELINES);
    const place = { city: dateline.slice(0, dateline.lastIndexOf(",")), country: dateline.slice(dateline.lastIndexOf(",") + 2) };
    const status = pick(STATUSES);
    const gmt = status === "future" ? Date.UTC(2030, 0, 1) + id * 60_000 : Date.UTC(2018, 0, 1) + Math.floor(rng() * 8 * 365 * 86_400) * 1000;
    const title = headline(pick, place);
    const name = `${slugify(title, 70)}-${id}`;
    const published = status === "publish" || status === "publish-password";
    const day = sql(gmt - 5 * 3_600_000).slice(0, 10).replaceAll("-", "/");
    const tags = [pick(TAG_NAMES), pick(TAG_NAMES)].map((tag) => `\t\t<category domain="${rng() < 0.5 ? "category" : "post_tag"}" nicename="${slugify(tag)}">${cdata(tag)}</category>\n`).join("");
    const featured = rng() < 0.4 ? `\t\t<wp:postmeta><wp:meta_key>${cdata("_thumbnail_id")}</wp:meta_key><wp:meta_value>${cdata(String(id + 1_000_000))}</wp:meta_value></wp:postmeta>\n` : "";
    if (featured || rng() < 0.1) attachments.push(item({ id: id + 1_000_000, title: `p${id}`, link: `${HOST}/?attachment_id=${id + 1_000_000}`, creator: "desk", post_id: id + 1_000_000, post_date: sql(gmt), post_date_gmt: sql(gmt), post_name: `p${id}`, status: "inherit", post_parent: id, post_type: "attachment", excerpt: `A picture from ${place.city}.` },
      `\t\t<wp:attachment_url>${cdata(`${HOST}/wp-content/uploads/p${id}.jpg`)}</wp:attachment_url>\n\t\t<wp:postmeta><wp:meta_key>${cdata("_wp_attachment_image_alt")}</wp:meta_key><wp:meta_value>${cdata(`A view of ${place.city}`)}</wp:meta_value></wp:postmeta>\n`));
    const comments = Array.from({ length: Math.floor(rng() * 3) }, (_, c) => `\t\t<wp:comment><wp:comment_id>${id * 10 + c}</wp:comment_id><wp:comment_author_email>${cdata(`reader${c}@mail.test`)}</wp:comment_author_email><wp:comment_content>${cdata(sentence(pick, place, rng))}</wp:comment_content></wp:comment>\n`).join("");
    write(item({
      id, title, link: published ? `${HOST}/${day}/${name}/` : `${HOST}/?p=${id}`, creator: slugify(pick(REPORTERS)), content: content(pick, rng, place, id, rng() < 0.3),
      post_id: id, post_date: sql(gmt - 5 * 3_600_000), post_date_gmt: status === "draft" ? "0000-00-00 00:00:00" : sql(gmt), post_name: name,
      status: status === "publish-password" ? "publish" : status, post_parent: 0, post_type: id % 500 === 0 ? "page" : "post", post_password: status === "publish-password" ? "secret" : "",
    }, tags + featured + comments));
  }
  for (const attachment of attachments) write(attachment);
  write("</channel>\n</rss>\n");
  closeSync(fd);
  return statSync(file).size;
}

const folder = path.join(os.tmpdir(), `newsroom-bench-import-${posts}`);
rmSync(folder, { recursive: true, force: true });
mkdirSync(path.join(folder, "articles"), { recursive: true });
for (const link of [".eleventy.ts", "package.json", "tsconfig.json", "src", "_includes", "_data", "node_modules"]) symlinkSync(path.join(REPO, link), path.join(folder, link));
log(`${posts} posts: writing the export (seed ${values.seed})…`);
const bytes = writeExport(path.join(folder, "export.xml"), posts, Number(values.seed));
log(`export.xml: ${(bytes / 1048576).toFixed(1)} MiB; importing (load average ${os.loadavg().map((l) => l.toFixed(2)).join(" / ")})…`);
const measured = await measureCommand([process.execPath, path.join(REPO, "src/cli/launch.mjs"), "import", "export.xml", "--source", "Bench Desk"], folder, buildEnv());
const summary = measured.stdout.slice(measured.stdout.indexOf("WordPress export")).split("\n").slice(0, 4).join("\n");
console.log(`${posts} posts, ${(bytes / 1048576).toFixed(0)} MiB export: wall ${(measured.wallMs / 1000).toFixed(1)} s, CPU ${(measured.cpuMs / 1000).toFixed(1)} s, peak RSS ${(measured.peakRssKiB / 1024).toFixed(0)} MiB`);
console.log(summary);
rmSync(folder, { recursive: true, force: true });
