"""The narrative checks as an editor meets them: real sentences, and the same sentences with one figure or word changed.

Each test writes a small document in the content format and runs ``pubgen check``
on it; the problems are what the editor would read. Whole real documents are the
``narrative-*`` cases under ``tests/cases/``.
"""

from __future__ import annotations

import re

import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pubgen.pipeline import Project, check
from pubgen.problems import Problem, Severity

SITE = "title: 部门预决算公开平台\nunit: 万元\n"
REGIONS = """\
regions:
  - slug: shanghai
    name: 上海市
    level: province
    children:
      - {slug: putuo, name: 普陀区, level: district}
"""
DOC = "content/documents/shanghai/putuo/dept/doc.yml"


def run(tmp_path: Path, year: int, kind: str, body: str, extra: str = "", site: str = SITE, name: str = "某部门") -> tuple[list[Problem], str]:
    """Problems of one document (its missing sections aside), and the document's text."""
    content = tmp_path / "content"
    (content / "departments/shanghai/putuo").mkdir(parents=True)
    (content / "site.yml").write_text(site, encoding="utf-8")
    (content / "regions.yml").write_text(REGIONS, encoding="utf-8")
    (content / "departments/shanghai/putuo/dept.yml").write_text(f"slug: dept\nregion: shanghai/putuo\nname: {name}\n", encoding="utf-8")
    text = (
        f"department: shanghai/putuo/dept\nyear: {year}\nkind: {kind}\ntitle: 某部门{year}年文档\n"
        + textwrap.dedent(extra)
        + "body:\n"
        + textwrap.indent(textwrap.dedent(body), "  ")
    )
    path = tmp_path / DOC
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    found = [p for p in check(Project(tmp_path)).sorted() if p.code != "missing-section"]
    return found, text


def codes(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(p.code, p.severity.value) for p in problems]


def place_of(text: str, words: str) -> tuple[int, int]:
    """Line and column where ``words`` are written in the file."""
    for number, line in enumerate(text.splitlines(), start=1):
        if words in line:
            return number, line.index(words) + 1
    raise AssertionError(words)


# --------------------------------------------------------------------------- figures

COMMERCE = """\
- type: text
  text: |
    1. “一般公共服务支出（类）商贸事务（款）行政运行（项）”{figure}万元，主要用于机关行政运行和机关人员经费支出。
- type: table
  role: budget-expenditure
  title: 2025年部门支出预算总表
  unit: 元
  columns:
    - {{id: total, label: 合计}}
    - {{id: basic, label: 基本支出}}
    - {{id: project, label: 项目支出}}
  rows:
    - {{code: "201", label: 一般公共服务支出, values: [9389913.00, 9389913.00, ~]}}
    - {{code: "20113", label: 商贸事务, values: [9389913.00, 9389913.00, ~]}}
    - {{code: "2011301", label: 行政运行, values: [9389913.00, 9389913.00, ~]}}
    - {{id: total, label: 合计, values: [9389913.00, 9389913.00, ~]}}
"""


def test_a_figure_in_wan_yuan_is_the_yuan_cell_rounded_to_its_decimals(tmp_path: Path) -> None:
    found, _ = run(tmp_path / "a", 2025, "budget", COMMERCE.format(figure="938.99"))
    assert found == []  # 9,389,913.00 元 is 938.99 万元


@pytest.mark.parametrize("figure", ["938.99", "939.99"])
def test_a_table_that_names_no_unit_is_in_the_sites_unit(tmp_path: Path, figure: str) -> None:
    """Its page shows the site's unit; the text's 万元 figure is compared with its cells in that unit, not in 万元."""
    explicit, _ = run(tmp_path / "explicit", 2025, "budget", COMMERCE.format(figure=figure))
    body = COMMERCE.format(figure=figure).replace("  unit: 元\n", "", 1)
    assert "unit:" not in body
    implicit, _ = run(tmp_path / "implicit", 2025, "budget", body, site=SITE.replace("unit: 万元", "unit: 元"))
    assert codes(implicit) == codes(explicit)
    assert [(p.line, p.stated, p.computed) for p in implicit] == [(p.line, p.stated, p.computed) for p in explicit]
    assert bool(implicit) == (figure == "939.99"), "the right figure passes, the wrong one is reported"


def test_a_figure_that_is_not_the_cell_is_reported_where_it_is_written(tmp_path: Path) -> None:
    found, text = run(tmp_path, 2025, "budget", COMMERCE.format(figure="938.98"))
    [problem] = found
    assert (problem.code, problem.severity) == ("text-figure-mismatch", Severity.ERROR)
    assert (problem.line, problem.column) == place_of(text, "938.98")
    assert (problem.stated, problem.computed) == ("938.98", "938.9913")
    assert "行政运行（项）" in problem.message and "2011301" in problem.message and "9389913.00 元" in problem.message


THREE_PUBLIC = """\
- type: text
  text: |
    2025年“三公”经费预算数为{total}万元，与2024年预算持平。
    二、机关运行经费预算
    2025年上海市普陀区商务委员会财政拨款的机关运行经费预算为{costs}万元。
- type: table
  role: budget-three-public
  title: 2025年部门“三公”经费和机关运行经费预算表
  unit: 万元
  columns:
    - {{id: total, label: 合计, group: [“三公”经费预算数]}}
    - {{id: overseas, label: 因公出国(境)费, group: [“三公”经费预算数]}}
    - {{id: reception, label: 公务接待费, group: [“三公”经费预算数]}}
    - {{id: vehicle, label: 小计, group: [“三公”经费预算数, 公务用车购置及运行费]}}
    - {{id: vehicle-purchase, label: 购置费, group: [“三公”经费预算数, 公务用车购置及运行费]}}
    - {{id: vehicle-operation, label: 运行费, group: [“三公”经费预算数, 公务用车购置及运行费]}}
    - {{id: operating-costs, label: 机关运行经费预算数}}
  rows:
    - {{id: total, label: "", values: [1.00, ~, 1.00, ~, ~, ~, 171.01]}}
"""


def test_one_hundredth_off_a_figure_of_the_same_precision_is_a_rounding_notice(tmp_path: Path) -> None:
    found, _ = run(tmp_path, 2025, "budget", THREE_PUBLIC.format(total="1.00", costs="171.02"))
    assert codes(found) == [("rounding-difference", "notice")]
    assert "机关运行经费预算" in found[0].message and "四舍五入" in found[0].message


def test_the_usual_terms_name_their_cells(tmp_path: Path) -> None:
    found, _ = run(tmp_path, 2025, "budget", THREE_PUBLIC.format(total="1.10", costs="171.01"))
    assert codes(found) == [("text-figure-mismatch", "error")]
    assert "“三公”经费" in found[0].message


EXPENDITURE = """\
- type: text
  text: |
    2021年部门支出预算为329.48万元，其中基本支出231.56万元；{said}。
- type: table
  role: expenditure
  title: 2021年部门支出预算
  columns:
    - {{id: budget, label: 预算数}}
  rows:
    - {{id: total, label: 部门支出预算, values: [329.48]}}
    - {{id: basic, label: 基本支出, values: [231.56]}}
    - {{id: project, label: 项目支出, values: [97.92]}}
"""


def test_a_name_glued_to_other_words_is_not_the_item(tmp_path: Path) -> None:
    found, _ = run(tmp_path / "a", 2021, "budget", EXPENDITURE.format(said="其他项目支出50万元"))
    assert found == []
    found, _ = run(tmp_path / "b", 2021, "budget", EXPENDITURE.format(said="项目支出50万元"))
    assert codes(found) == [("text-figure-mismatch", "error")]


@pytest.mark.parametrize(
    "said",
    [
        "组织对“经济普查”项目开展了部门评价，涉及项目支出50万元",  # one project's money
        "其中，社会福利院基本支出100万元",  # a unit of the department
        "分单位看，局机关本级基本支出200.00万元、项目支出50万元，经济普查中心基本支出31.56万元、项目支出47.92万元",
        "全区项目支出50万元",  # the district's
    ],
)
def test_an_item_given_to_another_body_is_not_the_documents_figure(tmp_path: Path, said: str) -> None:
    found, _ = run(tmp_path, 2021, "budget", EXPENDITURE.format(said=said), extra="")
    assert found == []


@pytest.mark.parametrize("said", ["本局项目支出50万元", "区民政局项目支出50万元", "上海市普陀区民政局2021年项目支出50万元"])
def test_an_item_given_to_the_documents_own_body_is_checked(tmp_path: Path, said: str) -> None:
    body = EXPENDITURE.format(said=said)
    found, _ = run(tmp_path, 2021, "budget", body)
    content = tmp_path / DOC
    content.write_text(content.read_text(encoding="utf-8").replace("title: 某部门2021年文档", "title: 上海市普陀区民政局2021年部门预算"), encoding="utf-8")
    found = [p for p in check(Project(tmp_path)).sorted() if p.code != "missing-section"]
    assert codes(found) == [("text-figure-mismatch", "error")]
    assert "50" in found[0].message and "97.92" in found[0].message


QINGSHUIHE = """\
- type: text
  text: 深圳市罗湖区清水河街道办事处2024年度“三公”经费财政拨款支出决算为34.08万元,完成全年预算50.74万元的67.2%,比上年决算数减少1.55万元,下降4.4%。
- type: text
  text: 2024年度“三公”经费财政拨款支出决算中,因公出国(境)费0.94万元,占{share}%;公务用车购置及运行维护费支出33.13万元,占97.2%;公务接待费支出0万元,占0%。
"""


def test_a_text_only_document_knows_its_own_name(tmp_path: Path) -> None:
    """罗湖 清水河 (三公 published as text, no table): a total whose sentence opens with the unit's own name is its own, and
    the shares of the next paragraph are checked against it."""
    def said(share: str, where: Path) -> list[Problem]:
        found, _ = run(where, 2024, "final-accounts", QINGSHUIHE.format(share=share), extra="covers: [three-public]\n", name="深圳市罗湖区清水河街道办事处")
        return [p for p in found if p.code != "text-parts-mismatch" and p.code != "rounding-difference"]

    assert said("2.8", tmp_path / "right") == []
    found = said("3.8", tmp_path / "wrong")
    assert codes(found) == [("text-rate-mismatch", "error")]
    assert "0.94 ÷ 34.08" in found[0].message and "3.8" in found[0].message


def test_a_text_only_budget_names_its_whole_after_its_own_name(tmp_path: Path) -> None:
    body = """\
    - type: text
      text: 普陀区某某局2025年支出预算100万元,比上年增加10万元,增长11.11%。
    - type: text
      text: 按支出性质分:基本支出60万元,占支出预算的70%;项目支出40万元,占支出预算的30%。
    """
    found, text = run(tmp_path, 2025, "budget", body, name="上海市普陀区某某局")
    assert codes(found) == [("text-rate-mismatch", "error")] * 2
    assert [(p.line, p.column) for p in found] == [place_of(text, "70%"), place_of(text, "30%")]
    assert "60 ÷ 100" in found[0].message and "40 ÷ 100" in found[1].message


def test_a_share_of_a_whole_is_not_of_a_units_figure_named_the_same(tmp_path: Path) -> None:
    """“占部门支出预算的 x%” is of the department's total, not of the unit's stated in brackets before it."""
    said = "项目支出97.92万元。分单位看，部门支出预算为329.48万元（其中社会福利院部门支出预算为100.00万元），基本支出231.56万元，占部门支出预算的{rate}%"
    found, _ = run(tmp_path / "right", 2021, "budget", EXPENDITURE.format(said=said.format(rate="70.28")))
    assert found == []
    found, _ = run(tmp_path / "wrong", 2021, "budget", EXPENDITURE.format(said=said.format(rate="73.28")))
    assert codes(found) == [("text-rate-mismatch", "error")]
    assert "231.56 ÷ 329.48" in found[0].message


def test_a_row_named_only_by_year_and_phase_is_not_an_item(tmp_path: Path) -> None:
    """A “三公” table with rows 2024年预算数 / 2025年预算数 does not take over “…（项）2025年预算数为…”."""
    three_public = """\
- type: table
  role: budget-three-public
  title: 2025年“三公”经费预算表
  unit: 万元
  columns:
    - {id: total, label: 合计}
    - {id: reception, label: 公务接待费}
  rows:
    - {label: 2024年预算数, values: [13.20, 13.20]}
    - {id: total, label: 2025年预算数, values: [12.50, 12.50]}
"""
    body = COMMERCE.format(figure="2025年预算数为938.99").replace("”2025年", "”2025年", 1) + three_public
    found, _ = run(tmp_path / "right", 2025, "budget", body)
    assert found == []
    found, _ = run(tmp_path / "wrong", 2025, "budget", COMMERCE.format(figure="2025年预算数为939.99") + three_public)
    assert codes(found) == [("text-figure-mismatch", "error")] and "行政运行（项）" in found[0].message


def test_the_fiscal_part_of_a_total_is_not_the_total(tmp_path: Path) -> None:
    """“财政拨款收入预算总计” is the fiscal part: not compared with the 收入预算 of all funds."""
    income = """\
- type: text
  text: |
    1. 财政拨款收入预算总计{figure}万元。
- type: table
  role: budget-income
  title: 2025年部门收入预算总表
  unit: 万元
  columns:
    - {{id: total, label: 合计}}
    - {{id: fiscal, label: 财政拨款收入}}
    - {{id: business, label: 事业收入}}
  rows:
    - {{id: total, label: 合计, values: [1027.26, 997.26, 30.00]}}
"""
    found, _ = run(tmp_path / "fiscal", 2025, "budget", income.format(figure="997.26"))
    assert found == []
    found, _ = run(tmp_path / "all", 2025, "budget", income.format(figure="997.26").replace("财政拨款收入预算总计", "收入预算总计"))
    assert codes(found) == [("text-figure-mismatch", "error")]


def test_the_three_public_terms_name_the_well_known_three_public_table(tmp_path: Path) -> None:
    """A 三公-only disclosure uses the well-known “三公” table (role three-public), not the official one: its text is checked too."""
    body = """\
- type: text
  text: |
    2023年度“三公”经费财政拨款支出决算为{total}万元，其中公务接待费支出决算为{reception}万元。
- type: table
  role: three-public
  title: 2023年度“三公”经费财政拨款支出决算表
  columns:
    - {{id: budget, label: 预算数}}
    - {{id: actual, label: 决算数}}
  rows:
    - {{id: total, label: 合计, values: [80.00, 72.34]}}
    - {{id: overseas, label: 因公出国（境）费, values: [0, 0]}}
    - {{id: vehicle, label: 公务用车购置及运行维护费, values: [70.00, 66.34]}}
    - {{id: reception, label: 公务接待费, values: [10.00, 6.00]}}
"""
    found, _ = run(tmp_path / "right", 2023, "final-accounts", body.format(total="72.34", reception="6.00"), extra="covers: [three-public]\n")
    assert found == []
    found, _ = run(tmp_path / "wrong", 2023, "final-accounts", body.format(total="73.24", reception="6.00"), extra="covers: [three-public]\n")
    assert codes(found) == [("text-figure-mismatch", "error")] and "72.34" in found[0].message


@pytest.mark.parametrize("colon", ["：", ":"])
def test_an_item_named_before_a_colon_owns_the_figure_after_it(tmp_path: Path, colon: str) -> None:
    """The Sichuan template: “行政运行（项）：2025年预算数为…”. The colon ended the clause, so the figure went unchecked."""
    found, _ = run(tmp_path / "right", 2025, "budget", COMMERCE.format(figure=f"{colon}2025年预算数为938.99"))
    assert found == []
    found, _ = run(tmp_path / "wrong", 2025, "budget", COMMERCE.format(figure=f"{colon}2025年预算数为939.99"))
    assert codes(found) == [("text-figure-mismatch", "error")] and "行政运行（项）" in found[0].message


def test_a_comparison_and_last_years_figure_are_not_this_years_cell(tmp_path: Path) -> None:
    found, _ = run(tmp_path, 2021, "budget", EXPENDITURE.format(said="项目支出较2020年增加50万元；2020年项目支出预算执行数为47.92万元"))
    assert found == []


TWICE = """\
- type: text
  text: |
    {said}
- type: table
  role: budget-expenditure
  title: 支出预算总表
  unit: 万元
  columns:
    - {{id: total, label: 合计}}
  rows:
    - {{code: "201", label: 一般公共服务支出, values: [30]}}
    - {{code: "20101", label: 人大事务, values: [10]}}
    - {{code: "2010101", label: 行政运行, values: [10]}}
    - {{code: "20103", label: 政府办公厅（室）及相关机构事务, values: [20]}}
    - {{code: "2010301", label: 行政运行, values: [20]}}
    - {{id: total, label: 合计, values: [30]}}
"""


def test_an_item_the_tables_print_with_two_figures_is_not_judged_but_its_full_name_is(tmp_path: Path) -> None:
    found, _ = run(tmp_path / "a", 2025, "budget", TWICE.format(said="行政运行15万元。"))
    assert found == []
    said = "“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目15万元。"
    found, _ = run(tmp_path / "b", 2025, "budget", TWICE.format(said=said))
    assert codes(found) == [("text-figure-mismatch", "error")]
    assert "2010301" in found[0].message


# --------------------------------------------------------------------------- rates

SHARES = """\
- type: text
  text: |
    本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占{fiscal}%；其他收入6.2万元，占{other}%；
"""


def test_a_truncated_percentage_is_a_notice_and_a_wrong_one_an_error(tmp_path: Path) -> None:
    found, _ = run(tmp_path / "a", 2024, "final-accounts", SHARES.format(fiscal="99.78", other="0.21"))
    assert codes(found) == [("rounding-difference", "notice")]
    assert "截去尾数" in found[0].message
    found, text = run(tmp_path / "b", 2024, "final-accounts", SHARES.format(fiscal="99.70", other="0.21"))
    assert codes(found) == [("text-rate-mismatch", "error")]
    assert (found[0].line, found[0].column) == place_of(text, "99.70")
    assert "2940.05 ÷ 2946.25 × 100 = 99.79" in found[0].message


def test_shares_forced_to_add_up_to_a_hundred_are_a_notice(tmp_path: Path) -> None:
    # Three thirds are 33.33 % each; a publisher prints the last as 33.34 % so that they add up to 100 %.
    said = "- type: text\n  text: |\n    本年支出合计3万元，其中：基本支出1万元，占33.33%；项目支出1万元，占33.33%；经营支出1万元，占{last}%。\n"
    found, _ = run(tmp_path / "a", 2024, "final-accounts", said.format(last="33.34"))
    assert codes(found) == [("rounding-difference", "notice")]
    assert "100%" in found[0].message
    found, _ = run(tmp_path / "b", 2024, "final-accounts", said.format(last="33.35"))
    assert codes(found) == [("text-rate-mismatch", "error")]



def test_shares_of_one_whole_in_numbered_paragraphs_forced_to_a_hundred_are_a_notice(tmp_path: Path) -> None:
    """①…占总收入的33.33%。②…③…为1万元，主要是捐赠收入，占总收入的33.34%: the same adjustment, paragraph by paragraph."""
    said = (
        "- type: text\n  text: |\n    本年总收入3万元。\n\n"
        "    ①财政拨款收入：本年财政拨款收入1万元，占总收入的33.33%。\n\n"
        "    ②事业收入：本年事业收入1万元，占总收入的33.33%。\n\n"
        "    ③其他收入：本年其他收入为1万元，主要是捐赠收入，占总收入的{last}%。\n"
    )
    found, text = run(tmp_path / "a", 2024, "final-accounts", said.format(last="33.34"))
    assert codes(found) == [("rounding-difference", "notice")]
    assert "100%" in found[0].message and (found[0].line, found[0].column) == place_of(text, "33.34")
    # Not adding up to 100, the raised share is wrong; one clause between a figure and its share still names the part.
    found, text = run(tmp_path / "b", 2024, "final-accounts", said.format(last="33.44"))
    assert codes(found) == [("text-rate-mismatch", "error")]
    assert (found[0].line, found[0].column) == place_of(text, "33.44")

GROWTH = """\
- type: text
  text: |
    1. “一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”25.77万元，主要用于专项普查活动。2023年当年预算执行数为{before}万元，2024年预算安排25.77万元，比2023年预算执行数{word}{rate}%。主要原因是：项目调整。
"""


def test_a_growth_rate_is_recomputed_from_the_two_years(tmp_path: Path) -> None:
    found, _ = run(tmp_path / "a", 2024, "budget", GROWTH.format(before="60.13", word="减少", rate="57.14"))
    assert found == []
    found, _ = run(tmp_path / "b", 2024, "budget", GROWTH.format(before="60.13", word="减少", rate="57.41"))
    assert codes(found) == [("text-rate-mismatch", "error")]


def test_a_rate_from_nothing_is_not_judged(tmp_path: Path) -> None:
    # The real document writes 增加100.00% for 0.00 → 25.00: there is no rate to recompute.
    found, _ = run(tmp_path, 2024, "budget", GROWTH.format(before="0.00", word="增加", rate="100.00"))
    assert found == []


def test_a_rate_from_the_change_and_the_total_before_it(tmp_path: Path) -> None:
    said = "- type: text\n  text: |\n    机关运行经费支出184.65万元，比2023年度增加2.55万元，{word}{rate}%。\n"
    found, _ = run(tmp_path / "a", 2024, "final-accounts", said.format(word="增长", rate="1.40"))
    assert found == []
    found, _ = run(tmp_path / "b", 2024, "final-accounts", said.format(word="增长", rate="1.38"))
    assert codes(found) == [("text-rate-mismatch", "error")]
    assert "2.55 ÷（184.65 − 2.55）× 100 = 1.40" in found[0].message
    found, _ = run(tmp_path / "c", 2024, "final-accounts", said.format(word="下降", rate="1.40"))
    assert codes(found) == [("text-direction-mismatch", "error")]


