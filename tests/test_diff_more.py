"""`pubgen diff` on changes a reviewer must see: two-sided tables, original files, unreadable files, list items,
the site's own files, problem levels and rows printed without a name."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pubgen.cli import main

from .conftest import copy_project, git

WANLI = "content/documents/shanghai/putuo/wanli-jiedao/2025-budget.yml"
UNIT = "content/documents/shanghai/putuo/shangwuwei/2025-budget-unit-benji.yml"
CAIZHENG = "content/documents/shanghai/putuo/caizhengju/2024-final-accounts.yml"
XINFANG = "content/documents/hebei/xingtai/pingxiang/xinfangju"
WANLI_LABEL = "上海市普陀区人民政府万里街道办事处 2025年部门预算"
PDF = b"%PDF-1.4\n" + b"0" * 3000
"""Enough of a PDF for the site to offer it (it begins as a PDF does): 3 KB."""
OTHER_PDF = b"%PDF-1.7\n" + b"1" * 3000


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def edit(repo: Path, name: str, old: str, new: str) -> None:
    path = repo / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "project").root
    git(root, "init", "-q")
    git(root, "checkout", "-q", "-b", "main")
    commit(root, "Bundled content")
    return root


def run(repo: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["diff", "HEAD", "--project", str(repo), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def diff_json(repo: Path) -> dict[str, Any]:
    return json.loads(run(repo, "--format", "json"))  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- two-sided tables


def test_a_renamed_side_title_and_a_blank_row_of_a_two_sided_table_are_shown(repo: Path) -> None:
    """The 财务收支预算总表 keeps its titles and rows in its sides: both changes reach the page, and the reviewer."""
    edit(repo, WANLI, "        title: 本年收入\n", "        title: 本年收入（改）\n")
    edit(
        repo,
        WANLI,
        "          - {label: 一、一般公共服务支出, values: [3296600]}\n",
        "          - {label: 一、一般公共服务支出, values: [3296600]}\n          - {label: 二、外交支出, values: [~]}\n",
    )
    text = run(repo)
    assert "两边的内容相同" not in text
    assert f"修改：{WANLI_LABEL}（{WANLI}）" in text
    assert "表格文字“2025年部门财务收支预算总表”（修改）" in text
    assert "栏名：本年收入{+（改）+}" in text
    assert "一、一般公共服务支出 / {+二、外交支出+} / 二、公共安全支出" in text
    markdown = run(repo, "--format", "markdown")
    assert "栏名：本年收入<ins>（改）</ins>" in markdown
    assert "<ins>二、外交支出</ins>" in markdown


def test_a_column_renamed_on_one_side_is_shown(repo: Path) -> None:
    edit(repo, WANLI, "          - {id: state-capital, label: 国有资本经营预算}\n", "          - {id: state-capital, label: 国有资本经营预算数}\n")
    assert "国有资本经营预算{+数+}" in run(repo)


# --------------------------------------------------------------------------- the original file offered for download


def test_an_original_file_added_replaced_and_left_behind_by_a_rename(repo: Path) -> None:
    pdf = repo / WANLI.replace(".yml", ".pdf")
    field = f"{WANLI_LABEL} · 原文文件（供读者下载）"

    pdf.write_bytes(PDF)
    text = run(repo)
    assert f"{field}：（无：页面不提供原文下载） → 2025-budget.pdf（PDF，3 KB）" in text
    assert f"修改：{WANLI_LABEL}" in text and "文档信息改动 1 处" in text
    commit(repo, "The original")

    # Another file put in its place (another year's PDF, say): the reader would download it.
    pdf.write_bytes(OTHER_PDF)
    assert f"{field}：2025-budget.pdf（PDF，3 KB） → 2025-budget.pdf（PDF，3 KB，文件内容已更换）" in run(repo)
    pdf.write_bytes(PDF)
    assert "两边的内容相同" in run(repo)

    # The YAML renamed alone: the page no longer offers the PDF.
    git(repo, "mv", WANLI, WANLI.replace("2025-budget", "2025-bumen-yusuan"))
    text = run(repo)
    assert "内容未变" not in text
    assert f"{field}：2025-budget.pdf（PDF，3 KB） → （无：页面不提供原文下载）" in text
    assert (
        f"{WANLI.replace('.yml', '.pdf')}：原文文件没有对应的文档（文档文件已改名为 2025-bumen-yusuan.yml，原文文件没有随之改名，"
        "页面不再提供下载：请把它改名为 2025-bumen-yusuan.pdf）"
    ) in text
    markdown = run(repo, "--format", "markdown")
    assert "| 原文文件（供读者下载） | 2025-budget.pdf（PDF，3 KB） | （无：页面不提供原文下载） |" in markdown
    assert "原文文件没有对应的文档" in markdown

    # Renamed together, nothing a reader sees changes.
    git(repo, "mv", WANLI.replace(".yml", ".pdf"), WANLI.replace("2025-budget.yml", "2025-bumen-yusuan.pdf"))
    text = run(repo)
    assert "移动文件：" in text and "内容未变" in text
    assert "原文文件" not in text


def test_an_original_with_no_document_of_its_name_is_reported_when_added(repo: Path) -> None:
    (repo / WANLI.replace("2025-budget.yml", "2025-yusuan.pdf")).write_bytes(PDF)
    text = run(repo)
    assert (
        "content/documents/shanghai/putuo/wanli-jiedao/2025-yusuan.pdf：原文文件没有对应的文档（没有与它同名的文档文件（如 2025-yusuan.yml），"
        "页面不提供下载：原文文件要与文档的 .yml 文件同名）"
    ) in text


def test_a_web_page_saved_as_the_original_is_not_offered(repo: Path) -> None:
    (repo / WANLI.replace(".yml", ".pdf")).write_bytes(b"<html><body>404</body></html>")
    text = run(repo)
    assert "2025-budget.pdf：原文文件没有对应的文档（它不是有效的 PDF 文件（文件开头不对，可能是下载失败时保存的网页），页面不提供下载" in text
    assert "原文文件（供读者下载）" not in text  # the page offered nothing before and offers nothing now


def test_a_document_added_with_its_original_says_so(repo: Path) -> None:
    new = repo / WANLI.replace("2025-budget", "2026-budget")
    new.write_text((repo / WANLI).read_text(encoding="utf-8").replace("\nyear: 2025\n", "\nyear: 2026\n", 1), encoding="utf-8")
    new.with_suffix(".pdf").write_bytes(PDF)
    assert "附原文文件 2026-budget.pdf（PDF，3 KB））" in run(repo)


# --------------------------------------------------------------------------- a file left unreadable


def test_an_unreadable_unit_document_is_changed_not_removed_and_added(repo: Path) -> None:
    edit(repo, UNIT, "\ntitle: ", "\ntitle：")
    text = run(repo)
    assert "文档：新增 0、删除 0、修改 1；" in text
    assert "（新版本无法读取，见检查问题）" in text and "新增：" not in text and "删除：" not in text
    [document] = diff_json(repo)["documents"]
    assert (document["status"], document["new_file"]) == ("changed", UNIT)
    assert document["document"] == "shanghai/putuo/shangwuwei/2025/budget/unit-benji"


def test_a_freely_named_unreadable_document_keeps_its_problems_unchecked_not_solved(repo: Path) -> None:
    git(repo, "mv", f"{XINFANG}/2021-budget.yml", f"{XINFANG}/2021-yusuan.yml")
    commit(repo, "A free file name")
    edit(repo, f"{XINFANG}/2021-yusuan.yml", "\ntitle: ", "\ntitle：")
    text = run(repo)
    assert "修改：平乡县信访局 2021年部门预算（新版本无法读取，见检查问题）" in text
    assert "、已解决 0、因新版本无法读取未再检查 2。" in text
    assert "已解决的问题" not in text
    # Their level says they had been acknowledged, and why, as pubgen check says it.
    assert "  警告（已确认） [sum-mismatch] 平乡县信访局 2021年部门预算：" in text
    assert "      已确认：原文“三公”经费合计1.4万元" in text


# --------------------------------------------------------------------------- problem levels


def test_a_rounding_notice_is_called_a_notice(repo: Path) -> None:
    edit(repo, CAIZHENG, '{code: "30302", label: 退休费, values: [69.10]}', '{code: "30302", label: 退休费, values: [69.09]}')
    text = run(repo)
    assert "  提示 [rounding-difference] 上海市普陀区财政局 2024年部门决算：" in text
    assert "警告 [rounding-difference]" not in text
    markdown = run(repo, "--format", "markdown")
    assert "| 提示 | 上海市普陀区财政局 2024年部门决算 | rounding-difference |" in markdown


# --------------------------------------------------------------------------- lists


def test_one_list_item_inserted_is_one_item_added_and_one_line_of_renumbering(repo: Path) -> None:
    item = "      - “一般公共服务支出（类）群众团体事务（款）一般行政管理事务（项）”科目42.29万元，主要用于群众团体事务一般行政管理事务。\n"
    added = "“一般公共服务支出（类）统计信息事务（款）其他统计信息事务支出（项）”科目0.00万元，主要用于其他统计信息事务。"
    edit(repo, WANLI, item, item + f"      - {added}\n")
    text = run(repo)
    section = text.split("文字改动（[-删去-]{+新增+}）\n")[1].split("\n\n")[0].splitlines()
    assert section == [
        f"  {WANLI_LABEL} · 2025年部门预算编制说明 · 列表（修改）",
        f"    新增第 3 项：{{+{added}+}}",
        "    编号：另有 31 项内容未变，只是编号改变（如 3. → 4.）",
    ]
    markdown = run(repo, "--format", "markdown")
    assert f"- 新增第 3 项：<ins>{added}</ins>" in markdown


def test_an_item_removed_and_one_edited_are_named_by_their_place(repo: Path) -> None:
    second = "      - “一般公共服务支出（类）群众团体事务（款）一般行政管理事务（项）”科目42.29万元，主要用于群众团体事务一般行政管理事务。\n"
    edit(repo, WANLI, second, "")
    edit(repo, WANLI, "宣传事务（款）一般行政管理事务（项）”科目110.60万元", "宣传事务（款）一般行政管理事务（项）”科目110.06万元")
    text = run(repo)
    section = text.split("文字改动（[-删去-]{+新增+}）\n")[1].split("\n\n")[0].splitlines()
    assert section == [
        f"  {WANLI_LABEL} · 2025年部门预算编制说明 · 列表（修改）",
        "    删除原第 2 项：[-“一般公共服务支出（类）群众团体事务（款）一般行政管理事务（项）”科目42.29万元，主要用于群众团体事务一般行政管理事务。-]",
        "    第 3 项（原第 4 项）：…传事务（款）一般行政管理事务（项）”科目[-110.60-]{+110.06+}万元，主要用于宣传事务一般行政管理事务。",
        "    编号：另有 30 项内容未变，只是编号改变（如 3. → 2.）",
    ]


# --------------------------------------------------------------------------- the site's own files


def test_glossary_and_department_edits_show_what_changed(repo: Path) -> None:
    edit(repo, "content/glossary.yml", "    definition: 指县级财政当年拨付的资金。\n", "    definition: 指市级财政当年拨付的资金。\n")
    edit(repo, "content/departments/shanghai/putuo/wanli-jiedao.yml", "name: 上海市普陀区人民政府万里街道办事处", "name: 上海市普陀区万里街道办事处")
    text = run(repo)
    lines = text.split("其他内容文件\n")[1].splitlines()
    assert lines[:4] == [
        "  部门 上海市普陀区万里街道办事处（shanghai/putuo/wanli-jiedao）：修改",
        "    部门名称：上海市普陀区人民政府万里街道办事处 → 上海市普陀区万里街道办事处",
        "  content/glossary.yml：修改",
        "    名词“一般公共预算拨款收入” · 解释：指[-县-]{+市+}级财政当年拨付的资金。",
    ]
    markdown = run(repo, "--format", "markdown")
    assert "  - 部门名称：上海市普陀区人民政府万里街道办事处 → 上海市普陀区万里街道办事处" in markdown
    assert "  - 名词“一般公共预算拨款收入” · 解释：指<del>县</del><ins>市</ins>级财政当年拨付的资金。" in markdown


def test_a_term_added_and_a_site_field_changed(repo: Path) -> None:
    path = repo / "content/glossary.yml"
    path.write_text(
        path.read_text(encoding="utf-8") + "  - term: 公用经费\n    definition: 指为保障机构正常运转发生的支出。\n    national: true\n",
        encoding="utf-8",
    )
    edit(repo, "content/site.yml", "title: 部门预决算公开平台", "title: 预决算公开平台")
    text = run(repo)
    assert "    名词“公用经费”（新增）：名词：公用经费；解释：指为保障机构正常运转发生的支出。；全国通用：是" in text
    assert "  content/site.yml：修改\n    站点名称：部门预决算公开平台 → 预决算公开平台\n" in text


# --------------------------------------------------------------------------- rows printed without a name


def test_a_figure_of_a_row_printed_without_a_name(repo: Path) -> None:
    edit(repo, WANLI, "21.56, 464.64]", "21.56, 464.46]")
    edit(repo, WANLI, "机关运行经费预算为464.64万元", "机关运行经费预算为464.46万元")
    text = run(repo)
    assert "· 2025年部门“三公”经费和机关运行经费预算表 · （无行名） · 机关运行经费预算数（万元）：464.64 → 464.46（-0.18）" in text
    markdown = run(repo, "--format", "markdown")
    assert "| 2025年部门“三公”经费和机关运行经费预算表 | （无行名） | 机关运行经费预算数（万元） | 464.64 | 464.46 | -0.18 |" in markdown


def test_a_table_moved_to_another_unit_shows_the_old_figure_converted_not_a_false_difference(repo: Path) -> None:
    """元 → 万元 with the figures converted: 91016775.35 元 → 9101.68 万元 is no change of 9 千万; only a figure that
    really moved is told as a difference, in the new unit."""
    path = repo / XINFANG / "2021-budget.yml"
    text = path.read_text(encoding="utf-8")
    old = (
        "      - {id: total, label: 预算收入, values: [329.48]}\n"
        "      - {id: general-budget, label: 一般公共预算收入, values: [329.48]}\n"
        "      - {id: fund, label: 基金预算收入, values: [0]}\n"
    )
    new = (
        "      - {id: total, label: 预算收入, values: [3294800]}\n"
        "      - {id: general-budget, label: 一般公共预算收入, values: [3294900]}\n"
        "      - {id: fund, label: 基金预算收入, values: [0]}\n"
    )
    assert text.count(old) == 1 and text.count("    role: income\n") == 1
    path.write_text(text.replace(old, new).replace("    role: income\n", "    role: income\n    unit: 元\n"), encoding="utf-8")
    out = run(repo)
    assert "一般公共预算收入 · 预算数（元）：329.48 万元 → 3294900 元（单位由“万元”改为“元”：原数 329.48 万元 折合 3294800 元，差 +100 元）" in out
    # The rest only converted (0 万元 → 0 元 too): one line, not a figure change each.
    assert "数字改动 1 处（另有 1 张表换了单位、数额不变，共 5 个数字）" in out
    assert "2021年预算收入：单位由 万元 改为 元，数额不变：5 个数字" in out
    assert "-3291" not in out and "+3291" not in out  # no difference between numbers of two units
    [table] = diff_json(repo)["rescaled"]
    assert ("income.total.budget", "329.48", "3294800", "0.00") in [(f["field"], f["old"], f["new"], f["difference"]) for f in table["figures"]]


def test_a_table_moved_to_another_place_is_a_change_the_reviewer_sees(repo: Path) -> None:
    """Moving the 三公 table before the 财务收支预算总表 changes the page: it was told “两边的内容相同”."""
    path = repo / WANLI
    text = path.read_text(encoding="utf-8")
    start = text.index("  - type: table\n    role: budget-three-public")
    end = text.index("  - type: ", start + 10)
    table = text[start:end]
    text = text[:start] + text[end:]
    summary_at = text.index("  - type: table\n    role: budget-finance-summary")
    path.write_text(text[:summary_at] + table + text[summary_at:], encoding="utf-8")
    out = run(repo)
    assert "两边的内容相同" not in out
    assert "数字改动 0 处；文字改动 0 处、内容移动位置 1 处" in out
    assert "表“2025年部门“三公”经费和机关运行经费预算表”（移动位置）" in out
    assert "现在在表“2025年部门财务收支预算总表”之前" in out
    data = diff_json(repo)
    assert [(n["block"], n["status"]) for n in data["narrative"]] == [("table", "moved")]
    assert data["figures"] == []


def test_a_table_typed_again_in_a_finer_unit_is_no_change_within_the_old_figures_rounding(repo: Path) -> None:
    """329.48 万元 re-typed from the original as 3294812.34 元: the old figure was only good to ±50 元."""
    path = repo / XINFANG / "2021-budget.yml"
    text = path.read_text(encoding="utf-8")
    old = "      - {id: total, label: 预算收入, values: [329.48]}\n"
    assert text.count(old) == 1 and text.count("    role: income\n") == 1
    text = text.replace(old, "      - {id: total, label: 预算收入, values: [3294812.34]}\n").replace("    role: income\n", "    role: income\n    unit: 元\n")
    path.write_text(text, encoding="utf-8")
    out = run(repo)
    # 预算收入 re-typed is within the old figure's rounding: counted with the figures only converted, not as a change.
    assert "（另有 1 张表换了单位、数额不变，共 5 个数字）" in out
    [table] = diff_json(repo)["rescaled"]
    [retyped] = [f for f in table["figures"] if f["field"] == "income.total.budget"]
    assert (retyped["old"], retyped["new"], retyped["difference"]) == ("329.48", "3294812.34", "12.34")


def test_a_moved_block_is_named_once_with_its_title() -> None:
    from pubgen.diff import Hunk, NarrativeChange, Segment
    from pubgen.diff.output import _narrative_title

    hunk = (Hunk((Segment("equal", "在本节中换了位置"),)),)
    listed = NarrativeChange("a/", "某文档", "一、概况", "list", "主要职能", "moved", hunk)
    table = NarrativeChange("a/", "某文档", "一、概况", "table", "收入表", "moved", hunk)
    assert _narrative_title(listed) == "某文档 · 一、概况 · 列表“主要职能”（移动位置）"
    assert _narrative_title(table) == "某文档 · 一、概况 · 表“收入表”（移动位置）"


def test_a_long_text_whose_every_sentence_changed_is_compared_sentence_by_sentence() -> None:
    """A global replace of , by ， changes every sentence of a block: compared as one string of 20,000 characters it took
    six CPU-minutes, and one twice as long as that would take hours; sentence by sentence, each change and each figure is still found."""
    from pubgen.diff.documents import text_figures
    from pubgen.diff.text import CHAR_DIFF_LIMIT, text_hunks

    old = "".join(f"第{i}项，支出{i}.5万元,比上年增加{i % 7}万元。" for i in range(1600))
    new = old.replace(",", "，").replace("支出417.5万元", "支出471.5万元")
    assert len(old) > 18 * CHAR_DIFF_LIMIT  # as one string: hours, and the test's time limit
    (hunk,) = text_hunks(old, new)
    changes = [(s.text, t.text) for s, t in zip(hunk.segments, hunk.segments[1:]) if s.op == "delete" and t.op == "insert"]
    assert changes.count((",", "，")) >= 1599 and any("417.5" in was and "471.5" in now for was, now in changes), changes[415:420]
    assert [(was, now) for _, was, now, _, _ in text_figures(old, new)] == [("417.5", "471.5")]
