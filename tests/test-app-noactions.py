#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A notification server without the "actions" capability: Dayshift says so
once (not at every start), offers no buttons, and the same quick actions
work from the tray menu (clicked over com.canonical.dbusmenu): acknowledge,
delegate to a teammate, pause notifications."""

import os
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
from dsapp import (APP_ID, Bus, Notifications, check, finish, gapplication,  # noqa: E402
                   start_on_rotation, stop_apps, team_with_tokens, wait_until)
from gi.repository import GLib  # noqa: E402

WATCHER = 'org.kde.StatusNotifierWatcher'
MENU = 'com.canonical.dbusmenu'
SUPPORT = 'C0SUPPORT1'

world, base, server, profile = team_with_tokens()

bus = Bus()
notes = Notifications(bus)
apps = []


def start():
    return start_on_rotation(bus, profile, apps)


def menu():
    items = bus.get_property(WATCHER, '/StatusNotifierWatcher', WATCHER,
                             'RegisteredStatusNotifierItems')
    if not items:
        return None, None, None
    dest, path = items[0][:items[0].index('/')], items[0][items[0].index('/'):]
    menu_path = bus.get_property(dest, path, 'org.kde.StatusNotifierItem', 'Menu')
    _, layout = bus.call(dest, menu_path, MENU, 'GetLayout',
                         GLib.Variant('(iias)', (0, -1, [])))
    return dest, menu_path, layout


def find(layout, *labels):
    """The id of the entry reached by following @labels down the submenus."""
    if layout is None:
        return None
    item_id, props, children = layout
    if not labels:
        return item_id
    for child in children:
        label = child[1].get('label', '').replace('_', '')
        if label == labels[0] or (labels[0].endswith('…') and label.startswith(labels[0][:-1])):
            return find(child, *labels[1:])
    return None


def click(*labels):
    dest, path, layout = menu()
    item_id = find(layout, *labels) if layout else None
    if item_id is None:
        return False
    bus.call(dest, path, MENU, 'Event',
             GLib.Variant('(isvu)', (item_id, 'clicked', GLib.Variant('s', ''), 0)))
    return True


try:
    app = start()
    check(wait_until(lambda: notes.find('Your notifications have no buttons'), 10),
          'told that notifications have no buttons')
    check(wait_until(lambda: len(world.calls('GET', '/slack/api/conversations.history')) >= 2,
                     20), 'first poll done')
    ts1 = world.post(SUPPORT, 'Please restart the flaky runner')
    ts2 = world.post(SUPPORT, 'Who owns the DNS zone for acme.dev?')
    gapplication('action', APP_ID, 'refresh')
    check(wait_until(lambda: len([n for n in notes.shown() if 'Support request' in n[1]]) >= 2,
                     20), 'both requests were notified')
    shown = [n for n in notes.shown() if 'Support request' in n[1]]
    check(all(n[3] == [] for n in shown), 'without buttons: %r' % [n[3] for n in shown])

    entry1 = 'Support request: Please restart the flaky runner'
    entry2 = 'Support request: Who owns the DNS zone…'  # cut at 50 characters
    check(wait_until(lambda: find(menu()[2], entry1, 'Acknowledge') is not None, 10),
          'the tray lists the request with its actions')
    check(click(entry1, 'Acknowledge'), 'clicked Acknowledge in the tray')
    check(wait_until(lambda: world.calls('POST', '/slack/api/reactions.add'), 10),
          'the reaction was sent')
    react = dict(urllib.parse.parse_qsl(world.calls('POST', '/slack/api/reactions.add')[0][3]))
    check(react.get('timestamp') == ts1 and react.get('name') == 'eyes', 'on the right message')

    check(click(entry2, 'Delegate', 'Dana Levi'), 'clicked Delegate ▸ Dana Levi')
    check(wait_until(lambda: world.thread(SUPPORT, ts2), 10), 'the delegation was posted')
    reply = world.thread(SUPPORT, ts2)
    check(reply and reply[0]['text'].startswith('<@U0DANA0001>'), 'mentioning Dana: %r' % reply)
    check(wait_until(lambda: find(menu()[2], entry2) is None, 10),
          'the delegated request left the tray list')

    check(click('Pause notifications for 1 hour'), 'clicked Pause notifications')
    check(wait_until(lambda: find(menu()[2], 'Resume notifications') is not None, 10),
          'the menu offers Resume')
    before = len(notes.shown())
    world.post(SUPPORT, 'A question while paused')
    gapplication('action', APP_ID, 'refresh')
    check(wait_until(lambda: find(menu()[2], 'Support request: A question while paused'), 15),
          'a request while paused reaches the tray')
    check(len(notes.shown()) == before, 'but no notification')

    # The "no buttons" message is told once, not at every start; the pause holds.
    gapplication('action', APP_ID, 'quit')
    check(app.wait_exit(10) == 0, 'quit')
    told = len([n for n in notes.shown() if n[1] == 'Your notifications have no buttons'])
    app = start()
    check(wait_until(lambda: find(menu()[2], 'Resume notifications') is not None, 10),
          'still paused after a restart')
    wait_until(lambda: False, 1)
    check(len([n for n in notes.shown() if n[1] == 'Your notifications have no buttons'])
          == told == 1, 'told once, not again at the next start')
    gapplication('action', APP_ID, 'quit')
    check(app.wait_exit(10) == 0, 'quit')
finally:
    stop_apps(apps, server)
finish()
