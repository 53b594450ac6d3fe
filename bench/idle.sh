#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Idle footprint of the running app: start it in a headless session with a
# tray watcher and a notification server, let it settle, then read its
# resident memory (VmRSS, VmHWM) and the CPU time it used while idle.
#   bench/idle.sh [BUILDDIR] [SECONDS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$(cd "${1:-$here/../build}" && pwd)"
secs="${2:-20}"

if [ -z "${DS_TEST_TMPDIR:-}" ]; then
  export GSETTINGS_SCHEMA_DIR="$build/data"
  exec /usr/bin/python3 "$here/../tests/harness/ds-harness.py" --xvfb --notifications --watcher \
    --no-fatal-warnings -- bash "$0" "$build" "$secs"
fi

"$build/src/dayshift" --background ${DS_IDLE_ARGS:-} >/dev/null 2>&1 &
pid=$!
sleep 3
ticks=$(getconf CLK_TCK)
cpu0=$(awk '{print $14 + $15}' /proc/$pid/stat)
sleep "$secs"
cpu1=$(awk '{print $14 + $15}' /proc/$pid/stat)
rss=$(awk '/^VmRSS/ {print $2}' /proc/$pid/status)
hwm=$(awk '/^VmHWM/ {print $2}' /proc/$pid/status)
gapplication action io.github.dayshift.Dayshift quit || kill $pid
wait $pid || true
echo "idle RSS: $((rss / 1024)) MiB (peak $((hwm / 1024)) MiB)"
echo "idle CPU: $(( (cpu1 - cpu0) * 1000 / ticks )) ms over ${secs} s"
