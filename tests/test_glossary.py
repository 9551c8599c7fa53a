"""Glossary terms linked where they are first used, on Markdown tokens."""

from __future__ import annotations

import json
import re
from pathlib import Path

from urllib.parse import quote, unquote

from click.testing import CliRunner

from pubgen.cli import main
from pubgen.glossary import Glossary, applies, for_document, heading_names, overridden
from pubgen.markdown import to_html
from pubgen.model import GlossaryItem, Term

from .conftest import copy_project


def linker() -> object:
    glossary = Glossary(
        [
            Term(term="一般公共预算", definition="政府的一般收支。"),
            Term(term="一般公共预算拨款收入", definition="指县级财政当年拨付的资金。"),
            Term(term="三公经费", aliases=["“三公”经费"], definition="因公出国（境）费、公务用车购置及运行维护费和公务接待费。"),
        ]
    )
    return glossary.linker("../../glossary/")


def links(html: str) -> list[str]:
    return re.findall(r'<a href="[^"]*" class="pg-term" aria-describedby="[^"]*">([^<]+)</a>', html)


def tips(html: str) -> list[str]:
    return re.findall(r'<span class="pg-tip" role="tooltip" id="[^"]+">([^<]*)</span>', html)


def test_longest_term_first_and_only_the_first_use() -> None:
    html = to_html("一般公共预算拨款收入329.48万元，一般公共预算拨款收入另计；一般公共预算执行良好。", linker())
    assert links(html) == ["一般公共预算拨款收入", "一般公共预算"]


def test_alias_with_quotes_links_to_the_term_with_its_definition() -> None:
    html = to_html("财政拨款“三公”经费预算安排1.4万元。", linker())
    assert links(html) == ["“三公”经费"]
    assert 'href="../../glossary/#%E4%B8%89%E5%85%AC%E7%BB%8F%E8%B4%B9"' in html
    assert tips(html) == ["因公出国（境）费、公务用车购置及运行维护费和公务接待费。"]


def test_never_in_headings_links_or_code() -> None:
    text = "## 三公经费\n\n[三公经费](https://example.org) `三公经费`\n\n正文中的三公经费。"
    html = to_html(text, linker())
    assert links(html) == ["三公经费"]
    assert "<h2>三公经费</h2>" in html
    assert html.index('class="pg-term"') > html.index("正文中的")


def test_one_linker_is_one_page() -> None:
    page = linker()
    first = to_html("三公经费。", page)
    second = to_html("三公经费。", page)
    assert links(first) == ["三公经费"] and links(second) == []


def test_glossary_page_is_sorted_by_pinyin_with_each_scope_and_its_users(bundled_site: Path) -> None:
    page = (bundled_site / "glossary" / "index.html").read_text(encoding="utf-8")
    terms = re.findall(r'<div id="([^"]+)" class="pg-entry">', page)
    assert terms == [
        "基本支出",  # ji ben
        "机关运行费",  # ji guan
        "其他收入",
        "三公经费",
        "上缴上级支出",  # shang jiao
        "上年结转",  # shang nian
        "事业单位经营支出",  # shi ye dan
        "事业收入",  # shi ye shou
        "项目支出",
        "一般公共预算拨款收入",
    ]

    def entry(term: str) -> str:
        return page.split(f'<div id="{term}" class="pg-entry">', 1)[1].split("</div>", 1)[0]

    # Definitions that speak of 县级 hold for 平乡县 only; the others anywhere.
    assert "适用范围：河北省邢台市平乡县（含下级地区）" in entry("三公经费")
    assert "适用范围：河北省邢台市平乡县（含下级地区）" in entry("一般公共预算拨款收入")
    assert "适用范围：全国通用" in entry("基本支出")
    # 花都区's report uses 基本支出 and prints no 名词解释: it links here. 平乡县's budget prints its own.
    users = entry("基本支出").split("用到此名词的文档", 1)[1]
    assert "2021年度广州市花都区信访局部门整体支出绩效自评报告" in users
    assert "平乡县信访局2021年部门预算信息公开情况说明" not in users


