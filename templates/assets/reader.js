/* pubgen: remembers a reader's 长辈版 choice in this browser (localStorage, no cookie) and completes the printed
   page's footer line with the full address and the day it was printed. Every page reads the same without it. */
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
