"""Progress of a long build on the terminal: the stage, pages done / total, time elapsed.

Shown only when the output is a terminal (one line, rewritten in place); a build
run by CI or piped into a file prints nothing extra.
"""

from __future__ import annotations

import time
from typing import TextIO


class Progress:
    """One line on a terminal, rewritten at most ten times a second."""

    def __init__(self, stream: TextIO, interval: float = 0.1) -> None:
        self.stream = stream
        self.interval = interval
        self.started = time.monotonic()
        self._stage = ""
        self._done = 0
        self._total: int | None = None
        self._shown = 0.0
        self._width = 0

    @staticmethod
    def for_terminal(stream: TextIO) -> Progress | None:
        """A progress line on ``stream`` if it is a terminal, else None (stay quiet)."""
        try:
            return Progress(stream) if stream.isatty() else None
        except (AttributeError, ValueError):
            return None

    @staticmethod
    def silent() -> Progress:
        """A progress that shows nothing: for builds not on a terminal."""
        return _Silent()

    def stage(self, name: str, total: int | None = None) -> None:
        """Start a stage; ``total`` is how many steps it has when that is known."""
        self._stage, self._done, self._total = name, 0, total
        self._show(force=True)

    def advance(self, steps: int = 1) -> None:
        self._done += steps
        self._show()

    def finish(self) -> None:
        """Clear the line, so the build's own summary is printed on a clean line."""
        self.stream.write("\r" + " " * self._width + "\r")
        self.stream.flush()

    def line(self) -> str:
        elapsed = time.monotonic() - self.started
        count = f" {min(self._done, self._total):,}/{self._total:,}" if self._total else ""
        return f"{self._stage}{count} · 已用 {elapsed:.0f} 秒"

    def _show(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._shown < self.interval and self._done != self._total:
            return
        self._shown = now
        text = self.line()
        # Chinese characters take two columns on a terminal.
        width = sum(2 if ord(c) > 0x2E80 else 1 for c in text)
        self.stream.write("\r" + text + " " * max(0, self._width - width))
        self.stream.flush()
        self._width = max(width, self._width)


class _Silent(Progress):
    def __init__(self) -> None:
        super().__init__(stream=None)  # type: ignore[arg-type]

    def _show(self, force: bool = False) -> None:
        pass

    def finish(self) -> None:
        pass