def test_a_rate_that_fits_only_the_opposite_direction_is_a_wrong_direction_word(tmp_path: Path) -> None:
    """增加8.79万元，增长8.25% of a figure that fell: correcting the rate as a rate error would hide the wrong word."""
    said = "- type: text\n  text: |\n    机关运行经费支出97.76万元，比2023年度{word}8.79万元，{rate_word}{rate}%。\n"
    found, text = run(tmp_path / "up", 2024, "final-accounts", said.format(word="增加", rate_word="增长", rate="8.25"))
    assert codes(found) == [("text-direction-mismatch", "error")]
    assert "106.55" in found[0].message and "应是减少" in found[0].message
    assert (found[0].line, found[0].column) == place_of(text, "增加8.79")
    found, _ = run(tmp_path / "down", 2024, "final-accounts", said.format(word="减少", rate_word="下降", rate="8.25"))
    assert found == []
    found, _ = run(tmp_path / "neither", 2024, "final-accounts", said.format(word="增加", rate_word="增长", rate="7.25"))
    assert codes(found) == [("text-rate-mismatch", "error")]


def test_a_whole_number_rate_that_misses_is_a_rate_error_not_a_wrong_direction(tmp_path: Path) -> None:
    """比2023年预算减少17.3万元，下降6% (5%): 6 fits a rise from 311.4 only by rounding, and 减少 and 下降 agree —
    telling the editor to write 增加 would have a right word changed."""
    said = "- type: text\n  text: |\n    “三公”经费预算328.7万元，比2023年预算减少17.3万元，下降{rate}%。\n"
    found, text = run(tmp_path / "wrong", 2024, "budget", said.format(rate="6"))
    assert codes(found) == [("text-rate-mismatch", "error")]
    assert "17.3 ÷（328.7 + 17.3）× 100 = 5.00" in found[0].message
    assert (found[0].line, found[0].column) == place_of(text, "6%")
    found, _ = run(tmp_path / "right", 2024, "budget", said.format(rate="5"))
    assert found == []


def test_a_rate_in_brackets_after_the_change_is_the_changes_rate(tmp_path: Path) -> None:
    """A district's template prints every change “较上年减少1.5万元(42.86%)”: the rate has no word of its own."""
    said = "- type: text\n  text: |\n    公务接待费2.30万元，较上年减少1.5万元{open}{rate}%{close}，减少的主要原因是压缩接待费开支。\n"
    found, text = run(tmp_path / "wrong", 2019, "budget", said.format(open="(", rate="42.86", close=")"))
    assert codes(found) == [("text-rate-mismatch", "error")]
    assert "1.5 ÷（2.30 + 1.5）× 100 = 39.47" in found[0].message
    assert (found[0].line, found[0].column) == place_of(text, "42.86%")
    found, _ = run(tmp_path / "full-width", 2019, "budget", said.format(open="（", rate="42.86", close="）"))
    assert codes(found) == [("text-rate-mismatch", "error")]
    found, _ = run(tmp_path / "right", 2019, "budget", said.format(open="(", rate="39.47", close=")"))
    assert found == []
    # A bracket that says more than the rate is not the change's rate.
    found, _ = run(tmp_path / "share", 2019, "budget", said.format(open="(占", rate="42.86", close=")"))
    assert "text-rate-mismatch" not in [c for c, _ in codes(found)]


def test_the_three_public_vehicle_costs_named_gongwuche(tmp_path: Path) -> None:
    """公务车购置及运行维护费, as a 宁国 text names 公务用车购置及运行费, is that item."""
    body = """\
    - type: table
      role: budget-three-public
      title: “三公”经费预算表
      columns: [{id: total, label: 合计}, {id: overseas, label: 因公出国（境）费}, {id: vehicle, label: 公务用车购置及运行费}, {id: vehicle-purchase, label: 公务用车购置费}, {id: vehicle-operation, label: 公务用车运行费}, {id: reception, label: 公务接待费}]
      rows:
        - {id: total, label: 预算数, values: [35.5, 0, 32.5, 0, 32.5, 3.0]}
    - type: text
      text: |
        “三公”经费预算35.5万元，其中：公务车购置及运行维护费{figure}万元，公务接待费3.0万元。
    """
    found, _ = run(tmp_path / "wrong", 2013, "budget", body.replace("{figure}", "33.5"))
    assert codes(found) == [("text-figure-mismatch", "error")]
    assert "“公务车购置及运行维护费”写作 33.5 万元" in found[0].message and "32.5" in found[0].message
    found, _ = run(tmp_path / "right", 2013, "budget", body.replace("{figure}", "32.5"))
    assert found == []


@pytest.mark.parametrize("said", ["对南县财政局2020年度机关整体支出开展了绩效评价，综合评分为97分。", "南县财政局2020年度机关整体支出绩效自评得分为97分。"])
def test_a_finance_bureaus_own_score_is_its_own(tmp_path: Path, said: str) -> None:
    """财政局 names the evaluator in other departments' reports; in the finance bureau's own report it names itself."""
    body = f"- type: text\n  text: |\n    {said}\n"
    found, text = run(tmp_path / "own", 2020, "self-evaluation", body, extra="score: 96\n", name="南县财政局")
    assert codes(found) == [("text-figure-mismatch", "error")]
    assert "而文件开头的总得分（score）是 96 分" in found[0].message
    assert (found[0].line, found[0].column) == place_of(text, "97分")
    # Another department's report: the 财政局 evaluated it, and its score is the 财政局's to state.
    found, _ = run(tmp_path / "other", 2020, "self-evaluation", body, extra="score: 96\n", name="南县水务局")
    assert found == []


@pytest.mark.parametrize("said", ["南县财政局对县教育局部门整体支出开展了重点绩效评价，综合评分为85分。", "南县财政局委托会计师事务所开展绩效评价，综合评分为88分。"])
def test_a_score_the_finance_bureau_had_given_to_another_is_not_its_own(tmp_path: Path, said: str) -> None:
    body = f"- type: text\n  text: |\n    {said}\n"
    found, _ = run(tmp_path, 2020, "self-evaluation", body, extra="score: 96\n", name="南县财政局")
    assert found == []


THREE_PUBLIC_SAID = "- type: text\n  text: |\n    {text}\n"


@pytest.mark.parametrize(
    ("text", "told"),
    [
        # 肥西县政协办's note, one figure changed: 20.1 ≠ 0 + 17.7 + 3.4.
        ("2018年政协机关“三公”经费预算数为20.1万元，其中：因公出国（境）费0万元，公务接待费17.7万元，公务用车购置及运行费3.4万元。", "0 + 17.7 + 3.4 = 21.1 万元"),
        # The whole in the sentence before, the car's costs in two.
        (
            "2018年“三公”经费预算数为20.1万元，与上年相比减少0.2万元，下降0.99%。其中：因公出国（境）费0 万元，公务接待费17.7万元，"
            "公务用车运行维护费3.4万元，公务用车购置费0 万元。",
            "0 + 17.7 + 3.4 + 0 = 21.1 万元",
        ),
        ("2018年“三公”经费预算数为20.1万元，其中：因公出国（境）费0万元，公务接待费16.7万元，公务用车购置及运行费3.4万元。", None),
        # A list with the years' comparisons between its parts.
        ("“三公”经费预算20.1万元，其中：因公出国（境）费0万元，与上年持平；公务接待费16.7万元，比上年减少1万元；公务用车购置及运行费3.4万元。", None),
        # A list of something else after the whole: not judged.
        ("“三公”经费预算20.1万元，其中：财政拨款18万元，其他资金2.1万元。", None),
        # The figure before 其中 is not the 三公's own, or the parts are of another phase: not judged.
        ("“三公”经费支出决算为25万元，占年初预算30万元的83.33%，其中：因公出国（境）费0万元，公务接待费10万元，公务用车购置及运行费15万元。", None),
        ("“三公”经费25万元，机关运行经费60万元。其中：因公出国（境）费0万元，公务接待费10万元，公务用车购置及运行费15万元。", None),
        ("“三公”经费预算为30万元，支出决算为25万元，其中：因公出国（境）费预算0万元，公务接待费预算10万元，公务用车购置及运行费预算20万元。", None),
    ],
)
def test_a_three_public_whole_said_in_text_is_its_parts_sum(tmp_path: Path, text: str, told: str | None) -> None:
    """Many 三公 notes are text only (the table an .xls attachment): the whole is 出国 + 接待 + 公务用车 as the text says them."""
    found, _ = run(tmp_path, 2018, "budget", THREE_PUBLIC_SAID.format(text=text))
    if told is None:
        assert found == []
    else:
        assert codes(found) == [("text-parts-mismatch", "error")]
        assert found[0].message.startswith("正文的总数 20.1 万元与“其中”所列因公出国（境）费、公务接待费、公务用车购置及运行费之和不符：")
        assert told in found[0].message


QINGSHUIHE_THREE_PUBLIC = (
    "深圳市罗湖区清水河街道办事处2024年度“三公”经费财政拨款支出决算为{total}万元,完成全年预算50.74万元的{rate}%,比上年决算数减少1.55万元,下降{fall}%。"
    "其中:因公出国(境)费支出决算为0.94万元,完成全年预算0.94万元的100%,比上年决算数增加0.94万元,增长--(基数为0,不可比);"
    "公务用车购置及运行维护费支出决算为33.13万元,完成全年预算49.8万元的66.5%,比上年决算数减少2.5万元,下降7%,"
    "其中:公务用车购置支出决算为17.98万元,完成全年预算18万元的99.9%,比上年决算数增加0万元,增长0%,"
    "公务用车运行维护费支出决算为15.15万元,完成全年预算31.8万元的47.6%,比上年决算数减少2.5万元,下降14.2%;"
    "公务接待费支出决算为0万元,完成全年预算0万元的0%,比上年决算数增加0万元,增长0%。"
)


def test_a_three_public_whole_with_its_completion_rate_is_its_parts_sum(tmp_path: Path) -> None:
    """罗湖 清水河 (深圳's template): each figure is followed by “完成全年预算B万元的x%”; the budget named there is neither the
    whole nor a part. The real print is 34.08 for 0.94 + 33.13 + 0 and a fall of 1.55 for changes adding up to −1.56: both are
    a rounding notice."""
    said = THREE_PUBLIC_SAID.format(text=QINGSHUIHE_THREE_PUBLIC)
    found, text = run(tmp_path / "real", 2024, "final-accounts", said.format(total="34.08", rate="67.2", fall="4.4"), extra="covers: [three-public]\n")
    assert codes(found) == [("rounding-difference", "notice")] * 2
    assert "34.08" in found[0].message and "0.94 + 33.13 + 0 = 34.07" in found[0].message
    assert "减少 1.55" in found[1].message and "减少 1.56" in found[1].message
    found, text = run(tmp_path / "wrong", 2024, "final-accounts", said.format(total="35.08", rate="69.1", fall="4.2"), extra="covers: [three-public]\n")
    parts = [p for p in found if p.code == "text-parts-mismatch"]
    assert len(parts) == 1 and (parts[0].line, parts[0].column) == place_of(text, "35.08")
    assert "0.94 + 33.13 + 0 = 34.07" in parts[0].message


@pytest.mark.parametrize(
    ("text", "told"),
    [
        # 甘南's 2015 note, paraphrased (its whole made its parts' sum): the whole rose by 15.15, its parts' changes add up to 14.53.
        (
            "2015年度“三公”经费支出30.49万元，比上年增加15.15万元，其中：因公出国（境）费0万元，与上年持平；公务接待费1.58万元，"
            "比上年减少0.26万元；公务用车购置及运行费28.91万元，比上年增加14.79万元。",
            "正文说“三公”经费增加 15.15 万元，但“其中”所列各项的增减合起来是增加 14.53 万元（0 − 0.26 + 14.79，增加记正、减少记负）。",
        ),
        (
            "2015年度“三公”经费支出30.49万元，比上年增加14.53万元，其中：因公出国（境）费0万元，与上年持平；公务接待费1.58万元，"
            "比上年减少0.26万元；公务用车购置及运行费28.91万元，比上年增加14.79万元。",
            None,
        ),
        # The changes listed as the parts themselves, one sentence, commas between them.
        (
            "“三公”经费支出比上年减少10.0万元，其中：因公出国（境）费减少1.0万元，公务接待费减少2.0万元，公务用车购置及运行费减少5.0万元。",
            "正文说“三公”经费减少 10.0 万元，但“其中”所列各项的增减合起来是减少 8.0 万元（−1.0 − 2.0 − 5.0，增加记正、减少记负）。",
        ),
        # 平乡's budget, its 基本支出 changed by one figure: the whole's change is 基本支出's and 项目支出's.
        (
            "2021年部门预算收支安排329.48万元，较2020年增加12.08万元，其中：基本支出增加10.08万元，主要是人员增加，相应增加人员经费和"
            "日常公用经费；项目支出较2020年持平。",
            "正文说支出增加 12.08 万元，但“其中”所列各项的增减合起来是增加 10.08 万元（10.08 + 0，增加记正、减少记负）。",
        ),
        (
            "2021年部门预算收支安排329.48万元，较2020年增加12.08万元，其中：基本支出增加12.08万元，主要是人员增加，相应增加人员经费和"
            "日常公用经费；项目支出较2020年持平。",
            None,
        ),
        # Not the whole's parts' changes, or not all of them said in figures: not judged.
        (
            "“三公”经费支出比上年减少10.0万元，其中：因公出国（境）费与上年基本持平，公务接待费减少2.0万元，公务用车购置及运行费减少5.0万元。",
            None,
        ),
        (
            "“三公”经费支出28.0万元，比上年减少10.0万元，其中：因公出国（境）费0万元，与上年持平；公务接待费3.0万元，主要是接待批次减少2.0万元；"
            "公务用车购置及运行费25.0万元，比上年减少5.0万元。",
            None,
        ),
        (
            "“三公”经费支出比上年减少10.0万元，其中：因公出国（境）费比年初预算减少1.0万元，公务接待费减少2.0万元，公务用车购置及运行费减少5.0万元。",
            None,
        ),
        # 绵竹: the whole's change and rate end with ；, then the list.
        (
            "2025年全市“三公”经费预算总额为1969万元，较2024年的2190万元减少221万元，下降10.1%；其中：因公出国（境）经费40万元，"
            "较上年持平；公务接待费242万元，较上年减少12万元，下降4.7%；公务用车购置及运行维护费1687万元，较上年减少209万元，下降11%。",
            None,
        ),
        (
            "2025年全市“三公”经费预算总额为1969万元，较2024年的2190万元减少221万元，下降10.1%；其中：因公出国（境）经费40万元，"
            "较上年持平；公务接待费242万元，较上年减少12万元，下降4.7%；公务用车购置及运行维护费1687万元，较上年减少208万元，下降11%。",
            "正文说“三公”经费减少 221 万元，但“其中”所列各项的增减合起来是减少 220 万元（0 − 12 − 208，增加记正、减少记负）。",
        ),
        # A budget compares with last year's budget, its parts with 上年: the same base.
        (
            "2025年部门支出预算比上年预算增加100万元，其中：基本支出比上年增加40万元，项目支出比上年增加50万元。",
            "正文说支出增加 100 万元，但“其中”所列各项的增减合起来是增加 90 万元（40 + 50，增加记正、减少记负）。",
        ),
        ("2025年部门支出预算比上年执行数增加100万元，其中：基本支出比上年增加40万元，项目支出比上年增加50万元。", None),
        ("支出合计比上年增加100万元，其中：基本支出增加40万元，项目支出增加50万元，上缴上级支出增加10万元。", None),
        ("收入合计比上年增加100万元，其中：基本支出增加40万元，项目支出增加50万元。", None),
    ],
)
def test_the_changes_a_list_gives_its_parts_add_up_to_the_wholes_change(tmp_path: Path, text: str, told: str | None) -> None:
    """A 决算's 三公 note often gives every item's change after the whole's: they must add up, as the figures do."""
    found, _ = run(tmp_path, 2015, "final-accounts", THREE_PUBLIC_SAID.format(text=text))
    parts = [p for p in found if p.code in ("text-parts-mismatch", "rounding-difference")]
    if told is None:
        assert parts == []
    else:
        assert [(p.code, p.message) for p in parts] == [("text-parts-mismatch", told)]


def test_changes_of_parts_off_by_rounding_alone_are_a_notice(tmp_path: Path) -> None:
    """Each change is a difference of rounded figures: 0.13 × 3 printed 0.1 each against a whole of 0.4 is rounding."""
    text = "“三公”经费支出比上年减少0.4万元，其中：因公出国（境）费减少0.1万元，公务接待费减少0.1万元，公务用车购置及运行费减少0.1万元。"
    found, _ = run(tmp_path, 2015, "final-accounts", THREE_PUBLIC_SAID.format(text=text))
    assert codes(found) == [("rounding-difference", "notice")]


@pytest.mark.parametrize(
    ("text", "told"),
    [
        # 百色: whole 万元 are rounded from 元 too; 332 ± 0.5 over 4255 ± 1 puts the fall between 7.79% and 7.815%.
        ("“三公”经费预算共计3923万元，比2023年预算数减少332万元，下降7.81%。", ("rounding-difference", "notice")),
        ("“三公”经费预算共计3923万元，比2023年预算数减少332万元，下降7.90%。", ("text-rate-mismatch", "error")),
        # Whole 元 are the figures themselves: no rounding to allow for.
        ("“三公”经费预算共计39230000元，比2023年预算数减少3320000元，下降7.81%。", ("text-rate-mismatch", "error")),
        # Small whole 万元 are taken as they are: 1 ÷ 5 for 1 ÷ 6 (the wrong base) is an error, not rounding.
        ("“三公”经费预算5万元，比上年减少1万元，下降20%。", ("text-rate-mismatch", "error")),
    ],
)
def test_a_rate_of_whole_wan_yuan_allows_for_their_rounding(tmp_path: Path, text: str, told: tuple[str, str]) -> None:
    found, _ = run(tmp_path, 2024, "budget", THREE_PUBLIC_SAID.format(text=text))
    assert codes(found) == [told]


@pytest.mark.parametrize(("rate", "told"), [("10", []), ("12", [("text-rate-mismatch", "error")])])
def test_a_comparison_said_with_yu_bijiao_is_checked(tmp_path: Path, rate: str, told: list[tuple[str, str]]) -> None:
    """“与上年比较，减少2.0万元” compares as “与上年相比” does."""
    text = f"“三公”经费支出18.0万元，与上年比较减少2.0万元，下降{rate}%。"
    found, _ = run(tmp_path, 2022, "final-accounts", THREE_PUBLIC_SAID.format(text=text))
    assert codes(found) == told


@pytest.mark.parametrize(("rate", "told"), [("16.0", []), ("18.0", [("text-rate-mismatch", "error")])])
def test_a_rate_joined_to_its_change_by_a_dunhao_is_checked(tmp_path: Path, rate: str, told: list[tuple[str, str]]) -> None:
    """重庆's district template: “收支较上年决算数减少112.81万元、下降16.0%”."""
    text = f"本部门2020年度收入总计592.85万元，支出总计592.85万元。收支较上年决算数减少112.81万元、下降{rate}%，主要原因是基本支出减少。"
    found, _ = run(tmp_path, 2020, "final-accounts", THREE_PUBLIC_SAID.format(text=text))
    assert codes(found) == told


@pytest.mark.parametrize(
    "again",
    ["与上年相比，公务用车运行维护费减少3.00万元，下降30.00%。", "同比基本支出增加30.00万元，增长8.00%。"],
)
def test_a_comparison_after_a_reason_that_names_its_own_item_is_not_the_figure_before(tmp_path: Path, again: str) -> None:
    """After the reason, a comparison that names another item (whose figure the text does not give) is not checked against
    the figure compared before."""
    text = f"“三公”经费支出20.00万元，较上年减少5.00万元，下降20.00%。主要原因是严格控制公务接待。{again}"
    found, _ = run(tmp_path, 2022, "final-accounts", THREE_PUBLIC_SAID.format(text=text))
    assert found == []


@pytest.mark.parametrize(("rate", "told"), [("6", []), ("9", [("text-rate-mismatch", "error")])])
def test_a_figure_compared_again_after_a_reason_sentence_is_that_figure(tmp_path: Path, rate: str, told: list[tuple[str, str]]) -> None:
    """重庆's 决算 template: the year's figure, its comparison with last year, the reason, then “较年初预算数减少…”."""
    text = (
        "1.收入情况。2022年度一般公共预算财政拨款收入237.52万元，较上年决算数增加237.52万元，增长100%。主要原因是新增单位，无上年数据。"
        f"较年初预算数减少15.22万元，下降{rate}%。"
    )
    found, _ = run(tmp_path, 2022, "final-accounts", THREE_PUBLIC_SAID.format(text=text))
    assert codes(found) == told


