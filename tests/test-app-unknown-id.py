#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""An id Dayshift does not have, a megabyte long, sent to its actions over
D-Bus (as `gapplication action` does, without its limit on an argument's
length): the notification and stderr say it shortened to its first 40
characters and "…", and nothing is kept for it (the window open, with its
banners): the process's memory does not grow with each one."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
from dsapp import (APP_ID, EXAMPLE_PROFILE, App, Bus, Notifications, check, finish,  # noqa: E402
                   gapplication, stop_apps, wait_until)

from gi.repository import GLib  # noqa: E402

PATH = '/' + APP_ID.replace('.', '/')
HUGE = 'x' * (1024 * 1024)
SHORT = 'x' * 40 + '…'

bus = Bus()
notes = Notifications(bus)
app = App('--background', '--team-profile', EXAMPLE_PROFILE)


def activate(action, param):
    bus.call(APP_ID, PATH, 'org.gtk.Actions', 'Activate',
             GLib.Variant('(sava{sv})', (action, [param], {})), timeout=20000)


def rss_kb():
    with open('/proc/%d/status' % app.proc.pid) as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1])
    return 0


def told():
    return [n for n in notes.shown() if n[1] == 'Dayshift did not find the item']


try:
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'the app started')
    gapplication('action', APP_ID, 'open')
    activate('open-item', GLib.Variant('s', HUGE))
    check(wait_until(told, 10), 'an unknown id is said in a notification')
    body = told()[-1][2] if told() else ''
    check(SHORT in body and 'x' * 41 not in body and len(body) < 400,
          'shortened to its first 40 characters and "…" (%d characters: %r)'
          % (len(body), body[:120]))
    check(wait_until(lambda: SHORT in app.output(), 5) and 'x' * 41 not in app.output(),
          'and on stderr (%d characters written)' % len(app.output()))

    # Warmed up: every action that takes an id, then ten more of each.
    for action, param in (('acknowledge', GLib.Variant('s', HUGE)),
                          ('delegate-to', GLib.Variant('(ss)', (HUGE, 'Sam Ortega'))),
                          ('snooze-for', GLib.Variant('(ss)', (HUGE, '1h'))),
                          ('open-link', GLib.Variant('s', HUGE))):
        activate(action, param)
    wait_until(lambda: False, 1)
    before = rss_kb()
    shown = len(notes.shown())
    for i in range(10):
        activate('open-item', GLib.Variant('s', HUGE + str(i)))
        activate('acknowledge', GLib.Variant('s', HUGE + str(i)))
    check(wait_until(lambda: len(notes.shown()) >= shown + 20, 20),
          'each was said (%d notifications)' % (len(notes.shown()) - shown))
    wait_until(lambda: False, 1)
    grown = rss_kb() - before
    check(grown < 4096, 'twenty more megabyte ids kept nothing (memory grew by %d kB)' % grown)
    check(all(len(n[2]) < 400 for n in notes.shown()), 'no notification is long')
    check('x' * 41 not in app.output(), 'nothing long on stderr')
    gapplication('action', APP_ID, 'quit')
    check(app.wait_exit(10) == 0, 'quit')
finally:
    stop_apps([app])
finish()
