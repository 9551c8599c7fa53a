"""The ``pubgen`` command's first step: Ctrl-C is told in Chinese from the start, before the program is loaded."""

from __future__ import annotations

import os
import signal
import sys


def _while_starting(signum: int, frame: object) -> None:
    # Ctrl-C while Python is still loading pubgen: nothing has been read or written yet.
    sys.stderr.write(("已中断（Ctrl+C）" if signum == signal.SIGINT else "已停止（收到停止信号）") + "，这次运行没有完成。\n")
    os._exit(128 + signum)


def main() -> None:
    """Run the ``pubgen`` command (see :func:`pubgen.cli.entry`)."""
    signal.signal(signal.SIGINT, _while_starting)
    signal.signal(signal.SIGTERM, _while_starting)
    from .cli import entry

    entry()
