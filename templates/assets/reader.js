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
})();
