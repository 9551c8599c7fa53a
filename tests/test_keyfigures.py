"""Key figures first; budget beside actual and this year beside last year."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pubgen.keyfigures import KeyFigure, with_caveats
from pubgen.pipeline import Project, build, check
from pubgen.problems import Problem

from .conftest import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "every-block"
DOCS = "content/documents/hebei/xingtai/pingxiang/jiaoyuju"
FINAL = "hebei/xingtai/pingxiang/jiaoyuju/2022/final-accounts/index.html"

BUDGET = """\
department: hebei/xingtai/pingxiang/jiaoyuju
year: 2022
kind: budget
title: 平乡县教育局2022年部门预算
body:
  - type: table
    role: expenditure
    title: 支出预算
    columns: [{id: budget, label: 预算数}]
    rows:
      - {id: total, label: 合计, values: [1300]}
      - {id: basic, label: 基本支出, values: [900]}
      - {id: project, label: 项目支出, values: [400]}
"""

LAST_YEAR = BUDGET.replace("2022", "2021").replace("kind: budget", "kind: final-accounts").replace(
    "{id: budget, label: 预算数}", "{id: actual, label: 决算数}"
).replace("[1300]", "[1200]").replace("[900]", "[800]")


def key_figures(page: str) -> dict[str, str]:
    return dict(re.findall(r'<(?:span|a) class="pg-key__label"(?: href="[^"]*" title="[^"]*")?>([^<]+)</(?:span|a)><span class="pg-key__value"><data value="([^"]+)">', page))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("compare")
    shutil.copytree(FIXTURE / "content", root / "content")
    (root / DOCS / "2022-budget.yml").write_text(BUDGET, encoding="utf-8")
    (root / DOCS / "2021-final-accounts.yml").write_text(LAST_YEAR, encoding="utf-8")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    assert check(Project(root)).ok
    build(Project(root), root / "site")
    return root / "site"


def test_key_figures_come_first_with_units(bundled_site: Path) -> None:
    page = (bundled_site / "hebei/shijiazhuang/xinfangju/2021/self-evaluation/index.html").read_text(encoding="utf-8")
    keys = key_figures(page)
    assert keys["收入合计"] == "2505.71102" and keys["支出合计"] == "2159.022416"
    assert keys["自评得分"] == "100"
    # 2159.022416 ÷ 2524.98 × 100, rounded to two decimals, and said to be computed.
    assert keys["预算执行率"] == "85.51"
    assert "按支出决算数 ÷ 年初预算计算" in page
    article = page.split("<article", 1)[1]
    assert article.index("pg-keys") < article.index("一、部门基本情况")
    budget = (bundled_site / "hebei/xingtai/pingxiang/xinfangju/2021/budget/index.html").read_text(encoding="utf-8")
    assert key_figures(budget)["“三公”经费"] == "1.4"


def test_budget_beside_actual_and_change_on_last_year(site: Path) -> None:
    page = (site / FINAL).read_text(encoding="utf-8")
    assert "预算与执行对比" in page and "与上年对比" in page
    compare = page.split("预算与执行对比", 1)[1].split("</table>", 1)[0]
    # actual 1250.5 against budget 1300: difference and execution rate.
    assert re.search(r"支出合计（万元）</th><td class=\"num\">1,250.5</td><td class=\"num\">1,300</td><td class=\"num\">-49.5</td><td class=\"num\">96.19</td>", compare)
    change = page.split("与上年对比", 1)[1].split("</table>", 1)[0]
    assert "有出入" not in page  # no figure compared is in question: no mark, no warning under the table
    assert re.search(r"支出合计（万元）</th><td class=\"num\">1,250.5</td><td class=\"num\">1,200</td><td class=\"num\">50.5</td><td class=\"num\">4.21</td>", change)
    assert 'href="../budget/"' in page


def test_department_page_charts_income_and_expenditure_per_year_with_a_table(site: Path) -> None:
    page = (site / "hebei/xingtai/pingxiang/jiaoyuju/index.html").read_text(encoding="utf-8")
    article = page.split("<article", 1)[1]
    chart = article.split('aria-labelledby="pg-chart-expenditure-title', 1)[1].split("</svg>", 1)[0]
    # Budget 1300 (2022 budget) beside actual 1250.5 (2022 final accounts), and 2021's actual 1200.
    for printed in ("1,300", "1,250.5", "1,200", "2021年", "2022年"):
        assert printed in chart
    income = article.split('aria-labelledby="pg-chart-income-title', 1)[1].split("</svg>", 1)[0]
    assert "本站暂无" in income and "未公开" not in income  # no income figure for 2021: a marked gap, not a zero bar, nor a claim about the department
    assert "<script" not in chart and "<script" not in income
    table = article.split("历年支出：年初预算数与决算数（数据表）", 1)[1].split("</table>", 1)[0]
    assert "1,250.5" in table and "1,300" in table
    # The list of documents gives each year's documents with their key figures, newest year first.
    listed = article.split('class="pg-list"', 1)[1].split("</table>", 1)[0]
    header = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<th scope=\"col\"[^>]*>(.*?)</th>", listed)]
    rows = [[re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", r)] for r in re.findall(r"<tr>(<td[ >].*?)</tr>", listed)]
    years = [r[0] for r in rows]
    assert years == sorted(years, reverse=True) and "2022" in years and "2021" in years
    spent = header.index("支出合计")
    assert any(r[0] == "2022" and r[1] == "部门决算" and r[spent] == "1,250.5" for r in rows)


def test_a_key_figure_a_check_found_wrong_is_shown_with_what_it_should_be_and_why(bundled_site: Path) -> None:
    acknowledged = [p for p in check(Project(ROOT)).problems if p.acknowledged and p.field == "three-public.total.budget"]
    assert len(acknowledged) == 1
    problem = acknowledged[0]
    page = (bundled_site / "hebei/xingtai/pingxiang/xinfangju/2021/budget/index.html").read_text(encoding="utf-8")
    boxes = dict(re.findall(r'<li class="pg-key pg-key--([a-z-]+)[^"]*">(.*?)</li>', page))
    shown = re.sub(r"<[^>]+>", "", boxes["three-public"])
    # As printed (1.4 万元), as the parts add up, and the publisher's reason, in words for readers.
    assert shown == f"“三公”经费1.4 万元数字有出入：原文 1.4 万元；分项合计 {problem.computed} 万元；发布单位说明：{problem.acknowledged}"
    assert "pg-key--caveat" in page.split('pg-key--three-public', 1)[1].split(">", 1)[0]
    # Figures no check found wrong carry no such note.
    assert all("数字有出入" not in boxes[k] for k in ("income", "expenditure", "operating-costs"))
    # Where the indexes list the figure, they say it is in question and where to read why.
    year = (bundled_site / "years/2021/index.html").read_text(encoding="utf-8")
    row = year.split("平乡县信访局2021年部门预算信息公开情况说明</a></td>", 1)[1].split("</tr>", 1)[0]
    cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r'<td class="num"[^>]*>(.*?)</td>', row)]
    assert cells[2] == "1.4（有出入，见文档）" and "有出入" not in cells[0] + cells[1]
    department = (bundled_site / "hebei/xingtai/pingxiang/xinfangju/index.html").read_text(encoding="utf-8")
    row = department.split("平乡县信访局2021年部门预算信息公开情况说明</a></td>", 1)[1].split("</tr>", 1)[0]
    cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r'<td class="num"[^>]*>(.*?)</td>', row)]
    assert cells[2] == "1.4（有出入，见文档）" and "有出入" not in cells[0] + cells[1]


def test_a_caveat_names_what_the_figure_was_checked_against() -> None:
    figures = [
        KeyFigure("execution-rate", "预算执行率", "85.5", "%", field="expenditure.total.execution-rate"),
        KeyFigure("income", "收入合计", "100", "万元", field="income.total.actual"),
    ]
    problems = [
        Problem("ratio-mismatch", "…", "x.yml", field="expenditure.total.execution-rate", stated="85.5", computed="85.51", acknowledged="原文如此。"),
        Problem("sum-mismatch", "…", "x.yml", field="income.total.actual", stated="100", computed="99"),  # not acknowledged
    ]
    rate, income = with_caveats(figures, problems)
    assert rate.caveat == "原文 85.5%；按表中数字计算 85.51%；发布单位说明：原文如此。"
    assert income.caveat is None


def test_cells_made_figures_on_demand_are_the_figures_of_every_bundled_document() -> None:
    """The unit-against-department check compares cells and makes a Figure only where they differ: the same Figure, field and order."""
    from pubgen.figures import cells, figures
    from pubgen.load import load

    content = load(ROOT / "content")
    assert content.documents
    made = 0
    for loaded in content.documents:
        doc = loaded.record
        eager = list(figures(doc, "元"))
        lazy = list(cells(doc))
        assert [c.figure("元") for c in lazy] == eager
        assert [c.field for c in lazy] == [f.field for f in eager]
        assert [c.cell.value for c in lazy] == [f.value for f in eager]
        made += len(eager)
    assert made > 1000


def test_a_key_figure_of_a_table_noted_as_empty_says_so(bundled_site: Path) -> None:
    """万里街道 2024: the 三公 table prints 47.91 under a note that the department had no 三公 budget (acknowledged). The key
    figure, the year-over-year comparison on the next year's page and the indexes must not show 47.91 as if undisputed."""
    [problem] = [
        p for p in check(Project(ROOT)).problems
        if p.acknowledged and p.code == "empty-note-with-figures" and p.file.endswith("wanli-jiedao/2024-budget.yml")
    ]
    page = (bundled_site / "shanghai/putuo/wanli-jiedao/2024/budget/index.html").read_text(encoding="utf-8")
    boxes = dict(re.findall(r'<li class="pg-key pg-key--([a-z-]+)[^"]*">(.*?)</li>', page))
    shown = re.sub(r"<[^>]+>", "", boxes["three-public"])
    assert shown.startswith(f"“三公”经费{problem.stated} 万元数字有出入：原文 {problem.stated} 万元；但原表注明本表为空表；发布单位说明："), shown
    assert problem.acknowledged in shown
    assert "pg-key--caveat" in page.split("pg-key--three-public", 1)[1].split(">", 1)[0]
    assert "数字有出入" not in boxes["expenditure"]
    # The table's note that it is empty carries the mark its explanation under the table is numbered with, and leads to it.
    mark = re.search(r'<p class="pg-empty">[^<]*故本表为空表[^<]*<sup class="pg-mark"><a href="#(pg-note-\d+)" id="pg-mark-\d+">(注\d+)</a></sup></p>', page)
    assert mark, re.findall(r'<p class="pg-empty">.*?</p>', page)
    assert re.search(rf'<li id="{mark.group(1)}"><strong>{mark.group(2)}</strong>：[^<]*{re.escape(problem.acknowledged or "")}', page)
    # The next year's page compares with it, and says the figure is in question.
    following = (bundled_site / "shanghai/putuo/wanli-jiedao/2025/budget/index.html").read_text(encoding="utf-8")
    change = following.split("与上年对比", 1)[1].split("</table>", 1)[0]
    row = change.split("“三公”经费", 1)[1].split("</tr>", 1)[0]
    cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r'<td class="num">(.*?)</td>', row)]
    assert cells[:2] == ["37.91", f"{problem.stated}（有出入）"], cells  # 2025's own figure is not in question
    assert "标“有出入”的数字" in following.split("与上年对比", 1)[1].split("</figure>", 1)[0]


