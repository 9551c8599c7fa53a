"""docs/编辑指南.md quotes what its commands print today, line for line.

The guide promises “文中的命令输出都是真实运行的结果”, and editors go by the
line and column it shows (“按 Ctrl+G 输入 113 跳过去”). Here each of its
exercises is data: a change to a private copy of the bundled project (or a
test case the guide names), then the ``pubgen`` command the guide runs. Every
```text block of the guide belongs to the exercise whose anchor (a phrase of the
guide above it, in the same section) comes last before it; each problem line
it quotes (``第 N 行第 M 列  错误|警告|提示 [code] …``), with the ``字段：…`` and
``已确认：…`` lines under it, and each ``共 N 个错误…`` summary must appear in
that exercise's output exactly, in the same order of lines. Exercises marked
``whole`` (the other things a command prints: ``pubgen new``'s report, the
build's refusal) hold every line of their blocks to it. A line “……” stands
for lines the guide leaves out, and “……” within a line for the words it cuts.
The lines its own words cite (“上例报的是第 113 行”) are those of the output
quoted just above them.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from pubgen.cli import main

from .conftest import ROOT

GUIDE = ROOT / "docs" / "编辑指南.md"
CASES = ROOT / "tests" / "cases"
FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
    re.M | re.S,
)
PROBLEM = re.compile(r"^\s*第 \d+ 行第 \d+ 列  (错误|警告|提示) \[[a-z0-9-]+\] ")
UNDER_A_PROBLEM = re.compile(r"^\s+(字段|已确认)：")
SUMMARY = re.compile(r"^共 \d+ 个错误")
CUT = "……"

PINGXIANG = "content/documents/hebei/xingtai/pingxiang/xinfangju"
BUDGET_2021 = f"{PINGXIANG}/2021-budget.yml"
BUDGET_2022 = f"{PINGXIANG}/2022-budget.yml"
HUADU = "content/documents/guangdong/guangzhou/huadu/xinfangju/2021-self-evaluation.yml"
CAIZHENGJU = "content/documents/shanghai/putuo/caizhengju/2024-final-accounts.yml"
SHANGWUWEI_UNIT = "content/documents/shanghai/putuo/shangwuwei/2025-budget-unit-benji.yml"
BANGONGSHI = "content/documents/shanghai/putuo/zhengfu-bangongshi/2025-budget.yml"
NEW_2022 = ("new", "budget", "--department", "hebei/xingtai/pingxiang/xinfangju", "--year", "2022")


@dataclass(frozen=True)
class Edit:
    """Replace ``old`` by ``new`` in one file of the project; ``old`` must occur exactly ``count`` times."""

    file: str
    old: str
    new: str
    count: int = 1


@dataclass(frozen=True)
class Exercise:
    name: str
    anchors: tuple[str, ...]
    """Phrases of the guide, each found once, after which come the blocks this exercise prints."""
    command: tuple[str, ...]
    """What follows ``pubgen`` (``--project`` is added), run in the project folder."""
    edits: tuple[Edit, ...] = ()
    before: tuple[tuple[str, ...], ...] = ()
    """pubgen commands run first, in the project folder (e.g. ``pubgen new``)."""
    prepare: Callable[[Path], None] | None = None
    """Changes that are not a text replacement, made after ``before`` and ``edits``."""
    case: str | None = None
    """A test case folder under tests/cases to run on, instead of the bundled project."""
    whole: bool = False
    """Every line of the blocks, not only the problem and summary lines, is what the command prints."""
    exit_code: int | None = None


def _remove_acknowledgements(file: str, code: str | None = None) -> Callable[[Path], None]:
    """The file as it was before these acknowledgements (all, or those of one code) were written.

    With none left, the ``acknowledgements:`` key goes too, with the comment line right above it.
    """

    def prepare(root: Path) -> None:
        path = root / file
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        key = lines.index("acknowledgements:\n")
        end = next(i for i in range(key + 1, len(lines)) if not lines[i].startswith(" "))
        entries: list[list[str]] = []
        for line in lines[key + 1 : end]:
            if line.startswith("  - ") or not entries:
                entries.append([])
            entries[-1].append(line)
        kept = [e for e in entries if code is not None and e[0].strip() != f"- code: {code}"]
        assert len(kept) < len(entries), f"{file} has no acknowledgement of {code}"
        if kept:
            lines[key + 1 : end] = [line for e in kept for line in e]
        else:
            first = key - 1 if lines[key - 1].startswith("#") else key
            lines[first:end] = []
        path.write_text("".join(lines), encoding="utf-8")

    return prepare


def _to_gbk(file: str) -> Callable[[Path], None]:
    def prepare(root: Path) -> None:
        path = root / file
        path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))

    return prepare


def _line_to_gbk(file: str, part: str) -> Callable[[Path], None]:
    """One line of ``file`` (the one holding ``part``) in GBK, as a paste from a GBK file leaves it; the rest UTF-8."""

    def prepare(root: Path) -> None:
        path = root / file
        rows = path.read_text(encoding="utf-8").split("\n")
        path.write_bytes(b"\n".join(r.encode("gbk" if part in r else "utf-8") for r in rows))

    return prepare


def _filled_2022(root: Path) -> None:
    """The 2022 budget filled in: the 2021 text and figures a year on, “三公” 1.5 as in the guide, unchanged from 2021."""
    text = (root / BUDGET_2021).read_text(encoding="utf-8").replace("2021", "2022").replace("2020", "2021")
    for old, new in [
        ("较2021年增加12.08万元，其中：基本支出增加12.08万元，主要是人员增加，相应增加人员经费和日常公用经费；项目支出较2021年持平。", "较2021年持平。"),
        ("values: [12.08]}", "values: [0]}"),
        ("预算安排1.4万元", "预算安排1.5万元"),
        ("公务用车购置及运维费0万元", "公务用车购置及运维费1.5万元"),
        ("公务用车运行维护费1.4万元)", "公务用车运行维护费1.5万元）"),
        ("values: [1.4]}", "values: [1.5]}"),
        # As the guide fills the paragraph: 2021's “比上年持平” is not this year's (1.4 went to 1.5).
        ("公务接待费0万元。“三公”经费比上年持平。", "公务接待费0万元。"),
        ("label: 公务用车购置及运维费, values: [0]}", "label: 公务用车购置及运维费, values: [1.5]}"),
    ]:
        assert old in text, old
        text = text.replace(old, new)
    (root / BUDGET_2022).write_text(text, encoding="utf-8")
    _remove_acknowledgements(BUDGET_2022)(root)


THREE_PUBLIC_2022_TEXT = (
    "2022年，我部门财政拨款“三公”经费预算安排1.5万元，其中：因公出国（境）费0万元；公务用车购置及运维费1.5万元"
    "（其中：公务用车购置费0万元，公务用车运行维护费1.5万元）；公务接待费0万元。"
)


def _three_public_2022(root: Path) -> None:
    """Step 3 of section 二: the “三公” paragraph and its table of the scaffold filled in as the guide shows."""
    path = root / BUDGET_2022
    text = path.read_text(encoding="utf-8")
    head, sep, tail = text.partition("  # 财政拨款“三公”经费预算")
    assert sep, "the scaffold has no “三公” table"
    placeholder = "（待填：请照原文录入这一段正文。下表据正文整理，表中每个数字都应在这段正文中出现。）"
    at = head.rindex(placeholder)
    head = head[:at] + THREE_PUBLIC_2022_TEXT + head[at + len(placeholder) :]
    table, rest = tail.split("\n\n", 1)
    for value in ["1.5", "0", "1.5", "0", "1.5", "0"]:
        table = table.replace("values: [待填]", f"values: [{value}]", 1)
    assert "values: [待填]" not in table
    path.write_text(head + sep + table + "\n\n" + rest, encoding="utf-8")


EXERCISES = [
    Exercise("pubgen --version", ("装好后核对一下：",), ("--version",), whole=True),
    Exercise("pubgen check --help", ("每个命令做什么、有哪些选项",), ("check", "--help"), whole=True),
    Exercise("pubgen schema", ("第一步，在项目文件夹里运行：",), ("schema",), whole=True),
    Exercise("pubgen new", ("### 第 1 步：生成文件",), NEW_2022, whole=True),
    Exercise(
        "pubgen new with a department code three departments share",
        ("只写 `xinfangju` 不行，因为有三个信访局",),
        ("new", "budget", "--department", "xinfangju", "--year", "2022"),
        whole=True,
        exit_code=1,
    ),
    Exercise(
        "pubgen new on a document that exists",
        ("`pubgen new` **从不覆盖**已有的文件",),
        ("new", "budget", "--department", "hebei/xingtai/pingxiang/xinfangju", "--year", "2021"),
        whole=True,
        exit_code=1,
    ),
    Exercise(
        "the scaffolded 2022 budget",
        ("刚生成时，每个没填的地方都报一条", "每个 `待填` 报一条 `figure-to-fill`", "每处 `（待填：……）` 报一条 `text-to-fill`"),
        ("check", BUDGET_2022),
        before=(NEW_2022,),
    ),
    Exercise(
        "the scaffold with its “三公” paragraph and table filled in",
        ("填好“三公”经费那一段和那张表",),
        ("check", BUDGET_2022),
        before=(NEW_2022,),
        prepare=_three_public_2022,
    ),
    Exercise("the 2022 budget filled in", ("全部填完后",), ("check", BUDGET_2022), prepare=_filled_2022),
    Exercise(
        "人员经费 219.7 typed as 291.7",
        ("把 2021 年文档里的“人员经费”从 `219.7` 误录成 `291.7`",),
        ("check", BUDGET_2021),
        edits=(Edit(BUDGET_2021, "label: 人员经费, values: [219.7]}", "label: 人员经费, values: [291.7]}"),),
    ),
    Exercise(
        "机关运行经费 11.86 typed as 11.68 in the table",
        ("把“机关运行经费安排情况”表中的 `11.86` 误录成 `11.68`",),
        ("check", BUDGET_2021),
        edits=(Edit(BUDGET_2021, "label: 机关运行经费, values: [11.86]}", "label: 机关运行经费, values: [11.68]}"),),
    ),
    Exercise(
        "title typed as titel",
        ("把资产表的 `title` 误打成 `titel`",),
        ("check", BUDGET_2021),
        edits=(Edit(BUDGET_2021, "    title: 部门固定资产占用情况表", "    titel: 部门固定资产占用情况表"),),
    ),
    Exercise(
        "row_header typed as row_heder",
        ("把 `row_header` 误打成 `row_heder`",),
        ("check", BUDGET_2021),
        edits=(Edit(BUDGET_2021, "    row_header: 项目\n", "    row_heder: 项目\n"),),
    ),
    Exercise(
        "a Tab before level: 2 of 七、国有资产信息",
        ("把 `level: 2` 前面的空格换成了一个 Tab",),
        ("check", BUDGET_2021),
        edits=(Edit(BUDGET_2021, "    level: 2\n    text: 七、国有资产信息", "\tlevel: 2\n    text: 七、国有资产信息"),),
    ),
    Exercise(
        "329.48 typed in full-width digits",
        ("把 `329.48` 用中文输入法打成了 `３２９．４８`",),
        ("check", BUDGET_2021),
        edits=(Edit(BUDGET_2021, "label: 部门支出预算, values: [329.48]}", "label: 部门支出预算, values: [３２９．４８]}"),),
    ),
    Exercise(
        "1,391.03 in the 花都 self-evaluation, one cell a line",
        ("这里用的是每格一行的写法",),
        ("check", HUADU),
        edits=(
            Edit(
                HUADU,
                "      - {id: total, label: 本年度支出, values: [1391.03]}\n",
                "      - id: total\n        label: 本年度支出\n        values:\n          - 1,391.03\n",
            ),
        ),
    ),
    Exercise(
        "1,391.03 in the 花都 self-evaluation, in brackets",
        ("如果写在方括号里，如 `values: [1,391.03]`",),
        ("check", HUADU),
        edits=(Edit(HUADU, "label: 本年度支出, values: [1391.03]}", "label: 本年度支出, values: [1,391.03]}"),),
    ),
    Exercise(
        "4、其他固定资产 without its “——”",
        ("“4、其他固定资产”一行漏写了“——”",),
        ("check", BUDGET_2021),
        edits=(Edit(BUDGET_2021, 'label: 4、其他固定资产, values: ["——", 36.08]}', "label: 4、其他固定资产, values: [36.08]}"),),
    ),
    Exercise(
        "the 财政局 2024 final accounts case as typed from the original",
        ("普陀区财政局2024年度部门决算照原文录入后的结果",),
        ("check",),
        case="narrative-caizhengju-2024-final-accounts",
    ),
    Exercise(
        "the 2021 budget without its two acknowledgements",
        ("第 1 步：照原文录入后运行检查",),
        ("check", BUDGET_2021),
        prepare=_remove_acknowledgements(BUDGET_2021),
    ),
    Exercise(
        "the same in JSON",
        ("想看得更清楚，可以用 JSON 格式输出",),
        ("check", "--format", "json", BUDGET_2021),
        prepare=_remove_acknowledgements(BUDGET_2021),
        whole=True,
    ),
    Exercise("the 2021 budget as bundled", ("第 3 步：再检查",), ("check", BUDGET_2021)),
    Exercise(
        "“三公” 1.4 changed to 1.5",
        ("把“三公”经费合计从 `1.4` 改成 `1.5` 试试",),
        ("check", BUDGET_2021),
        edits=(Edit(BUDGET_2021, "label: “三公”经费, values: [1.4]}", "label: “三公”经费, values: [1.5]}"),),
    ),
    Exercise(
        "pubgen build refuses a Tab",
        ("有错误时不会生成，已有的 `site/` 保持原样",),
        ("build",),
        edits=(Edit(BUDGET_2021, "    level: 2\n    text: 七、国有资产信息", "\tlevel: 2\n    text: 七、国有资产信息"),),
        whole=True,
        exit_code=1,
    ),
    Exercise(
        "a misspelt key of labels",
        ("写错了会报 `unknown-field`，并提示正确的写法",),
        ("check",),
        case="labels-unknown-key",
    ),
    Exercise(
        "indicator totals that do not add up",
        ("来自测试用例 `tests/cases/indicator-totals-wrong`",),
        ("check",),
        case="indicator-totals-wrong",
    ),
    Exercise(
        "商务委 unit budget 171.01 typed as 117.01",
        ("把单位预算“三公”经费表的机关运行经费 171.01 误录为 117.01",),
        ("check", SHANGWUWEI_UNIT),
        edits=(Edit(SHANGWUWEI_UNIT, "values: [1.00, ~, 1.00, ~, ~, ~, 171.01]}", "values: [1.00, ~, 1.00, ~, ~, ~, 117.01]}"),),
    ),
    Exercise(
        "办公室 4213779.28 typed as 4213797.28 in the 财务收支预算总表",
        ("“社会保障和就业支出” 4213779.28 误录为 4213797.28",),
        ("check", BANGONGSHI),
        edits=(
            Edit(
                BANGONGSHI,
                "          - {label: 二、社会保障和就业支出, values: [4213779.28]}",
                "          - {label: 二、社会保障和就业支出, values: [4213797.28]}",
            ),
        ),
    ),
    Exercise(
        "the 财政局 2024 final accounts without their acknowledgements",
        ("普陀区财政局2024年度部门决算（万元）的真实结果",),
        ("check", CAIZHENGJU),
        prepare=_remove_acknowledgements(CAIZHENGJU, "rounding-difference"),
    ),
    Exercise(
        "the 2021 budget saved as GBK",
        ("文件被存成了 GBK 编码",),
        ("check", BUDGET_2021),
        prepare=_to_gbk(BUDGET_2021),
    ),
    Exercise(
        "one line of the 2021 budget pasted from a GBK file",
        ("只有一行是从 GBK 编码的文件里复制粘贴来的",),
        ("check", BUDGET_2021),
        prepare=_line_to_gbk(BUDGET_2021, "部门职责："),
    ),
    Exercise(
        "329.48%",
        ("在“预算数”一格里误写了 `329.48%` 的结果",),
        ("check", BUDGET_2021),
        edits=(Edit(BUDGET_2021, "label: 部门支出预算, values: [329.48]}", 'label: 部门支出预算, values: ["329.48%"]}'),),
    ),
]


@dataclass
class Block:
    line: int
    """Line of the guide where the block's body starts."""
    lines: list[str]
    exercise: Exercise | None = None
    problem: str = ""
    """Why no exercise could be found for the block."""
    checked: list[list[str]] = field(default_factory=list)
    """Runs of consecutive lines that must appear, in this order, in the output."""


