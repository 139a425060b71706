"""Sparing each start the compiling PySide's own support modules do as they load.

shiboken6 keeps its Python support package (shibokensupport: the signature and feature
modules behind PySide's import hook and signatures) zipped as source inside its library.
When QtCore is first imported, its bootstrap compiles each of those 14 files with the
builtin compile() (signature_bootstrap.py's EmbeddableZipImporter), and no .pyc is kept:
~23 ms of every start on this project's machine, about a ninth of the app's. (A shiboken6
with a "files.dir" folder beside it, unpacked by running it once with SBK_EMBED=0, imports
them as ordinary modules instead; the wheels come without one, and Stint does not write
into the user's PySide.)

So while the app imports its modules, compile() is wrapped: a call that compiles one of
those files, as the bootstrap calls it, gets the code compiled at an earlier start if the
source is byte for byte the one cached with it and the future flags compile() would inherit
from its caller are the same; anything else compiles as usual. Codes compiled anew are
written to the cache afterwards (one marshal file in the user's cache folder, replaced
atomically, created 0600), except where the user asked Python to write no bytecode
(PYTHONDONTWRITEBYTECODE, -B; a frozen app's interpreter says so for its own reasons and
still keeps the cache). The file starts with this Python's bytecode magic number, as a .pyc
does, and the CRC-32 of the rest: another Python's cache, or a damaged one, is ignored and
replaced. A missing, damaged or unwritable cache costs only what compiling costs anyway.

Three of those modules also compile big regular expressions as they load (~16 ms here: the
signature parser's, two of the .pyi generator's), which only parsing a signature or writing
a stub file uses, never a start. So while they load, re.compile called from them gives a
DeferredPattern, which compiles on first use (spare_pyside_support does both).
"""

from __future__ import annotations
import __future__

import builtins
import contextlib
import marshal
import os
import re
import sys
import zlib
from collections.abc import Iterator
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType

CACHE_FILE_NAME = "pyside-support.marshal"
_SUPPORT_PACKAGE = "shibokensupport"
_SUPPORT_PREFIX = _SUPPORT_PACKAGE + "/"  # the file names the bootstrap compiles under
_BOOTSTRAP_NAME = "signature_bootstrap.py"
_PRIVATE_FILE_MODE = 0o600
# The flags compile() inherits from the code calling it (CPython's PyCF_MASK): the bootstrap
# has `from __future__ import annotations`, so every support module compiles with postponed
# annotations even where its own source does not ask for them.
_FUTURE_FLAGS = 0
for _name in __future__.all_feature_names:
    _FUTURE_FLAGS |= getattr(__future__, _name).compiler_flag
_HEADER_SIZE = len(MAGIC_NUMBER) + 4  # the magic number, then the CRC-32 of the rest
_compile = builtins.compile  # the real ones, whatever the blocks below put in their place
_re_compile = re.compile


def is_support_file(filename: object) -> bool:
    """Whether compile() is given one of shiboken's embedded support files."""
    return isinstance(filename, str) and (
        filename.startswith(_SUPPORT_PREFIX) or filename == _BOOTSTRAP_NAME)


class SupportCodeCache:
    """The codes of shiboken's support files compiled at an earlier start, and a compile()
    that uses them. `hits` and `misses` count the support files asked for."""

    def __init__(self, entries: dict | None = None) -> None:
        self._entries: dict = entries or {}  # filename -> (source, future flags, code)
        self._used: dict = {}
        self.hits = 0
        self.misses = 0

    @classmethod
    def read(cls, path: Path) -> SupportCodeCache:
        """The cache kept at `path`; an empty one if there is none, or none this Python wrote."""
        try:
            data = path.read_bytes()
        except OSError:
            return cls()
        header, payload = data[:_HEADER_SIZE], data[_HEADER_SIZE:]
        if header != _header(payload):
            return cls()  # another Python's, or damaged: Python would run a damaged code
        try:
            entries = marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            return cls()
        return cls(entries if isinstance(entries, dict) else None)

    def compile(self, source, filename, mode, flags=0, dont_inherit=False, optimize=-1,
                **options):  # type: ignore[no-untyped-def]
        """builtins.compile, with cached codes for the bootstrap's calls."""
        if not dont_inherit:  # what compile() inherits: its caller's future flags, not ours
            flags |= _caller_future_flags()
        if (flags & ~_FUTURE_FLAGS or optimize != -1 or options or mode != "exec"
                or not is_support_file(filename)):
            return _compile(source, filename, mode, flags, True, optimize, **options)
        cached = self._entries.get(filename)
        if (isinstance(cached, tuple) and len(cached) == 3 and type(cached[0]) is type(source)
                and cached[0] == source and cached[1] == flags
                and isinstance(cached[2], CodeType)):
            self.hits += 1
            code = cached[2]
        else:
            self.misses += 1
            code = _compile(source, filename, mode, flags, True)
        self._used[filename] = (source, flags, code)
        return code

    @property
    def changed(self) -> bool:
        """Whether this start compiled support files the file lacks, or no longer asked for
        some it holds. (Nothing asked for, as when shiboken was loaded before: unchanged.)"""
        return self.misses > 0 or bool(self._used) and set(self._used) != set(self._entries)

    def write(self, path: Path) -> None:
        """Keep the codes this start used (only those: an old release's files go) at `path`."""
        payload = marshal.dumps(self._used)
        data = _header(payload) + payload
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _PRIVATE_FILE_MODE)
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(data)
            os.replace(partial, path)  # two starts at once: the last one's file, whole
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(partial)
            raise


