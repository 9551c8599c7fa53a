"""`invisible-character`: bidi controls, zero-width characters and noncharacters in any field an editor writes.

Each is reported with its file, line, column and field, and in Chinese with the
field's printed label, the character's position in the text, its code point
and name; written as it is or as a YAML escape. Bidi controls and
noncharacters stop publication, zero-width characters are warnings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from pubgen.cli import main
from pubgen.load import load, yaml_files
from pubgen.parallel import _check_in_chunks
from pubgen.validate import validate

from .conftest import copy_project

BUDGET = "content/documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"


def replace(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def plant(root: Path) -> None:
    """One invisible character in each kind of field, written as it is or as an escape."""
    replace(root, BUDGET, "title: 平乡县信访局2021年部门预算信息公开情况说明", "title: 平乡县信访局2021年部门\u202e预算信息公开情况说明")
    replace(root, BUDGET, "    text: 一、部门职责及机构设置情况", '    text: "一、部门\\u200b职责及机构设置情况"')
    replace(root, BUDGET, "      - label: 平乡县信访局\n", "      - label: 平乡县\ufeff信访局\u200d\n")
    replace(root, "content/site.yml", "title: 部门预决算公开平台", 'title: "部门\\uFFFE预决算公开平台"')
    replace(root, "content/regions.yml", "name: 平乡县", "name: 平乡\u2066县")
    replace(root, "content/departments/hebei/shijiazhuang/xinfangju.yml", "name: 石家庄市信访局", "name: 石家庄市\u2060信访局")
    replace(root, "content/glossary.yml", "  - term: 事业收入", "  - term: 事业\u200b收入")


def invisible(root: Path) -> list[dict[str, Any]]:
    result = CliRunner().invoke(main, ["check", "--project", str(root), "--format", "json"])
    return [p for p in json.loads(result.stdout)["problems"] if p["code"] == "invisible-character"]


def test_every_kind_of_field_is_checked_and_placed(tmp_path: Path) -> None:
    root = copy_project(tmp_path).root
    plant(root)
    found = {(p["file"], p["line"], p["column"], p["field"], p["severity"]) for p in invisible(root)}
    glossary = (root / "content/glossary.yml").read_text(encoding="utf-8").splitlines()
    term_line = next(n for n, line in enumerate(glossary, start=1) if "事业\u200b收入" in line)
    budget = (root / BUDGET).read_text(encoding="utf-8").splitlines()

    def at(written: str) -> tuple[int, int]:
        line = next(n for n, text in enumerate(budget, start=1) if written in text)
        return line, budget[line - 1].index(written) + 1

    assert found == {
        (BUDGET, *at("\u202e"), "title", "error"),
        (BUDGET, *at("\\u200b"), "body.1.text", "warning"),  # at the backslash of the escape
        (BUDGET, *at("\ufeff"), "body.5.rows.1.label", "warning"),
        ("content/site.yml", 2, 11, "title", "error"),
        ("content/regions.yml", 15, 21, "regions.0.children.1.children.0.name", "error"),
        ("content/departments/hebei/shijiazhuang/xinfangju.yml", 4, 11, "name", "warning"),
        ("content/glossary.yml", term_line, 13, "terms.1.term", "warning"),
    }


def test_the_message_names_the_character_its_place_and_the_field(tmp_path: Path) -> None:
    root = copy_project(tmp_path).root
    plant(root)
    messages = {(p["file"], p["field"]): p["message"] for p in invisible(root)}
    title = messages[(BUDGET, "title")]
    assert title.startswith("“标题（原文）”的第 14 个字符是看不见的文字方向控制符（U+202E RIGHT-TO-LEFT OVERRIDE）")
    assert "请删除它" in title
    assert "零宽字符（U+200B ZERO WIDTH SPACE）" in messages[(BUDGET, "body.1.text")]
    label = messages[(BUDGET, "body.5.rows.1.label")]
    assert "“项目（原文）”的第 4 个字符" in label and "U+FEFF" in label and "（这一栏共有 2 个）" in label
    assert "“站点名称”的第 3 个字符是看不见的非字符（U+FFFE）" in messages[("content/site.yml", "title")]
    assert "“地区名称”" in messages[("content/regions.yml", "regions.0.children.1.children.0.name")]


def test_bidi_controls_stop_the_build_and_zero_width_characters_do_not(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "a").root
    replace(root, BUDGET, "title: 平乡县信访局2021年部门预算信息公开情况说明", 'title: "平乡县信访局2021年部门\\u2067预算信息公开情况说明"')
    refused = CliRunner().invoke(main, ["build", "--project", str(root)])
    assert refused.exit_code == 1 and "U+2067" in refused.output and not (root / "site").exists()
    root = copy_project(tmp_path / "b").root
    replace(root, BUDGET, "title: 平乡县信访局2021年部门预算信息公开情况说明", "title: 平乡县信访局2021年部门\u200b预算信息公开情况说明")
    built = CliRunner().invoke(main, ["build", "--project", str(root)])
    assert built.exit_code == 0 and "U+200B" in built.output


def test_a_character_reference_in_markdown_is_reported_where_it_is_written_and_never_published(tmp_path: Path) -> None:
    """``&#x202E;329.48&#x202C;`` decodes on the page to a figure read backwards (84.923): an error at the reference."""
    root = copy_project(tmp_path).root
    replace(root, BUDGET, "2021年预算收入329.48万元，其中", "2021年预算收入&#x202E;329.48&#x202C;万元，其中")
    lines = (root / BUDGET).read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if "&#x202E;" in text)
    column = lines[line - 1].index("&#x202E;") + 1
    [found] = invisible(root)
    assert (found["file"], found["line"], found["column"], found["severity"]) == (BUDGET, line, column, "error")
    assert "&#x202E;" in found["message"] and "U+202E" in found["message"]
    refused = CliRunner().invoke(main, ["build", "--project", str(root)])
    assert refused.exit_code == 1 and not (root / "site").exists()

    from pubgen.markdown import to_html

    assert "\u202e" not in to_html("收入&#x202E;329.48&#x202C;万元，[下载&#8238;fdp.exe](https://example.org/a)")


