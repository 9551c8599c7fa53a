"""A document page's own words: what is indexed and excerpted, and what of the site's is left out."""

from __future__ import annotations

from pubgen.pagetext import page_text
from pubgen.suggest import word

PAGE = """---
title: 标题
---
# 某局2024年部门预算

<div class="pg-docmeta">
<dl>
<div><dt>部门</dt><dd><a href="../">某局</a></dd></div>
<div><dt>联系人</dt><dd>张三（010-1234）</dd></div>
</dl>
</div>

<section class="pg-keys" aria-label="关键数字"><ul><li><span class="pg-key__label">收入合计</span>100</li></ul></section>

<p class="pg-download">下载本文数字：<a href="figures.csv" download>CSV（可用 Excel 打开）</a></p>

## 一、“三公”经费

<div class="pg-text">
<p>财政拨款<span class="pg-term-wrap"><a href="#x" class="pg-term">“三公”经费</a><span class="pg-tip" role="tooltip">定义<span>嵌套</span>文字</span></span>1.4万元。</p>
<p>&lt;script&gt;alert(1)&lt;/script&gt; 照录</p>
</div>

<table class="pg-table"><caption><span class="pg-caption__title">支出表</span> <span class="pg-sr">未填</span></caption>
<tr><th scope="row">（一）基本支出</th><td class="num">231.56</td></tr>
</table>

<p class="pg-permalink">本页固定网址：<code>/hebei/mouju/2024/budget/</code></p>
"""


def test_page_text_keeps_the_document_and_leaves_the_site_s_words_out() -> None:
    read = page_text(PAGE)
    assert read.passages == [
        "某局2024年部门预算",
        "某局",
        "张三（010-1234）",
        "一、“三公”经费",
        "财政拨款“三公”经费1.4万元。",
        "<script>alert(1)</script> 照录",
        "支出表",
        "（一）基本支出 231.56",
    ]
    assert "一、“三公”经费" in read.labels and "（一）基本支出" in read.labels and "支出表" in read.labels
    assert "部门" not in read.labels


def test_suggestable_words_drop_numbering_and_punctuation() -> None:
    assert word("（一）基本支出") == "基本支出"
    assert word("一、“三公”经费") == "三公经费"
    assert word("3、项目支出：") == "项目支出"
    assert word("单位：万元") is None
    assert word("2021年预算收入") is None
    assert word("支") is None
