"""The release's version and the names of the files a build makes, from one place.

The version lives in desktop/__init__.py (`__version__`); the app shows it (Help -> About,
`stint --version`), setuptools reads it for the wheel, and the installers take it from here.
It is read from the source, without importing the app, so the build scripts need nothing
installed to ask for it. The AppStream metainfo must carry release notes for it (the build
refuses to package a version without them).

    python installer/release.py version            # 0.1.0
    python installer/release.py name deb           # stint_0.1.0_amd64.deb
    python installer/release.py check              # exit 1 and why, if metainfo lacks it
"""

from __future__ import annotations

import ast
import platform
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
APP_ID = "io.stint.Stint"
PACKAGE = "stint"  # the Debian package, the command, the tarball's prefix

# Debian's and the tarball's names for this machine's architecture.
_DEBIAN_ARCH = {"x86_64": "amd64", "aarch64": "arm64"}


def version(repo: Path = REPO) -> str:
    """`__version__` of desktop/__init__.py, read from the source."""
    tree = ast.parse((repo / "desktop" / "__init__.py").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__version__" for target in node.targets
        ):
            return ast.literal_eval(node.value)
    raise LookupError("desktop/__init__.py defines no __version__")


def metainfo_path(repo: Path = REPO) -> Path:
    return repo / "resources" / f"{APP_ID}.metainfo.xml"


def metainfo_problem(repo: Path = REPO) -> str | None:
    """Why the metainfo does not fit this version (its newest release must be it), or None."""
    releases = ET.parse(metainfo_path(repo)).getroot().findall("releases/release")
    wanted = version(repo)
    if not releases:
        return f"{metainfo_path(repo).name} lists no releases; add one for {wanted}"
    newest = releases[0].get("version")  # AppStream lists releases newest first
    if newest != wanted:
        return (f"{metainfo_path(repo).name}'s newest release is {newest}, but the app's version "
                f"is {wanted}: add a <release version=\"{wanted}\"> with its notes first")
    return None


def machine() -> str:
    """This machine's architecture as the tarball names it (x86_64, aarch64...)."""
    return platform.machine().lower()


def debian_architecture() -> str:
    return _DEBIAN_ARCH.get(machine(), machine())


def artifact_name(kind: str, repo: Path = REPO) -> str:
    """The file name a build of `kind` makes (each carries the version)."""
    number = version(repo)
    names = {
        "deb": f"{PACKAGE}_{number}_{debian_architecture()}.deb",
        "tarball": f"{PACKAGE}-{number}-linux-{machine()}.tar.gz",
        "windows": f"Stint-{number}-windows-x64-setup.exe",
        "macos": f"Stint-{number}-macos-{machine()}.dmg",
    }
    if kind not in names:
        raise KeyError(f"unknown kind {kind!r}; one of {', '.join(names)}")
    return names[kind]


def main(argv: list[str]) -> int:
    if argv[:1] == ["version"] and len(argv) == 1:
        print(version())
        return 0
    if argv[:1] == ["name"] and len(argv) == 2:
        print(artifact_name(argv[1]))
        return 0
    if argv == ["check"]:
        problem = metainfo_problem()
        if problem:
            print(f"release: {problem}", file=sys.stderr)
            return 1
        return 0
    print("usage: release.py version | name deb|tarball|windows|macos | check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