@pytest.mark.parametrize(
    ("text", "told"),
    [
        # 出国 left out (it is 0): the two listed add up to the whole, or to less when the left-out one is not 0.
        ("“三公”经费预算20.1万元，其中：公务接待费16.7万元，公务用车购置及运行费3.4万元。", False),
        ("“三公”经费预算20.1万元，其中：公务接待费12.7万元，公务用车购置及运行费3.4万元。", False),
        # More than the whole: whatever the left-out item is, the figures cannot all be right.
        ("“三公”经费预算20.1万元，其中：公务接待费17.7万元，公务用车购置及运行费3.4万元。", True),
        ("“三公”经费预算20.1万元，其中：公务接待费17.7万元，公务用车运行费3.4万元。", True),
    ],
)
def test_a_three_public_list_leaving_an_item_out_may_not_add_up_to_more_than_the_whole(
    tmp_path: Path, text: str, told: bool
) -> None:
    found, _ = run(tmp_path, 2018, "budget", THREE_PUBLIC_SAID.format(text=text))
    if not told:
        assert found == []
    else:
        assert [(p.code, p.message) for p in found] == [
            ("text-parts-mismatch", "正文的总数 20.1 万元比“其中”所列几项之和还小：17.7 + 3.4 = 21.1 万元（没有列出的一项只会使总数更大）。")
        ]


@pytest.mark.parametrize(
    "text",
    [
        # The list goes on in the next paragraph, or the paragraph goes on about the item it left out.
        "2023年度“三公”经费支出20万元，其中：因公出国（境）费0万元，与上年持平；公务接待费5万元，比上年减少1万元；\n\n    公务用车购置及运行维护费15万元，比上年增加3万元。",
        "2023年度“三公”经费支出20万元，其中：因公出国（境）费0万元，公务接待费5万元。公务用车方面，购置费0万元，运行维护费15万元。",
        "2023年度“三公”经费支出30万元，其中：因公出国（境）费0万元，公务接待费5万元，公务用车运行维护费15万元。本年度购置公务用车1辆，支出10万元。",
    ],
)
def test_a_list_whose_left_out_item_the_text_goes_on_about_is_not_taken_as_0(tmp_path: Path, text: str) -> None:
    found, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC_SAID.format(text=text))
    assert found == []


@pytest.mark.parametrize(
    "lead",
    ["本着厉行节约原则安排“三公”经费20.1万元", "按照压减要求“三公”经费预算安排20.1万元", "压减后“三公”经费预算为20.1万元"],
)
def test_an_allocation_that_speaks_of_saving_is_not_a_change(tmp_path: Path, lead: str) -> None:
    """节约, 压减 before an allocation do not make its figure a change: its list is still the items' own figures."""
    text = f"{lead}，其中：因公出国（境）费0万元，公务接待费17.7万元，公务用车购置及运行费3.4万元。"
    found, _ = run(tmp_path, 2018, "budget", THREE_PUBLIC_SAID.format(text=text))
    assert codes(found) == [("text-parts-mismatch", "error")]


@pytest.mark.parametrize(("total", "told"), [("30.49", False), ("31.23", True)])
def test_a_three_public_list_naming_an_item_of_0_names_every_item(tmp_path: Path, total: str, told: bool) -> None:
    """甘南交通: “合计31.23万元，其中：公务接待费1.58万元，车辆运行费28.91万元，因公出国（境）费0万元” — a list that prints its
    0 names every item: the car's 购置费 it leaves out is 0 too, and 1.58 + 28.91 + 0 is not 31.23."""
    text = f"2015年“三公”经费合计{total}万元，其中：公务接待费1.58万元，车辆运行费28.91万元，因公出国（境）费0万元。"
    found, _ = run(tmp_path, 2015, "final-accounts", THREE_PUBLIC_SAID.format(text=text))
    if not told:
        assert found == []
    else:
        assert [(p.code, p.message) for p in found] == [
            (
                "text-parts-mismatch",
                "正文的总数 31.23 万元与“其中”所列各项之和不符：1.58 + 28.91 + 0 = 30.49 万元（所列各项中有印作 0 的，可见是逐项列出；"
                "没有列出的公务用车购置费按 0 计；原文另有这一项的数字时请确认差异）。",
            )
        ]


@pytest.mark.parametrize(
    ("text", "told"),
    [
        # The national 决算 template's list names all five: they add up to the year's spending.
        ("2023年度本年支出合计434.16万元，其中：基本支出300.00万元，项目支出134.16万元，上缴上级支出0万元，经营支出0万元，对附属单位补助支出0万元。", None),
        (
            "2023年度本年支出合计434.16万元，其中：基本支出300.00万元，项目支出143.16万元，上缴上级支出0万元，经营支出0万元，对附属单位补助支出0万元。",
            "正文的支出 434.16 万元与“其中”所列基本支出、项目支出、上缴上级支出、经营支出、对附属单位补助支出之和不符：300.00 + 143.16 + 0 + 0 + 0 = 443.16 万元。",
        ),
        # 基本支出 and 项目支出 alone may leave the others out: less is no error, more is.
        ("2023年度支出决算434.16万元，其中：基本支出300.00万元，项目支出100.00万元。", None),
        (
            "2023年度支出决算434.16万元，其中：基本支出300.00万元，项目支出143.16万元。",
            "正文的支出 434.16 万元与“其中”所列基本支出、项目支出之和不符：300.00 + 143.16 = 443.16 万元（没有列出的上缴上级支出等只会使总数更大）。",
        ),
        # The list in a sentence of its own, or after the total's comparison.
        (
            "2023年度本年支出合计434.16万元。其中：基本支出300.00万元，项目支出143.16万元。",
            "正文的支出 434.16 万元与“其中”所列基本支出、项目支出之和不符：300.00 + 143.16 = 443.16 万元（没有列出的上缴上级支出等只会使总数更大）。",
        ),
        (
            "2023年度本年支出合计434.16万元，较上年增加34.16万元，增长8.54%。其中：基本支出300.00万元，项目支出143.16万元。",
            "正文的支出 434.16 万元与“其中”所列基本支出、项目支出之和不符：300.00 + 143.16 = 443.16 万元（没有列出的上缴上级支出等只会使总数更大）。",
        ),
        ("2023年度本年支出合计434.16万元，较上年增加34.16万元，增长8.54%。其中：基本支出300.00万元，项目支出134.16万元。", None),
        # Changes, and a list of something else among them, are not the parts.
        ("2023年度支出决算434.16万元，其中：基本支出比上年增加300.00万元，项目支出增加143.16万元。", None),
        ("2023年度支出决算434.16万元，其中：基本支出300.00万元，项目支出143.16万元，人员经费250.00万元。", None),
        # 钱塘's layout: 其中 glued to the first part, each part with its share.
        (
            "本年支出合计4352.47万元，其中基本支出2054.70万元，占47.2%；项目支出2297.87万元，占52.8%；上缴上级支出0万元，占0%；经营支出0万元，占0%；对附属单位补助支出0万元，占0%",
            "正文的支出 4352.47 万元与“其中”所列基本支出、项目支出、上缴上级支出、经营支出、对附属单位补助支出之和不符：2054.70 + 2297.87 + 0 + 0 + 0 = 4352.57 万元。",
        ),
    ],
)
def test_the_parts_of_spending_by_its_nature_add_up_to_it(tmp_path: Path, text: str, told: str | None) -> None:
    found, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC_SAID.format(text=text))
    parts = [(p.code, p.message) for p in found if p.code in ("text-parts-mismatch", "rounding-difference")]
    assert parts == ([] if told is None else [("text-parts-mismatch", told)])


@pytest.mark.parametrize("project", ["17,799,199.76", "18,799,199.76"])
def test_the_parts_of_spending_after_a_comparison_in_clauses_of_its_own(tmp_path: Path, project: str) -> None:
    """教育部 2024: “本年支出合计…，比2023年的…，增加…，增长4.4%。其中：基本支出…；项目支出…；经营支出…，对附属单位补助支出…”."""
    text = (
        "教育部2024年度本年支出合计43,665,710.31万元,比2023年的41,814,652.58万元,增加1,851,057.73万元,增长4.4%。"
        f"其中:基本支出25,851,686.15万元,占59.2%;项目支出{project}万元,占40.8%;经营支出14,694.4万元,对附属单位补助支出130万元。"
    )
    found, _ = run(tmp_path, 2024, "final-accounts", THREE_PUBLIC_SAID.format(text=text), name="教育部")
    parts = [p for p in found if p.code == "text-parts-mismatch"]
    if project.startswith("17"):
        assert found == []
        return
    [told] = parts
    assert "43665710.31" in told.message and f"25851686.15 + {project.replace(',', '')} + 14694.4 + 130" in told.message


def test_a_share_above_100_percent_is_never_rounding(tmp_path: Path) -> None:
    """钱塘: a total mistyped below its part (4325.47 for 4352.47) made “占100%” 100.62%, told as cut-off decimals."""
    text = "本年收入合计4325.47万元；包括财政拨款收入4352.47万元，占收入合计100%；其他收入0万元，占收入合计0%。"
    found, _ = run(tmp_path, 2021, "final-accounts", THREE_PUBLIC_SAID.format(text=text))
    assert [(p.code, p.message) for p in found] == [
        # The sources, printed with their 0, are the whole too: the same slip breaks both.
        (
            "text-parts-mismatch",
            "正文的本年收入合计 4325.47 万元与“其中”所列财政拨款收入、其他收入之和不符：4352.47 + 0 = 4352.47 万元（所列各项中有印作 0 的，可见是逐项列全的）。",
        ),
        ("text-rate-mismatch", "正文“占100%”与所列数字不符：4352.47 ÷ 4325.47 × 100 = 100.62，部分比整体还大，请核对这两个数字。"),
    ]


def three_public_table(total: str, overseas: str, reception: str, vehicle: str, purchase: str = "", operation: str = "") -> str:
    """A 三公 budget table as blocks of a document's body, the car's two costs when given."""
    rows = [("total", "合计", total), ("overseas", "因公出国（境）费", overseas), ("reception", "公务接待费", reception)]
    rows += [("vehicle", "公务用车购置及运行费", vehicle), ("vehicle-purchase", "公务用车购置费", purchase), ("vehicle-operation", "公务用车运行费", operation)]
    lines = "".join(f"    - {{id: {key}, label: {label}, values: [{value}]}}\n" for key, label, value in rows if value)
    return "- type: table\n  role: three-public\n  title: “三公”经费预算表\n  columns:\n    - {id: budget, label: 预算数}\n  rows:\n" + lines


def test_a_three_public_text_beside_its_table_is_checked_against_the_table(tmp_path: Path) -> None:
    """With a 三公 table, the table's sums and the text's figures against its cells say it: not again from the text."""
    body = three_public_table("20.1", "0", "16.7", "3.4") + THREE_PUBLIC_SAID.format(
        text="“三公”经费预算数为20.1万元，其中：因公出国（境）费0万元，公务接待费17.7万元，公务用车购置及运行费3.4万元。"
    )
    found, _ = run(tmp_path, 2018, "budget", body)
    assert codes(found) == [("text-figure-mismatch", "error")]


def test_the_parts_of_a_decrease_are_not_the_items_own_figures(tmp_path: Path) -> None:
    """渝中区: “三个单位上划到市级，减少了“三公”经费342.74万元，其中公务用车购置及运行维护费308.87万元” — 308.87 is the car's
    share of the decrease, not its year's spending, which the table prints."""
    said = "部分减少的经费是因为三个单位上划到市级，减少了“三公”经费{a}万元，其中公务用车购置及运行费{b}万元。公务用车购置及运行费{c}万元。"
    body = three_public_table("20.1", "0", "16.7", "3.4")
    found, _ = run(tmp_path / "right", 2018, "budget", body + THREE_PUBLIC_SAID.format(text=said.format(a="3.42", b="3.08", c="3.4")))
    assert found == []
    # The car's own figure after the list is still the year's, and still checked.
    found, _ = run(tmp_path / "wrong", 2018, "budget", body + THREE_PUBLIC_SAID.format(text=said.format(a="3.42", b="3.08", c="4.3")))
    assert codes(found) == [("text-figure-mismatch", "error")]


@pytest.mark.parametrize(("rate", "told"), [("9.05", []), ("10.05", [("text-rate-mismatch", "error")])])
def test_a_comparison_opened_by_jingbijiao_is_of_the_item_it_names(tmp_path: Path, rate: str, told: list[tuple[str, str]]) -> None:
    """重庆: “经比较，…开支“三公”经费较上年预算减少2.0万元，下降9.05%” — 比较 is not the comparison, 较上年 is; the year's
    figure is the table's."""
    text = f"经比较，本部门一般公共预算财政拨款开支“三公”经费较上年预算减少2.0万元，下降{rate}%。"
    found, _ = run(tmp_path, 2018, "budget", three_public_table("20.1", "0", "16.7", "3.4") + THREE_PUBLIC_SAID.format(text=text))
    assert codes(found) == told


@pytest.mark.parametrize(("reception", "told"), [("16.7", []), ("17.7", [("text-figure-mismatch", "error")])])
def test_a_name_right_after_chiping_without_a_comma_is_the_next_items(tmp_path: Path, reception: str, told: list[tuple[str, str]]) -> None:
    """云县: “…因公出国（境）费…为0万元，与上年持平公务接待费预算数为310.37万元” — the comma after 持平 left out; 公务接待费 starts the
    next item (it was read as glued to 持平, and its figure given to 因公出国)."""
    text = f"其中：因公出国（境）费预算数为0万元，与上年持平公务接待费预算数为{reception}万元。"
    found, _ = run(tmp_path, 2018, "budget", three_public_table("20.1", "0", "16.7", "3.4") + THREE_PUBLIC_SAID.format(text=text))
    assert codes(found) == told
    assert all("公务接待费" in p.message for p in found)


def test_two_figures_swapped_against_the_table_are_told_as_swapped(tmp_path: Path) -> None:
    """寿县司法局: the table prints 购置费 50, 运行费 25; the text says 运行费 50 and 购置费 25."""
    body = three_public_table("80", "0", "5", "75", "50", "25") + THREE_PUBLIC_SAID.format(
        text="公务用车运行费{a}万元，主要用于执法执勤车辆运行。公务用车购置费{b}万元，用于购置执法执勤车辆。"
    )
    found, _ = run(tmp_path / "swapped", 2022, "budget", body.replace("{a}", "50").replace("{b}", "25"))
    assert codes(found) == [("text-figure-mismatch", "error")] * 2
    assert found[0].message.endswith("正文中另一处“公务用车购置费”写作 25、表中是 50：两项的数字正好对调，可能是写反了。")
    assert found[1].message.endswith("正文中另一处“公务用车运行费”写作 50、表中是 25：两项的数字正好对调，可能是写反了。")
    # Two figures wrong each its own way are not a swap.
    found, _ = run(tmp_path / "apart", 2022, "budget", body.replace("{a}", "50").replace("{b}", "24"))
    assert codes(found) == [("text-figure-mismatch", "error")] * 2
    assert not any("对调" in p.message for p in found)


# --------------------------------------------------------------------------- directions


def test_a_direction_word_against_the_two_years(tmp_path: Path) -> None:
    found, text = run(tmp_path / "a", 2024, "budget", GROWTH.format(before="60.13", word="增加", rate="57.14"))
    assert codes(found) == [("text-direction-mismatch", "error")]
    assert (found[0].line, found[0].column) == place_of(text, "增加57.14")
    assert "2024年的 25.77 万元比2023年的 60.13 万元少 34.36 万元" in found[0].message
    found, _ = run(tmp_path / "b", 2024, "budget", GROWTH.format(before="25.77", word="持平", rate="").replace("持平%", "持平"))
    assert found == []
    found, _ = run(tmp_path / "c", 2024, "budget", GROWTH.format(before="25.50", word="持平", rate="").replace("持平%", "持平"))
    assert codes(found) == [("text-direction-mismatch", "error")]
    found, _ = run(tmp_path / "d", 2024, "budget", GROWTH.format(before="25.50", word="基本持平", rate="").replace("持平%", "持平"))
    assert found == []


VERSUS = """\
- type: text
  text: |
    2024年度“三公”经费支出决算数{word}预算数的主要原因：当年度无“三公”经费支出。
- type: table
  role: final-three-public
  title: 财政拨款“三公”经费支出决算表
  unit: 万元
  columns:
    - {{id: total-budget, label: 预算数, group: [合计]}}
    - {{id: total-actual, label: 决算数, group: [合计]}}
    - {{id: overseas-budget, label: 预算数, group: [因公出国（境）费]}}
    - {{id: overseas-actual, label: 决算数, group: [因公出国（境）费]}}
    - {{id: vehicle-budget, label: 预算数, group: [公务用车购置及运行费, 小计]}}
    - {{id: vehicle-actual, label: 决算数, group: [公务用车购置及运行费, 小计]}}
    - {{id: reception-budget, label: 预算数, group: [公务接待费]}}
    - {{id: reception-actual, label: 决算数, group: [公务接待费]}}
  rows:
    - {{id: total, label: "", values: [0.95, ~, ~, ~, ~, ~, 0.95, ~]}}
"""


def test_budget_against_actual_in_words_is_checked_against_the_table(tmp_path: Path) -> None:
    found, _ = run(tmp_path / "a", 2024, "final-accounts", VERSUS.format(word="小于"))
    assert found == []
    found, _ = run(tmp_path / "b", 2024, "final-accounts", VERSUS.format(word="大于"))
    assert codes(found) == [("text-direction-mismatch", "error")]
    assert "决算数 0 万元、预算数 0.95 万元" in found[0].message


def test_budget_against_actual_in_the_same_paragraph(tmp_path: Path) -> None:
    said = """\
    - type: text
      text: |
        1、一般公共服务支出（类）财政事务（款）信息化建设（项）。主要用于：信息化系统日常维护费等支出。年初预算为135.90万元，支出决算为135.25万元。决算数{word}预算数的主要原因：调减相关经费。
    """
    found, _ = run(tmp_path / "a", 2024, "final-accounts", said.format(word="小于"))
    assert found == []
    found, _ = run(tmp_path / "b", 2024, "final-accounts", said.format(word="大于"))
    assert codes(found) == [("text-direction-mismatch", "error")]


# --------------------------------------------------------------------------- names, years, template words

RENAMED = """\
- type: text
  text: |
    {name}（类）体育（款）群众体育（项）20.00万元，主要用于群众体育。
- type: table
  role: budget-expenditure
  title: 支出预算总表
  unit: 元
  columns:
    - {{id: total, label: 合计}}
  rows:
    - {{code: "207", label: 文化旅游体育与传媒支出, values: [200000]}}
    - {{code: "20703", label: 体育, values: [200000]}}
    - {{code: "2070308", label: 群众体育, values: [200000]}}
    - {{id: total, label: 合计, values: [200000]}}
"""


def test_a_class_under_its_old_name_in_the_text_is_a_name_mismatch(tmp_path: Path) -> None:
    found, _ = run(tmp_path / "a", 2024, "budget", RENAMED.format(name="文化旅游体育与传媒支出"))
    assert found == []
    found, text = run(tmp_path / "b", 2024, "budget", RENAMED.format(name="文化体育与传媒支出"))
    assert codes(found) == [("code-name-mismatch", "error")]
    assert (found[0].line, found[0].column) == place_of(text, "文化体育与传媒支出")
    assert "文化旅游体育与传媒支出" in found[0].message and "207" in found[0].message


@pytest.mark.parametrize(
    ("total", "then"),
    [
        ("收、支总计", "收、支总计各"),
        ("收入、支出决算总计", "收入、支出总计各"),
        ("收入支出决算总计", "收入支出总计均"),
        ("收、支总计均为", "收、支总计各"),  # the Sichuan template: 收、支总计均为X万元
        ("收入、支出总计各", "收、支总计各"),
    ],
)
def test_the_totals_written_with_a_pause_and_a_both(tmp_path: Path, total: str, then: str) -> None:
    """“2023年度收、支总计6661.00万元。与2022年相比，收、支总计各增加348.52万元，增长5.25%” (5.52 is right)."""
    said = f"- type: text\n  text: |\n    2023年度{total}{{figure}}万元。与2022年相比，{then}增加348.52万元，增长{{rate}}%。\n"
    table = """\
- type: table
  role: final-summary
  title: 收入支出决算总表
  unit: 万元
  sides:
    - id: income
      columns:
        - {id: actual, label: 决算数}
      rows:
        - {id: grand-total, label: 总计, values: [6661.00]}
    - id: expenditure
      columns:
        - {id: actual, label: 决算数}
      rows:
        - {id: grand-total, label: 总计, values: [6661.00]}
"""
    found, _ = run(tmp_path / "right", 2023, "final-accounts", said.format(figure="6661.00", rate="5.52") + table)
    assert found == []
    found, _ = run(tmp_path / "wrong", 2023, "final-accounts", said.format(figure="6616.00", rate="5.25") + table)
    assert sorted(codes(found)) == [("text-figure-mismatch", "error"), ("text-rate-mismatch", "error")]


def test_this_years_general_appropriation_is_the_years_income_without_carry_over(tmp_path: Path) -> None:
    """“一般公共预算当年拨款” is the 财政拨款收支总表's 本年 income of that fund, not its spending with the carry-over."""
    body = """\
- type: text
  text: |
    2025年一般公共预算当年拨款{figure}万元。
- type: table
  role: budget-fiscal-summary
  title: 财政拨款收支预算总表
  unit: 万元
  sides:
    - id: income
      columns:
        - {{id: budget, label: 预算数}}
      rows:
        - {{id: total-income, label: 一、本年收入, values: [988.01]}}
        - {{id: general, label: （一）一般公共预算拨款, values: [988.01]}}
        - {{id: carryover-start, label: 二、上年结转, values: [5.00]}}
        - {{id: carryover-start-general, label: （一）一般公共预算拨款, values: [5.00]}}
        - {{id: grand-total, label: 收入总计, values: [993.01]}}
    - id: expenditure
      columns:
        - {{id: total, label: 合计}}
        - {{id: general, label: 一般公共预算拨款}}
      rows:
        - {{label: 一、公共安全支出, values: [993.01, 993.01]}}
        - {{id: grand-total, label: 支出总计, values: [993.01, 993.01]}}
"""
    found, _ = run(tmp_path / "right", 2025, "budget", body.format(figure="988.01"))
    assert found == []
    found, _ = run(tmp_path / "wrong", 2025, "budget", body.format(figure="998.01"))
    assert codes(found) == [("text-figure-mismatch", "error")] and "988.01" in found[0].message


