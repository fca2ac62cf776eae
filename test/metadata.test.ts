import { copyFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { scriptJson } from "../src/syndication/seo.ts";
import { headline } from "../src/syndication/json-ld.ts";
import { article, makeFixture, PROJECT, validFields, type Fixture } from "./fixture.ts";

const BASE = "https://newsroom.example";
const seed = readFileSync(path.join(PROJECT, "articles/2020/wechat-ban-blocked.md"), "utf8");
const hostile = 'Judge says </script><script>alert("x")</script> & more';
const long = "Regional ministers agree a long-delayed water-sharing plan for the river basin after nine years of talks and three failed drafts";

type Json = Record<string, any>;
const jsonLd = (html: string): Json[] =>
  [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
const meta = (html: string, key: string): string[] =>
  [...html.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)">/g)].filter((m) => m[1] === key).map((m) => m[2]!);

describe("head metadata on a fixture site", () => {
  let site: Fixture;
  const page = (url: string) => site.read(`_site${url}index.html`);

  beforeAll(async () => {
    site = makeFixture({
      "articles/2020/wechat-ban-blocked.md": seed,
      "articles/pictured.md": article({
        ...validFields, title: "Smoke darkens the sky", author: ["Mariana Teixeira"], tags: ["Climate", "Brazil"],
        dateline: "São Paulo, Brazil", updated: "2025-06-02T08:00:00-04:00",
        image: { src: "images/smoke.jpg", alt: "An orange-grey sky over high-rise buildings" },
      }),
      "articles/hostile.md": article({ ...validFields, title: hostile, date: "2025-05-01T10:00:00-04:00" }),
      "articles/long.md": article({ ...validFields, title: long, date: "2025-04-01T10:00:00-04:00" }),
    });
    mkdirSync(path.join(site.root, "articles/images"));
    copyFileSync(path.join(PROJECT, "articles/2019/images/amazon-smoke.jpg"), path.join(site.root, "articles/images/smoke.jpg"));
    const result = await site.run("build");
    expect(result.code, result.stderr).toBe(0);
  }, 60_000);

  it("gives an article page an absolute canonical, a description and Open Graph article fields", () => {
    const html = page("/2020/09/20/wechat-ban-blocked/");
    const url = `${BASE}/2020/09/20/wechat-ban-blocked/`;
    expect(html).toContain(`<link rel="canonical" href="${url}">`);
    expect(meta(html, "description")).toEqual(["A U.S. judge on Sunday blocked the government’s ban on WeChat downloads."]);
    expect(meta(html, "og:type")).toEqual(["article"]);
    expect(meta(html, "og:title")).toEqual(["Judge Ends WeChat Download Ban in US-China Tech Battle"]);
    expect(meta(html, "og:url")).toEqual([url]);
    expect(meta(html, "og:site_name")).toEqual(["The Wire Desk"]);
    expect(meta(html, "og:locale")).toEqual(["en_US"]);
    expect(meta(html, "article:published_time")).toEqual(["2020-09-20T00:00:00-04:00"]);
    expect(meta(html, "article:modified_time")).toEqual(["2020-09-20T00:00:00-04:00"]);
    expect(meta(html, "article:section")).toEqual(["Technology"]); // its desk (section:), not its first tag
    expect(meta(html, "article:tag")).toEqual(["WeChat", "TikTok", "US-China", "Technology", "Courts"]);
    expect(meta(html, "og:image")).toEqual([]);
    expect(meta(html, "twitter:card")).toEqual(["summary"]);
  });

  it("describes an article's image for Open Graph and a large Twitter card, with a file that exists", () => {
    const html = page("/2025/06/01/pictured/");
    const [image] = meta(html, "og:image");
    expect(image).toMatch(new RegExp(`^${BASE}/img/[^/]+\\.jpeg$`));
    expect(site.exists(`_site${image!.slice(BASE.length)}`)).toBe(true);
    expect(meta(html, "og:image:alt")).toEqual(["An orange-grey sky over high-rise buildings"]);
    expect(meta(html, "og:image:width")).toEqual(["1200"]);
    expect(Number(meta(html, "og:image:height")[0])).toBeGreaterThan(0);
    expect(meta(html, "article:author")).toEqual(["Mariana Teixeira"]);
    expect(meta(html, "twitter:card")).toEqual(["summary_large_image"]);
    expect(meta(html, "twitter:image")).toEqual([image]);
  });

  it("describes every article as a NewsArticle in JSON-LD with dateline, place, keywords, desk and publisher, then its breadcrumbs", () => {
    const [data, trail, ...rest] = jsonLd(page("/2025/06/01/pictured/"));
    expect(trail).toMatchObject({ "@context": "https://schema.org", "@type": "BreadcrumbList" });
    expect(rest).toEqual([]);
    const url = `${BASE}/2025/06/01/pictured/`;
    expect(data).toMatchObject({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: "Smoke darkens the sky",
      description: "Body text of the story.",
      url,
      mainEntityOfPage: { "@type": "WebPage", "@id": url },
      datePublished: "2025-06-01T09:30:00-04:00",
      dateModified: "2025-06-02T08:00:00-04:00",
      author: [{ "@type": "Person", name: "Mariana Teixeira" }],
      publisher: { "@type": "Organization", name: "The Wire Desk", url: `${BASE}/` },
      dateline: "São Paulo, Brazil",
      locationCreated: { "@type": "Place", name: "São Paulo, Brazil", address: { addressLocality: "São Paulo", addressCountry: "Brazil" } },
      keywords: ["Climate", "Brazil"],
      articleSection: "World", // no section: the default desk
      isAccessibleForFree: true,
    });
    expect(data!.image).toEqual(meta(page("/2025/06/01/pictured/"), "og:image"));
    // wire copy without a byline: the agency is the author
    expect(jsonLd(page("/2020/09/20/wechat-ban-blocked/"))[0]!.author).toEqual([{ "@type": "Organization", name: "Agencies" }]);
  });

  it("keeps a headline with </script> inside its JSON-LD block and cuts headlines to 110 characters", () => {
    const html = page("/2025/05/01/hostile/");
    expect(html).not.toContain('<script>alert("x")');
    const blocks = jsonLd(html);
    expect(blocks).toHaveLength(2); // the article and its breadcrumbs
    expect(blocks[0]!.headline).toBe(hostile);
    expect(blocks[1]!.itemListElement[2].name).toBe(hostile);
    expect(meta(html, "og:title")).toEqual(['Judge says &lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more']);
    const cut = jsonLd(page("/2025/04/01/long/"))[0]!.headline as string;
    expect(cut.length).toBeLessThanOrEqual(110);
    expect(cut).toBe("Regional ministers agree a long-delayed water-sharing plan for the river basin after nine years of talks and…");
  });

  it("marks the home page as the WebSite and a tag page as a CollectionPage of its articles", () => {
    const [home] = jsonLd(page("/"));
    expect(home).toMatchObject({ "@type": "WebSite", name: "The Wire Desk", url: `${BASE}/` });
    expect(meta(page("/"), "og:type")).toEqual(["website"]);
    const [tag] = jsonLd(page("/tags/climate/"));
    expect(tag).toMatchObject({
      "@type": "CollectionPage", url: `${BASE}/tags/climate/`, isPartOf: { "@type": "WebSite" },
      mainEntity: { "@type": "ItemList", itemListElement: [{ "@type": "ListItem", position: 1, url: `${BASE}/2025/06/01/pictured/` }] },
    });
  });

  it("gives every built page a canonical (or noindex) and parseable JSON-LD", () => {
    const pages = readdirSync(path.join(site.root, "_site"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(10);
    for (const file of pages) {
      const html = site.read(`_site/${file}`);
      expect(html, file).toMatch(/<link rel="canonical" href="https:\/\/newsroom\.example\/[^"]*">|<meta name="robots" content="noindex">/);
      for (const block of jsonLd(html)) expect(block["@context"], file).toBe("https://schema.org");
    }
  });
});

describe("metadata helpers", () => {
  it("escapes <, >, & and line separators in JSON for a script element, and the JSON still parses back", () => {
    const data = { headline: "</script><!-- & \u2028" };
    const text = scriptJson(data);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual(data);
  });

  it("leaves a headline of 110 characters alone and cuts a longer one at a word", () => {
    expect(headline("x".repeat(110))).toBe("x".repeat(110));
    expect(headline(`${"word ".repeat(30)}`.trim())).toMatch(/^(word ){20}word…$/);
  });
});
