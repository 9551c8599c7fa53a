"""Print what pubgen reads from a PDF or workbook: ``python -m pubgen.importers FILE…``."""

from __future__ import annotations

import argparse
import dataclasses
import enum
import json
import re
import sys
import resource
import time
from typing import Any, NoReturn

from .errors import ImportFailed
from .reading import read_file
from .structure import (
    Cell,
    CellKind,
    Glossary,
    Heading,
    ImportedDocument,
    ListBlock,
    Paragraph,
    Table,
)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        data = {"type": type(value).__name__, **data}
        return data
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def to_json(document: ImportedDocument) -> str:
    """The whole structure as JSON, every field included."""
    return json.dumps(_plain(document), ensure_ascii=False, indent=1)


def _cell(cell: Cell) -> str:
    if cell.kind is CellKind.BLANK:
        return "·"
    if cell.kind is CellKind.NUMBER and cell.value != cell.text:
        return f"{cell.text}={cell.value}"
    return cell.text


def _heading_cell(cell: Cell) -> str:
    across = f"+{cell.colspan - 1}" if cell.colspan > 1 else ""
    down = f"↓{cell.rowspan}" if cell.rowspan > 1 else ""
    return f"{cell.text}[{cell.col}{across}{down}]"


def to_text(document: ImportedDocument) -> str:
    """A readable outline: cover, 目录, then every block with its pages or cells."""
    out: list[str] = [f"文件：{document.path}（{document.source_kind}，{document.size_text}）"]
    cover = document.cover
    out.append(f"封面：{cover.title} | {cover.body_label}：{cover.body} | 年度：{cover.year}")
    if document.toc:
        out.append("目录：")
        out.extend(f"  {'  ' * entry.level}{entry.numbering}{entry.text}" for entry in document.toc)
    for block in document.body:
        where = block.origin.where()
        if isinstance(block, Heading):
            out.append(f"\n{'#' * (block.level + 1)} {block.numbering}{block.text}    [{where}]")
        elif isinstance(block, Paragraph):
            out.append(f"  ¶ {block.text}    [{where}]")
        elif isinstance(block, ListBlock):
            out.extend(f"  - {item.text}    [{item.origin.where()}]" for item in block.items)
        elif isinstance(block, Glossary):
            out.extend(f"  * {entry.term}：{entry.definition}" for entry in block.entries)
        elif isinstance(block, Table):
            out.append(f"\n[表] {block.title or '（无标题）'}    [{where}]")
            out.append(f"    {block.issuer_label}：{block.issuer}    单位：{block.unit}" + ("    （隐藏工作表）" if block.hidden else ""))
            for part in block.parts:
                out.append(f"    续第 {part.page} 页" + ("（重复表头）" if part.header_repeated else ""))
            for heading_row in block.header:
                out.append("    H " + " | ".join(_heading_cell(c) for c in heading_row))
            out.append("    栏 " + " | ".join(f"{c.index}:{'/'.join(c.path)}({c.role.value})" for c in block.columns))
            for row in block.rows:
                sides = []
                for entry in row.entries:
                    label = entry.label + ("↩" if entry.label_wrapped else "")
                    sides.append(" ".join(entry.code) + f" {label} " + " | ".join(_cell(f) for f in entry.figures))
                out.append("    R " + "  ‖  ".join(sides))
            out.extend(f"    注 {note}" for note in block.notes)
    if document.notes:
        out.append("\n提示：")
        out.extend(f"  [{note.code}] {note.message}" for note in document.notes)
    return "\n".join(out)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help with a Chinese usage line and heading (“用法：”, “选项：”, not “usage: ”, “options:”).

    The description keeps its lines: argparse would wrap Chinese at twice the terminal's width.
    """

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def format_help(self) -> str:
        return re.sub(r"^选项:$", "选项：", super().format_help(), flags=re.M)


class _Parser(argparse.ArgumentParser):
    """Mistakes in the command line told in Chinese (argparse says “error: the following arguments are required”)."""

    def error(self, message: str) -> NoReturn:
        unknown = re.match(r"unrecognized arguments: (.+)", message)
        if re.match(r"the following arguments are required", message):
            said = "请写上要读取的 PDF、Word 文档或工作簿文件。"
        elif unknown:
            said = f"没有 {unknown[1]} 这个选项。"
        else:
            said = f"命令写法不对（{message}）。"
        self.exit(2, f"{self.format_usage()}错误：{said}运行 {self.prog} --help 查看写法。\n")


def main(argv: list[str] | None = None) -> int:
    """Read each file and print its structure; exit 1 if any file could not be read."""
    parser = _Parser(
        prog="python -m pubgen.importers",
        usage="%(prog)s [选项] 文件...",
        description="显示从 PDF、Word 文档或工作簿读出的结构。\n文件：要读取的 PDF、Word 文档（.docx）或工作簿（.xlsx、.xls），可以写几个。",
        formatter_class=_Formatter,
        add_help=False,
    )
    # The files are told in the description: argparse's list counts a Chinese name as half its width on the screen.
    parser.add_argument("files", nargs="+", metavar="文件", help=argparse.SUPPRESS)
    options = parser.add_argument_group("选项")
    options.add_argument("-h", "--help", action="help", help="显示这段说明后退出")
    options.add_argument("--json", action="store_true", help="输出 JSON（全部字段）")
    options.add_argument("--time", action="store_true", help="只报告每个文件的读取时间和进程内存峰值")
    args = parser.parse_args(argv)
    failed = False
    for path in args.files:
        started = time.perf_counter()
        try:
            document = read_file(path)
        except ImportFailed as error:
            print(f"错误：{error.format_message()}", file=sys.stderr)
            failed = True
            continue
        elapsed = time.perf_counter() - started
        if args.time:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{path}\t{document.pages}\t{elapsed:.2f} s\t进程内存峰值 {peak:.0f} MB\t{len(document.tables)} 张表")
        elif args.json:
            print(to_json(document))
        else:
            print(to_text(document))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
