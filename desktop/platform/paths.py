"""Where a Stint profile keeps its files, and the profile's stable id.

A profile is chosen, in order, by an explicit ``--profile DIR``, the ``STINT_HOME`` environment
variable, or the platform's per-user directories (app name "Stint": on Linux the XDG base
directories, xdg_dirs.py; elsewhere platformdirs', which agree with them on Linux). An explicit
or STINT_HOME profile keeps everything under one root (config/, data/, logs/); the default
profile uses the platform's separate config, data and log locations.

The profile id is a short hash of the resolved root, so the same directory always maps to the
same keyring service name and instance lock, and two profiles never share either.

The profile is private to the user whatever state its folders were in: Stint's own folders
(config, data, logs) are made 0700 and the files in them 0600 at every open, and new files are
created 0600 (`create_private_file`; SQLite gives the WAL and SHM files the mode of the
database file).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path

from desktop.domain.record import Record
from desktop.platform.xdg_dirs import XdgFolders, xdg_cache_folder, xdg_folders

log = logging.getLogger(__name__)

APP_NAME = "Stint"
HOME_ENV = "STINT_HOME"
_PRIVATE_DIR_MODE = 0o700
_PRIVATE_FILE_MODE = 0o600
_OPEN_TO_OTHERS = 0o077  # group and other permission bits


def __getattr__(name: str) -> object:
    """`paths.platformdirs`, imported on first use: a --profile or STINT_HOME start never needs it."""
    if name == "platformdirs":
        import platformdirs

        return platformdirs
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class ProfilePaths(Record):
    """The directories and files of one profile (paths only; see `create_dirs`). A Record,
    not a dataclass: the app's first paint imports this module (desktop/domain/record.py)."""

    _fields = ("root", "config_dir", "data_dir", "log_dir", "db_path", "lock_path", "is_default")
    root: Path
    config_dir: Path
    data_dir: Path
    log_dir: Path
    db_path: Path
    lock_path: Path
    is_default: bool

    def __init__(self, *, root: Path, config_dir: Path, data_dir: Path, log_dir: Path,
                 db_path: Path, lock_path: Path, is_default: bool) -> None:
        self._assign(root, config_dir, data_dir, log_dir, db_path, lock_path, is_default)

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
        """Work out the profile's paths without touching the file system. `environ` (default
        os.environ) gives STINT_HOME and, for the default profile on Linux, HOME and XDG_*."""
        env = os.environ if environ is None else environ
        chosen = profile_dir if profile_dir not in (None, "") else env.get(HOME_ENV) or None
        if chosen is not None:
            root = _absolute(chosen)
            return cls._single_root(root)
        return cls._platform_default(env)

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
    def _platform_default(cls, env: Mapping[str, str]) -> ProfilePaths:
        folders = xdg_folders(APP_NAME, env)  # plain Linux: the XDG rules, without platformdirs
        if folders is None:
            folders = _platformdirs_folders()
        data_dir = _absolute(folders.data_dir)
        return cls(
            root=data_dir,
            config_dir=_absolute(folders.config_dir),
            data_dir=data_dir,
            log_dir=_absolute(folders.log_dir),
            db_path=data_dir / "stint.sqlite3",
            lock_path=data_dir / "instance.lock",
            is_default=True,
        )

    def create_dirs(self) -> ProfilePaths:
        """Create the profile's directories and make them private to the user; returns self.

        Stint's own folders (config, data, logs; the default profile's root is its data
        folder) become 0700 and the files in them 0600, even when they existed before with
        looser modes. An existing --profile directory the user chose (which might be their
        home) keeps its mode: nothing of Stint lies in it but those private folders.
        """
        _make_private_dir(self.root, tighten_existing=self.is_default)
        for directory in dict.fromkeys((self.config_dir, self.data_dir, self.log_dir)):
            _make_private_dir(directory, tighten_existing=True)
            _make_files_private(directory)
        return self


