"""A Stint profile whose cache holds N generated items, for the UI benchmarks.

Built once per count under the system temp dir and reused (building 200,000 items takes a
while); pass fresh=True for a new one.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from item_generator import generate_items  # noqa: E402

from desktop.platform.paths import ProfilePaths  # noqa: E402
from desktop.store import Store  # noqa: E402


def large_profile(count: int = 200_000, fresh: bool = False) -> Path:
    root = Path(tempfile.gettempdir()) / f"stint-bench-profile-{count}"
    ready = root / "ready"
    if fresh and root.exists():
        shutil.rmtree(root)
    if not ready.exists():
        shutil.rmtree(root, ignore_errors=True)
        paths = ProfilePaths.resolve(root).create_dirs()
        with Store.open(paths.db_path) as store:
            store.items.upsert_many(generate_items(count))
        ready.touch()
    return root


def copy_profile(source: Path, target: Path) -> Path:
    """A private copy (benchmarks that write, e.g. start a timer, must not share one)."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("ready", "*.lock", "logs"))
    return target
