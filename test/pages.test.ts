// Static pages (pages/: About, Contact…): their own small contract, built at /<slug>/, in the footer and sitemap.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parsePage } from "../src/content/pages.ts";
import { formatProblem } from "../src/content/problems.ts";
import { article, makeFixture, validFields, type Fixture } from "./fixture.ts";
import { validateXml } from "./xml-schemas.ts";

const page = (yaml: string, body = "Who we are and how we work.") => `---\n${yaml}\n---\n\n${body}\n`;
const problems = (file: string, text: string) => {
  const parsed = parsePage(file, text);
  return "problems" in parsed ? parsed.problems.map(formatProblem) : [];
};
const lines = (stderr: string) => stderr.split("\n").filter((line) => /^(articles|pages)\//.test(line));

describe("the static pages' contract", () => {
  it("takes a title, an optional description, slug (default: the file name) and aliases", () => {
    const parsed = parsePage("pages/contact-us.md", page("title: Contact us"));
    expect("page" in parsed && parsed.page).toMatchObject({
      file: "pages/contact-us.md", title: "Contact us", slug: "contact-us", url: "/contact-us/", aliases: [],
      description: "Who we are and how we work.", // the first paragraph, as for articles
    });
    const custom = parsePage("pages/x.md", page("title: About\ndescription: Who we are.\nslug: about\naliases: [/about-us/]"));
    expect("page" in custom && [custom.page.url, custom.page.description, custom.page.aliases]).toEqual(["/about/", "Who we are.", ["/about-us/"]]);
  });

  it("reports what is wrong in the articles' one-line style", () => {
    expect(problems("pages/x.md", page("titel: About"))).toEqual([
      "pages/x.md: title: is missing (expected the page title as text)",
      'pages/x.md: titel: is not a known field (did you mean "title"?)',
    ]);
    expect(problems("pages/x.md", page("title: About\nslug: About Us\ndate: 2025-01-01"))).toEqual([
      'pages/x.md: slug: is "About Us", not a slug (expected lowercase letters, digits and hyphens, e.g. wechat-ban)',
      "pages/x.md: date: is not a known field (expected one of title, description, slug, aliases)",
    ]);
    expect(problems("pages/x.md", page("title: About", ""))).toEqual(["pages/x.md: body: is empty (expected the page's text after the front matter)"]);
    expect(problems("pages/x.md", page("title: About\naliases: [about-us]"))[0]).toMatch(/^pages\/x\.md: aliases\.0: is "about-us", not a path from the site's root/);
  });
});

describe("static pages in a build", () => {
  let site: Fixture;
  beforeAll(async () => {
    site = makeFixture({
      "articles/bridge.md": article(validFields),
      "pages/about.md": page("title: About us\ndescription: Who runs this site.", "We are a **small** desk.\n\n<script>alert(1)</script> {{ site.title }} {% raw %}"),
      "pages/contact.md": page("title: Contact"),
    });
    const result = await site.run("build");
    expect(result.code, result.stderr).toBe(0);
  }, 120_000);

  it("builds each page at /<slug>/ with its title, description and text from the project's Markdown, never a template engine", () => {
    const html = site.read("_site/about/index.html");
    expect(html).toContain("<title>About us | The Wire Desk</title>");
    expect(html).toContain('<meta name="description" content="Who runs this site.">');
    expect(html).toContain('<link rel="canonical" href="https://newsroom.example/about/">');
    expect(html).toContain("<h1>About us</h1>");
    expect(html).toContain("<p>We are a <strong>small</strong> desk.</p>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; {{ site.title }} {% raw %}");
    expect(site.exists("_site/contact/index.html")).toBe(true);
  });

  it("links every page from the footer of every page", () => {
    for (const file of ["index.html", "2025/06/01/bridge/index.html", "tags/index.html", "about/index.html", "404.html"]) {
      const footer = site.read(`_site/${file}`).split('<footer class="colophon">')[1]!;
      expect(footer, file).toContain('<a href="/about/">About us</a> · <a href="/contact/">Contact</a>');
    }
  });

  it("lists the pages in sitemap.xml (no lastmod: a page has no date) and in no feed", () => {
    validateXml(path.join(site.root, "_site/sitemap.xml"), "sitemap.xsd");
    const sitemap = site.read("_site/sitemap.xml");
    expect(sitemap).toContain("<url><loc>https://newsroom.example/about/</loc></url>");
    expect(sitemap).toContain("<url><loc>https://newsroom.example/contact/</loc></url>");
    for (const feed of ["feed.xml", "feed.json", "rss.xml", "news-sitemap.xml"]) expect(site.read(`_site/${feed}`), feed).not.toMatch(/\/about\/|\/contact\//);
  });

  it("builds a site without a pages/ folder, with no page links in its footer", async () => {
    const bare = makeFixture({ "articles/bridge.md": article(validFields) });
    const result = await bare.run("build");
    expect(result.code, result.stderr).toBe(0);
    expect(bare.read("_site/index.html").split('<footer class="colophon">')[1]!.match(/<p>/g)).toHaveLength(2);
  }, 120_000);
});

describe("static pages with problems", () => {
  it("are reported with the articles' problems, all at once, naming both files of a clash, and nothing is written", async () => {
    const site = makeFixture({
      "articles/bridge.md": article({ ...validFields, tag: ["x"] }),
      "pages/about.md": page("title: About"),
      "pages/team/about.md": page("title: Our team"),
      "pages/tags.md": page("title: Topics"),
      "pages/broken.md": page("title: [unclosed"),
    });
    const result = await site.run("build");
    expect(result.code).not.toBe(0);
    expect(lines(result.stderr)).toEqual([
      'articles/bridge.md: tag: is not a known field (did you mean "tags"?)',
      expect.stringMatching(/^pages\/broken\.md: front matter: YAML syntax error at line \d+, column \d+: .* \(expected valid YAML\)$/),
      "pages/tags.md: slug: gives URL /tags/, an address of the tag pages (expected another slug)",
      "pages/team/about.md: slug: gives URL /about/, already used by pages/about.md (expected a unique slug: set slug: to tell them apart)",
    ]);
    expect(site.exists("_site")).toBe(false);
    expect(lines((await site.run("check")).stderr)).toHaveLength(4);
  }, 120_000);
});
