"""The admin policy file: settings IT presets, and locks, for every user of a machine.

Where: ``$STINT_POLICY`` if set, else ``<site config dir>/policy.toml`` where the site config dir
is ``platformdirs.site_config_dir("stint")`` (``/etc/xdg/stint`` on Linux, where
desktop/platform/xdg_dirs.py works it out without platformdirs;
``C:\\ProgramData\\stint`` on Windows, ``/Library/Application Support/stint`` on macOS).
The file format is documented in docs/policy.md.

`load_policy()` returns the file's content, checked, as a plain dict of this exact shape
(every section and key is optional; only what the file sets is present):

    {
        "connection": {"login_url": str, "auth_method": str, "consumer_key": str,
                       "consumer_secret": str, "callback_url": str},
        "import": {"opportunities": bool, "cases": bool, "mode": str,
                   "only_mine": bool, "opportunity_stage_trigger": str},
        "sync": {"interval_minutes": int, "paused": bool},
        "writeback": {"target": str, "min_minutes": int, "short_entries": bool},
        "general": {"start_at_login": bool, "week_start": str, "time_format": str,
                    "duration_format": str, "notifications": bool, "language": str},
        "idle": {"detection": bool, "minutes": int},
        "reminders": {"no_timer": bool, "no_timer_minutes": int, "work_days": [str, ...],
                      "work_start": str, "work_end": str, "long_timer": bool,
                      "long_timer_hours": int},
        "locked": ["connection.login_url", ...],   # dotted names of POLICY_KEYS
    }

A missing file gives ``{}``. Unknown sections or keys, values of the wrong type and locked
names that are not policy keys are errors (a typo must not silently leave a setting unlocked).
Whether a value is acceptable (https URL, interval range, known method names) is the settings'
rule, checked when the policy is applied (domain.settings_policy.apply_policy).

A locked key that the file gives no value locks the setting at the application's default.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from desktop.platform.logs import register_secret
from desktop.platform.xdg_dirs import xdg_site_config_folder

log = logging.getLogger(__name__)

POLICY_ENV = "STINT_POLICY"
POLICY_FILE_NAME = "policy.toml"
LOCKED_KEY = "locked"

# Every key a policy may set, by dotted name, with the TOML type it must have.
POLICY_KEYS: dict[str, type] = {
    "connection.login_url": str,
    "connection.auth_method": str,
    "connection.consumer_key": str,
    "connection.consumer_secret": str,
    "connection.callback_url": str,
    "import.opportunities": bool,
    "import.cases": bool,
    "import.mode": str,
    "import.only_mine": bool,
    "import.opportunity_stage_trigger": str,
    "sync.interval_minutes": int,
    "sync.paused": bool,
    "writeback.target": str,
    "writeback.min_minutes": int,
    "writeback.short_entries": bool,
    "general.start_at_login": bool,
    "general.week_start": str,
    "general.time_format": str,
    "general.duration_format": str,
    "general.notifications": bool,
    "general.language": str,
    "idle.detection": bool,
    "idle.minutes": int,
    "reminders.no_timer": bool,
    "reminders.no_timer_minutes": int,
    "reminders.work_days": list,  # of strings ("mon" ... "sun")
    "reminders.work_start": str,
    "reminders.work_end": str,
    "reminders.long_timer": bool,
    "reminders.long_timer_hours": int,
}
POLICY_SECTIONS = frozenset(name.split(".")[0] for name in POLICY_KEYS)


class PolicyError(Exception):
    """The policy file cannot be used; the text names the file and the problem."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        self.message = f"The admin policy file {path} cannot be used: {problem}"
        super().__init__(self.message)


def policy_path(environ: Mapping[str, str] | None = None) -> Path:
    """The policy file to read: $STINT_POLICY, else the site config dir's policy.toml."""
    env = os.environ if environ is None else environ
    configured = env.get(POLICY_ENV)
    if configured:
        return Path(configured).expanduser()
    folder = xdg_site_config_folder("stint", env)
    if folder is None:  # off Linux
        import platformdirs  # ~0.7 MB the app in the tray would keep for this one path

        folder = platformdirs.site_config_dir("stint", appauthor=False)
    return Path(folder) / POLICY_FILE_NAME


