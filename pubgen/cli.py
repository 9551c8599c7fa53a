"""The ``pubgen`` command: each subcommand parses options and calls one function."""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import time
from pathlib import Path
from typing import Any, NoReturn, Sequence

import click

from . import __version__
from .atomic import write_whole
from .errors import ContentInvalid, ProjectNotFound, UsageProblem, filesystem_error
from .pipeline import Project, build, check
from .progress import Progress


def _project(path: str, building: bool = True) -> Project:
    project = Project(Path(path).resolve())
    needed = (project.content, project.templates, project.mkdocs_yml) if building else (project.content,)
    missing = [p.name for p in needed if not p.exists()]
    if missing:
        raise ProjectNotFound(f"{project.root} 不是 pubgen 项目目录：缺少 {'、'.join(missing)}。")
    return project


project_option = click.option(
    "--project",
    "project_dir",
    default=".",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Project folder holding content/, templates/ and mkdocs.yml.",
)


def _option_name(param: click.Parameter | None) -> str:
    if param is None:
        return "参数"
    if isinstance(param, click.Argument):
        return f"参数 {param.human_readable_name}"
    return "/".join(param.opts)


def usage_in_chinese(error: click.ClickException) -> str:
    """A command-line mistake told in the editor's words (click's own messages are English)."""
    if isinstance(error, click.NoSuchOption):
        close = sorted(error.possibilities or ())
        return f"没有 {error.option_name} 这个选项" + (f"，您是否想写 {'、'.join(close)}？" if close else "。")
    if isinstance(error, click.MissingParameter):
        return f"缺少 {_option_name(error.param)}：请写上它的值。"
    if isinstance(error, click.BadParameter):
        kind = error.param.type if error.param is not None else None
        name = _option_name(error.param)
        if isinstance(kind, click.Choice):
            return f"{name} 只能是 {'、'.join(str(c) for c in kind.choices)} 之一（照写英文代号）。"
        if isinstance(kind, click.IntRange):
            low, high = kind.min, kind.max
            where = f"（{low} 到 {high}）" if low is not None and high is not None else (f"（至少 {low}）" if low is not None else "")
            return f"{name} 应是整数{where}，只写数字，如 2023（不要写“年”等文字）。"
        if kind is click.INT:
            return f"{name} 应是整数，只写数字。"
        if isinstance(kind, click.Path):
            return f"{name} 的路径不存在或不能用：请检查路径是否写对。"
        return f"{name} 的值不对：请运行 pubgen 命令 --help 查看写法。"
    message = error.format_message()
    unknown = re.match(r"No such command '(.+?)'\.(?:\s*\(Did you mean (?:one of: )?(.+?)\?\))?$", message)
    if unknown:
        close = re.findall(r"'([^']+)'", unknown[2] or "")
        return f"没有 {unknown[1]} 这个命令" + (f"，您是否想写 {'、'.join(close)}？" if close else "。运行 pubgen --help 查看全部命令。")
    extra = re.match(r"Got unexpected extra arguments? \((.+)\)", message)
    if extra:
        return f"多出了参数 {extra[1]}：含空格的路径请加引号；运行 pubgen 命令 --help 查看写法。"
    return f"命令写法不对（{message}）。运行 pubgen --help 查看用法。"


