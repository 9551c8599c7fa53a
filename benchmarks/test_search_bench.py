"""The search benchmark's own logic: right answers from page HTML, judging, and the helpers of search.py.

Hand-made HTML trees only; nothing is built and no browser runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import queries as Q  # noqa: E402
import search as S  # noqa: E402


def page(title: str, body: str, nav: str = "<nav>三公 导航</nav>") -> str:
    return (
        "<!doctype html><html lang=zh><head><title>x</title><script>var s = '三公';</script></head><body>"
        f"{nav}<article class=md-content__inner><div data-pagefind-body>"
        f"<h1 id=t>{title}</h1><div class=inner><p>{body}</p></div></div></article>"
        "<footer>页脚 决算</footer></body></html>"
    )


def write(root: Path, url: str, html: str) -> None:
    p = root / url.strip("/") / "index.html"
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(html, encoding="utf-8")


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    # Two departments of 舟山市 and one of 平乡县.
    write(root, "/zhejiang/zhoushan/caizhengju/2021/budget/",
          page("舟山市财政局2021年部门预算信息公开情况说明", "“三公”经费 12.5 万元，机关运行经费 2159.022416 万元。"))
    write(root, "/zhejiang/zhoushan/caizhengju/2021/self-evaluation/",
          page("2021年度舟山市财政局部门整体支出绩效自评报告", "绩效目标完成，<a href=x>三公</a>经费下降。"))
    write(root, "/zhejiang/zhoushan/caizhengju/2021/final-accounts/",
          page("舟山市财政局2021年度部门决算公开说明", "决算数 3.25；预决算公开。"))
    write(root, "/zhejiang/zhoushan/jiaoyuju/2022/budget/",
          page("舟山市教育局2022年部门预算信息公开情况说明", "舟山市教育局的预算，含舟山市财政局拨款。"))
    write(root, "/hebei/xingtai/pingxiang/xinfangju/2021/budget/",
          page("平乡县信访局2021年部门预算信息公开情况说明", "信访事项 &amp; 其他收入 ９８.５"))
    # Not documents: indexes and department pages.
    write(root, "/kinds/budget/", page("部门预算", "三公经费 决算 绩效"))
    write(root, "/years/2021/", page("2021年", "三公经费"))
    write(root, "/zhejiang/zhoushan/caizhengju/", page("舟山市财政局", "三公经费"))
    return root


@pytest.fixture()
def glossary(tmp_path: Path) -> Path:
    p = tmp_path / "glossary.yml"
    p.write_text(
        "terms:\n"
        "  - term: 三公经费\n    aliases: [\"“三公”经费\", 三公]\n    definition: x\n"
        "  - term: 机关运行费\n    aliases: [机关运行经费]\n    definition: x\n"
        "  - term: 上缴上级支出\n    definition: x\n",
        encoding="utf-8",
    )
    return p


# --------------------------------------------------------------------------- text of a page


def test_html_text_removes_tags_scripts_and_entities() -> None:
    html = "<p>三公<a href='#'>经费</a></p><p>决算</p><script>x = '绩效'</script><!-- 绩效 -->&amp;&lt;ｘ１２"
    assert Q.html_text(html) == "三公经费 决算 &<x12"


def test_body_region_counts_nested_elements() -> None:
    html = "<body><nav>N</nav><div data-pagefind-body><div>a</div><div><div>b</div></div>c</div><div>after</div></body>"
    assert Q.html_text(Q.body_region(html)) == "a b c"
    assert Q.html_text(Q.body_region("<body><p>whole</p></body>")) == "whole"
    # The site's own words (glossary definitions, screen-reader hints) are not the document's.
    own = '<p>三公<span class="pg-tip">定义<b>x</b></span>经费</p><aside class="pg-terms"><ul><li>a</li></ul></aside><p>b<br class="pg-sr"/>c</p>'
    assert Q.html_text(Q.without_site_words(own)) == "三公经费 b c"


def test_title_department_in_both_title_shapes() -> None:
    assert Q.title_department("舟山市财政局2021年部门预算信息公开情况说明") == "舟山市财政局"
    assert Q.title_department("2021年度广州市花都区信访局部门整体支出绩效自评报告") == "广州市花都区信访局"
    assert Q.title_department("石家庄市信访局2021年度整体支出绩效自评报告") == "石家庄市信访局"


def test_pages_are_the_documents_only(site: Path) -> None:
    docs = Q.pages(site)
    assert [p.url for p in docs] == [
        "/hebei/xingtai/pingxiang/xinfangju/2021/budget/",
        "/zhejiang/zhoushan/caizhengju/2021/budget/",
        "/zhejiang/zhoushan/caizhengju/2021/final-accounts/",
        "/zhejiang/zhoushan/caizhengju/2021/self-evaluation/",
        "/zhejiang/zhoushan/jiaoyuju/2022/budget/",
    ]
    first = docs[1]
    assert first.title == "舟山市财政局2021年部门预算信息公开情况说明"
    assert "导航" not in first.text and "页脚" not in first.text  # only the marked region
    assert {p.department for p in docs[1:4]} == {"舟山市财政局"}
    assert docs[0].text.endswith("其他收入 98.5")  # NFKC: full-width digits


# --------------------------------------------------------------------------- queries


def test_queries_and_their_answers(site: Path, glossary: Path) -> None:
    qs = {q.text: q for q in Q.queries(site, glossary=glossary)}
    assert list(qs)[:3] == ["三公", "决算", "绩效"]
    # 三公 matches across an inline tag; the fixed 三公 is not repeated as an alias.
    assert qs["三公"].relevant == {"/zhejiang/zhoushan/caizhengju/2021/budget/", "/zhejiang/zhoushan/caizhengju/2021/self-evaluation/"}
    assert qs["三公"].leading == set()
    assert qs["决算"].leading == {"/zhejiang/zhoushan/caizhengju/2021/final-accounts/"}
    assert qs["绩效"].leading == {"/zhejiang/zhoushan/caizhengju/2021/self-evaluation/"}
    # Glossary words that occur somewhere are kept, the others dropped.
    assert "“三公”经费" in qs and "机关运行经费" in qs and qs["机关运行经费"].kind == "term"
    assert "上缴上级支出" not in qs
    # A term is found where another name of its entry is printed: 机关运行费 where 机关运行经费 is.
    assert qs["机关运行费"].relevant == qs["机关运行经费"].relevant != set()
    # Departments: the two that share 舟山市 first, then the other.
    depts = [q.text for q in qs.values() if q.kind == "department"]
    assert depts == sorted(["舟山市教育局", "舟山市财政局"]) + ["平乡县信访局"]
    caizheng = qs["舟山市财政局"]
    assert caizheng.leading == {f"/zhejiang/zhoushan/caizhengju/2021/{k}/" for k in ("budget", "final-accounts", "self-evaluation")}
    assert caizheng.relevant == caizheng.leading | {"/zhejiang/zhoushan/jiaoyuju/2022/budget/"}
    figures = [q for q in qs.values() if q.kind == "figure"]
    assert [f.text for f in figures] == ["2159.022416"]
    assert figures[0].relevant == {"/zhejiang/zhoushan/caizhengju/2021/budget/"}


def test_queries_are_deterministic(site: Path, glossary: Path) -> None:
    a = [q.to_json() for q in Q.queries(site, glossary=glossary)]
    b = [q.to_json() for q in Q.queries(site, glossary=glossary)]
    assert a == b


def test_pick_departments_prefers_shared_prefixes() -> None:
    def doc(name: str) -> Q.Page:
        return Q.Page("/a/b/x/2021/budget/", "", name, "")

    docs = [doc(n) for n in ["平乡县信访局", "舟山市财政局", "舟山市定海区教育局", "舟山市信访局", "兰州市教育局", "兰州市财政局"]]
    assert Q.city_prefix("舟山市定海区教育局") == "舟山市"
    picked = Q.pick_departments(docs, 3)
    assert picked[:2] == sorted(["舟山市财政局", "舟山市定海区教育局", "舟山市信访局"])[:2]
    assert picked[2] in {"兰州市教育局", "兰州市财政局"}
    assert Q.pick_departments(docs, 10)[-1] == "平乡县信访局"


# --------------------------------------------------------------------------- judging


def query(relevant: list[str], leading: list[str] = (), kind: str = "word") -> Q.Query:  # type: ignore[assignment]
    return Q.Query("三公", set(relevant), set(leading), kind)


DOCS = [f"/r/d{i}/2021/budget/" for i in range(15)]


def test_judge_passes_and_ignores_non_documents() -> None:
    q = query(DOCS[:3], DOCS[:1])
    v = Q.judge(q, ["http://127.0.0.1:1/kinds/budget/", "/r/d0/2021/budget/?h=三公#x", "r/d1/2021/budget/index.html",
                    "/r/d2/2021/budget/", "/r/d9/2021/budget/"])
    assert v.passed, v.reason
    assert v.documents[:3] == DOCS[:3]


def test_judge_needs_ten_when_many_documents_match() -> None:
    q = query(DOCS)
    assert Q.judge(q, DOCS[:10]).passed
    v = Q.judge(q, DOCS[:9])
    assert not v.passed and "9 document results" in v.reason


def test_judge_names_the_first_wrong_result() -> None:
    q = query(DOCS[:5])
    v = Q.judge(q, [*DOCS[:2], DOCS[7], *DOCS[2:5]])
    assert not v.passed and v.reason.startswith("result 3, /r/d7/2021/budget/, does not contain")


def test_judge_wants_leading_documents_first() -> None:
    q = query(DOCS[:6], DOCS[4:6], kind="department")
    assert Q.judge(q, [DOCS[4], DOCS[5], *DOCS[:4]]).passed
    v = Q.judge(q, [DOCS[4], DOCS[0], DOCS[5], *DOCS[1:4]])
    assert not v.passed and "result 2" in v.reason and "department" in v.reason


def test_judge_of_a_query_nothing_contains() -> None:
    assert Q.judge(query([]), ["/kinds/budget/"]).passed
    assert not Q.judge(query([]), DOCS[:1]).passed


def test_site_path() -> None:
    assert Q.site_path("http://h:1/a/b/?h=x#y") == "/a/b/"
    assert Q.site_path("a/b/index.html") == "/a/b/"
    assert Q.site_path("/a/b") == "/a/b/"
    assert Q.site_path("/data/figures.csv") == "/data/figures.csv"
    assert Q.site_path("/%E4%B8%89/") == "/三/"


# --------------------------------------------------------------------------- search.py helpers


MKDOCS = """\
site_name: x
theme:
  name: material
  features:
    - navigation.top
