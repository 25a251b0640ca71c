// The static site's search: every plan, node and indicator title, from search-index.json.
// Each word of the query must occur in the title (case and width folded); at most 200 results.
(function () {
  "use strict";
  var main = document.getElementById("main");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  function fold(text) { return (text || "").normalize("NFKC").toLowerCase(); }
  var words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) { return; }
  fetch(main.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (entries) {
    var hits = entries.filter(function (e) {
      var title = fold(e.t);
      return words.every(function (w) { return title.indexOf(w) >= 0; });
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
