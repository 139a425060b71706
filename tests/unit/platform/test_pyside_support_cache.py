"""shiboken compiles its embedded support modules (shibokensupport) from source at every
start; the app keeps their codes in its cache folder and reuses them while the source is the
same, and their regular expressions compile when first used
(desktop/platform/pyside_support_cache.py). The PySide tests run in a fresh interpreter:
shiboken's bootstrap runs once per process, at the first import of QtCore."""

from __future__ import annotations

import ast
import builtins
import json
import marshal
import os
import re
import stat
import subprocess
import sys
import zlib
from importlib.util import MAGIC_NUMBER
from pathlib import Path

import pytest

from desktop.platform.pyside_support_cache import (
    DeferredPattern,
    SupportCodeCache,
    is_support_file,
    spare_pyside_support,
    support_code_cached,
    support_patterns_deferred,
)

REPO = Path(__file__).resolve().parents[3]
original_compile = builtins.compile
original_re_compile = re.compile

# Imports QtCore within the cache's block, then prints what the cache did and a digest of the
# support modules PySide runs on: each of their functions' code.
IMPORT_QTCORE = """
import hashlib, json, pathlib, sys, types, builtins
from desktop.platform.pyside_support_cache import support_code_cached
compile_before = builtins.compile
if sys.argv[1] == "-":  # as any PySide program: compile() untouched
    import PySide6.QtCore
    counts = {}
else:
    from desktop.platform.pyside_support_cache import support_patterns_deferred
    with support_code_cached(pathlib.Path(sys.argv[1]), write=True) as cache, \
            support_patterns_deferred():
        import PySide6.QtCore
    counts = {"hits": cache.hits, "misses": cache.misses}
from shibokensupport.signature import parser
deferred = type(parser.arglistParser._finditer.__self__).__name__
from shibokensupport.signature import get_signature
try:
    PySide6.QtCore.QObject().setObjectName(1)
except TypeError as exc:  # worded by shibokensupport's error handler
    error = str(exc)
def canonical(code):  # marshal's bytes vary with reference counts; these do not
    consts = tuple(canonical(c) if isinstance(c, types.CodeType) else repr(c) for c in code.co_consts)
    return repr((code.co_code, code.co_flags, code.co_names, code.co_varnames, code.co_freevars,
                 code.co_cellvars, code.co_firstlineno, code.co_linetable, code.co_filename, consts))
digest = hashlib.sha256()
for name in sorted(n for n in sys.modules if n.startswith("shibokensupport")):
    for key, value in sorted(vars(sys.modules[name]).items()):
        if isinstance(value, types.FunctionType) and value.__module__ == name:
            digest.update((name + key + canonical(value.__code__)).encode())
print(json.dumps({
    **counts, "digest": digest.hexdigest(), "parser's pattern": deferred,
    "compile_restored": builtins.compile is compile_before,
    "signature": str(get_signature(PySide6.QtCore.QObject.setObjectName)), "error": error,
}))
"""


def import_qtcore(cache_path: Path | None) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", IMPORT_QTCORE, str(cache_path or "-")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_support_modules_compile_once_and_then_come_from_the_cache(tmp_path):
    path = tmp_path / "cache" / "pyside-support.marshal"
    without = import_qtcore(None)
    first = import_qtcore(path)
    second = import_qtcore(path)

    assert first["hits"] == 0 and first["misses"] >= 10  # shiboken compiles them all
    assert (second["hits"], second["misses"]) == (first["misses"], 0)
    # PySide runs on the very same code, and its signatures work
    assert first["digest"] == second["digest"] == without["digest"]
    assert second["signature"] == without["signature"] == "(self, name: str, /) -> None"
    assert second["error"] == without["error"] and "setObjectName(name: str, /)" in second["error"]
    assert first["compile_restored"] and second["compile_restored"]
    assert "hits" not in without
    # the signature parser's regular expression was compiled when first used, not at import
    assert first["parser's pattern"] == second["parser's pattern"] == "DeferredPattern"
    assert without["parser's pattern"] == "Pattern"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_cache_left_by_another_pyside_is_compiled_anew_and_replaced(tmp_path):
    path = tmp_path / "pyside-support.marshal"
    with support_code_cached(path, write=True) as cache:
        assert compile("X = 1", "shibokensupport/feature.py", "exec") is not None
        compile("Y = 1", "shibokensupport/old_only.py", "exec")
    assert cache.misses == 2

    with support_code_cached(path, write=True) as cache:  # a new release: feature.py changed
        code = compile("X = 2", "shibokensupport/feature.py", "exec")
    namespace: dict = {}
    exec(code, namespace)
    assert namespace["X"] == 2 and (cache.hits, cache.misses) == (0, 1)

    kept = SupportCodeCache.read(path)
    with support_code_cached(None):  # the file holds the new source only, not the old file's
        kept.compile("X = 2", "shibokensupport/feature.py", "exec")
        kept.compile("Y = 1", "shibokensupport/old_only.py", "exec")
    assert (kept.hits, kept.misses) == (1, 1)


