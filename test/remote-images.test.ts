// Pictures given as http(s) addresses, served by a test server on 127.0.0.1 (no other network).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imageProblems, imageRefs } from "../src/content/image-refs.ts";
import { formatProblem } from "../src/content/problems.ts";
import { failureReason, remoteImageHtml } from "../src/render/remote-images.ts";
import { article, makeFixture, validFields, type Fixture } from "./fixture.ts";

/** A picture server that counts requests: /lead.jpg, /chart.png, /notes.txt (text), /slow.jpg (never answers); anything else is a 404. */
async function pictureServer() {
  const files: Record<string, { type: string; body: Buffer }> = {
    "/lead.jpg": { type: "image/jpeg", body: await sharp({ create: { width: 1600, height: 900, channels: 3, background: "#3b6ea5" } }).jpeg().toBuffer() },
    "/chart.png": { type: "image/png", body: await sharp({ create: { width: 600, height: 400, channels: 3, background: "#e0a030" } }).png().toBuffer() },
    "/notes.txt": { type: "text/plain", body: Buffer.from("not a picture") },
  };
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? "");
    if (request.url === "/slow.jpg") return; // never answers: the build's timeout gives up
    const file = files[request.url ?? ""];
    if (file) response.writeHead(200, { "content-type": file.type }).end(file.body);
    else response.writeHead(404).end("Not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return { origin, requests, close };
}

const lead = (origin: string) => ({ src: `${origin}/lead.jpg`, alt: "A crowd outside the court", caption: "Outside the court on Monday." });
const story = (origin: string) => `${"The court heard the case. ".repeat(30)}\n\n![A chart of the votes](${origin}/chart.png)\n\nMore text.`;
const remoteArticle = (origin: string) => article({ ...validFields, image: lead(origin) }, story(origin));
const PAGE = "_site/2025/06/01/court/index.html";
const pictures = (html: string) => [...html.matchAll(/<picture>.*?<\/picture>/gs)].map((m) => m[0]);
const warnings = (stderr: string) => stderr.split("\n").filter((line) => line.startsWith("warning: "));

describe("checking remote pictures, without the network", () => {
  const check = (image: { src: string; alt: string } | undefined, body = "Text.") =>
    imageProblems("articles/x.md", imageRefs(image, body), "/nowhere").map(formatProblem);

  it("accepts https and http addresses, and still wants alt text for a story's picture", () => {
    expect(check({ src: "https://cdn.example.com/a.jpg?w=800", alt: "x" }, "![A map](http://media.example.org/map)")).toEqual([]);
    expect(check(undefined, "![](https://cdn.example.com/a.jpg)")).toEqual([
      "articles/x.md: body: image https://cdn.example.com/a.jpg has no alt text (expected ![what the picture shows](https://cdn.example.com/a.jpg))",
    ]);
  });

  it("refuses data:, file:, javascript: and protocol-relative pictures with the scheme named", () => {
    expect(check({ src: "data:image/png;base64,iVBORw0KGgo=", alt: "x" }, "![x](javascript:alert(1))\n\n![y](file:///etc/passwd.jpg)\n\n![z](//cdn.example.com/a.jpg)")).toEqual([
      "articles/x.md: image.src: data:image/png;base64,iVBORw0KGgo= is a data: address, which the site does not load pictures from (expected a path relative to the article, e.g. images/photo.jpg, or an https:// address)",
      expect.stringMatching(/^articles\/x\.md: body: image javascript:alert\(1\) is a javascript: address, which the site does not load pictures from/),
      expect.stringMatching(/^articles\/x\.md: body: image file:\/\/\/etc\/passwd\.jpg is a file: address/),
      expect.stringMatching(/^articles\/x\.md: body: image \/\/cdn\.example\.com\/a\.jpg is an address without https:/),
    ]);
  });

  it("says why a fetch failed in a few words", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(failureReason(new Error("Bad response", { cause: new TypeError("fetch failed", { cause: refused }) }), 5000)).toBe("connection refused");
    expect(failureReason(new Error("Bad response (404)", { cause: new Response("", { status: 404 }) }), 5000)).toBe("HTTP 404");
    expect(failureReason(new DOMException("timed out", "TimeoutError"), 250)).toBe("no answer within 250 ms");
  });

  it("shows an unfetched picture from its address with its alt text, escaped, and no size", () => {
    expect(remoteImageHtml('https://cdn.example.com/a.jpg?x=1&y="2"', { alt: "Tom & Jerry <3" }))
      .toBe('<img src="https://cdn.example.com/a.jpg?x=1&amp;y=&quot;2&quot;" loading="lazy" decoding="async" alt="Tom &amp; Jerry &lt;3">');
  });
});

