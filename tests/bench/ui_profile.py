"""A Stint profile whose cache holds N generated items, for the UI benchmarks.

Like a user's: besides the cached items it holds four weeks of time entries on 30 of the
tasks and a timer running for 25 minutes (so the first paint shows a task with its path,
not "No task"). Built once per count under the system temp dir and reused (building
200,000 items takes a while); pass fresh=True for a new one.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from item_generator import generate_items  # noqa: E402

from desktop.domain.entries import TimeEntry  # noqa: E402
from desktop.platform.paths import ProfilePaths  # noqa: E402
from desktop.store import Store  # noqa: E402


def large_profile(count: int = 200_000, fresh: bool = False) -> Path:
    root = Path(tempfile.gettempdir()) / f"stint-bench-profile-{count}-v2"
    ready = root / "ready"
    if fresh and root.exists():
        shutil.rmtree(root)
    if not ready.exists():
        shutil.rmtree(root, ignore_errors=True)
        paths = ProfilePaths.resolve(root).create_dirs()
        items = generate_items(count)
        with Store.open(paths.db_path) as store:
            store.items.upsert_many(items)
            add_work_history(store, [item.id for item in items])
        ready.touch()
    return root


def add_work_history(store: Store, item_ids: list[str], seed: int = 11) -> None:
    """Four weeks of working days, 3-6 entries a day on 30 tasks, and a running timer."""
    rng = random.Random(seed)
    tasks = rng.sample(item_ids, 30)
    now = datetime.now(UTC).replace(microsecond=0)
    for days_ago in range(28, 0, -1):
        day = (now - timedelta(days=days_ago)).replace(hour=8, minute=0, second=0)
        if day.weekday() >= 5:
            continue
        start = day
        for _ in range(rng.randint(3, 6)):
            end = start + timedelta(minutes=rng.randint(20, 110))
            store.entries.add(TimeEntry(start=start, end=end, item_id=rng.choice(tasks)), now)
            start = end + timedelta(minutes=rng.randint(0, 30))
    store.entries.start_timer(rng.choice(tasks), now - timedelta(minutes=25))


def copy_profile(source: Path, target: Path) -> Path:
    """A private copy (benchmarks that write, e.g. start a timer, must not share one)."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("ready", "*.lock", "logs"))
    return target