class _Pubgen(click.Group):
    """The command group, telling command-line mistakes in Chinese."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except click.ClickException as error:
            click.echo(f"错误：{usage_in_chinese(error) if isinstance(error, click.UsageError) else error.format_message()}", err=True)
            sys.exit(error.exit_code)
        except click.exceptions.Abort:
            click.echo("已中断，这次运行没有完成。", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


@click.group(cls=_Pubgen, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pubgen", message="%(prog)s %(version)s")
def main() -> None:
    """Publish budget disclosures (预决算公开) and performance self-evaluations
    (绩效自评) as a checked, searchable static website.

    Sources are YAML files under content/; see docs/content-format.md.
    """


_STANDALONE = False
"""Whether this process is the ``pubgen`` command itself (not a caller of :func:`main`, such as a test)."""


class _Interrupted(BaseException):
    """Ctrl-C in a command that is not a preview: raised past click, which would print an English “Aborted!”."""


def _interrupt(signum: int, frame: object) -> None:
    raise _Interrupted


def entry() -> None:
    """The ``pubgen`` command."""
    global _STANDALONE
    _STANDALONE = True
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command != "serve":  # the preview stops on Ctrl-C by design, and says so itself
        signal.signal(signal.SIGINT, _interrupt)
    try:
        main()
    except _Interrupted:
        # Clean-up (temporary folders, the staging folder) has run on the way out; publishing is one atomic step.
        said = "已中断（Ctrl+C），这次运行没有完成。" + ("已发布的网站保持不变。" if command in ("build", "assemble") else "")
        try:
            click.echo(said, err=True)
        except OSError:
            pass
        _exit(130)


def _exit(code: int) -> NoReturn:
    """Leave with ``code``; the command itself leaves without freeing every object one by one.

    A check of 10,000 documents leaves about a million objects (the report, the
    cache's lines); a normal exit frees them one by one, about 0.07 s of the
    one-second check. Nothing is left to clean up here: the output is flushed
    and the workers have ended. mypy leaves the same way.
    """
    if _STANDALONE:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except OSError:
            code = code or 1
        os._exit(code)
    sys.exit(code)


def _shard_option(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    try:
        index, count = (int(x) for x in value.split("/"))
    except ValueError:
        index = count = 0
    if not (count >= 1 and 1 <= index <= count):
        raise click.BadParameter(f"应写成 I/N（第 I 个作业，共 N 个，1 ≤ I ≤ N），例如 1/4，而不是“{value}”。")
    return index, count


@main.command("build")
@project_option
@click.option("--site-dir", default=None, type=click.Path(file_okay=False), help="Where to publish the site (default: site/ in the project).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors, in pubgen's checks and in MkDocs.")
@click.option("--shard", "shard", default=None, metavar="I/N", help="Build only this job's share of the shards (job I of N) into --out, for `pubgen assemble`.")
@click.option("--out", "out_dir", default=None, type=click.Path(file_okay=False), help="With --shard: folder to write the shards into.")
@click.option("--jobs", default=None, type=click.IntRange(1, 256), help="Shards built side by side (default: one per core).")
@click.option("--shard-size", default=None, type=click.IntRange(1), envvar="PUBGEN_SHARD_SIZE", help="Documents per shard at most (default 400; also PUBGEN_SHARD_SIZE). Every job of one site must use the same.")
@click.option("--no-cache", is_flag=True, help="Build every shard afresh, without reading or writing .pubgen-cache/.")
def build_command(
    project_dir: str,
    site_dir: str | None,
    strict: bool,
    shard: str | None,
    out_dir: str | None,
    jobs: int | None,
    shard_size: int | None,
    no_cache: bool,
) -> None:
    """Check the content, then build the website into site/.

    The site is built in shards (a region, or part of a large one), side by side
    on every core, and shards whose sources are unchanged are reused from
    .pubgen-cache/. Nothing already published is touched unless the whole build
    succeeds. The site folder must be new, empty or a site pubgen built: pubgen
    refuses any other.

    On several machines: each runs `pubgen build --shard I/N --out DIR`, then one
    runs `pubgen assemble DIR... --site-dir site` (see docs/ci/README.md).
    """
    project = _project(project_dir)
    started = time.monotonic()
    part = _shard_option(shard)
    if part is not None or out_dir is not None:
        if part is None or out_dir is None:
            raise UsageProblem("--shard 和 --out 要一起使用：pubgen build --shard 1/4 --out shards/1")
        _build_part(project, part, Path(out_dir).absolute(), strict, jobs, shard_size)
        return
    target = Path(site_dir).absolute() if site_dir else project.root / "site"
    try:
        result = build(
            project,
            target,
            strict=strict,
            progress=Progress.for_terminal(sys.stderr),
            shard_size=shard_size,
            jobs=jobs,
            cache=not no_cache,
            warn=lambda note: click.echo(f"警告：{note}", err=True),
        )
    except ContentInvalid as exc:
        click.echo(exc.report_text, err=True, nl=False)
        raise
    click.echo(result.report.for_build(), err=True, nl=False)
    click.echo(f"已发布 {result.pages} 个页面到 {result.site_dir}（用时 {time.monotonic() - started:.1f} 秒）。")


def _build_part(project: Project, part: tuple[int, int], out: Path, strict: bool, jobs: int | None, shard_size: int | None) -> None:
    """Build job ``part`` 's shards into ``out``; the site is assembled elsewhere."""
    from .history import last_changed
    from .partition import SHARD_DOCUMENTS
    from .pipeline import build_shards, passed
    from .shard import plan, shard_key

    index, count = part
    started = time.monotonic()
    try:
        shards = plan(project.root, shard_size or SHARD_DOCUMENTS)
        mine = [s for i, s in enumerate(shards.shards) if i % count == index - 1]
        dates = last_changed(project.root)
        keys = {s.name: shard_key(s, shards, project.root, dates, strict) for s in mine}
        out.mkdir(parents=True, exist_ok=True)
        passed(build_shards(project.root, shards, mine, out, keys, strict, dates, jobs, Progress.silent(), out), out, strict)
    except ContentInvalid as exc:
        click.echo(exc.report_text, err=True)
        raise
    except OSError as exc:
        raise filesystem_error(exc, out, "分片没有全部写完，请重新运行。") from None
    click.echo(f"已构建 {len(mine)} 个分片（共 {len(shards.shards)} 个）到 {out}（用时 {time.monotonic() - started:.1f} 秒）。")


@main.command("assemble")
@project_option
@click.argument("folders", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False))
@click.option("--site-dir", default=None, type=click.Path(file_okay=False), help="Where to publish the site (default: site/ in the project).")
@click.option("--strict", is_flag=True, help="Treat MkDocs warnings as errors (build the shards with --strict too).")
@click.option("--shard-size", default=None, type=click.IntRange(1), envvar="PUBGEN_SHARD_SIZE", help="The --shard-size the shards were built with (default 400; also PUBGEN_SHARD_SIZE).")
def assemble_command(project_dir: str, folders: tuple[str, ...], site_dir: str | None, strict: bool, shard_size: int | None) -> None:
    """Assemble the site from shards built by `pubgen build --shard I/N --out DIR`, and publish it.

    FOLDERS are the --out folders of every job. The project is only read for
    its settings, templates and departments; documents are not read again.
    """
    from .assemble import assemble
    from .parallel import long_lived
    from .partition import SHARD_DOCUMENTS
    from .publish import discard, publish, publishing, staging_dir
    from .shard import MANIFEST, plan

    project = _project(project_dir)
    target = Path(site_dir).absolute() if site_dir else project.root / "site"
    started = time.monotonic()
    found: list[Path] = []
    for folder in folders:
        path = Path(folder).absolute()
        found += [path] if (path / MANIFEST).is_file() else sorted(p.parent for p in path.glob("*/" + MANIFEST))
    with publishing(project.root, target) as site:
        shards = plan(project.root, shard_size or SHARD_DOCUMENTS)
        staging = staging_dir(site)
        try:
            with long_lived():
                assembled = assemble(project.root, shards, found, staging, strict)
            publish(assembled.site_dir, site)
        finally:
            discard(staging)
    if assembled.report.problems:
        click.echo(assembled.report.to_text(), err=True)
    click.echo(f"已汇总 {len(found)} 个分片，发布 {assembled.pages} 个页面到 {site}（用时 {time.monotonic() - started:.1f} 秒）。")


