// Responsive images: every <img> in the built HTML that points at a local file (an article's
// image.src, a Markdown image) becomes AVIF and WebP with a JPEG fallback at a few widths, with
// width/height set so nothing shifts while it loads. Encoded files live in .cache/images/ between
// builds (eleventy-img skips files that already exist there) and are copied into each output.
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { eleventyImageTransformPlugin } from "@11ty/eleventy-img";
import type { EleventyConfig } from "./eleventy-config.ts";
import type { Article } from "./articles/load.ts";

export interface Options {
  widths: number[];
  formats: string[];
  /** Encoded images, kept between builds; relative to the project. */
  cacheDir: string;
  /** Where the images are published, root-relative (the HTML base plugin adds any path prefix). */
  urlPath: string;
  /** `sizes` for an image in the text column; layouts set their own for other places. */
  sizes: string;
}

export const defaults: Options = {
  widths: [400, 800, 1200],
  formats: ["avif", "webp", "jpeg"],
  cacheDir: ".cache/images",
  urlPath: "/img/",
  sizes: "(min-width: 46rem) 42rem, 100vw",
};

/** An article's front-matter image as a project-root path, which resolves the same from any page. */
export function imageSource(article: Pick<Article, "file" | "image">): string {
  if (!article.image) return "";
  return path.posix.join("/", path.posix.dirname(article.file), article.image.src);
}

export function imagesPlugin(eleventyConfig: EleventyConfig, options: Partial<Options> = {}) {
  const { widths, formats, cacheDir, urlPath, sizes } = { ...defaults, ...options };
  const outputDir = path.resolve(cacheDir);
  const used = new Set<string>();

  // https://www.11ty.dev/docs/plugins/image/#html-transform
  eleventyConfig.addPlugin(eleventyImageTransformPlugin, {
    widths,
    formats,
    outputDir,
    urlPath,
    transformOnRequest: false, // the dev server gets the same files as a build
    failOnError: true,
    // the default name (content hash + width), remembered so only this build's files are copied
    filenameFormat: (id: string, _src: string, width: number, format: string) => {
      const name = `${id}-${width}.${format}`;
      used.add(name);
      return name;
    },
    htmlOptions: { imgAttributes: { loading: "lazy", decoding: "async", sizes } },
    // sharp's default AVIF effort (4) took ~7 s per picture here, effort 1 ~0.2 s for files ~1.5x larger
    sharpAvifOptions: { effort: 1 },
  });
  eleventyConfig.addFilter("imageSource", imageSource);

  // https://www.11ty.dev/docs/events/#eleventy-after
  eleventyConfig.on("eleventy.after", async ({ directories, outputMode }: { directories: { output: string }; outputMode: string }) => {
    if (outputMode !== "fs" || used.size === 0) return;
    const target = path.join(directories.output, urlPath);
    await mkdir(target, { recursive: true });
    await Promise.all([...used].map((name) => copyFile(path.join(outputDir, name), path.join(target, name))));
  });
}
