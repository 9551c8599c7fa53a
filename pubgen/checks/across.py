"""Across documents: the same figure agrees between documents, year-over-year changes match last year's document."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Callable, Iterator

from .. import model as m
from ..figures import CURRENT_PHASE, SAME_FIGURE, THREE_PUBLIC_ITEMS, CellPlace, Figure, cells, figures
from ..load import Content, Loaded
from ..problems import Problem, Severity
from ..roles import column_specs
from .base import DocumentCheck, diff_text, to_places
from .registry import ERROR, WARNING, family, rule
from .rounding import UNIT_FACTORS, allowance, half_unit

if TYPE_CHECKING:
    from .narrative_statements import Amount, Comparison, Reading
    from .narrative_text import Paragraph, Piece

ACROSS = family("across", "跨文档")

rule(
    ACROSS,
    "cross-document-mismatch",
    ERROR,
    """
同一部门同一年度的两份文档（如预算公开与绩效自评）对同一数字（如年初预算支出）写法不同。一份是只公开一部分的文档（如只公开“三公”经费）、另一份是完整文档的，报告在只公开一部分的那一份上（完整文档的表格和正文彼此核对过）；其余报告在文件名排在后面的那一份上，消息中写明另一份。修改：核对两份文档。
""",
)

rule(
    ACROSS,
    "year-over-year-mismatch",
    ERROR,
    """
“比上年增减”或“上年数”与上一年度同类文档的数字不符（浙江等地把“三公”经费表按年度分行印的，上一年度那一行（`id: last-year`）就是各项的上年数）。“三公”经费表两年的版式不同的（一年把各项印成一行中的各栏，一年把各项印成行）也按各项核对。栏目写明是另一口径的（预算中的“上年执行数”“调整预算数”，决算中的“上年预算数”，机构改革后的“同口径”“可比口径”）不核对。修改：核对本年与上年的数字。
""",
)


rule(
    ACROSS,
    "text-last-year-mismatch",
    WARNING,
    """
正文写本年的总数“比上年增加（减少）”多少，而仓库里上一年度同类文档的同一张表、同一格数字与此不符：多是照上年文档改写时漏改了增减额。
只核对本文档的表格印着、正文照写的数：总数（“三公”经费合计，收入总计或本年收入合计，支出总计或本年支出合计，全国通行模板的“收入、支出决算总计……与上年度相比，收入、支出总计各增加……”；“总计”对总计，“合计”对合计），
正文点名的表的合计（“一般公共预算基本支出”“一般公共预算支出”“财政拨款收、支总计”“机关运行经费”），和正文点名的行（按行名或科目编码：“行政运行（项）：2026年预算数为248.48万元，比2025年预算数增加3.12万元”；
写着几级科目的，按最后写的那一级）；全国通行的模板只写“2024年度“三公”经费财政拨款支出决算比2023年度增加……”“与上年相比，财政拨款收、支总计各增加……”、不写本年数的，本年数是表中的这一合计，
预算与上年预算比、决算与上年决算比（正文写“比上年执行数”“调整预算”“全年预算”“预计数”“决算数”等的，句中写“同口径”“可比口径”的，不核对），上年文档的那一格印有数字、不与别的数字相混的才核对；
表格以元为单位、正文以万元写的，正文的数是表中数字四舍五入的即算照写。
句中写了上年数的（“比上年预算数789.90万元增加22.40万元”），核对这个上年数与上年文档是否相同。只写了增减率的（“比上年增长3.53%”），按上年文档的数核对这个增减率（允许各数末位的四舍五入）。
只写“比上年持平”“无增减”“不变”、不写数的（““三公”经费比上年持平。”），本年数与上年文档的数不同（超出末位的四舍五入）也报告；“基本持平”不核对。
上一年度只有部分公开的文档（如只公开“三公”经费）的，按它印出的数核对；单位文档只与同一单位上一年度的文档比较。
可能是上年文档的数字印错（那时会另有报告），所以报告为警告。
例：`正文说37.91万元比上年减少12万元，而上年文档 …/2024-budget.yml 的“部门“三公”经费和机关运行经费预算表”中“金额”是 47.91万元：按它应减少 10万元（相差 2）。照上年文档改写时是否漏改了这个数？`
修改：照原文核对本年正文的增减额和上年文档的数字；原文如此的，确认并说明。
""",
)

rule(
    ACROSS,
    "unit-department-mismatch",
    ERROR,
    """
部门只有一个预算单位（单位文档写了 `budget_unit: {whole: true}`）时，部门文档和该单位文档的同一张表、同一格数字应完全相同，
这里不同。例：`“收入预算总表”中“合计”的“合计” 371514655.00 与部门文档中同一格 371514656.00 不一致。`
修改：核对两份文档；两份文档之间相互抄错是最常见的错误。
一份文档有、另一份没有的表，或同一张表中只有一份文档有的行（漏印或名称不同），报告为警告。
""",
)

rule(
    ACROSS,
    "unit-exceeds-department",
    ERROR,
    """
单位文档的收入合计、支出合计、“三公”经费或机关运行经费大于同年同类的部门文档：部门文档汇总了所属各单位，不会比其中一个单位少。
修改：核对两份文档的合计，以及单位文档是否抄了别的单位或别的年度的数字。
""",
)


rule(
    ACROSS,
    "units-exceed-department",
    WARNING,
    """
