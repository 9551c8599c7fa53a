"""Every command's help is in Chinese: the editors read `pubgen check --help`, not click's English.

Before, `pubgen --help` and every subcommand's help printed English summaries,
option descriptions and click's own words (“Usage:”, “Options:”, “Show this
message and exit.”, “[default: text]”, “[1949<=x<=2100; required]”).
"""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from pubgen.cli import main
from pubgen.clihelp import columns, wrap
from pubgen.importers.__main__ import main as importers_main

from .conftest import ROOT

KNOWN = {
    # what an editor types or sees named as it is: the program, formats and file kinds, services
    "pubgen", "python", "YAML", "JSON", "Schema", "MkDocs", "GitHub", "Word", "PUBGEN_SHARD_SIZE",
    # example values of the options
    "benji", "hebei", "xingtai", "pingxiang", "xinfangju", "shanghai", "putuo",
}  # fmt: skip
"""Words of four letters or more that the help may show besides option names, choices, command names and paths."""


def _commands() -> list[list[str]]:
    ctx = click.Context(main, info_name="pubgen")
    return [[]] + [[name] for name in main.list_commands(ctx)]


def _typed(command: list[str]) -> set[str]:
    """What the editor types: option names (and their parts), choices, command names; the group's summaries name subcommands' options."""
    ctx = click.Context(main, info_name="pubgen")
    found = set(main.list_commands(ctx))
    targets = [main.get_command(ctx, name) for name in (command or main.list_commands(ctx))] + ([] if command else [main])
    params = [p for t in targets if t is not None for p in t.get_params(click.Context(t, info_name=t.name, parent=ctx))]
    for param in params:
        for name in [*param.opts, *param.secondary_opts]:
            found.update(re.findall(r"[A-Za-z]+", name))
        if isinstance(param.type, click.Choice):
            for choice in param.type.choices:
                found.update(re.findall(r"[A-Za-z]+", str(choice)))
    return found


def english_words(text: str, typed: set[str]) -> list[str]:
    """Words of four letters or more that are not typed by the editor, a path or file name, or a known name."""
    text = re.sub(r"\S*[/.]\S*[A-Za-z]\S*|\S*[A-Za-z]\S*/\S*", " ", text)  # content/, docs/编辑指南.md, .pubgen-cache/check/, .xlsx
    return [w for w in re.findall(r"[A-Za-z][A-Za-z_]{3,}", text) if w not in typed and w not in KNOWN]


@pytest.mark.parametrize("command", _commands(), ids=lambda c: " ".join(c) or "pubgen")
def test_help_is_in_chinese(command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"], prog_name="pubgen")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("用法：pubgen"), out
    assert "\n选项：\n" in out and "显示这段说明后退出。" in out
    assert english_words(out, _typed(command)) == [], out
    for english in ("Usage", "Options", "Commands", "Show this", "default:", "required", "<=x", "x>="):
        assert english not in out


def test_the_group_lists_its_commands_with_whole_chinese_summaries() -> None:
    out = CliRunner().invoke(main, ["--help"], prog_name="pubgen").output
    assert "\n命令：\n" in out and "显示版本号后退出。" in out
    check = next(line for line in out.splitlines() if line.strip().startswith("check "))
    assert "检查每个数字和字段，不生成网站；有错误时退出码为 1。" in check
    assert "..." not in out.split("命令：")[1]  # click cut summaries at 45 characters


def test_defaults_ranges_and_required_options_are_told_in_chinese() -> None:
    new = CliRunner().invoke(main, ["new", "--help"], prog_name="pubgen").output
    assert "新文档的年度。可写 1949 到 2100，必须写。" in new
    check = CliRunner().invoke(main, ["check", "--help"], prog_name="pubgen").output
    assert "默认 text。" in check and "--project 文件夹" in check
    build = CliRunner().invoke(main, ["build", "--help"], prog_name="pubgen").output
    assert "可写 1 到 256。" in build and "必须写" not in build
    assert re.search(r"同一个\s*值。至少 1。", build), build


def test_the_check_catches_english() -> None:
    """The word check is not vacuous: click's and English help would be caught, names and paths are not."""
    typed = _typed(["check"])
    assert english_words("Usage: pubgen check [OPTIONS]", typed) == ["Usage", "OPTIONS"]
    assert english_words("  --strict  Fail on warnings too.", typed) == ["Fail", "warnings"]
    assert english_words("  --format [text|json|github]  默认 text。见 docs/content-format.md 和 .pubgen-cache/check/", typed) == []


def test_lines_fit_the_terminal_counting_chinese_as_two_columns() -> None:
    """Click counted a Chinese character as one column: its lines of Chinese ran twice as wide as the terminal."""
    for command in _commands():
        out = CliRunner().invoke(main, [*command, "--help"], prog_name="pubgen", terminal_width=80).output
        for line in out.splitlines():
            assert columns(line) <= 80, line
    assert wrap("检查每个数字和字段，不生成网站；有错误时退出码为 1。", 20) == ["检查每个数字和字段，", "不生成网站；有错误时", "退出码为 1。"]
    assert wrap("见 docs/content-format.md。", 10) == ["见", "docs/content-format.md。"]


def test_calling_pubgen_alone_shows_the_help_not_an_error() -> None:
    result = CliRunner().invoke(main, [], prog_name="pubgen")
    assert "用法：pubgen" in result.output and "命令：" in result.output
    assert "错误：" not in result.output and "命令写法不对" not in result.output


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["check", "--format"], "--format 后面缺少它的值"),
        (["check", "--strict=yes"], "--strict 是开关，后面不写值"),
        (["new"], "缺少 参数（budget、final-accounts、self-evaluation、project-evaluation 之一）"),
        (["diff"], "缺少 参数“原版本”"),
    ],
    ids=["no-value", "flag-value", "no-kind", "no-base"],
)
def test_command_line_mistakes_are_told_in_chinese(argv: list[str], said: str) -> None:
    result = CliRunner().invoke(main, argv, prog_name="pubgen")
    assert result.exit_code == 2
    assert said in result.output
    assert "Option" not in result.output and "KIND" not in result.output and "BASE" not in result.output


def test_the_importers_reader_help_is_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        importers_main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：python -m pubgen.importers [选项] 文件...")
    assert "\n选项：\n" in out and "显示这段说明后退出" in out
    assert english_words(out, {"help", "json", "time"}) == [], out
    with pytest.raises(SystemExit) as done:
        importers_main([])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "错误：请写上要读取的 PDF、Word 文档或工作簿文件。" in err and "required" not in err


def test_the_guide_quotes_the_help_as_it_is() -> None:
    """docs/编辑指南.md shows `pubgen check --help`; every line it quotes (“……” leaves some out) is what the command prints."""
    guide = (ROOT / "docs" / "编辑指南.md").read_text(encoding="utf-8")
    quoted = re.search(r"```sh\npubgen check --help\n```\n\n```text\n(.*?)```", guide, re.S)
    assert quoted, "docs/编辑指南.md no longer shows pubgen check --help"
    out = CliRunner().invoke(main, ["check", "--help"], prog_name="pubgen", terminal_width=80).output
    lines = [line for line in quoted[1].splitlines() if line and line != "……"]
    assert len(lines) >= 5
    for line in lines:
        assert line in out.splitlines(), line
