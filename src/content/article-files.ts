// Which article files there are: every Markdown file under the articles folder, by project-relative
// path, sorted; a reload after an edit that added or removed none takes the last list again.
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";

export async function findArticleFiles(root: string, dir = "articles"): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { recursive: true, withFileTypes: true });
  const folders = new Map<string, string>(); // each folder's project-relative path, worked out once
  const folder = (parent: string) => {
    let relative = folders.get(parent);
    if (relative === undefined) folders.set(parent, (relative = path.relative(root, parent).split(path.sep).join("/")));
    return relative;
  };
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".md"))
    .map((e) => `${folder(e.parentPath)}/${e.name}`)
    .sort();
}

// each folder's article files at its last load, for a reload that knows what changed
const listings = new Map<string, { files: string[]; known: Set<string> }>();

/** The article files under `root`/`dir`; `changed`: the files an edit touched, if known. */
export async function articleFiles(root: string, dir = "articles", changed?: readonly string[]): Promise<string[]> {
  const folder = path.join(root, dir);
  const last = listings.get(folder);
  // files edited, none added or removed: the same list; otherwise the folder is walked again
  const edited = (file: string) => last!.known.has(file) && existsSync(path.join(root, file));
  if (last && changed?.every(edited)) return last.files;
  const files = await findArticleFiles(root, dir);
  listings.set(folder, { files, known: new Set(files) });
  return files;
}