同年同类的几份单位文档的收入合计、支出合计、“三公”经费或机关运行经费加起来大于部门文档：部门文档汇总了所属各单位，
不会比已公开的几个单位之和还少。多是一个单位的文档抄了另一个单位的数字（每份单独看都不大于部门，合起来才看得出）。
只比较不是部门全部（`whole`）、不是部分公开（`covers`）的单位文档；允许各数末位的四舍五入。
有单位是另一个已公开单位的下属、数字已含在上级单位里的，会重复计算，所以报告为警告。
例：`已公开的 2 个单位文档的“三公”经费之和 94.20万元（2025-budget-unit-benji.yml 47.10、2025-budget-unit-yanjiuyuan.yml 47.10）大于部门文档的 80.20万元：是否有单位抄了别的单位的数字？`
修改：核对各单位文档的这个数；确有下属单位重复计算的，确认并说明。
""",
)


Key = tuple[tuple[str, str], str]
"""(role, [side.]row) and phase: the same figure in two documents."""


def comparable_figures(doc: m.Document, unit: str = "万元") -> dict[Key, Figure]:
    """The first figure of each (well-known row, phase) a document states."""
    out: dict[Key, Figure] = {}
    for f in figures(doc, unit):
        key = f.key()
        if key is None or not f.phase or f.value is None or f.unit == m.TO_FILL:
            continue  # (a table whose unit is still 待填: in 元 or in 万元, its figures are no other document's)
        phase = f.phase
        if f.row == "last-year" and not f.side and f.role and "three-public" in f.role and f.column in THREE_PUBLIC_ITEMS:
            # 浙江's “三公” table a row a year: the year before's row prints each item's last-year figure.
            key, phase = (f.role, THREE_PUBLIC_ITEMS[f.column]), "last-year"
        out.setdefault((key, phase), f)
    return out


def _scope(doc: m.Document) -> str:
    """Documents compared with each other have the same scope: the department's, or one unit's."""
    return doc.budget_unit.slug if doc.scope == "unit" and doc.budget_unit is not None else ""


def _mismatch(dc: DocumentCheck, code: str, message: str, fb: Figure, fa: Figure) -> Problem | None:
    assert fa.value is not None and fb.value is not None
    if fa.unit == fb.unit:
        return dc.compared(code, message, fb.path, fb.field, fb.value, fa.value, allowance([fa.text, fb.text], fb.unit))
    other = in_unit(fa, fb.unit)
    if other is None:
        return None  # a count and an amount, or units that do not convert: not the same figure
    # The same amount printed in two units (91016775.35 元, 9101.68 万元): equal when they agree to the printed digits.
    if abs(fb.value - other) <= half_digit(fa, fb.unit) + half_digit(fb, fb.unit):
        return None
    return dc.problem(code, message, fb.path, fb.field, stated=fb.value, computed=other)


def in_unit(f: Figure, unit: str) -> Decimal | None:
    """``f``'s value in ``unit``: itself in its own unit, converted between money units, else None."""
    if f.value is None:
        return None
    if f.unit == unit:
        return f.value
    if f.unit in UNIT_FACTORS and unit in UNIT_FACTORS:
        return f.value * UNIT_FACTORS[f.unit] / UNIT_FACTORS[unit]
    return None


def half_digit(f: Figure, unit: str) -> Decimal:
    """Half of the last digit ``f`` prints, in ``unit`` (a money unit, as ``f``'s)."""
    return half_unit(f.text) * UNIT_FACTORS[f.unit] / UNIT_FACTORS[unit]


def _shown(f: Figure, other: Figure) -> str:
    """A figure as printed, with its unit when the figure it is compared with is in another."""
    return f"{f.text}{f.unit}" if f.unit != other.unit else str(f.text)


def check_across_documents(content: Content) -> Iterator[Problem]:
    """The same figure agrees between documents of one scope; year-over-year changes match last year's document."""
    unit = content.site.unit if content.site else "万元"
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_department: dict[str, list[int]] = defaultdict(list)
    for i, loaded in enumerate(content.documents):
        doc: m.Document = loaded.record
        # A document of an unknown department is reported as such; the others are still compared.
        if doc.department in content.departments and doc.kind != "project-evaluation":
            groups[(doc.department, _scope(doc))].append(i)
            by_department[doc.department].append(i)
    by_doc: dict[int, dict[Key, Figure]] = {}

    def figures_of(i: int) -> dict[Key, Figure]:
        if i not in by_doc:
            by_doc[i] = comparable_figures(content.documents[i].record, unit)
        return by_doc[i]

    roles: dict[int, set[str]] = {}

    def roles_of(i: int) -> set[str]:
        if i not in roles:
            roles[i] = _key_roles(content.documents[i].record)
        return roles[i]

    for indices in groups.values():
        if len(indices) < 2:
            continue
        # Same year, different documents, same figure and phase.
        for a_pos, a in enumerate(indices):
            for b in indices[a_pos + 1 :]:
                da, db = content.documents[a], content.documents[b]
                if da.record.year != db.record.year or not roles_of(a) & roles_of(b):
                    continue  # no table of the same kind: no figure in common
                if da.record.kind == db.record.kind and m.document_address(da.record) == m.document_address(db.record):
                    continue  # two documents at one address (a wrong year, a copy): duplicate-document says it once
                first, second = a, b  # a difference is told at the second
                if da.record.covers and not db.record.covers:
                    # Told at the partial disclosure (a 三公-only page), not at the whole document, whose tables and text
                    # hold each other to account: the copy is the likelier slip, whichever file sorts first.
                    first, second, da, db = b, a, db, da
                for figure_key, fa in figures_of(first).items():
                    fb = figures_of(second).get(figure_key)
                    # Last year's and change columns depend on each document's own basis (budget or actual).
                    if fb is None or figure_key[1] in ("change", "last-year") or (fb.value == fa.value and fb.unit == fa.unit):
                        continue
                    found = _mismatch(
                        DocumentCheck(db, unit),
                        "cross-document-mismatch",
                        f"“{fb.table_title}”中{_cell(fb.row_label, fb.column_label, fb.column_group)} {_shown(fb, fa)} 与 {da.source.name} 中同一数字"
                        f"（“{fa.table_title}”“{_named(fa)}”）{_shown(fa, fb)} 不一致。",
                        fb,
                        fa,
                    )
                    if found is not None:
                        yield found
        yield from _year_over_year(content, indices, figures_of, unit)
        yield from _text_against_last_year(content, indices, unit)
    for indices in by_department.values():
        yield from _units_against_department(content, indices, unit)


