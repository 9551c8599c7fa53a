"""Pinyin of the glossary's terms and of the characters search suggests by, kept between builds.

The glossary page lists its terms in pinyin order, and the search's suggestions file holds every reading of 3,755
common characters and of the site's terms (:mod:`pubgen.suggest`). Both come from pypinyin, whose dictionaries take
about a fifth of a second to load: more than a tenth of a small site's whole build, paid again by every build. A build
that may use the project's cache folder (:func:`pubgen.compiled.kept_in`) keeps what it looked up in
``pinyin-<pypinyin's version>.json`` there; the next build reads that file and loads pypinyin only for a term or a
character the file does not hold. What is kept is what pypinyin said, so a build with the file and one without it
write the same pages. A file that cannot be read or written is only not used.
"""

from __future__ import annotations

import json
import os
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Iterable

from . import compiled


def term_keys(terms: Iterable[str]) -> dict[str, str]:
    """Each term's pinyin, syllables joined by spaces (pypinyin's ``lazy_pinyin``, with its phrase dictionary)."""

    def look_up(missing: list[str]) -> list[str]:
        from pypinyin import lazy_pinyin

        return [" ".join(lazy_pinyin(term)) for term in missing]

    return _looked_up("terms", terms, lambda kept: isinstance(kept, str), look_up)


def char_readings(chars: Iterable[str]) -> dict[str, list[str]]:
    """Every toneless reading pypinyin knows of each character (``heteronym``)."""

    def look_up(missing: list[str]) -> list[list[str]]:
        from pypinyin import Style, pinyin

        # A character pypinyin does not know comes back as itself, which no reading equals.
        return [[str(x) for x in found] for found in pinyin(missing, style=Style.NORMAL, heteronym=True, errors="default")]

    return _looked_up("chars", chars, lambda kept: isinstance(kept, list) and all(isinstance(x, str) for x in kept), look_up)


def _looked_up(part: str, keys: Iterable[str], usable: Callable[[Any], bool], look_up: Callable[[list[str]], list[Any]]) -> dict[str, Any]:
    """Each key's value from the kept file's ``part`` where it holds a usable one, else from ``look_up`` (then kept)."""
    wanted = list(dict.fromkeys(keys))
    path = _file()
    kept = _read(path)
    known = kept[part]
    found = {k: known[k] for k in wanted if usable(known.get(k))}
    missing = [k for k in wanted if k not in found]
    if missing:
        for key, value in zip(missing, look_up(missing)):
            found[key] = known[key] = value
        _write(path, kept)
    return {k: found[k] for k in wanted}


def _file() -> Path | None:
    """The kept file of this build's cache folder (None: nothing is kept)."""
    folder = compiled.folder()
    if folder is None:
        return None
    try:
        version = metadata.version("pypinyin")
    except metadata.PackageNotFoundError:
        return None
    return folder.parent / f"pinyin-{version}.json"


def _read(path: Path | None) -> dict[str, dict[str, Any]]:
    """The kept lookups (none where there is no file, or it cannot be read): ``terms`` and ``chars``."""
    kept: dict[str, dict[str, Any]] = {"terms": {}, "chars": {}}
    if path is None:
        return kept
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return kept  # no file yet, or one cut short: looked up again, and written whole
    if isinstance(data, dict):
        for part in kept:
            if isinstance(data.get(part), dict):
                kept[part] = data[part]
    return kept


def _write(path: Path | None, kept: dict[str, dict[str, Any]]) -> None:
    """Write the lookups to the kept file, whole or not at all (a build killed while writing leaves the old file)."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, scratch = tempfile.mkstemp(prefix=".pinyin-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(kept, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(scratch, path)
        except BaseException:
            os.unlink(scratch)
            raise
    except OSError:
        pass
