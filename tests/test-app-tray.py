#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The tray item registers with the watcher, reads back, and its menu,
clicked over com.canonical.dbusmenu, runs the right application actions.
Also: a second launch talks to the first."""

import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
from dsapp import App, Bus, BINARY, EXAMPLE_PROFILE, check, finish, visible_windows, wait_until  # noqa: E402
from gi.repository import GLib  # noqa: E402

WATCHER = 'org.kde.StatusNotifierWatcher'
SNI = 'org.kde.StatusNotifierItem'
MENU = 'com.canonical.dbusmenu'

bus = Bus()
app = App('--background', '--team-profile', EXAMPLE_PROFILE)


def registered():
    items = bus.get_property(WATCHER, '/StatusNotifierWatcher', WATCHER,
                             'RegisteredStatusNotifierItems')
    return items[0] if items else None


def walk(layout, out):
    item_id, props, children = layout
    out.append((item_id, props))
    for child in children:
        walk(child, out)
    return out


def menu_items(dest, path):
    revision, layout = bus.call(dest, path, MENU, 'GetLayout',
                                GLib.Variant('(iias)', (0, -1, [])))
    return walk(layout, [])


def click(dest, path, items, label):
    for item_id, props in items:
        if props.get('label', '').replace('_', '') == label:
            bus.call(dest, path, MENU, 'Event',
                     GLib.Variant('(isvu)', (item_id, 'clicked', GLib.Variant('s', ''), 0)))
            return True
    return False


try:
    entry = wait_until(registered, timeout=15)
    check(entry is not None, 'the tray item registered with the StatusNotifierWatcher')
    if entry is None:
        print(app.output())
        finish()
    dest, path = entry[:entry.index('/')], entry[entry.index('/'):]

    # The example profile, and no token saved: once the keyring has been
    # asked, nothing is read, and the icon and the menu say so.
    UNREAD = '⚠ GitHub, Slack and PagerDuty not read: no token saved · Settings…'

    def labels_now():
        menu = bus.get_all(dest, path, SNI).get('Menu')
        return [p.get('label', '').replace('_', '') for _, p in menu_items(dest, menu)
                if p.get('label') and p.get('visible', True)] if menu else []
    check(wait_until(lambda: UNREAD in labels_now(), 15), 'the menu says what is not read (%r)'
          % labels_now())
    props = bus.get_all(dest, path, SNI)
    check(props.get('Status') == 'Active', 'Status is Active (got %r)' % props.get('Status'))
    check(props.get('IconName') == 'dialog-warning-symbolic',
          'IconName is the warning icon while nothing is read (got %r)' % props.get('IconName'))
    check(props.get('Title') == 'Dayshift', 'Title is Dayshift (got %r)' % props.get('Title'))
    check(props.get('Id') == 'io.github.dayshift.Dayshift', 'Id is the app id')
    menu_path = props.get('Menu')
    check(bool(menu_path), 'the item exports a menu')

    items = menu_items(dest, menu_path)
    labels = [p.get('label', '').replace('_', '') for _, p in items
              if p.get('label') and p.get('visible', True)]
    check(labels == ['No open requests', UNREAD, 'Start rotation', 'Check now',
                     'Pause notifications for 1 hour', 'Open Dayshift', 'Settings…', 'Quit'],
          'menu labels: %r' % labels)
    status = [p for _, p in items if p.get('label') == 'No open requests']
    check(status and status[0].get('enabled') is False, 'the status line is not clickable')

    check(not visible_windows('Dayshift'), 'started with --background: no window')
    check(click(dest, menu_path, items, 'Open Dayshift'), 'clicked "Open Dayshift"')
    check(wait_until(lambda: visible_windows('Dayshift')), 'app.open showed the main window')

    check(click(dest, menu_path, items, 'Settings…'), 'clicked "Settings…"')
    check(wait_until(lambda: visible_windows('Dayshift Settings')),
          'app.settings showed the settings dialog')

    # A second launch hands over to the first and leaves.
    second = subprocess.run([BINARY], capture_output=True, text=True, timeout=20)
    check(second.returncode == 0, 'a second launch exits 0 (rc=%s)' % second.returncode)
    check(app.alive(), 'the first instance keeps running')

    check(click(dest, menu_path, items, 'Quit'), 'clicked "Quit"')
    rc = app.wait_exit(10)
    check(rc == 0, 'app.quit ended the app with status 0 (got %r)' % rc)
    check(wait_until(lambda: not bus.has_owner('io.github.dayshift.Dayshift'), 5),
          'the app left the bus')
finally:
    out = app.output()
    app.stop()
    if 'CRITICAL' in out or 'WARNING' in out:
        print('# app output:\n# ' + out.replace('\n', '\n# '))
    check('CRITICAL' not in out and 'WARNING' not in out, 'no warnings from the app')
finish()
