"""Every string that leaves pubgen for another format goes through one function here, one per format.

Each function takes text exactly as an editor wrote it and returns it written
for its format so that the format reads back the same text and nothing else:
no element, command, property, line or id the text did not ask for. What a
format cannot carry at all (controls in HTML, U+FFFE in XML) is dropped, and
only that; everything else is kept as written (``~``, U+3000, no-break spaces).
The invariant of each function is stated in its docstring and checked by a
property test over arbitrary Unicode in ``tests/test_escape.py``.

========================  ==========================================================
format                    function
========================  ==========================================================
HTML in the page tree     :func:`html_text` (text and attribute values)
Markdown heading line     :func:`md_heading`
YAML front matter         :func:`yaml_string`
Atom feed (XML)           :func:`xml_text`
HTML id / URL fragment    :func:`html_id`
GitHub comment Markdown   :func:`gfm_text` (inline, list items, table cells)
GitHub comment raw HTML   :func:`gfm_html_text` (``<summary>``)
GitHub workflow command   :func:`workflow_command`
terminal / CI log line    :func:`log_text`
========================  ==========================================================
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping

from markupsafe import Markup, escape

# --------------------------------------------------------------------------- what formats cannot carry

_SURROGATES = "\ud800-\udfff"
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(1, 17))

_NOT_HTML = re.compile(f"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f{_SURROGATES}{_NONCHARACTERS}]")
"""Controls other than tab, line feed, form feed and carriage return, noncharacters and lone surrogates:
the HTML standard makes each a parse error, and pubgen never publishes them."""

_NOT_XML = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff{_SURROGATES}]")
"""What XML 1.0 does not allow in a document at all, even as a character reference."""

_LINE_BREAK = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
"""Everything some reader of pubgen's output takes as the end of a line."""

_CR = re.compile("\r\n?")

_SPLITTERS = re.compile("[\t\n\x0c\u2028\u2029]")
"""Characters HTML allows that a line-based reader may break at (``str.splitlines``, a Markdown
preprocessor) or rewrite (Python-Markdown turns tabs into spaces before anything else)."""

_HTML_SPECIAL = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_SURROGATES}{_NONCHARACTERS}]")
"""Any character :func:`html_text` removes or rewrites beyond escaping: of ``_NOT_HTML``, ``_CR`` or ``_SPLITTERS``."""

_ASCII_PUNCTUATION = frozenset(string.punctuation)

RESERVED_ID_PREFIXES = ("__", "pg-", "id-")
"""Ids the theme uses start with ``__`` (``__config``, ``__search``, ``__drawer``, ``__nav_1``);
pubgen's own start with ``pg-``; ``id-`` is what :func:`html_id` puts before the other two."""


def printable_in_html(text: str) -> str:
    """``text`` without the characters an HTML page must not contain."""
    return _NOT_HTML.sub("", text)


def _ref(char: str) -> str:
    """A numeric character reference, which every HTML, XML and Markdown reader decodes alike."""
    return f"&#{ord(char)};"


def _ref_of(match: re.Match[str]) -> str:
    return _ref(match.group(0))


# --------------------------------------------------------------------------- the generated site


def html_text(text: str) -> Markup:
    """Text for HTML in the Markdown page tree: element content or a double-quoted attribute value.

    Invariant: the result is one line (line breaks are written ``&#10;`` and tabs
    ``&#9;``, so no Markdown builder or preprocessor sees or rewrites a line of it:
    no fence, heading or snippet can start there); an HTML parser reads it back, in content and in
    attributes, as ``text`` with CR LF and CR made LF and the characters HTML
    forbids removed.
    """
    if not _HTML_SPECIAL.search(text):
        return escape(text)  # nearly every value: nothing to remove or write as a reference
    text = _CR.sub("\n", _NOT_HTML.sub("", text))
    return Markup(_SPLITTERS.sub(_ref_of, str(escape(text))))


def one_line_html(html: str) -> Markup:
    """HTML that pubgen generated (markdown-it's output) as one line, with the same document tree.

    A line feed or tab in text, between tags or in an attribute value means the
    same as its reference (``&#10;``, ``&#9;``); markdown-it writes no raw HTML
    (it is off), so none sits inside a tag name.
    """
    return Markup(_SPLITTERS.sub(_ref_of, _CR.sub("\n", html)))


