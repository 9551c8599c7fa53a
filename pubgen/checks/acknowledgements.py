"""Acknowledgements: a publisher's known discrepancies become warnings shown with their reason."""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from ..model import Acknowledgement
from ..problems import Problem, Severity
from .base import DocumentCheck, round_to
from .registry import ERROR, RULES, family, rule

ACKS = family("acknowledgements", "已确认的差异")

rule(
    ACKS,
    "unmatched-acknowledgement",
    ERROR,
    """
已确认的差异没有对应的问题：数字可能已改正或改动。修改：删除这条确认，或按新的检查结果更新它。
读取文件时发现的写法问题（如数字栏写了文字的 `not-a-number`）不能确认，会说明这一点：请照内容格式改写那一格。
同一栏还有同一代号的问题、只是写的原文或计算结果不同时，会指出哪个数字不同（这个问题还在，请更新数字而不要删除确认）。
`stated`、`computed` 照检查结果的说明抄写的（如 71.65，检查结果是 71.6539），按所写的位数比较，也算对应。
`field` 连同检查结果里跟在字段后面的“，原文 …，计算 …”一起抄了的，会指出只写字段路径（写成哪个字段）。
同一个问题写了两条确认时，问题由前一条确认（网页上显示它的原因），后一条报告为与前一条重复：把两条的原因合并成一条。
""",
)


def same_figure(acknowledged: Decimal | None, found: str | None) -> bool:
    """An acknowledged figure matches the problem's, or was not given."""
    if acknowledged is None or found is None:
        return True
    try:
        value = Decimal(found)
    except InvalidOperation:
        return False
    if acknowledged == value:
        return True
    # Written as the message prints it (计算 71.65 for 71.6539): the same figure to the places the editor wrote.
    mine, theirs = acknowledged.as_tuple().exponent, value.as_tuple().exponent
    if not isinstance(mine, int) or not isinstance(theirs, int):
        return False
    return 0 < -mine < -theirs and round_to(value, -mine) == acknowledged


def _likely_typo(code: str, field: str | None, found: list[Problem]) -> str:
    """What to do with an acknowledgement that matches nothing: a misspelt code or field is named, else it may go."""
    open_ = [p for p in found if not p.acknowledged and p.code != "unmatched-acknowledgement"]
    if code not in RULES:
        close = difflib.get_close_matches(code.lower().replace("_", "-"), list(RULES), n=1, cutoff=0.6)
        hint = f"您是否想写“{close[0]}”？" if close else "请照 pubgen check 输出中方括号里的代号填写。"
        return f"没有“{code}”这种检查代号，{hint}"
    fields = [p.field for p in open_ if p.code == code and p.field]
    close = difflib.get_close_matches(field or "", fields, n=1, cutoff=0.8)
    if close:
        return f"这次检查有同一代号、字段相近的问题（字段 {close[0]}），是否字段抄错了？请照检查结果的“字段”改正，不要删除这条确认。"
    return "数字可能已经改正，请删除这条确认。"


def _twin(acks: list[Acknowledgement], i: int, used: list[bool], found: list[Problem]) -> int | None:
    """The other acknowledgement that took the problem acknowledgement ``i`` was written for: the same one written twice."""
    ack = acks[i]
    for p in found:
        if p.acknowledged is None or p.code != ack.code or p.field != ack.field:
            continue
        if not (same_figure(ack.stated, p.stated) and same_figure(ack.computed, p.computed)):
            continue
        for j, other in enumerate(acks):
            if j != i and used[j] and other.code == p.code and other.field == p.field and other.reason == p.acknowledged:
                return j
    return None


def _copied_tail(code: str, field: str | None, found: list[Problem]) -> tuple[str, str] | None:
    """``expenditure.basic.budget，原文 247.7，计算 248.0``: the “字段：” line of a check's report copied whole, figures
    and all. The path and what follows it, or None when the field is a path alone. A row's label may stand in a path
    (“办公费（含印刷费）”), so what follows is taken for a tail only when it is the report's “，原文 …”/“，计算 …” or
    what is left after the field of a problem of the same code."""
    field = (field or "").strip()
    report = re.match(r"(.+?)[，,][ \t]*(?=(?:原文|计算)[ \t]*[-\d—])", field)
    if report is not None:
        return report[1].rstrip(), field[report.end(1) :].strip(" \t，,；;")
    for p in found:
        if p.code == code and p.field and field.startswith(p.field) and field[len(p.field) : len(p.field) + 1] in tuple("，,；; \t（("):
            return p.field, field[len(p.field) :].strip(" \t，,；;")
    return None


