/* pubgen search: the header search box, the search page (search/?q=…&year=…&region=…&dept=…&kind=…)
 * and the highlight of a query on the document a result opens (<page>/?hl=…).
 *
 * The index is static files written by `pubgen build` (pubgen/search.py, which documents the tokens):
 * search/manifest.json, search/s/<shard>.json (postings), search/t/<chunk>.json (titles and addresses),
 * search/x/<document>.json (the document's passages, for excerpts) and search/v.json (terms and their
 * pinyin, for suggestions after a query that finds nothing: pubgen/suggest.py).
 * Nothing is fetched until someone searches; a query fetches the manifest once, then only its own shards,
 * the titles and passages of the results shown, and the suggestions only when nothing is found.
 * Every string from the index is put into the page as text (textContent, text nodes), never as markup.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var ROOT = new URL("../", script ? script.src : location.href); // this file is <site>/assets/search.js
  var INDEX = new URL("search/", ROOT);
  var FORMAT = 3;
  var HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var TOKEN = new RegExp("([" + HAN + "]+)|([0-9a-z]+(?:\\.[0-9]+)*)", "g");
  var THOUSANDS = /([0-9]),(?=[0-9]{3}(?![0-9]))/g;
  var QUOTES = /[“”"‘’'「」《》]/g;
  // Quotation marks between two Chinese characters: “三公”经费预算 is read 三公经费预算 (no lookbehind: older Safari).
  var INNER_QUOTES = new RegExp("([" + HAN + "])[“”\"‘’'「」《》]+(?=[" + HAN + "])", "g");
  var SHOWN_IN_DIALOG = 10;
  var PAGE = 20;
  var EXCERPT_BEFORE = 24;
  var EXCERPT_LENGTH = 110;
  var MAX_MARKS = 500;

  // ------------------------------------------------------------------ tokens (as pubgen/search.py)

  function normalize(text) {
    return text.normalize("NFKC").toLowerCase().replace(THOUSANDS, "$1").replace(INNER_QUOTES, "$1");
  }

  function tokens(text) {
    var out = [];
    var match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(text)) !== null) {
      var han = match[1];
      if (han) {
        if (han.length === 1) out.push(han);
        for (var i = 0; i + 1 < han.length; i++) out.push(han.slice(i, i + 2));
      } else {
        var word = match[2];
        out.push(word);
        if (word.indexOf(".") > 0 && /^[0-9]/.test(word)) out.push(word.split(".")[0]);
      }
    }
    return out;
  }

  var encoder = new TextEncoder();
  /* A subject code as the tables print it, 类、款、项 apart (“201 06 01”, “302 01”, with full-width spaces too,
   * which NFKC makes plain): one word, the code whole (2010601), as the index holds it (pubgen/search.py). */
  var SPACED_CODE = /(^|\s)([0-9]{3})((?:\s+[0-9]{2}){1,2})(?!\s*[0-9])(?=\s|$)/g;
  var WHOLE_CODE = /^[0-9]{3}(?:[0-9]{2}){1,2}$/;

  /* The words of a normalized query, a code typed apart joined. */
  function words(normalized) {
    return normalized.replace(SPACED_CODE, function (all, lead, head, rest) {
      return lead + head + rest.replace(/\s+/g, "");
    }).split(/\s+/).filter(Boolean);
  }

  /* A code as the tables print it: 2010601 → “201 06 01”. */
  function spacedCode(code) {
    return code.slice(0, 3) + " " + code.slice(3, 5) + (code.length > 5 ? " " + code.slice(5) : "");
  }

  function fnv1a(token) {
    var bytes = encoder.encode(token);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  // ------------------------------------------------------------------ the index

  var manifestPromise = null;
  var shardCache = {};
  var titleCache = {};
  var passageCache = {};
  var vocabularyPromise = null;

  function getJSON(path, options) {
    return fetch(new URL(path, INDEX).href, options).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + path);
      return response.json();
    });
  }

  function manifest() {
    if (!manifestPromise) {
      // Revalidated on every visit: shards of a newer build must never meet an older manifest.
      manifestPromise = getJSON("manifest.json", { cache: "no-cache" }).then(function (m) {
        if (m.format !== FORMAT) throw new Error("index format " + m.format);
        m.wholeSet = new Set(m.whole);
        m.departments.forEach(function (d) {
          var name = normalize(d[0]).trim();
          [name, name.replace(QUOTES, "")].forEach(function (n) { if (n.length >= 3) m.wholeSet.add(n); });
        });
        m.yearKinds = m.kinds.length;
        return m;
      });
      manifestPromise.catch(function () { manifestPromise = null; });
    }
    return manifestPromise;
  }

  function shard(m, n) {
    if (!shardCache[n]) {
      shardCache[n] = getJSON("s/" + n + ".json?v=" + m.version);
      shardCache[n].catch(function () { delete shardCache[n]; });
    }
    return shardCache[n];
  }

  function titles(m, chunk) {
    if (!titleCache[chunk]) {
      titleCache[chunk] = getJSON("t/" + chunk + ".json?v=" + m.version);
      titleCache[chunk].catch(function () { delete titleCache[chunk]; });
    }
    return titleCache[chunk];
  }

  function passages(m, no) {
    if (!passageCache[no]) {
      passageCache[no] = getJSON("x/" + no + ".json?v=" + m.version);
      passageCache[no].catch(function () { delete passageCache[no]; });
    }
    return passageCache[no];
  }

  /* What a query asks for: every token of every word. A word that is exactly a glossary term,
   * a department or a region (three characters or more) is looked up whole. */
  function plan(m, query) {
    var wanted = [];
    words(normalize(query)).forEach(function (word) {
      var bare = word.replace(QUOTES, "");
      var list = m.wholeSet.has(word) ? ["=" + word] : m.wholeSet.has(bare) ? ["=" + bare] : tokens(word);
      list.forEach(function (t) { if (wanted.indexOf(t) < 0) wanted.push(t); });
    });
    return wanted;
  }

  function decode(m, no) {
    var c = m.codes.charCodeAt(no);
    var n = c >= 0x4e00 ? c - 0x4e00 : c < 0x5c ? c - 0x23 : c - 0x24;
    // Each of m.kinds is [kind, what it is called, scope]: a unit's 预算 is a kind of its own, 单位预算.
    var kind = m.kinds[n % m.yearKinds];
    return { year: m.years[Math.floor(n / m.yearKinds)], kind: kind[0], kindName: kind[1], scope: kind[2] };
  }

  function departmentOf(m, no) {
    var lo = 0, hi = m.departments.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (m.departments[mid][3] <= no) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function matchesFilters(m, no, filters) {
    var code = decode(m, no);
    if (filters.year && String(code.year) !== filters.year) return false;
    if (filters.kind && code.kind !== filters.kind) return false;
    if (filters.scope && code.scope !== filters.scope) return false;
    if (filters.dept || filters.region) {
      var d = m.departments[departmentOf(m, no)];
      if (filters.dept && d[2] !== filters.dept.replace(/\/?$/, "/")) return false;
      if (filters.region) {
        var region = m.regions[d[1]][0];
        if (region !== filters.region && region.indexOf(filters.region + "/") !== 0) return false;
      }
    }
    return true;
  }

  /* Documents holding every token, best first: sum of weight × idf, then newer year, then order. */
  function search(query, filters) {
    return manifest().then(function (m) {
      var wanted = plan(m, query);
      if (!wanted.length) return { manifest: m, hits: [], tokens: wanted };
      var shards = {};
      wanted.forEach(function (t) { shards[fnv1a(t) % m.shards] = true; });
      var numbers = Object.keys(shards);
      return Promise.all(numbers.map(function (n) { return shard(m, n); })).then(function (loaded) {
        var byShard = {};
        numbers.forEach(function (n, i) { byShard[n] = loaded[i]; });
        var lists = wanted.map(function (t) { return byShard[fnv1a(t) % m.shards][t] || []; });
        lists.sort(function (a, b) { return a.length - b.length; });
        if (!lists[0].length) return { manifest: m, hits: [], tokens: wanted };
        var scores = new Map();
        lists.forEach(function (list, li) {
          var idf = Math.log(1 + m.documents / (list.length / 2));
          var next = new Map();
          var doc = 0;
          for (var i = 0; i < list.length; i += 2) {
            doc += list[i];
            var weight = list[i + 1] * idf;
            if (li === 0) {
              if (matchesFilters(m, doc, filters)) next.set(doc, weight);
            } else if (scores.has(doc)) {
              next.set(doc, scores.get(doc) + weight);
            }
          }
          scores = next;
        });
        var hits = Array.from(scores.entries()).map(function (e) {
          return { no: e[0], score: e[1], year: decode(m, e[0]).year };
        });
        hits.sort(function (a, b) { return b.score - a.score || b.year - a.year || a.no - b.no; });
        return { manifest: m, hits: hits, tokens: wanted };
      });
    });
  }

  /* Title, address, kind, department and year of the given hits. */
  function describe(m, hits) {
    var chunks = {};
    hits.forEach(function (h) { chunks[Math.floor(h.no / m.chunk)] = true; });
    var wanted = Object.keys(chunks);
    return Promise.all(wanted.map(function (c) { return titles(m, c); })).then(function (loaded) {
      var byChunk = {};
      wanted.forEach(function (c, i) { byChunk[c] = loaded[i]; });
      return hits.map(function (h) {
        var row = byChunk[Math.floor(h.no / m.chunk)][h.no % m.chunk];
        var code = decode(m, h.no);
        var dept = m.departments[departmentOf(m, h.no)];
        return {
          no: h.no,
          title: row[0],
          url: new URL(row[1], ROOT).href,
          kind: code.kindName,
          scope: code.scope,
          department: dept[0],
          region: m.regions[dept[1]][1],
          year: code.year,
        };
      });
    });
  }

  /* Glossary entries and departments whose name holds the query, shown above the documents. */
  function shortcuts(m, query, filters) {
    var q = normalize(query).replace(QUOTES, "").trim();
    var out = [];
    if (q.length < 2) return out;
    m.glossary.forEach(function (t) {
      var names = [t[0]].concat(t[1]).map(function (n) { return normalize(n).replace(QUOTES, ""); });
      if (names.some(function (n) { return n.indexOf(q) >= 0 || (q.length >= 3 && q.indexOf(n) >= 0); })) {
        out.push({ label: "名词解释", title: t[4] ? t[0] + "（" + t[4] + "）" : t[0], text: t[2], url: new URL("glossary/#" + encodeURIComponent(t[3] || t[0]), ROOT).href });
      }
    });
    var depts = m.departments.filter(function (d, i) {
      if (normalize(d[0]).indexOf(q) < 0) return false;
      if (!filters || !Object.keys(filters).length) return true;
      // Filtered (广东省, 2024年, 决算): a department with some document the filters keep, as the documents listed are.
      var end = i + 1 < m.departments.length ? m.departments[i + 1][3] : m.documents;
      for (var no = d[3]; no < end; no++) if (matchesFilters(m, no, filters)) return true;
      return false;
    });
    depts.slice(0, 3).forEach(function (d) {
      out.push({ label: "部门", title: d[0], text: m.regions[d[1]][1], url: new URL(d[2], ROOT).href });
    });
    return out.slice(0, 4);
  }

  // ------------------------------------------------------------------ showing results

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /* A result: its title and an excerpt with the query's words marked; the link opens the page with them marked. */
  function resultItem(r, m, query) {
    var li = el("li", "md-search-result__item");
    var a = el("a", "md-search-result__link");
    var url = new URL(r.url);
    url.searchParams.set("hl", query.trim());
    a.href = url.href;
    var article = el("article", "md-search-result__article md-typeset");
    var h = el("h1");
    appendMarked(h, r.title, ranges(r.title, needles(query, fold(r.title).text)), 0, r.title.length);
    article.appendChild(h);
    var meta = el("p", "pg-search-meta");
    [r.kind, r.department, r.year + "年"].forEach(function (part, i) {
      if (i) meta.appendChild(document.createTextNode(" · "));
      var span = el("span", "pg-search-" + ["kind", "department", "year"][i], part);
      if (!i) span.className += " pg-search-kind--" + r.scope;
      meta.appendChild(span);
    });
    article.appendChild(meta);
    var text = el("p", "pg-search-excerpt");
    text.setAttribute("aria-busy", "true");
    article.appendChild(text);
    fillExcerpt(text, m, r.no, query);
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function shortcutItem(s) {
    var li = el("li", "md-search-result__item pg-search-shortcut");
    var a = el("a", "md-search-result__link");
    a.href = s.url;
    var article = el("article", "md-search-result__article md-typeset");
    var h = el("h1", null, s.title);
    h.insertBefore(el("span", "pg-search-label", s.label), h.firstChild);
    article.appendChild(h);
    if (s.text) article.appendChild(el("p", "pg-search-meta", s.text));
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function searchPageURL(query, filters) {
    var url = new URL("search/", ROOT);
    if (query) url.searchParams.set("q", query);
    Object.keys(filters || {}).forEach(function (k) { if (filters[k]) url.searchParams.set(k, filters[k]); });
    return url.href;
  }

  function tooShort(query) {
    var q = normalize(query).trim();
    return q.length === 1 && new RegExp("^[" + HAN + "]$").test(q);
  }

  // ------------------------------------------------------------------ matched words: excerpts and highlights

  var QUOTE = /^[“”"‘’'「」《》]$/;
  var DIGIT = /[0-9]/;

  /* Text as the index reads it (NFKC, lower case, no quotes, no thousands separators),
   * with, for each of its characters, where it starts in the original text. */
  var INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g;
  /* Text as words to compare: folded, without spaces or invisible characters. */
  function compact(text) {
    return fold(text.replace(INVISIBLE, "")).text.replace(/\s+/g, "");
  }

  function fold(text) {
    var out = "";
    var at = [];
    for (var i = 0; i < text.length; ) {
      var ch = String.fromCodePoint(text.codePointAt(i));
      var n = ch.normalize("NFKC").toLowerCase();
      var skip = QUOTE.test(ch) ||
        (n === "," && DIGIT.test(out.slice(-1)) && /^[0-9]{3}(?![0-9])/.test(text.slice(i + 1, i + 6).normalize("NFKC")));
      if (!skip) {
        for (var k = 0; k < n.length; k++) at.push(i);
        out += n;
      }
      i += ch.length;
    }
    at.push(text.length);
    return { text: out, at: at };
  }

  /* The strings to mark for a query: each word whole where the text holds it whole, a subject code
   * as the tables print it (201 06 01) where they do, else its tokens. */
  function needles(query, folded) {
    var out = [];
    words(normalize(query)).forEach(function (word) {
      var bare = word.replace(QUOTES, "");
      if (!bare) return;
      var spaced = WHOLE_CODE.test(bare) ? spacedCode(bare) : null;
      var parts = folded.indexOf(bare) >= 0 ? [bare] : spaced && folded.indexOf(spaced) >= 0 ? [spaced] : tokens(bare);
      parts.forEach(function (t) { if (out.indexOf(t) < 0) out.push(t); });
    });
    return out.sort(function (a, b) { return b.length - a.length; });
  }

  /* Where the needles occur in the text: [start, end) in the original text, in order, not overlapping. */
  function ranges(text, list) {
    var f = fold(text);
    var found = [];
    list.forEach(function (needle) {
      // A code printed apart (201 06 01) is a whole row's code, not the end of 1201 06 01 or the start of 201 06 011.
      var apart = needle.indexOf(" ") > 0;
      for (var i = f.text.indexOf(needle); i >= 0 && found.length < MAX_MARKS; i = f.text.indexOf(needle, i + needle.length)) {
        if (apart && (DIGIT.test(f.text.charAt(i - 1)) || DIGIT.test(f.text.charAt(i + needle.length)))) continue;
        found.push([i, i + needle.length]);
      }
    });
    found.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    found.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] < last[1]) { if (r[1] > last[1]) last[1] = r[1]; } else merged.push(r.slice());
    });
    var placed = [];
    merged.forEach(function (r) {
      // The end is where the next folded character starts, unless it comes from the same original one.
      var end = f.at[r[1]];
      if (end <= f.at[r[1] - 1]) end = f.at[r[1] - 1] + 1;
      var start = f.at[r[0]];
      // “三公”经费 is marked whole, its opening quotation mark with its closing one.
      if (start > 0 && /[“‘「《]/.test(text[start - 1]) && /[”’」》]/.test(text.slice(start, end))) start -= 1;
      // Back in the printed text two marks may share the quotation mark the folded text skipped (2024年“三公”经费):
      // one mark, so the mark is not printed twice.
      var last = placed[placed.length - 1];
      if (last && start < last[1]) { if (end > last[1]) last[1] = end; } else placed.push([start, end]);
    });
    return placed;
  }

  /* Append text to a node with the given ranges inside <mark> elements: text nodes only, never markup. */
  function appendMarked(node, text, marks, from, to) {
    var pos = from;
    marks.forEach(function (r) {
      var s = Math.max(r[0], from), e = Math.min(r[1], to);
      if (e <= s) return;
      if (s > pos) node.appendChild(document.createTextNode(text.slice(pos, s)));
      node.appendChild(el("mark", null, text.slice(s, e)));
      pos = e;
    });
    if (pos < to) node.appendChild(document.createTextNode(text.slice(pos, to)));
  }

  /* The passage that holds most of the query (whole words count most), and the part of it to show.
   * The list is the document's passages, then, after an empty string, the site's notes about it (核对说明:
   * “…写作 0.3 万元，而…”): a note is shown only when it holds more of the query than any passage. */
  /* The site's words after a figure in question (pubgen/pagetext.py): shown, but they make no passage longer. */
  var CAVEAT = /（注\d+，数字有出入）/g;

  function excerpt(list, query) {
    var all = list.join("\n");
    var wanted = needles(query, fold(all).text);
    var notes = list.indexOf("");
    var best = null;
    list.forEach(function (passage, i) {
      var marks = ranges(passage, wanted);
      if (!marks.length) return;
      var f = fold(passage).text;
      var score = 0;
      wanted.forEach(function (w) {
        if (f.indexOf(w) >= 0) score += w.length * w.length;
        // A code printed apart is best shown by its own row (201 06 财政事务 …), not a row under it (201 06 01 …).
        if (w.indexOf(" ") > 0 && f.indexOf(w) === 0 && !/^ [0-9]/.test(f.slice(w.length))) score += 1;
      });
      // The title is shown already.
      if (i === 0) score -= 1;
      // On a tie, the document's own words before a note, and a sentence before a heading or a caption.
      var own = notes < 0 || i < notes ? 1 : 0;
      var length = Math.min(passage.replace(CAVEAT, "").length, 60);
      if (!best || score > best.score || (score === best.score && (own > best.own || (own === best.own && length > best.length)))) {
        best = { passage: passage, marks: marks, score: score, own: own, length: length };
      }
    });
    if (!best) {
      var first = list.length > 1 && list[1] ? list[1] : list[0] || "";
      return { text: first, marks: [], from: 0, to: Math.min(first.length, EXCERPT_LENGTH) };
    }
    var text = best.passage;
    var from = Math.max(0, best.marks[0][0] - EXCERPT_BEFORE);
    var to = Math.min(text.length, from + EXCERPT_LENGTH);
    if (to - from < EXCERPT_LENGTH) from = Math.max(0, to - EXCERPT_LENGTH);
    return { text: text, marks: best.marks, from: from, to: to };
  }

  function fillExcerpt(node, m, no, query) {
    return passages(m, no).then(function (list) {
      var shown = excerpt(list, query);
      node.textContent = "";
      if (shown.from > 0) node.appendChild(document.createTextNode("…"));
      appendMarked(node, shown.text, shown.marks, shown.from, shown.to);
      if (shown.to < shown.text.length) node.appendChild(document.createTextNode("…"));
      node.removeAttribute("aria-busy");
    }).catch(function () {
      node.textContent = "";
      node.removeAttribute("aria-busy");
    });
  }

  /* The code cells of the table rows that print a code of the query apart (201 | 06 | 01 for 2010601): marked; how many rows. */
  function markCodeRows(article, query) {
    var codes = words(normalize(query)).filter(function (w) { return WHOLE_CODE.test(w); });
    var count = 0;
    if (!codes.length) return 0;
    article.querySelectorAll("tr").forEach(function (tr) {
      var cells = Array.prototype.filter.call(tr.children, function (c) { return c.classList.contains("pg-code"); });
      if (codes.indexOf(cells.map(function (c) { return c.textContent.trim(); }).join("")) < 0) return;
      cells.forEach(function (c) {
        var text = c.textContent;
        if (!text.trim()) return;
        c.textContent = "";
        c.appendChild(el("mark", "pg-hl", text));
      });
      count += 1;
    });
    return count;
  }

  /* On a page opened from a result (?hl=…): mark the query's words in the text, with a way to clear them. */
  function highlightPage() {
    // A link can carry any text: a highlight is for a query, not a page of text.
    var query = (new URLSearchParams(location.search).get("hl") || "").slice(0, 100);
    var article = document.querySelector(".md-content article, .md-content__inner");
    if (!query || !query.trim() || !article || document.querySelector("form.pg-search")) return;
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        var p = n.parentElement;
        if (!p || !n.nodeValue.trim() || p.closest("script, style, mark, .pg-hl-bar, .pg-tip, .pg-sr, .pg-toc, .pg-tabledownload, [hidden]")) {
          return NodeFilter.FILTER_REJECT;
        }
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    var count = markCodeRows(article, query);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    var wanted = needles(query, fold(nodes.map(function (n) { return n.nodeValue; }).join("\n")).text);
    nodes.forEach(function (n) {
      if (count >= MAX_MARKS) return;
      var text = n.nodeValue;
      var marks = ranges(text, wanted);
      if (!marks.length) return;
      var fragment = document.createDocumentFragment();
      appendMarked(fragment, text, marks, 0, text.length);
      fragment.querySelectorAll("mark").forEach(function (mk) { mk.className = "pg-hl"; });
      count += marks.length;
      n.parentNode.replaceChild(fragment, n);
    });
    var bar = el("div", "pg-hl-bar");
    bar.setAttribute("role", "status");
    // The query is repeated only when the page prints it whole, spaces and invisible characters aside: a link cannot
    // make the site say other words, not even by spacing out a notice character by character (each one is on the page).
    var shown = query.replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
    var echoed = count > 0 && !!shown && compact(article.textContent).indexOf(compact(shown)) >= 0;
    bar.appendChild(el("span", null, count
      ? "已在本页标出" + (echoed ? "“" + shown + "”" : "搜索的词") + "，共 " + count + " 处。"
      : "本页正文没有完整出现搜索的词。"));
    var clear = el("button", "md-button pg-hl-clear", "清除高亮");
    clear.type = "button";
    clear.addEventListener("click", function () {
      article.querySelectorAll("mark.pg-hl").forEach(function (mk) {
        var parent = mk.parentNode;
        parent.replaceChild(document.createTextNode(mk.textContent), mk);
        parent.normalize();
      });
      bar.remove();
      var url = new URL(location.href);
      url.searchParams.delete("hl");
      history.replaceState(history.state, "", url.href);
    });
    bar.appendChild(document.createTextNode(" "));
    bar.appendChild(clear);
    var heading = article.querySelector("h1");
    if (heading && heading.parentNode) heading.parentNode.insertBefore(bar, heading.nextSibling);
    else article.insertBefore(bar, article.firstChild);
    var first = article.querySelector("mark.pg-hl");
    if (first && !location.hash) first.scrollIntoView({ block: "center" });
  }

  // ------------------------------------------------------------------ suggestions when nothing is found

  var KIND_LABELS = { g: "名词解释", d: "部门", r: "地区", w: "常用词" };

  function vocabulary() {
    if (!vocabularyPromise) {
      vocabularyPromise = manifest().then(function (m) {
        return getJSON("v.json?v=" + m.version);
      }).then(function (v) {
        var sounds = {};
        Object.keys(v.pinyin).forEach(function (syllable) {
          Array.from(v.pinyin[syllable]).forEach(function (c) { (sounds[c] = sounds[c] || []).push(syllable); });
        });
        v.sounds = sounds;
        v.terms.forEach(function (t) {
          t.chars = Array.from(t[0]);
          t.pinyin = t.chars.map(function (c) { return (sounds[c] || [c])[0]; }).join("");
        });
        return v;
      });
      vocabularyPromise.catch(function () { vocabularyPromise = null; });
    }
    return vocabularyPromise;
  }

  /* Initials and finals readers mix up when typing by sound: zh/z, ch/c, sh/s, n/l, -ng/-n. */
  function loose(syllable) {
    return syllable.replace(/^([zcs])h/, "$1").replace(/^l/, "n").replace(/ng$/, "n");
  }

  /* How far two characters are apart: 0 the same, ¼ the same sound, ½ a sound often mixed up, 1 otherwise. */
  function charCost(a, b, sounds) {
    if (a === b) return 0;
    var sa = sounds[a], sb = sounds[b];
    if (!sa || !sb) return 1;
    var cost = 1;
    sa.forEach(function (x) {
      sb.forEach(function (y) {
        if (x === y) cost = Math.min(cost, 0.25);
        else if (loose(x) === loose(y)) cost = Math.min(cost, 0.5);
      });
    });
    return cost;
  }

  /* Edit distance with a substitution cost (insertions and deletions cost 1). */
  function distance(a, b, cost) {
    var prev = [];
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      var cur = [i];
      for (j = 1; j <= b.length; j++) {
        cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost(a[i - 1], b[j - 1])));
      }
      prev = cur;
    }
    return prev[b.length];
  }

  /* The terms of the site closest to the query: by sound and by character for Chinese, by letters for pinyin. */
  function suggestions(query) {
    return vocabulary().then(function (v) {
      var words = normalize(query).replace(QUOTES, "").split(/\s+/).filter(Boolean);
      var asked = words.length > 1 ? [words.join("")].concat(words) : words;
      var best = {};
      asked.forEach(function (q) {
        var chars = Array.from(q);
        var latin = /^[a-z]+$/.test(q);
        if (chars.length < 2 || (latin && q.length < 4)) return;
        var limit = latin ? Math.floor(q.length / 5) : chars.length <= 2 ? 0.5 : chars.length <= 4 ? 1 : 1.5;
        v.terms.forEach(function (t) {
          if (Math.abs(t.chars.length - chars.length) > (latin ? 99 : limit)) return;
          var d = latin
            ? distance(q, t.pinyin, function (x, y) { return x === y ? 0 : 1; })
            : distance(chars, t.chars, function (x, y) { return charCost(x, y, v.sounds); });
          // A Chinese query that is a term already found nothing: suggesting it again would not help.
          if ((latin || d > 0) && d <= limit && (!best[t[0]] || d < best[t[0]].d)) best[t[0]] = { term: t[0], kind: t[2], documents: t[1], d: d };
        });
      });
      var order = "gdrw";
      return Object.keys(best).map(function (k) { return best[k]; }).sort(function (a, b) {
        return a.d - b.d || order.indexOf(a.kind) - order.indexOf(b.kind) || b.documents - a.documents || (a.term < b.term ? -1 : 1);
      }).slice(0, 5);
    });
  }

  /* “Did you mean” links and the ways to browse every document, for a query that found nothing. */
  function helpFor(query, found, m, inDialog) {
    var box = el(inDialog ? "li" : "div", "pg-search-help");
    var inner = inDialog ? el("div", "md-typeset") : box;
    if (inDialog) box.appendChild(inner);
    if (found.length) {
      inner.appendChild(el("p", "pg-search-help__title", "您是不是要找："));
      var ul = el("ul", "pg-search-suggestions");
      found.forEach(function (s) {
        var li = el("li");
        var a = el("a", "pg-search-suggestion", s.term);
        a.href = searchPageURL(s.term, {});
        li.appendChild(a);
        li.appendChild(el("span", "pg-search-suggestion__kind", KIND_LABELS[s.kind] || ""));
        ul.appendChild(li);
      });
      inner.appendChild(ul);
    }
    var p = el("p", "pg-search-browse");
    p.appendChild(document.createTextNode(found.length ? "也可以浏览全部文档：" : "可以换一个词，或浏览全部文档："));
    var links = [["按年度", "years/"], ["按地区", "regions/"], ["按部门", "departments/"], ["按类别", "kinds/"]];
    if (m) m.years.slice(0, 3).forEach(function (y) { links.push([y + "年", "years/" + y + "/"]); });
    links.forEach(function (l, i) {
      if (i) p.appendChild(document.createTextNode(" · "));
      var a = el("a", null, l[0]);
      a.href = new URL(l[1], ROOT).href;
      p.appendChild(a);
    });
    inner.appendChild(p);
    return box;
  }

  // ------------------------------------------------------------------ the header search box

  function dialog() {
    var toggle = document.getElementById("__search");
    var box = document.querySelector(".md-search__input");
    var list = document.querySelector(".md-search-result__list");
    var meta = document.querySelector(".md-search-result__meta");
    if (!box || !list || !meta) return;
    var form = box.form;
    var latest = 0;
    var timer = null;

    function run() {
      var query = box.value;
      var ticket = ++latest;
      list.textContent = "";
      if (!query.trim()) { meta.textContent = "输入关键词，例如 三公经费、部门名称或金额"; return; }
      if (tooShort(query)) { meta.textContent = "请至少输入两个汉字"; return; }
      meta.textContent = "正在搜索…";
      search(query, {}).then(function (found) {
        if (ticket !== latest) return null;
        var top = found.hits.slice(0, SHOWN_IN_DIALOG);
        return describe(found.manifest, top).then(function (rows) {
          if (ticket !== latest) return;
          var extra = shortcuts(found.manifest, query);
          list.textContent = "";
          extra.forEach(function (s) { list.appendChild(shortcutItem(s)); });
          rows.forEach(function (r) { list.appendChild(resultItem(r, found.manifest, query)); });
          meta.textContent = found.hits.length ? "找到 " + found.hits.length + " 篇文档" : "没有找到包含“" + query.trim() + "”的文档";
          if (!found.hits.length) {
            return suggestions(query).catch(function () { return []; }).then(function (near) {
              if (ticket === latest) list.appendChild(helpFor(query, near, found.manifest, true));
            });
          }
          if (found.hits.length) {
            var more = el("li", "md-search-result__item pg-search-more");
            var a = el("a", "md-search-result__link", found.hits.length > SHOWN_IN_DIALOG ? "查看全部 " + found.hits.length + " 篇，按年度、地区、部门、类别筛选 →" : "按年度、地区、部门、类别筛选 →");
            a.href = searchPageURL(query, {});
            more.appendChild(a);
            list.appendChild(more);
          }
        });
      }).catch(function () {
        if (ticket === latest) meta.textContent = "搜索暂时不可用，请稍后再试";
      });
    }

    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (box.value.trim()) location.href = searchPageURL(box.value, {});
      });
      form.addEventListener("reset", function () { setTimeout(run, 0); });
    }
    if (toggle) {
      // On wide screens the box sits in the header: using it opens the results.
      box.addEventListener("focus", function () {
        if (!toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
      });
      toggle.addEventListener("change", function () {
        if (toggle.checked) setTimeout(function () { box.focus(); }, 50);
      });
    }
    var root = box.closest(".md-search");
    if (root && toggle) {
      // Tabbing on past the box (or out of the results) closes them: the panel stayed open over the page, which the
      // keyboard's focus went on through unseen.
      root.addEventListener("focusout", function (event) {
        var to = event.relatedTarget;
        if (toggle.checked && to && !root.contains(to)) {
          toggle.checked = false;
          toggle.dispatchEvent(new Event("change"));
        }
      });
      // ↓ and ↑ move from the box through the results; Enter on one opens it.
      root.addEventListener("keydown", function (event) {
        if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
        var stops = [box].concat(Array.prototype.slice.call(list.querySelectorAll("a.md-search-result__link")));
        var at = stops.indexOf(document.activeElement);
        if (at < 0) return;
        var next = stops[at + (event.key === "ArrowDown" ? 1 : -1)];
        if (next) next.focus();
        event.preventDefault();
        event.stopPropagation();
      });
    }
    document.addEventListener("keydown", function (event) {
      var typing = /^(input|textarea|select)$/i.test((event.target && event.target.tagName) || "");
      if (!toggle) return;
      if (event.key === "Escape" && toggle.checked) {
        toggle.checked = false;
        toggle.dispatchEvent(new Event("change"));
        box.blur();
      } else if ((event.key === "/" || event.key === "s") && !typing && !toggle.checked) {
        event.preventDefault();
        toggle.checked = true;
        toggle.dispatchEvent(new Event("change"));
      }
    });
    meta.textContent = "输入关键词，例如 三公经费、部门名称或金额";
  }

  // ------------------------------------------------------------------ the search page

  var FILTERS = ["year", "region", "dept", "kind", "scope"];

  function searchPage() {
    var form = document.querySelector("form.pg-search");
    if (!form) return;
    var status = document.querySelector(".pg-search-status");
    var list = document.querySelector(".pg-search-results");
    var moreButton = document.querySelector(".pg-search-next");
    var help = document.querySelector(".pg-search-help-area");
    if (!help) {
      help = el("div", "pg-search-help-area");
      list.parentNode.insertBefore(help, list);
    }
    var params = new URLSearchParams(location.search);
    form.elements.q.value = params.get("q") || "";
    FILTERS.forEach(function (k) {
      var field = form.elements[k];
      if (field) field.value = params.get(k) || "";
    });
    var latest = 0;
    var hits = [];
    var shown = 0;
    var current = null;
    var asked = "";

    function state() {
      var filters = {};
      FILTERS.forEach(function (k) { var f = form.elements[k]; if (f && f.value) filters[k] = f.value; });
      return { query: form.elements.q.value, filters: filters };
    }

    function showMore(m) {
      var ticket = latest;
      var next = hits.slice(shown, shown + PAGE);
      return describe(m, next).then(function (rows) {
        if (ticket !== latest) return;
        rows.forEach(function (r) { list.appendChild(resultItem(r, m, asked)); });
        shown += next.length;
        moreButton.hidden = shown >= hits.length;
      });
    }

    function run(push) {
      var s = state();
      var url = searchPageURL(s.query, s.filters);
      if (url !== location.href) history[push ? "pushState" : "replaceState"](null, "", url);
      var ticket = ++latest;
      asked = s.query;
      list.textContent = "";
      help.textContent = "";
      moreButton.hidden = true;
      hits = [];
      shown = 0;
      if (!s.query.trim()) { status.textContent = "请输入关键词。"; return; }
      if (tooShort(s.query)) { status.textContent = "请至少输入两个汉字。"; return; }
      status.textContent = "正在搜索…";
      search(s.query, s.filters).then(function (found) {
        if (ticket !== latest) return null;
        hits = found.hits;
        current = found.manifest;
        var extra = shortcuts(found.manifest, s.query, s.filters);
        extra.forEach(function (x) { list.appendChild(shortcutItem(x)); });
        var filtered = Object.keys(s.filters).length ? "（已筛选）" : "";
        status.textContent = hits.length
          ? "找到 " + hits.length + " 篇包含“" + s.query.trim() + "”的文档" + filtered + "。"
          : "没有找到包含“" + s.query.trim() + "”的文档" + filtered + "。";
        if (!hits.length) {
          return suggestions(s.query).catch(function () { return []; }).then(function (near) {
            if (ticket === latest) help.appendChild(helpFor(s.query, near, found.manifest, false));
          });
        }
        return showMore(found.manifest);
      }).catch(function () {
        if (ticket === latest) status.textContent = "搜索暂时不可用，请稍后再试。";
      });
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); run(true); });
    FILTERS.forEach(function (k) {
      var field = form.elements[k];
      if (field) field.addEventListener("change", function () { run(false); });
    });
    moreButton.addEventListener("click", function () { if (current) showMore(current); });
    window.addEventListener("popstate", function () {
      var p = new URLSearchParams(location.search);
      form.elements.q.value = p.get("q") || "";
      FILTERS.forEach(function (k) { var f = form.elements[k]; if (f) f.value = p.get(k) || ""; });
      run(false);
    });
    run(false);
  }

  function start() {
    dialog();
    searchPage();
    highlightPage();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();

  window.pubgenSearch = {
    normalize: normalize, tokens: tokens, fnv1a: fnv1a, search: search, fold: fold, ranges: ranges,
    needles: needles, excerpt: excerpt, suggestions: suggestions, words: words,
  };
})();
