// Search, progressively enhanced. Without this script the header shows a link to the archive;
// with it, a search form. On /search/ it starts Pagefind's UI with the query from ?q=.
for (const box of document.querySelectorAll("[data-search-box]")) {
  box.querySelector("form")?.removeAttribute("hidden");
  box.querySelector("[data-search-fallback]")?.setAttribute("hidden", "");
}

// DOMContentLoaded waits for every deferred script, pagefind-ui.js (later in the page) included
const results = document.querySelector("[data-search-results]");
if (results) addEventListener("DOMContentLoaded", () => {
  const query = new URLSearchParams(location.search).get("q") ?? "";
  if (typeof window.PagefindUI !== "function") {
    // pagefind-ui.js did not load: the index was not built (see the message in the page)
    document.querySelector("[data-search-missing]")?.removeAttribute("hidden");
  } else {
    const { baseUrl, bundlePath, archiveBundles } = results.dataset;
    const ui = new window.PagefindUI({
      element: results,
      baseUrl,
      // Pagefind's API through src/search/bridge.js, which leaves out records an incremental build superseded
      bundlePath,
      // a large archive is indexed in parts (src/search/records.ts): the older ones join each search
      mergeIndex: (archiveBundles ?? "").split(" ").filter(Boolean).map((bundlePath) => ({ bundlePath })),
      showImages: false,
      showSubResults: false,
      autofocus: !query,
    });
    if (query) ui.triggerSearch(query);
  }
});
