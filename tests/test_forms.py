"""Form-style reports as readers see them: every part of the form in its place, built with the real MkDocs build.

The fixture (tests/fixtures/forms/) holds a form-style 部门整体支出绩效自评报告 (units as rows, renamed labels,
blank signature lines), a 项目支出绩效自评表 (indicators 90 分 under a multi-level header, the budget-execution
line 10 分 in its funds table) and a county document, with the site glossary of content/glossary.yml.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from pubgen import model as m
from pubgen.diff import diff_project
from pubgen.evaluation_view import indicator_view
from pubgen.pipeline import Project, build, check

from .conftest import ROOT, git

FIXTURE = Path(__file__).parent / "fixtures" / "forms"
SELF = "shanxi/taiyuan/shiyanju/2022/self-evaluation/index.html"
PROJECT = "shanxi/taiyuan/shiyanju/2022/project-evaluation/nongji-tuiguang/index.html"
COUNTY = "hebei/xingtai/pingxiang/shiyanju/2022/budget/income/index.html"
SELF_SOURCE = "content/documents/shanxi/taiyuan/shiyanju/2022-self-evaluation.yml"


def make_project(root: Path) -> Project:
    shutil.copytree(FIXTURE / "content", root / "content")
    shutil.copy(ROOT / "content" / "glossary.yml", root / "content" / "glossary.yml")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return Project(root)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("forms"))
    build(project, project.root / "site")
    return project.root / "site"


class _Text(HTMLParser):
    """The text of an HTML fragment as a reader meets it, screen-reader-only text included; cells and lines apart."""

    BLOCKS = frozenset({"td", "th", "tr", "p", "li", "dt", "dd", "div", "caption"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return re.sub(r"\s+", " ", "".join(parser.parts)).strip()


def article(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8").split("<article", 1)[1].split("</article>", 1)[0]


def own_part(page: str) -> str:
    """A page's article after its key figures and its 目录, which repeat the document's headings and labels as links."""
    for marker, end in (('class="pg-keys"', "</section>"), ('class="pg-toc"', "</details>")):
        if marker in page:
            head, _, rest = page.partition(marker)
            page = head + rest.split(end, 1)[1]
    return page


def between(html: str, start: str, end: str) -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


def test_the_forms_check_clean(tmp_path: Path) -> None:
    assert check(make_project(tmp_path)).problems == []


def test_attachment_label_issuer_and_report_date_frame_the_title(site: Path) -> None:
    page = article(site, SELF)
    assert page.index('<p class="pg-attachment">附件2-1</p>') < page.index("<h1")
    head = text(between(page, "</h1>", '<div class="pg-docmeta">'))
    assert head == "太原市财政局制报告日期：2023年3月20日"
    assert '<time datetime="2023-03-20">' in page


def test_header_lines_and_signature_lines_left_blank_are_published_blank(site: Path) -> None:
    page = article(site, SELF)
    fields = text(between(page, '<div class="pg-fields">', "</dl>"))
    assert fields == "填报单位（盖章）： 太原市示例局 联系人： （空白） 联系电话： （空白）"
    signatures = re.findall(r'<div class="pg-signature">(.*?)</div>', page, re.S)
    assert [text(s) for s in signatures] == [
        "单位负责人（签字）：（空白） 填报人（签字）：赵某 （签章） （空白）年（空白）月（空白）日",
        "主管部门审核意见：（空白） （签章） （空白）年（空白）月（空白）日",
    ]
    # Blank lines are drawn lines, not empty text: each one is an element the stylesheet gives a width.
    assert page.count('<span class="pg-blank"><span class="pg-sr">（空白）</span></span>') == 4


def test_units_as_rows_tables_give_the_key_figures_and_the_indexes(site: Path) -> None:
    page = article(site, SELF)
    keys = dict(re.findall(r'<(?:span|a) class="pg-key__label"(?: href="[^"]*" title="[^"]*")?>([^<]+)</(?:span|a)><span class="pg-key__value"><data value="([^"]+)">', page))
    # Each is the 合计 row's 合计 column of its table, not any unit's row.
    assert keys == {"收入合计": "1250.75", "支出合计": "1233.25", "“三公”经费": "15", "自评得分": "94.5"}
    year = (site / "years/2022/index.html").read_text(encoding="utf-8")
    row = between(year, "太原市示例局2022年度部门整体支出绩效自评报告</a></td>", "</tr>")
    # Amounts grouped in thousands as the tables show them; the count of 三公 and the score as printed.
    assert re.findall(r'<td class="num"[^>]*>([^<]*)</td>', row) == ["1,250.75", "1,233.25", "15", "94.5"]
    three = between(own_part(page), "（三）“三公”经费支出情况", "</thead>")
    # The vehicle columns sit under their merged header, in the printed order.
    assert text(three.split("<thead>", 1)[1]) == "单位名称 合计 因公出国（境）费 公务用车购置及运行维护费 公务接待费 小计 购置费 运行维护费"
    assert 'colspan="3" class="num"><span class="pg-group">公务用车购置及运行维护费</span>' in three


def test_renamed_labels_and_goals_numbered_without_a_title(site: Path) -> None:
    page = article(site, SELF)
    goals = text(between(page, '<div class="pg-goals">', '<figure class="pg-figure pg-indicators">'))
    assert goals.startswith("1. 年初设定目标： 为全市农户提供技术服务5000户以上。 全年完成情况： 服务农户5200户。 2. 年初设定目标：")
    scores = text(between(own_part(page), "自评得分情况", "</table>"))
    assert "评价指标 分值 自评得分" in scores and "总评价得分 94.5" in scores and "总得分" not in scores.replace("总评价得分", "")
    pair = text(between(page, '<div class="pg-goalpair">', '<div class="pg-scroll"'))
    assert pair == "年初设定目标 提升全市农业技术服务水平，完成年度重点任务。 全年完成情况 完成年度重点任务，培训场次略少于计划。"


def test_group_points_are_printed_where_the_form_prints_them(site: Path) -> None:
    table = between(article(site, SELF), "部门整体支出绩效自评表</span></caption>", "</table>")
    body = between(table, "<tbody>", "</tbody>")
    # Points of a level whose rows carry their own weights follow its name; the merged 分值 and 得分 of 质量指标
    # span its two rows, as printed.
    assert '<td rowspan="4">履职效能（50分）</td><td rowspan="2">数量指标（20分）</td>' in body
    assert '<td rowspan="2">质量指标</td>' in body
    assert '<td rowspan="2" class="num">30</td><td rowspan="2" class="num">28</td>' in body
    assert text(between(table, "<tfoot>", "</tfoot>")) == "总分 94.5"
    assert '<th scope="row" colspan="7"><span class="pg-total-label">总分</span></th>' in table


def test_project_form_multilevel_header_points_and_total(site: Path) -> None:
    page = article(site, PROJECT)
    caption = between(page, '<span class="pg-caption__title">绩效指标</span>', "</caption>")
    assert text(caption) == "（90分）"
    head = between(page, '<span class="pg-caption__title">绩效指标</span>', "</thead>")
    rows = re.findall(r"<tr>(.*?)</tr>", head.split("<thead>", 1)[1])
    assert [text(r) for r in rows] == [
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施",
        "运算符号 指标值 度量单位",
    ]
    assert '<th scope="col" colspan="3"><span class="pg-group">年度指标值</span></th>' in head
    body = between(head + between(page, head, "</table>"), "<tbody>", "</tbody>")
    first = text(re.findall(r"<tr>(.*?)</tr>", body)[0])
    assert first == "产出指标（50分） 数量指标 推广主推技术 ≥ 10 项 12项 20 20"
    # The 总分 row prints the form's 100 points under 分值 and the total score under 得分.
    assert text(between(page, "<tfoot>", "</tfoot>")) == "总分 100 97.1"
    assert '<th scope="row" colspan="7"><span class="pg-total-label">总分</span></th><td class="num">100</td><td class="num">97.1</td><td></td>' in page
    # The budget-execution line is printed in the funds table, with its points and score.
    funds = text(between(page, '<span class="pg-caption__title">项目资金</span>', "</table>"))
    assert "年度资金总额 100 120 114 10 95 9.5" in funds
    assert "其中：当年财政拨款 100 110 104.5 — 95 —" in funds
    assert text(between(page, '<div class="pg-goalpair">', '<div class="pg-scroll"')).startswith("预期目标 推广主推技术10项以上")
    # Under the table, what its 总分 holds beside the indicators' 90: the execution line of the funds table.
    assert "总分含预算执行率的分值 10 分、得分 9.5 分（见“项目资金”表“年度资金总额”一行）。" in page


def test_a_grade_the_form_does_not_print_says_so_on_its_card(site: Path) -> None:
    """The project form prints 97.1 分 and no grade: its card, like the header, says the 优 is the site's reading of the score."""
    derived = article(site, PROJECT)
    card = between(derived, '<li class="pg-key pg-key--grade">', "</li>")
    # Label, value and note are lines of the card (a column of spans).
    assert text(card) == "评价等级优按得分确定，原文未写等级"
    assert '<span class="pg-key__note pg-derived">按得分确定，原文未写等级</span>' in card
    assert text(between(derived, "<dt>评价等级</dt>", "</div>")) == "优（按得分确定）"
    printed = article(site, SELF)
    assert text(between(printed, '<li class="pg-key pg-key--grade">', "</li>")) == "评价等级优"


