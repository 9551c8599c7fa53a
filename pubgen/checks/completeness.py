"""Completeness: what each kind of document must publish, placeholders left to fill, publication dates."""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from .. import model as m
from ..problems import Problem, Severity
from ..tablekinds import kind_of
from .base import DocumentCheck, table_key
from .registry import ERROR, WARNING, family, rule

COMPLETENESS = family("completeness", "完整性")

rule(
    COMPLETENESS,
    "missing-section",
    WARNING,
    """
这类文档应公开的内容缺少某些部分：预算、决算应有收入、支出、“三公”经费、机关运行经费、政府采购、国有资产占用（预算还应有绩效目标）；绩效自评应有得分和绩效目标/指标。
单位文档（`scope: unit`）称“单位预算”“单位决算”。
表名点明它的表（“2025年政府采购预算表”“部门“三公”经费情况统计表”“部门预算项目绩效目标表”），不论表的格式，都算已公开。
“三公”经费、机关运行经费、政府采购、国有资产占用（以及预算的绩效目标）写成文字的，有点明它的标题，
或文字中以编号（一、 （一） 1. 1、 （1） ①）开头、第一句点明它的段落（如“（一）机关运行经费情况”“七、政府采购支出情况说明”），即算已公开；
只在句中提到（“负责全县政府采购监督管理”、“国有资产监管（款）”）的不算。机关运行经费在广东、广西的文档中称“行政经费”
（“财政拨款安排的行政经费及“三公”经费预算情况”），这样点明的也算。只公开一部分的文档（`covers` 只有一项），标题点明了这一部分
（“肥西县政协办2018年部门“三公”经费支出预算”）、正文又有文字或表的，即算已公开。绩效自评的得分印在文件开头（`score`）、评分表或指标表的总分行（`total`）都算；绩效目标与完成情况写成报告文字的，有点明它的标题（“二、绩效目标完成情况”“（一）产出指标完成情况”），其下文字写出完成的数（“在校学生21436人，完成年度指标值≥21000人”）即算，只有标题不算。
例：`部门决算应公开的内容缺少：机关运行经费。没有数据的表也应公开（可填 empty_note 说明“本年度无此项”）。写成文字的，有点明它的标题或以编号开头点明它的段落（如“（一）机关运行经费情况”）即算已公开。`
修改：补上相应的表或段落；没有数据的表也要公开，用 `empty_note` 写明“本年度无此项”。
""",
)

rule(
    COMPLETENESS,
    "title-year",
    ERROR,
    """
标题写的年度与文档的年度（`year`）不同：标题写“2023年度部门决算”，`year` 却是 2024。网址、索引和检查都按 `year`，
读者看到的是标题，两者不一致时页面自相矛盾。标题中有几个年度（如“2025年部门预算及2024年预算执行情况”）或写成
“2023-2025年”的，只要其中有（或包括）本文档的年度就不报告。例：`标题写的是2023年，而本文档的年度（year）是 2024。`
修改：核对 `year` 和标题，改正写错的一个。
""",
)

rule(
    COMPLETENESS,
    "table-title-year",
    WARNING,
    """
预算文档中标题写“预算”、决算文档中标题写“决算”的表，和这类文档的官方表（标题不写“预算”的“部门支出总表”也算）、预算的绩效目标表，表名写的年度不是本文档的年度：2025 年预算里的“2024年部门收入预算总表”“2024年部门支出总表”。
多是照上年文档改写时表名没有改，表中的数字也可能还是上年的。表名中有几个年度、有本文档的年度，或写“上年”“执行”“对比”“比较”“调整”
“结转”的（“2024年预算执行情况表”）不报告；绩效自评不查。
例：`表名“2024年部门收入预算总表”写的是2024年，而本文档的年度（year）是 2025：照上年文档改写时是否漏改了表名（和表中的数字）？`
修改：照原文核对表名和表中的数字；原文如此的，确认并说明。
""",
)

