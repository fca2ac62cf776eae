// The images an article uses (image.src and Markdown images in the body) must be files beside the
// article or http(s) addresses (fetched by the build: src/render/remote-images.ts), checked with
// every other problem before anything is written: a typo is a clear error naming the article,
// never a broken picture on the live site. No network here: `npm run check` stays offline.
import { statSync } from "node:fs";
import path from "node:path";
import { createMarkdown } from "./markdown.ts";
import type { Problem } from "./problems.ts";

export interface ImageRef {
  field: "image.src" | "body";
  /** As written (Markdown percent-encodes spaces: decoded before the file is looked up). */
  src: string;
  alt: string;
}

const READABLE = /\.(jpe?g|png|webp|avif|gif|tiff?)$/i;
const RELATIVE = "expected a path relative to the article, e.g. images/photo.jpg";
const ANY_SCHEME = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

/** A picture given as an http(s) address, which the build fetches instead of reading a file. */
export const isRemote = (src: string) => /^https?:\/\//i.test(src);

// sees every image as written, even one the page renderer drops as unsafe (data:, javascript:),
// so such a picture is an error naming the article rather than text on the page
const permissive = createMarkdown();
permissive.validateLink = () => true;

/** Every image an article refers to, front matter first, then the body in reading order. */
export function imageRefs(image: { src: string; alt: string } | undefined, body: string): ImageRef[] {
  const refs: ImageRef[] = image ? [{ field: "image.src", src: image.src, alt: image.alt }] : [];
  if (!body.includes("![")) return refs; // every Markdown image, inline or reference, starts so
  for (const block of permissive.parse(body, {})) {
    for (const token of block.children ?? []) {
      if (token.type === "image") refs.push({ field: "body", src: String(token.attrGet("src") ?? ""), alt: token.content.trim() });
    }
  }
  return refs;
}

/** The file an image path names, resolved like the image transform does; undefined if unreadable or remote. */
export function resolveImage(articleFile: string, src: string, root: string): string | undefined {
  if (isRemote(src)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(src);
  } catch {
    return undefined;
  }
  return path.isAbsolute(decoded) ? path.join(root, decoded) : path.join(root, path.dirname(articleFile), decoded);
}

export function imageProblems(file: string, refs: ImageRef[], root: string): Problem[] {
  const problems: Problem[] = [];
  for (const { field, src, alt } of refs) {
    const fail = (message: string) => problems.push({ file, field, message: field === "body" ? `image ${message}` : message });
    const shown = src.length > 80 ? `${src.slice(0, 60)}…` : src;
    if (isRemote(src)) {
      if (!URL.canParse(src) || !new URL(src).hostname) fail(`${shown} is not a web address (expected e.g. https://example.com/photo.jpg)`);
      else if (field === "body" && !alt) fail(`${shown} has no alt text (expected ![what the picture shows](${shown}))`);
      continue;
    }
    if (ANY_SCHEME.test(src)) {
      const scheme = src.startsWith("//") ? "an address without https:" : `a ${src.slice(0, src.indexOf(":") + 1).toLowerCase()} address`;
      fail(`${shown} is ${scheme}, which the site does not load pictures from (${RELATIVE}, or an https:// address)`);
      continue;
    }
    const target = resolveImage(file, src, root);
    if (!target || path.relative(root, target).startsWith("..")) {
      fail(`${src} is outside the project (${RELATIVE})`);
      continue;
    }
    if (!READABLE.test(target)) {
      fail(`${src} is not a picture the site can resize (expected a .jpg, .png, .webp, .avif or .gif file)`);
      continue;
    }
    if (!statSync(target, { throwIfNoEntry: false })?.isFile()) {
      fail(`${field === "body" ? "" : "file "}${src} not found (expected a path relative to the article)`);
      continue;
    }
    if (field === "body" && !alt) fail(`${src} has no alt text (expected ![what the picture shows](${src}))`);
  }
  return problems;
}
