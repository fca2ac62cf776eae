// The newsroom's reporters. A byline (`author:` in an article) that matches a `name` here, whatever
// its case or accents, links to /authors/<slug>/: the profile, then every story with that byline,
// newest first, with an Atom feed. Any other byline is shown as written, with no page.
// `photo` (optional) is a picture beside this file (authors/<slug>.jpg) or an https:// address;
// `links` (optional) are the reporter's pages elsewhere, shown on the profile and as JSON-LD sameAs.
// Checked at every build and by `npm run check` (src/content/authors.ts); restart `npm start` after editing this file.
export default [
  {
    name: "Mariana Teixeira",
    slug: "mariana-teixeira",
    bio: "Covers Brazil's environment and its cities from São Paulo.",
    photo: "authors/mariana-teixeira.jpg",
    links: [{ name: "Mastodon", url: "https://mastodon.example/@mteixeira" }],
  },
  {
    name: "Lukas Bachmann",
    slug: "lukas-bachmann",
    bio: "Reports on central banks and currency markets from Zürich.",
  },
  {
    name: "Dana Whitfield",
    slug: "dana-whitfield",
    bio: "Washington correspondent: Congress, trade and technology policy.",
    links: [{ name: "Website", url: "https://danawhitfield.example" }],
  },
  {
    name: "Marcus Oyelaran",
    slug: "marcus-oyelaran",
    bio: "Covers the Senate and national security from Washington.",
  },
  {
    name: "Haruka Ishida",
    slug: "haruka-ishida",
    bio: "Tokyo-based reporter on Japan's chip industry and economy.",
  },
  {
    name: "Claire Desrochers",
    slug: "claire-desrochers",
    bio: "Covers Québec politics and local government from Montréal.",
  },
  {
    name: "Wanjiru Kamau",
    slug: "wanjiru-kamau",
    bio: "Writes analysis on East African markets and payments from Nairobi.",
  },
  {
    name: "Priya Raman",
    slug: "priya-raman",
    bio: "Opinion columnist on cities, transport and climate.",
  },
];