rule(
    COMPLETENESS,
    "heading-year",
    WARNING,
    """
预算文档中写“预算”、决算文档中写“决算”的标题（各部分、各节的标题），写的年度不是本文档的年度：2025 年预算里的“第二部分 2024年部门预算情况说明”
“第三部分 2024年部门预算表”。多是照上年文档改写时标题没有改，这一部分的文字和数字也可能还是上年的。标题中有几个年度、有本文档的年度，
或写“上年”“执行”“对比”“比较”“调整”“结转”的（“二、2024年预算执行情况”）不报告；绩效自评不查。
例：`标题“第三部分 2024年部门预算表”写的是2024年，而本文档的年度（year）是 2025：照上年文档改写时是否漏改了标题（和这一部分的内容）？`
修改：照原文核对标题和这一部分的文字、数字；原文如此的，确认并说明。
""",
)

rule(
    COMPLETENESS,
    "late-publication",
    WARNING,
    """
公开日期晚于批复日期 20 日以上。修改：核对日期；确实逾期的可确认并说明原因。
""",
)

rule(
    COMPLETENESS,
    "date-order",
    WARNING,
    """
日期与文档年度或彼此对不上，多是年份打错：预算在预算年度的前一年之前公开或批复，决算、绩效自评在年度结束前公开或批复，公开日期、批复日期比文档年度晚三年以上
（如 2021 年预算写成 `published: 2099-03-25`），修改记录的日期早于公开日期、早于这类文档最早公开的年份，或比文档年度晚十年以上（如 2022 写成 2202）。
例：`公开日期 2099-03-25 与文档年度 2021 对不上（2021年的这类文档一般在预算年度的前一年起、几年之内公开）：请核对年份是否打错。`
修改：照原文核对日期；确实如此的，确认并说明原因。
""",
)
rule(
    COMPLETENESS,
    "project-name-mismatch",
    WARNING,
    """
项目支出绩效自评表表头“项目名称”一栏写的名称与文件开头的项目名称（`project` 的 `name`）不同，两者也不互相包含。
页面标题、目录和网址按 `project`，表头照原文印，两处不一致时读者不知道这是哪个项目的表；照别的项目的表新建文件时最容易留下这样的错。
例：`表头“项目名称”一栏写的是“履职专项经费”，与文件开头的项目名称（project）“新项目”不同。`
修改：照原文改正写错的一处。
""",
)

rule(
    COMPLETENESS,
    "text-to-fill",
    ERROR,
    """
`pubgen new` 生成的文档中还有“（待填：……）”这样的提示文字（正文、指标名称、评价人员、表名和表注、空表的说明等）。例：`这里还是待填写的提示：“（待填：请照原文录入本节正文。）”。`
修改：照原文录入；原文没有这一节时，删除这一块。
""",
    acknowledgeable=False,
)


REQUIRED: dict[str, tuple[tuple[str, str], ...]] = {
    "budget": (
        ("income", "收入预算"),
        ("expenditure", "支出预算"),
        ("three-public", "“三公”经费"),
        ("operating-costs", "机关运行经费"),
        ("procurement", "政府采购"),
        ("assets", "国有资产占用"),
        ("performance", "绩效目标"),
    ),
    "final-accounts": (
        ("income", "收入决算"),
        ("expenditure", "支出决算"),
        ("three-public", "“三公”经费"),
        ("operating-costs", "机关运行经费"),
        ("procurement", "政府采购"),
        ("assets", "国有资产占用"),
    ),
    "self-evaluation": (("score", "自评得分"), ("performance", "绩效目标与完成情况")),
    "project-evaluation": (("score", "自评得分"), ("performance", "绩效目标与完成情况")),
}
"""What each kind of document must publish, by section."""

HEADING_WORDS: dict[str, tuple[str, ...]] = {
    "three-public": ("三公",),
    "operating-costs": ("机关运行经费", "行政经费"),
    "procurement": ("政府采购",),
    "assets": ("国有资产",),
}
"""Sections that real documents often publish as text under a heading that names them, not as a table."""

BUDGET_HEADING_WORDS: dict[str, tuple[str, ...]] = {"performance": ("绩效目标", "预算绩效", "绩效管理")}
"""A budget publishes its performance targets as text (四、绩效目标设置情况, 八、预算绩效管理情况: how many projects, how much money);
a self-evaluation must publish its indicators and results, which a heading alone does not show."""


def named_sections(doc: m.Document) -> dict[str, tuple[str, ...]]:
    """The sections a heading or a numbered paragraph may publish as text, with the words that name each."""
    return HEADING_WORDS | (BUDGET_HEADING_WORDS if doc.kind == "budget" else {})


