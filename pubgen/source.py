"""Read one YAML source file into plain values, keeping every value's place.

Scalars stay the text the editor typed (so money becomes ``Decimal`` from that
text later, never a float); the tree is built from parser events so that
duplicate keys, aliases and runaway nesting are reported instead of being
silently accepted.
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import yaml

from .files import read_bytes
from .problems import Problem, Severity
from .yamlsubset import FALSE_WORDS, NOT_MINE, NULL_WORDS, PLAIN_VALUES, TRUE_WORDS, subset_values

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_DEPTH = 40
"""Nesting deeper than this is refused: the content model needs about ten levels."""

Path_ = tuple[str | int, ...]

@dataclass(slots=True)
class Source:
    """A parsed YAML file: its values and where each one was written."""

    path: Path
    """The file on disk."""
    name: str
    """The file as named in messages (relative to the repository)."""
    data: Any = None
    """Plain values: dict, list, str, bool or None; scalars keep their text."""
    value_at: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """1-based (line, column) of each value, by its path in the tree."""
    key_at: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """1-based (line, column) of each mapping key, by the path of its value."""
    problems: list[Problem] = field(default_factory=list)
    """What went wrong while reading."""
    text: str = ""
    """The decoded text."""
    lazy: bool = False
    """Places not worked out yet: the fast reader leaves them until a problem needs one."""
    walker: Iterator[Path_] | None = field(default=None, compare=False, repr=False)
    """While places are worked out lazily: the walk through the file, paused after the last place asked for."""
    backup: bool = False
    """A backup of the document beside it (2021-budget.yml.bak beside 2021-budget.yml): told, and left unread."""

    def _places_until(self, path: Path_) -> None:
        """Work out places in file order until the value at ``path`` (and its key) is placed, or the file ends.

        Problems are mostly placed in file order, so a file is read about half-way on
        average instead of whole; a place asked for again, or earlier, costs nothing.
        """
        if path in self.value_at:
            return
        if self.walker is None:
            self.walker = _walk_places(self.text, self.value_at, self.key_at)
        for placed in self.walker:
            if placed == path:
                return
        self.lazy = False
        self.walker = None

    def place(self, path: Path_) -> tuple[int, int]:
        """Return the line and column of the deepest known part of ``path``."""
        path = tuple(path)
        if self.lazy:
            self._places_until(path)
        while path:
            if path in self.value_at:
                return self.value_at[path]
            path = path[:-1]
        return self.value_at.get((), (1, 1))

    def key_place(self, path: Path_) -> tuple[int, int]:
        path = tuple(path)
        if self.lazy:
            self._places_until(path)  # a key is placed just before its value
        return self.key_at.get(path) or self.place(path)

    def __getstate__(self) -> dict[str, Any]:
        """A paused walk cannot be copied: a copy walks again from the start when it needs a place it lacks."""
        return {name: None if name == "walker" else getattr(self, name) for name in self.__slots__}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)


def _problem(src: Source, code: str, message: str, line: int = 0, column: int = 0) -> None:
    src.problems.append(Problem(code=code, message=message, file=src.name, line=line, column=column))


def _line_of_offset(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def _decode(src: Source, raw: bytes) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) or _looks_utf32(raw):
        _problem(src, "encoding", "文件是 UTF-32 编码，请另存为 UTF-8 编码。", 1, 1)
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        _problem(src, "encoding", "文件是 UTF-16 编码，请另存为 UTF-8 编码。", 1, 1)
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _pasted_lines(src, raw):
            return None
        line, column = _line_of_offset(raw, exc.start)
        hint = ""
        try:
            raw.decode("gb18030")
            hint = "（看起来是 GBK/GB18030 编码）"
        except UnicodeDecodeError:
            pass
        _problem(
            src,
            "encoding",
            f"文件不是 UTF-8 编码{hint}，请在编辑器中“另存为 UTF-8”后再提交。",
            line,
            column,
        )
        return None


_MAX_PASTED_LINES = 20
"""How many lines of another encoding in a UTF-8 file are each told at their line; more are one file's mistake."""
_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _pasted_lines(src: Source, raw: bytes) -> bool:
    """A UTF-8 file with a few lines in another encoding (a line pasted from a GBK file): each such line told at its
    place, with what it says read as GBK. “另存为 UTF-8” would not mend it: an editor that opens the file as UTF-8 shows
    those lines as “����” and saves them so. False when the file is not UTF-8 as a whole: no other line holds Chinese
    read as UTF-8, or more lines fail than hold it (then the whole file is in another encoding, and told so)."""
    rows = raw.split(b"\n")
    bad: list[int] = []
    chinese = 0
    for number, row in enumerate(rows, 1):
        try:
            text = row.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(number)
            continue
        if _CJK_CHAR.search(text):
            chinese += 1
    if not bad or len(bad) > chinese or len(bad) > _MAX_PASTED_LINES:
        return False
    for number in bad:
        row = rows[number - 1]
        try:
            row.decode("utf-8")
        except UnicodeDecodeError as exc:
            column = len(row[: exc.start].decode("utf-8", errors="replace")) + 1
        said = ""
        try:
            meant = row.decode("gb18030").strip()
        except UnicodeDecodeError:
            meant = ""
        if meant and _CJK_CHAR.search(meant) and meant.isprintable():
            shown = meant if len(meant) <= 40 else meant[:38] + "……"
            said = f"（按 GBK 读，这一行是“{shown}”）"
            encoding = " GBK 编码"
        else:
            encoding = "别的编码"
        _problem(
            src,
            "encoding",
            f"文件是 UTF-8 编码，只有这一行是{encoding}，多半是从别的文件复制粘贴来的，读不出来{said}。"
            "不要把整个文件“另存为 UTF-8”，那样这一行会变成乱码“�”：请删掉这一行，照原文重新输入，或从原文重新复制粘贴。",
            number,
            column,
        )
    return True


def _looks_utf32(raw: bytes) -> bool:
    """UTF-32 without a byte-order mark: three NUL bytes in every four."""
    head = raw[:1024]
    return len(head) >= 8 and (head[1::4].count(0) + head[2::4].count(0)) > len(head) // 3


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte-order mark: text where every other byte is NUL."""
    head = raw[:1024]
    return len(head) >= 4 and (head[0::2].count(0) > len(head) // 4 or head[1::2].count(0) > len(head) // 4)


_UNUSUAL_BREAKS = ("\u2028", "\u2029", "\x85")
"""Characters YAML counts as line breaks but editors, git and GitHub do not."""


class _Lines:
    """Turn parser marks into the line and column an editor shows.

    libyaml also breaks lines at U+2028, U+2029 and U+0085 (common in text
    pasted from web pages and PDFs); an editor does not, so every line after
    such a character would be reported one line too late. Marks carry the
    character index, which is placed against the editor's line starts.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] | None = None
        if any(c in text for c in _UNUSUAL_BREAKS):
            self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def at(self, mark: Any) -> tuple[int, int]:
        if self.starts is None:
            return mark.line + 1, mark.column + 1
        return self.of_index(mark.index)

    def unusual_break(self, line: int) -> str | None:
        """The first unusual line break on the editor's ``line``, if any."""
        if self.starts is None or not 0 < line <= len(self.starts):
            return None
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        for c in self.text[self.starts[line - 1] : end]:
            if c in _UNUSUAL_BREAKS:
                return c
        return None

    def of_index(self, index: int) -> tuple[int, int]:
        if self.starts is None:
            raise ValueError("only with unusual line breaks")  # pragma: no cover
        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1


_QUOTE_IT = "请给整段文字加引号。"

_YAML_HINTS = [
    # Every problem libyaml and PyYAML's own reader can report, matched on the problem or on the context
    # (“while scanning a tag”); the first match wins, so the ones that name the cause come first.
    (re.compile(r"found character '\\t'|found a tab character"), "使用了制表符（Tab）缩进或分隔，YAML 只允许空格，请把 Tab 换成空格。"),
    (re.compile(r"unexpected document (indicator|separator)"),
     "引号里的文字中有一行以“---”或“...”开头，YAML 把它当成了文件的分隔线：请检查上面的引号是否闭合；"
     "多行文字请改用“|”的写法（text: | 后另起一行并缩进）。"),
    (re.compile(r"mapping values are not allowed"),
     "冒号用法不对：同一行出现了第二个“字段名: 值”，或缩进不一致。文字里有“冒号加空格”的，请给整段文字加引号。"),
    (re.compile(r"could not find expected ':'|while scanning a simple key"), "这一行缺少冒号：应写成“字段: 值”（冒号后加一个空格），或者下一行的缩进不一致。"),
    (re.compile(r"did not find expected key"), "缩进不一致：这一行与同级字段没有对齐。"),
    (re.compile(r"did not find expected '-' indicator"), "列表缩进不一致：这一行与上面的“- ”项没有对齐。"),
    (re.compile(r"while scanning a quoted scalar"), "这一行开始的引号没有闭合（一直到文件末尾都没有找到配对的引号）。"),
    (re.compile(r"found unexpected end of stream"), "文件意外结束：引号或括号没有闭合。"),
    (re.compile(r"found unexpected ':'"),
     "在 { } 或 [ ] 一行写法中，文字里的半角冒号“:”会被当作“字段: 值”的分隔：请给这段文字加引号（如 label: \"年度资金总额:\"）。"),
    (re.compile(r"directive|YAML document|duplicate tag handle|version number|non-alphabetical"), "以 % 开头的行在 YAML 中有特殊含义：如是文字，请加引号。"),
    (re.compile(r"tag|URI"), "以 ! 开头的文字在 YAML 中有特殊含义（标签），" + _QUOTE_IT),
    (re.compile(r"escape|hexadecimal|while (parsing|scanning) a (double-)?quoted scalar"),
     "双引号里的反斜杠（\\）是转义符：要写反斜杠本身请写成两个（\\\\），或改用单引号。"),
    (re.compile(r"while parsing a flow (sequence|mapping)|expected ',' or|unclosed '\[' or '\{'"),
     "这一行的方括号 [ ] 或花括号 { } 没有闭合，或其中的项之间缺少逗号。"),
    (re.compile(r"found undefined alias|found unacceptable character|special characters are not allowed"), "文件中有无法识别的字符。"),
    (re.compile(r"<document start>"), "缩进不一致：顶层字段都应从行首开始写，这一行与文件开头的字段没有对齐。"),
    (re.compile(r"that cannot start any token"), "这里的文字以 YAML 的保留字符（如 @ 或 `）开头，" + _QUOTE_IT),
    (re.compile(r"while scanning a block scalar|indentation indicator|chomping"), "“|”或“>”后面不能再写文字：正文请另起一行并缩进。"),
    (re.compile(r"while scanning an? (anchor|alias)"), "以 & 或 * 开头的文字在 YAML 中有特殊含义，" + _QUOTE_IT),
    (re.compile(r"node content"), "这里缺少内容，或者多了一个 ]、} 或逗号。"),
    (re.compile(r"(block )?sequence entries are not allowed"), "“- ”列表项不能和“字段:”写在同一行，请另起一行并缩进；如是文字，请加引号。"),
    (re.compile(r"mapping keys are not allowed"), "以“? ”开头的写法在 YAML 中有特殊含义：如是文字，" + _QUOTE_IT),
    (re.compile(r"expected <block end>, but found|while parsing a block"), "缩进不一致：这一行比上一级字段缩进得少或多。"),
]