def test_a_direction_mark_swaps_figures_so_it_stops_publication(tmp_path: Path) -> None:
    """“分别为&rlm;231.56、&rlm;97.92万元” shows 97.92 before 231.56: a direction mark is an error like an override."""
    root = copy_project(tmp_path).root
    replace(root, BUDGET, "2021年预算收入329.48万元，其中", "2021年预算收入&rlm;329.48万元，其中")
    [found] = invisible(root)
    assert found["severity"] == "error" and "U+200F" in found["message"] and "&rlm;" in found["message"]

    from pubgen.markdown import to_html

    html = str(to_html("分别为&rlm;231.56、&rlm;97.92万元，较上年&#x61C;-5万元，&lrm;"))
    assert not any(ch in html for ch in "\u200e\u200f\u061c")


def test_the_parallel_check_finds_the_same(tmp_path: Path) -> None:
    root = copy_project(tmp_path).root
    plant(root)
    content = root / "content"
    chunked = _check_in_chunks(content, yaml_files(content / "documents"), 2)
    assert chunked is not None
    single = validate(load(content))

    def ours(problems: list[Any]) -> list[tuple[str, int, str]]:
        return sorted((p.file, p.line, p.field) for p in problems if p.code == "invisible-character")

    assert ours(chunked.problems) == ours(single.problems) and len(ours(single.problems)) == 7


def test_garbled_text_is_an_error_where_it_is_written_as_it_is_escaped_or_referenced(tmp_path: Path) -> None:
    """“�” is what is left of text read in the wrong encoding: the page would not be the original, so nothing is published."""
    root = copy_project(tmp_path).root
    replace(root, BUDGET, "title: 平乡县信访局2021年部门预算信息公开情况说明", "title: 平乡县信访局2021年部门预算信息公开情况说\ufffd\ufffd")
    replace(root, BUDGET, "    text: 一、部门职责及机构设置情况", '    text: "一、部门职责及\\uFFFD\\uFFFD设置情况"')
    replace(root, BUDGET, "2021年预算收入329.48万元，其中", "2021年预算收入329.48&#xFFFD;元，其中")
    result = CliRunner().invoke(main, ["check", "--project", str(root), "--format", "json"])
    garbled = [p for p in json.loads(result.stdout)["problems"] if p["code"] == "garbled-text"]
    lines = (root / BUDGET).read_text(encoding="utf-8").splitlines()

    def at(written: str) -> tuple[int, int]:
        line = next(n for n, text in enumerate(lines, start=1) if written in text)
        return line, lines[line - 1].index(written) + 1

    assert sorted((p["line"], p["column"], p["severity"]) for p in garbled) == sorted(
        (*at(w), "error") for w in ("\ufffd\ufffd", "\\uFFFD", "&#xFFFD;")
    )
    title = next(p for p in garbled if p["field"] == "title")
    assert "乱码" in title["message"] and "U+FFFD" in title["message"] and "共有 2 个" in title["message"]
    refused = CliRunner().invoke(main, ["build", "--project", str(root)])
    assert refused.exit_code == 1 and not (root / "site").exists()
    assert not [p for p in json.loads(result.stdout)["problems"] if p["code"] == "invisible-character"]


def test_an_invisible_character_inside_a_figure_stops_publication_and_says_which_figure(tmp_path: Path) -> None:
    """A soft hyphen (Word), an invisible times (an equation) or a tag character inside “339.48”: the figure is not read,
    so the text was not compared with its table and a wrong figure was published with no word said."""
    sentence = "2021年预算收入329.48万元"
    for char in ("\u00ad", "\u2062", "\U000e0020", "\u200b"):
        root = copy_project(tmp_path / f"{ord(char):x}").root
        replace(root, BUDGET, sentence, sentence.replace("329.48", "3" + char + "39.48"))
        found = invisible(root)
        assert [(p["severity"], p["field"]) for p in found] == [("error", "body.9.text")], found
        assert f"U+{ord(char):04X}" in found[0]["message"] and "夹在数字“339.48”中间" in found[0]["message"], found[0]["message"]
        built = CliRunner().invoke(main, ["build", "--project", str(root)])
        assert built.exit_code == 1 and not (root / "site").exists(), built.output
    # Between words it is still a warning: a reader sees nothing wrong, and the figures are read.
    root = copy_project(tmp_path / "words").root
    replace(root, BUDGET, sentence, sentence.replace("预算收入", "预算\u00ad收入"))
    assert [p["severity"] for p in invisible(root)] == ["warning"]