def test_counts_in_the_text_are_the_three_public_tables_counts(tmp_path: Path) -> None:
    """“国内公务接待12批次，168人次”, “公务用车保有量6辆” against the table's 批次, 人次 and 保有量 columns."""
    body = """\
- type: text
  text: |
    公务接待费支出4.05万元，国内公务接待{batches}批次，{people}人次，比上年减少3批次。公务用车保有量{cars}辆。
- type: table
  role: final-three-public
  title: 财政拨款“三公”经费支出决算表
  unit: 万元
  columns:
    - {{id: reception-budget, label: 预算数, group: [公务接待费]}}
    - {{id: reception-actual, label: 决算数, group: [公务接待费]}}
    - {{id: vehicles, label: 公务用车保有量}}
    - {{id: reception-batches, label: 国内公务接待批次}}
    - {{id: reception-people, label: 国内公务接待人次}}
  rows:
    - {{id: total, label: "", values: [5.00, 4.05, 4, 21, 186]}}
"""
    found, _ = run(tmp_path / "right", 2023, "final-accounts", body.format(batches=21, people=186, cars=4))
    assert found == []
    found, text = run(tmp_path / "wrong", 2023, "final-accounts", body.format(batches=12, people=168, cars=6))
    assert codes(found) == [("text-figure-mismatch", "error")] * 3
    assert [(p.stated, p.computed) for p in found] == [("12", "21"), ("168", "186"), ("6", "4")]
    assert (found[0].line, found[0].column) == place_of(text, "12批次")


@pytest.mark.parametrize(
    "sentence",
    [
        # 重庆: the fund paid from is named, and its 预算 is no budget.
        "截至2024年12月31日，使用一般公共预算财政拨款开支的公务用车保有量为{cars}辆。",
        # The national 决算 template.
        "截至2024年12月底，单位共有公务用车{cars}辆。",
    ],
)
def test_the_templates_sentences_of_the_cars_held_are_compared(tmp_path: Path, sentence: str) -> None:
    body = COUNTED.format(text="公务用车运行维护费5.20万元。" + sentence)
    found, _ = run(tmp_path / "right", 2024, "final-accounts", body.format(cars=4, batches=6, people=38))
    assert found == []
    found, _ = run(tmp_path / "wrong", 2024, "final-accounts", body.format(cars=5, batches=6, people=38))
    assert codes(found) == [("text-figure-mismatch", "error")] and (found[0].stated, found[0].computed) == ("5", "4")


def test_receptions_counted_in_their_own_sentence_of_the_paragraph_are_compared(tmp_path: Path) -> None:
    """重庆: “公务接待费0.86万元，主要用于……。2024年共计接待6批次38人次。” — the sentence names no 公务接待."""
    body = COUNTED.format(text="公务接待费0.86万元，主要用于接待上级部门检查指导工作。2024年共计接待{batches}批次{people}人次。")
    found, _ = run(tmp_path / "right", 2024, "final-accounts", body.format(cars=4, batches=6, people=38))
    assert found == []
    found, _ = run(tmp_path / "wrong", 2024, "final-accounts", body.format(cars=4, batches=8, people=83))
    assert [(p.stated, p.computed) for p in found] == [("8", "6"), ("83", "38")]
    # Guests from abroad, and a paragraph about something else, are not the 国内 counts.
    other = COUNTED.format(text="外事接待费0.86万元。2024年共计接待{batches}批次{people}人次。")
    found, _ = run(tmp_path / "abroad", 2024, "final-accounts", other.format(cars=4, batches=8, people=83))
    assert found == []


COUNTED = """\
- type: text
  text: |
    {text}
- type: table
  role: final-three-public
  title: 财政拨款“三公”经费支出决算表
  unit: 万元
  columns:
    - {{{{id: vehicles, label: 公务用车保有量}}}}
    - {{{{id: reception-batches, label: 国内公务接待批次}}}}
    - {{{{id: reception-people, label: 国内公务接待人次}}}}
  rows:
    - {{{{id: total, label: "", values: [4, 6, 38]}}}}
"""


def test_a_self_evaluations_text_is_checked_against_its_tables_by_unit(tmp_path: Path) -> None:
    """A form-style 整体支出绩效自评 prints 支出 and “三公” by unit; “本年支出”, “三公”经费支出 in its text are their totals."""
    body = """\
- type: text
  text: |
    本年支出{spent}万元。2024年“三公”经费支出{three}万元。
- type: table
  role: expenditure-by-unit
  title: （二）支出情况
  unit: 万元
  columns:
    - {{id: total, label: 支出合计}}
    - {{id: basic, label: 基本支出}}
    - {{id: project, label: 项目支出}}
  rows:
    - {{id: total, label: 合计, values: [1152.00, 900.00, 252.00]}}
    - {{label: 局机关, values: [1152.00, 900.00, 252.00]}}
- type: table
  role: three-public-by-unit
  title: （三）“三公”经费支出情况
  unit: 万元
  columns:
    - {{id: total, label: 合计}}
    - {{id: overseas, label: 因公出国（境）费}}
    - {{id: vehicle, label: 公务用车购置及运行维护费}}
    - {{id: reception, label: 公务接待费}}
  rows:
    - {{id: total, label: 合计, values: [11.40, 0, 8.40, 3.00]}}
    - {{label: 局机关, values: [11.40, 0, 8.40, 3.00]}}
"""
    found, _ = run(tmp_path / "right", 2024, "self-evaluation", body.format(spent="1152.00", three="11.40"))
    assert found == []
    found, _ = run(tmp_path / "wrong", 2024, "self-evaluation", body.format(spent="1125.00", three="11.04"))
    assert codes(found) == [("text-figure-mismatch", "error")] * 2


def test_a_total_stated_as_支出决算_is_not_any_支出_before_it(tmp_path: Path) -> None:
    """“与2023年度相比，支出决算增加…” compares the 支出决算 stated first, not the 项目支出 named last."""
    said = (
        "- type: text\n  text: |\n    2024年度支出决算2940.05万元，其中：基本支出2336.91万元，项目支出603.14万元。"
        "与2023年度相比，支出决算增加294.01万元，增长11.11%。\n"
    )
    found, _ = run(tmp_path, 2024, "final-accounts", said)
    assert found == []


def test_counts_of_another_year_or_of_the_plan_are_not_compared(tmp_path: Path) -> None:
    body = """\
- type: text
  text: |
    年初预算安排购置公务用车2辆，实际购置1辆。
    下一年度拟安排因公出国（境）团组5个，累计20人次。
    2023年末公务用车保有量4辆，2024年末公务用车保有量3辆。
    2023年国内公务接待15批次，2024年无公务接待。
    按规定可配备公务用车5辆，原有公务用车保有量4辆。
    因公出国（境）团组{groups}个。
- type: table
  role: final-three-public
  title: 财政拨款“三公”经费支出决算表
  unit: 万元
  columns:
    - {{id: vehicles, label: 公务用车保有量}}
    - {{id: vehicles-purchased, label: 公务用车购置数}}
    - {{id: reception-batches, label: 国内公务接待批次}}
    - {{id: overseas-groups, label: 因公出国（境）团组数}}
  rows:
    - {{id: total, label: "", values: [3, 1, 0, 2]}}
"""
    found, _ = run(tmp_path / "right", 2024, "final-accounts", body.format(groups=2))
    assert found == []
    found, _ = run(tmp_path / "wrong", 2024, "final-accounts", body.format(groups=3))
    assert codes(found) == [("text-figure-mismatch", "error")] and found[0].stated == "3"


def test_the_documents_own_year_as_base_year_in_a_final_account(tmp_path: Path) -> None:
    said = "- type: text\n  text: |\n    与{year}年度相比，收入支出总计减少56.95万元。决算数比2024年年初预算减少53.87万元。\n"
    found, _ = run(tmp_path / "a", 2024, "final-accounts", said.format(year=2023))
    assert found == []
    found, text = run(tmp_path / "b", 2024, "final-accounts", said.format(year=2024))
    assert codes(found) == [("text-wrong-year", "error")]
    assert (found[0].line, found[0].column) == place_of(text, "2024年度相比")


@pytest.mark.parametrize("said", ["比上年（{year}年）减少56.95万元", "与上年度（{year}年度）决算数相比，减少56.95万元", "比上一年({year}年)减少56.95万元"])
def test_the_prior_year_named_in_brackets_is_the_prior_year(tmp_path: Path, said: str) -> None:
    body = "- type: text\n  text: |\n    收入支出总计1000.00万元，" + said + "。\n"
    found, _ = run(tmp_path / "a", 2024, "final-accounts", body.format(year=2023))
    assert found == []
    found, text = run(tmp_path / "b", 2024, "final-accounts", body.format(year=2024))
    assert codes(found) == [("text-wrong-year", "error")]
    line, column = place_of(text, "收入支出总计")
    assert found[0].line == line and found[0].column == column + text.splitlines()[line - 1][column - 1 :].index("2024")


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        # 西藏 护路联防办 2025: last year's sentence left in the budget.
        ("budget", "纳入西藏自治区党委政法委铁路护路联防办公室{year}年度部门预算范围的单位只包括西藏自治区党委政法委铁路护路联防办公室本级。"),
        ("budget", "本年度（{year}年）部门收支总预算2849.19万元。"),
        ("final-accounts", "{year}年度部门决算公开情况说明如下。"),
        # 河北's template, its sentence kept from last year's document with this year's figure.
        ("budget", "{year}年，我部门财政拨款“三公”经费预算安排1.5万元。"),
        ("budget", "{year}年，我部门机关运行经费共计安排13.2万元，主要用于办公费、邮电费等支出。"),
        # 浙江: a sentence kept whole from last year's budget, compared with its own 上年.
        ("budget", "{year}年机关运行经费预算205.80万元，比上年增加20.20万元，增长10.88%。"),
        ("budget", "{year}年，我部门“三公”经费预算安排1.4万元，比上年减少0.1万元，下降6.67%。"),
    ],
)
def test_words_that_can_only_mean_the_documents_own_year(tmp_path: Path, kind: str, said: str) -> None:
    body = "- type: text\n  text: |\n    " + said + "\n"
    year = 2025 if kind == "budget" else 2024
    found, _ = run(tmp_path / "own", year, kind, body.format(year=year))
    assert found == []
    found, text = run(tmp_path / "last", year, kind, body.format(year=year - 1))
    assert codes(found) == [("text-own-year", "warning")]
    assert (found[0].line, found[0].column) == place_of(text, str(year - 1))
    assert f"{year - 1}年" in found[0].message and f"本文档是{year}年的" in found[0].message


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        # 甘南 2015: the year before's publication, compared with.
        ("final-accounts", "2015年部门决算公开“三公”经费合计31.23万元。较2014年度部门决算公开“三公”经费合计16.08万元增加15.15万元。"),
        ("budget", "根据《关于做好2014年部门预算公开工作的通知》要求，现将本部门预算公开如下。"),
        # Another phase than the document's: a budget's scope named in a 决算 may be the year's budget.
        ("final-accounts", "纳入本部门2014年度部门预算编制范围的单位共3个。"),
        # Last year's arrangement beside this year's, or compared: rightly another year.
        ("budget", "2014年，我部门“三公”经费预算安排1.4万元，2015年预算安排1.5万元。"),
        ("final-accounts", "2014年，我部门“三公”经费预算安排1.4万元，实际支出1.2万元。"),
        # Last year's restated on this year's basis, in an aside; last year's execution compared with the year before it.
        ("budget", "按同口径（含原县乡村振兴局2014年预算146.30万元）比较，比上年增加206.82万元，增长5.16%。"),
        ("budget", "2014年预算执行数205.80万元，比上年增加20.20万元。"),
    ],
)
def test_another_year_said_of_another_thing_is_no_slip(tmp_path: Path, kind: str, said: str) -> None:
    found, _ = run(tmp_path, 2015, kind, "- type: text\n  text: |\n    " + said + "\n")
    assert [p for p in found if p.code in ("text-own-year", "text-wrong-year")] == []


@pytest.mark.parametrize("said", ["下表中“增（减）”栏为本年决算数减去上年决算数。", "增（减）额为负数表示减少。", "增加（减少）%按上年数计算。"])
def test_a_column_named_增减_is_no_template_word(tmp_path: Path, said: str) -> None:
    found, _ = run(tmp_path, 2024, "final-accounts", "- type: text\n  text: |\n    " + said + "\n")
    assert found == []


def test_template_words_in_a_table_note_and_a_heading(tmp_path: Path) -> None:
    body = """\
    - type: heading
      text: 上海市 XX 局2024年度部门决算情况说明
    - type: table
      role: final-gov-fund
      title: 政府性基金预算财政拨款收入支出决算表
      columns:
        - {id: carryover-start, label: 年初结转和结余}
        - {id: income, label: 本年收入}
        - {id: expense, label: 小计, group: [本年支出]}
        - {id: carryover-end, label: 年末结转和结余}
      empty_note: 说明：上海市 XX 局本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。
    """
    found, _ = run(tmp_path, 2024, "final-accounts", body)
    assert codes(found) == [("template-residue", "error"), ("template-residue", "error")]
    assert [p.message[:2] for p in found] == ["正文", "表注"]


def test_template_words_a_real_document_missed_are_reported_where_they_are_written(tmp_path: Path) -> None:
    body = """\
    - type: text
      text: |
        2023年度收、支总计6661.00万元。与2022年相比，收、支总计各增加348.52万元，增长5.52%。主要变动原因是。
    - type: text
      text: |
        2023年度本部门机关运行经费支出97.76万元，比上年减少8.79万元，下降8.25%，主要原因是：（请说明增减原因）。
    - type: text
      text: |
        截至2023年12月31日，本部门共有车辆3辆。单价50万元以上通用设备X台（套），单价100万元以上专用设备0台（套）。
    """
    found, text = run(tmp_path, 2024, "final-accounts", body)
    assert codes(found) == [("template-residue", "error")] * 3
    assert [(p.line, p.column) for p in found] == [place_of(text, w) for w in ("主要变动原因是。", "（请说明", "X台（套）")]
    assert "“（请说明增减原因）”" in found[1].message and "“X台（套）”" in found[2].message


def test_the_same_paragraphs_filled_in_are_not_template_residue(tmp_path: Path) -> None:
    body = """\
    - type: text
      text: |
        2023年度收、支总计6661.00万元。与2022年相比，收、支总计各增加348.52万元，增长5.52%。主要变动原因是养老服务投入增加。
        决算数小于预算数的原因是：一是压减公用经费；二是项目结余。具体内容（请见附件）。
    - type: text
      text: |
        截至2023年12月31日，本部门共有车辆3辆。单价50万元以上通用设备1台（套），X射线安检设备1台，iPhone X手机2部。
    """
    found, _ = run(tmp_path, 2024, "final-accounts", body)
    assert found == []


def test_an_acknowledged_figure_is_a_warning_with_its_reason(tmp_path: Path) -> None:
    ack = """\
    acknowledgements:
      - code: text-figure-mismatch
        field: body.0.text
        stated: 938.98
        computed: 938.9913
        reason: 原文如此。
    """
    found, _ = run(tmp_path, 2025, "budget", COMMERCE.format(figure="938.98"), ack)
    assert [(p.code, p.severity, p.acknowledged) for p in found] == [("text-figure-mismatch", Severity.WARNING, "原文如此。")]


def test_an_acknowledged_rounding_notice_stays_a_notice_with_its_reason(tmp_path: Path) -> None:
    # A notice never blocked publishing: acknowledging it shows the reason and does not make it a warning.
    found, _ = run(tmp_path / "plain", 2025, "budget", THREE_PUBLIC.format(total="1.00", costs="171.02"))
    [notice] = found
    ack = f"""\
    acknowledgements:
      - code: rounding-difference
        field: {notice.field}
        stated: {notice.stated}
        computed: {notice.computed}
        reason: 原文如此，系四舍五入所致。
    """
    found, _ = run(tmp_path / "acknowledged", 2025, "budget", THREE_PUBLIC.format(total="1.00", costs="171.02"), ack)
    assert [(p.code, p.severity, p.acknowledged) for p in found] == [("rounding-difference", Severity.NOTICE, "原文如此，系四舍五入所致。")]


def test_a_figure_of_the_item_the_paragraph_names_first_is_checked_and_named_with_its_words(tmp_path: Path) -> None:
    table = """\
    - type: table
      role: budget-expenditure
      title: 2024年部门支出预算总表
      unit: 元
      columns:
        - {id: total, label: 合计}
      rows:
        - {code: "201", label: 一般公共服务支出, values: [257700]}
        - {code: "20105", label: 统计信息事务, values: [257700]}
        - {code: "2010507", label: 专项普查活动, values: [257700]}
        - {id: total, label: 合计, values: [257700]}
    """
    body = textwrap.dedent(GROWTH.format(before="60.13", word="减少", rate="57.14")) + textwrap.dedent(table)
    found, _ = run(tmp_path / "a", 2024, "budget", body)
    assert found == []
    found, text = run(tmp_path / "b", 2024, "budget", body.replace("2024年预算安排25.77万元", "2024年预算安排25.87万元"))
    # The rate is then wrong too: (25.87 − 60.13) ÷ 60.13 = −56.98 %.
    assert codes(found) == [("text-figure-mismatch", "error"), ("text-rate-mismatch", "error")]
    assert (found[0].line, found[0].column) == place_of(text, "25.87")
    assert "专项普查活动（项）”的“2024年预算安排”（项 2010507）写作 25.87 万元" in found[0].message


# --------------------------------------------------------------------------- any text

FRAGMENTS = [
    "一般公共服务支出（类）", "商贸事务（款）", "行政运行（项）", "“", "”", "-", "科目", "（", "）", "(", ")",
    "938.99", "1,202.95", "0", "0.3", "万元", "元", "亿元", "%", "％", "占", "的", "比", "较", "与", "相比",
    "2023年", "2025年度", "上年", "增加", "减少", "下降", "增长", "持平", "基本持平", "决算数", "预算数", "小于", "大于",
    "年初预算为", "支出决算为", "其中", "：", "，", "；", "。", "\n", "\n\n", "1、", "主要原因是", "XX", "三公经费",
    "本年收入合计", "财政拨款收入", "基本支出", "完成预算的", "2011301", "待填写", "增加（减少）", " ",
]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40))
def test_any_text_is_read_without_a_traceback_and_placed_inside_the_file(tmp_path_factory: pytest.TempPathFactory, parts: list[str]) -> None:
    said = "".join(parts)
    body = COMMERCE.format(figure="938.99").replace(
        "    1. “一般公共服务支出（类）商贸事务（款）行政运行（项）”938.99万元，主要用于机关行政运行和机关人员经费支出。\n",
        textwrap.indent(said.replace("\r", "") + "\n", "    ") if said.strip() else "    x\n",
    )
    found, text = run(tmp_path_factory.mktemp("any"), 2025, "budget", body)
    lines = text.count("\n") + 1
    for problem in found:
        assert 0 < problem.line <= lines and problem.column > 0, problem
        assert problem.message and problem.file == DOC


STATE_CAPITAL = """\
- type: text
  text: |
    某部门2024年度国有资本经营预算财政拨款收入49.34万元，支出47.59万元，年末结转和结余{said}万元。
- type: table
  role: final-summary
  title: 收入支出决算总表
  sides:
    - id: income
      title: 收入
      columns:
        - {{id: actual, label: 决算数}}
      rows:
        - {{id: general, label: 一、一般公共预算财政拨款收入, values: [100.00]}}
        - {{id: total-income, label: 本年收入合计, values: [100.00]}}
        - {{id: grand-total, label: 总计, values: [100.00]}}
    - id: expenditure
      title: 支出
      columns:
        - {{id: actual, label: 决算数}}
      rows:
        - {{label: 一、一般公共服务支出, values: [88.14]}}
        - {{id: total-expenditure, label: 本年支出合计, values: [88.14]}}
        - {{id: carryover-end, label: 年末结转和结余, values: [11.86]}}
        - {{id: grand-total, label: 总计, values: [100.00]}}
"""


def test_a_carry_over_of_one_fund_is_not_the_all_funds_total(tmp_path: Path) -> None:
    # The sentence speaks of the 国有资本经营预算 fund: the summary table's 年末结转和结余 (all funds) is another figure.
    found, _ = run(tmp_path / "fund", 2024, "final-accounts", STATE_CAPITAL.format(said="1.93"))
    assert "text-figure-mismatch" not in [p.code for p in found]
    # Without the fund's name the sentence restates the summary's figure, and a different one is reported.
    plain = STATE_CAPITAL.format(said="1.93").replace("国有资本经营预算财政拨款", "")
    found, _ = run(tmp_path / "all", 2024, "final-accounts", plain)
    assert "text-figure-mismatch" in [p.code for p in found]


# --------------------------------------------------------------------------- the score and grade a report states