def test_evaluators_list_prints_only_the_columns_it_fills(site: Path) -> None:
    people = between(article(site, SELF), "评价人员</span></caption>", "</table>")
    assert text(between(people, "<thead>", "</thead>")) == "姓名 职务/职称 单位"


def test_glossary_links_only_where_a_definition_holds(site: Path) -> None:
    page = article(site, SELF)
    links = dict((t, h) for h, t in re.findall(r'<a href="([^"]*)" class="pg-term"[^>]*>([^<]+)</a>', page))
    # A 太原市 document: the county's “指县级财政当年拨付的资金” is not attached to it; national entries are;
    # its own 名词解释 defines “三公”经费, and that is what its text links to.
    assert "一般公共预算拨款收入" in text(page) and "一般公共预算拨款收入" not in links
    assert links["基本支出"].endswith("glossary/#" + quote("基本支出"))
    assert links["“三公”经费"] == "#" + quote("名词解释-“三公”经费")
    assert 'id="名词解释-“三公”经费"' in page
    tip = between(own_part(page), "“三公”经费</a>", "</span></span>")
    assert "指市级部门" in tip and "县级" not in tip
    listed = re.findall(r"<li><a [^>]*>([^<]+)</a>", between(page, '<aside class="pg-terms"', "</aside>"))
    assert listed and "三公经费" not in listed and "一般公共预算拨款收入" not in listed
    # The county's own document links the county's definitions.
    county = article(site, COUNTY)
    county_links = dict((t, h) for h, t in re.findall(r'<a href="([^"]*)" class="pg-term"[^>]*>([^<]+)</a>', county))
    assert county_links["一般公共预算拨款收入"].endswith("glossary/#" + quote("一般公共预算拨款收入"))
    assert county_links["“三公”经费"].endswith("glossary/#" + quote("三公经费"))
    glossary = (site / "glossary/index.html").read_text(encoding="utf-8")
    entry = between(glossary, '<div id="三公经费" class="pg-entry">', "</div>")
    assert "适用范围：河北省邢台市平乡县（含下级地区）" in entry
    assert "平乡县示例局2022年部门预算信息公开情况说明" in entry and "太原市示例局" not in entry


