"""An acknowledged discrepancy of a self-evaluation's indicator table or score breakdown is marked where a reader
looks at the figure (the row's 得分, its 完成情况, a level's 分值, the 总得分 row), with the note under the table, as
a table of money is; and a computed figure is told at the precision the document prints."""

from __future__ import annotations

import html
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from pubgen import model as m
from pubgen.pagetext import page_text
from pubgen.pipeline import build, check
from pubgen.problems import Problem

from .conftest import ROOT
from .test_accessibility import AXE
from .test_checks import doc, project

INDICATORS = """\
- type: indicators
  title: 部门整体支出绩效自评表
  rows:
    - {level1: 产出指标, level1_points: 45, level2: 数量指标, name: 信访事项办理数, target: ≥1200件, actual: 1260件, completion: 完成, weight: 30, score: 32}
    - {level1: 产出指标, level2: 质量指标, name: 按期办结率, target: ≥95%, actual: 90%, completion: 完成, weight: 20, score: 18}
    - {level1: 效益指标, level1_points: 50, level2: 社会效益指标, name: 群众满意度, target: ≥90%, actual: 92%, completion: 完成, weight: 50, score: 45}
  total: 97.5
- type: scores
  title: 评分情况
  items:
    - {name: 部门决策, weight: 20, score: 18}
    - {name: 部门管理, weight: 30, score: 31}
    - {name: 部门绩效, weight: 45, score: 44}
  total: 96
"""

ACKNOWLEDGED = """\
acknowledgements:
  - {code: score-exceeds-weight, field: indicators-1.信访事项办理数, stated: 32, computed: 30, reason: 原表“信访事项办理数”得分栏印32分。}
  - {code: completion-mismatch, field: indicators-1.按期办结率, reason: 原表“按期办结率”完成情况栏印“完成”。}
  - {code: weights-sum, field: indicators-1.产出指标.weights, reason: 原表产出指标印45分。}
  - {code: score-total-mismatch, field: indicators-1.total, reason: 原表总得分栏印97.5分。}
  - {code: score-exceeds-weight, field: scores.部门管理, stated: 31, computed: 30, reason: 原表“部门管理”得分印31分。}
  - {code: weights-sum, field: scores.weights, reason: 原表各项分值合计95分。}
  - {code: score-total-mismatch, field: scores.total, reason: 原表评分情况总得分印96分。}
"""

RATE = """\
- type: table
  title: 支出执行情况
  columns:
    - {id: adjusted-budget, label: 全年预算数}
    - {id: actual, label: 全年执行数}
    - {id: execution-rate, label: 执行率, unit: "%"}
  rows:
    - {id: total, label: 合计, values: [2940.05, 2106.66, 71.73]}
"""

RATE_ACKNOWLEDGED = "acknowledgements:\n  - {code: ratio-mismatch, field: table-1.total.execution-rate, reason: 原文执行率印71.73%。}\n"

MARK = r'<sup class="pg-mark"><a href="#(pg-note-\d+)" id="pg-mark-\d+">(注\d+)</a></sup>'


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Problem]]:
    """A self-evaluation whose indicator table and score breakdown have acknowledged problems, and a 决算 with an
    acknowledged execution rate, built as `pubgen build` does."""
    root = tmp_path_factory.mktemp("score-marks")
    p = project(root, doc(2021, "self-evaluation", INDICATORS, ACKNOWLEDGED), doc(2021, "final-accounts", RATE, RATE_ACKNOWLEDGED))
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    problems = [q for q in check(p).problems if q.acknowledged]
    build(p, root / "site")
    return root / "site", problems


def page(site: Path, kind: str) -> str:
    return (site / "hebei/xingtai/pingxiang/xinfangju/2021" / kind / "index.html").read_text(encoding="utf-8")


def figure(markup: str, title: str) -> str:
    """The <figure> of the table titled ``title``."""
    start = markup.index(f'<span class="pg-caption__title">{title}</span>')
    return markup[markup.rindex("<figure", 0, start) : markup.index("</figure>", start)]


def text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def row(table: str, name: str) -> str:
    """The <tr> of the row named ``name``."""
    found = [r for r in re.findall(r"<tr\b.*?</tr>", table, re.S) if f">{name}<" in r]
    assert len(found) == 1, (name, found)
    return found[0]


def cells(tr: str) -> list[str]:
    return re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", tr, re.S)


def note(table: str, note_id: str) -> str:
    """What the note under the table says for the mark that leads to ``note_id``."""
    found = re.search(rf'<li id="{note_id}"><strong>(注\d+)</strong>：(.*?)</li>', table, re.S)
    assert found, note_id
    return text(found.group(2))


def acknowledged(problems: list[Problem], field: str) -> Problem:
    [found] = [p for p in problems if p.field == field]
    return found


