#!/usr/bin/env bash
# Build Stint for macOS from this checkout: Stint.app (PyInstaller; LSUIElement, so it lives
# in the menu bar with no Dock icon), signed, in a .dmg, signed and notarized.
#
#   installer/macos/build.sh
#
# Cannot run on Linux; .github/workflows/installers.yml runs it on macos-latest. Needs
# Python 3.11 (python.org or Homebrew, with its shared library) and Xcode's command-line tools.
# The steps sign_app, sign_dmg and notarize_dmg run when their credentials are set and say
# "not signed"/"not notarized" otherwise:
#   MACOS_SIGNING_IDENTITY   "Developer ID Application: ..." in the build's keychain
#   MACOS_NOTARY_PROFILE     a `xcrun notarytool store-credentials` profile name
set -euo pipefail
cd "$(dirname "$0")/../.."

PYTHON="${PYTHON:-python3}"
BUILD="${BUILD_DIR:-build/macos}"
DIST="${DIST_DIR:-dist}"
VERSION="$("$PYTHON" installer/release.py version)"
DMG="$DIST/$("$PYTHON" installer/release.py name macos)"
APP="$BUILD/dist/Stint.app"

step() { printf '== %s\n' "$*"; }

sign_app() {
  if [ -z "${MACOS_SIGNING_IDENTITY:-}" ]; then
    echo "   not signed: MACOS_SIGNING_IDENTITY is not set"; return
  fi
  # Inside out: every library and program, then the app (hardened runtime, for notarization).
  find "$APP/Contents" -type f \( -name '*.so' -o -name '*.dylib' -o -perm -u+x \) -print0 |
    xargs -0 codesign --force --timestamp --options runtime \
      --entitlements installer/macos/entitlements.plist --sign "$MACOS_SIGNING_IDENTITY"
  codesign --force --timestamp --options runtime \
    --entitlements installer/macos/entitlements.plist --sign "$MACOS_SIGNING_IDENTITY" "$APP"
  codesign --verify --strict --deep "$APP"
}

sign_dmg() {
  if [ -z "${MACOS_SIGNING_IDENTITY:-}" ]; then
    echo "   not signed: MACOS_SIGNING_IDENTITY is not set"; return
  fi
  codesign --force --timestamp --sign "$MACOS_SIGNING_IDENTITY" "$DMG"
}

notarize_dmg() {
  if [ -z "${MACOS_NOTARY_PROFILE:-}" ] || [ -z "${MACOS_SIGNING_IDENTITY:-}" ]; then
    echo "   not notarized: MACOS_NOTARY_PROFILE or MACOS_SIGNING_IDENTITY is not set"; return
  fi
  xcrun notarytool submit "$DMG" --keychain-profile "$MACOS_NOTARY_PROFILE" --wait
  xcrun stapler staple "$DMG"
}

step "release $VERSION: metainfo has its notes"
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
printed="$("$APP/Contents/MacOS/stint" --version)"
[ "$printed" = "stint $VERSION" ] || { echo "stint --version printed '$printed'" >&2; exit 1; }
/usr/libexec/PlistBuddy -c 'Print :LSUIElement' "$APP/Contents/Info.plist" | grep -qx true

step "sign the app (sign_app)"
sign_app

step "disk image"
mkdir -p "$DIST"
staging="$BUILD/dmg"
rm -rf "$staging" && mkdir -p "$staging"
cp -R "$APP" "$staging/"
ln -s /Applications "$staging/Applications"  # drag Stint onto it to install
rm -f "$DMG"
hdiutil create -volname "Stint $VERSION" -srcfolder "$staging" -fs HFS+ -format UDZO "$DMG"

step "sign and notarize the disk image (sign_dmg, notarize_dmg)"
sign_dmg
notarize_dmg
echo "$DMG"
