/* Filtering a list of documents: a progressive enhancement.
   Without JavaScript the list reads as printed, a page at a time. With it, the form above the
   list filters every document of the list (from the list's JSON) by region, department, kind,
   year and words of the title; the filter and the page number live in the address. */
(function () {
  "use strict";
  var FIELDS = ["region", "dept", "kind", "year", "q"];

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function option(select, value, label) {
    var o = el("option", { value: value }, label);
    select.appendChild(o);
  }

  function params() {
    var found = {};
    var search = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (f) { found[f] = (search.get(f) || "").trim(); });
    var page = parseInt(search.get("page") || "1", 10);
    found.page = isNaN(page) || page < 1 ? 1 : page;
    return found;
  }

  function active(state) {
    return FIELDS.some(function (f) { return state[f] !== ""; });
  }

  function address(base, state) {
    var search = new URLSearchParams();
    FIELDS.forEach(function (f) { if (state[f]) search.set(f, state[f]); });
    if (state.page > 1) search.set("page", String(state.page));
    var qs = search.toString();
    return base + (qs ? "?" + qs : "");
  }

  function Lister(root) {
    this.root = root;
    this.form = root.querySelector("form.pg-filter");
    this.body = root.querySelector(".pg-list__body");
    this.status = root.querySelector(".pg-list__status");
    this.printed = this.body.innerHTML;
    this.printedStatus = this.status.textContent;
    this.where = root.getAttribute("data-where") === "1";
    // Addresses resolved once: moving to the list's first page changes what a relative link means.
    this.base = new URL(root.getAttribute("data-base"), window.location.href).pathname;
    this.site = new URL(root.getAttribute("data-root"), window.location.href).pathname;
    this.source = new URL(root.getAttribute("data-list"), window.location.href).href;
    this.origin = window.location.pathname;
    this.data = null;
  }

  Lister.prototype.load = function () {
    var self = this;
    return fetch(this.source)
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (data) { self.data = data; self.fill(); return data; });
  };

  Lister.prototype.fill = function () {
    var data = this.data, form = this.form;
    var region = form.elements.region, dept = form.elements.dept, kind = form.elements.kind, year = form.elements.year;
    if (region) data.regions.forEach(function (r) {
      var depth = r[0].split("/").length - 1;
      option(region, r[0], new Array(depth + 1).join("\u3000") + r[1]);
    });
    if (kind) {
      var kinds = {};
      data.rows.forEach(function (row) { kinds[row[2]] = true; });
      Object.keys(data.kinds).forEach(function (k) { if (kinds[k]) option(kind, k, data.kinds[k]); });
    }
    if (year) {
      var years = {};
      data.rows.forEach(function (row) { years[row[0]] = true; });
      Object.keys(years).sort().reverse().forEach(function (y) { option(year, y, y + "年"); });
    }
    this.fillDepartments();
  };

  Lister.prototype.fillDepartments = function () {
    var dept = this.form.elements.dept;
    if (!dept) return;
    var region = this.form.elements.region ? this.form.elements.region.value : "";
    var keep = dept.value;
    while (dept.options.length > 1) dept.remove(1);
    var data = this.data;
    var shown = data.departments
      .filter(function (d) { return !region || inRegion(data.regions[d[2]][0], region); })
      .sort(function (a, b) { return a[1].localeCompare(b[1], "zh-Hans-CN"); });
    shown.forEach(function (d) { option(dept, d[0], d[1]); });
    dept.value = shown.some(function (d) { return d[0] === keep; }) ? keep : "";
  };

  function inRegion(path, region) {
    return path === region || path.indexOf(region + "/") === 0;
  }

  Lister.prototype.matches = function (state) {
    var data = this.data;
    var words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    return data.rows.filter(function (row) {
      var d = data.departments[row[1]];
      var region = data.regions[d[2]];
      if (state.region && !inRegion(region[0], state.region)) return false;
      if (state.dept && d[0] !== state.dept) return false;
      if (state.kind && row[2] !== state.kind) return false;
      if (state.year && String(row[0]) !== state.year) return false;
      var text = (row[3] + " " + d[1] + " " + region[1]).toLowerCase();
      return words.every(function (w) { return text.indexOf(w) !== -1; });
    });
  };

  Lister.prototype.show = function (state) {
    if (!this.data || !active(state) && state.page === 1 && window.location.pathname === this.origin) {
      this.body.innerHTML = this.printed;
      this.status.textContent = this.printedStatus;
      return;
    }
    var rows = this.matches(state);
    var size = this.data.size;
    var pages = Math.max(1, Math.ceil(rows.length / size));
    var page = Math.min(state.page, pages);
    var slice = rows.slice((page - 1) * size, page * size);
    this.status.textContent = "筛选出 " + rows.length + " 份" + (pages > 1 ? "，第 " + page + " 页，共 " + pages + " 页" : "") + "。";
    this.body.textContent = "";
    if (rows.length) this.body.appendChild(this.table(slice));
    else this.body.appendChild(el("p", { "class": "pg-empty" }, "没有符合条件的文档。请放宽筛选条件。"));
    if (pages > 1) this.body.appendChild(this.pager(state, page, pages));
  };

  Lister.prototype.table = function (rows) {
    var data = this.data, self = this;
    var wrap = el("div", { "class": "pg-scroll", role: "region", "aria-label": "筛选结果", tabindex: "0" });
    var table = el("table", { "class": "pg-table pg-table--list" });
    var caption = el("caption");
    caption.appendChild(el("span", { "class": "pg-caption__title" }, "筛选结果"));
    caption.appendChild(document.createTextNode(" "));
    caption.appendChild(el("span", { "class": "pg-unit" }, "金额单位：万元"));
    table.appendChild(caption);
    var heads = ["年度"].concat(this.where ? ["地区", "部门"] : [], ["类别", "文档", "收入合计", "支出合计", "“三公”经费", "得分"]);
    var tr = el("tr");
    heads.forEach(function (h, i) { tr.appendChild(el("th", i >= heads.length - 4 ? { scope: "col", "class": "num" } : { scope: "col" }, h)); });
    table.appendChild(el("thead")).appendChild(tr);
    var body = table.appendChild(el("tbody"));
    rows.forEach(function (row) {
      var d = data.departments[row[1]];
      var r = el("tr");
      r.appendChild(el("td", { "class": "pg-d-year" }, row[0]));
      if (self.where) {
        r.appendChild(el("td", { "class": "pg-d-region" }, data.regions[d[2]][1]));
        var dc = el("td", { "class": "pg-d-dept" });
        dc.appendChild(el("a", { href: self.site + d[0] + "/" }, d[1]));
        r.appendChild(dc);
      }
      r.appendChild(el("td", { "class": "pg-d-kind" }, row[10] || data.kinds[row[2]] || row[2]));
      var tc = el("td", { "class": "pg-d-title" });
      tc.appendChild(el("a", { href: self.site + d[0] + "/" + row[4] }, row[3]));
      r.appendChild(tc);
      for (var i = 0; i < 4; i++) {
        var cell = el("td", { "class": "num", "data-label": heads[heads.length - 4 + i] }, row[5 + i]);
        if (row[9] & (1 << i)) cell.appendChild(el("span", { "class": "pg-rownote" }, "（有出入，见文档）"));
        r.appendChild(cell);
      }
      body.appendChild(r);
    });
    wrap.appendChild(table);
    return wrap;
  };

  Lister.prototype.pager = function (state, page, pages) {
    var self = this;
    var nav = el("nav", { "class": "pg-pager", "aria-label": "分页" });
    var ul = nav.appendChild(el("ul"));
    function item(n, label, current) {
      var li = ul.appendChild(el("li"));
      var a = li.appendChild(el("a", { href: address(self.base, Object.assign({}, state, { page: n })) }, label));
      if (current) a.setAttribute("aria-current", "page");
      else if (label === String(n)) a.setAttribute("aria-label", "第 " + n + " 页");
      a.addEventListener("click", function (event) {
        event.preventDefault();
        self.go(Object.assign({}, state, { page: n }), true);
        self.root.scrollIntoView();
      });
    }
    if (page > 1) item(page - 1, "上一页", false);
    var last = 0;
    for (var n = 1; n <= pages; n++) {
      if (n !== 1 && n !== pages && Math.abs(n - page) > 2) continue;
      if (last && n > last + 1) ul.appendChild(el("li", { "class": "pg-pager__gap", "aria-hidden": "true" }, "…"));
      item(n, String(n), n === page);
      last = n;
    }
    if (page < pages) item(page + 1, "下一页", false);
    return nav;
  };

  Lister.prototype.state = function () {
    var state = { page: 1 };
    var form = this.form;
    FIELDS.forEach(function (f) { state[f] = form.elements[f] ? form.elements[f].value.trim() : ""; });
    return state;
  };

  Lister.prototype.go = function (state, push) {
    if (active(state) || state.page > 1 || window.location.search) {
      var url = active(state) || state.page > 1 ? address(this.base, state) : this.base;
      if (push) window.history.pushState(state, "", url);
      else window.history.replaceState(state, "", url);
    }
    this.show(state);
  };

  Lister.prototype.start = function () {
    var self = this, form = this.form;
    var initial = params();
    form.hidden = false;
    this.load().then(function () {
      FIELDS.forEach(function (f) { if (form.elements[f] && initial[f]) form.elements[f].value = initial[f]; });
      if (form.elements.region) self.fillDepartments();
      if (form.elements.dept && initial.dept) form.elements.dept.value = initial.dept;
      if (active(initial) || initial.page > 1) self.show(initial);
      self.root.setAttribute("data-ready", "1");
    }, function () {
      form.hidden = true; // the printed list stays; nothing to filter with
    });
    var timer = null;
    form.addEventListener("change", function (event) {
      if (event.target.name === "region") self.fillDepartments();
      self.go(self.state(), false);
    });
    form.addEventListener("input", function (event) {
      if (event.target.name !== "q") return;
      clearTimeout(timer);
      timer = setTimeout(function () { self.go(self.state(), false); }, 200);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); self.go(self.state(), false); });
    form.addEventListener("reset", function () {
      setTimeout(function () { if (form.elements.region) self.fillDepartments(); self.go(self.state(), false); }, 0);
    });
    window.addEventListener("popstate", function () {
      var state = params();
      FIELDS.forEach(function (f) { if (form.elements[f]) form.elements[f].value = state[f]; });
      if (form.elements.region) self.fillDepartments();
      if (form.elements.dept) form.elements.dept.value = state.dept;
      self.show(state);
    });
  };

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".pg-list[data-list]"), function (root) {
      if (root.getAttribute("data-started") || !window.fetch || !window.URLSearchParams) return;
      root.setAttribute("data-started", "1");
      new Lister(root).start();
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
