"""Where an imported document belongs: its department, region and budget unit, and their slugs.

Nothing is asked: a flag decides, else an existing department file whose name is
the one the cover prints, else a new department named as printed, in the region
its name begins with (上海市普陀区财政局 → 上海市 / 普陀区). Slugs are pinyin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import model as m
from ..load import Content
from .labels import slug
from .mapping import Identity, NotIdentified

MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_PROVINCE = re.compile(r"^(北京市|天津市|上海市|重庆市|[^\s市省区县]{2,7}?(?:省|自治区|特别行政区))")
_CITY = re.compile(r"^([^\s市省区县局委办]{2,6}?(?:自治州|地区|盟|市))")
_COUNTY = re.compile(r"^([^\s市省区县局委办]{1,6}?(?:自治县|新区|区|县|旗|市))")
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "新区", "地区", "省", "市", "区", "县", "旗", "盟")


@dataclass(slots=True)
class NewRegion:
    """A region to add to regions.yml."""

    path: str
    name: str
    level: str


@dataclass(slots=True)
class Placement:
    """Where one imported document goes and what must be created for it."""

    department_id: str
    department: m.Department
    department_new: bool
    regions_new: list[NewRegion] = field(default_factory=list)
    unit_name: str | None = None
    unit_slug: str | None = None
    notes: list[str] = field(default_factory=list)
    """How each choice was made, for comments and the report."""


def region_names(name: str) -> list[str]:
    """The regions a body's name begins with: 上海市普陀区财政局 → [上海市, 普陀区]."""
    names: list[str] = []
    rest = name.strip()
    for pattern in (_PROVINCE, _CITY, _COUNTY):
        match = pattern.match(rest)
        if match and len(rest) > len(match.group(1)):
            names.append(match.group(1))
            rest = rest[len(match.group(1)):]
    return names


_PEOPLES = sorted(
    (
        "壮", "回", "藏", "苗", "侗", "土家", "朝鲜", "彝", "傣", "白", "哈尼", "布依", "蒙古", "满", "瑶", "黎", "羌", "仡佬",
        "水", "畲", "纳西", "傈僳", "景颇", "拉祜", "佤", "哈萨克", "柯尔克孜", "达斡尔", "鄂温克", "鄂伦春", "裕固", "撒拉",
        "东乡", "保安", "土", "仫佬", "毛南", "锡伯", "塔吉克", "京", "独龙", "怒", "普米", "阿昌", "德昂", "基诺", "各",
    ),
    key=len,
    reverse=True,
)
"""The peoples an autonomous region, prefecture or county is named for (广西壮族自治区, 恩施土家族苗族自治州)."""


def short_region(name: str) -> str:
    """A region's name without its level word: 普陀区 → 普陀, 上海市 → 上海, 广西壮族自治区 → 广西, 新疆维吾尔自治区 → 新疆."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            short = name[: -len(suffix)]
            if suffix.startswith("自治"):
                while True:
                    people = next((p for p in ("维吾尔", *(q + "族" for q in _PEOPLES)) if short.endswith(p) and len(short) - len(p) >= 2), None)
                    if people is None:
                        break
                    short = short[: -len(people)]
            return short
    return name


PROVINCES = (
    "北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省", "浙江省",
    "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区", "海南省", "重庆市",
    "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区",
    "香港特别行政区", "澳门特别行政区", "台湾省",
)
"""The province-level regions, for a region path given with its province (--region jiangxi/nanchang/donghu)."""


def region_level(name: str, depth: int) -> str:
    """The region's level from its name: 上海市 is a province-level municipality; 南昌市 is a city, even written first."""
    if name in MUNICIPALITIES or name.endswith(("省", "自治区", "特别行政区")):
        return "province"
    if name.endswith(("州", "地区", "盟")) or (name.endswith("市") and depth <= 1):
        return "city"
    if name.endswith(("区", "新区")):
        return "district"
    if name.endswith(("街道", "镇", "乡")):
        return "township"
    return "county"