def test_an_indicator_s_score_and_its_completion_are_marked_in_their_cells(built: tuple[Path, list[Problem]]) -> None:
    site, problems = built
    table = figure(page(site, "self-evaluation"), "部门整体支出绩效自评表")
    over = acknowledged(problems, "indicators-1.信访事项办理数")
    # 得分 is the last column: its cell prints the score as printed, then the mark leading to the note under the table.
    score = cells(row(table, "信访事项办理数"))[-1]
    found = re.fullmatch(rf"{over.stated}{MARK}", score)
    assert found, score
    told = note(table, found.group(1))
    assert f"得分 {over.stated} 超过分值 {over.computed}" in told and told.endswith(f"发布单位说明：{over.acknowledged}")
    # A completion written 完成 against a result that misses its target: the mark is after 完成, not after a figure.
    unmet = acknowledged(problems, "indicators-1.按期办结率")
    status = [c for c in cells(row(table, "按期办结率")) if "pg-status" in c]
    assert len(status) == 1 and re.search(rf"完成</span>{MARK}$", status[0]), status
    assert note(table, re.search(MARK, status[0]).group(1)).endswith(f"发布单位说明：{unmet.acknowledged}")  # type: ignore[union-attr]
    assert '<td class="pg-flag">' in row(table, "按期办结率") and '<td class="num pg-flag">' in row(table, "信访事项办理数")


def test_a_level_s_points_and_the_total_are_marked_where_the_table_prints_them(built: tuple[Path, list[Problem]]) -> None:
    site, problems = built
    table = figure(page(site, "self-evaluation"), "部门整体支出绩效自评表")
    level = acknowledged(problems, "indicators-1.产出指标.weights")
    # The level's points follow its name in the merged 一级指标 cell: “产出指标（45分）注n”.
    merged = re.search(rf'<td rowspan="2" class="pg-flag">产出指标（{level.stated}分）{MARK}</td>', table)
    assert merged, row(table, "信访事项办理数")
    assert f"{level.stated}" in note(table, merged.group(1)) and f"{level.computed}" in note(table, merged.group(1))
    total = acknowledged(problems, "indicators-1.total")
    foot = re.search(r"<tfoot>.*?</tfoot>", table, re.S)
    assert foot and re.search(rf'<td class="num pg-flag">{total.stated}{MARK}</td>', foot.group(0)), foot
    told = note(table, re.search(MARK, foot.group(0)).group(1))  # type: ignore[union-attr]
    assert f"总得分 {total.stated}" in told and f"之和 {total.computed}" in told and total.acknowledged in told


def test_a_score_breakdown_marks_its_item_its_points_and_its_total(built: tuple[Path, list[Problem]]) -> None:
    site, problems = built
    markup = page(site, "self-evaluation")
    table = figure(markup, "评分情况")
    item = acknowledged(problems, "scores.部门管理")
    assert re.search(rf'<td class="num pg-flag">{item.stated}{MARK}</td></tr>$', row(table, "部门管理"))
    total = acknowledged(problems, "scores.total")
    assert re.search(rf'<td class="num pg-flag">{total.stated}{MARK}</td></tr>$', row(table, "总得分"))
    # The points add up to less than 100 and the breakdown prints no total of them: the 分值 column carries the mark.
    weights = acknowledged(problems, "scores.weights")
    header = re.search(rf'<th scope="col" class="num">分值{MARK}</th>', table)
    assert header, table.split("<tbody>", 1)[0]
    told = note(table, header.group(1))
    assert f"分值之和为 {weights.stated}" in told and weights.acknowledged in told
    # Every acknowledged problem of the two tables has its mark and note there; none is left to the box at the top.
    marks = re.findall(MARK, markup)
    assert len(marks) == len([p for p in problems if p.file.endswith("doc0.yml")]) == len({n for n, _ in marks})
    top = re.search(r'<aside class="pg-ack" aria-label="核对说明">.*?</aside>', markup, re.S)
    assert top and "<ul>" not in top.group(0) and f"本文有 {len(marks)} 处数字" in text(top.group(0))


def test_the_search_excerpt_of_a_marked_row_says_its_figure_is_in_question(built: tuple[Path, list[Problem]]) -> None:
    """Out of the page, “注1” alone would not say the figure is in question: the row's passage says so at the figure."""
    site, problems = built
    over = acknowledged(problems, "indicators-1.信访事项办理数")
    passages = [p for f in (site / "search/x").glob("*.json") for p in json.loads(f.read_text(encoding="utf-8")) if isinstance(p, str)]
    [passage] = [p for p in passages if p.startswith("产出指标") and "信访事项办理数" in p]
    assert re.search(rf"信访事项办理数 .*{over.stated}（注\d+，数字有出入）", passage), passage
    # A name that carries a mark (the 分值 column's) is still suggested to searchers by its name alone.
    labels = page_text(page(site, "self-evaluation")).labels
    assert "分值" in labels and not [label for label in labels if "注" in label], labels