def test_glossary_page_says_whose_document_each_user_is(bundled_site: Path) -> None:
    """上海 prints the same title for every district department (上海市普陀区2025年区级部门预算): the list showed three
    identical links, to 商务委员会, 万里街道 and 政府办公室, and a reader could not tell which was which."""
    page = (bundled_site / "glossary" / "index.html").read_text(encoding="utf-8")
    entry = page.split('<div id="基本支出" class="pg-entry">', 1)[1].split("</div>", 1)[0]
    users = re.findall(r'<a href="([^"]*)">([^<]+)</a>', entry.split("用到此名词的文档", 1)[1])
    named = dict((href.split("../", 1)[1], text) for href, text in users)
    assert named["shanghai/putuo/shangwuwei/2025/budget/"] == "上海市普陀区2025年区级部门预算（上海市普陀区商务委员会）"
    assert named["shanghai/putuo/wanli-jiedao/2025/budget/"].startswith("上海市普陀区2025年区级部门预算（")
    assert named["shanghai/putuo/shangwuwei/2025/budget/unit-benji/"] == "上海市普陀区2025年区级单位预算（上海市普陀区商务委员会）"
    texts = [text for href, text in users if "search/" not in href]
    assert len(set(texts)) == len(texts)
    # A title that names its department already is not told twice.
    assert "2021年度广州市花都区信访局部门整体支出绩效自评报告</a>" in entry


def test_a_document_links_its_own_glossary(bundled_site: Path) -> None:
    page = (bundled_site / "hebei/xingtai/pingxiang/xinfangju/2021/budget/index.html").read_text(encoding="utf-8")
    linked = dict(re.findall(r'<a href="([^"]*)" class="pg-term" aria-describedby="[^"]*">([^<]+)</a>', page))
    by_text = {text: href for href, text in linked.items()}
    # 机关运行经费 is an alias of the site's 机关运行费, which the document defines itself: it leads to the document's entry.
    assert by_text["“三公”经费"] == "#" + quote("名词解释-“三公”经费")
    assert by_text["机关运行经费"] == "#" + quote("名词解释-机关运行费")
    for href in by_text.values():
        assert href.startswith("#"), "a term the document defines is linked to the site glossary"
        assert f'id="{unquote(href[1:])}"' in page, f"no entry {href} on the page"
    assert len(by_text) == len(linked)
    assert 'class="pg-terms"' not in page  # every term it uses, it defines


def test_scopes_national_regions_and_sub_regions() -> None:
    national = Term(term="基本支出", definition="…", national=True)
    county = Term(term="三公经费", definition="指县级部门……", regions=["hebei/xingtai/pingxiang"])
    province = Term(term="事业收入", definition="…", regions=["hebei"])
    assert applies(national, "guangdong/guangzhou/huadu")
    assert applies(county, "hebei/xingtai/pingxiang") and not applies(county, "hebei/xingtai")
    assert not applies(county, "hebei/xingtai/pingxiang-2")
    assert applies(province, "hebei/shijiazhuang") and not applies(province, "henan")
    assert [t.term for t in for_document([national, county, province], "hebei/shijiazhuang", [])] == ["基本支出", "事业收入"]


def test_a_documents_own_definition_wins_by_name_or_alias() -> None:
    site = [Term(term="三公经费", aliases=["“三公”经费", "三公"], definition="县级的解释。", national=True)]
    own = [GlossaryItem(term="“三公”经费", definition="本文的解释。")]
    assert overridden(site, own) == {"三公经费"}
    assert for_document(site, "hebei", own) == []
    html = to_html("三公经费1.4万元；三公另计。", Glossary(site, own).linker("../../glossary/"))
    assert re.findall(r'href="([^"]+)"', html) == ["#" + quote("名词解释-“三公”经费")]
    assert tips(html) == ["本文的解释。"]


def test_a_definition_with_markup_is_shown_as_text_in_its_tooltip() -> None:
    glossary = Glossary([Term(term="三公经费", definition='<img src=x onerror=alert(1)> 见[规定](https://example.org "t")')])
    html = to_html("三公经费。", glossary.linker("../"))
    assert tips(html) == ["&lt;img src=x onerror=alert(1)&gt; 见规定"]


