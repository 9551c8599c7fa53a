"""CPU seconds of each step of a warm `pubgen check` (nothing changed) on a project whose check cache is filled.

    python benchmarks/check_steps.py PROJECT_DIR
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any, Callable

t0 = time.process_time()
w0 = time.perf_counter()
import pubgen.cli  # noqa: E402,F401 - what the command imports
import pubgen.checkcache as cc  # noqa: E402
from pubgen.load import yaml_files  # noqa: E402

t_import = time.process_time() - t0
root = Path(sys.argv[1])
content = root / "content"
steps: dict[str, float] = {}


def step(name: str, fn: Callable[..., Any], *a: Any) -> Any:
    """Run ``fn`` and record its CPU seconds under ``name``."""
    s = time.process_time()
    r = fn(*a)
    steps[name] = time.process_time() - s
    return r


fp = step("fingerprint (hash of pubgen's files)", cc.fingerprint)
idx = step("read the cache file (JSON)", cc.read_index, cc.cache_folder(root) / cc.INDEX_NAME, fp)
files = step("list documents (yaml_files)", yaml_files, content / "documents")
h = cc.Hasher(idx.stamps, idx.started, time.time_ns())
step("stat every file, hash none", lambda: [h.sha(p) for p in files])
res = step("whole cached check (check_cached)", cc.check_cached, content, cc.cache_folder(root))
text = step("report as text", res.report.to_text)
print(f"import pubgen.cli: {t_import:.2f} s CPU")
for k, v in steps.items():
    print(f"{k}: {v:.2f} s CPU")
print(f"problems: {len(res.report.problems)}; folders {res.folders}, rechecked {res.rechecked}; cache file {(cc.cache_folder(root) / cc.INDEX_NAME).stat().st_size/1e6:.1f} MB")
print(f"wall for all of it: {time.perf_counter()-w0:.2f} s")
