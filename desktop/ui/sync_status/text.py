"""How the sync status words things: local times, "in 12 min", outcomes, directions."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from desktop.domain.synclog import ChangeStatus, Direction, RunOutcome, SyncRun
from desktop.salesforce.api_usage import ApiUsage
from desktop.services.display_format import display_format
from desktop.services.sync_state import SyncPhase, SyncState

OUTCOME_TEXT = {
    RunOutcome.RUNNING: "Running",
    RunOutcome.SUCCEEDED: "Succeeded",
    RunOutcome.FAILED: "Failed",
    RunOutcome.CANCELLED: "Cancelled",
    RunOutcome.INTERRUPTED: "Interrupted",
}
DIRECTION_TEXT = {
    Direction.FROM_SALESFORCE: "From Salesforce",
    Direction.TO_SALESFORCE: "To Salesforce",
}
STATUS_TEXT = {ChangeStatus.OK: "OK", ChangeStatus.ERROR: "Error"}
KIND_TEXT = {"incremental": "Changes", "full": "Full"}


def outcome_text(outcome: RunOutcome | str) -> str:
    try:
        return OUTCOME_TEXT[RunOutcome(outcome)]
    except ValueError:
        return str(outcome).replace("_", " ").capitalize()  # e.g. "rate_limited"


def kind_text(kind: str) -> str:
    return KIND_TEXT.get(kind, kind.capitalize())


def local_moment(moment: datetime, now: datetime, tz: tzinfo | None) -> str:
    """"10:42" today, "Yesterday 10:42", "Mon 16 Nov 10:42" otherwise."""
    local = moment.astimezone(tz)
    today = now.astimezone(tz).date()
    clock = display_format().clock_time(local)
    if local.date() == today:
        return clock
    if local.date() == today - timedelta(days=1):
        return f"Yesterday {clock}"
    return f"{local:%a} {local.day} {local:%b} {clock}"


def span(delta: timedelta) -> str:
    """"less than a minute", "12 min", "2 h 5 min", "3 days"."""
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 60:
        return "less than a minute"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{hours // 24} days"


def run_duration(run: SyncRun) -> str:
    if run.finished_at is None:
        return ""
    seconds = (run.finished_at - run.started_at).total_seconds()
    if seconds < 0.1:
        return "< 0.1 s"
    return f"{seconds:.1f} s" if seconds < 60 else span(run.finished_at - run.started_at)


def last_sync_text(run: SyncRun | None, now: datetime, tz: tzinfo | None) -> str:
    if run is None:
        return "Never synchronized yet."
    when = local_moment(run.finished_at or run.started_at, now, tz)
    calls = f"{run.api_calls} API call{'s' if run.api_calls != 1 else ''}"
    result = outcome_text(run.outcome)
    text = f"Last synchronization: {when} — {result.lower()}"
    duration = run_duration(run)
    details = ", ".join(part for part in (duration, calls) if part)
    text += f" ({details})."
    if run.error:
        text += f"\n{run.error}"
    return text


def next_sync_text(next_at: datetime | None, now: datetime, tz: tzinfo | None,
                   available: bool) -> str:
    if not available:
        return "Automatic synchronization is off: connect on the Settings page."
    if next_at is None:
        return "No synchronization is scheduled."
    if next_at <= now:
        return "Next synchronization: now."
    return f"Next synchronization: {local_moment(next_at, now, tz)} (in {span(next_at - now)})."


def progress_text(sobject: str, done: int, total: int) -> str:
    if not sobject:
        return "Synchronizing…"
    if total > 0:
        return f"Synchronizing {sobject}: {done:,} of {total:,} records"
    if done > 0:
        return f"Synchronizing {sobject}: {done:,} records"
    return f"Synchronizing {sobject}…"


def api_usage_text(usage: ApiUsage | None) -> str:
    """ "Salesforce API calls in the last 24 hours: 14,400 of 15,000 (96%)." """
    if usage is None or usage.limit <= 0:
        return "Salesforce API calls: not reported yet (shown after the next synchronization)."
    return (f"Salesforce API calls in the last 24 hours: {usage.used:,} of {usage.limit:,} "
            f"({percent_used(usage)}%).")


def percent_used(usage: ApiUsage) -> int:
    """Whole percent, rounded down (99.9 % is not "100 %": a few calls are still left)."""
    return min(100, int(usage.fraction_used * 100))


def schedule_remark(reason: str | None, usage: ApiUsage | None, last: SyncRun | None) -> str:
    """A short why for the status bar when the scheduler moved the next sync ("" when it
    runs at the usual interval); `reason` is the scheduler's full sentence."""
    if not reason:
        return ""
    if last is not None and last.outcome is RunOutcome.FAILED:
        return "sooner than usual: the last sync failed"
    if usage is not None and usage.limit > 0:
        return f"later than usual: the org has used {percent_used(usage)}% of its daily API calls"
    return "later than usual: Salesforce refused more API calls today"


