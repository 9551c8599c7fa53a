"""pubgen's search index: tokens, what the index holds, and that it is the same on every build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pubgen.derive import derive
from pubgen.load import load
from pubgen.render import render
from pubgen.search import fnv1a, index, names, normalize, tokens
from pubgen.validate import validate

from .conftest import ROOT

BUDGET_URL = "hebei/xingtai/pingxiang/xinfangju/2021/budget/"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("三公经费", ["三公", "公经", "经费"]),
        ("县", ["县"]),
        ("预算 决算", ["预算", "决算"]),
        ("支出２１５９．０２２４１６万元", ["支出", "2159.022416", "2159", "万元"]),
        ("合计1,234,567.5", ["合计", "1234567.5", "1234567"]),
        ("1,23,4", ["1", "23", "4"]),
        ("ＰＰＰ项目", ["ppp", "项目"]),
        ("96.19%", ["96.19", "96"]),
        ("<script>alert(1)</script>", ["script", "alert", "1", "script"]),
        # Quotation marks between Chinese characters are not read: as printed, “三公”经费预算 holds 公经 and 费预.
        ("“三公”经费预算数", ["三公", "公经", "经费", "费预", "预算", "算数"]),
        ("2024年‘三公’经费", ["2024", "年三", "三公", "公经", "经费"]),
        ("“三公” 经费", ["三公", "经费"]),
        ('"a"b', ["a", "b"]),
    ],
)
def test_tokens(text: str, expected: list[str]) -> None:
    assert list(tokens(normalize(text))) == expected


def test_fnv1a_matches_the_published_test_vectors() -> None:
    # FNV-1a 32-bit reference values (http://www.isthe.com/chongo/tech/comp/fnv/).
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C
    assert fnv1a("foobar") == 0xBF9CF968


def test_names_are_kept_without_quotes_and_short_ones_dropped() -> None:
    # The text is read without the quotation marks between its characters: “三公”经费 is found as 三公经费.
    assert names(["“三公”经费", "三公", "机关运行经费", "《预算法》"]) == ["机关运行经费", "三公经费", "预算法"]


@pytest.fixture(scope="module")
def built_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    content = load(ROOT / "content")
    report = validate(content)
    site = derive(content)
    docs = tmp_path_factory.mktemp("docs") / "docs"
    render(site, ROOT / "templates", docs, report.problems)
    out = tmp_path_factory.mktemp("search") / "search"
    index(site, docs, out)
    return out, (site, docs)


def lookup(folder: Path, token: str) -> dict[int, int]:
    """A token's postings as the browser reads them: document number → weight."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    shard = json.loads((folder / "s" / f"{fnv1a(token) % manifest['shards']}.json").read_text(encoding="utf-8"))
    flat = shard.get(token, [])
    found, doc = {}, 0
    for i in range(0, len(flat), 2):
        doc += flat[i]
        found[doc] = flat[i + 1]
    return found


def titles(folder: Path) -> list[list[str]]:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    rows: list[list[str]] = []
    for chunk in range((manifest["documents"] + manifest["chunk"] - 1) // manifest["chunk"]):
        rows += json.loads((folder / "t" / f"{chunk}.json").read_text(encoding="utf-8"))
    return rows


def test_manifest_describes_every_document(built_index: tuple[Path, object]) -> None:
    folder, _ = built_index
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    rows = titles(folder)
    content = load(ROOT / "content")
    assert manifest["documents"] == len(rows) == len(content.documents)
    assert {url for _, url in rows} >= {
        BUDGET_URL,
        "hebei/shijiazhuang/xinfangju/2021/self-evaluation/",
        "guangdong/guangzhou/huadu/xinfangju/2021/self-evaluation/",
    }
    assert sorted(d[0] for d in manifest["departments"]) == sorted(d.record.name for d in content.departments.values())
    assert len(manifest["codes"]) == len(content.documents)
    assert {g[0] for g in manifest["glossary"]} >= {"三公经费"}


def test_every_document_is_found_by_every_word_of_its_title(built_index: tuple[Path, object]) -> None:
    folder, _ = built_index
    for no, (title, _) in enumerate(titles(folder)):
        for token in set(tokens(normalize(title))):
            weight = lookup(folder, token).get(no)
            assert weight is not None and weight >= 100, f"{title}: {token} has no title weight"


def test_a_glossary_term_is_indexed_whole_only_where_it_is_printed(built_index: tuple[Path, object]) -> None:
    folder, (site, docs) = built_index
    rows = titles(folder)
    # Printed as 三公经费 or as “三公”经费: quotation marks do not part a word.
    printing = {
        url for _, url in rows
        if "三公经费" in normalize((docs / (url.rstrip("/") + ".md")).read_text(encoding="utf-8")).translate(str.maketrans("", "", "“”"))
    }
    found = {rows[no][1] for no in lookup(folder, "=三公经费")}
    assert found == printing and BUDGET_URL in found


def test_a_printed_figure_finds_its_document(built_index: tuple[Path, object]) -> None:
    folder, _ = built_index
    rows = titles(folder)
    budget = next(no for no, (_, url) in enumerate(rows) if url == BUDGET_URL)
    source = (ROOT / "content/documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml").read_text(encoding="utf-8")
    assert "97.92" in source
    assert budget in lookup(folder, "97.92")


def test_the_index_is_the_same_on_every_build(built_index: tuple[Path, object], tmp_path: Path) -> None:
    folder, (site, docs) = built_index
    again = tmp_path / "search"
    index(site, docs, again)  # type: ignore[arg-type]
    first = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*.json")}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*.json")}
    assert first == second