@main.command("check")
@project_option
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True, help="How to print the problems.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--no-cache", is_flag=True, help="Check every file afresh, without reading or writing .pubgen-cache/check/.")
def check_command(project_dir: str, paths: tuple[str, ...], fmt: str, strict: bool, no_cache: bool) -> None:
    """Check every figure and field without building; exit 1 on errors.

    Problems of files unchanged since the last check (and of every file they are
    compared with) are taken from .pubgen-cache/check/ in the project: the report
    is the same as checking everything again, which --no-cache does.
    """
    project = _project(project_dir, building=False)
    only = [_in_project(Path(p), project.root) for p in paths] or None
    content = project.content.resolve()
    for path in only or ():
        if not path.resolve().is_relative_to(content):
            raise UsageProblem(
                f"{path} 不在项目的 content/ 文件夹（{content}）中：pubgen check 只检查项目里的文件。"
                "要检查别的项目，请用 --project 指定它的文件夹。"
            )
    report = check(project, only, cache=not no_cache, warn=lambda note: click.echo(note, err=True))
    if fmt == "json":
        click.echo(report.to_json())
    elif fmt == "github":
        out = report.to_github()
        if out:
            click.echo(out)
    else:
        click.echo(report.to_text())
    failed = not report.ok_strict() if strict else not report.ok
    _exit(int(failed))


