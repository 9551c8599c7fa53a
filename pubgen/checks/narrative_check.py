"""The narrative checks of one document: figures against the tables, rates, directions, years, template words, names.

The rules are declared in :mod:`.narrative`; what the sentences say is read by
:mod:`.narrative_statements`, and what their words name by :mod:`.narrative_items`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import ROUND_DOWN, Decimal
from typing import Iterable, Iterator

from .. import model as m
from ..figures import CURRENT_PHASE
from ..load import decimal_places
from ..problems import Problem
from ..roles import ColumnSpec, column_specs, row_specs, table_name
from .base import DocumentCheck, diff_text, fmt, quoted, round_to, to_places
from .narrative_score import stated_scores
from .narrative_items import CODE_PATH, DASH_NAME, FISCAL_TWINS, LEVELS, Candidate, Item, Items, name_of, own_names
from .narrative_statements import (
    CHANGE_WORDS,
    COMPLETION,
    PHASE_WORDS,
    VERSUS,
    VERSUS_SIGN,
    IN_COMPLETION,
    NAMED_BUDGET,
    Amount,
    Comparison,
    Percent,
    Reading,
    both_totals,
    completions,
    comparisons,
    direction_of,
    gap_word,
    in_brackets,
    name_at_end,
    names,
    names_exactly,
    read_paragraph,
    shares,
    stated_among,
    whole_variants,
    GENERIC_WHOLES,
)
from .narrative_restated import restated
from .narrative_text import Paragraph, Piece, Places, norm, paragraphs, pieces
from .narrative_words import Joined, another_years_blocks, own_year_slips, residue, wrong_years
from .rounding import UNIT_FACTORS, allowance

HUNDRED = Decimal(100)
NEARLY = Decimal("0.05")
"""“基本持平”: at most this share apart."""


class Narrative:
    """One document's narrative being checked."""

    def __init__(self, dc: DocumentCheck) -> None:
        self.dc = dc
        self.doc = dc.doc
        self.places = Places(dc.src)
        self.current = CURRENT_PHASE[self.doc.kind]
        self.items: Items | None = None
        self.own = own_names(dc)
        """The names the document goes by (its title before the year, its issuer, its unit, its department's names): a whole
        the text names after one of them is its own, whether or not the document prints tables (see ``other_body``)."""
        self.printed: set[Decimal] = set()
        """Every figure the text prints, as written (a table compiled from the text copies one of them)."""
        self.stated: list[Amount] = []
        """Amounts the narrative stated so far, for a whole named later (“占本年支出合计的 x%”)."""
        self.last_paragraph: list[Amount] = []
        """The amounts of the paragraph read last (收入总计 and 支出总计, before “收入支出总体与上年相比” opens the next)."""
        self.basic_pending: tuple[Piece, Paragraph, Amount, Amount] | None = None
        """A 基本支出 and its 人员经费 whose 公用经费 opens the next paragraph (梧州: “…其中：人员经费 A 元，主要包括：…。” /
        “公用经费 B 元，主要包括：…”)."""
        self.sources_pending: _SourceList | None = None
        """A total whose “其中：” closes its paragraph, its parts one to a numbered paragraph after it (西乡塘: “收入总预算501.98万元
        ……其中：” / “1、一般公共财政预算拨款507.37万元……” / “2、上年结余收入8.3万元……”)."""
        self._counts: dict[str, tuple[Decimal, str, str]] | None = None
        self.misprinted: dict[int, Decimal] = {}
        """Amounts of the paragraph being read that differ from their tables' cells (by id), with the cell's figure in their unit."""
        self._headings: list[str | None] | None = None
        """The last heading before each block of the body."""
        self._other_year_blocks: set[int] | None = None
        """The blocks in a section of another year's execution (see :meth:`of_another_year`)."""
        self.share_log: list[_ShareSaid] = []
        """The shares of the text block being read, to see whether they were forced to add up to 100 across its paragraphs."""
        self.procured: _Procured | None = None
        """The last 政府采购 total the text stated in the section being read, for the kinds a later paragraph lists."""
        self._sections: list[int] | None = None
        self._provided: set[str] | None = None
        """What the document's tables provide (see :meth:`_prints`), worked out once."""
        """The last heading (its index) before each block of the body."""
        self.read: list[tuple[Piece, Paragraph, Reading]] = []
        """Every paragraph read, for the figures the text states twice (:mod:`.narrative_restated`)."""

    # ----------------------------------------------------------------------- reporting

    def problem(
        self, code: str, message: str, piece: Piece, offset: int, stated: Decimal | None = None, computed: Decimal | None = None
    ) -> Problem:
        found = self.dc.problem(code, message, piece.path, _field(piece), stated=stated, computed=computed)
        line, column = self.places.of(piece.path, piece.text, offset)
        return replace(found, line=line, column=column)

    def compared(
        self, code: str, message: str, piece: Piece, offset: int, stated: Decimal, computed: Decimal, allowed: Decimal
    ) -> Problem | None:
        found = self.dc.compared(code, message, piece.path, _field(piece), stated, computed, allowed)
        if found is None:
            return None
        line, column = self.places.of(piece.path, piece.text, offset)
        return replace(found, line=line, column=column)

    # ----------------------------------------------------------------------- the whole document

    def run(self) -> Iterator[Problem]:
        """Every problem of the document's narrative."""
        every = pieces(self.doc)
        joined = Joined(every)
        # The template words of one line are one problem: the editor rewrites the sentence once.
        lines: dict[tuple[int, int], list[tuple[Piece, int, str]]] = {}
        for found in residue(joined, self.doc.body):
            place = self.places.of(found.piece.path, found.piece.text, found.offset)
            lines.setdefault((place[0], id(found.piece)), []).append((found.piece, found.offset, found.text))
        for same_line in lines.values():
            piece, offset, _ = same_line[0]
            words = "”“".join(dict.fromkeys(text for _, _, text in same_line))
            yield self.problem(
                "template-residue",
                f"{_where(piece)}中还有模板的占位文字“{words}”：录入时留下的，请照原文填写或删去；原文确实印着这些文字的，照录并确认差异。",
                piece,
                offset,
            )
        for piece, offset, message, stated, computed in stated_scores(every, self.doc, self.dc.department):
            yield self.problem("text-figure-mismatch", message, piece, offset, stated=stated, computed=computed)
        for year in wrong_years(joined, self.doc):
            yield self.problem(
                "text-wrong-year",
                f"{_where(year.piece)}写“{year.text}”，而本文档是{self.doc.year}年的{m.KIND_NAMES[self.doc.kind]}："
                f"比较的基数应是上一年度（{self.doc.year - 1}年）。请核对年份。",
                year.piece,
                year.offset,
            )
        for year in own_year_slips(joined, self.doc):
            yield self.problem(
                "text-own-year",
                f"{_where(year.piece)}写“{year.text}”，说的是本文档自己的年度，而本文档是{self.doc.year}年的{m.KIND_NAMES[self.doc.kind]}："
                f"照上年文档改写时是否漏改了年份（和这里的数字）？",
                year.piece,
                year.offset,
            )
        prose = [
            p
            for p in every
            if p.prose
            and ("元" in p.text or "%" in p.text or "人次" in p.text or "批次" in p.text or "辆" in p.text or "团组" in p.text or _may_state_figures(p.text) or _may_compare_budgets(p.text))
        ]
        if not prose:
            return
        if any(isinstance(b, m.Table) and b.role for b in self.doc.body):
            # Tables compiled from the text are read too: a figure the text states twice, once mistyped
            # (“支出预算392.48万元” above, 329.48 in the table and elsewhere in the text), is a slip only they show.
            self.items = Items.of(self.dc)
            if any(isinstance(b, m.Table) and b.from_text for b in self.doc.body):  # only those tables ask for it
                self.printed = {Decimal(n.replace(",", "")) for p in every if p.prose for n in _NUMBER_IN_PROSE.findall(p.text)}
        for piece in prose:
            self.share_log = []
            problems = [problem for paragraph in paragraphs(piece.text) for problem in self.paragraph(piece, paragraph)]
            if self.sources_pending is not None:
                problems += self.judge_sources(self.sources_pending)
                self.sources_pending = None
            if len(self.share_log) > 1:
                problems = self.forced_shares(problems)
            yield from problems
        yield from restated(self, self.read)

    def points(self, piece: Piece, paragraph: Paragraph) -> Iterator[Problem]:
        """“比重为54.83%，较上年的56.12%下降2.30个百分点”: a change of a rate, in points, is the difference of the two rates
        (1.29), not the change as a percent of the earlier rate (2.30 = 1.29 ÷ 56.12); and its direction is theirs."""
        text = paragraph.text
        for said in _POINTS.finditer(text):
            now, then = Decimal(said["now"] or said["to"]), Decimal(said["then"] or said["from"])
            points = Decimal(said["points"])
            places = max(decimal_places(x) for x in (said["now"] or said["to"], said["then"] or said["from"]))
            wide = Decimal(1).scaleb(-places) + Decimal(1).scaleb(-decimal_places(said["points"])) / 2
            change = now - then
            rises = said["word"] in _RISE_WORDS
            if change and (change > 0) != rises and abs(change) > wide:
                yield self.problem(
                    "text-direction-mismatch",
                    f"正文说“{said['word']}{said['points']}个百分点”，但 {fmt(then)}% 到 {fmt(now)}% 是{'上升' if change > 0 else '下降'}：请核对方向词或数字。",
                    piece,
                    paragraph.offset(said.start("word")),
                )
                continue
            if abs(abs(change) - points) > wide:
                share = abs(change) / then * HUNDRED if then else None
                why = f"（所写的数像是按上年比率算的增减幅度：{fmt(abs(change))} ÷ {fmt(then)} × 100 = {round_to(share, 2)}）" if share is not None and round_to(share, decimal_places(said["points"])) == points else ""
                yield self.problem(
                    "text-rate-mismatch",
                    f"正文“{said['word']}{said['points']}个百分点”与所列比率不符：{fmt(max(now, then))} − {fmt(min(now, then))} = {fmt(abs(change))} 个百分点{why}。",
                    piece,
                    paragraph.offset(said.start("points")),
                    stated=points,
                    computed=abs(change),
                )

    def general_context(self, piece: Piece, paragraph: Paragraph, amount: Amount) -> bool:
        """Whether the amount is stated in a section or a list about 一般公共预算财政拨款 spending only."""
        text = paragraph.text
        sentence = text[text.rfind("。", 0, amount.start) + 1 : amount.start]
        if _OTHER_FUND.search(sentence):
            return False
        if _GENERAL_ONLY.search(sentence):
            return True
        heading = self.heading_before(piece.block)
        if heading is not None and _GENERAL_ONLY.search(heading) and not _OTHER_FUND.search(heading):
            # 本单位全年支出1796.77万元，其中教育支出1796.77万元: the list divides the total before it; under the
            # heading that total is the 一般公共预算 spending only when its figure is that table's.
            at = sentence.rfind("其中")
            head = list(_AMOUNT_IN_TEXT.finditer(sentence, 0, at)) if at >= 0 else []
            return not head or self.general_total(head[-1], amount)
        before = piece.text[: paragraph.start].rstrip()
        if before.endswith(("其中：", "其中:", "如下：", "如下:", "方面：", "方面:")):
            lead = before[before.rfind("\n", 0, len(before) - 1) + 1 :]
            return bool(_GENERAL_ONLY.search(lead)) and not _OTHER_FUND.search(lead)
        return False

    def of_this_years_grant(self, paragraph: Paragraph, amount: Amount) -> bool:
        """Whether the amount divides the year's own 一般公共预算 grant (“一般公共预算当年拨款2,821.70万元，主要用于：…农林水
        支出2438.05万元”) where the 一般公共预算 table also holds what the year carried over (its 合计 2914.15): the table
        prints no figure of that basis, and the class's figure there is not the text's."""
        text = paragraph.text
        sentence = text[text.rfind("。", 0, amount.start) + 1 : amount.start]
        if "当年" not in sentence or not _GENERAL_ONLY.search(sentence):
            return False
        head = next(_AMOUNT_IN_TEXT.finditer(sentence), None)
        return head is not None and head.end() < len(sentence) and not self.general_total(head, amount)

    def fund_context(self, piece: Piece, paragraph: Paragraph, amount: Amount) -> str | None:
        """The one fund whose spending the amount is stated of, by its sentence or section: ``general`` (see
        :meth:`general_context`), ``gov-fund`` or ``state-capital``; None when no fund alone is meant."""
        if self.general_context(piece, paragraph, amount):
            return "general"
        text = paragraph.text
        sentence = text[text.rfind("。", 0, amount.start) + 1 : amount.start]
        named = _one_other_fund(sentence)
        if named is not None or _FUND_NAMED.search(sentence) or _OTHER_FUND.search(sentence):
            return named
        heading = self.heading_before(piece.block)
        if heading is None or "其中" in sentence:
            return None  # (“本单位全年支出…，其中城乡社区支出…” under the heading divides another total: not told apart)
        return _one_other_fund(heading)

    def fund_cells(self, item: Item, phases: tuple[str, ...], cells: list[Candidate]) -> list[Candidate] | None:
        """The cells of ``item`` with, for a class named by its name, the coded rows of that name (a fund's table prints
        codes); None when one of those is in a unit still 待填."""
        assert self.items is not None
        every = list(cells)
        if item.kind == "label":
            for code, name in self.items.code_names.items():
                if name == item.key:
                    if self.items.unit_to_fill(Item("code", code, name), phases, self.current):
                        return None
                    every += self.items.candidates(Item("code", code, name), phases, self.current)
        return every

    def all_spending_context(self, piece: Piece, paragraph: Paragraph, amount: Amount) -> bool:
        """Whether the amount is said of all the department's spending: its sentence divides the year's total spending,
        or it stands under a heading of the spending of all funds (“三、支出决算情况说明”), and no fund is named."""
        text = paragraph.text
        sentence = text[text.rfind("。", 0, amount.start) + 1 : amount.start]
        if _FUND_NAMED.search(sentence):
            return False
        if _ALL_SPENDING.search(sentence):
            return True
        heading = self.heading_before(piece.block)
        return heading is not None and _ALL_SPENDING_HEADING.search(heading) is not None and _FUND_NAMED.search(heading) is None

    def general_total(self, head: re.Match[str], amount: Amount) -> bool:
        """Whether the figure ``head`` (a number and its unit) is the 一般公共预算财政拨款 spending's total."""
        assert self.items is not None
        said = Amount(head.start(), head.end(), Decimal(head["n"].replace(",", "")), head["n"].replace(",", ""), head["u"], amount.sentence)
        phases = self.phases(amount)
        totals = self.items.candidates(Item("term", "一般公共预算财政拨款支出", "一般公共预算财政拨款支出"), phases, self.current)
        places = decimal_places(said.text)
        return any(
            round_to(_in_unit(c.value, c.unit, said.unit), places) == said.value for c in totals if (c.info.table.role or "") in _GENERAL_TABLES
        )

    def of_another_year(self, block: int) -> bool:
        """Whether the body's block ``block`` stands in a section of another year's figures (see :func:`another_years_blocks`)."""
        if self._other_year_blocks is None:
            self._other_year_blocks = another_years_blocks(self.doc)
        return block in self._other_year_blocks

    def heading_before(self, block: int) -> str | None:
        """The text of the last heading before the body's block ``block``."""
        if self._headings is None:
            self._headings = []
            last: str | None = None
            for b in self.doc.body:
                self._headings.append(last)
                if isinstance(b, m.Heading):
                    last = b.text
        return self._headings[block] if 0 <= block < len(self._headings) else None

    def forced_shares(self, found: list[Problem]) -> list[Problem]:
        """Shares of one whole, in several paragraphs (①…占总收入的35.39% ②…), that add up to exactly 100.

        A last digit raised to make them add up is a rounding notice, as it is in one sentence.
        """
        # The shares of one whole in the order printed, cut where they reach 100: a section may divide its whole twice
        # (基本支出 95.57% + 项目支出 4.43%, then four classes 78.33% + 10.73% + 4.04% + 6.90%).
        complete: set[int] = set()
        running: dict[tuple[Decimal, str], tuple[Decimal, list[int]]] = {}
        for i, said in enumerate(self.share_log):
            total, members = running.get(said.whole, (Decimal(0), []))
            total += said.args[2].value
            members = members + [i]
            if total > HUNDRED:
                total, members = said.args[2].value, [i]  # a share past 100 starts the whole's next division
            if total == HUNDRED:
                if len(members) >= 2:
                    complete.update(members)
                total, members = Decimal(0), []
            running[said.whole] = (total, members)
        replaced: dict[int, list[Problem]] = {}
        for i, said in enumerate(self.share_log):
            if i not in complete or said.extra:
                continue
            wrong = [p for p in said.problems if p.code == "text-rate-mismatch"]
            if not wrong:
                continue
            stated = said.args[2]
            again = list(self.rate(*said.args, "占", Decimal(1).scaleb(-decimal_places(stated.text))))
            replaced[id(wrong[0])] = again
        if not replaced:
            return found
        return [q for p in found for q in replaced.get(id(p), [p])]

    def paragraph(self, piece: Piece, paragraph: Paragraph) -> Iterator[Problem]:
        """Everything one paragraph states."""
        text = paragraph.text
        if self.sources_pending is not None and not self.sources_pending.goes_on(text):
            yield from self.judge_sources(self.sources_pending)
            self.sources_pending = None
        if self.items is not None and self.items.code_names and ("（类）" in text or ("科目" in text and _DASHES.search(text))):
            yield from self.code_names(piece, paragraph)
        if ("次" in text or "辆" in text or "团组" in text) and self.counted():
            yield from self.counts(piece, paragraph)
        if "百分点" in text:
            yield from self.points(piece, paragraph)
        money = "元" in text or "%" in text or "％" in text
        if not money and not _may_compare_budgets(text):
            self.last_paragraph = []
            return
        reading = read_paragraph(text, self.items, self.doc.year)
        self.read.append((piece, paragraph, reading))
        self.misprinted = {}
        if self.items is not None and not self.of_another_year(piece.block):
            for amount in reading.amounts:
                found = self.figure(piece, paragraph, amount)
                if found is not None:
                    if found.code == "text-figure-mismatch" and found.computed is not None:
                        self.misprinted[id(amount)] = Decimal(found.computed)
                    yield found
        reported: set[tuple[str, int, int]] = set()
        for comparison in comparisons(reading, self.doc.year):
            # 与2024年预算A万元相比，收支预算总额比2024年预算A万元增加……: two comparison words, one statement.
            for found in self.comparison(piece, paragraph, reading, comparison):
                key = (found.code, found.line, found.column)
                if key not in reported:
                    reported.add(key)
                    yield found
        yield from self.shares(piece, paragraph, reading)
        if "中，" in text and "占" in text:
            yield from self.table_shares(piece, paragraph, reading)
        if "其中" in text and "采购" in text:
            yield from self.parts(piece, paragraph, reading)
        if "其中" in text and "三公" in text:
            yield from self.three_public_parts(piece, paragraph, reading)
        if "其中" in text and ("三公" in text or "项目支出" in text):
            yield from self.part_changes(piece, paragraph, reading)
        if "其中" in text and ("项目支出" in text or "项目补助支出" in text) and "基本支出" in text:
            yield from self.spending_parts(piece, paragraph, reading)
        if "其中" in text and "支出" in text and _CLASS_NAMED.search(text):
            yield from self.class_parts(piece, paragraph, reading)
        if self.sources_pending is not None or (("其中" in text or "包括" in text) and ("收入" in text or "支出总计" in text or "结转" in text)):
            yield from self.source_parts(piece, paragraph, reading)
        if "年末" in text and "年初" in text and "结转" in text:
            yield from self.fund_balance(piece, paragraph)
        if ("基本支出" in text and "人员经费" in text) or (self.basic_pending is not None and "公用经费" in text):
            yield from self.basic_parts(piece, paragraph, reading)
        else:
            self.basic_pending = None
        for done in completions(reading):
            budget = done.budget if done.budget is not None else self.table_budget(done.actual, done.phase)
            if budget is None:
                continue
            yield from self.rate(
                piece,
                paragraph,
                done.rate,
                _ratio(done.actual, budget),
                f"{done.actual.text} ÷ {budget.text}{'（表中的预算数）' if done.budget is None else ''} × 100",
                done.word,
            )
            if done.budget is not None:
                yield from self.shortfall(piece, paragraph, reading, done.actual, done.budget, done.rate.end)
        if _may_compare_budgets(text):
            yield from self.versus(piece, paragraph, reading)
        if "各" in text and "总计各" in text:
            yield from self.paired(piece, paragraph)
        self.stated.extend(a for a in reading.amounts if not a.prior and not a.comparative)
        self.last_paragraph = reading.amounts
        if "采购" in text or self.procured is not None:
            self.procured = self.procurement_so_far(piece, paragraph, reading, len(text))

    # ----------------------------------------------------------------------- figures against the tables

    def phases(self, amount: Amount) -> tuple[str, ...]:
        """The table columns (by phase) the amount may restate; none for another year's figure."""
        budget = self.doc.kind == "budget"
        if amount.phase is None:
            return (self.current,)
        if amount.phase == "actual":
            return () if budget else ("actual",)  # in a budget, 执行数 is last year's
        if amount.phase == "budget":
            return ("initial-budget",) if budget else ("initial-budget", "adjusted-budget")
        return (amount.phase,)

    def cells(
        self, piece: Piece, paragraph: Paragraph, amount: Amount, item: Item, phases: tuple[str, ...]
    ) -> tuple[list[Candidate], list[Candidate]]:
        """The cells ``amount`` may restate in ``phases``: its item's, in the tables its sentence and section speak of; and the
        cells another reading of its words names (the 财政拨款 table's 收支总计 beside the department's): equal to one, it is right."""
        assert self.items is not None
        cells = self.items.candidates(item, phases, self.current)
        also_right: list[Candidate] = []
        if item.kind == "term" and item.key in _INCOME_ONLY:
            text = paragraph.text
            sentence = text[max(text.rfind("。", 0, amount.start), text.rfind("；", 0, amount.start)) + 1 : amount.start]
            if "收入" not in sentence or "支出" in sentence or "结转" in sentence or "结余" in sentence:
                # “支出…，其中：一般公共预算拨款安排…” is the spending paid from it, not the income; “年初结转和结余收入…，
                # 其中：一般公共预算拨款…” is the carry-over's part, not the year's.
                return [], []
        if item.kind == "term":
            sentence = paragraph.text[paragraph.text.rfind("。", 0, amount.start) + 1 : amount.start]
            twin = FISCAL_TWINS.get(item.key)
            if twin is not None:
                # 财政拨款收入100.00万元，上年结转和结余5.00万元，收支总计105.00万元: the 财政拨款 table's figures.
                scope = _fiscal_scope(sentence, self.heading_before(piece.block))
                if scope is not None:
                    if self.items.unit_to_fill(Item("twin", twin, twin), phases, self.current):
                        return [], []  # the 财政拨款 table's figure, in a unit still 待填, may be the one the text restates
                    fiscal = self.items.candidates(Item("twin", twin, twin), phases, self.current)
                    if scope == "fiscal":
                        cells = fiscal
                    else:
                        # Either reading fits the words: the 财政拨款 table's figure is right too, but a figure that is
                        # neither is still wrong, and told against the department's total.
                        also_right = fiscal
            # “国有资本经营预算财政拨款收入…，年末结转和结余1.93万元” speaks of that fund's table, not of the all-funds total.
            named_fund = False
            for word, role_part in _FUNDS:
                if word in sentence and item.key not in _OTHER_SOURCES:
                    # (“政府性基金预算财政拨款收入605.99万元；事业收入2148.69万元”: a list of every source goes on.)
                    cells = [c for c in cells if role_part in (c.info.table.role or "")]
                    also_right = [c for c in also_right if role_part in (c.info.table.role or "")]
                    named_fund = True
            if not named_fund and item.key not in _OTHER_SOURCES and not _FUND_NAMED.search(sentence):
                # Under “八、政府性基金预算财政拨款收入支出决算情况说明”: “年末结转和结余867.62万元” is that fund's, not the
                # all-funds table's 909.37; where no table of the fund prints it, it is compared with nothing.
                fund = _fund_heading(self.heading_before(piece.block) or "")
                if fund is not None:
                    cells = [c for c in cells if fund in (c.info.table.role or "")]
                    also_right = [c for c in also_right if fund in (c.info.table.role or "")]
        if item.kind == "term" and item.key in _ALL_OR_GENERAL and cells and self.all_spending_context(piece, paragraph, amount):
            # “本年支出合计4143.91万元，其中：基本支出1140.27万元；项目支出3003.64万元” (or under “三、支出决算情况说明”):
            # the 支出决算表's, not the 一般公共预算财政拨款支出决算表's row of the same name (a school's differ).
            cells = [c for c in cells if (c.info.table.role or "") not in _GENERAL_TABLES]
        if item.kind != "term" and cells and self.of_this_years_grant(paragraph, amount):
            return [], []
        fund = self.fund_context(piece, paragraph, amount) if item.kind != "term" and cells else None
        if fund is not None:
            # 教育支出 is 1796.77 in the 收入支出决算总表 and 1595.95 in the 一般公共预算财政拨款支出决算表: a section about
            # 一般公共预算财政拨款 (its heading, or the paragraph its “其中：” list goes on from) speaks of the latter only; one
            # about 政府性基金 (城乡社区支出 paid from both funds) of that fund's table only.
            every = self.fund_cells(item, phases, cells)
            if every is None:
                return [], []
            cells = [c for c in every if (c.info.table.role or "") in _FUND_TABLES[fund]]
        elif item.kind != "term" and cells and self.all_spending_context(piece, paragraph, amount):
            # “按支出功能分类科目划分：社会保障和就业支出8369.20万元” under “三、支出决算情况说明”: the class's spending of all
            # funds (支出决算表), not its 一般公共预算财政拨款 row, which differs where the unit has 事业收入.
            cells = [c for c in cells if (c.info.table.role or "") not in _FISCAL_ONLY_TABLES] or cells
        if item.kind == "label" and cells:
            text = paragraph.text
            end = text.find("。", amount.end)
            sentence = text[text.rfind("。", 0, amount.start) + 1 : end if end >= 0 else len(text)]
            cells = [c for c in cells if not _of_a_sibling(c, sentence)]
        return cells, also_right

    def figure(self, piece: Piece, paragraph: Paragraph, amount: Amount) -> Problem | None:
        """The amount against the cells its item names, when exactly one figure is meant."""
        assert self.items is not None
        item = amount.item
        if item is None or item.elsewhere or amount.prior or amount.comparative or amount.unit not in UNIT_FACTORS:
            return None
        phases = self.phases(amount)
        if not phases:
            return None
        cells, also_right = self.cells(piece, paragraph, amount, item, phases)
        if not cells:
            return None
        stated = amount.value
        places = decimal_places(amount.text)
        values = [_in_unit(c.value, c.unit, amount.unit) for c in cells]
        if any(v == stated or round_to(v, places) == stated for v in values + [_in_unit(c.value, c.unit, amount.unit) for c in also_right]):
            return None
        for other in amount.other_phases:
            # A list after two totals of different phases that its parts do not settle: either phase's figure is right.
            alternative, _ = self.cells(piece, paragraph, amount, item, self.phases(replace(amount, phase=other)))
            nearby = [_in_unit(c.value, c.unit, amount.unit) for c in alternative]
            if any(v == stated or round_to(v, places) == stated for v in nearby):
                return None
            if nearby and len(set(nearby)) == 1 and abs(nearby[0] - stated) < min(abs(v - stated) for v in values):
                cells, values = alternative, nearby  # a wrong figure, told against the nearer reading
        best = min(range(len(cells)), key=lambda i: abs(values[i] - stated))
        cell, value = cells[best], values[best]
        if cell.info.table.from_text and abs(cell.value) not in self.printed:
            return None  # a table's slip in copying the text: text-table-mismatch tells it at the table
        allowed = _figure_allowance(amount, cell)
        if max(values) - min(values) > max(allowed, Decimal(0)) and len(set(values)) > 1:
            return None  # the tables print several figures for this item: which one the text restates is not clear
        # (25305030.48 元 in 万元 to the text's own precision, not 2530.503048)
        converted = "" if cell.unit == amount.unit else f"（合 {fmt(round_to(value, max(places, 2)))} {amount.unit}）"
        if amount.item_start < 0:
            # Named earlier in the paragraph: “…住房公积金（项）”的“2024年预算安排” (without its outline number “（一）”).
            name = _OUTLINE.sub("", item.name)
            written = f"{name}”的“{amount.clause}" if amount.clause else name
        else:
            start = paragraph.offset(amount.item_start)
            written = piece.text[start : paragraph.offset(amount.item_end - 1) + 1]
            if start and piece.text[start - 1] in "“‘\"" and written.count("”") > written.count("“"):
                written = piece.text[start - 1] + written  # “三公”经费: keep the quotation mark it opens with
        code = f"（{LEVELS.get(len(item.key), '')} {item.key}）" if item.kind == "code" else ""
        shown = f"“{written}”" if amount.item_start < 0 else quoted(written)  # (“…住房公积金（项）”的“2024年预算安排”: two quotations)
        said = f"正文中{shown}{code}写作 {amount.text} {amount.unit}，而{cell.where}是 {cell.text} {cell.unit}{converted}"
        if cell.unit != amount.unit and places and round_to(value, places, ROUND_DOWN) == stated and round_to(value, places) != stated:
            # 33947162.44 元 written 3394.71 万元: cut, not rounded, to the text's places — rounding's notice, not an error.
            return self.problem(
                "rounding-difference",
                said + f"：{fmt(value)} {amount.unit}截去尾数正是正文所写的数（四舍五入应为 {fmt(round_to(value, places))}），不必修改。",
                piece,
                paragraph.offset(amount.start),
                stated=stated,
                computed=value,
            )
        found = self.compared("text-figure-mismatch", said + "。", piece, paragraph.offset(amount.start), stated, value, allowed)
        if found is not None and found.code == "text-figure-mismatch":
            found = replace(found, message=said + "：正文应与表格一致，请照原文核对。")
        return found

    # ----------------------------------------------------------------------- rates

    def rate(
        self, piece: Piece, paragraph: Paragraph, stated: Percent, computed: tuple[Decimal, Decimal] | None, formula: str, what: str,
        extra: Decimal = Decimal(0),
    ) -> Iterator[Problem]:
        """A printed percentage against the one computed (with the spread the rounding of its figures allows)."""
        if computed is None:
            return
        value = abs(computed[0])
        shown = str(round_to(value, max(decimal_places(stated.text), 2)))
        how = _rate_verdict(stated, computed)
        if how == "":
            return
        if how is None:
            how = "凑足 100% 的调整" if extra and abs(stated.value - value) <= extra else ""
        offset = paragraph.offset(stated.start)
        if how:
            yield self.problem(
                "rounding-difference",
                f"正文“{what}{stated.text}%”按所列数字算得 {formula} = {shown}，差额在{how}误差范围内。",
                piece,
                offset,
                stated=stated.value,
                computed=round_to(value, 4),
            )
            return
        yield self.problem(
            "text-rate-mismatch",
            f"正文“{what}{stated.text}%”与所列数字不符：{formula} = {shown}。",
            piece,
            offset,
            stated=stated.value,
            computed=round_to(value, 4),
        )

    def comparison(self, piece: Piece, paragraph: Paragraph, reading: Reading, c: Comparison) -> Iterator[Problem]:
        """A comparison's direction, change and rate against the figures it compares."""
        current, base, change = c.current, c.base, c.change
        # The words of one comparison agree: 增加56.95万元，下降1.87% contradicts itself.
        second = direction_of(c.rate_word) if c.rate_word else None
        if c.rate is not None and second is not None and c.rate_word_at != c.word_at and second != c.direction and c.direction:
            yield self.problem(
                "text-direction-mismatch",
                f"正文同一处先说“{c.word}”，又说“{c.rate_word}{c.rate.text}%”：方向相反，请核对。",
                piece,
                paragraph.offset(c.rate_word_at),
            )
            return
        from_table = False
        if current is None and base is None and change is not None and c.rate is not None and c.direction:
            # “2023年度“三公”经费财政拨款支出决算比2022年度增加2.00万元，增长12.50%”: the year's figure is the table's.
            current = self.table_current(reading, c)
            from_table = current is not None
        if current is None and base is None and change is not None and c.sentence == 0 and both_totals(c.subject):
            # 2023年度支出总计434.72万元……（new paragraph）收入支出总体与上年相比，增加58.21万元: the totals just stated.
            current = stated_among(self.last_paragraph, "收支总计")
        if current is not None and base is None and change is not None and c.direction:
            # “三公”经费决算14.60万元，完成预算的90.12%，比年初预算减少1.40万元: the budget it names is the table's.
            base = self.budget_compared(reading, c, current)
        if current is not None and base is not None:
            diff = current.value - _in_unit(base.value, base.unit, current.unit)
            allowed = allowance([current.text, base.text], current.unit)
            yield from self.direction(piece, paragraph, c.word, c.word_at, current, base, diff, allowed)
            if change is not None:
                stated = _in_unit(change.value, change.unit, current.unit)
                allowed3 = allowance([current.text, base.text, change.text], current.unit)
                found = self.compared(
                    "text-rate-mismatch",
                    f"正文的增减额 {change.text} {change.unit}与所列数字不符：{current.text} − {base.text} = {fmt(abs(diff))} {current.unit}。",
                    piece,
                    paragraph.offset(change.start),
                    stated,
                    abs(diff),
                    allowed3,
                )
                if found is not None:
                    yield found
            if c.rate is not None and base.value:
                # A fall is written as what was lost over what there was (“（150.00 − 140.00）÷ 150.00”): the result is shown positive.
                minuend, subtrahend = (current, base) if diff >= 0 else (base, current)
                yield from self.rate(
                    piece, paragraph, c.rate, _growth(current, base), f"（{minuend.text} − {subtrahend.text}）÷ {base.text} × 100", c.rate_word
                )
        elif current is not None and change is not None and c.rate is not None and c.direction:
            computed = _from_change(current, change, c.direction)
            if (
                id(current) not in self.misprinted  # a wrong figure, already reported, explains a rate that misfits
                # A whole-number rate (下降6%) fits the other direction by chance as often as not: one mistyped digit is
                # likelier than 减少 and 下降 both wrong, so only a rate printed with decimals can tell the direction.
                and "." in c.rate.text
                and not _rate_holds(c.rate, computed)
                and _rate_holds(c.rate, _from_change(current, change, -c.direction))
            ):
                # 比上年增加8.79万元，增长8.25% where the figure fell: the rate fits only a fall, so the word is wrong,
                # and “correcting” the rate would hide it.
                prior = current.value + c.direction * _in_unit(change.value, change.unit, current.unit)
                then, now = _compared_names(reading.text[c.start : c.word_at])
                yield self.problem(
                    "text-direction-mismatch",
                    f"正文说“{c.word}”，但按增减额 {change.text} {change.unit}和增减率 {c.rate.text}% 算，{then}是 "
                    f"{fmt(prior)} {current.unit}，比{now}的 {current.text} {current.unit}{'多' if c.direction > 0 else '少'}："
                    f"应是{'减少' if c.direction > 0 else '增加'}。请改正方向词或数字。",
                    piece,
                    paragraph.offset(c.word_at),
                )
                return
            if id(current) in self.misprinted and _rate_holds(c.rate, _from_change(_as(current, self.misprinted[id(current)]), change, c.direction)):
                return  # the figure, already reported as misprinted, is all that is wrong: its rate fits the table's
            whole = _listed_under(reading, current)
            if whole is not None and not _rate_holds(c.rate, computed) and _rate_holds(c.rate, _from_change(whole, change, c.direction)):
                return  # “总预算A元，其中：基本支出B元，项目支出C元，同比增加D元，增长x%”: the change and rate of the total A
            sign = "−" if c.direction > 0 else "+"
            if (
                change.unit != current.unit
                and not _rate_holds(c.rate, computed)
                # A table in 元 under a text in 万元 is no slip: only where the units as written would make the rate fit.
                and (not from_table or _rate_holds(c.rate, _from_change(current, replace(change, unit=current.unit), c.direction)))
            ):
                yield from self.unit_slip(piece, paragraph, c, current, change, computed, from_table)
                return
            if change.unit != current.unit:
                # 395586.20 元 against “增加25.35万元”: the figure in the change's unit, so that the formula adds up as shown.
                now = f"{fmt(_in_unit(current.value, current.unit, change.unit))}（{'表中的本年数 ' if from_table else ''}{current.text} {current.unit}）"
            else:
                now = f"{current.text}{'（表中的本年数）' if from_table else ''}"
            yield from self.rate(piece, paragraph, c.rate, computed, f"{change.text} ÷（{now} {sign} {change.text}）× 100", c.rate_word)
        elif current is None and base is not None and change is not None and c.rate is not None and base.value:
            # 比2024年预算5523.62万元增加218.22万元，增长3.59%: the base and the change are both printed.
            yield from self.rate(
                piece, paragraph, c.rate, _ratio(_in_amount(change, base.unit), base), f"{change.text} ÷ {base.text} × 100", c.rate_word
            )
        if c.direction is not None:
            yield from self.reason(piece, paragraph, reading, c, current)

    def unit_slip(
        self,
        piece: Piece,
        paragraph: Paragraph,
        c: Comparison,
        current: Amount,
        change: Amount,
        computed: tuple[Decimal, Decimal] | None,
        from_table: bool,
    ) -> Iterator[Problem]:
        """“总支出1135.8万元，比上年增加64.23元，增长5.7%”: a change in another unit than the figure it changed (the 万 left out,
        most likely), whose rate misfits as printed — told with both units, and the rate it would have in the figure's unit."""
        assert c.rate is not None
        meant = _from_change(current, replace(change, unit=current.unit), c.direction)
        if meant is None:
            return
        places = max(decimal_places(c.rate.text), 2)
        sign = "−" if c.direction > 0 else "+"
        written = f"{fmt(_in_unit(change.value, change.unit, current.unit))} {current.unit}" if computed is not None else ""
        fits = _rate_holds(c.rate, meant)
        yield self.problem(
            "text-rate-mismatch",
            f"正文“{c.rate_word}{c.rate.text}%”与所列数字不符：增减额“{change.text}{change.unit}”与{'表中的' if from_table else ''}本年数"
            f"“{current.text}{current.unit}”单位不同"
            + (f"（{change.text}{change.unit}即 {written}，按此算增减率为 {round_to(abs(computed[0]), places)}%）" if computed is not None else "")
            + f"；若为{change.text}{current.unit}，{change.text} ÷（{current.text} {sign} {change.text}）× 100 = {round_to(abs(meant[0]), places)}"
            + (f"，与所写{c.rate.text}%相符：是否{_unit_slip(change.unit, current.unit)}？" if fits else f"，与所写{c.rate.text}%也不符。"),
            piece,
            paragraph.offset(c.rate.start),
            stated=c.rate.value,
            computed=round_to(abs(meant[0]), 4),
        )

    def table_share_item(self, words: str, fund: str | None = None) -> Amount | None:
        """The figure the tables print for the item ``words`` end with (give or take phase words), as an amount; of the
        tables of one fund's spending when ``fund`` is given."""
        assert self.items is not None
        phase: str | None = None
        while (word := gap_word(words)) is not None:
            phase = phase or PHASE_WORDS.get(word)
            words = words[: -len(word)]
        found = name_at_end(words, self.items)
        if found is None or found[0].elsewhere:
            return None
        probe = Amount(0, 0, Decimal(0), "0", "万元", 0, item=found[0], phase=phase)
        phases = self.phases(probe)
        cells = self.items.candidates(found[0], phases, self.current) if phases else []
        if fund is not None and found[0].kind != "term":
            # “政府性基金预算拨款支出中，城乡社区支出占96.91%”: the class's row of that fund's table, not of all funds'.
            every = self.fund_cells(found[0], phases, cells) or []
            cells = [c for c in every if (c.info.table.role or "") in _FUND_TABLES[fund]]
        if not cells or len({_in_unit(x.value, x.unit, "万元") for x in cells}) != 1:
            return None
        return replace(probe, value=cells[0].value, text=cells[0].text, unit=cells[0].unit)

    def table_shares(self, piece: Piece, paragraph: Paragraph, reading: Reading) -> Iterator[Problem]:
        """““三公”经费财政拨款支出决算中，因公出国（境）费支出决算占17.78%”: shares of table figures the sentence only names."""
        if self.items is None:
            return
        text = reading.text
        for si, (a, b) in enumerate(reading.sentences):
            lead = _SHARES_OF.match(text, a, b)
            if lead is None or any(x.sentence == si for x in reading.amounts):
                continue
            whole = self.table_share_item(lead["whole"])
            if whole is None or not whole.value:
                continue
            named = lead["whole"]
            fund = "general" if _GENERAL_ONLY.search(named) and not _OTHER_FUND.search(named) else _one_other_fund(named)
            for percent in reading.percents:
                if percent.sentence != si or percent.start < lead.end():
                    continue
                start = max(text.rfind(mark, lead.end() - 1, percent.start) for mark in "，,、；;") + 1
                said = _SHARE_OF_NAMED.fullmatch(text, start, percent.start)
                part = self.table_share_item(said["part"], fund) if said is not None else None
                if part is None:
                    continue
                yield from self.rate(
                    piece, paragraph, percent, _ratio(part, whole), f"表中的 {part.text} ÷ {whole.text} × 100", "占"
                )

    def table_current(self, reading: Reading, c: Comparison) -> Amount | None:
        """The year's figure of the item a comparison's sentence names right before it, when only the tables print it."""
        if self.items is None or any(x.sentence == c.sentence and x.end <= c.start for x in reading.amounts):
            return None
        before = reading.text[reading.sentences[c.sentence][0] : c.start]
        phase: str | None = None
        while (word := gap_word(before)) is not None:
            phase = phase or PHASE_WORDS.get(word)
            before = before[: -len(word)]
        found = name_at_end(before, self.items)
        if found is None or found[0].elsewhere:
            return None
        item = found[0]
        unit = "万元"
        probe = Amount(c.start, c.start, Decimal(0), "0", unit, c.sentence, item=item, phase=phase)
        phases = self.phases(probe)
        cells = self.items.candidates(item, phases, self.current) if phases else []
        if not cells or len({_in_unit(x.value, x.unit, unit) for x in cells}) != 1:
            return None
        cell = cells[0]
        return replace(probe, value=cell.value, text=cell.text, unit=cell.unit)

    def budget_compared(self, reading: Reading, c: Comparison, current: Amount) -> Amount | None:
        """The budget a 决算's figure is compared with, when the comparison names only the budget (比年初预算, 较预算数) and
        the tables print it for the same item, one figure."""
        if self.items is None or self.dc.doc.kind != "final-accounts" or current.item is None or current.item.elsewhere:
            return None
        named = NAMED_BUDGET.fullmatch(reading.text, c.start, c.word_at)
        if named is None:
            return None
        which = named["which"]
        phases = ("initial-budget",) if which == "年初" else ("adjusted-budget",) if which else ("initial-budget", "budget", "adjusted-budget")
        cells = self.items.candidates(current.item, phases, self.current)
        if not cells or len({_in_unit(x.value, x.unit, current.unit) for x in cells}) != 1:
            return None
        cell = cells[0]
        return replace(current, start=c.start, end=c.start, value=cell.value, text=cell.text, unit=cell.unit, phase=phases[0])

    def reason(self, piece: Piece, paragraph: Paragraph, reading: Reading, c: Comparison, current: Amount | None) -> Iterator[Problem]:
        """“比2023年预算执行数减少2.98%。主要原因是：宣传事务一般行政管理事务经费增加。”"""
        item = (current.item if current is not None else None) or reading.subject
        parts = _reason_parts(item) if item is not None else ()
        if item is None or (item.kind != "code" and not parts) or item.elsewhere or self.items is None:
            return
        name = self.items.code_names.get(item.key, "")
        b = reading.sentences[c.sentence][1]
        following = reading.sentences[c.sentence + 1] if c.sentence + 1 < len(reading.sentences) else None
        for start, end in ((c.word_at, b), following or (b, b)):
            match = _REASON.search(reading.text, start, end)
            if match is None:
                continue
            said = direction_of(match["dir"])
            if parts and c.direction and said is not None and said != c.direction and any(p in match["what"] for p in parts):
                # ““三公”经费…减少…。主要原因是：公务接待费增加”: the part said to be the reason moved the other way,
                # unless the reason goes on with another part that moved as the total did.
                # Nor when words between speak of something else (其中…增加…, 比…): the reason may be theirs.
                rest = reading.text[match.end("dir") : _sentence_end(reading.text, match.end("dir"))]
                between = reading.text[c.word_at + len(c.word) : match.start()]
                also = any(direction_of(w.group()) == c.direction for w in _DIRECTION_WORD.finditer(rest))
                other = any(direction_of(w.group()) != c.direction for w in _DIRECTION_WORD.finditer(between))
                if not (also or other or "其中" in between or "比" in between or "较" in between):
                    name = match["what"]
            if name and name in match["what"] and said is not None and said != c.direction:
                yield self.problem(
                    "text-direction-mismatch",
                    f"正文说“{c.word}”，原因却写“{match['what']}{match['dir']}”：方向相反，请核对。",
                    piece,
                    paragraph.offset(match.start("dir")),
                )
            return
        # ““三公”经费…比2024年增加6.30万元。其中：…。“三公”经费预算减少的主要原因是…”: the total's change named again
        # before its reason, later in the paragraph, the other way.
        whole = "三公" if parts and parts[0] == "三公" else name
        if not whole or not c.direction:
            return
        for match in _REASON_OF.finditer(reading.text, b):
            what = match["what"]
            if whole not in what or (whole == "三公" and any(p in what for p in parts[1:])):
                continue
            said = direction_of(match["dir"])
            if said is not None and said != c.direction and not _DIRECTION_WORD.search(reading.text, b, match.start()):
                yield self.problem(
                    "text-direction-mismatch",
                    f"正文说“{c.word}”，后面讲原因时却写“{what}{match['dir']}”：方向相反，请核对。",
                    piece,
                    paragraph.offset(match.start("dir")),
                )
            return

    def shortfall(self, piece: Piece, paragraph: Paragraph, reading: Reading, actual: Amount, budget: Amount, end: int) -> Iterator[Problem]:
        """“一般公共预算收入42100万元，完成预算49531万元的85.0%，短收7431万元”: the amount short of (or over) the budget
        printed in the completion is the budget less what was done (49531 − 42100 = 7431)."""
        said = _SHORT_OF_BUDGET.match(reading.text, end)
        if said is None:
            return
        named = _SHORT_BASE.search(said["w"])
        if named is not None and named["b"][:2] not in reading.text[max(0, budget.start - 10) : budget.start]:
            return  # “完成调整预算45000万元的93.6%，比年初预算短收7431万元”: short of a budget not printed here
        short = said["w"].endswith(_SHORT_WORDS)
        diff = _in_unit(budget.value, budget.unit, actual.unit) - actual.value
        words = said["w"].lstrip("，, ")
        if diff and (diff > 0) != short:
            yield self.problem(
                "text-direction-mismatch",
                f"正文说“{words}”，但完成数 {actual.text} {actual.unit}{'低于' if diff > 0 else '高于'}预算数 {budget.text} {budget.unit}："
                f"应是{'短收（比预算少）' if diff > 0 else '超收（比预算多）'}。请核对方向词或数字。",
                piece,
                paragraph.offset(said.start("w")),
            )
            return
        stated = _in_unit(Decimal(said["n"].replace(",", "")), said["u"], actual.unit)
        found = self.compared(
            "text-rate-mismatch",
            f"正文的“{words}” {said['n']} {said['u']}与所列数字不符：{budget.text} − {actual.text} = {fmt(abs(diff))} {actual.unit}"
            f"（预算数减去完成数）。",
            piece,
            paragraph.offset(said.start("n")),
            stated,
            abs(diff),
            allowance([actual.text, budget.text, said["n"]], actual.unit),
        )
        if found is not None:
            yield found

    def direction(
        self, piece: Piece, paragraph: Paragraph, word: str, at: int, current: Amount, base: Amount, diff: Decimal, allowed: Decimal
    ) -> Iterator[Problem]:
        """The direction word against the two figures it compares (their difference, in the current figure's unit)."""
        said = direction_of(word)
        if said is None:
            return
        if word == "基本持平" and base.value and abs(diff) <= abs(_in_unit(base.value, base.unit, current.unit)) * NEARLY:
            return
        actual = 0 if abs(diff) <= allowed else (1 if diff > 0 else -1)
        if said == actual:
            return
        now, then = _ref(current, "本年"), _ref(base, "上年")
        fact = f"{now}与{then}相等" if actual == 0 else f"{now}比{then}{'多' if diff > 0 else '少'} {fmt(abs(diff))} {current.unit}"
        yield self.problem("text-direction-mismatch", f"正文说“{word}”，但{fact}。请改正方向词或数字。", piece, paragraph.offset(at))

    def procurement_so_far(self, piece: Piece, paragraph: Paragraph, reading: Reading, end: int) -> _Procured | None:
        """The last 政府采购 total stated in this section before ``end`` of the paragraph, with the figures of 采购 said after it."""
        section = self.section_of(piece.block)
        known = self.procured if self.procured is not None and self.procured.section == section else None
        for x in reading.amounts:
            if x.end > end:
                break
            if x.comparative or x.prior:
                continue
            if _PROCUREMENT_TOTAL.search(x.clause):
                known = _Procured(x, piece, paragraph, section, [])
            elif known is not None and "采购" in x.clause:
                known = replace(known, others=[*known.others, x])  # 其中：政府集中采购预算17000元: a part, or another whole
        return known

    def section_of(self, block: int) -> int:
        """Index of the last heading before the body's block ``block`` (-1 before the first)."""
        if self._sections is None:
            self._sections = []
            last = -1
            for i, b in enumerate(self.doc.body):
                self._sections.append(last)
                if isinstance(b, m.Heading):
                    last = i
        return self._sections[block] if 0 <= block < len(self._sections) else -1

    def three_public_parts(self, piece: Piece, paragraph: Paragraph, reading: Reading) -> Iterator[Problem]:
        """““三公”经费预算数为20.1万元，其中：因公出国（境）费0万元，公务接待费16.7万元，公务用车购置及运行费3.4万元”:
        the three are the whole (公务用车 said whole, or as 购置费 and 运行费). A list that names anything else is not judged."""
        text = reading.text
        if "三公" not in text or "其中" not in text or self._prints("three-public"):
            return
        for s_end, at, head in _lists(reading):
            # The whole is the figure its own clause names as the 三公 (not 占年初预算30万元, nor 机关运行经费60万元 said after it);
            # the budget a completion rate names (“34.08万元，完成全年预算50.74万元的67.2%”) is passed over, there and in the list.
            before = [x for x in _whole_before(reading, head, at) if not IN_COMPLETION.search(x.clause)]
            if not before or "三公" not in before[-1].clause:
                continue
            total = before[-1]
            kinds: dict[str, Amount] = {}
            for x in reading.amounts:
                if x.start < at or x.comparative or not _same_time(x, total) or IN_COMPLETION.search(x.clause):
                    continue
                if x.start >= s_end and {"overseas", "reception"} <= kinds.keys() and (
                    "vehicle" in kinds or {"vehicle-purchase", "vehicle-operation"} <= kinds.keys()
                ):
                    break  # the list is whole: what follows is another statement
                if x.phase is not None and total.phase is not None and x.phase != total.phase:
                    kinds.clear()  # “预算为30万元，支出决算为25万元，其中：因公出国（境）费预算0万元…”: the parts of another figure
                    break
                # In a sentence after the 其中 one, the item is what the figure's own clause names.
                named = text[max(at, x.start - 14) : x.start] if x.start < s_end else x.clause
                kind = _three_public_kind(named)
                if x.start >= s_end and (kind is None or kind in kinds or any(w in x.clause for w in ("人均", "标准", "平均", "单价"))):
                    break  # 鹿寨: “其中：因公出国（境）费支出0万元。公务用车购置费支出…。公务接待费…”: the list ran on to here
                if kind is None or kind in kinds:
                    kinds.clear()
                    break
                kinds[kind] = x
            if not kinds:
                continue
            complete = {"overseas", "reception"} <= kinds.keys() and (
                "vehicle" in kinds or {"vehicle-purchase", "vehicle-operation"} <= kinds.keys()
            )
            if not complete:
                # A list that leaves an item out (often the one that is 0): the rest may add up to less, never to more.
                top = [kinds[k] for k in ("overseas", "reception", "vehicle") if k in kinds]
                if "vehicle" not in kinds:
                    top += [kinds[k] for k in ("vehicle-purchase", "vehicle-operation") if k in kinds]
                if len(top) >= 2:
                    top.sort(key=lambda x: x.start)
                    added = sum((_in_unit(x.value, x.unit, total.unit) for x in top), Decimal(0))
                    allowed = allowance([total.text, *(x.text for x in top)], total.unit)
                    if added - total.value > allowed:
                        yield self.problem(
                            "text-parts-mismatch",
                            f"正文的总数 {total.text} {total.unit}比“其中”所列几项之和还小：{' + '.join(x.text for x in top)} = "
                            f"{fmt(added)} {total.unit}（没有列出的一项只会使总数更大）。",
                            piece,
                            paragraph.offset(total.start),
                            stated=total.value,
                            computed=added,
                        )
                    elif (
                        total.value - added > allowed
                        and any(not x.value for x in top)
                        and text.rstrip()[-1:] not in "；;，,、：:"
                        and not any(_LEFT_OUT_WORDS[k].search(text, at) for k in _left_out(kinds.keys()))
                    ):
                        # 甘南: “合计31.23万元，其中：公务接待费1.58万元，车辆运行费28.91万元，因公出国（境）费0万元” — a list
                        # that prints an item of 0 names every item; the one it leaves out (购置费) is 0 too. Not when the
                        # paragraph goes on about that item (“购置公务用车1辆，支出10万元”) or stops mid-list (“…；”).
                        left_out = "、".join(_THREE_PUBLIC_NAMES[k] for k in _left_out(kinds.keys()))
                        yield self.problem(
                            "text-parts-mismatch",
                            f"正文的总数 {total.text} {total.unit}与“其中”所列各项之和不符：{' + '.join(x.text for x in top)} = "
                            f"{fmt(added)} {total.unit}（所列各项中有印作 0 的，可见是逐项列出；没有列出的{left_out}按 0 计；原文另有这一项的数字时请确认差异）。",
                            piece,
                            paragraph.offset(total.start),
                            stated=total.value,
                            computed=added,
                        )
                continue
            if "vehicle" in kinds:
                if kinds.keys() - {"vehicle-purchase", "vehicle-operation"} != {"overseas", "reception", "vehicle"}:
                    continue
                listed = [kinds["overseas"], kinds["reception"], kinds["vehicle"]]
                parts = [kinds[k] for k in ("vehicle-purchase", "vehicle-operation") if k in kinds]
                if len(parts) == 2:
                    yield from self._listed_sum(piece, paragraph, kinds["vehicle"], parts, "公务用车购置费、运行费")
            elif kinds.keys() == {"overseas", "reception", "vehicle-purchase", "vehicle-operation"}:
                listed = [kinds[k] for k in ("overseas", "reception", "vehicle-purchase", "vehicle-operation")]
            else:
                continue
            yield from self._listed_sum(piece, paragraph, total, sorted(listed, key=lambda x: x.start), "因公出国（境）费、公务接待费、公务用车购置及运行费")

    def basic_parts(self, piece: Piece, paragraph: Paragraph, reading: Reading) -> Iterator[Problem]:
        """“基本支出911000.39元，其中：人员经费809961.19元……公用经费71339.2元”: 基本支出 = 人员经费 + 公用经费, always.

        The 公用经费 may open the next paragraph. Changes (“人员经费增加…”) and other years' figures are not parts.
        """
        text = reading.text
        pending, self.basic_pending = self.basic_pending, None
        if self._prints("basic-expenditure"):
            return  # the table's 人员经费 + 公用经费 = 合计 is checked there, and the text's figures against its cells
        if pending is not None:
            first = next((x for x in reading.amounts), None)
            if first is not None and _BASIC_PART.fullmatch(text[: first.start].strip()) and "公用经费" in text[: first.start]:
                said_in, said_at, basic, staff = pending
                yield from self._listed_sum(said_in, said_at, basic, [staff, first], *_BASIC_WORDS)
            return
        for _s_end, at, head in _lists(reading):
            before = [x for x in reading.amounts if head <= x.start < at and not x.comparative and not x.prior]
            if not before or not _names_basic(before[-1].clause):
                continue
            total = before[-1]
            personnel: Amount | None = None
            public: Amount | None = None
            for x in reading.amounts:
                if x.start < at or x.comparative or x.prior:
                    continue
                named = text[max(at, x.start - 12) : x.start]
                if _names_basic(x.clause) or "项目支出" in named or _CHANGE_WORDS.search(named):
                    break  # another total, or the parts' changes: not this list
                own = _BASIC_PART_NAMED.search(text, max(at, x.start - 16), x.start)
                if own is None:
                    personnel = public = None
                    break  # another figure among them (对个人和家庭的补助, 公用经费主要包括办公费…): the two are not the whole
                if own["part"] == "人员经费" and personnel is None and public is None:
                    personnel = x
                elif own["part"] == "公用经费" and personnel is not None and public is None:
                    public = x
                    break
                else:
                    personnel = public = None
                    break
            if personnel is not None and public is not None:
                yield from self._listed_sum(piece, paragraph, total, [personnel, public], *_BASIC_WORDS)
            elif personnel is not None and not any(x.start > personnel.start for x in reading.amounts):
                self.basic_pending = (piece, paragraph, total, personnel)
            return

    def spending_parts(self, piece: Piece, paragraph: Paragraph, reading: Reading) -> Iterator[Problem]:
        """“本年支出合计434.16万元，其中：基本支出A万元，项目支出B万元，上缴上级支出0万元，经营支出0万元，对附属单位补助支出0万元”:
        the parts of spending by its nature add up to the spending they divide (whichever: the department's, a class's).

        基本支出 and 项目支出 alone may leave out the others (上缴上级支出 …), so they are judged only for adding up to more than
        the whole; a list naming any of the others names them all, and must add up to it. A document printing its spending
        tables has each of these figures checked against its cell there.
        """
        text = reading.text
        if self._prints("expenditure") or self._prints("general-expenditure"):
            return
        for s_end, at, head in _lists(reading):
            before = _whole_before(reading, head, at)
            if not before:
                continue
            total = before[-1]
            if not _only_changes(text[total.end : at]) or not _SPENDING_TOTAL.search(total.clause):
                # (“本年支出合计100万元。其中：…”, “…，较上年增加10万元，增长11.11%，其中：…”: its change may stand between)
                continue
            parts: dict[str, Amount] = {}
            names: list[str] = []
            partial = False
            for x in reading.amounts:
                if x.start < at:
                    continue
                if x.start >= s_end:
                    break
                if x.comparative or not _same_time(x, total) or in_brackets(text, at, x.start):
                    continue  # a change, last year's figure, an aside: not a part
                named = _SPENDING_PART.search(text, max(at, x.start - 20), x.start)
                if named is None or named["part"] in parts or (x.phase is not None and x.phase != total.phase):
                    parts.clear()
                    break  # another figure among them: not a list of the parts
                # 财政项目补助支出 (医院会计制度) is the 项目支出 paid by the 财政 alone: a list naming it is judged only for
                # adding up to more than the whole, as one of 基本支出 and 项目支出 alone is.
                part = "项目支出" if named["part"] == "财政项目补助支出" else named["part"]
                if part in parts:
                    parts.clear()
                    break
                parts[part] = x
                names.append(named["part"])
                partial = partial or named["part"] == "财政项目补助支出"
            if len(parts) < 2 or not {"基本支出", "项目支出"} <= parts.keys():
                continue
            listed = sorted(parts.values(), key=lambda x: x.start)
            added = sum((_in_unit(x.value, x.unit, total.unit) for x in listed), Decimal(0))
            allowed = allowance([total.text, *(x.text for x in listed)], total.unit)
            whole = len(parts) > 2 and not partial
            if not whole and added - total.value <= allowed:
                continue  # 基本支出 and 项目支出 alone, adding up to no more than the whole: the rest may be the others
            what = "、".join(names)
            found = self.compared(
                "text-parts-mismatch",
                f"正文的支出 {total.text} {total.unit}与“其中”所列{what}之和不符：{' + '.join(x.text for x in listed)} = {fmt(added)} {total.unit}"
                + ("" if whole else "（没有列出的上缴上级支出等只会使总数更大）")
                + "。",
                piece,
                paragraph.offset(total.start),
                total.value,
                added,
                allowed,
            )
            if found is not None:
                yield found

    def class_parts(self, piece: Piece, paragraph: Paragraph, reading: Reading) -> Iterator[Problem]:
        """“支出预算：2026年年初预算数3,009.40万元，其中：一般公共服务支出2,380.31万元，教育支出6.69万元，……”: spending listed by
        its functional classes (类) adds up to no more than the spending it divides.

        A list may name only the main classes: it is judged only for adding up to more than the whole — unless it prints a
        class of 0 (“教育支出预算0万元”) and does not end with 等, which shows it goes through the classes one by one, and
        then it must add up. A document printing its spending tables has each of these figures checked against its cell there.
        """
        text = reading.text
        if self._prints("expenditure") or self._prints("general-expenditure"):
            return
        for s_end, at, head in _lists(reading):
            before = _whole_before(reading, head, at)
            if not before:
                continue
            total = before[-1]
            tail = _total_words(text[head : total.start] if _PHASE_ONLY.fullmatch(total.clause) else total.clause)
            if not _only_changes(text[total.end : at]) or not _SPENDING_TOTAL.search(tail) or _CLASS_PART.search(tail):
                continue  # not a total of spending (a class's own figure is divided by its 款, not by classes)
            end = at
            while True:  # “…，教育支出0万元；社会保障和就业支出60.00万元，主要用于……；卫生健康支出20.00万元”: a ； between classes
                end = min([i for i in (text.find("；", end, s_end), text.find(";", end, s_end)) if i >= 0] + [s_end])
                if end >= s_end or not _CLASS_OPENS.match(text, end + 1):
                    break
                end += 1
            parts: dict[str, Amount] = {}
            for x in reading.amounts:
                if x.start < at:
                    continue
                if x.start >= end:
                    break
                if x.comparative or not _same_time(x, total) or in_brackets(text, at, x.start):
                    continue  # a change, last year's figure, an aside: not a part
                named = _CLASS_PART.search(text, max(at, x.start - 30), x.start)
                if named is None or named["c"] in parts or not _same_phase(x, total):
                    parts.clear()
                    break  # another figure among them (a 款, 基本支出): not a list of the classes
                parts[named["c"]] = x
            if len(parts) < 2:
                continue
            listed = list(parts.values())
            added = sum((_in_unit(x.value, x.unit, total.unit) for x in listed), Decimal(0))
            allowed = allowance([total.text, *(x.text for x in listed)], total.unit)
            listed_words = text[at:end].rstrip("。")
            # “……，主要用于以下方面，其中：” says the main classes; “社会保障和就业支出60.00万元，主要用于……” says a class's use
            complete = not _ENDS_OPEN.search(listed_words) and "主要" not in text[total.end : at] and not _MAIN_OPENS.match(text, at)
            if self.doc.kind != "budget" and _TOTAL_WITH_CARRY.search(tail):
                complete = False  # a 决算's 支出总计 holds the 年末结转和结余 too: the classes divide only 本年支出合计
            if any(not x.value for x in listed) and complete:
                note = "（所列各类中有印作 0 的，可见是逐类列全的）"
            elif added - total.value > allowed:
                note = "（没有列出的支出功能分类只会使总数更大）"
            else:
                continue  # the main classes only, adding up to no more than the whole: the rest may be left out
            name = _YEAR_WORDS.sub("", tail).strip(" \t\u3000")
            yield from self._listed_sum(piece, paragraph, total, listed, "、".join(parts), name if 2 <= len(name) <= 16 else "支出", note)

    def fund_balance(self, piece: Piece, paragraph: Paragraph) -> Iterator[Problem]:
        """“政府性基金预算财政拨款年初结转和结余120.00万元，本年收入420.00万元，本年支出472.00万元，年末结转和结余68.00万元”:
        a fund's year, said in the national template's four figures, balances — what was carried in and received, less
        what was spent, is what is carried out. Only a fund's (财政拨款, 一般公共预算, 政府性基金, 国有资本经营): a whole
        department's has its 使用非财政拨款结余 and 结余分配 besides."""
        text = paragraph.text
        for said in _FUND_BALANCE.finditer(text):
            opened = max(text.rfind(c, 0, said.start()) for c in "。；;\n") + 1
            if not _OF_A_FUND.search(text, opened, said.start() + 8):
                continue
            figures = [(said[k], said["u" + k]) for k in "abcd"]
            if any(u not in UNIT_FACTORS for _, u in figures):
                continue
            unit = figures[-1][1]
            a, b, c, d = (Decimal(n.replace(",", "")) * UNIT_FACTORS[u] / UNIT_FACTORS[unit] for n, u in figures)
            computed = a + b - c
            allowed = allowance([n for n, _ in figures], unit)
            if computed == d:
                continue
            found = self.compared(
                "text-balance-mismatch",
                f"正文写年初结转和结余 {said['a']} {said['ua']}、本年收入 {said['b']} {said['ub']}、本年支出 {said['c']} {said['uc']}，"
                f"年末结转和结余应是 {said['a']} ＋ {said['b']} − {said['c']} = {to_places(computed, said['d'])} {unit}，正文却写 {said['d']} {unit}"
                f"（{diff_text(d, computed)}）。请照原文和表格核对这几个数。",
                piece,
                paragraph.offset(said.start("d")),
                d,
                computed,
                allowed,
            )
            if found is not None:
                yield found

    def source_parts(self, piece: Piece, paragraph: Paragraph, reading: Reading) -> Iterator[Problem]:
        """“本年收入合计519.07万元；包括财政拨款收入500.12万元…；其他收入18.95万元”: the income by its sources adds up to the
        income it divides; so do the three funds of a 财政拨款收入 (“（其中，一般公共预算…，政府性基金预算…，国有资本经营预算…）”),
        and 收入总计 (支出总计) its 本年收入合计, 使用非财政拨款结余 and 年初结转和结余 (本年支出合计, 结余分配, 年末结转和结余).

        A list may leave sources out (the ones that are 0): it is judged only for adding up to more than the whole, unless it
        clearly names every part — all three funds, all three parts of a 总计, or every source one by one with its 0s printed,
        and then against a whole that says what it holds: 本年收入 without the 上年结转, or a list that names the 上年结转. A
        document printing its income (支出, 财政拨款) tables has each of these figures checked against its cell there.
        """
        text = reading.text
        pending = self.sources_pending
        if pending is not None:
            first = reading.amounts[0] if reading.amounts else None
            named = _NUMBERED_SOURCE.match(text)
            if named is not None and first is not None and first.start == named.end() and not first.comparative and _same_time(first, pending.total):
                kind = _source_kind(named["words"], pending.family)
                if kind is not None and kind not in pending.parts:
                    pending.parts[kind] = first
                    return
            yield from self.judge_sources(pending)
            self.sources_pending = None
        for s_start, s_end in reading.sentences:
            for opener in _LIST_OPENER.finditer(text, s_start, s_end):
                listing = self._source_list(piece, paragraph, reading, s_start, s_end, opener)
                if listing is None:
                    continue
                if not listing.parts and _OPENS_PARAGRAPHS.fullmatch(text, opener.start()):
                    self.sources_pending = listing  # “……其中：” closes the paragraph: the parts follow, one to a paragraph
                    return
                yield from self.judge_sources(listing)

    def _source_list(
        self, piece: Piece, paragraph: Paragraph, reading: Reading, s_start: int, s_end: int, opener: re.Match[str]
    ) -> _SourceList | None:
        """The total before a list's opener (其中, 包括) and the parts the list names; None when the figure before it is no
        total of income (or of a 财政拨款收入, or 支出总计). Its parts are none when anything else is among them."""
        text = reading.text
        at = opener.start()
        if in_brackets(text, s_start, at) and not _FISCAL_WHOLE_BEFORE.search(text, s_start, at):
            return None  # a list in brackets is a 财政拨款收入's funds, or an aside
        head = s_start
        if at - s_start <= 1 and s_start > 0 and not any(s_start <= x.start < at for x in reading.amounts):
            head = max((a for a, b in reading.sentences if b <= s_start), default=0)
        before = _whole_before(reading, head, at)
        if not before or not _only_changes(text[before[-1].end : at]):
            return None
        total = before[-1]
        whole = _whole_of(text[s_start : total.start] if _PHASE_ONLY.fullmatch(total.clause) else total.clause)
        if whole is None or self._prints(_SOURCE_TABLES[whole[0]]):
            return None
        family, label, scope = whole
        end = s_end
        if in_brackets(text, s_start, at):
            end = min([i for i in (text.find("）", at), text.find(")", at)) if i >= 0] + [s_end])
        listing = _SourceList(piece, paragraph, total, family, label, scope, {}, text[at:end])
        for x in reading.amounts:
            if x.start < at:
                continue
            if x.start >= end:
                break
            if x.comparative or not _same_time(x, total) or in_brackets(text, at, x.start):
                continue  # a change, last year's figure, an aside (the funds of a 财政拨款收入): not a part
            kind = _source_kind(text[max(opener.end(), x.start - 30) : x.start], family)
            last = max((y.end for y in listing.parts.values()), default=at)
            if len(listing.parts) >= 2 and _CLOSED_BY_CHANGE.search(text, last, x.start):
                break  # “…，上年结转7.23万元；收入较去年增加126.92万元，主要是一般公共预算拨款增加98.09万元”: the list has closed
            if kind is None or kind in listing.parts or (x.phase is not None and total.phase is not None and x.phase != total.phase):
                listing.parts.clear()
                break  # another figure among them: not a list of the parts
            listing.parts[kind] = x
        return listing

    def judge_sources(self, listing: _SourceList) -> Iterator[Problem]:
        """A total against the parts its list names (see :meth:`source_parts`)."""
        parts = listing.parts
        family = _SOURCE_FAMILIES[listing.family]
        if len(parts) < 2 or not family.consistent(set(parts)):
            return
        total = listing.total
        listed = list(parts.values())  # in the order written (across paragraphs too)
        added = sum((_in_unit(x.value, x.unit, total.unit) for x in listed), Decimal(0))
        allowed = allowance([total.text, *(x.text for x in listed)], total.unit)
        if family.whole(set(parts), self.doc.kind):
            note = ""
        elif any(not x.value for x in listed) and family.by_zeros(set(parts), listing.scope) and not _ENDS_OPEN.search(listing.words):
            note = "（所列各项中有印作 0 的，可见是逐项列全的）"
        elif added - total.value > allowed:
            note = family.more
        else:
            return  # a list that may leave a part out, adding up to no more than the whole
        what = "、".join(_SOURCE_NAMES[k] for k in parts)
        terms = " + ".join(x.text if x.unit == total.unit else f"{x.text} {x.unit}" for x in listed)
        found = self.compared(
            "text-parts-mismatch",
            f"正文的{listing.label} {total.text} {total.unit}与“其中”所列{what}之和不符：{terms} = {fmt(added)} {total.unit}{note}。",
            listing.piece,
            listing.paragraph.offset(total.start),
            total.value,
            added,
            allowed,
        )
        if found is not None:
            yield found

    def part_changes(self, piece: Piece, paragraph: Paragraph, reading: Reading) -> Iterator[Problem]:
        """“比上年增加15.15万元，其中：因公出国（境）费0万元，与上年持平；公务接待费1.58万元，比上年减少0.26万元；公务用车购置
        及运行费28.91万元，比上年增加14.79万元”: when a “其中” list gives the change of every part of a whole (the three
        “三公” items; 基本支出 and 项目支出), the changes add up to the whole's change (−0.26 + 14.79 ≠ 15.15).

        Only a list of exactly the whole's parts, each with its change said in figures (or 持平), against the same base as
        the whole's (上年, not 预算), is judged; anything else in it (another item, 基本持平, a rate alone) leaves it alone.
        """
        text = reading.text
        for s_end, at, head in _lists(reading):
            whole = _WHOLE_CHANGE.search(text, head, at)
            if whole is None or in_brackets(text, head, whole.start()):
                continue
            lead = text[head : whole.start()]
            statement = lead[max(lead.rfind("；"), lead.rfind(";"), lead.rfind("。")) + 1 :]
            family = "three-public" if "三公" in lead else "spending" if _SPENDING_WHOLE.search(statement) and "收入" not in statement else None
            if family is None:
                continue
            base = _change_base(lead[max(lead.rfind("比"), lead.rfind("较"), lead.rfind("与"), 0) :])
            listed = text[at + 2 : s_end].lstrip("：:，, \t")
            start = s_end - len(listed)
            segments = _segments(listed, start, family)
            parts: dict[str, tuple[int, Decimal, str, str]] = {}
            for seg_start, segment in segments or ():
                named = _PART_NAME[family].match(segment)
                if named is None:
                    parts.clear()
                    break
                kind = _three_public_kind(named.group()) if family == "three-public" else named.group()
                said = _PART_SAID.match(segment, named.end())
                if kind is None or kind in parts or said is None or in_brackets(segment, named.end(), said.start()):
                    parts.clear()
                    break
                if _change_base(said["base"] or "") not in (base, None):
                    parts.clear()
                    break  # 比上年 for the whole, 比预算 for a part: not one comparison
                if said["flat"]:
                    parts[kind] = (seg_start + said.start(), Decimal(0), "0", whole["u"])
                else:
                    sign = direction_of(said["dir"]) or 0
                    if not sign:
                        parts.clear()
                        break
                    number = said["n"].replace(",", "")
                    value = _in_unit(Decimal(number), said["u"], whole["u"])
                    parts[kind] = (seg_start + said.start("n"), sign * value, number, said["u"])
            if set(parts) not in _WHOLE_PARTS[family]:
                continue
            sign = direction_of(whole["dir"]) or 0
            if not sign:
                continue
            number = whole["n"].replace(",", "")
            stated = sign * Decimal(number)
            ordered = sorted(parts.values())
            added = sum((x[1] for x in ordered), Decimal(0))
            terms = " ".join(("− " if x[1] < 0 else "+ ") + x[2] for x in ordered).removeprefix("+ ")
            if terms.startswith("− "):
                terms = "−" + terms[2:]
            places = max(decimal_places(x[2]) for x in ordered)
            net = abs(added).quantize(Decimal(1).scaleb(-places)) if places else abs(added)
            net_words = "持平" if not added else f"{'增加' if added > 0 else '减少'} {net} {whole['u']}"
            found = self.compared(
                "text-parts-mismatch",
                f"正文说{'“三公”经费' if family == 'three-public' else '支出'}{whole['dir']} {number} {whole['u']}，但“其中”所列各项的增减合起来是{net_words}"
                f"（{terms}，增加记正、减少记负）。",
                piece,
                paragraph.offset(whole.start("n")),
                stated,
                added,
                allowance([number, *(x[2] for x in ordered)], whole["u"], aggregates=True),
            )
            if found is not None:
                yield found

    def _prints(self, provided: str) -> bool:
        """Whether the document prints a table of what ``provided`` names (a “三公”经费 table, the official 基本支出表): its
        sums, and the text's figures against its cells, are checked there. A table titled with “三公” counts as one."""
        if self._provided is None:
            from ..tablekinds import kind_of

            self._provided = set()
            for block in self.doc.body:
                if isinstance(block, m.Table):
                    kind = kind_of(block.role)
                    self._provided.update(kind.provides if kind is not None else ())
                    if "三公" in (block.title or ""):
                        self._provided.add("three-public")
        return provided in self._provided

    def _listed_sum(
        self, piece: Piece, paragraph: Paragraph, total: Amount, listed: list[Amount], what: str, whole: str = "总数", why: str = ""
    ) -> Iterator[Problem]:
        """A total of the text against the parts its “其中” lists (``what``), which are the whole of it."""
        added = sum((_in_unit(x.value, x.unit, total.unit) for x in listed), Decimal(0))
        found = self.compared(
            "text-parts-mismatch",
            f"正文的{whole} {total.text} {total.unit}与“其中”所列{what}之和不符：{' + '.join(x.text for x in listed)} = {fmt(added)} {total.unit}{why}。",
            piece,
            paragraph.offset(total.start),
            total.value,
            added,
            allowance([total.text, *(x.text for x in listed)], total.unit),
        )
        if found is not None:
            yield found

    def parts(self, piece: Piece, paragraph: Paragraph, reading: Reading) -> Iterator[Problem]:
        """“政府采购支出总额251.25万元，其中：货物4.79万元、工程0万元、服务256.47万元”: the three kinds are the whole.

        A list with no figure before its 其中 (“按政府采购项目类型……。其中：货物类采购11000元；工程类采购0元；服务类采购7000元”)
        divides the 政府采购 total stated earlier in the section, or a figure of 采购 stated after that total (政府集中采购预算):
        the sum must be one of them, and is told against the total.
        """
        text = reading.text
        for s_start, s_end in reading.sentences:
            at = text.find("其中", s_start, s_end)
            if at < 0:
                continue
            before = [x for x in reading.amounts if s_start <= x.start < at and not x.comparative and not x.prior]
            earlier: _Procured | None = None
            if before:
                if "采购" not in before[-1].clause:
                    continue
                total = before[-1]
            elif any(s_start <= x.start < at for x in reading.amounts):
                continue  # a comparison's or last year's figure before the list: not a list of the total's kinds
            else:
                earlier = self.procurement_so_far(piece, paragraph, reading, s_start)
                if earlier is None:
                    continue
                total = earlier.total
            kinds: dict[str, Amount] = {}
            for x in reading.amounts:
                if at <= x.start < s_end and not x.comparative and not x.prior:
                    clause = text[max(at, x.start - 12) : x.start]
                    found = [k for k in _PROCUREMENT_KINDS if k in clause]
                    if len(found) != 1 or found[0] in kinds:
                        break
                    kinds[found[0]] = x
            if len(kinds) != len(_PROCUREMENT_KINDS):
                continue
            listed = [kinds[k] for k in _PROCUREMENT_KINDS]
            added = sum((_in_unit(x.value, x.unit, total.unit) for x in listed), Decimal(0))
            formula = " + ".join(f"{x.text}" for x in listed)
            allowed = allowance([total.text, *(x.text for x in listed)], total.unit)
            if earlier is None:
                said, offset = f"正文的总数 {total.text} {total.unit}", paragraph.offset(total.start)
            else:
                if any(
                    abs(_in_unit(added, total.unit, x.unit) - x.value) <= allowance([x.text, *(y.text for y in listed)], x.unit)
                    for x in earlier.others
                ):
                    continue  # the kinds of the 集中采购 (or another 采购 figure) said after the total: that one's
                line, _ = self.places.of(earlier.piece.path, earlier.piece.text, earlier.paragraph.offset(total.start))
                said, offset = f"正文第 {line} 行的政府采购总数 {total.text} {total.unit}", paragraph.offset(listed[0].start)
            found_problem = self.compared(
                "text-parts-mismatch",
                f"{said}与“其中”所列货物、工程、服务之和不符：{formula} = {fmt(added)} {total.unit}。",
                piece,
                offset,
                total.value,
                added,
                allowed,
            )
            if found_problem is not None:
                yield found_problem

    def shares(self, piece: Piece, paragraph: Paragraph, reading: Reading) -> Iterator[Problem]:
        """Each “占 x%” against its part and whole."""
        found = shares(reading)
        for share in found:
            if share.whole is None and share.head is not None and _TOTAL_NAME.fullmatch(norm(share.whole_name)):
                # 支出预算842.79万元，…。其中，基本支出781.93万元，占总支出92%: a whole named as the total (总支出, 支出总额,
                # 支出合计) that the text did not state by that name is the figure the list divides.
                if self.named_whole(share.whole_name, reading, share.part.start) is None:
                    share.whole = share.head
        sums: dict[int, Decimal] = {}
        for share in found:
            if share.whole is not None:
                sums[id(share.whole)] = sums.get(id(share.whole), Decimal(0)) + share.rate.value
        for share in found:
            whole: tuple[Decimal, str, str] | None = None
            if share.whole is not None:
                whole = (share.whole.value, share.whole.text, share.whole.unit)
            elif share.whole_name:
                whole = self.named_whole(share.whole_name, reading, share.part.start)
            if whole is None or not whole[0]:
                continue
            value, text, unit = whole
            part = _in_unit(share.part.value, share.part.unit, unit)
            places = max(decimal_places(share.part.text), decimal_places(text))
            u = Decimal(1).scaleb(-places) / 2 if places else Decimal(0)
            rate = part / value * HUNDRED
            spread = abs(rate) * ((u / abs(part) if part else Decimal(0)) + u / abs(value))
            forced = share.whole is not None and sums.get(id(share.whole)) == HUNDRED
            extra = Decimal(1).scaleb(-decimal_places(share.rate.text)) if forced else Decimal(0)
            # In two units (17275.45万元 of 1.37亿元) the sum names them, or it reads as dividing the bare numbers.
            shown = f"{share.part.text}{share.part.unit} ÷ {text}{unit}" if share.part.unit != unit else f"{share.part.text} ÷ {text}"
            args = (piece, paragraph, share.rate, (rate, spread), f"{shown} × 100")
            if rate - spread > HUNDRED and part > 0 and share.rate.value <= HUNDRED:
                # 钱塘: “本年收入合计4325.47万元；包括财政拨款收入4352.47万元，占100%” — a part is never more than its whole;
                # cutting off decimals (100.62 printed 100) explains no share above 100%.
                problems = [
                    self.problem(
                        "text-rate-mismatch",
                        f"正文“占{share.rate.text}%”与所列数字不符：{shown} × 100 = {round_to(rate, 2)}，"
                        "部分比整体还大，请核对这两个数字。",
                        piece,
                        paragraph.offset(share.rate.start),
                        stated=share.rate.value,
                        computed=round_to(rate, 4),
                    )
                ]
                self.share_log.append(_ShareSaid((value * UNIT_FACTORS.get(unit, Decimal(1)), norm(share.whole_name)), args, extra, problems))
                yield from problems
                continue
            problems = list(self.rate(*args, "占", extra))
            self.share_log.append(_ShareSaid((value * UNIT_FACTORS.get(unit, Decimal(1)), norm(share.whole_name)), args, extra, problems))
            yield from problems

    def paired(self, piece: Piece, paragraph: Paragraph) -> Iterator[Problem]:
        """“收、支总计各是A、B万元。与上年相比，收、支总计各减少a、b万元，各下降x%、y%”: each rate of its own pair."""
        text = paragraph.text
        totals = list(_PAIRED_TOTALS.finditer(text))
        for change in _PAIRED_CHANGES.finditer(text):
            stated = [t for t in totals if t.end() <= change.start()]
            if not stated or stated[-1]["u"] != change["u"]:
                continue
            total = stated[-1]
            direction = direction_of(change["dir"]) or 0
            said = direction_of(change["rdir"])
            if said is not None and said != direction:
                yield self.problem(
                    "text-direction-mismatch",
                    f"正文同一处先说“{change['dir']}”，又说“{change['rdir']}”：方向相反，请核对。",
                    piece,
                    paragraph.offset(change.start("rdir")),
                )
                continue
            for side in ("a", "b"):
                current = _paired_amount(total, side, total["u"])
                moved = _paired_amount(change, side, change["u"])
                rate = Percent(change.start("r" + side), change.end("r" + side), Decimal(change["r" + side]), change["r" + side], 0)
                sign = "−" if direction > 0 else "+"
                yield from self.rate(
                    piece, paragraph, rate, _from_change(current, moved, direction), f"{moved.text} ÷（{current.text} {sign} {moved.text}）× 100", change["rdir"]
                )

    def named_whole(self, name: str, reading: Reading, before: int) -> tuple[Decimal, str, str] | None:
        """The figure of the whole a share names (“占本年支出合计的”): stated earlier in the text, else the tables'."""
        name = norm(name)
        if name in GENERIC_WHOLES:
            return None  # 占支出比重25%: which 支出 is not said
        this_years = (None, "actual" if self.current == "actual" else "budget")
        earlier = [*reversed([a for a in reading.amounts if a.end <= before]), *reversed(self.stated)]
        for amount in earlier:
            if (
                not amount.prior
                and not amount.comparative
                and amount.phase in this_years
                and names(amount.clause, name, self.own)
            ):
                return amount.value, amount.text, amount.unit
        for variant in whole_variants(name):
            # 占支出总预算10.73% of “2025年支出预算1085203.63元”: the same whole named as the text named it before.
            for amount in earlier:
                if not amount.prior and not amount.comparative and amount.phase in this_years and names_exactly(amount.clause, variant):
                    return amount.value, amount.text, amount.unit
        if self.items is None:
            return None
        # “占“三公”经费财政拨款支出决算的27.78%”: the term, give or take the phase word it ends with.
        found = next((f for f in map(self.items.named, [name, *whole_variants(name)]) if f is not None and f[1] == 0), None)
        if found is None:
            return None
        cells = self.items.candidates(found[0], (self.current,), self.current)
        if not cells or len({c.value * UNIT_FACTORS.get(c.unit, Decimal(1)) for c in cells}) != 1:
            return None
        return cells[0].value, cells[0].text, cells[0].unit

    # ----------------------------------------------------------------------- counts of the “三公” table

    def counted(self) -> dict[str, tuple[Decimal, str, str]]:
        """The counts the document's tables print (团组, 人次, 车辆, 批次), by column id: value, text and where."""
        if self._counts is None:
            self._counts = {}
            seen: set[str] = set()
            for block in self.doc.body:
                if not isinstance(block, m.Table) or block.from_text:
                    continue
                for grid in block.grids():
                    specs = column_specs(grid)
                    for ci, spec in enumerate(specs):
                        if spec.id not in _COUNT_WORDS or spec.type != "count":
                            continue
                        if spec.id in seen:
                            self._counts.pop(spec.id, None)  # printed twice: which one the text restates is not clear
                            continue
                        seen.add(spec.id)
                        cells = [row[ci] for row in grid.cells if ci < len(row) and row[ci].state == "number"]
                        if len(cells) == 1 and cells[0].value is not None:
                            where = f"“{table_name(block)}”中“{spec.label}”"
                            self._counts[spec.id] = (cells[0].value, cells[0].text or fmt(cells[0].value), where)
                    if "three-public" in (block.role or ""):
                        found_rows = self._count_rows(block, grid, specs)
                        for count, found in found_rows.items():
                            if count in seen:
                                self._counts.pop(count, None)
                                continue
                            seen.add(count)
                            self._counts[count] = found
        return self._counts

    def _count_rows(self, block: m.Table, grid: m.Grid, specs: list[ColumnSpec]) -> dict[str, tuple[Decimal, str, str]]:
        """The counts a “三公” table prints as rows under “相关统计数” (“5.国内公务接待批次（个）”), by the count column they
        stand for, from the one column of this year's figures."""
        rows = [r for r in row_specs(grid) if r.type == "count"]
        if not rows:
            return {}
        this_year = [ci for ci, spec in enumerate(specs) if spec.type == "money" and spec.phase == self.current]
        if len(this_year) != 1:
            this_year = [ci for ci, spec in enumerate(specs) if spec.type == "money"] if len(specs) == 1 else []
        if len(this_year) != 1:
            return {}  # (a 预算数 beside a 决算数 with no phase said: which column is the year's is not known)
        ci = this_year[0]
        out: dict[str, tuple[Decimal, str, str]] = {}
        twice: set[str] = set()
        for r in rows:
            count = next((c for c, words in _COUNT_ROW_WORDS if words.search(r.label)), None)
            row = grid.cells[r.index] if r.index < len(grid.cells) else []
            value = row[ci].value if ci < len(row) and row[ci].state == "number" else None
            if count is None or value is None:
                continue
            if count in out:
                twice.add(count)  # two rows of one count: which the text restates is not clear
            out[count] = (value, row[ci].text or fmt(value), f"“{table_name(block)}”中“{r.label}”的“{specs[ci].label}”")
        return {c: v for c, v in out.items() if c not in twice}

    def counts(self, piece: Piece, paragraph: Paragraph) -> Iterator[Problem]:
        """“国内公务接待12批次，168人次”, “公务用车保有量6辆” against the count columns of the “三公” table."""
        text = paragraph.text
        printed = self.counted()
        said_at: set[int] = set()
        for column, pattern, others in _COUNTS:
            if column not in printed:
                continue
            for match in pattern.finditer(text):
                if match.start("n") in said_at:
                    continue  # read already by a pattern before
                # The words of its clause before the number: 年初预算安排购置…, 2023年末…保有量, 原有…
                clause_start = max(text.rfind(mark, 0, match.start()) for mark in "，,。；;：") + 1
                between = text[clause_start : match.start("n")]
                # (the fund a count is paid from is no budget: “使用一般公共预算财政拨款开支的公务用车保有量为4辆”)
                if _NOT_THIS_YEARS_COUNT.search(_FUND_NAME.sub("", between)) or any(o in between for o in others):
                    continue
                if match.re in _ON_TOPIC:
                    # “公务接待费0.86万元，……。2024年共计接待6批次38人次”: a bare 接待, in the 公务接待 paragraph's own sentence
                    sentence = text[text.rfind("。", 0, match.start()) + 1 : match.start()]
                    if "公务接待" not in text[: match.start()] or "公务接待" in sentence or any(w in sentence for w in _ABROAD_WORDS + ("外事",)):
                        continue
                said_at.add(match.start("n"))
                statement = text[max(text.rfind("。", 0, match.start()), text.rfind("；", 0, match.start())) + 1 : match.start("n")]
                if "外事" in statement or "外宾" in statement:
                    continue  # 外事接待批次为2个，接待人次为15人: not the 国内 columns
                if column.startswith("reception") and max(statement.rfind(w) for w in _ABROAD_WORDS) > statement.rfind("国内"):
                    continue  # “；国（境）外公务接待批次23个，接待人次142人”: the statement is about receptions from abroad
                sentence_start = text.rfind("。", 0, match.start()) + 1
                if _PLANNED.search(text, sentence_start, match.start("n")):
                    continue  # 下一年度拟安排团组5个，累计20人次, 近三年累计…: not this year's alone
                if "安排" in between and _DONE_OTHERWISE.search(text, match.end(), (text.find("。", match.end()) + 1 or len(text) + 1) - 1):
                    continue  # 共安排团组3个，因故取消1个，实际出访2个: 3 was the plan
                sentence_end = text.find("。", match.end())
                if _a_part_count(column, text[sentence_start : match.start("n")], text[match.end() : sentence_end if sentence_end >= 0 else len(text)]):
                    continue
                years = [int(y) for y in _YEAR_IN.findall(between)]
                if any(y != self.doc.year for y in years):
                    continue
                value, shown, where = printed[column]
                stated = Decimal(match["n"])
                if stated == value:
                    continue
                yield self.problem(
                    "text-figure-mismatch",
                    f"正文中{_COUNT_NAMES[column]}写作“{text[match.start('n') : match.end()]}”，而{where}是 {shown}：正文应与表格一致，请照原文核对。",
                    piece,
                    paragraph.offset(match.start("n")),
                    stated=stated,
                    computed=value,
                )

    # ----------------------------------------------------------------------- budget against actual

    def versus(self, piece: Piece, paragraph: Paragraph, reading: Reading) -> Iterator[Problem]:
        """“决算数小于预算数” against the item's actual and budget figures."""
        text = reading.text
        for match in VERSUS.finditer(text):
            si = next(i for i, (a, b) in enumerate(reading.sentences) if a <= match.start() < b)
            word = match["flat"] or match["cmp"] or match["rcmp"]
            said = VERSUS_SIGN.get(word)
            if said is None:
                continue
            if match["rcmp"]:
                said = -said
            named = self.named_before(reading, si, match.start())
            if named is not None and named.elsewhere:
                continue
            # “…公务接待费支出预算为8.00万元，支出决算为9.00万元。2023年度“三公”经费支出决算数小于预算数”: the item the
            # sentence names, not the figures stated last (the last part of the list).
            pair = self.stated_pair(reading, match.start(), named) or self.table_pair(reading, named)
            if pair is None:
                yield from self.versus_rate(piece, paragraph, reading, si, match, said)
                continue
            actual, budget, unit, texts = pair
            diff = actual - budget
            allowed = allowance(texts, unit)
            if word == "基本持平" and budget and abs(diff) <= abs(budget) * NEARLY:
                continue
            fact = 0 if abs(diff) <= allowed else (1 if diff > 0 else -1)
            if fact == said:
                continue
            truth = "两者相等" if fact == 0 else ("决算数大于预算数" if fact > 0 else "决算数小于预算数")
            yield self.problem(
                "text-direction-mismatch",
                f"正文说“{match.group()}”，但决算数 {fmt(actual)} {unit}、预算数 {fmt(budget)} {unit}：{truth}。请改正方向词或数字。",
                piece,
                paragraph.offset(match.start()),
            )

    def versus_rate(self, piece: Piece, paragraph: Paragraph, reading: Reading, si: int, match: re.Match[str], said: int) -> Iterator[Problem]:
        """“支出决算为3456.21万元，完成年初预算的88.50%，决算数大于年初预算数”: the completion rate of the same sentence settles it."""
        text = reading.text
        rate = next(
            (
                p
                for p in reversed(reading.percents)
                if p.sentence == si and p.end <= match.start() and COMPLETION.search(text, max(reading.sentences[si][0], p.start - 30), p.start)
            ),
            None,
        )
        if rate is None:
            return
        named = (_budget_named(text[max(reading.sentences[si][0], rate.start - 30) : rate.start]), _budget_named(match.group()))
        if None not in named and named[0] != named[1]:
            return  # “完成调整预算的98%，决算数大于年初预算数”: two budgets, both statements may be true
        by = next((x for x in reading.amounts if x.start == match.end() and not x.prior), None)
        actual = next(
            (
                x
                for x in reversed(reading.amounts)
                if x.sentence == si and x.end <= rate.start and not x.prior and not x.comparative and x.phase in (None, "actual")
            ),
            None,
        )
        if by is not None and actual is not None and said and by.unit == actual.unit:
            # “支出1741.75万元，…；完成年初预算100%，决算数大于预算数55.93万元”: the budget is 1741.75 − 55.93, and the rate 103.32.
            budget = replace(by, value=actual.value - said * by.value, text=fmt(actual.value - said * by.value))
            if budget.value > 0:
                yield from self.rate(
                    piece, paragraph, rate, _ratio(actual, budget), f"{actual.text} ÷（{actual.text} {'−' if said > 0 else '+'} {by.text}）× 100", "完成"
                )
                return
        gap = rate.value - HUNDRED
        if abs(gap) <= Decimal(1).scaleb(-decimal_places(rate.text)) / 2:
            return  # “完成预算的100%”: within its rounding, either way
        if match["flat"] == "基本持平" and abs(gap) <= NEARLY * HUNDRED:
            return
        fact = 1 if gap > 0 else -1
        if fact == said:
            return
        truth = "决算数大于预算数" if fact > 0 else "决算数小于预算数"
        yield self.problem(
            "text-direction-mismatch",
            f"正文说“{match.group()}”，但同一句的完成率是 {rate.text}%：{truth}。请改正方向词或数字。",
            piece,
            paragraph.offset(match.start()),
        )

    def stated_pair(self, reading: Reading, before: int, named: Item | None = None) -> tuple[Decimal, Decimal, str, list[str]] | None:
        """The actual and budget amounts this paragraph stated last for one item (``named``, when given), before ``before``."""
        amounts = [a for a in reading.amounts if a.end <= before and not a.prior and not a.comparative and (a.item is not None or a.bare)]
        if named is not None:
            amounts = [a for a in amounts if a.item is not None and a.item.key == named.key]
        actual = next((a for a in reversed(amounts) if a.phase == "actual"), None)
        if actual is None:
            return None
        key = actual.item.key if actual.item is not None else None
        budget = next(
            (
                a
                for a in reversed(amounts)
                if a.phase in ("initial-budget", "adjusted-budget", "budget") and (a.item.key if a.item is not None else None) == key
            ),
            None,
        )
        if budget is None:
            return None
        return actual.value, _in_unit(budget.value, budget.unit, actual.unit), actual.unit, [actual.text, budget.text]

    def table_budget(self, actual: Amount, phase: str) -> Amount | None:
        """The budget the tables print for the item of ``actual`` (“决算为62.07万元，完成预算的73.2%”), when they print one."""
        if self.items is None or actual.item is None or actual.phase != "actual" or actual.prior or actual.comparative:
            return None
        phases = ("initial-budget", "adjusted-budget") if phase == "budget" else (phase,)
        cells = self.items.candidates(actual.item, phases, self.current)
        if len({_in_unit(c.value, c.unit, actual.unit) for c in cells}) != 1 or not cells[0].value:
            return None
        cell = cells[0]
        return replace(actual, value=cell.value, text=cell.text, unit=cell.unit, item=actual.item, phase=phase)

    def named_before(self, reading: Reading, si: int, at: int) -> Item | None:
        """The item the sentence names right before ``at`` (“2023年度“三公”经费支出决算数小于预算数”), if any."""
        if self.items is None:
            return None
        before = reading.text[reading.sentences[si][0] : at]
        before = _TRAILING.sub("", before)
        found = name_at_end(before, self.items)
        return found[0] if found is not None else None

    def table_pair(self, reading: Reading, named: Item | None) -> tuple[Decimal, Decimal, str, list[str]] | None:
        """The actual and budget figures the tables print for the item the sentence names."""
        if self.items is None or named is None:
            return None
        actual = self.items.candidates(named, ("actual",), self.current)
        budget = self.items.candidates(named, ("initial-budget", "adjusted-budget"), self.current)
        if len(actual) != 1 or len(budget) != 1 or actual[0].unit != budget[0].unit:
            return None
        return actual[0].value, budget[0].value, actual[0].unit, [actual[0].text, budget[0].text]

    # ----------------------------------------------------------------------- classification names

    def code_names(self, piece: Piece, paragraph: Paragraph) -> Iterator[Problem]:
        """Classification names in the text (XX（类）XX（款）XX（项）, XX-XX-XX科目) against the names the tables print."""
        assert self.items is not None
        text = paragraph.text
        found = [*CODE_PATH.finditer(text)] if "（类）" in text else []
        if "科目" in text:
            found += _DASH_SUBJECT.finditer(text)
        for match in found:
            names = [n for n in (match["c"], match["k"], match["x"]) if n]
            code, depth = self.items.path(names)
            if code is None:
                guess = self.items.class_of_section(names[1]) if len(names) > 1 else None
                if guess is None or not names[0].endswith("支出") or len(names[0]) > 20:
                    continue
                yield self.problem(
                    "code-name-mismatch",
                    f"正文中的“{names[0]}（类）”在表格中叫“{self.items.code_names[guess]}”（编码 {guess}）：同一编码应是同一个科目名称。",
                    piece,
                    paragraph.offset(match.start("c")),
                )
                continue
            if depth == len(names):
                continue
            wrong = names[depth]
            group = ("c", "k", "x")[depth]
            printed = self.items.children.get(code, {})
            if not printed:
                continue  # the tables print nothing below this code: nothing to compare
            level = LEVELS.get(len(code) + 2, "")
            known = "、".join(f"{n}（{c}）" for n, c in list(printed.items())[:6])
            yield self.problem(
                "code-name-mismatch",
                f"正文中的“{wrong}（{level}）”不是表格中“{self.items.code_names.get(code, '')}”（{code}）下的科目："
                f"表格中印的是 {known}。同一编码应是同一个科目名称。",
                piece,
                paragraph.offset(match.start(group)),
            )


