"""What a first-day editor is told for everyday slips: in Chinese, in an editor's words, naming the table and the fix."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import yaml

from pubgen import source
from pubgen.importers.writer import Options, run
from pubgen.load import load
from pubgen.pipeline import check
from pubgen.render import table_view

from .conftest import ROOT
from .test_checks import doc, project

ENGLISH = re.compile(r"[A-Za-z]{3,}")
ALLOWED_WORDS = {"YAML", "Tab", "text", "label"}


def _english(message: str) -> set[str]:
    """Words of the parser's English left in a message (YAML and Tab are the names editors see in the guide)."""
    return set(ENGLISH.findall(message)) - ALLOWED_WORDS


def _syntax(tmp_path: Path, text: str) -> list[tuple[int, str]]:
    path = tmp_path / "a.yml"
    path.write_text(text, encoding="utf-8")
    return [(p.line, p.message) for p in source.read(path, "a.yml").problems]


@pytest.fixture(params=["libyaml", "python"])
def reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both YAML readers: libyaml where installed, PyYAML's own where it is not. Their English differs."""
    if request.param == "python":
        monkeypatch.setattr(source, "_Loader", yaml.SafeLoader)
    elif not yaml.__with_libyaml__:
        pytest.skip("libyaml is not installed")
    return str(request.param)


@pytest.mark.parametrize(
    ("line", "sign"),
    [
        ("title: !安远县农业农村局2026年部门预算", "!"),
        ("title: &安远县农业农村局", "&"),
        ("title: *注：本表无数据", "*"),
        ("title: @安远县", "@"),
        ("title: `安远县`", "`"),
    ],
)
def test_a_value_starting_with_a_yaml_sign_is_told_to_be_quoted(tmp_path: Path, reader: str, line: str, sign: str) -> None:
    [(at, message)] = _syntax(tmp_path, f"year: 2026\n{line}\n")
    value = line.split(": ", 1)[1]
    assert at == 2
    assert f"“{sign}”" in message and "加引号" in message and f'"{value}"' in message, message
    assert not _english(message), message


def test_everyday_syntax_slips_get_chinese_advice(tmp_path: Path, reader: str) -> None:
    slips = {
        "a: b: c\n": "字段名",
        "title: 安远县\n  year: 2026\n": "缩进",
        'title: "安远县\\q"\n': "反斜杠",
        'title: "安远县\n---\n县"\n': "---",
        "title: |x\n  正文\n": "“|”",
        "%YAML 1.x\n---\ntitle: 安远县\n": "%",
        "title: !!安远县\n": "“!”",
        "title: [安远县\n": "方括号",
        "title: ]\n": "缺少内容",
    }
    for text, words in slips.items():
        problems = _syntax(tmp_path, text)
        # (the field names the editor typed may be named: “year:” to align with “title:”)
        assert problems and all(words in m and not _english(m) - set(ENGLISH.findall(text)) for _, m in problems), (text, problems)
        assert "键" not in problems[0][1]


def _problem_strings() -> set[str]:
    """Every problem and context text the installed readers can raise: libyaml's from its library, PyYAML's from its source."""
    found: set[str] = set()
    start = r"(?:did not find|found|could not find|mapping|block sequence|sequence entries|while (?:scanning|parsing)|expected|duplicate)"
    if yaml.__with_libyaml__:
        library = Path(yaml._yaml.__file__).read_bytes()  # type: ignore[attr-defined]
        found |= {m.decode() for m in re.findall(rb"(?<![ -~])(" + start.encode() + rb"[ -~]{4,})\x00", library)}
    for name in ("scanner.py", "parser.py"):
        text = (Path(yaml.__file__).parent / name).read_text(encoding="utf-8")
        found |= {re.sub(r"%[rsd]|%04x", "x", m) for m in re.findall(rf"\"({start}[^\"]*)\"", text)}
    # Not messages: libyaml's own state names and assertions, which no parser error carries.
    return {s for s in found if " " in s and "->" not in s and not s.isupper() and not s.startswith("expected_")}


def test_no_reader_problem_reaches_an_editor_in_english() -> None:
    problems = _problem_strings()
    assert "did not find expected whitespace or line break" in problems or not yaml.__with_libyaml__
    assert len(problems) > 40
    for problem in sorted(problems):
        for context, text in ((None, problem), (problem, "found something")):
            message = source._yaml_message(yaml.MarkedYAMLError(context, None, text, None), "title: 安远县\n")
            assert message.startswith("YAML 语法错误：") and not _english(message), (context, text, message)


