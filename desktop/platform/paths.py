"""Where a Stint profile keeps its files, and the profile's stable id.

A profile is chosen, in order, by an explicit ``--profile DIR``, the ``STINT_HOME`` environment
variable, or the platform's per-user directories (platformdirs, app name "Stint"). An explicit
or STINT_HOME profile keeps everything under one root (config/, data/, logs/); the default
profile uses the platform's separate config, data and log locations.

The profile id is a short hash of the resolved root, so the same directory always maps to the
same keyring service name and instance lock, and two profiles never share either.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

log = logging.getLogger(__name__)

APP_NAME = "Stint"
HOME_ENV = "STINT_HOME"
_PRIVATE_DIR_MODE = 0o700


def __getattr__(name: str) -> object:
    """`paths.platformdirs`, imported on first use: a --profile or STINT_HOME start never needs it."""
    if name == "platformdirs":
        import platformdirs

        return platformdirs
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class ProfilePaths:
    """The directories and files of one profile (paths only; see `create_dirs`)."""

    root: Path
    config_dir: Path
    data_dir: Path
    log_dir: Path
    db_path: Path
    lock_path: Path
    is_default: bool

    @cached_property
    def profile_id(self) -> str:
        """The profile's stable id (see `profile_id_for`); worked out when first asked for."""
        return profile_id_for(self.root)

    @property
    def keyring_service(self) -> str:
        """The keyring service name under which this profile's secrets are stored."""
        return keyring_service_name(self.profile_id)

    @classmethod
    def resolve(
        cls,
        profile_dir: str | os.PathLike[str] | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> ProfilePaths:
        """Work out the profile's paths without touching the file system."""
        env = os.environ if environ is None else environ
        chosen = profile_dir if profile_dir not in (None, "") else env.get(HOME_ENV) or None
        if chosen is not None:
            root = _absolute(chosen)
            return cls._single_root(root)
        return cls._platform_default()

    @classmethod
    def _single_root(cls, root: Path) -> ProfilePaths:
        data_dir = root / "data"
        return cls(
            root=root,
            config_dir=root / "config",
            data_dir=data_dir,
            log_dir=root / "logs",
            db_path=data_dir / "stint.sqlite3",
            lock_path=data_dir / "instance.lock",
            is_default=False,
        )

    @classmethod
    def _platform_default(cls) -> ProfilePaths:
        import platformdirs  # only the default profile needs it (~3 ms at start-up otherwise)

        data_dir = _absolute(platformdirs.user_data_dir(APP_NAME, appauthor=False))
        return cls(
            root=data_dir,
            config_dir=_absolute(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            data_dir=data_dir,
            log_dir=_absolute(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
            db_path=data_dir / "stint.sqlite3",
            lock_path=data_dir / "instance.lock",
            is_default=True,
        )

    def create_dirs(self) -> ProfilePaths:
        """Create the profile's directories, private to the user (0700); returns self.

        Only directories Stint creates get their mode set: an existing --profile directory the
        user chose (which might be their home) is left as it is.
        """
        for directory in dict.fromkeys((self.root, self.config_dir, self.data_dir, self.log_dir)):
            _make_private_dir(directory)
        return self


def open_profile(
    profile_dir: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> ProfilePaths:
    """Resolve the profile (see `ProfilePaths.resolve`) and create its directories."""
    paths = ProfilePaths.resolve(profile_dir, environ).create_dirs()
    if log.isEnabledFor(logging.DEBUG):  # the id costs hashlib, which most commands never need
        log.debug("profile %s at %s", paths.profile_id, paths.root)
    return paths


def profile_id_for(root: str | os.PathLike[str]) -> str:
    """A short, stable id for a profile root (12 hex digits of a SHA-256 of the path)."""
    import hashlib  # loads OpenSSL (~3 ms): not before the app's first paint, which needs no id

    normalised = os.path.normcase(str(_absolute(root)))
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:12]


def keyring_service_name(profile_id: str) -> str:
    """The keyring service name for a profile: "Stint/<profile-id>"."""
    return f"{APP_NAME}/{profile_id}"


def _absolute(path: str | os.PathLike[str]) -> Path:
    # resolve() follows symlinks so two spellings of one directory get one profile id.
    return Path(path).expanduser().resolve()


def _make_private_dir(directory: Path) -> None:
    if directory.is_dir():
        return
    directory.parent.mkdir(parents=True, exist_ok=True)
    try:
        directory.mkdir(mode=_PRIVATE_DIR_MODE)
    except FileExistsError:
        if not directory.is_dir():
            raise
        return
    # mkdir's mode is masked by the umask; set it explicitly (a no-op on Windows).
    os.chmod(directory, _PRIVATE_DIR_MODE)
