#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The unit and dbus suites under valgrind's memcheck: fails on an invalid
# read or write, a use of uninitialised memory, or a definite leak (leaks
# that GLib, GTK and their friends keep by design are in
# tests/valgrind.supp). Takes a while (20 minutes or so).
#   tools/valgrind.sh [SUITE...]      default: unit dbus
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is not installed (Debian: valgrind)" >&2; exit 1; }
suites=("$@")
[ ${#suites[@]} -eq 0 ] && suites=(unit dbus)
[ -d build-valgrind ] || meson setup build-valgrind --buildtype=debug >/dev/null
meson compile -C build-valgrind >/dev/null
args=()
for s in "${suites[@]}"; do args+=(--suite "$s"); done
export DS_TEST_WRAPPER="valgrind --quiet --error-exitcode=99 --leak-check=full \
--show-leak-kinds=definite --errors-for-leak-kinds=definite --track-origins=yes \
--num-callers=40 --suppressions=$PWD/tests/valgrind.supp --gen-suppressions=all"
meson test -C build-valgrind --print-errorlogs --timeout-multiplier 20 --num-processes 2 "${args[@]}"