_TEXT_KEYS = {
    "three-public": re.compile(r"三公"),
    "income": re.compile(r"收入(?:总计|总预算|预算总计|预算总额|合计|总额|预算|安排)|总收入"),
    "expenditure": re.compile(r"支出(?:总计|总预算|预算总计|预算总额|合计|总额|预算)|总支出"),
}
"""Totals whose change the text states against last year, by what the figure's clause must name (“收入预算18,976.76万元”
too: a part's clause, 事业收入预算, names a figure no total cell prints, and is left alone)."""
_BOTH_SIDES_TOTAL = re.compile(r"收入?[、和与及]?支出?(?:决算|预算)?(?P<total>总计|合计|安排)")
"""收入、支出决算总计 / 收支总计 / 河北's 部门预算收支安排: both sides' total, which is the income's too."""
_NOT_THE_WHOLE = re.compile(r"财政拨款|一般公共|政府性基金|国有资本|基本支出|项目支出|其中")
_FLAT = frozenset({"持平", "保持不变", "不变", "无增减", "无变化", "没有变化"})
"""The words that say a figure did not change at all (基本持平 allows a little)."""
_TOTAL_ROWS = frozenset({"total", "total-income", "total-expenditure", "grand-total"})
_THREE_PUBLIC_PART = re.compile(r"出国|出境|接待|公务用车|购置|运行")


def _of_total(name: str, f: Figure, said: str) -> bool:
    """Whether ``f`` is the total the clause ``said`` names: 总计 is the grand total, 合计 the year's own."""
    if f.row not in _TOTAL_ROWS:
        return False
    if name == "three-public":
        return "three-public" in (f.role or "") and (f.key() or ("", ""))[1] == "total"
    side = f.side or ("income" if "income" in (f.role or "") else "expenditure" if "expenditure" in (f.role or "") else None)
    if side != name or "three-public" in (f.role or ""):
        return False
    if "总计" in said:
        return f.row == "grand-total"
    if "合计" in said:
        return f.row != "grand-total"
    return True


