import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { imageProblems, imageRefs } from "../src/content/image-refs.ts";
import { formatProblem } from "../src/content/problems.ts";
import { imageSource } from "../src/render/images.ts";
import { article, makeFixture, validFields, type Fixture } from "./fixture.ts";

const jpeg = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: "#3b6ea5" } }).jpeg().toBuffer();
const png = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: "#e0a030" } }).png().toBuffer();

describe("the images an article refers to", () => {
  const root = mkdtempSync(path.join(tmpdir(), "newsroom-images-"));
  mkdirSync(path.join(root, "articles/2025/images"), { recursive: true });
  writeFileSync(path.join(root, "articles/2025/images/there.jpg"), "");
  writeFileSync(path.join(root, "articles/2025/images/my photo.jpg"), "");
  const check = (image: { src: string; alt: string } | undefined, body: string) =>
    imageProblems("articles/2025/x.md", imageRefs(image, body), root).map(formatProblem);

  it("finds the front-matter image and every Markdown image, inline or by reference", () => {
    const refs = imageRefs({ src: "images/lead.jpg", alt: "Lead" }, "Text ![Chart](images/a.png) and ![Map][m].\n\n[m]: images/b.webp");
    expect(refs).toEqual([
      { field: "image.src", src: "images/lead.jpg", alt: "Lead" },
      { field: "body", src: "images/a.png", alt: "Chart" },
      { field: "body", src: "images/b.webp", alt: "Map" },
    ]);
  });

  it("accepts files that exist beside the article, including names Markdown percent-encodes", () => {
    expect(check({ src: "images/there.jpg", alt: "x" }, "![A photo](<images/my photo.jpg>)")).toEqual([]);
  });

  it("names the article and field of a missing file", () => {
    expect(check({ src: "images/y.jpg", alt: "x" }, "![Chart](images/chart.png)")).toEqual([
      "articles/2025/x.md: image.src: file images/y.jpg not found (expected a path relative to the article)",
      "articles/2025/x.md: body: image images/chart.png not found (expected a path relative to the article)",
    ]);
  });

  it("refuses other schemes than http(s), paths outside the project, files that are not pictures and body images without alt text", () => {
    expect(check({ src: "file:///etc/a.jpg", alt: "x" }, "![](images/there.jpg)\n\n![x](../../../../etc/passwd.jpg)\n\n![x](images/notes.txt)")).toEqual([
      expect.stringMatching(/^articles\/2025\/x\.md: image\.src: file:\/\/\/etc\/a\.jpg is a file: address, which the site does not load pictures from \(expected a path relative/),
      expect.stringMatching(/^articles\/2025\/x\.md: body: image images\/there\.jpg has no alt text/),
      expect.stringMatching(/^articles\/2025\/x\.md: body: image \.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd\.jpg is outside the project/),
      expect.stringMatching(/^articles\/2025\/x\.md: body: image images\/notes\.txt is not a picture/),
    ]);
  });

  it("gives listing pages a project-root path to the front-matter image", () => {
    expect(imageSource({ file: "articles/2019/smoke.md", image: { src: "images/smoke.jpg", alt: "x" } })).toBe("/articles/2019/images/smoke.jpg");
    expect(imageSource({ file: "articles/2019/smoke.md", image: undefined })).toBe("");
  });
});

describe("a build with a missing image", () => {
  it("stops before writing anything and reports every image problem with the other article problems", async () => {
    const site = makeFixture({
      "articles/2025/x.md": article({ ...validFields, image: { src: "images/y.jpg", alt: "A bridge" } }, "Text.\n\n![Chart](images/chart.png)"),
      "articles/2025/bad-date.md": article({ ...validFields, date: "2025-02-30" }),
    });
    const result = await site.run("build");
    expect(result.code).not.toBe(0);
    const lines = result.stderr.split("\n").filter((l) => l.startsWith("articles/"));
    expect(lines).toEqual([
      expect.stringMatching(/^articles\/2025\/bad-date\.md: date: "2025-02-30" is not a real calendar date/),
      "articles/2025/x.md: image.src: file images/y.jpg not found (expected a path relative to the article)",
      "articles/2025/x.md: body: image images/chart.png not found (expected a path relative to the article)",
    ]);
    expect(site.exists("_site")).toBe(false);
    expect((await site.run("check")).stderr).toContain("articles/2025/x.md: image.src: file images/y.jpg not found");
  }, 60_000);
});

describe("responsive images in a build", () => {
  let site: Fixture;
  const cache = () => path.join(site.root, ".cache/images");
  const cacheTimes = () => Object.fromEntries(readdirSync(cache()).map((f) => [f, statSync(path.join(cache(), f)).mtimeMs]));

  beforeAll(async () => {
    site = makeFixture({
      "articles/2025/bridge.md": article(
        { ...validFields, image: { src: "images/bridge.jpg", alt: "The new bridge at dusk", caption: "The crossing opens in May.", credit: "AFP/Jane Doe" } },
        `${"The council voted for the crossing. ".repeat(40)}\n\n![A chart of traffic counts](images/traffic.png)\n\nMore text.`,
      ),
    });
    mkdirSync(path.join(site.root, "articles/2025/images"));
    writeFileSync(path.join(site.root, "articles/2025/images/bridge.jpg"), await jpeg(1600, 900));
    writeFileSync(path.join(site.root, "articles/2025/images/traffic.png"), await png(800, 600));
    const result = await site.run("build");
    expect(result.code, result.stderr).toBe(0);
  }, 120_000);

  const articlePage = () => site.read("_site/2025/06/01/bridge/index.html");
  const pictures = (html: string) => [...html.matchAll(/<picture>.*?<\/picture>/gs)].map((m) => m[0]);

  it("turns the lead image into AVIF and WebP with a JPEG fallback at three widths, sized, eager and captioned", () => {
    const [lead] = pictures(articlePage());
    expect(lead).toMatch(/<source type="image\/avif" srcset="\/img\/[\w-]+-400\.avif 400w, \/img\/[\w-]+-800\.avif 800w, \/img\/[\w-]+-1200\.avif 1200w" sizes="[^"]+">/);
    expect(lead).toMatch(/<source type="image\/webp" srcset="[^"]+-1200\.webp 1200w" sizes="[^"]+">/);
    expect(lead).toMatch(/<img [^>]*loading="eager"/);
    expect(lead).toMatch(/<img [^>]*fetchpriority="high"/);
    expect(lead).toMatch(/<img [^>]*alt="The new bridge at dusk"[^>]* src="\/img\/[\w-]+-400\.jpeg" width="1200" height="675"/);
    expect(articlePage()).toContain('<figcaption>The crossing opens in May. <span class="credit">Photo: AFP/Jane Doe</span></figcaption>');
  });

  it("makes Markdown images in the story lazy, with alt text, width and height", () => {
    const body = pictures(articlePage())[1]!;
    expect(body).toMatch(/<img [^>]*loading="lazy"/);
    expect(body).toMatch(/alt="A chart of traffic counts"/);
    expect(body).toMatch(/width="800" height="600"/);
    expect(body).not.toContain("-1200."); // never upscaled past the 800 px original
  });

  it("shows the lead story's picture on the front page, eager, from the same files", () => {
    const [home] = pictures(site.read("_site/index.html"));
    expect(home).toMatch(/<img [^>]*loading="eager"/);
    expect(home).toContain(pictures(articlePage())[0]!.match(/\/img\/[\w-]+-800\.avif/)![0]);
  });

  it("publishes every file the pages use, and reuses the encoded files on the next build", async () => {
    const urls = [...articlePage().matchAll(/\/img\/[\w.-]+/g)].map((m) => m[0]);
    expect(urls.length).toBeGreaterThanOrEqual(14);
    for (const url of urls) expect(site.exists(`_site${url}`), url).toBe(true);
    const before = cacheTimes();
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(14);
    const again = await site.run("build");
    expect(again.code, again.stderr).toBe(0);
    expect(cacheTimes()).toEqual(before);
    for (const url of urls) expect(site.exists(`_site${url}`), url).toBe(true);
  }, 60_000);
});