def strip_regions(name: str, names: list[str]) -> str:
    """The body's name without the regions in front: 上海市普陀区财政局 → 财政局."""
    rest = name
    for region in names:
        for form in (region, short_region(region)):
            if rest.startswith(form) and len(rest) > len(form):
                rest = rest[len(form):]
                break
    return rest


class Resolver:
    """Resolve departments and regions for the files of one import run."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.departments: dict[str, m.Department] = {key: d.record for key, d in content.departments.items()}
        self.files: dict[str, str] = {key: d.source.name for key, d in content.departments.items()}
        self.regions: dict[str, list[str]] = {path: entry.names for path, entry in content.regions.items()}
        self.created_departments: set[str] = set()

    def resolve(
        self,
        identity: Identity,
        path: str,
        department: str | None = None,
        region: str | None = None,
        unit_slug: str | None = None,
    ) -> Placement:
        """The department (and unit) the document is about; new files are remembered for the next file of the run."""
        placement = self._department(identity, path, department, region)
        if identity.scope == "unit":
            name = identity.body or placement.department.name
            placement.unit_name = name
            if unit_slug:
                if not re.fullmatch(m.SLUG, unit_slug):
                    raise NotIdentified(
                        path, f"单位代号“{unit_slug}”不合规定：只能用小写字母、数字和连字符（如 benji、shiwu-zhongxin），请改正 --unit-slug。"
                    )
                placement.unit_slug = unit_slug
            elif name == placement.department.name:
                placement.unit_slug = "benji"
                placement.notes.append("单位名称与部门名称相同，按部门本级处理，单位代号为 benji（本级）")
            else:
                rest = name[len(placement.department.name):] if name.startswith(placement.department.name) else strip_regions(
                    name, self.regions.get(placement.department.region, [])
                )
                placement.unit_slug = slug(rest.strip("（）() "), "danwei")
        return placement

    def _department(self, identity: Identity, path: str, wanted: str | None, region: str | None) -> Placement:
        if wanted:
            if wanted in self.departments:
                return Placement(wanted, self.departments[wanted], False)
            if "/" not in wanted:
                same = [key for key, d in self.departments.items() if d.slug == wanted and (region is None or d.region == region)]
                if len(same) == 1:
                    return Placement(same[0], self.departments[same[0]], False)
                if len(same) > 1:
                    raise NotIdentified(path, f"有多个部门的代号是“{wanted}”（{'、'.join(same)}），请在 --department 中写明地区路径。")
        elif identity.body:
            found = [
                key
                for key, d in self.departments.items()
                if identity.body in (d.name, d.short_name, *d.aliases) and (region is None or d.region == region)
            ]
            if len(found) == 1:
                return Placement(found[0], self.departments[found[0]], False, notes=[f"按名称“{identity.body}”对应到已有部门 {found[0]}"])
            if len(found) > 1:
                raise NotIdentified(path, f"有多个部门名为“{identity.body}”（{'、'.join(found)}），请用 --department 指定。")
        if identity.scope == "unit" and not wanted:
            raise NotIdentified(
                path,
                f"这是单位预算（决算），封面所列单位“{identity.body}”不是已有的部门。请用 --department 指定它所属的部门"
                "（部门是新的，先导入该部门的部门预算，或同时导入）。",
            )
        name = identity.body
        if not name:
            if wanted:
                raise NotIdentified(
                    path,
                    f"部门“{wanted}”还不存在，而导入没有读出部门名称（封面没有印出名称，表名下也没有“编制单位：…”“单位：…”这样的一行），"
                    "无法新建它。请先建立部门文件"
                    f"content/departments/{wanted if '/' in wanted else '<地区路径>/' + wanted}.yml（写明 name、region），再导入。",
                )
            raise NotIdentified(
                path,
                "没有读出部门名称：封面没有印出名称，表名下也没有“编制单位：…”“单位：…”这样的一行。"
                "请用 --department 指定部门（地区路径/部门代号）。",
            )
        named_region = region if region and not region.isascii() else None
        if wanted and "/" in wanted:
            region, dept_slug = wanted.rsplit("/", 1)
        else:
            dept_slug = wanted or ""
        # --region 江西省/赣州市/安远县 --department jiangxi/ganzhou/anyuan/shijianju: the names give the new regions their
        # names; they must be the path's.
        region_path, new_regions, names = self._region(name, path, named_region or region)
        if named_region is not None and region != named_region and region_path != region:
            raise NotIdentified(
                path,
                f"--department 写的地区路径“{region}”与 --region“{named_region}”对应的地区路径“{region_path}”不一致："
                f"请改成一致，或只写部门代号（--department {dept_slug}）。",
            )
        dept_slug = dept_slug or slug(strip_regions(name, names), "bumen")
        key = f"{region_path}/{dept_slug}"
        if key in self.departments:
            return Placement(key, self.departments[key], False)
        same = sorted(k for k, d in self.departments.items() if d.region == region_path and name in (d.name, d.short_name, *d.aliases))
        if same:
            # Imported again under a shorter code (as 导入.md advises for a first import): a second department of the same
            # name, every document of it twice on the site. The existing one is the department; renaming its code is by hand.
            other = same[0]
            old_slug = other.rsplit("/", 1)[-1]
            raise NotIdentified(
                path,
                f"地区 {region_path} 已有同名部门“{name}”：{self.files.get(other, f'content/departments/{other}.yml')}（代号 {other}），"
                f"没有再新建部门 {key}。要导入到这个部门，请写 --department {other}（或不写 --department）。"
                f"要把它的代号改成 {dept_slug}，请先把部门文件改名为 {dept_slug}.yml 并把其中的 slug 改成 {dept_slug}，"
                f"把文件夹 content/documents/{other}/ 改名为 {dept_slug}，并把其中各文档的 department 改成 {key}，再导入。",
            )
        try:
            record = m.Department(slug=dept_slug, name=name, region=region_path)
        except Exception:  # noqa: BLE001 - pydantic's error names the field; the editor needs the flag
            raise NotIdentified(path, f"部门代号“{dept_slug}”不合规定：只能用小写字母、数字和连字符，请用 --department 另行指定。") from None
        self.departments[key] = record
        self.created_departments.add(key)
        for new in new_regions:
            parent = new.path.rsplit("/", 1)[0] if "/" in new.path else ""
            self.regions[new.path] = (self.regions.get(parent, []) if parent else []) + [new.name]
        notes = [f"新建部门 {key}（名称取自封面“{name}”）"]
        return Placement(key, record, True, new_regions, notes=notes)

    def _region(self, name: str, path: str, wanted: str | None) -> tuple[str, list[NewRegion], list[str]]:
        inferred = region_names(name)
        if wanted and not wanted.isascii():
            return self._named_region(wanted, path)
        if wanted:
            if not re.fullmatch(m.REGION_PATH, wanted):
                raise NotIdentified(path, f"地区路径“{wanted}”不合规定：各级代号用小写字母、数字和连字符，用 / 分隔，如 shanghai/putuo。")
            if wanted in self.regions:
                return wanted, [], self.regions[wanted]
            parts = wanted.split("/")
            if len(parts) == len(inferred) + 1 and region_level(inferred[0], 0) != "province":
                # 南昌市东湖区文化馆 with --region jiangxi/nanchang/donghu: the path names the province the name leaves out.
                spelled = [p for p in PROVINCES if slug(short_region(p)) == parts[0]]  # shanxi is 山西, shaanxi 陕西
                above = self.regions.get(parts[0]) or (spelled if len(spelled) == 1 else [])
                if len(above) == 1:
                    inferred = above + inferred
            if len(inferred) != len(parts):
                raise NotIdentified(
                    path,
                    f"地区“{wanted}”还不在 content/regions.yml 中，且无法从名称“{name}”读出与之对应的各级地区名称。"
                    f"请把 --region 写成各级地区的名称，如 --region {self._names_example(parts, inferred)}（导入会把还没有的地区加进"
                    " content/regions.yml）；或者先在 content/regions.yml 中加上这个地区（见 docs/编辑指南.md“新建本地的网站”），再导入。",
                )
            return wanted, self._new_regions(parts, inferred), inferred
        if not inferred:
            raise NotIdentified(path, f"无法从名称“{name}”判断所属地区，请用 --region 指定地区路径（如 shanghai/putuo）。")
        for region_path, names in sorted(self.regions.items()):
            if names[-len(inferred):] == inferred and (len(names) == len(inferred) or inferred[0] not in MUNICIPALITIES):
                return region_path, [], names
        if region_level(inferred[0], 0) != "province":
            missing = "省名/" if region_level(inferred[0], 0) == "city" else "省名/市名/"
            raise NotIdentified(
                path,
                f"名称“{name}”没有从省（自治区、直辖市）一级写起，无法确定地区。请用 --region 从省一级写出各级地区的名称，"
                f"如 --region {missing}{'/'.join(inferred)}（写全称，如 江西省/赣州市/安远县，导入会把还没有的地区加进 content/regions.yml）；"
                "地区已在 content/regions.yml 中的，也可以写它的代号路径（如 jiangxi/ganzhou/anyuan）。",
            )
        parts = [slug(short_region(n), "diqu") for n in inferred]
        return "/".join(parts), self._new_regions(parts, inferred), inferred

    def _named_region(self, wanted: str, path: str) -> tuple[str, list[NewRegion], list[str]]:
        """``--region 江西省/赣州市/安远县``: the regions by their names from the province down, as regions.yml has them or
        added to it, their codes the pinyin of the names without their level (江西省 → jiangxi)."""
        names = [n.strip() for n in re.split(r"[/／]", wanted) if n.strip()]
        for region_path, existing in sorted(self.regions.items()):
            if existing == names:
                return region_path, [], existing
        parts = [slug(short_region(n), "diqu") for n in names]
        for depth in range(len(parts)):
            here = "/".join(parts[: depth + 1])
            have = self.regions.get(here)
            if have is not None and have[-1] != names[depth]:
                raise NotIdentified(
                    path,
                    f"--region 中的“{names[depth]}”的代号是 {here}，而 content/regions.yml 中 {here} 是“{have[-1]}”：名称写错了的，"
                    f"请照 regions.yml 改正；确是另一个地区的，请先在 content/regions.yml 中给它另起一个代号，再写代号路径。",
                )
        if region_level(names[0], 0) != "province" and len(names) < 3 and not any(
            known[: len(names)] == names for known in self.regions.values()
        ):
            raise NotIdentified(
                path,
                f"--region {wanted} 没有从省（自治区、直辖市）一级写起：请从省一级写出各级地区的名称，如 --region 江西省/赣州市/安远县。",
            )
        return "/".join(parts), self._new_regions(parts, names), names

    def _names_example(self, parts: list[str], inferred: list[str]) -> str:
        """--region 江西省/市名/安远县: the names regions.yml or the name give, the others to be written."""
        names = ["省名", "市名", "县名"][: len(parts)] + [f"第{i + 1}级地区名" for i in range(3, len(parts))]
        for depth in range(len(parts)):
            known = self.regions.get("/".join(parts[: depth + 1]))
            if known:
                names[depth] = known[-1]
        spelled = [p for p in PROVINCES if slug(short_region(p)) == parts[0]]
        if parts[0] not in self.regions and len(spelled) == 1:
            names[0] = spelled[0]
        for i, inferred_name in enumerate(reversed(inferred)):
            names[len(parts) - 1 - i] = inferred_name
        return "/".join(names)

    def _new_regions(self, parts: list[str], names: list[str]) -> list[NewRegion]:
        out = []
        for depth in range(len(parts)):
            region_path = "/".join(parts[: depth + 1])
            if region_path not in self.regions:
                out.append(NewRegion(region_path, names[depth], region_level(names[depth], depth)))
        return out
