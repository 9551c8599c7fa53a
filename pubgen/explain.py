"""What readers are told about a discrepancy the publisher acknowledged: what the original prints, what the
figures give, and the publisher's reason; never the instructions meant for editors."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .keyfigures import computed_as
from .problems import Problem

TOTALS = frozenset(
    {"sum-mismatch", "parts-exceed-total", "total-unexplained", "column-sum-mismatch", "score-total-mismatch", "weights-sum"}
)
"""Codes whose printed figure is a total."""

RATE_CODES = frozenset({"ratio-mismatch", "text-rate-mismatch"})
"""Codes whose computed figure is a rate (a quotient ×100): shown to one decimal at least, not two."""

PRINTED_ELSEWHERE = frozenset(
    {"cross-document-mismatch", "unit-department-mismatch", "unit-exceeds-department", "text-table-mismatch", "score-mismatch"}
)
"""Codes whose “computed” figure is one printed elsewhere (another document, the text, the score table): quoted as
it is printed there, never rounded."""


def shown_computed(computed: str, stated: str | None, rate: bool = False) -> str:
    """A computed figure as a reader is shown it: to the decimals the printed figure has (at least two for money and
    points, one for a rate), never more than it holds, and never rounded onto the printed figure it differs from.

    A rate computed to four decimals (71.6539) beside one printed to two (71.73) is shown 71.65; an exact sum (89.974)
    keeps what it needs of its digits; 7.8126 beside a printed 7.81 is 7.813, not a 7.81 that would seem to agree.
    """
    try:
        value = Decimal(computed)
        printed = Decimal(stated) if stated is not None else None
    except (InvalidOperation, ValueError):
        return computed
    if not value.is_finite() or (printed is not None and not printed.is_finite()):
        return computed
    exponent = value.as_tuple().exponent
    own = max(0, -exponent) if isinstance(exponent, int) else 0
    places = max(_decimals(stated), 1 if rate else 2)
    if own <= places:
        return computed
    while places < own:
        rounded = value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        if printed is None or rounded != printed or value == printed:
            return format(rounded.normalize() if rounded == value else rounded, "f")
        places += 1
    return computed


def told_computed(problem: Problem, rate: bool = False) -> str:
    """A problem's computed figure as a reader is told it: at the printed precision, unless it is printed elsewhere."""
    assert problem.computed is not None
    if problem.code in PRINTED_ELSEWHERE:
        return problem.computed
    return shown_computed(problem.computed, problem.stated, rate or problem.code in RATE_CODES)


def _decimals(text: str | None) -> int:
    if not text or "." not in text:
        return 0
    fraction = text.split(".", 1)[1]
    return len(fraction) - len(fraction.lstrip("0123456789"))


_INSTRUCTION = re.compile(r"^(请|修改|应与|应写|应是|需要|须|确认|(原文|原表)确?(是|实)?如此)|(应与|应写|应是|应当|确认差异|确认并说明)")
"""A clause that tells the editor what to do (or what a rule demands), not what the original prints; “原文如此则……”
and “原表确是如此时，……” open the editor's choice of acknowledging."""

_CLAUSES = re.compile(r"([^，：；。]*[，：；。]?)")
_CONDITIONAL = ("若", "如果", "倘若", "假如")
"""Words that open a sentence of advice for a case (“若本表只是……，请……”), not a fact about the original."""


def without_instructions(message: str) -> str:
    """An editor's message with its instructions taken out: the facts it states, as a sentence."""
    kept = []
    for sentence in re.split(r"(?<=[。；])", message):
        if sentence.lstrip().startswith(_CONDITIONAL):
            continue  # “若本表只是总分的一部分（…），请写上 points”: advice for a case, to the editor
        clauses = [c for c in _CLAUSES.findall(sentence) if c]
        facts = []
        dropped = False
        for c in clauses:
            bare = c.strip("，：；。 ")
            # “请……说明，或核对数字”: what follows an instruction with 或 / 并 is the same instruction.
            # A question (“照上年文档改写时是否漏改了这个数？”) is asked of the editor, not told of the original.
            dropped = bool(_INSTRUCTION.search(bare)) or bare.endswith(("？", "?")) or (dropped and bare.startswith(("或", "并", "再")))
            if not dropped:
                facts.append(c)
        text = "".join(facts).strip()
        if text:
            kept.append(text.rstrip("，：；") if text[-1] in "，：；" else text)
    out = "".join(k if k.endswith(("。", "）", "；")) else k + "。" for k in kept)
    return out.replace("。。", "。")


_FILE_NAME = re.compile(r" ?(?<![\w.])(?:[\w.-]+/)*[\w.-]+\.ya?ml(?![\w.])( ?)")
"""A content file's name, which a message gives the editor (“上年文档 content/documents/…/2024-budget.yml 的…”) and a
reader has no use for: the page says “上年文档的…”."""


def for_readers(problem: Problem, in_table: bool) -> str:
    """The discrepancy in words for readers; ``in_table`` when a mark in the table shows where (“此处”)."""
    reason = f"发布单位说明：{problem.acknowledged}" if problem.acknowledged else ""
    if in_table and problem.stated is not None and problem.computed is not None and problem.code == "rounding-difference":
        # Parts against their total, or the same item in two tables: either way a difference rounding explains.
        told = f"原文此处为 {problem.stated}，与有关数字核算为 {shown_computed(problem.computed, problem.stated)}，相差在四舍五入误差范围内。"
    elif in_table and problem.stated is not None and problem.computed is not None:
        what = "合计" if problem.code in TOTALS else ""
        computed = told_computed(problem)
        told = f"原文此处{what}为 {problem.stated}，{computed_as(problem.code)}为 {computed}。"
    else:
        told = _rounded_for_readers(_FILE_NAME.sub("", without_instructions(problem.message)), problem)
        if told and told[-1] not in "。！？":
            told += "。"  # the instruction it ended with is gone (“……万元）：正文应与表格一致，请照原文核对。”)
    return told + reason


_WORKED_OUT = r"(?:(?<=合 )|(?<=应增加 )|(?<=应减少 )|(?<=应为 )|(?<== )|(?<=相差 ))"
"""What a message writes before a figure it worked out (“（合 350.3499 万元）”, “应增加 3355.6428万元”, “相差 99.9928”),
as against one it quotes as printed (“是 2159.022416 万元”), which is never rounded."""


def _rounded_for_readers(told: str, problem: Problem) -> str:
    """An editor's message told to readers with its computed figure, and that figure's difference from the printed
    one, at the printed figure's precision where the message worked them out: “按它应增加 3355.6428万元（相差 99.9928）”
    beside a printed 3255.65 reads 3355.64 and 99.99. The editor's message keeps every digit; a figure the message
    quotes as printed is left as printed, however many decimals it has."""
    if problem.stated is None or problem.computed is None or problem.code in PRINTED_ELSEWHERE:
        return told
    try:
        difference = format(abs(Decimal(problem.stated) - Decimal(problem.computed)).normalize(), "f")
    except (InvalidOperation, ValueError):
        return told
    rate = problem.code in RATE_CODES
    for figure in dict.fromkeys((problem.computed, difference)):
        shown = shown_computed(figure, problem.stated if figure == problem.computed else None, rate)
        if shown != figure:
            told = re.sub(rf"{_WORKED_OUT}{re.escape(figure)}(?![\d])", shown, told)
    return told