def _header(payload: bytes) -> bytes:
    """This Python's bytecode magic number, then the payload's CRC-32."""
    return MAGIC_NUMBER + zlib.crc32(payload).to_bytes(4, "little")


def _caller_future_flags() -> int:
    """The future flags of the code that called SupportCodeCache.compile (none if no Python
    code did: compile() called from C with nothing running)."""
    try:
        return sys._getframe(2).f_code.co_flags & _FUTURE_FLAGS
    except ValueError:
        return 0


def python_writes_bytecode() -> bool:
    """Whether this Python keeps bytecode: not under PYTHONDONTWRITEBYTECODE or -B, the
    user's choice. A frozen app's interpreter says no for its bundler's reasons (its modules
    sit in an archive; PyInstaller turns the flag on), not its user's: it keeps this cache."""
    return not sys.dont_write_bytecode or bool(getattr(sys, "frozen", False))


@contextlib.contextmanager
def support_code_cached(path: Path | None, write: bool | None = None) -> Iterator[SupportCodeCache]:
    """Within the block, shiboken's support files compile from the cache at `path` (None: no
    cache); afterwards the cache is updated if it changed (`write` None: if
    python_writes_bytecode()). Nothing here ever fails the start."""
    cache = SupportCodeCache.read(path) if path is not None else SupportCodeCache()
    builtins.compile = cache.compile
    try:
        yield cache
    finally:
        if builtins.compile == cache.compile:
            builtins.compile = _compile
        if write is None:
            write = python_writes_bytecode()
        if path is not None and write and cache.changed:
            with contextlib.suppress(OSError, ValueError):
                cache.write(path)


class DeferredPattern:
    """A support module's regular expression, compiled when first used: Pattern's methods,
    and its attributes (pattern, flags, groups...) read from the compiled one. (Not a
    re.Pattern: given to a function of `re` it is refused, so only PySide's own modules,
    which call its methods, get these.)"""

    __slots__ = ("_source", "_flags", "_compiled")

    def __init__(self, source: str, flags: int) -> None:
        self._source, self._flags = source, flags
        self._compiled: re.Pattern | None = None

    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = _re_compile(self._source, self._flags)
        return self._compiled

    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):  # a probe for a protocol (copy, inspect...): not a Pattern's
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"DeferredPattern({self._source!r}, {self._flags!r})"


def _deferred(name: str):  # type: ignore[no-untyped-def]
    def method(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return getattr(self.compiled(), name)(*args, **kwargs)

    method.__name__ = method.__qualname__ = name
    return method


for _name in ("match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer",
              "scanner"):
    setattr(DeferredPattern, _name, _deferred(_name))

def _compile_deferred_for_support(pattern, flags=0):  # type: ignore[no-untyped-def]
    """re.compile, deferred when a support module calls it as it loads."""
    caller = sys._getframe(1).f_globals.get("__name__")
    if (isinstance(caller, str) and caller.partition(".")[0] == _SUPPORT_PACKAGE
            and isinstance(pattern, str)):
        return DeferredPattern(pattern, flags)
    return _re_compile(pattern, flags)


@contextlib.contextmanager
def support_patterns_deferred() -> Iterator[None]:
    """Within the block, shiboken's support modules get DeferredPatterns from re.compile."""
    re.compile = _compile_deferred_for_support
    try:
        yield
    finally:
        if re.compile is _compile_deferred_for_support:
            re.compile = _re_compile


@contextlib.contextmanager
def spare_pyside_support() -> Iterator[None]:
    """What the app's start wraps its first import of PySide in: support_code_cached at
    Stint's file in the user's cache folder, and support_patterns_deferred. Nothing if
    shiboken is loaded already (its support modules with it); no cache if no cache folder
    can be found (no home folder)."""
    if "shiboken6" in sys.modules:
        yield
        return
    from desktop.platform.paths import user_cache_dir

    try:
        path: Path | None = user_cache_dir() / CACHE_FILE_NAME
    except (OSError, RuntimeError):
        path = None
    with support_code_cached(path), support_patterns_deferred():
        yield
