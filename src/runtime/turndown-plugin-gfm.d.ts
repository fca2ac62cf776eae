// @joplin/turndown-plugin-gfm ships JavaScript without declarations; this covers the part the
// WordPress import uses (GFM tables). https://github.com/laurent22/joplin/tree/dev/packages/turndown-plugin-gfm
declare module "@joplin/turndown-plugin-gfm" {
  import type TurndownService from "turndown";
  export const tables: TurndownService.Plugin;
}