_YAML_GENERAL = (
    "这一行的写法 YAML 读不懂。请检查：冒号后是否有一个空格（“字段: 值”），引号和括号是否成对，缩进是否与同级字段对齐；"
    "文字中有特殊符号的，" + _QUOTE_IT
)
"""For a problem no hint above names (a newer libyaml's wording): the editor is never shown the parser's English."""

_LEADING = {
    "!": "“!”放在文字开头时，YAML 把它当作标签（一种特殊符号）",
    "&": "“&”放在文字开头时，YAML 把它当作锚点（一种特殊符号）",
    "*": "“*”放在文字开头时，YAML 把它当作别名（一种特殊符号）",
    "@": "“@”是 YAML 的保留符号，不能放在文字开头",
    "`": "“`”是 YAML 的保留符号，不能放在文字开头",
}
_LEADING_CONTEXTS = re.compile(r"while (scanning|parsing) (a tag|an anchor|an alias|for the next token)")


def _leading_mark(exc: yaml.MarkedYAMLError, text: str) -> str | None:
    """“title: !安远县…”, “note: *注…”, “- @某某”: a value that starts with a YAML sign, told plainly with the quoted value."""
    if not _LEADING_CONTEXTS.search(exc.context or ""):
        return None
    for mark in (exc.context_mark, exc.problem_mark):
        index = getattr(mark, "index", None)
        if not isinstance(index, int) or not 0 <= index < len(text) or text[index] not in _LEADING:
            continue
        line_start = text.rfind("\n", 0, index) + 1
        before = text[line_start:index].rstrip(" ")
        if before and not before.endswith((":", "-", "[", "{", ",")):
            continue
        value = re.split(r"\r|\n", text[index:], maxsplit=1)[0].rstrip()
        if "[" in before or "{" in before:
            value = re.split(r"[,\]}]", value, maxsplit=1)[0].rstrip()
        value = re.sub(r"\s+#.*", "", value)
        shown = value if len(value) <= 24 else value[:20] + "……"
        quoted = f"\"{shown}\"" if '"' not in value and "\\" not in value else "'" + shown.replace("'", "''") + "'"
        sign = text[index]
        also = "；不需要这个符号的，删掉它即可" + ("（或改用中文感叹号“！”）" if sign == "!" else "")
        return f"{_LEADING[sign]}，读不出后面的文字。{_QUOTE_IT[:-1]}，写成 {quoted}{also}。"
    return None


def _yaml_message(exc: yaml.MarkedYAMLError, text: str) -> str:
    problem = exc.problem or str(exc)
    mark = exc.problem_mark
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        problem = "found character '\\t' that cannot start any token"
    leading = _leading_mark(exc, text) if "\t" not in problem else None
    if leading is not None:
        return f"YAML 语法错误：{leading}"
    for pattern, message in _YAML_HINTS:
        if pattern.search(problem) or (exc.context and pattern.search(exc.context)):
            return f"YAML 语法错误：{message}"
    return f"YAML 语法错误：{_YAML_GENERAL}"


def _yaml_mark(exc: yaml.MarkedYAMLError) -> Any:
    """Where to send the editor: where an unclosed quote or bracket was opened, not where the parser gave up."""
    if exc.context_mark is not None and (
        "end of stream" in (exc.problem or "")
        or (exc.context or "").startswith(("while parsing a flow", "while scanning a simple key"))
    ):
        return exc.context_mark
    return exc.problem_mark or exc.context_mark


_DOCUMENT_FILE = re.compile(r"^((?:19|20)\d\d-[a-z][a-z0-9-]*)(\.ya?ml)?(\.txt|~|\.bak)?$")
"""A document's file name (2021-budget, 2025-budget-unit-benji) with a YAML ending or none, perhaps saved as text."""


def _document_stem(name: str) -> str:
    match = _DOCUMENT_FILE.match(name.strip().replace("．", ".").lower())
    return match.group(1) if match else name


def misnamed_document(name: str) -> str:
    """What is wrong with the ending of a file named as a document but not ``.yml`` (“扩展名是“.txt””), or "".

    ``2021-budget.txt`` (Notepad's 文本文档), ``2021-budget`` (no ending), ``2021-budget.yml `` (a space after it),
    ``2021-budget．yml`` (a full-width dot): left unread, the document's page vanished from the site without a word.
    """
    if name.endswith((".yml", ".yaml")):
        return ""
    plain = name.strip().replace("．", ".")
    match = _DOCUMENT_FILE.match(plain.lower())
    if match is None:
        return ""
    if name != name.rstrip():
        return "文件名末尾有空格"
    if name != name.lstrip():
        return "文件名开头有空格"
    if "．" in name:
        return "扩展名前的点是全角的“．”"
    ending = plain[len(match.group(1)) :]
    return f"扩展名是“{ending}”" if ending else "文件名没有扩展名"


_BACKUP_ENDING = re.compile(r"(?:~|\.(?:bak|backup|bk|old|orig))$", re.IGNORECASE)
"""What editors, file managers and people add to a file's name to keep a copy of it: 2021-budget.yml~ (gedit, Emacs),
2021-budget.yml.bak, 2021-budget.yml.orig (left by git mergetool), 2021-budget.yml.old. Vim's swap file
(.2021-budget.yml.swp) is hidden, not a copy, and there while the file is open: it is neither listed nor told."""


def backup_ending(name: str) -> bool:
    """Whether ``name`` ends as a backup's does (2021-budget.yml~, 2021-budget.yml.bak): whatever it is a backup of."""
    return _BACKUP_ENDING.search(name) is not None


def backup_of(name: str, exists: Callable[[str], bool]) -> str:
    """The document whose backup the file ``name`` is, when ``exists`` says it is beside it; else "".

    ``2021-budget.yml.bak``, ``2021-budget.yml~``, ``2021-budget.bak`` → ``2021-budget.yml``. Read as documents, such
    copies were told to be renamed to 2021-budget.yml, over the document itself.
    """
    ending = _BACKUP_ENDING.search(name)
    if ending is None or ending.start() == 0 or name.startswith("."):
        return ""
    stem = name[: ending.start()]
    if stem.lower().endswith((".yml", ".yaml")):
        candidates = [stem, stem[: stem.rfind(".")] + ".yml"]
    else:
        candidates = [stem + ".yml", stem + ".yaml"]
    return next((c for c in candidates if c != name and exists(c)), "")


def _backup_problem(src: Source, path: Path, original: str, raw: bytes | None, root: Path | None) -> None:
    """Tell a backup beside its document to be deleted or moved out of content/, saying whether it differs from it."""
    same = False
    if raw is not None:
        scratch: list[Problem] = []
        same = read_bytes(path.parent / original, original, scratch, root) == raw
    if same:
        what = f"它与 {original} 内容完全相同"
        todo = "请删除它，或把它移出 content/ 文件夹"
    else:
        what = f"它的内容与 {original} 不同（是修改前或修改后另存的一份）"
        todo = (
            f"请确认 {original} 是要发布的版本（需要这份里的修改的，把修改抄进 {original}），"
            "然后删除这个备份，或把它移出 content/ 文件夹；旧版本不必另存，git 已记下每次提交的内容"
        )
    src.problems.append(
        Problem(
            code="backup-file",
            message=f"{path.name} 是 {original} 的备份：{what}。pubgen 不读取、不发布备份，网站上的这份文档只来自 {original}。"
            f"{todo}。不要把它改名为 {original}：那会覆盖正在发布的文档。",
            file=src.name,
            severity=Severity.WARNING,
        )
    )


def read(path: Path, name: str, root: Path | None = None, checked: set[str] | None = None) -> Source:
    """Read ``path``; problems go into the returned ``Source`` instead of being raised.

    With ``root`` (the content folder), a file that is a symbolic link, or lies
    in a folder that is one, is refused and never opened; ``checked`` holds the
    folders already found not to be links (see :func:`pubgen.files.read_bytes`).
    """
    src = Source(path=path, name=name)
    original = backup_of(path.name, lambda other: os.path.lexists(path.parent / other)) if backup_ending(path.name) else ""
    if original:
        src.backup = True
        _backup_problem(src, path, original, read_bytes(path, name, src.problems, root, checked), root)
        return src
    if not name.endswith((".yml", ".yaml")) and name.lower().endswith((".yml", ".yaml", ".yml.txt", ".yaml.txt")):
        shown = name[name.rfind(".", 0, len(name) - 4 if name.lower().endswith(".txt") else len(name)) :]
        src.problems.append(
            Problem(
                code="file-extension",
                message=f"文件扩展名是“{shown}”：请改为小写的 .yml（记事本另存时选“所有文件”，文件名写 *.yml），"
                "否则有的工具和网站会把它当成别的文件。本次照常读取。",
                file=name,
                severity=Severity.WARNING,
            )
        )
    elif not name.endswith((".yml", ".yaml")) and (said := misnamed_document(path.name)) and _BACKUP_ENDING.search(path.name):
        # 2021-budget.yml~ with no 2021-budget.yml beside it: the document itself, or a backup of one deleted on purpose.
        stem = _document_stem(path.name)
        src.problems.append(
            Problem(
                code="file-extension",
                message=f"文档文件的{said}，像是 {stem}.yml 的备份，而这个文件夹里没有 {stem}.yml：本次把它当作文档读取和发布。"
                f"这份文档要发布的，请把它改名为 {stem}.yml；只是备份、不要发布的，请删除它或把它移出 content/ 文件夹。",
                file=name,
                severity=Severity.WARNING,
            )
        )
    elif not name.endswith((".yml", ".yaml")) and (said := misnamed_document(path.name)):
        src.problems.append(
            Problem(
                code="file-extension",
                message=f"文档文件的{said}：请改名为以小写的 .yml 结尾（如 {_document_stem(path.name)}.yml；记事本另存时选“所有文件”），"
                "否则有的工具和网站会把它当成别的文件。本次照常读取。",
                file=name,
                severity=Severity.WARNING,
            )
        )
    raw = read_bytes(path, name, src.problems, root, checked)
    if raw is None:
        return src
    text = _decode(src, raw)
    if text is None:
        return src
    src.text = text
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        _problem(src, "empty-file", "文件是空的：除空行和注释外没有任何内容。", 1, 1)
        return src
    if _HASH_IN_TEXT.search(text):
        _hidden_text(src, text)
    if ("【" in text or "［" in text) and _wide_brackets(src, text):
        return src
    if _fast(src, text):
        return src
    _read_exact(src, text)
    return src


