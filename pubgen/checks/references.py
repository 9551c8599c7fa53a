"""References between files: departments, regions, addresses and glossary entries."""

from __future__ import annotations

import re

import unicodedata
from pathlib import Path
from typing import Iterable, Iterator

from .. import model as m
from ..glossary import scopes_meet
from ..load import Content, Loaded, meant_department, source_name
from ..provenance import unoffered_originals, why_not_offered
from ..problems import Problem
from ..source import Source
from .registry import ERROR, WARNING, family, rule

REFERENCES = family("references", "引用与网址")

rule(
    REFERENCES,
    "unknown-department",
    ERROR,
    """
文档所属部门不存在。修改：先在 `content/departments/` 建立部门，或改正部门路径（会提示最接近的部门；只写了部门代号
如 `xinfangju` 的，提示完整的“地区路径/部门代号”）。部门文件在、但因别的错误未能读入的，只在部门文件处报告那些错误。
""",
)

rule(
    REFERENCES,
    "unknown-region",
    ERROR,
    """
部门所属地区，或名词解释的适用地区（`regions`），在 `regions.yml` 中不存在。修改：补上地区，或改正地区路径；
名词解释只适用于本站没有的地区（如删去示例内容后留下的），删去这条解释或改写它的 `regions`。`regions.yml` 本身因错误未能读入时不报告此项。
只写了最后一级代号的（`regions: [anyuan]`），消息给出以它结尾的完整路径（`jiangxi/ganzhou/anyuan`）。
""",
)

rule(
    REFERENCES,
    "duplicate-department",
    ERROR,
    """
两个文件定义了同一个部门。修改：合并为一个文件。
""",
)

rule(
    REFERENCES,
    "duplicate-department-name",
    WARNING,
    """
同一地区有两个部门文件写着同一个部门名称（`name`），网站的部门列表会把这个部门列两次，文档也分在两处。
常见于先用默认代号导入、又用 `--department` 起了短代号再导入一次。例：`地区 jiangxi/ganzhou/anyuan 已有名为“安远县农业农村局”的部门
content/departments/jiangxi/ganzhou/anyuan/nongyenongcunju.yml……`
修改：是同一个部门的，只留一个部门文件：把另一个部门的文档移到留下的部门的文件夹里，并把其中的 `department` 改成它的代号，再删去
多余的部门文件（两处都有的同一份文档只留一份）；确是两个部门的，把名称照原文写全，以示区别。
""",
)

rule(
    REFERENCES,
    "original-not-offered",
    WARNING,
    """
`content/documents/` 里有原文文件（PDF、OFD、Excel、Word），却没有哪一页提供它的下载。页面只提供与文档的 `.yml` 文件同名的原文文件
（`2026-budget.yml` 提供 `2026-budget.pdf`），所以把 `.yml` 改了名而原文文件没有跟着改，页面上的“原文文件”下载就不见了。
例：`原文文件 2026-budget.xlsx 没有与它同名的文档文件（如 2026-budget.yml），页面不提供下载……这个文件夹里没有原文文件的文档：2025-budget.yml`
修改：把原文文件改成与它的文档同名（或把改错的 `.yml` 改回来）；链接请换成文件本身，下载失败时保存的网页请换成原文文件；不需要的原文文件请删去。
""",
)

rule(
    REFERENCES,
    "original-hidden-content",
    WARNING,
    """
原文文件（Excel、Word）里有读者看不到的内容：隐藏的工作表、隐藏的行或列中的数字、批注、链接到其他文件的公式（带着那个文件的路径和数字）和调用其他程序的公式（DDE），Word 的修订记录和隐藏文字。财政部门下发、
填好的公开工作簿常留着测算底稿（人员姓名、身份证号、工资）、内部口径说明和审核人的批注；照原样提供下载，这些内容就随文件公开了。
所以这样的原文文件页面不提供下载，其余照常发布。`pubgen import` 导入这样的工作簿时也不把它复制为原文文件，并在屏幕上说明。
例：`原文文件 2025-budget.xlsx：它含有读者看不到的内容：隐藏的工作表“测算底稿”、批注，照原样提供下载会把它们一并公开，所以页面不提供下载……`
修改：在 Excel（Word）中删去隐藏的工作表、行、列和批注，断开外部链接（“数据—编辑链接—断开链接”）（Word 接受或拒绝全部修订），另存后换上；不需要提供原文下载的，删去原文文件。
""",
)

