"""`stint status --line` (and `--format`) and `stint status --waybar`: the timer in one line,
for panels, tmux status lines and shell prompts, which run it every few seconds.

It reads a handful of rows: the running entry, its task, today's entries and the last sync
run; nothing of the Salesforce client or the keyring is loaded (see engine.core).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from desktop.commands.result import CommandResult
from desktop.domain.durations import format_hms
from desktop.domain.synclog import RunOutcome
from desktop.domain.text import escape_markup, printable
from desktop.domain.totals import day_span, seconds_within
from desktop.engine import Engine, EngineError
from desktop.platform.local_zone import local_zone

RUNNING_ICON = "▶"
IDLE_ICON = "■"
DEFAULT_FORMAT = "{icon} {text}"
# The fields a --format template may name (README, "Status line"); all are plain text.
FIELDS = ("icon", "text", "state", "elapsed", "elapsed_hms", "seconds", "task", "path",
          "note", "today", "sync", "error")
# A last run that ended like this makes the panel's class "error".
FAILED_OUTCOMES = (RunOutcome.FAILED, RunOutcome.INTERRUPTED)


def clock_text(seconds: int) -> str:
    """h:mm of whole minutes, as a clock shows them (1:23 after 1 h 23 min 59 s)."""
    hours, minutes = divmod(max(0, seconds) // 60, 60)
    return f"{hours}:{minutes:02d}"


def line_fields(engine: Engine, now: datetime | None = None) -> dict[str, Any]:
    """The values a status line shows (FIELDS), as plain text (control characters escaped)."""
    store = engine.store
    now = now or engine.clock.now()
    running = store.entries.running()
    zone = local_zone()
    today_date = now.astimezone(zone).date()
    day_start, day_end = day_span(today_date, today_date, zone)
    today = sum(seconds_within(entry, day_start, day_end, now)
                for entry in store.entries.between(day_start, day_end))
    last = store.sync_log.last_run()
    fields: dict[str, Any] = {
        "state": "idle", "icon": IDLE_ICON, "text": "idle", "elapsed": "", "elapsed_hms": "",
        "seconds": 0, "task": "", "path": "", "note": "", "today": clock_text(today),
        "sync": last.outcome.value if last else "never",
        "error": printable(last.error or "") if last and last.outcome in FAILED_OUTCOMES else "",
    }
    if running is not None:
        seconds = int(running.duration(now).total_seconds())
        task, path = "no task", ""
        if running.item_id:
            tree = store.items.with_ancestors([running.item_id])
            item = tree.get(running.item_id)
            task = item.name if item is not None else running.item_id
            path = tree.path_text(running.item_id)
        fields.update(
            state="running", icon=RUNNING_ICON, elapsed=clock_text(seconds),
            elapsed_hms=format_hms(timedelta(seconds=seconds)), seconds=seconds,
            task=printable(task), path=printable(path), note=printable(running.note),
        )
        fields["text"] = f"{fields['elapsed']} {fields['task']}"
    return fields


def status_line(engine: Engine, template: str | None = None) -> CommandResult:
    fields = line_fields(engine)
    text = render(template or DEFAULT_FORMAT, fields)
    return CommandResult(data=fields, text=text)


def render(template: str, fields: dict[str, Any]) -> str:
    """The template with its {field}s filled in; EngineError naming an unknown field."""
    try:
        return template.format_map(fields)
    except KeyError as exc:
        raise EngineError(f"--format knows no field {{{exc.args[0]}}}; the fields are: "
                          + ", ".join("{" + name + "}" for name in FIELDS) + ".") from None
    except (ValueError, IndexError, AttributeError) as exc:
        raise EngineError(f"--format is not a usable template ({exc}).") from None


def waybar(engine: Engine, template: str | None = None) -> CommandResult:
    """Waybar's custom-module JSON (return-type "json"): text, tooltip, class and alt. Waybar
    reads text and tooltip as Pango markup, so they are escaped: names show as written."""
    fields = line_fields(engine)
    text = render(template or DEFAULT_FORMAT, fields)
    tooltip = [f"{fields['elapsed_hms']} on {fields['path'] or fields['task']}"
               if fields["state"] == "running" else "No timer running",
               f"Today: {fields['today']}"]
    if fields["note"]:
        tooltip.insert(1, fields["note"])
    if fields["error"]:
        tooltip.append(f"Last sync failed: {fields['error']}")
    css = "error" if fields["error"] else fields["state"]
    data = {"text": _markup(text), "tooltip": _markup("\n".join(tooltip)), "class": css,
            "alt": fields["state"]}
    return CommandResult(data=data, text="")


def waybar_error(message: str) -> dict[str, str]:
    """What the module shows when the status cannot be read (class "error")."""
    return {"text": "⚠ stint", "tooltip": _markup(printable(message)), "class": "error",
            "alt": "error"}


def _markup(text: str) -> str:
    return escape_markup(text)