_WIDE_LIST = re.compile(
    r"^(?P<lead>[^#\n|>]*?:[ \t]*)(?P<open>[【［])(?:[ \t]*(?:[-+]?[\d.,]*|~|——|—|-|null)[ \t]*[,，])+[ \t]*(?:[-+]?[\d.,]*|~|——|—|-|null)[ \t]*[】］]",
    re.M,
)
"""A list of figures in a Chinese input method's brackets: “values: 【4545000.00, 4545000.00, ~】”."""


def _wide_brackets(src: Source, text: str) -> bool:
    """Tell a list typed in 【 】 or ［ ］ as what it is (its commas split it into fields with no name, told as 字段“”重复出现
    or as an unknown field “4545000.00】”), and read nothing more of the file: whether one was found."""
    found = _WIDE_LIST.search(text)
    if found is None:
        return False
    line = text.count("\n", 0, found.start()) + 1
    column = len(found["lead"]) + 1
    shown = "【 】" if found["open"] == "【" else "［ ］"
    _problem(
        src,
        "yaml-syntax",
        f"YAML 语法错误：这一行的方括号是中文输入法打出的“{shown}”，YAML 不认：列表请用半角方括号 [ ]，"
        "如 values: [4545000.00, 4545000.00, ~]（切换到英文输入法后输入）。",
        line,
        column,
    )
    return True


_HASH_IN_TEXT = re.compile(r"\S[ \t]+#\S|(?:text|title|label|name|term|definition):[ \t]+# ")
"""“共计 #3 项”: a # after a space and before a word, in a line that has more before it. Comments written as comments
(“  # 导入：…”, “values: [1]  # 原文第 3 页”) have a space after their #, so most files are not walked line by line."""
_BLOCK_START = re.compile(r"(?:^|[ \t])[|>][-+0-9]*[ \t]*(?:#.*)?$")
"""A line ending with the | or > that starts a block of text, whose lines are text, # and all."""
_KEY = re.compile(r"[ \t]*(?:-[ \t]+)*(?:[\w-]+:[ \t]+)?")
_HASH_AFTER_SPACE = re.compile(r"[ \t]#(?=\S)")
_CJK = re.compile(r"[\u3400-\u9fff]")
_TEXT_AS_COMMENT = re.compile(r"[ \t]*(?:-[ \t]+)*(?:text|title|label|name|term|definition):(?=[ \t]+# )")
"""“text: # 三、机关运行经费安排情况”: a heading typed as Markdown's, which YAML reads as a comment (the match ends before
the space that starts it, as :data:`_HASH_AFTER_SPACE`'s does)."""


def _hidden_text(src: Source, text: str) -> None:
    """Report text that YAML drops as a comment: “共计 #3 项；…” typed as printed, where “ #” starts a comment."""
    block: int | None = None
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        indent = len(line) - len(line.lstrip(" \t"))
        if block is not None:
            if not line.strip() or indent > block:
                continue
            block = None
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _BLOCK_START.search(line):
            block = indent
            continue
        at = _HASH_AFTER_SPACE.search(line) or _TEXT_AS_COMMENT.match(line)
        if at is None:
            continue
        hash_at = line.index("#", at.start())
        keyed = _KEY.match(line)
        value = line[keyed.end() : hash_at - 1]  # type: ignore[union-attr]
        dropped = line[hash_at:]
        whole = False
        if not value.strip() and keyed is not None and keyed.end() == hash_at and _CJK.search(dropped[:6]):
            # “title: #部门职责”: the whole value is the comment, and the field is left empty — unless a block of its own
            # follows (“rows: #原表第 3 页” over the rows), when the # words are a comment.
            after = next((n for n in lines[number:] if n.strip() and not n.lstrip().startswith("#")), "")
            deeper = len(after) - len(after.lstrip(" \t")) - indent
            whole = deeper < 0 or (deeper == 0 and not after.lstrip().startswith("- "))  # (a list may stand at its key's indent)
        if not whole and (not value or value[0] in "\"'[{|>&*!%@`#" or not _CJK.search(value)):
            continue
        shown = dropped if len(dropped) <= 20 else dropped[:20] + "…"
        src.problems.append(
            Problem(
                code="text-comment",
                message=(
                    f"这一行的“{shown}”被当作注释，这一项是空的，不会发布（YAML 里空格后的 # 开始注释）。"
                    + (
                        f"文字前不用写 Markdown 的 #（标题的层级写在 level 里），请写成“{dropped.lstrip('#').strip()}”。"
                        if dropped[1:2].isspace()
                        else f"请给它加引号，写成 \"{dropped}\"。"
                    )
                    if whole
                    else f"这一行从“{shown}”起的文字被当作注释，不会发布（YAML 里空格后的 # 开始注释）。"
                    "照原文录入时请给整段文字加引号，或去掉 # 前的空格。"
                ),
                file=src.name,
                line=number,
                column=hash_at + 1,
                severity=Severity.WARNING,
            )
        )


_PASTED_SPACE = (
    "这一行有看不见的“不换行空格”（U+{code:04X}，从 Word、WPS 或网页复制文字时常带进来），看起来和普通空格一样，"
    "YAML 却不把它当空格：请删掉这一行的缩进和冒号后面的空格，在英文输入法下重新打空格。"
)
_ODD_SPACES = {
    "\u3000": "这一行有全角空格（中文输入法打出的空格“　”），YAML 只认半角空格：请把它换成半角空格（切换到英文输入法，或在“全角/半角”切换后重打）。",
    **{space: _PASTED_SPACE.format(code=ord(space)) for space in "\u00a0\u2007\u202f"},
    "\ufeff": "这一行开头有一个看不见的字符 U+FEFF（字节顺序标记 BOM，多是把两个带 BOM 保存的文件拼成一个时留在了拼接处），"
    "YAML 把它当成这一行的第一个字，看起来对齐的缩进就对不上了。请删掉它：删掉这一行，照原样重新输入一遍。",
}
"""Spaces YAML does not take for one, as the editor is told of each: the IME's full-width space, and the no-break spaces
Word and web pages carry (U+00A0, the figure space U+2007, the narrow one U+202F); and the byte order mark U+FEFF, which
a file saved with one leaves at the start of a line when it is joined to another (“body:” after it, told at column 2
as misaligned)."""
_ODD_SPACE = re.compile("[" + "".join(_ODD_SPACES) + "]")


def _full_width_space(text: str, line: int) -> tuple[int, int, str] | None:
    """Where a space YAML does not take (full-width, no-break) sits outside quotes, in the YAML structure of the error's
    line or the line before it: as indentation, or right after a field's colon. With the space found."""
    rows = text.split("\n")
    for number in (line, line - 1):
        if not 0 < number <= len(rows):
            continue
        row = rows[number - 1]
        structure = row.split("#", 1)[0]
        found = _ODD_SPACE.search(structure)
        if found is None:
            continue
        at = found.start()
        if "\"" in structure[:at] or "'" in structure[:at]:
            continue
        key = re.match(r"[ \t\u3000\u00a0\u2007\u202f]*(?:-[ \t\u3000\u00a0\u2007\u202f]+)*[\w-]*:?", structure)
        if at < (key.end() if key else 0) + 2 or not structure[:at].strip():
            return number, at + 1, found.group()
    return None


_QUOTED_THEN_TEXT = re.compile(
    r"""(?P<head>(?:^[ \t]*(?:-[ \t]+)*(?:[\w-]+:[ \t]+)?|[{\[,][ \t]*(?:[\w-]+:[ \t]+)?))"""
    r"""(?P<quoted>"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*')"""
    r"""(?P<more>[ \t]*[^\s#:,\]}][^#\n]*)"""
)
"""``title: "三公"经费…``, ``- '安远县'农业农村局'``, ``{label: "三公"经费合计, …}``: a value that starts with a quote whose
closing quote is followed by more text. YAML takes the quotes for the start and end of the value and finds text after it."""


def _quote_then_text(text: str, line: int, exc: yaml.MarkedYAMLError) -> tuple[int, int, str] | None:
    """Where a value opens with an English quote and goes on past its closing quote, on the error's line (or the line the
    parser stopped at), with the fix in plain words."""
    rows = text.split("\n")
    lines = [line]
    if exc.problem_mark is not None and exc.problem_mark.line + 1 != line:
        lines.append(exc.problem_mark.line + 1)
    for number in lines:
        if not 0 < number <= len(rows) or _in_block_text(rows, number):
            continue
        row = rows[number - 1]
        for found in _QUOTED_THEN_TEXT.finditer(row):
            quoted, more = found["quoted"], found["more"]
            if "{" in found["head"] or "[" in found["head"] or "," in found["head"]:
                more = re.split(r"[,}\]]", more, maxsplit=1)[0]
                flow = True
            else:
                flow = "{" in row[: found.start()] or "[" in row[: found.start()]
            more = more.rstrip()
            if not more:
                continue
            value = quoted + more
            shown = more.strip() if len(more.strip()) <= 10 else more.strip()[:10] + "……"
            whole = "“" + quoted[1:-1] + "”" + more.strip()
            other = "'" if quoted[0] == '"' else '"'
            wrap = f"；或者给整段文字外面再加一对{'单' if other == chr(39) else '双'}引号：{other}{value}{other}" if other not in value else ""
            block = "" if flow else "；文字较长时也可以在冒号后只写 |，另起一行缩进写这段文字"
            return (
                number,
                found.start("quoted") + len(quoted) + 1,
                f"YAML 语法错误：英文引号 {quoted[0]} 在 YAML 里表示一段文字的开始和结束。这个值以 {quoted} 开头，"
                f"引号后面还有文字“{shown}”，YAML 就读不懂了。请改用中文引号，写成 {whole}{wrap}{block}。",
            )
    return None


