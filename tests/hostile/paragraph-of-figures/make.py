"""Paragraphs of a megabyte that relate every figure to every other: figures without a pause, comparisons in one sentence, link brackets never closed.

Reading a paragraph relates its figures to each other; before paragraphs were read in
bounded parts, the first of these took 7 GB at a third of its size and the second minutes,
the unclosed ``](`` made building the search text and glossary tooltips quadratic, and
“主要原因是” before 300,000 spaces took the template-residue search hours.
"""

from __future__ import annotations

from pathlib import Path


def make(project: Path, outside: Path) -> None:
    figures = "1万元" * 200000
    compared = "本年支出合计100万元，比上年增加1万元，增长1.01%，" * 20000
    brackets = "见[附件](" * 100000
    spaced = "主要原因是" + "\u3000" * 300000 + "人员增加。"
    text = (
        "department: hebei/xingtai/pingxiang/xinfangju\nyear: 2030\nkind: budget\ntitle: 平乡县信访局2030年部门预算\n"
        "body:\n"
        f'  - type: text\n    text: "{figures}。"\n'
        f'  - type: text\n    text: "{compared}。"\n'
        f'  - type: text\n    text: "{brackets}基本支出END-OF-BRACKETS"\n'
        f'  - type: text\n    text: "{spaced}"\n'
    )
    (project / "content/documents/hebei/xingtai/pingxiang/xinfangju/2030-budget.yml").write_text(text, encoding="utf-8")
    glossary = project / "content/glossary.yml"
    said = glossary.read_text(encoding="utf-8")
    start = said.index("  - term: 基本支出")
    line_end = said.index("\n", said.index("definition:", start))
    glossary.write_text(said[:line_end] + "见[附件](" * 50000 + said[line_end:], encoding="utf-8")