def test_two_documents_in_different_units_are_compared_in_one() -> None:
    """Shanghai's budgets are in 元, their 决算 in 万元: the 决算 page's 预算与执行对比 printed 2946.25 beside 29939200 and an
    执行率 of 0.01 %. The budget's figure is brought into the 决算's unit exactly, and shown with the figure as printed."""
    from decimal import Decimal

    from pubgen.keyfigures import compare

    actual = [KeyFigure("expenditure", "支出合计", "2940.05", "万元", Decimal("2940.05"))]
    budget = [KeyFigure("expenditure", "支出合计", "29939200", "元", Decimal("29939200"))]
    found = compare("预算与执行对比", actual, budget, "决算数", "预算数", None, change=False)
    assert found is not None
    assert found.rows == [("支出合计", "万元", "2940.05", "2993.92（原文 29939200 元）", "-53.87", "98.20")]
    # A unit that cannot be brought into the other's exactly is not compared at all.
    odd = [KeyFigure("expenditure", "支出合计", "7", "人", Decimal(7))]
    assert compare("预算与执行对比", actual, odd, "决算数", "预算数", None, change=False) is None


NATIONAL_BUDGET = """\
department: hebei/xingtai/pingxiang/jiaoyuju
year: 2022
kind: budget
title: 平乡县教育局2022年部门预算
body:
  - type: table
    role: budget-finance-summary
    title: 部门收支总表
    sides:
      - id: income
        columns: [{id: budget, label: 预算数}]
        rows:
          - {id: fiscal-general, label: 一、一般公共预算拨款收入, values: [2900]}
          - {id: business, label: 二、事业收入, values: [93.92]}
          - {id: total-income, label: 本年收入合计, values: [2993.92]}
          - {id: carryover, label: 上年结转, values: [500]}
          - {id: grand-total, label: 收入总计, values: [3493.92]}
      - id: expenditure
        columns: [{id: budget, label: 预算数}]
        rows:
          - {label: 一、教育支出, values: [3493.92]}
          - {id: total-expenditure, label: 本年支出合计, values: [3493.92]}
          - {id: grand-total, label: 支出总计, values: [3493.92]}
"""