def load_policy(
    path: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Read and check the policy file (see the module doc for the dict shape)."""
    file = Path(path) if path is not None else policy_path(environ)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        log.debug("no admin policy at %s", file)
        return {}
    except OSError as exc:
        raise PolicyError(file, f"it cannot be read ({exc.strerror or exc})") from None
    import tomllib  # only when there is a policy to read (most computers have none)

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise PolicyError(file, "it is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(file, f"it is not valid TOML ({exc})") from None
    policy = validate_policy(data, file)
    # A consumer secret handed out by policy is still a secret: never in a log line.
    register_secret(policy.get("connection", {}).get("consumer_secret"))
    log.info(
        "admin policy %s: sets %s; locks %s",
        file,
        ", ".join(policy_values(policy)) or "nothing",
        ", ".join(policy.get(LOCKED_KEY, [])) or "nothing",
    )
    return policy


def validate_policy(data: Mapping[str, Any], path: Path) -> dict[str, Any]:
    """Check parsed TOML against the policy shape; returns a clean copy."""
    policy: dict[str, Any] = {}
    for section, content in data.items():
        if section == LOCKED_KEY:
            policy[LOCKED_KEY] = _checked_locked(content, path)
            continue
        if section not in POLICY_SECTIONS:
            raise PolicyError(path, f"unknown section or key {section!r}{_known(POLICY_SECTIONS)}")
        if not isinstance(content, dict):
            raise PolicyError(path, f"{section!r} must be a [{section}] table")
        checked: dict[str, Any] = {}
        for key, value in content.items():
            dotted = f"{section}.{key}"
            expected = POLICY_KEYS.get(dotted)
            if expected is None and key == LOCKED_KEY:
                raise PolicyError(
                    path,
                    f"'locked' is inside [{section}]: put the locked = [...] line before the"
                    " first [section] of the file",
                )
            if expected is None:
                section_keys = {
                    k.split(".", 1)[1] for k in POLICY_KEYS if k.startswith(section + ".")
                }
                raise PolicyError(path, f"unknown key {dotted!r}{_known(section_keys)}")
            if not _has_type(value, expected):
                raise PolicyError(
                    path, f"{dotted} must be {_type_name(expected)}, not {_value_kind(value)}"
                )
            checked[key] = value
        policy[section] = checked
    return policy


def policy_values(policy: Mapping[str, Any]) -> dict[str, Any]:
    """The values a policy sets, by dotted name: {"connection.login_url": "https://..."}."""
    values: dict[str, Any] = {}
    for section, content in policy.items():
        if section == LOCKED_KEY:
            continue
        for key, value in content.items():
            values[f"{section}.{key}"] = value
    return values


def locked_keys(policy: Mapping[str, Any]) -> frozenset[str]:
    """The dotted names the policy locks."""
    return frozenset(policy.get(LOCKED_KEY, ()))


def _checked_locked(content: Any, path: Path) -> list[str]:
    if not isinstance(content, list) or not all(isinstance(item, str) for item in content):
        raise PolicyError(
            path, 'locked must be a list of setting names, like ["sync.interval_minutes"]'
        )
    unknown = [name for name in content if name not in POLICY_KEYS]
    if unknown:
        raise PolicyError(
            path, f"locked names unknown settings: {', '.join(unknown)}{_known(POLICY_KEYS)}"
        )
    return list(dict.fromkeys(content))


def _has_type(value: Any, expected: type) -> bool:
    if expected is int:  # TOML booleans are not numbers
        return isinstance(value, int) and not isinstance(value, bool)
    if expected is list:  # the only lists a policy holds are lists of strings
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    return isinstance(value, expected)


def _value_kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list holding other things than strings"
    return _type_name(type(value))


def _type_name(kind: type) -> str:
    return {str: "a string", bool: "true or false", int: "a whole number",
            list: "a list of strings"}.get(
        kind, f"a {kind.__name__}"
    )


def _known(names: Any) -> str:
    return f" (known: {', '.join(sorted(names))})"
