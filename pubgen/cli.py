"""The ``pubgen`` command: each subcommand parses options and calls one function."""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import time
from pathlib import Path
from typing import Any, Callable, NoReturn, Sequence, TypeVar

import click

from . import __version__
from .atomic import write_whole
from .clihelp import Group, Option
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


_F = TypeVar("_F", bound=Callable[..., Any])


def _option(*names: str, **settings: Any) -> Callable[[_F], _F]:
    """``click.option`` whose help ends in Chinese (默认…、必须写), not click's “[default: …]”."""
    return click.option(*names, cls=Option, **settings)


project_option = _option(
    "--project",
    "project_dir",
    default=".",
    metavar="文件夹",
    type=click.Path(file_okay=False),
    help="项目文件夹，里面有 content/、templates/ 和 mkdocs.yml（默认是当前文件夹）。",
)


def _option_name(param: click.Parameter | None) -> str:
    if param is None:
        return "参数"
    if isinstance(param, click.Argument):
        if isinstance(param.type, click.Choice) and param.metavar is None:
            return f"参数（{'、'.join(str(c) for c in param.type.choices)} 之一）"
        return f"参数“{param.human_readable_name.strip('[].')}”"
    return "/".join(param.opts)


def usage_in_chinese(error: click.ClickException) -> str:
    """A command-line mistake told in the editor's words (click's own messages are English)."""
    ctx = getattr(error, "ctx", None)
    help_of = f"{ctx.command_path} --help" if ctx is not None and ctx.command_path else "pubgen 命令 --help"
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
            # A year is typed with 年 (2023年); a count is not: its example is its least value.
            year = isinstance(error.param, click.Option) and "--year" in error.param.opts
            example = "如 2023（不要写“年”等文字）" if year else f"如 {low if low is not None else 1}"
            return f"{name} 应是整数{where}，只写数字，{example}。"
        if kind is click.INT:
            return f"{name} 应是整数，只写数字。"
        if isinstance(kind, click.Path):
            return f"{name} 的路径不存在或不能用：请检查路径是否写对。"
        return f"{name} 的值不对：请运行 {help_of} 查看写法。"
    message = error.format_message()
    unknown = re.match(r"No such command '(.+?)'\.(?:\s*\(Did you mean (?:one of: )?(.+?)\?\))?$", message)
    if unknown:
        close = re.findall(r"'([^']+)'", unknown[2] or "")
        return f"没有 {unknown[1]} 这个命令" + (f"，您是否想写 {'、'.join(close)}？" if close else "。运行 pubgen --help 查看全部命令。")
    value = re.match(r"Option '(.+?)' requires (?:an argument|\d+ arguments)\.", message)
    if value:
        return f"{value[1]} 后面缺少它的值：请在 {value[1]} 后面写上值；运行 {help_of} 查看写法。"
    flag = re.match(r"Option '(.+?)' does not take a value\.", message)
    if flag:
        return f"{flag[1]} 是开关，后面不写值：只写 {flag[1]}，去掉“=”和它后面的内容。"
    extra = re.match(r"Got unexpected extra arguments? \((.+)\)", message)
    if extra:
        return f"多出了参数 {extra[1]}：含空格的路径请加引号；运行 {help_of} 查看写法。"
    return f"命令写法不对（{message}）。运行 pubgen --help 查看用法。"


