#!/bin/sh
# Install Stint from this folder (the Linux tarball), for this user or system-wide.
#
#   ./install.sh                      # into ~/.local (bin/stint, lib/stint, share/...)
#   sudo ./install.sh --prefix /usr/local
#   ./install.sh --uninstall [--prefix DIR]
#
# Uninstalling removes the program and its desktop files only: your Stint profile (time
# entries, settings, the task cache in ~/.local/share/Stint and ~/.config/Stint) stays.
set -eu

prefix="${HOME}/.local"
action=install
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --uninstall) action=uninstall; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

here="$(cd "$(dirname "$0")" && pwd)"
app_id=io.stint.Stint
files="share/applications/${app_id}.desktop share/metainfo/${app_id}.metainfo.xml"
icons="$(cd "$here" && find share/icons -type f)"

refresh_caches() {
  command -v update-desktop-database >/dev/null 2>&1 &&
    update-desktop-database -q "$prefix/share/applications" 2>/dev/null || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 &&
    gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" 2>/dev/null || true
}

if [ "$action" = uninstall ]; then
  rm -rf "$prefix/lib/stint"
  if [ -L "$prefix/bin/stint" ]; then rm -f "$prefix/bin/stint"; fi
  for file in $files $icons; do rm -f "$prefix/$file"; done
  refresh_caches
  echo "Stint removed from $prefix (your profile is kept)."
  exit 0
fi

mkdir -p "$prefix/lib" "$prefix/bin"
rm -rf "$prefix/lib/stint.new"
cp -R "$here/stint" "$prefix/lib/stint.new"
rm -rf "$prefix/lib/stint"
mv "$prefix/lib/stint.new" "$prefix/lib/stint"
ln -sfn "$prefix/lib/stint/stint" "$prefix/bin/stint"
for file in $files $icons; do
  mkdir -p "$(dirname "$prefix/$file")"
  cp "$here/$file" "$prefix/$file"
done
# The menu may not have $prefix/bin on its PATH: the entry names the program in full.
sed -i "s|^Exec=stint|Exec=$prefix/bin/stint|" "$prefix/share/applications/${app_id}.desktop"
refresh_caches
echo "Stint installed in $prefix: run $prefix/bin/stint, or find Stint in your menu."
