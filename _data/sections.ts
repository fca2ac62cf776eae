// The desks, in the order the header lists them. An article names its desk in `section:` (name or
// slug, e.g. `section: Business`); an article without one is filed under `default`. Each desk gets
// a page at /<slug>/ with its own Atom feed (/<slug>/feed.xml) and a block on the front page.
// Checked at every build (src/content/sections.ts); restart `npm start` after editing this file.
export default {
  /** The desk of every article that names none. */
  default: "World",
  list: [
    { name: "World", slug: "world", description: "Politics, elections, courts and weather from every continent." },
    { name: "Business", slug: "business", description: "Markets, central banks, companies and trade." },
    { name: "Technology", slug: "technology", description: "Platforms, chips, software and the rules that govern them." },
    { name: "Science", slug: "science", description: "Climate, environment and research." },
  ],
};