def _text_against_last_year(content: Content, indices: list[int], unit: str) -> Iterator[Problem]:
    """“2025年“三公”经费预算数为37.91万元，比2024年预算减少12万元” where last year's document in the repository prints
    47.91: the change the text states against the figure last year's document gives (a copy of last year's text with
    half its figures updated). Only totals this document's own tables print with the figure the text states, whose
    row last year's document prints with one figure (收入总计 and 本年收入合计 equal this year but not last year: not
    judged), against the same phase (a budget's against last year's budget, a 决算's against last year's 决算)."""
    from ..keyfigures import key_figure_roles
    from .narrative_check import Narrative
    from .narrative_statements import comparisons, read_paragraph
    from .narrative_text import paragraphs, pieces

    phase_of = {"budget": ("initial-budget", "budget"), "final-accounts": ("actual",)}
    totals: dict[int, list[Figure]] = {}
    every: dict[int, list[Figure]] = {}

    def every_of(loaded: Loaded) -> list[Figure]:
        """A document's printed figures of its year in the tables a row is named from: those printing classification codes,
        and those whose totals the text names by name (_NAMED_TOTALS)."""
        if id(loaded) not in every:
            phases = phase_of[loaded.record.kind]
            roles = {
                b.role
                for b in loaded.record.body
                if isinstance(b, m.Table) and b.role and (_NAMED_TOTAL_ROLE.search(b.role) or any(r.code for r in b.rows))
            }
            every[id(loaded)] = [
                f for f in figures(loaded.record, unit, roles) if f.value is not None and f.phase in phases and f.unit != m.TO_FILL
            ] if roles else []
        return every[id(loaded)]

    def totals_of(loaded: Loaded) -> list[Figure]:
        """A document's printed totals of its year (read once, though it is one year's document and the next one's last)."""
        if id(loaded) not in totals:
            phases = phase_of[loaded.record.kind]
            totals[id(loaded)] = [
                f
                for f in figures(loaded.record, unit, key_figure_roles())
                if f.value is not None and f.phase in phases and f.row in _TOTAL_ROWS and f.unit != m.TO_FILL
            ]
        return totals[id(loaded)]

    for i in indices:
        loaded = content.documents[i]
        doc: m.Document = loaded.record
        if doc.kind not in phase_of:
            continue
        at = _last_years(content, indices, doc)
        if at is None:
            continue
        prev = content.documents[at]
        years = (str(doc.year - 1), "上年", "去年")
        said_before = [p for p in pieces(doc) if p.prose and any(y in p.text for y in years)]
        if not said_before:
            continue
        own, last = totals_of(loaded), totals_of(prev)
        if not own or not last:
            continue
        narrative: Narrative | None = None
        for piece in said_before:
            for paragraph in paragraphs(piece.text):
                text = paragraph.text
                if not any(y in text for y in years) or not ("比" in text or "较" in text or "相比" in text):
                    continue
                reading = read_paragraph(text, None, doc.year)
                for c in comparisons(reading, doc.year):
                    cur, change = c.current, c.change
                    if cur is None and change is not None and c.base is None and c.direction:
                        cur = _total_said(reading, c.start, c.word_at, own, every_of(loaded), change.unit)
                    base = c.base
                    # (a change said as a rate only: “支出812.30万元，比上年增长3.53%”)
                    rate_only = change is None and base is None and c.rate is not None
                    # (no change at all: ““三公”经费比上年持平。” kept from last year's text when the figure moved)
                    flat = change is None and base is None and c.rate is None and c.direction == 0 and c.word in _FLAT
                    if flat and cur is None:
                        cur = _total_said(reading, c.start, c.word_at, own, every_of(loaded), doc.unit or unit)
                    if cur is None or (change is None and base is None and not rate_only and not flat) or not (c.direction or flat):
                        continue
                    # The change said, or last year's figure said (“比上年预算数789.90万元增加22.40万元”): its unit is the one compared.
                    carrier = change if change is not None else base if base is not None else cur
                    if cur.unit not in UNIT_FACTORS or carrier.unit not in UNIT_FACTORS:
                        continue
                    between = text[c.start : c.word_at]
                    other_basis = ("执行", "实际", "调整", "全年", "变动", "预计", *_SAME_BASIS, "决算" if doc.kind == "budget" else "预算")
                    if not any(y in between for y in years) or any(w in between for w in other_basis):
                        continue  # compared with last year's executed or adjusted figure: not what last year's document prints
                    if any(w in text[slice(*reading.sentences[c.sentence])] for w in _SAME_BASIS):
                        continue  # “按同口径比上年预算减少1.90万元”: last year's figure restated, said anywhere in the sentence
                    # “收入、支出决算总计11429.60万元。与2023年度相比，收入、支出总计各增加573.28万元”: the two sides' equal
                    # grand total, as the national template words it.
                    clause = cur.clause.split("，")[-1]
                    said = _BOTH_SIDES_TOTAL.sub(r"收入\g<total>", clause)
                    name = next((n for n, words in _TEXT_KEYS.items() if words.search(said)), None)
                    printed = half_unit(cur.text)

                    def restates(f: Figure) -> bool:
                        """This year's cell the text restates: the same figure, or in the text's coarser unit rounded (元
                        tables, 万元 text)."""
                        v = in_unit(f, cur.unit)
                        return v is not None and (v == cur.value or (f.unit != cur.unit and abs(v - cur.value) <= printed))

                    if name is None or (name != "three-public" and _NOT_THE_WHOLE.search(said)):
                        # Not the document's total: a total the clause names (“一般公共预算基本支出586.09万元”, “机关运行经费”,
                        # “财政拨款收、支总计”), or a row it names (“行政运行（项）2026年预算246.36万元，比2025年预算数增加3.12万元”,
                        # often before a colon: “行政运行（项）：2026年预算数为248.48万元”), at the figure it prints.
                        named = text[reading.sentences[cur.sentence][0] : cur.start]
                        total = next((of for words, of in _NAMED_TOTALS if words.search(clause)), None)
                        if total is not None:
                            keys = {_cell_key(f) for f in every_of(loaded) if total(f) and restates(f)}
                        elif not _CLASSIFIED.search(named):
                            continue  # a row is named by its 类/款/项 or its code (行政运行（项）, 2130101), as the template writes it
                        else:
                            # The row named last: “农林水支出（类）农业农村（款）行政运行（项）” is of 行政运行, whose figure its
                            # 类 and 款 may print too.
                            found = [(at, f) for f in every_of(loaded) if f.row not in _TOTAL_ROWS and (at := _names_row(named, f)) >= 0 and restates(f)]
                            last_named = max((at for at, _ in found), default=-1)
                            keys = {_cell_key(f) for at, f in found if at == last_named}
                        if not keys:
                            continue
                        pool = every_of(prev)
                    else:
                        if name == "three-public" and _THREE_PUBLIC_PART.search(said.split("三公", 1)[-1]):
                            continue  # “三公”经费中公务接待费1.35万元: a part of it
                        # By its kind, side, row and column; last year's is the same cell of last year's table. (A “三公” total
                        # is the same cell whether its table prints the items as columns or as rows.)
                        keys = {_cell_key(f) for f in own if _of_total(name, f, said) and restates(f)}
                        pool = last
                    if not keys:
                        continue
                    befores = [f for f in pool if _cell_key(f) in keys]
                    if not befores or len({in_unit(f, carrier.unit) for f in befores}) != 1:
                        continue  # none, or last year's rows of that figure differ: which the text meant is not known
                    before = befores[0]
                    if base is not None:
                        # Last year's figure written in the sentence: it must be what last year's document prints (the
                        # change, said beside it, is checked against it by the sentence's own arithmetic).
                        last_printed = in_unit(before, base.unit)
                        if last_printed is None or abs(base.value - last_printed) <= allowance([base.text], base.unit) + half_digit(before, base.unit):
                            continue
                        narrative = narrative or Narrative(DocumentCheck(loaded, unit))
                        yield narrative.problem(
                            "text-last-year-mismatch",
                            f"正文写上年数 {base.text}{base.unit}，而上年文档 {prev.source.name} 的“{before.table_title}”中“{_named(before)}”是 "
                            f"{before.text}{before.unit}（{diff_text(base.value, last_printed)}）。照上年文档改写时是否抄错了这个数？",
                            piece,
                            paragraph.offset(base.start),
                            stated=base.value,
                            computed=last_printed,
                        )
                        continue
                    if rate_only:
                        yield from _rate_against_last_year(loaded, unit, prev, piece, paragraph, c, cur, before)
                        continue
                    if flat:
                        then = in_unit(before, cur.unit)
                        if then is None:
                            continue
                        moved = cur.value - then
                        if abs(moved) <= allowance([cur.text], cur.unit) + half_digit(before, cur.unit):
                            continue
                        narrative = narrative or Narrative(DocumentCheck(loaded, unit))
                        yield narrative.problem(
                            "text-last-year-mismatch",
                            f"正文说比上年“{c.word}”，而本年是 {to_places(cur.value, cur.text)}{cur.unit}，上年文档 {prev.source.name} 的"
                            f"“{before.table_title}”中“{_named(before)}”是 {before.text}{before.unit}：应是{'增加' if moved > 0 else '减少'} "
                            f"{to_places(abs(moved), cur.text)}{cur.unit}。照上年文档改写时是否漏改了这句？",
                            piece,
                            paragraph.offset(c.word_at),
                            stated=Decimal(0),
                            computed=moved,
                        )
                        continue
                    assert change is not None
                    then = in_unit(before, change.unit)
                    assert then is not None
                    now = next((in_unit(f, change.unit) for f in (own if pool is last else every_of(loaded)) if _cell_key(f) in keys), None)
                    assert now is not None
                    expected = now - then
                    stated = change.value * c.direction
                    # Rounding of this year's figure, of last year's (in its own unit) and of the change as printed.
                    allowed = (
                        allowance([change.text, cur.text], change.unit)
                        + half_digit(before, change.unit)
                        + half_unit(change.text)
                    )
                    if abs(stated - expected) <= allowed:
                        continue
                    narrative = narrative or Narrative(DocumentCheck(loaded, unit))
                    yield narrative.problem(
                        "text-last-year-mismatch",
                        f"正文说{cur.text}{cur.unit}比上年{c.word}{change.text}{change.unit}，而上年文档 {prev.source.name} 的"
                        f"“{before.table_title}”中“{_named(before)}”是 {before.text}{before.unit}：按它应{'增加' if expected >= 0 else '减少'} "
                        f"{to_places(abs(expected), change.text)}{change.unit}（{diff_text(stated, expected)}）。照上年文档改写时是否漏改了这个数？",
                        piece,
                        paragraph.offset(change.start),
                        stated=stated,
                        computed=expected,
                    )


