// The feed and sitemap tests lean on these schema checks: they must reject what a reader's feed
// client or a search engine would.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateXml } from "./xml-schemas.ts";

const folder = mkdtempSync(path.join(tmpdir(), "xml-schemas-"));
const file = (name: string, text: string) => {
  writeFileSync(path.join(folder, name), text);
  return path.join(folder, name);
};
const ATOM = "http://www.w3.org/2005/Atom";
const feed = (inner: string) => `<?xml version="1.0" encoding="utf-8"?><feed xmlns="${ATOM}">${inner}</feed>`;
const head = "<title>T</title><updated>2026-01-01T00:00:00Z</updated><author><name>A</name></author>";
const urlset = (url: string) => `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${url}</urlset>`;

describe("in-process XML schema checks", () => {
  it("accept a minimal Atom feed and reject one without an id", () => {
    expect(() => validateXml(file("ok.xml", feed(`<id>urn:x</id>${head}`)), "atom.rng")).not.toThrow();
    expect(() => validateXml(file("no-id.xml", feed(head)), "atom.rng")).toThrow();
  });

  it("accept a sitemap entry with a date lastmod and reject a relative loc or a malformed date", () => {
    expect(() => validateXml(file("ok.xml", urlset("<url><loc>https://x.example/a/</loc><lastmod>2024-03-05</lastmod></url>")), "sitemap.xsd")).not.toThrow();
    expect(() => validateXml(file("relative.xml", urlset("<url><loc>/a/</loc></url>")), "sitemap.xsd")).toThrow();
    expect(() => validateXml(file("date.xml", urlset("<url><loc>https://x.example/a/</loc><lastmod>5 March</lastmod></url>")), "sitemap.xsd")).toThrow();
  });

  it("rejects a file that is not well-formed XML", () => {
    expect(() => validateXml(file("broken.xml", "<urlset><url></urlset>"), "sitemap.xsd")).toThrow();
  });
});
