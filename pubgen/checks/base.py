"""What every check needs: the document being checked, tolerances, and how figures are printed."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Any, Iterable

from .. import model as m
from ..load import Loaded, decimal_places
from ..problems import Problem, Severity
from .registry import severity_of

HUNDRED = Decimal(100)


def fmt(value: Decimal) -> str:
    """Print a computed figure without float noise or exponent."""
    text = format(value.normalize(), "f")
    return text if "." not in text else text.rstrip("0").rstrip(".") or "0"


def to_places(value: Decimal, like: str | None) -> str:
    """``value`` to the places the figure it is set beside is printed with (9 beside 7.85: 9.00), when that is exact;
    else :func:`fmt`."""
    places = decimal_places(like)
    if places and value == value.quantize(Decimal(1).scaleb(-places)):
        return f"{value.quantize(Decimal(1).scaleb(-places)):f}"
    return fmt(value)


def as_printed(value: Decimal) -> str:
    """A figure for a problem: as printed (74.00 keeps its zeros) when it has a printed figure's precision, else :func:`fmt`."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -4 <= exponent <= 0:
        return format(value, "f")
    return fmt(value)


def tolerance(figures: Iterable[str | None], exact: bool = False) -> Decimal:
    """How far printed figures may disagree through rounding alone.

    Every figure is taken as rounded to the finest precision printed among
    them; integers alone are taken as exact. The allowance never reaches five
    units of the last printed decimal, so two-decimal figures may differ by a
    few hundredths through rounding, never by 0.05, let alone 0.5.
    """
    texts = [f for f in figures if f]
    places = max((decimal_places(t) for t in texts), default=0)
    if exact or places == 0:
        return Decimal(0)
    unit = Decimal(1).scaleb(-places)
    return min(unit / 2 * (len(texts) - 1), unit * 4)



def department_names(department: m.Department) -> tuple[str, ...]:
    """The names a department goes by: its name, short name and aliases."""
    return tuple(n for n in (department.name, department.short_name, *department.aliases) if n)


class DocumentCheck:
    """What a check needs to know about one document."""

    def __init__(self, loaded: Loaded, default_unit: str = "万元", department: tuple[str, ...] = ()) -> None:
        self.doc: m.Document = loaded.record
        self.src = loaded.source
        self.default_unit = default_unit
        """The site's unit, for documents and tables that name none."""
        self.department = department
        """The names the document's department goes by (:func:`department_names`), when it is defined."""

    def unit(self, table: m.Table) -> str:
        """The money unit of ``table`` (its own, the document's, or the site's); 待填 while the one it takes is still to
        fill (:func:`pubgen.model.money_unit`): its figures are then compared with nothing outside the table."""
        return m.money_unit(self.doc, table, self.default_unit)

    def compared(
        self,
        code: str,
        message: str,
        path: tuple[Any, ...],
        field: str,
        stated: Decimal,
        computed: Decimal,
        allowed: Decimal,
    ) -> Problem | None:
        """The problem ``code`` when two figures differ, a rounding notice when rounding explains it, else None."""
        from .rounding import DIFFERENT, EQUAL, judge

        verdict = judge(stated, computed, allowed)
        if verdict == EQUAL:
            return None
        if verdict == DIFFERENT:
            return self.problem(code, message, path, field, stated=stated, computed=computed)
        return self.problem(
            "rounding-difference",
            message.rstrip("。") + f"，在四舍五入误差范围内（最多可差 {fmt(allowed)}）。",
            path,
            field,
            stated=stated,
            computed=computed,
        )

    def compared_total(self, code: str, message: str, path: tuple[Any, ...], field: str, stated: Decimal, computed: Decimal) -> Problem | None:
        """The problem ``code`` when a printed total (a score, a weight) is not the exact sum of its parts; a rounding notice
        when it is that sum printed to its own, coarser precision (95.53 printed 95.5 or 96); None when they agree."""
        from .rounding import precision_words, rounds_to

        if stated == computed:
            return None
        if rounds_to(stated, computed):
            return self.problem(
                "rounding-difference",
                message.rstrip("。") + f"；{fmt(computed)} 四舍五入到{precision_words(stated)}（印的精度）正是 {fmt(stated)}，在四舍五入误差范围内，不必修改。",
                path,
                field,
                stated=stated,
                computed=computed,
            )
        return self.problem(code, message, path, field, stated=stated, computed=computed)

    def problem(
        self,
        code: str,
        message: str,
        path: tuple[Any, ...],
        field: str,
        *,
        severity: Severity | None = None,
        stated: Decimal | str | None = None,
        computed: Decimal | str | None = None,
    ) -> Problem:
        """A problem at ``path`` in this document, at the rule's own severity unless told otherwise."""
        line, col = self.src.place(path)
        return Problem(
            code=code,
            message=message,
            file=self.src.name,
            line=line,
            column=col,
            severity=severity or severity_of(code),
            field=field,
            stated=None if stated is None else (stated if isinstance(stated, str) else as_printed(stated)),
            computed=None if computed is None else (computed if isinstance(computed, str) else as_printed(computed)),
        )


def diff_text(stated: Decimal, computed: Decimal) -> str:
    return f"相差 {fmt(abs(stated - computed))}"


def table_key(table: m.Table, index: int) -> str:
    return table.id or table.role or f"table-{index + 1}"


def round_to(value: Decimal, places: int, rounding: str = ROUND_HALF_UP) -> Decimal:
    """Round to ``places`` decimals, whatever the size of the number."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=rounding, context=Context(prec=max(28, value.adjusted() + places + 2)))


def cycles(parents: dict[str, str]) -> dict[str, list[str]]:
    """Items whose chain of parents comes back to them, each with its loop as shown in messages.

    Each item has one parent, so every chain is walked once: linear in the
    number of items however long the chains. A loop of more than
    ``LOOP_SHOWN`` items is shown by its first few and last steps.
    """
    out: dict[str, list[str]] = {}
    done: set[str] = set()
    for start in parents:
        if start in done:
            continue
        path: list[str] = []
        at: dict[str, int] = {}
        node: str | None = start
        while node is not None and node not in done and node not in at:
            at[node] = len(path)
            path.append(node)
            node = parents.get(node)
        if node is not None and node in at:
            loop = path[at[node] :]
            for i, member in enumerate(loop):
                out[member] = _loop_shown(loop, i)
        done.update(path)
    return out


LOOP_SHOWN = 8
"""How many steps of a parent loop a message names before eliding the rest."""


def _loop_shown(loop: list[str], i: int) -> list[str]:
    """The loop from ``loop[i]`` round to itself, shortened when long."""
    n = len(loop)
    if n <= LOOP_SHOWN:
        return [loop[(i + k) % n] for k in range(n)] + [loop[i]]
    head = [loop[(i + k) % n] for k in range(LOOP_SHOWN - 2)]
    return head + [f"…（共 {n} 项）", loop[(i - 1) % n], loop[i]]


def quoted(text: str) -> str:
    """``text`` in Chinese quotation marks, the marks it holds made single: “‘三公’经费”, never ““三公”经费”."""
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"