_DASHES = re.compile(r"[-－—–]")
_NUMBER_IN_PROSE = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d)(?!\.\d)")
_REASON = re.compile(r"主要原因(?:是|为)?：?(?P<what>[^，,；;。：]{2,40}?)(?P<dir>增加|减少|增长|下降|保持不变|不变)[。；;]?")
_TOTAL_NAME = re.compile(r"(?:本年|全年|全部|部门|单位)?(?:总支出|支出总额|支出合计|总收入|收入总额|收入合计|总预算|预算总额|总额)(?:预算)?")
"""Names of the whole a 其中 list divides (“占总支出92%”, “占支出合计的7%”), not of one item of it."""


_DIRECTION_WORD = re.compile(r"增加|增长|上升|提高|减少|下降|降低|压减")
_OUTLINE = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.、．])")
"""An outline number before a name (“（一）一般公共服务支出（类）…”): not part of the name a message quotes."""
_BUDGET_BASE = re.compile(r"(?P<which>年初|全年|调整后|调整)?预算")


def _compared_names(words: str) -> tuple[str, str]:
    """What a comparison's base and current figures are called, by its words (“比年初预算减少”: 年初预算数 and 决算数)."""
    budget = _BUDGET_BASE.search(words)
    if budget is not None and "上年" not in words and "去年" not in words and not re.search(r"(?:19|20)\d\d", words):
        return f"{budget['which'] or ''}预算数", "决算数"
    return "上年数", "本年"


