"""The content model: what editors write, defined once.

Validation, the JSON Schema for editors' tools and the field reference in
``docs/content-format.md`` are all generated from these classes. Every field
carries its Chinese label (``title``) as printed in real documents.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from .exact import DECIMALS, INTEGER_DIGITS, beyond_limits

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
WEB_ADDRESS = r"^https?://[^\s<>\"']+$"
"""Only http(s) addresses: no javascript: or data: links from content."""
REGION_PATH = r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*$"
SITE_CODE = re.compile(r"[0-9]{10}|bm[0-9]{8}")
"""政府网站标识码: ten digits for local government sites, ``bm`` and eight digits for State Council departments."""
ICP_RECORD = re.compile(r"[\u4e00-\u9fff]ICP备[0-9]{6,10}号(?:-[0-9]{1,3})?")
"""ICP备案号 as the MIIT register prints it: a province's one-character name, ICP备, the number, 号, and a site number."""
POLICE_RECORD = re.compile(r"[\u4e00-\u9fff]公网安备 ?([0-9]{14})号")
"""公安机关备案号: a province's one-character name, 公网安备 and the 14-digit record number."""

NOT_APPLICABLE = ("——", "—", "－", "-", "--", "/", "／", "――", "―", "──", "─", "－－", "不适用", "不需填列", "单位不需填列", "无需填列")
"""Printed marks for "not applicable": a sign (with the look-alike bars ――, ── that PDFs and old software give for ——,
and the full-width ／ a Chinese input method types for /), or the words some templates print in the cell (单位不需填列);
kept as printed."""
TO_FILL = "待填"
"""Placeholder that `pubgen new` writes where a figure is still to be filled in, and `pubgen import` as the unit of a table
whose original prints none (:func:`money_unit`)."""

_FULLWIDTH = re.compile(r"[０-９．，％－]")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\Z")
_LEADING_ZERO = re.compile(r"^([+-]?)0+(?=[0-9])")
"""Zeros before a figure's first digit: 04545000, 007.5 (not 0.5)."""


def without_leading_zeros(text: str) -> str:
    """The figure a cell typed with zeros before its first digit means: 04545000 → 4545000, -04 → -4."""
    return _LEADING_ZERO.sub(r"\1", text, count=1)
"""ASCII digits only: Python's Decimal would also take Arabic-Indic or mathematical bold digits."""


def _why_not_a_number(s: str) -> PydanticCustomError:
    """What a cell that is not a plain figure was typed as, and the figure to write (待填, 1，036.08, 36.08万, （36.08） …)."""
    if s == TO_FILL:
        return PydanticCustomError("figure-to-fill", "还没有填写（“待填”），请照原文填写。", {})
    if _FULLWIDTH.search(s):
        fixed = unicodedata.normalize("NFKC", s)
        if _GROUPED.fullmatch(fixed):
            fixed = fixed.replace(",", "")  # 1，036.08: the figure is 1036.08, not another thousands separator to remove
        if not _NUMBER.match(fixed):
            # 11.86％ is 11.86% in half-width, itself no figure: the fix offered must be one the cell takes.
            then = _why_not_a_number(fixed)
            after = "；改成半角后，" if then.message_template.startswith("“{value}”") else "。"
            return PydanticCustomError(
                "fullwidth-digits",
                "“{typed}”使用了全角数字或符号，请改用半角" + after + then.message_template,
                {**(then.context or {}), "value": fixed, "typed": s},
            )
        return PydanticCustomError(
            "fullwidth-digits",
            "“{value}”使用了全角数字或符号，请改用半角，写成“{fixed}”。",
            {"value": s, "fixed": fixed},
        )
    if re.fullmatch(r"[+-]?\d+,\d{1,2}|[+-]?\d+,\d{4,}", s):
        return PydanticCustomError(
            "not-a-number",
            "“{value}”中的逗号不是千位分隔符：小数点请写成“.”，如“{fixed}”。",
            {"value": s, "fixed": s.replace(",", ".")},
        )
    if _EUROPEAN.fullmatch(s):
        return PydanticCustomError(
            "not-a-number",
            "“{value}”的小数点和千位分隔符写反了（有的表格软件这样显示）：照原文应写成“{fixed}”，请核对。",
            {"value": s, "fixed": s.replace(".", "").replace(",", ".")},
        )
    if "," in s and _NUMBER.match(s.replace(",", "")) and not _GROUPED.fullmatch(s):
        return PydanticCustomError(
            "not-a-number", "“{value}”中的逗号位置不像千位分隔符，请照原文核对这个数字。", {"value": s}
        )
    if "," in s and _NUMBER.match(s.replace(",", "")):
        return PydanticCustomError(
            "thousands-separator",
            "“{value}”含有千位分隔符，请去掉逗号，写成“{fixed}”。",
            {"value": s, "fixed": s.replace(",", "")},
        )
    if s.endswith("%") and _NUMBER.match(s[:-1].strip()):
        return PydanticCustomError(
            "percent-string",
            "“{value}”带有百分号：这里只填数字（写成“{fixed}”），百分号由栏目单位表示。",
            {"value": s, "fixed": s[:-1].strip()},
        )
    points = re.fullmatch(r"([+-]?[0-9.]+)\s*分", s)
    if points and _NUMBER.match(points[1]):
        # 97.6分, 20分: a score or its points as the form prints them, the unit read off the column's heading.
        return PydanticCustomError(
            "not-a-number",
            "“{value}”带着“分”字：得分和分值只填数字，请去掉“分”，写成“{fixed}”。",
            {"value": s, "fixed": points[1]},
        )
    unit = re.fullmatch(r"([+-]?[0-9.,]+)\s*(万元|万|元|亿元|亿|千元|人|人次|辆|台|个|次|%|％)", s)
    if unit and _NUMBER.match(unit[1].replace(",", "")):
        fixed = unit[1].replace(",", "")
        # 329.66万元 in a table in 元 is 3296600, not 329.66: the figure depends on the table's unit, which the cell does not know.
        factor = _YUAN.get(unit[2])
        if factor is None:
            return PydanticCustomError(
                "not-a-number",
                "“{value}”带着单位“{unit}”：这里只填数字，写成“{fixed}”；单位写在表格或栏目的 unit 上。",
                {"value": s, "unit": unit[2], "fixed": fixed},
            )
        if factor == 1:
            other = f"；表格单位是“万元”时写成“{format((Decimal(fixed) / 10000).normalize(), 'f')}”"
        else:
            other = f"；表格单位是“元”时写成“{format((Decimal(fixed) * factor).normalize(), 'f')}”"
        return PydanticCustomError(
            "not-a-number",
            "“{value}”带着单位“{unit}”：这里只填数字，单位写在表格或栏目的 unit 上。表格单位也是“{money}”时写成“{fixed}”{other}；请核对表格的单位。",
            # 13.2万 is in 万元: the unit a table may have (unit: 万 is no unit a table takes).
            {"value": s, "unit": unit[2], "money": unit[2] if unit[2].endswith("元") else unit[2] + "元", "fixed": fixed, "other": other},
        )
    negative = re.fullmatch(r"[(（]\s*([0-9.,]+)\s*[)）]|[△▲]\s*([0-9.,]+)", s)
    if negative and _NUMBER.match((negative[1] or negative[2]).replace(",", "")):
        fixed = "-" + (negative[1] or negative[2]).replace(",", "")
        return PydanticCustomError(
            "not-a-number",
            "“{value}”是原文表示负数（减少）的写法：增减一类的栏目请写成“{fixed}”；金额栏不应为负，请照原文核对。",
            {"value": s, "fixed": fixed},
        )
    if re.fullmatch(r"[+-]?[0-9]{1,3}(?:[ \u00a0\u2009][0-9]{3})+(?:\.[0-9]+)?", s):
        return PydanticCustomError(
            "not-a-number", "“{value}”中间有空格（有的表格软件这样分隔千位）：请去掉空格，写成“{fixed}”。", {"value": s, "fixed": re.sub(r"\s", "", s)}
        )
    if len(s) > 2 and s[0] in "“‘" and s[-1] in "”’":
        return PydanticCustomError(
            "not-a-number",
            "“{value}”用了中文引号：引号请用英文双引号，写成 \"{inner}\"（数字不用加引号）。",
            {"value": s, "inner": s[1:-1]},
        )
    if _DATE.fullmatch(s):
        return PydanticCustomError(
            "not-a-number",
            "“{value}”是日期，不是数字：Excel 常把输入的 1-5、1/5 这样的数字变成日期。请照原文填写这个数字。",
            {"value": s},
        )
    if s in ("～", "〜", "~~"):
        return PydanticCustomError("not-a-number", "“{value}”不是空白的写法：原文这一格空白，请写半角 ~（或什么也不写）。", {"value": s})
    if s in ("无", "没有", "不适用", "空", "空白", "暂无"):
        return PydanticCustomError(
            "not-a-number",
            "这里应填数字，现在是“{value}”：原文这一格印着“{value}”表示不适用的，写 \"——\"（原文印“-”的照写 \"-\"）；原文空白的写 ~；"
            "金额为零的写 0。",
            {"value": s},
        )
    return PydanticCustomError("not-a-number", "这里应填数字，现在是“{value}”。", {"value": s})


