"""A sync problem passed from the sync process to the app (desktop.engine.sync_process).

The app decides what a problem means by its class ("re-enter password" for WrongCredentials,
"choose a CA file" for a TlsProblem that names one...) and says it with its Message, so the
class, the Message and the few attributes those decisions read cross the process boundary as
JSON. Only Stint's own problem classes are rebuilt; anything else comes back as an
EngineError with the same words.
"""

from __future__ import annotations

import importlib
from typing import Any

from desktop.domain.text import Message
from desktop.engine.errors import EngineError

# The modules whose exception classes may be rebuilt (never an arbitrary import from a pipe).
PROBLEM_MODULES = ("desktop.salesforce.errors", "desktop.engine.errors", "desktop.store.errors")
# Plain attributes the app reads from some problems (TlsProblem.ca_file, SettingLocked.setting).
_ATTRIBUTES = ("ca_file", "host", "setting")


def problem_to_data(problem: BaseException) -> dict[str, Any]:
    """JSON-ready: the class, the English message, the Message and the plain attributes."""
    text = getattr(problem, "text", None)
    message = getattr(problem, "message", None) or str(problem) or type(problem).__name__
    return {
        "module": type(problem).__module__,
        "class": type(problem).__qualname__,
        "message": str(message),
        "text": text.to_data() if isinstance(text, Message) else None,
        "attributes": {
            name: value for name in _ATTRIBUTES
            if isinstance(value := getattr(problem, name, None), str | int | type(None))
        },
    }


def problem_from_data(data: Any) -> BaseException:
    """The problem `problem_to_data` described: an instance of its class when that is one of
    Stint's problem classes, else an EngineError with its words."""
    if not isinstance(data, dict):
        return EngineError(str(data))
    message = str(data.get("message") or "")
    text = Message.from_data(data.get("text"))
    problem_class = _problem_class(data.get("module"), data.get("class"))
    if problem_class is None:
        return EngineError(text if text is not None else message)
    # Built without its __init__: each class takes its own arguments, and the text it would
    # compose from them is the one received.
    problem = problem_class.__new__(problem_class)
    Exception.__init__(problem, message)
    problem.message = message
    problem.text = text if text is not None else Message("EngineError", "%1", message)
    attributes = data.get("attributes")
    for name, value in (attributes.items() if isinstance(attributes, dict) else ()):
        if name in _ATTRIBUTES and isinstance(value, str | int | type(None)):
            setattr(problem, name, value)
    return problem


def _problem_class(module_name: object, class_name: object) -> type[Exception] | None:
    if module_name not in PROBLEM_MODULES or not isinstance(class_name, str):
        return None
    found = getattr(importlib.import_module(str(module_name)), class_name, None)
    if isinstance(found, type) and issubclass(found, Exception):
        return found
    return None
