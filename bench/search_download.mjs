// What a reader's browser downloads for one search: run queries through a built
// site's own Pagefind bundle in Node and count the bytes of every file it fetches
// (as stored, compressed), the search page's UI script and styles aside.
// Usage: node bench/search_download.mjs SITE_DIR [QUERY ...]
// Each query runs in a fresh Pagefind instance (a first search on a fresh page);
// it loads the data of the first RESULTS results, as Pagefind's UI does.
import { readFile, stat } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const RESULTS = 5;
const [site, ...queries] = process.argv.slice(2);
const bundle = path.join(site, "pagefind");
let fetched = [];
const webFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = new URL(typeof input === "string" ? input : input.url);
  if (url.protocol !== "file:") return webFetch(input, init);
  const file = fileURLToPath(url);
  fetched.push({ file: path.relative(bundle, file), bytes: (await stat(file)).size });
  return new Response(await readFile(file));
};

const rows = [];
for (const query of queries.length ? queries : ["Kazakhstan", "harbour", "trust", "election reform"]) {
  fetched = [];
  const entry = pathToFileURL(path.join(bundle, "pagefind.js")).href + `?q=${encodeURIComponent(query)}`;
  const pagefind = await import(entry); // a fresh module instance per query
  await pagefind.options({ baseUrl: "/" });
  const search = await pagefind.search(query);
  await Promise.all(search.results.slice(0, RESULTS).map((r) => r.data()));
  const script = (await stat(path.join(bundle, "pagefind.js"))).size;
  const total = fetched.reduce((sum, f) => sum + f.bytes, 0) + script;
  rows.push({ query, results: search.results.length, files: fetched.length + 1, kB: Math.round(total / 1024) });
  if (process.env.DETAIL) console.error(query, fetched.map((f) => `${f.file}:${Math.round(f.bytes / 1024)}k`).join(" "));
}
console.log(JSON.stringify(rows));
