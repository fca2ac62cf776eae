// WordPress shortcodes, which an export holds verbatim, turned into plain HTML before the Markdown
// conversion: [caption] → a figure with its caption, [gallery] → its pictures, [embed], [video] and
// [audio] → a link to the original (no player, no third-party script). Any other shortcode is
// counted by name and its tags removed (text it encloses is kept): readers never see "[code]".
import { escapeHtml } from "../content/markdown.ts";

export interface Attachment {
  url: string;
  alt: string;
  caption: string;
  title: string;
  parent: number;
}

export interface ShortcodeCounts {
  /** caption, gallery, embed, video, audio → how many were converted. */
  converted: Map<string, number>;
  /** Shortcodes the importer does not know, by name. */
  unknown: Map<string, number>;
  /** Gallery ids that name no attachment in the export. */
  missing: number[];
}

export const emptyShortcodeCounts = (): ShortcodeCounts => ({ converted: new Map(), unknown: new Map(), missing: [] });

const bump = (counts: Map<string, number>, name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);

/** shortcode_parse_atts(): name="value", name='value', name=value; unnamed values are left out. */
export function shortcodeAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const m of text.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'"\]]+))/g)) {
    attributes[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? "";
  }
  return attributes;
}

const PROVIDERS: [RegExp, string][] = [
  [/(^|\.)(youtube\.com|youtu\.be)$/, "YouTube"], [/(^|\.)(twitter\.com|x\.com)$/, "X"], [/(^|\.)vimeo\.com$/, "Vimeo"],
  [/(^|\.)instagram\.com$/, "Instagram"], [/(^|\.)facebook\.com$/, "Facebook"], [/(^|\.)tiktok\.com$/, "TikTok"],
  [/(^|\.)soundcloud\.com$/, "SoundCloud"], [/(^|\.)spotify\.com$/, "Spotify"], [/(^|\.)flickr\.com$/, "Flickr"],
];

/** What a link to an embedded post or video says: "View on YouTube"; undefined for no http(s) URL. */
export function embedLabel(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  try {
    const host = new URL(url).hostname.replace(/^www\./, "");
    return `View on ${PROVIDERS.find(([pattern]) => pattern.test(host))?.[1] ?? host}`;
  } catch {
    return undefined;
  }
}

const embedLink = (url: string) => {
  const label = embedLabel(url);
  return label ? `<p><a href="${escapeHtml(url)}">${label}</a></p>` : "";
};

const figure = (img: string, caption: string) => `<figure>${img}${caption.trim() ? `<figcaption>${caption.trim()}</figcaption>` : ""}</figure>`;
const attachmentFigure = (a: Attachment) =>
  figure(`<img src="${escapeHtml(a.url)}" alt="${escapeHtml(a.alt)}">`, a.caption);

/**
 * The post's HTML with shortcodes converted. `attachments` resolves gallery ids; a gallery without
 * ids shows the pictures attached to `postId`, as WordPress does.
 */
export function convertShortcodes(html: string, attachments: ReadonlyMap<number, Attachment>, postId: number, counts: ShortcodeCounts): string {
  if (!html.includes("[")) return html;
  const escaped: string[] = [];
  return html
    // [[tag]] is WordPress's way to print a shortcode's name as text
    .replace(/\[(\[[^[\]]*\])\]/g, (_, literal: string) => `\u0000${escaped.push(literal) - 1}\u0000`)
    .replace(/\[(caption|wp_caption)(\s[^\]]*)?\]([\s\S]*?)\[\/\1\]/gi, (_, name: string, attributes = "", inner: string) => {
      bump(counts.converted, "caption");
      const img = /(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?/i.exec(inner)?.[0] ?? "";
      const caption = shortcodeAttributes(attributes).caption ?? inner.replace(img, "");
      return img ? figure(img, caption) : `<p>${caption}</p>`;
    })
    .replace(/\[gallery(\s[^\]]*)?\/?\]/gi, (_, attributes = "") => {
      bump(counts.converted, "gallery");
      const ids = (shortcodeAttributes(attributes).ids ?? shortcodeAttributes(attributes).include ?? "").split(",").map((id) => Number(id.trim())).filter((id) => id > 0);
      const pictures = ids.length ? ids.map((id) => attachments.get(id) ?? (counts.missing.push(id), undefined)) : [...attachments.values()].filter((a) => a.parent === postId);
      return pictures.filter((a): a is Attachment => a !== undefined && /\.(jpe?g|png|gif|webp|avif)(\?|$)/i.test(a.url)).map(attachmentFigure).join("\n");
    })
    .replace(/\[embed(\s[^\]]*)?\]([\s\S]*?)\[\/embed\]/gi, (_, _attributes, url: string) => {
      bump(counts.converted, "embed");
      return embedLink(url.trim());
    })
    .replace(/\[(video|audio)(\s[^\]]*)?\](?:[\s\S]*?\[\/\1\])?/gi, (_, name: string, attributes = "") => {
      bump(counts.converted, name.toLowerCase());
      const a = shortcodeAttributes(attributes);
      const src = a.src ?? a.mp4 ?? a.mp3 ?? a.m4a ?? a.ogg ?? a.webm ?? "";
      return /^https?:\/\//i.test(src) ? `<p><a href="${escapeHtml(src)}">${name.toLowerCase() === "video" ? "Watch the video" : "Listen to the recording"}</a></p>` : "";
    })
    .replace(/\[(\/?)([a-z][\w-]*)(\s[^\]]*)?\/?\]/gi, (whole: string, closing: string, name: string, attributes = "") => {
      const enclosing = new RegExp(`\\[/${name}\\]`, "i").test(html);
      // "[sic]", "[1]" or "[Reuters]" are the writer's brackets, not shortcodes
      if (!closing && !enclosing && !/[_-]/.test(name) && !attributes.includes("=")) return whole;
      if (!closing) bump(counts.unknown, name.toLowerCase());
      return "";
    })
    .replace(/\u0000(\d+)\u0000/g, (_, i: string) => escaped[Number(i)]!);
}
