// `--download-images`: each picture an imported post uses is stored next to its file
// (articles/<yyyy>/images/…) and the Markdown and front matter point at the copy. A picture that
// cannot be fetched (offline, 404, not an image) keeps its address and is reported; nothing is
// ever written over an existing file.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

const PICTURE = /\.(jpe?g|png|gif|webp|avif|tiff?)$/i;
const TIMEOUT_MS = 30_000;

export type Saved = { file: string } | { error: string };

/** A file name for a picture's address: its own name, made safe ("Strike 1.JPG" → "strike-1.jpg"). */
export function pictureName(url: string): string | undefined {
  let name: string;
  try {
    name = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
  } catch {
    return undefined;
  }
  const safe = name.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[-.]+/, "");
  return PICTURE.test(safe) ? safe : undefined;
}

/** The Markdown's pictures and the front matter's image.src pointed at their copies. */
export function replacePictures(markdown: string, copies: ReadonlyMap<string, string>, destination: (url: string) => string): string {
  let text = markdown;
  for (const [url, file] of copies) text = text.split(`](${destination(url)})`).join(`](${file})`);
  return text;
}

/** Downloads pictures into `<folder>/images/`, each address once per folder, under a name no other file has. */
export function pictureStore(root: string) {
  const saved = new Map<string, Promise<Saved>>();
  const used = new Set<string>();

  async function download(url: string, folder: string): Promise<Saved> {
    const name = pictureName(url);
    if (!name) return { error: "not a picture the site can resize (expected .jpg, .png, .webp, .avif or .gif)" };
    const dot = name.lastIndexOf(".");
    let relative = `images/${name}`;
    for (let n = 2; used.has(path.join(folder, relative)) || existsSync(path.join(root, folder, relative)); n++) {
      relative = `images/${name.slice(0, dot)}-${n}${name.slice(dot)}`;
    }
    used.add(path.join(folder, relative));
    let bytes: Buffer;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: "follow" });
      if (!response.ok) return { error: `HTTP ${response.status}` };
      const type = response.headers.get("content-type") ?? "";
      if (!type.startsWith("image/")) return { error: `not an image (${type || "no content type"})` };
      bytes = Buffer.from(await response.arrayBuffer());
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { error: cause ?? (error as Error).message };
    }
    const target = path.join(root, folder, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, bytes, { flag: "wx" });
    return { file: relative };
  }

  return {
    /** The picture's path relative to `folder` (project-relative), or why it stays an address. */
    save(url: string, folder: string): Promise<Saved> {
      const key = `${folder}\n${url}`;
      let result = saved.get(key);
      if (!result) saved.set(key, (result = download(url, folder)));
      return result;
    },
  };
}

export type PictureStore = ReturnType<typeof pictureStore>;
