"""What the search proposes when a query finds nothing: the closest terms of the site, and how they sound.

The browser fetches ``search/v.json`` only after a query with no result. It holds:

* ``terms``: ``[term, documents, kind]`` — the glossary's terms and aliases (kind ``g``),
  department names (``d``), region names (``r``) and the row names, field names, table
  titles and headings the documents print most often (``w``), each with the number of
  documents it was counted in (0 where that is not counted);
* ``pinyin``: ``{syllable: characters}`` — the toneless readings of every character of
  those terms and of the 3,755 common characters (GB 2312 level 1), so that a character
  typed by its sound (三工经费, 花都去) is near the one meant (三公经费, 花都区), and a query
  typed in pinyin (``sangong``) is compared with the terms' pinyin.

The distance is computed in ``templates/assets/search.js``.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterable

from .pinyin import char_readings


MAX_WORDS = 2000
"""Most frequent document words kept (the glossary's, departments' and regions' names are always kept)."""

_HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")
_NUMBERING = re.compile(
    r"^\s*(?:[（(]?[一二三四五六七八九十百]+[)）、.．]|[（(]?[0-9０-９]+[)）、.．]|[（(][0-9０-９一二三四五六七八九十]+[)）])\s*"
)
_QUOTES = str.maketrans("", "", "“”\"‘’'「」《》")
_TRAILING = re.compile(r"[：:；;，,。、\s]+$")


def word(label: str) -> str | None:
    """A label as a suggestable word: numbering, quotes and trailing punctuation off; Chinese characters only, 2–16."""
    text = _TRAILING.sub("", _NUMBERING.sub("", label)).translate(_QUOTES).strip()
    if 2 <= len(text) <= 16 and _HAN.match(text):
        return text
    return None


def document_words(labels: Iterable[str]) -> set[str]:
    """The distinct suggestable words among one document's labels."""
    return {w for w in map(word, labels) if w}


def vocabulary(
    glossary: Iterable[str], departments: Iterable[str], regions: Iterable[str], frequent: Counter[str]
) -> list[list[object]]:
    """``[term, documents, kind]`` rows: names first, then the most frequent document words."""
    rows: list[list[object]] = []
    seen: set[str] = set()
    for kind, names in (("g", glossary), ("d", departments), ("r", regions)):
        for name in sorted({n.translate(_QUOTES).strip() for n in names}):
            if len(name) >= 2 and name not in seen:
                seen.add(name)
                rows.append([name, frequent.get(name, 0), kind])
    kept = sorted(((w, n) for w, n in frequent.items() if w not in seen), key=lambda wn: (-wn[1], wn[0]))
    rows.extend([w, n, "w"] for w, n in kept[:MAX_WORDS])
    return rows


@lru_cache(maxsize=1)
def _common() -> str:
    """GB 2312 level-1 characters (the 3,755 most used), in code order."""
    chars = []
    for high in range(0xB0, 0xD8):
        for low in range(0xA1, 0xFF):
            try:
                chars.append(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


def readings(characters: Iterable[str]) -> dict[str, str]:
    """``{syllable: characters}``: each Chinese character under every toneless reading pypinyin knows."""
    chars = sorted(set(_common()) | {c for c in characters if _HAN.match(c)})
    table: dict[str, list[str]] = {}
    for char, found in char_readings(chars).items():
        for syllable in dict.fromkeys(found):
            if syllable.isascii() and syllable.isalpha():
                table.setdefault(syllable, []).append(char)
    return {s: "".join(cs) for s, cs in sorted(table.items())}