def test_other_compiles_are_left_alone(tmp_path):
    path = tmp_path / "pyside-support.marshal"
    with support_code_cached(path, write=True) as cache:
        compile("X = 1", "<string>", "exec")
        compile("1 + 1", "shibokensupport/feature.py", "eval")
        tree = compile("X = 1", "shibokensupport/feature.py", "exec", ast.PyCF_ONLY_AST)
        compile("assert X", "shibokensupport/feature.py", "exec", optimize=2)
        compile(b"X = 1", "mine/shibokensupport/feature.py", "exec")
        # what compile() inherits comes from its caller (this module: postponed annotations)
        namespace: dict = {}
        exec(compile("def f(x: int): pass", "<string>", "exec"), namespace)
    assert isinstance(tree, ast.Module)
    assert namespace["f"].__annotations__ == {"x": "int"}
    assert (cache.hits, cache.misses) == (0, 0)
    assert not path.exists()  # nothing to keep


def test_a_code_takes_its_callers_future_flags_as_compile_does():
    # This test module has `from __future__ import annotations`, as shiboken's bootstrap has;
    # compile() gives the code it makes the future flags of the code calling it.
    source = "def f(x: int): pass"
    cache = SupportCodeCache()
    namespace: dict = {}
    exec(cache.compile(source, "shibokensupport/feature.py", "exec"), namespace)
    assert namespace["f"].__annotations__ == {"x": "int"}  # postponed, as compile() does
    exec(compile(source, "<test>", "exec"), namespace)
    assert namespace["f"].__annotations__ == {"x": "int"}

    without_future = {"cache": cache}
    calling = "code = cache.compile('def f(x: int): pass', 'shibokensupport/feature.py', 'exec')"
    # called from code without the future import: the code cached above will not do
    exec(compile(calling, "<caller>", "exec", dont_inherit=True), without_future)
    exec(without_future["code"], namespace)
    assert namespace["f"].__annotations__ == {"x": int}
    assert (cache.hits, cache.misses) == (0, 2)


def cache_file(payload: bytes, magic: bytes = MAGIC_NUMBER) -> bytes:
    return magic + zlib.crc32(payload).to_bytes(4, "little") + payload


@pytest.mark.parametrize("content", [
    b"",
    b"not a cache",
    MAGIC_NUMBER,
    cache_file(b"\x00\x01 truncated marshal"),
    cache_file(marshal.dumps(["a list, not a dict"])),
    cache_file(marshal.dumps({"shibokensupport/feature.py": ("X = 1", 0, "not a code")})),
    cache_file(marshal.dumps({"shibokensupport/feature.py": "X = 1"})),
    cache_file(marshal.dumps({}), magic=b"\x00\x00\r\n"),  # another Python's magic number
    MAGIC_NUMBER + b"\x00\x00\x00\x00" + marshal.dumps({}),  # its checksum does not match
], ids=["empty", "text", "magic only", "truncated", "list", "not a code", "not a pair",
        "other python", "wrong checksum"])
def test_a_damaged_or_foreign_cache_is_compiled_anew(tmp_path, content):
    path = tmp_path / "pyside-support.marshal"
    path.write_bytes(content)
    with support_code_cached(path, write=True) as cache:
        code = compile("X = 1", "shibokensupport/feature.py", "exec")
    namespace: dict = {}
    exec(code, namespace)
    assert namespace["X"] == 1 and cache.misses == 1
    assert SupportCodeCache.read(path)._entries  # replaced by a good one


def test_a_cache_damaged_on_disk_is_not_run(tmp_path):
    path = tmp_path / "pyside-support.marshal"
    with support_code_cached(path, write=True):
        compile("X = 'a string long enough to damage'", "shibokensupport/feature.py", "exec")
    damaged = bytearray(path.read_bytes())
    damaged[damaged.rindex(b"long enough")] ^= 0x20  # in the code: "Long", and it loads
    path.write_bytes(bytes(damaged))

    with support_code_cached(path, write=True) as cache:
        code = compile("X = 'a string long enough to damage'", "shibokensupport/feature.py",
                       "exec")
    namespace: dict = {}
    exec(code, namespace)
    assert namespace["X"] == "a string long enough to damage" and cache.misses == 1


def test_a_cache_that_cannot_be_written_costs_nothing_but_the_compiling(tmp_path):
    (tmp_path / "a file").write_text("")
    path = tmp_path / "a file" / "pyside-support.marshal"  # its folder cannot be made
    with support_code_cached(path, write=True) as cache:
        compile("X = 1", "shibokensupport/feature.py", "exec")
    assert cache.misses == 1
    assert list(tmp_path.iterdir()) == [tmp_path / "a file"]  # no partial file left either


