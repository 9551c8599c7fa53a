"""A small project of official documents only: a few 上海市普陀区 departments, their 预算 and 决算, department and units.

    python benchmarks/official_project.py OUT_DIR [--seed 1]

Used by the tests (the mutation test and the test-case generator read these
documents) and handy to look at: every kind of official document the generator
makes, in a project ``pubgen check`` and ``pubgen build`` accept. Deterministic
for a seed.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vocab as V  # noqa: E402
from official import Agency, YearLedgers, agency, series  # noqa: E402
from official_docs import document, file_name  # noqa: E402
from yamltext import emit_mapping, to_yaml  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
REGION = "shanghai/putuo"
PLACE = "上海市普陀区"
REGIONS_YAML = """# 地区（官方格式表格的合成文档）
regions:
  - slug: shanghai
    name: 上海市
    level: province
    children:
      - slug: putuo
        name: 普陀区
        level: district
"""
SITE_YAML = "# 站点设置（合成文档）\ntitle: 部门预决算公开平台\ndescription: 合成的法定公开表文档，非真实公开文件。\nunit: 万元\n"


@dataclass(frozen=True, slots=True)
class Wanted:
    """A department to generate: its type (slug in vocab.DEPARTMENTS), subordinate units, and funds."""

    slug: str
    subordinates: tuple[str, ...] = ()
    gov_fund: bool = False
    state_capital: bool = False
    codes: str = "three"
    buys_car: bool = False


DEFAULT: tuple[Wanted, ...] = (
    Wanted("zhujianju", ("监测站", "服务中心"), gov_fund=True),  # several units, a 政府性基金 item
    Wanted("shangwuju", (), state_capital=True, codes="one"),  # a single unit (whole), a 国有资本经营 item
    Wanted("xinfangju", ("事务中心",)),  # both fund tables empty
)


def department_yaml(a: Agency, slug: str) -> str:
    out = [f"# {a.name}（合成数据）"]
    data = {"slug": slug, "region": REGION, "name": a.name, "nature": a.kind["nature"]}
    if len(a.units) > 1:
        data["subordinates"] = [u.name for u in a.units[1:]]
    emit_mapping(data, 0, out)
    return "\n".join(out) + "\n"


def write_project(root: Path, seed: int = 1, wanted: tuple[Wanted, ...] = DEFAULT, years: tuple[int, ...] = (2025,)) -> list[Path]:
    """Write ``root``/content (and links to templates and mkdocs.yml); return the documents written, department's first."""
    rng = random.Random(seed)
    content = root / "content"
    if content.exists():
        shutil.rmtree(content)
    (content / "documents").mkdir(parents=True)
    (content / "departments" / REGION).mkdir(parents=True)
    (content / "site.yml").write_text(SITE_YAML, encoding="utf-8")
    (content / "regions.yml").write_text(REGIONS_YAML, encoding="utf-8")
    for name, target in (("templates", REPO / "templates"), ("mkdocs.yml", REPO / "mkdocs.yml")):
        if not (root / name).exists():
            (root / name).symlink_to(target, target_is_directory=target.is_dir())
    kinds = {k["slug"]: k for k in V.DEPARTMENTS}
    written: list[Path] = []
    for want in wanted:
        kind = kinds[want.slug]
        name = PLACE + kind["name"]
        a = agency(rng, f"{REGION}/{want.slug}", name, kind, [name + s for s in want.subordinates], "区",
                   codes=want.codes, gov_fund=want.gov_fund, state_capital=want.state_capital, buys_car=want.buys_car)
        (content / "departments" / REGION / f"{want.slug}.yml").write_text(department_yaml(a, want.slug), encoding="utf-8")
        ledgers: dict[int, YearLedgers] = series(rng, a, kind["scale"] * 8_000_000, range(min(years) - 1, max(years) + 1))
        for year in years:
            for doc_kind in ("budget", "final-accounts"):
                for unit in [None, *range(len(a.units))]:
                    doc = document(rng, a, ledgers, year, doc_kind, unit)
                    path = content / "documents" / REGION / want.slug / file_name(year, doc_kind, a, unit)
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(to_yaml(doc, [doc["title"], "合成数据（pubgen benchmarks/official_project.py 生成），非真实公开文件。"]), encoding="utf-8")
                    written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path, help="project folder to write (its content/ is replaced)")
    ap.add_argument("--seed", "-s", type=int, default=1)
    args = ap.parse_args(argv)
    for path in write_project(args.out_dir, args.seed):
        print(path.relative_to(args.out_dir))


if __name__ == "__main__":
    main()