_NUMBERED = re.compile(
    r"^[ \t\u3000>#*_]*"
    r"(?:[（(][一二三四五六七八九十百\d０-９]{1,3}[）)][、.．]?|[一二三四五六七八九十百]{1,3}[、.．]|[\d０-９]{1,2}[、.．)）](?![\d０-９])|[①-⑳])"
)
"""The number a paragraph starts with, written as a heading's is: 一、 （一） 1. 1、 （1） ①, in bold or not."""
_CLAUSE_END = re.compile(r"[，,。；;：:！!？?]")
_QUOTES_AND_MARKS = re.compile(r"[“”‘’\"'「」《》*_\s\u3000]+")
_BEFORE_NAME = re.compile(
    r"(?:(?:19|20)\d\d年度?|本?年度|本部门|本单位|部门|单位|本级|关于|财政拨款|一般公共预算|政府性基金预算|预算|项目|重点项目|整体|支出|的|和|及|、)*\Z"
)
"""What may stand before a section's name in a paragraph that names it: “（一）2023年度本部门机关运行经费…”, “七、财政拨款“三公”经费…”.

Anything else before the name (“负责全区政府采购监督管理”, a duty) is a paragraph about something else."""
_CODE_LEVEL = re.compile(r"[（(](?:类|款|项)[）)]")


def _numbered_names(text: str, words_by_section: dict[str, tuple[str, ...]]) -> Iterator[str]:
    """The sections named by the paragraphs of a text that start with a number, as a heading would (“（一）机关运行经费情况”).

    The name must begin the paragraph's first clause; a clause that names an expenditure item (“国有资产监管（款）”) names no section.
    """
    for line in text.splitlines():
        number = _NUMBERED.match(line)
        if number is None:
            continue
        rest = line[number.end() :]
        end = _CLAUSE_END.search(rest)
        clause = _QUOTES_AND_MARKS.sub("", rest[: end.start()] if end else rest)
        if _CODE_LEVEL.search(clause):
            continue
        for section, words in words_by_section.items():
            for word in words:
                at = clause.find(word)
                if at >= 0 and _BEFORE_NAME.match(clause, 0, at) is not None:
                    yield section
                    break


def sections_present(doc: m.Document) -> set[str]:
    """The sections a document publishes: by its tables' kinds, its score and indicators, its headings,
    and the paragraphs of its text that start with a number and name a section as a heading would."""
    present: set[str] = set()
    words_by_section = named_sections(doc)
    for block in doc.body:
        if isinstance(block, m.Table):
            kind = kind_of(block.role)
            if kind is not None:
                present.update(kind.provides)
            if block.title:
                # A table titled for the section is its disclosure, whatever its layout: 2025年政府采购预算表,
                # 部门“三公”经费情况统计表, 部门预算项目绩效目标表.
                title = _QUOTES_AND_MARKS.sub("", block.title)
                present.update(section for section, words in words_by_section.items() if any(w in title for w in words))
        elif isinstance(block, (m.Indicators, m.Goals)):
            present.add("performance")
        elif isinstance(block, m.Heading):
            present.update(section for section, words in words_by_section.items() if any(w in block.text for w in words))
        elif isinstance(block, m.Text) and any(w in block.text for words in words_by_section.values() for w in words):
            present.update(_numbered_names(block.text, words_by_section))
    if doc.score is not None or any(isinstance(b, (m.Scores, m.Indicators)) and b.total is not None for b in doc.body):
        present.add("score")
    if doc.kind in ("self-evaluation", "project-evaluation") and _results_told(doc):
        present.add("performance")
    return present


_RESULTS_HEADING = re.compile(r"(?:目标|指标)(?:的)?(?:完成|实现|达成)|^[\s（(一二三四五六七八九十、)）.．\d]*(?:完成结果|产出情况|效益情况|产出和效益|履职效能)")
"""A self-evaluation's heading over its results: 二、绩效目标完成情况, （一）产出指标完成情况, 绩效目标实现情况, and the
dimensions of 四川's 部门整体 evaluation, （三）完成结果 (产出情况, 效益情况)."""
_RESULT_SAID = re.compile(
    r"\d[^。；;\n]{0,40}(?:完成|达到|实现|达成)|(?:完成|达到|实现|达成)[^。；;\n]{0,40}\d"
    r"|[率度](?:达到?|为)?\s*\d+(?:\.\d+)?\s*[%％]"
)
"""A result said in words: a figure done (完成…21436人), or a rate reached (救助供养率100%, 覆盖率达100%)."""


