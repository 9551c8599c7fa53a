"""What a change moves: documents, figures, text and check problems between two git revisions.

:func:`diff_project` reads ``content/`` at each side (a revision through
:mod:`pubgen.revision`, or the working tree), loads and validates both, and compares them as
data (:class:`ContentDiff`); :func:`render` prints that as a Markdown
pull-request comment, plain text or JSON. Documents are matched by their
address (department, year, kind), never by file path, so moving a file changes
nothing a reader sees; a file that cannot be read, which has no address, is the
document its path holds on the other side. A document removed at one address and
added at another (a department's slug renamed, a year corrected) is paired with
its old self and reported as an address change, compared as any changed document.

The stages, each a module of plain typed objects, read top to bottom:
:mod:`.revisions` reads both sides, :mod:`.documents` pairs and compares their documents (with
:mod:`.figures` for figures, :mod:`.text` for text, :mod:`.sitefiles` for the site's other files
and :mod:`.problems` for check problems) into the data of :mod:`.results`, and :mod:`.output`
prints it.
"""

from __future__ import annotations

from .documents import compare
from .output import FORMATS, render, to_json, to_markdown, to_text
from .results import (
    ContentDiff,
    DiffError,
    DocumentChange,
    FieldChange,
    FigureChange,
    FileChange,
    Hunk,
    NarrativeChange,
    ProblemChange,
    Segment,
    Side,
)
from .revisions import diff_project

__all__ = [
    "FORMATS",
    "ContentDiff",
    "DiffError",
    "DocumentChange",
    "FieldChange",
    "FigureChange",
    "FileChange",
    "Hunk",
    "NarrativeChange",
    "ProblemChange",
    "Segment",
    "Side",
    "compare",
    "diff_project",
    "render",
    "to_json",
    "to_markdown",
    "to_text",
]
