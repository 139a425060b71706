"""How the sync status words things: local times, "in 12 min", outcomes, directions, in the
user's language (texts through Qt's translation, numbers and day names from QLocale)."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale

from desktop.domain.synclog import ChangeStatus, Direction, RunOutcome, SyncRun
from desktop.domain.text import fill
from desktop.salesforce.api_usage import ApiUsage
from desktop.services.display_format import display_format
from desktop.services.i18n import count_text, run_error_text
from desktop.services.sync_state import SyncPhase, SyncState
from desktop.ui.salesforce_names import sobject_name

translate = QCoreApplication.translate  # by this name, pyside6-lupdate finds the texts

OUTCOME_TEXT = {
    RunOutcome.RUNNING: QT_TRANSLATE_NOOP("SyncText", "Running"),
    RunOutcome.SUCCEEDED: QT_TRANSLATE_NOOP("SyncText", "Succeeded"),
    RunOutcome.FAILED: QT_TRANSLATE_NOOP("SyncText", "Failed"),
    RunOutcome.CANCELLED: QT_TRANSLATE_NOOP("SyncText", "Cancelled"),
    RunOutcome.INTERRUPTED: QT_TRANSLATE_NOOP("SyncText", "Interrupted"),
    RunOutcome.RATE_LIMITED: QT_TRANSLATE_NOOP("SyncText", "Rate limited"),
}
# The same outcomes inside a sentence ("Last sync 14:05: succeeded"): French agrees them.
OUTCOME_IN_SENTENCE = {
    RunOutcome.RUNNING: QT_TRANSLATE_NOOP("SyncText", "running"),
    RunOutcome.SUCCEEDED: QT_TRANSLATE_NOOP("SyncText", "succeeded"),
    RunOutcome.FAILED: QT_TRANSLATE_NOOP("SyncText", "failed"),
    RunOutcome.CANCELLED: QT_TRANSLATE_NOOP("SyncText", "cancelled"),
    RunOutcome.INTERRUPTED: QT_TRANSLATE_NOOP("SyncText", "interrupted"),
    RunOutcome.RATE_LIMITED: QT_TRANSLATE_NOOP("SyncText", "rate limited"),
}
DIRECTION_TEXT = {
    Direction.FROM_SALESFORCE: QT_TRANSLATE_NOOP("SyncText", "From Salesforce"),
    Direction.TO_SALESFORCE: QT_TRANSLATE_NOOP("SyncText", "To Salesforce"),
}
STATUS_TEXT = {ChangeStatus.OK: QT_TRANSLATE_NOOP("SyncText", "OK"),
               ChangeStatus.ERROR: QT_TRANSLATE_NOOP("SyncText", "Error")}
KIND_TEXT = {"incremental": QT_TRANSLATE_NOOP("SyncText", "Changes"),
             "full": QT_TRANSLATE_NOOP("SyncText", "Full")}


def _tr(source: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("SyncText", ...) above, translated."""
    return translate("SyncText", source)


def outcome_text(outcome: RunOutcome | str) -> str:
    try:
        return _tr(OUTCOME_TEXT[RunOutcome(outcome)])
    except (ValueError, KeyError):
        return str(outcome).replace("_", " ").capitalize()


def outcome_in_sentence(outcome: RunOutcome | str) -> str:
    """The outcome inside a sentence: "succeeded" ("réussie")."""
    try:
        return _tr(OUTCOME_IN_SENTENCE[RunOutcome(outcome)])
    except (ValueError, KeyError):
        return str(outcome).replace("_", " ")


def kind_text(kind: str) -> str:
    return _tr(KIND_TEXT[kind]) if kind in KIND_TEXT else kind.capitalize()


def direction_text(direction: Direction | str) -> str:
    source = DIRECTION_TEXT.get(direction)  # type: ignore[call-overload]
    return _tr(source) if source is not None else str(direction)


def status_text(status: ChangeStatus | str) -> str:
    source = STATUS_TEXT.get(status)  # type: ignore[call-overload]
    return _tr(source) if source is not None else str(status)


def _short_day(day: datetime) -> str:
    """"Mon" ("lun.") from the locale."""
    return QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)


def local_moment(moment: datetime, now: datetime, tz: tzinfo | None) -> str:
    """"10:42" today, "Yesterday 10:42", "Mon 16 Nov 10:42" otherwise."""
    local = moment.astimezone(tz)
    today = now.astimezone(tz).date()
    clock = display_format().clock_time(local)
    if local.date() == today:
        return clock
    if local.date() == today - timedelta(days=1):
        return fill(translate("SyncText", "Yesterday %1"), clock)
    day = QLocale().toString(QDate(local.year, local.month, local.day),
                             translate("SyncText", "ddd d MMM"))  # a QLocale date pattern
    return f"{day} {clock}"