def test_blank_lines_are_visible_lines_in_a_browser(site: Path, browser: object, serve: object) -> None:
    base = serve(site)  # type: ignore[operator]
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(base + SELF.removesuffix("index.html"))
        blank = page.locator(".pg-signature .pg-signline .pg-blank").first
        box = blank.bounding_box()
        assert box is not None and box["width"] >= 60, box
        assert blank.evaluate("e => getComputedStyle(e).borderBottomStyle") == "solid"
        # The words for screen readers take no room on the page.
        hidden = page.locator(".pg-signature .pg-sr").first.bounding_box()
        assert hidden is not None and hidden["width"] <= 1
        date = page.locator(".pg-blankdate").first
        assert date.inner_text().replace("（空白）", "").replace("\n", "").strip() == "年月日"
    finally:
        page.close()


_READABLE = """(box) => {
  // Every figure of the table, at some scroll position, lies inside its scroll box and is the element a finger finds
  // at both its ends (nothing that stays in view lies over it); every cell that stays in view, and how wide it is.
  const cells = [...box.querySelectorAll("td.num")];
  const readable = new Set();
  const max = box.scrollWidth - box.clientWidth;
  for (let x = 0; x <= max + 10; x += 10) {
    box.scrollLeft = Math.min(x, max);
    const b = box.getBoundingClientRect();
    cells.forEach((cell, i) => {
      const r = cell.getBoundingClientRect();
      if (r.left < b.left - 0.5 || r.right > b.right + 0.5) return;
      const ends = [[r.left + 2, r.top + r.height / 2], [r.right - 2, r.top + r.height / 2]];
      if (ends.every(([px, py]) => { const hit = document.elementFromPoint(px, py); return hit && cell.contains(hit); })) readable.add(i);
    });
  }
  box.scrollLeft = 0;
  const sticky = [...box.querySelectorAll("th, td, th *")].filter(e => getComputedStyle(e).position === "sticky")
    .map(e => [e.textContent.trim(), e.getBoundingClientRect().width]);
  return {
    unread: cells.filter((_, i) => !readable.has(i)).map(c => (c.closest("tfoot") ? "总分行 " : "") + c.textContent.trim()),
    sticky: sticky,
  };
}"""


