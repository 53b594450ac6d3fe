#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A screenshot of a Dayshift notification with its buttons, drawn by a real
# notification server (GNOME's notification-daemon) in a throw-away headless
# session, from the demo workspace.
#   tests/screenshot-notification.sh [BUILDDIR] [OUTDIR]
# Needs: xvfb imagemagick notification-daemon (Debian).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$(cd "${1:-$here/../build}" && pwd)"
out="$(mkdir -p "${2:-$build/screenshots}" && cd "${2:-$build/screenshots}" && pwd)"
daemon=/usr/lib/notification-daemon/notification-daemon

if [ ! -x "$daemon" ]; then
  echo "notification-daemon is not installed (apt-get install notification-daemon)" >&2
  exit 77
fi
if [ -z "${DS_TEST_TMPDIR:-}" ]; then
  export GSETTINGS_SCHEMA_DIR="$build/data"
  exec /usr/bin/python3 "$here/harness/ds-harness.py" --xvfb --keyring --no-fatal-warnings \
    -- bash "$0" "$build" "$out"
fi

"$daemon" --replace >"$DS_TEST_TMPDIR/notification-daemon.log" 2>&1 &
daemon_pid=$!
for _ in $(seq 100); do
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner org.freedesktop.Notifications 2>/dev/null \
    | grep -q true && break
  sleep 0.1
done

# The demo's first request arrives a few seconds after the first look.
"$build/src/dayshift" --demo --background >"$DS_TEST_TMPDIR/dayshift.log" 2>&1 &
app=$!
sleep "${DS_SCREENSHOT_WAIT:-9}"
import -window root "$out/notification.png"
# The top right corner, where notification-daemon draws.
convert "$out/notification.png" -crop 520x260+504+0 +repage "$out/notification-crop.png"

gapplication action io.github.dayshift.Dayshift quit || true
wait $app || true
kill $daemon_pid 2>/dev/null || true
echo "screenshots in $out"
