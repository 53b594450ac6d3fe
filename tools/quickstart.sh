#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# From a fresh Debian 12 to a running Dayshift: install what is missing,
# build, install Dayshift for this user in ~/.local (its command, man page,
# translations, settings schema, desktop and D-Bus files), and start it.
# Arguments go to dayshift.
set -euo pipefail
cd "$(dirname "$0")/.."

prefix="$HOME/.local"

bash tools/install-deps.sh
if [ ! -f build/build.ninja ]; then
  meson setup build --prefix="$prefix"
elif [ "$(meson introspect build --buildoptions \
          | python3 -c 'import json, sys; print([o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"][0])')" != "$prefix" ]; then
  meson configure build -Dprefix="$prefix"
fi
meson compile -C build
# Also compiles the settings schemas in ~/.local/share/glib-2.0/schemas,
# where GLib looks for a user's own.
meson install -C build --quiet --no-rebuild

case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *)
    echo "Dayshift is installed in $prefix/bin, which Debian's ~/.profile puts on your"
    echo "PATH from your next login; in a terminal open now, run: . ~/.profile"
    ;;
esac
exec "$prefix/bin/dayshift" "$@"
