// Every HTML page carries its Content-Security-Policy and referrer policy as <meta> elements, the
// first in <head>: GitHub Pages cannot send headers. Each page's policy is as loose as that page
// needs and no looser: remote pictures only where one is shown, WebAssembly only on the search page.
import type { EleventyConfig } from "../runtime/eleventy-config.ts";

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

/** What a page needs beyond the base policy: `csp` in its layout's or its own data. */
export interface PageNeeds {
  /** Runs WebAssembly (Pagefind on the search page). */
  wasm?: boolean;
}

let remotePicturesInBuild = false;
/** Called by the image pipeline when a picture stays remote, so only then are pages searched for one. */
export const noteRemotePicture = () => void (remotePicturesInBuild = true);

/** The policy for a page whose body is `body`: the base directives, plus what the page uses. */
export function contentSecurityPolicy(body: string, needs: PageNeeds = {}, base: Options["base"] = defaults.base, remoteInBuild = true): string {
  return policyText(base, remoteInBuild && REMOTE_PICTURE.test(body), needs.wasm === true);
}

// four possible policies per set of base directives, each written once
const written = new WeakMap<Options["base"], Map<string, string>>();
function policyText(base: Options["base"], remote: boolean, wasm: boolean): string {
  const texts = written.get(base) ?? written.set(base, new Map()).get(base)!;
  const key = `${remote}${wasm}`;
  let text = texts.get(key);
  if (text === undefined) {
    const directives = Object.fromEntries(Object.entries(base).map(([name, sources]) => [name, [...sources]]));
    if (remote) directives["img-src"]!.push("https:");
    if (wasm) directives["script-src"]!.push("'wasm-unsafe-eval'");
    texts.set(key, (text = Object.entries(directives).map(([name, sources]) => `${name} ${sources.join(" ")}`).join("; ")));
  }
  return text;
}

/** The two <meta> elements base.njk puts first in <head>. */
export function securityPolicyTags(needs: PageNeeds | undefined, body: string, options: Options = defaults, remoteInBuild = remotePicturesInBuild): string {
  const policy = contentSecurityPolicy(body, needs, options.base, remoteInBuild);
  return `<meta http-equiv="Content-Security-Policy" content="${policy}">\n<meta name="referrer" content="${options.referrer}">`;
}

export function securityPolicyPlugin(eleventyConfig: EleventyConfig, userOptions: Partial<Options> = {}) {
  const options: Options = { ...defaults, ...userOptions };
  eleventyConfig.on("eleventy.before", () => void (remotePicturesInBuild = false));
  // base.njk renders after the page's own content, so `content` holds every picture the page shows
  eleventyConfig.addFilter("securityPolicy", (needs: PageNeeds | undefined, body: string) => securityPolicyTags(needs, body, options));
}
