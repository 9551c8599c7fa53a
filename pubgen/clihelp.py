"""``pubgen --help`` in Chinese: click's headings, usage line and notes, and wrapping that counts a Chinese character as two columns.

Click writes its own words in English ("Usage:", "Options:", "[default: …]",
"Show this message and exit.") and wraps text by counting characters, so a
line of Chinese ran twice as wide as the terminal. The command classes here
(used by :mod:`pubgen.cli` through ``cls=`` and ``command_class``) say them
in Chinese; click itself is left as it is.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Sequence

import click
from click.types import OptionHelpExtra

HEADINGS = {"Options": "选项", "Commands": "命令"}
"""Click's section headings (``formatter.section(_("Options"))``), told in Chinese."""

HELP_OPTION = "显示这段说明后退出。"
_NO_LINE_START = set("，。、；：！？）」』”’》…%")
_NO_LINE_END = set("（「『“‘《")
_PIECE = re.compile(r"\s+|[!-~]+|.", re.S)


def columns(text: str) -> int:
    """Width of ``text`` on a terminal: Chinese characters and full-width punctuation take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _pieces(text: str) -> list[tuple[str, bool]]:
    """(piece, whether a space comes before it): where a line may break, between words or between Chinese characters."""
    pieces: list[tuple[str, bool]] = []
    space = False
    for m in _PIECE.finditer(text):
        piece = m.group()
        if piece.isspace():
            space = True
            continue
        if pieces and not space:
            last = pieces[-1][0]
            # No break before closing punctuation, after opening punctuation, or inside a run of narrow characters (a path, “…/unit-<slug>/”).
            if piece[0] in _NO_LINE_START or last[-1] in _NO_LINE_END or not (_wide(piece[0]) or _wide(last[-1])):
                pieces[-1] = (last + piece, pieces[-1][1])
                continue
        pieces.append((piece, space))
        space = False
    return pieces


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns (a path or word longer than that stays whole)."""
    lines: list[str] = []
    line, used = "", 0
    for piece, space in _pieces(text):
        gap = " " if space and line else ""
        size = columns(piece)
        if line and used + len(gap) + size > width:
            lines.append(line)
            line, used = piece, size
        else:
            line, used = line + gap + piece, used + len(gap) + size
    if line:
        lines.append(line)
    return lines


def join_lines(lines: Sequence[str]) -> str:
    """A paragraph's source lines as one line: a space between words, none between Chinese characters."""
    out = ""
    for line in (l.strip() for l in lines):
        if out and line:
            out += "" if _wide(out[-1]) or _wide(line[0]) else " "
        out += line
    return out


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a help text (separated by an empty line), each as one line."""
    found: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        joined = join_lines(block.splitlines())
        if joined:
            found.append(joined)
    return found


class Formatter(click.HelpFormatter):
    """Click's help formatter with Chinese headings and usage line, wrapping Chinese by its width on the terminal."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        lead = f"{' ' * self.current_indent}{'用法：' if prefix is None else prefix}{prog}"
        if not args:
            self.write(lead + "\n")
            return
        lines = wrap(args, max(self.width - columns(lead) - 1, 20))
        self.write(f"{lead} {lines[0]}\n")
        self.write("".join(f"{' ' * (columns(lead) + 1)}{line}\n" for line in lines[1:]))

    def write_heading(self, heading: str) -> None:
        self.write(f"{' ' * self.current_indent}{HEADINGS.get(heading, heading)}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        width = max(self.width - self.current_indent, 20)
        self.write("\n\n".join("\n".join(indent + line for line in wrap(p, width)) for p in paragraphs(text)) + "\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((columns(first) for first, _ in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            self.write(indent + first)
            lines = wrap(join_lines(second.splitlines()), max(self.width - self.current_indent - first_col, 10)) if second else []
            if not lines:
                self.write("\n")
                continue
            if columns(first) <= first_col - col_spacing:
                self.write(" " * (first_col - columns(first)))
            else:
                self.write("\n" + indent + " " * first_col)
            self.write(lines[0] + "\n")
            self.write("".join(f"{indent}{' ' * first_col}{line}\n" for line in lines[1:]))


class Context(click.Context):
    formatter_class = Formatter


def _range(kind: click.IntRange) -> str:
    if kind.min is not None and kind.max is not None:
        return f"可写 {kind.min} 到 {kind.max}"
    if kind.min is not None:
        return f"至少 {kind.min}"
    return f"至多 {kind.max}" if kind.max is not None else ""


class Option(click.Option):
    """An option whose help ends with its default, range and whether it is required, in Chinese (“默认 text。”, “可写 1 到 256，必须写。”), not click's “[default: text]”."""

    def get_help_extra(self, ctx: click.Context) -> OptionHelpExtra:
        return {}

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)
        if record is None:
            return None
        names, text = record
        extra = super().get_help_extra(ctx)
        notes = []
        if "default" in extra:
            notes.append(f"默认 {extra['default']}")
        if isinstance(self.type, click.IntRange) and _range(self.type):
            notes.append(_range(self.type))
        if "required" in extra:
            notes.append("必须写")
        return names, text + (f"{'，'.join(notes)}。" if notes else "")


def _short_help(command: click.Command) -> str:
    """The first paragraph of the command's help, whole: click cut it at 45 characters, counting words by spaces."""
    if command.short_help:
        return command.short_help
    found = paragraphs(command.help or "")
    return found[0] if found else ""


def _help_option(command: click.Command, ctx: click.Context) -> click.Option | None:
    option = click.Command.get_help_option(command, ctx)
    if option is not None:
        option.help = HELP_OPTION
    return option


class Command(click.Command):
    """A subcommand whose help is in Chinese."""

    context_class = Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _help_option(self, ctx)

    def get_short_help_str(self, limit: int = 45) -> str:
        return _short_help(self)


class Group(click.Group):
    """The command group whose help, and its subcommands' help, is in Chinese."""

    context_class = Context
    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _help_option(self, ctx)
