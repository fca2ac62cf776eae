// Cache files a killed build must never leave half-written: written beside their place, then
// renamed over it (a rename within a folder is atomic), so a reader finds the old file or the new.
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";

/** Writes `text` to `file` whole or not at all, making its folder if needed. */
export async function writeWhole(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(`${file}.next`, text);
  await rename(`${file}.next`, file);
}
