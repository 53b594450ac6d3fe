#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""GNOME's Do Not Disturb (org.gnome.desktop.notifications show-banners
off), against the loopback services and a mock notification server: new
requests wait in the inbox, an emergency still comes, the tray says why;
turned off again, the next request is notified."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
from dsapp import (APP_ID, App, Bus, Notifications, check, finish, gapplication,  # noqa: E402
                   gsettings, team_with_tokens, tray_labels, wait_until)

SUPPORT = 'C0SUPPORT1'


if gsettings('list-keys', 'org.gnome.desktop.notifications').returncode != 0:
    print('1..0 # SKIP GNOME\'s notification settings are not installed '
          '(Debian gsettings-desktop-schemas)')
    sys.exit(0)

world, base, server, profile = team_with_tokens()
bus = Bus()
notes = Notifications(bus)


app = App('--background', '--team-profile', profile)
try:
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'the app started')
    gapplication('action', APP_ID, 'start-rotation')
    check(wait_until(lambda: world.calls('GET', '/slack/api/conversations.history'), 20),
          'the first look at Slack (quiet) is done')
    before = len(notes.shown())

    check(gsettings('set', 'org.gnome.desktop.notifications', 'show-banners',
                    'false').returncode == 0, 'Do Not Disturb turned on')
    check(wait_until(lambda: any('Do Not Disturb' in l for l in tray_labels(bus)), 10),
          'the tray says Do Not Disturb holds notifications (%r)' % tray_labels(bus)[:3])
    world.post(SUPPORT, 'Could someone look at the staging certificates?')
    world.post(SUPPORT, 'Total outage of the API, customers cannot log in')
    gapplication('action', APP_ID, 'refresh')
    check(wait_until(lambda: len(notes.shown()) > before, 15), 'something was notified')
    shown = [n[2] for n in notes.shown()[before:]]
    check(len(shown) == 1 and 'outage' in shown[0],
          'only the emergency, while Do Not Disturb is on (%r)' % shown)

    check(gsettings('set', 'org.gnome.desktop.notifications', 'show-banners',
                    'true').returncode == 0, 'Do Not Disturb turned off')
    check(wait_until(lambda: not any('Do Not Disturb' in l for l in tray_labels(bus)), 10),
          'the tray no longer says so')
    after = len(notes.shown())
    world.post(SUPPORT, 'Can I get read access to the billing dashboard?')
    gapplication('action', APP_ID, 'refresh')
    check(wait_until(lambda: any('billing dashboard' in n[2] for n in notes.shown()[after:]), 15),
          'the next request is notified')
finally:
    app.stop()
    server.shutdown()
finish()