def _acknowledgeable(code: str) -> bool:
    return code not in RULES or RULES[code].acknowledgeable


def apply_acknowledgements(dc: DocumentCheck, problems: list[Problem], read: frozenset[tuple[str, str | None]] = frozenset()) -> list[Problem]:
    """Turn acknowledged errors into warnings (notices stay notices); report acknowledgements that match nothing.

    ``read`` holds the (code, field) of the problems found while reading the file (a cell that is no number): they are
    about how the file is written, not about the original's figures, and cannot be acknowledged.
    """
    acks = dc.doc.acknowledgements
    used = [False] * len(acks)
    out = []
    for p in problems:
        for i, ack in enumerate(acks):
            if (
                _acknowledgeable(p.code)
                and ack.code == p.code
                and ack.field == p.field
                and same_figure(ack.stated, p.stated)
                and same_figure(ack.computed, p.computed)
            ):
                used[i] = True
                # An acknowledged error is published as a warning with its reason; a notice stays a notice (it never
                # blocked publishing, and acknowledging it must not make `--strict` fail).
                severity = Severity.NOTICE if p.severity == Severity.NOTICE else Severity.WARNING
                p = replace(p, severity=severity, acknowledged=ack.reason)
                break
        out.append(p)
    for i, ack in enumerate(acks):
        if not used[i]:
            near = next((p for p in out if p.code == ack.code and p.field == ack.field and not p.acknowledged), None)
            if not _acknowledgeable(ack.code):
                message = (
                    f"已确认的差异（{ack.code}，{ack.field}）不能确认：这不是原文数字之间的差异，而是必须改正后才能发布的问题"
                    "（看不见的字符会让读者看到的与实际写入的不同；“待填”是还没有录入的内容）。请照问题说明改正，再删除这条确认。"
                )
            elif near is not None:
                said = "、".join(
                    f"{what} {mine} 与这次检查的 {theirs} 不同"
                    for what, mine, theirs in (("原文", ack.stated, near.stated), ("计算结果", ack.computed, near.computed))
                    if mine is not None and theirs is not None and not same_figure(mine, theirs)
                )
                message = (
                    f"已确认的差异（{ack.code}，{ack.field}）写的{said}：这个问题还在，请把 stated、computed 照检查结果填写"
                    "（或删去它们），不要删除这条确认。"
                )
            elif (twin := _twin(acks, i, used, out)) is not None:
                line, _ = dc.src.place(("acknowledgements", twin))
                message = (
                    f"已确认的差异（{ack.code}，{ack.field}）与第 {line} 行的另一条确认（acknowledgements.{twin}）是同一个问题，"
                    "那一条已经确认了它，网页上只显示那一条的原因（reason）：同一个问题只写一条确认。"
                    "请把这一条的原因并入那一条（或改正那一条的原因），再删除这一条。"
                )
            elif (copied := _copied_tail(ack.code, ack.field, out)) is not None:
                path, tail = copied
                match = next((p for p in out if p.code == ack.code and p.field == path and not p.acknowledged), None)
                message = (
                    f"已确认的差异（{ack.code}）的 field 多抄了字段后面的“{tail}”：field 只写字段路径，"
                    f"检查结果里跟在它后面的原文和计算结果写在 stated、computed 里。请改成 field: {path}"
                    + (
                        f"（这次检查第 {match.line} 行的 {ack.code} 问题就是这个字段的），不要删除这条确认。"
                        if match is not None
                        else f"；这次检查在这个字段上没有 {ack.code} 问题，数字可能已经改正，那样就删除这条确认。"
                    )
                )
            elif (ack.code, ack.field) in read:
                message = (
                    f"已确认的差异（{ack.code}，{ack.field}）不能确认：这是读取文件时发现的写法问题，不是原文数字之间的差异。"
                    "请照内容格式改写这一格（原文在数字栏印“——”“/”“单位不需填列”等表示不适用的，照原文加引号写），再删除这条确认。"
                )
            else:
                message = f"已确认的差异（{ack.code}，{ack.field}）没有对应的问题：" + _likely_typo(ack.code, ack.field, out)
            out.append(dc.problem("unmatched-acknowledgement", message, ("acknowledgements", i), f"acknowledgements.{i}"))
    return out
