/* Booklet: keyboard shortcut for search, and the offline search page.
   The index is a plain script (search-index.js) assigning window.BOOKLET_SEARCH_INDEX,
   because browsers refuse fetch() of local files opened from file://. */
(function () {
  "use strict";

  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var tag = target && target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) return;
    var box = document.getElementById("_search-query") || document.getElementById("_site-search");
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[\u2018\u2019]/g, "'");
  }

  function words(query) {
    return fold(query).split(/[^\p{L}\p{N}']+/u).filter(function (w) { return w.length > 0; });
  }

  function score(doc, terms) {
    var total = 0;
    var fields = [
      [doc.t, 10], [doc.k, 6], [doc.h, 4], [doc.m, 3], [doc.b, 1]
    ];
    for (var i = 0; i < terms.length; i++) {
      var found = false;
      for (var f = 0; f < fields.length; f++) {
        var text = doc._folded[f];
        var at = text.indexOf(terms[i]);
        if (at >= 0) {
          found = true;
          var boundary = at === 0 || /[^\p{L}\p{N}]/u.test(text.charAt(at - 1));
          total += fields[f][1] * (boundary ? 2 : 1);
        }
      }
      if (!found) return 0;
    }
    return total;
  }

  function snippet(doc, terms) {
    var source = doc.b || doc.m || "";
    var folded = fold(source);
    var at = -1;
    for (var i = 0; i < terms.length && at < 0; i++) at = folded.indexOf(terms[i]);
    var start = Math.max(0, at - 60);
    var end = Math.min(source.length, (at < 0 ? 0 : at) + 160);
    var text = (start > 0 ? "…" : "") + source.slice(start, end) + (end < source.length ? "…" : "");
    return text;
  }

  function appendHighlighted(parent, text, terms) {
    var folded = fold(text);
    var position = 0;
    while (position < text.length) {
      var next = -1, length = 0;
      for (var i = 0; i < terms.length; i++) {
        var at = folded.indexOf(terms[i], position);
        if (at >= 0 && (next < 0 || at < next)) { next = at; length = terms[i].length; }
      }
      if (next < 0) break;
      parent.appendChild(document.createTextNode(text.slice(position, next)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(next, next + length);
      parent.appendChild(mark);
      position = next + length;
    }
    parent.appendChild(document.createTextNode(text.slice(position)));
  }

  function runSearch(query) {
    var index = window.BOOKLET_SEARCH_INDEX || [];
    var list = document.getElementById("_search-results");
    var status = document.getElementById("_search-status");
    list.textContent = "";
    var terms = words(query);
    if (terms.length === 0) { status.textContent = "Type words to search the booklet."; return; }
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var doc = index[i];
      if (!doc._folded) doc._folded = [fold(doc.t), fold(doc.k), fold(doc.h), fold(doc.m), fold(doc.b)];
      var s = score(doc, terms);
      if (s > 0) hits.push([s, i]);
    }
    hits.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    status.textContent = hits.length === 0 ? "No entries match “" + query + "”."
      : hits.length + (hits.length === 1 ? " entry matches" : " entries match") + " “" + query + "”.";
    hits.slice(0, 100).forEach(function (hit) {
      var doc = index[hit[1]];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = doc.u;
      appendHighlighted(link, doc.n + " " + doc.t, terms);
      var section = document.createElement("span");
      section.className = "result-section";
      section.textContent = doc.s;
      var text = document.createElement("p");
      appendHighlighted(text, snippet(doc, terms), terms);
      item.appendChild(link);
      item.appendChild(section);
      item.appendChild(text);
      list.appendChild(item);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("_search-query");
    if (!box) return;
    var params = new URLSearchParams(window.location.search);
    var query = params.get("q") || "";
    box.value = query;
    if (query) runSearch(query);
    box.addEventListener("input", function () { runSearch(box.value); });
  });
})();