def md_heading(text: str) -> Markup:
    """Text for a Markdown heading line (after ``# ``) that any Markdown builder reads as plain text.

    Invariant: the result is one line; CommonMark (markdown-it) and Python-Markdown
    with MkDocs' extensions both make ``# `` + result exactly one heading whose
    text is ``text`` with line breaks made spaces and the characters HTML forbids
    removed. Every ASCII punctuation character is written as a character
    reference, because what is an escape differs by builder (``\\~`` is none in
    Python-Markdown) and extensions add syntax (``~~``, ``==``, ``{: }``, ``:emoji:``);
    spaces at either end are written as references so that no builder trims them.
    """
    text = _NOT_HTML.sub("", _LINE_BREAK.sub(" ", text))
    out = []
    for char in text:
        if char == "&":
            out.append("&amp;")
        elif char == "<":
            out.append("&lt;")
        elif char == ">":
            out.append("&gt;")
        elif char in _ASCII_PUNCTUATION or char == "\t":
            out.append(_ref(char))
        else:
            out.append(char)
    start = 0
    while start < len(out) and out[start].isspace():
        out[start] = _ref(out[start])
        start += 1
    end = len(out) - 1
    while end >= start and out[end].isspace():
        out[end] = _ref(out[end])
        end -= 1
    return Markup("".join(out))