_WIDE_COLON_KEY = re.compile(r"[ \t]*(?:-[ \t]+)*([A-Za-z_][A-Za-z0-9_-]*)[ \t]*(：)")
"""``title：平乡县…`` typed with a Chinese IME: a field name, then a full-width colon (and maybe a full-width space)."""
_WIDE_COLON_FLOW_KEY = re.compile(r"[{,][ \t]*([A-Za-z_][A-Za-z0-9_-]*)[ \t]*(：)")
_WIDE_COMMA_FLOW = re.compile(
    r"[\"'\]}][ \t\u3000]*(，)|(，)[ \t\u3000]*[\"'\[{]|(，)[ \t\u3000]*[A-Za-z_][A-Za-z0-9_-]*:[ \t]"
)
"""``["——"，51.08]``, ``{id: total，label: …}``: a full-width comma where the items of a [ ] or { } are separated."""


def _full_width_mark(text: str, line: int) -> tuple[int, int, str] | None:
    """A full-width colon or comma typed where YAML wants ``: `` or ``,``, on the error's line or the line of YAML before it.

    The editor sees a colon (or a comma) on the line: the message names the full-width character, not a missing one.
    A plain text that runs on (``title：平乡县…`` with the next line ``year: 2021``) fails on a later line than the one
    with the colon, hence the line before is looked at too.
    """
    rows = text.split("\n")
    candidates = [line]
    before = line - 1
    while 0 < before <= len(rows) and (not rows[before - 1].strip() or rows[before - 1].lstrip().startswith("#")):
        before -= 1
    if before > 0:
        candidates.append(before)
    for number in candidates:
        if not 0 < number <= len(rows) or _in_block_text(rows, number):
            continue  # “E-mail：xfj@…” inside a text: | block is text, and right as typed
        structure = rows[number - 1].split(" #", 1)[0]
        found = _WIDE_COLON_KEY.match(structure)
        if found is None and "{" in structure:
            found = _WIDE_COLON_FLOW_KEY.search(structure)
        if found is not None:
            key = found[1]
            rest = re.split(r"[,}\]]", structure[found.end(2) :], maxsplit=1)[0] if found.re is _WIDE_COLON_FLOW_KEY else structure[found.end(2) :]
            rest = rest.strip(" \t\u3000")
            shown = rest if len(rest) <= 12 else rest[:12] + "……"
            space = "（冒号后面的全角空格“　”也要换成半角空格）" if "\u3000" in structure[found.end(2) : found.end(2) + 2] else ""
            return (
                number,
                found.start(2) + 1,
                f"YAML 语法错误：“{key}”后面的冒号是全角冒号“：”（中文输入法打出的），YAML 不认：请改成半角冒号加一个空格{space}，"
                f"写成“{key}: {shown or '……'}”（切换到英文输入法后输入冒号）。",
            )
        if "[" in structure or "{" in structure:
            comma = _WIDE_COMMA_FLOW.search(structure)
            if comma is not None:
                at = next(comma.start(g) for g in (1, 2, 3) if comma[g])
                if not _fixes(rows, number, at, line):
                    continue  # “（"一带一路"，港澳台）” inside a name: the error is elsewhere (a bracket left open)
                return (
                    number,
                    at + 1,
                    "YAML 语法错误：[ ] 或 { } 里的各项之间用了全角逗号“，”（中文输入法打出的），YAML 不认："
                    "请改成半角逗号加一个空格“, ”（切换到英文输入法后输入逗号）。",
                )
    return None


def _in_block_text(rows: list[str], number: int) -> bool:
    """Whether line ``number`` (from 1) is a line of a ``|`` or ``>`` block's text: a line above it, less indented, opens one."""
    text = rows[number - 1]
    indent = len(text) - len(text.lstrip(" "))
    for above in range(number - 1, 0, -1):
        row = rows[above - 1]
        if not row.strip():
            continue
        width = len(row) - len(row.lstrip(" "))
        if width < indent:
            return _BLOCK_START.search(row.rstrip()) is not None
    return False