def test_nothing_is_written_where_python_writes_no_bytecode(tmp_path, monkeypatch):
    path = tmp_path / "pyside-support.marshal"
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    with support_code_cached(path):
        compile("X = 1", "shibokensupport/feature.py", "exec")
    assert not path.exists()
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    with support_code_cached(path):
        compile("X = 1", "shibokensupport/feature.py", "exec")
    assert path.exists()


def test_a_frozen_app_keeps_the_cache_though_its_python_writes_no_bytecode(
    tmp_path, monkeypatch
):
    path = tmp_path / "pyside-support.marshal"
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # as PyInstaller's bootloader sets it
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    with support_code_cached(path):
        compile("X = 1", "shibokensupport/feature.py", "exec")
    assert path.exists()


def test_a_block_that_compiles_no_support_file_leaves_the_cache_alone(tmp_path):
    # as when shiboken was loaded before (a bundle's runtime hook imported it in the cache)
    path = tmp_path / "pyside-support.marshal"
    with support_code_cached(path, write=True):
        compile("X = 1", "shibokensupport/feature.py", "exec")
    kept = path.read_bytes()
    with support_code_cached(path, write=True) as cache:
        compile("Y = 2", "<string>", "exec")
    assert not cache.changed and path.read_bytes() == kept


def test_nothing_is_wrapped_once_shiboken_is_loaded(tmp_path, monkeypatch):
    import PySide6.QtCore  # noqa: F401  (shiboken and its support modules with it)

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    with spare_pyside_support():
        assert builtins.compile is original_compile
    assert not (tmp_path / "Stint").exists()


def test_the_app_keeps_its_cache_in_the_users_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.delitem(sys.modules, "shiboken6", raising=False)  # as before the first import
    with spare_pyside_support():
        compile("X = 1", "shibokensupport/feature.py", "exec")
    assert (tmp_path / "Stint" / "pyside-support.marshal").exists()


def test_compile_is_put_back_when_the_block_fails(tmp_path):
    original = builtins.compile
    with pytest.raises(ImportError), support_code_cached(tmp_path / "cache.marshal"):
        assert builtins.compile is not original
        raise ImportError("no PySide")
    assert builtins.compile is original


@pytest.mark.parametrize(("filename", "expected"), [
    ("signature_bootstrap.py", True),
    ("shibokensupport/signature/mapping.py", True),
    ("shibokensupport/__init__.py", True),
    ("/home/me/signature_bootstrap.py", False),
    ("<string>", False),
    (b"shibokensupport/feature.py", False),
])
def test_the_files_cached_are_shibokens_embedded_ones(filename, expected):
    assert is_support_file(filename) is expected


PATTERN = r"(?P<word>\w+)-(\d+)"
TEXT = "ab-1, cd-22 ef-3"


@pytest.mark.parametrize(("method", "arguments"), [
    ("match", (TEXT,)), ("fullmatch", ("ab-1",)), ("search", (TEXT, 3)),
    ("sub", (r"\2", TEXT)), ("subn", ("x", TEXT)), ("split", (TEXT,)), ("findall", (TEXT,)),
])
def test_a_deferred_pattern_answers_as_the_compiled_one(method, arguments):
    deferred, compiled = DeferredPattern(PATTERN, re.ASCII), re.compile(PATTERN, re.ASCII)
    got, expected = getattr(deferred, method)(*arguments), getattr(compiled, method)(*arguments)
    if isinstance(expected, re.Match):
        assert (got.span(), got.groups()) == (expected.span(), expected.groups())
    else:
        assert got == expected


def test_a_deferred_pattern_compiles_once_when_first_used():
    deferred = DeferredPattern("(", 0)  # not even valid: nothing is compiled yet
    assert not hasattr(deferred, "__get__") and deferred._compiled is None  # probes: no compile
    with pytest.raises(re.error):
        deferred.finditer("x")
    finder = DeferredPattern(PATTERN, 0)
    finditer = finder.finditer  # as PySide's parser keeps it
    assert finder._compiled is None
    assert [m.group("word") for m in finditer(TEXT)] == ["ab", "cd", "ef"]
    assert finder.compiled() is finder.compiled()
    assert (finder.pattern, finder.groups, finder.groupindex) == (PATTERN, 2, {"word": 1})
    assert finder.scanner(TEXT).search().group() == "ab-1"


def test_only_the_support_modules_patterns_are_deferred():
    support = {"__name__": "shibokensupport.signature.parser", "re": re}
    with support_patterns_deferred():
        exec("made = re.compile('a+', flags=re.VERBOSE)", support)
        own = re.compile("a+")
    assert isinstance(support["made"], DeferredPattern) and isinstance(own, re.Pattern)
    assert re.compile is original_re_compile
    assert support["made"].flags == re.compile("a+", re.VERBOSE).flags