SCORED = """\
- type: text
  text: |
    经自评，我局2023年度部门整体支出绩效自评得分{score}分，自评等级为“{grade}”。
    一是预算编制指标，绩效自评得分：15分；二是资金管理指标，绩效自评得分：26.9分；其中决策得分18.5分。
    所属项目4个，平均得分99.43分，其中项目自评等级为“优”的4个。
    绩效自评总分为100分。2023年本局对3个项目开展绩效自评，其中自评等级为“优”的项目2个，自评等级为“良”的项目1个，90分以上的项目2个。
"""


@pytest.mark.parametrize(
    ("score", "grade", "expected"),
    [
        ("77.3", "中", []),
        ("77", "中", []),  # the whole score rounded in the text
        ("87.3", "中", [("87.3", "77.3")]),
        ("77.3", "良", [("良", None)]),
    ],
)
def test_the_score_and_grade_a_report_states_are_its_own(tmp_path: Path, score: str, grade: str, expected: list[tuple[str, str | None]]) -> None:
    """The whole score said as such is compared with the header's; a part's score, a project's or an average is not."""
    problems, text = run(tmp_path, 2023, "self-evaluation", SCORED.format(score=score, grade=grade), extra="score: 77.3\ngrade: 中\n")
    found = [p for p in problems if p.code == "text-figure-mismatch"]
    assert [(p.stated if p.stated else re.search(r"‘(.)’", p.message).group(1), p.computed) for p in found] == [  # type: ignore[union-attr]
        (stated, computed) for stated, computed in expected
    ]
    for p in found:
        assert (p.line, p.severity.value) == (place_of(text, "经自评")[0], "error")


GRADE_SAID = """\
- type: text
  text: |
    经自评，我局2020年度部门整体支出绩效综合评分为97分，{said}。
"""


@pytest.mark.parametrize(
    ("said", "wrong"),
    [
        ("等级为良好", True),
        ("等级为“良”", True),
        ("自评结果为“良”", True),
        ("评价结果为良好", True),
        ("等级评定为良", True),
        ("等级为“合格”", True),
        ("评价等级为良好", True),
        ("等级为优秀", False),
        ("自评结果为“优”", False),
        # 许昌's wording, and 评定为 without 等级.
        ("部门目标实现率100%，整体绩效自评为良好", True),
        ("综合评定为良", True),
        ("整体绩效自评为优秀", False),
        # A grading scale, and an honour the department was given, are no grade of this report.
        ("自评得分90分（含）以上的评价为优，80分（含）至90分的评价为良，60分以下的评价为差", False),
        ("我局在2019年度全县综合目标考核中被评定为“良好”等次", False),
        # Not the report's own grade: projects counted by their grade, another body's grade, last year's.
        ("等级为“良”的项目2个", False),
        ("全年空气质量等级为良", False),
        ("上年自评结果为良", False),
        ("所属项目自评结果为“良”", False),
        # After a part's score, the report's own grade all the same: an indicator has no grade (a bare 等级 stays the part's).
        ("其中产出指标得分50分，自评等级为“良”", True),
        ("其中产出指标得分50分，自评等级为“优”", False),
        ("其中产出指标得分50分，等级为“良”", False),
    ],
)
def test_a_grade_the_report_states_in_its_own_words_is_compared_with_its_score(tmp_path: Path, said: str, wrong: bool) -> None:
    """97 分 is 优: a report that calls itself 良 (or 合格) in any of the usual wordings is told so where it says it."""
    problems, text = run(tmp_path, 2020, "self-evaluation", GRADE_SAID.format(said=said), extra="score: 97\n")
    found = [p for p in problems if p.code == "text-figure-mismatch"]
    if not wrong:
        assert found == []
        return
    assert [(p.line, p.severity.value) for p in found] == [(place_of(text, "经自评")[0], "error")]
    quoted = found[0].message.split("正文写“", 1)[1].split("”，而总得分 97 分对应的等级是“优”", 1)[0]
    assert quoted and quoted.replace("‘", "“").replace("’", "”") in said.split("，")[-1], found[0].message


# --------------------------------------------------------------------------- rates beside a printed base, totals named by both sides

@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("收支预算总额比2024年预算5523.62万元增加218.22万元，增长3.95%。", None),
        ("收支预算总额比2024年预算5523.62万元增加218.22万元，增长3.59%。", "218.22 ÷ 5523.62 × 100 = 3.95"),
        # Two comparison words in one statement: one problem.
        ("与2024年预算5523.62万元相比，收支预算总额比2024年预算5523.62万元增加218.22万元，增长3.59%。", "218.22 ÷ 5523.62 × 100 = 3.95"),
        ("本年收入、支出决算总计1345.53万元。与2023年度相比，收、支总计各增加31.88万元，增长2.43%。", None),
        ("本年收入、支出决算总计1345.53万元。与2023年度相比，收、支总计各增加31.88万元，增长2.34%。", "31.88 ÷（1345.53 − 31.88）× 100 = 2.43"),
        ("2025年收入总预算1468.58万元。与上年相比，收、支总预算各增加237.30万元，增长22.86%。", "237.30 ÷（1468.58 − 237.30）× 100 = 19.27"),
    ],
)
def test_a_rate_beside_a_printed_base_or_a_total_named_by_both_sides(tmp_path: Path, sentence: str, expected: str | None) -> None:
    body = f"- type: text\n  text: {sentence}\n"
    problems, _ = run(tmp_path, 2025 if "2025" in sentence or "2024年预算" in sentence else 2024, "budget" if "预算" in sentence else "final-accounts", body)
    rates = [p for p in problems if p.code == "text-rate-mismatch"]
    assert [p.message.split("不符：")[1].rstrip("。") for p in rates] == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全年预算4450.00万元，全年执行3560.00万元，预算执行率80.00%。", None),
        ("全年预算4450.00万元，全年执行3560.00万元，预算执行率85.00%。", "正文“预算执行率85.00%”与所列数字不符：3560.00 ÷ 4450.00 × 100 = 80.00。"),
        # 全年预算调整为: the adjusted budget is the base, not the initial one before it.
        ("2023年年初预算2860.45万元，全年预算调整为3012.80万元，全年执行2915.62万元，预算执行率为96.77%。", None),
    ],
)
def test_an_execution_rate_of_the_common_wording_and_as_printed(tmp_path: Path, sentence: str, expected: str | None) -> None:
    problems, _ = run(tmp_path, 2023, "self-evaluation", f"- type: text\n  text: {sentence}\n")
    assert [p.message for p in problems if p.code == "text-rate-mismatch"] == ([expected] if expected else [])


def test_template_residue_in_an_indicator_table_is_reported_where_it_is(tmp_path: Path) -> None:
    body = """\
- type: indicators
  title: 绩效指标
  result: 上门巡视探访XX次。
  rows:
    - {name: 补贴发放人数, target: ≥12000人, actual: XX人, weight: 50, score: 50, reason: （请说明偏差原因）}
"""
    problems, text = run(tmp_path, 2023, "project-evaluation", body, extra="project: {name: 居家养老补贴, slug: yanglao}\n")
    found = [(p.message.split("中还有")[0], (p.line, p.column)) for p in problems if p.code == "template-residue"]
    assert found == [
        ("完成情况", place_of(text, "XX次")),
        ("实际完成值", place_of(text, "XX人")),
        ("偏差原因", place_of(text, "（请说明偏差原因）")),
    ]


NAMED_TABLES = """\
- type: text
  text: {text}
- type: table
  role: budget-finance-summary
  title: 部门收支总表
  sides:
    - id: income
      title: 收入
      columns:
        - {{id: budget, label: 预算数}}
      rows:
        - {{id: fiscal, label: 财政拨款收入, values: [923.48]}}
        - {{id: total-income, label: 本年收入合计, values: [923.48]}}
        - {{id: carryover, label: 上年结转, values: [50.00]}}
        - {{id: grand-total, label: 收入总计, values: [973.48]}}
    - id: expenditure
      title: 支出
      columns:
        - {{id: budget, label: 预算数}}
      rows:
        - {{label: 一般公共服务支出, values: [973.48]}}
        - {{id: grand-total, label: 支出总计, values: [973.48]}}
- type: table
  role: three-public
  title: “三公”经费预算表
  columns:
    - {{id: budget, label: 预算数}}
  rows:
    - {{id: total, label: 合计, values: [11.40]}}
    - {{id: overseas, label: 因公出国（境）费, values: [0]}}
    - {{id: vehicle, label: 公务用车购置及运行维护费, values: [8.40]}}
    - {{id: reception, label: 公务接待费, values: [3.00]}}
- type: table
  role: procurement
  title: 政府采购预算表
  columns:
    - {{id: budget, label: 预算金额}}
  rows:
    - {{id: total, label: 合计, values: [848.50]}}
    - {{id: goods, label: 货物, values: [36.50]}}
    - {{id: works, label: 工程, values: [0.00]}}
    - {{id: services, label: 服务, values: [812.00]}}
"""


@pytest.mark.parametrize(
    ("text", "named", "stated"),
    [
        ("2025年本部门收入预算937.48万元。", "部门收入预算", "937.48"),
        ("2025年收入总预算937.48万元。", "收入总预算", "937.48"),
        ("本局2025年一般公共预算“三公”经费预算数为11.04万元。", "‘三公’经费", "11.04"),
        ("2025年收入预算973.48万元，其中：财政拨款收入923.48万元，上年结转5.00万元。", "上年结转", "5.00"),
        ("2025年本部门政府采购预算858.50万元，其中：货物类36.50万元，工程类0万元，服务类812.00万元。", "政府采购预算", "858.50"),
        ("政府采购预算848.50万元，其中：货物类36.50万元，工程类0万元，服务类821.00万元。", "服务类", "821.00"),
        ("（一）一般公共服务支出类科目937.48万元，占支出总预算100%。", "一般公共服务支出", "937.48"),
        ("2025年因公出国5万元，公务接待费用3.00万元。", "因公出国", "5"),
        ("公车购置及运维费8.40万元，公务接待费用3.50万元。", "公务接待费用", "3.50"),
    ],
)
def test_figures_behind_the_usual_words_are_checked(tmp_path: Path, text: str, named: str, stated: str) -> None:
    """本部门…, 一般公共预算“三公”经费, 上年结转 (this year's, not last year's), 政府采购 and its 货物/工程/服务类."""
    problems, _ = run(tmp_path, 2025, "budget", NAMED_TABLES.format(text=text))
    found = [p for p in problems if p.code == "text-figure-mismatch"]
    assert [(p.message.split("”写作")[0].removeprefix("正文中“"), str(p.stated)) for p in found] == [(named, stated)]


def test_the_same_words_with_the_tables_figures_pass(tmp_path: Path) -> None:
    text = (
        "2025年本部门收入预算973.48万元，其中：财政拨款收入923.48万元，上年结转50.00万元。本局2025年一般公共预算“三公”经费预算数为11.40万元。"
        "2025年本部门政府采购预算848.50万元，其中：货物类36.50万元，工程类0万元，服务类812.00万元。"
    )
    problems, _ = run(tmp_path, 2025, "budget", NAMED_TABLES.format(text=text))
    assert [p for p in problems if p.code.startswith("text-")] == []


def test_the_parts_listed_after_a_budget_total_are_budget_figures(tmp_path: Path) -> None:
    """“…“三公”经费预算A万元，其中：因公出国（境）费B万元，…” states each part's budget, not its 决算数."""
    body = """\
- type: text
  text: |
    本年度“三公”经费支出{actual}万元。
    本年度“三公”经费年初预算为{budget}万元，其中：因公出国（境）费{overseas}万元，公务接待费{reception}万元。
- type: table
  role: final-three-public
  title: 财政拨款“三公”经费支出决算表
  unit: 万元
  columns:
    - {{id: total-budget, label: 预算数, group: [合计]}}
    - {{id: total-actual, label: 决算数, group: [合计]}}
    - {{id: overseas-budget, label: 预算数, group: [因公出国（境）费]}}
    - {{id: overseas-actual, label: 决算数, group: [因公出国（境）费]}}
    - {{id: reception-budget, label: 预算数, group: [公务接待费]}}
    - {{id: reception-actual, label: 决算数, group: [公务接待费]}}
  rows:
    - {{id: total, label: "", values: [64.20, 51.37, 40.00, 33.10, 24.20, 18.27]}}
"""
    found, _ = run(tmp_path / "right", 2023, "final-accounts", body.format(actual="51.37", budget="64.20", overseas="40.00", reception="24.20"))
    assert found == []
    found, text = run(tmp_path / "wrong", 2023, "final-accounts", body.format(actual="51.37", budget="64.20", overseas="40.00", reception="24.70"))
    assert codes(found) == [("text-figure-mismatch", "error")]
    assert (found[0].stated, found[0].computed) == ("24.70", "24.20") and "预算数" in found[0].message
    assert (found[0].line, found[0].column) == place_of(text, "24.70")


@pytest.mark.parametrize(
    "sentence",
    [
        "全年共安排因公出国（境）团组{groups}个，累计{people}人次；国内公务接待批次为{batches}个，接待人次为{guests}人。",
        "因公出国（境）团组共计{groups}个，累计{people}人次。公务接待{batches}批次，{guests}人次。",
    ],
)
def test_counts_in_the_template_wordings_are_the_tables_counts(tmp_path: Path, sentence: str) -> None:
    body = """\
- type: text
  text: |
    {sentence}
- type: table
  role: final-three-public
  title: 财政拨款“三公”经费支出决算表
  unit: 万元
  columns:
    - {{{{id: overseas-groups, label: 因公出国（境）团组数}}}}
    - {{{{id: overseas-people, label: 因公出国（境）人次数}}}}
    - {{{{id: reception-batches, label: 国内公务接待批次}}}}
    - {{{{id: reception-people, label: 国内公务接待人次}}}}
  rows:
    - {{{{id: total, label: "", values: [2, 7, 31, 240]}}}}
""".format(sentence=sentence)
    found, _ = run(tmp_path / "right", 2024, "final-accounts", body.format(groups=2, people=7, batches=31, guests=240))
    assert found == []
    found, _ = run(tmp_path / "wrong", 2024, "final-accounts", body.format(groups=3, people=9, batches=13, guests=420))
    assert codes(found) == [("text-figure-mismatch", "error")] * 4
    assert [(p.stated, p.computed) for p in found] == [("3", "2"), ("9", "7"), ("13", "31"), ("420", "240")]


@pytest.mark.parametrize("word", ["较上年预算数", "比2024年预算数"])
def test_a_change_from_last_years_budget_is_not_from_its_execution_printed_before(tmp_path: Path, word: str) -> None:
    """“2024年执行数A万元，2025年预算数B万元，较上年预算数减少C万元，下降R%”: the base is B + C, not A."""
    said = "- type: text\n  text: |\n    2024年“三公”经费执行数31.20万元，2025年“三公”经费预算数28.40万元，{word}减少{change}万元，下降{rate}%。\n"
    found, _ = run(tmp_path / "a", 2025, "budget", said.format(word=word, change="3.60", rate="11.25"))
    assert found == []
    found, text = run(tmp_path / "b", 2025, "budget", said.format(word=word, change="3.60", rate="12.25"))
    assert codes(found) == [("text-rate-mismatch", "error")]
    assert "3.60 ÷（28.40 + 3.60）× 100 = 11.25" in found[0].message
    assert (found[0].line, found[0].column) == place_of(text, "12.25")
    # Compared with last year's execution, A is the base again.
    found, _ = run(tmp_path / "c", 2025, "budget", said.format(word="较上年执行数", change="2.80", rate="8.97"))
    assert found == []


def test_a_part_of_another_whole_than_the_rows_parent_is_not_that_row(tmp_path: Path) -> None:
    """“项目支出…其中：工资福利支出B元，占项目支出预算x%” is not the row 工资福利支出 printed under 基本支出."""
    body = """\
- type: text
  text: |
    基本支出2100元，其中：工资福利支出{basic}元。

    项目支出500元，其中：

    工资福利支出120元，占项目支出预算24%。
- type: table
  role: expenditure
  title: 一般公共预算支出表
  unit: 元
  columns:
    - {{id: budget, label: 预算数}}
  rows:
    - {{id: total, label: 合计, values: [2600]}}
    - {{id: basic, label: 基本支出, parent: total, values: [2100]}}
    - {{id: basic-wages, label: 工资福利支出, parent: basic, values: [1800]}}
    - {{id: basic-goods, label: 商品和服务支出, parent: basic, values: [300]}}
    - {{id: project, label: 项目支出, parent: total, values: [500]}}
"""
    found, _ = run(tmp_path / "right", 2024, "budget", body.format(basic=1800))
    assert found == []
    found, text = run(tmp_path / "wrong", 2024, "budget", body.format(basic=1900))
    assert codes(found) == [("text-figure-mismatch", "error")]
    assert (found[0].line, found[0].column) == place_of(text, "1900")


def test_a_share_of_a_change_said_with_a_short_word_is_not_divided_by_the_total(tmp_path: Path) -> None:
    """“比上年增10.00万元。其中：财政拨款收入增8.00万元，占80%”: 80 % of the change, as with 增加; it was divided by the
    total (8 ÷ 110) and called wrong."""
    said = "- type: text\n  text: 2024年收入预算110.00万元，比上年增10.00万元。其中：财政拨款收入增8.00万元，占80%；其他收入增2.00万元，占20%。\n"
    found, _ = run(tmp_path, 2024, "budget", said)
    assert [p for p in found if p.code.startswith("text-")] == []


@pytest.mark.parametrize("word", ["短收", "超收", "少收"])
def test_a_shortfall_against_the_budget_is_not_the_figure_a_change_is_of(tmp_path: Path, word: str) -> None:
    """甘谷: “…完成预算24850万元的12.4%，短收21761万元，同比减收31430万元，下降91.1%” (right: 31430 ÷ (3089 + 31430)) was
    an error, the 短收 figure taken for this year's (31430 ÷ (21761 + 31430) = 59.09)."""
    said = f"- type: text\n  text: 政府性基金收入3089万元，完成预算24850万元的12.4%，{word}21761万元，同比减收31430万元，下降91.1%。\n"
    found, _ = run(tmp_path, 2024, "final-accounts", said)
    # 超收 of a year that did 12.4 % of its budget says the wrong way: that is the one thing to tell.
    assert [p.code for p in found if p.code.startswith("text-")] == (["text-direction-mismatch"] if word == "超收" else [])


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # The share between the figure and its change: the growth rate is still the figure's.
        ("2025年支出预算2000元，其中：社会保障和就业支出400元，占20%，同比增加80元，增长{rate}%。", "80 ÷（400 − 80）× 100 = 25.00"),
        # The whole named without 的, and named otherwise than the text named it before.
        ("2025年支出预算2000元，其中：社会保障和就业支出400元，占支出总预算{share}%。", "400 ÷ 2000 × 100 = 20.00"),
        ("2025年我院支出合计2000元，其中基本支出400元，占总支出的{share}%。", "400 ÷ 2000 × 100 = 20.00"),
        ("2025年支出预算2000元，其中：基本支出400元，占基本支出预算{share}%。", None),
        # 浙江: a bracket (or a clause of words) between the part and its share, and another figure after the share —
        # the part is the figure before the bracket, never the one after.
        ("2025年支出预算2000元，其中：基本支出400元，主要用于保障机构正常运转，占{share}%；项目支出1600元，占80%。", "400 ÷ 2000 × 100 = 20.00"),
        ("本年收入合计2000元；包括财政拨款收入400元（其中，一般公共预算400元，政府性基金预算0元），占收入合计{share}%；其他收入1600元，占收入合计80%。", "400 ÷ 2000 × 100 = 20.00"),
        # A share in brackets right after its part.
        ("2025年收入合计2000元，其中：财政拨款收入400元（占{share}%），其他收入1600元（占80%）。", "400 ÷ 2000 × 100 = 20.00"),
        # A list nested in the opening whole's: 人员经费 is a share of 基本支出, not of 财政拨款支出.
        ("2025年财政拨款支出2000元。2025年财政拨款支出中，基本支出400元，占{share}%，其中：人员经费300元，占75%；项目支出1600元，占80%。", "400 ÷ 2000 × 100 = 20.00"),
        # The national 决算 template: the sentence opens with the whole its list divides (寿县 printed 69% and 31% swapped).
        ("2025年“三公”经费预算为2000元。2025年度“三公”经费预算中，公务接待费400元，占{share}%；公务用车购置及运行维护费1600元，占80%。", "400 ÷ 2000 × 100 = 20.00"),
    ],
)
def test_shares_and_rates_in_the_provincial_wordings(tmp_path: Path, sentence: str, expected: str | None) -> None:
    said = "- type: text\n  text: |\n    " + sentence + "\n"
    found, _ = run(tmp_path / "right", 2025, "budget", said.format(rate="25", share="20"))
    assert found == []
    found, text = run(tmp_path / "wrong", 2025, "budget", said.format(rate="35", share="30"))
    if expected is None:
        assert found == []  # 基本支出预算 is not stated: nothing to divide by
        return
    assert codes(found) == [("text-rate-mismatch", "error")]
    assert expected in found[0].message


@pytest.mark.parametrize(
    ("text", "named", "stated"),
    [
        ("公务接待费支出预算为3.50万元。", "公务接待费", "3.50"),
        ("（二）公务用车购置及运行维护费支出预算9.40万元。", "公务用车购置及运行维护费", "9.40"),
    ],
)
def test_an_items_spending_budget_named_by_its_own_name_is_checked(tmp_path: Path, text: str, named: str, stated: str) -> None:
    """The 安徽 wording “公务接待费支出预算为…”: 支出预算 is the item's budget."""
    right = text.replace(stated, {"3.50": "3.00", "9.40": "8.40"}[stated])
    problems, _ = run(tmp_path / "right", 2025, "budget", NAMED_TABLES.format(text=right))
    assert [p for p in problems if p.code == "text-figure-mismatch"] == []
    problems, _ = run(tmp_path / "wrong", 2025, "budget", NAMED_TABLES.format(text=text))
    found = [p for p in problems if p.code == "text-figure-mismatch"]
    assert [(p.message.split("”写作")[0].removeprefix("正文中“"), str(p.stated)) for p in found] == [(named, stated)]


