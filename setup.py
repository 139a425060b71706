"""One build step beyond pyproject.toml: the translations.

resources/translations/stint_<language>.ts (the sources translators edit, updated from the code
with pyside6-lupdate: see docs/translations.md) are compiled with PySide6's own lrelease into
desktop/translations/stint_<language>.qm, which the app loads at start. `pip install .` writes
them into the wheel; `pip install -e .` (editable_mode) writes them into the source tree, where
.gitignore keeps them out of commits.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from setuptools import Command, setup
from setuptools.command.build import build

ROOT = Path(__file__).resolve().parent
SOURCES = "resources/translations"
PACKAGE_FOLDER = "desktop/translations"  # where the app looks (desktop.services.i18n)


def translation_sources(root: Path = ROOT) -> list[Path]:
    return sorted((root / SOURCES).glob("stint_*.ts"))


def compile_translations(target: Path, root: Path = ROOT) -> list[Path]:
    """Compile every .ts source into `target`/<name>.qm with pyside6-lrelease (run through
    PySide6's own launcher, so the one of the PySide6 this build uses); returns the files."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for source in translation_sources(root):
        output = target / (source.stem + ".qm")
        subprocess.run(
            [sys.executable, "-c", "from PySide6.scripts.pyside_tool import lrelease; lrelease()",
             "-silent", "-nounfinished", str(source), "-qm", str(output)],
            check=True,
        )
        written.append(output)
    return written


class BuildTranslations(Command):
    """The build's translations step (a `build` subcommand, so wheels and editable installs
    both run it)."""

    description = "compile the .ts translations into .qm files with pyside6-lrelease"
    user_options: list = []

    def initialize_options(self) -> None:
        self.build_lib: str | None = None
        self.editable_mode = False

    def finalize_options(self) -> None:
        self.set_undefined_options("build_py", ("build_lib", "build_lib"))

    def _target(self) -> Path:
        return ROOT / PACKAGE_FOLDER if self.editable_mode else Path(self.build_lib) / PACKAGE_FOLDER

    def run(self) -> None:
        compile_translations(self._target())

    def get_source_files(self) -> list[str]:
        return [str(path.relative_to(ROOT)) for path in translation_sources()]

    def get_outputs(self) -> list[str]:
        return [str(Path(self.build_lib) / PACKAGE_FOLDER / (path.stem + ".qm"))
                for path in translation_sources()]

    def get_output_mapping(self) -> dict[str, str]:
        return {}  # generated files: no source file is copied to them


class BuildWithTranslations(build):
    sub_commands = [*build.sub_commands, ("build_translations", None)]


if __name__ == "__main__":  # setuptools' build backend runs this file as __main__
    setup(cmdclass={"build": BuildWithTranslations, "build_translations": BuildTranslations})
