"""`pubgen build` killed with SIGKILL at random points: site/ is always the old site or the new one, whole.

Two loops run side by side, each on its own copy of a small generated project, and
kill 200 builds between them. Half the kills land at a random time in a build
(starting Python, checking, rendering, MkDocs, indexing, publishing), drawn over how
long the last whole builds took; the other half land around the swap: at a random
time between the moment the build marks its finished site (just before it swaps it
in) and the moment whole builds were seen to end (after removing the replaced site). After every kill, site/ must hold, file for file and byte
for byte, the site published before the build or the site it was building; no process
of the build may be left; and at most the killed build's own staging folder may lie
beside the site, since every build removes its predecessors' once it holds the lock.
Every 50 rounds, and at the end, a build runs to completion and must leave nothing.
"""

from __future__ import annotations

import random
import shutil
import signal
import statistics
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pubgen.sitedir import MARKER

from .faulttools import build_command, child_env, corpus, kill_session, left_over, tree, wait_until_gone

KILLS = 200
LOOPS = 2
"""Loops side by side, each on its own project: the machine has two cores and a build waits on I/O."""
WHOLE_BUILD_EVERY = 50

TITLES = {"old": "部门预决算公开平台", "new": "部门预决算公开平台（修订）"}
"""Two versions of the content: every page differs between them (the site's title is on each)."""


@dataclass(slots=True)
class KillLoop:
    """One project, its site, and the two sites its two versions of content make."""

    root: Path
    seed: int
    site: Path = field(init=False)
    whole: dict[str, dict[str, str]] = field(default_factory=dict)
    published: str = ""
    durations: list[float] = field(default_factory=list)
    """How long whole builds took: kills are drawn over the last few, as the machine's load changes."""
    tails: list[float] = field(default_factory=list)
    """How long whole builds ran after marking their finished site: the swap and removing the old site."""
    kills: int = 0
    swapped: int = 0
    """Kills after which site/ held the new site: the swap had happened."""
    completed: int = 0
    log: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.site = self.root / "site"

    def use(self, version: str) -> None:
        site_yml = self.root / "project" / "content" / "site.yml"
        text = site_yml.read_text(encoding="utf-8")
        for title in TITLES.values():
            text = text.replace(f"title: {title}\n", f"title: {TITLES[version]}\n")
        site_yml.write_text(text, encoding="utf-8")

    def start(self) -> subprocess.Popen[bytes]:
        with open(self.root / "stderr.txt", "wb") as err:
            return subprocess.Popen(
                build_command(self.root / "project", self.site), env=child_env(), stdout=subprocess.DEVNULL, stderr=err, start_new_session=True
            )

    def build_whole(self, version: str) -> None:
        """A build that runs to the end publishes ``version`` and leaves nothing behind."""
        self.use(version)
        started = time.monotonic()
        proc = self.start()
        self.wait_for_marker(proc)
        marked = time.monotonic()
        assert proc.wait(timeout=600) == 0, (self.root / "stderr.txt").read_text(encoding="utf-8")
        self.durations.append(time.monotonic() - started)
        self.tails.append(time.monotonic() - marked)
        self.published = version
        assert wait_until_gone(proc.pid) == []
        assert left_over(self.site) == [], "a complete build leaves no staging folder"
        if version in self.whole:
            assert tree(self.site) == self.whole[version], "a whole build publishes exactly the reference site"

    def kill_one(self, rng: random.Random, around_swap: bool) -> None:
        target = "new" if self.published == "old" else "old"
        self.use(target)
        started = time.monotonic()
        proc = self.start()
        try:
            if around_swap:
                delay = rng.uniform(0, statistics.median(self.tails[-5:]))
                moment = f"{delay:.3f} s after the finished site was marked"
                self.wait_for_marker(proc)
            else:
                delay = rng.uniform(0, statistics.median(self.durations[-5:]))
                moment = f"{delay:.3f} s after start"
            time.sleep(delay)
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                self.kills += 1
            code = proc.wait()
            if code == 0:
                self.completed += 1
                self.durations.append(time.monotonic() - started)
            alive = wait_until_gone(proc.pid)
            assert alive == [], f"killed {moment}: processes of the build outlived it: {alive}"
        finally:
            kill_session(proc.pid)
        if code != -signal.SIGKILL:
            assert code == 0, f"exit {code}: " + (self.root / "stderr.txt").read_text(encoding="utf-8")
        now = tree(self.site)
        if now == self.whole[target]:
            self.published = target
            self.swapped += code == -signal.SIGKILL
        else:
            assert now == self.whole[self.published], f"killed {moment}: site/ is neither the old site nor the new one"
        left = left_over(self.site)
        assert len(left) <= 1 and all(n.startswith(f".{self.site.name}.building-") for n in left), (
            f"killed {moment}: earlier builds' folders were not removed: {left}"
        )
        self.log.append(f"{target} {moment}: exit {code}, site/ is {self.published}, left {left}")

    def wait_for_marker(self, proc: subprocess.Popen[bytes]) -> None:
        """Until the build has marked its finished site, which it does just before the swap."""
        deadline = time.monotonic() + 600
        while proc.poll() is None and time.monotonic() < deadline:
            for name in left_over(self.site):
                if (self.site.parent / name / "site" / MARKER).exists():
                    return
            time.sleep(0.005)  # finer would take the core the build needs; the kill comes 0–300 ms later anyway

    def run(self, kills: int) -> KillLoop:
        rng = random.Random(self.seed)
        self.build_whole("old")
        self.whole["old"] = tree(self.site)
        self.build_whole("new")
        self.whole["new"] = tree(self.site)
        assert self.whole["old"] != self.whole["new"]
        round_ = 0
        while self.kills < kills:
            self.kill_one(rng, around_swap=round_ % 2 == 1)
            round_ += 1
            if round_ % WHOLE_BUILD_EVERY == 0:
                self.build_whole("new" if self.published == "old" else "old")
        self.build_whole("new" if self.published == "old" else "old")
        return self


def test_sigkill_at_random_points_leaves_the_old_site_or_the_new_one(tmp_path: Path) -> None:
    # Three documents and only their regions: every stage of a build, each build short, so 200 kills fit in the suite.
    project = corpus(tmp_path / "corpus", 3, seed=7, used_regions_only=True)
    loops = []
    for n in range(LOOPS):
        (tmp_path / f"loop{n}").mkdir()
        shutil.copytree(project, tmp_path / f"loop{n}" / "project")
        loops.append(KillLoop(tmp_path / f"loop{n}", seed=n))
    started = time.monotonic()
    with ThreadPoolExecutor(LOOPS) as pool:
        done = list(pool.map(lambda loop: loop.run(KILLS // LOOPS), loops))
    kills = sum(loop.kills for loop in done)
    assert kills >= KILLS
    print(
        f"\n{kills} builds killed in {time.monotonic() - started:.0f} s on {LOOPS} projects side by side "
        f"({sum(loop.swapped for loop in done)} after the swap; {sum(loop.completed for loop in done)} ended before their kill); "
        f"a whole build took {statistics.median(d for loop in done for d in loop.durations):.1f} s (median)"
    )