rule(
    REFERENCES,
    "duplicate-region",
    ERROR,
    """
地区代号重复。修改：改为不同的代号。
""",
)

rule(
    REFERENCES,
    "duplicate-document",
    ERROR,
    """
两份文档是同一部门、同一年度、同一类别，而且公开主体、预算单位、项目和公开内容也相同，网址冲突。
修改：同一份文档的更正请直接修改原文件，并写“修改记录”（changes）；部门下属单位的单位文档写 `scope: unit` 和
`budget_unit`；项目支出绩效自评写 `kind: project-evaluation` 和 `project`；只公开部分内容（如只公开“三公”经费）的文档写 `covers`。文件名里的年份与 `year` 不同时（复制上一年的文件作新一年的文档，
忘了改 `year`），提示改正 `year` 和文中的年份。
""",
)

rule(
    REFERENCES,
    "backup-file",
    WARNING,
    """
文档旁边留着它的备份：`2021-budget.yml.bak`、编辑器留下的 `2021-budget.yml~`、`git mergetool` 留下的 `2021-budget.yml.orig`、
`2021-budget.yml.old` 等，而 `2021-budget.yml` 就在同一个文件夹里。备份不读取、不检查、不发布，网站上的这份文档只来自 `2021-budget.yml`。
例：`2021-budget.yml.bak 是 2021-budget.yml 的备份：它与 2021-budget.yml 内容完全相同。请删除它，或把它移出 content/ 文件夹；不要把它改名为 2021-budget.yml……`
内容与文档不同的备份，提示先确认文档是要发布的版本。
修改：删除备份，或把它移出 `content/`；不要把备份改名为文档的文件名（那会覆盖正在发布的文档）。旧版本不必另存，git 已记下每次提交的内容。
旁边没有 `2021-budget.yml` 的 `2021-budget.yml~` 照常当作文档读取，并提示改名（`file-extension`）。
""",
)

rule(
    REFERENCES,
    "document-scope",
    ERROR,
    """
文档的公开主体与写法不一致：单位文档（`scope: unit`）没有写 `budget_unit`，部门文档写了 `budget_unit`，
项目支出绩效自评（`kind: project-evaluation`）没有写 `project`，或别的文档写了 `project`。修改：按提示补上或删去。
""",
)

rule(
    REFERENCES,
    "document-folder",
    ERROR,
    """
文档不在它所属部门的文件夹里：`department: shanghai/putuo/wanli-jiedao` 的文档应放在 `content/documents/shanghai/putuo/wanli-jiedao/` 中。
常见于复制别的部门的文档后忘了移动或改 `department`。网站按文件夹把部门的文档放在一起构建，放错的文档可能在页面和列表中重复出现、
显示旧的内容，或者不见了。例：`文档属于部门“shanghai/putuo/wanli-jiedao”，却放在 content/documents/shanghai/putuo/caizhengju/ 里……`
修改：把文件移到部门的文件夹中；若是 `department` 写错了，改正它。
""",
)
rule(
    REFERENCES,
    "duplicate-term",
    ERROR,
    """
`glossary.yml` 中同一个名词或别名出现在两条适用范围相同的名词解释里（都是全国通用，或写了同一个地区），文中链接不知道指向哪一条。
修改：保留一处。各地解释不同的（如县级、市级的“机关运行经费”），每条写明各自的 `regions`：文档链接到离它最近的一条
（本县的先于本省的，本省的先于全国通用的）。
""",
)

rule(
    REFERENCES,
    "term-scope",
    ERROR,
    """
`glossary.yml` 中的名词解释没有写适用范围，或同时写了两种。各地的解释不尽相同（如“指县级财政当年拨付的资金”只适用于县级），
文档只链接适用于本地区的解释。例：`名词解释“三公经费”没有写适用范围：解释不限于某一地区的写 national: true；只适用于某些地区的写 regions: [地区路径]。`
修改：通用的解释写 `national: true`；只适用于某些地区的写 `regions: [hebei/xingtai/pingxiang]`（含下级地区），二者只写一种。
""",
)