def passages(folder: Path, no: int) -> list[str]:
    return json.loads((folder / "x" / f"{no}.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("word", ["Excel", "CSV", "JSON", "xinfangju", "pingxiang", "下载本文数字", "本页固定网址"])
def test_the_site_s_boilerplate_is_not_indexed(built_index: tuple[Path, object], word: str) -> None:
    # Every document page carries the download line (CSV（可用 Excel 打开）· JSON), its permanent
    # address (a slug) and the labels of its facts; no bundled document prints these words itself.
    folder, _ = built_index
    for source in (ROOT / "content" / "documents").rglob("*.yml"):
        own = [line for line in source.read_text(encoding="utf-8").splitlines() if not line.startswith("department:")]
        assert word.lower() not in normalize("\n".join(own)), source
    found = [lookup(folder, t) for t in set(tokens(normalize(word)))]
    assert not set.intersection(*(set(f) for f in found)), word


def test_a_document_s_passages_are_its_own_words(built_index: tuple[Path, object]) -> None:
    folder, _ = built_index
    rows = titles(folder)
    budget = next(no for no, (_, url) in enumerate(rows) if url == BUDGET_URL)
    text = passages(folder, budget)
    assert text[0] == "平乡县信访局2021年部门预算信息公开情况说明"
    assert any("项目支出97.92万元" in p for p in text)
    assert "我部门无其他需要说明的事项。" in text
    joined = "\n".join(text)
    for boilerplate in ("下载本文数字", "Excel", "本页固定网址", "/hebei/", "数据说明", "未填", "本文涉及的名词"):
        assert boilerplate not in joined, boilerplate
    # The labels of the document's facts are the site's; their values are the document's.
    assert "部门" not in text and "平乡县信访局" in text


def test_parts_assemble_into_the_same_index(built_index: tuple[Path, object], tmp_path: Path) -> None:
    """An index made of parts (any split of the documents, in any order) is the index made at once."""
    from pubgen.search import index_part, search_order, whole_names, write

    folder, (site, docs) = built_index
    pages = list(site.documents)  # type: ignore[attr-defined]
    whole = whole_names(site)  # type: ignore[arg-type]
    first = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*.json")}
    half = len(pages) // 2
    ordered = sorted(pages, key=search_order)  # type: ignore[arg-type]
    splits = {
        "interleaved": [pages[1::2], pages[::2][::-1]],
        # Consecutive documents in site order (joined as they are) beside a part that must be renumbered.
        "consecutive and reversed": [pages[half:][::-1], pages[:half]],
        # Runs of documents consecutive in the index's order, as departments' parts are: stitched one after another.
        "consecutive runs": [ordered[half:], ordered[: half // 2], ordered[half // 2 : half]],
    }
    for name, split in splits.items():
        assembled = tmp_path / name
        write(site, [index_part(chosen, docs, whole) for chosen in split], assembled)  # type: ignore[arg-type]
        second = {p.relative_to(assembled): p.read_bytes() for p in assembled.rglob("*.json")}
        assert first.keys() == second.keys(), name
        assert [k for k in first if first[k] != second[k]] == [], name


def test_a_join_too_large_to_hold_writes_the_same_index(built_index: tuple[Path, object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past its limits the join moves postings and passages to scratch files: same files, and no scratch left behind."""
    import pubgen.search as search

    folder, (site, docs) = built_index
    pages = list(site.documents)  # type: ignore[attr-defined]
    whole = search.whole_names(site)  # type: ignore[arg-type]
    first = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    # Every part goes to the scratch files as soon as it is read; a mixed split renumbers some of them.
    monkeypatch.setattr(search, "SPILL_RECORDS", 0)
    monkeypatch.setattr(search, "SPILL_BYTES", 0)
    for name, split in {"one part each": [[p] for p in pages], "interleaved": [pages[1::2], pages[::2][::-1]]}.items():
        assembled = tmp_path / name
        written = search.write(site, (search.index_part(chosen, docs, whole) for chosen in split), assembled)  # type: ignore[arg-type]
        second = {p.relative_to(assembled): p.read_bytes() for p in assembled.rglob("*") if p.is_file()}
        assert first.keys() == second.keys(), name
        assert [k for k in first if first[k] != second[k]] == [], name
        assert written.documents == len(pages)
        assert sorted(p.name for p in assembled.iterdir()) == ["manifest.json", "s", "t", "v.json", "x"]


def test_suggestions_hold_the_site_s_terms_and_their_sounds(built_index: tuple[Path, object]) -> None:
    folder, _ = built_index
    v = json.loads((folder / "v.json").read_text(encoding="utf-8"))
    kinds = {term: kind for term, _, kind in v["terms"]}
    assert kinds["三公经费"] == "g" and kinds["花都区"] == "r" and kinds["平乡县信访局"] == "d"
    assert kinds.get("一般公共预算收入") == "w"  # a row name the documents print
    sounds = v["pinyin"]
    # The typos a reader makes by sound: 三工 for 三公, 花都去 for 花都区.
    assert "公" in sounds["gong"] and "工" in sounds["gong"]
    assert "区" in sounds["qu"] and "去" in sounds["qu"]


def test_a_subject_code_printed_in_three_columns_is_found_by_the_whole_code(built_index: tuple[Path, object]) -> None:
    """The Shanghai tables print 行政运行 as 201 | 03 | 01 and 办公费 as 302 | 01: a reader searches 2010301, 30201."""
    folder, (site, docs) = built_index
    rows = titles(folder)
    budget = next(no for no, (_, url) in enumerate(rows) if url == "shanghai/putuo/zhengfu-bangongshi/2025/budget/")
    accounts = next(no for no, (_, url) in enumerate(rows) if url == "shanghai/putuo/caizhengju/2024/final-accounts/")
    page = (docs / "shanghai/putuo/zhengfu-bangongshi/2025/budget.md").read_text(encoding="utf-8")
    assert '<td class="pg-code">201</td><td class="pg-code">03</td><td class="pg-code">01</td>' in page and "2010301" not in page
    assert budget in lookup(folder, "2010301") and budget in lookup(folder, "20103")
    assert accounts in lookup(folder, "30201") and accounts in lookup(folder, "2010601")
    # Only where a row has that code: the Hebei budget prints no 类、款、项 columns.
    assert next(no for no, (_, url) in enumerate(rows) if url == BUDGET_URL) not in lookup(folder, "2010301")


def browser_finds(folder: Path, query: str) -> set[int]:
    """The documents the browser finds for a one-word query read as typed: its name whole, or every token."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    whole = set(manifest["whole"]) | set(names(d[0] for d in manifest["departments"]))
    word = normalize(query)
    wanted = ["=" + word] if word in whole else sorted(set(tokens(word)))
    return set.intersection(*(set(lookup(folder, t)) for t in wanted))


def test_every_word_suggested_finds_the_documents_it_is_counted_in(built_index: tuple[Path, object]) -> None:
    """A query that finds nothing is offered the documents' row names and headings (v.json), quotation marks
    left out: “三公”经费预算数 is offered as 三公经费预算数. Searched, each finds the documents that print it;
    with the quotation marks kept in the index, the six 三公 words were dead ends."""
    folder, _ = built_index
    v = json.loads((folder / "v.json").read_text(encoding="utf-8"))
    counted = [(term, count) for term, count, kind in v["terms"] if kind == "w" and count]
    assert "三公经费预算数" in {t for t, _ in counted}
    dead = [term for term, count in counted if len(browser_finds(folder, term)) < count]
    assert dead == []


def test_the_site_s_notes_come_after_the_document_s_own_passages(built_index: tuple[Path, object]) -> None:
    """The 核对说明 (“正文中…写作 0.3 万元，而…”) are the site's words about the document: indexed, so a reader
    finds them, but after the document's passages and an empty string, so that an excerpt prefers the document's."""
    folder, _ = built_index
    rows = titles(folder)
    no = next(no for no, (_, url) in enumerate(rows) if url == "shanghai/putuo/caizhengju/2024/final-accounts/")
    text = passages(folder, no)
    assert "" in text
    own, notes = text[: text.index("")], text[text.index("") + 1 :]
    assert any("财政拨款收入2940.05万元" in p for p in own)
    assert any("写作 0.3 万元" in p for p in notes) and not any("写作 0.3 万元" in p for p in own)
    assert not any(p.startswith("核对原文") for p in own)
    # Still found: the note's words are indexed.
    assert no in browser_finds(folder, "四舍五入")
