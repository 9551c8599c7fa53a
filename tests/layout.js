// What a reader sees of the page's tables and figures, measured: returns {problems, narrowest}.
// - no table cell with Chinese text is narrower than four characters (or its whole text when shorter, digits and
//   letters counted as half a character);
// - a run of digits or Latin letters (a figure, a year, “2505.71102”) is never split across lines;
// - a figure and its unit stay on one line (number cells, key-figure cards), and a card holds its figure;
// - a region's name in an index table is on one line.
() => {
  const problems = [];
  let narrowest = null;
  const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
  const oneLine = (range) => {
    const boxes = [...range.getClientRects()].filter((b) => b.width > 0.5 && b.height > 0.5);
    if (boxes.length < 2) return true;
    const top = Math.max(...boxes.map((b) => b.top));
    const bottom = Math.min(...boxes.map((b) => b.bottom));
    return top < bottom;  // every box shares some height with every other: one line
  };
  // The visible text of an element as one list of boxes (text for screen readers only, .pg-sr, is left out).
  const contents = (e) => {
    const boxes = [];
    const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.data.trim() || node.parentElement.closest(".pg-sr")) continue;
      const r = document.createRange();
      r.selectNodeContents(node);
      boxes.push(...r.getClientRects());
    }
    return { getClientRects: () => boxes };
  };
  const say = (e, what) => problems.push(`${what}: “${e.textContent.trim().slice(0, 40)}”`);
  const cells = [...document.querySelectorAll("article table td, article table th")].filter(shown);
  // The text a reader sees in an element (its screen-reader text, .pg-sr, left out).
  const seen = (e) => {
    let out = "";
    const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (!node.parentElement.closest(".pg-sr")) out += node.data;
    return out;
  };
  for (const cell of cells) {
    const text = seen(cell).replace(/\s+/g, "");
    const style = getComputedStyle(cell);
    const em = parseFloat(style.fontSize);
    const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (/[\u4e00-\u9fff]/.test(text)) {
      const chars = inner / em;
      // Its whole text, when shorter than four characters: a Chinese character is one em, a digit or letter about half.
      const needed = Math.min(4, [...text].reduce((n, c) => n + (/[\u0000-\u00ff]/.test(c) ? 0.5 : 1), 0));
      if (!narrowest || chars < narrowest.chars) narrowest = { chars: Math.round(chars * 10) / 10, text: text.slice(0, 30) };
      if (chars < needed - 0.05) say(cell, `column ${chars.toFixed(1)} characters wide, needs ${needed}`);
    }
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement || !shown(node.parentElement) || node.parentElement.closest(".pg-sr")) continue;
      for (const m of node.data.matchAll(/[0-9A-Za-z][0-9A-Za-z.,%]+/g)) {
        const r = document.createRange();
        r.setStart(node, m.index);
        r.setEnd(node, m.index + m[0].length);
        if (!oneLine(r)) say(cell, `“${m[0]}” split across lines`);
      }
    }
    if (cell.classList.contains("num") && cell.tagName === "TD" && !oneLine(contents(cell))) say(cell, "figure and unit on two lines");
  }
  for (const cell of document.querySelectorAll("article table.pg-doctable tbody td:nth-child(2), article table td.pg-region")) {
    if (shown(cell) && !oneLine(contents(cell))) say(cell, "region name split");
  }
  for (const value of [...document.querySelectorAll(".pg-key__value")].filter(shown)) {
    if (!oneLine(contents(value))) say(value, "key figure and unit on two lines");
    const card = value.closest(".pg-key");
    if (value.getBoundingClientRect().right > card.getBoundingClientRect().right + 0.5) say(value, "key figure wider than its card");
  }
  const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  if (overflow > 0) problems.push(`the page scrolls sideways by ${overflow}px`);
  return { problems, narrowest };
}
