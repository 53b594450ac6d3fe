#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `meson install` into a throw-away directory: the installed binary runs
# --version and --help, each file is where a distribution expects it, and man
# finds the page from the installed command.
#   tests/check-install.sh BUILDDIR APP_ID PREFIX
set -eu
build=$1
app_id=$2
prefix=$3
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
status=0

meson install -C "$build" --no-rebuild --destdir "$dest" --quiet >/dev/null
root="$dest$prefix"
for f in \
    bin/dayshift \
    "share/applications/$app_id.desktop" \
    "share/metainfo/$app_id.metainfo.xml" \
    "share/dbus-1/services/$app_id.service" \
    "share/glib-2.0/schemas/io.github.dayshift.Dayshift.gschema.xml" \
    "share/icons/hicolor/scalable/apps/io.github.dayshift.Dayshift.svg" \
    "share/icons/hicolor/symbolic/apps/io.github.dayshift.Dayshift-symbolic.svg" \
    share/man/man1/dayshift.1 \
    share/dayshift/team-profile.example.json \
    share/dayshift/slack-app-manifest.json \
    "share/dayshift/$app_id.autostart.desktop"; do
  if [ -e "$root/$f" ]; then
    echo "ok - installed: $f"
  else
    echo "not ok - not installed: $f"
    status=1
  fi
done
for lang in $(grep -v '^#' "$(dirname "$0")/../po/LINGUAS" 2>/dev/null); do
  if [ -e "$root/share/locale/$lang/LC_MESSAGES/dayshift.mo" ]; then
    echo "ok - installed: the $lang translation"
  else
    echo "not ok - not installed: the $lang translation"
    status=1
  fi
done
if grep -q "^Exec=$prefix/bin/dayshift --gapplication-service$" \
    "$root/share/dbus-1/services/$app_id.service"; then
  echo "ok - the D-Bus service starts the installed binary"
else
  echo "not ok - the D-Bus service does not start $prefix/bin/dayshift"
  status=1
fi
version=$("$root/bin/dayshift" --version 2>&1) || status=1
case "$version" in
  "Dayshift "*) echo "ok - the installed binary runs --version: $version" ;;
  *) echo "not ok - --version said: $version"; status=1 ;;
esac
if "$root/bin/dayshift" --help 2>&1 | grep -q -- "--team-profile"; then
  echo "ok - the installed binary runs --help"
else
  echo "not ok - --help"
  status=1
fi
if locale -a 2>/dev/null | grep -qi '^es_ES\.utf-\?8$'; then
  # Installed under a temporary root: point it at the installed translations.
  if LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 LANGUAGE= DAYSHIFT_LOCALEDIR="$root/share/locale" \
      "$root/bin/dayshift" --help 2>&1 \
      | grep -q "Mostrar la versión y salir"; then
    echo "ok - the installed binary reads the installed translation (es_ES.UTF-8 --help)"
  else
    echo "not ok - under es_ES.UTF-8, --help is not in Spanish"
    status=1
  fi
fi
if grep -q "^GenericName\[es\]=" "$root/share/applications/$app_id.desktop"; then
  echo "ok - the desktop file carries the translations"
else
  echo "not ok - the desktop file has no Spanish"
  status=1
fi
if command -v groff >/dev/null; then
  if groff -man -ww -z "$root/share/man/man1/dayshift.1" 2>&1 | grep . ; then
    echo "not ok - the man page has groff warnings"
    status=1
  else
    echo "ok - the man page reads without a warning"
  fi
fi
# tools/quickstart.sh installs in ~/.local, with no MANPATH: man finds a page
# beside a command on the PATH (BIN/../share/man).
if command -v man >/dev/null; then
  page=$(env -u MANPATH PATH="$root/bin:$PATH" man -w dayshift 2>/dev/null || true)
  if [ "$page" = "$root/share/man/man1/dayshift.1" ]; then
    echo "ok - man finds the installed page from the installed command on the PATH"
  else
    echo "not ok - with the installed command on the PATH, man -w dayshift said: $page"
    status=1
  fi
fi
exit $status
