// The production build's output: page bytes handed to Eleventy and released once written.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pageBytes, releaseWritten } from "../src/build/output.ts";

describe("page bytes", () => {
  it("are the page's UTF-8, in a memory block of their own", () => {
    const html = "<p>“Quoted” 微信</p>";
    const bytes = pageBytes(html);
    expect(bytes.equals(Buffer.from(html))).toBe(true);
    expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
  });

  it("are released once the page's file is on disk in full, and kept while it is not", () => {
    const folder = mkdtempSync(path.join(tmpdir(), "newsroom-output-"));
    const page = (name: string, html: string) => ({ file: path.join(folder, name), bytes: pageBytes(html) });
    const written = page("written.html", "<p>Written ✓</p>");
    const partial = page("partial.html", "<p>Half written</p>");
    const missing = page("missing.html", "<p>Not yet</p>");
    writeFileSync(written.file, written.bytes);
    writeFileSync(partial.file, partial.bytes.subarray(0, 5));

    const pending = releaseWritten([written, partial, missing]);

    expect(pending).toEqual([partial, missing]);
    expect(written.bytes.byteLength).toBe(0);
    expect(partial.bytes.toString()).toBe("<p>Half written</p>");
    expect(missing.bytes.toString()).toBe("<p>Not yet</p>");
  });
});
