/* pubgen search: the header search box and the search page (search/?q=…&year=…&region=…&dept=…&kind=…).
 *
 * The index is static files written by `pubgen build` (pubgen/search.py, which documents the tokens):
 * search/manifest.json, search/s/<shard>.json (postings), search/t/<chunk>.json (titles and addresses).
 * Nothing is fetched until someone searches; a query fetches the manifest once, then only its own shards.
 * Every string from the index is put into the page as text, never as markup.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var ROOT = new URL("../", script ? script.src : location.href); // this file is <site>/assets/search.js
  var INDEX = new URL("search/", ROOT);
  var FORMAT = 1;
  var HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var TOKEN = new RegExp("([" + HAN + "]+)|([0-9a-z]+(?:\\.[0-9]+)*)", "g");
  var THOUSANDS = /([0-9]),(?=[0-9]{3}(?![0-9]))/g;
  var QUOTES = /[“”"‘’'「」《》]/g;
  var SHOWN_IN_DIALOG = 10;
  var PAGE = 20;

  // ------------------------------------------------------------------ tokens (as pubgen/search.py)

  function normalize(text) {
    return text.normalize("NFKC").toLowerCase().replace(THOUSANDS, "$1");
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

  /* What a query asks for: every token of every word. A word that is exactly a glossary term,
   * a department or a region (three characters or more) is looked up whole. */
  function plan(m, query) {
    var words = normalize(query).split(/\s+/).filter(Boolean);
    var wanted = [];
    words.forEach(function (word) {
      var bare = word.replace(QUOTES, "");
      var list = m.wholeSet.has(word) ? ["=" + word] : m.wholeSet.has(bare) ? ["=" + bare] : tokens(word);
      list.forEach(function (t) { if (wanted.indexOf(t) < 0) wanted.push(t); });
    });
    return wanted;
  }

  function decode(m, no) {
    var c = m.codes.charCodeAt(no);
    var n = c >= 0x4e00 ? c - 0x4e00 : c < 0x5c ? c - 0x23 : c - 0x24;
    return { year: m.years[Math.floor(n / m.yearKinds)], kind: m.kinds[n % m.yearKinds][0] };
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
        var kindName = m.kinds.filter(function (k) { return k[0] === code.kind; })[0][1];
        return {
          title: row[0],
          url: new URL(row[1], ROOT).href,
          kind: kindName,
          department: dept[0],
          region: m.regions[dept[1]][1],
          year: code.year,
        };
      });
    });
  }

  /* Glossary entries and departments whose name holds the query, shown above the documents. */
  function shortcuts(m, query) {
    var q = normalize(query).replace(QUOTES, "").trim();
    var out = [];
    if (q.length < 2) return out;
    m.glossary.forEach(function (t) {
      var names = [t[0]].concat(t[1]).map(function (n) { return normalize(n).replace(QUOTES, ""); });
      if (names.some(function (n) { return n.indexOf(q) >= 0 || (q.length >= 3 && q.indexOf(n) >= 0); })) {
        out.push({ label: "名词解释", title: t[0], text: t[2], url: new URL("glossary/#" + encodeURIComponent(t[0]), ROOT).href });
      }
    });
    var depts = m.departments.filter(function (d) { return normalize(d[0]).indexOf(q) >= 0; });
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

  function resultItem(r) {
    var li = el("li", "md-search-result__item");
    var a = el("a", "md-search-result__link");
    a.href = r.url;
    var article = el("article", "md-search-result__article md-typeset");
    article.appendChild(el("h1", null, r.title));
    var meta = el("p", "pg-search-meta");
    [r.kind, r.department, r.year + "年"].forEach(function (part, i) {
      if (i) meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(el("span", "pg-search-" + ["kind", "department", "year"][i], part));
    });
    article.appendChild(meta);
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
          rows.forEach(function (r) { list.appendChild(resultItem(r)); });
          meta.textContent = found.hits.length ? "找到 " + found.hits.length + " 篇文档" : "没有找到包含“" + query.trim() + "”的文档";
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

  var FILTERS = ["year", "region", "dept", "kind"];

  function searchPage() {
    var form = document.querySelector("form.pg-search");
    if (!form) return;
    var status = document.querySelector(".pg-search-status");
    var list = document.querySelector(".pg-search-results");
    var moreButton = document.querySelector(".pg-search-next");
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
        rows.forEach(function (r) { list.appendChild(resultItem(r)); });
        shown += next.length;
        moreButton.hidden = shown >= hits.length;
      });
    }

    function run(push) {
      var s = state();
      var url = searchPageURL(s.query, s.filters);
      if (url !== location.href) history[push ? "pushState" : "replaceState"](null, "", url);
      var ticket = ++latest;
      list.textContent = "";
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
        var extra = shortcuts(found.manifest, s.query);
        extra.forEach(function (x) { list.appendChild(shortcutItem(x)); });
        var filtered = Object.keys(s.filters).length ? "（已筛选）" : "";
        status.textContent = hits.length
          ? "找到 " + hits.length + " 篇包含“" + s.query.trim() + "”的文档" + filtered + "。"
          : "没有找到包含“" + s.query.trim() + "”的文档" + filtered + "。";
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
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();

  window.pubgenSearch = { normalize: normalize, tokens: tokens, fnv1a: fnv1a, search: search };
})();