def _in_project(path: Path, root: Path) -> Path:
    """A file named on the command line: inside the project (``content/…`` with ``--project 练习副本``), else as given."""
    found = path
    if not path.is_absolute() and (root / path).exists() and root.resolve() != Path.cwd().resolve():
        found = root / path
    if not found.exists():
        raise UsageProblem(f"找不到文件 {path}（也不在项目 {root} 中）：请检查路径和文件名。")
    if found.is_dir():
        raise UsageProblem(f"{path} 是文件夹：pubgen check 后面写要检查的文件；不写则检查整个项目。")
    return found


@main.command("diff")
@project_option
@click.argument("base")
@click.argument("head", required=False)
@click.option("--format", "fmt", type=click.Choice(["markdown", "text", "json"]), default="text", show_default=True, help="How to print the changes (markdown for a pull-request comment).")
@click.option("--merge-base", is_flag=True, help="Compare with the common ancestor of BASE and HEAD: what a pull request changes.")
@click.option("--fail-on-problems", is_flag=True, help="Exit 1 when the change introduces new errors.")
def diff_command(project_dir: str, base: str, head: str | None, fmt: str, merge_base: bool, fail_on_problems: bool) -> None:
    """Show which documents, figures, text and check problems change between two git revisions.

    BASE and HEAD are git revisions (branch, tag or commit); without HEAD the
    working tree is compared. Exit 0 unless --fail-on-problems finds new errors.
    """
    from .diff import diff_project, render

    result = diff_project(Path(project_dir).resolve(), base, head, merge_base=merge_base)
    click.echo(render(result, fmt))
    sys.exit(int(fail_on_problems and bool(result.new_errors)))


