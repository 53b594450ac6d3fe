#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Dayshift's figures in one table (Markdown), from one run on this machine:
# beside the floor (the same stack doing the least), idle and with the
# window on 5,000 items, start-up, an hour of polling with nothing new and
# with a realistic stream, latency, a catch-up's longest main-loop stall, a
# team of eight on one Slack app.
#   bench/run.sh [BUILDDIR] [--day]     about 10 minutes; --day adds the
#                                       sped-up working day (7 more)
# Not a test: the figures are for comparing, as ratios and medians.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$here/../build"
day=0
for arg in "$@"; do
  case "$arg" in
    --day) day=1 ;;
    *) build="$arg" ;;
  esac
done
build="$(cd "$build" && pwd)"
ninja -C "$build" >/dev/null
export GSETTINGS_SCHEMA_DIR="$build/data" DS_BUILD_ROOT="$build"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

harness() {
  /usr/bin/python3 "$here/../tests/harness/ds-harness.py" --no-fatal-warnings "$@"
}

echo "Running (about 10 minutes)…" >&2
harness --xvfb --notifications --watcher --keyring -- \
  /usr/bin/python3 "$here/footprint.py" 60 >"$out/footprint" 2>"$out/footprint.log"
harness --bus -- "$build/bench/bench-live" latency 9 >"$out/latency" 2>/dev/null
harness -- "$build/bench/bench-team" 8 >"$out/team" 2>/dev/null || true
for n in 1000 10000 20000; do
  for run in 1 2 3; do
    harness --bus -- "$build/bench/bench-live" catchup "$n" >"$out/catchup-$n-$run" 2>/dev/null
  done
done
if [ "$day" = 1 ]; then
  echo "The working day (about 7 minutes)…" >&2
  meson test -C "$build" soak-day -v >"$out/day" 2>&1 || true
fi

get() {  # get FILE KEY
  awk -v k="$2" '$1 == k { $1 = ""; sub(/^ /, ""); print; exit }' "$1"
}
median() {  # median KEY N: of the three catch-up runs of size N
  for run in 1 2 3; do get "$out/catchup-$2-$run" "$1"; done | sort -n | sed -n 2p
}
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'
}

f="$out/footprint"
floor_rss=$(get "$f" floor_rss_mb)
ds_rss=$(get "$f" dayshift_rss_mb)
win_rss=$(get "$f" window_rss_mb)
items_rss=$(get "$f" items_rss_mb)

cat <<EOF
| figure | Dayshift | beside |
| --- | ---: | --- |
| memory idle, tray only (RSS) | $ds_rss MB | floor $floor_rss MB: ratio $(ratio "$ds_rss" "$floor_rss") |
| CPU idle, tray only, polling quiet services | $(get "$f" dayshift_cpu_s_per_hour) s per hour | floor $(get "$f" floor_cpu_s_per_hour) s per hour (it polls nothing) |
| memory with $(get "$f" window_items) open items, tray only | $items_rss MB | ratio to the floor $(ratio "$items_rss" "$floor_rss") |
| memory with the window open on them | $win_rss MB | ratio to the floor $(ratio "$win_rss" "$floor_rss") |
| CPU with the window open, idle | $(get "$f" window_cpu_s_per_hour) s per hour | |
| \`app.open\` to the window shown ($(get "$f" window_items) items) | $(get "$f" window_open_ms) ms | |
| start-up: launch to tray item registered (median of 5) | $(get "$f" startup_to_tray_ms) ms | |
| \`dayshift --status\` as a whole process (median of 5) | $(get "$f" status_ms) ms | |
| an hour with nothing new: requests | $(get "$f" quiet_hour_requests) | intervals: Slack 30 s, GitHub and PagerDuty 60 s |
| … GitHub rate-limit points | $(get "$f" quiet_hour_github_points) | $(get "$f" quiet_hour_github_not_modified) answers were 304 Not Modified |
| … Slack calls by tier | $(get "$f" quiet_hour_slack_tiers) | |
| … CPU | $(get "$f" quiet_hour_cpu_s) s | |
| an hour of 4 requests and a page: requests | $(get "$f" stream_hour_requests) | $(get "$f" stream_hour_items) items arrived |
| … GitHub rate-limit points | $(get "$f" stream_hour_github_points) | |
| … Slack calls by tier | $(get "$f" stream_hour_slack_tiers) | |
| Slack message posted → in the inbox, Socket Mode (median of 9) | $(get "$out/latency" latency_socket_ms) ms | goal ≤ 2 s |
| … polling only (median of 9) | $(get "$out/latency" latency_poll_ms) ms | poll interval $(get "$out/latency" latency_poll_interval_s) s (demo) |
| a team of 8 on one Slack app: a Slack request → the inbox on rotation (median, p90) | $(get "$out/team" team_rotation_median_s) s, $(get "$out/team" team_rotation_p90_s) s | Socket Mode; goal ≤ 2 s |
| … off rotation (median, p90) | $(get "$out/team" team_others_median_s) s, $(get "$out/team" team_others_p90_s) s | Slack read every 5 minutes off rotation |
| … reads of messages a minute, and 429s an hour, for the app | $(get "$out/team" team_reads_per_minute), $(get "$out/team" team_limited_per_hour) | Slack's limit: about 50 a minute (Tier 3) |
| catch-up of 1,000 messages + 100 issues: longest main-loop stall | $(median catchup_longest_stall_ms 1000) ms | CPU $(median catchup_cpu_ms 1000) ms |
| catch-up of 10,000 messages + 1,000 issues: longest main-loop stall | $(median catchup_longest_stall_ms 10000) ms | CPU $(median catchup_cpu_ms 10000) ms (goal: stall ≤ 50 ms, CPU ≤ 300 ms) |
| catch-up of 20,000 messages + 2,000 issues: longest main-loop stall | $(median catchup_longest_stall_ms 20000) ms | CPU $(median catchup_cpu_ms 20000) ms |
EOF
if [ "$day" = 1 ]; then
  mem=$(grep -o 'memory: .*' "$out/day" | head -1 || true)
  cpu=$(grep -o 'CPU: .*' "$out/day" | head -1 || true)
  echo "| a working day against the loopback services (08:00–17:00 at 90×) | ${mem#memory: } | ${cpu#CPU: } |"
fi
echo
echo "Floor: build/bench/bench-floor (a tray item, libnotify, one libsoup GET parsed by json-glib, a libsecret lookup, a SQLite database; idle). CPU per hour from $(( 60 )) s idle. Catch-up: medians of 3, Dayshift's CPU only (the demo world serving it runs on its own thread and is not counted). The team: build/bench/bench-team 8, $(get "$out/team" team_requests) requests over $(get "$out/team" team_minutes) minutes of the team's time, run $(get "$out/team" team_scale) times as fast. $(date -u +%Y-%m-%d), $(nproc) cores."
