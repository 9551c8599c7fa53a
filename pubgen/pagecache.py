"""The site-wide pages of the last assembly, kept so that MkDocs builds again only the pages that changed.

An edit to one document changes a few of the site-wide pages (the lists it is on,
the home page, the feed's page, the glossary) and leaves the rest of a province's
thousands byte for byte the same. A page's HTML depends on its own Markdown and on
what every page shares (MkDocs, the theme, ``mkdocs.yml``, the templates, the site
settings: the plan's ``base`` hash); the navigation names only pages that every
build has. So a page whose Markdown is the one built last time, under the same
base, gets last time's HTML; MkDocs builds the others, with the navigation's pages
stubbed as a shard's build does.

The folder holds ``base`` (the hash the pages were built under), ``pages.json``
(each page's Markdown path → its HTML's path in the site), and each page's
Markdown under ``md/`` and HTML under ``html/``. A page's Markdown is removed
before its HTML is replaced and written after it, so a build stopped half-way
leaves a page that is built again, never one paired with another's HTML.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from .shard import link


class PageCache:
    """The pages kept in ``folder`` from builds under ``base``."""

    def __init__(self, folder: Path, base: str) -> None:
        self.folder = folder
        try:
            same = (folder / "base").read_text(encoding="utf-8") == base
            self.dest: dict[str, str] = json.loads((folder / "pages.json").read_text(encoding="utf-8")) if same else {}
        except (OSError, ValueError):
            same, self.dest = False, {}
        if not same or not isinstance(self.dest, dict):
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "base").write_text(base, encoding="utf-8")
            self.dest = {}

    def take_unchanged(self, docs: Path) -> dict[str, str]:
        """Remove from ``docs`` every page whose Markdown is the one last built; return where their HTML goes."""
        taken: dict[str, str] = {}
        for md in sorted(docs.rglob("*.md")):
            src = md.relative_to(docs).as_posix()
            dest = self.dest.get(src)
            kept, html = self.folder / "md" / src, self.folder / "html" / src
            if dest is None or not html.is_file():
                continue
            try:
                unchanged = kept.read_bytes() == md.read_bytes()
            except OSError:
                continue
            if unchanged:
                md.unlink()
                taken[src] = dest
        return taken

    def place(self, taken: dict[str, str], site_dir: Path) -> None:
        """Put the kept HTML of the pages taken into the built site (over the navigation's stubs)."""
        for src, dest in taken.items():
            target = site_dir / dest
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            link(str(self.folder / "html" / src), str(target))

    def keep(self, docs: Path, written: dict[str, str], taken: dict[str, str], site_dir: Path) -> None:
        """Keep the pages MkDocs built now (not the stubs of the pages taken); forget the pages the site no longer has."""
        for src, dest in written.items():
            if src in taken:
                continue
            kept, html = self.folder / "md" / src, self.folder / "html" / src
            kept.unlink(missing_ok=True)  # first: a page is taken only while its Markdown is there
            html.parent.mkdir(parents=True, exist_ok=True)
            html.unlink(missing_ok=True)
            link(str(site_dir / dest), str(html))
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(docs / src, kept)
            self.dest[src] = dest
        current = set(written) | set(taken)
        for src in [s for s in self.dest if s not in current]:
            (self.folder / "md" / src).unlink(missing_ok=True)
            (self.folder / "html" / src).unlink(missing_ok=True)
            del self.dest[src]
        new = self.folder / "pages.json.new"
        new.write_text(json.dumps(self.dest, sort_keys=True), encoding="utf-8")
        os.replace(new, self.folder / "pages.json")
