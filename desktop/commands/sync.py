"""`stint sync` (and `--pause`/`--resume`), `stint status` and `stint log`."""

from __future__ import annotations

from collections.abc import Callable

from desktop.commands.result import CommandResult, duration_text, iso, local
from desktop.domain.synclog import ObjectCounts, RunOutcome, SyncRun, archive_breakdown_text
from desktop.domain.text import printable
from desktop.engine import Engine
from desktop.engine.status import build_status, run_to_json
from desktop.engine.sync_pause import PauseState

# Exit codes of `stint sync` by outcome (0 only when the run succeeded).
SYNC_EXIT_CODES = {
    RunOutcome.SUCCEEDED: 0,
    RunOutcome.FAILED: 1,
    RunOutcome.CANCELLED: 4,
    RunOutcome.RATE_LIMITED: 5,
    RunOutcome.INTERRUPTED: 1,
}


def sync(
    engine: Engine,
    full: bool = False,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> CommandResult:
    paused = engine.pause_state()
    run = engine.sync(full, on_progress=on_progress)
    result = CommandResult(data=run_to_json(run), text=_run_text(run))
    result.exit_code = SYNC_EXIT_CODES.get(run.outcome, 1)
    if paused.paused:
        result.warnings.append(
            f"synchronization is paused{_since(paused)}: this sync ran once because you asked; "
            "nothing syncs by itself until `stint sync --resume`."
        )
    return result


def set_paused(engine: Engine, paused: bool) -> CommandResult:
    """`stint sync --pause` / `--resume`: stored, so the app and later commands follow it."""
    state = engine.set_sync_paused(paused)
    if state.paused:
        text = (
            f"Synchronization paused{_since(state)}. Nothing is read from or sent to Salesforce "
            "by itself; time entries wait here. `stint sync` still syncs once; "
            "`stint sync --resume` turns it back on."
        )
    else:
        text = "Synchronization resumed: the next sync runs on schedule (at once if one is due)."
    return CommandResult(data=state.to_json(), text=text)


def _since(state: PauseState) -> str:
    return f" since {local(state.since)}" if state.since else ""


def counts_text(c: ObjectCounts) -> str:
    """ "2 new, 1 changed, 3 archived (1 closed, 2 deleted), 0 restored"."""
    breakdown = archive_breakdown_text(c)
    unexplained = c.archived_unexplained
    if unexplained and breakdown:
        breakdown += f", {unexplained} for reasons not recorded"
    archived = f"{c.archived} archived" + (f" ({breakdown})" if breakdown else "")
    return f"{c.created} new, {c.modified} changed, {archived}, {c.restored} restored"


def _run_text(run: SyncRun) -> str:
    seconds = (run.finished_at - run.started_at).total_seconds() if run.finished_at else 0
    head = (
        f"{run.kind.capitalize()} sync {run.outcome.value.replace('_', ' ')} in {seconds:.1f} s "
        f"using {run.api_calls} API call{'s' if run.api_calls != 1 else ''}."
    )
    lines = [head]
    for sobject, c in sorted(run.counts.items()):
        lines.append(f"  {sobject}: {counts_text(c)}")
    if not run.counts and run.outcome is RunOutcome.SUCCEEDED:
        lines.append("  Nothing changed.")
    if run.error:
        lines.append(f"  {printable(run.error)}")
    return "\n".join(lines)


def status(engine: Engine) -> CommandResult:
    data = build_status(engine)
    connection = data["connection"]
    lines = []
    if connection["connected"]:
        lines.append(
            f"Connected: {connection['username'] or connection['user_id']} at "
            f"{connection['instance_url'] or connection['login_url']} ({connection['auth_method']})"
        )
    else:
        lines.append("Not connected to Salesforce (run `stint connect`).")
    if connection["keyring_problem"]:
        lines.append(f"Keyring: {connection['keyring_problem']}")
    last = data["last_sync"]
    if last:
        when = local(_parse(last["finished_at"] or last["started_at"]))
        lines.append(
            f"Last sync: {last['outcome'].replace('_', ' ')} ({last['kind']}) at {when}, "
            f"{last['api_calls']} API calls" + (f" - {printable(last['error'])}" if last["error"] else "")
        )
    else:
        lines.append("Last sync: never")
    pause = data["sync_pause"]
    if pause["paused"]:
        since = f" since {local(_parse(pause['since']))}" if pause["since"] else ""
        who = " by your administrator" if pause["locked"] else ""
        resume = "" if pause["locked"] else "; `stint sync --resume` resumes"
        lines.append(f"Sync: paused{since}{who} (`stint sync` syncs once{resume})")
    if data["next_sync_at"]:
        lines.append(f"Next sync: {local(_parse(data['next_sync_at']))}")
    if data["next_sync_note"] and not pause["paused"]:
        lines.append(f"  {data['next_sync_note']}")
    usage = data["api_usage"]
    if usage:
        lines.append(f"API usage: {usage['used']:,} of {usage['limit']:,} calls today")
    timer = data["timer"]
    if timer:
        lines.append(
            f"Timer: running {duration_text(timer['elapsed_seconds'])} on "
            f"{printable(timer['task'] or 'no task')} (since {local(_parse(timer['started_at']))})"
        )
    else:
        lines.append("Timer: stopped")
    counts = data["counts"]
    lines.append(
        f"Tasks: {counts['opportunities']} opportunities, {counts['cases']} cases, "
        f"{counts['activities']} activities active; {counts['archived']} archived; "
        f"{counts['entries']} time entries"
    )
    return CommandResult(data=data, text="\n".join(lines))


def sync_log(engine: Engine, runs: int = 20) -> CommandResult:
    recent = engine.store.sync_log.runs(limit=runs)
    changes = engine.store.sync_log.recent_changes()
    data = {
        "runs": [run_to_json(run) for run in recent],
        "changes": [
            {
                "at": iso(c.at),
                "sobject": c.sobject,
                "record_id": c.record_id,
                "record_name": c.record_name,
                "action": c.action,
                "direction": c.direction.value,
                "status": c.status.value,
                "error": c.error,
                "run_id": c.run_id,
                "reason": c.reason,
            }
            for c in changes
        ],
    }
    lines = ["Runs (newest first):"]
    for run in recent:
        summed = sum(run.counts.values(), ObjectCounts())
        detail = f" ({counts_text(summed)})" if summed.total else ""
        lines.append(
            f"  #{run.id} {local(run.started_at)} {run.kind:<11} {run.outcome.value:<12} "
            f"{run.api_calls:>5} calls {summed.total:>6} changes{detail}"
            + (f"  {printable(run.error)}" if run.error else "")
        )
    if not recent:
        lines.append("  none yet")
    lines.append("Record changes (newest first):")
    for c in changes:
        arrow = "<-" if c.direction.value == "from_salesforce" else "->"
        action = f"{c.action} ({c.reason})" if c.reason else c.action
        lines.append(printable(
            f"  {local(c.at)} {arrow} {c.sobject} {c.record_id} {action} {c.status.value}: "
            f"{c.record_name}" + (f" ({c.error})" if c.error else "")
        ))
    if not changes:
        lines.append("  none yet")
    return CommandResult(data=data, text="\n".join(lines))


def _parse(text: str):
    from datetime import datetime

    return datetime.fromisoformat(text)
