// Run a query through a built site's own Pagefind bundle, in Node, and print JSON.
// Usage: node pagefind_query.mjs BUNDLE_DIR QUERY [OPTIONS_JSON] [FILTERS_JSON]
// pagefind.js loads its index with fetch(); Node's fetch has no file: URLs, so
// those are read from disk here. Nothing else of Pagefind is replaced.
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const [bundle, query, options = "{}", filters = "{}"] = process.argv.slice(2);
const webFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = new URL(typeof input === "string" ? input : input.url);
  if (url.protocol !== "file:") return webFetch(input, init);
  return new Response(await readFile(fileURLToPath(url)));
};

const pagefind = await import(pathToFileURL(path.join(bundle, "pagefind.js")).href);
await pagefind.options(JSON.parse(options));
const search = await pagefind.search(query, { filters: JSON.parse(filters) });
const results = [];
for (const result of search.results) {
  const data = await result.data();
  results.push({
    score: result.score,
    url: data.url,
    meta: data.meta,
    filters: data.filters,
    excerpt: data.excerpt,
  });
}
console.log(JSON.stringify({ filters: await pagefind.filters(), results }));
