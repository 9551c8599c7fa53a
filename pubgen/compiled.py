"""Templates compiled once and kept between builds, in the project's cache folder.

Jinja compiles every template (pubgen's page templates and the theme's) to Python
on first use: about half a second of each build of a small site, paid again by
every build, every shard process and every rebuild of ``pubgen serve``. A build
that may use the cache folder keeps the compiled code there; the next build loads
it instead of compiling.

Nothing can go stale: Jinja files each template under its name and path and
checks the checksum of its source before using it, and the folder is named after
the versions of Jinja, Python and pubgen, whose code the compiled templates call.
A cache that cannot be read or written is only not used: the build compiles.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from jinja2 import FileSystemBytecodeCache
from jinja2.bccache import Bucket

from . import __version__

_FOLDER: Path | None = None
"""Where this process keeps compiled templates, while a build allows it."""


class _Kept(FileSystemBytecodeCache):
    """Jinja's file cache that never fails a build: an unreadable or unwritable folder only means compiling."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a file cut short or of another format: compile again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


@contextmanager
def kept_in(cache: Path | None) -> Iterator[None]:
    """While the block runs, compiled templates are kept under ``cache`` (None: not kept)."""
    global _FOLDER
    import jinja2

    before = _FOLDER
    _FOLDER = cache / f"templates-jinja{jinja2.__version__}-{sys.implementation.cache_tag}-pubgen{__version__}" if cache else None
    try:
        yield
    finally:
        _FOLDER = before


def folder() -> Path | None:
    """Where this process keeps compiled templates while a build allows it (None: nothing is kept)."""
    return _FOLDER


def cache_for(kind: str) -> FileSystemBytecodeCache | None:
    """The cache for one kind of environment (``pages``, ``feed``, ``theme``), or None.

    Each kind has its own folder: the same template compiled under other
    settings (escaping, finalize) is other code.
    """
    if _FOLDER is None:
        return None
    folder = _FOLDER / kind
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _Kept(str(folder))