def parse_number(text: Any, *, signed: bool = False) -> Decimal:
    """Return the exact decimal an editor typed, or explain in Chinese why it is not one."""
    if isinstance(text, Decimal):
        return text
    if isinstance(text, bool) or text is None or isinstance(text, (dict, list)):
        raise PydanticCustomError("not-a-number", "这里应填数字，现在是“{value}”。", {"value": _show(text)})
    if isinstance(text, (int, float)):
        text = str(text)
    s = str(text).strip()
    if not _NUMBER.match(s):
        raise _why_not_a_number(s)
    if _LEADING_ZERO.match(s):
        # 04545000 was published as 04,545,000: a slip of the keyboard, never how a figure is printed.
        raise PydanticCustomError(
            "not-a-number", "“{value}”开头多了 0：请照原文核对，多半应写成“{fixed}”。", {"value": s, "fixed": without_leading_zeros(s)}
        )
    if s.startswith("+") and not signed:
        raise PydanticCustomError(
            "not-a-number", "“{value}”带着正号：金额不写正号（页面会照印“+”），写成“{fixed}”。", {"value": s, "fixed": s[1:]}
        )
    try:
        value = Decimal(s)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only valid decimals
        raise PydanticCustomError("not-a-number", "这里应填数字，现在是“{value}”。", {"value": s}) from None
    beyond = beyond_limits(value)
    if beyond is not None:
        which, digits = beyond
        shown = s if len(s) <= 40 else f"{s[:24]}…（共 {len(s)} 个字符）"
        raise PydanticCustomError(
            "figure-out-of-range",
            "“{value}”有 {digits} 位整数，超出数字的上限（整数部分最多 {limit} 位）：请核对是否多打了数字，或改用更大的金额单位（如万元、亿元）。"
            if which == "integer"
            else "“{value}”有 {digits} 位小数，超出数字的上限（最多 {limit} 位小数）：请核对是否多打了数字，或改用更小的金额单位。",
            {"value": shown, "digits": digits, "limit": INTEGER_DIGITS if which == "integer" else DECIMALS},
        )
    if value < 0 and not signed:
        raise PydanticCustomError(
            "negative-amount", "“{value}”是负数：这里不应为负，请核对。", {"value": s}
        )
    return value


_DATE = re.compile(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?: \d{1,2}:\d{2}(?::\d{2})?)?|\d{4}-\d{2}-\d{2}T[\d:]+")
"""A date where a figure was due (1月5日, 2026/1/5, 2026-01-05): a workbook cell Excel made a date."""
_YUAN = {"元": 1, "千元": 1000, "万": 10000, "万元": 10000, "亿": 100000000, "亿元": 100000000}
"""Money units a figure may be typed with, in 元."""
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
"""A figure with thousands separators where they belong: 1,036.08, 29,462,500.00."""
_EUROPEAN = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+,\d+")
"""1.036,08: points between thousands and a decimal comma."""


def _show(value: Any) -> str:
    if value is None:
        return "（空）"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "（一组内容）"
    return str(value)


def _number(v: Any) -> Decimal:
    return parse_number(v)


def _signed(v: Any) -> Decimal:
    return parse_number(v, signed=True)


def _year(v: Any) -> int:
    if isinstance(v, int) and not isinstance(v, bool):
        n = v
    else:
        typed = str(v).strip()
        if re.fullmatch(r"(?:19|20)[0-9]{2}\s*年度?", typed):
            raise PydanticCustomError("invalid-year", "年度只写数字：写成 {fixed}，不要“年”。", {"fixed": typed[:4]})
        try:
            d = parse_number(v)
        except PydanticCustomError as exc:
            if exc.type != "figure-out-of-range":
                raise
            raise PydanticCustomError("invalid-year", "年度“{value}”不在合理范围（1949–2100）内。", {"value": str(v)[:40]}) from None
        if d != d.to_integral_value() or "." in str(v):
            raise PydanticCustomError("invalid-year", "年度应为四位整数，如 2021，现在是“{value}”。", {"value": v})
        n = int(d)
    if not 1949 <= n <= 2100:
        raise PydanticCustomError("invalid-year", "年度“{value}”不在合理范围（1949–2100）内。", {"value": v})
    return n


def _date(v: Any) -> Any:
    if isinstance(v, str):
        s = v.strip()
        if _FULLWIDTH.search(s):
            raise PydanticCustomError(
                "fullwidth-digits",
                "日期“{value}”使用了全角数字，请改用半角，写成“{fixed}”。",
                {"value": s, "fixed": unicodedata.normalize("NFKC", s)},
            )
        m = re.match(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$", s)
        if m:
            raise PydanticCustomError(
                "invalid-date",
                "日期请写成“年-月-日”格式，如 {fixed}。",
                {"fixed": f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"},
            )
        try:
            return dt.date.fromisoformat(s)
        except ValueError:
            raise PydanticCustomError(
                "invalid-date", "“{value}”不是有效日期，请写成“年-月-日”格式，如 2022-03-25。", {"value": s}
            ) from None
    return v


_CODE = re.compile(r"^([0-9]{3})(?:[\s|/-]*([0-9]{2}))?(?:[\s|/-]*([0-9]{2}))?$")


def _code(v: Any) -> str:
    text = str(v).strip() if isinstance(v, (str, int)) and not isinstance(v, bool) else None
    if text is not None and _FULLWIDTH.search(text):
        # ２０１０３０１ typed with a Chinese IME: \d would take it, and it would match no other row's code.
        raise PydanticCustomError(
            "fullwidth-digits",
            "“{value}”使用了全角数字或符号，请改用半角，写成“{fixed}”。",
            {"value": text, "fixed": unicodedata.normalize("NFKC", text)},
        )
    match = _CODE.match(text) if text is not None else None
    if match is None or (match[3] and not match[2]):
        raise PydanticCustomError(
            "invalid-code",
            "“{value}”不是科目编码：功能分类科目编码为 3 位（类）、5 位（款）或 7 位（项）数字，经济分类为 3 位或 5 位数字。",
            {"value": _show(v)},
        )
    return "".join(part for part in match.groups() if part)


_CODE_SCHEMA: dict[str, Any] = {
    # Editors' YAML tools read an unquoted 2010601 as a number, which the loader accepts too.
    "anyOf": [
        {"type": "string", "pattern": r"^\s*[0-9]{3}(?:[\s|/-]*[0-9]{2}){0,2}\s*$"},
        {"type": "integer", "minimum": 100, "maximum": 999},
        {"type": "integer", "minimum": 10000, "maximum": 99999},
        {"type": "integer", "minimum": 1000000, "maximum": 9999999},
    ]
}

ClassificationCode = Annotated[str, BeforeValidator(_code), WithJsonSchema(_CODE_SCHEMA)]
"""A functional (3/5/7 digits) or economic (3/5 digits) classification code, written as one string."""

Amount = Annotated[Decimal, BeforeValidator(_number)]
"""A non-negative exact decimal written as typed (money, counts, scores)."""
Points = Annotated[
    Decimal,
    BeforeValidator(_number),
    WithJsonSchema(
        {"anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^(?!^[-+.]*$)[+-]?0*\d*\.?\d*$"}, {"enum": list(NOT_APPLICABLE)}]}
    ),
]
"""An indicator's 分值 or 得分: a figure, or a not-applicable mark (“/”, “——”) as printed (:class:`Indicator` keeps the mark)."""
SignedAmount = Annotated[Decimal, BeforeValidator(_signed)]
"""An exact decimal that may be negative (changes)."""
Year = Annotated[int, BeforeValidator(_year)]
Date = Annotated[dt.date, BeforeValidator(_date)]
Slug = Annotated[str, Field(pattern=SLUG)]

SLUG_LENGTH = 48
"""The longest slug a page's address is made of: a folder name, and a part of its download files' names."""
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))})
"""Names Windows refuses for a file or folder: a site or a content folder holding one cannot be copied there."""


def path_slug_problem(value: str) -> str | None:
    """Why ``value`` (a slug of the right pattern) cannot name a folder of the site, in the editor's words; None when it can."""
    if len(value) > SLUG_LENGTH:
        return f"代号“{value}”太长（{len(value)} 个字符）：用作网址和下载文件名的代号最多 {SLUG_LENGTH} 个字符，请用简短的拼音或缩写。"
    if value in WINDOWS_RESERVED:
        return f"代号“{value}”是 Windows 保留的文件名，在 Windows 电脑上无法建立这个文件夹（也无法取出内容仓库）：请换一个代号。"
    return None


def _path_slug(value: str) -> str:
    problem = path_slug_problem(value)
    if problem is not None:
        raise PydanticCustomError("invalid-value", problem.replace("{", "{{").replace("}", "}}"), {})
    return value


