// The editor's HTML page and its own Content-Security-Policy. The public pages keep theirs
// (src/render/security-policy.ts); this one is the strictest Sveltia CMS works under, found by
// driving it in Chromium with a `securitypolicyviolation` listener (test/admin.test.ts).
import { escapeHtml } from "../content/markdown.ts";

/** Each source, and why the editor needs it. */
export const ADMIN_POLICY: Record<string, string[]> = {
  "default-src": ["'none'"], // anything not listed below is refused
  "script-src": ["'self'"], // editor.js and the CMS it imports, files of this site: no inline script, no eval
  "style-src": ["'self'", "'unsafe-inline'"], // the CMS's components add their styles as <style> elements at run time
  // uploads and repository pictures are previewed as blob: URLs; the CMS turns its logo into data: icons; GitHub avatars
  "img-src": ["'self'", "blob:", "data:", "https://avatars.githubusercontent.com"],
  "font-src": ["'self'"], // the package's own fonts (its stylesheet also names a CDN copy, which stays refused)
  "connect-src": ["'self'", "blob:", "https://api.github.com"], // config.yml; uploads read back; GitHub's API once signed in
  "object-src": ["'none'"],
  "base-uri": ["'none'"],
  "form-action": ["'none'"], // the CMS submits no form anywhere
};

export const policyText = (policy: Record<string, string[]> = ADMIN_POLICY) =>
  Object.entries(policy).map(([name, sources]) => `${name} ${sources.join(" ")}`).join("; ");

/** The page: policy first, kept out of search engines, then the config and the script, under `base` (the site's path prefix). */
export function adminPage(title: string, base = "/", policy = policyText()): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="referrer" content="same-origin">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<link rel="cms-config-url" href="${base}admin/config.yml" type="application/yaml">
<script type="module" src="${base}admin/editor.js"></script>
</head>
<body>
</body>
</html>
`;
}

