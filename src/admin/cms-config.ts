// The browser editor's configuration (Sveltia CMS, Decap-style), made from the front-matter contract
// at build time: one widget per schema field, required where the contract requires it, with the
// contract's own "expected …" text as help. Pure: the plugin (admin.ts) writes it as config.yml.
// the package's main.d.ts re-exports these without a file extension, which NodeNext cannot follow
import type { CmsConfig, EntryCollection, Field } from "../../node_modules/@sveltia/cms/types/public.d.ts";
import type { z } from "zod";
import { contractFields, type ContractField } from "./contract-fields.ts";

/** Where one kind of file lives and the contract it follows. */
export interface CollectionSpec {
  name: string;
  label: string;
  singular: string;
  folder: string;
  /** File path below `folder`, without the extension (Sveltia template tags). */
  path: string;
  schema: z.ZodObject;
  /** Pictures go here, relative to the entry's own folder (Sveltia counts `{{year}}/{{slug}}` as a folder). */
  mediaFolder: string;
  /** The story's label; the body is Markdown after the front matter. */
  body: string;
}

export interface ConfigOptions {
  collections: CollectionSpec[];
  /** owner/name of the GitHub repository the deployed editor commits to. */
  repo: string;
  timezone: string;
  title: string;
  /** Path of the site's favicon, with the path prefix. */
  logo: string;
  siteUrl?: string;
  /** Labels by key path (image.alt); a field without one shows its name. */
  labels: Record<string, string>;
  /** Key paths edited in a text area. */
  multiline: string[];
  /** Key paths that name a picture file. */
  pictures: string[];
  /** Values in use, offered in the help text, by key path (tags). */
  suggestions: Record<string, string[]>;
}

type Widget = Record<string, unknown>;

/** The custom file format a collection's files are read and written with (entry-format.ts, registered by editor-start.ts). */
export const formatOf = (spec: Pick<CollectionSpec, "name">) => `${spec.name}-front-matter`;

/** The Sveltia field for one contract field at `path` (image.src). */
export function widget(field: ContractField, path: string, options: ConfigOptions): Widget {
  const label = options.labels[path] ?? field.name.charAt(0).toUpperCase() + field.name.slice(1);
  const inUse = options.suggestions[path]?.length ? ` In use: ${options.suggestions[path]!.join(", ")}.` : "";
  const common: Widget = { name: field.name, label, required: field.required, ...(field.hint && { hint: `Expected ${field.hint}.${inUse}` }) };
  if (field.defaultValue !== undefined && !Array.isArray(field.defaultValue)) common.default = field.defaultValue;
  switch (field.kind) {
    case "text":
      if (options.pictures.includes(path)) return { ...common, widget: "image", choose_url: false };
      return { ...common, widget: options.multiline.includes(path) ? "text" : "string" };
    case "date":
      // written as 2020-09-20T14:30:00-04:00 in the site's zone, the form `npm run new` writes
      return { ...common, widget: "datetime", input_timezone: options.timezone, ...(field.required && { default: "{{now}}" }) };
    case "boolean":
      return { ...common, widget: "boolean" };
    case "number":
      return { ...common, widget: "number" };
    case "choice":
      return { ...common, widget: "select", options: field.options };
    case "object":
      return { ...common, widget: "object", fields: field.fields!.map((sub) => widget(sub, `${path}.${sub.name}`, options)) };
    case "list": {
      const item = field.item!;
      if (item.kind === "text" && !options.pictures.includes(`${path}.*`)) return { ...common, widget: "list" }; // one text box per item
      if (item.kind === "object") return { ...common, widget: "list", fields: item.fields!.map((sub) => widget(sub, `${path}.*.${sub.name}`, options)) };
      return { ...common, widget: "list", field: widget(item, `${path}.*`, options) };
    }
  }
}

function collection(spec: CollectionSpec, options: ConfigOptions): EntryCollection {
  const fields = contractFields(spec.schema).map((field) => widget(field, field.name, options));
  return {
    name: spec.name,
    label: spec.label,
    label_singular: spec.singular,
    folder: spec.folder,
    path: spec.path,
    format: formatOf(spec), // its extension, md, comes with the format's registration

    media_folder: spec.mediaFolder,
    public_folder: "./images", // stored as ./images/x.jpg, written back as images/x.jpg (entry-format.ts)
    create: true,
    ...(fields.some((field) => field.name === "date") && { sortable_fields: { fields: ["title", "date"], default: { field: "date", direction: "descending" } } }),
    fields: [
      ...(fields as Field[]),
      {
        name: "body", label: spec.body, widget: "markdown", required: true,
        // no code blocks: their highlighter loads from a CDN; no h1: the headline is the page's h1
        buttons: ["bold", "italic", "link", "heading-two", "heading-three", "quote", "bulleted-list", "numbered-list"],
        editor_components: ["image"], linked_images: false,
      },
    ],
  };
}

export function cmsConfig(options: ConfigOptions): CmsConfig {
  return {
    backend: { name: "github", repo: options.repo, auth_methods: ["token"] }, // no OAuth server of our own
    app_title: `${options.title} editor`,
    logo: { src: options.logo },
    ...(options.siteUrl && { site_url: options.siteUrl }),
    media_folder: "articles/images",
    public_folder: "/articles/images",
    media_libraries: { stock_assets: false },
    output: { omit_empty_optional_fields: true },
    slug: { encoding: "unicode", clean_accents: true }, // as src/content/slug.ts: letters kept, accents folded
    collections: options.collections.map((spec) => collection(spec, options)),
  };
}
