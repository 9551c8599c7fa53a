"""Text YAML would drop as a comment (“共计 #3 项” typed as printed) is reported, never cut off in silence."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_checks import codes, doc, project


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Typed as printed: from “ #3” on, YAML reads a comment and the page would end at “共计”.
        ("- type: text\n  text: 完成 1#、2# 接访楼维修，共计 #3 项；其余照常。\n", [("text-comment", 7)]),
        ("- type: heading\n  level: 2\n  text: 七、国有资产信息 #注\n", [("text-comment", 8)]),
        # Quoted, or in a block of text, # is part of the text; a comment written as one is one.
        ("- type: text\n  text: \"完成 1#、2# 接访楼维修，共计 #3 项；其余照常。\"\n", []),
        ("- type: text\n  text: |\n    完成 1#、2# 接访楼维修，共计 #3 项；其余照常。\n", []),
        ("- type: text  # 原文第 3 页\n  text: 完成接访楼维修。  # 照原文\n", []),
        # The whole value after a space and #: the field is empty on the page (a list's title), or a heading typed as
        # Markdown's was told only as 空值. A block under its field keeps the # words a comment.
        ("- type: list\n  title: #部门职责\n  items:\n    - 负责全县农业农村工作。\n", [("text-comment", 7)]),
        ("- type: heading\n  level: 2\n  text: # 三、机关运行经费安排情况\n", [("text-comment", 8)]),
        ("- type: list\n  items: #原文第 3 页\n    - 负责全县农业农村工作。\n", []),
        ("- type: list\n  items: #原文第 3 页\n  - 负责全县农业农村工作。\n", []),
    ],
)
def test_text_after_a_space_and_hash_is_reported_not_dropped(tmp_path: Path, body: str, expected: list[tuple[str, int]]) -> None:
    found = codes(project(tmp_path, doc(2024, "budget", body)))
    assert [(c[0], c[2]) for c in found if c[0] == "text-comment"] == expected
