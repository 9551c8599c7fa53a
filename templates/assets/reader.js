/* pubgen: remembers a reader's 长辈版 choice in this browser (localStorage, no cookie), completes the printed
   page's footer line with the full address and the day it was printed, and keeps a wide table's figures whole on a
   phone (a swipe rests at a column's edge; a column cut at an edge is veiled). Every page reads the same without it. */
(function () {
  "use strict";
  var root = document.documentElement;
  var box = document.getElementById("pg-elder");
  if (box) {
    box.checked = root.classList.contains("pg-elder");
    box.addEventListener("change", function () {
      root.classList.toggle("pg-elder", box.checked);
      try { localStorage.setItem("pg-elder", box.checked ? "1" : "0"); } catch (e) { /* storage off: the choice lasts for this page */ }
    });
  }
  var url = document.querySelector(".pg-print-url");
  var relative = url && !/^https?:\/\//.test(url.textContent);
  function address() {
    var href = location.href.split("#")[0];
    // A search or a filtered list is chosen by its address and prints with it; any other page prints its permanent
    // address, without the words a search result came with (?hl=…) or a share's tag (?from=…).
    return document.querySelector("form.pg-search, .pg-list[data-list]") ? href : href.split("?")[0];
  }
  var printed = document.querySelector(".pg-print-date");
  function stamp() {
    if (relative) url.textContent = address();
    if (!printed) return;
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    printed.textContent = "　打印日期：" + d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }
  stamp();
  window.addEventListener("beforeprint", stamp);

  // On a phone a term's explanation is pinned to the foot of the screen (pubgen.css). A tapped term kept its focus and
  // its touch hover after its link jumped to the definition, so the box stayed there, under whatever heading the page
  // had moved to. It closes when the link is followed or the page scrolls, and opens again when the term is touched,
  // hovered or focused anew. Beside the term (a wider screen) it moves with the text and is left as it is.
  function pinned(tip) { return getComputedStyle(tip).position === "fixed"; }
  var opened = 0;
  function closeTips(e) {
    // a keyboard's focus scrolls its term into view: that scroll does not close the box the focus opened
    if (e && e.type === "scroll" && Date.now() - opened < 300) return;
    var open = document.querySelectorAll(".pg-term-wrap:hover, .pg-term-wrap:focus-within");
    for (var i = 0; i < open.length; i++) {
      var tip = open[i].querySelector(".pg-tip");
      if (tip && pinned(tip)) open[i].classList.add("pg-tip-closed");
    }
  }
  // Wide tables on a phone (pubgen.css, "tables that fit"): the row labels stay in view while the figures scroll beside
  // them. Each box learns how wide its labels are (--pg-labels), so that a swipe comes to rest with a column just
  // beside them (pg-snap), never half under them; and a figure column cut by either edge of the box is veiled, so that
  // its visible digits (“2.86” of 2112.86, “329” of 3296600) are not read as a whole figure.
  var boxes = Array.prototype.filter.call(document.querySelectorAll(".pg-scroll"), function (box) {
    return !!box.querySelector(":scope > table.pg-table:not(.pg-doctable) > tbody > tr > td");
  });
  function edge(box) {
    // The right edge of the labels kept in view, in the box's coordinates (0 when none stays).
    var label = box.querySelector(":scope > table > tbody > tr > th[scope=row]");
    if (!label || getComputedStyle(label).position !== "sticky") return 0;
    return label.getBoundingClientRect().width;
  }
  function veil(box, side) {
    var v = box.querySelector(":scope > .pg-veil--" + side);
    if (!v) {
      v = document.createElement("div");
      v.className = "pg-veil pg-veil--" + side;
      v.setAttribute("aria-hidden", "true");
      box.appendChild(v);
    }
    return v;
  }
  function place(v, box, from, to) {
    // from / to: the veiled part of the box, in pixels from its left; none when empty.
    if (!(to - from > 1)) { v.classList.remove("pg-veil--on"); return; }
    v.style.transform = "translate(" + (box.scrollLeft + from) + "px, " + box.scrollTop + "px)";
    v.style.width = (to - from) + "px";
    v.style.height = box.clientHeight + "px";
    v.classList.add("pg-veil--on");
  }
  function veils(box) {
    var wide = box.scrollWidth - box.clientWidth > 1 && getComputedStyle(box).scrollSnapType.indexOf("x") === 0;
    var right = null, left = null;
    if (wide) {
      var b = box.getBoundingClientRect();
      var inner = b.left + box.clientLeft;
      var end = inner + box.clientWidth;
      var start = inner + (box._pgLabels || 0);
      var cells = box.querySelectorAll(":scope > table > tbody > tr:first-child > td");
      // Only a column after the labels scrolls under them: an indicator table's 一级/二级指标 columns before its sticky
      // 三级指标 never do, and were veiled as if cut.
      var label = box.querySelector(":scope > table > tbody > tr:first-child > th[scope=row]");
      var after = label ? label.cellIndex : -1;
      for (var i = 0; i < cells.length; i++) {
        var r = cells[i].getBoundingClientRect();
        if (r.left < end - 1 && r.right > end + 1 && right === null) right = [r.left - inner, box.clientWidth];
        if (box._pgLabels && cells[i].cellIndex > after && r.left < start - 1 && r.right > start + 1) left = [box._pgLabels, r.right - inner];
      }
    }
    place(veil(box, "right"), box, right ? right[0] : 0, right ? right[1] : 0);
    place(veil(box, "left"), box, left ? left[0] : 0, left ? left[1] : 0);
  }
  function room(box, labels) {
    // Scrolled to its end, a box showed the column beside the labels half under them (the last columns' widths do not
    // add up to the room beside the labels): the box gets room after its last column for that column to clear them.
    box.style.paddingRight = "";
    var end = box.scrollWidth - box.clientWidth;
    if (!labels || end <= 1) return;
    var inner = box.getBoundingClientRect().left + box.clientLeft - box.scrollLeft;
    var cells = box.querySelectorAll(":scope > table > tbody > tr:first-child > td");
    for (var i = 0; i < cells.length; i++) {
      var r = cells[i].getBoundingClientRect();
      var from = r.left - inner - labels, to = r.right - inner - labels;  // where the box is scrolled to show it beside the labels
      if (from < end - 1 && to > end + 1) {
        box.style.paddingRight = Math.ceil(to - end) + "px";
        return;
      }
    }
  }
  function figuresFirst(box, labels) {
    // A table whose classification codes (类/款/项) and labels fill the screen opens at its first figure, the codes a
    // swipe away to the left: it opened with no figure in view, only the veiled edge of one.
    var first = box.querySelector(":scope > table > tbody > tr:first-child > td:not(.pg-code)");
    if (!labels || box.scrollLeft || !first || !box.querySelector(":scope > table > tbody > tr > td.pg-code")) return;
    var b = box.getBoundingClientRect();
    var r = first.getBoundingClientRect();
    if (r.right > b.left + box.clientLeft + box.clientWidth + 1) box.scrollLeft = r.left - b.left - box.clientLeft - labels;
  }
  function unstuck(box) {
    // Where no column of figures fits whole beside the labels (a nine-digit amount with its 注 mark, in 长辈版 on a
    // phone), the labels scroll with the figures: a figure is read whole, its row's label a swipe back.
    box.classList.remove("pg-unstuck");
    var labels = edge(box);
    if (!labels) return 0;
    var room = box.clientWidth - labels;
    var cells = box.querySelectorAll(":scope > table > tbody > tr:first-child > td:not(.pg-code)");
    for (var i = 0; i < cells.length; i++) {
      if (cells[i].getBoundingClientRect().width > room + 1) {
        box.classList.add("pg-unstuck");
        return 0;
      }
    }
    return labels;
  }
  function measure(start) {
    boxes.forEach(function (box) {
      var untouched = start || box.scrollLeft === box._pgSet;  // nobody has moved it since it was laid out
      var w = unstuck(box);
      box._pgLabels = w;
      box.style.setProperty("--pg-labels", w + "px");
      box.classList.add("pg-snap");
      room(box, w);
      if (untouched) {
        // Until the reader moves it, a box stays where it opened: when its labels stop staying in view (the fonts
        // came, 长辈版), the browser kept it snapped to the column it rested at, past the labels now scrolling with it.
        box.scrollLeft = 0;
        figuresFirst(box, w);
      }
      box._pgSet = box.scrollLeft;
      veils(box);
    });
  }
  if (boxes.length) {
    var pending = false;
    var again = function () {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; measure(); });
    };
    boxes.forEach(function (box) {
      var queued = false;
      box.addEventListener("scroll", function () {
        if (queued) return;
        queued = true;
        requestAnimationFrame(function () { queued = false; veils(box); });
      }, { passive: true });
    });
    measure(true);
    window.addEventListener("resize", again);
    var elder = document.getElementById("pg-elder");
    if (elder) elder.addEventListener("change", again);  // 长辈版: larger type, wider labels
    if (window.ResizeObserver) {
      var watch = new ResizeObserver(again);
      boxes.forEach(function (b) { watch.observe(b.querySelector(":scope > table")); });
    }
  }

  if (document.querySelector(".pg-term-wrap")) {
    document.addEventListener("click", function (e) {
      if (e.target.closest && e.target.closest("a.pg-term")) closeTips(e);
    });
    window.addEventListener("scroll", closeTips, { passive: true });
    window.addEventListener("hashchange", closeTips);
    ["pointerenter", "focusin"].forEach(function (type) {
      document.addEventListener(type, function (e) {
        var wrap = e.target.closest && e.target.closest(".pg-term-wrap");
        if (wrap) { wrap.classList.remove("pg-tip-closed"); opened = Date.now(); }
      }, true);
    });
  }
})();