_NAMED_TOTALS: tuple[tuple[re.Pattern[str], Callable[[Figure], bool]], ...] = (
    (re.compile(r"机关运行经费|行政经费"), lambda f: "operating-costs" in (f.row, f.column)),
    (
        re.compile(r"一般公共预算(?:财政)?(?:拨款)?基本支出"),
        lambda f: (f.role or "").endswith("general-basic") and f.row == "total" and f.column in ("total", "budget", "actual"),
    ),
    (
        re.compile(r"一般公共预算(?:财政)?(?:拨款)?支出(?!.*(?:基本|项目))"),
        lambda f: (f.role or "").endswith("general-expenditure") and f.row == "total" and f.column in ("total", "budget", "actual"),
    ),
    (re.compile(r"财政拨款收[入、，]?\s*支(?:出)?(?:预算|决算)?总(?:计|预算|决算)|财政拨款收支"), lambda f: (f.role or "").endswith("fiscal-summary") and f.row == "grand-total"),
)
"""Totals of one table the text names by their own name, and which cells they are."""
_NAMED_TOTAL_ROLE = re.compile(r"general-basic|general-expenditure|fiscal-summary|three-public|operating")
"""The tables whose totals _NAMED_TOTALS are."""
_CLASSIFIED = re.compile(r"[（(][类款项][）)]|(?<![\d.,])\d{3}(?:\d{2}){0,2}(?![\d.,%％万亿千元人个次辆年月日])")
"""A classification named in a clause: 行政运行（项）, or a code."""
_ROW_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])\s*|[（(](?:类|款|项)[）)]$")


def _names_row(said: str, f: Figure) -> int:
    """Where a clause names ``f``'s row — by its label (without its number, 一、 （一） 1.) or its code — or -1."""
    label = _ROW_NUMBERING.sub("", f.row_label.strip()).replace(" ", "")
    plain = said.replace(" ", "")
    at = plain.rfind(f.code) if f.code and len(f.code) >= 3 else -1
    return max(at, plain.rfind(label) if len(label) >= 4 else -1)


def _cell_key(f: Figure) -> tuple[object, ...]:
    """A cell's place as last year's document prints the same figure: by kind, side, row and column, or, for a “三公”
    item, by the item and the column's phase (one layout prints items as columns, another as rows)."""
    if "three-public" in (f.role or ""):
        return (f.key(), f.phase)
    return (f.role, f.side, f.row, f.column)


def _key_roles(doc: m.Document) -> set[str]:
    """The table kinds whose figures the document states, as figures are matched across documents (see ``Figure.key``)."""
    out: set[str] = set()
    for block in doc.body:
        if isinstance(block, m.Table) and block.role:
            out.add(block.role)
            out.update(target[0] for (role, _), target in SAME_FIGURE.items() if role == block.role)
    return out


def _states_last_year(doc: m.Document) -> bool:
    """Whether the document prints a 上年数 or a change in a table of a known kind (what is compared with last year's)."""
    return any(
        spec.phase in ("change", "last-year")
        for block in doc.body
        if isinstance(block, m.Table) and block.role
        for grid in block.grids()
        for spec in column_specs(grid)
    ) or any(
        # (浙江's “三公” table a row a year: the year before's row, id last-year)
        isinstance(block, m.Table) and block.role and "three-public" in block.role and any(r.id == "last-year" for r in block.rows)
        for block in doc.body
    )


