// How the browser editor reads and writes an article or page file: with the build's own front-matter
// reader and the writer `npm run new` uses, so a saved file is in the same form (source: AFP,
// tags: [a, b], no field the contract fills in by itself). Registered in the browser as a Sveltia
// custom format (editor-start.ts); pure, so it is unit-tested in Node.
import { parseYaml, splitFrontMatter } from "../content/frontmatter.ts";
import { frontMatterText } from "../content/frontmatter-text.ts";
import type { ContractField } from "./contract-fields.ts";

export interface EntryForm {
  /** Field names in the contract's order. */
  order: string[];
  /** Fields the file may hold as a bare value: the object key it stands for, or true for a one-item list. */
  scalars: Record<string, string | true>;
  /** Values the contract fills in by itself, left out of the file. */
  defaults: Record<string, unknown>;
  /** Picture paths (image.src): the editor stores ./images/x.jpg, the file says images/x.jpg. */
  pictures: string[];
}

type Fields = Record<string, unknown>;

export function entryForm(fields: ContractField[], pictures: string[]): EntryForm {
  return {
    order: fields.map((field) => field.name),
    scalars: Object.fromEntries(fields.filter((field) => field.scalar !== undefined).map((field) => [field.name, field.scalar!])),
    defaults: Object.fromEntries(fields.filter((field) => field.defaultValue !== undefined).map((field) => [field.name, field.defaultValue])),
    pictures,
  };
}

/** File text → the fields the form edits (a bare source name becomes { name }), body included. */
export function readEntry(text: string, form: EntryForm): Fields {
  const split = splitFrontMatter(text);
  if (typeof split === "string") throw new Error(split);
  const yaml = parseYaml(split.yaml, split.yamlStartLine);
  if ("error" in yaml) throw new Error(`YAML syntax error at line ${yaml.line}: ${yaml.error}`);
  const data: Fields = { ...yaml.data };
  for (const [name, scalar] of Object.entries(form.scalars)) {
    const value = data[name];
    if (value === undefined || value === null || typeof value === "object") continue;
    data[name] = scalar === true ? [value] : { [scalar]: value };
  }
  return { ...data, body: split.body.replace(/^\n+/, "") };
}

/** The form's fields → file text in the house style, empty values and defaults left out. */
export function writeEntry(content: Fields, form: EntryForm): string {
  const { body, ...fields } = content;
  const names = [...form.order, ...Object.keys(fields).filter((name) => !form.order.includes(name))];
  const kept: Fields = {};
  for (const name of names) {
    let value = withoutEmpty(fields[name]);
    if (value === undefined || sameValue(value, form.defaults[name])) continue;
    const scalar = form.scalars[name];
    if (scalar === true && Array.isArray(value) && value.length === 1) value = value[0];
    else if (typeof scalar === "string" && isMapping(value) && Object.keys(value).join() === scalar) value = value[scalar];
    kept[name] = value;
  }
  for (const path of form.pictures) dropDotSlash(kept, path.split("."));
  return `---\n${frontMatterText(kept)}---\n\n${String(body ?? "").trim()}\n`;
}

const isMapping = (value: unknown): value is Fields => typeof value === "object" && value !== null && !Array.isArray(value);
const sameValue = (a: unknown, b: unknown) => b !== undefined && JSON.stringify(a) === JSON.stringify(b);

/** The value without empty strings, lists and mappings inside it; undefined when nothing is left. */
function withoutEmpty(value: unknown): unknown {
  if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) return undefined;
  if (Array.isArray(value)) {
    const items = value.map(withoutEmpty).filter((item) => item !== undefined);
    return items.length ? items : undefined;
  }
  if (isMapping(value)) {
    const entries = Object.entries(value).map(([key, item]) => [key, withoutEmpty(item)] as const).filter(([, item]) => item !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return value;
}

function dropDotSlash(fields: Fields, [name, ...rest]: string[]): void {
  const value = fields[name!];
  if (rest.length && isMapping(value)) dropDotSlash(value, rest);
  else if (!rest.length && typeof value === "string") fields[name!] = value.replace(/^\.\//, "");
}