def short_local_time(when: datetime | None, now: datetime | None = None) -> str:
    """"14:05" today, "Mon 14:05" within a week, else "2026-11-21 14:05" (local zone): the
    status bar's times."""
    if when is None:
        return "—"
    local = when.astimezone()
    today = (now or datetime.now().astimezone()).astimezone().date()
    clock = display_format().clock_time(local)
    if local.date() == today:
        return clock
    if abs((local.date() - today).days) < 7:
        return f"{local:%a} {clock}"
    return f"{local:%Y-%m-%d} {clock}"


def describe_run(run: SyncRun | None) -> str:
    """The status bar's "Last sync 14:05: succeeded, 3 changes"."""
    if run is None:
        return "Not synchronized yet"
    when = short_local_time(run.finished_at or run.started_at)
    changes = sum(counts.total for counts in run.counts.values())
    succeeded = run.outcome is RunOutcome.SUCCEEDED
    detail = f", {changes:,} change{'s' if changes != 1 else ''}" if succeeded else ""
    return f"Last sync {when}: {outcome_text(run.outcome).lower()}{detail}"


# -- pausing (issue 15): the one place that words it, for the status bar, the Sync page, the
# Settings page and the tray tooltip (given to the tray by the app).

PAUSED_DETAIL = (
    "Nothing is read from or sent to Salesforce until you resume; time entries wait here. "
    "Force synchronization still synchronizes once."
)
SYNCING_ONCE_WHILE_PAUSED = "Synchronizing once, as asked (synchronization stays paused)…"


def paused_text(state: object, now: datetime | None = None) -> str:
    """ "Paused since 14:05" (the day too when not today), "Paused since 14:05 by your
    administrator", "Paused by your administrator"; "" when `state` (an
    engine.sync_pause.PauseState, or None) is not paused."""
    if state is None or not getattr(state, "paused", False):
        return ""
    since = getattr(state, "since", None)
    by = " by your administrator" if getattr(state, "locked", False) else ""
    if since is None:
        return f"Paused{by}"
    return f"Paused since {short_local_time(since, now)}{by}"


def paused_sentence(state: object, now: datetime | None = None) -> str:
    """ "Synchronization paused since 14:05" (the Sync page, the tray tooltip); "" when not
    paused."""
    paused = paused_text(state, now)
    return f"Synchronization {paused[:1].lower()}{paused[1:]}" if paused else ""


def paused_explained(state: object, now: datetime | None = None) -> str:
    """ "Paused since 14:05. Nothing is read from or sent to Salesforce until you resume; ..."
    (the Settings page's pause row); "" when not paused."""
    paused = paused_text(state, now)
    return f"{paused}. {PAUSED_DETAIL}" if paused else ""


def status_line(state: SyncState, usage: ApiUsage | None = None) -> str:
    """The status bar's line for the sync state (after start-up, which says "Starting…"):
    "Synchronizing Case: 200 of 1,000…", "Last sync 14:05: failed · next 14:06 — sooner than
    usual: the last sync failed", "Last sync 14:05: succeeded, 3 changes · Paused since
    14:05", "Not connected to Salesforce: ..."."""
    if state.phase is SyncPhase.NOT_CONNECTED:
        return "Not connected to Salesforce: connect on the Settings page"
    if state.phase is SyncPhase.RUNNING:
        progress = state.progress
        if state.cancelling:
            return "Cancelling the synchronization…"
        if progress is None or not progress.sobject:  # a forced sync while paused: a one-off
            return SYNCING_ONCE_WHILE_PAUSED if state.paused else "Synchronizing with Salesforce…"
        if progress.total > 0:
            return f"Synchronizing {progress.sobject}: {progress.done:,} of {progress.total:,}…"
        return f"Synchronizing {progress.sobject}: {progress.done:,}…"
    last = state.last_run
    if state.phase is SyncPhase.FAILED and (last is None or last.outcome not in _PROBLEM_OUTCOMES):
        text = "The last synchronization could not run"
    else:
        text = describe_run(last)
    if state.paused:
        return f"{text} · {paused_text(state.pause)}"
    if state.next_run_at is not None:
        remark = schedule_remark(state.schedule_note, usage, last)
        text += f" · next {short_local_time(state.next_run_at)}" + (f" — {remark}" if remark else "")
    return text


def status_tooltip(state: SyncState) -> str:
    """The status bar line's tooltip: what a pause means, or why the next run moved."""
    if state.paused and state.connected:
        return PAUSED_DETAIL
    return state.schedule_note or ""


_PROBLEM_OUTCOMES = (RunOutcome.FAILED, RunOutcome.RATE_LIMITED)