def _last_years(content: Content, indices: list[int], doc: m.Document) -> int | None:
    """Last year's document of the same kind and scope that a document's 上年 figures are of: the one covering the same
    parts, else last year's whole document (a 三公-only disclosure's 上年预算数 is what last year's full budget printed)."""
    same = [
        j
        for j in indices
        if content.documents[j].record.kind == doc.kind and content.documents[j].record.year == doc.year - 1 and _same_publisher(content.documents[j].record, doc)
    ]
    found = next((j for j in same if content.documents[j].record.covers == doc.covers), None)
    if found is None and doc.covers:
        found = next((j for j in same if not content.documents[j].record.covers), None)
    if found is None and len(same) == 1:
        # Last year kept only as a partial disclosure (its 三公 table alone): what it prints is compared, nothing else.
        found = same[0]
    return found


def _same_publisher(a: m.Document, b: m.Document) -> bool:
    """Whether two documents are the department's both, or the same unit's (a unit's document is not last year's
    department's, nor another unit's)."""
    if a.scope != b.scope:
        return False
    if a.scope != "unit":
        return True
    return (a.budget_unit.name if a.budget_unit else None) == (b.budget_unit.name if b.budget_unit else None)


def _year_over_year(content: Content, indices: list[int], figures_of: Callable[[int], dict[Key, Figure]], unit: str) -> Iterator[Problem]:
    for i in indices:
        doc = content.documents[i]
        if not _states_last_year(doc.record):
            continue
        prev = _last_years(content, indices, doc.record)
        if prev is None:
            continue
        phase = CURRENT_PHASE[doc.record.kind]
        mine = figures_of(i)
        for (key, col_phase), f in mine.items():
            if col_phase not in ("change", "last-year") or f.value is None:
                continue
            base = f if col_phase == "last-year" else mine.get((key, "last-year"))
            if _other_basis(f, doc.record.kind) or (base is not None and _other_basis(base, doc.record.kind)):
                continue  # 2024年执行数 in a 2025 budget: not what last year's budget prints
            last = figures_of(prev).get((key, phase))
            if last is None or last.value is None:
                continue
            last_value = in_unit(last, f.unit)  # last year's document may print 元 where this one prints 万元
            if last_value is None:
                continue
            if col_phase == "last-year":
                expected, figures_involved = last_value, [f.text]
            else:
                now = figures_of(i).get((key, phase))
                now_value = None if now is None else in_unit(now, f.unit)
                if now is None or now_value is None:
                    continue
                expected, figures_involved = now_value - last_value, [f.text] + ([now.text] if now.unit == f.unit else [])
            if last.unit == f.unit:
                allowed = allowance(figures_involved + [last.text], f.unit)
            else:
                allowed = allowance(figures_involved, f.unit) + half_digit(last, f.unit) + half_digit(f, f.unit)
                if abs(f.value - expected) <= allowed:
                    continue  # the same amount printed in another unit: no rounding of either document to tell
            what = "上年数" if col_phase == "last-year" else "比上年增减"
            if f.row == "last-year" and f.column_label:
                what = f"“{f.column_label}”（上年数）"  # a row a year: the row is last year's, the column the item
            said = "" if last.unit == f.unit else f"（上年文档印 {last.text}{last.unit}）"
            found = DocumentCheck(doc, unit).compared(
                "year-over-year-mismatch",
                f"“{f.table_title}”中“{_named(f)}”的{what} {f.text} 与上年文档 {content.documents[prev].source.name} 不符："
                f"按上年文档{said}应为 {to_places(expected, f.text)}（{diff_text(f.value, expected)}）。"
                "请照原文核对；原表的上年数确是另一个口径（如上年执行数、调整后预算）时，照原文录入，确认差异并说明口径。",
                f.path,
                f.field,
                f.value,
                expected,
                allowed,
            )
            if found is not None:
                yield found


_EXECUTED = ("执行", "决算", "实际", "调整", "全年")
"""Words of a budget's 上年 column that make it last year's execution or adjusted budget, not last year's budget."""

_SAME_BASIS = ("同口径", "可比口径", "口径调整")
"""Words of a comparison with last year's figures restated on this year's basis (after units merged in or moved out):
not what last year's document prints."""


def _other_basis(f: Figure, kind: str) -> bool:
    """Whether a 上年/增减 column is, by its own words, of another basis than what last year's document of this kind
    prints: a budget's 上年执行数 (last year's budget prints the budget), a 决算's 上年预算数."""
    said = f"{f.column_group} {f.column_label}"
    if any(w in said for w in _SAME_BASIS):
        return True
    if kind == "budget":
        return any(w in said for w in _EXECUTED)
    if kind == "final-accounts":
        return "预算" in said
    return False