def _fixes(rows: list[str], number: int, at: int, line: int) -> bool:
    """Whether a half-width comma in place of the full-width one at column ``at`` of line ``number`` mends the error of ``line``."""
    fixed = list(rows)
    fixed[number - 1] = fixed[number - 1][:at] + ", " + fixed[number - 1][at + 1 :]
    try:
        yaml.load("\n".join(fixed), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return mark is not None and mark.line + 1 > line
    except yaml.YAMLError:
        return False
    return True


_MAX_MENDS = 20
"""How many mistakes of one file are mended (and told) to read on past them, before the next is only told."""


@dataclass(slots=True)
class _Mend:
    """A mistake whose meaning is plain (``title:安远县…``, a paragraph pasted under ``text: |`` without its indentation):
    the lines as the editor meant them, so that reading goes on and the file's other mistakes are told in the same run."""

    rows: dict[int, str]
    """Line number (from 1) -> the line as meant."""
    shifts: dict[int, tuple[int, int]]
    """Line number -> (column, added): in the mended line, columns right of ``column`` moved right by ``added``."""


def _read_exact(src: Source, text: str) -> None:
    """Read ``text`` through libyaml, recording every value's place; a syntax error is told in Chinese.

    A mistake whose meaning is plain is mended in a copy of the text and the copy read again, up to
    :data:`_MAX_MENDS` times, so that one run tells all of them (and the first other error after them). The file still
    fails: each mistake is an error. The values read from a mended copy are kept (a department file's region and slug
    still name the department); the mended lines' places are moved back to the columns the editor sees."""
    work = text
    rows = text.split("\n")
    shifts: dict[int, tuple[int, int]] = {}
    told: list[Problem] = []
    before = len(src.problems)
    for _ in range(_MAX_MENDS + 1):
        del src.problems[before:]  # what a build that failed half-way recorded is recorded again by the next
        src.value_at.clear()
        src.key_at.clear()
        src.data = None
        lines = _Lines(work)
        seen: list[Any] = [None]
        try:
            _build(src, _remember_last(yaml.parse(work, Loader=_Loader), seen), lines)
        except yaml.MarkedYAMLError as exc:
            src.data = None
            line, column, message, mend = _explain(exc, work, lines, seen[0])
            told.append(Problem(code="yaml-syntax", message=message, file=src.name, line=line, column=column))
            if mend is None or len(told) > _MAX_MENDS:
                break
            for number, row in mend.rows.items():
                rows[number - 1] = row
            shifts.update(mend.shifts)
            work = "\n".join(rows)
            continue
        except yaml.reader.ReaderError as exc:
            # A character YAML does not allow at all (control characters such as NUL).
            src.data = None
            # The reader stops at the first such character; its ``position`` counts
            # UTF-8 bytes under libyaml and characters without it, so find the character.
            index = work.find(chr(exc.character)) if isinstance(exc.character, int) else -1
            line, column = _place_of_index(work, index) if index >= 0 else (0, 0)
            _problem(
                src,
                "yaml-syntax",
                f"YAML 语法错误：文件中有不允许的控制字符（U+{exc.character:04X}），请删除它（常见于从其他软件复制的文字）。"
                if isinstance(exc.character, int)
                else "YAML 语法错误：文件中有无法识别的字符。",
                line,
                column,
            )
        except yaml.YAMLError:
            src.data = None
            _problem(src, "yaml-syntax", f"YAML 语法错误：{_YAML_GENERAL}")
        except _Refused:
            src.data = None
        break
    src.problems[before:before] = told
    if shifts:
        for places in (src.value_at, src.key_at):
            for path, (line, column) in places.items():
                moved = shifts.get(line)
                if moved is not None and column > moved[0]:
                    places[path] = (line, max(moved[0], column - moved[1]))


def _explain(exc: yaml.MarkedYAMLError, text: str, lines: _Lines, last: Any) -> tuple[int, int, str, _Mend | None]:
    """The line, column and Chinese message of a syntax error, and the mended lines when its meaning is plain."""
    mark = _yaml_mark(exc)
    line, column = lines.at(mark) if mark else (0, 0)
    message = _yaml_message(exc, text)
    mend: _Mend | None = None
    swallowing = _swallowing_quote(last, exc, text)
    if swallowing is not None:
        # title: "平乡县信访局…情况说明 — its quote never closed: the text ran on to the first quote of label: "" lines
        # below, whose second quote opened a text that ran on until YAML stopped. The quote to close is on the title's line.
        (line, column), closed = lines.at(swallowing.start_mark), lines.at(swallowing.end_mark)[0]
        stop = lines.at(exc.problem_mark)[0] if exc.problem_mark is not None else closed
        balanced = text.split("\n")[closed - 1].count(swallowing.style) % 2 == 0
        return line, column, (
            f"YAML 语法错误：这一行开始的引号没有闭合，把后面的内容都当成了文字，直到第 {closed} 行的引号才闭合；"
            f"从那里起引号一开一合全都错了位，YAML 到第 {stop} 行才读不下去。请补上这一行的引号"
            + (f"（第 {closed} 行不必改）。" if balanced else "。")
        ), None
    runaway = _runaway_quote(last, exc, text)
    if (
        runaway is None
        and "quoted scalar" in (exc.context or "")
        and exc.context_mark is not None
        and exc.problem_mark is not None
        and exc.problem_mark.line > exc.context_mark.line
        and "escape" in (exc.problem or "")
    ):
        # title: "2021年预算收入 — its quote never closed, the text ran on to a backslash lines below (各类非访\突发性),
        # told there as a backslash to double: the quote to close is where it opened.
        (line, column) = lines.at(exc.context_mark)
        stop = lines.at(exc.problem_mark)[0]
        return line, column, (
            f"YAML 语法错误：这一行开始的引号没有闭合，一直延续到第 {stop} 行（那里的反斜杠“\\”才让 YAML 停下），"
            "把中间的内容都当成了文字。请补上这一行的引号。"
        ), None
    if runaway is not None:
        (line, column), end = lines.at(runaway.start_mark), lines.at(runaway.end_mark)[0]
        message = (
            f"YAML 语法错误：这一行开始的引号没有闭合，一直延续到第 {end} 行的引号，"
            "把中间的内容都当成了文字。请补上这一行的引号。"
        )
    rows = text.split("\n")
    candidates = _lines_to_look_at(rows, exc, line, lines)
    stuck = lines.at(exc.problem_mark) if exc.problem_mark is not None else (line, column)

    def check(mend: _Mend, after: int) -> _Mend | None:
        return _verified(rows, mend, after, lines, stuck)

    # A byte order mark before a line's text (U+FEFF, then “    参与处置…” under text: |) is told before what it seems to be.
    bom = _full_width_space(text, line) if runaway is None and line else None
    bom = bom if bom is not None and bom[2] == "\ufeff" else None
    pasted = _pasted_into_block(rows, candidates, check) if runaway is None and line and bom is None else None
    marked = _wrong_list_mark(rows, candidates, check) if runaway is None and line and pasted is None and bom is None else None
    if marked is not None:
        pasted = marked  # told and read past the same way
    typed = _full_width_mark(text, line) if line and pasted is None and bom is None else None
    wide = bom or (_full_width_space(text, line) if typed is None and pasted is None else None)
    quoted = _quote_then_text(text, line, exc) if typed is None and wide is None and runaway is None and pasted is None else None
    if pasted is not None:
        line, column, message, mend = pasted
    if typed is not None:
        line, column, message = typed
        mend = check(_retyped(rows, line, column, ": " if rows[line - 1][column - 1 : column] == "：" else ", "), line)
    if wide is not None:
        # year:　2021, or　　level: 2 indented with an IME's spaces: YAML sees no space, or a character, there.
        line, column, space = wide
        message = f"YAML 语法错误：{_ODD_SPACES[space]}"
        row = rows[line - 1]
        if space == "\ufeff" and row[: column - 1].strip(" \t"):
            message = message.replace("这一行开头有", f"这一行第 {column} 列有", 1)
        if space == "\ufeff":  # deleted, not made a space: the columns after it move back by one
            mend = check(_Mend({line: row.replace(space, "", 1)}, {line: (column - 1, -1)}), line)
        else:
            mend = check(_Mend({line: _ODD_SPACE.sub(" ", row)}, {}), line)
    if quoted is not None:
        line, column, message = quoted
    if runaway is None and pasted is None and typed is None and wide is None and quoted is None and line:
        found = (
            _comparison_first(rows, candidates, check)
            or _no_space_after_colon(rows, candidates, check)
            or _bracket_first(rows, candidates, check)
            or _misaligned_field(rows, candidates, check)
            or _empty_cell(rows, candidates, check)
        )
        if found is not None:
            line, column, message, mend = found
    odd = lines.unusual_break(line)
    if odd:
        message = (
            f"YAML 语法错误：这一行有看不见的特殊换行符（U+{ord(odd):04X}），YAML 会在这里断行。"
            "请删除它（常见于从网页或 PDF 复制的文字）。"
        )
        mend = None
    return line, column, message, mend


def _lines_to_look_at(rows: list[str], exc: yaml.MarkedYAMLError, line: int, lines: _Lines) -> list[int]:
    """The lines a mistake may sit on, nearest first: where the error is told, where libyaml gave up or began the
    element it could not finish, and the line of YAML before each (a text that runs on fails on the next line)."""
    found: list[int] = []
    for number in (line, *(lines.at(m)[0] for m in (exc.problem_mark, exc.context_mark) if m is not None)):
        before = number - 1
        while 0 < before <= len(rows) and (not rows[before - 1].strip() or rows[before - 1].lstrip().startswith("#")):
            before -= 1
        for n in (number, before):
            if 0 < n <= len(rows) and n not in found:
                found.append(n)
    return found


_Check = Callable[[_Mend, int], "_Mend | None"]
"""Whether a mend reads the text past the mended lines and the error: see :func:`_verified`."""


def _verified(rows: list[str], mend: _Mend | None, after: int, lines: _Lines, stuck: tuple[int, int]) -> _Mend | None:
    """``mend`` if, with it, the text reads past line ``after``, past every mended line and past ``stuck`` (the line and
    column where libyaml gave up without it); else None: the mistake is not (only) the one mended."""
    if mend is None:
        return None
    fixed = list(rows)
    for number, row in mend.rows.items():
        fixed[number - 1] = row
    last = max(after, *mend.rows)
    text = "\n".join(fixed)
    try:
        for _ in yaml.parse(text, Loader=_Loader):
            pass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if mark is None:
            return None
        where = _Lines(text).at(mark) if lines.starts is not None else (mark.line + 1, mark.column + 1)
        return mend if where[0] > last and where > stuck else None
    except yaml.YAMLError:
        return None
    return mend


def _retyped(rows: list[str], line: int, column: int, mark: str) -> _Mend:
    """The line with the full-width colon or comma at ``column`` (and the spaces after it) typed as ``: `` or ``, ``."""
    row = rows[line - 1]
    at = column - 1
    rest = row[at + 1 :].lstrip(" \t\u3000")
    new = row[:at] + mark + rest
    return _Mend({line: new}, {line: (column, len(new) - len(row))})


def _key_and_text(row: str) -> str:
    """A line as shown in a message: without its indentation, a trailing comment or a carriage return."""
    shown = re.sub(r"[ \t]+#.*", "", row.rstrip("\r")).strip()
    return shown if len(shown) <= 30 else shown[:28] + "……"


_NO_SPACE = re.compile(r"([ \t]*(?:-[ \t]+)*)([^\W\d][\w.-]*):(?=[^\s:/\\])")
"""``title:安远县2025年部门预算``, ``- label:项目名称``: a field name and a colon with no space after it, so YAML reads the
line as one text."""


def _no_space_after_colon(rows: list[str], candidates: list[int], check: _Check) -> tuple[int, int, str, _Mend] | None:
    for number in candidates:
        row = rows[number - 1]
        found = _NO_SPACE.match(row)
        if found is None or _in_block_text(rows, number):
            continue
        at = found.end()  # just past the colon
        mend = check(_Mend({number: row[:at] + " " + row[at:]}, {number: (at, 1)}), number)
        if mend is None:
            continue
        key = found[2]
        value = _key_and_text(row[at:])
        return (
            number,
            at,
            f"YAML 语法错误：“{key}:”的冒号后面缺少一个空格。YAML 只把“冒号加空格”当作字段和值的分隔，少了空格，整行都被当成了一段文字："
            f"请在冒号后加一个半角空格，写成“{key}: {value}”。",
            mend,
        )
    return None


_LIST_MARKS = {
    "－": "全角的减号（中文输入法打出的）",
    "﹣": "全角的减号（中文输入法打出的）",
    "−": "数学的减号",
    "‐": "连字符",
    "‑": "连字符",
    "‒": "连接号",
    "–": "连接号",
    "—": "破折号",
    "——": "破折号",
    "―": "破折号",
    "•": "项目符号（从 Word、WPS 或网页复制来的）",
    "●": "项目符号（从 Word、WPS 或网页复制来的）",
    "◦": "项目符号（从 Word、WPS 或网页复制来的）",
    "▪": "项目符号（从 Word、WPS 或网页复制来的）",
    "■": "项目符号（从 Word、WPS 或网页复制来的）",
    "·": "间隔号（中间的圆点）",
    "・": "间隔号（中间的圆点）",
    "*": "星号（Markdown 的列表写法）",
}
"""Signs typed where a list item's ``- `` belongs, each as the editor is told what it is."""
_WRONG_MARK = re.compile(
    r"([ \t]*)(?:(——|[－﹣−‐‑‒–—―•●◦▪■·・*])([ \t\u3000\u00a0]*)|(-)(?=[A-Za-z_{\[\u3400-\u9fff]))(.*)", re.DOTALL
)
_FIELD_NEXT = re.compile(r"[A-Za-z_][\w-]*:(?:[ \t]|$)|[{\[]")
"""After ``*`` or a ``-`` without its space: a field or a { } or [ ], so the sign is a list item's, not text's (``* 注``)."""


def _among_items(rows: list[str], number: int, indent: str) -> bool:
    """Whether the nearest rows above or below line ``number`` at its indentation are list items (“- ”)."""
    for step in (-1, 1):
        at = number - 1 + step
        while 0 <= at < len(rows) and not rows[at].strip():
            at += step
        if 0 <= at < len(rows) and rows[at].startswith(indent + "- "):
            return True
    return False


def _wrong_list_mark(rows: list[str], candidates: list[int], check: _Check) -> tuple[int, int, str, _Mend] | None:
    """``－ type: heading``, ``• type: heading``, ``-type: heading``: a list item begun with a full-width dash, a bullet
    or a dash without its space. YAML reads the line as a field named “－ type” (or as text) and fails on the item's next
    line. Told at the line with the sign, with the line to write, when ``- `` in its place reads on."""
    for number in candidates:
        row = rows[number - 1]
        found = _WRONG_MARK.fullmatch(row)
        if found is None or _in_block_text(rows, number):
            continue
        indent, sign, spaces, rest = found[1], found[2] or found[4], found[3] or "", found[5]
        if sign in "*-" and not _FIELD_NEXT.match(rest) and not (sign == "-" and _CJK.match(rest) and _among_items(rows, number, indent)):
            continue  # “* 注：…” as printed, or “-5”: text, and its mistake is another (“-拟订…” among “- ” items is an item)
        if not rest.strip() or rest.lstrip().startswith("#"):
            continue
        item = rest if _FIELD_NEXT.match(rest) else _text_item(rest)
        new = indent + "- " + item
        mend = check(_Mend({number: new}, {number: (len(indent) + 1, len(new) - len(row))}), number)
        if mend is None:
            continue
        write = f"写成“- {_key_and_text(item)}”"
        if sign == "-":
            message = f"YAML 语法错误：列表项的“-”后面要有一个空格，否则 YAML 不把它当作列表项：请在“-”后加一个半角空格，{write}。"
        else:
            wide = "；后面的全角空格“　”也要换成半角空格" if "\u3000" in spaces else ""
            message = (
                f"YAML 语法错误：这一行开头的“{sign}”是{_LIST_MARKS[sign]}，YAML 不认：YAML 的列表项要用半角的“- ”（减号后加一个空格{wide}），"
                f"{write}（切换到英文输入法后输入减号）。"
            )
            if not _FIELD_NEXT.match(rest):
                # a text item: “—— 注：…” may be printed so, dash and all
                message += f"如果“{sign}”是原文里印着的文字，就在它前面加上“- ”，写成“- {_key_and_text(_text_item(sign + spaces + rest))}”。"
        return number, len(indent) + 1, message, mend
    return None


def _text_item(rest: str) -> str:
    """A list item's text as written after its ``- ``: in quotes when it holds a colon and a space (“第二条: 说明”)."""
    if not re.search(r":(?:[ \t]|$)", re.sub(r"[ \t]+#.*", "", rest)):
        return rest
    value = re.sub(r"[ \t]+#.*", "", rest.rstrip("\r")).rstrip()
    quoted = f"\"{value}\"" if '"' not in value and "\\" not in value else "'" + value.replace("'", "''") + "'"
    return quoted + ("\r" if rest.endswith("\r") else "")


_OPENER = re.compile(r"([ \t]*)((?:-[ \t]+)*)(?:([^\s#'\"][^#]*?):[ \t]+)?([|>])[-+0-9]*[ \t]*(?:#.*)?")
"""A line that opens a block of text: ``text: |``, ``- |``, ``note: >-``."""
_SIBLING_KEY = re.compile(r"[ \t]*[A-Za-z_][\w-]*:(?:[ \t]|$)")
"""A field of the content format (rows:, level1: 产出指标), as no pasted line of text begins."""
_FIELD_LIKE = re.compile(r"[ \t]*(?:-(?:[ \t]|$)|[A-Za-z_][\w-]*[ \t]*[:：\t ]|[^\s#][^#]*?:(?:[ \t]|$)|#)")
"""A line that may well be YAML structure, not text: a list entry, ``title：…`` or ``yaer 2022``, a ``key: ``, a comment."""


def _indent(row: str) -> int:
    return len(row) - len(row.lstrip(" "))


def _pasted_into_block(rows: list[str], candidates: list[int], check: _Check) -> tuple[int, int, str, _Mend] | None:
    """A paragraph pasted at the start of the line (or less indented) among the lines of a ``text: |`` block: YAML ends
    the text there and cannot read the line. Told at the first line that broke the indentation, with the lines to indent."""
    for number in candidates:
        row = rows[number - 1].rstrip("\r")
        if not row.strip() or row.lstrip(" ").startswith("#"):
            continue
        # The block above: its opening line, and the indentation of its first line of text.
        opener = None
        first = None
        for above in range(number - 1, 0, -1):
            text = rows[above - 1].rstrip("\r")
            if not text.strip():
                continue
            found = _OPENER.fullmatch(text)
            if found is not None:
                opener = above
                break
            first = above
        if opener is None:
            continue
        found = _OPENER.fullmatch(rows[opener - 1].rstrip("\r"))
        assert found is not None
        # The column the text must be right of: its field's, or for “- |” the dash's.
        owner = len(found[1]) + (len(found[2]) if found[3] else len(found[2].rstrip(" \t")) - 1)
        if first is None:
            want = owner + 2  # the text's first line is the one not indented
            if _indent(row) > owner:
                continue
        else:
            want = _indent(rows[first - 1])
            if want <= owner or any(_indent(rows[k - 1]) < want for k in range(first, number) if rows[k - 1].strip()):
                continue
        if _indent(row) >= want:
            continue
        # The run of lines not indented enough, up to a line back in the text or one that may be the next field.
        end = number
        back = False
        for below in range(number + 1, len(rows) + 1):
            text = rows[below - 1].rstrip("\r")
            if not text.strip():
                continue
            if _indent(text) >= want:
                back = True
                break
            if _indent(text) <= owner and _FIELD_LIKE.match(text):
                break
            end = below
        if not back and _indent(row) <= owner and _FIELD_LIKE.match(row):
            continue  # “yaer 2022” after a text block: a field typed wrong, not text
        if _indent(row) == owner and _SIBLING_KEY.match(row):
            continue  # “rows:” under “goal: |”, level with it: the block's next field; the slip is further down

        mended = {
            k: " " * want + rows[k - 1].lstrip(" ") for k in range(number, end + 1) if rows[k - 1].strip()
        }
        mend = check(_Mend(mended, {k: (0, want - _indent(rows[k - 1])) for k in mended}), end)
        if mend is None:
            continue
        head = re.sub(r"[ \t]+#.*", "", rows[opener - 1].strip())
        head = head if len(head) <= 20 else head[:18] + "……"
        field = found[3] or "“-”"
        count = len(mended)
        which = "这一行" if count == 1 else f"第 {number}–{end} 行（共 {count} 行）"
        like = f"和第一行（第 {first} 行）一样缩进 {want} 个空格" if first is not None else f"比 {field} 多缩进，这里应缩进 {want} 个空格"
        told = "没有缩进" if _indent(row) == 0 else f"只缩进了 {_indent(row)} 个空格"
        ended = "到这里已经结束" if first is not None else "是空的"
        return (
            number,
            1,
            f"YAML 语法错误：这一行文字{told}，YAML 认为第 {opener} 行“{head}”下面的文字{ended}，读不懂这一行。"
            f"“{found[4]}”下面的每一行文字都要{like}：请在{which}前面补上空格，与上面的文字对齐。",
            mend,
        )
    return None


_BRACKET_FIRST = re.compile(r"([ \t]*(?:-[ \t]+)*(?:([^\s#'\"\[\]{},][^#]*?):[ \t]+)?)([\[{])")
_CLOSER = {"[": "]", "{": "}"}
_FIGURES = re.compile(r"[\d.,%~ \t-]*")


def _bracket_first(rows: list[str], candidates: list[int], check: _Check) -> tuple[int, int, str, _Mend] | None:
    """``note: [附件1] 见下表``, ``title: {草稿}说明``: a text that starts with a half-width bracket, which YAML takes for a
    list (or a set of fields) and then finds text after it. Told with the text in quotes as it should be written."""
    for number in candidates:
        row = rows[number - 1]
        found = _BRACKET_FIRST.match(row)
        if found is None or _in_block_text(rows, number):
            continue
        sign = found[3]
        start = found.start(3)
        close = row.find(_CLOSER[sign], start + 1)
        if close < 0:
            continue
        inner = row[start + 1 : close]
        after = re.sub(r"[ \t]+#.*", "", row[close + 1 :].rstrip("\r"))
        if not after.strip() or "," in inner or ": " in inner or "[" in inner or "{" in inner:
            continue  # a list or a row of fields with a mistake of another kind
        if _FIGURES.fullmatch(inner) and _FIGURES.fullmatch(after):
            continue  # values: [880] 900 — figures with a comma left out, not a text
        value = row[start:].rstrip("\r")
        comment = re.search(r"[ \t]+#.*", value)
        tail = value[comment.start() :] if comment else ""
        value = (value[: comment.start()] if comment else value).rstrip()
        quoted = f"\"{value}\"" if '"' not in value and "\\" not in value else "'" + value.replace("'", "''") + "'"
        new = row[:start] + quoted + tail + ("\r" if row.endswith("\r") else "")
        mend = check(_Mend({number: new}, {number: (start + 1, 1)}), number)
        if mend is None:
            continue
        what = "方括号“[”" if sign == "[" else "花括号“{”"
        means = "一个列表" if sign == "[" else "一组“字段: 值”"
        shown = quoted if len(quoted) <= 30 else quoted[:27] + "……" + quoted[-1]
        key = found[2]
        write = f"{key}: {shown}" if key else f"- {shown}" if "-" in found[1] else shown
        return (
            number,
            start + 1,
            f"YAML 语法错误：这个值以半角{what}开头，YAML 把“{sign}{inner}{_CLOSER[sign]}”读成了{means}，读不懂后面的文字“{_key_and_text(after)}”。"
            f"以 [ 或 {{ 开头的文字要加引号：请写成 {write}。",
            mend,
        )
    return None


_COMPARED = re.compile(
    r"(?P<lead>[ \t]*(?:-[ \t]+)*(?P<key>[A-Za-z_][\w-]*):[ \t]+|.*?[{,][ \t]*(?P<fkey>[A-Za-z_][\w-]*):[ \t]+)"
    r"(?P<sign>>[ \t]*=?)(?P<rest>[^#]*)"
)
"""``target: >6人``, ``target: >=95%``, ``{name: 满意度, target: >90%}``: a value that starts with a comparison sign."""
_COMPARISON_FIELDS = frozenset({"target", "actual", "operator"})
"""Fields an indicator's short value is written in, where a “>” can be nothing but a comparison (“>合格”)."""


def _comparison_first(rows: list[str], candidates: list[int], check: _Check) -> tuple[int, int, str, _Mend] | None:
    """``target: >6人``, ``target: >=95%``: an indicator's target begun with “>”, which YAML takes for the sign of a
    folded block of text (and in a { } row, for a sign no value may start with). Told as the comparison it is: in
    quotes or with the Chinese sign, never as a block of text (written so, the sign is lost and the value is “6人”)."""
    for number in candidates:
        row = rows[number - 1].rstrip("\r")
        found = _COMPARED.match(row)
        if found is None or _in_block_text(rows, number):
            continue
        key = found["key"] or found["fkey"]
        rest = found["rest"]
        if found["fkey"]:
            rest = re.split(r"[,}\]]", rest, maxsplit=1)[0]
        tail = row[found.end("sign") + len(rest) :]
        rest = rest.rstrip(" \t")
        sign = found["sign"].replace(" ", "").replace("\t", "")
        if not rest.strip():
            continue  # “text: >” over its lines: a block of text as meant
        if sign == ">" and key not in _COMPARISON_FIELDS and not re.match(r"[ \t]*[+-]?[\d.]", rest):
            continue  # “text: > 我部门……”: a block of text begun on its own line, told so by libyaml's message
        value = sign + rest.lstrip(" \t") if sign == ">=" else found["sign"] + rest
        if '"' in value or "\\" in value:
            continue
        start = found.start("sign")
        new = row[:start] + f'"{value}"' + tail + ("\r" if rows[number - 1].endswith("\r") else "")
        mend = check(_Mend({number: new}, {number: (start + 1, len(new) - len(rows[number - 1]))}), number)
        if mend is None:
            continue
        wide = ("≥" if sign == ">=" else "＞") + rest.lstrip(" \t")
        means = "不许 { } 里的值以“>”开头" if found["fkey"] else "把值开头的“>”当作多行文字的记号"
        return (
            number,
            start + 1,
            f"YAML 语法错误：{key} 的值“{value}”以比较符号“>”开头，而 YAML {means}，读不懂后面的文字。"
            f"请给这个值加英文双引号，写成 {key}: \"{value}\"；或者改用中文的比较符号，写成 {key}: {wide}。",
            mend,
        )
    return None


_FIELD_ROW = re.compile(r"( *)((?:-[ \t]+)*)([A-Za-z_][\w-]*):(?:[ \t]+(.*))?")
"""A line of fields: its indentation, its “- ” (if an item begins there), its field name and what follows the colon."""


def _field_column(row: str) -> tuple[int, int | None, str, str] | None:
    """The column (from 0) a field's name starts at, its item's dash column, the name and its value without a comment."""
    found = _FIELD_ROW.fullmatch(row.rstrip("\r"))
    if found is None:
        return None
    dash = len(found[1]) if found[2] else None
    value = re.sub(r"(?:^|[ \t]+)#.*", "", found[4] or "").strip()
    return len(found[1]) + len(found[2]), dash, found[3], value


def _line_above(rows: list[str], number: int) -> int | None:
    """The nearest line of YAML structure above line ``number``: not blank, not a comment, not a line of a block of text."""
    for above in range(number - 1, 0, -1):
        row = rows[above - 1]
        if row.strip() and not row.lstrip().startswith("#") and not _in_block_text(rows, above):
            return above
    return None


_FLOW_LIST = re.compile(r"(?:([A-Za-z_][\w-]*):[ \t]+)?\[([^\[\]{}]*)\]")
_FLOW_SLOT = re.compile(r"(?:\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'|[^,\"'])*")


def _empty_cell(rows: list[str], candidates: list[int], check: _Check) -> tuple[int, int, str, _Mend] | None:
    """``values: [82096797.42, 82096797.42, , , ]``: a blank cell of a workbook left blank between the commas (a row
    copied from Excel with its Tabs made “, ”). YAML finds nothing where an item should be; the blank cell is written ~."""
    for number in candidates:
        row = rows[number - 1]
        if _in_block_text(rows, number):
            continue
        for found in _FLOW_LIST.finditer(row):
            parts = _split_slots(found[2])
            # A last item of nothing at all (“[1, 2,]”) is a trailing comma, which YAML allows; one of spaces
            # (“[1, , ]”, a Tab made “, ”) is a cell left blank.
            if len(parts) < 2 or all(p.strip() for p in parts[:-1]) and (not parts[-1] or parts[-1].strip()):
                continue
            cells = [p.strip() or "~" for p in (parts if parts[-1] else parts[:-1])]
            written = "[" + ", ".join(cells) + "]"
            new = row[: found.start(2) - 1] + written + row[found.end() :]
            mend = check(_Mend({number: new}, {number: (found.start(2), len(new) - len(row))}), number)
            if mend is None:
                continue
            blank = next(i for i, p in enumerate(parts) if not p.strip())
            column = found.start(2) + sum(len(p) + 1 for p in parts[:blank]) + 1
            write = f"{found[1]}: {written}" if found[1] else written
            return (
                number,
                column,
                f"YAML 语法错误：[ ] 里有空着的一格（逗号之间什么也没写），YAML 读不懂：原文空白的格子请写 ~，不能空着，写成 {write}。",
                mend,
            )
    return None


def _split_slots(inner: str) -> list[str]:
    """The items of a [ ] between its commas, as typed (spaces kept), commas in quotes not splitting."""
    parts: list[str] = []
    at = 0
    while True:
        found = _FLOW_SLOT.match(inner, at)
        assert found is not None  # the pattern matches the empty text
        parts.append(found.group())
        at = found.end()
        if at >= len(inner) or inner[at] != ",":
            return parts
        at += 1


def _item_fields(rows: list[str], last: int, column: int) -> set[str]:
    """The names of the fields at ``column`` of the item (or mapping) whose field is on line ``last``, up from there."""
    names: set[str] = set()
    k: int | None = last
    while k is not None:
        found = _field_column(rows[k - 1])
        if found is not None and found[0] == column:
            names.add(found[2])
            if found[1] is not None:
                break  # the item's first line
        elif found is None or found[0] < column:
            if _indent(rows[k - 1]) < column:
                break
        k = _line_above(rows, k)
    return names


def _misaligned_field(rows: list[str], candidates: list[int], check: _Check) -> tuple[int, int, str, _Mend] | None:
    """A field indented a little more or less than the fields of its item above it: ``     title:`` under
    ``    role: operating-costs`` (read as more of role's text, then a colon YAML cannot take), ``  national: true`` under
    ``    source: …`` of a “- term:” item (level with the “- ”, or between it and the list's own field). Told with the field
    to align with and the column to start at, when moving the line there reads on."""
    for number in candidates:
        row = rows[number - 1]
        mine = _field_column(row)
        if mine is None or mine[1] is not None or _in_block_text(rows, number):
            continue
        at, _, key, _ = mine
        above = _line_above(rows, number)
        theirs = _field_column(rows[above - 1]) if above is not None else None
        if above is None or theirs is None:
            continue
        column, dash, name, value = theirs
        if at > column:
            if not value or value[0] in "|>[{\"'":
                continue  # “rows:” over its rows, “text: |” over its text: deeper is what is meant
        elif at < column:
            # Between two columns fields can be at, with a field of this name at the upper one elsewhere in the file:
            # not a field of an outer level moved right (“year:” under body), which is left to the general message.
            allowed = {column}
            low = column if dash is None else dash
            k: int | None = above
            while low > 0 and k is not None:
                k = _line_above(rows, k)
                outer = _field_column(rows[k - 1]) if k is not None else None
                if outer is not None and outer[0] < low:
                    allowed.add(outer[0])
                    low = outer[0] if outer[1] is None else outer[1]
            if key in _item_fields(rows, above, column):
                continue  # “term: 政府采购” level with the “- ” of “- term: …” items: a new item without its “- ”
            below = [c for c in allowed if c < column]
            if at in allowed or (below and at < max(below)):
                continue  # where a field of an outer level goes, or further left than the next level out
            if not any(
                (other := _field_column(r)) is not None and other[0] == column and other[2] == key
                for i, r in enumerate(rows, 1)
                if i != number
            ):
                continue
        else:
            continue
        new = " " * column + row.lstrip(" ")
        mend = check(_Mend({number: new}, {number: (0, column - at)}), number)
        if mend is None:
            continue
        where = f"从第 {column + 1} 列开始写（前面 {column} 个空格）" if column else "从行首开始写（前面不留空格）"
        align = f"请让“{key}:”与“{name}:”对齐，{where}。"
        if at > column:
            message = (
                f"YAML 语法错误：这一行的“{key}:”比第 {above} 行的“{name}:”多缩进了 {at - column} 个空格，"
                f"YAML 把它当成了“{name}”的文字接着写的一行，读不懂其中的冒号。同一级的字段要上下对齐：{align}"
            )
        elif dash is not None and at == dash:
            message = (
                f"YAML 语法错误：这一行的“{key}:”与第 {above} 行的“- ”对齐了，YAML 读不懂。它是“- ”那一项的字段，"
                f"不是新的一项：{align}"
            )
        else:
            message = (
                f"YAML 语法错误：这一行的“{key}:”缩进了 {at} 个空格，比第 {above} 行的“{name}:”少 {column - at} 个，"
                f"YAML 读不懂。同一级的字段要上下对齐：{align}"
            )
        return number, at + 1, message, mend
    return None


def _remember_last(events: Any, seen: list[Any]) -> Any:
    for event in events:
        seen[0] = event
        yield event


_SWALLOWED = re.compile(r"\n[ \t]*(?:-[ \t]+|[\w-]+:[ \t])")
"""A line inside a quoted text that looks like YAML structure (``key: `` or ``- ``)."""


def _runaway_quote(event: Any, exc: yaml.MarkedYAMLError, text: str) -> Any:
    """The quoted text that swallowed the lines after an unclosed quote, if that caused the error.

    An unclosed quote pairs with the next quote in the file, often many lines
    on, and the parser fails only there; the editor must be sent back to the line
    where the quote was opened.
    """
    mark = exc.problem_mark
    if not isinstance(event, yaml.ScalarEvent) or event.style not in ('"', "'") or mark is None:
        return None
    start, end = event.start_mark, event.end_mark
    if start is None or end is None or end.line == start.line or not end.line <= mark.line <= end.line + 1:
        return None
    return event if _SWALLOWED.search(text[start.index : end.index]) else None


def _swallowing_quote(event: Any, exc: yaml.MarkedYAMLError, text: str) -> Any:
    """The quoted text that ran on from an unclosed quote and closed at a right quote lines below, if the text the error
    is in was opened on that line: the quote to close is where the first one opened, not the line YAML names."""
    mark = exc.context_mark
    if mark is None or "quoted scalar" not in (exc.context or ""):
        return None
    if not isinstance(event, yaml.ScalarEvent) or event.style not in ('"', "'"):
        return None
    start, end = event.start_mark, event.end_mark
    if start is None or end is None or end.line == start.line or end.line != mark.line or mark.index < end.index:
        return None
    return event if _SWALLOWED.search(text[start.index : end.index]) else None


def _place_of_index(text: str, index: int) -> tuple[int, int]:
    """The editor's line and column of a character index."""
    index = max(0, min(index, len(text)))
    before = text[:index]
    line = before.count("\n") + 1
    return line, index - (before.rfind("\n") + 1) + 1


def _cut_by_comma(text: str, mark: Any, key: str) -> bool:
    """Whether ``key`` is the tail of a text that a half-width comma cut off inside ``{ }`` (完成…日常维护,指挥部旧址…)."""
    index = getattr(mark, "index", None)
    if not isinstance(index, int) or not any("\u4e00" <= c <= "\u9fff" for c in key):
        return False
    line = text[text.rfind("\n", 0, index) + 1 : index].rstrip(" ")
    return line.endswith(",") and "{" in line


class _Refused(Exception):
    """Stop building: the problem is already recorded."""


def _build(src: Source, events: Any, lines: _Lines) -> None:
    """Turn parser events into plain values, recording places as it goes."""
    stack: list[tuple[Any, Path_, list[Any]]] = []
    # Each frame: (container, its path, [pending key, pending key mark] for mappings).
    documents = 0
    root_set = False

    def attach(value: Any, mark: Any, is_container: bool) -> Path_:
        nonlocal root_set
        pos = lines.at(mark)
        if not stack:
            if root_set:
                return ()
            src.data = value
            root_set = True
            src.value_at[()] = pos
            return ()
        container, cpath, pending = stack[-1]
        if isinstance(container, list):
            p = cpath + (len(container),)
            container.append(value)
            src.value_at[p] = pos
            return p
        if pending[0] is _NO_KEY:
            if is_container:
                _problem(src, "yaml-syntax", "YAML 语法错误：不能用列表或映射作为字段名。", *pos)
                raise _Refused
            key = value if isinstance(value, str) else ("" if value is None else str(value))
            p = cpath + (key,)
            if key in container:
                first = src.key_at.get(p, (0, 0))
                _problem(
                    src,
                    "duplicate-key",
                    f"字段“{key}”重复出现（第一次在第 {first[0]} 行）："
                    + (
                        f"它多半是前一项文字的后半段——在 {{ }} 一行写法中，文字里的半角逗号“,”会把文字断开。请给整段文字加引号，如 \"……,{key}\"。"
                        if _cut_by_comma(src.text, mark, key)
                        else (
                            "多半是两个块之间少了一行“- type: …”，后一个块并进了前一个块（只留最后一个“"
                            + key
                            + "”，前一个的内容就不见了）。请在这一行的块前面补上那一行（如“- type: heading”），不要删去内容；确是重复写的，再删去一个。"
                        )
                        if cpath and isinstance(cpath[-1], int) and "type" in container and key != "type"
                        else "YAML 只会保留最后一个，请删除或合并重复的字段。"
                    ),
                    *pos,
                )
            pending[0] = key
            src.key_at[p] = pos
            return p
        key = pending[0]
        pending[0] = _NO_KEY
        p = cpath + (key,)
        container[key] = value
        src.value_at[p] = pos
        return p

    for event in events:
        if isinstance(event, yaml.ScalarEvent):
            if event.anchor:
                _refuse_alias(src, event, lines)
            if event.tag is not None and event.tag not in _PLAIN_TAGS:
                _tagged(src, event, lines)
            if _CONTROL.search(event.value):
                # Written as an escape ("\x01"), so the reader let it through: no page, feed or CSV may carry it.
                char = _CONTROL.search(event.value).group(0)  # type: ignore[union-attr]
                line, column = lines.at(event.start_mark)
                _problem(src, "control-character", f"文字中含有不可见的控制字符（U+{ord(char):04X}），请删除。", line, column)
            at = attach(_scalar(event), event.start_mark, False)
            if event.style in ("|", ">") and not event.value:
                _sign_read_as_block(src, event, lines, at)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if event.anchor:
                _refuse_alias(src, event, lines)
            if event.tag is not None and event.tag != "!":
                _tagged(src, event, lines)
            if len(stack) >= MAX_DEPTH:
                _problem(
                    src,
                    "too-deep",
                    f"嵌套层级超过 {MAX_DEPTH} 层，内容格式用不到这么深的结构，请检查缩进。",
                    *lines.at(event.start_mark),
                )
                raise _Refused
            container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            p = attach(container, event.start_mark, True)
            stack.append((container, p, [_NO_KEY]))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
        elif isinstance(event, yaml.AliasEvent):
            _refuse_alias(src, event, lines)
        elif isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                _problem(
                    src,
                    "multiple-documents",
                    "一个文件只能包含一份内容：请删除多余的“---”分隔线，或把它拆成两个文件。",
                    lines.at(event.start_mark)[0],
                    1,
                )
                raise _Refused


def _sign_read_as_block(src: Source, event: Any, lines: _Lines, path: Path_) -> None:
    """``target: >6``: YAML reads “>6” as the head of a block of text indented 6 more, finds no such text and gives an
    empty value, without a word — the target is lost. An empty block with a figure in its head is never meant."""
    index = getattr(event.start_mark, "index", None)
    if not isinstance(index, int):
        return
    head = re.split(r"[\r\n]", src.text[index:], maxsplit=1)[0]
    found = re.fullmatch(r"([|>])([-+]?[1-9][-+]?)[ \t]*(?:#.*)?", head.rstrip())
    if found is None:
        return
    key = path[-1] if path and isinstance(path[-1], str) else ""
    value = found[1] + found[2]
    write = f"{key}: " if key else ""
    wide = f"；或者改用中文的比较符号，写成 {write}＞{found[2]}" if found[1] == ">" else ""
    _problem(
        src,
        "yaml-syntax",
        f"YAML 语法错误：{key + ' 的值' if key else '这个值'}“{value}”读出来是空的：YAML 把值开头的“{found[1]}”加数字当作多行文字的记号"
        f"（数字是文字的缩进格数），“{value}”就丢了。请给这个值加英文双引号，写成 {write}\"{value}\"{wide}。",
        *lines.at(event.start_mark),
    )


_PLAIN_TAGS = frozenset({"!", "tag:yaml.org,2002:str"})
"""Tags that ask for nothing but the text as written (``!!str 2021``)."""


def _tagged(src: Source, event: Any, lines: _Lines) -> None:
    """A YAML tag (!!binary, !include, !!python/…) asks the reader to do something with the text it never does: the text
    would be published as written (base64, a path) while its author expected something else."""
    shown = event.tag.replace("tag:yaml.org,2002:", "!!")
    _problem(
        src,
        "yaml-tag",
        f"不支持 YAML 标签（这里是“{shown}”）：pubgen 不会按标签转换或引入任何内容，只会把后面的文字原样公开。"
        "请删去标签，把内容直接写出来；“!”本是文字开头的，请给整段文字加引号。",
        *lines.at(event.start_mark),
    )


def _refuse_alias(src: Source, event: Any, lines: _Lines) -> None:
    _problem(
        src,
        "yaml-alias",
        "不支持 YAML 锚点和别名（& 和 *）：请把内容直接写出来。“&”“*”本是文字开头的（如“*注：…”），请给整段文字加引号。",
        *lines.at(event.start_mark),
    )
    raise _Refused


class _NoKey:
    __slots__ = ()


_NO_KEY = _NoKey()


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters other than tab and line breaks."""


def _scalar(event: Any) -> Any:
    """Keep the text as typed; only plain null and booleans become values."""
    value: str = event.value
    if event.style in (None, ""):
        if value in NULL_WORDS:
            return None
        if value in TRUE_WORDS:
            return True
        if value in FALSE_WORDS:
            return False
    return value


class _Slow(Exception):
    """Leave this file to the exact reader, which explains what is wrong."""


def _fast(src: Source, text: str) -> bool:
    """Build the values in one tight loop (see :mod:`pubgen.yamlsubset`, else from libyaml's events); places come later, on demand.

    Anything the exact reader would report (anchors and aliases, duplicate keys,
    non-text keys, too deep nesting, several documents, syntax errors) sends the
    file to the exact reader instead, which explains it.
    """
    data = subset_values(text)
    if data is not NOT_MINE:
        src.data = data
        src.lazy = True
        return True
    try:
        src.data = _fast_values(text)
    except (_Slow, yaml.YAMLError):
        src.data = None
        return False
    src.lazy = True
    return True


_ScalarEvent = yaml.ScalarEvent
_MappingStart = yaml.MappingStartEvent
_SequenceStart = yaml.SequenceStartEvent
_CollectionEnd = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_MappingEnd = yaml.MappingEndEvent
_SequenceEnd = yaml.SequenceEndEvent
_StreamStart = yaml.StreamStartEvent
_DocumentStart = yaml.DocumentStartEvent
_NOTHING = object()


def _walk_places(text: str, value_at: dict[Path_, tuple[int, int]], key_at: dict[Path_, tuple[int, int]]) -> Iterator[Path_]:
    """Place every value and every key of a file the fast reader accepted, as :func:`_build` records them, in file order.

    Yields the path of each value placed (its key, if any, placed just before), so a
    caller stops as soon as it has the place it wants and goes on later. The reader took
    the file whole (one document, no aliases, no duplicate keys, keys that are text), so
    this loop needs none of :func:`_build`'s checks; it runs for the files that have a
    problem to place, often a tenth of a province's. A paused walk keeps libyaml's parser
    (and its copy of the text) until the file's ``Source`` goes.
    """
    lines = _Lines(text)
    unusual = lines.starts is not None
    loader = _Loader(text)
    try:
        get = loader.get_event
        # Each open container: [its path, whether it is a list, its next index, the key waiting for its value].
        frames: list[list[Any]] = []
        while True:
            ev = get()
            cls = ev.__class__
            if cls is _ScalarEvent or cls is _MappingStart or cls is _SequenceStart:
                mark = ev.start_mark
                pos = lines.of_index(mark.index) if unusual else (mark.line + 1, mark.column + 1)
                if not frames:
                    path: Path_ = ()
                else:
                    frame = frames[-1]
                    if frame[1]:
                        path = frame[0] + (frame[2],)
                        frame[2] += 1
                    elif frame[3] is _NO_KEY:
                        key = ev.value
                        if not ev.style:
                            key = PLAIN_VALUES.get(key, key)
                        if key.__class__ is not str:
                            key = "" if key is None else str(key)
                        # The key's path is its value's: made once, kept until the value comes.
                        key_path: Path_ = frame[0] + (key,)
                        key_at[key_path] = pos
                        frame[3] = key_path
                        continue
                    else:
                        path = frame[3]
                        frame[3] = _NO_KEY
                value_at[path] = pos
                if cls is not _ScalarEvent:
                    frames.append([path, cls is _SequenceStart, 0, _NO_KEY])
                elif not frames:
                    break
                yield path
            elif cls is _MappingEnd or cls is _SequenceEnd:
                frames.pop()
                if not frames:
                    break
            elif cls is _StreamStart or cls is _DocumentStart:
                continue
            else:
                break
    finally:
        loader.dispose()


def _fast_values(text: str) -> Any:
    loader = _Loader(text)
    try:
        get = loader.get_event
        check = loader.check_event
        get()  # stream start
        if not check(yaml.DocumentStartEvent):
            raise _Slow
        get()
        stack: list[Any] = []  # open containers
        keys: list[Any] = []  # per open mapping: the key waiting for its value
        root: Any = _NOTHING
        container: Any = None
        is_list = False
        while True:
            ev = get()
            cls = ev.__class__
            if cls is _ScalarEvent:
                if ev.anchor or (ev.tag is not None and ev.tag not in _PLAIN_TAGS):
                    raise _Slow
                value = ev.value
                if _CONTROL.search(value) or (not value and ev.style in ("|", ">")):
                    raise _Slow  # (an empty block of text: “target: >6”, see _sign_read_as_block)
                if not ev.style:
                    value = PLAIN_VALUES.get(value, value)
            elif cls is _MappingStart or cls is _SequenceStart:
                if ev.anchor or ev.tag is not None or len(stack) >= MAX_DEPTH:
                    raise _Slow
                value = {} if cls is _MappingStart else []
            elif cls in _CollectionEnd:
                stack.pop()
                keys.pop()
                if not stack:
                    break
                container = stack[-1]
                is_list = container.__class__ is list
                continue
            elif cls is yaml.DocumentEndEvent:
                break
            else:  # aliases and anything unexpected
                raise _Slow
            # attach value
            if container is None:
                root = value
            elif is_list:
                container.append(value)
            else:
                key = keys[-1]
                if key is _NOTHING:
                    if cls is not _ScalarEvent:
                        raise _Slow
                    if value.__class__ is not str:
                        value = "" if value is None else str(value)
                    if value in container:
                        raise _Slow
                    keys[-1] = value
                    continue
                container[key] = value
                keys[-1] = _NOTHING
            if cls is not _ScalarEvent:
                stack.append(value)
                keys.append(_NOTHING)
                container = value
                is_list = cls is _SequenceStart
            elif container is None:
                break
        if root is _NOTHING:
            raise _Slow
        # After the document: nothing but the end of the stream.
        while check(yaml.DocumentEndEvent):
            get()
        if not check(yaml.StreamEndEvent):
            raise _Slow
        return root
    finally:
        loader.dispose()