FINAL_CLASSES = """\
- type: text
  text: |
    {text}
- type: table
  role: final-summary
  title: 收入支出决算总表
  unit: 万元
  sides:
    - id: income
      title: 收入
      columns:
        - {{id: actual, label: 决算数}}
      rows:
        - {{id: general, label: 一般公共预算财政拨款收入, values: [120.00]}}
        - {{id: total-income, label: 本年收入合计, values: [120.00]}}
        - {{id: carryover-start, label: 年初结转和结余, values: [8.02]}}
        - {{id: grand-total, label: 总计, values: [128.02]}}
    - id: expenditure
      title: 支出
      columns:
        - {{id: actual, label: 决算数}}
      rows:
        - {{label: 社会保障和就业支出, values: [120.00]}}
        - {{id: total-expenditure, label: 本年支出合计, values: [120.00]}}
        - {{id: carryover-end, label: 年末结转和结余, values: [8.02]}}
        - {{id: grand-total, label: 总计, values: [128.02]}}
- type: table
  role: final-general-expenditure
  title: 一般公共预算财政拨款支出决算表
  unit: 万元
  columns:
    - {{id: total, label: 合计}}
    - {{id: basic, label: 基本支出}}
    - {{id: project, label: 项目支出}}
  rows:
    - {{code: "208", label: 社会保障和就业支出, values: [120.00, 120.00, 0]}}
    - {{code: "20805", label: 行政事业单位养老支出, values: [120.00, 120.00, 0]}}
    - {{code: "2080505", label: 机关事业单位基本养老保险缴费支出, values: [120.00, 120.00, 0]}}
    - {{id: total, label: 合计, values: [120.00, 120.00, 0]}}
"""


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("2024年一般公共预算财政拨款支出决算为{v}万元，完成预算100%。", "120.00"),
        ("上年结转和结余{v}万元，为以前年度尚未完成的资金。", "8.02"),
        ("1.社会保障和就业（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）：支出决算为{v}万元。", "120.00"),
    ],
)
def test_the_national_template_wordings_of_a_final_account_are_checked(tmp_path: Path, text: str, stated: str) -> None:
    """“…支出决算为”, “上年结转和结余” (年初结转和结余) and a class named without its 支出."""
    problems, _ = run(tmp_path / "right", 2024, "final-accounts", FINAL_CLASSES.format(text=text.format(v=stated)))
    assert [p for p in problems if p.code == "text-figure-mismatch"] == []
    wrong = str(Decimal(stated) + Decimal("0.90"))
    problems, _ = run(tmp_path / "wrong", 2024, "final-accounts", FINAL_CLASSES.format(text=text.format(v=wrong)))
    found = [p for p in problems if p.code == "text-figure-mismatch"]
    assert [(str(p.stated), str(p.computed)) for p in found] == [(wrong, stated)]


@pytest.mark.parametrize(
    "text",
    [
        # The subject named again at the start of the next sentence.
        "我单位总收入496.85万元，总支出496.85万元。总收入较上年减少34.06万元，减少{rate}%。",
        # The sentence before ends with the figure; this one starts with the comparison.
        "收入：792.22万元。同比上年度增加189.25万元，增加{rate}%。",
    ],
)
def test_a_rate_of_the_figure_the_sentence_before_states(tmp_path: Path, text: str) -> None:
    right = {"总收入": "6.42", "收入：": "31.39"}
    rate = next(v for k, v in right.items() if k in text)
    said = "- type: text\n  text: |\n    " + text + "\n"
    found, _ = run(tmp_path / "right", 2024, "final-accounts", said.format(rate=rate))
    assert found == []
    found, text_written = run(tmp_path / "wrong", 2024, "final-accounts", said.format(rate="7.42" if rate == "6.42" else "33.39"))
    assert codes(found) == [("text-rate-mismatch", "error")]
    assert (found[0].line, found[0].column) == place_of(text_written, "7.42" if rate == "6.42" else "33.39")



def test_shares_listed_after_the_total_in_a_sentence_of_their_own(tmp_path: Path) -> None:
    """“本单位支出为1942.57万元。其中：基本支出1121.09万元，占57.71%；…”: the total ends the sentence before."""
    said = "- type: text\n  text: |\n    2024年度，本单位支出为1942.57万元。其中：基本支出1121.09万元，占{a}%；项目支出821.48万元，占{b}%。\n"
    found, _ = run(tmp_path / "right", 2024, "final-accounts", said.format(a="57.71", b="42.29"))
    assert found == []
    found, text = run(tmp_path / "wrong", 2024, "final-accounts", said.format(a="58.71", b="42.29"))
    assert codes(found) == [("text-rate-mismatch", "error")]
    assert "1121.09 ÷ 1942.57 × 100 = 57.71" in found[0].message
    assert (found[0].line, found[0].column) == place_of(text, "58.71")


JIAOYUBU_INCOME = (
    "教育部2024年度本年收入合计42,828,112.97万元,比2023年的40,616,051.67万元,增加2,212,061.3万元,增长5.4%。"
    "其中:财政拨款17,229,526.68万元,占{share}%;事业收入18,512,156.91万元,占43.2%;其他收入7,066,717.02万元,占16.5%。"
)


@pytest.mark.parametrize(
    "sentence",
    [
        JIAOYUBU_INCOME,  # 教育部: the base year's figure in the comparison, the change in a clause of its own
        "2024年度收入合计7548.19万元,与2023年度相比,减少719.66万元,下降8.7%。其中:财政拨款收入7548.19万元,占{share}%。",  # 重庆 区县
        "本年收入合计100万元,与上年相比,增加10万元,增长11.11%,主要原因是人员增加。其中:财政拨款收入50万元,占{share}%。",
    ],
)
def test_a_change_in_a_clause_of_its_own_leaves_the_list_to_the_total(tmp_path: Path, sentence: str) -> None:
    """“比2023年的Y万元，增加X万元” and “与2023年度相比，减少X万元”: the X is a change, as in “比上年增加X万元”; the shares
    of the 其中 list after it are of the total before the comparison."""
    right = {JIAOYUBU_INCOME: "40.2"}.get(sentence, "100.0" if "7548.19" in sentence else "50")
    said = "- type: text\n  text: |\n    " + sentence + "\n"
    found, _ = run(tmp_path / "right", 2024, "final-accounts", said.format(share=right), name="教育部")
    assert [p for p in found if p.code != "rounding-difference"] == []
    found, text = run(tmp_path / "wrong", 2024, "final-accounts", said.format(share="45.2"), name="教育部")
    shares = [p for p in found if p.code == "text-rate-mismatch"]
    assert len(shares) == 1 and (shares[0].line, shares[0].column) == place_of(text, "45.2")
    assert "占45.2%" in shares[0].message


def test_a_growth_rate_after_a_comparison_with_the_budget_is_of_the_figure(tmp_path: Path) -> None:
    """“支出决算总额为5.48万元，比预算增加0万元，比去年增加1.55万元，增长39.4%”: the 广西 and 云南 决算 wording."""
    said = "- type: text\n  text: |\n    “三公”经费支出决算总额为5.48万元，比预算增加0万元，比去年增加1.55万元，增长{rate}%。\n"
    found, _ = run(tmp_path / "right", 2024, "final-accounts", said.format(rate="39.4"))
    assert found == []
    found, text = run(tmp_path / "wrong", 2024, "final-accounts", said.format(rate="35.4"))
    assert codes(found) == [("text-rate-mismatch", "error")]
    assert "1.55 ÷（5.48 − 1.55）× 100 = 39.44" in found[0].message


def test_a_share_or_a_change_left_without_its_figure_is_template_residue(tmp_path: Path) -> None:
    body = """\
- type: text
  text: |
    因公出国（境）费0万元，占 %，比上年减少 万元；公务用车购置及运行维护费5万元，占{share}%，比上年减少{change}万元。
- type: table
  title: 增长率（%）与金额（万元）
  columns:
    - {{id: a, label: 比上年增长%}}
  rows:
    - {{label: 合计, values: [1]}}
"""
    found, text = run(tmp_path / "blank", 2024, "final-accounts", body.format(share="100", change="1"))
    assert codes(found) == [("template-residue", "error")]
    assert (found[0].line, found[0].column) == place_of(text, "占 %") and "“占 %”“减少 万元”" in found[0].message
    # Filled in, and a column labelled 比上年增长% (not prose), are no residue.
    filled = body.replace("占 %，比上年减少 万元", "占0%，比上年减少0万元")
    found, _ = run(tmp_path / "filled", 2024, "final-accounts", filled.format(share="100", change="1"))
    assert found == []


def test_the_operating_costs_table_under_its_guangdong_name_and_one_misprint_one_problem(tmp_path: Path) -> None:
    """“机关运行经费安排313.23万元，比上年增加15.18万元，增长5.11%” against a table row printed 行政经费 312.23:
    the misprinted figure is reported; the rate, right for the table's figure, is not reported as well."""
    body = """\
- type: text
  text: |
    2019年，本部门机关运行经费安排{figure}万元，比上年增加15.18万元，增长5.11%。
- type: table
  role: operating-costs
  title: 行政经费
  unit: 万元
  columns:
    - {{id: budget, label: 合计}}
  rows:
    - {{id: total, label: 行政经费, values: [312.23]}}
"""
    found, _ = run(tmp_path / "right", 2019, "budget", body.format(figure="312.23"))
    assert found == []
    found, text = run(tmp_path / "wrong", 2019, "budget", body.format(figure="313.23"))
    assert codes(found) == [("text-figure-mismatch", "error")]
    assert (found[0].stated, found[0].computed) == ("313.23", "312.23")


GENERAL_SECTION = """\
- type: heading
  text: 三、一般公共预算财政拨款支出决算情况
- type: text
  text: |
    本年度一般公共预算财政拨款支出1595.95万元。其中：

    1.教育支出{figure}万元，主要用于保教工作。
- type: table
  role: final-summary
  title: 收入支出决算总表
  unit: 万元
  sides:
    - id: income
      columns:
        - {{id: actual, label: 决算数}}
      rows:
        - {{id: general, label: 一般公共预算财政拨款收入, values: [1595.95]}}
        - {{label: 事业收入, values: [200.82]}}
        - {{id: total-income, label: 本年收入合计, values: [1796.77]}}
    - id: expenditure
      columns:
        - {{id: actual, label: 决算数}}
      rows:
        - {{label: 教育支出, values: [1796.77]}}
        - {{id: total-expenditure, label: 本年支出合计, values: [1796.77]}}
- type: table
  role: final-general-expenditure
  title: 一般公共预算财政拨款支出决算表
  unit: 万元
  columns:
    - {{id: total, label: 合计}}
  rows:
    - {{code: "205", label: 教育支出, values: [1595.95]}}
    - {{id: total, label: 合计, values: [1595.95]}}
"""


def test_a_class_in_the_general_appropriation_section_is_its_general_appropriation_figure(tmp_path: Path) -> None:
    """A school's 教育支出 is 1796.77 of all its money and 1595.95 of 一般公共预算财政拨款: the section says which."""
    found, _ = run(tmp_path / "right", 2024, "final-accounts", GENERAL_SECTION.format(figure="1595.95"))
    assert [p for p in found if p.code == "text-figure-mismatch"] == []
    found, text = run(tmp_path / "wrong", 2024, "final-accounts", GENERAL_SECTION.format(figure="1559.95"))
    mismatches = [p for p in found if p.code == "text-figure-mismatch"]
    assert [(p.stated, p.computed) for p in mismatches] == [("1559.95", "1595.95")]
    assert (mismatches[0].line, mismatches[0].column) == place_of(text, "1559.95")
    # Outside such a section the class is all the unit's money for it.
    elsewhere = GENERAL_SECTION.replace("三、一般公共预算财政拨款支出决算情况", "三、支出决算情况").replace("本年度一般公共预算财政拨款支出1595.95万元。", "本年度支出如下。")
    found, _ = run(tmp_path / "elsewhere", 2024, "final-accounts", elsewhere.format(figure="1796.77"))
    assert [p for p in found if p.code == "text-figure-mismatch"] == []


def test_a_rate_after_the_figures_description_in_the_sentence_before(tmp_path: Path) -> None:
    """The 广西 决算 wording: “…收入382.17万元，为本级财政当年拨付的资金。较2023年度决算数减少157.86万元，下降29.2%”."""
    said = "- type: text\n  text: |\n    1.一般公共预算财政拨款收入382.17万元，为本级财政当年拨付的资金。较2023年度决算数减少157.86万元，下降{rate}%。\n"
    found, _ = run(tmp_path / "right", 2024, "final-accounts", said.format(rate="29.2"))
    assert found == []
    found, _ = run(tmp_path / "wrong", 2024, "final-accounts", said.format(rate="27.2"))
    assert codes(found) == [("text-rate-mismatch", "error")]
    assert "157.86 ÷（382.17 + 157.86）× 100 = 29.23" in found[0].message
    # Another figure in between: the comparison may be of it, and is not read as of the first.
    said = "- type: text\n  text: |\n    1.一般公共预算财政拨款收入382.17万元，其中基本支出100.00万元。较2023年度决算数减少157.86万元，下降27.2%。\n"
    found, _ = run(tmp_path / "between", 2024, "final-accounts", said)
    assert [p for p in found if "382.17" in p.message] == []


def test_a_three_public_table_by_fund_is_read_by_its_total_column(tmp_path: Path) -> None:
    """合计 | 一般公共预算 | 政府性基金预算: the 合计 column states the year's figures."""
    body = """\
- type: text
  text: |
    2025年公务用车运行维护费{figure}万元，公务接待费1.00万元。
- type: table
  role: three-public
  title: “三公”经费预算表
  unit: 万元
  columns:
    - {{id: total, label: 合计, sum_of: [general, gov-fund]}}
    - {{id: general, label: 一般公共预算}}
    - {{id: gov-fund, label: 政府性基金预算}}
  rows:
    - {{id: total, label: “三公”经费, values: [29.00, 29.00, 0]}}
    - {{id: overseas, label: 因公出国（境）费, values: [0, 0, 0]}}
    - {{id: vehicle, label: 公务用车购置及运行维护费, values: [28.00, 28.00, 0]}}
    - {{id: vehicle-purchase, label: 公务用车购置费, parent: vehicle, values: [0, 0, 0]}}
    - {{id: vehicle-operation, label: 公务用车运行维护费, parent: vehicle, values: [28.00, 28.00, 0]}}
    - {{id: reception, label: 公务接待费, values: [1.00, 1.00, 0]}}
"""
    found, _ = run(tmp_path / "right", 2025, "budget", body.format(figure="28.00"))
    assert found == []
    found, _ = run(tmp_path / "wrong", 2025, "budget", body.format(figure="26.00"))
    assert [(p.code, p.stated, p.computed) for p in found] == [("text-figure-mismatch", "26.00", "28.00")]


THREE_PUBLIC_FINAL = """\
- type: text
  text: |
    {text}
- type: table
  role: final-three-public
  title: 财政拨款“三公”经费支出决算表
  unit: 万元
  columns:
    - {{id: total-budget, label: 预算数, group: [合计]}}
    - {{id: total-actual, label: 决算数, group: [合计]}}
    - {{id: overseas-budget, label: 预算数, group: [因公出国（境）费]}}
    - {{id: overseas-actual, label: 决算数, group: [因公出国（境）费]}}
    - {{id: reception-budget, label: 预算数, group: [公务接待费]}}
    - {{id: reception-actual, label: 决算数, group: [公务接待费]}}
    - {{id: overseas-groups, label: 因公出国（境）团组数}}
    - {{id: reception-batches, label: 国内公务接待批次}}
    - {{id: reception-people, label: 国内公务接待人次}}
  rows:
    - {{id: total, label: "", values: [64.20, 51.37, 40.00, 33.10, 24.20, 18.27, 2, 31, 240]}}
"""


@pytest.mark.parametrize(
    "text",
    [
        # A budget quoted in passing before 其中 is not the parts' whole.
        "2023年“三公”经费支出51.37万元，完成年初预算64.20万元的80.02%，其中：因公出国（境）费33.10万元，公务接待费18.27万元。",
        "2023年“三公”经费支出51.37万元（年初预算64.20万元），其中：因公出国（境）费33.10万元，公务接待费18.27万元。",
        # Two lists in one sentence, each of its own total.
        "2023年“三公”经费预算64.20万元，其中：因公出国（境）费40.00万元，公务接待费24.20万元；实际支出51.37万元，其中：因公出国（境）费33.10万元，公务接待费18.27万元。",
        # The usual wordings of a total's budget and actual and of each part's.
        "2023年度“三公”经费年初预算64.20万元，决算51.37万元，其中：因公出国（境）费年初预算40.00万元，决算33.10万元；公务接待费年初预算24.20万元，决算18.27万元。",
        "2023年“三公”经费预算64.20万元（其中：因公出国（境）费40.00万元，公务接待费24.20万元），实际支出51.37万元（其中：因公出国（境）费33.10万元，公务接待费18.27万元）。",
        "2023年度“三公”经费支出51.37万元，预算64.20万元，其中：因公出国（境）费支出33.10万元，预算40.00万元；公务接待费支出18.27万元，预算24.20万元。",
        "2023年“三公”经费预算64.20万元，较2022年减少2.00万元。其中：因公出国（境）费40.00万元，公务接待费24.20万元。",
        "2023年“三公”经费支出51.37万元，低于年初预算64.20万元，其中：因公出国（境）费33.10万元，公务接待费18.27万元。",
        "2023年度“三公”经费财政拨款支出预算为64.20万元，2023年实际支出“三公经费”决算为51.37万元。其中公务接待费为18.27万元，占35.57%。",
        # A comparison opening the next sentence after a list speaks of the total, not of the last part.
        "2023年“三公”经费支出51.37万元，其中：因公出国（境）费33.10万元，公务接待费18.27万元。比上年减少8.63万元，下降14.38%。",
        # Another kind of reception, counts over several years, and a plan not carried out.
        "国内公务接待批次为31个，接待人次为240人；外事接待批次为2个，接待人次为15人。",
        "近三年累计安排因公出国（境）团组5个。2019年以来，累计出国（境）团组9个。",
        "全年共安排因公出国（境）团组3个，因故取消1个，实际出访2个。",
        # 万元 right after a verb that is not a blank: 降低万元GDP能耗, 节约万元以上.
        "通过节能改造降低万元GDP能耗，全年节约万元以上。",
    ],
)
def test_the_new_readings_leave_correct_sentences_alone(tmp_path: Path, text: str) -> None:
    found, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC_FINAL.format(text=text))
    assert found == []


@pytest.mark.parametrize(
    "text",
    [
        # 总支出 is the year's 支出合计 (120.00), not the 支出总计 with what is carried over (128.02).
        "2024年度收入总计128.02万元，支出总计128.02万元。基本支出120.00万元，占总支出的100%。",
        "2024年度财政拨款收入100.00万元，财政拨款上年结转和结余5.00万元，财政拨款收、支总计均为105.00万元。",
    ],
)
def test_wholes_and_carry_overs_named_loosely_are_not_misread(tmp_path: Path, text: str) -> None:
    found, _ = run(tmp_path, 2024, "final-accounts", FINAL_CLASSES.format(text=text))
    assert [p for p in found if p.code in ("text-rate-mismatch", "text-figure-mismatch")] == []


