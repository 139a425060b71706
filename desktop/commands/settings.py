"""`stint settings` and `stint settings set KEY VALUE`."""

from __future__ import annotations

import json
from functools import partial

from desktop.commands.result import CommandResult
from desktop.domain.settings import settings_to_dict
from desktop.domain.text import printable
from desktop.engine import Engine, EngineError


def show(engine: Engine) -> CommandResult:
    values = settings_to_dict(engine.settings.current())
    locked = sorted(engine.settings.locked())
    lines = []
    for name, value in values.items():
        shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
        lines.append(f"{name} = {printable(shown)}" + ("  (locked by policy)" if name in locked else ""))
    return CommandResult(data={"settings": values, "locked": locked}, text="\n".join(lines))


def set_value(engine: Engine, key: str, value: str) -> CommandResult:
    if key == "start_at_login":
        _set_start_at_login(engine, value)
    else:
        check = None
        if key == "opportunity_stage_trigger":  # a stage the org lacks would fail every sync
            from desktop.engine.stages import checked_stage

            check = partial(checked_stage, engine)
        engine.settings.set_text(key, value, check=check)
    current = settings_to_dict(engine.settings.current())[key]
    return CommandResult(
        data={"key": key, "value": current},
        text=printable(f"{key} = {json.dumps(current, ensure_ascii=False) if not isinstance(current, str) else current}"),
    )


def _set_start_at_login(engine: Engine, value: str) -> None:
    """Like the General page: the autostart entry first (`stint [--profile DIR] --hidden`),
    then the setting, so the setting never says "on" without an entry."""
    from desktop.platform.autostart import AutostartError, apply_start_at_login

    before = engine.settings.current().start_at_login
    engine.settings.set_text("start_at_login", value)  # checks the value and the policy lock
    wanted = engine.settings.current().start_at_login
    paths = engine.paths
    try:
        apply_start_at_login(wanted, None if paths.is_default else paths.root)
    except AutostartError as exc:
        engine.settings.update(start_at_login=before)
        raise EngineError(exc.message) from None
