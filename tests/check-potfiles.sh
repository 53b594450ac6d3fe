#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every source file with a string marked for translation is listed in
# po/POTFILES.in, and every listed file exists.
cd "$1" || exit 2
status=0
for f in $(grep -lE '(^|[^A-Za-z0-9_])(N?_|g_dngettext) ?\("?' src/*/*.c src/*.c 2>/dev/null) \
         $(grep -l 'translatable="yes"' data/ui/*.ui 2>/dev/null); do
  if ! grep -qx "$f" po/POTFILES.in; then
    echo "not in po/POTFILES.in: $f"
    status=1
  fi
done
for f in $(grep -v '^#' po/POTFILES.in); do
  if [ ! -f "$f" ]; then
    echo "listed in po/POTFILES.in but missing: $f"
    status=1
  fi
done
exit $status
