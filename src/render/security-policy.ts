// Every HTML page carries its Content-Security-Policy and referrer policy as <meta> elements, the
// first in <head>: GitHub Pages cannot send headers. The policy is worked out from the finished
// page, so it is exactly as loose as that page needs: remote pictures and WebAssembly only where used.
// https://www.11ty.dev/docs/transforms/
import type { EleventyConfig, TemplateData } from "../runtime/eleventy-config.ts";

export interface Options {
  /** Directives every page gets. No 'unsafe-inline' or 'unsafe-eval': the pages have neither inline scripts nor styles. */
  base: Record<string, string[]>;
  referrer: string;
}

export const defaults: Options = {
  base: {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
  },
  referrer: "strict-origin-when-cross-origin",
};

// A picture the build could not fetch keeps its remote address (src/render/images.ts)
const REMOTE_PICTURE = /<(?:img|source)\b[^>]*\s(?:src|srcset)="https?:\/\//i;
// Pagefind's search runs WebAssembly: only a page that loads it needs 'wasm-unsafe-eval'
const PAGEFIND = /<script\b[^>]*\ssrc="[^"]*\/pagefind[^"]*\.js"/i;

/** The policy `html` needs: the base directives, plus what its own markup shows it uses. */
export function contentSecurityPolicy(html: string, base: Options["base"] = defaults.base): string {
  const directives = Object.fromEntries(Object.entries(base).map(([name, sources]) => [name, [...sources]]));
  if (REMOTE_PICTURE.test(html)) directives["img-src"]!.push("https:");
  if (PAGEFIND.test(html)) directives["script-src"]!.push("'wasm-unsafe-eval'");
  return Object.entries(directives).map(([name, sources]) => `${name} ${sources.join(" ")}`).join("; ");
}

/** `html` with the policies as the first elements of its <head>; anything without a <head> is left alone. */
export function withSecurityPolicy(html: string, options: Options = defaults): string {
  const head = html.indexOf("<head>");
  if (head === -1) return html;
  const at = head + "<head>".length;
  const policy = contentSecurityPolicy(html, options.base);
  const metas = `\n<meta http-equiv="Content-Security-Policy" content="${policy}">\n<meta name="referrer" content="${options.referrer}">`;
  return html.slice(0, at) + metas + html.slice(at);
}

export function securityPolicyPlugin(eleventyConfig: EleventyConfig, userOptions: Partial<Options> = {}) {
  const options: Options = { ...defaults, ...userOptions };
  eleventyConfig.addTransform("security-policy", function (this: { page: TemplateData }, content: string) {
    const html = typeof content === "string" && String(this.page.outputPath).endsWith(".html");
    return html ? withSecurityPolicy(content, options) : content;
  });
}