def _results_told(doc: m.Document) -> bool:
    """Whether a self-evaluation written as a report tells its indicators' results in text, under a heading over them:
    “二、绩效目标完成情况 … 全年保障义务教育阶段在校学生21436人，完成年度指标值≥21000人”. A heading alone does not."""
    body = doc.body
    for i, block in enumerate(body):
        if not isinstance(block, m.Heading) or not _RESULTS_HEADING.search(block.text):
            continue
        for after in body[i + 1 :]:
            if isinstance(after, m.Heading) and after.level <= block.level and not _RESULTS_HEADING.search(after.text):
                break
            if isinstance(after, m.Text) and _RESULT_SAID.search(after.text):
                return True
    return False


def kind_name(doc: m.Document) -> str:
    """What the document is called: 部门预算, 单位决算 (a unit's own budget or accounts), 绩效自评."""
    return m.kind_label(doc.kind, doc.scope)


_SCORE_TO_FILL = re.compile(rf"^(?:score|[ \t]+total):[ \t]*{m.TO_FILL}(?=\s|$)", re.M)
"""The document's score, or a scoring table's total, written 待填 by pubgen new."""


def check_completeness(dc: DocumentCheck) -> Iterator[Problem]:
    """The sections a kind requires are present (or those the document says it covers); publication within 20 days of approval."""
    doc = dc.doc
    present = sections_present(doc)
    if len(doc.covers) == 1 and doc.body:
        # A disclosure of one part, titled for it (县政协办2018年部门“三公”经费支出预算), is that part whole: its text needs no heading.
        title = _QUOTES_AND_MARKS.sub("", doc.title)
        words_by_section = named_sections(doc)
        present.update(s for s in doc.covers if any(w in title for w in words_by_section.get(s, ())))
    if "score" not in present and m.TO_FILL in dc.src.text and _SCORE_TO_FILL.search(dc.src.text):
        present.add("score")  # the score is there, still 待填: figure-to-fill says so at its line
    required = [(section, label) for section, label in REQUIRED[doc.kind] if not doc.covers or section in doc.covers]
    required += [(section, m.SECTIONS[section]) for section in doc.covers if section not in dict(required)]
    missing = [(section, label) for section, label in required if section not in present]
    if missing:
        tables = any(section not in ("score", "performance") for section, _ in missing)
        what = "本文档声明公开的内容" if doc.covers else f"{kind_name(doc)}应公开的内容"
        as_text = [label for section, label in missing if section in named_sections(doc)]
        yield dc.problem(
            "missing-section",
            f"{what}缺少：{'、'.join(label for _, label in missing)}。"
            + ("没有数据的表也应公开（可填 empty_note 说明“本年度无此项”）。" if tables else "")
            + (
                f"{'其中' + '、'.join(as_text) if len(as_text) < len(missing) else ''}写成文字的，有点明它的标题或以编号开头点明它的段落"
                f"（如“（一）{as_text[0]}情况”）即算已公开"
                + ("；其余几项要公开它们的表格。" if len(as_text) < len(missing) else "。")
                if as_text
                else ""
            ),
            ("kind",),
            "body",
        )
    yield from _dates_in_order(dc)
    yield from _project_named(dc)
    if doc.published and doc.approved and (doc.published - doc.approved).days > 20:
        yield dc.problem(
            "late-publication",
            f"批复日期 {doc.approved}，公开日期 {doc.published}，相隔 {(doc.published - doc.approved).days} 天，超过 20 日的公开时限。",
            ("published",),
            "published",
        )