@main.command("new")
@click.argument("kind", type=click.Choice(["budget", "final-accounts", "self-evaluation", "project-evaluation"]))
@click.option("--department", required=True, help="Department id (region path + slug, e.g. hebei/xingtai/pingxiang/xinfangju), or its slug when unique.")
@click.option("--year", required=True, type=click.IntRange(1949, 2100), help="Year of the new document.")
@click.option("--unit-slug", "unit", default=None, help="A budget unit's document (单位预算/单位决算): the unit's slug, as in …/unit-<slug>/ (e.g. benji).")
@click.option("--unit-name", default=None, help="The unit's name as printed, for a unit without an earlier document.")
@click.option("--project-slug", "project_slug", default=None, help="project-evaluation: the budget project's (项目) slug, as in …/project-evaluation/<slug>/.")
@click.option("--project-name", default=None, help="The budget project's (项目) name as printed, for a project without an earlier self-evaluation.")
@project_option
def new_command(
    kind: str,
    department: str,
    year: int,
    unit: str | None,
    unit_name: str | None,
    project_slug: str | None,
    project_name: str | None,
    project_dir: str,
) -> None:
    """Create a document laid out like the department's previous one of KIND, its figures left to fill (待填).

    Without --unit-slug, the department's own (部门) document, laid out like last
    year's; with --unit-slug, that unit's (单位) document, laid out like the unit's
    last one (or, for a unit new to the site, another unit's or the department's,
    with --unit-name). project-evaluation needs --project-slug (and --project-name
    for a project without an earlier self-evaluation).
    Never overwrites: exits 1 if the file already exists.
    """
    from .scaffold import create

    project = _project(project_dir, building=False)
    try:
        created = create(
            project.content, kind, department, year, unit=unit, unit_name=unit_name, project=project_slug, project_name=project_name
        )
    except OSError as exc:
        raise filesystem_error(exc, project.content / "documents", "没有新建文件。") from None
    click.echo(created.summary())


@main.command("schema")
@click.option("--out", "out_dir", default="schema", show_default=True, type=click.Path(file_okay=False), help="Folder to write the JSON Schema files into.")
def schema_command(out_dir: str) -> None:
    """Write JSON Schemas of the content files, for editors that validate as you type."""
    from .model import json_schemas

    out = Path(out_dir)
    for name, schema in json_schemas().items():
        path = out / f"{name}.schema.json"
        try:
            out.mkdir(parents=True, exist_ok=True)
            write_whole(path, json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
        except OSError as exc:
            raise filesystem_error(exc, out, f"{path} 保持原样。") from None
        click.echo(path)


@main.command("serve")
@project_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a browser.")
def serve_command(project_dir: str, host: str, port: int, open_browser: bool) -> None:
    """Preview the site while you edit: every saved change rebuilds it.

    Problems found by the checks are printed here and shown on the pages they
    concern; a broken file never stops the preview.
    """
    from .serve import serve

    serve(_project(project_dir), host, port, open_browser)


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@project_option
@click.option("--department", default=None, help="Department id (region path + slug) or a unique slug; default: the department the cover names, created if new.")
@click.option("--region", default=None, help="Region path of a new department (e.g. shanghai/putuo); default: from the department's name.")
@click.option("--unit-slug", default=None, help="Slug of the budget unit of a unit document; default: benji when the unit is the department itself, else pinyin.")
@click.option("--year", type=click.IntRange(1949, 2100), default=None, help="Year, when the cover does not print it.")
@click.option("--kind", type=click.Choice(["budget", "final-accounts"]), default=None, help="budget (预算) or final-accounts (决算), when the title does not say.")
@click.option("--scope", type=click.Choice(["department", "unit"]), default=None, help="department (部门) or unit (单位) document, when the cover does not say.")
@click.option("--output", default=None, type=click.Path(file_okay=False), help="Content folder to write into (default: content/ of the project).")
@click.option("--force", is_flag=True, help="Replace documents that already exist.")
def import_command(
    files: tuple[str, ...],
    project_dir: str,
    department: str | None,
    region: str | None,
    unit_slug: str | None,
    year: int | None,
    kind: str | None,
    scope: str | None,
    output: str | None,
    force: bool,
) -> None:
    """Import published PDFs or official workbooks as documents in content/.

    Writes one document per file (and the department and region files when new),
    all or nothing, never overwriting without --force; then checks what it wrote.
    Exit 1 if any file could not be imported (nothing is written then).
    """
    from .importers.summary import outcome_text
    from .importers.writer import Options, run

    content_root = Path(output).resolve() if output else Path(project_dir).resolve() / "content"
    options = Options(department, region, unit_slug, year, kind, scope, force)
    outcome = run(list(files), options, content_root)
    click.echo(outcome_text(outcome, content_root), nl=False)
    sys.exit(0 if outcome.ok else 1)
