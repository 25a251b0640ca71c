// The static site's search: every plan, node and indicator title, from search-index.json.
// A query is folded as the site folds text (width, case, katakana to hiragana, then the variant
// pairs the index carries: 子供/子ども → こども); each of its words must occur in an entry's folded
// title. At most 200 results.
(function () {
  "use strict";
  var main = document.getElementById("main");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  function hiragana(text) {
    return text.replace(/[\u30a1-\u30f6]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0x60); });
  }
  if (!query.trim()) { return; }
  fetch(main.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (index) {
    function fold(text) {
      var out = hiragana((text || "").normalize("NFKC").toLowerCase());
      index.replacements.forEach(function (pair) { out = out.split(pair[0]).join(pair[1]); });
      return out;
    }
    var words = query.split(/\s+/).filter(Boolean).map(fold);
    var hits = index.entries.filter(function (e) {
      return words.every(function (w) { return e.f.indexOf(w) >= 0; });
    });
    status.textContent = hits.length ? hits.length + "" : main.getAttribute("data-none");
    hits.slice(0, 200).forEach(function (e) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = main.getAttribute("data-root") + e.u + "index.html";
      link.textContent = e.t;
      item.appendChild(link);
      if (e.k !== "plan") {
        var plan = document.createElement("span");
        plan.className = "plan";
        plan.textContent = " — " + e.p;
        item.appendChild(plan);
      }
      list.appendChild(item);
    });
  });
})();
