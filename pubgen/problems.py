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

    def sort_key(self) -> tuple[bool, str, int, int, str]:
        # site.yml, regions.yml and glossary.yml first: a mistake in them is reported again in the files that rely on
        # them (a duplicate key in regions.yml as an unknown region in every department), and is the one to fix first.
        return ("/" in self.file.partition("/")[2], self.file, self.line, self.column, self.code)

    def field_and_figures(self) -> str:
        """“three-public.total.budget，原文 1.4，计算 0”: what an editor copies into an acknowledgement."""
        if self.stated is None and self.computed is None:
            return self.field
        stated = self.stated if self.stated is not None else "—"
        computed = self.computed if self.computed is not None else "—"
        return f"{self.field}，原文 {stated}，计算 {computed}"

    def to_dict(self) -> dict[str, object]:
        # Every field is text, a number or None: no deep copy (dataclasses.asdict) is needed.
        data: dict[str, object] = {f.name: getattr(self, f.name) for f in _FIELDS}
        data["severity"] = self.severity.value
        return data


_FIELDS = fields(Problem)

UNREAD_CODES = frozenset(
    {
        # files: the file could not be read as YAML
        "yaml-syntax", "encoding", "empty-file", "file-too-large", "unreadable-file", "control-character", "duplicate-key",
        "yaml-alias", "too-deep", "multiple-documents", "not-a-mapping", "missing-file", "missing-content",
        "link-outside-content", "symbolic-link", "not-a-file", "unsafe-path",
        # fields: read, but refused by the content format, so not checked further
        "unknown-field", "missing-field", "wrong-type", "invalid-value", "unknown-kind", "unknown-block", "invalid-year",
        "invalid-date", "invalid-code", "unknown-role",
    }
)
"""Error codes that always mean a file could not be read, so that none of its other checks ran. A figure refused in a
table cell (not-a-number, thousands-separator …) is not among them: the rest of the file is still checked."""


_WAITING = (
    ("", "这些文件的合计、增减率和正文数字还没有核对"),
    ("部门文件 ", "这个部门的文档中，要用到部门的检查（所属部门是否存在、网址是否冲突、名称和地区）还没有做，先改正部门文件"),
    ("地区文件 ", "各部门和名词解释所写的地区还没有核对，先改正地区文件"),
    ("设置文件 ", "先改正这个文件"),
)
"""What has not been checked while a file of each kind cannot be read (see :func:`_file_kind`)."""


def _file_kind(name: str) -> str:
    """How the closing line of a check names a content file: a document, a department file, regions.yml, or another."""
    parts = name.split("/")
    if "documents" in parts[:-1]:
        return ""
    if "departments" in parts[:-1]:
        return "部门文件 "
    if parts[-1] == "regions.yml":
        return "地区文件 "
    return "设置文件 "


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
                text += f"\n      字段：{log_text(p.field_and_figures())}"
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
        unread = self.unread()
        for kind, what_waits in _WAITING:
            files = [name for name in unread if _file_kind(name) == kind]
            if files:
                # “共 1 个错误” read as one thing left to do: a file that could not be read has had none of its checks.
                named = "、".join(log_text(name.rsplit("/", 1)[-1]) for name in files[:3]) + (f" 等 {len(files)} 个文件" if len(files) > 3 else "")
                lines.append(f"其中{kind or ' '}{named} 因以上错误未能读入：{what_waits}，改正后请再运行 pubgen check，可能还有别的问题。")
        return "\n".join(lines)

    def unread(self) -> list[str]:
        """Files an error kept from being read (a YAML or field error): none of their other checks has run."""
        return sorted({p.file for p in self.problems if p.severity is Severity.ERROR and p.code in UNREAD_CODES})

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
        """Render problems as GitHub Actions workflow annotations, one line each, whatever a file is called.

        GitHub shows only the first 10 annotations of each kind (error, warning, notice) a step makes. Differences
        the publisher has acknowledged were reviewed when the acknowledgement was merged: as annotations they would
        look like new warnings and push the new ones off the pull request, so they are listed in the step's log
        (folded, with their reasons) and counted in one notice instead. Each annotation carries the field and the
        printed and computed figures, which an editor copies into an acknowledgement.
        """
        annotated = [p for p in self.sorted() if not p.acknowledged]
        acknowledged = [p for p in self.sorted() if p.acknowledged]
        out = []
        summary = self._github_summary(annotated, acknowledged)
        if summary:
            # First, so that it is among the 10 notices GitHub shows.
            out.append(workflow_command("notice", {"title": "pubgen check"}, summary))
        for p in annotated:
            message = p.message
            if p.field:
                message += f"\n字段：{p.field_and_figures()}"
            # The code goes last: the runner trims the end of the properties, and a code has no spaces.
            properties = {"file": p.file, "line": p.line or "", "col": p.column or "", "title": p.code}
            out.append(workflow_command(p.severity.value, properties, message))
        if acknowledged:
            out.append(workflow_command("group", {}, f"已确认的差异（{len(acknowledged)} 个，发布单位已写明原因，不作标注）"))
            for p in acknowledged:
                place = f"第 {p.line} 行" if p.line else "整个文件"
                text = f"{p.file} {place} {LEVEL_NAMES[p.severity]} [{p.code}] {p.message}"
                if p.field:
                    text += f" 字段：{p.field_and_figures()}"
                out.append(log_text(f"{text} 已确认：{p.acknowledged}"))
            out.append(workflow_command("endgroup", {}, ""))
        return "\n".join(out)

    @staticmethod
    def _github_summary(annotated: list[Problem], acknowledged: list[Problem]) -> str:
        """The notice that says what the annotations leave out: acknowledged differences, and what GitHub cuts off."""
        counts = {s: sum(1 for p in annotated if p.severity is s) for s in Severity}
        if not acknowledged and all(n <= GITHUB_SHOWN for n in counts.values()):
            return ""
        # This summary is a notice too: one fewer of the problems' notices is shown.
        room = {s: GITHUB_SHOWN - (s is Severity.NOTICE) for s in Severity}
        cut = [f"{LEVEL_NAMES[s]} {counts[s]} 个" for s in Severity if counts[s] > room[s]]
        said = f"共 {counts[Severity.ERROR]} 个错误，{counts[Severity.WARNING]} 个警告，{counts[Severity.NOTICE]} 个提示"
        if acknowledged:
            said += (
                f"；另有 {len(acknowledged)} 个已确认的差异（acknowledgements）不作标注，"
                "原因见这一步日志中的“已确认的差异”"
            )
        said += "。"
        if cut:
            said += (
                f"GitHub 每一步只标注错误、警告、提示各前 {GITHUB_SHOWN} 个（含这一条），这次有{'、'.join(cut)}："
                "其余的见这一步的日志，或在本机运行 pubgen check。"
            )
        return said


GITHUB_SHOWN = 10
"""Annotations of each kind (error, warning, notice) GitHub shows for one step of a workflow."""


def relpath(path: Path, root: Path) -> str:
    """Name a file the way an editor sees it in the repository."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
