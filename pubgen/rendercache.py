"""The site-wide pages of the last assembly, kept as rendered, so that only the pages whose inputs changed are rendered again.

A page's Markdown is a function of its template (with everything the templates
folder and pubgen hold: the plan's ``base``, under which the kept pages were
built), its address, its change date, what it was given (its ``context``) and
what it read of the site map. So each page rendered is recorded with a key: a
hash of all of these, the site map's parts being those the page read (the names
its templates, macros and any function they called looked up on ``site``). In
the next build, a page whose key, with the same parts read, comes out the same
is the page kept from last time, and it is not rendered: its Markdown and HTML
are those of the page cache (:mod:`pubgen.pagecache`).

What a page was given is hashed whole (:class:`Digests`), by value: every field
of every object it reaches, so a list page's key changes when any document on
its list changes. A page given something that cannot be hashed by value (a
function, an object of an unknown kind) is always rendered.

The record (``renders.json`` in the page cache's folder) is removed when an
assembly starts and written after its pages are kept, so a build stopped
half-way leaves no record, and every page is rendered again the next time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections import defaultdict
from decimal import Decimal
from enum import Enum
from importlib.metadata import version
from pathlib import Path, PurePath
from types import FunctionType, MethodType
from typing import Any

import markupsafe

RECORD = "renders.json"
FORMAT = 2

_LEAVES = frozenset({str, int, float, bool, type(None), Decimal, dt.date, dt.datetime, markupsafe.Markup})
_CONTAINERS = frozenset({list, tuple, dict, set, frozenset})


class Unkeyable(Exception):
    """What a page was given cannot be hashed by value."""


def _state_names(value: Any) -> tuple[str, tuple[str, ...], bool]:
    """An object's class name, its slots (of its class and every base) and whether it has a ``__dict__`` too."""
    cls = value.__class__
    names: list[str] = []
    for klass in cls.__mro__:
        slots = klass.__dict__.get("__slots__", ())
        if isinstance(slots, str):
            slots = (slots,)
        for name in slots:
            if name not in ("__dict__", "__weakref__") and name not in names:
                names.append(name)
    # The names are in the text once, with the class: a field's place in the list says which it is.
    return f"{cls.__module__}.{cls.__qualname__}({'|'.join(names)}):", tuple(names), hasattr(value, "__dict__")


_MISSING = object()

_INLINE = 96
"""A value whose text is at most this long stands in its container's text as itself (its length first), not as a hash."""


