// The WordPress importer: the export read as a stream, its HTML turned into story Markdown, each
// item planned (article, page or skipped), and the real `npm run import` run on a fixture export
// shaped like a WordPress 6 "All content" export, then checked, re-run and built.
import { createServer, type Server } from "node:http";
import { readdirSync, readFileSync, statSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { HtmlValidate, type ConfigData } from "html-validate";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import citiesData from "../_data/dateline-cities.json" with { type: "json" };
import { DateTime } from "luxon";
import { parseYaml, splitFrontMatter } from "../src/content/frontmatter.ts";
import { parseArticle } from "../src/content/load.ts";
import { formatProblem } from "../src/content/problems.ts";
import { autop } from "../src/import/autop.ts";
import { datelineCities } from "../src/import/datelines.ts";
import { NO_ALT, postMarkdown } from "../src/import/html-to-markdown.ts";
import { emptyBodyStats } from "../src/import/report.ts";
import { convertShortcodes, emptyShortcodeCounts, type Attachment } from "../src/import/shortcodes.ts";
import { emptyChannel, isWordPressExport, wordpressItems, type WxrItem } from "../src/import/wordpress.ts";
import { decodeEntities, oldPath, postDate, postTags } from "../src/import/wordpress-fields.ts";
import { planPost, storyDateline } from "../src/import/wordpress-posts.ts";
import { runCommand } from "./commands.ts";
import { article, makeFixture, PROJECT, validFields, type Fixture } from "./fixture.ts";
import { htmlFiles } from "./sample-site.ts";

const EXPORT = path.join(PROJECT, "test/fixtures/wordpress-export.xml");
const cities = datelineCities(citiesData);
const TZ = "America/New_York";
/** Everything in the export that must never reach a written file or a page. */
const PRIVATE = ["COMMENT-TEXT", "reader-mail.test", "gazette-mail.test", "Pierre Lecteur", "192.0.2.15", "PRIVATE-SECRET", "TRASHED-STORY", "PASSWORD-PROTECTED", "harbour2024", "REUSABLE-BLOCK", "tracker", "trackShare", "javascript:", "<iframe"];

const attachments = new Map<number, Attachment>([
  [31, { url: "http://127.0.0.1:9/a.jpg", alt: "A harbour crane", caption: "The crane at dawn.", title: "a", parent: 10 }],
  [32, { url: "http://127.0.0.1:9/b.png", alt: "", caption: "", title: "b", parent: 10 }],
]);
const convert = (html: string, postId = 10) => {
  const stats = emptyBodyStats();
  return { markdown: postMarkdown(html, { attachments, postId, base: "http://127.0.0.1:9" }, stats), stats };
};
const item = (fields: Partial<WxrItem>): WxrItem => ({
  id: 1, title: "A title", link: "http://127.0.0.1:9/2020/01/02/a-title/", creator: "jkim", content: "PARIS (AFP) – Text.", excerpt: "",
  date: "2020-01-02 10:00:00", dateGmt: "2020-01-02 15:00:00", name: "a-title", status: "publish", type: "post", password: "", parent: 0,
  attachmentUrl: "", terms: [], meta: new Map(), comments: 0, ...fields,
});
const context = { channel: { title: "Harbour Gazette", link: "http://127.0.0.1:9", authors: new Map([["jkim", "Jae Kim"]]) }, attachments, timezone: TZ, cities, defaults: {} };

/** Every file under a folder of a fixture, relative to it. */
const filesUnder = (root: string, dir: string): string[] =>
  readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" }).filter((f) => statSync(path.join(root, dir, f)).isFile()).map((f) => `${dir}/${f}`).sort();

function frontMatter(site: Fixture, file: string): { data: Record<string, unknown>; body: string } {
  const split = splitFrontMatter(site.read(file));
  if (typeof split === "string") throw new Error(split);
  const yaml = parseYaml(split.yaml);
  if ("error" in yaml) throw new Error(yaml.error);
  return { data: yaml.data, body: split.body.trim() };
}

describe("the contract for an imported post without a dateline", () => {
  const parse = (fields: Record<string, unknown>) => parseArticle("articles/x.md", article(fields), { timezone: TZ, now: DateTime.fromISO("2026-01-01T12:00:00Z") });
  const { dateline: _, ...undated } = validFields;

  it("lets a draft go without a dateline, and only a draft", () => {
    expect(parse({ ...undated, draft: true })).toMatchObject({ article: { place: undefined, status: "draft" } });
    const problems = (fields: Record<string, unknown>) => {
      const result = parse(fields);
      return "problems" in result ? result.problems.map(formatProblem) : [];
    };
    expect(problems(undated)).toEqual(['articles/x.md: dateline: is missing (expected "City, Country", e.g. "New York, United States")']);
    expect(problems({ ...undated, draft: false, title: "" })).toEqual([
      "articles/x.md: title: is empty (expected the headline as text)",
      'articles/x.md: dateline: is missing (expected "City, Country", e.g. "New York, United States")',
    ]);
  });
});

describe("reading a WordPress export", () => {
  it("recognises an export by its content, not its name", () => {
    expect(isWordPressExport(readFileSync(EXPORT, "utf8").slice(0, 4096))).toBe(true);
    expect(isWordPressExport('<?xml version="1.0"?><rss version="2.0"><channel><title>A feed</title>')).toBe(false);
    expect(isWordPressExport("PARIS (AFP) – A wire story.")).toBe(false);
  });

  it("streams every item with the fields the importer uses, counting comments without keeping them", async () => {
    const channel = emptyChannel();
    const items: WxrItem[] = [];
    for await (const i of wordpressItems(EXPORT, channel)) items.push(i);
    expect(channel).toEqual({ title: "Harbour Gazette", link: "http://127.0.0.1:9", authors: new Map([["mlopez", "María López"], ["jkim", "Jae Kim"], ["desk", "night.desk@gazette-mail.test"]]) });
    expect(items.map((i) => `${i.id} ${i.type} ${i.status}`)).toEqual([
      "10 post publish", "11 post publish", "12 post publish", "13 post publish", "14 post publish", "15 post draft", "16 post pending", "17 post future",
      "18 post private", "19 post trash", "20 post publish", "21 page publish", "23 page draft", "40 nav_menu_item publish", "41 wp_block publish",
      "31 attachment inherit", "33 attachment inherit", "34 attachment inherit", "35 attachment inherit",
    ]);
    const rail = items[0]!;
    expect(rail).toMatchObject({ title: "French rail workers strike over pension reform", creator: "mlopez", dateGmt: "2020-03-05 14:30:00", name: "rail-strike-paris", comments: 2, meta: new Map([["_thumbnail_id", "31"]]) });
    expect(rail.terms).toEqual([{ domain: "category", nicename: "world", name: "World" }, { domain: "post_tag", nicename: "rail-strike", name: "Rail strike" }]);
    expect(items.find((i) => i.id === 31)).toMatchObject({ attachmentUrl: "http://127.0.0.1:9/wp-content/uploads/2020/03/gare-du-nord.jpg", meta: new Map([["_wp_attachment_image_alt", "Commuters wait on a platform at Gare du Nord"]]) });
    expect(items.find((i) => i.id === 20)!.password).toBe("harbour2024");
    expect(JSON.stringify(items, (_, v: unknown) => (v instanceof Map ? [...v] : v))).not.toMatch(/COMMENT-TEXT|reader-mail|192\.0\.2/);
  });
});

describe("WordPress HTML to story Markdown", () => {
  it("adds classic-editor paragraphs as wpautop does: blank lines, single newlines as breaks, blocks and <pre> left alone", () => {
    expect(autop("One.\nStill one.\n\nTwo.")).toBe("<p>One.<br />\nStill one.</p>\n<p>Two.</p>");
    expect(autop("Intro\n<h2>Head</h2>\nAfter\n<ul>\n<li>a</li>\n</ul>")).toBe("<p>Intro</p>\n<h2>Head</h2>\n<p>After</p>\n<ul>\n<li>a</li>\n</ul>");
    expect(autop("<pre>a\n\nb</pre>")).toContain("<pre>a\n\nb</pre>");
  });

  it("turns [caption], [gallery], [embed] and [video] into pictures and links, and removes unknown shortcodes, keeping writers' brackets", () => {
    const counts = emptyShortcodeCounts();
    const html = convertShortcodes('[caption id="attachment_31" width="800"]<a href="x.jpg"><img src="a.jpg" alt="Crane"></a> The crane.[/caption] [gallery ids="31,32,77"] [embed]https://youtu.be/abc[/embed] [video mp4="http://127.0.0.1:9/v.mp4"][/video] [contact-form-7 id="5"] [pullquote]Kept[/pullquote] [sic] [[gallery]]', attachments, 10, counts);
    expect(html).toContain('<figure><a href="x.jpg"><img src="a.jpg" alt="Crane"></a><figcaption>The crane.</figcaption></figure>');
    expect(html).toContain('<figure><img src="http://127.0.0.1:9/a.jpg" alt="A harbour crane"><figcaption>The crane at dawn.</figcaption></figure>\n<figure><img src="http://127.0.0.1:9/b.png" alt=""></figure>');
    expect(html).toContain('<p><a href="https://youtu.be/abc">View on YouTube</a></p>');
    expect(html).toContain('<p><a href="http://127.0.0.1:9/v.mp4">Watch the video</a></p>');
    expect(html).toMatch(/ {2}Kept \[sic\] \[gallery\]$/);
    expect(counts).toEqual({ converted: new Map([["caption", 1], ["gallery", 1], ["embed", 1], ["video", 1]]), unknown: new Map([["contact-form-7", 1], ["pullquote", 1]]), missing: [77] });
  });

  it("keeps headings, quotes, lists, links, emphasis and tables, and leaves no trace of block comments", () => {
    const { markdown } = convert('<!-- wp:heading --><h2>Sub</h2><!-- /wp:heading --><!-- wp:paragraph --><p>A <a href="https://example.org/a">link</a>, <strong>bold</strong> and <em>italic</em>.</p><!-- /wp:paragraph --><!-- wp:quote --><blockquote><p>Said.</p><cite>Someone</cite></blockquote><!-- /wp:quote --><ol><li>One</li></ol><table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>');
    expect(markdown).toBe("## Sub\n\nA [link](https://example.org/a), **bold** and *italic*.\n\n> Said.\n> \n> — Someone\n\n1.  One\n\n| A   |\n| --- |\n| 1   |");
  });

  it("turns embed blocks into plain links and drops scripts, iframes, event handlers and javascript: links, counting them", () => {
    const { markdown, stats } = convert('<!-- wp:embed {"url":"https://x.com/a/status/1"} --><figure class="wp-block-embed is-provider-twitter"><div class="wp-block-embed__wrapper">\nhttps://x.com/a/status/1\n</div></figure><!-- /wp:embed --><p onclick="steal()" onmouseover="x()">Text <a href="javascript:alert(1)">here</a>.</p><script>bad()</script><iframe src="https://evil.test/"></iframe><img src="data:image/png;base64,AAA" alt="x">');
    expect(markdown).toBe("[View on X](https://x.com/a/status/1)\n\nText here.");
    expect(stats).toMatchObject({ embeds: 1, scripts: 1, iframes: 1, handlers: 2, unsafeLinks: 2, images: [] });
  });

  it("gives a picture without alt text its caption or an honest placeholder, and counts it", () => {
    const { markdown, stats } = convert('<figure><img src="/wp-content/uploads/c.jpg"><figcaption>Dock workers at noon.</figcaption></figure><p><img src="d.jpg"></p>');
    expect(markdown).toBe(`![Dock workers at noon.](http://127.0.0.1:9/wp-content/uploads/c.jpg)\n\n*Dock workers at noon.*\n\n![${NO_ALT}](http://127.0.0.1:9/d.jpg)`);
    expect(stats.missingAlt).toBe(2);
  });
});

describe("planning a WordPress item", () => {
  it("dates a post at the instant of post_date_gmt with the site zone's offset, a never-scheduled draft at its local time", () => {
    expect(postDate({ date: "2021-06-14 08:00:00", dateGmt: "2021-06-14 03:00:00" }, TZ)).toBe("2021-06-13T23:00:00-04:00");
    expect(postDate({ date: "2023-05-02 11:00:00", dateGmt: "0000-00-00 00:00:00" }, TZ)).toBe("2023-05-02T11:00:00");
  });

  it("keeps the old path as the link wrote it, but not a ?p= link", () => {
    expect(oldPath("http://127.0.0.1:9/2022/01/20/s%c3%a3o-paulo-floods/")).toBe("/2022/01/20/s%c3%a3o-paulo-floods/");
    expect(oldPath("http://127.0.0.1:9/?p=15")).toBeUndefined();
  });

  it("decodes entities once and names tags by their display names, decoding percent-encoded slugs", () => {
    expect(decodeEntities("Tom &amp;amp; Jerry&#8217;s \\*")).toBe("Tom &amp; Jerry’s \\*");
    expect(postTags({ terms: [
      { domain: "category", nicename: "uncategorized", name: "Uncategorized" }, { domain: "category", nicename: "%c3%a9conomie", name: "Économie &amp; Business" },
      { domain: "post_tag", nicename: "s%c3%a3o-paulo", name: "" }, { domain: "post_format", nicename: "post-format-video", name: "Video" }, { domain: "post_tag", nicename: "x", name: "économie & business" },
    ] })).toEqual(["Économie & Business", "são-paulo"]);
  });

  it("reads the dateline from the story, in bold or on its own line, and takes it out of the text", () => {
    expect(storyDateline("**GENEVA (Reuters) -** The WHO met.\n\nMore.", cities)).toEqual({ dateline: { place: "Geneva, Switzerland", hasCountry: true, agency: "Reuters", rest: "The WHO met." }, body: "The WHO met.\n\nMore." });
    expect(storyDateline("New York, United States:\\\nThe judge ruled.", cities).body).toBe("The judge ruled.");
    expect(storyDateline("![A picture](a.jpg)\n\n*Caption.*\n\nIslamabad, Pakistan: The deal.", cities)).toMatchObject({ dateline: { place: "Islamabad, Pakistan" }, body: "![A picture](a.jpg)\n\n*Caption.*\n\nThe deal." });
    expect(storyDateline("LIMA (Andina) — A quake.", cities)).toEqual({ unplaced: "Lima", body: "LIMA (Andina) — A quake." });
  });

  it.each([
    [{ status: "private" }, "private"], [{ status: "trash" }, "in the trash"], [{ password: "x" }, "password-protected"],
    [{ type: "attachment" }, "attachment (a picture or file, used by the posts)"], [{ type: "nav_menu_item" }, "menu item"], [{ type: "wp_block" }, "reusable block"],
    [{ type: "product" }, 'post type "product"'], [{ type: "page", status: "draft" }, "page not published (draft)"], [{ title: " " }, "no title"],
  ])("skips %o: %s", (fields, reason) => {
    expect(planPost(item(fields), context, emptyBodyStats())).toEqual({ kind: "skip", reason });
  });

  it("makes drafts of draft and pending posts and of a post with no dateline, and uses the defaults when the story has none", () => {
    const plan = (fields: Partial<WxrItem>, defaults = {}) => planPost(item(fields), { ...context, defaults }, emptyBodyStats());
    expect(plan({ status: "pending" })).toMatchObject({ kind: "article", fields: { draft: true, dateline: "Paris, France", source: "AFP" } });
    expect(plan({ content: "Text without a place." })).toMatchObject({ fields: { draft: true, dateline: undefined, source: "Harbour Gazette" } });
    expect(plan({ content: "Text without a place." }, { dateline: "Albany, United States", source: "Our Desk" })).toMatchObject({ fields: { draft: undefined, dateline: "Albany, United States", source: "Our Desk" } });
    expect(plan({ status: "future", dateGmt: "2030-01-15 14:00:00" })).toMatchObject({ fields: { date: "2030-01-15T09:00:00-05:00", draft: undefined } });
    expect(plan({ link: "http://127.0.0.1:9/tags/x/" })).toMatchObject({ fields: { aliases: undefined }, notes: [expect.stringContaining("the old address /tags/x/ cannot get a redirect page: an address of the tag pages")] });
    expect(planPost(item({}), { ...context, imported: (p) => p === "/2020/01/02/a-title/" }, emptyBodyStats())).toEqual({ kind: "skip", reason: "already imported (same old address)" });
  });
});

// each test runs the real command (and one builds): a loaded 2-core machine needs the time
describe("npm run import with a WordPress export", { timeout: 120_000 }, () => {
  let site: Fixture;
  let first: Awaited<ReturnType<typeof runCommand>>;
  beforeAll(async () => {
    site = makeFixture({ "export.xml": readFileSync(EXPORT, "utf8") });
    first = await runCommand(site.root, "import", ["export.xml", "--source", "Our Desk"]);
  }, 60_000);

  it("imports every importable item, skips the rest by reason and ends with the report", () => {
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toBe("");
    const report = first.stdout.slice(first.stdout.indexOf("WordPress export export.xml:"));
    expect(report.split("\n").slice(0, 11)).toEqual([
      "WordPress export export.xml:",
      "  imported: 8 articles (5 published, 2 drafts, 1 scheduled), 1 page",
      "  skipped: attachment (a picture or file, used by the posts) ×4, in the trash ×1, menu item ×1, page not published (draft) ×1, password-protected ×1, private ×1, reusable block ×1",
      "  comments left out: 3 (not written to any file)",
      "  converted: [caption] ×1, [embed] ×1, [gallery] ×1; embed blocks → links: 1",
      "  unknown shortcodes, removed (text inside kept): [contact-form-7] ×1",
      "  dropped: <script> ×1, <iframe> ×1, other active elements ×0, inline event handlers ×2, javascript:/data: links ×1",
      "  pictures: 6 kept as their addresses, 0 downloaded, 0 could not be downloaded (kept as addresses); 1 without alt text in the story (a placeholder says so)",
      "  posts without a dateline: 2 (imported as drafts, listed below)",
      "  gallery pictures not in the export (left out): ids 99",
      "For an editor:",
    ]);
    expect(report).toContain('articles/2023/quake-peru.md: dateline: "Lima" has no country (add it to _data/dateline-cities.json, or pass --dateline)');
    expect(report).toContain("articles/2021/pakistan-china-agreements.md: image.alt: the featured picture has no alt text in WordPress");
    expect(first.stdout).toContain('export.xml item 12 "São Paulo floods leave thousands homeless" → articles/2022/sao-paulo-floods.md');
  });

  it("writes articles where npm run new puts them and pages in pages/, and nothing else", () => {
    expect([...filesUnder(site.root, "articles").filter((f) => f.endsWith(".md")), ...filesUnder(site.root, "pages")]).toEqual([
      "articles/2020/rail-strike-paris.md", "articles/2021/pakistan-china-agreements.md", "articles/2022/sao-paulo-floods.md",
      "articles/2023/ferry-timetable-changes-draft.md", "articles/2023/harbour-breakwater-opinion.md", "articles/2023/quake-peru.md", "articles/2023/who-geneva-talks.md",
      "articles/2030/tokyo-harbour-summit.md", "pages/about-the-gazette.md",
    ]);
  });

  it("keeps a classic post's fields, its dateline and agency, featured picture, caption, subheading and quote", () => {
    const { data, body } = frontMatter(site, "articles/2020/rail-strike-paris.md");
    expect(data).toEqual({
      title: "French rail workers strike over pension reform", date: "2020-03-05T09:30:00-05:00", dateline: "Paris, France", source: "AFP",
      description: "Most trains out of Paris were cancelled as unions stepped up their fight against the pension reform.", author: "María López", section: "World", tags: ["World", "Rail strike"],
      image: { src: "http://127.0.0.1:9/wp-content/uploads/2020/03/gare-du-nord.jpg", alt: "Commuters wait on a platform at Gare du Nord", caption: "Commuters at Gare du Nord on Thursday morning. Photo: AFP" },
    }); // no aliases: the old address is the new one
    expect(body.split("\n\n")).toEqual([
      "French rail workers walked off the job on Thursday, halting most trains out of the capital as unions stepped up their fight against the government’s pension reform.",
      "![Commuters wait on a platform at Gare du Nord](http://127.0.0.1:9/wp-content/uploads/2020/03/gare-du-nord-800x533.jpg)",
      "*Commuters at Gare du Nord on Thursday morning.*",
      "Only one train in five ran on the suburban lines, the operator said.\\\nServices to London and Brussels were cut by half.",
      "## Talks on Monday",
      "The transport minister said talks with the **unions** would resume on *Monday*, and urged them to “think of the travellers”.",
      "> We will strike for as long as it takes.",
      "Read the [text of the reform](https://www.example.org/reform-text.pdf).",
    ]);
  });

  it("keeps a block-editor post's inline dateline, table, list, quote and embed, and its old address as an alias", () => {
    const { data, body } = frontMatter(site, "articles/2021/pakistan-china-agreements.md");
    expect(data).toMatchObject({
      title: "Pakistan & China sign $5bn port and rail agreements", date: "2021-06-13T23:00:00-04:00", dateline: "Islamabad, Pakistan", source: "Our Desk",
      description: "The deal commits both governments to a new terminal at Gwadar – and a rail link north.", author: "Jae Kim", section: "World", tags: ["Économie & Business", "World", "Pakistan"],
      image: { src: "http://127.0.0.1:9/wp-content/uploads/2021/06/gwadar-port.jpg", alt: NO_ALT }, aliases: ["/2021/06/14/pakistan-china-agreements/"],
    });
    expect(body).toMatch(/^The agreements, signed late on Sunday/);
    expect(body).toContain("![Two ministers shake hands across a table](http://127.0.0.1:9/wp-content/uploads/2021/06/signing.jpg)\n\n*The signing ceremony in Islamabad.*");
    expect(body).toContain("| Project | Cost |\n| --- | --- |\n| Terminal | $3bn |");
    expect(body).toContain("-   A [rail link](https://www.example.org/rail-map) to Peshawar");
    expect(body).toContain("> This is a new chapter for the region.\n> \n> — The planning minister");
    expect(body).toMatch(/\[View on YouTube\]\(https:\/\/www\.youtube\.com\/watch\?v=dQw4w9WgXcQ\)$/);
    expect(body).not.toMatch(/wp:|<!--|Islamabad, Pakistan:/);
  });

  it("decodes a percent-encoded slug, keeps the gallery's pictures and the embed as a link, and drops what could run", () => {
    const { data, body } = frontMatter(site, "articles/2022/sao-paulo-floods.md");
    expect(data).toEqual({ title: "São Paulo floods leave thousands homeless", date: "2022-01-20T10:00:00-05:00", dateline: "São Paulo, Brazil", source: "Our Desk", section: "World", tags: ["World", "São Paulo"], aliases: ["/2022/01/20/s%c3%a3o-paulo-floods/"] });
    expect(body.split("\n\n")).toEqual([
      "Heavy rain flooded whole districts of Brazil’s largest city overnight, forcing thousands of families from their homes.",
      "![Residents wade through knee-deep water](http://127.0.0.1:9/wp-content/uploads/2022/01/flooded-street.jpg)",
      "*Residents wade through a flooded street in the east of the city.*",
      `![${NO_ALT}](http://127.0.0.1:9/wp-content/uploads/2022/01/rescue-boat.jpg)`,
      "Civil defence teams used boats to reach people trapped on rooftops. Donate here.",
      "Share this story",
      "[View on X](https://x.com/defesacivilsp/status/1484200000000000000)",
      "The city hall said schools would stay closed \\[until further notice\\].",
    ]);
  });

  it("imports drafts, pending and undated posts as drafts, a dateline-less post as a draft, and a scheduled post dated in the future", () => {
    expect(frontMatter(site, "articles/2023/ferry-timetable-changes-draft.md").data).toEqual({ title: "Ferry timetable changes (draft)", date: "2023-05-02T11:00:00", source: "Our Desk", author: "María López", draft: true });
    expect(frontMatter(site, "articles/2023/quake-peru.md")).toEqual({ data: { title: "Quake shakes Peruvian coast", date: "2023-05-02T14:00:00-04:00", source: "Our Desk", author: "Jae Kim", draft: true }, body: "LIMA (Andina) — A magnitude 6.1 quake shook the coast of Peru on Tuesday, officials said." });
    // published in WordPress, but with no dateline: a draft for an editor (no alias: the old address is the new one)
    // filed under Opinion: an opinion piece, which the contract lets go without a dateline, so it is published
    expect(frontMatter(site, "articles/2023/harbour-breakwater-opinion.md").data).toEqual({ title: "Why the harbour needs a new breakwater", date: "2023-04-10T09:00:00-04:00", source: "Our Desk", kind: "opinion", author: "María López", tags: ["Opinion"] });
    expect(frontMatter(site, "articles/2023/who-geneva-talks.md").data).toEqual({ title: "WHO calls emergency talks in Geneva", date: "2023-02-01T05:00:00-05:00", dateline: "Geneva, Switzerland", source: "Reuters", author: "Jae Kim" });
    expect(frontMatter(site, "articles/2030/tokyo-harbour-summit.md").data).toMatchObject({ date: "2030-01-15T09:00:00-05:00", dateline: "Tokyo, Japan", source: "Kyodo" });
    expect(frontMatter(site, "pages/about-the-gazette.md")).toEqual({
      data: { title: "About the Gazette", slug: "about-the-gazette", aliases: ["/the-paper/about-the-gazette/"] },
      body: "The *Harbour Gazette* has covered the port and its people since 1921.\n\nCall the news desk on [555\u00a00100](tel:+15550100).",
    });
  });

  it("writes no comment, e-mail address, private, trashed or password-protected text, and nothing that runs", () => {
    for (const file of [...filesUnder(site.root, "articles"), ...filesUnder(site.root, "pages")].filter((f) => f.endsWith(".md"))) {
      const text = site.read(file);
      for (const secret of [...PRIVATE, "<script", "onclick"]) expect(text, `${file} has ${secret}`).not.toContain(secret);
      expect(text, file).not.toMatch(/[\w.-]+@[\w-]+\.[\w.]+/);
    }
  });

  it("passes npm run check", async () => {
    const check = await runCommand(site.root, "check");
    expect(check.code, check.stderr).toBe(0);
  });

  it("skips every post on a second run, counted, and never writes over an edited file", async () => {
    const file = "articles/2023/ferry-timetable-changes-draft.md";
    const edited = site.read(file).replace("1 November", "2 November");
    site.write(file, edited);
    const again = await runCommand(site.root, "import", ["export.xml", "--source", "Our Desk"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("  imported: 0 articles (0 published, 0 drafts, 0 scheduled), 0 pages\n");
    expect(again.stdout).toContain("already imported (same old address) ×6");
    expect(again.stdout).toContain("already imported (file exists, not overwritten) ×3");
    expect(site.read(file)).toBe(edited);
  });

  it("builds a site with the pages, a redirect at every old address, no draft or scheduled post, and nothing private", async () => {
    const build = await site.run("build");
    expect(build.code, build.stderr).toBe(0);
    expect(build.stderr).toMatch(/could not be fetched/); // the pictures' host is not reachable: the warning path
    const built = (url: string) => site.exists(`_site${url}index.html`);
    for (const url of ["/2020/03/05/rail-strike-paris/", "/2021/06/13/pakistan-china-agreements/", "/2022/01/20/sao-paulo-floods/", "/2023/02/01/who-geneva-talks/", "/about-the-gazette/"]) expect(built(url), url).toBe(true);
    for (const url of ["/2023/05/02/ferry-timetable-changes-draft/", "/2023/05/02/quake-peru/", "/2030/01/15/tokyo-harbour-summit/"]) expect(built(url), url).toBe(false);
    expect(built("/2023/04/10/harbour-breakwater-opinion/")).toBe(true); // an opinion piece needs no dateline
    for (const [old, target] of [["/2021/06/14/pakistan-china-agreements/", "/2021/06/13/pakistan-china-agreements/"], ["/2022/01/20/são-paulo-floods/", "/2022/01/20/sao-paulo-floods/"], ["/the-paper/about-the-gazette/", "/about-the-gazette/"]]) {
      expect(site.read(`_site${old}index.html`), old).toContain(`<meta http-equiv="refresh" content="0; url=${target}">`);
    }
    expect(site.read("_site/2020/03/05/rail-strike-paris/index.html")).toContain("<h2 id=\"talks-on-monday\"");
    const pages = htmlFiles(site);
    const config = JSON.parse(readFileSync(path.join(PROJECT, ".htmlvalidate.json"), "utf8")) as ConfigData;
    const validator = new HtmlValidate(config);
    const errors: string[] = [];
    for (const file of pages) {
      const report = await validator.validateString(site.read(`_site/${file}`), file);
      for (const result of report.results) for (const m of result.messages) errors.push(`${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
    expect(errors).toEqual([]);
    // admin/cms/ is the browser editor's package (Sveltia CMS) copied unchanged from node_modules, no content of the site
    for (const file of filesUnder(site.root, "_site").filter((f) => !f.includes("/pagefind/") && !f.includes("/admin/cms/") && !/\.(jpe?g|png|webp|avif|gif|svg|ico)$/.test(f))) {
      const text = site.read(file);
      for (const secret of PRIVATE) expect(text, `${file} has ${secret}`).not.toContain(secret);
      expect(text.match(/[\w.+-]+@[\w-]+\.[\w.]+/g) ?? [], file).toEqual([]);
      // the only scripts are the site's own files (and its JSON-LD data)
      expect((text.match(/<script\b[^>]*>/g) ?? []).filter((tag) => !/\ssrc="\/[^/]|type="application\/ld\+json"/.test(tag)), file).toEqual([]);
    }
  });
});

describe("npm run import with a WordPress export: --dry-run and --download-images", { timeout: 60_000 }, () => {
  let server: Server;
  let port = 0;
  let jpeg: Buffer;
  beforeAll(async () => {
    jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#3b6ea5" } }).jpeg().toBuffer();
    server = createServer((request, response) => {
      if (request.url?.includes("rescue-boat")) return void response.writeHead(404).end("not here");
      response.writeHead(200, { "content-type": "image/jpeg" }).end(jpeg);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("--dry-run prints what it would write and writes nothing", async () => {
    const site = makeFixture({ "export.xml": readFileSync(EXPORT, "utf8") });
    const dry = await runCommand(site.root, "import", ["export.xml", "--dry-run"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("==> articles/2020/rail-strike-paris.md (dry run, not written) <==\n---\ntitle: French rail workers strike over pension reform\n");
    expect(dry.stdout).toContain("  would import (dry run, nothing written): 8 articles");
    expect(filesUnder(site.root, "articles")).toEqual(["articles/articles.11tydata.ts"]);
    expect(site.exists("pages")).toBe(false);
  });

  it("names an item it cannot import with the reason, imports the others, and exits 1", async () => {
    const broken = readFileSync(EXPORT, "utf8").replace("<![CDATA[WHO calls emergency talks in Geneva]]>", "<![CDATA[???]]>").replace("<![CDATA[who-geneva-talks]]>", "<![CDATA[]]>");
    const site = makeFixture({ "export.xml": broken });
    const result = await runCommand(site.root, "import", ["export.xml", "--source", "Our Desk"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Not imported:\n  item 13 "???": articles/2023/.md: title: gives an empty URL slug (expected letters or digits)');
    expect(result.stdout).toContain("  imported: 7 articles");
    expect(result.stderr).toContain('export.xml: 1 item(s) could not be imported (listed under "Not imported:")');
  });

  it("--download-images stores the pictures next to the articles, keeps the address of one it cannot fetch, and --dateline fills in missing datelines", async () => {
    const site = makeFixture({ "export.xml": readFileSync(EXPORT, "utf8").replaceAll("http://127.0.0.1:9", `http://127.0.0.1:${port}`) });
    const result = await runCommand(site.root, "import", ["export.xml", "--download-images", "--dateline", "Valparaíso, Chile"]);
    expect(result.code, result.stderr).toBe(0);
    expect(filesUnder(site.root, "articles").filter((f) => f.includes("/images/"))).toEqual([
      "articles/2020/images/gare-du-nord-800x533.jpg", "articles/2020/images/gare-du-nord.jpg", "articles/2021/images/gwadar-port.jpg",
      "articles/2021/images/signing.jpg", "articles/2022/images/flooded-street.jpg",
    ]);
    expect(readFileSync(path.join(site.root, "articles/2020/images/gare-du-nord.jpg")).equals(jpeg)).toBe(true);
    const rail = frontMatter(site, "articles/2020/rail-strike-paris.md");
    expect(rail.data.image).toMatchObject({ src: "images/gare-du-nord.jpg" });
    expect(rail.body).toContain("![Commuters wait on a platform at Gare du Nord](images/gare-du-nord-800x533.jpg)");
    expect(site.read("articles/2022/sao-paulo-floods.md")).toContain(`(http://127.0.0.1:${port}/wp-content/uploads/2022/01/rescue-boat.jpg)`);
    expect(result.stdout).toContain("  pictures: 1 kept as their addresses, 5 downloaded, 1 could not be downloaded (kept as addresses)");
    expect(result.stdout).toContain(`Pictures not downloaded:\n  articles/2022/sao-paulo-floods.md: http://127.0.0.1:${port}/wp-content/uploads/2022/01/rescue-boat.jpg: HTTP 404`);
    expect(frontMatter(site, "articles/2023/harbour-breakwater-opinion.md").data).toMatchObject({ dateline: "Valparaíso, Chile", source: "Harbour Gazette" });
    expect(frontMatter(site, "articles/2023/harbour-breakwater-opinion.md").data.draft).toBeUndefined();
    expect(result.stdout).toContain("  posts without a dateline: 1 (imported as drafts, listed below)\n"); // LIMA: a city the newsroom has not placed
    expect((await runCommand(site.root, "check")).code).toBe(0);
  });
});