def test_every_figure_of_a_form_can_be_read_on_a_phone(site: Path, browser: object, serve: object) -> None:
    """At 375 px the label that stays in view (a row's name, the 总分 over five or seven columns) never covers the
    figures: each 分值 and 得分, the 总分 row's included, shows uncovered at some scroll position."""
    base = serve(site)  # type: ignore[operator]
    page = browser.new_page(viewport={"width": 375, "height": 1400})  # type: ignore[attr-defined]
    try:
        page.goto(base + PROJECT.removesuffix("index.html"))
        boxes = page.locator(".pg-scroll")
        assert boxes.count() >= 2
        footed = 0
        for i in range(boxes.count()):
            box = boxes.nth(i)
            box.scroll_into_view_if_needed()
            found = box.evaluate(_READABLE)
            assert found["unread"] == [], (i, found["unread"])
            assert found["sticky"], i  # on a phone some label does stay in view
            assert all(width <= 0.45 * 375 for _, width in found["sticky"]), found["sticky"]
            footed += box.locator("tfoot td.num").count()
        assert footed == 2  # the 总分 row's 100 and 97.1 were among the figures read
        label = page.locator("tfoot th").first
        assert label.inner_text().strip() == "总分" and label.is_visible()
    finally:
        page.close()


@pytest.mark.parametrize("address", [SELF, PROJECT])
@pytest.mark.parametrize("width", [1280, 375])
def test_form_pages_have_no_serious_accessibility_violations(site: Path, browser: object, serve: object, address: str, width: int) -> None:
    axe = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    if not axe.exists():
        pytest.skip("axe-core is not installed (npm ci); accessibility scan skipped.")
    page = browser.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    try:
        page.goto(serve(site) + address.removesuffix("index.html"))  # type: ignore[operator]
        page.add_script_tag(content=axe.read_text(encoding="utf-8"))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == []
    finally:
        page.close()


def test_diff_shows_a_signature_filled_in_and_a_label_renamed(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    git(project.root, "init", "-q")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "Forms")
    source = project.root / SELF_SOURCE
    changed = (
        source.read_text(encoding="utf-8")
        .replace("- {label: 单位负责人（签字）}", "- {label: 单位负责人（签字）, value: 孙某}")
        .replace("labels: {name: 评价指标, score: 自评得分, total: 总评价得分}", "labels: {name: 评价指标, score: 自评得分, total: 总分}")
        .replace("level2_points: 30, level2_score: 28,", "level2_points: 30, level2_score: 27,")
        .replace("    total: 94.5\n    grade: 优\n\n  - type: heading", "    total: 93.5\n    grade: 优\n\n  - type: heading")
    )
    source.write_text(changed, encoding="utf-8")
    diff = diff_project(project.root, "HEAD")
    after = {n.block: "".join(s.text for h in n.hunks for s in h.segments if s.op != "delete") for n in diff.narrative}
    before = {n.block: "".join(s.text for h in n.hunks for s in h.segments if s.op != "insert") for n in diff.narrative}
    assert "单位负责人（签字）：（空白）" in before["signature"] and "单位负责人（签字）：孙某" in after["signature"]
    assert "总评价得分" in before["scores"] and "总评价得分" not in after["scores"] and "总分" in after["scores"]
    figures = {(f.row, f.column, f.old, f.new) for f in diff.figures}
    assert ("二级指标：质量指标", "score", "28", "27") in figures
    assert ("total", "", "94.5", "93.5") in figures


def test_group_points_follow_the_name_when_the_form_prints_no_points_column() -> None:
    block = m.Indicators.model_validate(
        {
            "type": "indicators",
            "title": "部门整体支出绩效自评表",
            "columns": [{"field": "level1"}, {"field": "level2"}, {"field": "name"}, {"field": "score"}],
            "rows": [
                {"level1": "产出指标", "level2": "质量指标", "level2_points": 30, "name": "验收合格率", "score": 14},
                {"name": "拨付准确率", "score": 15},
            ],
        }
    )
    view = indicator_view(block)
    assert view.fields == ["level1", "level2", "name", "score"]
    assert [(c.text, c.rowspan) for c in view.rows[0][:2]] == [("产出指标", 2), ("质量指标（30分）", 2)]


def test_a_groups_printed_score_is_on_the_page_when_its_rows_carry_their_own() -> None:
    """产出指标 printed with 50 分 and 得分 49.2 over rows that print their own scores: both figures stay on the page."""
    block = m.Indicators.model_validate(
        {
            "type": "indicators",
            "title": "整体绩效自评表",
            "rows": [
                {"level1": "产出指标", "level1_points": 50, "level1_score": 49.2, "level2": "数量指标", "name": "服务户数", "weight": 30, "score": 30},
                {"name": "培训场次", "weight": 20, "score": 19.2},
            ],
        }
    )
    view = indicator_view(block)
    assert view.rows[0][0].text == "产出指标（50分，得分49.2）"


