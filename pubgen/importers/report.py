"""What an import placed, what it was unsure of and what it could not place, with page and text."""

from __future__ import annotations

from dataclasses import dataclass, field

PLACED = "placed"
UNSURE = "unsure"
UNPLACED = "unplaced"


@dataclass(slots=True, frozen=True)
class Item:
    """One line of the import report."""

    status: str
    """``placed``, ``unsure`` (placed, marked with a comment to check) or ``unplaced``."""
    what: str
    """``table``, ``heading``, ``text``, ``list``, ``glossary``, ``cover``, ``toc`` or ``note``."""
    where: str
    """``第 7 页`` or ``工作表“封面”A3``."""
    message: str
    text: str = ""
    """The printed text it concerns, shortened."""
    count: int = 1
    """How many elements the line stands for (paragraphs of one run of text)."""


@dataclass(slots=True)
class Report:
    """Everything one file's import did, in printed order."""

    items: list[Item] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)
    """Where and under what title each table of no known kind is: the checks of a kind do not run on its figures."""

    def placed(self, what: str, where: str, message: str, text: str = "", count: int = 1) -> None:
        self.items.append(Item(PLACED, what, where, message, _short(text), count))

    def unsure(self, where: str, message: str, text: str = "", what: str = "note") -> None:
        self.items.append(Item(UNSURE, what, where, message, _short(text)))

    def unplaced(self, where: str, message: str, text: str = "", what: str = "note") -> None:
        self.items.append(Item(UNPLACED, what, where, message, _short(text)))

    def of(self, status: str) -> list[Item]:
        return [item for item in self.items if item.status == status]


def _short(text: str, limit: int = 60) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"
