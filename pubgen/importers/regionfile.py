"""Add regions to ``content/regions.yml`` by inserting lines, so the editors' comments and layout stay."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from ..problems import Severity
from ..source import read
from .errors import ImportFailed
from .naming import NewRegion
from .yamlout import Block, dump, expected


class RegionsNotEditable(ImportFailed):
    """regions.yml is laid out in a way the importer cannot add to safely."""

    code = "regions-not-editable"


def _region_block(region: NewRegion, children: list[NewRegion]) -> Block:
    block = Block()
    block.add("slug", region.path.rsplit("/", 1)[-1])
    block.add("name", region.name)
    block.add("level", region.level)
    below = [c for c in children if "/" in c.path and c.path.rsplit("/", 1)[0] == region.path]
    if below:
        listed = Block(is_list=True)
        for child in below:
            listed.add(None, _region_block(child, children))
        block.add("children", listed)
    return block


def _lines(block: Block, indent: int) -> list[str]:
    """The lines of one region as a list item indented ``indent`` spaces."""
    wrapper = Block(is_list=True)
    wrapper.add(None, block)
    text = dump(wrapper)
    return [(" " * indent + line) if line else line for line in text.rstrip("\n").split("\n")]


def _find(regions: list[Any], path: str) -> tuple[int, ...] | None:
    """Indexes from the top list down to the region at ``path``."""
    indexes: list[int] = []
    level: list[Any] = regions
    parts = path.split("/")
    for depth, part in enumerate(parts):
        found = next((i for i, r in enumerate(level) if isinstance(r, dict) and r.get("slug") == part), None)
        if found is None:
            return None
        indexes.append(found)
        if depth < len(parts) - 1:
            level = level[found].get("children") or []
    return tuple(indexes)


def _data_path(indexes: tuple[int, ...]) -> tuple[Any, ...]:
    path: tuple[Any, ...] = ("regions",)
    for depth, index in enumerate(indexes):
        path += (index,) if depth == 0 else ("children", index)
    return path


def regions_text(target: Path, new: list[NewRegion]) -> tuple[str, Any]:
    """The new text of regions.yml and the values it must read back as."""
    new = list({r.path: r for r in new}.values())
    known = {r.path for r in new}
    roots = [r for r in new if "/" not in r.path or r.path.rsplit("/", 1)[0] not in known]
    name = "content/regions.yml"
    if not target.exists():
        top = Block()
        listed = Block(is_list=True)
        for region in roots:
            listed.add(None, _region_block(region, new))
        top.add("regions", listed)
        return dump(top, ["地区树：代号（slug）用于网址，发布后不要修改"]), expected(top)
    src = read(target, name)
    if any(p.severity is Severity.ERROR for p in src.problems) or not isinstance(src.data, dict) or not isinstance(src.data.get("regions"), list):
        raise RegionsNotEditable(name, "读不出地区列表，无法自动加入新地区。请先运行 pubgen check 改正 regions.yml，再导入。")
    lines = src.text.split("\n")
    values = copy.deepcopy(src.data)
    if not values["regions"]:
        # regions: [] — a new site's file before its first region (docs/编辑指南.md): the line becomes the tree.
        top = Block()
        listed = Block(is_list=True)
        for region in roots:
            listed.add(None, _region_block(region, new))
        top.add("regions", listed)
        key_line, _ = src.key_place(("regions",))
        lines[key_line - 1 : key_line] = dump(top).rstrip("\n").split("\n")
        values.update(expected(top))
        return "\n".join(lines).rstrip("\n") + "\n", values
    # Insert from the bottom of the file up, so that earlier line numbers stay right.
    inserts: list[tuple[int, list[str]]] = []
    for region in roots:
        parent = region.path.rsplit("/", 1)[0] if "/" in region.path else ""
        block = _region_block(region, new)
        if not parent:
            siblings = values["regions"]
            indent = _item_indent(src, ("regions", 0)) if siblings else 2
            inserts.append((_end_of_content(lines, len(lines)), _lines(block, indent)))
            siblings.append(expected(block))
            continue
        indexes = _find(values["regions"], parent)
        if indexes is None:
            raise RegionsNotEditable(name, f"找不到上级地区 {parent}，无法加入 {region.path}。")
        node = values["regions"][indexes[0]]
        for index in indexes[1:]:
            node = node["children"][index]
        here = _data_path(indexes)
        key_line, key_col = src.key_place(here + ("slug",))
        end = _end_of_block(lines, key_line, key_col - 1)
        if node.get("children"):
            indent = _item_indent(src, here + ("children", 0))
            inserts.append((end, _lines(block, indent)))
        else:
            if "children" in node:
                raise RegionsNotEditable(name, f"地区 {parent} 的 children 是空的写法，无法自动加入，请手工添加 {region.path}。")
            indent = key_col - 1
            inserts.append((end, [" " * indent + "children:"] + _lines(block, indent + 2)))
            node["children"] = []
        node["children"].append(expected(block))
    for at, new_lines in sorted(inserts, key=lambda t: -t[0]):
        lines[at:at] = new_lines
    text = "\n".join(lines)
    if not text.endswith("\n"):
        text += "\n"
    return text, values


def _item_indent(src: Any, path: tuple[Any, ...]) -> int:
    """Where the dash of a list item stands: two columns left of its first key."""
    _line, col = src.key_place(path + ("slug",))
    return max(int(col) - 3, 0)


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _end_of_block(lines: list[str], first_line: int, key_indent: int) -> int:
    """The index after the last content line of the mapping whose first key is on ``first_line`` (1-based)."""
    last = first_line - 1
    for index in range(first_line, len(lines)):
        line = lines[index]
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _indent_of(line) < key_indent or (_indent_of(line) == key_indent - 2 and stripped.startswith("- ")):
            break
        last = index
    return last + 1


def _end_of_content(lines: list[str], upto: int) -> int:
    last = 0
    for index in range(upto):
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            last = index + 1
    return last