describe("a remote picture in a build", () => {
  let server: Awaited<ReturnType<typeof pictureServer>>;
  let site: Fixture;
  let stderr: string;

  beforeAll(async () => {
    server = await pictureServer();
    site = makeFixture({ "articles/court.md": remoteArticle(server.origin) });
    const checked = await site.run("check");
    expect(checked.code, checked.stderr).toBe(0);
    expect(server.requests).toEqual([]); // npm run check never touches the network
    const result = await site.run("build");
    expect(result.code, result.stderr).toBe(0);
    stderr = result.stderr;
  }, 120_000);
  afterAll(() => server?.close());

  it("is fetched once and served as the same AVIF, WebP and JPEG sizes as a local file, with no warning", () => {
    expect(server.requests.sort()).toEqual(["/chart.png", "/lead.jpg"]);
    expect(warnings(stderr)).toEqual([]);
    const [figure, body] = pictures(site.read(PAGE));
    expect(figure).toMatch(/<source type="image\/avif" srcset="\/img\/[\w-]+-400\.avif 400w, \/img\/[\w-]+-800\.avif 800w, \/img\/[\w-]+-1200\.avif 1200w" sizes="[^"]+">/);
    expect(figure).toMatch(/<source type="image\/webp" srcset="[^"]+-1200\.webp 1200w" sizes="[^"]+">/);
    expect(figure).toMatch(/<img [^>]*alt="A crowd outside the court"[^>]* src="\/img\/[\w-]+-400\.jpeg" width="1200" height="675"/);
    expect(figure).toMatch(/loading="eager"/);
    expect(body).toMatch(/alt="A chart of the votes"[^>]*width="600" height="400"/);
    expect(site.read(PAGE)).not.toContain(server.origin);
    expect(site.read(PAGE)).toMatch(/img-src 'self';/); // no remote picture left: the strict policy
    for (const [url] of site.read(PAGE).matchAll(/\/img\/[\w.-]+/g)) expect(site.exists(`_site${url}`), url).toBe(true);
  });

  it("gives share cards and feeds the site's own JPEG of it", () => {
    const og = /<meta property="og:image" content="([^"]+)">/.exec(site.read(PAGE));
    expect(og?.[1]).toMatch(/^https:\/\/newsroom\.example\/img\/[\w-]+\.jpeg$/);
    expect(site.read(PAGE)).toMatch(/<meta property="og:image:width" content="1200">/);
    const feed = site.read("_site/feed.xml");
    expect(feed).toMatch(/&lt;img src=&quot;https:\/\/newsroom\.example\/img\/[\w-]+\.jpeg&quot; alt=&quot;A chart of the votes&quot; width=&quot;600&quot; height=&quot;400&quot;&gt;/);
    expect(feed).not.toContain(server.origin);
  });

  it("is read from .cache/ by the next build, even with its server gone", async () => {
    const before = server.requests.length;
    await server.close();
    const again = await site.run("build");
    expect(again.code, again.stderr).toBe(0);
    expect(warnings(again.stderr)).toEqual([]);
    expect(server.requests.length).toBe(before);
    expect(pictures(site.read(PAGE))).toHaveLength(2);
  }, 120_000);
});