@pytest.mark.parametrize(
    ("text", "told"),
    [
        # A list of every source, its 0s printed, of a total that says it is this year's income: the sources are the whole.
        ("本年收入合计500万元，其中：财政拨款收入400万元，事业收入0万元，其他收入100万元。", None),
        (
            "本年收入合计500万元，其中：财政拨款收入400万元，事业收入0万元，其他收入10万元。",
            "正文的本年收入合计 500 万元与“其中”所列财政拨款收入、事业收入、其他收入之和不符：400 + 0 + 10 = 410 万元（所列各项中有印作 0 的，可见是逐项列全的）。",
        ),
        # A 收入总计 may hold a 上年结转 the list does not name: less is no error, more is.
        ("收入总计500万元，其中：财政拨款收入400万元，事业收入0万元，其他收入10万元。", None),
        (
            "收入总计500万元，其中：财政拨款收入490万元，事业收入0万元，其他收入100万元。",
            "正文的收入总计 500 万元与“其中”所列财政拨款收入、事业收入、其他收入之和不符：490 + 0 + 100 = 590 万元（没有列出的收入来源只会使总数更大）。",
        ),
        # A list without a 0 may leave a source out.
        ("本年收入合计500万元，其中：财政拨款收入400万元，其他收入10万元。", None),
        # 收入总计 by its three parts, 元 and 万元 mixed, and one off by rounding alone (a notice).
        ("收入总计434.71万元，其中：本年收入合计434.16万元，使用非财政拨款结余0万元，年初结转和结余5500元。", None),
        (
            "收入总计434.71万元，其中：本年收入合计434.16万元，使用非财政拨款结余0万元，年初结转和结余55000元。",
            "正文的收入总计 434.71 万元与“其中”所列本年收入、使用非财政拨款结余、上年结转之和不符：434.16 + 0 + 55000 元 = 439.66 万元。",
        ),
        (
            "收入总计434.72万元，其中：本年收入合计434.16万元，使用非财政拨款结余0.00万元，年初结转和结余55万元。",
            "正文的收入总计 434.72 万元与“其中”所列本年收入、使用非财政拨款结余、上年结转之和不符：434.16 + 0.00 + 55 = 489.16 万元。",
        ),
        (
            "支出总计434.72万元，其中：本年支出合计434.16万元，结余分配0.10万元，年末结转和结余0.55万元。",
            "正文的支出总计 434.72 万元与“其中”所列本年支出、结余分配、年末结转和结余之和不符：434.16 + 0.10 + 0.55 = 434.81 万元。",
        ),
        # 浙江's layout: the sources after 包括, the funds of 财政拨款收入 in brackets, a share after each.
        (
            "本年收入合计5000万元；包括财政拨款收入4000万元（其中，一般公共预算3000万元，政府性基金预算1000万元，国有资本经营预算0万元），"
            "占收入合计80%；其他收入1000万元，占收入合计20%。",
            None,
        ),
        (
            "本年收入合计519.07万元；包括财政拨款收入500.12万元（其中，一般公共预算501.12万元，政府性基金预算0万元，国有资本经营预算0万元），"
            "占收入合计96.35%；其他收入18.95万元，占收入合计3.65%。",
            "正文的财政拨款收入 500.12 万元与“其中”所列一般公共预算财政拨款、政府性基金预算财政拨款、国有资本经营预算财政拨款之和不符：501.12 + 0 + 0 = 501.12 万元。",
        ),
        # Changes among the parts are not parts; a source's own list is not the income's.
        (
            "收入预算18,976.76万元，比上年预算增加3,255.65万元，其中：财政拨款收入18,976.76万元，比上年预算减少876.75万元；事业收入0.00万元；"
            "事业单位经营收入1.00万元；其他收入0.00万元。",
            "正文的收入预算 18976.76 万元与“其中”所列财政拨款收入、事业收入、经营收入、其他收入之和不符：18976.76 + 0.00 + 1.00 + 0.00 = 18977.76 万元（没有列出的收入来源只会使总数更大）。",
        ),
        ("上年结余收入8.3万元，其中：其他结转5.39万元，项目结转10万元。", None),
        ("本年收入合计500万元，其中：财政拨款收入400万元，比上年增加100万元，事业收入0万元，其他收入100万元。", None),
    ],
)
def test_the_income_by_its_sources_adds_up_to_it(tmp_path: Path, text: str, told: str | None) -> None:
    found, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC_SAID.format(text=text))
    parts = [(p.code, p.message) for p in found if p.code in ("text-parts-mismatch", "rounding-difference")]
    assert parts == ([] if told is None else [("text-parts-mismatch", told)])


def test_a_list_opened_at_a_paragraphs_end_goes_on_in_numbered_paragraphs(tmp_path: Path) -> None:
    """西乡塘 2017: “收入总预算501.98万元……。其中：” and one source to a numbered paragraph after it, adding up to 515.67."""
    body = """\
    - type: text
      text: |
        2017年收入总预算501.98万元，同比减少17.05万元。其中：

        1、一般公共财政预算拨款507.37万元，同比减少19.96万元。

        2、上年结余收入8.3万元，同比增加8.3万元；其中：其他结转5.39万元。

        3、纳入财政专户管理的收入安排的资金0万元，与上年持平。

        2017年收入预算总体减少的主要原因：人大代表换届。
    """
    found, text = run(tmp_path, 2017, "budget", body)
    assert [(p.code, p.message, (p.line, p.column)) for p in found] == [
        (
            "text-parts-mismatch",
            "正文的收入总预算 501.98 万元与“其中”所列一般公共预算财政拨款、上年结转、财政专户管理资金之和不符：507.37 + 8.3 + 0 = 515.67 万元（没有列出的收入来源只会使总数更大）。",
            place_of(text, "501.98"),
        )
    ]
    # Parts that add up to no more than the whole, and a list that the next paragraph does not go on: nothing to say.
    found, _ = run(tmp_path / "less", 2017, "budget", body.replace("507.37", "493.68"))
    assert found == []
    found, _ = run(tmp_path / "other", 2017, "budget", body.replace("1、一般公共财政预算拨款", "1、人员经费"))
    assert found == []


@pytest.mark.parametrize(("total", "told"), [("20.12", None), ("2012", "0 + 12.39 + 7.73 = 20.12 万元")])
def test_an_earlier_years_whole_is_checked_against_that_years_parts(tmp_path: Path, total: str, told: str | None) -> None:
    """鄂尔多斯 2022 budget: “2021年度“三公”经费合计支出20.12万元，其中：…” — last year's whole and parts still add up."""
    text = f"2021年度“三公”经费合计支出{total}万元，其中：因公出国（境）经费0万元，公务接待12.39万元，公务用车运行费用7.73万元。"
    found, _ = run(tmp_path, 2022, "budget", THREE_PUBLIC_SAID.format(text=text))
    parts = [p.message for p in found if p.code == "text-parts-mismatch"]
    assert len(parts) == (0 if told is None else 1) and all(f"正文的总数 {total} 万元" in m and told in m for m in parts)


FISCAL_YEAR_SAID = """\
- type: text
  text: |
    全市一般公共预算收入128,456万元，完成预算135,200万元的95.0%，{short}，同比增长3.2%。全市财政总收入累计完成213,780万元，占预算230,000万元的92.9%，较上年同期198,350万元增长7.8%，增收{more}万元。
"""


@pytest.mark.parametrize(
    ("short", "more", "told"),
    [
        ("短收6,744万元", "15,430", None),
        ("比预算减少6,744万元", "15,430", None),
        ("短收6,774万元", "15,430", ("text-rate-mismatch", "“短收” 6,774 万元", "135200 − 128456 = 6744 万元")),
        ("比预算少6,474万元", "15,430", ("text-rate-mismatch", "“比预算少” 6,474 万元", "135200 − 128456 = 6744 万元")),
        ("超收6,744万元", "15,430", ("text-direction-mismatch", "“超收”", "128456 万元低于预算数 135200 万元")),
        ("短收6,744万元", "15,340", ("text-rate-mismatch", "增减额 15340 万元", "213780 − 198350 = 15430 万元")),
    ],
)
def test_a_shortfall_against_the_budget_and_a_years_gain_are_what_the_figures_give(
    tmp_path: Path, short: str, more: str, told: tuple[str, str, str] | None
) -> None:
    """A 财政总决算 says by how much the year fell short of its budget (短收, 比预算少) right after the completion rate, and by
    how much it gained on last year (增收, 减收) after the growth rate: both are the difference of the two figures it prints."""
    found, text = run(tmp_path, 2024, "final-accounts", FISCAL_YEAR_SAID.format(short=short, more=more))
    if told is None:
        assert found == []
        return
    code, said, computed = told
    assert [p.code for p in found] == [code]
    assert said in found[0].message and computed in found[0].message
    assert found[0].line == place_of(text, "全市一般公共预算收入")[0]


@pytest.mark.parametrize(
    ("said", "told"),
    [
        # The 短收 is against the 年初预算, which is not printed: nothing to compare it with.
        ("完成调整预算45000万元的93.6%，比年初预算短收7431万元", None),
        # Against the budget the completion prints, it is checked.
        ("完成调整预算45000万元的93.6%，比调整预算短收2090万元", ("“比调整预算短收” 2090 万元", "45000 − 42100 = 2900 万元")),
        ("完成年初预算49531万元的85.0%，比年初预算短收7341万元", ("“比年初预算短收” 7341 万元", "49531 − 42100 = 7431 万元")),
    ],
)
def test_a_shortfall_is_against_the_budget_it_names(tmp_path: Path, said: str, told: tuple[str, str] | None) -> None:
    """A 总决算 gives the completion against the 调整预算 and the 短收 against the 年初预算 (the adjusted budget was cut to fit)."""
    found, _ = run(tmp_path, 2024, "final-accounts", f"- type: text\n  text: 一般公共预算收入完成42100万元，{said}。\n")
    found = [p for p in found if p.code.startswith("text-")]
    if told is None:
        assert found == []
        return
    assert [p.code for p in found] == ["text-rate-mismatch"]
    assert told[0] in found[0].message and told[1] in found[0].message


@pytest.mark.parametrize("fund", ["一般公共预算收入", "政府性基金预算收入", "国有资本经营预算收入"])
def test_a_funds_name_after_wancheng_is_not_a_budget(tmp_path: Path, fund: str) -> None:
    """“全县完成一般公共预算收入12.30亿元”: the 预算 of the fund's name does not make the year's figure a budget, so the
    rate of its gain is checked (1.20 ÷ 11.10 is 10.81 %, not 12.81 %)."""
    said = f"- type: text\n  text: 2024年，全县完成{fund}12.30亿元，同比增收1.20亿元，增长{{rate}}%。\n"
    found, text = run(tmp_path, 2024, "final-accounts", said.format(rate="12.81"))
    assert [(p.code, p.line) for p in found] == [("text-rate-mismatch", place_of(text, "增长12.81%")[0])]
    assert "1.20 ÷（12.30 − 1.20）× 100 = 10.81" in found[0].message
    found, _ = run(tmp_path / "right", 2024, "final-accounts", said.format(rate="10.81"))
    assert found == []


FUND_SECTION = """\
- type: heading
  level: 2
  text: 七、政府性基金预算支出情况
- type: text
  text: |
    2025年政府性基金预算拨款支出485.00万元，其中：城乡社区支出{figure}万元，主要用于农村基础设施建设；其他支出15.00万元。

    政府性基金预算拨款支出中，城乡社区支出占{share}%，其他支出占3.09%。
- type: table
  role: budget-expenditure
  title: 2025年部门支出预算总表
  unit: 万元
  columns:
    - {{id: total, label: 合计}}
    - {{id: basic, label: 基本支出}}
    - {{id: project, label: 项目支出}}
  rows:
    - {{code: "212", label: 城乡社区支出, values: [510.00, 40.00, 470.00]}}
    - {{code: "21201", label: 城乡社区管理事务, values: [40.00, 40.00, ~]}}
    - {{code: "2120101", label: 行政运行, values: [40.00, 40.00, ~]}}
    - {{code: "21208", label: 国有土地使用权出让收入安排的支出, values: [470.00, ~, 470.00]}}
    - {{code: "2120899", label: 其他国有土地使用权出让收入安排的支出, values: [470.00, ~, 470.00]}}
    - {{code: "229", label: 其他支出, values: [15.00, ~, 15.00]}}
    - {{code: "22960", label: 彩票公益金安排的支出, values: [15.00, ~, 15.00]}}
    - {{code: "2296002", label: 用于社会福利的彩票公益金支出, values: [15.00, ~, 15.00]}}
    - {{id: total, label: 合计, values: [525.00, 40.00, 485.00]}}
- type: table
  role: budget-gov-fund-expenditure
  title: 2025年部门政府性基金预算支出表
  unit: 万元
  columns:
    - {{id: total, label: 合计}}
    - {{id: basic, label: 基本支出}}
    - {{id: project, label: 项目支出}}
  rows:
    - {{code: "212", label: 城乡社区支出, values: [470.00, ~, 470.00]}}
    - {{code: "21208", label: 国有土地使用权出让收入安排的支出, values: [470.00, ~, 470.00]}}
    - {{code: "2120899", label: 其他国有土地使用权出让收入安排的支出, values: [470.00, ~, 470.00]}}
    - {{code: "229", label: 其他支出, values: [15.00, ~, 15.00]}}
    - {{code: "22960", label: 彩票公益金安排的支出, values: [15.00, ~, 15.00]}}
    - {{code: "2296002", label: 用于社会福利的彩票公益金支出, values: [15.00, ~, 15.00]}}
    - {{id: total, label: 合计, values: [485.00, ~, 485.00]}}
"""


@pytest.mark.parametrize(
    ("figure", "share", "told"),
    [
        # A township's 城乡社区支出 is 40 from the general budget and 470 from land-sale funds: the section speaks of the fund's.
        ("470.00", "96.91", None),
        ("480.00", "96.91", ("text-figure-mismatch", "城乡社区支出", "“2025年部门政府性基金预算支出表”中“城乡社区支出”的“合计”是 470.00")),
        ("470.00", "97.91", ("text-rate-mismatch", "占97.91%", "470.00 ÷ 485.00 × 100 = 96.91")),
    ],
)
def test_a_fund_section_speaks_of_that_funds_table(tmp_path: Path, figure: str, share: str, told: tuple[str, str, str] | None) -> None:
    """Under “政府性基金预算支出情况” a class's figure and share are the fund's table's, not the class's of all funds (510)."""
    found, text = run(tmp_path, 2025, "budget", FUND_SECTION.format(figure=figure, share=share))
    found = [p for p in found if p.code.startswith("text-")]
    if told is None:
        assert found == []
        return
    code, where, said = told
    assert [(p.code, p.line) for p in found] == [(code, place_of(text, where)[0])]
    assert said in found[0].message and "510" not in found[0].message


THREE_PUBLIC_SPENT = """\
- type: text
  text: |
    3.公务接待费支出{figure}万元，其中：国内公务接待支出{figure}万元，主要用于接待上级部门检查指导工作。
- type: table
  role: final-general-basic
  title: 一般公共预算财政拨款基本支出决算表
  unit: 万元
  columns:
    - {{id: actual, label: 决算数}}
  rows:
    - {{code: "302", label: 商品和服务支出, values: [5.85]}}
    - {{code: "30201", label: 办公费, values: [4.00]}}
    - {{code: "30217", label: 公务接待费, values: [1.85]}}
    - {{id: total, label: 合计, values: [5.85]}}
- type: table
  role: final-three-public
  title: 一般公共预算财政拨款“三公”经费支出决算表
  unit: 万元
  columns:
    - {{id: total-budget, label: 预算数, group: [合计]}}
    - {{id: total-actual, label: 决算数, group: [合计]}}
    - {{id: reception-budget, label: 预算数, group: [公务接待费]}}
    - {{id: reception-actual, label: 决算数, group: [公务接待费]}}
  rows:
    - {{id: total, label: "", values: [3.00, 1.85, 3.00, 1.85]}}
"""


@pytest.mark.parametrize("figure", ["1.85", "1.95"])
def test_a_three_public_item_named_with_zhichu_is_checked(tmp_path: Path, figure: str) -> None:
    """“公务接待费支出1.95万元” where the 基本支出 table prints 30217 公务接待费: the “三公” figure, checked (it was read as
    that economic row, which nothing compares, and the wrong figure went unseen)."""
    found, text = run(tmp_path, 2024, "final-accounts", THREE_PUBLIC_SPENT.format(figure=figure))
    found = [p for p in found if p.code.startswith("text-")]
    if figure == "1.85":
        assert found == []
        return
    assert [(p.code, p.line) for p in found] == [("text-figure-mismatch", place_of(text, "公务接待费支出")[0])]
    assert "“公务接待费”写作 1.95 万元" in found[0].message and "“三公”经费支出决算表”中“公务接待费”的“决算数”是 1.85 万元" in found[0].message


ALL_SPENDING_SECTION = """\
- type: heading
  level: 2
  text: 三、支出决算情况说明
- type: text
  text: 2024年度本年支出合计9000.00万元。按支出功能分类科目划分：社会保障和就业支出{figure}万元，占93.29%。
- type: table
  role: final-summary
  title: 收入支出决算总表
  sides:
    - id: income
      title: 收入
      columns:
        - {{id: actual, label: 决算数}}
      rows:
        - {{id: general, label: 一、一般公共预算财政拨款收入, values: [8175.80]}}
        - {{id: business, label: 五、事业收入, values: [824.20]}}
        - {{id: total-income, label: 本年收入合计, values: [9000.00]}}
    - id: expenditure
      title: 支出
      columns:
        - {{id: actual, label: 决算数}}
      rows:
        - {{label: 八、社会保障和就业支出, values: [8396.20]}}
        - {{label: 十、卫生健康支出, values: [603.80]}}
        - {{id: total-expenditure, label: 本年支出合计, values: [9000.00]}}
- type: table
  role: final-fiscal-summary
  title: 财政拨款收入支出决算总表
  sides:
    - id: income
      title: 收入
      columns:
        - {{id: actual, label: 决算数}}
      rows:
        - {{id: general, label: 一、一般公共预算财政拨款, values: [8175.80]}}
        - {{id: total-income, label: 本年收入合计, values: [8175.80]}}
    - id: expenditure
      title: 支出
      columns:
        - {{id: total, label: 合计}}
        - {{id: general, label: 一般公共预算财政拨款}}
      rows:
        - {{label: 八、社会保障和就业支出, values: [7572.27, 7572.27]}}
        - {{label: 十、卫生健康支出, values: [603.53, 603.53]}}
        - {{id: total-expenditure, label: 本年支出合计, values: [8175.80, 8175.80]}}
"""


@pytest.mark.parametrize("figure", ["8396.20", "8369.20"])
def test_a_class_under_the_heading_of_all_spending_is_the_spending_of_all_funds(tmp_path: Path, figure: str) -> None:
    """Under “三、支出决算情况说明” a class's figure is the 收入支出决算总表's (all funds, 8396.20), not the 财政拨款 one (7572.27):
    the two differ where the unit has 事业收入, and a wrong figure was let pass as the tables disagreed."""
    found, text = run(tmp_path, 2024, "final-accounts", ALL_SPENDING_SECTION.format(figure=figure))
    found = [p for p in found if p.code.startswith("text-")]
    if figure == "8396.20":
        assert found == []
        return
    assert [(p.code, p.line) for p in found] == [("text-figure-mismatch", place_of(text, "社会保障和就业支出8369.20")[0])]
    assert "“收入支出决算总表”中支出栏“八、社会保障和就业支出”的“决算数”是 8396.20 万元" in found[0].message


THREE_PUBLIC_COUNT_ROWS = """\
- type: text
  text: 公务接待费支出1.85万元，主要用于接待上级部门检查指导工作；国内公务接待{batches}批次，{people}人次（不包括陪同人员）。
- type: table
  role: final-three-public
  title: 财政拨款“三公”经费支出决算表
  unit: 万元
  columns:
    - {{id: budget, label: 预算数}}
    - {{id: actual, label: 决算数}}
  rows:
    - {{id: total, label: 合计, values: [3.00, 1.85]}}
    - {{id: reception, label: 3.公务接待费, values: [3.00, 1.85]}}
    - {{label: 相关统计数, values: [~, ~]}}
    - {{label: 5.国内公务接待批次（个）, values: [25, 21]}}
    - {{label: 6.国内公务接待人次（人）, values: [180, 146]}}
"""


@pytest.mark.parametrize(("batches", "people", "told"), [("21", "146", []), ("12", "164", ["12批次", "164人次"])])
def test_counts_printed_as_rows_of_the_three_public_table_are_checked(tmp_path: Path, batches: str, people: str, told: list[str]) -> None:
    """The 决算表七 laid out with its counts as rows under “相关统计数” (with 预算数 and 决算数 columns): the text's counts are
    the 决算数's, checked as they are against count columns."""
    found, text = run(tmp_path, 2024, "final-accounts", THREE_PUBLIC_COUNT_ROWS.format(batches=batches, people=people))
    found = [p for p in found if p.code.startswith("text-")]
    assert [(p.code, p.line) for p in found] == [("text-figure-mismatch", place_of(text, "国内公务接待")[0])] * len(told)
    for problem, said in zip(found, told):
        assert f"写作“{said}”" in problem.message and "的“决算数”是 " in problem.message


THREE_PUBLIC_BY_YEAR = """\
- type: text
  text: 2025年本单位“三公”经费预算7.96万元，其中：因公出国（境）费0万元；公务用车购置及运行费6.46万元；公务接待费{figure}万元。
- type: table
  role: budget-three-public
  title: 2025年一般公共预算“三公”经费支出表
  unit: 元
  columns:
    - {{id: total, label: 合计}}
    - {{id: overseas, label: 因公出国（境）费}}
    - {{id: vehicle, label: 小计, group: [公务用车购置及运行费]}}
    - {{id: vehicle-purchase, label: 公务用车购置费, group: [公务用车购置及运行费]}}
    - {{id: vehicle-operation, label: 公务用车运行费, group: [公务用车购置及运行费]}}
    - {{id: reception, label: 公务接待费}}
  rows:
    - {{label: 2024年预算数, values: [86500.00, 0.00, 68500.00, 0.00, 68500.00, 18000.00]}}
    - {{label: 2025年预算数, values: [79560.00, 0.00, 64560.00, 0.00, 64560.00, 15000.00]}}
"""


@pytest.mark.parametrize("figure", ["1.50", "1.80"])
def test_a_three_public_table_printed_by_year_is_checked_against_the_years_row(tmp_path: Path, figure: str) -> None:
    """广东's “三公” table prints a row per year: the text's figures are the 2025 row's (1.80 is last year's 公务接待费)."""
    found, text = run(tmp_path, 2025, "budget", THREE_PUBLIC_BY_YEAR.format(figure=figure))
    found = [p for p in found if p.code.startswith("text-")]
    if figure == "1.50":
        assert found == []
        return
    assert [(p.code, p.line) for p in found] == [("text-figure-mismatch", place_of(text, "公务接待费1.80")[0])]
    assert "“2025年预算数”的“公务接待费”是 15000.00 元（合 1.5 万元）" in found[0].message