def test_a_tooltip_shows_the_definitions_words_as_the_glossary_page_does() -> None:
    """Text between < and > is kept (it is not a tag); escapes show their character; marks and link addresses do not show."""
    definitions = {
        "执行率<60%的为执行缓慢，执行率>100%的须说明原因。": "执行率&lt;60%的为执行缓慢，执行率&gt;100%的须说明原因。",
        "包括 \\*基本建设\\* 和 \\_专项业务\\_ 支出。": "包括 *基本建设* 和 _专项业务_ 支出。",
        "**重点**见[办法](https://example.org/)，`A类`项目。": "重点见办法，A类项目。",
        "1. 人员经费；\n2. 公用经费。": "1. 人员经费； 2. 公用经费。",
    }
    for definition, shown in definitions.items():
        html = to_html("三公经费。", Glossary([Term(term="三公经费", definition=definition)]).linker("../"))
        assert tips(html) == [shown]


def test_an_entry_headed_a_b_names_both_but_not_a_qualifier_or_an_explanation() -> None:
    assert heading_names("行政经费（机关运行经费）") == ["行政经费（机关运行经费）", "行政经费", "机关运行经费"]
    assert heading_names(" 行政经费(机关运行经费) ") == ["行政经费(机关运行经费)", "行政经费", "机关运行经费"]
    assert heading_names("财政拨款收入（简称财政拨款）") == ["财政拨款收入（简称财政拨款）", "财政拨款收入", "财政拨款"]
    assert heading_names("因公出国（境）费") == ["因公出国（境）费"]
    assert heading_names("因公出国（境）") == ["因公出国（境）", "因公出国"]
    assert heading_names("基本支出（含人员经费和公用经费）") == ["基本支出（含人员经费和公用经费）", "基本支出"]
    assert heading_names("项目支出（2021年）") == ["项目支出（2021年）", "项目支出"]


