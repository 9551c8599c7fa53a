"""`pubgen diff` as a reviewer reads it, on real git repositories: documents whose address changed, comments that
must keep the check problems, figures in the narrative and in indicator rows, acknowledged problems, problems of
text that only moved, and text that must not turn into links or references."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pubgen.cli import main

from .conftest import copy_project, git

DEPARTMENT = "content/departments/hebei/xingtai/pingxiang/xinfangju.yml"
FOLDER = "content/documents/hebei/xingtai/pingxiang/xinfangju"
BUDGET = f"{FOLDER}/2021-budget.yml"
OLD_PAGE = "/hebei/xingtai/pingxiang/xinfangju/2021/budget/"
NEW_PAGE = "/hebei/xingtai/pingxiang/xinfang/2021/budget/"
LABEL = "平乡县信访局 2021年部门预算"


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def edit(repo: Path, name: str, old: str, new: str, count: int = 1) -> None:
    path = repo / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, f"{old!r} should occur {count} times in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "project").root
    git(root, "init", "-q")
    git(root, "checkout", "-q", "-b", "main")
    commit(root, "Bundled content")
    return root


def diff(repo: Path, *args: str, code: int = 0) -> str:
    result = CliRunner().invoke(main, ["diff", "--project", str(repo), *args])
    assert result.exit_code == code, result.output
    return result.stdout


def diff_json(repo: Path, *args: str) -> dict[str, Any]:
    return json.loads(diff(repo, *args, "--format", "json"))  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- a document whose address changed


def rename_department(repo: Path) -> None:
    """The department's slug xinfangju → xinfang: its file, its documents' folder and their ``department:``."""
    git(repo, "mv", DEPARTMENT, DEPARTMENT.replace("xinfangju.yml", "xinfang.yml"))
    git(repo, "mv", FOLDER, FOLDER.replace("xinfangju", "xinfang"))
    edit(repo, DEPARTMENT.replace("xinfangju.yml", "xinfang.yml"), "slug: xinfangju", "slug: xinfang")
    edit(repo, BUDGET.replace("xinfangju", "xinfang"), "department: hebei/xingtai/pingxiang/xinfangju", "department: hebei/xingtai/pingxiang/xinfang")


def test_a_renamed_department_slug_shows_the_address_change_and_the_figures_changed_with_it(repo: Path) -> None:
    # The base already has an error: 项目支出 no longer adds up to the total.
    edit(repo, BUDGET, "{id: project, label: 项目支出, values: [97.92]}", "{id: project, label: 项目支出, values: [97.93]}")
    commit(repo, "An error already there")
    rename_department(repo)
    moved = BUDGET.replace("xinfangju", "xinfang")
    # Two figures changed with the rename, in the table and in the text; their sum still adds up.
    edit(repo, moved, "{id: personnel, label: 人员经费, values: [219.7]}", "{id: personnel, label: 人员经费, values: [219.8]}")
    edit(repo, moved, "{id: public, label: 日常公用经费, values: [11.86]}", "{id: public, label: 日常公用经费, values: [11.76]}")
    edit(repo, moved, "人员经费219.7万元和日常公用经费11.86万元", "人员经费219.8万元和日常公用经费11.76万元")
    commit(repo, "Rename the department's slug")

    text = diff(repo, "HEAD~1", "HEAD", "--fail-on-problems")
    assert f"网址改变：{LABEL}：{OLD_PAGE} → {NEW_PAGE}（旧网址将失效）" in text
    assert "（部门代号 hebei/xingtai/pingxiang/xinfangju → hebei/xingtai/pingxiang/xinfang（名称未变），其余内容有改动，见下；文件 " in text
    assert "网址改变 1" in text and "新增 0、删除 0" in text
    assert "人员经费 · 预算数（万元）：219.7 → 219.8（+0.1）" in text
    assert "日常公用经费 · 预算数（万元）：11.86 → 11.76（-0.10）" in text
    # The unchanged error is neither new nor solved, and --fail-on-problems does not fail on it.
    assert "检查问题：新增 0（其中错误 0）、已解决 0" in text
    data = diff_json(repo, "HEAD~1", "HEAD")
    [document] = data["documents"]
    assert document["status"] == "readdressed"
    assert document["old_document"] == OLD_PAGE.strip("/") and document["document"] == NEW_PAGE.strip("/")
    assert data["problems"] == {"introduced": [], "fixed": [], "acknowledged": [], "unchecked": [], "withdrawn": [], "uncompared": []}
    markdown = diff(repo, "HEAD~1", "HEAD", "--format", "markdown")
    assert "（旧网址将失效）" in markdown and "| 219.7 | 219.8 | +0.1 |" in markdown


def test_a_corrected_year_is_the_same_document_at_another_address(repo: Path) -> None:
    git(repo, "mv", BUDGET, BUDGET.replace("2021-", "2020-"))
    edit(repo, BUDGET.replace("2021-", "2020-"), "\nyear: 2021\n", "\nyear: 2020\n")
    commit(repo, "The year was wrong")
    text = diff(repo, "HEAD~1", "HEAD")
    assert f"网址改变：{LABEL} → 平乡县信访局 2020年部门预算：{OLD_PAGE} → /hebei/xingtai/pingxiang/xinfangju/2020/budget/（旧网址将失效）（年度 2021 → 2020，其余内容未变；文件 " in text
    assert "数字改动 0 处" in text and "新增 0、删除 0" in text


# --------------------------------------------------------------------------- a comment within its length, and tables only rescaled

WANLI = "content/documents/shanghai/putuo/wanli-jiedao/2025-budget.yml"


def every_table_figure_plus_one(repo: Path, name: str) -> None:
    """Every figure of every table one more: hundreds of figure rows and of sums that no longer add up."""
    path = repo / name

    def one_more(match: re.Match[str]) -> str:
        return match[1] + re.sub(r"(?<![\w.])(\d+)((?:\.\d+)?)(?![\w.])", lambda n: str(int(n[1]) + 1) + n[2], match[2]) + "]"

    path.write_text(re.sub(r"(values: \[)([^\]]*)\]", one_more, path.read_text(encoding="utf-8")), encoding="utf-8")


def test_a_long_comment_keeps_the_problems_and_says_how_many_figure_rows_it_left_out(repo: Path) -> None:
    every_table_figure_plus_one(repo, WANLI)
    data = diff_json(repo, "HEAD")
    figures, introduced = len(data["figures"]), len(data["problems"]["introduced"])
    assert figures > 500 and data["summary"]["errors_introduced"] > 0
    markdown = diff(repo, "HEAD", "--format", "markdown")
    assert len(markdown) <= 60000, "a GitHub comment takes 65536 characters, with the workflow's marker"
    # The summary, then the new problems, before any figure row.
    assert markdown.index(f"新增 {introduced}（其中错误") < markdown.index("### 检查问题") < markdown.index("### 数字改动")
    assert f"#### 新增的问题（{introduced}）" in markdown
    errors = markdown[markdown.index("#### 新增的问题") : markdown.index("### 数字改动")]
    assert errors.count("| 错误 |") >= 30
    # The figure list is what is cut, with a line saying how many rows were left out and where to see them all.
    [left] = re.findall(r"另有 (\d+) 处数字改动未在此列出（评论长度有限）。完整结果见 CI 作业的产物 pubgen-diff（pubgen-diff.txt 列出全部改动）", markdown)
    shown = markdown[markdown.index("### 数字改动") :].count("\n| 上海市普陀区人民政府万里街道办事处")
    assert shown >= 30 and shown + int(left) == figures
    assert markdown.count("<details>") == markdown.count("</details>")
    # The text output lists every row.
    assert diff(repo, "HEAD").count("\n      字段：") == figures


def test_a_table_rescaled_from_wanyuan_to_yuan_is_one_line_not_a_figure_change(repo: Path) -> None:
    old = (
        "      - {id: total, label: 预算收入, values: [329.48]}\n"
        "      - {id: general-budget, label: 一般公共预算收入, values: [329.48]}\n"
        "      - {id: fund, label: 基金预算收入, values: [0]}\n"
    )
    new = (
        "      - {id: total, label: 预算收入, values: [3294800]}\n"
        "      - {id: general-budget, label: 一般公共预算收入, values: [3294800]}\n"
        "      - {id: fund, label: 基金预算收入, values: [0]}\n"
    )
    edit(repo, BUDGET, old, new)
    edit(repo, BUDGET, "    role: income\n", "    role: income\n    unit: 元\n")
    text = diff(repo, "HEAD")
    assert "数字改动 0 处（另有 1 张表换了单位、数额不变，共 6 个数字）" in text
    assert "平乡县信访局 2021年部门预算 · 2021年预算收入：单位由 万元 改为 元，数额不变：6 个数字" in text
    assert "预算收入 · 预算数" not in text
    markdown = diff(repo, "HEAD", "--format", "markdown")
    assert "- 平乡县信访局 2021年部门预算 · 2021年预算收入：单位由 万元 改为 元，数额不变：6 个数字" in markdown
    assert "### 数字改动" not in markdown
    [table] = diff_json(repo, "HEAD")["rescaled"]
    assert [(f["field"], f["old"], f["new"]) for f in table["figures"]][0] == ("income.total.budget", "329.48", "3294800")


# --------------------------------------------------------------------------- figures in the narrative

CAIZHENG = "content/documents/shanghai/putuo/caizhengju/2024-final-accounts.yml"


def test_figures_changed_in_a_paragraph_and_a_list_item_are_figure_changes(repo: Path) -> None:
    edit(repo, CAIZHENG, "收入支出总计减少56.95万元，下降1.87%", "收入支出总计减少65.95万元，下降2.16%")
    edit(repo, CAIZHENG, "年初预算为1560.05万元", "年初预算为1650.05万元")
    text = diff(repo, "HEAD")
    assert "数字改动 3 处（其中正文中 3 处）" in text
    assert "正文（一、收入支出决算总体情况说明） · 与2023年度相比，收入支出总计减少 · 万元：56.95 → 65.95（+9.00）" in text
    assert "下降 · %：1.87% → 2.16%（+0.29）" in text
    # A list item is named by its first words, which say what the figure is of.
    assert "一般公共服务支出（类）财政事务（款）行政运行（项）。…年初预算为 · 万元：1560.05 → 1650.05（+90.00）" in text
    # The sentences are still shown as changed text, for their context.
    assert "收入支出总计减少[-56.95-]{+65.95+}万元" in text
    data = diff_json(repo, "HEAD")
    assert [(f["old"], f["new"], f["difference"], f["in_text"]) for f in data["figures"]] == [
        ("56.95", "65.95", "9.00", True), ("1.87%", "2.16%", "0.29", True), ("1560.05", "1650.05", "90.00", True),
    ]
    markdown = diff(repo, "HEAD", "--format", "markdown")
    assert "| 与2023年度相比，收入支出总计减少 | 万元 | 56.95 | 65.95 | +9.00 |" in markdown


def test_a_number_only_added_with_its_words_is_a_text_change_not_a_figure_change(repo: Path) -> None:
    edit(repo, CAIZHENG, "收入支出总计减少56.95万元，下降1.87%", "收入支出总计减少56.95万元（其中本级12万元），下降1.87%")
    text = diff(repo, "HEAD")
    assert "数字改动 0 处；文字改动 1 处" in text



BANGONGSHI = "content/documents/shanghai/putuo/zhengfu-bangongshi/2025-budget.yml"


def test_a_number_with_thousands_separators_changes_as_one_number_with_its_unit(repo: Path) -> None:
    edit(repo, BANGONGSHI, "财政拨款收入9,101.68万元，比2024年预算减少2,389.52万元", "财政拨款收入9,101.68万元，比2024年预算减少3,389.52万元")
    edit(repo, BANGONGSHI, "科目4,614万元", "科目5,614万元")
    text = diff(repo, "HEAD")
    assert "数字改动 2 处（其中正文中 2 处）" in text
    assert "其中：财政拨款收入9,101.68万元，比2024年预算减少 · 万元：2,389.52 → 3,389.52（+1000.00）" in text
    assert "一般行政管理事务”科目 · 万元：4,614 → 5,614（+1000）" in text
    assert "比2024年预算减少[-2,389.52-]{+3,389.52+}万元" in text
    data = diff_json(repo, "HEAD")
    assert [(f["old"], f["new"], f["difference"], f["old_unit"]) for f in data["figures"]] == [
        ("2,389.52", "3,389.52", "1000.00", "万元"), ("4,614", "5,614", "1000", "万元"),
    ]
    # A change below the separator is the whole number too, not the digits after the comma.
    edit(repo, BANGONGSHI, "比2024年预算减少3,389.52万元", "比2024年预算减少3,389.62万元")
    assert "比2024年预算减少 · 万元：2,389.52 → 3,389.62（+1000.10）" in diff(repo, "HEAD")


# --------------------------------------------------------------------------- indicator rows


def test_an_indicator_change_names_the_indicator_and_the_column(repo: Path) -> None:
    edit(repo, BUDGET, "        target: ≥6人\n        basis: 批复\n", "        target: ≥6人\n        basis: 批复\n        actual: 6人\n")
    commit(repo, "Results of the year")
    edit(repo, BUDGET, "        actual: 6人\n", "        actual: 5人\n")
    edit(repo, BUDGET, "实际发放资金占总预算资金比例", "实际发放资金占预算资金比例")
    text = diff(repo, "HEAD")
    assert "数字改动 1 处；文字改动 1 处" in text
    assert "1.疑难信访问题服务中心老干部下乡费用绩效目标表 · 补助人数 · 实际完成值（人）：6人 → 5人（-1）" in text
    # A word of another column is named by its indicator and its printed column, not cut to its last characters.
    assert "    发放完成率 · 绩效指标描述：实际发放资金占[-总-]预算资金比例" in text
    [figure] = diff_json(repo, "HEAD")["figures"]
    assert (figure["field"], figure["old"], figure["new"], figure["difference"]) == ("indicators-35.补助人数.actual", "6人", "5人", "-1")



def test_two_indicator_rows_of_one_name_each_show_their_own_change(repo: Path) -> None:
    # One 三级指标 under two 二级指标, as 自评表 often have; and a row with no name at all.
    edit(repo, BUDGET, "        name: 发放完成率\n", "        name: 补助人数\n")
    edit(repo, BUDGET, "        name: 资金发放时间\n", "        name: \"\"\n")
    commit(repo, "Two rows of one name, one of none")
    # Both rows of the name changed: the first's target raised, the second's lowered.
    edit(repo, BUDGET, "        target: ≥6人\n", "        target: ≥7人\n")
    edit(repo, BUDGET, "实际发放资金占总预算资金比例\n        target: 100%\n", "实际发放资金占总预算资金比例\n        target: 90%\n")
    text = diff(repo, "HEAD")
    assert "    补助人数（第 1 行） · 指标值：≥[-6-]{+7+}人" in text
    assert "    补助人数（第 2 行） · 指标值：[-100%-]{+90%+}" in text
    # A row with no name, changed with them, is named by its row.
    commit(repo, "Targets")
    edit(repo, BUDGET, "        target: ≥7人\n", "        target: ≥8人\n")
    path = repo / BUDGET
    text = path.read_text(encoding="utf-8")
    at = text.index('        name: ""\n')
    end = text.index("        target: ", at)
    line_end = text.index("\n", end)
    path.write_text(text[:end] + "        target: 改了\n" + text[line_end + 1 :], encoding="utf-8")
    text = diff(repo, "HEAD")
    assert "    补助人数（第 1 行） · 指标值：≥[-7-]{+8+}人" in text
    assert "    无名称的指标（第 3 行） · 指标值：" in text and "{+改了+}" in text


# --------------------------------------------------------------------------- problems of text that only moved


def test_a_paragraph_inserted_above_does_not_make_a_text_problem_new_and_solved(repo: Path) -> None:
    edit(repo, CAIZHENG, "收入支出总计减少56.95万元，下降1.87%", "收入支出总计减少65.95万元，下降2.16%")
    commit(repo, "A rate that does not agree with its figures")
    before = diff_json(repo, "HEAD~1", "HEAD")["problems"]["introduced"]
    assert [p["code"] for p in before] == ["text-rate-mismatch"]
    edit(repo, CAIZHENG, "\nbody:\n", "\nbody:\n  - type: text\n    text: 目录见下。\n")
    data = diff_json(repo, "HEAD")
    # The rate that was already wrong is the same problem, whatever its block's position now.
    messages = [p["message"] for p in data["problems"]["introduced"] + data["problems"]["fixed"]]
    assert not any("下降2.16%" in message for message in messages), messages
    # The acknowledgements recorded by block position no longer apply: each is said once, as new, with what it was.
    assert data["problems"]["fixed"] == []
    text = diff(repo, "HEAD")
    assert "改动前已确认，确认不再对应这个问题：" in text
    diff(repo, "HEAD", "--fail-on-problems", code=1)




def test_an_acknowledgement_deleted_is_said_to_be_deleted_by_the_change(repo: Path) -> None:
    edit(
        repo, BUDGET,
        "  - code: sum-mismatch\n    field: three-public.vehicle.budget\n    stated: 0\n    computed: 1.4\n"
        "    reason: 原文“公务用车购置及运维费0万元（其中：公务用车购置费0万元，公务用车运行维护费1.4万元）”，小计与其中两项之和不符，按原文照录。\n",
        "",
    )
    text = diff(repo, "HEAD")
    assert "（原文 0，计算 1.4）（改动前已确认，本次改动删去了这条确认：原文“公务用车购置及运维费0万元" in text
    assert "确认不再对应这个问题" not in text
    markdown = diff(repo, "HEAD", "--format", "markdown")
    assert "（改动前已确认，本次改动删去了这条确认：" in markdown

def test_a_paragraph_inserted_above_a_table_without_id_does_not_make_its_problem_new_and_solved(repo: Path) -> None:
    # A table the import typed without a name (no id, no role): its problems name it by position, table-N.
    table = (
        "  - type: table\n    title: 人员情况表\n    columns:\n      - {id: n, label: 人数, type: number}\n    rows:\n"
        "      - {id: total, label: 合计, values: [10]}\n      - {id: a, label: 行政, parent: total, values: [5]}\n"
        "      - {id: b, label: 事业, parent: total, values: [4]}\n\n"
    )
    edit(repo, CAIZHENG, "\n  # 导入：原表上方没有表名，按普通表格录入，请核对。\n", f"\n{table}  # 导入：原表上方没有表名，按普通表格录入，请核对。\n")
    commit(repo, "A table that does not add up")
    [problem] = [p for p in diff_json(repo, "HEAD~1", "HEAD")["problems"]["introduced"] if p["code"] == "sum-mismatch"]
    assert re.fullmatch(r"table-\d+\.total\.n", problem["field"])
    edit(repo, CAIZHENG, "\nbody:\n", "\nbody:\n  - type: text\n    text: 本文档按原文照录。\n")
    text = diff(repo, "HEAD")
    assert "检查问题：新增 0（其中错误 0）、已解决 0" in text
    diff(repo, "HEAD", "--fail-on-problems")


# --------------------------------------------------------------------------- an editor's words in the comment


def test_references_links_and_emoji_codes_in_an_editors_words_stay_text(repo: Path) -> None:
    words = "见GH-3、https://example.org/x、www.example.org、:warning:、!12、%1、&3"
    edit(repo, BUDGET, "label: 2、车辆（台、辆）, values: [7, 15]", f'label: "2、车辆{words}", values: [8, 15]')
    markdown = diff(repo, "HEAD", "--format", "markdown")
    joiner = "\u200d"
    for neutralised in ("GH-\u200d3", "https:\u200d//example.org", "www\u200d.example.org", ":\u200dwarning:", "!\u200d12", "%\u200d1", "&amp;\u200d3"):
        assert neutralised in markdown, neutralised
    for raw in ("GH-3", "https://", "www.example", ":warning:", "!12", "%1", "&amp;3"):
        assert raw not in markdown, raw
    # The words read the same once the joiners are taken out.
    assert "2、车辆" + words.replace("&", "&amp;") in markdown.replace(joiner, "")


def test_a_department_file_that_no_longer_parses_is_unreadable_not_removed(repo: Path) -> None:
    edit(repo, DEPARTMENT, "name: 平乡县信访局", "name: [平乡县信访局")
    text = diff(repo, "HEAD")
    assert f"部门 平乡县信访局（hebei/xingtai/pingxiang/xinfangju）：修改（新版本的部门文件 {DEPARTMENT} 无法读取（见检查问题），未比较）" in text
    assert "：删除" not in text


def test_amounts_of_the_text_printed_in_another_unit_are_the_same_amounts_and_a_changed_one_is_shown_in_both_units(repo: Path) -> None:
    # The text's 万元 retyped in 元 as the tables are: one amount the same, the other 600 元 less.
    edit(repo, BUDGET, "人员经费219.7万元和日常公用经费11.86万元", "人员经费2197000元和日常公用经费118000元")
    commit(repo, "The text in 元")
    text = diff(repo, "HEAD~1", "HEAD")
    assert "数字改动 1 处（其中正文中 1 处）（另有 1 段正文换了单位、数额不变，共 1 个数字）" in text
    assert "换了单位、数额不变的正文\n  平乡县信访局 2021年部门预算 · 正文（2、支出说明）：单位由 万元 改为 元，数额不变：1 个数字" in text
    assert "…231.56万元，包括人员经费2197000元和日常公用经费 · 元：11.86 万元 → 118000 元（单位由“万元”改为“元”：原数 11.86 万元 折合 118600 元，差 -600 元）" in text
    # The table compiled from the text prints 219.7 (万元), which the text now prints as 2197000元: the same figure.
    assert "“人员经费”的“预算数” 219.7 在上文正文中找不到" not in text
    assert "“日常公用经费”的“预算数” 11.86 在上文正文中找不到" in text


# --------------------------------------------------------------------------- which document is which


WANLI_2024 = "content/documents/shanghai/putuo/wanli-jiedao/2024-budget.yml"


def test_a_document_removed_and_another_of_the_same_template_added_are_removed_and_added(repo: Path) -> None:
    # The 2024 budget withdrawn and a 2019 one added: the same headings and stock sentences, none of the same figures.
    old_2019 = WANLI_2024.replace("2024-", "2019-")
    git(repo, "mv", WANLI_2024, old_2019)
    edit(repo, old_2019, "\nyear: 2024\n", "\nyear: 2019\n")
    every_table_figure_plus_one(repo, old_2019)
    commit(repo, "Another year's budget in place of 2024's")
    text = diff(repo, "HEAD~1", "HEAD")
    assert "新增 1、删除 1、修改 0；数字改动 0 处" in text
    assert "删除：上海市普陀区人民政府万里街道办事处 2024年部门预算（content/documents/shanghai/putuo/wanli-jiedao/2024-budget.yml" in text
    assert "新增：上海市普陀区人民政府万里街道办事处 2019年部门预算（content/documents/shanghai/putuo/wanli-jiedao/2019-budget.yml" in text
    assert "网址改变" not in text


SHANGWUWEI = "content/documents/shanghai/putuo/shangwuwei"


def test_a_departments_document_removed_and_its_units_added_with_the_same_figures_are_removed_and_added(repo: Path) -> None:
    # The commerce commission has one budget unit, so its unit budget prints the department's figures. Withdrawing the
    # department's budget and publishing the unit's is not a new address for one document: the department's disclosure
    # is gone, which the reviewer must see as such.
    unit = f"{SHANGWUWEI}/2025-budget-unit-benji.yml"
    kept = (repo / unit).read_text(encoding="utf-8")
    git(repo, "rm", "-q", unit)
    commit(repo, "Only the department's budget")
    git(repo, "rm", "-q", f"{SHANGWUWEI}/2025-budget.yml")
    (repo / unit).parent.mkdir(parents=True, exist_ok=True)
    (repo / unit).write_text(kept, encoding="utf-8")
    commit(repo, "The unit's budget in place of the department's")
    text = diff(repo, "HEAD~1", "HEAD")
    assert "新增 1、删除 1、修改 0；数字改动 0 处" in text
    assert "删除：上海市普陀区商务委员会 2025年部门预算（content/documents/shanghai/putuo/shangwuwei/2025-budget.yml" in text
    assert "新增：上海市普陀区商务委员会 2025年单位预算（上海市普陀区商务委员会）（content/documents/shanghai/putuo/shangwuwei/2025-budget-unit-benji.yml" in text
    assert "网址改变" not in text


def test_documents_readdressed_under_their_own_name_are_paired_without_comparing_every_pair(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The street office's slug corrected: both its budgets move. Each is the one of its own name (department, year and
    # kind); neither one's figures nor text is read to find it, as a region of hundreds of documents would take minutes.
    folder = "content/documents/shanghai/putuo/wanli-jiedao"
    git(repo, "mv", "content/departments/shanghai/putuo/wanli-jiedao.yml", "content/departments/shanghai/putuo/wanli.yml")
    git(repo, "mv", folder, "content/documents/shanghai/putuo/wanli")
    edit(repo, "content/departments/shanghai/putuo/wanli.yml", "slug: wanli-jiedao", "slug: wanli")
    for year in ("2024", "2025"):
        edit(repo, f"content/documents/shanghai/putuo/wanli/{year}-budget.yml", "department: shanghai/putuo/wanli-jiedao", "department: shanghai/putuo/wanli")
    commit(repo, "The street office's slug")
    import pubgen.diff.documents

    read: list[object] = []
    monkeypatch.setattr(pubgen.diff.documents, "_fingerprint", lambda *args: read.append(args))
    text = diff(repo, "HEAD~1", "HEAD")
    assert "新增 0、删除 0、修改 0、网址改变 2；数字改动 0 处" in text
    for year in ("2024", "2025"):
        assert (
            f"/shanghai/putuo/wanli-jiedao/{year}/budget/ → /shanghai/putuo/wanli/{year}/budget/（旧网址将失效）"
            "（部门代号 shanghai/putuo/wanli-jiedao → shanghai/putuo/wanli（名称未变），其余内容未变；文件 "
        ) in text
    assert read == []


def test_a_year_corrected_into_the_address_of_a_document_already_there_says_they_share_it(repo: Path) -> None:
    # 2024-budget.yml given the year 2025, while 2025-budget.yml, untouched, holds that address.
    edit(repo, WANLI_2024, "\nyear: 2024\n", "\nyear: 2025\n")
    text = diff(repo, "HEAD")
    assert "文档：新增 0、删除 0、修改 0、网址冲突 1；数字改动 0 处；文字改动 0 处" in text
    assert (
        "网址冲突：上海市普陀区人民政府万里街道办事处 2024年部门预算 → 上海市普陀区人民政府万里街道办事处 2025年部门预算"
        f"（{WANLI_2024}）：网址由 /shanghai/putuo/wanli-jiedao/2024/budget/ 改为 /shanghai/putuo/wanli-jiedao/2025/budget/，"
        f"与 {WANLI} 是同一网址 /shanghai/putuo/wanli-jiedao/2025/budget/：两份文档不能共用一个网址，见检查问题 duplicate-document（年度 2024 → 2025，其余内容未变）"
    ) in text
    # The untouched document is neither added nor moved, and neither is compared with the other's file.
    assert "新增：" not in text and "删除：" not in text and "移动文件" not in text
    data = diff_json(repo, "HEAD")
    [document] = data["documents"]
    assert (document["status"], document["old_file"], document["new_file"], document["shared_with"]) == ("shared", WANLI_2024, WANLI_2024, [WANLI])
    assert data["summary"]["documents"]["shared"] == 1
    assert "duplicate-document" in [p["code"] for p in data["problems"]["introduced"]]
    # A document added at an address already held says so too.
    edit(repo, WANLI_2024, "\nyear: 2025\n", "\nyear: 2024\n")
    (repo / WANLI.replace("2025-budget", "2025-budget-copy")).write_text((repo / WANLI).read_text(encoding="utf-8"), encoding="utf-8")
    text = diff(repo, "HEAD")
    assert "文档：新增 1、删除 0、修改 0；" in text
    assert f"与 {WANLI} 是同一网址 /shanghai/putuo/wanli-jiedao/2025/budget/：两份文档不能共用一个网址" in text


def test_a_comment_too_long_for_every_lists_first_items_gives_the_room_to_new_problems_before_text(repo: Path) -> None:
    from dataclasses import replace

    from pubgen.diff import diff_project, to_markdown

    every_table_figure_plus_one(repo, WANLI)  # hundreds of new errors
    path = repo / CAIZHENG
    path.write_text(path.read_text(encoding="utf-8").replace("，", "、"), encoding="utf-8")  # every paragraph edited
    result = diff_project(repo, "HEAD")
    assert len(result.introduced) > 300 and len(result.narrative) > 15
    # Text changes as long as a rewritten list or indicator table makes them: their first items alone overflow.
    result.narrative[:] = [replace(n, hunks=n.hunks * 30) for n in result.narrative]
    markdown = to_markdown(result)
    assert len(markdown) <= 60000
    problems = markdown[markdown.index("#### 新增的问题") : markdown.index("### 文档\n")]
    assert problems.count("\n| 错误 |") + problems.count("\n| 警告 |") + problems.count("\n| 提示 |") > 30
    text = markdown[markdown.index("### 文字改动") :] if "### 文字改动" in markdown else ""
    assert len(text) < len(problems)


# --------------------------------------------------------------------------- two documents of one label


def test_a_document_given_to_another_department_says_so_not_that_its_content_is_unchanged(repo: Path) -> None:
    # The street office's 2024 budget filed under the commerce commission, which has no 2024 budget.
    moved = "content/documents/shanghai/putuo/shangwuwei/2024-budget.yml"
    git(repo, "mv", WANLI_2024, moved)
    edit(repo, moved, "department: shanghai/putuo/wanli-jiedao", "department: shanghai/putuo/shangwuwei")
    text = diff(repo, "HEAD")
    assert (
        "网址改变：上海市普陀区人民政府万里街道办事处 2024年部门预算 → 上海市普陀区商务委员会 2024年部门预算："
        "/shanghai/putuo/wanli-jiedao/2024/budget/ → /shanghai/putuo/shangwuwei/2024/budget/（旧网址将失效）"
        f"（部门 上海市普陀区人民政府万里街道办事处 → 上海市普陀区商务委员会，其余内容未变；文件 {WANLI_2024} → {moved}）"
    ) in text


def test_a_figure_in_the_first_words_of_a_list_item_is_named_by_them_once_without_the_new_figure(repo: Path) -> None:
    shangwuwei = "content/documents/shanghai/putuo/shangwuwei/2025-budget.yml"
    edit(repo, shangwuwei, "购房补贴（项）”148.80万元，主要用于", "购房补贴（项）”184.80万元，主要用于")
    markdown = diff(repo, "HEAD", "--format", "markdown")
    assert "| 列表（2025年部门预算编制说明） | “住房保障支出（类)住房改革支出（款)购房补贴（项）” | 万元 | 148.80 | 184.80 | +36.00 |" in markdown
    [figure] = diff_json(repo, "HEAD")["figures"]
    assert figure["row_label"] == "“住房保障支出（类)住房改革支出（款)购房补贴（项）”"


def test_new_problems_are_listed_by_line_and_a_documents_placeholders_in_one_line(repo: Path) -> None:
    edit(repo, BUDGET, "2021年预算收入329.48万元，其中", "2021年预算收入329.84万元，其中")  # line 79
    edit(repo, BUDGET, "机关运行经费共计安排11.86万元", "机关运行经费共计安排11.68万元")  # line 145, a block numbered 10 or more
    for row in ("{id: fund, label: 基金预算收入, values: [0]}", "{id: other, label: 其他来源收入, values: [0]}"):
        edit(repo, BUDGET, row, row.replace(row[row.index("[") + 1 : row.index("]")], "待填"))
    text = diff(repo, "HEAD")
    # By line, as the file reads, not by field as text (body.18 before body.9).
    assert text.index("正文中“预算收入”") < text.index("正文中“机关运行经费”"), text
    assert "[figure-to-fill] 平乡县信访局 2021年部门预算：2 个数字还没有填写（“待填”），请照原文填写后再发布。\n      位置：第 " in text
    assert text.count("[figure-to-fill]") == 1
    markdown = diff(repo, "HEAD", "--format", "markdown")
    assert markdown.count("| figure-to-fill |") == 1 and "2 个数字还没有填写" in markdown
    # For tools, each problem is there.
    assert [p["code"] for p in diff_json(repo, "HEAD")["problems"]["introduced"]].count("figure-to-fill") == 2


def test_rows_inserted_together_are_shown_apart(repo: Path) -> None:
    row = '      - {code: "2080599", label: 其他行政事业单位养老支出, values: [13260.00, 13260.00, ~, ~, ~]}\n'
    edit(
        repo, "content/documents/shanghai/putuo/shangwuwei/2025-budget.yml", row,
        row + '      - {code: "2080508", label: 机关事业单位职业年金缴费支出（补）, values: [~, ~, ~, ~, ~]}\n'
        '      - {code: "2080597", label: 其他养老支出, values: [~, ~, ~, ~, ~]}\n',
    )
    text = diff(repo, "HEAD")
    assert "{+2080508 机关事业单位职业年金缴费支出（补） / 2080597 其他养老支出+} / 210 卫生健康支出" in text


def test_a_problem_of_a_copy_beside_a_document_names_the_file_it_is_in(repo: Path) -> None:
    # A copy committed beside the document, and the document edited: both are “平乡县信访局 2021年部门预算”.
    backup = BUDGET.replace("2021-budget.yml", "2021-budget-copy.yml")
    (repo / backup).write_text((repo / BUDGET).read_text(encoding="utf-8"), encoding="utf-8")
    edit(repo, BUDGET, "机关运行经费共计安排11.86万元", "机关运行经费共计安排11.68万元")
    commit(repo, "A backup before editing")
    text = diff(repo, "HEAD~1", "HEAD")
    assert f"[duplicate-document] {LABEL}（{backup}）：与 {BUDGET} 是同一部门" in text
    assert f"[text-figure-mismatch] {LABEL}（{BUDGET}）：正文中“机关运行经费”写作 11.68 万元" in text
    assert f"{LABEL}（{BUDGET}） · 正文（三、机关运行经费安排情况）" in text
    markdown = diff(repo, "HEAD~1", "HEAD", "--format", "markdown")
    assert f"| 错误 | {LABEL}（{backup}） | duplicate-document |" in markdown
    # A document no other shares its label with is named by its label alone.
    (repo / backup).unlink()
    text = diff(repo, "HEAD~1")
    assert f"[text-figure-mismatch] {LABEL}：正文中" in text and f"{LABEL} · 正文（三、机关运行经费安排情况）" in text


def test_the_problems_of_a_deleted_document_are_not_counted_as_solved(repo: Path) -> None:
    git(repo, "rm", "-q", WANLI_2024)
    commit(repo, "Withdraw the 2024 budget")
    text = diff(repo, "HEAD~1", "HEAD")
    assert "检查问题：新增 0（其中错误 0）、已解决 0、随文档删除 4。" in text
    assert "已解决的问题" not in text
    assert "\n随文档删除的问题（文档已删除，问题并未改正，不算已解决）\n  警告（已确认） [text-direction-mismatch] 上海市普陀区人民政府万里街道办事处 2024年部门预算：" in text
    markdown = diff(repo, "HEAD~1", "HEAD", "--format", "markdown")
    assert "#### 随文档删除的问题（文档已删除，问题并未改正，不算已解决）（4）" in markdown and "已解决的问题" not in markdown
    data = diff_json(repo, "HEAD~1", "HEAD")
    assert (len(data["problems"]["fixed"]), len(data["problems"]["withdrawn"]), data["summary"]["problems_withdrawn"]) == (0, 4, 4)