def _project_named(dc: DocumentCheck) -> Iterator[Problem]:
    """The 项目名称 line of a project form's header names the project the document is about."""
    doc = dc.doc
    if doc.kind != "project-evaluation" or doc.project is None:
        return
    name = _plain(doc.project.name)
    for bi, block in enumerate(doc.body):
        if not isinstance(block, m.FormFields):
            continue
        for i, item in enumerate(block.items):
            if _plain(item.label).rstrip(":：") != "项目名称" or not item.value or _is_placeholder(item.value):
                continue
            value = _plain(item.value)
            if value and name and value not in name and name not in value:
                yield dc.problem(
                    "project-name-mismatch",
                    f"表头“项目名称”一栏写的是“{item.value}”，与文件开头的项目名称（project）“{doc.project.name}”不同：请照原文改正写错的一处。",
                    ("body", bi, "items", i, "value"),
                    f"body.{bi}.项目名称",
                    stated=item.value,
                    computed=doc.project.name,
                )


def _plain(text: str) -> str:
    """A name as compared: full-width forms as half-width, without spaces."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


def _dates_in_order(dc: DocumentCheck) -> Iterator[Problem]:
    """Publication and approval dates the document's year allows, and corrections dated after publication and not in the
    future (a typed year is the usual slip: 2202 for 2022)."""
    doc = dc.doc
    # A budget is published from the year before at the earliest; accounts and evaluations once the year is over.
    earliest = doc.year - 1 if doc.kind == "budget" else doc.year + 1
    when = "预算年度的前一年起" if doc.kind == "budget" else "年度结束后"
    for name, label, date in (("published", "公开日期", doc.published), ("approved", "批复日期", doc.approved)):
        if date is not None and (date.year < earliest or date.year > doc.year + 3):
            done = "公开" if name == "published" else "批复"
            yield dc.problem(
                "date-order",
                f"{label} {date} 与文档年度 {doc.year} 对不上（{doc.year}年的这类文档一般在{when}、几年之内{done}）：请核对年份是否打错。",
                (name,),
                name,
            )
    # Not “after today”: the report must not change while the file does not (the check cache keeps it). Corrections
    # come within a few years of publication; ten years after the document's year is a mistyped year (2202 for 2022).
    latest = doc.year + 10
    for i, change in enumerate(doc.changes):
        if doc.published is not None and change.date < doc.published:
            yield dc.problem(
                "date-order",
                f"这条修改记录的日期 {change.date} 早于公开日期 {doc.published}，更正只能在公开之后。请核对年份或月份。",
                ("changes", i, "date"),
                f"changes.{i}.date",
            )
        elif change.date.year > latest:
            yield dc.problem(
                "date-order",
                f"这条修改记录的日期（修改日期）{change.date} 比文档年度 {doc.year} 晚十年以上，多是年份打错（如 2022 写成 2202）：请核对年份。",
                ("changes", i, "date"),
                f"changes.{i}.date",
            )
        elif doc.published is None and change.date.year < earliest:
            yield dc.problem(
                "date-order",
                f"这条修改记录的日期（修改日期）{change.date} 与文档年度 {doc.year} 对不上（{doc.year}年的这类文档一般在{when}才公开，"
                "更正只能在公开之后）：请核对年份是否打错。",
                ("changes", i, "date"),
                f"changes.{i}.date",
            )


_TITLE_YEAR = re.compile(r"(?<![\d０-９])((?:19|20)\d{2})(?:\s*(?:[-－—–~～至到])\s*((?:19|20)\d{2}))?(?=\s*年)")


_KIND_WORD = {"budget": "预算", "final-accounts": "决算"}
_OTHER_YEAR_WORDS = ("上年", "执行", "对比", "比较", "调整", "结转")
"""Words of a table title that may rightly name another year (2024年预算执行情况表)."""


def check_title_year(dc: DocumentCheck) -> Iterator[Problem]:
    """The years a title names include the document's year; so do a budget's budget tables' and a 决算's 决算 tables'."""
    yield from _table_title_years(dc)
    title = dc.doc.title
    named = _other_years(title, dc.doc.year)
    if named is None:
        return
    yield dc.problem(
        "title-year",
        f"标题“{title}”写的是{named}，而本文档的年度（year）是 {dc.doc.year}：请核对 year 和标题，改正写错的一个。",
        ("title",),
        "title",
        stated=named,
        computed=f"{dc.doc.year}年",
    )


