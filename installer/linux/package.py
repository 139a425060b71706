"""Package a built Linux bundle as a .deb and as a tarball for other distributions.

    python installer/linux/package.py --bundle dist/stint --icons build/icons --out dist

(installer/linux/build.sh runs it after PyInstaller.) Both carry the same bundle and the
same desktop integration: the desktop entry (as io.stint.Stint.desktop, the app id), the
AppStream metainfo, and the icon as SVG plus PNGs for the hicolor theme.

The .deb installs the bundle in /usr/lib/stint with /usr/bin/stint linking to it. Its
Depends are worked out by dpkg-shlibdeps from every ELF file in the bundle: the system
libraries the bundle leaves to the desktop (installer/bundle_contents.py), such as those
Qt's xcb platform plugin needs. It has no maintainer scripts: the desktop database and
the icon cache are refreshed by dpkg triggers of desktop-file-utils and the icon theme, and
nothing outside /usr is touched, so removing or purging it leaves every user's profile.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
import textwrap
from pathlib import Path

INSTALLER = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(INSTALLER))
import release  # noqa: E402

REPO = INSTALLER.parent
LIB_DIR = Path("usr/lib") / release.PACKAGE  # the bundle's home in the .deb
MAINTAINER = "Stint <support@stint.example>"
# zstd -10: 6 s of CPU for 52.8 MB, where xz -6 took 106 s for 41.5 MB (installer/README.md).
# Every dpkg on a system with the glibc the bundle needs (2.35: Debian 12, Ubuntu 22.04 and
# later) reads it.
DEB_COMPRESSION = ("-Zzstd", "-z10")
HOMEPAGE = "https://stint.example/"
# Recommended, not required: a Secret Service for the sign-in (without one Stint keeps the
# sign-in for the session only and says so).
RECOMMENDS = "gnome-keyring | kwalletmanager | keepassxc"
DESCRIPTION = """\
Track time on your Salesforce work
 Stint is a desktop time tracker for people whose work lives in Salesforce. It
 imports Opportunities and Cases with their open activities as a task tree, keeps
 it on this computer so picking a task works offline, and runs a timer from the
 window or the system tray. Credentials stay in the system keyring.
"""


class PackagingError(RuntimeError):
    pass


def desktop_integration(root: Path, icons: Path, exec_path: str = "stint") -> None:
    """share/{applications,metainfo,icons} under `root`; the entry runs `exec_path`."""
    app_id = release.APP_ID
    entry = (REPO / "resources" / "stint.desktop").read_text("utf-8")
    if exec_path != "stint":
        entry = re.sub(r"^Exec=stint\b", f"Exec={exec_path}", entry, flags=re.MULTILINE)
    _write(root / "share/applications" / f"{app_id}.desktop", entry)
    _write(root / "share/metainfo" / f"{app_id}.metainfo.xml",
           release.metainfo_path(REPO).read_text("utf-8"))
    _write(root / "share/icons/hicolor/scalable/apps" / f"{app_id}.svg",
           (REPO / "resources/icons/stint.svg").read_text("utf-8"))
    pngs = sorted((icons / "hicolor").glob(f"*/apps/{app_id}.png"))
    if not pngs:
        raise PackagingError(f"no PNG icons in {icons}/hicolor: run installer/make_icons.py first")
    for png in pngs:
        target = root / "share/icons/hicolor" / png.relative_to(icons / "hicolor")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, target)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


def _normalise_modes(root: Path) -> None:
    """Directories 0755, files 0755 if executable else 0644 (whatever the build's umask)."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            executable = path.stat().st_mode & stat.S_IXUSR
            path.chmod(0o755 if executable else 0o644)


def elf_files(root: Path) -> list[Path]:
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def shlib_depends(stage: Path) -> str:
    """dpkg-shlibdeps over the bundle's ELF files; the libraries the bundle carries itself
    (found through -l in the package's own tree) are not dependencies."""
    with tempfile.TemporaryDirectory() as work:
        work_dir = Path(work)
        (work_dir / "debian").mkdir()
        (work_dir / "debian/control").write_text(
            f"Source: {release.PACKAGE}\n\nPackage: {release.PACKAGE}\nArchitecture: any\n")
        package_dir = work_dir / "debian" / release.PACKAGE
        package_dir.symlink_to(stage.resolve(), target_is_directory=True)
        bundle = "/" + str(LIB_DIR)
        command = [
            "dpkg-shlibdeps", "-O", "--ignore-missing-info",
            f"-l{bundle}/_internal", f"-l{bundle}/_internal/PySide6/Qt/lib",
            *(f"-e{path.relative_to(work_dir)}" for path in elf_files(package_dir / LIB_DIR)),
        ]
        result = subprocess.run(command, cwd=work_dir, capture_output=True, text=True)
    if result.returncode != 0:
        raise PackagingError(f"dpkg-shlibdeps failed:\n{result.stderr[-3000:]}")
    match = re.search(r"^shlibs:Depends=(.*)$", result.stdout, re.MULTILINE)
    if not match:
        raise PackagingError(f"dpkg-shlibdeps printed no dependencies: {result.stdout!r}")
    return match.group(1).strip()


def control_file(depends: str, installed_kib: int) -> str:
    return (
        f"Package: {release.PACKAGE}\n"
        f"Version: {release.version(REPO)}\n"
        f"Architecture: {release.debian_architecture()}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {depends}\n"
        f"Recommends: {RECOMMENDS}\n"
        f"Section: utils\n"
        f"Priority: optional\n"
        f"Homepage: {HOMEPAGE}\n"
        f"Description: {DESCRIPTION}"
    )


def _size_kib(root: Path) -> int:
    total = sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir())
    return (total + 1023) // 1024


