#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Lints the Flatpak manifest: it parses, names the app and its command, and
asks for exactly what a tray notifier needs, and no access to files."""

import json
import sys

path = sys.argv[1]
with open(path) as f:
    manifest = json.load(f)

errors = []
if manifest.get('id') != 'io.github.dayshift.Dayshift':
    errors.append('id is %r' % manifest.get('id'))
if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
    errors.append('not on the GNOME runtime')
if manifest.get('command') != 'dayshift':
    errors.append('command is %r' % manifest.get('command'))

args = manifest.get('finish-args', [])
for needed in ('--share=network', '--talk-name=org.freedesktop.Notifications',
               '--talk-name=org.kde.StatusNotifierWatcher', '--talk-name=org.freedesktop.secrets'):
    if needed not in args:
        errors.append('missing finish-arg %s' % needed)
for arg in args:
    if arg.startswith('--filesystem') or arg in ('--socket=session-bus', '--device=all'):
        errors.append('asks for too much: %s' % arg)

app_module = [m for m in manifest.get('modules', []) if isinstance(m, dict)
              and m.get('name') == 'dayshift']
if not app_module or app_module[0].get('buildsystem') != 'meson':
    errors.append('no meson module named dayshift')

for e in errors:
    print('flatpak manifest: ' + e)
sys.exit(1 if errors else 0)