def test_a_computed_rate_is_told_at_the_precision_the_document_prints(built: tuple[Path, list[Problem]]) -> None:
    """2106.66 ÷ 2940.05 is computed to four decimals; the table prints its rate to two, and so does the note."""
    site, problems = built
    rate = acknowledged(problems, "table-1.total.execution-rate")
    assert rate.stated is not None and rate.computed is not None
    table = figure(page(site, "final-accounts"), "支出执行情况")
    found = re.search(rf"原文此处为 {re.escape(rate.stated)}，按表中数字计算为 (-?\d+(?:\.\d+)?)。", note(table, "pg-note-1"))
    assert found, note(table, "pg-note-1")
    shown = found.group(1)
    places = len(rate.stated.split(".")[1])
    assert len(shown.split(".")[1]) == places < len(rate.computed.split(".")[1])
    assert abs(Decimal(shown) - Decimal(rate.computed)) <= Decimal(1).scaleb(-places) / 2


def test_several_score_breakdowns_mark_a_total_only_where_it_is_printed(tmp_path: Path) -> None:
    """The checks file every breakdown's total under ``scores.total``: the figure the problem names tells which."""
    from pubgen.notes import page_notes

    body = INDICATORS.split("- type: scores", 1)[1]
    second = "- type: scores" + body.replace("评分情况", "另一评分表").replace("total: 96", "total: 94")
    p = project(tmp_path, doc(2021, "self-evaluation", "- type: scores" + body + second, "acknowledgements:\n  - {code: score-total-mismatch, field: scores.total, stated: 94, reason: 原表如此。}\n"))
    problems = [q for q in check(p).problems if q.acknowledged]
    [total] = problems
    [record] = _documents(tmp_path)
    notes = page_notes(record, problems)
    assert not notes.unmarked and [n.block for n in notes.notes] == [1]
    assert notes.notes[0].spot is not None and notes.notes[0].spot.part == "total"
    assert total.stated == "94"


def _documents(root: Path) -> list[m.Document]:
    from pubgen.load import load

    return [d.record for d in load(root / "content").documents]


@pytest.mark.browser
def test_on_a_phone_a_marked_indicator_figure_leads_to_its_note_and_nothing_scrolls_sideways(browser, serve, built) -> None:  # type: ignore[no-untyped-def]
    """360 px: the mark is a link named by its text (not a colour), the note it leads to is on the screen, the tables
    keep their figures whole and the page does not scroll sideways."""
    from .conftest import open_page
    from .test_readers import measure

    site, problems = built
    url = serve(site) + "hebei/xingtai/pingxiang/xinfangju/2021/self-evaluation/"
    pg = open_page(browser, url, 360, height=740)
    try:
        measure(pg, "score-marks-360")
        over = acknowledged(problems, "indicators-1.信访事项办理数")
        cell = pg.locator("figure.pg-indicators tbody tr", has_text="信访事项办理数").locator("td.num.pg-flag")
        assert cell.inner_text().replace("\n", "").startswith(over.stated or "")
        link = cell.get_by_role("link")
        name = link.inner_text()
        assert re.fullmatch(r"注\d+", name)
        assert pg.get_by_role("link", name=name, exact=True).count() >= 1  # the top box lists it too: a screen reader reads 注n
        link.click()
        target = pg.locator(f"li#{(link.get_attribute('href') or '#').lstrip('#')}")
        assert target.is_visible() and over.acknowledged in target.inner_text()
        box = target.bounding_box()
        assert box is not None and 0 <= box["y"] < 740 and box["x"] >= 0 and box["x"] + box["width"] <= 360
        assert pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        if AXE.exists():  # the accessibility scan, where axe-core is installed (test_accessibility.py says when it is not)
            pg.add_script_tag(content=AXE.read_text(encoding="utf-8"))
            found = pg.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
            serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in found["violations"] if v["impact"] in ("serious", "critical")]
            assert serious == [], serious
    finally:
        pg.context.close()


def test_the_bundled_self_evaluation_marks_the_points_that_miss_100_at_its_score_table(bundled_site: Path) -> None:
    """花都区信访局 2021 lists 45 + 50 points and a 5-point bonus (acknowledged): the reader sees the mark at the 分值
    column of the breakdown and the reason under it, not only in the box at the top."""
    from pubgen.pipeline import Project

    [weights] = [
        p for p in check(Project(ROOT)).problems
        if p.acknowledged and p.field == "scores.weights" and p.file.endswith("huadu/xinfangju/2021-self-evaluation.yml")
    ]
    markup = (bundled_site / "guangdong/guangzhou/huadu/xinfangju/2021/self-evaluation/index.html").read_text(encoding="utf-8")
    start = markup.index('<div class="pg-scroll" role="region" aria-label="评分情况"')
    table = markup[start : markup.index("</figure>", start)]
    header = re.search(rf'<th scope="col" class="num">分值{MARK}</th>', table)
    assert header, table.split("<tbody>", 1)[0]
    told = note(table, header.group(1))
    assert f"分值之和为 {weights.stated}" in told and told.endswith(f"发布单位说明：{weights.acknowledged}")
    top = re.search(r'<aside class="pg-ack" aria-label="核对说明">.*?</aside>', markup, re.S)
    assert top and (weights.acknowledged or "") not in top.group(0) and header.group(2) in text(top.group(0))
