#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The tray menu stays readable on a busy morning, read over
com.canonical.dbusmenu: the status line says the open requests (not one a
teammate took) and the rotation; separators part it from the items and the items from the
commands; the same page twenty times is one entry (×20), not five slots;
no entry is longer than 50 characters; quiet hours holding notifications
are said in the tray and in the window; what does not fit is "and N more…",
which opens the window. For scripts: an item's id is copied with
app.copy-item-id, and an id Dayshift does not have is said, in a
notification and on stderr, not silently accepted."""

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
from dsapp import (APP_ID, App, Bus, check, finish, gapplication, set_settings,  # noqa: E402
                   stop_apps, team_with_tokens, visible_windows, wait_until)
from gi.repository import GLib  # noqa: E402

WATCHER = 'org.kde.StatusNotifierWatcher'
MENU = 'com.canonical.dbusmenu'
SUPPORT = 'C0SUPPORT1'
PAGE = 'db-primary: replication lag above 30 s'

world, base, server, profile = team_with_tokens()
for n in range(20):
    world.page('PREPEAT%02d' % n, PAGE)
questions = ['Can someone give me access to the billing dashboard, please?',
             'Is the staging cluster down?', 'Who can approve my VPN request?',
             'The wiki search returns nothing since this morning. Known issue? It used to work '
             'fine and I need the runbook for the payments service right now.',
             'Can I get a copy of the prod DB schema?', 'Is CI slow for everyone?',
             'Where do I request a new S3 bucket?', 'Who owns the status page?']
for q in questions:
    world.post(SUPPORT, q)
# Taken by Sam as it was asked: his, not counted among the user's open requests.
world.post(SUPPORT, 'Can someone rotate the deploy key?', reactions={'eyes': ['U0SAMORTE1']})

# Quiet hours from an hour ago to an hour from now.
now = time.localtime()
quiet_start = '%02d:%02d' % ((now.tm_hour - 1) % 24, now.tm_min)
quiet_end = '%02d:%02d' % ((now.tm_hour + 1) % 24, now.tm_min)
set_settings(quiet_hours_enabled='true', quiet_hours_start="'%s'" % quiet_start,
             quiet_hours_end="'%s'" % quiet_end)

bus = Bus()
app = App('--background', '--team-profile', profile)


def menu():
    items = bus.get_property(WATCHER, '/StatusNotifierWatcher', WATCHER,
                             'RegisteredStatusNotifierItems')
    if not items:
        return None, None, []
    dest, path = items[0][:items[0].index('/')], items[0][items[0].index('/'):]
    menu_path = bus.get_property(dest, path, 'org.kde.StatusNotifierItem', 'Menu')
    _, layout = bus.call(dest, menu_path, MENU, 'GetLayout',
                         GLib.Variant('(iias)', (0, -1, [])))
    # The top level as people see it: visible entries, separators as '-'.
    top = []
    for child in layout[2]:
        props = child[1]
        if not props.get('visible', True):
            continue
        top.append((child[0], '-' if props.get('type') == 'separator'
                    else props.get('label', '').replace('_', '')))
    return dest, menu_path, top


try:
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'the app started')
    gapplication('action', APP_ID, 'start-rotation')
    check(wait_until(lambda: any('(×20)' in label for _, label in menu()[2]), 30),
          'the page that came twenty times is one entry')
    # Every item in (the pages may come before the Slack requests).
    wait_until(lambda: menu()[2] and '28 open requests' in menu()[2][0][1], 30)
    dest, menu_path, top = menu()
    labels = [label for _, label in top]
    print('# ' + '\n# '.join(labels))
    check('28 open requests' in labels[0] and 'On rotation' in labels[0],
          'the status line: open requests and the rotation (%r)' % labels[0])
    check(labels[1] == 'Quiet hours until %s' % quiet_end,
          'quiet hours holding notifications are said (%r)' % labels[1])
    check(labels[2] == '-', 'a separator under the status lines')
    items = labels[3:labels.index('-', 3)]
    check(items[0].startswith('⚠ Incident: ' + PAGE[:10]) and items[0].endswith('(×20)'),
          'the emergency first, once, with how many (%r)' % items[0])
    check(len([i for i in items if not i.startswith('and ')]) == 5, 'five entries: %r' % items)
    check(items[-1] == 'and 4 more…', 'then what does not fit (%r)' % items[-1])
    check(all(len(i) <= 50 for i in items), 'no entry over 50 characters (%r)'
          % max(items, key=len))
    check(any(i.endswith('…') for i in items[1:-1]), 'a long title is cut with an ellipsis')
    commands = labels[labels.index('-', 3) + 1:]
    check('Check now' in commands and commands[-1] == 'Quit',
          'then the commands, Quit last (%r)' % commands)

    more = [i for i, label in top if label == 'and 4 more…']
    if more:
        bus.call(dest, menu_path, MENU, 'Event',
                 GLib.Variant('(isvu)', (more[0], 'clicked', GLib.Variant('s', ''), 0)))
        check(wait_until(lambda: visible_windows('Dayshift'), 10), '"and 4 more…" opens the window')

    # Scripts: copy an id; an unknown id is said.
    gapplication('action', APP_ID, 'copy-item-id', "'pagerduty:PREPEAT07'")
    import gi
    gi.require_version('Gtk', '3.0')
    gi.require_version('Gdk', '3.0')
    from gi.repository import Gdk, Gtk
    clip = Gtk.Clipboard.get(Gdk.SELECTION_CLIPBOARD)
    check(wait_until(lambda: clip.wait_for_text() == 'pagerduty:PREPEAT07', 5),
          'the item id is on the clipboard (%r)' % clip.wait_for_text())
    gapplication('action', APP_ID, 'acknowledge', "'github:acme/nope#404'")

    def told():
        calls = bus.mock_calls('org.freedesktop.Notifications', '/org/freedesktop/Notifications',
                               'Notify')
        return [c[1][4] for c in calls if c[1][3] == 'Dayshift did not find the item']
    check(wait_until(told, 5) and 'github:acme/nope#404' in told()[0],
          'an unknown id is said in a notification (%r)' % told())
    check(wait_until(lambda: 'github:acme/nope#404' in app.output(), 5),
          'and on stderr')

    # In the open window a problem is one banner with its title and close
    # button: the same problem again replaces it (never a stack of them),
    # and the window keeps its width.
    import pyatspi

    def window():
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            child = desktop.getChildAtIndex(i)
            if child is not None and child.name == 'dayshift':
                return pyatspi.findDescendant(child, lambda a: a.getRole() == pyatspi.ROLE_FRAME
                                              and a.name == 'Dayshift')
        return None

    def labels(prefix):
        frame = window()
        if frame is None:
            return []
        return [a.name for a in pyatspi.findAllDescendants(
            frame, lambda a: a.getRole() == pyatspi.ROLE_LABEL and
            a.getState().contains(pyatspi.STATE_SHOWING) and (a.name or '').startswith(prefix))]

    def banners():
        return labels('Dayshift has no item')

    frame = wait_until(window, 20)
    subtitle = frame and wait_until(lambda: pyatspi.findDescendant(
        frame, lambda a: a.getRole() == pyatspi.ROLE_LABEL and
        (a.name or '').endswith(' open · Quiet hours until %s' % quiet_end)), 10)
    check(subtitle is not None and subtitle.name.endswith('· Quiet hours until %s' % quiet_end),
          'the window says so too (%r)' % (subtitle.name if subtitle else None))
    width = frame.queryComponent().getExtents(pyatspi.DESKTOP_COORDS).width if frame else 0
    for n in range(4):
        gapplication('action', APP_ID, 'acknowledge', "'slack:C0NOPE/1.%d'" % n)
    check(wait_until(lambda: any('slack:C0NOPE/1.3' in b for b in banners()), 10),
          'the latest unknown id is said in the window (%r)' % banners())
    check(len(banners()) == 1, 'five times the same problem: one banner, not five (%d)'
          % len(banners()))
    check(labels('Dayshift did not find the item') == ['Dayshift did not find the item'],
          'titled with what happened (%r)' % labels('Dayshift did not find the item'))
    check(window().queryComponent().getExtents(pyatspi.DESKTOP_COORDS).width == width,
          'the window kept its width (%d)' % width)
    closes = pyatspi.findAllDescendants(window(), lambda a: a.getRole() == pyatspi.ROLE_PUSH_BUTTON
                                        and a.name == 'Close this message')
    if check(len(closes) == 1, 'the banner has its close button (%d)' % len(closes)):
        closes[0].queryAction().doAction(0)
        check(wait_until(lambda: len(banners()) == 0, 5), 'and closing it takes it away')

    gapplication('action', APP_ID, 'quit')
    check(app.wait_exit(10) == 0, 'quit')
finally:
    stop_apps([app], server)
finish()