# --------------------------------------------------------------------------- enumerated values


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("预算", "budget"), ("部门预算", "budget"), ("决算", "final-accounts"), ("绩效自评", "self-evaluation"),
     ("整体支出绩效自评", "self-evaluation"), ("项目支出绩效自评", "project-evaluation")],
)
def test_a_kind_written_in_chinese_is_told_the_value_it_means(tmp_path: Path, typed: str, meant: str) -> None:
    text = doc(2022, "budget", "- type: text\n  text: 正文。\n").replace("kind: budget", f"kind: {typed}")
    [problem] = [p for p in check(project(tmp_path, text)).problems if p.code == "unknown-kind"]
    assert problem.line == 3 and Path(problem.file).name == "doc0.yml"
    assert f"您是否想写“{meant}”" in problem.message, problem.message
    assert "budget 部门预算公开" in problem.message and "final-accounts 部门决算公开" in problem.message
    assert "project-evaluation 项目支出绩效自评" in problem.message


def test_an_ambiguous_word_gets_the_meanings_but_no_guess(tmp_path: Path) -> None:
    text = doc(2022, "budget", "- type: text\n  text: 正文。\n").replace("kind: budget", "kind: 自评")
    [problem] = [p for p in check(project(tmp_path, text)).problems if p.code == "unknown-kind"]
    assert "您是否想写" not in problem.message and "self-evaluation 部门整体支出绩效自评" in problem.message


def test_a_column_type_written_in_chinese_is_told_its_value(tmp_path: Path) -> None:
    body = """\
- type: table
  title: 人员情况
  columns:
    - {id: people, label: 人数, type: 数量}
  rows:
    - {label: 在职, values: [12]}
"""
    [problem] = [p for p in check(project(tmp_path, doc(2022, "budget", body))).problems if p.code == "invalid-value"]
    assert "您是否想写“count”（数量）" in problem.message and "money 金额" in problem.message, problem.message


# --------------------------------------------------------------------------- glossary in the wrong place


def test_a_glossary_at_the_head_of_a_document_is_sent_to_a_glossary_block(tmp_path: Path) -> None:
    text = doc(2022, "budget", "- type: text\n  text: 正文。\n", extra="glossary:\n  - term: 高标准农田\n    definition: 指农田。\n")
    [problem] = [p for p in check(project(tmp_path, text)).problems if p.code == "unknown-field"]
    assert problem.line == 5
    assert "type: glossary" in problem.message and "content/glossary.yml" in problem.message, problem.message


def test_a_glossary_entry_typed_as_one_line_is_shown_the_term_and_definition_form(tmp_path: Path) -> None:
    body = "- type: glossary\n  items:\n    - 高标准农田：指土地平整、集中连片的农田。\n"
    text = doc(2022, "budget", body)
    [problem] = [p for p in check(project(tmp_path, text)).problems if p.code == "wrong-type"]
    assert problem.line == next(i for i, line in enumerate(text.splitlines(), 1) if "- 高标准农田：" in line)
    assert "- term: 高标准农田" in problem.message and "definition: 指土地平整" in problem.message, problem.message


# --------------------------------------------------------------------------- cells


CELLS = """\
- type: table
  role: expenditure
  title: 支出预算表
  columns:
    - {id: budget, label: 合计}
  rows:
    - {id: total, label: 合计, values: ["1,320.00"]}
    - {id: basic, label: 基本支出, values: [13.2万]}
"""


def test_a_cell_message_names_its_table(tmp_path: Path) -> None:
    text = doc(2022, "budget", CELLS)
    report = check(project(tmp_path, text))
    [separator] = [p for p in report.problems if p.code == "thousands-separator"]
    assert separator.message.startswith("“支出预算表”中“合计”的“合计”："), separator.message
    assert separator.line == next(i for i, line in enumerate(text.splitlines(), 1) if "1,320.00" in line)
    [unit] = [p for p in report.problems if p.code == "not-a-number"]
    assert unit.message.startswith("“支出预算表”中“基本支出”的“合计”：")
    assert "表格单位也是“万元”时写成“13.2”" in unit.message and "“万”时" not in unit.message, unit.message


