// The search page: starts Pagefind's UI on #search, or says why it cannot.
// Every address comes from the page (data-bundle, data-root), so the same file
// works with relative links and under any --base-url.
(function () {
  "use strict";
  var box = document.getElementById("search");
  var status = document.getElementById("search-status");
  if (!box || !status) return;

  function say(text) {
    status.textContent = text;
    status.hidden = false;
  }

  if (location.protocol === "file:") {
    say(
      "Search cannot run on a page opened from disk: browsers do not let it load its index. " +
        "Serve the site folder instead, for example with `python3 -m http.server -d site`, " +
        "then open http://localhost:8000/search/ — or use the lists below."
    );
    return;
  }

  var bundle = new URL(box.getAttribute("data-bundle"), location.href).href;
  var root = new URL(box.getAttribute("data-root"), location.href).pathname.replace(
    /index\.html$/,
    ""
  );
  var options = JSON.parse(box.getAttribute("data-options") || "{}");

  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = bundle + "pagefind-ui.css";
  document.head.appendChild(css);

  var script = document.createElement("script");
  script.src = bundle + "pagefind-ui.js";
  script.onerror = function () {
    say(
      "The search index is missing: this site was built without it (summitnotes build --no-search). " +
        "Use the lists below, or rebuild with search."
    );
  };
  script.onload = function () {
    options.element = "#search";
    options.bundlePath = bundle;
    options.baseUrl = root;
    options.showImages = false;
    options.autofocus = true;
    // Show the interview a turn is from; it is a filter, not searched metadata.
    options.processResult = function (result) {
      var from = (result.filters || {}).interview;
      if (from && from.length && !result.meta.interview) result.meta.interview = from[0];
      return result;
    };
    var ui = new window.PagefindUI(options);
    var query = new URLSearchParams(location.search).get("q");
    if (query) ui.triggerSearch(query);
  };
  document.head.appendChild(script);
})();