def _quoted(lines: list[str], whole: bool) -> list[list[str]]:
    """What of a block's lines is compared: runs that must be consecutive in the output."""
    runs: list[list[str]] = []
    for line in lines:
        if line.strip() in {CUT, ""}:
            if whole and runs and runs[-1]:
                runs.append([])
            continue
        if whole:
            if not runs:
                runs.append([])
            runs[-1].append(line)
        elif PROBLEM.match(line):
            runs.append([line])
        elif UNDER_A_PROBLEM.match(line) and runs and PROBLEM.match(runs[-1][0]):
            runs[-1].append(line)
        elif SUMMARY.match(line):
            runs.append([line])
    return [run for run in runs if run]


def guide_blocks(text: str) -> list[Block]:
    """The ```text blocks of the guide that quote command output, each with its exercise."""
    anchors: list[tuple[int, Exercise]] = []
    for exercise in EXERCISES:
        for anchor in exercise.anchors:
            count = text.count(anchor)
            assert count == 1, f"{exercise.name}: the anchor {anchor!r} is in the guide {count} times, not once"
            anchors.append((text.index(anchor), exercise))
    anchors.sort(key=lambda a: a[0])
    fences = list(FENCE.finditer(text))
    headings = [
        h.start()
        for h in re.finditer(r"^#{1,6} ", text, re.M)
        if not any(f.start() <= h.start() < f.end() for f in fences)  # a YAML comment is no heading
    ]
    owned: set[int] = set()
    found = []
    for m in fences:
        if m["lang"] != "text":
            continue
        indent = m["indent"]
        lines = [line[len(indent) :] if line.startswith(indent) else line for line in m["body"].splitlines()]
        block = Block(text.count("\n", 0, m.start("body")) + 1, lines)
        before = [(at, ex) for at, ex in anchors if at < m.start()]
        if before:
            at, exercise = before[-1]
            own_line = text.rfind("\n", 0, at) + 1  # an anchor may be the heading itself
            if any(own_line < h < m.start() for h in headings):
                block.problem = "a heading lies between the last exercise's anchor and the block"
            elif exercise.whole and at in owned:
                block.problem = "the exercise prints only the block right after its anchor"
            else:
                block.exercise = exercise
                owned.add(at)
        else:
            block.problem = "no exercise's anchor comes before it"
        block.checked = _quoted(lines, block.exercise.whole if block.exercise else False)
        found.append(block)
    return found