rule(
    REFERENCES,
    "slug-collision",
    ERROR,
    """
部门代号与其所在地区的下级地区代号相同，网址冲突。修改：换一个部门代号。
""",
)

rule(
    REFERENCES,
    "reserved-slug",
    ERROR,
    """
地区代号占用了网站保留名称（years、kinds、regions、departments、glossary、data、search、assets、documents、compare）。修改：换一个代号。
""",
)


def check_references(content: Content) -> Iterator[Problem]:
    """Departments and regions exist; no two documents claim the same address."""
    for dept_id, loaded in content.departments.items():
        dept: m.Department = loaded.record
        if dept.region not in content.regions and not content.regions_unread:  # else told at regions.yml
            line, col = loaded.source.place(("region",))
            yield Problem(
                "unknown-region",
                f"地区“{dept.region}”在 regions.yml 中不存在。{suggest(dept.region, content.regions)}",
                loaded.source.name,
                line,
                col,
                field="region",
            )
        elif dept.region in content.regions and dept.slug in {c.slug for c in content.regions[dept.region].region.children}:
            line, col = loaded.source.place(("slug",))
            yield Problem(
                "slug-collision",
                f"部门代号“{dept.slug}”与下级地区代号相同，两者的网址会冲突，请换一个代号。",
                loaded.source.name,
                line,
                col,
                field="slug",
            )
    yield from _same_names(content)
    for path, entry in content.regions.items():
        if "/" not in path and path in {"years", "kinds", "regions", "departments", "glossary", "data", "search", "assets", "documents"}:
            line, col = entry.source.place(("regions",))
            yield Problem("reserved-slug", f"地区代号“{path}”是网站保留名称，请换一个。", entry.source.name, line, col, field="slug")
    seen: dict[str, Loaded] = {}
    misplaced = {
        loaded.record.slug for loaded in content.departments.values() if loaded.record.region not in content.regions
    }
    for loaded in content.documents:
        doc: m.Document = loaded.record
        if doc.department not in content.departments and doc.department.rsplit("/", 1)[-1] in misplaced:
            continue  # its department's region is unknown: reported at the department
        if doc.department not in content.departments and _unread_department(doc.department, content.unread_departments):
            continue  # its department's file is there but could not be read: reported at that file, which says what waits
        if doc.department not in content.departments:
            line, col = loaded.source.place(("department",))
            yield Problem(
                "unknown-department",
                _unknown_department(doc.department, content.departments),
                loaded.source.name,
                line,
                col,
                field="department",
            )
            continue
        yield from _check_scope(loaded)
        yield from _check_folder(loaded)
        address = m.document_address(doc).rstrip("/")
        if address in seen:
            first = seen[address]
            here = loaded
            if _copy_named(first) and not _copy_named(loaded):
                here, first = first, loaded  # “2021-budget - 副本.yml” sorts first: the copy is the one to tell
            elif (
                here.source.text
                and here.source.text == first.source.text
                and _copy_named(first) == _copy_named(here)
                and len(_file_name(first)) > len(_file_name(here))
            ):
                here, first = first, here  # 2021-budget-final.yml, the same as 2021-budget.yml: a copy adds to the name
            if _named_year(first) not in (None, first.record.year) and _named_year(here) in (None, here.record.year):
                here, first = first, here  # the file whose name says another year is the one copied and not changed
            seen[address] = first  # a third copy is held to the one kept, and the one told is told once
            named = _named_year(here)
            if named not in (None, doc.year) and not _copy_named(here):
                # 2026-budget.yml copied to 2027-budget.yml for the new year, its year: left at 2026.
                line, col = here.source.place(("year",))
                yield Problem(
                    "duplicate-document",
                    f"与 {first.source.name} 是同一部门、同一年度、同一类别的文档，网址 /{address}/ 冲突：文件名写的是 {named} 年，"
                    f"文档里的 year 却是 {here.record.year}。是否复制了上一年的文件而忘了把 year 改成 {named}？请改正 year，"
                    f"并把标题、表名和正文里的年份也改成 {named} 年（新一年的文档最好用 pubgen new 生成，它会把年份和数字都留待填写）。",
                    here.source.name,
                    line,
                    col,
                    field="year",
                )
                continue
            line, col = here.source.place(("kind",))
            original = first.source.name.rsplit("/", 1)[-1]
            meant_apart = re.search(r"-(?:unit|project)(?:-|\.ya?ml$)", here.source.name.rsplit("/", 1)[-1]) is not None
            if here.source.text and here.source.text == first.source.text and not meant_apart:
                # 2021-budget-backup.yml, 2021-budget - 副本.yml: a copy kept beside the document, not another document.
                # (2021-budget-unit.yml is named as a unit's: copied to be one, its scope not yet written.)
                told = (
                    f"这个文件与 {original} 内容完全相同，是它的副本：请删除它，或把它移出 content/ 文件夹"
                    f"（要修改的，直接改 {original}；旧版本不必另存，git 已记下每次提交的内容）。"
                )
            else:
                copied = f"这个文件看起来是 {original} 的副本：请删除它（修改请直接改原文件）。" if _copy_named(here) else ""
                told = (
                    f"{copied}更正请直接修改原文件并写“修改记录”；"
                    "若是下属单位的单位文档，请写 scope: unit 和 budget_unit；若是另一个项目的自评，请写 project；若只公开部分内容，请写 covers。"
                )
            yield Problem(
                "duplicate-document",
                f"与 {first.source.name} 是同一部门、同一年度、同一类别的文档，网址 /{address}/ 冲突。{told}",
                here.source.name,
                line,
                col,
                field="kind",
            )
        else:
            seen[address] = loaded