def _units_against_department(content: Content, indices: list[int], unit: str) -> Iterator[Problem]:
    """A unit's document against its department's of the same year and kind."""
    departmental = {
        (d.record.year, d.record.kind): d for d in (content.documents[i] for i in indices) if d.record.scope == "department" and not d.record.covers
    }
    from ..keyfigures import defined, key_figure_roles

    # Each document's figures are read once, however many units compare with their department's:
    # every cell for a unit that is the whole department, the tables that name key figures for the others.
    read: dict[int, list[Figure]] = {}
    every: dict[int, dict[str, CellPlace]] = {}

    def figures_of(loaded: Loaded) -> list[Figure]:
        if id(loaded) not in read:
            read[id(loaded)] = [f for f in figures(loaded.record, unit, key_figure_roles()) if f.unit != m.TO_FILL]
        return read[id(loaded)]

    def cells_of(loaded: Loaded) -> dict[str, CellPlace]:
        """The figures of its well-known tables by field (the last of a field printed twice, as before)."""
        if id(loaded) not in every:
            every[id(loaded)] = {c.field: c for c in cells(loaded.record) if c.role and c.cell.value is not None}
        return every[id(loaded)]

    summed: dict[tuple[int, str, str], tuple[Figure, list[tuple[Figure, Loaded]]]] = {}
    """Each year, kind and total: the department's figure and the units', to add up against it."""
    for i in indices:
        loaded: Loaded = content.documents[i]
        doc: m.Document = loaded.record
        if doc.scope != "unit" or doc.budget_unit is None or doc.covers:
            continue
        dept = departmental.get((doc.year, doc.kind))
        if dept is None:
            continue
        dc = DocumentCheck(loaded, unit)
        if doc.budget_unit.whole:
            # Every cell of a well-known table: compared as cells, made a Figure only when they differ.
            theirs = cells_of(dept)
            for field, here in cells_of(loaded).items():
                there = theirs.get(field)
                if there is None or (there.cell.value == here.cell.value and (here.cell.value == 0 or _same_unit(here, there))):
                    continue
                f, other = here.figure(unit), there.figure(unit)
                if m.TO_FILL in (f.unit, other.unit):
                    continue  # a table whose unit is still 待填: the same figures in another unit would differ too
                found = _mismatch(
                    dc,
                    "unit-department-mismatch",
                    f"“{f.table_title}”中{_cell(f.row_label, f.column_label, f.column_group)} {_shown(f, other)} 与部门文档 {dept.source.name} 中同一格 {_shown(other, f)} 不一致"
                    "（本单位即部门全部，两份文档的数字应相同）。",
                    f,
                    other,
                )
                if found is not None:
                    yield found
            yield from _missing_in_one(dc, cells_of(loaded), theirs, dept.source.name)
            continue
        own, department = defined(doc, figures_of(loaded)), defined(dept.record, figures_of(dept))
        for name, label in _UNIT_TOTALS:
            ours, total = own.get(name), department.get(name)
            if ours is None or total is None or ours.value is None or total.value is None:
                continue
            summed.setdefault((doc.year, doc.kind, name), (total, []))[1].append((ours, loaded))
            if ours.unit == total.unit:
                exceeds = ours.value > total.value + allowance([ours.text, total.text], ours.unit)
            elif (in_total := in_unit(total, ours.unit)) is not None:
                # A unit in 元 and its department in 万元 (or the other way): compared converted, each figure
                # allowed half of its last printed digit.
                exceeds = ours.value > in_total + half_digit(ours, ours.unit) + half_digit(total, ours.unit)
            else:
                continue
            if exceeds:
                yield dc.problem(
                    "unit-exceeds-department",
                    f"本单位{label} {ours.text}{ours.unit} 大于部门文档 {dept.source.name} 的{label} {total.text}{total.unit}："
                    "部门汇总了所属各单位，不会比其中一个单位少。",
                    ours.path,
                    ours.field,
                    stated=ours.value,
                    computed=total.value,
                )
    yield from _units_together(summed, departmental, unit)


_UNIT_TOTALS = (("income", "收入合计"), ("expenditure", "支出合计"), ("three-public", "“三公”经费"), ("operating-costs", "机关运行经费"))


def _units_together(
    summed: dict[tuple[int, str, str], tuple[Figure, list[tuple[Figure, Loaded]]]], departmental: dict[tuple[int, str], Loaded], unit: str
) -> Iterator[Problem]:
    """Two or more units' documents whose totals add up to more than their department's: each alone is no larger, so a
    figure copied from one unit into another passed."""
    labels = dict(_UNIT_TOTALS)
    for (year, kind, name), (total, parts) in summed.items():
        if len(parts) < 2 or total.value is None:
            continue
        dept = departmental[(year, kind)]
        values = [in_unit(f, total.unit) for f, _ in parts]
        if any(v is None or v > total.value for v in values):
            continue  # a unit alone larger than its department: unit-exceeds-department tells it, at that unit
        together = sum((v for v in values if v is not None), Decimal(0))
        allowed = half_digit(total, total.unit) + sum((half_digit(f, total.unit) for f, _ in parts), Decimal(0))
        if together <= total.value + allowed:
            continue
        listed = "、".join(f"{loaded.source.name.rsplit('/', 1)[-1]} {f.text}{'' if f.unit == total.unit else f.unit}" for f, loaded in parts)
        label = labels[name]
        yield DocumentCheck(dept, unit).problem(
            "units-exceed-department",
            f"已公开的 {len(parts)} 个单位文档的{label}之和 {to_places(together, total.text)}{total.unit}（{listed}）大于部门文档的 {total.text}{total.unit}："
            "部门汇总了所属各单位，不会比这几个单位之和还少。是否有单位抄了别的单位的数字？",
            total.path,
            total.field,
            stated=together,
            computed=total.value,
            severity=Severity.WARNING,
        )


def _same_unit(a: CellPlace, b: CellPlace) -> bool:
    """Whether two cells of well-known tables are printed in the same unit, cheaply: their tables' units, else their figures'."""
    if (a.block.unit or a.doc.unit) == (b.block.unit or b.doc.unit) and not (a.col.unit or b.col.unit or a.row.unit or b.row.unit):
        return True
    return a.figure().unit == b.figure().unit


def _first_of_each_row(cells: dict[str, CellPlace]) -> dict[tuple[str, str], CellPlace]:
    """Each row's first cell, by (table, row key)."""
    rows: dict[tuple[str, str], CellPlace] = {}
    for c in cells.values():
        rows.setdefault((c.table, c.row.key), c)
    return rows