THREE_PUBLIC_TABLE_SLIP = """\
- type: text
  text: 公务用车购置及运行费13.60万元，其中：公务用车购置费0万元，公务用车运行费13.60万元。
- type: table
  role: budget-three-public
  title: 2025年一般公共预算“三公”经费支出预算表
  unit: 万元
  columns:
    - {{id: total, label: 合计}}
    - {{id: vehicle, label: 小计, group: [公务用车购置及运行费]}}
    - {{id: vehicle-purchase, label: 公务用车购置费, group: [公务用车购置及运行费]}}
    - {{id: vehicle-operation, label: 公务用车运行费, group: [公务用车购置及运行费]}}
  rows:
    - {{id: total, label: 2025年预算数, values: [{vehicle}, {vehicle}, 0.00, 13.60]}}
"""


def test_a_text_figure_that_is_the_sum_the_table_misprints_points_at_the_table(tmp_path: Path) -> None:
    """The table's 小计 14.60 is not its parts' 13.60, which the text gives: the message told the editor to make the text
    follow the table; it says the table is the likelier slip, and at which line its sum is told."""
    found, text = run(tmp_path, 2025, "budget", THREE_PUBLIC_TABLE_SLIP.format(vehicle="14.60"))
    told = [p for p in found if p.code == "text-figure-mismatch"]
    assert len(told) == 1
    line = place_of(text, "values: [14.60")[0]
    assert f"但表中这个数本身与它的各项之和 13.60 不符（第 {line} 行），正文的数正是各项之和：多半是表格印错" in told[0].message
    assert "正文应与表格一致" not in told[0].message
    # A text figure that is not the parts' sum is told as before.
    found, _ = run(tmp_path / "other", 2025, "budget", THREE_PUBLIC_TABLE_SLIP.format(vehicle="14.60").replace("运行费13.60万元，其中", "运行费13.90万元，其中"))
    told = [p for p in found if p.code == "text-figure-mismatch"]
    assert told and all("正文应与表格一致" in p.message for p in told)


SELF_EVALUATION_FUNDS = """\
- type: text
  text: 其中：基本支出全年预算数2120.40万元，执行{basic}万元，执行率99.30%；项目支出全年预算数1441.78万元，执行1370.68万元，执行率95.07%。
- type: table
  role: expenditure
  title: 2023年度部门整体支出情况表
  unit: 万元
  columns:
    - {{id: initial-budget, label: 年初预算数}}
    - {{id: adjusted-budget, label: 全年预算数}}
    - {{id: actual, label: 全年执行数}}
  rows:
    - {{id: total, label: 合计, values: [3268.45, 3562.18, 3476.30]}}
    - {{id: basic, label: 基本支出, values: [2050.12, 2120.40, 2105.62]}}
    - {{id: project, label: 项目支出, values: [1218.33, 1441.78, 1370.68]}}
"""


@pytest.mark.parametrize("basic", ["2105.62", "2150.62"])
def test_a_self_evaluations_zhixing_figure_is_the_years_spending(tmp_path: Path, basic: str) -> None:
    """“基本支出全年预算数2120.40万元，执行2150.62万元”: 执行 says the figure is the year's spending (全年执行数); the
    digits transposed went unseen, and only the rate beside it was called wrong, inviting the editor to change the rate."""
    found, text = run(tmp_path, 2023, "self-evaluation", SELF_EVALUATION_FUNDS.format(basic=basic))
    found = [p for p in found if p.code == "text-figure-mismatch"]
    if basic == "2105.62":
        assert found == []
        return
    assert [(p.line, p.stated, p.computed) for p in found] == [(place_of(text, "执行2150.62")[0], "2150.62", "2105.62")]


THIS_YEARS_GRANT = """\
- type: text
  text: 2025年一般公共预算当年拨款{grant}万元，主要用于以下方面：农林水支出{figure}万元，占{share}%；住房保障支出98.43万元。
- type: table
  role: budget-general-expenditure
  title: 2025年一般公共预算支出预算表
  unit: 万元
  columns:
    - {{id: total, label: 合计}}
    - {{id: basic, label: 基本支出}}
    - {{id: project, label: 项目支出}}
  rows:
    - {{id: total, label: 合计, values: [{total}, 400.00, {project}]}}
    - {{code: "213", label: 农林水支出, values: [{class_total}, 301.57, {class_project}]}}
    - {{code: "221", label: 住房保障支出, values: [98.43, 98.43, ~]}}
"""


@pytest.mark.parametrize(
    ("case", "told"),
    [
        # The table holds the year's grant and its carry-over (92.45): its 农林水支出 is 2530.50, the text's grant 2438.05.
        (dict(grant="2536.48", figure="2438.05", share="96.1", total="2628.93", project="2228.93", class_total="2530.50", class_project="2228.93"), False),
        # The table is the year's grant alone: a wrong class figure is still told.
        (dict(grant="2536.48", figure="2483.05", share="97.9", total="2536.48", project="2136.48", class_total="2438.05", class_project="2136.48"), True),
    ],
)
def test_the_years_own_grant_is_not_held_to_a_table_that_holds_the_carry_over(tmp_path: Path, case: dict[str, str], told: bool) -> None:
    """云南: “一般公共预算当年拨款2,821.70万元，主要用于：…农林水支出2438.05万元” beside a 一般公共预算支出表 that holds
    the 上年结转 too (农林水支出 2530.50): the right figure was called wrong and had to be acknowledged as a discrepancy."""
    found, _ = run(tmp_path, 2025, "budget", THIS_YEARS_GRANT.format(**case))
    found = [p for p in found if p.code == "text-figure-mismatch"]
    assert bool(found) is told


def test_a_shares_sum_in_two_units_names_them(tmp_path: Path) -> None:
    """“本年收入合计1.37亿元…财政拨款收入17275.45万元，占99.9%”: the sum read “17275.45 ÷ 1.37 × 100 = 126.10”."""
    found, _ = run(tmp_path, 2024, "final-accounts", "- type: text\n  text: 本年收入合计1.37亿元，其中：财政拨款收入17275.45万元，占99.9%。\n")
    rates = [p for p in found if p.code == "text-rate-mismatch"]
    assert rates and "17275.45万元 ÷ 1.37亿元 × 100" in rates[0].message


@pytest.mark.parametrize(("said", "told"), [("186.25", False), ("168.25", True)])
def test_shang_nian_jie_zhuan_jie_yu_is_the_carry_over_at_the_years_start(tmp_path: Path, said: str, told: bool) -> None:
    """“上年结转结余168.25万元” in a 决算 is its 年初结转和结余 (186.25): the name, without 和, was no item's."""
    text = f"- type: text\n  text: 2024年度收入总计3401.89万元，上年结转结余{said}万元。\n"
    table = """\
- type: table
  role: final-summary
  title: 收入支出决算总表
  sides:
    - id: income
      title: 收入
      columns:
        - {id: actual, label: 决算数}
      rows:
        - {id: general, label: 一、一般公共预算财政拨款收入, values: [3215.64]}
        - {id: total-income, label: 本年收入合计, values: [3215.64]}
        - {id: carryover-start, label: 年初结转和结余, values: [186.25]}
        - {id: grand-total, label: 总计, values: [3401.89]}
"""
    found, source = run(tmp_path, 2024, "final-accounts", text + table)
    found = [p for p in found if p.code == "text-figure-mismatch"]
    if not told:
        assert found == []
        return
    assert [(p.line, p.stated, p.computed) for p in found] == [(place_of(source, "上年结转结余")[0], "168.25", "186.25")]


@pytest.mark.parametrize(("rate", "told"), [("10.8", False), ("12.1", True)])
def test_a_comparison_opening_its_sentence_is_of_the_phase_it_names_in_the_sentence_before(tmp_path: Path, rate: str, told: bool) -> None:
    """““三公”经费财政拨款支出预算26.00万元，支出决算20.28万元，完成预算的78.0%。较上年决算减少2.46万元，下降12.1%。”:
    the sentence before gives two phases, so the comparison's figure was not known and no rate checked; “较上年决算” says it."""
    text = (
        "- type: text\n  text: “三公”经费财政拨款支出预算26.00万元，支出决算20.28万元，完成预算的78.0%。"
        f"较上年决算减少2.46万元，下降{rate}%。\n"
        "- type: table\n  role: final-three-public\n  title: 财政拨款“三公”经费支出决算表\n  unit: 万元\n  columns:\n"
        "    - {id: total-budget, label: 预算数, group: [合计]}\n    - {id: total-actual, label: 决算数, group: [合计]}\n"
        "    - {id: reception-budget, label: 预算数, group: [公务接待费]}\n    - {id: reception-actual, label: 决算数, group: [公务接待费]}\n"
        "  rows:\n    - {id: total, label: \"\", values: [26.00, 20.28, 26.00, 20.28]}\n"
    )
    found, source = run(tmp_path, 2024, "final-accounts", text)
    found = [p for p in found if p.code == "text-rate-mismatch"]
    if not told:
        assert found == []
        return
    assert [p.line for p in found] == [place_of(source, "下降12.1%")[0]]
    assert "2.46 ÷（20.28 + 2.46）× 100 = 10.82" in found[0].message


@pytest.mark.parametrize(
    "said, code",
    [
        # 山东: the subject named again at the head of the next sentence, with the 、 between its two sides.
        ("2024年度收、支总计147035.60万元。收、支总计较上年增加7165.35万元，增长5.21%。", "text-rate-mismatch"),
        ("2024年度收入、支出总计均为147035.60万元。收入、支出总计较上年各增加7165.35万元，增长5.21%。", "text-rate-mismatch"),
        ("2024年度财政拨款收入、支出总计均为147035.60万元。财政拨款收入、支出总计较上年各增加7165.35万元，增长5.21%。", "text-rate-mismatch"),
        ("2024年度收、支总计147035.60万元。收、支总计较上年增加7165.35万元，增长5.12%。", None),
        # 广东: a 类's completion rate said after its 决算 figure.
        ("教育支出（类）年初预算为2420.50万元，支出决算为2500.06万元，为年初预算的103.92%。", "text-rate-mismatch"),
        ("教育支出（类）年初预算为2420.50万元，支出决算为2500.06万元，占年初预算的103.92%。", "text-rate-mismatch"),
        ("教育支出（类）年初预算为2420.50万元，支出决算为2500.06万元，为年初预算的103.29%。", None),
        # The change against the budget said only as a rate: both figures are in the sentence.
        ("教育支出（类）年初预算为1200.00万元，支出决算为1260.40万元，比年初预算增长5.30%。", "text-rate-mismatch"),
        ("教育支出（类）年初预算为18500.00万元，支出决算为17920.50万元，比年初预算下降3.31%。", "text-rate-mismatch"),
        ("教育支出（类）年初预算为1200.00万元，支出决算为1260.40万元，比年初预算增长5.03%。", None),
    ],
)
def test_rates_of_the_totals_and_against_the_budget_as_other_provinces_word_them(tmp_path: Path, said: str, code: str | None) -> None:
    """Rates that passed unchecked however wrong: 山东's and 广东's 决算 texts."""
    found, _ = run(tmp_path, 2024, "final-accounts", f"- type: text\n  text: {said}\n")
    assert [p.code for p in found] == ([code] if code else []), [p.message for p in found]


@pytest.mark.parametrize(
    ("said", "told"),
    [
        # 北京: the change said, its parts listed, then the reason for a change the other way.
        ("2025年“三公”经费财政拨款预算数为20.1万元，比2024年增加6.30万元。其中：因公出国（境）费0万元，公务接待费16.7万元，公务用车购置及运行费3.4万元。“三公”经费预算减少的主要原因是严格落实过紧日子要求。", True),
        ("2025年“三公”经费财政拨款预算数为20.1万元，比2024年减少6.30万元。其中：因公出国（境）费0万元，公务接待费16.7万元，公务用车购置及运行费3.4万元。“三公”经费预算减少的主要原因是严格落实过紧日子要求。", False),
        # A part's change given as the reason is not the total's.
        ("2025年“三公”经费财政拨款预算数为20.1万元，比2024年增加6.30万元。公务用车运行费减少的主要原因是车辆减少。", False),
    ],
)
def test_a_change_named_again_with_its_reason_the_other_way_is_told(tmp_path: Path, said: str, told: bool) -> None:
    table = THREE_PUBLIC[THREE_PUBLIC.index("- type: table") :].replace("[1.00, ~, 1.00, ~, ~, ~, 171.01]", "[20.10, 0.00, 16.70, 3.40, ~, ~, 171.01]")
    found, _ = run(tmp_path, 2025, "budget", THREE_PUBLIC_SAID.format(text=said) + table.format())
    assert [p.code for p in found if p.code == "text-direction-mismatch"] == (["text-direction-mismatch"] if told else []), [p.message for p in found]


@pytest.mark.parametrize(
    ("year", "kind", "said", "told"),
    [
        # 湖南: last year's sentence kept whole in this year's budget, both its years one behind.
        (2025, "budget", "2025年“三公”经费预算数为12.00万元。2024年“三公”经费预算较2023年减少1.50万元，下降11.11%。", True),
        (2025, "budget", "2024年行政运行（项）预算数为512.30万元，比2023年预算数增加13.70万元。", True),
        # Last year's execution, and a budget compared with the last 决算 there is: not a slip.
        (2025, "budget", "2024年全年执行数512.30万元，比2023年增加13.70万元。", False),
        (2025, "budget", "2025年“三公”经费预算数为12.00万元，比2023年决算数减少1.50万元。", False),
        # 山东: a 决算 compared with the year before last.
        (2024, "final-accounts", "2024年度“三公”经费财政拨款支出决算比2022年度减少3.32万元。", True),
        (2024, "final-accounts", "2024年度“三公”经费财政拨款支出决算比2023年度减少3.32万元。", False),
    ],
)
def test_a_sentence_whose_years_were_not_moved_on_is_told(tmp_path: Path, year: int, kind: str, said: str, told: bool) -> None:
    found, _ = run(tmp_path, year, kind, THREE_PUBLIC_SAID.format(text=said))
    assert [p.code for p in found if p.code == "text-wrong-year"] == (["text-wrong-year"] if told else []), [p.message for p in found]


@pytest.mark.parametrize(
    ("text", "told"),
    [
        # 江苏: the change against the budget, the budget left to the table (64.20): 51.37 is 12.83 under it.
        ("2023年度“三公”经费财政拨款支出决算51.37万元，完成预算的80.02%，比年初预算减少12.83万元，下降19.98%。", []),
        ("2023年度“三公”经费财政拨款支出决算51.37万元，完成预算的80.02%，比年初预算减少11.83万元，下降19.98%。", ["text-rate-mismatch"]),
        ("2023年度公务接待费支出决算18.27万元，比年初预算减少5.93万元。", []),
        ("2023年度公务接待费支出决算18.27万元，比年初预算减少3.93万元。", ["text-rate-mismatch"]),
        # Against last year, not the budget: the table's budget is not its base.
        ("2023年度“三公”经费财政拨款支出决算51.37万元，比上年减少11.83万元。", []),
    ],
)
def test_a_final_accounts_change_against_the_budget_the_table_prints_is_checked(tmp_path: Path, text: str, told: list[str]) -> None:
    found, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC_FINAL.format(text=text))
    assert [p.code for p in found] == told, [p.message for p in found]


@pytest.mark.parametrize(
    ("said", "wrong"),
    [
        # The national 决算 template's sentence of the 政府性基金's year (重庆, 甘肃).
        ("2024年度政府性基金预算财政拨款年初结转和结余120.00万元，本年收入420.00万元，本年支出472.00万元，年末结转和结余{end}万元。", "86.00"),
        # The 财政拨款 carried out, by fund.
        ("年末财政拨款结转和结余{end}万元，其中一般公共预算财政拨款结转22.80万元，政府性基金预算财政拨款结转68.00万元。", "80.90"),
    ],
)
def test_a_funds_carry_over_in_the_text_adds_up(tmp_path: Path, said: str, wrong: str) -> None:
    right = "68.00" if "年初" in said else "90.80"
    found, _ = run(tmp_path / "right", 2024, "final-accounts", "- type: text\n  text: |\n    " + said.format(end=right) + "\n")
    assert found == []
    found, _ = run(tmp_path / "wrong", 2024, "final-accounts", "- type: text\n  text: |\n    " + said.format(end=wrong) + "\n")
    assert len(found) == 1 and found[0].severity.value == "error", [(p.code, p.message) for p in found]
    if "年初" in said:
        assert found[0].code == "text-balance-mismatch"
        assert "120.00 ＋ 420.00 − 472.00 = 68.00 万元，正文却写 86.00 万元" in found[0].message
    else:
        assert found[0].code == "text-parts-mismatch" and "22.80 + 68.00 = 90.8 万元" in found[0].message


def test_a_whole_departments_carry_over_is_not_held_to_a_funds_balance(tmp_path: Path) -> None:
    """A department's year has its 使用非财政拨款结余 and 结余分配 besides: four figures of it need not balance."""
    said = "2024年度年初结转和结余120.00万元，本年收入420.00万元，本年支出472.00万元，年末结转和结余60.00万元。"
    found, _ = run(tmp_path, 2024, "final-accounts", "- type: text\n  text: |\n    " + said + "\n")
    assert found == []


LAST_YEARS_SAID = """\
- type: text
  text: |
    {said}
- type: table
  role: budget-general-expenditure
  title: 一般公共预算支出表
  unit: 万元
  columns:
    - {{id: total, label: 合计}}
  rows:
    - {{id: total, label: 合计, values: [3952.15]}}
"""


@pytest.mark.parametrize(
    "said",
    [
        # 浙江: the year opening the sentence, before its comma, is the year of the figure after it.
        "2024年，我局一般公共预算支出预算安排4018.36万元，2025年安排3952.15万元，减少66.21万元，下降1.65%。",
        "上年度，我局一般公共预算支出预算安排4018.36万元。",
    ],
)
def test_a_figure_of_the_year_opening_its_sentence_is_that_years(tmp_path: Path, said: str) -> None:
    found, _ = run(tmp_path, 2025, "budget", LAST_YEARS_SAID.format(said=said))
    assert found == [], [(p.code, p.message) for p in found]
    # This year's, so opened, is still this year's figure.
    found, _ = run(tmp_path / "own", 2025, "budget", LAST_YEARS_SAID.format(said="2025年，我局一般公共预算支出预算安排3925.15万元。"))
    assert codes(found) == [("text-figure-mismatch", "error")]


def test_figures_under_a_heading_of_last_years_execution_are_last_years(tmp_path: Path) -> None:
    body = (
        "- type: heading\n  level: 2\n  text: 十、2024年预算执行情况\n"
        + LAST_YEARS_SAID.format(said="一般公共预算支出年初预算4018.36万元，全年执行4110.15万元，为年初预算的102.28%。")
    )
    found, _ = run(tmp_path, 2025, "budget", body)
    assert found == [], [(p.code, p.message) for p in found]
    # Under a heading of this year's, the figure is this year's and is compared.
    found, _ = run(tmp_path / "own", 2025, "budget", body.replace("十、2024年预算执行情况", "十、2025年一般公共预算支出"))
    assert "text-figure-mismatch" in [p.code for p in found]


def test_the_year_before_last_with_its_own_figure_is_a_comparison_in_passing(tmp_path: Path) -> None:
    """浙江 决算: “…决算比2023年度增加1.28万元，增长4.77%，与2022年度的28.10万元基本持平。” — the main base is last year's."""
    said = "2024年度“三公”经费财政拨款支出决算28.12万元，比2023年度增加1.28万元，增长4.77%，与2022年度{the}28.10万元基本持平。"
    found, _ = run(tmp_path, 2024, "final-accounts", "- type: text\n  text: |\n    " + said.format(the="的") + "\n")
    assert [p for p in found if p.code == "text-wrong-year"] == []


@pytest.mark.parametrize("said", ["该项目2024年度自评得分{n}分。", "该项目2024年度绩效自评得分{n}分。", "该项目年度自评得分{n}分，自评等级为优。"])
def test_a_project_forms_score_said_with_its_year_is_its_own(tmp_path: Path, said: str) -> None:
    """甘肃、云南's 自评结论: “该项目2024年度自评得分98.57分” — the year, and 项目 on a project's own form, name nobody else."""
    body = "- type: text\n  text: |\n    " + said + "\n"
    extra = "project: {name: 学生资助, slug: zizhu}\nscore: 98.75\n"
    found, _ = run(tmp_path / "right", 2024, "project-evaluation", body.format(n="98.75"), extra=extra)
    assert [p for p in found if p.code == "text-figure-mismatch"] == []
    found, _ = run(tmp_path / "wrong", 2024, "project-evaluation", body.format(n="98.57"), extra=extra)
    assert [(p.code, p.stated) for p in found if p.code == "text-figure-mismatch"] == [("text-figure-mismatch", "98.57")]


def test_a_header_score_differing_from_its_table_is_told_once_not_at_the_text_that_agrees_with_the_table(tmp_path: Path) -> None:
    """四川: the header writes score: 93.8; the text and the 评分表 both say 93.6. The header is the slip (score-mismatch);
    the text was blamed too, and told to change a right figure."""
    body = """\
- type: text
  text: |
    经自评，我局2024年度部门整体支出绩效自评综合得分93.6分。
- type: scores
  title: 部门整体支出绩效评价指标评分表
  items:
    - {name: 预算编制, weight: 40, score: 38.6}
    - {name: 完成结果, weight: 60, score: 55}
  total_weight: 100
  total: 93.6
"""
    found, _ = run(tmp_path, 2024, "self-evaluation", body, extra="score: 93.8\n")
    assert [p.code for p in found] == ["score-mismatch"], [(p.code, p.message) for p in found]
