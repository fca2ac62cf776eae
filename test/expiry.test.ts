import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import path from "node:path";
import { DateTime } from "luxon";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import site from "../_data/site.ts";
import { expiringSoon, expiryNotice } from "../src/content/expiry.ts";
import { parseArticle, type Article } from "../src/content/load.ts";
import { formatProblem } from "../src/content/problems.ts";
import { liftEmbargo } from "../src/site/articles.ts";
import { gonePages } from "../src/site/expired.ts";
import { runCommand } from "./commands.ts";
import { article, collect, makeFixture, PINNED_ENV, validFields, type Fixture } from "./fixture.ts";
import { validateXml } from "./xml-schemas.ts";

const BASE = "https://newsroom.example";
const now = DateTime.fromISO(PINNED_ENV.BUILD_NOW); // 2026-01-01T12:00:00Z, 7 a.m. in New York
const xml = new XMLParser({ isArray: (name) => ["entry", "url", "item"].includes(name) });

function parse(fields: Record<string, unknown>, at = now, file = "articles/x.md"): Article | string[] {
  const result = parseArticle(file, article({ ...validFields, ...fields }), { timezone: site.timezone, now: at });
  return "article" in result ? result.article : result.problems.map(formatProblem);
}
const record = (fields: Record<string, unknown>, at = now, file?: string) => parse(fields, at, file) as Article;

describe("`expires` in the front matter", () => {
  it("makes a story expired from that moment, in the same forms as `date`", () => {
    expect(record({ expires: "2026-01-01T06:59:59-05:00" }).status).toBe("expired");
    expect(record({ expires: "2026-01-01T12:00:00Z" }).status).toBe("expired");
    expect(record({ expires: "2026-01-01T12:00:01Z" }).status).toBe("published");
    expect(record({ expires: "2026-01-02" }).status).toBe("published"); // midnight in the site's zone
    expect(record({ expires: "2026-01-01T07:00:00" }).status).toBe("expired"); // site time
    expect(record({ expires: "2026-01-02" }).expires?.instant.toISO()).toBe("2026-01-02T00:00:00.000-05:00");
    // a draft stays a draft, an embargoed story stays embargoed
    expect(record({ draft: true, expires: "2025-12-01" }).status).toBe("draft");
    expect(record({ date: "2026-02-01", expires: "2026-03-01" }).status).toBe("embargoed");
  });

  it("is an error when it is not after the story's date, or not a date, naming the file and field", () => {
    expect(parse({ expires: "2025-06-01T09:30:00-04:00" })).toEqual([
      'articles/x.md: expires: is "2025-06-01T09:30:00-04:00", not after date "2025-06-01T09:30:00-04:00" (expected a time after publication)',
    ]);
    expect(parse({ expires: "2025-05-01" })).toEqual(['articles/x.md: expires: is "2025-05-01", not after date "2025-06-01T09:30:00-04:00" (expected a time after publication)']);
    expect(parse({ expires: "next week" })).toEqual(['articles/x.md: expires: is "next week" (expected 2020-09-20, 2020-09-20T14:30:00 (site time) or 2020-09-20T14:30:00-04:00)']);
    expect(parse({ expires: "2026-02-30", dateline: "Albany" })).toEqual([
      'articles/x.md: dateline: is "Albany", with no country (expected "City, Country", e.g. "New York, United States")',
      'articles/x.md: expires: "2026-02-30" is not a real calendar date (expected 2020-09-20, 2020-09-20T14:30:00 (site time) or 2020-09-20T14:30:00-04:00)',
    ]);
    expect(parse({ expires: "2025-01-01", updated: "2025-01-01" })).toEqual([
      'articles/x.md: updated: is "2025-01-01", before date "2025-06-01T09:30:00-04:00" (expected a time after publication)',
      'articles/x.md: expires: is "2025-01-01", not after date "2025-06-01T09:30:00-04:00" (expected a time after publication)',
    ]);
  });

  it("takes the story down in a dev server that has been running since before the moment", () => {
    const loaded = record({ expires: "2026-01-02T09:00:00-05:00" });
    expect(loaded.status).toBe("published");
    expect(liftEmbargo(loaded, DateTime.fromISO("2026-01-02T13:59:59Z")).status).toBe("published");
    expect(liftEmbargo(loaded, DateTime.fromISO("2026-01-02T14:00:00Z")).status).toBe("expired");
    // an embargo that lifts after its expiry has passed: gone at once
    const both = record({ date: "2026-01-01T13:00:00Z", expires: "2026-01-01T14:00:00Z" });
    expect(liftEmbargo(both, DateTime.fromISO("2026-01-01T15:00:00Z")).status).toBe("expired");
  });

  it("lists for `npm run check` the published stories expiring within 7 days, soonest first, with how soon", () => {
    const articles = [
      record({ title: "Later" , expires: "2026-01-08T07:00:01-05:00" }, now, "articles/later.md"),
      record({ title: "Week", expires: "2026-01-08T07:00:00-05:00" }, now, "articles/week.md"),
      record({ title: "Hours", expires: "2026-01-01T10:00:00-05:00" }, now, "articles/hours.md"),
      record({ title: "Gone", expires: "2025-12-31" }, now, "articles/gone.md"),
      record({ title: "Draft", expires: "2026-01-02", draft: true }, now, "articles/draft.md"),
    ];
    expect(expiringSoon(articles, now).map((a) => a.file)).toEqual(["articles/hours.md", "articles/week.md"]);
    expect(expiryNotice(articles[2]!.expires!, now, site.timezone)).toBe("Jan. 1, 2026, 10 a.m. EST, in 3 hours (the first build after takes it down)");
    expect(expiryNotice(articles[1]!.expires!, now, site.timezone)).toBe("Jan. 8, 2026, 7 a.m. EST, in 7 days (the first build after takes it down)");
  });

  it("leaves a 'no longer available' page at the story's address and at each of its old ones", () => {
    const gone = record({ expires: "2025-12-01", aliases: ["/old/bridge/", "/2025/s%C3%A3o/"] });
    expect(gonePages([gone]).map((p) => p.url)).toEqual(["/2025/06/01/x/", "/old/bridge/", "/2025/são/"]);
    expect(gonePages([gone])[0]!.article).not.toHaveProperty("title");
  });
});

