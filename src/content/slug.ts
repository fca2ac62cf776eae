// URL slugs. Unicode-aware on purpose: a Chinese headline keeps its characters (browsers show
// them; the path is percent-encoded on the wire), accents fold to plain letters.
const MAX_CHARS = 80;
const MAX_BYTES = 200; // well under the 255-byte file-name limit of common file systems

export function slugify(text: string, maxChars = MAX_CHARS): string {
  const folded = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .normalize("NFC")
    .toLowerCase()
    .replace(/['’‘`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  let chars = Array.from(folded).slice(0, maxChars);
  while (Buffer.byteLength(chars.join("")) > MAX_BYTES) chars = chars.slice(0, -1);
  let slug = chars.join("");
  if (slug.length < folded.length) {
    // cut at a word boundary when one is close, so a capped slug does not end mid-word
    const lastDash = slug.lastIndexOf("-");
    if (lastDash > slug.length / 2) slug = slug.slice(0, lastDash);
  }
  return slug.replace(/-+$/, "");
}

/** A slug an editor typed is used as-is only if it is already in slug form. */
export function isSlug(value: string): boolean {
  return value.length > 0 && slugify(value) === value;
}