_REASON_OF = re.compile(r"(?P<what>[^，,；;。：:\d]{2,20}?)(?P<dir>增加|减少|增长|下降)(?:的)?主要原因")
"""““三公”经费预算减少的主要原因是…”: a change named with its reason."""


def _reason_parts(item: Item) -> tuple[str, ...]:
    """Words of a reason that name the “三公” or 机关运行经费 total ``item`` is, or one of its parts."""
    if item.kind != "term":
        return ()
    if "三公" in item.key:
        return ("三公", "公务接待", "接待费", "公务用车", "因公出国", "出国（境）")
    return ("机关运行", "公用经费", "运行经费") if item.key.startswith("机关运行经费") else ()


def _sentence_end(text: str, start: int) -> int:
    end = text.find("。", start)
    return end if end >= 0 else len(text)


_TRAILING = re.compile(r"(?:支出|收入|的|财政拨款)+$")
_DASH_SUBJECT = re.compile(rf"(?P<c>{DASH_NAME})[-－—–](?P<k>{DASH_NAME})(?:[-－—–](?P<x>{DASH_NAME}))?(?=科目)")
"""“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目."""


# --------------------------------------------------------------------------- helpers


_FUNDS = (("政府性基金", "gov-fund"), ("国有资本经营", "state-capital"))
_PLAIN = r"\d+(?:\.\d+)?"
_PAIRED_TOTALS = re.compile(rf"收(?:入)?、?支(?:出)?(?:决算)?总计各(?:是|为)?(?P<a>{_PLAIN})[、,，](?P<b>{_PLAIN})(?P<u>万元|亿元|元)")
"""“收、支总计各是4125.49、4143.91万元”: two totals in one list, income first."""
_PAIRED_CHANGES = re.compile(
    rf"总计各(?P<dir>增加|减少)(?P<a>{_PLAIN})[、,，](?P<b>{_PLAIN})(?P<u>万元|亿元|元)[，,]各(?P<rdir>增长|下降|降低|上升|增加|减少)"
    rf"(?P<ra>{_PLAIN})[%％][、,，](?P<rb>{_PLAIN})[%％]"
)
"""“收、支总计各减少1267.86、2570.97万元，各下降23.51%、38.28%”: the changes and rates of the two totals, in their order."""