_YAML_PRINTABLE = re.compile("[\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
"""Characters a YAML double-quoted scalar may hold as they are (U+FEFF, line breaks and controls are escaped)."""


def yaml_string(text: str) -> Markup:
    """A YAML double-quoted scalar (front matter) that reads back as exactly ``text``.

    Invariant: one line; ``yaml.safe_load`` of ``key: `` + result gives ``text``
    for any string Python holds without lone surrogates.
    """
    out = ['"']
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif _YAML_PRINTABLE.fullmatch(char):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    out.append('"')
    return Markup("".join(out))


def xml_text(text: str) -> Markup:
    """Text for XML element content or a quoted attribute value (the Atom feed).

    Invariant: the document parses with an XML 1.0 parser and the value reads
    back as ``text`` without the characters XML cannot carry (C0 controls other
    than tab, LF and CR; U+FFFE; U+FFFF). Tab, LF and CR are written as
    references, so attribute normalisation and line-end handling keep them.
    """
    text = _NOT_XML.sub("", text)
    return Markup(str(escape(text)).replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;"))


_ASCII_WHITESPACE = re.compile("[\t\n\x0c\r ]+")


def html_id(text: str) -> str:
    """An element id (and URL fragment before percent-encoding) made from an editor's text.

    Invariant: a valid HTML id (not empty, no ASCII whitespace, no character
    HTML forbids) that never starts with a prefix the theme or pubgen use
    (``__``, ``pg-``, compared without case); two different texts without ASCII
    whitespace never give the same id. Text already safe, such as a Chinese
    term, is its own id, so published addresses stay as they were.
    """
    candidate = _ASCII_WHITESPACE.sub("-", _NOT_HTML.sub("", text))
    if not candidate or candidate.lower().startswith(RESERVED_ID_PREFIXES):
        return "id-" + candidate
    return candidate


class SafeSlugify:
    """A heading slugify function (the ``toc`` extension's) whose ids never take the theme's or pubgen's."""

    def __init__(self, slugify: Callable[[str, str], str]) -> None:
        self.slugify = slugify

    def __call__(self, value: str, separator: str) -> str:
        slug = self.slugify(value, separator)
        return html_id(slug) if slug else slug  # an empty slug is numbered by the toc extension itself


# --------------------------------------------------------------------------- pull-request comments (GitHub-flavoured Markdown)

_MENTION = re.compile(
    r"(?<=@)(?=[A-Za-z0-9])|(?<=#)(?=[0-9])"  # @name notifies a person or team, #12 links and cross-references an issue
    r"|(?<=GH-)(?=\d)"  # GH-12: an issue reference on GitHub
    r"|(?<=:)(?=//)"  # https://…: a bare URL becomes a link
    r"|(?<=www)(?=\.)"  # www.example.gov.cn: so does a bare host
    r"|(?<=:)(?=[A-Za-z0-9_+-]+:)"  # :warning: an emoji code
    r"|(?<=[!%&$~])(?=[A-Za-z0-9])",  # GitLab: !12 merge request, %1 milestone, &3 epic, $4 snippet, ~bug label
    re.IGNORECASE,
)
"""Where GitHub or GitLab would turn words into a mention, a reference, a link or an emoji: a zero-width joiner goes
there, and the text reads the same."""

_GFM_BACKSLASHED = frozenset("\\`*_[]|~#$")
"""Inline syntax in GitHub comments: code, emphasis, links and images, tables, strikethrough, headings, math."""

_JOINER = "\u200d"


def _unmention(text: str) -> str:
    # A zero-width joiner (after @, #, GH-, https:, …) keeps the text readable and stops GitHub or GitLab from linking it.
    return _MENTION.sub(_JOINER, text)


def _ends_as_references(text: str) -> str:
    """Write whitespace at either end as references: Markdown readers trim it, indentation makes code."""
    left = len(text) - len(text.lstrip())
    right = len(text.rstrip())
    if left == 0 and right == len(text):
        return text
    if left >= right:
        return "".join(_ref(c) for c in text)
    return "".join(_ref(c) for c in text[:left]) + text[left:right] + "".join(_ref(c) for c in text[right:])


def gfm_text(text: str, *, line_start: bool = False, cell: bool = False) -> str:
    """Text for a GitHub comment's Markdown: a paragraph, a list item (``line_start``) or a table cell (``cell``).

    Invariant: the result is one line; rendered as GitHub-flavoured Markdown it
    gives text only (in a cell, ``<br>`` where ``text`` broke lines; elsewhere
    line breaks become spaces), equal to ``text`` without the characters HTML
    forbids and with a zero-width joiner where GitHub or GitLab would otherwise
    mention someone, reference an issue, merge request or label, make a link or
    an emoji (``@name``, ``#12``, ``GH-12``, ``https://``, ``www.``, ``:tada:``,
    ``!12``); no table cell boundary.
    """
    lines = []
    for line in _LINE_BREAK.split(text):
        pieces = []
        for char in _unmention(_NOT_HTML.sub("", line)):
            if char == "&":
                pieces.append("&amp;")
            elif char == "<":
                pieces.append("&lt;")
            elif char == ">":
                pieces.append("&gt;")
            elif char in _GFM_BACKSLASHED:
                pieces.append("\\" + char)
            else:
                pieces.append(char)
        lines.append("".join(pieces))
    result = "<br>".join(_ends_as_references(line) for line in lines) if cell else " ".join(lines)
    result = _ends_as_references(result)
    if line_start:
        # What would start a block after a list marker: a list, an ordered list, a setext underline.
        result = re.sub(r"^([0-9]{1,9})([.)])", r"\1\\\2", result)
        result = re.sub(r"^([+\-=])", r"\\\1", result)
    return result


def gfm_html_text(text: str) -> str:
    """Text inside raw HTML of a GitHub comment (``<summary>…</summary>``).

    Invariant: one line (a blank line would end the HTML block and let the rest
    be read as Markdown); parsed as HTML it is ``text`` with line breaks made
    spaces, the characters HTML forbids removed and mentions neutralised as in :func:`gfm_text`.
    """
    text = _unmention(_NOT_HTML.sub("", _LINE_BREAK.sub(" ", text)))
    return str(escape(text))


# --------------------------------------------------------------------------- GitHub Actions workflow commands


def _command_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _command_property(text: str) -> str:
    return _command_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(command: str, properties: Mapping[str, str | int], message: str) -> str:
    """One GitHub Actions workflow command line, e.g. ``::error file=a.yml,line=3,title=x::message``.

    Invariant: exactly one line; the runner parses it back to ``command``, the
    non-empty ``properties`` and ``message``, whatever they hold (GitHub's
    rules: ``%`` → ``%25``, CR → ``%0D``, LF → ``%0A`` everywhere, and in
    properties also ``:`` → ``%3A`` and ``,`` → ``%2C``). The runner trims
    whitespace at the very end of the properties, so the last one should be a
    value that has none (pubgen puts the problem code last).
    """
    if not re.fullmatch(r"[a-z][a-z-]*", command):
        raise ValueError(f"not a workflow command: {command!r}")
    listed = ",".join(f"{key}={_command_property(str(value))}" for key, value in properties.items() if str(value))
    return f"::{command} {listed}::{_command_data(message)}" if listed else f"::{command}::{_command_data(message)}"


# --------------------------------------------------------------------------- terminals and CI logs

_INVISIBLE_IN_LOGS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff" f"{_SURROGATES}{_NONCHARACTERS}]")
_LOG_COMMAND = re.compile(r"^(\s*:):|##\[")


def _shown(match: re.Match[str]) -> str:
    return f"<U+{ord(match.group(0)):04X}>"


def log_text(text: str) -> str:
    """Text for one line of a terminal or CI log (``pubgen diff``'s text output).

    Invariant: one line; no control character reaches the terminal (escape
    sequences, bidi overrides and zero-width characters are shown as
    ``<U+202E>``); a line break is shown as ``⏎``; the line cannot be read by
    the GitHub Actions runner as a workflow command (``::`` at its start, ``##[`` anywhere).
    """
    if text.isprintable() and "##[" not in text and not text.lstrip().startswith("::"):
        # The usual message (a check report prints tens of thousands): no control, format or line-separator
        # character, no noncharacter or surrogate (none is printable), and no command.
        return text
    text = _LINE_BREAK.sub("⏎", text)
    text = _INVISIBLE_IN_LOGS.sub(_shown, text)
    return _LOG_COMMAND.sub(lambda m: (m.group(1) + "\u200b:") if m.group(1) else "##\u200b[", text)
