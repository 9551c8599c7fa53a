"""Every rule pubgen checks, one module per family, each rule declared in the registry.

The checks run in the order listed here, like a parser's rule list: checks of
the whole content first, then each document's checks.
"""

from __future__ import annotations

from typing import Callable, Iterator

from ..load import Content
from ..problems import Problem
from . import format as _format  # noqa: F401 - declares the rules applied while reading files
from . import acknowledgements as _acknowledgements  # noqa: F401 - declares its rule
from . import rounding as _rounding  # noqa: F401 - declares the rounding policy
from .across import check_across_documents
from .base import DocumentCheck
from .codes import check_class_names, check_codes
from .completeness import check_completeness, check_text_to_fill, check_title_year
from .identities import check_identities, check_row_ids
from .headings import check_headings, check_marks, check_number_splits
from .links import check_links, check_links_in_glossary
from .list_numbers import check_numbering
from ..invisible import invisible_in_document, invisible_in_settings
from .narrative import check_narrative, check_text_tables
from .operating import check_operating_costs
from .balance import check_budget_balance, check_twin_tables
from .pasted import check_pasted
from .references import check_file_names, check_glossary, check_originals, check_references
from .scores import check_scores
from .sums import check_tables
from .targets import check_target_funds

FAMILY_ORDER = (
    "files",
    "fields",
    "references",
    "tables",
    "codes",
    "identities",
    "rounding",
    "scores",
    "narrative",
    "completeness",
    "across",
    "acknowledgements",
)
"""The order of the families in docs/checks.md: from reading a file to comparing documents."""

SITE_CHECKS: tuple[Callable[[Content], Iterator[Problem]], ...] = (
    check_glossary,
    check_references,
    invisible_in_settings,
    check_links_in_glossary,
)
"""Checks of the site's own files (settings, regions, glossary, departments), which every way of checking runs on them
alike: the whole content at once, the parallel check and the cached one (with the documents checked apart)."""

CONTENT_CHECKS: tuple[Callable[[Content], Iterator[Problem]], ...] = (*SITE_CHECKS, check_file_names, check_originals)
"""Checks of the site as a whole: files that refer to each other, and file names and original files (which the parallel
and cached checks run on their own, :func:`pubgen.checks.references.file_name_collisions` and
:func:`pubgen.checks.references.original_problems`: they depend on no YAML file's bytes)."""

ACROSS_CHECKS: tuple[Callable[[Content], Iterator[Problem]], ...] = (check_across_documents,)
"""Checks that compare documents; their problems belong to one document and can be acknowledged there."""

DOCUMENT_CHECKS: tuple[Callable[[DocumentCheck], Iterator[Problem]], ...] = (
    check_tables,
    check_codes,
    check_identities,
    check_row_ids,
    check_target_funds,
    check_class_names,
    check_scores,
    check_text_tables,
    check_narrative,
    check_operating_costs,
    check_budget_balance,
    check_twin_tables,
    check_completeness,
    check_title_year,
    check_text_to_fill,
    invisible_in_document,
    check_links,
    check_numbering,
    check_headings,
    check_marks,
    check_pasted,
    check_number_splits,
)
"""Checks run on every document, in order."""
