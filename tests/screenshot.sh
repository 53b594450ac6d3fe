#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Makes screenshots of Dayshift in a throw-away headless session with a
# visible StatusNotifierItem tray (gtk-sni-tray-standalone): the tray icon
# with its menu open, the main window and the settings, in the demo workspace.
#   tests/screenshot.sh [BUILDDIR] [OUTDIR]
# Needs: xvfb imagemagick xdotool haskell-gtk-sni-tray-utils (Debian).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$(cd "${1:-$here/../build}" && pwd)"
out="$(mkdir -p "${2:-$build/screenshots}" && cd "${2:-$build/screenshots}" && pwd)"

if [ -z "${DS_TEST_TMPDIR:-}" ]; then
  export GSETTINGS_SCHEMA_DIR="$build/data"
  exec /usr/bin/python3 "$here/harness/ds-harness.py" --xvfb --notifications --keyring \
    --no-fatal-warnings -- bash "$0" "$build" "$out"
fi

# Inside the session: a tray bar across the top, then Dayshift.
gtk-sni-tray-standalone --watcher --top --end --size 32 --color '#deddda' \
  >"$DS_TEST_TMPDIR/tray.log" 2>&1 &
tray=$!
for _ in $(seq 100); do
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner org.kde.StatusNotifierWatcher 2>/dev/null \
    | grep -q true && break
  sleep 0.1
done

# The demo workspace, well into its morning: its clock runs ten times as
# fast under libfaketime (Debian faketime) when it is installed. Each screen
# in the light theme, then in Adwaita-dark.
faketime_lib=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
shoot() {  # shoot SUFFIX GTK_THEME WAIT
  local suffix=$1 theme=$2 wait=$3 app id
  if [ -e "$faketime_lib" ]; then
    GTK_THEME="$theme" LD_PRELOAD="$faketime_lib" FAKETIME_NO_CACHE=1 FAKETIME="+0 x10" \
      "$build/src/dayshift" --demo --background >>"$DS_TEST_TMPDIR/dayshift.log" 2>&1 &
  else
    GTK_THEME="$theme" "$build/src/dayshift" --demo --background \
      >>"$DS_TEST_TMPDIR/dayshift.log" 2>&1 &
  fi
  app=$!
  sleep "$wait"

  # The icon sits at the right end of the bar; a right click opens its menu.
  xdotool mousemove 1006 16 click 3
  sleep 1.5
  import -window root "$out/tray-menu$suffix.png"
  xdotool key Escape
  sleep 0.5

  gapplication action io.github.dayshift.Dayshift open
  sleep 1.5
  import -window root "$out/window$suffix.png"
  # An item read whole (the VPN request, found by a search: it has a
  # thread), then the other pages (Alt+2..4).
  xdotool mousemove 150 250 click 1
  sleep 0.5
  xdotool key ctrl+f
  sleep 0.5
  xdotool type --delay 50 "VPN"
  sleep 1
  xdotool mousemove 150 200
  sleep 0.5
  xdotool click 1
  sleep 1
  import -window root "$out/window-detail$suffix.png"
  xdotool key ctrl+f
  xdotool key ctrl+a BackSpace Escape
  sleep 0.5
  for page in 2:standup 3:rotation 4:history; do
    xdotool key "alt+${page%%:*}"
    sleep 1.5
    import -window root "$out/window-${page#*:}$suffix.png"
  done
  xdotool key alt+1

  gapplication action io.github.dayshift.Dayshift set-up
  sleep 1.5
  import -window root "$out/setup$suffix.png"

  gapplication action io.github.dayshift.Dayshift settings
  sleep 1.5
  import -window root "$out/settings$suffix.png"
  # The other pages: the switcher's buttons, left to right.
  id=$(xdotool search --name '^Dayshift Settings$' | head -n1)
  for page in notifications:286 replies:403 general:520; do
    xdotool mousemove --window "$id" "${page#*:}" 27 click 1
    sleep 1
    import -window root "$out/settings-${page%%:*}$suffix.png"
  done

  gapplication action io.github.dayshift.Dayshift quit || true
  wait $app || true
}
shoot "" "Adwaita" "${DS_SCREENSHOT_WAIT:-35}"
shoot "-dark" "Adwaita:dark" 5
kill $tray 2>/dev/null || true
echo "screenshots in $out"
