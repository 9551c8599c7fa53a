"""What a document's page prints is what its source says: nothing the editor wrote left out, nothing added.

Each test renders one small document into its page (the Markdown the site is built from, no MkDocs) and reads
what a reader would see.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from pubgen.derive import derive
from pubgen.load import load
from pubgen.numbering import counted
from pubgen.pipeline import Project, check
from pubgen.render import render

from .conftest import copy_project

DEPARTMENT = "hebei/xingtai/pingxiang/xinfangju"
HEAD = f"department: {DEPARTMENT}\nyear: 2022\nkind: budget\ntitle: 平乡县信访局2022年部门预算\nbody:\n"


def project_with(root: Path, source: str, name: str = "2022-budget.yml", department: str = DEPARTMENT) -> Project:
    """The bundled project with one document only: ``source`` (YAML) in the department's folder."""
    project = copy_project(root)
    shutil.rmtree(project.content / "documents")
    folder = project.content / "documents" / department
    folder.mkdir(parents=True)
    (folder / name).write_text(source, encoding="utf-8")
    return project


def page_of(root: Path, source: str, name: str = "2022-budget.yml", department: str = DEPARTMENT) -> str:
    """The page of the one document ``source``, as the Markdown (HTML) the site is built from."""
    project = project_with(root, source, name, department)
    tree = render(derive(load(project.content)), project.root / "templates", root / "docs", [])
    year, kind = name.removesuffix(".yml").split("-", 1)
    return (tree.docs_dir / department / year / f"{kind}.md").read_text(encoding="utf-8")


def problems_of(root: Path, source: str, name: str = "2022-budget.yml", department: str = DEPARTMENT) -> list[tuple[str, int | None]]:
    """What `pubgen check` says of the document: (code, line), warnings and errors."""
    report = check(project_with(root, source, name, department))
    return sorted((p.code, p.line) for p in report.problems if p.code != "missing-section" and p.severity.value != "info")


def text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def cells(row: str) -> list[str]:
    """A table row's cells as read."""
    return [text(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]


SCORES = """department: guangdong/guangzhou/huadu/xinfangju
year: 2021
kind: self-evaluation
title: 花都区信访局2021年部门整体支出绩效自评报告
score: 95
body:
  - type: scores
    items:
      - name: 管理效能
        weight: 50
        score: 45
        note: 原文：管理效能指标方面，总分值50分
      - name: 履职效能
        weight: 50
        score: 50
    total: 95
"""


def test_a_score_item_s_note_is_printed_beside_its_name(tmp_path: Path) -> None:
    """An editor who shortens an item's name keeps the printed wording in `note`: the page shows it, as a row's note."""
    page = page_of(tmp_path, SCORES, "2021-self-evaluation.yml", "guangdong/guangzhou/huadu/xinfangju")
    rows = [cells(r) for r in re.findall(r'<tr class="pg-depth-0">(.*?)</tr>', page)]
    assert rows == [["管理效能（原文：管理效能指标方面，总分值50分）", "50", "45"], ["履职效能", "50", "50"]]


NUMBERED = HEAD + """  - type: list
    numbering: （一）
    items:
      - 因公出国（境）费0万元。
      - 公务用车购置及运行费1.4万元。
      - 公务接待费0万元。
  - type: list
    numbering: ①
    items: [办理来信, 办理来访]
  - type: goals
    numbering: 一、
    items:
      - {title: 信访问题处理, goal: 及时受理}
      - {title: 矛盾化解, goal: 化解积案}
"""


def test_chinese_and_circled_numbering_is_counted_item_by_item(tmp_path: Path) -> None:
    page = page_of(tmp_path, NUMBERED)
    assert re.findall(r'<span class="pg-num" aria-hidden="true">([^<]*)</span>', page) == ["（一）", "（二）", "（三）", "①", "②"]
    assert re.findall(r'<p class="pg-goal-item__title">([^<]*)</p>', page) == ["一、信访问题处理", "二、矛盾化解"]
    assert problems_of(tmp_path / "check", NUMBERED) == []


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("1、", ["1、", "2、", "10、", "11、", "21、"]),
        ("（1）", ["（1）", "（2）", "（10）", "（11）", "（21）"]),
        ("（一）", ["（一）", "（二）", "（十）", "（十一）", "（二十一）"]),
        ("第一条", ["第一条", "第二条", "第十条", "第十一条", "第二十一条"]),
        ("一是", ["一是", "二是", "十是", "十一是", "二十一是"]),
        ("壹、", ["壹、", "贰、", "拾、", "拾壹、", "贰拾壹、"]),
        ("①", ["①", "②", "⑩", "⑪", "㉑"]),
        ("⑴", ["⑴", "⑵", "⑽", "⑾", "21"]),
        ("a.", ["a.", "b.", "j.", "k.", "u."]),
        ("I.", ["I.", "II.", "X.", "XI.", "XXI."]),
        ("１．", ["１．", "２．", "１０．", "１１．", "２１．"]),
        ("●", ["●"] * 5),
    ],
)
def test_a_numbering_form_counts_from_its_first_number(form: str, expected: list[str]) -> None:
    assert [counted(form, n).text for n in (1, 2, 10, 11, 21)] == expected


