"""The Linux installers, end to end: built from a clean checkout, installed on this machine
and used as a user would, then removed.

installer/linux/build.sh builds the PyInstaller bundle, the .deb and the tarball from a copy
of the checkout's tracked files only (no venv, caches or earlier builds). The .deb is then
installed with dpkg, and the installed /usr/bin/stint must: print the release's version; show
the demo (its built-in sandbox org synced: the sandbox's data files and TLS in the bundle) in
a window with its icon in the tray; keep a sign-in in the session's gnome-keyring (keyring's
Secret Service backend found in the bundle: installer/smoke_test.py); start hidden in the tray
as a log-in autostart entry runs it; start programs (the browser) without the bundle's
libraries; and keep shiboken's support code in the user's cache folder. Purging the package must leave the user's profile. The tarball's install.sh
installs into a prefix and uninstalls again.

Needs root (dpkg -i), dpkg-dev and binutils, and the desktop tools of the other e2e tests;
without them it is skipped, except under CI. About two to four minutes, most of it the build.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from installer import release
from installer.smoke_test import StintProgram, run_smoke_test
from tests.support import system_package
from tests.support.processes import wait_until

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]

REPO = Path(__file__).resolve().parents[2]
PACKAGE = release.PACKAGE
INSTALLED = Path("/usr/bin/stint")
BUILD_TIMEOUT_S = 900


def require_packaging() -> None:
    problems = [f"not installed: {', '.join(tools)}"
                for tools in [system_package.missing_packaging_tools()] if tools]
    if not system_package.can_install_packages():
        problems.append("installing a .deb needs root")
    if not problems:
        return
    reason = "the installer test " + "; ".join(problems)
    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        pytest.fail(f"{reason} (CI is set, so it must run)", pytrace=False)
    pytest.skip(reason)


def clean_checkout(target: Path) -> Path:
    """The checkout's tracked files (as they are in the work tree) copied to `target`."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True,
                            check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():  # a tracked file deleted in the work tree is not copied
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name, follow_symlinks=False)
    return target


def build(checkout: Path) -> dict[str, Path]:
    env = {**os.environ, "PYTHON": sys.executable}
    env.pop("PYTHONPATH", None)
    result = subprocess.run(["bash", "installer/linux/build.sh"], cwd=checkout, env=env,
                            capture_output=True, text=True, timeout=BUILD_TIMEOUT_S)
    assert result.returncode == 0, f"build.sh failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    built = {kind: checkout / "dist" / release.artifact_name(kind) for kind in ("deb", "tarball")}
    assert all(path.is_file() for path in built.values()), result.stdout
    return built