def _paired_amount(match: re.Match[str], side: str, unit: str) -> Amount:
    return Amount(match.start(side), match.end(side), Decimal(match[side]), match[side], unit, 0)


_SHARES_OF = re.compile(r"(?:(?:19|20)\d\d年度?)?(?P<whole>[^，,；;。\d%％]{2,30}?)中[，,]")
"""“2023年度“三公”经费财政拨款支出决算中，”: the whole of the shares that follow."""
_SHARE_OF_NAMED = re.compile(r"(?P<part>[^，,；;。\d%％]{2,30}?)占(?:比)?(?:为)?")
"""“因公出国（境）费支出决算占”: a part named without its figure."""
_INCOME_ONLY = frozenset({"一般公共预算拨款"})
"""Terms that name the income only in a statement of income (the same words name the spending paid from it)."""
_OTHER_SOURCES = frozenset({"事业收入", "经营收入", "事业单位经营收入", "其他收入", "上级补助收入", "附属单位上缴收入"})
"""Sources of income that no fund's own table prints: named after a fund, they are the next of a list of every source."""


_BASIC_PART = re.compile(r"[\d一二三四五六七八九十（）()、.．]*\s*公用经费(?:支出)?(?:预算|决算)?(?:数)?(?:为|是)?\s*")
"""What may open a paragraph before its 公用经费 figure (“公用经费 71339.2 元”, “2.公用经费支出预算为…”)."""
_CHANGE_WORDS = re.compile(r"增加|减少|增长|下降|上升|降低|比|较|持平")
_BASIC_WORDS = ("人员经费、公用经费", "基本支出", "（基本支出由人员经费和公用经费组成）")
"""What a 基本支出 against its 人员经费 and 公用经费 is told as (see ``Narrative._listed_sum``)."""
_BASIC_PART_NAMED = re.compile(r"(?P<part>人员经费|公用经费)(?:支出)?(?:预算|决算)?(?:数)?(?:合计)?(?:为|是|共|共计)?\s*$")
"""The words right before a figure that make it the 人员经费 or 公用经费 itself (not 公用经费主要包括办公费 50)."""