def test_a_table_without_columns_is_reported_once_not_once_a_row(tmp_path: Path) -> None:
    body = """\
- type: table
  title: 无栏目表
  rows:
    - {label: 合计, values: [3]}
    - {label: 甲, values: [1]}
    - {label: 乙, values: [2]}
"""
    report = check(project(tmp_path, doc(2022, "budget", body)))
    assert [p.code for p in report.problems if p.code in ("table-without-columns", "cell-count")] == ["table-without-columns"]


# --------------------------------------------------------------------------- import of a table printed with 类 and 款 only


def test_an_economic_table_printed_with_class_and_item_columns_keeps_two_code_columns(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "封面"
    cover["A1"] = "某某区2025年区级部门预算"
    cover["A3"] = "预算主管部门：某某省某某市某某区某某局"
    sheet = book.create_sheet("基本支出表")
    sheet["A1"] = "2025年部门一般公共预算基本支出部门预算经济分类预算表"
    sheet["A2"] = "编制部门：某某省某某市某某区某某局"
    sheet["E2"] = "单位：万元"
    sheet["A3"], sheet["C3"], sheet["D3"], sheet["E3"] = "经济分类科目编码", "经济分类科目名称", "合计", "人员经费"
    sheet.merge_cells("A3:B3")
    for ref in ("C3:C4", "D3:D4", "E3:E4"):
        sheet.merge_cells(ref)
    sheet["A4"], sheet["B4"] = "类", "款"
    rows = [("301", "", "工资福利支出", "30.00"), ("301", "01", "基本工资", "30.00")]
    for line, (klass, item, label, figure) in enumerate(rows, 5):
        sheet[f"A{line}"] = klass
        if item:
            sheet[f"B{line}"] = item
        sheet[f"C{line}"] = label
        for column in "DE":
            sheet[f"{column}{line}"] = Decimal(figure)
            sheet[f"{column}{line}"].number_format = "0.00"
    sheet["A7"] = "合计"
    sheet.merge_cells("A7:C7")
    for column in "DE":
        sheet[f"{column}7"] = Decimal("30.00")
        sheet[f"{column}7"].number_format = "0.00"
    workbook = tmp_path / "budget.xlsx"
    book.save(workbook)
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(ROOT / "content" / "site.yml", content / "site.yml")
    outcome = run([str(workbook)], Options(), content)
    assert outcome.ok, outcome.failures
    (item,) = outcome.imported
    text = item.target.read_text(encoding="utf-8")
    assert "    codes: two\n" in text and "codes: three" not in text
    loaded = load(content)
    [document] = loaded.documents
    [table] = [b for b in document.record.body if getattr(b, "codes", None) == "two"]
    view = table_view(table, 0, "万元", [])
    shown = [cell.text for row in view.header for cell in row]
    assert "类" in shown and "款" in shown and "项" not in shown, shown
    assert [row.code for row in view.rows if any(row.code)] == [["301", ""], ["301", "01"]]


def test_a_sign_that_yaml_reads_as_an_alias_or_a_tag_is_told_to_be_quoted_too(tmp_path: Path, reader: str) -> None:
    """“*1 本表…” and “!abc 本表” are read (an alias, a tag), not refused: the message still says how to keep the text."""
    for line in ("note: *1 本表数据", "note: !abc 本表"):
        [(at, message)] = _syntax(tmp_path, f"year: 2026\n{line}\n")
        assert at == 2 and "加引号" in message, message


def test_a_glossary_region_written_as_its_last_part_is_offered_the_full_path(tmp_path: Path) -> None:
    built = project(tmp_path, doc(2022, "budget", "- type: text\n  text: 正文。\n"))
    glossary = built.root / "content/glossary.yml"
    text = glossary.read_text(encoding="utf-8").replace("regions: [hebei/xingtai/pingxiang]", "regions: [pingxiang]", 1)
    glossary.write_text(text, encoding="utf-8")
    [problem] = [p for p in check(built).problems if p.code == "unknown-region"]
    assert problem.file == "content/glossary.yml"
    assert problem.line == next(i for i, line in enumerate(text.splitlines(), 1) if "regions: [pingxiang]" in line)
    assert "您是否想写“hebei/xingtai/pingxiang”" in problem.message, problem.message
