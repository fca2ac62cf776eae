// What an incremental build compares of an article file (src/site/signatures.ts, src/search/records.ts):
// a digest of its text as the loader last read it, and the sizes of its local pictures, so a
// picture replaced under the same name changes the article's pages too.
import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { isRemote, resolveImage, type ImageRef } from "./image-refs.ts";

const key = (root: string, file: string) => `${root}\0${file}`;
const digests = new Map<string, string>();
const pictureSizes = new Map<string, string>();

export const textDigest = (text: string) => createHash("sha1").update(text).digest("base64url");

export function noteDigest(root: string, file: string, digest: string): void {
  digests.set(key(root, file), digest);
}

/** Checked on every load, as the pictures' existence is: one can be replaced any time. */
export function notePictures(root: string, file: string, refs: readonly ImageRef[]): void {
  const sizes = refs.map(({ src }) => (isRemote(src) ? "" : (statSync(resolveImage(file, src, root) ?? root, { throwIfNoEntry: false })?.size ?? "")));
  if (sizes.length) pictureSizes.set(key(root, file), sizes.join(","));
  else pictureSizes.delete(key(root, file));
}

/** The article file's digest ("" if the loader never read it), with its local pictures' sizes. */
export function sourceDigest(root: string, file: string): string {
  const sizes = pictureSizes.get(key(root, file));
  return `${digests.get(key(root, file)) ?? ""}${sizes === undefined ? "" : `:${sizes}`}`;
}
