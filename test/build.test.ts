import { chmodSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { article, makeFixture, PAGEFIND, PROJECT, validFields } from "./fixture.ts";

const seed = readFileSync(path.join(PROJECT, "articles/2020/wechat-ban-blocked.md"), "utf8");

describe("building a site", () => {
  it("turns the seed wire story into an article page with headline, dateline, source and paragraphs", async () => {
    const site = makeFixture({ "articles/2020/wechat-ban-blocked.md": seed });
    const result = await site.run("build");
    expect(result.code, result.stderr).toBe(0);
    const html = site.read("_site/2020/09/20/wechat-ban-blocked/index.html");
    expect(html).toContain("<h1>Judge Ends WeChat Download Ban in US-China Tech Battle</h1>");
    // the city is upper-cased by CSS; place and source are links (and search filters)
    expect(html).toMatch(/<span class="dateline-city">New York<\/span>, United States<\/a>\s+\(<a [^>]*>Agencies<\/a>\) —/);
    expect(html).toMatch(/<time datetime="2020-09-20"[^>]*>Sept\. 20, 2020<\/time>/);
    expect(html).toContain('<h2 id="a-threat-to-national-security">A threat to national security?</h2>');
    expect(html).toContain("<p>A U.S. judge blocked the government’s ban on WeChat downloads on Sunday,");
    expect(html).toContain("approved by a federal national security committee.</p>");
    expect(html).not.toContain("Please enter your comment");
    // every paragraph of the wire copy, exactly, between the dateline line and the site boilerplate
    const wire = readFileSync(path.join(PROJECT, "test/fixtures/wechat-ban-wire-story.txt"), "utf8").split(/\n\s*\n/).map((p) => p.trim());
    const story = wire.slice(wire.indexOf("New York, United States:") + 1, wire.indexOf("Please enter your comment!")).filter((p) => !p.startsWith("–"));
    expect(story.length).toBe(22);
    for (const paragraph of story) expect(html).toContain(`<p>${paragraph}</p>`);
    expect(site.read("_site/index.html")).toContain('href="/2020/09/20/wechat-ban-blocked/"');
    expect(site.exists("_site/404.html")).toBe(true);
  });

  it("leaves drafts and embargoed articles out of every page of a production build until BUILD_NOW passes", async () => {
    const site = makeFixture({
      "articles/live.md": article({ ...validFields, title: "Live story" }),
      "articles/draft.md": article({ ...validFields, title: "Secret draft", draft: true, tags: ["Exclusive"] }),
      "articles/later.md": article({ ...validFields, title: "Embargoed story", date: "2026-01-02T09:00:00-05:00", tags: ["Exclusive"] }),
    });
    const before = await site.run("build");
    expect(before.code, before.stderr).toBe(0);
    const everything = () => folderText(site.root);
    expect(everything()).toContain("Live story");
    expect(everything()).not.toContain("Secret draft");
    expect(everything()).not.toContain("Embargoed story");
    expect(site.exists("_site/tags/exclusive/index.html")).toBe(false);

    const after = await site.run("build", { BUILD_NOW: "2026-01-02T14:00:01Z" });
    expect(after.code, after.stderr).toBe(0);
    expect(site.read("_site/2026/01/02/later/index.html")).toContain("Embargoed story");
    expect(site.read("_site/index.html")).toContain("Embargoed story");
    expect(everything()).not.toContain("Secret draft");
  });

  it("merges tags that differ only in case into one tag page and a tag index", async () => {
    const site = makeFixture({
      "articles/a.md": article({ ...validFields, title: "First", tags: ["US-China"] }),
      "articles/b.md": article({ ...validFields, title: "Second", date: "2025-06-02", tags: ["us-china", "Trade"] }),
      "articles/c.md": article({ ...validFields, title: "Third", date: "2025-06-03", tags: ["US-China"] }),
    });
    expect((await site.run("build")).code).toBe(0);
    const tagPage = site.read("_site/tags/us-china/index.html");
    expect(tagPage).toContain("<h1>US-China</h1>");
    expect(tagPage.indexOf("Third")).toBeLessThan(tagPage.indexOf("Second"));
    expect(tagPage.indexOf("Second")).toBeLessThan(tagPage.indexOf("First"));
    const index = site.read("_site/tags/index.html");
    expect(index).toMatch(/<a href="\/tags\/us-china\/">US-China<\/a> <span class="count">\(3\)<\/span>/);
    expect(index).not.toContain("us-china</a>");
  });

  it("reports every invalid article at once and leaves the previous _site/ byte-identical", async () => {
    const site = makeFixture({ "articles/good.md": article(validFields) });
    expect((await site.run("build")).code).toBe(0);
    const before = snapshot(site.root);
    site.write("articles/bad-date.md", article({ ...validFields, date: "2020-02-30" }));
    site.write("articles/bad-key.md", article({ ...validFields, tag: ["x"] }));
    site.write("articles/bad-yaml.md", "---\ntitle: [oops\n---\nBody\n");
    const failed = await site.run("build");
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/^articles\/bad-date\.md: date: "2020-02-30" is not a real calendar date \(expected/m);
    expect(failed.stderr).toMatch(/^articles\/bad-key\.md: tag: is not a known field \(did you mean "tags"\?\)$/m);
    expect(failed.stderr).toMatch(/^articles\/bad-yaml\.md: front matter: YAML syntax error at line \d+, column \d+: .+ \(expected valid YAML\)$/m);
    expect(snapshot(site.root)).toEqual(before);
    const check = await site.run("check");
    expect(check.code).not.toBe(0);
    expect(check.stderr.split("\n").filter((l) => l.startsWith("articles/"))).toEqual(
      failed.stderr.split("\n").filter((l) => l.startsWith("articles/")),
    );
  });

  it("stops a build that fails while rendering, search index included, and leaves the previous _site/ byte-identical", async () => {
    const site = makeFixture({ "articles/good.md": article(validFields) });
    expect((await site.run("build")).code).toBe(0);
    const before = snapshot(site.root);
    site.write("broken.njk", "{% if %}"); // a template Eleventy cannot compile, after the articles loaded
    const failed = await site.run("build");
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("Build failed; _site/ was not changed.");
    expect(snapshot(site.root)).toEqual(before);
    expect(site.exists("_site.next")).toBe(false); // the search index did not write into it afterwards
  });

  it("keeps the site a build replaces as _site.old; a full build deletes the one before it once the new site is in place, an incremental one builds in it", async () => {
    // started while the build writes, Pagefind's binary (wrapped) lists the output folders there;
    // with WAIT_FOR, once that folder is there (or after 10 s): the index's worker may start it
    // before Eleventy has written a page
    const wait = `if [ -n "$WAIT_FOR" ]; then i=0; while [ ! -d "$WAIT_FOR" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; fi\n`;
    const site = makeFixture({ "articles/good.md": article(validFields), "pagefind.sh": `#!/bin/sh\n${wait}ls -d _site* > "$0.log"\nexec "${PAGEFIND}" "$@"\n` });
    chmodSync(path.join(site.root, "pagefind.sh"), 0o755);
    const outputs = () => readdirSync(site.root).filter((entry) => entry.startsWith("_site")).sort();
    expect((await site.run("build")).code).toBe(0);
    expect(site.exists("_site.old")).toBe(false);
    const first = snapshot(site.root);
    site.write("articles/second.md", article({ ...validFields, title: "Second story" }));
    expect((await site.run("build")).code).toBe(0);
    expect(snapshot(site.root, "_site.old")).toEqual(first);
    const second = snapshot(site.root);
    expect(second).not.toEqual(first);
    const pagefind = { PAGEFIND_EXTENDED_BINARY_PATH: path.join(site.root, "pagefind.sh") };
    const settled = async () => {
      for (let waited = 0; outputs().length > 2 && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      return outputs();
    };
    site.write("articles/third.md", article({ ...validFields, title: "Third story" }));
    expect((await site.run("build", pagefind, ["--clean"])).code).toBe(0);
    expect(site.read("pagefind.sh.log").split("\n")).toContain("_site.old"); // the first site, still there while the third was written
    expect(snapshot(site.root, "_site.old")).toEqual(second);
    expect(site.read("_site/index.html")).toContain("Third story");
    expect(await settled()).toEqual(["_site", "_site.old"]);
    site.write("articles/fourth.md", article({ ...validFields, title: "Fourth story" }));
    expect((await site.run("build")).code).toBe(0);
    const fourth = snapshot(site.root);
    const third = statSync(path.join(site.root, "_site.old")).ino;
    site.write("articles/fifth.md", article({ ...validFields, title: "Fifth story" }));
    expect((await site.run("build", { ...pagefind, WAIT_FOR: "_site.rendered" })).code).toBe(0);
    // the pages and the index were written into a folder of their own while the third site was surveyed…
    expect(site.read("pagefind.sh.log").split("\n")).toEqual(expect.arrayContaining(["_site.rendered", "_site.old"]));
    // …then the third site, sharing its unchanged pages with the fourth, became the staging folder (src/build/recycle.ts)
    expect(statSync(path.join(site.root, "_site")).ino, "the folder the fifth site is in").toBe(third);
    expect(snapshot(site.root, "_site.old")).toEqual(fourth);
    expect(site.read("_site/index.html")).toContain("Fifth story");
    expect(await settled()).toEqual(["_site", "_site.old"]);
  }, 60_000);

  it("fails when two articles would get the same URL, naming both files", async () => {
    const site = makeFixture({
      "articles/one/bridge.md": article(validFields),
      "articles/two/bridge.md": article({ ...validFields, date: "2025-06-01T18:00:00-04:00" }),
    });
    const result = await site.run("build");
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("articles/two/bridge.md: slug: gives URL /2025/06/01/bridge/, already used by articles/one/bridge.md");
    expect(site.exists("_site")).toBe(false);
  });

  it("builds files with a BOM and CRLF line endings, and a non-Latin title with a 10,000-character headline", async () => {
    const site = makeFixture({
      "articles/crlf.md": "\uFEFF" + article({ ...validFields, title: "Windows story" }, "Line one.\n\nLine two.").replace(/\n/g, "\r\n"),
      "articles/微信.md": article({ ...validFields, title: "微信禁令被法官叫停" }),
      "articles/long.md": article({ ...validFields, title: "Long ".repeat(2000) }),
    });
    const result = await site.run("build");
    expect(result.code, result.stderr).toBe(0);
    expect(site.read("_site/2025/06/01/crlf/index.html")).toContain("<p>Line two.</p>");
    expect(site.read("_site/2025/06/01/微信/index.html")).toContain("<h1>微信禁令被法官叫停</h1>");
    expect(site.exists("_site/2025/06/01/long/index.html")).toBe(true);
  });

  it("escapes front-matter text everywhere and shows template syntax in stories literally", async () => {
    const site = makeFixture({
      "articles/x.md": article(
        { ...validFields, title: '"</title><script>alert(1)</script>', description: '"><img src=x onerror=alert(1)>', tags: ["<b>bold</b>"] },
        "Use {{ site.title }} and {% if true %}yes{% endif %} <script>alert(2)</script>",
      ),
    });
    const result = await site.run("build");
    expect(result.code, result.stderr).toBe(0);
    const html = site.read("_site/2025/06/01/x/index.html");
    expect(html).not.toMatch(/<script>alert|<img src=x|<b>bold/);
    expect(html).toContain("<title>&quot;&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; | ");
    expect(html).toContain('content="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    expect(html).toContain("Use {{ site.title }} and {% if true %}yes{% endif %} &lt;script&gt;alert(2)&lt;/script&gt;");
  });

  it("produces byte-identical output when built under TZ=UTC and TZ=Asia/Shanghai", async () => {
    const files = {
      "articles/2020/wechat-ban-blocked.md": seed,
      "articles/late.md": article({ ...validFields, date: "2025-06-01T23:30:00", tags: ["Night"] }),
      "articles/offset.md": article({ ...validFields, title: "Offset", date: "2025-06-01T22:30:00-07:00" }),
    };
    const utc = makeFixture(files);
    const shanghai = makeFixture(files);
    expect((await utc.run("build", { TZ: "UTC" })).code).toBe(0);
    expect((await shanghai.run("build", { TZ: "Asia/Shanghai" })).code).toBe(0);
    expect(snapshot(shanghai.root)).toEqual(snapshot(utc.root));
    expect(utc.read("_site/2025/06/02/offset/index.html")).toContain('datetime="2025-06-02T01:30:00-04:00"');
  });
});

/** Every output file's path and content hash, to compare builds byte for byte. */
function snapshot(root: string, folder = "_site"): Record<string, string> {
  const out: Record<string, string> = {};
  const site = path.join(root, folder);
  for (const file of listFiles(site)) out[file] = createHash("sha256").update(readFileSync(path.join(site, file))).digest("hex");
  return out;
}

function folderText(root: string): string {
  const site = path.join(root, "_site");
  return listFiles(site).map((f) => readFileSync(path.join(site, f), "utf8")).join("\n");
}

function listFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(folder, path.join(e.parentPath, e.name)))
    .sort();
}
