"""Validation problems as data: one record per problem, gathered in a report."""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Iterable

from .escape import log_text, workflow_command


class Severity(str, enum.Enum):
    """How bad a problem is: errors stop publication, warnings and notices do not."""

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"
    """Differences the rounding policy explains: shown, never blocking, never needing acknowledgement."""


LEVEL_NAMES = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.NOTICE: "提示"}
"""How each severity is named for editors."""


@dataclass(slots=True, frozen=True)
class Problem:
    """One thing wrong with the content, with its place."""

    code: str
    """Stable kebab-case identifier, e.g. ``sum-mismatch``."""
    message: str
    """What is wrong, in the site's language, naming the field by its printed label."""
    file: str
    """Path of the source file, relative to the content folder's parent."""
    line: int = 0
    """1-based line, 0 when the whole file is meant."""
    column: int = 0
    """1-based column, 0 when unknown."""
    severity: Severity = Severity.ERROR
    """Error or warning."""
    field: str = ""
    """Dotted path of the field inside the file, e.g. ``body.3.rows.2.values.1``."""
    stated: str | None = None
    """The figure as printed, when a figure is involved."""
    computed: str | None = None
    """The figure the rule expects, when a figure is involved."""
    acknowledged: str | None = None
    """The publisher's reason, when the source acknowledges this problem."""

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)

    def to_dict(self) -> dict[str, object]:
        # Every field is text, a number or None: no deep copy (dataclasses.asdict) is needed.
        data: dict[str, object] = {f.name: getattr(self, f.name) for f in _FIELDS}
        data["severity"] = self.severity.value
        return data


_FIELDS = fields(Problem)


@dataclass(slots=True)
class Report:
    """Every problem found in one run."""

    problems: list[Problem] = field(default_factory=list)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def notices(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.NOTICE]

    @property
    def ok(self) -> bool:
        return not self.errors

    def ok_strict(self) -> bool:
        """No errors and no warnings but acknowledged ones: notices and reviewed, explained differences never fail a check."""
        return not self.errors and all(p.acknowledged for p in self.warnings)

    def sorted(self) -> list[Problem]:
        return sorted(self.problems, key=Problem.sort_key)

    def to_json(self) -> str:
        return json.dumps(
            {
                "ok": self.ok,
                "errors": len(self.errors),
                "warnings": len(self.warnings),
                "notices": len(self.notices),
                "problems": [p.to_dict() for p in self.sorted()],
            },
            ensure_ascii=False,
            indent=2,
        )

    def to_text(self) -> str:
        """Group problems by file, in words an editor reads."""
        lines: list[str] = []
        current = None
        for p in self.sorted():
            if p.file != current:
                if current is not None:
                    lines.append("")
                lines.append(log_text(p.file))
                current = p.file
            place = f"第 {p.line} 行" if p.line else "整个文件"
            if p.line and p.column:
                place += f"第 {p.column} 列"
            level = LEVEL_NAMES[p.severity]
            # Each part one line of a terminal or CI log: a value with a line break cannot start a line of its own (“::error::”).
            text = f"  {place}  {level} [{p.code}] {log_text(p.message)}"
            if p.field:
                figures = ""
                if p.stated is not None or p.computed is not None:
                    figures = f"，原文 {p.stated if p.stated is not None else '—'}，计算 {p.computed if p.computed is not None else '—'}"
                text += f"\n      字段：{log_text(p.field + figures)}"
            if p.acknowledged:
                text += f"\n      已确认：{log_text(p.acknowledged)}"
            lines.append(text)
        lines.append("")
        summary = f"共 {len(self.errors)} 个错误，{len(self.warnings)} 个警告"
        confirmed = sum(1 for p in self.warnings if p.acknowledged)
        if confirmed:
            # Warnings the publisher has already confirmed (acknowledgements) need no second look: say how many.
            summary += f"（其中 {confirmed} 个是已确认的差异）"
        if self.notices:
            summary += f"，{len(self.notices)} 个提示（四舍五入等造成的差异，不影响发布）"
        lines.append(summary + "。")
        return "\n".join(lines)

    def for_build(self) -> str:
        """What a build tells the editor: new problems in full; acknowledged ones, already explained to readers, counted."""
        new = Report([p for p in self.problems if not p.acknowledged])
        acknowledged = len(self.problems) - len(new.problems)
        out = new.to_text() + "\n" if new.problems else ""
        if acknowledged:
            out += (
                f"另有 {acknowledged} 处数字与核算结果不一致，发布单位已确认原因（acknowledgements），"
                "按原文发布并在页面上向读者说明；逐条查看请运行 pubgen check。\n"
            )
        return out

    def to_github(self) -> str:
        """Render problems as GitHub Actions workflow annotations, one line each, whatever a file is called."""
        out = []
        for p in self.sorted():
            kind = p.severity.value
            # The code goes last: the runner trims the end of the properties, and a code has no spaces.
            properties = {"file": p.file, "line": p.line or "", "col": p.column or "", "title": p.code}
            out.append(workflow_command(kind, properties, p.message))
        return "\n".join(out)


def relpath(path: Path, root: Path) -> str:
    """Name a file the way an editor sees it in the repository."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
