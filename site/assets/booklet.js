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

  // Must match SearchIndex.fold and SearchIndex.words in the generator.
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function words(query) {
    return fold(query).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; });
  }

  var WEIGHTS = [10, 6, 4, 3]; // title, terms, headings, summary; a body word counts 1

  // The index as shipped by search-index.js, unpacked once: documents with folded fields,
  // and the body words sorted for prefix lookup.
  var prepared = null;
  function prepare() {
    if (prepared) return prepared;
    var index = window.BOOKLET_SEARCH_INDEX || { docs: [], words: {}, sections: [], stop: [] };
    var docs = index.docs.map(function (d) {
      return { u: d[0], n: d[1], t: d[2], s: index.sections[d[3]] || "", m: d[4], k: d[5], h: d[6], x: d[7],
               f: [spaced(d[2]), spaced(d[5]), spaced(d[6]), spaced(d[4])] };
    });
    prepared = { docs: docs, words: index.words, keys: Object.keys(index.words).sort(),
                 stop: new Set(index.stop), postings: new Map() };
    return prepared;
  }

  // Entry positions whose body has a word starting with `term`: 2 for the whole word, 1 for a prefix.
  function bodyMatches(index, term) {
    if (index.postings.has(term)) return index.postings.get(term);
    var found = new Map();
    var low = 0, high = index.keys.length;
    while (low < high) { var mid = (low + high) >> 1; if (index.keys[mid] < term) low = mid + 1; else high = mid; }
    for (var i = low; i < index.keys.length && index.keys[i].lastIndexOf(term, 0) === 0; i++) {
      var weight = index.keys[i] === term ? 2 : 1;
      var position = -1;
      index.words[index.keys[i]].split(",").forEach(function (delta) {
        position += parseInt(delta, 36) + 1;
        if ((found.get(position) || 0) < weight) found.set(position, weight);
      });
    }
    index.postings.set(term, found);
    return found;
  }

  // A field's words, folded, between single spaces: " the role of the co leaders ".
  function spaced(text) {
    return " " + words(text).join(" ") + " ";
  }

  // A whole word counts three times its field's weight, a word start twice, elsewhere once.
  function fieldScore(text, term, weight) {
    if (text.indexOf(" " + term + " ") >= 0) return 3 * weight;
    if (text.indexOf(" " + term) >= 0) return 2 * weight;
    return text.indexOf(term) >= 0 ? weight : 0;
  }

  function search(query) {
    var index = prepare();
    var all = words(query);
    var terms = all.filter(function (w) { return !index.stop.has(w); });
    if (terms.length === 0) terms = all;
    if (terms.length === 0) return { terms: [], hits: [] };
    var body = terms.map(function (term) { return bodyMatches(index, term); });
    var phrase = all.length > 1 ? " " + all.join(" ") + " " : "";
    var hits = [];
    for (var i = 0; i < index.docs.length; i++) {
      var doc = index.docs[i], total = 0;
      for (var j = 0; j < terms.length; j++) {
        var score = body[j].get(i) || 0;
        for (var f = 0; f < WEIGHTS.length; f++) score += fieldScore(doc.f[f], terms[j], WEIGHTS[f]);
        if (score === 0) { total = 0; break; }
        total += score;
      }
      if (total > 0 && phrase) {
        // The query's words together, in order (a term's or a title's whole name).
        for (var p = 0; p < WEIGHTS.length; p++) if (doc.f[p].indexOf(phrase) >= 0) total += 4 * WEIGHTS[p];
      }
      if (total > 0) hits.push([total, i]);
    }
    hits.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    return { terms: terms, hits: hits.map(function (hit) { return index.docs[hit[1]]; }) };
  }

  // About 200 characters of the summary (or the body's start), around the first match.
  function snippet(doc, terms) {
    var source = doc.m || doc.x || "";
    var folded = fold(source);
    var at = -1;
    for (var i = 0; i < terms.length && at < 0; i++) at = folded.indexOf(terms[i]);
    var start = at > 80 ? source.lastIndexOf(" ", at - 60) + 1 : 0;
    var end = Math.min(source.length, start + 220);
    if (end < source.length) { var space = source.lastIndexOf(" ", end); if (space > start) end = space; }
    return (start > 0 ? "…" : "") + source.slice(start, end) + (end < source.length ? "…" : "");
  }

  // Appends `text` to `parent`, wrapping each match of a query word (at a word start) in <mark>.
  function appendHighlighted(parent, text, terms) {
    var folded = fold(text);
    var position = 0;
    while (position < text.length) {
      var next = -1, length = 0;
      for (var i = 0; i < terms.length; i++) {
        var from = position;
        while (true) {
          var at = folded.indexOf(terms[i], from);
          if (at < 0) break;
          if (at === 0 || /[^\p{L}\p{N}]/u.test(folded.charAt(at - 1))) {
            if (next < 0 || at < next || (at === next && terms[i].length > length)) { next = at; length = terms[i].length; }
            break;
          }
          from = at + 1;
        }
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

  var LIMIT = 100;

  function showResults(query) {
    var list = document.getElementById("_search-results");
    var status = document.getElementById("_search-status");
    list.textContent = "";
    var result = search(query);
    if (result.terms.length === 0) { status.textContent = "Type words to search the booklet."; return; }
    var hits = result.hits;
    status.textContent = hits.length === 0 ? "No entries match “" + query.trim() + "”."
      : (hits.length === 1 ? "1 entry matches" : hits.length + " entries match") + " “" + query.trim() + "”"
        + (hits.length > LIMIT ? "; the first " + LIMIT + " are shown." : ".");
    hits.slice(0, LIMIT).forEach(function (doc) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.className = "result-title";
      link.href = doc.u;
      var number = document.createElement("span");
      number.className = "number";
      number.textContent = doc.n;
      link.appendChild(number);
      link.appendChild(document.createTextNode(" "));
      appendHighlighted(link, doc.t, result.terms);
      var section = document.createElement("span");
      section.className = "result-section";
      section.textContent = doc.s;
      var text = document.createElement("p");
      text.className = "result-snippet";
      appendHighlighted(text, snippet(doc, result.terms), result.terms);
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
    if (query) showResults(query);
    var pending = 0;
    box.addEventListener("input", function () {
      clearTimeout(pending);
      pending = setTimeout(function () {
        showResults(box.value);
        // Keep ?q= in step so the address can be bookmarked; file:// may refuse it.
        try { history.replaceState(null, "", "?q=" + encodeURIComponent(box.value)); } catch (e) { /* ignore */ }
      }, 60);
    });
  });
})();
