"""docs/编辑指南.md stays true: its pubgen commands exist as written, its whole documents load.

The editors' guide is followed by people who copy what it shows. Every
``pubgen …`` line in its ```sh / ```bash blocks must name a real subcommand
with real options (checked against the click command objects, not by running
them), and every ```yaml block that is a whole document (it has
``department:`` and ``kind:``) must load without schema errors. Fragments
(a table, an acknowledgement) are skipped.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import click
import pytest

from pubgen.cli import main
from pubgen.load import load

from .conftest import ROOT, copy_project

GUIDE = ROOT / "docs" / "编辑指南.md"
FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
    re.M | re.S,
)
SHELL = {"sh", "bash", "shell"}
YAML = {"yaml", "yml"}
SHELL_OPERATORS = set("();<>|&")
PLACEHOLDERS = {"figure-to-fill", "text-to-fill"}
"""What `pubgen new` leaves to fill: expected in an excerpt of a generated file, not a schema error."""
SUBCOMMANDS_THE_GUIDE_TEACHES = {"new", "import", "check", "serve", "build", "diff", "schema"}


@dataclass(frozen=True)
class Block:
    line: int
    """Line of the guide where the block's body starts."""
    lang: str
    body: str


def blocks(langs: set[str]) -> list[Block]:
    """Fenced code blocks of the guide in these languages, list-item indentation removed."""
    text = GUIDE.read_text(encoding="utf-8")
    found = []
    for m in FENCE.finditer(text):
        if m["lang"] not in langs:
            continue
        indent = m["indent"]
        lines = [line[len(indent):] if line.startswith(indent) else line for line in m["body"].splitlines()]
        found.append(Block(text.count("\n", 0, m.start("body")) + 1, m["lang"], "\n".join(lines) + "\n"))
    return found


def pubgen_lines() -> list[tuple[str, str]]:
    """(place in the guide, command line) for every shell line that runs pubgen."""
    lines = []
    for block in blocks(SHELL):
        for offset, line in enumerate(block.body.splitlines()):
            if line.strip().startswith("pubgen "):
                lines.append((f"{GUIDE.name}:{block.line + offset}", line.strip()))
    return lines