_SPENDING_TOTAL = re.compile(r"支出(?:合计|总计|总额)?(?:预算|决算)?(?:数)?(?:为|是|共|共计|合计)?[ \t\u3000]*$")
"""A figure's words that end by naming spending (本年支出合计, 支出决算为, 一般公共服务支出): what 基本支出 and 项目支出 divide."""
_CLASS_NAMES = (
    "一般公共服务|外交|国防|公共安全|教育|科学技术|文化旅游体育与传媒|文化体育与传媒|社会保障和就业|社会保险基金|卫生健康|"
    "医疗卫生与计划生育|医疗卫生|节能环保|城乡社区|农林水|交通运输|资源勘探工业信息等|资源勘探信息等|资源勘探电力信息等|"
    "商业服务业等|金融|援助其他地区|自然资源海洋气象等|国土海洋气象等|国土资源气象等|住房保障|粮油物资储备|灾害防治及应急管理|"
    "债务还本|债务付息|债务发行费用|其他"
)
_CLASS_PART = re.compile(
    r"(?:(?<![\u4e00-\u9fff])|(?<=其中)|(?<=包括))(?:[（(]?[一二三四五六七八九十\d]{1,2}[）)、.．]+)?(?P<c>(?:"
    + _CLASS_NAMES
    + r")支出)(?:[（(]类[）)])?(?:预算|决算)?(?:数)?(?:为|是|共|共计|合计|安排)?[ \t\u3000]*$"
)
_YEAR_WORDS = re.compile(r"(?:19|20)\d\d年度?")
_CLASS_OPENS = re.compile(
    r"[ \t\u3000]*(?:[（(]?[一二三四五六七八九十\d]{1,2}[）)、.．]+)?(?:"
    + _CLASS_NAMES
    + r")支出(?:[（(]类[）)])?(?:预算|决算)?(?:数)?(?:为|是|共|共计|合计|安排)?[ \t\u3000]*\d"
)
"""A functional class and its figure opening the words after a ； (the list of classes goes on)."""
_MAIN_OPENS = re.compile(r"[：:，,\s]*主要")
_TOTAL_WITH_CARRY = re.compile(r"总计|总额")
"""A 决算's spending total that holds more than this year's spending (支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余)."""