def build_deb(bundle: Path, icons: Path, out: Path, work: Path) -> tuple[Path, str]:
    """The .deb, and its Depends (the tarball's README lists them too)."""
    stage = work / "deb-root"
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(bundle, stage / LIB_DIR, symlinks=True)
    (stage / "usr/bin").mkdir(parents=True)
    (stage / "usr/bin" / release.PACKAGE).symlink_to(Path("..", "lib", release.PACKAGE, "stint"))
    desktop_integration(stage / "usr", icons)
    _write(stage / "usr/share/doc" / release.PACKAGE / "copyright",
           f"Stint {release.version(REPO)}\nCopyright: Stint. All rights reserved.\n"
           "License: proprietary\n")
    _normalise_modes(stage)
    (stage / "DEBIAN").mkdir(mode=0o755)  # also how dpkg-shlibdeps knows the package's root
    depends = shlib_depends(stage)
    _write(stage / "DEBIAN/control", control_file(depends, _size_kib(stage)))
    (stage / "DEBIAN/control").chmod(0o644)
    target = out / release.artifact_name("deb", REPO)
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", *DEB_COMPRESSION, "--build", str(stage), str(target)],
        check=True, stdout=subprocess.DEVNULL,
    )
    return target, depends


def build_tarball(bundle: Path, icons: Path, out: Path, work: Path, depends: str) -> Path:
    """A folder with the bundle, share/, install.sh (per-user or --prefix installs) and a
    README naming the system libraries it needs (`depends`, the .deb's)."""
    name = release.artifact_name("tarball", REPO).removesuffix(".tar.gz")
    stage = work / "tarball" / name
    shutil.rmtree(stage.parent, ignore_errors=True)
    shutil.copytree(bundle, stage / "stint", symlinks=True)
    desktop_integration(stage, icons)
    shutil.copyfile(Path(__file__).parent / "install.sh", stage / "install.sh")
    (stage / "install.sh").chmod(0o755)
    readme = (Path(__file__).parent / "TARBALL-README.txt").read_text("utf-8")
    _write(stage / "README.txt", readme.format(
        version=release.version(REPO), arch=release.machine(),
        depends=textwrap.fill(depends, width=88, initial_indent="  ", subsequent_indent="  ",
                              break_on_hyphens=False),
    ))
    _normalise_modes(stage)
    target = out / release.artifact_name("tarball", REPO)
    with tarfile.open(target, "w:gz", compresslevel=6) as archive:
        archive.add(stage, arcname=name, filter=_root_owned)
    return target


def _root_owned(member: tarfile.TarInfo) -> tarfile.TarInfo:
    member.uid = member.gid = 0
    member.uname = member.gname = "root"
    return member


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Package a Linux bundle as .deb and tarball.")
    parser.add_argument("--bundle", type=Path, required=True, help="PyInstaller's dist/stint")
    parser.add_argument("--icons", type=Path, required=True, help="make_icons.py's output")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--work", type=Path, help="staging folder (default: OUT/../build/package)")
    args = parser.parse_args(argv)
    problem = release.metainfo_problem(REPO)
    if problem:
        print(f"package.py: {problem}", file=sys.stderr)
        return 1
    if not (args.bundle / "stint").is_file():
        print(f"package.py: no bundle at {args.bundle} (run PyInstaller first)", file=sys.stderr)
        return 1
    work = args.work or args.out.parent / "build" / "package"
    work.mkdir(parents=True, exist_ok=True)
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        deb, depends = build_deb(args.bundle, args.icons, args.out, work)
        print(deb)
        print(build_tarball(args.bundle, args.icons, args.out, work, depends))
    except PackagingError as error:
        print(f"package.py: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    os.umask(0o022)
    sys.exit(main())
