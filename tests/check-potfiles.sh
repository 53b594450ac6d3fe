#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every source file with a string marked for translation is listed in
# po/POTFILES.in, and every listed file exists; each translation in
# po/LINGUAS translates every string the sources mark (xgettext as
# `meson compile dayshift-pot` runs it), with valid formats.
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
if command -v xgettext >/dev/null; then
  pot=$(mktemp)
  trap 'rm -f "$pot"' EXIT
  xgettext --package-name=dayshift --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ \
    --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
    --keyword=g_dpgettext2:2c,3 --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format \
    --flag=NC_:2:pass-c-format --flag=g_dngettext:2:pass-c-format \
    --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format \
    --flag=g_string_append_printf:2:c-format --flag=g_error_new:3:c-format \
    --flag=g_set_error:4:c-format --flag=g_markup_printf_escaped:1:c-format \
    --files-from=po/POTFILES.in -o "$pot" 2>/dev/null || { echo "xgettext failed"; exit 1; }
  for lang in $(grep -v '^#' po/LINGUAS); do
    stats=$(msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$pot" -o - \
              | msgfmt -c --check-format --statistics -o /dev/null - 2>&1)
    case "$stats" in
      *untranslated*|*fuzzy*|*error*)
        echo "po/$lang.po is not complete: $stats"
        status=1 ;;
      *) echo "po/$lang.po: $stats" ;;
    esac
  done
fi
exit $status