def check_originals(content: Content) -> Iterator[Problem]:
    """Original files under documents/ that no page offers for download (the document's file renamed, the original not)."""
    return original_problems(content.root)


def original_problems(root: Path) -> Iterator[Problem]:
    """:func:`check_originals` for the content folder ``root``: for the parallel and cached checks, which run it apart."""
    for path in unoffered_originals(root / "documents"):
        reason = why_not_offered(path)
        if reason.startswith("没有与它同名"):
            lonely = sorted(
                name
                for name in (p.name for p in path.parent.iterdir() if p.suffix.lower() in (".yml", ".yaml"))
                if not any((path.parent / name).with_suffix(s).exists() for s in (path.suffix.lower(), path.suffix.upper()))
            )
            if lonely:
                reason += f"。文档文件改过名的，请把原文文件改成与它同名：这个文件夹里没有原文文件的文档：{'、'.join(lonely)}"
        yield Problem(
            "original-hidden-content" if reason.startswith("它含有读者看不到的内容") else "original-not-offered",
            f"原文文件 {path.name}：{reason}。",
            source_name(path, root.parent),
            severity=WARNING,
        )


def _same_names(content: Content) -> Iterator[Problem]:
    """Two department files of one region that name the same department: listed twice, their documents apart."""
    first: dict[tuple[str, str], Loaded] = {}
    for dept_id in sorted(content.departments):
        loaded = content.departments[dept_id]
        dept: m.Department = loaded.record
        key = (dept.region, dept.name.strip())
        other = first.setdefault(key, loaded)
        if other is loaded:
            continue
        line, col = loaded.source.place(("name",))
        yield Problem(
            "duplicate-department-name",
            f"地区 {dept.region} 已有名为“{dept.name.strip()}”的部门 {other.source.name}（代号 {other.record.slug}），"
            f"这里又有一个（代号 {dept.slug}）：网站的部门列表会列出两次，文档也分在两处。是同一个部门的，请只留一个部门文件，"
            f"把另一个的文档移到留下的部门的文件夹里并改它们的 department；确是两个部门的，请把名称照原文写全，以示区别。",
            loaded.source.name,
            line,
            col,
            severity=WARNING,
            field="name",
        )


def _unread_department(name: str, unread: dict[str, str]) -> bool:
    """Whether the department ``name`` may be one whose file could not be read: its path, or its slug when that names
    one unread file only."""
    if name.strip("/") in unread:
        return True
    last = name.rstrip("/").rsplit("/", 1)[-1]
    return sum(1 for key in unread if key.rsplit("/", 1)[-1] == last) == 1


_NAMED_YEAR = re.compile(r"(?<![0-9])(19[5-9][0-9]|20[0-9]{2})(?![0-9])")


def _named_year(loaded: Loaded) -> int | None:
    """The year a document's file name says (2027-budget.yml → 2027), if it says one."""
    found = _NAMED_YEAR.search(loaded.source.name.rsplit("/", 1)[-1])
    return int(found.group(1)) if found else None


