#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what Dayshift needs on Debian 12 (bookworm), only what is missing.
#   tools/install-deps.sh          to build and run Dayshift
#   tools/install-deps.sh --tests  also what the test suites need
set -euo pipefail

build_pkgs=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-bin
  libgtk-3-dev libnotify-dev libsoup-3.0-dev libjson-glib-dev libsecret-1-dev
  libayatana-appindicator3-dev libsqlite3-dev libhandy-1-dev
  appstream desktop-file-utils librsvg2-common tzdata
)
test_pkgs=(
  xvfb xauth dbus dbus-daemon gnome-keyring libsecret-tools
  python3 python3-dbusmock python3-gi gir1.2-gtk-3.0 python3-pyatspi at-spi2-core
  xdotool clang libclang-rt-14-dev faketime procps groff-base gsettings-desktop-schemas
  locales
  # tests/screenshot.sh (import, a tray bar) and tests/screenshot-notification.sh
  imagemagick haskell-gtk-sni-tray-utils notification-daemon
)

pkgs=("${build_pkgs[@]}")
if [ "${1:-}" = "--tests" ]; then
  pkgs+=("${test_pkgs[@]}")
fi

if [ "${1:-}" = "--tests" ] && ! command -v npm >/dev/null; then
  pkgs+=(nodejs npm)
fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null; then
  SUDO=(sudo)
elif [ ${#missing[@]} -gt 0 ]; then
  echo "Dayshift needs these Debian packages: ${missing[*]}" >&2
  echo "Install them as root (apt-get install ...) and run this again." >&2
  exit 1
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  "${SUDO[@]}" apt-get update -q
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${missing[@]}"
fi

# The Spanish UI test runs under es_ES.UTF-8.
if [ "${1:-}" = "--tests" ] && ! locale -a 2>/dev/null | grep -qi '^es_ES\.utf-\?8$'; then
  if [ "$(id -u)" -eq 0 ] || command -v sudo >/dev/null; then
    "${SUDO[@]}" localedef -i es_ES -c -f UTF-8 es_ES.UTF-8
  fi
fi