def _same_phase(part: Amount, whole: Amount) -> bool:
    """Whether a part's phase may be its whole's: either says none, they are the same, or a part's bare 预算 under the
    whole's 年初预算数 (调整后预算数)."""
    return part.phase is None or whole.phase is None or part.phase == whole.phase or part.phase == "budget" and whole.phase.endswith("budget")


_CLASS_NAMED = re.compile(f"(?:{_CLASS_NAMES})支出")
"""The words right before a functional class's figure (政府收支分类的“类”: “一般公共服务支出”, “卫生健康支出预算”), after a stop."""
_SPENDING_PART = re.compile(
    r"(?:(?<![\u4e00-\u9fff])|(?<=其中)|(?<=包括))(?:[（(]?[一二三四五六\d][）)、.．]?)?(?P<part>基本支出|项目支出|财政项目补助支出|上缴上级支出|经营支出|对附属单位补助支出)"
    r"(?:预算|决算)?(?:数)?(?:为|是|共|共计|合计|安排)?[ \t\u3000]*$"
)
"""The words right before a part of spending by its nature (“基本支出”, “2.项目支出为”), after a stop or a list mark."""
_WHOLE_CHANGE = re.compile(
    r"(?P<dir>" + CHANGE_WORDS + r")了?(?P<n>\d[\d,]*(?:\.\d+)?)(?P<u>万元|亿元|元)"
    r"(?:[，,（(]?(?:同比)?(?:增长|下降|增幅|降幅|上升|降低)(?:了|为)?\d+(?:\.\d+)?[%％][）)]?|[（(]\d+(?:\.\d+)?[%％][）)])?"
    r"[，,。；;：:\s]*$"
)
"""The whole's change right before the 其中 that lists its parts' (“比上年增加15.15万元，其中”, “减少2万元，下降10%。其中”)."""
_SPENDING_WHOLE = re.compile(r"支出|收支")
"""Words of a spending total (any: the department's, a class's) whose change a list of 基本支出 and 项目支出 divides."""
_PART_NAME = {
    "three-public": re.compile(
        r"(?:\d[.、．]|[（(][一二三\d][）)])?\s*(?:因公出国[（(]?境[）)]?|出国[（(]?境[）)]?|公务接待|公务用车(?:购置|购买)?(?:及|和|与)?(?:运行(?:维护|维修)?|运维)?)(?:费用|经费|费)?(?:支出)?"
    ),
    "spending": re.compile(r"(?:\d[.、．]|[（(][一二三\d][）)])?\s*(?P<part>基本支出|项目支出)"),
}
_WHOLE_PARTS = {
    "three-public": ({"overseas", "reception", "vehicle"}, {"overseas", "reception", "vehicle-purchase", "vehicle-operation"}),
    "spending": ({"基本支出", "项目支出"},),
}
_PART_CHANGE = re.compile(
    r"(?P<base>(?:比|较|与|同比)(?:(?:19|20)\d\d年度?|[^，,；;。\d%％]){0,14}?(?:\d[\d,]*(?:\.\d+)?(?:万元|亿元|元))?[^，,；;。\d%％]{0,6}?)?"
    r"(?:(?P<dir>" + CHANGE_WORDS + r")了?(?P<n>\d[\d,]*(?:\.\d+)?)(?P<u>万元|亿元|元)|(?P<flat>(?<!基本)持平|保持不变|没有变化|无变化))"
)
"""A part's change: “比上年减少0.26万元”, “增加12.08万元”, “与上年持平”, “较2020年持平” (not 基本持平, which is not 0)."""
_PART_SAID = re.compile(
    r"[^，,；;。\d%％]{0,10}?(?:\d[\d,]*(?:\.\d+)?(?:万元|亿元|元)[，,]?)?"
    r"(?:完成[^，,；;。\d%％]{0,10}?(?:\d[\d,]*(?:\.\d+)?(?:万元|亿元|元))?的?\d+(?:\.\d+)?[%％][，,])?"
    + _PART_CHANGE.pattern
)
"""A part's change said right after its name, or after its name and its own figure (“公务接待费1.58万元，比上年减少0.26万元”):
its completion rate may stand between (“0.94万元，完成全年预算0.94万元的100%，比上年决算数增加0.94万元”); not a change in the
reason that follows (“…，主要是车辆维修费增加0.5万元”)."""


def _segments(listed: str, start: int, family: str) -> list[tuple[int, str]] | None:
    """The parts of a 其中 list, each with where it starts; None when the list holds more than the family's parts.

    Parts are split at ；, or else at every ，/、: there a piece that names no part goes with the part before when it only
    goes on about it (“，与上年持平”, “，主要是人员增加”); one with a figure of its own (“，上缴上级支出增加10万元”) is another item.
    """
    name = _PART_NAME[family]
    if re.search(r"[；;]", listed):
        pieces = [(m.start(), m.group()) for m in re.finditer(r"[^；;]+", listed)]
        return [(start + a, piece.rstrip("，,、。 ")) for a, piece in pieces if piece.strip("，,、。 ")]
    out: list[tuple[int, str]] = []
    for m in re.finditer(r"[^，,、]+", listed):
        piece = m.group().rstrip("。 ")
        if not piece:
            continue
        named = name.match(piece)
        if named is not None and named.end() > 0 and named.group().strip():
            out.append((start + m.start(), piece))
        elif out and (not re.search(r"\d", piece) or _PART_CHANGE.match(piece)):
            at, said = out[-1]
            out[-1] = (at, said + "，" + piece)  # “公务接待费1.58万元，比上年减少0.26万元”
        else:
            return None
    return out


_SHORT_WORDS = ("短收", "少收", "少", "减少", "减收")
_SHORT_BASE = re.compile(r"(?P<b>年初|全年|调整后?)预算")
"""The budget a completion or a shortfall names: the 年初预算, the 调整预算 or the 全年预算."""
_SHORT_OF_BUDGET = re.compile(
    r"[，,]\s*(?P<w>短收|少收|超收|多收|(?:比|较)(?:年初|全年|调整后?)?预算数?(?:减少|增加|短收|超收|少收|多收|减收|增收|少|多))了?"
    r"(?P<n>\d[\d,]*(?:\.\d+)?)(?P<u>万元|亿元|元)"
)
"""Right after a completion rate, by how much the year fell short of (or went past) that budget: “，短收7431万元”, “，比预算少21761万元”."""


def _change_base(words: str) -> str | None:
    """What a change is measured against (None when the words do not say): an earlier year (比上年, 比2024年预算 and 比上年
    决算 alike — in a 预算 last year's figure is its budget, in a 决算 its 决算), an earlier year's 执行数, or this year's
    budget (比年初预算, 比预算)."""
    if not words:
        return None
    if re.search(r"上年|去年|上一年|同期|同比|(?:19|20)\d\d年", words):
        return "prior-execution" if "执行" in words else "prior"
    return "budget" if "预算" in words else "prior"


def _names_basic(clause: str) -> bool:
    """Whether a figure's clause names a 基本支出 total (not one of its parts)."""
    return "基本支出" in clause and not any(word in clause for word in ("人员经费", "公用经费", "项目支出", "占", "比", "较"))


def _whole_before(reading: Reading, head: int, at: int) -> list[Amount]:
    """The figures before a list that may be its whole, the whole last: no comparison, and this year's — or an earlier year's
    said with its year (“2021年度“三公”经费合计支出20.12万元，其中：…” in a 2022 budget), whose parts are that year's too."""
    before = [x for x in reading.amounts if head <= x.start < at and not x.comparative]
    if before and before[-1].prior and before[-1].year is not None:
        return before
    return [x for x in before if not x.prior]