def deb_field(deb: Path, field: str) -> str:
    return subprocess.run(["dpkg-deb", "-f", str(deb), field], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_the_deb_installs_runs_on_the_desktop_and_uninstalls(desktop_session, tmp_path):
    require_packaging()
    built = build(clean_checkout(tmp_path / "checkout"))
    deb = built["deb"]
    assert deb_field(deb, "Version") == release.version()
    depends = deb_field(deb, "Depends")
    for library in ("libxcb-cursor0", "libxkbcommon-x11-0", "libdbus-1-3", "libfontconfig1"):
        assert library in depends  # left to the system by the bundle, so required by the .deb
    assert "libssl" not in depends and "libpython" not in depends  # bundled

    check_tarball(built["tarball"], tmp_path / "tarball")

    with system_package.exclusive_package_slot():
        already = system_package.installed_version(PACKAGE)
        assert already is None, f"{PACKAGE} {already} is installed here; the test would replace it"
        try:
            system_package.install_deb(deb)
            assert system_package.installed_version(PACKAGE) == release.version()
            check_installed_files()
            use_installed_app(desktop_session, tmp_path)
            profile = desktop_session.home / ".local/share/Stint"
            assert (profile / "stint.sqlite3").is_file()  # the default profile was used
            # shiboken's support code, kept by the bundle's runtime hook for the next start
            kept = desktop_session.home / ".cache/Stint/pyside-support.marshal"
            assert kept.is_file()
        finally:
            if system_package.installed_version(PACKAGE) is not None:
                system_package.purge(PACKAGE)
        assert not INSTALLED.exists() and not Path("/usr/lib", PACKAGE).exists()
        assert (profile / "stint.sqlite3").is_file(), "uninstalling removed the user's profile"


def check_installed_files() -> None:
    files = set(system_package.package_files(PACKAGE))
    app_id = release.APP_ID
    for path in (
        "/usr/bin/stint",
        f"/usr/share/applications/{app_id}.desktop",
        f"/usr/share/metainfo/{app_id}.metainfo.xml",
        f"/usr/share/icons/hicolor/scalable/apps/{app_id}.svg",
        f"/usr/share/icons/hicolor/256x256/apps/{app_id}.png",
    ):
        assert path in files and Path(path).exists(), path
    assert all(name.startswith("/usr") or name == "/." for name in files), "files outside /usr"
    assert INSTALLED.resolve() == Path("/usr/lib", PACKAGE, "stint")
    if shutil.which("desktop-file-validate"):
        entry = f"/usr/share/applications/{app_id}.desktop"
        result = subprocess.run(["desktop-file-validate", entry], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout
    if shutil.which("appstreamcli"):
        metainfo = f"/usr/share/metainfo/{app_id}.metainfo.xml"
        result = subprocess.run(["appstreamcli", "validate", "--no-net", metainfo],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def use_installed_app(session, tmp_path: Path) -> None:
    # The command on PATH, as a user types it.
    printed = subprocess.run(["stint", "--version"], env=session.env, capture_output=True,
                             text=True, timeout=60)
    assert printed.stdout == f"stint {release.version()}\n", printed

    # The demo: a window, the tray icon, and the built-in org synced into it.
    demo = session.launch(["stint", "--demo"], name="stint-demo",
                          env={"STINT_REPORT_STARTUP": "1"})
    session.wait_for_window("Demo — Stint", timeout=60, process=demo)
    try:
        icon = session.wait_for_tray_icon(timeout=60)
    except TimeoutError as exc:  # say what the app was doing (CI keeps no evidence files)
        raise AssertionError(f"{exc}\n{demo.describe()}") from None
    assert icon.width > 0
    wait_until(lambda: synced_items(demo) > 0, 90, "the demo org to be synced", interval=0.2)
    session.screenshot(tmp_path / "installed-demo.png")
    assert demo.stop() == 0, demo.describe()
    wait_until(lambda: not session.tray_icons(), 10, "the demo's tray icon to go")

    # The sign-in goes to the Secret Service (gnome-keyring in this session).
    status = run_smoke_test(INSTALLED, tmp_path / "smoke", env=session.env, report=lambda _: None)
    assert status["connection"]["keyring"] == "system"

    # What a start-at-log-in entry runs: the default profile, the tray, no window.
    hidden = session.launch(["stint", "--hidden"], name="stint-hidden")
    session.wait_for_tray_icon(timeout=60)
    wait_until(lambda: hidden.is_running() and _started(session), 60, "the hidden app to start")
    assert [w for w in session.windows() if w.title == "Stint" and w.height > 200] == []
    assert hidden.stop() == 0, hidden.describe()

    browser_gets_no_bundle_libraries(session, tmp_path)


def synced_items(process) -> int:
    """The largest task count the app reported searchable ("search-ready SECONDS COUNT")."""
    if not process.is_running():
        raise AssertionError(process.describe())
    counts = re.findall(r"^search-ready \S+ (\d+)", process.stdout(), re.MULTILINE)
    return max(map(int, counts), default=0)


def _started(session) -> bool:
    """The hidden app logged its engine ready in the default profile's log."""
    logs = list((session.home / ".local").rglob("stint.log"))
    return any("engine ready:" in path.read_text(errors="replace") for path in logs)


def browser_gets_no_bundle_libraries(session, tmp_path: Path) -> None:
    """A browser sign-in starts $BROWSER: it must not inherit LD_LIBRARY_PATH=/usr/lib/stint."""
    seen = tmp_path / "browser-env.json"
    browser = tmp_path / "browser"
    browser.write_text("#!/bin/sh\n" f"{sys.executable} -c 'import json, os; "
                       f"json.dump(dict(os.environ), open(\"{seen}\", \"w\"))'\n")
    browser.chmod(0o755)
    stint = StintProgram(INSTALLED, tmp_path / "oauth-profile", {**session.env, "BROWSER": str(browser)})
    sandbox, org = stint.start_sandbox()
    connect = subprocess.Popen(
        [str(INSTALLED), "--profile", str(stint.profile), "connect", "--oauth", "--login-url",
         org["login_url"], "--consumer-key", org["client_id"], "--ca-file", org["ca_file"]],
        env=stint.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        wait_until(seen.is_file, 60, "the sign-in to start the browser")
        environment = json.loads(wait_until(seen.read_text, 10, "the browser's environment"))
    finally:
        connect.kill()
        connect.communicate(timeout=10)
        sandbox.terminate()
        sandbox.wait(timeout=15)
    assert "/usr/lib/stint" not in environment.get("LD_LIBRARY_PATH", "")
    assert "LD_LIBRARY_PATH_ORIG" not in environment


def check_tarball(tarball: Path, work: Path) -> None:
    """Unpacked anywhere, its install.sh installs into a prefix and uninstalls again."""
    with tarfile.open(tarball) as archive:
        archive.extractall(work, filter="tar")
    folder = work / tarball.name.removesuffix(".tar.gz")
    prefix = work / "prefix"
    subprocess.run([str(folder / "install.sh"), "--prefix", str(prefix)], check=True,
                   capture_output=True, timeout=120)
    printed = subprocess.run([str(prefix / "bin/stint"), "--version"], capture_output=True,
                             text=True, timeout=60)
    assert printed.stdout == f"stint {release.version()}\n", printed
    entry = (prefix / f"share/applications/{release.APP_ID}.desktop").read_text()
    assert f"Exec={prefix}/bin/stint\n" in entry
    assert "libxcb-cursor0" in (folder / "README.txt").read_text()
    subprocess.run([str(folder / "install.sh"), "--uninstall", "--prefix", str(prefix)],
                   check=True, capture_output=True, timeout=60)
    assert not (prefix / "bin/stint").exists() and not (prefix / "lib/stint").exists()
    left = list(prefix.rglob(f"{release.APP_ID}*"))  # (caches like mimeinfo.cache are shared)
    assert left == [], f"files left after --uninstall: {left}"