def _missing_in_one(dc: DocumentCheck, mine: dict[str, CellPlace], theirs: dict[str, CellPlace], other: str) -> Iterator[Problem]:
    """A unit that is its whole department prints the same tables and rows: a table or a row with figures in one
    document and not in the other (left out, or named differently) is said, once each, as a warning."""
    tables_mine = {c.table: c for c in mine.values()}
    tables_theirs = {c.table: c for c in theirs.values()}
    for key, c in tables_theirs.items():
        if key not in tables_mine:
            yield dc.problem(
                "unit-department-mismatch",
                f"部门文档 {other} 有“{c.title}”，本单位文档没有（本单位即部门全部，两份文档应印同样的表）。",
                ("kind",),
                "body",
                severity=Severity.WARNING,
            )
    rows_theirs, rows_mine = _first_of_each_row(theirs), _first_of_each_row(mine)
    for (table, row), c in rows_mine.items():
        if table in tables_theirs and (table, row) not in rows_theirs:
            yield dc.problem(
                "unit-department-mismatch",
                f"“{c.title}”中的“{c.row.label}”一行，部门文档 {other} 的同一张表中没有（或名称不同）："
                "本单位即部门全部，两份文档的行应相同。",
                c.base + ("rows", c.ri),
                c.field.rsplit(".", 1)[0],
                severity=Severity.WARNING,
            )
    for (table, row), c in rows_theirs.items():
        if table in tables_mine and (table, row) not in rows_mine:
            yield dc.problem(
                "unit-department-mismatch",
                f"部门文档 {other} 的“{c.title}”中有“{c.row.label}”一行，本单位文档的同一张表中没有（或名称不同）："
                "本单位即部门全部，两份文档的行应相同。",
                tables_mine[table].base,
                table,
                severity=Severity.WARNING,
            )


def _cell(row_label: str, column_label: str, group: str = "") -> str:
    """“行”的“栏”, or only “栏” (with the columns' group over it: “公务接待费/决算数”) for the one row of a table that
    prints no row label (the 三公 table)."""
    if row_label.strip():
        return f"“{row_label}”的“{column_label}”"
    return f"“{group}/{column_label}”" if group else f"“{column_label}”"


def _rate_against_last_year(
    loaded: Loaded, unit: str, prev: Loaded, piece: Piece, paragraph: Paragraph, c: Comparison, cur: Amount, before: Figure
) -> Iterator[Problem]:
    """“支出812.30万元，比上年增长3.53%” where last year's document prints 786.90 (a rise of 3.23%): the rate said alone."""
    from .narrative_check import Narrative, _growth, _rate_holds
    from .narrative_statements import Amount

    then = in_unit(before, cur.unit)
    if then is None or not then:
        return
    # (exact in this year's unit: last year's printed figure, converted, adds no rounding of its own worth telling)
    last = Amount(cur.start, cur.end, then, f"{then:f}", cur.unit, cur.sentence)
    computed = _growth(cur, last)
    if computed is None or c.rate is None:
        return
    if _rate_holds(c.rate, computed) and (computed[0] >= 0) == (c.direction > 0):
        return
    expected = computed[0]
    yield Narrative(DocumentCheck(loaded, unit)).problem(
        "text-last-year-mismatch",
        f"正文说{cur.text}{cur.unit}比上年{c.word}{c.rate.text}%，而上年文档 {prev.source.name} 的“{before.table_title}”中“{_named(before)}”是 "
        f"{before.text}{before.unit}：按它应{'增长' if expected >= 0 else '下降'} {abs(expected):.2f}%。照上年文档改写时是否漏改了这个数？",
        piece,
        paragraph.offset(c.rate.start),
        stated=c.rate.value * c.direction,
        computed=expected,
    )


def _total_said(reading: Reading, at: int, word_at: int, own: list[Figure], every: list[Figure], unit: str) -> Amount | None:
    """A sentence that names a total without stating it, as the national templates write them — “2024年度“三公”经费财政
    拨款支出决算比2023年度增加17.74万元”, “与上年相比，财政拨款收、支总计各增加76.12万元” after the figure's own
    sentence: this year's is the figure its table prints, as the text's rate is checked against."""
    from .narrative_statements import Amount

    si = next(i for i, (a, b) in enumerate(reading.sentences) if a <= word_at <= b)
    start = reading.sentences[si][0]
    said = reading.text[start:word_at]  # to the word of the change: “与上年相比，财政拨款收、支总计各”
    if any(start <= x.start < word_at for x in reading.amounts):
        return None
    if "三公" in said:
        if _THREE_PUBLIC_PART.search(said.split("三公", 1)[-1]):
            return None
        found = {v for f in own if _of_total("three-public", f, said) and (v := in_unit(f, unit)) is not None}
    else:
        clause = said.split("，")[-1]
        total = next((of for words, of in _NAMED_TOTALS if words.search(clause)), None)
        whole = _BOTH_SIDES_TOTAL.sub(r"收入\g<total>", clause)
        name = next((n for n, words in _TEXT_KEYS.items() if words.search(whole)), None)
        if total is not None:
            found = {v for f in every if total(f) and (v := in_unit(f, unit)) is not None}
        elif name is not None and not _NOT_THE_WHOLE.search(whole):
            found = {v for f in own if _of_total(name, f, whole) and (v := in_unit(f, unit)) is not None}
        else:
            return None
    if len(found) != 1:
        return None
    value = found.pop()
    return Amount(at, at, value, f"{value:f}", unit, si, clause=said + f"{value:f}")


def _named(f: Figure) -> str:
    """A figure's row as a message names it: its label, or, in the one unlabelled row of a 三公 table, its column's."""
    return f.row_label.strip() or "/".join(x for x in (f.column_group, f.column_label) if x)
