// XML checks in-process (libxml2 compiled to WebAssembly): the feeds against RFC 4287's RELAX NG
// schema, the sitemaps against the sitemap protocol's XSD. No xmllint binary to install.
import { readFileSync } from "node:fs";
import path from "node:path";
import { RelaxNGValidator, XmlDocument, XsdValidator } from "libxml2-wasm";

const SCHEMAS = path.join(import.meta.dirname, "schemas");
const parse = (file: string) => XmlDocument.fromBuffer(readFileSync(file), { url: file });

/** Throws, with libxml2's messages (line numbers included), unless `file` is valid against `schema` (.rng or .xsd in test/schemas/). */
export function validateXml(file: string, schema: "atom.rng" | "sitemap.xsd"): void {
  const schemaDoc = parse(path.join(SCHEMAS, schema));
  const validator = schema.endsWith(".rng") ? RelaxNGValidator.fromDoc(schemaDoc) : XsdValidator.fromDoc(schemaDoc);
  const doc = parse(file);
  try {
    validator.validate(doc);
  } finally {
    doc.dispose();
    validator.dispose();
    schemaDoc.dispose();
  }
}