extra_javascript:
  - assets/sort.js
  # pubgen's own search
  - assets/search.js
nav:
  - 首页: index.md
# No search plugin
plugins: []
markdown_extensions:
  - toc:
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: lower
"""


def test_material_config() -> None:
    out = S.material_config(MKDOCS)
    assert "plugins:\n  - search\n" in out and "plugins: []" not in out
    assert "assets/sort.js" in out and "search.js" not in out and "own search" not in out
    assert "!!python/object/apply:pymdownx.slugs.slugify" in out and out.count("markdown_extensions:") == 1
    assert [k for k, _ in S.top_level_blocks(out)] == [None, "site_name", "theme", "extra_javascript", "nav", "plugins",
                                                        "markdown_extensions"]
    bare = S.material_config("site_name: x\n")
    assert bare.endswith("plugins:\n  - search\n")


def test_replace_section() -> None:
    doc = "# Perf\n\ntext\n"
    once = S.replace_section(doc, "## A\n\nfirst")
    assert once.startswith(doc.rstrip("\n")) and once.endswith(f"{S.START}\n## A\n\nfirst\n{S.END}\n")
    twice = S.replace_section(once, "## B")
    assert "## A" not in twice and "## B" in twice and twice.count(S.START) == 1
    # With the inner markers, only the tables change: text written around them stays.
    with_tables = S.replace_section(doc, f"## C\n\nfindings\n\n{S.TABLES_START}\nold\n{S.TABLES_END}\n\nmore")
    new = S.replace_section(with_tables, f"## ignored\n\n{S.TABLES_START}\nnew\n{S.TABLES_END}")
    assert "findings" in new and "more" in new and "new" in new and "old" not in new and "ignored" not in new


def test_compressible_and_served_size() -> None:
    for name in ("a.html", "b.json", "c.js", "pagefind.zh_1.pf_meta", "x.pf_fragment", "wasm.zh.pagefind", "e.wasm"):
        assert S.compressible(name), name
    assert not S.compressible("favicon.png")
    text = ("三公经费" * 500).encode()
    assert S.served_size("a.json", text) < len(text)
    already = S.gzip6(text)
    assert S.served_size("x.pf_index", already) == len(already)  # never larger than the file
    assert S.served_size("a.png", text) == len(text)


def test_folder_stats(tmp_path: Path) -> None:
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "a.json").write_text("{}" * 1000)
    (tmp_path / "m.json").write_text("x")
    (tmp_path / "index.html").write_text("page")
    st = S.folder_stats(tmp_path, skip=lambda p: p.suffix == ".html")
    assert st["files"] == 2 and st["raw"] == 2001
    assert st["parts"]["s/"]["files"] == 1 and st["parts"]["(top)"]["raw"] == 1
    assert st["gzip"] < st["raw"]
    assert S.folder_stats(tmp_path / "missing")["files"] == 0


def test_classify_search_requests() -> None:
    for path in ("/search/search_index.json", "/search/s/0a.json", "/assets/search.js",
                 "/assets/javascripts/workers/search.a7633da7.min.js", "/pagefind/pagefind.js",
                 "/pagefind/fragment/zh_1.pf_fragment", "/assets/javascripts/lunr/min/lunr.zh.min.js"):
        assert S.classify(path), path
    for path in ("/search/", "/a/b/2021/budget/", "/assets/javascripts/bundle.min.js", "/pagefind-probe.html"):
        assert not S.classify(path), path


def test_count_until_and_spread() -> None:
    sent = [S.Sent("/a/", 100, 90, True, 1.0), S.Sent("/search/m.json", 50, 40, True, 2.0),
            S.Sent("/search/s/1.json", 30, 20, True, 3.5)]
    assert S.count_until(sent, 3000.0) == (50, 150, 1, 2)
    assert S.count_until(sent, None) == (80, 180, 2, 3)
    assert S.spread([3, None, 1, 2]) == {"min": 1, "median": 2, "max": 3}
    assert S.spread([None]) is None


def test_shows_queries_and_section(tmp_path: Path) -> None:
    """The per-query benchmark draws its queries from an index and keeps its section between its markers."""
    import search_shows as S

    from pubgen.derive import derive
    from pubgen.load import load
    from pubgen.render import render
    from pubgen.search import index

    content = load(S.REPO / "content")
    site = derive(content)
    render(site, S.REPO / "templates", tmp_path / "docs", [])
    index(site, tmp_path / "docs", tmp_path / "search")
    asked = S.queries(tmp_path / "search")
    kinds = {k for k, _ in asked}
    assert {"word", "term", "department", "typo", "boilerplate"} <= kinds
    assert any(k == "typo" and q.endswith("去") for k, q in asked) and ("boilerplate", "Excel") in asked

    doc = tmp_path / "performance.md"
    doc.write_text("# Performance\n\n## Other\n\ntext\n", encoding="utf-8")
    S.write_doc(doc, "## Search that shows\n\nfirst")
    S.write_doc(doc, "## Search that shows\n\nsecond")
    text = doc.read_text(encoding="utf-8")
    assert text.count(S.SHOWS_START) == 1 and "second" in text and "first" not in text and "## Other\n\ntext" in text