PathSlug = Annotated[str, Field(pattern=SLUG), AfterValidator(_path_slug)]

MoneyUnit = Literal["元", "千元", "万元", "百万元", "亿元"]
"""The units an amount may be printed in (a document's, a table's, the site's default)."""
"""A slug that names a folder of the site: a region's, a department's, a unit's or a project's."""
RawCell = Annotated[
    Union[str, None],
    # Schema only: editors' YAML tools read 329.48 as a number; the loader keeps the typed text.
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string"}, {"type": "null"}]}),
]
"""A table cell as typed: a number, 0, empty (not filled) or —— (not applicable), or text."""


class Model(BaseModel):
    """Base of every content record: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, validate_default=False)


# --------------------------------------------------------------------------- site


class Site(Model):
    """Site settings (``content/site.yml``)."""

    title: str = Field(title="站点名称", examples=["部门预决算公开平台"])
    description: str = Field("", title="站点简介", examples=["本站集中公开各部门预算、决算和绩效自评报告。"])
    publisher: str = Field("", title="主办单位", examples=["某某市财政局"])
    language: Literal["zh"] = Field("zh", title="语言")
    base_url: str | None = Field(None, title="站点网址", pattern=WEB_ADDRESS, examples=["https://budget.example.gov.cn/"])
    repo_url: str | None = Field(
        None, title="源文件仓库地址", pattern=WEB_ADDRESS, examples=["https://git.example.gov.cn/finance/budget-content"]
    )
    repo_branch: str = Field("main", title="源文件分支")
    unit: MoneyUnit = Field("万元", title="默认金额单位")
    # Footer fields, as 《政府网站发展指引》 asks every government site to show them; each is optional.
    operator: str = Field("", title="承办单位", description="负责网站日常运行维护的单位，显示在页脚。", examples=["某某市财政局办公室"])
    contact: str = Field("", title="联系方式", description="读者咨询或纠错的电话、邮箱或地址，显示在页脚。", examples=["电话：0319-1234567"])
    site_code: str | None = Field(
        None,
        title="网站标识码",
        description="政府网站标识码，10 位：地方网站为 10 位数字，国务院部门网站为 bm 加 8 位数字。",
        examples=["1305000001"],
    )
    icp_record: str | None = Field(
        None,
        title="ICP备案号",
        description="工业和信息化部 ICP 备案号，如“冀ICP备12345678号”或“冀ICP备12345678号-1”；页脚链接到 beian.miit.gov.cn。",
        examples=["冀ICP备12345678号-1"],
    )
    police_record: str | None = Field(
        None,
        title="公安机关备案号",
        description="公安机关互联网站安全备案号，如“冀公网安备 13050002000001号”（14 位数字）；页脚链接到全国互联网安全管理服务平台上这一备案的查询页。",
        examples=["冀公网安备 13050002000001号"],
    )
    conac_url: str | None = Field(
        None,
        title="党政机关网站标识链接",
        description="党政机关网站标识（开办者资格认证）的查询网址；填写后页脚显示“党政机关网站”标识链接。",
        pattern=WEB_ADDRESS,
        examples=["https://bszs.conac.cn/sitename?method=show&id=0123456789ABCDEF"],
    )

    @field_validator("site_code", mode="before")
    @classmethod
    def _site_code_digits(cls, v: Any) -> Any:
        # Written without quotes, YAML reads the ten digits as a number; codes never start with 0, so nothing is lost.
        return str(v) if isinstance(v, int) and not isinstance(v, bool) else v

    @field_validator("site_code")
    @classmethod
    def _site_code(cls, v: str | None) -> str | None:
        if v is not None and not SITE_CODE.fullmatch(v):
            raise PydanticCustomError(
                "invalid-value",
                "“{value}”格式不对：地方网站为 10 位数字（如 1305000001），国务院部门网站为 bm 加 8 位数字（如 bm01000001）；请照政府网站标识码通知书填写。",
                {"value": v[:40]},
            )
        return v

    @field_validator("icp_record")
    @classmethod
    def _icp_record(cls, v: str | None) -> str | None:
        if v is not None and not ICP_RECORD.fullmatch(v):
            raise PydanticCustomError(
                "invalid-value",
                "“{value}”格式不对：应写成“省份简称 + ICP备 + 数字 + 号”，如“冀ICP备12345678号”或“冀ICP备12345678号-1”。",
                {"value": v[:60]},
            )
        return v

    @field_validator("police_record")
    @classmethod
    def _police_record(cls, v: str | None) -> str | None:
        if v is not None and not POLICE_RECORD.fullmatch(v):
            raise PydanticCustomError(
                "invalid-value",
                "“{value}”格式不对：应写成“省份简称 + 公网安备 + 14 位数字 + 号”，如“冀公网安备 13050002000001号”。",
                {"value": v[:60]},
            )
        return v

    @property
    def police_record_number(self) -> str | None:
        """The 14 digits of the 公安机关备案号, which its look-up address takes."""
        found = POLICE_RECORD.fullmatch(self.police_record or "")
        return found.group(1) if found else None


class Region(Model):
    """A province, city, county or district; regions nest."""

    slug: PathSlug = Field(title="地区代号", description="拼音或英文小写，用于网址，发布后不要修改。", examples=["pingxiang"])
    name: str = Field(title="地区名称", examples=["平乡县"])
    level: Literal["province", "city", "county", "district", "township"] = Field(
        title="行政级别", description="province 省、city 市、county 县、district 区、township 乡镇。"
    )
    children: list[Region] = Field(default_factory=list, title="下级地区")


class RegionFile(Model):
    """The region tree (``content/regions.yml``)."""

    regions: list[Region] = Field(title="地区列表")


class Term(Model):
    """One glossary entry (名词解释)."""

    term: str = Field(title="名词", examples=["三公经费"])
    aliases: list[str] = Field(default_factory=list, title="别名", examples=[["“三公”经费", "三公"]])
    definition: str = Field(title="解释", description="Markdown 文本。")
    source: str | None = Field(None, title="出处", examples=["平乡县信访局2021年部门预算信息公开情况说明"])
    national: bool = Field(
        False,
        title="全国通用",
        description="解释不限于某一地区（不提“县级”“市级”等）时填 true：所有文档都链接到它。与 regions 二者必填其一。",
    )
    regions: list[Annotated[str, Field(pattern=REGION_PATH)]] = Field(
        default_factory=list,
        title="适用地区",
        description="解释只适用于某些地区（如“指县级财政当年拨付的资金”）时，写这些地区的代号路径：只有这些地区及其下级地区的文档链接到它。",
        examples=[["hebei/xingtai/pingxiang"]],
    )


class GlossaryFile(Model):
    """The site-wide glossary (``content/glossary.yml``)."""

    terms: list[Term] = Field(title="名词解释")


# --------------------------------------------------------------------------- departments


class Department(Model):
    """A department (部门), one file each."""

    slug: PathSlug = Field(title="部门代号", description="拼音或英文小写，用于网址，发布后不要修改。", examples=["xinfangju"])
    name: str = Field(title="部门名称", examples=["平乡县信访局"])
    region: str = Field(
        title="所属地区", pattern=REGION_PATH, description="地区代号路径。", examples=["hebei/xingtai/pingxiang"]
    )
    short_name: str | None = Field(None, title="简称", examples=["县信访局"])
    aliases: list[str] = Field(default_factory=list, title="别名")
    nature: Literal["行政", "事业", "参公", "其他"] | None = Field(None, title="单位性质")
    rank: str | None = Field(None, title="单位规格", examples=["正科级"])
    funding: str | None = Field(None, title="经费保障形式", examples=["财政拨款"])
    divisions: list[str] = Field(default_factory=list, title="内设机构", examples=[["综合科", "信访科"]])
    subordinates: list[str] = Field(default_factory=list, title="下属单位")
    website: str | None = Field(None, title="网站", pattern=WEB_ADDRESS)
    address: str | None = Field(None, title="地址")
    phone: str | None = Field(None, title="电话")


# --------------------------------------------------------------------------- document blocks


class Heading(Model):
    """A section heading as printed (一、… （一）… 1. …)."""

    type: Literal["heading"] = Field(title="块类型")
    text: str = Field(title="标题文字", examples=["一、部门职责及机构设置情况"])
    level: int = Field(2, ge=2, le=6, title="层级", description="2 为一级标题（一、），3 为（一），4 为 1.，依此类推。")


class Text(Model):
    """Narrative paragraphs, in Markdown (no HTML)."""

    type: Literal["text"] = Field(title="块类型")
    text: str = Field(title="正文", description="Markdown 文本；其中的 HTML 会原样显示为文字。")


class ListBlock(Model):
    """A numbered or bulleted list, such as the duties (部门职责)."""

    type: Literal["list"] = Field(title="块类型")
    title: str | None = Field(None, title="标题", examples=["部门职责："])
    items: list[str] = Field(title="条目", description="每条一段 Markdown 文本，不含编号。")
    ordered: bool = Field(True, title="是否编号")
    numbering: str = Field(
        "1、",
        title="编号样式",
        description="原文第一条的编号，页面逐条往下数：如 “1、” “（1）” “1.” “（一）” “一、” “①” “a.”。",
        examples=["（1）"],
    )
    numbers: list[str] | None = Field(
        None, title="各条编号（原文）", description="原文各条编号不统一时逐条填写，覆盖“编号样式”。", examples=[["（1）", "(2)"]]
    )


class Cell:
    """One typed table cell: a number, 0, empty (not filled), —— (not applicable) or text."""

    __slots__ = ("text", "value", "state")

    def __init__(self, text: str | None, value: Decimal | None, state: str) -> None:
        self.text = text
        """The cell as printed (``None`` when empty)."""
        self.value = value
        """The exact number when the cell holds one."""
        self.state = state
        """``number``, ``empty``, ``na`` or ``text``."""

    def __repr__(self) -> str:
        return f"Cell({self.text!r}, {self.state})"


class Column(Model):
    """One column of a table: what it means decides which rules apply."""

    id: Slug = Field(title="栏目代号", examples=["budget", "actual", "execution-rate"])
    label: str = Field(title="栏目名称（原文）", examples=["年初预算数"])
    type: Literal["money", "number", "count", "percent", "area", "text"] | None = Field(
        None,
        title="栏目类型",
        description="money 金额、number 数值、count 数量、percent 百分比、area 面积、text 文字；常用栏目代号有默认类型；不填、栏目名称又以“（个）”“（人）”“（辆）”等数量单位或“（平方米）”结尾的（如“因公出国（境）团组数（个）”），按数量或面积，单位取括号里的。",
    )
    unit: str | None = Field(None, title="单位", description="不填时金额栏用表格单位。", examples=["万元", "%", "人"])
    group: list[str] = Field(
        default_factory=list,
        title="上层表头",
        description="原表多层表头时，印在本栏名称上方的表头，从最上层写起；相邻栏目的同名表头合并显示。",
        examples=[["公务用车购置及运行费", "公务用车购置费"]],
    )
    phase: Literal["initial-budget", "adjusted-budget", "actual", "last-year", "change"] | None = Field(
        None,
        title="阶段",
        description="initial-budget 年初预算、adjusted-budget 调整后（全年）预算、actual 执行数/决算数、last-year 上年数、change 增减。",
    )
    sum_of: list[str] = Field(default_factory=list, title="等于以下栏目之和", description="如“合计”栏等于各单位栏之和。")
    ratio: tuple[str, str] | None = Field(
        None, title="比率", description="[分子栏目, 分母栏目]；百分比栏为 分子/分母×100。", examples=[["actual", "adjusted-budget"]]
    )
    difference: tuple[str, str] | None = Field(
        None, title="差额", description="[被减栏目, 减栏目]，如增减额 = 本年 − 上年。", examples=[["budget", "last-year"]]
    )
    signed: bool | None = Field(None, title="可为负数", description="增减等栏目可为负数。")
    additive: bool | None = Field(
        None, title="可加总", description="不同行单位不同（如数量栏）时填 false，则不检查合计。"
    )


class Row(Model):
    """One row of a table; rows form a hierarchy through ``parent``."""

    id: Annotated[str, Field(pattern=SLUG)] | None = Field(None, title="行代号", examples=["basic"])
    code: ClassificationCode | None = Field(
        None,
        title="科目编码",
        description="支出功能分类（类 3 位、款 5 位、项 7 位）或经济分类（类 3 位、款 5 位）科目编码；原表分三栏印的写在一起，如 2010601。上下级关系按编码确定。",
        examples=["2010601"],
    )
    label: str = Field(title="项目（原文）", examples=["一、基本支出"])
    parent: str | None = Field(None, title="上级行代号", description="本行是哪一行的组成部分。")
    breakdown: str | None = Field(
        None,
        title="分解口径",
        description="同一上级行有多种分解时（如按人员/公用、按经济分类），同一口径的各行之和等于上级行。",
        examples=["经济分类"],
    )
    children: Literal["sum", "part", "none"] | None = Field(
        None,
        title="下级行关系",
        description=(
            "sum 下级行之和等于本行；part 下级行只是“其中”项，之和不超过本行；none 不检查。"
            "不填时按常用表的规定（如资产总额为 part），其余为 sum。"
        ),
    )
    type: Literal["money", "count", "number", "percent", "area"] | None = Field(
        None,
        title="本行数值类型",
        description=(
            "本行印的不是表格单位的金额时填写，如金额表中“二、相关统计数”下的“公务接待批次(批)”写 count（数量）："
            "本行在金额栏中的数字按这一类型和本行的 unit 发布，不计入上级行的合计，页面在行名旁注明单位。"
            "不填时：写了 unit 的按单位判断（元、万元等为金额，% 为百分比，其他为数量）；"
            "项目名称以“(批)”“（人）”“（辆）”“（人次）”“（个）”等数量单位结尾、表中又没有数量栏的，按数量；其余按栏目。"
        ),
    )
    unit: str | None = Field(
        None,
        title="本行单位",
        description="本行数字的单位，如 人次、辆；写了 unit 而没写 type 的，除元、万元等金额单位和 % 外按数量。不填时取项目名称末尾括号中的数量单位。",
        examples=["人次"],
    )
    values: list[RawCell] = Field(title="各栏数值", description="按栏目顺序填写：数字、0、留空（未填）或 ——（不适用）。")
    note: str | None = Field(None, title="备注")


class Grid(Model):
    """Columns and rows: a whole table, or one side of a two-sided table."""

    row_header: str = Field(
        "项目",
        title="首列栏目名称",
        description="表格第一列（行名称列）的表头，如 “项目” “单位名称”。已知表格写“单位名称”、一个单位一行并有“合计”行（id: total）的，各单位行按合计的组成部分核对。",
    )
    columns: list[Column] = Field(default_factory=list, title="栏目")
    rows: list[Row] = Field(title="行", default_factory=list)

    # Plain defaults: a default_factory costs pydantic 2.13 an inspect.signature() call per table.
    _cells: list[list[Cell]] | None = PrivateAttr(default=None)
    _column_specs: Any = PrivateAttr(default=None)
    _row_specs: Any = PrivateAttr(default=None)
    _role: str | None = PrivateAttr(default=None)
    _side: str | None = PrivateAttr(default=None)

    @property
    def cells(self) -> list[list[Cell]]:
        """Typed cells, filled in by :func:`pubgen.load.type_cells`."""
        # Read from the private-attribute dict directly: going through pydantic's __getattr__
        # costs a Python call and a failed lookup, and rendering asks several hundred thousand times.
        return self.__pydantic_private__["_cells"] or []  # type: ignore[index]

    @property
    def kind_role(self) -> str | None:
        """The table kind this grid belongs to (its table's ``role``)."""
        return self.__pydantic_private__["_role"]  # type: ignore[index, no-any-return]

    @property
    def side(self) -> str | None:
        """Which side of a two-sided table this grid is, or None for a whole table."""
        return self.__pydantic_private__["_side"]  # type: ignore[index, no-any-return]


class TableSide(Grid):
    """One side of a two-sided table (收入 / 支出), with its own columns and rows."""

    id: Slug = Field(title="栏代号", description="按表格类型的规定，如 income（收入）、expenditure（支出）。", examples=["income"])
    title: str | None = Field(None, title="栏名（原文）", examples=["收入"])


def _role(value: Any) -> Any:
    from .tablekinds import kinds

    if value is None or not isinstance(value, str) or value in kinds():
        return value
    import difflib

    close = difflib.get_close_matches(value, list(kinds()), n=1, cutoff=0.6)
    raise PydanticCustomError(
        "unknown-role",
        "没有“{value}”这种表格类型。{hint}表格类型见 docs/content-format.md 的“常用表和法定公开表”。",
        {"value": value, "hint": f"您是否想写“{close[0]}”？" if close else ""},
    )


def _role_schema() -> dict[str, Any]:
    from .tablekinds import kinds

    return {"anyOf": [{"enum": list(kinds())}, {"type": "null"}]}


Role = Annotated[Union[str, None], BeforeValidator(_role), WithJsonSchema(_role_schema())]
"""A table kind defined in pubgen/tables/."""


class Table(Grid):
    """A table: a well-known or official one (by ``role``) or any hierarchical table; one grid or two sides."""

    type: Literal["table"] = Field(title="块类型")
    id: Slug | None = Field(None, title="表格代号", description="用于确认差异和数据下载。", examples=["three-public"])
    role: Role = Field(
        None,
        title="表格类型",
        description="常用表或法定公开表的类型（如 three-public “三公”经费表、final-income 收入决算表），见“常用表和法定公开表”一节。",
        examples=["final-income"],
    )
    title: str | None = Field(None, title="表名（原文）", description="原文没有表名时可不填。", examples=["部门固定资产占用情况表"])
    number: str | None = Field(None, title="表号（原文）", examples=["表1", "附件2-1"])
    unit: MoneyUnit | None = Field(None, title="金额单位", description="不填时用文档单位。", examples=["万元"])
    notes: list[str] = Field(default_factory=list, title="表头说明", examples=[["编制部门：平乡县信访局", "截止时间：2020年12月31日"]])
    from_text: bool = Field(
        False, title="据正文整理", description="原文没有此表、数字写在正文里时填 true，页面会注明。"
    )
    codes: Literal["one", "two", "three"] = Field(
        "one",
        title="编码栏",
        description="原表科目编码印成一栏（one）、类和款两栏（two，如只印类、款的经济分类表）还是类、款、项三栏（three）。",
    )
    sides: list[TableSide] = Field(
        default_factory=list,
        title="左右两栏",
        description="两栏表（如收入支出决算总表：左收入、右支出）逐栏填写，每栏有自己的栏目和行；此时不写 columns 和 rows。",
    )
    empty_note: str | None = Field(None, title="无数据说明", examples=["本部门本年度无此项支出。"])
    footnote: str | None = Field(None, title="表注", description="印在表下方的注释（无数据说明写在 empty_note）。", examples=["注：本表按收付实现制填列。"])

    _unit_to_fill: bool = PrivateAttr(default=False)

    @model_validator(mode="wrap")
    @classmethod
    def _unit_left_to_fill(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        """``unit: 待填`` (pubgen import writes it for a table whose original prints no unit): read as no unit of its own, and
        remembered, so that the rest of the document is still checked (:func:`money_unit`)."""
        data, to_fill = _without_unit_to_fill(data)
        table = handler(data)
        if to_fill and isinstance(table, Table):
            table._unit_to_fill = True
        return table

    def model_post_init(self, _context: Any) -> None:
        private = self.__pydantic_private__
        private["_role"] = self.role  # type: ignore[index]
        for side in self.sides:
            side.__pydantic_private__["_role"] = self.role  # type: ignore[index]
            side.__pydantic_private__["_side"] = side.id  # type: ignore[index]

    def grids(self) -> list[Grid]:
        """The table's grids: itself, or each side."""
        return list(self.sides) if self.sides else [self]


Completion = Literal["完成", "部分完成", "未完成"]
ReasonCategory = Literal["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"]
IndicatorField = Literal[
    "level1",
    "level2",
    "name",
    "description",
    "target",
    "operator",
    "target_value",
    "unit",
    "basis",
    "actual",
    "completion",
    "weight",
    "score",
    "reason_category",
    "reason",
    "improvement",
    "scoring_rule",
]
"""The fields of an indicator that a form prints as a column."""


_PRINTED_OPERATORS = {">=": "≥", "≧": "≥", "⩾": "≥", "<=": "≤", "≦": "≤", "⩽": "≤"}
"""Signs of the forms, after NFKC (which makes ＝ and ﹦ “=”, ＞ “>”), that are another way of writing an operator."""


class Indicator(Model):
    """One indicator (三级指标) with its target, result and score."""

    level1: str | None = Field(None, title="一级指标", description="与上一行相同时可省略（原表合并单元格）。", examples=["产出指标"])
    level1_points: Amount | None = Field(
        None,
        title="一级指标分值",
        description="原文给一级指标印了分值（如“产出指标（50分）”）时，写在该一级指标的第一行；其下各指标分值之和应等于它。",
        examples=[50],
    )
    level1_score: Amount | None = Field(
        None, title="一级指标得分", description="原文按一级指标印得分（合并单元格）时，写在该一级指标的第一行。"
    )
    level2: str | None = Field(None, title="二级指标", description="与上一行相同时可省略。", examples=["数量指标"])
    level2_points: Amount | None = Field(
        None,
        title="二级指标分值",
        description="原文按二级指标印分值（如分值栏合并单元格“20”）时，写在该二级指标的第一行；其下各指标分值之和应等于它。",
        examples=[20],
    )
    level2_score: Amount | None = Field(
        None, title="二级指标得分", description="原文按二级指标印得分（合并单元格）时，写在该二级指标的第一行。"
    )
    name: str = Field(title="三级指标", examples=["补助人数"])
    description: str | None = Field(None, title="指标描述", examples=["发放补助人员数量"])
    target: str | None = Field(None, title="指标值（原文）", description="按原文填写，如 “≥6人” “100%” “及时”。", examples=["≥6人"])
    operator: Literal["=", "≤", "≥", "<", ">"] | None = Field(
        None, title="运算符", description="不填时从指标值原文中识别。原文印“＝”“﹦”“≧”“≦”“＞＝”“>=”等写法的，照写即可，按对应的运算符读；印“定性”“定量”的照写，页面和数据下载照印，核对时按指标值原文识别；这样的表把定性指标的指标值（“高”“及时”）写在 target，印在“指标值”一栏。"
    )
    target_value: Amount | None = Field(None, title="目标数值", description="不填时从指标值原文中识别。")
    unit: str | None = Field(None, title="计量单位", examples=["人", "%", "元/人/月"])

    @field_validator("operator", mode="before")
    @classmethod
    def _printed_operator(cls, v: Any) -> Any:
        """The sign as forms print it (＝ ﹦ ≧ ≦ ＞＝ >= ⩾): the operator it stands for."""
        if not isinstance(v, str):
            return v
        sign = unicodedata.normalize("NFKC", v).strip().replace(" ", "")
        if sign in ("定性", "定量"):
            return None  # the form's 指标性质 says what kind of target it is, not its direction: the target's own words do
        return _PRINTED_OPERATORS.get(sign, sign)
    basis: str | None = Field(None, title="指标值确定依据", examples=["批复"])
    actual: str | None = Field(None, title="实际完成值（原文）", examples=["6人"])
    completion: Completion | None = Field(None, title="完成情况")
    weight: Points | None = Field(None, title="分值", description="原文这一格印“/”“——”等不适用符号时照写（不计入合计）；空白写 ~。")
    score: Points | None = Field(None, title="得分", description="原文这一格印“/”“——”等不适用符号时照写（不计入合计）；空白写 ~。")
    reason_category: ReasonCategory | None = Field(None, title="未完成原因类别")
    reason: str | None = Field(None, title="未完成原因说明")
    improvement: str | None = Field(None, title="改进措施")
    scoring_rule: str | None = Field(None, title="评分规则", examples=["差异率=0得满分；每增加5%扣0.5分"])

    _marks: dict[str, str] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _not_applicable(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        """分值 and 得分 printed “/” or “——” (a line of the form that is not scored): no figure, the mark kept as printed."""
        marks: dict[str, str] = {}
        if isinstance(data, dict):
            for name in ("weight", "score"):
                value = data.get(name)
                if isinstance(value, str) and value.strip() in NOT_APPLICABLE:
                    marks[name] = value.strip()
            if marks:
                data = {**data, **{name: None for name in marks}}
            sign = data.get("operator")
            if isinstance(sign, str) and unicodedata.normalize("NFKC", sign).strip().replace(" ", "") in ("定性", "定量"):
                # 福建's 指标性质 column: read as no direction (the target's words say it), printed as the form prints it.
                marks["operator"] = sign.strip()
        row = handler(data)
        if marks and isinstance(row, Indicator):
            row._marks = marks
        return row

    def mark(self, name: str) -> str | None:
        """The not-applicable mark printed for ``weight`` or ``score``, or the 指标性质 (定性, 定量) printed for ``operator``."""
        return self._marks.get(name)


class IndicatorLabels(Model):
    """Printed names of an indicator table's columns and parts, where the form words them differently."""

    level1: str | None = Field(None, title="一级指标", description="通常写法：一级指标。")
    level2: str | None = Field(None, title="二级指标", description="通常写法：二级指标。")
    name: str | None = Field(None, title="三级指标", description="通常写法：三级指标。")
    description: str | None = Field(None, title="指标描述", description="通常写法：指标描述。", examples=["绩效指标描述"])
    target: str | None = Field(None, title="指标值", description="通常写法：指标值。", examples=["年度指标值"])
    operator: str | None = Field(None, title="运算符", description="通常写法：运算符号。")
    target_value: str | None = Field(None, title="目标数值", description="通常写法：指标值。")
    unit: str | None = Field(None, title="计量单位", description="通常写法：度量单位。")
    basis: str | None = Field(None, title="指标值确定依据", description="通常写法：指标值确定依据。")
    actual: str | None = Field(None, title="实际完成值", description="通常写法：实际完成值。", examples=["全年完成值"])
    completion: str | None = Field(None, title="完成情况", description="通常写法：完成情况。")
    weight: str | None = Field(None, title="分值", description="通常写法：分值。")
    score: str | None = Field(None, title="得分", description="通常写法：得分。")
    reason_category: str | None = Field(None, title="未完成原因类别", description="通常写法：未完成原因类别。")
    reason: str | None = Field(None, title="未完成原因说明", description="通常写法：原因说明。", examples=["偏差原因分析"])
    improvement: str | None = Field(None, title="改进措施", description="通常写法：改进措施。")
    scoring_rule: str | None = Field(None, title="评分规则", description="通常写法：评分规则。")
    goal: str | None = Field(None, title="绩效目标", description="总体目标一栏的名称，通常写法：绩效目标。", examples=["年初设定目标"])
    result: str | None = Field(None, title="完成情况（总体目标）", description="总体目标完成情况一栏的名称，通常写法：全年完成情况。", examples=["全年实际完成情况"])
    total: str | None = Field(None, title="总得分", description="合计行的名称，通常写法：总得分。", examples=["总分"])
    grade: str | None = Field(None, title="评价等级", description="通常写法：评价等级。")


class IndicatorColumn(Model):
    """One printed column of an indicator table, in the order the form prints it."""

    field: IndicatorField = Field(
        title="指标字段",
        description="这一栏印的是指标的哪个字段，如 target（指标值）、operator（运算符号）、target_value（目标数值）、unit（度量单位）。",
        examples=["operator"],
    )
    label: str | None = Field(None, title="栏目名称（原文）", description="不填时用 labels 中的名称或通常写法。", examples=["运算符号"])
    group: list[str] = Field(
        default_factory=list,
        title="上层表头",
        description="原表多层表头时，印在本栏名称上方的表头，从最上层写起；相邻栏目的同名表头合并显示。",
        examples=[["年度指标值"]],
    )


class Execution(Model):
    """The budget-execution line (预算执行率, usually 10 分) that a project form scores beside its indicators."""

    table: Slug = Field(
        title="项目资金表代号",
        description=(
            "印有年初预算数、全年预算数、全年执行数、分值、执行率、得分的表格（type: table）的 id。"
            "该表的分值栏代号写 weight，得分栏写 score，执行率栏写 execution-rate。"
            "原表没有分值栏、只在表名或得分栏名称中写分值的（“预算执行情况（万元）（20分）”“得分（20分*执行率）”），照原文录入即可，分值从那里读。"
        ),
        examples=["funds"],
    )
    row: str | None = Field(
        None, title="计分行", description="计分的一行（通常是“年度资金总额”）的行代号；不填时为该表第一行。", examples=["total"]
    )


class Indicators(Model):
    """An indicator table (绩效指标表), for the whole department or one project."""

    type: Literal["indicators"] = Field(title="块类型")
    id: Slug | None = Field(None, title="表格代号")
    title: str = Field(title="表名（原文）", examples=["信访工作经费绩效目标表"])
    project: str | None = Field(None, title="对应预算项目")
    funds: Amount | None = Field(None, title="项目资金", description="单位同文档金额单位。")
    goal: str | None = Field(None, title="绩效目标", description="Markdown 文本。表格式自评表中为“年初设定目标”。")
    result: str | None = Field(
        None, title="总体目标完成情况", description="Markdown 文本。表格式自评表中与“年初设定目标”并列的“全年完成情况”。"
    )
    bonus: Amount | None = Field(None, title="加分项分值", description="分值之和可超过 100 的部分。")
    points: Amount | None = Field(
        None,
        title="指标分值合计（原文）",
        description=(
            "原文给本表指标印了总分值时填写，如项目支出绩效自评表“绩效指标（90分）”：各指标分值之和应等于它，"
            "它与预算执行率的分值之和应为 100。不填时，各指标分值（加预算执行率分值）之和应为 100（另加加分项）。"
            "页面在标题后印上“（90分）”；标题照原文已写了分值（“绩效指标(90分)”）时不再重复。"
        ),
        examples=[90],
    )
    execution: Execution | None = Field(
        None,
        title="预算执行率",
        description="项目支出绩效自评表在指标之外单独计分的预算执行率（通常 10 分）：写明印有它的表格，其分值和得分计入本表合计。",
    )
    labels: IndicatorLabels = Field(
        default_factory=IndicatorLabels,
        title="栏目名称（原文）",
        description="原文表头或栏目名称与通常写法不同时填写，如 description: 绩效指标描述、goal: 年初设定目标、total: 总分。",
        examples=[{"description": "绩效指标描述"}],
    )
    columns: list[IndicatorColumn] = Field(
        default_factory=list,
        title="印出的栏目",
        description="原表的栏目顺序与通常不同，或有多层表头（如“年度指标值”下分“运算符号”“指标值”“度量单位”）时，按原表顺序逐栏填写；不填时按通常顺序印出有内容的栏目。",
    )
    total_weight: Amount | None = Field(
        None,
        title="合计行分值（原文）",
        description="合计行在分值一栏印的数，如项目支出绩效自评表“总分”一行的 100：应等于各指标分值之和（或指标分值合计）加预算执行率的分值。",
        examples=[100],
    )
    total: Amount | None = Field(None, title="总得分（原文）", description="合计行印的总得分；有预算执行率时包括它的得分。")
    grade: str | None = Field(None, title="评价等级（原文）", description="合计行或表下印的评价等级，应与总得分相符。", examples=["优"])
    rows: list[Indicator] = Field(title="指标", min_length=1)


class ScoreItem(Model):
    """One line of a score breakdown (e.g. 管理效能 45 分)."""

    name: str = Field(title="评价内容", examples=["管理效能"])
    parent: str | None = Field(None, title="所属上级", description="上级评价内容的名称。")
    weight: Amount | None = Field(None, title="分值")
    score: Amount | None = Field(None, title="得分", description="扣分项（deduction: true）照原文写，可带负号，如 -2。")
    bonus: bool = Field(False, title="是否加分项")
    deduction: bool = Field(
        False,
        title="是否扣分项",
        description="审计、巡视等发现问题扣分的一项：其得分从总分中减去（照原文写 -2 或 2 都按扣 2 分计），分值不计入 100 分。",
    )
    note: str | None = Field(None, title="说明", description="页面在评价内容后加括号照录，如分项名称按正文概括时原文的全称。")

    @model_validator(mode="wrap")
    @classmethod
    def _deducted(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        """A deduction's score may be printed with its minus sign (扣分项 -2): read as the figure, the sign kept."""
        negative = False
        deduction = data.get("deduction") if isinstance(data, dict) else None
        if isinstance(data, dict) and (deduction is True or (isinstance(deduction, str) and deduction.strip().lower() == "true")):
            score = data.get("score")
            text = str(score).strip() if isinstance(score, (str, int, float)) and not isinstance(score, bool) else ""
            if text[:1] in ("-", "－", "−") and len(text) > 1:
                negative = True
                data = {**data, "score": text[1:]}
        item = handler(data)
        if negative and isinstance(item, ScoreItem) and item.score is not None:
            item.score = -item.score
        return item

    @field_validator("score", mode="before")
    @classmethod
    def _not_negative(cls, value: Any) -> Any:
        """A negative score outside a deduction: said with the way to write a deduction (扣分项)."""
        text = str(value).strip() if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""
        if text[:1] in ("-", "－", "−") and _NUMBER.match(text[1:].strip()):
            raise PydanticCustomError(
                "negative-amount",
                "“{value}”是负数：评分项的得分不应为负，请核对；原文这一项是扣分项（如审计、巡视发现问题扣分）时，照原文写，并在这一项加上 deduction: true。",
                {"value": text},
            )
        return value

    @property
    def counted(self) -> Decimal | None:
        """What the item adds to its parent's or the table's score: a deduction subtracts its score, whatever its sign."""
        if self.score is None:
            return None
        return -abs(self.score) if self.deduction else self.score


class ScoreLabels(Model):
    """Printed names of a score breakdown's columns and total, where the form words them differently."""

    name: str | None = Field(None, title="评价内容", description="通常写法：评价内容。", examples=["评价指标"])
    weight: str | None = Field(None, title="分值", description="通常写法：分值。")
    score: str | None = Field(None, title="得分", description="通常写法：得分。", examples=["自评得分"])
    total: str | None = Field(None, title="总得分", description="合计行的名称，通常写法：总得分。", examples=["总评价得分"])
    grade: str | None = Field(None, title="评价等级", description="通常写法：评价等级。")


class Scores(Model):
    """A score breakdown with the total and the grade."""

    type: Literal["scores"] = Field(title="块类型")
    id: Slug | None = Field(None, title="表格代号")
    title: str = Field("评分情况", title="标题")
    from_text: bool = Field(False, title="据正文整理")
    points: Amount | None = Field(
        None,
        title="分值合计（原文）",
        description="本表只是总分的一部分、原文印了它的分值时填写：各项分值之和（加分项除外）应等于它。不填时应为 100。",
        examples=[90],
    )
    labels: ScoreLabels = Field(
        default_factory=ScoreLabels, title="栏目名称（原文）", description="原文栏目名称与通常写法不同时填写，如 total: 总评价得分。"
    )
    items: list[ScoreItem] = Field(default_factory=list, title="分项")
    total_weight: Amount | None = Field(
        None, title="合计行分值（原文）", description="合计行在分值一栏印的数：应等于各项分值之和（加分项除外）。", examples=[100]
    )
    total: Amount | None = Field(None, title="总得分")
    grade: str | None = Field(None, title="等级", examples=["优"])


class Goal(Model):
    """A (sub-)goal: its target text, its indicators in words, and what was achieved."""

    title: str | None = Field(None, title="目标名称", examples=["信访问题处理"])
    goal: str | None = Field(None, title="绩效目标", description="Markdown 文本。")
    indicators: str | None = Field(None, title="绩效指标", description="Markdown 文本。")
    result: str | None = Field(None, title="完成情况", description="Markdown 文本。")


class GoalLabels(Model):
    """Printed names of a goal's parts, where the form words them differently."""

    goal: str | None = Field(None, title="绩效目标", description="通常写法：绩效目标。", examples=["年初设定目标"])
    indicators: str | None = Field(None, title="绩效指标", description="通常写法：绩效指标。")
    result: str | None = Field(None, title="完成情况", description="通常写法：完成情况。", examples=["全年完成情况"])


class Goals(Model):
    """Sub-goals (分项绩效目标) with their indicators and results."""

    type: Literal["goals"] = Field(title="块类型")
    title: str | None = Field(None, title="标题")
    items: list[Goal] = Field(title="目标", min_length=1)
    numbering: str = Field(
        "1、", title="编号样式", description="原文第一条的编号，页面逐条往下数：如 “1、” “（一）” “一、”。", examples=["（1）"]
    )
    numbers: list[str] | None = Field(None, title="各条编号（原文）", description="原文各条编号不统一时逐条填写。")
    labels: GoalLabels = Field(
        default_factory=GoalLabels,
        title="栏目名称（原文）",
        description="原文的“绩效目标”“绩效指标”“完成情况”写法不同时填写，如 goal: 年初设定目标、result: 全年完成情况。",
    )


class Person(Model):
    """One evaluator or signatory."""

    name: str = Field(title="姓名")
    title: str | None = Field(None, title="职务/职称")
    unit: str | None = Field(None, title="单位")
    role: str | None = Field(None, title="分工", examples=["组长"])


class People(Model):
    """A list of evaluators (评价人员)."""

    type: Literal["people"] = Field(title="块类型")
    title: str = Field("评价人员", title="标题")
    people: list[Person] = Field(title="人员", min_length=1)


class SignLine(Model):
    """One labelled line of a signature or approval block, filled in or left blank on the form."""

    label: str = Field(title="栏目（原文）", description="不含末尾冒号。", examples=["单位负责人（签字）", "主管部门审核意见"])
    value: str | None = Field(None, title="内容", description="原文这一栏留空未填时不写，页面照原样印一条空白线。", examples=["张某"])


class Signature(Model):
    """The signature or approval block: labelled lines (signed or blank), who signed, the seal and the date."""

    type: Literal["signature"] = Field(title="块类型")
    lines: list[SignLine] = Field(
        default_factory=list,
        title="签字栏",
        description="原文的签字、审核意见等栏目，按原文顺序；留空的栏目照原样发布为空白线。",
        examples=[[{"label": "单位负责人（签字）"}]],
    )
    by: str | None = Field(None, title="落款单位或签名", examples=["石家庄市信访局"])
    role: str | None = Field(None, title="身份", examples=["评价机构负责人"])
    seal: str | None = Field(None, title="签章（原文）", description="原文印的“（签章）”“（盖章）”等字样。", examples=["（签章）"])
    date: Date | None = Field(None, title="落款日期")
    blank_date: bool = Field(
        False, title="日期留空", description="原文落款日期处只印“年 月 日”、未填写时填 true，页面照原样印出空白日期。"
    )


class FormField(Model):
    """One labelled line of a form's header, such as 项目名称 or 填报单位（盖章）."""

    label: str = Field(title="栏目（原文）", description="不含末尾冒号。", examples=["主管部门"])
    value: str | None = Field(None, title="内容", description="原文留空未填时不写，页面照原样印空白。", examples=["平乡县信访局"])


class FormFields(Model):
    """Labelled lines as a form prints them (项目名称、主管部门、实施单位、填报单位 …), blank ones kept."""

    type: Literal["fields"] = Field(title="块类型", description="表头栏目块写 fields。")
    title: str | None = Field(None, title="标题", description="原文这组栏目有标题时照录，没有不写。")
    items: list[FormField] = Field(title="栏目", min_length=1, description="按原文顺序，一行一项。")


class GlossaryItem(Model):
    """A term as the document defines it."""

    term: str = Field(
        title="名词",
        description="照原文。原文写成“A（B）”（全角或半角括号）的，A 和 B 都链接到这一条，如“行政经费（机关运行经费）”。",
        examples=["行政经费（机关运行经费）"],
    )
    aliases: list[str] = Field(
        default_factory=list,
        title="别名",
        description="正文中指同一名词的其他写法（页面上不印出）：正文中的这些写法链接到本条，全站名词解释中同名或以之为别名的一条不再列出。",
        examples=[["机关运行经费"]],
    )
    definition: str = Field(title="解释")


class GlossaryBlock(Model):
    """The document's own 名词解释 section, as printed; the page links its terms here."""

    type: Literal["glossary"] = Field(title="块类型")
    numbering: str | None = Field(
        None,
        title="编号样式",
        description="原文名词前印的编号：写第一条的编号，页面逐条往下数，如 “一、” “1.” “（1）”。原文没有编号时不填，页面也不加。",
        examples=["一、"],
    )
    numbers: list[str] | None = Field(
        None, title="各条编号（原文）", description="原文各条编号不连续或不统一时逐条填写，覆盖“编号样式”。", examples=[["1.", "2.", "8."]]
    )
    items: list[GlossaryItem] = Field(title="名词", min_length=1)


Block = Annotated[
    Union[Heading, Text, ListBlock, Table, Indicators, Scores, Goals, People, Signature, FormFields, GlossaryBlock],
    Field(discriminator="type"),
]


# --------------------------------------------------------------------------- documents


KIND_NAMES: dict[str, str] = {
    "budget": "部门预算",
    "final-accounts": "部门决算",
    "self-evaluation": "绩效自评",
    "project-evaluation": "项目支出绩效自评",
}
KIND_STATUS: dict[str, str] = {"budget": "预算", "final-accounts": "决算", "self-evaluation": "自评", "project-evaluation": "自评"}
SCOPE_NAMES: dict[str, str] = {"department": "部门", "unit": "单位"}

SECTIONS: dict[str, str] = {
    "income": "收入",
    "expenditure": "支出",
    "fiscal": "财政拨款收支",
    "general-expenditure": "一般公共预算支出",
    "basic-expenditure": "一般公共预算基本支出",
    "gov-fund": "政府性基金预算财政拨款收支",
    "state-capital": "国有资本经营预算财政拨款收支",
    "gov-fund-expenditure": "政府性基金预算支出",
    "state-capital-expenditure": "国有资本经营预算支出",
    "three-public": "“三公”经费",
    "operating-costs": "机关运行经费",
    "procurement": "政府采购",
    "assets": "国有资产占用",
    "staff": "人员情况",
    "units": "机构设置",
    "key-tasks": "重点任务",
    "performance": "绩效目标与完成情况",
    "score": "自评得分",
}
"""Parts of a document, for completeness and for what a partial disclosure covers."""

SECTIONS_BY_KIND: dict[str, dict[str, str]] = {"budget": {"performance": "绩效目标"}}
"""Parts a kind of document calls otherwise: a budget sets performance targets, it reports no 完成情况."""

Section = Literal[
    "income",
    "expenditure",
    "fiscal",
    "general-expenditure",
    "basic-expenditure",
    "gov-fund",
    "state-capital",
    "gov-fund-expenditure",
    "state-capital-expenditure",
    "three-public",
    "operating-costs",
    "procurement",
    "assets",
    "staff",
    "units",
    "key-tasks",
    "performance",
    "score",
]


class BudgetUnit(Model):
    """The budget unit (预算单位) a unit-level document is about."""

    name: str = Field(title="单位名称", examples=["上海市普陀区商务委员会（本级）"])
    slug: PathSlug = Field(title="单位代号", description="用于网址：…/2025/budget/unit-<代号>/，发布后不要修改。", examples=["benji"])
    whole: bool = Field(
        False,
        title="即部门全部",
        description="部门只有这一个预算单位时填 true：部门文档和本单位文档的数字应完全相同，检查会逐一核对。",
    )


class Project(Model):
    """The project (项目) a project self-evaluation is about."""

    name: str = Field(title="项目名称", examples=["信访工作经费"])
    slug: PathSlug = Field(title="项目代号", description="用于网址：…/2023/project-evaluation/<代号>/，发布后不要修改。", examples=["xinfang-jingfei"])
    code: str | None = Field(None, title="项目编码")


class Evaluation(Model):
    """How the evaluation was done and by whom."""

    method: str | None = Field(None, title="评价方式", examples=["单位自评"])
    body: str | None = Field(None, title="评价机构", examples=["石家庄市信访局绩效自评领导小组"])


class Contact(Model):
    """Who to ask about the document."""

    person: str | None = Field(None, title="联系人")
    phone: str | None = Field(None, title="联系电话")


class Change(Model):
    """A recorded change to a published document (更正说明)."""

    date: Date = Field(title="修改日期")
    note: str = Field(title="修改说明")


class Acknowledgement(Model):
    """A discrepancy the publisher knows about and publishes as printed, with the reason."""

    code: str = Field(title="问题代号", examples=["sum-mismatch"])
    field: str = Field(title="字段", description="检查结果中给出的字段，如 “three-public.total.budget”。")
    stated: SignedAmount | None = Field(
        None, title="原文数字", description="检查结果中的原文数字；填写后，数字一旦改动，这条确认即失效。", examples=["1.4"]
    )
    computed: SignedAmount | None = Field(None, title="计算结果", description="检查结果中的计算结果；填写后，相关数字一旦改动，这条确认即失效。")
    reason: str = Field(title="原因", examples=["原文如此：三公经费合计按预算数填列。"])


class Document(Model):
    """One published document (one file): header, then the body in printed order."""

    department: str = Field(
        title="部门", pattern=REGION_PATH, description="地区代号路径加部门代号。", examples=["hebei/xingtai/pingxiang/xinfangju"]
    )
    year: Year = Field(title="年度", examples=[2021])
    kind: Literal["budget", "final-accounts", "self-evaluation", "project-evaluation"] = Field(
        title="文档类别",
        description=(
            "budget 部门预算公开、final-accounts 部门决算公开、self-evaluation 部门整体支出绩效自评、"
            "project-evaluation 项目支出绩效自评（一个项目一份）。"
        ),
    )
    scope: Literal["department", "unit"] = Field(
        "department", title="公开主体", description="department 部门（汇总）文档，unit 单位文档（须写 budget_unit）。"
    )
    budget_unit: BudgetUnit | None = Field(None, title="预算单位", description="单位文档（scope: unit）所公开的预算单位。")
    project: Project | None = Field(None, title="项目", description="项目支出绩效自评所评价的项目。")
    covers: list[Section] = Field(
        default_factory=list,
        title="公开内容",
        description="只公开部分内容的文档（如只公开“三公”经费）列出所公开的部分；不填表示完整公开。",
        examples=[["three-public"]],
    )
    title: str = Field(title="标题（原文）", examples=["平乡县信访局2021年部门预算信息公开情况说明"])
    attachment: str | None = Field(
        None, title="附件标号（原文）", description="表格式报告印在标题上方的附件标号。", examples=["附件2-1"]
    )
    issuer: str | None = Field(
        None, title="制表机关（原文）", description="表格式报告印的制表机关，如“××市财政局制”，照原文连“制”字一起填写。", examples=["石家庄市财政局制"]
    )
    report_date: Date | None = Field(None, title="报告日期", description="表头印的报告日期（填报日期）。")
    published: Date | None = Field(None, title="公开日期")
    approved: Date | None = Field(None, title="批复日期", description="预算或决算的批复日期；应在批复后 20 日内公开。")
    budget_code: str | None = Field(None, title="预算编码", examples=["542"])
    unit: MoneyUnit | None = Field(None, title="金额单位", description="不填时用站点默认单位（万元）。")
    source_url: str | None = Field(None, title="原文链接", pattern=WEB_ADDRESS)
    evaluation: Evaluation | None = Field(None, title="评价方式与机构")
    contact: Contact | None = Field(None, title="联系方式")
    score: Amount | None = Field(None, title="总得分")
    grade: str | None = Field(None, title="评价等级", examples=["优秀"])
    changes: list[Change] = Field(default_factory=list, title="修改记录")
    acknowledgements: list[Acknowledgement] = Field(default_factory=list, title="已确认的差异")
    body: list[Block] = Field(title="正文", min_length=1)

    _unit_to_fill: bool = PrivateAttr(default=False)

    @model_validator(mode="wrap")
    @classmethod
    def _unit_left_to_fill(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        """``unit: 待填``: read as no unit, and remembered for the tables that take the document's (:func:`money_unit`)."""
        data, to_fill = _without_unit_to_fill(data)
        doc = handler(data)
        if to_fill and isinstance(doc, Document):
            doc._unit_to_fill = True
        return doc


def _without_unit_to_fill(data: Any) -> tuple[Any, bool]:
    """The data with ``unit: 待填`` read as no unit, and whether it was so written.

    The unit is reported where the file is read (:func:`pubgen.load.parse_file`), and the publishing refused until it is
    written; meanwhile everything that does not depend on it is checked.
    """
    if isinstance(data, dict) and isinstance(data.get("unit"), str) and data["unit"].strip() == TO_FILL:
        return {**data, "unit": None}, True
    return data, False


def money_unit(doc: Document, table: Table, default: str) -> str:
    """The unit of ``table``'s amounts: its own, else the document's, else ``default`` (the site's); :data:`TO_FILL` when
    the unit it takes is still written 待填: its figures are then in a unit nobody knows, and compared with nothing
    outside the table (the text, other tables, other documents)."""
    if table.unit:
        return table.unit
    # The private attributes read from their dict: pydantic's __getattr__ would cost a failed lookup for every cell.
    if table.__pydantic_private__["_unit_to_fill"]:  # type: ignore[index]
        return TO_FILL
    if doc.unit:
        return doc.unit
    return TO_FILL if doc.__pydantic_private__["_unit_to_fill"] else default  # type: ignore[index]


def document_unit(doc: Document, default: str) -> str:
    """The document's unit (else ``default``, the site's); :data:`TO_FILL` while it is written 待填."""
    return doc.unit or (TO_FILL if doc._unit_to_fill else default)


def units_to_fill(doc: Document) -> bool:
    """Whether the document or one of its tables writes its unit 待填 (not to be laid out as a page until written)."""
    return doc._unit_to_fill or any(isinstance(b, Table) and b._unit_to_fill for b in doc.body)


def variant(doc: Document) -> str:
    """What tells a document apart from the department's others of the same year and kind: project, unit, part."""
    parts = []
    if doc.kind == "project-evaluation" and doc.project is not None:
        parts.append(doc.project.slug)
    if doc.scope == "unit" and doc.budget_unit is not None:
        parts.append(f"unit-{doc.budget_unit.slug}")
    if doc.covers:
        parts.append("-".join(doc.covers))
    return "/".join(parts)


def kind_label(kind: str, scope: str = "department") -> str:
    """What a document is called: 部门预算, 单位决算 (a unit's own), 绩效自评, 项目支出绩效自评."""
    if scope == "unit" and kind in ("budget", "final-accounts"):
        return SCOPE_NAMES["unit"] + KIND_STATUS[kind]
    return KIND_NAMES.get(kind, kind)


def document_kind_label(doc: Document) -> str:
    """The kind, told apart from the department's others of its year: ``单位预算（上海市普陀区商务委员会（本级））``,
    ``项目支出绩效自评（信访工作经费）``, ``部门决算（“三公”经费）``."""
    apart = []
    if doc.kind == "project-evaluation" and doc.project is not None:
        apart.append(doc.project.name)
    if doc.scope == "unit" and doc.budget_unit is not None:
        apart.append(doc.budget_unit.name)
    if doc.covers:
        own = SECTIONS_BY_KIND.get(doc.kind, {})
        apart.append("、".join(own.get(c) or SECTIONS.get(c, c) for c in doc.covers))
    return kind_label(doc.kind, doc.scope) + "".join(f"（{a}）" for a in apart)


def document_label(doc: Document, department_name: str) -> str:
    """The document in words, told apart from the department's others of its year and kind.

    ``上海市普陀区商务委员会 2025年部门预算``, ``… 2025年单位预算（上海市普陀区商务委员会（本级））``,
    ``… 2023年项目支出绩效自评（信访工作经费）``, ``… 2024年部门决算（“三公”经费）``.
    """
    return f"{department_name} {doc.year}年{document_kind_label(doc)}"


def document_address(doc: Document) -> str:
    """The permanent address: region / department / year / kind, then project, unit or part (never the title).

    ``…/2025/budget/``, ``…/2025/budget/unit-benji/``, ``…/2023/project-evaluation/xinfang-jingfei/``,
    ``…/2024/final-accounts/three-public/``.
    """
    extra = variant(doc)
    return f"{doc.department}/{doc.year}/{doc.kind}/" + (f"{extra}/" if extra else "")


class _AsEditorsToolsRead(GenerateJsonSchema):
    """Schemas for the files as editors' YAML tools read them."""

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        """Let free text be a number too: such tools read an unquoted 595 as one, pubgen keeps its text."""
        out = super().str_schema(schema)
        return {"type": ["string", "number"]} if out == {"type": "string"} else out


def json_schemas() -> dict[str, dict[str, Any]]:
    """Return the JSON Schema of every kind of source file, by file name pattern."""
    return {
        name: model.model_json_schema(schema_generator=_AsEditorsToolsRead)
        for name, model in (
            ("site", Site),
            ("regions", RegionFile),
            ("glossary", GlossaryFile),
            ("department", Department),
            ("document", Document),
        )
    }
