"""What ``pubgen import`` prints: per file, what it decided, placed, was unsure of and could not place."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..problems import relpath
from .mapping import KINDS, SCOPES
from .report import PLACED, UNPLACED, UNSURE, Item
from .writer import Imported, Outcome

_WHAT = {"heading": "标题 {} 个", "text": "正文 {} 段", "list": "列表 {} 个", "glossary": "名词解释 {} 组", "table": "表格 {} 张"}


def _line(item: Item) -> str:
    # A message that names its place itself (工作表“表三”C17 是公式…) is not preceded by it again.
    where = f"{item.where} " if item.where and not item.message.startswith(item.where) else ""
    text = f"：“{item.text}”" if item.text else ""
    return f"    {where}{item.message}{text}"


def _file_text(item: Imported, root: Path) -> list[str]:
    identity, placement = item.identity, item.placement
    decided = identity.decided_by
    kind = f"{KINDS[identity.kind]}（{decided.get('kind', '')}）"
    scope = f"{SCOPES[identity.scope]}（{decided.get('scope', '')}）"
    lines = [
        f"导入 {item.source}",
        f"  {identity.year} 年（{decided.get('year', '')}），{kind}，{scope}；"
        f"部门 {placement.department.name} → {placement.department_id}" + ("（新建）" if placement.department_new else ""),
    ]
    if placement.unit_name:
        lines.append(f"  预算单位 {placement.unit_name} → 代号 {placement.unit_slug}")
    lines.append(f"  写入 {relpath(item.target, root)}")
    placed = item.report.of(PLACED)
    counts: Counter[str] = Counter()
    for i in placed:
        counts[i.what] += i.count
    summary = "，".join(_WHAT[w].format(counts[w]) for w in _WHAT if counts[w])
    lines.append(f"  已放入：{summary or '无'}")
    lines.extend(_line(i) for i in placed if i.what == "table")
    for status, title in ((UNSURE, "需要核对（文件中已用“# 导入：”注释标出）"), (UNPLACED, "未能放入（请对照原文处理）")):
        found = item.report.of(status)
        if found:
            lines.append(f"  {title}：")
            lines.extend(_line(i) for i in found)
    return lines


def outcome_text(outcome: Outcome, content_root: Path) -> str:
    """Everything the run did, in Chinese, with each file and page named."""
    root = content_root.parent
    lines: list[str] = []
    for item in outcome.imported:
        lines.extend(_file_text(item, root))
        lines.append("")
    if outcome.failures:
        lines.append("导入失败，没有写入任何文件：")
        lines.extend(f"  {failure}" for failure in outcome.failures)
        return "\n".join(lines).rstrip() + "\n"
    for path in outcome.created:
        lines.append(f"新建 {relpath(path, root)}")
    for path in outcome.replaced:
        lines.append(f"{'修改' if path.name == 'regions.yml' else '替换'} {relpath(path, root)}")
        if path in outcome.kept:
            lines.append(f"  保留了替换前文件中的：{'、'.join(outcome.kept[path])}（导入的原文里没有这些，请核对是否仍然适用）")
    for path, hidden in outcome.withheld.items():
        lines.append(
            f"没有复制原文文件 {relpath(path, root)}：原文里有读者看不到的内容（{'、'.join(hidden)}），照原样提供下载会把它们一并公开。"
            + (
                "要在页面上提供原文下载，请在 Word 或 WPS 中接受或拒绝全部修订、删去批注和隐藏文字后另存，放到这个位置。"
                if path.suffix.lower() in (".docx", ".doc")
                else "要在页面上提供原文下载，请在 Excel 或 WPS 中删去这些内容后另存，放到这个位置。"
            )
        )
    if outcome.new_regions:
        shown = "、".join(f"{r.path}（{r.name}）" for r in outcome.new_regions)
        lines.append(f"在 {relpath(content_root / 'regions.yml', root)} 中新增地区：{shown}")
    if outcome.check is not None:
        lines.append("")
        if outcome.check.problems:
            lines.append("检查导入的文档（照原文录入的数字不要改；原文确有差异的，核对后在 acknowledgements 中确认并写明原因）：")
            lines.append(outcome.check.to_text())
        else:
            lines.append("检查导入的文档：没有发现问题。")
        unchecked = [where for item in outcome.imported for where in item.report.unchecked]
        if unchecked:
            # “没有发现问题” must not read as “the tables are right”: a table of no known kind is checked by no kind's rules.
            lines.append(
                f"注意：以下 {len(unchecked)} 张表没有对应的表格类型，按普通表格录入，表中的数字没有按官方表的规则核对"
                "（表内合计、与其他表是否一致），请人工核对："
            )
            lines.extend(f"  {where}" for where in unchecked)
    return "\n".join(lines).rstrip() + "\n"