def test_a_documents_entry_headed_a_b_or_with_aliases_is_its_entry_for_each_name(tmp_path: Path) -> None:
    """Guangdong and Guangxi documents head the entry 行政经费（机关运行经费）; the text then says 机关运行经费."""
    project = copy_project(tmp_path / "p")
    pingxiang = project.content / "documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"
    text = pingxiang.read_text(encoding="utf-8")
    pingxiang.write_text(text.replace("      - term: 机关运行费\n", "      - term: 行政经费（机关运行经费）\n", 1), encoding="utf-8")
    putuo = project.content / "documents/shanghai/putuo/caizhengju/2024-final-accounts.yml"
    text = putuo.read_text(encoding="utf-8")
    putuo.write_text(text.replace("      - term: 机关运行经费\n", "      - term: 行政经费\n        aliases: [机关运行经费]\n", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--project", str(project.root), "--site-dir", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output

    def term_links(address: str) -> tuple[str, dict[str, str]]:
        page = (tmp_path / "site" / address / "index.html").read_text(encoding="utf-8")
        return page, {text: href for href, text in re.findall(r'<a href="([^"]*)" class="pg-term" aria-describedby="[^"]*">([^<]+)</a>', page)}

    page, linked = term_links("hebei/xingtai/pingxiang/xinfangju/2021/budget")
    assert linked["机关运行经费"] == "#" + quote("名词解释-行政经费（机关运行经费）")
    assert 'id="名词解释-行政经费（机关运行经费）"' in page
    # The site's 机关运行费 (its alias 机关运行经费) is the document's own term: not offered again under 本文涉及的名词.
    assert 'class="pg-terms"' not in page
    page, linked = term_links("shanghai/putuo/caizhengju/2024/final-accounts")
    assert linked["机关运行经费"] == "#" + quote("名词解释-行政经费")
    listed = page.split('<aside class="pg-terms"', 1)[1].split("</aside>", 1)[0] if '<aside class="pg-terms"' in page else ""
    assert "机关运行费" not in listed
    # The glossary page no longer lists the two documents among those that use the site's 机关运行费.
    glossary = (tmp_path / "site" / "glossary" / "index.html").read_text(encoding="utf-8")
    entry = glossary.split('<div id="机关运行费" class="pg-entry">', 1)[1].split("</div>", 1)[0]
    users = entry.split("用到此名词的文档", 1)[1] if "用到此名词的文档" in entry else ""
    assert "平乡县信访局" not in users and "普陀区财政局" not in users


_PURCHASE = """
  - term: 政府采购
    definition: 指各级国家机关使用财政性资金采购货物、工程和服务的行为。
    national: true
  - term: 政府采购
    definition: 指本市各级预算单位使用财政性资金采购集中采购目录以内或者限额标准以上的货物、工程和服务的行为。
    regions: [shanghai]
  - term: 政府采购
    definition: 指普陀区区级预算单位使用财政性资金采购货物、工程和服务的行为。
    regions: [shanghai/putuo]
  - term: 政府采购
    aliases: [采购]
    definition: 指平乡县县级预算单位使用财政性资金采购货物、工程和服务的行为。
    regions: [hebei/xingtai/pingxiang]
"""


def test_a_name_defined_for_several_regions_links_each_document_to_the_entry_closest_to_it(tmp_path: Path) -> None:
    """A province's platform carries each county's and city's own 名词解释: one name, a definition per region."""
    project = copy_project(tmp_path / "p")
    glossary = project.content / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + _PURCHASE, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--project", str(project.root), "--site-dir", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert "duplicate-term" not in result.output
    page = (tmp_path / "site" / "glossary" / "index.html").read_text(encoding="utf-8")
    entries = {
        unquote(anchor): body
        for anchor, body in re.findall(r'<div id="([^"]+)" class="pg-entry">(.*?)</div>', page, re.S)
        if "政府采购" in anchor
    }
    assert len(entries) == 4, list(entries)

    def linked(address: str) -> str:
        html = (tmp_path / "site" / address / "index.html").read_text(encoding="utf-8")
        hrefs = re.findall(r'<a href="([^"]*)" class="pg-term" aria-describedby="[^"]*">政府采购</a>', html)
        assert len(hrefs) == 1, address
        anchor = unquote(hrefs[0].split("#", 1)[1])
        assert anchor in entries, anchor
        return entries[anchor]

    assert "普陀区区级预算单位" in linked("shanghai/putuo/shangwuwei/2025/budget")
    assert "平乡县县级预算单位" in linked("hebei/xingtai/pingxiang/xinfangju/2021/budget")
    assert "各级国家机关" in linked("guangdong/guangzhou/huadu/xinfangju/2021/self-evaluation")
    # Each entry lists the documents that link to it, and no other: the city-wide one is nearest to none of them.
    users = {
        next(s for s in ("各级国家机关", "本市各级", "普陀区区级", "平乡县县级") if s in body): re.findall(r"用到此名词的文档：(.*?)</p>", body)
        for body in entries.values()
    }
    assert users["本市各级"] == []
    assert "花都区" in users["各级国家机关"][0] and "普陀" not in users["各级国家机关"][0]
    assert "普陀区" in users["普陀区区级"][0] and "平乡" not in users["普陀区区级"][0]
    assert "平乡县" in users["平乡县县级"][0]
    # Searching the name offers each region's definition, told apart by whose it is, each leading to its own entry.
    manifest = json.loads((tmp_path / "site" / "search" / "manifest.json").read_text(encoding="utf-8"))
    offered = {e[4]: e[3] for e in manifest["glossary"] if e[0] == "政府采购"}
    assert set(offered) == {"全国通用", "上海市", "上海市普陀区", "河北省邢台市平乡县"}
    assert set(offered.values()) == set(entries)


def test_a_name_defined_twice_for_one_region_is_a_duplicate_but_not_for_another_region(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    glossary = project.content / "glossary.yml"
    twice = _PURCHASE + """
  - term: 采购
    definition: 又一条平乡县的解释。
    regions: [hebei/xingtai/pingxiang, guangdong]
"""
    glossary.write_text(glossary.read_text(encoding="utf-8") + twice, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--project", str(project.root)])
    assert result.exit_code == 1
    problems = [line for line in result.output.splitlines() if "duplicate-term" in line]
    assert len(problems) == 1, result.output
    assert "名词“采购”已在“政府采购”一条中出现，两条都适用于 hebei/xingtai/pingxiang" in problems[0]
