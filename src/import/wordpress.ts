// A WordPress export (WXR 1.1/1.2, Tools → Export → All content) read as a stream of items with
// saxes: a news site's export runs to hundreds of MB, so only one item is held at a time. Comment
// text and e-mail addresses are never even kept in memory; comments are only counted.
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { SaxesParser } from "saxes";

export interface WxrTerm {
  /** "category", "post_tag", or another taxonomy. */
  domain: string;
  nicename: string;
  name: string;
}

/** One `<item>`: a post, page, attachment, menu item, block… (`type` tells them apart). */
export interface WxrItem {
  id: number;
  title: string;
  link: string;
  /** The author's login; the display name is in the channel's author list. */
  creator: string;
  content: string;
  excerpt: string;
  /** Site-local wall time, "2020-09-20 10:30:00". */
  date: string;
  /** UTC, or "0000-00-00 00:00:00" for a draft never scheduled. */
  dateGmt: string;
  /** The slug, percent-encoded UTF-8 for non-ASCII. */
  name: string;
  status: string;
  type: string;
  password: string;
  parent: number;
  attachmentUrl: string;
  terms: WxrTerm[];
  /** Only the post meta the importer uses (META_KEYS). */
  meta: Map<string, string>;
  comments: number;
}

export interface WxrChannel {
  title: string;
  link: string;
  /** Login → display name. Authors' e-mail addresses are never read. */
  authors: Map<string, string>;
}

const META_KEYS = new Set(["_thumbnail_id", "_wp_attachment_image_alt"]);
const NUMBERS = new Set(["wp:post_id", "wp:post_parent"]);
const FIELDS: Record<string, keyof WxrItem> = {
  title: "title", link: "link", "dc:creator": "creator", "content:encoded": "content", "excerpt:encoded": "excerpt",
  "wp:post_id": "id", "wp:post_date": "date", "wp:post_date_gmt": "dateGmt", "wp:post_name": "name", "wp:status": "status",
  "wp:post_type": "type", "wp:post_password": "password", "wp:post_parent": "parent", "wp:attachment_url": "attachmentUrl",
};

const emptyItem = (): WxrItem => ({
  id: 0, title: "", link: "", creator: "", content: "", excerpt: "", date: "", dateGmt: "", name: "", status: "",
  type: "", password: "", parent: 0, attachmentUrl: "", terms: [], meta: new Map(), comments: 0,
});

/** True when the start of a file is a WordPress export (an RSS document in the WXR namespace). */
export function isWordPressExport(head: string): boolean {
  return /<rss[\s>]/.test(head) && /xmlns:wp="https?:\/\/wordpress\.org\/export\/1\.\d+\/"/.test(head);
}

/** Reads the first 4 KB of a file to tell an export from wire copy. */
export async function looksLikeWordPressExport(file: string): Promise<boolean> {
  const handle = await open(file).catch(() => undefined);
  if (!handle) return false;
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    return isWordPressExport(buffer.subarray(0, bytesRead).toString("utf8"));
  } finally {
    await handle.close();
  }
}

/** Every item of an export, in file order; `channel` is filled in before the first item arrives. */
export async function* wordpressItems(file: string, channel: WxrChannel): AsyncGenerator<WxrItem> {
  const parser = new SaxesParser({ position: true });
  const ready: WxrItem[] = [];
  const path: string[] = [];
  let item: WxrItem | undefined;
  let text = "";
  let inComment = 0;
  let term: Omit<WxrTerm, "name"> | undefined;
  let metaKey = "";
  let login = "";
  let displayName = "";

  parser.on("opentag", (tag) => {
    path.push(tag.name);
    text = "";
    if (tag.name === "wp:comment" && item) inComment++;
    else if (tag.name === "item") item = emptyItem();
    else if (tag.name === "category" && item) term = { domain: String(tag.attributes.domain ?? ""), nicename: String(tag.attributes.nicename ?? "") };
  });
  const append = (chunk: string) => {
    if (!inComment) text += chunk;
  };
  parser.on("text", append);
  parser.on("cdata", append);
  parser.on("closetag", (tag) => {
    path.pop();
    const parent = path.at(-1);
    if (tag.name === "wp:comment" && item) {
      inComment--;
      item.comments++;
    } else if (inComment) {
      // nothing inside a comment is kept
    } else if (tag.name === "item" && item) {
      ready.push(item);
      item = undefined;
    } else if (item && parent === "item" && tag.name === "category" && term) {
      item.terms.push({ ...term, name: text.trim() });
      term = undefined;
    } else if (item && parent === "item" && FIELDS[tag.name]) {
      const value = tag.name === "content:encoded" ? text : text.trim();
      Object.assign(item, { [FIELDS[tag.name]!]: NUMBERS.has(tag.name) ? Number(value) || 0 : value });
    } else if (item && parent === "wp:postmeta") {
      if (tag.name === "wp:meta_key") metaKey = text.trim();
      else if (tag.name === "wp:meta_value" && META_KEYS.has(metaKey)) item.meta.set(metaKey, text.trim());
    } else if (!item && parent === "channel" && (tag.name === "title" || tag.name === "link")) {
      channel[tag.name] = text.trim();
    } else if (!item && parent === "wp:author") {
      if (tag.name === "wp:author_login") login = text.trim();
      else if (tag.name === "wp:author_display_name") displayName = text.trim();
    } else if (!item && tag.name === "wp:author") {
      if (login) channel.authors.set(login, displayName);
      login = displayName = "";
    }
  });

  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 16 })) {
    parser.write(chunk as string);
    if (ready.length) yield* ready.splice(0);
  }
  parser.close();
  yield* ready.splice(0);
}

export const emptyChannel = (): WxrChannel => ({ title: "", link: "", authors: new Map() });
