"""The rounding policy: which differences rounding explains, reported as notices, never as errors."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Iterable

from .. import model as m
from ..load import decimal_places
from .registry import NOTICE, family, rule

ROUNDING = family(
    "rounding",
    "四舍五入",
    """
真实文档里的数字大多是从更细的单位四舍五入来的，分项之和与合计、同一个数在两张表里，常常差末位的一两个单位。
pubgen 按下面的规则判断一个差额能不能由四舍五入解释：

1. **元为单位的表格**：金额精确到分，照原文核对，不允许差额。只有一种例外：原表合计印两位小数、分项只印整数元
   （“整数分项、两位小数合计”），每个整数分项可能差 0.5 元。
2. **万元等较大单位**：数字是从元四舍五入来的。参与核对的数字按其中最细的印刷精度计，每多一个数字可差末位的半个单位，
   但最多差末位的 4 个单位（两位小数最多 0.04）。例如“社会保障和就业支出”在一张表印 326.71、在另一张表印 326.72，
   是四舍五入造成的；差 0.05 以上就不是。合计与分项都只印整数（整万元）时按精确值核对。
   同一张表里别的金额印到更多位小数的（河北的模板：345.62、97.92 旁边的 247.7 = 234.5 + 13.2），少印的那几位是省去的末尾的 0，
   这几个数按精确值核对：247.7 ≠ 234.5 + 13.3 是错误，不是四舍五入。
3. **不同单位之间**（如元表与万元表、表格与正文）：换算成同一单位，按较粗的一方的印刷精度判断。
4. **百分比**：按分子、分母和百分比各自的印刷精度传递误差；截去尾数而不是四舍五入的百分比（99.868 印作 99.86）也算。
   只印到整万元、又有三位数以上的数字也是从元四舍五入来的，按可差 0.5 万元计（“共计3923万元，比上年减少332万元，下降7.81%”：
   算得 7.80%，而 332 与 3923 各差半个万元时可到 7.815%，是提示）；只印到整元的数字，和“预算5万元，减少1万元”这样的
   小整数，按精确值计。
5. **人数、数量等整数**：不允许差额。
6. **得分与分值**（绩效自评表）：分项照原文印到几位小数就按几位核对，不允许差额。只有一种例外：合计（总得分、
   一级或二级指标的得分、分值）印的小数位少于分项（分项两位小数、合计一位小数或整数），而分项之和按合计自己的精度
   四舍五入正是印的合计——如 95.53 印作 95.5 或 96，三个 3.33 分合为 10 分。按合计的精度四舍五入后仍不同（95.53 印作 95.6）是错误。

差额为 0 的不报告。能由四舍五入解释的差额报告为“提示”（`rounding-difference`），写明是哪条规则、差多少；
提示不阻止发布，也不需要确认。超出上述范围的差额是错误。
""",
)

rule(
    ROUNDING,
    "rounding-difference",
    NOTICE,
    """
两个应当相等的数字（合计与分项之和、两张表里的同一个数、正文与表格）相差末位的一两个单位，
在四舍五入能解释的范围内（见本节开头的规则）。例：`“收入支出决算总表”中“社会保障和就业支出” 326.71 与“支出决算表”中同一类的合计 326.72 相差 0.01，在四舍五入误差范围内。`
修改：通常不必修改，也不需要确认；页面按原文显示数字。原文确有笔误时照原文更正。
""",
)

UNIT_FACTORS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "百万元": Decimal(1000000), "亿元": Decimal(100000000)}
"""Money units in 元; figures in 元 are exact to the fen."""

EQUAL, ROUNDING_ONLY, DIFFERENT = "equal", "rounding", "different"
_NUMBER = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+")


def half_unit(text: str | None) -> Decimal:
    """Half of the last digit ``text`` prints (0.005 for 12.34, 0.5 for 12): how far its rounding may have moved it."""
    return Decimal(1).scaleb(-decimal_places(text)) / 2


def allowance(
    texts: Iterable[str | None], unit: str | None = None, exact: bool = False, aggregates: bool = False, table_places: int = 0
) -> Decimal:
    """How far printed figures in one unit may disagree through rounding alone.

    With ``aggregates``, every figure may itself be a total of rounded parts (the same
    figure in two tables): each may then be off by half a unit, the first one included.
    ``table_places`` is the most decimals the figures' table prints: figures all printed
    to fewer are that precision with its trailing zeros dropped (河北: 247.7 = 234.5 + 13.2
    beside 97.92 and 345.62), exact, not rounded to a tenth.
    """
    figures = [t for t in texts if t and _NUMBER.fullmatch(t)]  # a cell refused as a number (12.3%) rounds nothing
    if exact or not figures:
        return Decimal(0)
    if unit == m.TO_FILL:
        # A table whose unit is still 待填: the widest its unit may allow (in 元, integer parts beside a total to the fen),
        # so that no slip is told that its unit explains; written, the unit is held to its own.
        return max(allowance(figures, "元", aggregates=aggregates), allowance(figures, None, aggregates=aggregates))
    if unit == "元":
        integers = [t for t in figures if decimal_places(t) == 0]
        fen = [t for t in figures if decimal_places(t) > 0 and Decimal(t.replace(",", "")) % 1 != 0]
        # Integer parts under a total printed to the fen: each integer may be off by half a 元.
        return Decimal("0.5") * len(integers) if integers and fen else Decimal(0)
    places = max(decimal_places(t) for t in figures)
    if places == 0 or places < table_places:
        return Decimal(0)  # integers alone are taken as exact, and so are figures whose table prints more decimals
    last = Decimal(1).scaleb(-places)
    return min(last / 2 * (len(figures) - (0 if aggregates else 1)), last * 4)


def judge(stated: Decimal, computed: Decimal, allowed: Decimal) -> str:
    """Equal, a difference rounding explains, or a real difference."""
    gap = abs(stated - computed)
    if gap == 0:
        return EQUAL
    return ROUNDING_ONLY if gap <= allowed else DIFFERENT


def places_of(value: Decimal) -> int:
    """How many decimals a figure was typed with (95.50 has two, 96 none)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def rounds_to(printed: Decimal, exact: Decimal) -> bool:
    """A total printed to fewer decimals than the parts it adds up: their exact sum, rounded half up to the total's own
    precision, is the printed total (95.53 printed 95.5 or 96, three weights of 3.33 printed 10 together)."""
    places = places_of(printed)
    if printed == exact or places >= places_of(exact):
        return False
    context = Context(prec=max(28, exact.adjusted() + places + 2))
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=context) == printed


def precision_words(value: Decimal) -> str:
    """The precision a figure is printed to, in an editor's words: 整数, 一位小数, 两位小数."""
    places = places_of(value)
    return {0: "整数", 1: "一位小数", 2: "两位小数"}.get(places, f"{places} 位小数")
