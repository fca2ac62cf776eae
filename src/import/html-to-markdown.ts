// A WordPress post's HTML → the story's Markdown, with turndown (and the GFM plugin for tables):
// paragraphs for classic-editor text, block-editor comments gone, shortcodes converted, headings,
// quotes, lists, links, emphasis and tables kept. Scripts, iframes, inline event handlers and
// javascript: links are dropped and counted: nothing from the old site runs on the new pages.
import TurndownService from "turndown";
import { tables } from "@joplin/turndown-plugin-gfm";
import { isSafeUrl } from "../content/markdown.ts";
import { autop, isBlockContent } from "./autop.ts";
import { convertShortcodes, embedLabel, type Attachment, type ShortcodeCounts } from "./shortcodes.ts";

export interface BodyStats {
  scripts: number;
  iframes: number;
  /** Other active content dropped: <object>, <embed>, <form>… */
  otherDropped: number;
  handlers: number;
  unsafeLinks: number;
  /** Embed blocks (YouTube, X…) turned into links. */
  embeds: number;
  /** Every picture's address, in order, as written in the Markdown. */
  images: string[];
  /** Pictures without alt text, given an honest placeholder. */
  missingAlt: number;
  shortcodes: ShortcodeCounts;
}

export interface PostContext {
  attachments: ReadonlyMap<number, Attachment>;
  postId: number;
  /** The old site's address, for pictures given as /wp-content/… paths. */
  base: string;
}

export const NO_ALT = "Picture from the original post, which gave no description";

let stats: BodyStats; // the conversion in progress: turndown's rules are shared, calls are synchronous
let base = "";

const ACTIVE = ["script", "iframe", "object", "embed", "applet", "noscript", "style", "form", "input", "button", "select", "textarea", "template", "canvas", "svg"];

const attribute = (node: TurndownService.Node, name: string) => (node as HTMLElement).getAttribute(name)?.trim() ?? "";
const markdownText = (text: string) => text.replace(/\s+/g, " ").replace(/([\\[\]])/g, "\\$1").trim();
/** A link or picture address as Markdown writes it: in <…> when it has spaces or brackets. */
export const destination = (url: string) => (/[\s()<>]/.test(url) ? `<${url.replace(/[<>]/g, encodeURIComponent)}>` : url);

function absolute(url: string): string {
  try {
    return new URL(url, base || undefined).href;
  } catch {
    return url;
  }
}

const turndown = new TurndownService({ headingStyle: "atx", bulletListMarker: "-", codeBlockStyle: "fenced", emDelimiter: "*", br: "\\" });
turndown.use(tables);
turndown.addRule("activeContent", {
  filter: (node) => ACTIVE.includes(node.nodeName.toLowerCase()),
  replacement: (_, node) => {
    const name = node.nodeName.toLowerCase();
    if (name === "script") stats.scripts++;
    else if (name === "iframe") stats.iframes++;
    else if (name !== "noscript" && name !== "style") stats.otherDropped++;
    return "";
  },
});
turndown.addRule("picture", {
  filter: "img",
  replacement: (_, node) => {
    const src = attribute(node, "src");
    if (!src || !isSafeUrl(src) || /^data:/i.test(src)) {
      if (src) stats.unsafeLinks++;
      return "";
    }
    const url = absolute(src);
    let alt = markdownText(attribute(node, "alt"));
    if (!alt) {
      stats.missingAlt++;
      alt = markdownText((node as HTMLElement).closest?.("figure")?.querySelector("figcaption")?.textContent ?? "") || NO_ALT;
    }
    stats.images.push(url);
    return `![${alt}](${destination(url)})`;
  },
});
turndown.addRule("link", {
  filter: (node) => node.nodeName === "A" && attribute(node, "href") !== "",
  replacement: (content, node) => {
    const href = attribute(node, "href");
    if (!isSafeUrl(href)) {
      stats.unsafeLinks++;
      return content;
    }
    // a picture linked to its own full-size file is just the picture
    if ((node as HTMLElement).querySelector("img") && !(node.textContent ?? "").trim()) return content;
    // a phone number stays on one line (html-validate's tel-non-breaking)
    const text = /^tel:/i.test(href) ? content.replace(/ /g, "\u00a0").replace(/-/g, "\u2011") : content;
    return text.trim() ? `[${text}](${destination(absolute(href))})` : "";
  },
});
turndown.addRule("quoteSource", {
  filter: (node) => node.nodeName === "CITE" && node.parentNode?.nodeName === "BLOCKQUOTE",
  replacement: (content) => (content.trim() ? `\n\n— ${content.trim()}\n\n` : ""),
});
turndown.addRule("caption", {
  filter: "figcaption",
  replacement: (content) => (content.trim() ? `\n\n*${content.trim().replace(/^\*|\*$/g, "")}*\n\n` : ""),
});
turndown.addRule("embedBlock", {
  filter: (node) => node.nodeName === "FIGURE" && /\bwp-block-embed\b/.test(attribute(node, "class")),
  replacement: (_, node) => {
    const url = /https?:\/\/\S+/.exec(node.textContent ?? "")?.[0];
    const label = url && embedLabel(url);
    if (!url || !label) return "";
    stats.embeds++;
    return `\n\n[${label}](${destination(url)})\n\n`;
  },
});

/** Counts inline event handlers (onclick=, onload=…) in the post's tags; Markdown keeps no attributes. */
const countHandlers = (html: string) => {
  let count = 0;
  for (const tag of html.matchAll(/<[a-z][^>]*\son[a-z]+\s*=[^>]*>/gi)) count += tag[0].match(/\son[a-z]+\s*=/gi)!.length;
  return count;
};

/** The post's content as story Markdown; what was converted or dropped is added to `into`. */
export function postMarkdown(html: string, context: PostContext, into: BodyStats): string {
  stats = into;
  base = context.base;
  stats.handlers += countHandlers(html);
  const block = isBlockContent(html);
  let text = html.replace(/<!--\s*\/?wp:[\s\S]*?-->/g, "");
  text = convertShortcodes(text, context.attachments, context.postId, into.shortcodes);
  if (!block) text = autop(text);
  return turndown
    .turndown(text)
    .replace(/^\\$/gm, "")
    .replace(/\\\n(?=\n|$)/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