class Digests:
    """Hashes of values by what they hold, each object hashed once however often it is reached.

    Objects are remembered by identity for the life of this instance, which keeps
    them alive, so an identity is never reused for another object meanwhile. An
    object whose class has a method ``__made_from__`` is hashed by what that returns:
    every value the object is a function of (with pubgen's code, which the base covers).
    """

    def __init__(self) -> None:
        self._memo: dict[int, str] = {}
        self._alive: list[Any] = []
        self._kinds: dict[type, tuple[str, tuple[str, ...], bool]] = {}

    def know(self, value: Any, what: str) -> None:
        """Take ``what`` (a text that says all ``value`` holds, such as a hash of what it was read from) as its hash."""
        self._memo[id(value)] = "#" + hashlib.blake2b(what.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        self._alive.append(value)

    def of(self, value: Any) -> str:
        """The hash of ``value`` (a hexadecimal text); :class:`Unkeyable` if it holds what cannot be hashed by value."""
        return self._token(value)

    def _token(self, value: Any) -> str:
        cls = value.__class__
        if cls in _LEAVES:
            return repr(value) if cls is not str else "s" + repr(value)
        key = id(value)
        known = self._memo.get(key)
        if known is not None:
            if known == "":
                raise Unkeyable("a value that holds itself")
            return known
        self._memo[key] = ""  # being hashed: reaching it again is a cycle
        self._alive.append(value)
        try:
            text = self._text(value, cls)
        except BaseException:
            del self._memo[key]
            raise
        if len(text) <= _INLINE:
            digest = f"{len(text)}~{text}"  # a small value is its own text: hashing it would cost more than it saves
        else:
            digest = "#" + hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        self._memo[key] = digest
        return digest

    def _text(self, value: Any, cls: type) -> str:
        token = self._token
        leaves = _LEAVES
        if cls is list or cls is tuple:
            return f"{cls.__name__}[" + ",".join([(("s" if v.__class__ is str else "") + repr(v)) if v.__class__ in leaves else token(v) for v in value]) + "]"
        if cls is dict:
            return "dict{" + ",".join([token(k) + ":" + token(v) for k, v in value.items()]) + "}"
        if cls is defaultdict:
            items = ",".join([token(k) + ":" + token(v) for k, v in value.items()])
            return "defaultdict(" + token(value.default_factory) + "){" + items + "}"
        if cls is set or cls is frozenset:
            return f"{cls.__name__}{{" + ",".join(sorted(token(v) for v in value)) + "}"
        if isinstance(value, Enum):
            return f"{cls.__module__}.{cls.__qualname__}:{value.value!r}"
        if isinstance(value, PurePath):
            return f"{cls.__qualname__}:{str(value)!r}"
        if isinstance(value, type):
            return f"type:{value.__module__}.{value.__qualname__}"
        if cls in _CONTAINERS or isinstance(value, (str, int, float, Decimal, dt.date, list, tuple, dict, set, frozenset)):
            raise Unkeyable(f"a subclass of a built-in type: {cls.__qualname__}")
        if cls is re.Pattern:
            return f"re:{value.flags}:{value.pattern!r}"
        if cls is FunctionType:
            return self._function(value)
        if hasattr(value, "cache_info") and getattr(value, "__wrapped__", None).__class__ is FunctionType:
            return "cached:" + self._function(value.__wrapped__)  # a pure function with a cache (glossary.plain)
        if cls is MethodType:
            return "method:" + token(value.__self__) + "." + self._function(value.__func__)
        if callable(value) or cls.__module__ in ("builtins", "types"):
            raise Unkeyable(f"{cls.__qualname__} {value!r}")
        made = getattr(cls, "__made_from__", None)
        if made is not None:
            # A value computed from others says which (pubgen.compare.ComparePage): hashed by them, not its many parts.
            return f"made:{cls.__module__}.{cls.__qualname__}:" + token(made(value))
        kind = self._kinds.get(cls)
        if kind is None:
            kind = self._kinds[cls] = _state_names(value)
        name, names, has_dict = kind
        if not names and not has_dict:
            # State held where Python cannot see it (an object made in C), or none at all: nothing to hash it by.
            raise Unkeyable(f"an object of {cls.__qualname__}, which holds nothing to hash by")
        fields = [getattr(value, n, _MISSING) for n in names]
        text = name + ",".join(
            [(("s" if v.__class__ is str else "") + repr(v)) if v.__class__ in leaves else "-" if v is _MISSING else token(v) for v in fields]
        )
        if has_dict:
            text += ";" + token(vars(value))
        return text + ")"


    def _function(self, fn: Any) -> str:
        """A function of pubgen's own (its code is part of the base) by its name and the values it closes over."""
        if fn.__class__ is not FunctionType or not (fn.__module__ or "").startswith("pubgen."):
            raise Unkeyable(f"a function from outside pubgen: {fn!r}")
        try:
            cells = [c.cell_contents for c in fn.__closure__ or ()]
        except ValueError:  # a cell not yet filled
            raise Unkeyable(f"a function that closes over a name not yet set: {fn!r}") from None
        return "function:" + ":".join(
            [fn.__module__, fn.__qualname__, str(fn.__code__.co_firstlineno), self._token(cells), self._token(fn.__defaults__), self._token(fn.__kwdefaults__)]
        )


class SiteReads:
    """The site map as a page's templates see it: every name they look up on it is noted in ``read``."""

    __slots__ = ("_site", "read")

    def __init__(self, site: Any) -> None:
        self._site = site
        self.read: set[str] = set()

    def __getattr__(self, name: str) -> Any:
        self.read.add(name)
        return getattr(self._site, name)


def _well_formed(entry: Any) -> bool:
    """A recorded page: its key, the names it read of the site map, whether it carries its change date."""
    return (
        isinstance(entry, list)
        and len(entry) == 3
        and isinstance(entry[0], str)
        and isinstance(entry[1], list)
        and all(isinstance(n, str) for n in entry[1])
        and isinstance(entry[2], bool)
    )


class Renders:
    """The keys of the pages rendered last time, and of those rendered (or kept) now."""

    def __init__(self, folder: Path, kept: dict[str, str], base: str) -> None:
        """``kept``: the page cache's pages (Markdown path → HTML path), all built under ``base`` (the plan's hash of
        pubgen, the templates and the shared settings); a page not among them is rendered."""
        self.folder = folder
        self.kept = kept
        self.last: dict[str, list[Any]] = {}
        self.last_files: dict[str, str] = {}
        record = folder / RECORD
        try:
            data = json.loads(record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
        if isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("pages"), dict) and isinstance(data.get("files"), dict):
            self.last = {md: e for md, e in data["pages"].items() if _well_formed(e)}
            self.last_files = {path: key for path, key in data["files"].items() if isinstance(key, str)}
        # Removed before any page changes: a build stopped half-way leaves nothing to trust.
        record.unlink(missing_ok=True)
        self.now: dict[str, list[Any]] = {}
        self.files_now: dict[str, str] = {}
        self._written: list[str] = []
        self.reused: dict[str, str] = {}
        """Pages not rendered: their Markdown path → their HTML's path in the site."""
        self.digests = Digests()
        self._site_parts: dict[str, str] = {}
        self._prefix = f"{FORMAT}\0{base}\0jinja2 {version('jinja2')}\0markupsafe {version('markupsafe')}\0"

    def given(self, template: str, md_path: str, url: str, lastmod: dt.date | None, context: dict[str, Any]) -> str | None:
        """The hash of what a page is given (``None`` if it cannot be hashed by value)."""
        try:
            return self.digests.of([self._prefix, template, md_path, url, lastmod, context])
        except Unkeyable:
            return None

    def _key(self, given: str, site: Any, read: list[str]) -> str:
        parts = [given]
        for name in read:
            part = self._site_parts.get(name)
            if part is None:
                part = self._site_parts[name] = self.digests.of(getattr(site, name, None))
            parts.append(f"{name}={part}")
        return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

    def unchanged(self, md_path: str, given: str | None, site: Any) -> bool:
        """Whether the page at ``md_path`` is the one kept: the same key, the site's parts it read being the same."""
        last = self.last.get(md_path)
        dest = self.kept.get(md_path)
        if given is None or last is None or dest is None or not (self.folder / "html" / md_path).is_file():
            return False
        try:
            same = bool(self._key(given, site, last[1]) == last[0])
        except Unkeyable:
            return False
        if same:
            self.now[md_path] = last
            self.reused[md_path] = dest
        return same

    def dated(self, md_path: str) -> bool:
        """Whether a page kept from last time carries its change date (its front matter has one)."""
        return self.last[md_path][2] is True

    def rendered(self, md_path: str, given: str | None, site: Any, read: set[str], dated: bool) -> None:
        """Note a page rendered now: the names it read of the site map, and whether it carries its change date."""
        if given is None:
            return
        names = sorted(read)
        try:
            self.now[md_path] = [self._key(given, site, names), names, dated]
        except Unkeyable:
            pass

    def given_file(self, path: str, encoding: str, make: Any, inputs: tuple[Any, ...]) -> str | None:
        """The hash of what a list's or comparison's file is made from (``None`` if it cannot be hashed by value)."""
        try:
            return self.digests.of([self._prefix, "file", path, encoding, make, inputs])
        except Unkeyable:
            return None

    def kept_file(self, path: str, given: str | None) -> Path | None:
        """The file kept from last time for ``path``, if it was made from the same inputs."""
        kept = self.folder / "files" / path
        if given is None or self.last_files.get(path) != given or not kept.is_file():
            return None
        self.files_now[path] = given
        return kept

    def wrote_file(self, path: str, given: str | None) -> None:
        """Note a file made now, to be kept (from the site it is placed in) when the build is done."""
        if given is not None:
            self.files_now[path] = given
            self._written.append(path)

    def made(self, target: Path, path: str, write: Any, inputs: tuple[Any, ...]) -> None:
        """Put at ``target`` the file (the site's ``path``) that ``write(target, *inputs)`` makes, or the one kept from
        last time if it was made from the same inputs."""
        from .shard import link

        given = self.given_file(path, "", write, inputs)
        kept = self.kept_file(path, given)
        if kept is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            link(str(kept), str(target))
            return
        write(target, *inputs)
        self.wrote_file(path, given)

    def noted_files(self) -> tuple[dict[str, str], list[str]]:
        """The files kept or made so far, and those made (for :meth:`adopt` in another process)."""
        return dict(self.files_now), list(self._written)

    def adopt(self, noted: tuple[dict[str, str], list[str]]) -> None:
        """Take what another process noted of the files it kept or made (:meth:`noted_files`)."""
        files_now, written = noted
        self.files_now.update(files_now)
        self._written += [path for path in written if path not in self._written]

    def let_go(self) -> None:
        """Forget the hashes of this build's values, and the values with them (the pages are all written)."""
        self.digests = Digests()
        self._site_parts = {}

    def save(self, pages: dict[str, str], site_dir: Path) -> None:
        """Keep the files made now (linked from ``site_dir``), forget those the site no longer has, and record the keys
        of the pages the page cache now keeps (``pages``: its Markdown path → HTML path) and of the files."""
        from .shard import link

        files = self.folder / "files"
        for path in self._written:
            kept = files / path
            kept.parent.mkdir(parents=True, exist_ok=True)
            kept.unlink(missing_ok=True)
            link(str(site_dir / path), str(kept))
        for path in [p for p in self.last_files if p not in self.files_now]:
            (files / path).unlink(missing_ok=True)
        record = {md: entry for md, entry in self.now.items() if md in pages}
        new = self.folder / (RECORD + ".new")
        new.write_text(
            json.dumps({"format": FORMAT, "pages": record, "files": self.files_now}, ensure_ascii=False, sort_keys=True), encoding="utf-8"
        )
        os.replace(new, self.folder / RECORD)
