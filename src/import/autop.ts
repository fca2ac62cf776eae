// Classic-editor posts are stored without <p>: WordPress's wpautop() adds the paragraphs when it
// shows them (a blank line ends a paragraph, a single newline is a <br>). The import does the same
// before converting to Markdown, so a story reads as it did on the old site.

const BLOCK = "(?:table|thead|tfoot|caption|colgroup|col|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|blockquote|address|style|script|iframe|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|summary|menu|math|svg)";
const OPENS_BLOCK = new RegExp(`(<${BLOCK}(?=[\\s/>]))`, "gi");
const CLOSES_BLOCK = new RegExp(`(</${BLOCK}>)`, "gi");
const P_BEFORE_BLOCK = new RegExp(`<p>\\s*(</?${BLOCK}(?=[\\s/>])[^>]*>)`, "gi");
const P_AFTER_BLOCK = new RegExp(`(</?${BLOCK}(?=[\\s/>])[^>]*>)\\s*</p>`, "gi");
const BR_AFTER_BLOCK = new RegExp(`(</?${BLOCK}(?=[\\s/>])[^>]*>)\\s*<br />`, "gi");
const BR_BEFORE_BLOCK = new RegExp(`<br />(\\s*</?${BLOCK}(?=[\\s/>])[^>]*>)`, "gi");

/** True when a post was written in the block editor (its blocks are delimited by comments). */
export const isBlockContent = (html: string) => /<!--\s+wp:[a-z]/.test(html);

/** wpautop(): paragraphs for blank-line-separated text, <br /> for single newlines, blocks left alone. */
export function autop(html: string): string {
  if (!html.trim()) return "";
  // <pre> keeps its newlines as they are
  const kept: string[] = [];
  let text = html
    .replace(/\r\n?/g, "\n")
    .replace(/<(pre|script|style)[\s>][\s\S]*?<\/\1>/gi, (block) => `<pre data-wp-kept="${kept.push(block) - 1}"></pre>`)
    // a newline inside a tag is not a line break of the text
    .replace(/<[^>]*>/g, (tag) => tag.replace(/\s*\n\s*/g, " "))
    .replace(/<br\s*\/?>\s*<br\s*\/?>/gi, "\n\n")
    .replace(OPENS_BLOCK, "\n\n$1")
    .replace(CLOSES_BLOCK, "$1\n\n");
  text = text
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) => `<p>${chunk}</p>`)
    .join("\n")
    .replace(/<p>\s*<\/p>/g, "")
    .replace(P_BEFORE_BLOCK, "$1")
    .replace(P_AFTER_BLOCK, "$1")
    .replace(/(?<!<br \/>)\s*\n(?!<p>|<\/?(?:pre|li|ul|ol|h[1-6]|table|tr|td|th|blockquote|figure|div)[\s>])/g, "<br />\n")
    .replace(BR_AFTER_BLOCK, "$1")
    .replace(BR_BEFORE_BLOCK, "$1")
    .replace(/<\/p><br \/>/g, "</p>");
  return text.replace(/<pre data-wp-kept="(\d+)"><\/pre>/g, (_, i: string) => kept[Number(i)]!);
}