def words(line: str) -> list[str]:
    """The command's words, up to the first shell operator (pipe, redirection, &&) or comment."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    lexer.commenters = "#"
    out = []
    for token in lexer:
        if token and set(token) <= SHELL_OPERATORS:
            break
        out.append(token)
    return out


def problems_with(line: str) -> list[str]:
    """What is wrong with a pubgen command line, judged by the click command objects."""
    argv = words(line)
    assert argv[0] == "pubgen"
    root = click.Context(main, info_name="pubgen")
    top = {opt: param for param in main.get_params(root) for opt in [*param.opts, *param.secondary_opts]}
    rest = argv[1:]
    while rest and rest[0].startswith("-"):
        opt = rest.pop(0)
        if opt not in top:
            return [f"pubgen has no option {opt} (it has {sorted(top)})"]
        if getattr(top[opt], "is_eager", False):  # --version, --help: print and exit
            return []
    if not rest:
        return ["no subcommand"]
    name, rest = rest[0], rest[1:]
    command = main.get_command(root, name)
    if command is None:
        return [f"unknown subcommand {name!r} (pubgen has {sorted(main.list_commands(root))})"]
    ctx = click.Context(command, info_name=name, parent=root)
    options: dict[str, click.Option] = {}
    for param in command.get_params(ctx):  # includes -h/--help
        if isinstance(param, click.Option):
            for opt in [*param.opts, *param.secondary_opts]:
                options[opt] = param
    problems: list[str] = []
    positional: list[str] = []
    given: set[str] = set()
    tokens = iter(rest)
    for token in tokens:
        if token.startswith("-") and token != "-":
            opt, eq, value = token.partition("=")
            param = options.get(opt)
            if param is None:
                problems.append(f"pubgen {name} has no option {opt} (it has {sorted(options)})")
                continue
            given.add(param.name or opt)
            if param.is_flag:
                if eq:
                    problems.append(f"{opt} is a flag and takes no value")
                continue
            if not eq:
                value = next(tokens, None)
                if value is None:
                    problems.append(f"{opt} needs a value")
                    continue
            if isinstance(param.type, click.Choice) and value not in param.type.choices:
                problems.append(f"{opt} {value!r} is not one of {list(param.type.choices)}")
        else:
            positional.append(token)
    for param in command.get_params(ctx):
        if isinstance(param, click.Option) and param.required and param.name not in given:
            problems.append(f"missing required option {param.opts[0]}")
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    for arg in arguments:
        if arg.nargs == -1:
            taken, positional = positional, []
        else:
            taken, positional = positional[: arg.nargs], positional[arg.nargs :]
        if arg.required and len(taken) < max(arg.nargs, 1):
            problems.append(f"missing argument {arg.human_readable_name}")
        if isinstance(arg.type, click.Choice):
            problems.extend(f"{v!r} is not one of {list(arg.type.choices)}" for v in taken if v not in arg.type.choices)
    if positional:
        problems.append(f"unexpected arguments {positional}")
    return problems


COMMANDS = pubgen_lines()


def test_the_guide_shows_every_subcommand_it_teaches() -> None:
    used = {words(line)[1] for _, line in COMMANDS if len(words(line)) > 1}
    assert SUBCOMMANDS_THE_GUIDE_TEACHES <= used, f"no ```sh example for {sorted(SUBCOMMANDS_THE_GUIDE_TEACHES - used)}"


@pytest.mark.parametrize(("place", "line"), COMMANDS, ids=[place for place, _ in COMMANDS])
def test_pubgen_command_exists_as_written(place: str, line: str) -> None:
    assert problems_with(line) == [], f"{place}: {line}"


def test_the_command_check_catches_mistakes() -> None:
    """The check above is not vacuous: it rejects what an out-of-date guide would show."""
    assert problems_with("pubgen check --format json") == []
    assert problems_with("pubgen diff --merge-base origin/main HEAD --format markdown > pubgen-diff.md") == []
    assert problems_with("pubgen --version") == []
    assert problems_with("pubgen chek")
    assert problems_with("pubgen --verison")
    assert problems_with("pubgen check --fromat json")
    assert problems_with("pubgen check --format xml")
    assert problems_with("pubgen new budget --year 2022")  # --department is required
    assert problems_with("pubgen new report --department x --year 2022")
    assert problems_with("pubgen schema --project .")


WHOLE_DOCUMENTS = [
    b for b in blocks(YAML) if re.search(r"^department:", b.body, re.M) and re.search(r"^kind:", b.body, re.M)
]


def test_the_guide_has_a_whole_document() -> None:
    assert WHOLE_DOCUMENTS, "expected at least one ```yaml block with department: and kind: in the guide"


def _header(body: str, key: str) -> str:
    m = re.search(rf"^{key}:[ \t]*([^\s#]+)", body, re.M)
    assert m, f"the document has no {key}:"
    return m.group(1)


@pytest.mark.parametrize("block", WHOLE_DOCUMENTS, ids=[f"{GUIDE.name}:{b.line}" for b in WHOLE_DOCUMENTS])
def test_whole_document_loads_without_schema_errors(tmp_path: Path, block: Block) -> None:
    project = copy_project(tmp_path)
    department, year, kind = (_header(block.body, k) for k in ("department", "year", "kind"))
    target = project.content / "documents" / department / f"{year}-{kind}.yml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(block.body, encoding="utf-8")
    content = load(project.content)
    name = target.relative_to(project.root).as_posix()
    problems = [
        f"{p.line}:{p.column} [{p.code}] {p.message}"
        for p in content.problems
        if p.file == name and p.code not in PLACEHOLDERS
    ]
    assert problems == [], f"{GUIDE.name}:{block.line}"
    assert [d for d in content.documents if d.source.name == name], "the block was loaded as a document"