def user_cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Stint's folder in the user's cache directory (whatever the profile: what it holds is
    rebuilt from elsewhere when missing). On Linux by the XDG rules, elsewhere platformdirs'."""
    folder = xdg_cache_folder(APP_NAME, os.environ if environ is None else environ)
    if folder is None:
        import platformdirs

        folder = platformdirs.user_cache_dir(APP_NAME, appauthor=False)
    return Path(folder)


def _platformdirs_folders() -> XdgFolders:
    """The default profile's folders off plain Linux (macOS, Windows...), from platformdirs."""
    import platformdirs  # only there: its import costs ~2.4 ms before the first paint

    return XdgFolders(
        data_dir=platformdirs.user_data_dir(APP_NAME, appauthor=False),
        config_dir=platformdirs.user_config_dir(APP_NAME, appauthor=False),
        log_dir=platformdirs.user_log_dir(APP_NAME, appauthor=False),
    )


def open_profile(
    profile_dir: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> ProfilePaths:
    """Resolve the profile (see `ProfilePaths.resolve`) and create its directories."""
    paths = ProfilePaths.resolve(profile_dir, environ).create_dirs()
    if log.isEnabledFor(logging.DEBUG):  # the id costs a digest most commands never need
        log.debug("profile %s at %s", paths.profile_id, paths.root)
    return paths


def profile_id_for(root: str | os.PathLike[str]) -> str:
    """A short, stable id for a profile root (12 hex digits of a SHA-256 of the path)."""
    from desktop.platform.sha256 import sha256_hex

    normalised = os.path.normcase(str(_absolute(root)))
    return sha256_hex(normalised.encode("utf-8"))[:12]


def keyring_service_name(profile_id: str) -> str:
    """The keyring service name for a profile: "Stint/<profile-id>"."""
    return f"{APP_NAME}/{profile_id}"


def _absolute(path: str | os.PathLike[str]) -> Path:
    # resolve() follows symlinks so two spellings of one directory get one profile id.
    return Path(path).expanduser().resolve()


def create_private_file(path: str | os.PathLike[str]) -> None:
    """Create `path` empty and readable by the user only (0600) unless it exists; an existing
    file is made 0600. Files opened later by name (SQLite, QSettings) keep that mode."""
    try:
        # O_EXCL: an existing file is never opened for writing (it may be read-only).
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _PRIVATE_FILE_MODE)
    except FileExistsError:
        _tighten(Path(path), _PRIVATE_FILE_MODE)
        return
    os.close(descriptor)
    _tighten(Path(path), _PRIVATE_FILE_MODE)  # O_CREAT's mode is masked by the umask


def _make_private_dir(directory: Path, tighten_existing: bool) -> None:
    if directory.is_dir():
        if tighten_existing:
            _tighten(directory, _PRIVATE_DIR_MODE)
        return
    directory.parent.mkdir(parents=True, exist_ok=True)
    try:
        directory.mkdir(mode=_PRIVATE_DIR_MODE)
    except FileExistsError:
        if not directory.is_dir():
            raise
        if tighten_existing:
            _tighten(directory, _PRIVATE_DIR_MODE)
        return
    # mkdir's mode is masked by the umask; set it explicitly (a no-op on Windows).
    os.chmod(directory, _PRIVATE_DIR_MODE)


def _make_files_private(directory: Path) -> None:
    """The files directly in one of Stint's folders (store, WAL, SHM, settings, logs,
    locks) become 0600: a profile copied or created with a loose umask is private again."""
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        if entry.is_file(follow_symlinks=False):
            _tighten(Path(entry.path), _PRIVATE_FILE_MODE)


def _tighten(path: Path, mode: int) -> None:
    """chmod `path` to `mode` if others may read or enter it. Best effort: a file system
    without POSIX modes (or a read-only one) keeps what it has; the log says so."""
    try:
        current = path.stat().st_mode & 0o777
        if current & _OPEN_TO_OTHERS:
            os.chmod(path, mode)
    except OSError as exc:
        log.warning("could not make %s private: %s", path, exc.strerror or exc)