_COPY_NAME = re.compile(
    r"副本|[ _-]copy\b|[ _-]Copy\b|\(\d+\)\.ya?ml|（\d+）\.ya?ml|复制|备份|[ ._-](?:bak|backup|old|orig)[ ._-]", re.IGNORECASE
)
"""Names Windows, macOS, editors and people give to a copy of a file: 2021-budget - 副本.yml, 2021-budget (1).yml,
2021-budget-bak.yml, 2021-budget.old.yml."""


def _file_name(loaded: Loaded) -> str:
    return loaded.source.name.rsplit("/", 1)[-1]


def _copy_named(loaded: Loaded) -> bool:
    """Whether a document's file is named as a copy: its own name, not its folders' (a department's path may say old)."""
    return _COPY_NAME.search(_file_name(loaded)) is not None


def _check_folder(loaded: Loaded) -> Iterator[Problem]:
    """A document lies in its department's folder, where the site's builds look for the department's documents."""
    doc: m.Document = loaded.record
    name = loaded.source.name
    at = name.find("documents/")
    if at < 0:
        return
    folder = name[at + len("documents/") :].rpartition("/")[0]
    if folder != doc.department:
        line, col = loaded.source.place(("department",))
        yield Problem(
            "document-folder",
            f"文档属于部门“{doc.department}”，却放在 content/documents/{folder or '（根目录）'}/ 里：请把它移到 "
            f"content/documents/{doc.department}/ 中；若是部门写错了，请改正 department。",
            name,
            line,
            col,
            field="department",
        )


def _check_scope(loaded: Loaded) -> Iterator[Problem]:
    """A unit document names its unit, a project self-evaluation its project, and nothing else does."""
    doc: m.Document = loaded.record
    wrong: list[tuple[str, str]] = []
    if doc.scope == "unit" and doc.budget_unit is None:
        wrong.append(("scope", "单位文档（scope: unit）要写明预算单位：budget_unit: {name: 单位名称, slug: 代号}。"))
    if doc.scope == "department" and doc.budget_unit is not None:
        wrong.append(("budget_unit", "写了预算单位（budget_unit），但没有写 scope: unit：单位文档请加上 scope: unit；部门文档请删去 budget_unit。"))
    if doc.kind == "project-evaluation" and doc.project is None:
        wrong.append(("kind", "项目支出绩效自评要写明所评价的项目：project: {name: 项目名称, slug: 代号}。"))
    if doc.kind != "project-evaluation" and doc.project is not None:
        wrong.append(("project", "只有项目支出绩效自评（kind: project-evaluation）写 project。"))
    for field, message in wrong:
        line, col = loaded.source.place((field,))
        yield Problem("document-scope", message, loaded.source.name, line, col, field=field)


def check_glossary(content: Content) -> Iterator[Problem]:
    """Each term and alias names one entry; each entry says where its definition holds."""
    src = content.glossary_source
    if src is None:
        return
    seen: dict[str, list[m.Term]] = {}
    for i, term in enumerate(content.glossary):
        if term.national == bool(term.regions):
            line, col = src.place(("terms", i))
            both = "既写了 national: true 又写了 regions，只能写一种" if term.national else "没有写适用范围"
            yield Problem(
                "term-scope",
                f"名词解释“{term.term}”{both}：解释不限于某一地区的写 national: true；只适用于某些地区（如释义说“县级”）的写 regions: [地区路径]。",
                src.name,
                line,
                col,
                field=f"terms.{i}",
            )
        for j, region in enumerate(term.regions):
            if not content.regions_unread and region not in content.regions:
                line, col = src.place(("terms", i, "regions", j))
                yield Problem(
                    "unknown-region",
                    f"名词解释“{term.term}”的适用地区“{region}”在 regions.yml 中不存在。"
                    + (suggest(region, content.regions) or "本站没有这个地区的话，请删去这条名词解释，或把它的 regions 改成本站的地区。"),
                    src.name,
                    line,
                    col,
                    field=f"terms.{i}.regions.{j}",
                )
        for j, name in enumerate([term.term, *term.aliases]):
            # The same name for other regions is another region's definition (a county's “机关运行经费” beside a city's):
            # a document links to the one scoped closest to it. Two for one region (or two national) are one too many.
            before = next((t for t in seen.get(name, ()) if scopes_meet(t, term)), None)
            if before is not None:
                path = ("terms", i, "term") if j == 0 else ("terms", i, "aliases", j - 1)
                line, col = src.place(path)
                shared = "" if before.national or not before.regions else "、".join(sorted(set(before.regions) & set(term.regions)))
                yield Problem(
                    "duplicate-term",
                    f"名词“{name}”已在“{before.term}”一条中出现"
                    + (f"，两条都适用于 {shared}" if shared else "")
                    + "：文中链接不知道指向哪一条。同一地区（或全国通用）的一个名词或别名只能属于一条名词解释；"
                    "各地解释不同的，每条写明各自的 regions。",
                    src.name,
                    line,
                    col,
                    field=".".join(map(str, path)),
                )
            seen.setdefault(name, []).append(term)