def test_a_numbering_the_page_cannot_count_is_reported_where_it_is_written(tmp_path: Path) -> None:
    source = HEAD + "  - type: list\n    numbering: （二）\n    items: [甲项, 乙项]\n" + "  - type: list\n    numbering: ⑴\n    items:\n" + "".join(
        f"      - 第{n}项\n" for n in range(1, 23)
    )
    assert problems_of(tmp_path, source) == [("numbering-uncounted", 7), ("numbering-uncounted", 10)]
    # Numbers written one by one are the source's: nothing to count.
    numbered = source.replace("    numbering: （二）\n", "    numbering: （二）\n    numbers: [（二）, （三）]\n")
    assert problems_of(tmp_path / "numbers", numbered) == [("numbering-uncounted", 11)]


GLOSSARY = HEAD + """  - type: heading
    level: 2
    text: 第四部分 名词解释
  - type: glossary
    items:
      - {term: 财政拨款收入, definition: 指由县级财政拨款形成的收入。}
      - {term: 其他收入, definition: 指除财政拨款收入以外的收入。}
"""


def glossary_terms(page: str) -> list[str]:
    block = page.split('<dl class="pg-glossary">', 1)[1].split("</dl>", 1)[0]
    return [text(t) for t in re.findall(r"<dt>(.*?)</dt>", block)]


def test_a_glossary_the_source_does_not_number_is_printed_without_numbers(tmp_path: Path) -> None:
    assert glossary_terms(page_of(tmp_path, GLOSSARY)) == ["财政拨款收入", "其他收入"]


def test_a_glossary_prints_the_sources_own_numbering(tmp_path: Path) -> None:
    numbered = GLOSSARY.replace("    items:\n      - {term: 财政", "    numbering: 一、\n    items:\n      - {term: 财政")
    assert glossary_terms(page_of(tmp_path / "a", numbered)) == ["一、财政拨款收入", "二、其他收入"]
    assert problems_of(tmp_path / "b", numbered) == []
    # A county's list that skips a number is written number by number.
    skipping = GLOSSARY.replace("    items:\n      - {term: 财政", "    numbers: [1., 8.]\n    items:\n      - {term: 财政")
    assert glossary_terms(page_of(tmp_path / "c", skipping)) == ["1.财政拨款收入", "8.其他收入"]
    # A numbering the page cannot count is reported, as a list's is.
    uncounted = GLOSSARY.replace("    items:\n      - {term: 财政", "    numbering: （二）\n    items:\n      - {term: 财政")
    assert problems_of(tmp_path / "d", uncounted) == [("numbering-uncounted", 10)]


UNITS = HEAD + """  - type: table
    id: structure
    title: 支出结构
    columns:
      - {id: budget, label: 预算数}
      - {id: share, label: "占比（％）", unit: "%", type: percent}
      - {id: growth, label: "增长率%", unit: "%", type: percent}
      - {id: rate, label: "完成率", unit: "%", type: percent}
    rows:
      - {id: total, label: 支出合计, values: [329.48, 100.00, 3.81, 98.00]}
      - {label: "公务接待批次（单位：批）", unit: 批, values: [15, ~, ~, ~]}
      - {label: "出国人次 人次", unit: 人次, values: [2, ~, ~, ~]}
      - {label: "公务接待人数", unit: 人次, values: [30, ~, ~, ~]}
"""


def test_a_unit_the_label_already_prints_is_not_printed_again(tmp_path: Path) -> None:
    """占比（％） and 增长率% print their %, 公务接待批次（单位：批） its 批: the page adds a unit only where none is printed."""
    page = page_of(tmp_path, UNITS)
    table = page.split('<table class="pg-table', 1)[1].split("</table>", 1)[0]
    heads = [text(h) for h in re.findall(r"<th scope=\"col\"[^>]*>(.*?)</th>", table)]
    assert heads == ["项目", "预算数", "占比（％）", "增长率%", "完成率（%）"]
    labels = [text(h) for h in re.findall(r"<th scope=\"row\">(.*?)</th>", table)]
    assert labels == ["支出合计", "公务接待批次（单位：批）", "出国人次 人次", "公务接待人数（人次）"]


TWO_WAYS = HEAD + """  - type: table
    title: 年度资金情况
    columns:
      - {id: budget, label: 全年预算数}
    rows:
      - {id: total, label: 年度资金总额, values: [1608.4]}
      - {label: 一般公共预算, parent: total, breakdown: 按收入性质分, values: [1538.4]}
      - {label: 其他资金, parent: total, breakdown: 按收入性质分, values: [70]}
      - {label: 基本支出, parent: total, breakdown: 按支出性质分, values: [1012.6]}
      - {label: 项目支出, parent: total, breakdown: 按支出性质分, values: [595.8]}
"""


def test_a_row_divided_two_ways_shows_each_way_over_its_parts(tmp_path: Path) -> None:
    """年度资金总额 divided by the nature of its income and of its spending: the page listed four parts under it, as if they
    added up to it together; each group now opens with the way it divides the total, as the form prints it."""
    page = page_of(tmp_path, TWO_WAYS)
    rows = [cells(r) for r in re.findall(r"<tr[^>]*>.*?</tr>", page, flags=re.S)]
    labels = [r[0] for r in rows if r and r[0] not in ("", "项目")]
    assert labels[-5:] == ["年度资金总额", "按收入性质分：一般公共预算", "其他资金", "按支出性质分：基本支出", "项目支出"]
    # Divided one way only, nothing is added.
    one_way = TWO_WAYS.replace("按支出性质分", "按收入性质分").replace("      - {label: 基本支出, parent: total, breakdown: 按收入性质分, values: [1012.6]}\n", "").replace("      - {label: 项目支出, parent: total, breakdown: 按收入性质分, values: [595.8]}\n", "")
    assert "按收入性质分" not in text(page_of(tmp_path / "one", one_way))