BLOCKS = guide_blocks(GUIDE.read_text(encoding="utf-8"))


def _pattern(quoted: str) -> re.Pattern[str]:
    """A quoted line; “……” in it stands for what the guide left out (or for “……” printed as such)."""
    return re.compile(".*".join(map(re.escape, quoted.rstrip().split(CUT))))


def missing(runs: list[list[str]], output: str) -> list[str]:
    """The quoted runs of lines not printed as quoted: each run consecutive, the runs in the guide's order."""
    printed = [line.rstrip() for line in output.splitlines()]
    gone = []
    start = 0
    for run in runs:
        want = [_pattern(line) for line in run]
        at = next(
            (
                i
                for i in range(start, len(printed) - len(want) + 1)
                if all(p.fullmatch(line) for p, line in zip(want, printed[i : i + len(want)]))
            ),
            None,
        )
        if at is None:
            gone.append("\n".join(run))
        else:
            start = at + len(want)
    return gone


def run(exercise: Exercise, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    root = tmp_path / "项目文件夹"
    if exercise.case:
        shutil.copytree(CASES / exercise.case, root)
    else:
        root.mkdir()
        shutil.copytree(ROOT / "content", root / "content")
    (root / "templates").symlink_to(ROOT / "templates", target_is_directory=True)
    (root / "mkdocs.yml").symlink_to(ROOT / "mkdocs.yml")
    monkeypatch.chdir(root)
    runner = CliRunner()
    for first in exercise.before:
        result = runner.invoke(main, [*first, "--project", "."], prog_name="pubgen")
        assert result.exit_code == 0, result.output
    for edit in exercise.edits:
        path = root / edit.file
        text = path.read_text(encoding="utf-8")
        assert text.count(edit.old) == edit.count, f"{exercise.name}: {edit.old!r} is in {edit.file} {text.count(edit.old)} times"
        path.write_text(text.replace(edit.old, edit.new), encoding="utf-8")
    if exercise.prepare:
        exercise.prepare(root)
    command = list(exercise.command)
    params = {p.name for p in main.commands[command[0]].params} if command[0] in main.commands else set()
    if "--help" not in command:  # the guide runs in the project folder; every check anew
        command[1:1] = [*(["--project", "."] if "project_dir" in params else []), *(["--no-cache"] if "no_cache" in params else [])]
    result = runner.invoke(main, command, prog_name="pubgen")
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if exercise.exit_code is not None:
        assert result.exit_code == exercise.exit_code, result.output
    return result.output


def test_every_quoted_output_belongs_to_an_exercise() -> None:
    orphans = [
        f"{GUIDE.name}:{b.line}: {b.problem}\n  " + "\n  ".join(map("\n".join, b.checked))
        for b in BLOCKS
        if b.checked and b.exercise is None
    ]
    assert orphans == [], "quoted output that no exercise produces:\n" + "\n".join(orphans)


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.name for e in EXERCISES])
def test_the_guide_quotes_what_the_exercise_prints(exercise: Exercise, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = [b for b in BLOCKS if b.exercise is exercise and b.checked]
    assert blocks, f"{exercise.name}: no quoted output in the guide belongs to this exercise"
    output = run(exercise, tmp_path, monkeypatch)
    wrong = [f"{GUIDE.name}:{b.line}:\n{gone}" for b in blocks for gone in missing(b.checked, output)]
    assert wrong == [], (
        f"{exercise.name}: the guide quotes what the command does not print:\n" + "\n".join(wrong) + "\n--- printed:\n" + output
    )


PROSE_LINE = re.compile(r"第 (\d+) 行|“行 (\d+)，列 (\d+)”|Ctrl\+G 输入 (\d+)")
QUOTED_PLACE = re.compile(r"第 (\d+) 行第 (\d+) 列")


def test_line_numbers_in_the_text_are_those_of_the_output_above() -> None:
    """“上例报的是第 113 行”: a line the guide's own words cite is one of the quoted output just above them."""
    text = GUIDE.read_text(encoding="utf-8")
    prose = FENCE.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), text)
    quoted = [b for b in BLOCKS if b.exercise and b.checked]
    cited = 0
    wrong = []
    for m in PROSE_LINE.finditer(prose):
        at = text.count("\n", 0, m.start()) + 1
        above = [b for b in quoted if b.line < at]
        assert above, f"{GUIDE.name}:{at}: {m[0]} cites a line before any quoted output"
        places = {QUOTED_PLACE.search(line) for run in above[-1].checked for line in run}
        lines = {p[1] for p in places if p}
        line, column = m[1] or m[2] or m[4], m[3]
        cited += 1
        if line not in lines or (column and (line, column) not in {(p[1], p[2]) for p in places if p}):
            wrong.append(f"{GUIDE.name}:{at}: {m[0]}, but the output quoted above (line {above[-1].line}) has {sorted(lines)}")
    assert cited >= 5, "the guide's worked example cites lines of its output"
    assert wrong == []


def test_a_line_number_one_off_is_caught() -> None:
    """The comparison is exact: a quoted problem line whose line number is one off is not found."""
    output = (
        "content/documents/x.yml\n"
        "  第 113 行第 43 列  错误 [sum-mismatch] 合计不对。\n"
        "      字段：expenditure.basic.budget，原文 231.56，计算 303.56\n"
        "\n"
        "共 1 个错误，0 个警告。\n"
    )
    right = _quoted(output.splitlines(), whole=False)
    assert missing(right, output) == []
    off = _quoted(output.replace("第 113 行", "第 114 行").splitlines(), whole=False)
    assert missing(off, output) == [
        "  第 114 行第 43 列  错误 [sum-mismatch] 合计不对。\n      字段：expenditure.basic.budget，原文 231.56，计算 303.56"
    ]
    swapped = _quoted(output.replace("原文 231.56", "原文 231.65").splitlines(), whole=False)
    assert missing(swapped, output)
    assert missing(_quoted(["共 2 个错误，0 个警告。"], whole=False), output) == ["共 2 个错误，0 个警告。"]