NATIONAL_FINAL = """\
department: hebei/xingtai/pingxiang/jiaoyuju
year: 2022
kind: final-accounts
title: 平乡县教育局2022年度部门决算
body:
  - type: table
    role: final-summary
    title: 收入支出决算总表
    sides:
      - id: income
        columns: [{id: actual, label: 决算数}]
        rows:
          - {id: general, label: 一般公共预算财政拨款收入, values: [2852.36]}
          - {id: business, label: 事业收入, values: [93.89]}
          - {id: total-income, label: 本年收入合计, values: [2946.25]}
          - {id: carryover-start, label: 年初结转和结余, values: [49.14]}
          - {id: grand-total, label: 总计, values: [2995.39]}
      - id: expenditure
        columns: [{id: actual, label: 决算数}]
        rows:
          - {label: 教育支出, values: [2940.05]}
          - {id: total-expenditure, label: 本年支出合计, values: [2940.05]}
          - {id: carryover-end, label: 年末结转和结余, values: [55.34]}
          - {id: grand-total, label: 总计, values: [2995.39]}
"""


def test_a_budget_with_carry_over_is_compared_with_its_final_accounts_income_for_the_year_not_its_grand_total(tmp_path: Path) -> None:
    """The national 部门收支总表 prints 本年收入合计 and, below it, 上年结转 and 收入总计; the 决算's key figure is its 本年收入合计.
    The budget's 收入总计 beside it made an 执行率 of 2946.25 ÷ 3493.92 where the year's income was 2993.92."""
    from pubgen.keyfigures import compare, key_figures
    from pubgen.load import load

    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    (content / DOCS.removeprefix("content/") / "2022-budget.yml").write_text(NATIONAL_BUDGET, encoding="utf-8")
    (content / DOCS.removeprefix("content/") / "2022-final-accounts.yml").write_text(NATIONAL_FINAL, encoding="utf-8")
    loaded = {d.record.kind: d.record for d in load(content).documents if d.record.department.endswith("jiaoyuju") and d.record.year == 2022}
    budget = key_figures(loaded["budget"], "万元")
    final = key_figures(loaded["final-accounts"], "万元")
    assert {k.label: k.text for k in budget if k.id == "income"} == {"收入合计": "2993.92"}
    found = compare("预算与执行对比", final, budget, "决算数", "预算数", None, change=False)
    assert found is not None
    assert ("收入合计", "万元", "2946.25", "2993.92", "-47.67", "98.41") in found.rows
