"""`stint repair`: a damaged local database kept aside, and a fresh one with what can be read.

Runs without the Engine (which cannot open a damaged store) and only while no Stint uses the
profile: the app, which offers the same repair, holds the profile lock while it runs.
"""

from __future__ import annotations

from desktop.commands.result import CommandResult
from desktop.engine.errors import EngineError
from desktop.platform.instance_lock import InstanceLock
from desktop.platform.paths import open_profile
from desktop.store.recovery import integrity_problems, recover


def repair(profile: str | None) -> CommandResult:
    paths = open_profile(profile)
    if not paths.db_path.exists():
        return CommandResult(data={"repaired": False, "problems": []},
                             text="There is no local database on this profile yet.")
    lock = InstanceLock(paths.lock_path)
    if not lock.acquire():
        raise EngineError("Stint is running on this profile: quit it first (the app offers "
                          "the same repair when it finds the database damaged).")
    try:
        problems = integrity_problems(paths.db_path)
        if not problems:
            return CommandResult(data={"repaired": False, "problems": []},
                                 text="The local database is sound: nothing to repair.")
        report = recover(paths.db_path)
    finally:
        lock.release()
    lost = (f"\nSome records could not be read (in: {', '.join(report.damaged_tables)}); they "
            "may still be in the damaged file." if report.damaged_tables else "")
    return CommandResult(
        data={"repaired": True, "problems": problems, "damaged_copy": str(report.damaged_copy),
              "rows": report.rows, "damaged_tables": list(report.damaged_tables)},
        text=(f"Started a fresh local database with {report.entries:,} time entries recovered. "
              f"The damaged file is kept as {report.damaged_copy}. The tasks come back with the "
              f"next `stint sync`.{lost}"),
    )