describe("a remote picture that cannot be fetched", () => {
  let server: Awaited<ReturnType<typeof pictureServer>>;
  let origin: string;
  let offline: Fixture;
  let result: Awaited<ReturnType<Fixture["run"]>>;

  beforeAll(async () => {
    server = await pictureServer();
    origin = server.origin;
    await server.close(); // the same build, its pictures' server down: connection refused
    offline = makeFixture({ "articles/court.md": remoteArticle(origin) });
    result = await offline.run("build");
  }, 120_000);

  it("does not fail the build, and prints one warning line per picture naming the article and the address", () => {
    expect(result.code, result.stderr).toBe(0);
    expect(warnings(result.stderr)).toEqual([
      `warning: articles/court.md: image.src: ${origin}/lead.jpg could not be fetched (connection refused); the page shows it from that address, unresized`,
      `warning: articles/court.md: body: ${origin}/chart.png could not be fetched (connection refused); the page shows it from that address, unresized`,
    ]);
  });

  it("keeps the remote address as a plain <img> with its alt text and no width or height", () => {
    const html = offline.read(PAGE);
    expect(pictures(html)).toEqual([]);
    expect(html).toContain(`<img src="${origin}/lead.jpg" loading="eager" decoding="async" alt="A crowd outside the court" fetchpriority="high">`);
    expect(html).toContain(`<img src="${origin}/chart.png" loading="lazy" decoding="async" alt="A chart of the votes">`);
    expect(html).toContain('<figcaption>Outside the court on Monday.</figcaption>');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="[^"]*img-src 'self' https:/);
    expect(html).toContain(`<meta property="og:image" content="${origin}/lead.jpg">`);
    expect(html).not.toContain("og:image:width");
    expect(offline.read("_site/feed.xml")).toContain(`&lt;img src=&quot;${origin}/chart.png&quot; alt=&quot;A chart of the votes&quot;&gt;`);
    // the front page's lead story shows it the same way, under the same policy
    const home = offline.read("_site/index.html");
    expect(home).toContain(`<img src="${origin}/lead.jpg" loading="eager" decoding="async" alt="A crowd outside the court" fetchpriority="high">`);
    expect(home).toMatch(/img-src 'self' https:/);
  });

  it("warns the same way about a 404, a file that is not a picture and a server that does not answer in time", async () => {
    const live = await pictureServer();
    try {
      const site = makeFixture({
        "articles/missing.md": article({ ...validFields, title: "Missing", image: { src: `${live.origin}/gone.jpg`, alt: "Gone" } }),
        "articles/text.md": article({ ...validFields, title: "Text", image: { src: `${live.origin}/notes.txt`, alt: "Notes" } }),
        "articles/slow.md": article({ ...validFields, title: "Slow", image: { src: `${live.origin}/slow.jpg`, alt: "Slow" } }),
      });
      const started = Date.now();
      // Long enough that a busy machine still gets the 404 and the text file back in time (300 ms was not, in CI)
      const built = await site.run("build", { REMOTE_IMAGE_TIMEOUT_MS: "3000" });
      expect(built.code, built.stderr).toBe(0);
      expect(warnings(built.stderr).sort()).toEqual([
        `warning: articles/missing.md: image.src: ${live.origin}/gone.jpg could not be fetched (HTTP 404); the page shows it from that address, unresized`,
        `warning: articles/slow.md: image.src: ${live.origin}/slow.jpg could not be fetched (no answer within 3000 ms); the page shows it from that address, unresized`,
        `warning: articles/text.md: image.src: ${live.origin}/notes.txt could not be fetched (not a picture the site can read); the page shows it from that address, unresized`,
      ]);
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(site.read("_site/2025/06/01/slow/index.html")).toContain(`<img src="${live.origin}/slow.jpg"`);
    } finally {
      await live.close();
    }
  }, 120_000);
});
