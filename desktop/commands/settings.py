"""`stint settings` and `stint settings set KEY VALUE`."""

from __future__ import annotations

import json

from desktop.commands.result import CommandResult
from desktop.domain.settings import settings_to_dict
from desktop.engine import Engine


def show(engine: Engine) -> CommandResult:
    values = settings_to_dict(engine.settings.current())
    locked = sorted(engine.settings.locked())
    lines = []
    for name, value in values.items():
        shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
        lines.append(f"{name} = {shown}" + ("  (locked by policy)" if name in locked else ""))
    return CommandResult(data={"settings": values, "locked": locked}, text="\n".join(lines))


def set_value(engine: Engine, key: str, value: str) -> CommandResult:
    engine.settings.set_text(key, value)
    current = settings_to_dict(engine.settings.current())[key]
    return CommandResult(
        data={"key": key, "value": current},
        text=f"{key} = {json.dumps(current, ensure_ascii=False) if not isinstance(current, str) else current}",
    )
