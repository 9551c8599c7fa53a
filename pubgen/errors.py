"""Fatal errors: a small tree rooted in click's exception, each with an exit code."""

from __future__ import annotations

import click


class PubgenError(click.ClickException):
    """Something stopped pubgen; the message says what, in the editor's language."""

    exit_code = 1

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(f"错误：{self.format_message()}", err=True)


class ContentInvalid(PubgenError):
    """Validation found errors: nothing is published."""

    def __init__(self, message: str, report_text: str = "") -> None:
        super().__init__(message)
        self.report_text = report_text
        """Every problem found, as printed for editors."""


class BuildFailed(PubgenError):
    """MkDocs could not build the site: nothing is published."""


class ProjectNotFound(PubgenError):
    """The project folder lacks content/, templates/ or mkdocs.yml."""

    exit_code = 2
