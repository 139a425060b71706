#!/usr/bin/env bash
# Build Stint for Linux from this checkout: the self-contained bundle (PyInstaller), then the
# .deb and the tarball in dist/ (names carry the version: installer/release.py).
#
#   installer/linux/build.sh
#
# Needs Python 3.11+ (with venv), binutils (readelf), dpkg-dev (dpkg-shlibdeps, dpkg-deb) and
# the desktop libraries the bundle links to (.ci/run installs them all). The build's own
# Python packages go into build/linux/venv, pinned by installer/constraints.txt.
# PYTHON picks the interpreter (default python3); BUILD_DIR and DIST_DIR the folders.
set -euo pipefail
cd "$(dirname "$0")/../.."

PYTHON="${PYTHON:-python3}"
BUILD="${BUILD_DIR:-build/linux}"
DIST="${DIST_DIR:-dist}"

started=$SECONDS
step() { printf '== [%4ss] %s\n' "$((SECONDS - started))" "$*"; }

step "release $("$PYTHON" installer/release.py version): metainfo has its notes"
"$PYTHON" installer/release.py check

step "build environment ($BUILD/venv)"
[ -x "$BUILD/venv/bin/python" ] || "$PYTHON" -m venv "$BUILD/venv"
"$BUILD/venv/bin/python" -m pip install -q --disable-pip-version-check \
  -c installer/constraints.txt -r installer/requirements-build.txt .

step "icons"
"$BUILD/venv/bin/python" installer/make_icons.py "$BUILD/icons"

step "bundle (PyInstaller)"
STINT_ICONS_DIR="$BUILD/icons" "$BUILD/venv/bin/pyinstaller" --noconfirm --clean \
  --log-level WARN --distpath "$BUILD/dist" --workpath "$BUILD/work" installer/stint.spec

step "smoke check: the bundle starts and knows its version"
"$BUILD/dist/stint/stint" --version

step "packages"
"$BUILD/venv/bin/python" installer/linux/package.py --bundle "$BUILD/dist/stint" \
  --icons "$BUILD/icons" --out "$DIST" --work "$BUILD/package"
step "done"