describe("an expired story in a production build with a pinned BUILD_NOW", () => {
  let built: Fixture;
  const EXPIRED = "/2025/06/01/licensed/";

  beforeAll(async () => {
    built = makeFixture({
      "articles/licensed.md": article(
        { ...validFields, title: "Licensed wire story", expires: "2025-12-31T23:59:00-05:00", date: "2025-06-01T09:30:00-04:00", tags: ["Licensing"], source: "Wire Agency", aliases: ["/wire/licensed/"] },
        "Quokka text only the licence allowed.",
      ),
      "articles/kept.md": article({ ...validFields, title: "Story we keep", date: "2025-12-31T09:00:00Z", expires: "2026-01-05" }),
      "articles/plain.md": article({ ...validFields, title: "Plain story", date: "2025-05-01" }),
    });
    const result = await built.run("build");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Validated 3 articles (2 published)");
  }, 120_000);

  it("serves a small noindex page saying the story is no longer available at its address, not a 404", () => {
    const html = built.read(`_site${EXPIRED}index.html`);
    expect(html).toContain("<h1>This story is no longer available</h1>");
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).not.toContain('rel="canonical"');
    expect(html).toContain('<a href="/">Latest news</a>');
    expect(html).toMatch(/taken down on <time datetime="2025-12-31T23:59:00-05:00">Dec\. 31, 2025, 11:59 p\.m\. EST<\/time>/);
    // neither its headline, its text nor its metadata
    expect(html).not.toMatch(/Licensed wire story|Quokka|application\/ld\+json|og:type" content="article/);
    expect(built.read("_site/wire/licensed/index.html")).toContain("<h1>This story is no longer available</h1>");
  });

  it("leaves it out of every listing, tag page, feed, sitemap and the search index", () => {
    const everything = readdirSync(path.join(built.root, "_site"), { recursive: true, encoding: "utf8" })
      .filter((file) => /\.(html|xml|json|txt)$/.test(file) && !file.startsWith("pagefind") && !["2025/06/01/licensed/index.html", "wire/licensed/index.html"].includes(file));
    for (const file of everything) expect(built.read(`_site/${file}`), file).not.toMatch(/Licensed wire story|licensed\/|Quokka|Wire Agency|licensing/i);
    expect(built.exists("_site/tags/licensing/index.html")).toBe(false);
    expect(built.exists("_site/sources/wire-agency/index.html")).toBe(false);
    for (const feed of ["feed.xml", "tags/infrastructure/feed.xml"]) validateXml(path.join(built.root, "_site", feed), "atom.rng");
    validateXml(path.join(built.root, "_site/sitemap.xml"), "sitemap.xsd");
    const sitemap = (xml.parse(built.read("_site/sitemap.xml")).urlset.url as { loc: string }[]).map((u) => u.loc);
    expect(sitemap).toContain(`${BASE}/2025/12/31/kept/`);
    expect(sitemap).not.toContain(`${BASE}${EXPIRED}`);
    expect((xml.parse(built.read("_site/feed.xml")).feed.entry as { title: string }[]).map((e) => e.title)).toEqual(["Story we keep", "Plain story"]);
    expect(JSON.parse(built.read("_site/pagefind/pagefind-entry.json")).languages.en.page_count).toBe(2);
  });

  it("lists the stories expiring in the next 7 days in `npm run check`", async () => {
    const result = await runCommand(built.root, "check");
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split("\n")).toEqual([
      "3 articles OK",
      "expires soon: articles/kept.md: expires: Jan. 5, 2026, in 3 days (the first build after takes it down)",
    ]);
  }, 30_000);
});

describe("an expired story in the dev server", () => {
  let dev: ReturnType<typeof spawn> | undefined;
  afterAll(async () => {
    if (dev?.pid && dev.exitCode === null) {
      const exited = new Promise((resolve) => dev!.once("exit", resolve));
      process.kill(-dev.pid, "SIGTERM");
      await exited;
    }
  });

  it("is shown, with an Expired banner, so the desk can see what was taken down", async () => {
    const fixture = makeFixture({ "articles/gone.md": article({ ...validFields, title: "Expired wire story", expires: "2025-12-01" }) });
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    dev = spawn("npm", ["start"], { cwd: fixture.root, detached: true, env: { ...process.env, ...PINNED_ENV, PATH_PREFIX: "", SITE_URL: "", PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
    const output = collect(dev);
    let html = "";
    for (const end = Date.now() + 90_000; Date.now() < end && !html.includes("<h1>"); await new Promise((resolve) => setTimeout(resolve, 250))) {
      html = await fetch(`http://localhost:${port}/2025/06/01/gone/`).then((r) => (r.ok ? r.text() : ""), () => "");
    }
    expect(html, (await Promise.race([output, Promise.resolve({ stdout: "(still running)" })])).stdout).toContain("<h1>Expired wire story</h1>");
    expect(html).toMatch(/<p class="status status-expired">Expired <time datetime="2025-12-01">Dec\. 1, 2025<\/time>: no longer published<\/p>/);
  }, 120_000);
});
