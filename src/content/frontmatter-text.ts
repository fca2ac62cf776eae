// Writing front matter: `npm run new`, `npm run import` and the browser editor (src/admin/) all
// serialise an article's fields with this one function, so every tool writes the same house style.
// A module of its own because reading (frontmatter.ts) uses the faster js-yaml and must not pay
// for loading `yaml` on every build and `npm run check`.
import { Document, isSeq } from "yaml";

/** The YAML between the `---` lines, fields in the order given, no line wrapping. */
export function frontMatterText(fields: object): string {
  const doc = new Document(fields);
  for (const key of ["tags", "aliases"]) {
    const list = doc.get(key, true);
    if (isSeq(list)) list.flow = true; // tags: [WeChat, Courts], as the house style writes them
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