def test_points_a_title_prints_are_not_printed_twice(tmp_path: Path) -> None:
    """“绩效指标(90分)” and “产出指标（50分）” entered as printed: the page shows each title once, without “（90分）” added."""
    from pubgen.derive import derive
    from pubgen.load import load
    from pubgen.render import render

    project = make_project(tmp_path)
    source = project.root / "content/documents/shanxi/taiyuan/shiyanju/2022-project-evaluation.yml"
    form = source.read_text(encoding="utf-8")
    assert form.count("    title: 绩效指标\n") == 1 and form.count("{level1: 产出指标,") == 1
    form = form.replace("    title: 绩效指标\n", "    title: 绩效指标(90分)\n").replace("{level1: 产出指标,", "{level1: 产出指标（50分）,")
    source.write_text(form, encoding="utf-8")
    assert [p for p in check(project).problems if p.severity.value == "error"] == []
    tree = render(derive(load(project.content)), project.root / "templates", tmp_path / "docs", [])
    page = (tree.docs_dir / PROJECT.replace("/index.html", ".md")).read_text(encoding="utf-8")
    caption = between(page, '<span class="pg-caption__title">绩效指标(90分)</span>', "</caption>")
    assert "分" not in text(caption)
    assert "产出指标（50分）" in page and "产出指标（50分）（50分）" not in page


_HEADING_OVER_LABELS = """(box) => {
  // Scrolled to the far right: the label that stays in view sits under the heading of the labels, not another column's.
  box.scrollLeft = box.scrollWidth;
  const label = box.querySelector("tbody th[scope=row]");
  const heading = box.querySelector("thead th.pg-rowhead");
  if (!label || !heading || getComputedStyle(label).position !== "sticky") return null;
  const l = label.getBoundingClientRect(), h = heading.getBoundingClientRect();
  const top = document.elementFromPoint(h.left + 4, h.top + h.height / 2);
  const out = {label: l.left, heading: h.left, shown: top ? top.closest("th") === heading : false, scrolled: box.scrollLeft};
  box.scrollLeft = 0;
  return out;
}"""


def test_the_heading_over_the_labels_stays_with_them_on_a_phone(site: Path, browser: object, serve: object) -> None:
    """The indicator table's labels (三级指标) are its third column: kept in view, they had 完成值's heading over them."""
    base = serve(site)  # type: ignore[operator]
    page = browser.new_page(viewport={"width": 375, "height": 1400})  # type: ignore[attr-defined]
    try:
        page.goto(base + PROJECT.removesuffix("index.html"))
        boxes = page.locator(".pg-scroll")
        checked = 0
        for i in range(boxes.count()):
            boxes.nth(i).scroll_into_view_if_needed()
            found = boxes.nth(i).evaluate(_HEADING_OVER_LABELS)
            if found is None or not found["scrolled"]:
                continue
            assert abs(found["label"] - found["heading"]) < 1 and found["shown"], (i, found)
            checked += 1
        assert checked >= 2, "the project's indicator table and its funds table scroll on a phone"
    finally:
        page.close()


@pytest.mark.parametrize("elder", [False, True])
def test_a_long_value_in_a_fields_block_wraps_inside_a_360_px_phone(site: Path, browser: object, serve: object, elder: bool) -> None:
    """An address of 90 characters without a space (资料网址) wraps inside its line, in 长辈版 too; the page never scrolls sideways."""
    from .conftest import open_page

    base = serve(site)  # type: ignore[operator]
    page = open_page(browser, base + PROJECT.removesuffix("index.html"), 360, elder=elder, height=740)
    try:
        value = page.locator(".pg-fields dd", has_text="art_3791_20220325").first  # type: ignore[attr-defined]
        assert value.inner_text().replace("\n", "") == "http://www.example.gov.cn/col/col3791/art/2022/art_3791_20220325_xmzc_jxzp_nongjituiguang_fujian1.pdf"
        box = value.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 360, box
        assert page.evaluate("document.documentElement.scrollWidth") <= 360  # type: ignore[attr-defined]
        label = page.locator(".pg-fields dt", has_text="资料网址").first.bounding_box()  # type: ignore[attr-defined]
        assert label is not None and label["width"] > 0 and label["x"] + label["width"] <= 360
    finally:
        page.context.close()  # type: ignore[attr-defined]