def span(delta: timedelta) -> str:
    """"less than a minute", "12 min", "2 h 5 min", "3 days"."""
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 60:
        return translate("SyncText", "less than a minute")
    minutes = seconds // 60
    if minutes < 60:
        return fill(translate("SyncText", "%1 min"), minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        if minutes:
            return fill(translate("SyncText", "%1 h %2 min"), hours, minutes)
        return fill(translate("SyncText", "%1 h"), hours)
    return fill(translate("SyncText", "%1 days"), hours // 24)


def _seconds(seconds: float) -> str:
    """"4.2 s" ("4,2 s")."""
    return fill(translate("SyncText", "%1 s"), QLocale().toString(seconds, "f", 1)
                if QLocale().name() != "C" else f"{seconds:.1f}")


def run_duration(run: SyncRun) -> str:
    if run.finished_at is None:
        return ""
    seconds = (run.finished_at - run.started_at).total_seconds()
    if seconds < 0.1:
        return fill(translate("SyncText", "< %1"), _seconds(0.1))
    return _seconds(seconds) if seconds < 60 else span(run.finished_at - run.started_at)


def api_calls_text(calls: int) -> str:
    """"1 API call", "14 API calls"."""
    if calls == 1:  # (no plural forms: English loads no translation to have them)
        return translate("SyncText", "1 API call")
    return fill(translate("SyncText", "%1 API calls"), count_text(calls))


def last_sync_text(run: SyncRun | None, now: datetime, tz: tzinfo | None) -> str:
    if run is None:
        return translate("SyncText", "Never synchronized yet.")
    when = local_moment(run.finished_at or run.started_at, now, tz)
    duration = run_duration(run)
    details = ", ".join(part for part in (duration, api_calls_text(run.api_calls)) if part)
    text = fill(translate("SyncText", "Last synchronization: %1 — %2 (%3)."),
                when, outcome_in_sentence(run.outcome), details)
    if run.error:
        text += f"\n{run_error_text(run)}"
    return text


def next_sync_text(next_at: datetime | None, now: datetime, tz: tzinfo | None,
                   available: bool) -> str:
    if not available:
        return translate("SyncText", "Automatic synchronization is off: connect on the Settings "
                                     "page.")
    if next_at is None:
        return translate("SyncText", "No synchronization is scheduled.")
    if next_at <= now:
        return translate("SyncText", "Next synchronization: now.")
    return fill(translate("SyncText", "Next synchronization: %1 (in %2)."),
                local_moment(next_at, now, tz), span(next_at - now))


def progress_text(sobject: str, done: int, total: int) -> str:
    if not sobject:
        return translate("SyncText", "Synchronizing…")
    name = sobject_name(sobject)
    if total > 0:
        return fill(translate("SyncText", "Synchronizing %1: %2 of %3 records"), name,
                    count_text(done), count_text(total))
    if done > 0:
        return fill(translate("SyncText", "Synchronizing %1: %2 records"), name, count_text(done))
    return fill(translate("SyncText", "Synchronizing %1…"), name)


def api_usage_text(usage: ApiUsage | None) -> str:
    """ "Salesforce API calls in the last 24 hours: 14,400 of 15,000 (96%)." """
    if usage is None or usage.limit <= 0:
        return translate("SyncText", "Salesforce API calls: not reported yet (shown after the "
                                     "next synchronization).")
    return fill(translate("SyncText", "Salesforce API calls in the last 24 hours: %1 of %2 "
                                      "(%3%)."),
                count_text(usage.used), count_text(usage.limit), percent_used(usage))


def percent_used(usage: ApiUsage) -> int:
    """Whole percent, rounded down (99.9 % is not "100 %": a few calls are still left)."""
    return min(100, int(usage.fraction_used * 100))


def schedule_remark(reason: str | None, usage: ApiUsage | None, last: SyncRun | None) -> str:
    """A short why for the status bar when the scheduler moved the next sync ("" when it
    runs at the usual interval); `reason` is the scheduler's full sentence."""
    if not reason:
        return ""
    if last is not None and last.outcome is RunOutcome.FAILED:
        return translate("SyncText", "sooner than usual: the last sync failed")
    if usage is not None and usage.limit > 0:
        return fill(translate("SyncText", "later than usual: the org has used %1% of its daily "
                                          "API calls"), percent_used(usage))
    return translate("SyncText", "later than usual: Salesforce refused more API calls today")


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
        return f"{_short_day(local)} {clock}"
    return f"{local:%Y-%m-%d} {clock}"


def describe_run(run: SyncRun | None) -> str:
    """The status bar's "Last sync 14:05: succeeded, 3 changes"."""
    if run is None:
        return translate("SyncText", "Not synchronized yet")
    when = short_local_time(run.finished_at or run.started_at)
    if run.outcome is not RunOutcome.SUCCEEDED:
        return fill(translate("SyncText", "Last sync %1: %2"), when,
                    outcome_in_sentence(run.outcome))
    changes = sum(counts.total for counts in run.counts.values())
    if changes == 1:  # (no plural forms: English loads no translation to have them)
        return fill(translate("SyncText", "Last sync %1: succeeded, 1 change"), when)
    return fill(translate("SyncText", "Last sync %1: succeeded, %2 changes"), when,
                count_text(changes))


# -- pausing (issue 15): the one place that words it, for the status bar, the Sync page, the
# Settings page and the tray tooltip (given to the tray by the app). The two sentences are
# marked here and translated where shown (paused_detail(), syncing_once_while_paused()).

PAUSED_DETAIL = QT_TRANSLATE_NOOP(
    "SyncText",
    "Nothing is read from or sent to Salesforce until you resume; time entries wait here. "
    "Force synchronization still synchronizes once.",
)
SYNCING_ONCE_WHILE_PAUSED = QT_TRANSLATE_NOOP(
    "SyncText", "Synchronizing once, as asked (synchronization stays paused)…")


def paused_detail() -> str:
    return _tr(PAUSED_DETAIL)


def syncing_once_while_paused() -> str:
    return _tr(SYNCING_ONCE_WHILE_PAUSED)


def paused_text(state: object, now: datetime | None = None) -> str:
    """ "Paused since 14:05" (the day too when not today), "Paused since 14:05 by your
    administrator", "Paused by your administrator"; "" when `state` (an
    engine.sync_pause.PauseState, or None) is not paused."""
    if state is None or not getattr(state, "paused", False):
        return ""
    since = getattr(state, "since", None)
    locked = getattr(state, "locked", False)
    if since is None:
        return (translate("SyncText", "Paused by your administrator") if locked
                else translate("SyncText", "Paused"))
    when = short_local_time(since, now)
    if locked:
        return fill(translate("SyncText", "Paused since %1 by your administrator"), when)
    return fill(translate("SyncText", "Paused since %1"), when)


def paused_sentence(state: object, now: datetime | None = None) -> str:
    """ "Synchronization paused since 14:05" (the Sync page, the tray tooltip); "" when not
    paused."""
    if state is None or not getattr(state, "paused", False):
        return ""
    since = getattr(state, "since", None)
    locked = getattr(state, "locked", False)
    if since is None:
        return (translate("SyncText", "Synchronization paused by your administrator") if locked
                else translate("SyncText", "Synchronization paused"))
    when = short_local_time(since, now)
    if locked:
        return fill(translate("SyncText", "Synchronization paused since %1 by your "
                                          "administrator"), when)
    return fill(translate("SyncText", "Synchronization paused since %1"), when)


def paused_explained(state: object, now: datetime | None = None) -> str:
    """ "Paused since 14:05. Nothing is read from or sent to Salesforce until you resume; ..."
    (the Settings page's pause row); "" when not paused."""
    paused = paused_text(state, now)
    return f"{paused}. {paused_detail()}" if paused else ""


def status_line(state: SyncState, usage: ApiUsage | None = None) -> str:
    """The status bar's line for the sync state (after start-up, which says "Starting…"):
    "Synchronizing Case: 200 of 1,000…", "Last sync 14:05: failed · next 14:06 — sooner than
    usual: the last sync failed", "Last sync 14:05: succeeded, 3 changes · Paused since
    14:05", "Not connected to Salesforce: ..."."""
    if state.phase is SyncPhase.NOT_CONNECTED:
        return translate("SyncText", "Not connected to Salesforce: connect on the Settings page")
    if state.phase is SyncPhase.RUNNING:
        progress = state.progress
        if state.cancelling:
            return translate("SyncText", "Cancelling the synchronization…")
        if progress is None or not progress.sobject:  # a forced sync while paused: a one-off
            return (syncing_once_while_paused() if state.paused
                    else translate("SyncText", "Synchronizing with Salesforce…"))
        name = sobject_name(progress.sobject)
        if progress.total > 0:
            return fill(translate("SyncText", "Synchronizing %1: %2 of %3…"), name,
                        count_text(progress.done), count_text(progress.total))
        return fill(translate("SyncText", "Synchronizing %1: %2…"), name,
                    count_text(progress.done))
    last = state.last_run
    if state.phase is SyncPhase.FAILED and (last is None or last.outcome not in _PROBLEM_OUTCOMES):
        text = translate("SyncText", "The last synchronization could not run")
    else:
        text = describe_run(last)
    if state.paused:
        return f"{text} · {paused_text(state.pause)}"
    if state.next_run_at is not None:
        remark = schedule_remark(state.schedule_note, usage, last)
        text += " · " + fill(translate("SyncText", "next %1"), short_local_time(state.next_run_at))
        if remark:
            text += f" — {remark}"
    return text


def status_tooltip(state: SyncState) -> str:
    """The status bar line's tooltip: what a pause means, or why the next run moved."""
    if state.paused and state.connected:
        return paused_detail()
    return state.schedule_note or ""


_PROBLEM_OUTCOMES = (RunOutcome.FAILED, RunOutcome.RATE_LIMITED)