def _same_time(part: Amount, whole: Amount) -> bool:
    """Whether a figure of a list is of the same year as the whole it divides (not last year's beside this year's)."""
    return part.prior == whole.prior and (part.year is None or part.year == whole.year or not whole.prior)


def _lists(reading: Reading) -> Iterator[tuple[int, int, int]]:
    """Each sentence with a “其中” list: its end, where 其中 is, and where the whole before it may be said — the sentence
    itself, or the one before when the list opens its sentence (“…预算数为20.1万元，与上年相比减少0.2万元。其中：…”)."""
    text = reading.text
    for index, (s_start, s_end) in enumerate(reading.sentences):
        at = text.find("其中", s_start, s_end)
        if at < 0:
            continue
        head = s_start
        if at - s_start <= 1 and index > 0 and not any(s_start <= x.start < at for x in reading.amounts):
            head = reading.sentences[index - 1][0]
        yield s_end, at, head


_THREE_PUBLIC_NAMES = {
    "overseas": "因公出国（境）费",
    "reception": "公务接待费",
    "vehicle": "公务用车购置及运行费",
    "vehicle-purchase": "公务用车购置费",
    "vehicle-operation": "公务用车运行费",
}


_LEFT_OUT_WORDS = {
    "overseas": re.compile(r"出国|出境"),
    "reception": re.compile(r"接待"),
    "vehicle": re.compile(r"车"),
    "vehicle-purchase": re.compile(r"购置|购买|购车|新购|采购"),
    "vehicle-operation": re.compile(r"运行|运维|维护|维修|燃油|油费"),
}
"""Words that speak of a 三公 item: a paragraph that uses them after its list says more of the item the list left out."""


def _left_out(named: Iterable[str]) -> list[str]:
    """The 三公 items a list does not name (公务用车 whole, or the one of its two costs not named)."""
    named = set(named)
    out = [k for k in ("overseas", "reception") if k not in named]
    if "vehicle" not in named:
        parts = [k for k in ("vehicle-purchase", "vehicle-operation") if k not in named]
        out += ["vehicle"] if len(parts) == 2 else parts
    return out


def _three_public_kind(named: str) -> str | None:
    """Which part of the “三公”经费 the words before a figure name (the words nearest the figure decide); None for another."""
    last = max(named.rfind("，"), named.rfind(","), named.rfind("；"), named.rfind(";"), named.rfind("："), named.rfind(":"), named.rfind("、"))
    named = named[last + 1 :]
    if "出国" in named or "出境" in named:
        return "overseas"
    if "接待" in named:
        return "reception"
    if "车" not in named:
        return None
    purchase = "购置" in named or "购买" in named
    operation = "运行" in named or "运维" in named or "维护" in named
    if purchase and operation:
        return "vehicle"
    return "vehicle-purchase" if purchase else "vehicle-operation" if operation else None


@dataclass
class _SourceList:
    """A total and the parts of it a list names (see ``Narrative.source_parts``)."""

    piece: Piece
    paragraph: Paragraph
    total: Amount
    family: str
    label: str
    """The total's own words (“本年收入合计”, “收入总预算”), to name it in a message."""
    scope: str | None
    """``year`` when the total says it is this year's income only (本年收入), ``all`` for a 收入总计, else None."""
    parts: dict[str, Amount]
    words: str
    """The list as written, from its 其中 to its end."""

    def goes_on(self, text: str) -> bool:
        """Whether a paragraph after a list left open (“其中：”) is its next part (“2、上年结余收入8.3万元……”)."""
        named = _NUMBERED_SOURCE.match(text)
        return named is not None and _source_kind(named["words"], self.family) is not None


@dataclass(frozen=True)
class _SourceFamily:
    """What a kind of total is made of, and when a list of its parts names them all."""

    kinds: frozenset[str]
    complete: tuple[frozenset[str], ...]
    """Sets of parts that are the whole by definition (the three funds of 财政拨款)."""
    apart: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()
    """Parts that do not go together in one flat list (财政拨款 and one of its funds: a list and its sub-list)."""
    zeros: bool = False
    """Whether a list that prints a part of 0 names every part (a list of sources, item by item)."""
    more: str = "（没有列出的部分只会使总数更大）"

    def consistent(self, kinds: set[str]) -> bool:
        return kinds <= self.kinds and not any(kinds & a and kinds & b for a, b in self.apart)

    def whole(self, kinds: set[str], document: str) -> bool:
        return any(c <= kinds for c in self.complete)

    def by_zeros(self, kinds: set[str], scope: str | None) -> bool:
        """A list printing a 0 names every part, when the whole's words say whether it holds the 上年结转: 本年收入 without it,
        or a list that names it; a 收入总计 listed by its three parts."""
        if not self.zeros:
            return False
        if "year" in kinds:
            return True
        carried = bool(kinds & {"carry", "reserve-use"})
        return scope == "year" and not carried or carried and scope != "year"


_FUND_BALANCE = re.compile(
    r"年初(?:财政拨款)?结转(?:和|及|与)?结余(?:资金)?(?:为|是)?\s*(?P<a>\d[\d,]*(?:\.\d+)?)\s*(?P<ua>万元|亿元|元)[，,、；;]\s*"
    r"(?:本年度?)?收入(?:为|是)?\s*(?P<b>\d[\d,]*(?:\.\d+)?)\s*(?P<ub>万元|亿元|元)[，,、；;]\s*"
    r"(?:本年度?)?支出(?:为|是)?\s*(?P<c>\d[\d,]*(?:\.\d+)?)\s*(?P<uc>万元|亿元|元)[，,、；;]\s*"
    r"年末(?:财政拨款)?结转(?:和|及|与)?结余(?:资金)?(?:为|是)?\s*(?P<d>\d[\d,]*(?:\.\d+)?)\s*(?P<ud>万元|亿元|元)"
)
"""The national template's year of a fund in four figures: 年初结转和结余, 本年收入, 本年支出, 年末结转和结余."""
_OF_A_FUND = re.compile(r"财政拨款|一般公共预算|政府性基金|国有资本经营")
"""The sentence is of a fund's money (no 结余分配, no 使用非财政拨款结余 in it)."""
_FISCAL_FUNDS = frozenset({"general", "gov-fund", "state-capital"})
_OWN_SOURCES = frozenset({"superior", "business", "operating", "subsidiary", "other", "special"})
_SOURCE_FAMILIES = {
    "income": _SourceFamily(
        _FISCAL_FUNDS | _OWN_SOURCES | {"fiscal", "carry", "reserve-use", "year"},
        (frozenset({"year", "reserve-use", "carry"}),),
        ((frozenset({"fiscal"}), _FISCAL_FUNDS), (frozenset({"year"}), _FISCAL_FUNDS | _OWN_SOURCES | {"fiscal"})),
        zeros=True,
        more="（没有列出的收入来源只会使总数更大）",
    ),
    "fiscal": _SourceFamily(_FISCAL_FUNDS, (_FISCAL_FUNDS,)),
    "balance": _SourceFamily(frozenset({"spent", "distribution", "carry-out"}), (frozenset({"spent", "distribution", "carry-out"}),)),
    # “年末财政拨款结转和结余90.80万元，其中一般公共预算财政拨款结转22.80万元，政府性基金预算财政拨款结转68.00万元”
    "carried": _SourceFamily(_FISCAL_FUNDS, (_FISCAL_FUNDS,)),
}
_SOURCE_TABLES = {"income": "income", "fiscal": "fiscal", "balance": "expenditure", "carried": ""}
"""The table whose printing leaves a family's sum to the tables (the text's figures are checked against its cells)."""
_SOURCE_NAMES = {
    "fiscal": "财政拨款收入",
    "general": "一般公共预算财政拨款",
    "gov-fund": "政府性基金预算财政拨款",
    "state-capital": "国有资本经营预算财政拨款",
    "superior": "上级补助收入",
    "business": "事业收入",
    "operating": "经营收入",
    "subsidiary": "附属单位上缴收入",
    "other": "其他收入",
    "special": "财政专户管理资金",
    "carry": "上年结转",
    "reserve-use": "使用非财政拨款结余",
    "year": "本年收入",
    "spent": "本年支出",
    "distribution": "结余分配",
    "carry-out": "年末结转和结余",
}
_SOURCE_PATTERNS = {
    "general": r"一般公共(?:财政)?预算(?:财政)?(?:拨款)?(?:经费)?(?:收入)?",
    "gov-fund": r"政府性基金(?:预算)?(?:财政)?(?:拨款)?(?:收入)?|基金预算(?:财政)?(?:拨款)?收入",
    "state-capital": r"国有资本经营预算(?:财政)?(?:拨款)?(?:收入)?",
    "fiscal": r"(?:本年)?财政拨款(?:收入)?",
    "superior": r"上级补助(?:收入)?",
    "business": r"事业收入",
    "operating": r"(?:事业单位)?经营收入",
    "subsidiary": r"附属单位上缴(?:收入)?",
    "other": r"其他(?:来源)?收入",
    "special": r"(?:纳入)?财政专户(?:管理)?(?:的)?(?:资金|收入)?(?:收入|安排的资金)?|财政专户核拨(?:资金|收入)?",
    "carry": r"(?:上年|年初)(?:财政拨款)?(?:结转|结余)(?:和|及|与)?(?:结余)?(?:收入|资金)?",
    "reserve-use": r"使用非财政拨款结余(?:和专用结余)?|用事业基金弥补收支差额",
    "year": r"本年度?收入(?:合计)?",
    "spent": r"本年度?支出(?:合计)?",
    "distribution": r"结余分配",
    "carry-out": r"年末结转(?:和|及|与)?(?:结余)?",
}
_SOURCE_PART = re.compile(
    r"(?:其中|包括)?[：:]?(?:[（(]?[一二三四五六七八九十\d]{1,2}[）)、.．]+)?(?:(?:19|20)\d\d年度?)?(?:"
    + "|".join(f"(?P<{k.replace('-', '_')}>{v})" for k, v in _SOURCE_PATTERNS.items())
    + r")(?:预算|决算)?(?:数)?(?:为|是|共|共计|合计|安排|达)?[ \t\u3000]*"
)
"""The words right before a part's figure: its name alone, after a list mark (“1、一般公共财政预算拨款”, “其中本年收入”)."""
_SOURCE_FAMILY_KINDS = {
    "income": _SOURCE_FAMILIES["income"].kinds,
    "fiscal": _FISCAL_FUNDS,
    "balance": _SOURCE_FAMILIES["balance"].kinds,
    "carried": _FISCAL_FUNDS,
}
_CARRIED_WHOLE = re.compile(r"(?P<w>(?:年末|年初)(?:财政拨款)?结转(?:和|及|与)?结余)(?:资金)?(?:总额)?(?:为|是|共|共计|合计|达)?$")
"""A 财政拨款 carry-over as a whole (年末财政拨款结转和结余), whose parts are its funds'."""
_CARRIED_PART_TAIL = re.compile(r"(?:结转(?:和|及|与)?(?:结余)?|结余)(?:资金)?(?:为|是|共|共计|合计|达)?$")
"""The words after a fund's name that make its figure its carry-over (一般公共预算财政拨款结转22.80万元)."""


_RISE_WORDS = frozenset({"上升", "提高", "增加", "增长", "上涨", "提升"})
_POINTS = re.compile(
    r"(?:(?P<now>\d+(?:\.\d+)?)\s*[%％][，,]?\s*(?:较|比)(?:上年度?|去年|(?:19|20)\d\d年度?)(?:同期)?(?:的)?\s*(?P<then>\d+(?:\.\d+)?)\s*[%％]"
    r"|由(?:上年度?的?|(?:19|20)\d\d年度?的?)?\s*(?P<from>\d+(?:\.\d+)?)\s*[%％](?:上升|提高|增加|增长|下降|降低|减少)?(?:到|至)\s*(?P<to>\d+(?:\.\d+)?)\s*[%％])"
    r"[，,]?\s*(?P<word>上升|提高|增加|增长|上涨|提升|下降|降低|减少|回落)了?\s*(?P<points>\d+(?:\.\d+)?)\s*个?百分点"
)
"""Two rates of one thing and the change between them in points: “54.83%，较上年的56.12%下降2.30个百分点”, “由56.12%下降到
54.83%，下降1.29个百分点”."""


def _source_kind(words: str, family: str) -> str | None:
    """Which part of the family's whole the words right before a figure name (the words after their last stop)."""
    words = words[max(words.rfind(c) for c in "，,；;：:、（）()。") + 1 :]
    if family == "carried":
        tail = _CARRIED_PART_TAIL.search(words)
        if tail is None:
            return None
        words = words[: tail.start()]
    named = _SOURCE_PART.fullmatch(words)
    if named is None or named.lastgroup is None:
        return None
    kind = named.lastgroup.replace("_", "-")
    return kind if kind in _SOURCE_FAMILY_KINDS[family] else None


_INCOME_WHOLE = re.compile(
    r"(?P<w>(?:本年度?)?(?:收入(?:总计|合计|总额|总预算|预算|决算)?|总收入|预算收入))(?:总额|总数)?(?:预算|决算)?(?:数)?(?:为|是|共|共计|合计|达)?$"
)
_BALANCE_WHOLE = re.compile(r"(?P<w>支出总计)(?:数)?(?:为|是|共|共计|合计|达)?$")
_FISCAL_WHOLE = re.compile(r"(?P<w>(?:本年)?财政拨款(?:收入)?)(?:预算|决算)?(?:数)?(?:为|是|共|共计|合计|达)?$")


def _total_words(clause: str) -> str:
    """The words naming a total, after their last stop — or before the colon of words that say only its year and phase
    (“（二）支出预算：2026年年初预算数” → “支出预算”)."""
    cut = max(clause.rfind(c) for c in "，,；;：:、（）()。")
    tail = clause[cut + 1 :]
    if cut > 0 and clause[cut] in "：:" and _PHASE_ONLY.fullmatch(tail):
        return _total_words(clause[:cut])
    return tail


def _whole_of(clause: str) -> tuple[str, str, str | None] | None:
    """What a total's words make it: (family, its name, its scope), or None for a figure of another thing (a source's own)."""
    cut = max(clause.rfind(c) for c in "，,；;：:、（）()。")
    tail = clause[cut + 1 :]
    if cut > 0 and clause[cut] in "：:" and _PHASE_ONLY.fullmatch(tail):
        return _whole_of(clause[:cut])  # “（一）收入预算：2025年年初预算数1211.02万元”: the heading before the colon names it
    found = _BALANCE_WHOLE.search(tail)
    if found is not None:
        return "balance", found["w"], None
    found = _CARRIED_WHOLE.search(tail)
    if found is not None:
        return "carried", found["w"], None
    kind = _source_kind(tail, "income")
    if kind == "fiscal":
        return "fiscal", "财政拨款收入", None
    if kind not in (None, "year"):
        return None  # 事业收入 and the like: a source's own figure
    found = _INCOME_WHOLE.search(tail)
    if found is None or _NOT_A_WHOLE_BEFORE.search(tail, 0, found.start()):
        return None
    words = found["w"]
    scope = "year" if "本年" in words else "all" if "总计" in words else None
    return "income", words, scope


_PHASE_ONLY = re.compile(r"[ \t\u3000]*(?:(?:19|20)\d\d年度?)?(?:年初|全年|年度)?(?:预算|决算)(?:数)?(?:为|是|共|共计|合计|安排|达)?[ \t\u3000]*")
"""Words that say only a figure's year and phase (“2025年年初预算数”), the thing it is of named before a colon."""
_NOT_A_WHOLE_BEFORE = re.compile(r"(?:事业|经营|上缴|补助|其他|来源|拨款|一般公共|公共财政|基金|专户|非税|专项|转移支付|债务|转贷|利息|租金|税|费|资金|结余|结转)$")
"""Words that make the 收入 after them one source (本部门一般公共预算收入, 全县公共财政预算收入), not the whole income."""


_CLOSED_BY_CHANGE = re.compile(r"[；;][^；;。]*(?:增加|减少|增长|下降|增收|减收|增支|减支)[^；;。]*$")
"""The words between a list's last part and a figure that say a change after a ；: the list closed before them."""
_LIST_OPENER = re.compile(r"其中|包括")
_FISCAL_WHOLE_BEFORE = re.compile(r"财政拨款(?:收入)?\d[\d,]*(?:\.\d+)?(?:万元|亿元|元)[（(]$")
"""A 财政拨款收入 whose funds a bracket lists (“财政拨款收入4000万元（其中，一般公共预算3000万元……）”)."""
_OPENS_PARAGRAPHS = re.compile(r"(?:其中|包括)[：:]?[ \t\u3000]*")
_ENDS_OPEN = re.compile(r"[；;，,、：:]$|等[^\d，,；;。、：:]{0,6}$")
"""A list that stops mid-way, or ends with 等: it may not name every part."""
_NUMBERED_SOURCE = re.compile(r"(?P<words>[（(]?[一二三四五六七八九十\d]{1,2}[）)、.．]+[^，,；;。\d%％]{2,30}?)(?=\d)")
"""A paragraph that opens with a numbered part and its figure (“1、一般公共财政预算拨款507.37万元……”)."""
_CHANGE_CLAUSE = re.compile(r"增加|减少|增长|下降|降低|上升|持平|增幅|降幅|占|变化|不变|完成|(?<![占对相])比(?![例重率])|较|相比")
"""The words of a clause saying a whole's change, share or completion — or what it is compared with (“，比2023年的0万元，”)."""


def _only_changes(gap: str) -> bool:
    """Whether the words between a total and its list say nothing but its change or share (“，同比减少17.05万元，同比下降3.28%。”)."""
    clauses = [c for c in re.split(r"[，,；;。]", re.sub(r"\d[\d,]*(?:\.\d+)?", "0", gap)) if c.strip(" \t\u3000：:（(")]
    return all(_CHANGE_CLAUSE.search(c) and "其中" not in c and "包括" not in c for c in clauses)


_PROCUREMENT_KINDS = ("货物", "工程", "服务")
"""What government procurement is made of, whole: goods, works and services."""
_PROCUREMENT_TOTAL = re.compile(r"政府采购(?:预算|支出)?(?:总额|总计|合计|金额)?(?:（[^（）]*）)?(?:预算|安排|为|是|共计|合计|总计|共|计|达)*+$")
"""The words before the figure of all the government procurement (2023年政府采购预算, 政府采购支出总额为), not of a part of it."""
_GENERAL_ONLY = re.compile(r"一般公共预算(?:财政拨款|拨款)?支出|一般公共预算财政拨款|一般公共预算当年(?:财政)?拨款")
_OTHER_FUND = re.compile(r"政府性基金|国有资本经营|事业收入|其他收入|经营收入|上级补助|附属单位|全部资金|收入支出决算总表|支出决算表")
_AMOUNT_IN_TEXT = re.compile(r"(?<![\d.,])(?P<n>\d[\d,]*(?:\.\d+)?)(?P<u>万元|亿元|元)")
_ALL_OR_GENERAL = frozenset({"基本支出", "项目支出"})
"""Terms both the table of all spending and the 一般公共预算财政拨款 table print a row of."""
_FUND_NAMED = re.compile(r"财政拨款|一般公共预算|政府性基金|国有资本经营|财政专户|当年拨款")
_ALL_SPENDING = re.compile(r"本年支出合计|本年支出|支出合计|支出总计|总支出|支出总额|全年支出|部门支出|单位支出|支出预算|预算支出")
"""Words of the year's spending of all funds, which a 其中 list of 基本支出 and 项目支出 divides."""
_ALL_SPENDING_HEADING = re.compile(r"^[\s一二三四五六七八九十（）()、.．\d]*(?:\d{4}年度?)?(?:部门|单位)?支出(?:决算|预算)?(?:情况|总体情况)?(?:说明)?$")
"""“三、支出决算情况说明”, “（二）支出预算情况”: a heading of the spending of all funds."""
_GENERAL_TABLES = frozenset({"final-general-expenditure", "budget-general-expenditure"})
"""The tables of 一般公共预算财政拨款 spending by class (决算表五, 预算表五)."""
_FUND_TABLES = {
    "general": _GENERAL_TABLES,
    "gov-fund": frozenset({"final-gov-fund", "budget-gov-fund-expenditure"}),
    "state-capital": frozenset({"final-state-capital", "budget-state-capital-expenditure"}),
}
"""The tables of one fund's spending by functional code, by fund."""
_FISCAL_ONLY_TABLES = frozenset().union(*_FUND_TABLES.values(), {"final-fiscal-summary", "budget-fiscal-summary"})
"""The tables of 财政拨款 spending only (of all its funds, or of one)."""
_NOT_ONE_FUND = re.compile(r"一般公共预算|财政拨款收入|事业收入|其他收入|经营收入|上级补助|附属单位|全部资金|收入支出决算总表|支出决算表|财政专户")