def _unknown_department(name: str, known: dict[str, Loaded]) -> str:
    """A typo, a department's bare code or its name is told the department meant first; a new department, the file to make
    (under its region's folder: a bare code is no department id)."""
    if "/" in name.strip("/"):
        make = f"content/departments/{name}.yml（写明 slug、name 和 region，照同一地区已有的部门文件写）"
    else:
        make = (
            "content/departments/<地区路径>/<部门代号>.yml（写明 slug、name 和 region，照同一地区已有的部门文件写），"
            "department 写成“地区路径/部门代号”，如 hebei/xingtai/pingxiang/xinfangju"
        )
    exact = meant_department(name, known)
    if exact is not None:
        dept = known[exact].record
        return (
            f"部门“{name}”不存在。您是否想写“{exact}”（{dept.name}）？department 要写完整的部门代号：地区路径加部门代号。"
            f"若是新部门，请先建立部门文件 {make}。"
        )
    meant = suggest(name, known)
    if meant:
        return f"部门“{name}”不存在。{meant}若是新部门，请先建立部门文件 {make}。"
    return f"部门“{name}”不存在：请先建立部门文件 {make}。"


def suggest(value: str, known: Iterable[str]) -> str:
    """“您是否想写…？” with the closest of ``known`` paths, only if its own last part is close to ``value``'s:
    “shanghai/putuo/jiaoyuju” shares “shanghai/putuo/” with every department of the district, which makes none of
    them what was meant."""
    import difflib

    last = value.rstrip("/").rsplit("/", 1)[-1]
    same = [k for k in known if k != value and k.rstrip("/").rsplit("/", 1)[-1] == last]
    if len(same) == 1:
        # regions: [anyuan] for jiangxi/ganzhou/anyuan: the whole path scores too low beside so short a value.
        return f"您是否想写“{same[0]}”？"
    alike = [k for k in known if difflib.SequenceMatcher(None, last, k.rstrip("/").rsplit("/", 1)[-1]).ratio() >= 0.6]
    close = difflib.get_close_matches(value, alike, n=1, cutoff=0.6)
    return f"您是否想写“{close[0]}”？" if close else ""


def check_file_names(content: Content) -> Iterator[Problem]:
    """No two content files (or folders) whose names only a case-blind file system tells apart (Windows, macOS)."""
    return file_name_collisions(s.name for s in _sources(content))


def file_name_collisions(names: Iterable[str]) -> Iterator[Problem]:
    """The files among ``names`` (as messages name them) that a case-blind file system would take for an earlier one."""
    seen: dict[str, str] = {}
    for name in sorted(set(names)):
        key = name.lower() if name.isascii() else unicodedata.normalize("NFKC", name).casefold()
        if key in seen:
            yield Problem(
                "file-name-collision",
                f"与 {seen[key]} 只差大小写或写法：Windows 和 macOS 上它们是同一个文件，取出内容仓库时只会留下一个。请把其中一个改名或删去。",
                name,
                1,
                1,
            )
        else:
            seen[key] = name


def _sources(content: Content) -> Iterator[Source]:
    yield from (d.source for d in content.documents)
    yield from (d.source for d in content.departments.values())
    yield from {id(e.source): e.source for e in content.regions.values()}.values()
    if content.glossary_source is not None:
        yield content.glossary_source