class _Pubgen(Group):
    """The command group, telling command-line mistakes and its help in Chinese."""

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
        except click.exceptions.NoArgsIsHelpError as error:  # `pubgen` alone: its help, not an error around it
            click.echo(error.format_message(), err=True)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            click.echo(f"错误：{usage_in_chinese(error) if isinstance(error, click.UsageError) else error.format_message()}", err=True)
            sys.exit(error.exit_code)
        except click.exceptions.Abort:
            click.echo("已中断，这次运行没有完成。", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


@click.group(cls=_Pubgen, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pubgen", message="%(prog)s %(version)s", help="显示版本号后退出。")
def main() -> None:
    """把部门预决算公开和绩效自评发布成核对过、可以搜索的静态网站。

    内容是 content/ 里的 YAML 文件，写法见 docs/content-format.md，
    操作步骤见 docs/编辑指南.md。每个命令的写法：pubgen 命令 --help，
    如 pubgen check --help。
    """


_STANDALONE = False
"""Whether this process is the ``pubgen`` command itself (not a caller of :func:`main`, such as a test)."""


class _Interrupted(BaseException):
    """Ctrl-C (or a stop signal) in a command that is not a preview: raised past click, which would print an English
    “Aborted!”."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__(signum)
        self.signum = signum


def _interrupt(signum: int, frame: object) -> None:
    raise _Interrupted(signum)


def entry() -> None:
    """The ``pubgen`` command."""
    global _STANDALONE
    _STANDALONE = True
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command != "serve":  # the preview stops on Ctrl-C by design, and says so itself
        signal.signal(signal.SIGINT, _interrupt)
        # A CI service cancelling a job, docker stop and systemd send SIGTERM: the same clean-up and one line.
        signal.signal(signal.SIGTERM, _interrupt)
        if hasattr(signal, "SIGHUP"):
            signal.signal(signal.SIGHUP, _interrupt)
    try:
        main()
    except SystemExit:
        # The command has finished and said so: a Ctrl-C while Python winds down (joining workers, freeing memory) would
        # only end it by the signal (exit −2) after “已发布”. Ignored, it is left alone; Python keeps an ignored signal ignored.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise
    except _Interrupted as stopped:
        # Clean-up (temporary folders, the staging folder) has run on the way out; publishing is one atomic step.
        how = "已中断（Ctrl+C）" if stopped.signum == signal.SIGINT else "已停止（收到停止信号）"
        said = how + "，这次运行没有完成。" + ("已发布的网站保持不变。" if command in ("build", "assemble") else "")
        try:
            click.echo(said, err=True)
        except OSError:
            pass
        _exit(128 + stopped.signum)


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
        # Told here, in full: click's BadParameter raised in the command's body would lose the option's name and this text.
        raise UsageProblem(
            f"--shard 应写成 I/N：第 I 个作业，共 N 个作业，I 从 1 到 N，如 --shard 1/4、--shard 4/4；"
            f"“{value}”不对" + (f"（共 {count} 个作业时，I 只能是 1 到 {count}）" if count >= 1 and index > count else "") + "。"
        )
    return index, count


@main.command("build")
@project_option
@_option("--site-dir", default=None, metavar="文件夹", type=click.Path(file_okay=False), help="网站发布到哪个文件夹（默认是项目里的 site/）。")
@_option("--strict", is_flag=True, help="把警告也当作错误：pubgen 检查出的警告和 MkDocs 的警告都算。")
@_option("--shard", "shard", default=None, metavar="I/N", help="只构建第 I 个作业（共 N 个）分到的分片，写进 --out 的文件夹，供 pubgen assemble 汇总。")
@_option("--out", "out_dir", default=None, metavar="文件夹", type=click.Path(file_okay=False), help="与 --shard 一起用：分片写进这个文件夹（新的或空的文件夹，或这个作业上次的 --out；不属于这个作业的旧分片会被删除）。")
@_option("--jobs", default=None, metavar="个数", type=click.IntRange(1, 256), help="同时构建几个分片（默认每个处理器核心一个）。")
@_option("--shard-size", default=None, metavar="份数", type=click.IntRange(1), envvar="PUBGEN_SHARD_SIZE", help="每个分片最多几份文档（默认 400，也可用环境变量 PUBGEN_SHARD_SIZE 设定）。同一网站的各个作业必须用同一个值。")
@_option("--no-cache", is_flag=True, help="不读也不写 .pubgen-cache/，每个分片都重新构建。")
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
    """检查内容，然后生成网站，发布到 site/。

    网站分成若干分片（一个地区，或大地区的一部分），每个处理器核心同时构建一个；
    来源没有改过的分片直接取用 .pubgen-cache/ 里的。整个构建成功了，才替换已发布的网站。
    网站文件夹必须是新的、空的，或是 pubgen 生成的网站，别的文件夹 pubgen 一律不动。

    在几台机器上一起构建：每台运行 pubgen build --shard I/N --out 文件夹，
    最后由一台运行 pubgen assemble 文件夹... --site-dir site/（见 docs/ci/README.md）。
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
    import shutil

    from .history import last_changed
    from .partition import SHARD_DOCUMENTS
    from .pipeline import build_shards, passed
    from .shard import plan, shard_key
    from .sitedir import check_out_dir

    index, count = part
    started = time.monotonic()
    out = check_out_dir(project.root, out)
    try:
        shards = plan(project.root, shard_size or SHARD_DOCUMENTS)
        mine = [s for i, s in enumerate(shards.shards) if i % count == index - 1]
        dates = last_changed(project.root)
        keys = {s.name: shard_key(s, shards, project.root, dates, strict) for s in mine}
        out.mkdir(parents=True, exist_ok=True)
        # Shards of another partition or job left from an earlier run would be assembled beside this one's.
        wanted = {s.folder for s in mine}
        old = [e for e in sorted(out.iterdir()) if e.name not in wanted]
        for left in old:
            shutil.rmtree(left)
        if old:
            click.echo(f"已删除 {out} 中上次构建留下、不属于这个作业的 {len(old)} 个分片。", err=True)
        passed(build_shards(project.root, shards, mine, out, keys, strict, dates, jobs, Progress.silent(), out), out, strict)
    except ContentInvalid as exc:
        click.echo(exc.report_text, err=True)
        raise
    except OSError as exc:
        raise filesystem_error(exc, out, "分片没有全部写完，请重新运行。") from None
    click.echo(f"已构建 {len(mine)} 个分片（共 {len(shards.shards)} 个）到 {out}（用时 {time.monotonic() - started:.1f} 秒）。")


@main.command("assemble")
@project_option
@click.argument("folders", nargs=-1, required=True, metavar="文件夹...", type=click.Path(exists=True, file_okay=False))
@_option("--site-dir", default=None, metavar="文件夹", type=click.Path(file_okay=False), help="网站发布到哪个文件夹（默认是项目里的 site/）。")
@_option("--strict", is_flag=True, help="把 MkDocs 的警告当作错误；分片也必须加 --strict 构建，否则不汇总。")
@_option("--shard-size", default=None, metavar="份数", type=click.IntRange(1), envvar="PUBGEN_SHARD_SIZE", help="构建分片时用的 --shard-size（默认 400，也可用环境变量 PUBGEN_SHARD_SIZE 设定）。")
def assemble_command(project_dir: str, folders: tuple[str, ...], site_dir: str | None, strict: bool, shard_size: int | None) -> None:
    """把 pubgen build --shard I/N --out 文件夹 构建的分片汇总成网站，并发布。

    文件夹... 写每个作业的 --out 文件夹。项目里只读取设置、模板和部门，不再读取文档。
    """
    from .assemble import assemble, current_sources
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
                # The documents as they are now: a shard built before one was withdrawn or corrected is refused.
                assembled = assemble(project.root, shards, found, staging, strict, current=current_sources(shards, project.root))
            publish(assembled.site_dir, site)
        finally:
            discard(staging)
    if assembled.report.problems:
        click.echo(assembled.report.to_text(), err=True)
    click.echo(f"已汇总 {len(found)} 个分片，发布 {assembled.pages} 个页面到 {site}（用时 {time.monotonic() - started:.1f} 秒）。")


@main.command("check")
@project_option
@click.argument("paths", nargs=-1, metavar="[文件]...", type=click.Path(dir_okay=False))
@_option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True, help="问题的输出格式：text 给人看，json 给程序读，github 在 GitHub 的检查结果里标注。")
@_option("--strict", is_flag=True, help="有警告也算不通过（退出码为 1）。")
@_option("--no-cache", is_flag=True, help="不读也不写 .pubgen-cache/check/，每个文件都重新检查。")
def check_command(project_dir: str, paths: tuple[str, ...], fmt: str, strict: bool, no_cache: bool) -> None:
    """检查每个数字和字段，不生成网站；有错误时退出码为 1。

    不写文件，检查整个项目；写了文件（content/ 里的 .yml），只报告这些文件的问题。

    上次检查以来没有改过的文件（以及与它们对照的文件），问题直接取自项目里的
    .pubgen-cache/check/：报告与全部重新检查的一样；要全部重新检查，加 --no-cache。
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
@click.argument("base", metavar="原版本")
@click.argument("head", required=False, metavar="[新版本]")
@_option("--format", "fmt", type=click.Choice(["markdown", "text", "json"]), default="text", show_default=True, help="变化的输出格式：text 给人看，markdown 用作合并请求的评论，json 给程序读。")
@_option("--merge-base", is_flag=True, help="与原版本和新版本的共同祖先比较，即一个合并请求带来的变化。")
@_option("--fail-on-problems", is_flag=True, help="修改带来新的错误时（旧版本无法读取、未能比较的文档中的错误也算），退出码为 1。")
def diff_command(project_dir: str, base: str, head: str | None, fmt: str, merge_base: bool, fail_on_problems: bool) -> None:
    """列出两个 git 版本之间哪些文档、数字、文字和检查问题有变化。

    原版本和新版本写 git 的分支、标签或提交；不写新版本，则与文件夹里现在的文件（含未提交的修改）比较。
    退出码为 0，除非加了 --fail-on-problems 而修改带来了新的错误。
    """
    from .diff import diff_project, render

    result = diff_project(Path(project_dir).resolve(), base, head, merge_base=merge_base)
    click.echo(render(result, fmt))
    sys.exit(int(fail_on_problems and bool(result.new_errors)))


@main.command("new")
@click.argument("kind", type=click.Choice(["budget", "final-accounts", "self-evaluation", "project-evaluation"]))
@_option("--department", required=True, metavar="部门", help="部门的代号：地区路径加部门代号，如 hebei/xingtai/pingxiang/xinfangju；部门代号不重名时只写它也可以。")
@_option("--year", required=True, metavar="年度", type=click.IntRange(1949, 2100), help="新文档的年度。")
@_option("--unit-slug", "unit", default=None, metavar="代号", help="新建单位预算、单位决算时写：单位的代号，即 …/unit-代号/ 里的那段，如 benji。")
@_option("--unit-name", default=None, metavar="名称", help="单位名称，照原文写；单位以前没有文档时用。")
@_option("--project-slug", "project_slug", default=None, metavar="代号", help="project-evaluation 用：项目的代号，即 …/project-evaluation/代号/ 里的那段。")
@_option("--project-name", default=None, metavar="名称", help="项目名称，照原文写；项目以前没有自评时用。")
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
    """照本部门上一份同类文档的结构新建一份文档，数字都写成“待填”。

    类别写 budget（预算）、final-accounts（决算）、self-evaluation（部门整体支出绩效自评）
    或 project-evaluation（项目支出绩效自评）。

    不加 --unit-slug，新建部门自己的文档，照上年的结构；加了 --unit-slug，新建这个单位的文档，
    照它上一份的结构（网站上还没有的单位，照别的单位或部门的，并用 --unit-name 写单位名称）。
    project-evaluation 要加 --project-slug（以前没有自评的项目还要加 --project-name）。

    从不覆盖：文件已经存在时，退出码为 1。
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
@_option("--out", "out_dir", default="schema", show_default=True, metavar="文件夹", type=click.Path(file_okay=False), help="JSON Schema 文件写进哪个文件夹。")
def schema_command(out_dir: str) -> None:
    """写出内容文件的字段说明（JSON Schema），让编辑器边写边提示。"""
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
@_option("--host", default="127.0.0.1", show_default=True, metavar="地址", help="预览网站的地址。")
@_option("--port", default=8000, show_default=True, metavar="端口", type=int, help="预览网站的端口。")
@_option("--open", "open_browser", is_flag=True, help="在浏览器里打开预览。")
def serve_command(project_dir: str, host: str, port: int, open_browser: bool) -> None:
    """边改边预览网站：每保存一次修改，就重新生成一次。

    检查出的问题打印在这里，也显示在相关的网页上；有错的文件不会让预览停下。
    """
    from .serve import serve

    serve(_project(project_dir), host, port, open_browser)


@main.command("import")
@click.argument("files", nargs=-1, required=True, metavar="文件...", type=click.Path(dir_okay=True))
@project_option
@_option("--department", default=None, metavar="部门", help="部门的代号（地区路径加部门代号），或不重名的部门代号；默认用封面上的部门，网站上没有就新建。")
@_option("--region", default=None, metavar="地区", help="新部门的地区：地区路径，如 shanghai/putuo，或从省一级写起的各级地区名称，如 江西省/赣州市/安远县（还没有的地区会加进 regions.yml）；默认按部门名称推断。")
@_option("--unit-slug", default=None, metavar="代号", help="单位文档的单位代号；默认：单位就是部门本级时为 benji，否则用单位名称的拼音。")
@_option("--year", type=click.IntRange(1949, 2100), default=None, metavar="年度", help="年度，封面上没有印时写。")
@_option("--kind", type=click.Choice(["budget", "final-accounts"]), default=None, help="budget（预算）或 final-accounts（决算），标题里看不出时写。")
@_option("--scope", type=click.Choice(["department", "unit"]), default=None, help="department（部门）或 unit（单位）文档，封面上看不出时写。")
@_option("--output", default=None, metavar="文件夹", type=click.Path(file_okay=False), help="写进哪个内容文件夹（默认是项目里的 content/）。")
@_option("--force", is_flag=True, help="替换已经存在的文档。")
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
    """把已公开的 PDF、Word 文档（.docx）或公开表工作簿（.xlsx、.xls）导入为 content/ 里的文档。

    每个文件写成一份文档（部门、地区是新的，也写出部门和地区文件）；要么全部写入，要么一个也不写；
    不加 --force 就不覆盖已有的文档；写完后检查写出的内容。
    有文件导入不了时，退出码为 1（这时什么也不写）。
    """
    from .importers.summary import outcome_text
    from .importers.writer import Options, run

    content_root = Path(output).resolve() if output else Path(project_dir).resolve() / "content"
    options = Options(department, region, unit_slug, year, kind, scope, force)
    outcome = run(list(files), options, content_root)
    click.echo(outcome_text(outcome, content_root), nl=False)
    sys.exit(0 if outcome.ok else 1)