def _other_years(title: str, year: int) -> str | None:
    """The years a title names (“2023年”, “2023—2025年”), when it names some and none of them is ``year``; else None."""
    if not any(ch.isdigit() for ch in title):
        return None
    spans = [(int(a), int(b or a)) for a, b in _TITLE_YEAR.findall(title)]
    if not spans or any(low <= year <= high for low, high in spans):
        return None
    return "、".join(dict.fromkeys(f"{low}年" if low == high else f"{low}—{high}年" for low, high in spans))


def _table_title_years(dc: DocumentCheck) -> Iterator[Problem]:
    word = _KIND_WORD.get(dc.doc.kind)
    if word is None:
        return
    for bi, block in enumerate(dc.doc.body):
        if isinstance(block, m.Heading):
            # “第三部分 2024年部门预算表” in a 2025 budget: a part's heading kept from last year's document.
            if word in block.text and not any(w in block.text for w in _OTHER_YEAR_WORDS):
                named = _other_years(block.text, dc.doc.year)
                if named is not None:
                    yield dc.problem(
                        "heading-year",
                        f"标题“{block.text.strip()}”写的是{named}，而本文档的年度（year）是 {dc.doc.year}："
                        "照上年文档改写时是否漏改了标题（和这一部分的内容）？",
                        ("body", bi, "text"),
                        f"body.{bi}.text",
                        stated=named,
                        computed=f"{dc.doc.year}年",
                    )
            continue
        if isinstance(block, m.Table):
            kind = kind_of(block.role)
            # A table of this kind of document, by its title's word or by its kind: 湖北's “2024年部门支出总表” in a 2025
            # budget says no 预算 in its title.
            ours = word in (block.title or "") or (kind is not None and kind.official == dc.doc.kind)
        elif isinstance(block, m.Indicators):
            ours = dc.doc.kind == "budget" and "目标" in block.title  # a budget's 项目支出绩效目标表
        else:
            continue
        title = block.title
        if not title or not ours or any(w in title for w in _OTHER_YEAR_WORDS):
            continue
        named = _other_years(title, dc.doc.year)
        if named is None:
            continue
        yield dc.problem(
            "table-title-year",
            f"表名“{title}”写的是{named}，而本文档的年度（year）是 {dc.doc.year}：照上年文档改写时是否漏改了表名（和表中的数字）？",
            ("body", bi, "title"),
            f"{table_key(block, bi) if isinstance(block, m.Table) else block.id or f'table-{bi + 1}'}.title",
            stated=named,
            computed=f"{dc.doc.year}年",
        )


PLACEHOLDER = "（待填"
_PROMPT = re.compile(r"待填[：:]|待\s*填\s*[)）]|^[(（]?\s*待\s*填(?:写)?\s*[)）]?$")
"""What `pubgen new` writes, also with its brackets taken off or half-width: 待填：请照原文录入……, (待填：……), 待填写."""


def _is_placeholder(value: str) -> bool:
    return PLACEHOLDER in value or value.strip() == m.TO_FILL or _PROMPT.search(value.strip()) is not None
"""How `pubgen new` marks text still to be written."""


def check_text_to_fill(dc: DocumentCheck) -> Iterator[Problem]:
    """Text that `pubgen new` left as a placeholder is not published."""
    if dc.src.text and m.TO_FILL not in dc.src.text:
        return  # nothing to look for: both placeholders contain 待填

    def walk(value: object, path: tuple[object, ...]) -> Iterator[tuple[tuple[object, ...], str]]:
        if isinstance(value, str):
            if _is_placeholder(value):
                yield path, value
        elif isinstance(value, list):
            for i, v in enumerate(value):
                yield from walk(v, path + (i,))
        elif isinstance(value, m.Model):
            for name in type(value).model_fields:
                if name != "values":  # table cells are reported as figure-to-fill when read
                    yield from walk(getattr(value, name), path + (name,))

    for bi, block in enumerate(dc.doc.body):
        # A table's title, note under it and empty table's sentence too: `pubgen new` leaves the empty_note a prompt.
        for path, text in walk(block, ("body", bi)):
            yield dc.problem(
                "text-to-fill",
                f"这里还是待填写的提示：“{text.strip()[:40]}”。请照原文录入后再发布。",
                path,
                ".".join(str(p) for p in path),
            )
    for name in ("title",):
        value = getattr(dc.doc, name)
        if _is_placeholder(value):
            yield dc.problem("text-to-fill", f"标题还是待填写的提示：“{value}”。", (name,), name)
