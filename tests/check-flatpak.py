#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Lints the Flatpak manifest: it parses, names the app and its command, and
asks for exactly what a tray notifier needs through portals: the network,
the window, notifications and the tray. Tokens go through the Secret portal
(libsecret inside a sandbox uses it by itself), so the manifest must not
open the user's whole keyring (org.freedesktop.secrets); a team profile
file comes through the file chooser portal (document portal), so there is
no --filesystem hole."""

import json
import sys

ALLOWED = {
    '--share=network': 'the GitHub, Slack, PagerDuty and ZenHub APIs',
    '--share=ipc': 'the window (X11 shared memory)',
    '--socket=wayland': 'the window',
    '--socket=fallback-x11': 'the window without Wayland',
    '--talk-name=org.freedesktop.Notifications': 'notifications with actions',
    '--talk-name=org.kde.StatusNotifierWatcher': 'the tray icon',
}
REQUIRED = ('--share=network', '--talk-name=org.freedesktop.Notifications',
            '--talk-name=org.kde.StatusNotifierWatcher')

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
for needed in REQUIRED:
    if needed not in args:
        errors.append('missing finish-arg %s (for %s)' % (needed, ALLOWED[needed]))
for arg in args:
    if arg == '--talk-name=org.freedesktop.secrets':
        errors.append('%s opens the whole keyring: libsecret uses the Secret portal' % arg)
    elif arg.startswith('--filesystem'):
        errors.append('%s: files come through the file chooser portal' % arg)
    elif arg not in ALLOWED:
        errors.append('asks for more than it needs: %s' % arg)
if len(set(args)) != len(args):
    errors.append('a finish-arg is given twice')

app_module = [m for m in manifest.get('modules', []) if isinstance(m, dict)
              and m.get('name') == 'dayshift']
if not app_module or app_module[0].get('buildsystem') != 'meson':
    errors.append('no meson module named dayshift')

for e in errors:
    print('flatpak manifest: ' + e)
if not errors:
    print('flatpak manifest: %d finish-args, each needed' % len(args))
sys.exit(1 if errors else 0)
