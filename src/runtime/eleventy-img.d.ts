// @11ty/eleventy-img 6 ships JavaScript without declarations; this covers the parts the site uses.
// https://www.11ty.dev/docs/plugins/image/
declare module "@11ty/eleventy-img" {
  type Metadata = Record<string, { filename: string; url: string; width: number; height: number; outputPath: string }[]>;
  export interface ImageFunction {
    (src: string, options: Record<string, unknown>): Promise<Metadata>;
    statsSync(src: string, options: Record<string, unknown>): Metadata;
    generateHTML(metadata: Metadata, attributes: Record<string, string>): string;
  }
  const Image: ImageFunction;
  export default Image;
}
