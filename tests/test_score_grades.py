"""A grade typed as the form prints it, quotes and all (评价等级为“优”)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_scores_rounding import SCORE_TABLE, found


@pytest.mark.parametrize(("grade", "expected"), [("“优”", []), ("\"优秀\"", []), ("“良”", ["grade-mismatch"]), ("“A”", ["unknown-grade"])])
def test_a_grade_copied_with_its_quotes_is_read(tmp_path: Path, grade: str, expected: list[str]) -> None:
    """评价等级为“优”: the quotes copied with the grade do not make it unknown; a wrong grade in quotes is still wrong."""
    body = SCORE_TABLE.format(total="95.55") + f"  grade: '{grade}'\n"
    assert [c for c, _, _, _ in found(tmp_path, body, "", "self-evaluation")] == expected
