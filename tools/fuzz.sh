#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Each JSON parser, and the handoff's block in a comment, under libFuzzer
# (clang, AddressSanitizer and UBSan) for SECONDS (default 600: ten minutes
# each), as many side by side as there are cores, from the seed corpus; new
# inputs go to build-fuzz/tests/fuzz/corpus. A finding leaves a crash-* or
# leak-* file in build-fuzz and fails.
#   tools/fuzz.sh [SECONDS [FAMILY...]]
#   families: github slack pagerduty team-profile json handoff
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"
shift || true
families=("$@")
[ ${#families[@]} -eq 0 ] && families=(github slack pagerduty team-profile json handoff)
if [ ! -d build-fuzz ]; then
  CC=clang meson setup build-fuzz -Dfuzzing=true -Dtests=false \
    -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
fi
meson compile -C build-fuzz >/dev/null
export ASAN_OPTIONS=detect_leaks=1
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp"
status=0
running=0
for family in "${families[@]}"; do
  if [ "$running" -ge "$(nproc)" ]; then
    wait -n || status=1
    running=$((running - 1))
  fi
  ( cd build-fuzz && "./tests/fuzz/fuzz-$family" -max_total_time="$secs" -timeout=5 \
      -rss_limit_mb=2048 -max_len=400000 -print_final_stats=1 \
      "tests/fuzz/corpus/$family" >"fuzz-$family.log" 2>&1 ) &
  running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
  wait -n || status=1
  running=$((running - 1))
done
for family in "${families[@]}"; do
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "build-fuzz/fuzz-$family.log" \
         | grep -o '[0-9]*$' || echo "?")
  if grep -q 'ERROR: \|SUMMARY: ' "build-fuzz/fuzz-$family.log"; then
    echo "fuzz-$family: FINDING (build-fuzz/fuzz-$family.log)"
    status=1
  else
    echo "fuzz-$family: $runs inputs in $secs s, no finding"
  fi
done
exit $status