_FUND_HEADING = re.compile(r"^[\s一二三四五六七八九十（）()、.．\d]*(?:(?:19|20)\d\d\s*年度?)?(?:部门|单位)?(?P<fund>政府性基金|国有资本经营)预算")


def _fund_heading(heading: str) -> str | None:
    """``gov-fund`` or ``state-capital`` for a section's heading about that fund alone (“八、政府性基金预算财政拨款收入支出
    决算情况说明”, whose words name its 财政拨款收入 too)."""
    found = _FUND_HEADING.match(heading)
    if found is None or ("一般公共预算" in heading and found["fund"] not in heading[: heading.find("一般公共预算")]):
        return None
    return dict(_FUNDS)[found["fund"]]


def _one_other_fund(words: str) -> str | None:
    """``gov-fund`` or ``state-capital`` when ``words`` name that fund and no other fund or source."""
    named = [role for word, role in _FUNDS if word in words]
    if len(named) != 1 or _NOT_ONE_FUND.search(words):
        return None
    return named[0]
"""A fund the text names, and the part of the role of the tables that print only that fund."""


_NOT_FISCAL_SOURCE = re.compile(r"事业收入|经营收入|其他收入|上级补助|附属单位|非财政|全部资金|其他资金")
_PARTS_FOLLOW = re.compile(r"其中|包括|含")


def _listed_under(reading: Reading, part: Amount) -> Amount | None:
    """The total a “其中” list that ``part`` is in divides: the figure right before the 其中 of its sentence."""
    start = reading.sentences[part.sentence][0]
    at = reading.text.rfind("其中", start, part.start)
    if at < 0:
        return None
    return next((x for x in reversed(reading.amounts) if start <= x.start and x.end <= at and not x.comparative and not x.prior), None)




def _fiscal_scope(sentence: str, heading: str | None) -> str | None:
    """Whether a total or carry-over stated after ``sentence`` (up to it) is the 财政拨款 table's.

    ``fiscal`` when the sentence is about 财政拨款 money (its subject, not one of its parts after 其中),
    ``either`` when 财政拨款 is named only as a part or by the section's heading (both readings fit:
    “收入总计” there may be the section's or the department's), None when it is about all the money.
    """
    if _NOT_FISCAL_SOURCE.search(sentence):
        return None  # 财政拨款收入…，其他收入…，收入总计: every source, all funds
    at = sentence.find("财政拨款")
    if at >= 0:
        return "either" if _PARTS_FOLLOW.search(sentence, 0, at) else "fiscal"
    if heading is not None and "财政拨款" in heading and not _NOT_FISCAL_SOURCE.search(heading):
        return "either"
    return None


def _may_state_figures(text: str) -> bool:
    """Whether a text may state a figure, a rate or a classification name (others are only read for words)."""
    return "元" in text or "%" in text or "％" in text or "类）" in text or "类)" in text or "科目" in text


def _may_compare_budgets(text: str) -> bool:
    """Whether a text may say “决算数小于预算数” (read only then: most texts do not)."""
    return "预算" in text and ("决算" in text or "执行数" in text or "实际支出" in text)


_COUNT_ROW_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("overseas-groups", re.compile(r"出国[（(]境[）)]团组")),
    ("overseas-people", re.compile(r"出国[（(]境[）)](?:人次|人数)")),
    ("vehicles-purchased", re.compile(r"公务用车购置(?:数|数量|车辆数)")),
    ("vehicles", re.compile(r"公务用车保有(?:量|数)")),
    ("reception-batches", re.compile(r"^[\d.、．\s（()）]*(?:国内)?公务接待批次")),
    ("reception-people", re.compile(r"^[\d.、．\s（()）]*(?:国内)?公务接待(?:人次|人数)")),
)
"""The count a row of a “三公” table's 相关统计数 prints, by the words of its label, as the count columns are named."""
_COUNT_WORDS = {"overseas-groups", "overseas-people", "vehicles", "vehicles-purchased", "reception-batches", "reception-people"}
_ABROAD = r"出国[（(]境[）)]"
_NOT_DOMESTIC = ("出国", "公务用车", "车辆", "外事", "外宾", "境外", "国外", "（境）外", "(境)外", "陪同")
"""Words before a 接待 count that make it another's than the 国内公务接待 column's."""
_ABROAD_WORDS = ("境外", "国外", "（境）外", "外国", "外宾")
"""Words of a statement about receptions of guests from abroad (国（境）外公务接待), which the 国内 columns do not count."""
_OTHERS_GROUPS = ("其他单位", "其他部门", "外单位", "兄弟单位")
"""Words of a count of groups other bodies organised (参加其他单位组织的因公出国（境）团组数2个), not the department's own."""
_ALL_TOLD = r"(?:共计|合计|总计|共)?(?:为|是|达)?"
_BARE_BATCHES = re.compile(r"(?<![外事宾])接待(?:了)?(?P<n>\d+)(?:批次|批)")
_BARE_PEOPLE = re.compile(r"(?<![外事宾])接待(?:了)?(?:\d+(?:批次|批)[，,、]?)?(?P<n>\d+)人次")
_ON_TOPIC = frozenset({_BARE_BATCHES, _BARE_PEOPLE})
"""Patterns of a bare 接待 (“2024年共计接待6批次38人次”): read only in a paragraph about 公务接待, in a sentence of its own."""
_COUNTS: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = (
    ("reception-batches", re.compile(r"公务接待[^。；;]{0,24}?(?<![\d.])(?P<n>\d+)批次"), _NOT_DOMESTIC),
    ("reception-batches", re.compile(r"接待批次(?:数)?" + _ALL_TOLD + r"(?P<n>\d+)(?:个|批)"), (*_NOT_DOMESTIC, "其中")),
    ("reception-people", re.compile(r"公务接待[^。；;]{0,40}?(?<![\d.])(?P<n>\d+)人次"), _NOT_DOMESTIC),
    ("reception-people", re.compile(r"接待人次(?:数)?" + _ALL_TOLD + r"(?P<n>\d+)人(?!次)"), (*_NOT_DOMESTIC, "其中")),
    ("overseas-groups", re.compile(_ABROAD + r"[^。；;]{0,30}?(?<![\d.])(?P<n>\d+)个?团组"), ("接待", "公务用车", "车辆", *_OTHERS_GROUPS)),
    ("overseas-groups", re.compile(_ABROAD + r"[^。；;]{0,30}?团组(?:数)?" + _ALL_TOLD + r"(?P<n>\d+)个"), ("接待", "公务用车", "车辆", *_OTHERS_GROUPS)),
    ("overseas-people", re.compile(_ABROAD + r"[^。；;]{0,40}?(?<![\d.])(?P<n>\d+)人次"), ("接待", "公务用车", "车辆", *_OTHERS_GROUPS)),
    # “因公出国（境）人次数3人”: the column's own name, with 人 for its unit (江苏, 湖南).
    ("overseas-people", re.compile(_ABROAD + r"[^。；;]{0,40}?人次(?:数)?" + _ALL_TOLD + r"(?P<n>\d+)人(?![次员民])"), ("接待", "公务用车", "车辆", *_OTHERS_GROUPS)),
    ("vehicles", re.compile(r"保有量(?:为|是|达到?)?(?P<n>\d+)辆"), ()),
    # The national 决算 template: “截至2024年12月底，单位共有公务用车2辆”.
    ("vehicles", re.compile(r"(?:共有|现有|实有|拥有)(?:公务用车|公务车辆)(?:共计|共)?(?P<n>\d+)辆"), ()),
    ("reception-batches", _BARE_BATCHES, _NOT_DOMESTIC),
    ("reception-people", _BARE_PEOPLE, _NOT_DOMESTIC),
    ("vehicles-purchased", re.compile(r"购置(?:公务用车|车辆)?(?P<n>\d+)辆"), ("接待", "出国")),
)
"""Counts the narrative states, the “三公” table column each restates, and words that say the count is another's."""
_FUND_NAME = re.compile(r"一般公共(?:财政)?预算|政府性基金预算|国有资本经营预算")
_COUNT_NAMES = {
    "reception-batches": "公务接待批次",
    "reception-people": "公务接待人次",
    "overseas-groups": "因公出国（境）团组",
    "overseas-people": "因公出国（境）人次",
    "vehicles": "公务用车保有量",
    "vehicles-purchased": "公务用车购置数",
}
_NOT_THIS_YEARS_COUNT = re.compile(r"上年|去年|上一年|同期|比|较|增加|减少|增长|下降|计划|预计|拟|预算|原有|可配备|编制|核定|标准|控制|以来|至今|历年")
"""Words of a count that is not this year's own (累计 and 安排 are the national template's words for it: “共安排…团组2个，累计5人次”)."""
_COUNT_UNITS = {
    "overseas-groups": r"个团组|团组|个",
    "overseas-people": r"人次|人(?![员民])",
    "reception-batches": r"批次|批|个",
    "reception-people": r"人次|人(?![员民])",
    "vehicles": r"辆",
    "vehicles-purchased": r"辆",
}
_COUNT_OF_KIND = {column: re.compile(rf"(?<![\d.])\d+(?:{unit})") for column, unit in _COUNT_UNITS.items()}
_ALL_TOLD_AFTER = {column: re.compile(rf"(?:合计|共计|总计|累计|(?<!公)共)[^。；;]{{0,30}}?(?<![\d.])\d+(?:{unit})") for column, unit in _COUNT_UNITS.items()}


def _a_part_count(column: str, before: str, after: str) -> bool:
    """Whether a count is one part of a count of its kind the sentence states: after it 其中 (“团组2个，7人次，
    其中参加培训1个团组3人次”, “全年接待31批，240人，其中县外来访10批次，80人次”), or before its 合计
    (“本部门组团1个团组3人次，参加其他部门组团1个团组4人次，合计团组2个、7人次”)."""
    at = before.rfind("其中")
    if column.startswith("reception") and "国内" in before[max(at, 0) :]:
        return False  # 公务接待31批次，其中：国内公务接待28批次: the part the 国内 column prints
    if at >= 0 and _COUNT_OF_KIND[column].search(before, 0, at):
        return True
    return _ALL_TOLD_AFTER[column].search(after) is not None


_PLANNED = re.compile(r"拟|计划|预计|下一年|下年度|明年|近[一二三四五六七八九十两\d]+年|以来|历年|至今|多年")
_DONE_OTHERWISE = re.compile(r"实际|取消|未成行|未执行")
_YEAR_IN = re.compile(r"((?:19|20)\d\d)年")


def _as(amount: Amount, value: Decimal) -> Amount:
    """The amount as the table prints it."""
    return replace(amount, value=value, text=str(value))


@dataclass(slots=True)
class _Procured:
    """A 政府采购 total the text stated, where, and the figures of 采购 said after it in its section."""

    total: Amount
    piece: Piece
    paragraph: Paragraph
    section: int
    others: list[Amount]


@dataclass(slots=True)
class _ShareSaid:
    """A share the text block prints: its whole (in 元, and as named), what it was checked with, and what that found."""

    whole: tuple[Decimal, str]
    args: tuple[Piece, Paragraph, Percent, tuple[Decimal, Decimal], str]
    extra: Decimal
    problems: list[Problem]


def _of_a_sibling(cell: Candidate, sentence: str) -> bool:
    """Whether the sentence speaks of the part of another whole than the cell's row's parent.

    “工资福利支出12000元，占项目支出预算2.56%” is the 项目支出's, not the row 工资福利支出
    printed under 基本支出: the sentence names the parent's sibling and not the parent.
    """
    rows = cell.info.grid.rows
    parent_id = rows[cell.row].parent
    if not parent_id:
        return False
    parent = next((r for r in rows if r.id == parent_id), None)
    if parent is None or name_of(parent.label) in sentence:
        return False
    return any(
        r.parent == parent.parent and r.id != parent_id and len(name := name_of(r.label)) >= 2 and name in sentence
        for r in rows
    )


def _field(piece: Piece) -> str:
    return ".".join(str(p) for p in piece.path)


def _where(piece: Piece) -> str:
    if piece.path == ("title",):
        return "标题"
    last = piece.path[-1]
    if last in ("notes", "footnote", "empty_note") or (len(piece.path) > 2 and piece.path[-2] == "notes"):
        return "表注"
    if last == "title":
        return "标题"
    if len(piece.path) > 2 and piece.path[-3] == "rows":
        return {"name": "指标名称", "target": "指标值", "actual": "实际完成值", "reason": "偏差原因"}.get(str(last), "指标")
    if last == "result":
        return "完成情况"
    if last == "goal":
        return "绩效目标"
    return "正文"


def _in_unit(value: Decimal, unit: str, wanted: str) -> Decimal:
    if unit == wanted or unit not in UNIT_FACTORS or wanted not in UNIT_FACTORS:
        return value
    return value * UNIT_FACTORS[unit] / UNIT_FACTORS[wanted]


def _budget_named(words: str) -> str | None:
    """Which budget words name: the initial one (年初), the adjusted one (调整, 全年), or just “预算” (None)."""
    if "调整" in words or "全年预算" in words:
        return "adjusted"
    if "年初" in words:
        return "initial"
    return None


def _figure_allowance(amount: Amount, cell: Candidate) -> Decimal:
    """How far the text's figure may differ from the cell through rounding: by the coarser of the two printings.

    A table compiled from the text (``from_text``) copies its figures: any difference is a slip, never rounding.
    """
    if cell.info.table.from_text:
        return Decimal(0)
    if cell.unit == amount.unit:
        return allowance([amount.text, cell.text], amount.unit, aggregates=True)
    if UNIT_FACTORS.get(cell.unit, Decimal(1)) < UNIT_FACTORS.get(amount.unit, Decimal(1)):
        return allowance([amount.text], amount.unit, aggregates=True)  # the table is finer: only the text's rounding
    return _in_unit(allowance([cell.text], cell.unit, aggregates=True), cell.unit, amount.unit)


def _ratio(numerator: Amount, denominator: Amount) -> tuple[Decimal, Decimal] | None:
    """numerator ÷ denominator × 100, and how far the rounding of the two printed figures can move it."""
    d = _in_unit(denominator.value, denominator.unit, numerator.unit)
    if not d:
        return None
    n = numerator.value
    value = n / d * HUNDRED
    un, ud = _half_units(numerator.unit, numerator, denominator)
    return value, abs(value) * ((un / abs(n) if n else Decimal(0)) + ud / abs(d))


def _half_units(unit: str, *amounts: Amount) -> list[Decimal]:
    """:func:`_half_unit` of each amount, in ``unit``: figures in one unit share their rounding; a figure in 万元 beside
    one in 元 (“增加25.35万元” against the table's 395586.20 元) is rounded to its own place, 50 元, not to the fen."""
    if len({x.unit for x in amounts}) == 1:
        return [_half_unit(*amounts)] * len(amounts)
    return [_in_unit(_half_unit(x), x.unit, unit) for x in amounts]


def _half_unit(*amounts: Amount) -> Decimal:
    """How far rounding may have moved the figures a rate is computed from: half the last printed place; for whole
    万元 of three digits or more (百色: “减少332万元，下降7.81%” over 3923万元) half a 万元, as they are rounded from 元 too;
    whole 元, and small whole 万元, are exact."""
    places = max(decimal_places(x.text) for x in amounts)
    if places:
        return Decimal(1).scaleb(-places) / 2
    if all(x.unit != "元" and abs(x.value) >= 100 for x in amounts):
        return Decimal("0.5")
    # Small whole figures (预算5万元，减少1万元) are taken as exact: half a 万元 on them would let a rate worked out
    # over the wrong base (1 ÷ 5 = 20% for 1 ÷ 6 = 16.67%) pass as rounding.
    return Decimal(0)


def _in_amount(amount: Amount, unit: str) -> Amount:
    """``amount`` in ``unit`` (its printed text kept, for the rounding it allows)."""
    if amount.unit == unit:
        return amount
    return replace(amount, value=_in_unit(amount.value, amount.unit, unit), unit=unit)


def _growth(current: Amount, base: Amount) -> tuple[Decimal, Decimal] | None:
    found = _ratio(current, base)
    if found is None:
        return None
    value, spread = found
    return value - HUNDRED, spread


def _from_change(current: Amount, change: Amount, direction: int) -> tuple[Decimal, Decimal] | None:
    c = _in_unit(change.value, change.unit, current.unit)
    prior = current.value - direction * c
    if not prior:
        return None
    value = c / prior * HUNDRED
    uc, u = _half_units(current.unit, change, current)
    return value, abs(value) * ((uc / abs(c) if c else Decimal(0)) + (u + uc) / abs(prior))


def _rate_verdict(stated: Percent, computed: tuple[Decimal, Decimal]) -> str | None:
    """A printed rate against the computed one: "" when it is that rate as printed, how rounding explains the
    difference (截去尾数, 四舍五入), or None when nothing does."""
    value, spread = abs(computed[0]), computed[1]
    places = decimal_places(stated.text)
    if round_to(value, places) == stated.value:
        return ""
    if round_to(value, places, ROUND_DOWN) == stated.value:
        return "截去尾数"
    if abs(stated.value - value) <= spread + Decimal(1).scaleb(-places) / 2:
        return "四舍五入"
    return None


def _rate_holds(stated: Percent, computed: tuple[Decimal, Decimal] | None) -> bool:
    """Whether a printed rate is the computed one, as printed or within what rounding or truncation explains."""
    return computed is not None and _rate_verdict(stated, computed) is not None


def _unit_slip(written: str, meant: str) -> str:
    """What a unit slip did: left out the 万 of 万元 (“64.23元”), put one in, or wrote another unit."""
    if written == "元" and meant in ("万元", "亿元"):
        return f"漏写了“{meant[0]}”"
    if meant == "元" and written in ("万元", "亿元"):
        return f"多写了“{written[0]}”"
    return f"把“{meant}”写成了“{written}”"


def _ref(amount: Amount, default: str) -> str:
    """A figure as the message names it: “2024年的 25.77 万元”."""
    return f"{amount.year}年的 {amount.text} {amount.unit}" if amount.year else f"{default}的 {amount.text} {amount.unit}"
