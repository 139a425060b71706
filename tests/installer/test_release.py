"""installer/release.py: one version for the app, the metainfo and the package names."""

from __future__ import annotations

import shutil

import pytest

import desktop
from installer import release


def test_the_version_is_the_apps():
    assert release.version() == desktop.__version__


def test_every_package_name_carries_the_version():
    for kind in ("deb", "tarball", "windows", "macos"):
        assert desktop.__version__ in release.artifact_name(kind)
    assert release.artifact_name("deb") == (
        f"stint_{desktop.__version__}_{release.debian_architecture()}.deb"
    )
    with pytest.raises(KeyError):
        release.artifact_name("rpm")


def test_the_metainfo_has_notes_for_this_version():
    assert release.metainfo_problem() is None


def test_a_version_without_release_notes_is_refused(tmp_path):
    (tmp_path / "desktop").mkdir()
    (tmp_path / "desktop/__init__.py").write_text('__version__ = "9.9.0"\n')
    shutil.copytree(release.REPO / "resources", tmp_path / "resources")
    problem = release.metainfo_problem(tmp_path)
    assert problem is not None and "9.9.0" in problem


def test_the_command_prints_the_version(capsys):
    assert release.main(["version"]) == 0
    assert capsys.readouterr().out == f"{desktop.__version__}\n"
    assert release.main(["bogus"]) == 2
