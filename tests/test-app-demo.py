#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`dayshift --demo` under Xvfb with a mock notification server, its clock
ten times as fast (libfaketime), as a new user would see it:

- the morning's story brings one item of every kind within its first five
  minutes, each once; new ones are notified, and the notification of the
  one a teammate claims goes when they do; teammates finish some of it, so
  the inbox also empties;
- ten minutes of it raise a human number of notifications (at most 25),
  no two items alike, whatever the hour (the demo has no quiet hours);
- started again with no team profile (a new user's first start, no
  --demo), the story goes on where it was, in the same demo database:
  nothing told twice;
- the window's "N minutes ago" moves on by itself as the minutes pass;
- the real database is never touched."""

import os
import sqlite3
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
from dsapp import (APP_ID, App, Bus, Notifications, check, finish, gapplication,  # noqa: E402
                   wait_until)

LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1'
FACTOR = 10
KINDS = {'request', 'alert', 'deploy', 'review', 'access', 'incident', 'postmortem', 'mention'}
data = os.path.join(os.environ['XDG_DATA_HOME'], 'dayshift')
demo_db = os.path.join(data, 'demo.db')

if not os.path.exists(LIBFAKETIME):
    print('1..0 # SKIP libfaketime is not installed (Debian package faketime)')
    sys.exit(0)
# Evening, when quiet hours would hold everything but emergencies.
env = dict(os.environ, LD_PRELOAD=LIBFAKETIME, FAKETIME_NO_CACHE='1',
           FAKETIME='@%s x%d' % (time.strftime('%Y-%m-%d 20:30:00'), FACTOR))
bus = Bus()
app = App('--demo', '--background', env=env)
out = ''


def rows(sql):
    try:
        with sqlite3.connect(demo_db, timeout=5) as db:
            return list(db.execute(sql))
    except sqlite3.Error:
        return []


def kinds():
    return {k for (k,) in rows('SELECT DISTINCT kind FROM items')}


def notified():
    calls = bus.mock_calls('org.freedesktop.Notifications', '/org/freedesktop/Notifications',
                           'Notify')
    return [c[1][3] + '\n' + c[1][4] for c in calls]


def items_alike():
    titles = [t for (t,) in rows('SELECT title FROM items')]
    return len(titles), len(set(titles))


try:
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'the app started')
    start = time.monotonic()
    seen = wait_until(lambda: kinds() >= KINDS, 40, 1)
    check(seen, 'every kind within the story\'s first minutes (%.0f s; have %s)'
          % ((time.monotonic() - start) * FACTOR, sorted(kinds())))
    ids = [i for (i,) in rows('SELECT id FROM items')]
    check(len(ids) == len(set(ids)), 'no item twice (%d items)' % len(ids))
    check(wait_until(lambda: any(c == 'Bogdan Ilić' for _, c in rows(
        "SELECT title, claimed_by FROM items WHERE claimed_by IS NOT NULL")), 10),
        'the claimed request shows who took it')

    says = notified()
    check(any(s.startswith('Support request · Slack') for s in says),
          'the support question was notified, at 20:30 too')
    check(any(s.startswith('Incident · PagerDuty') for s in says), 'the page was notified')
    notes = Notifications(bus)
    staging = [n[0] for n in notes.shown() if 'read-only' in n[1] + n[2]]
    check(len(staging) == 1 and wait_until(lambda: staging[0] in notes.closed(), 10),
          'the request Bogdan claimed was notified, and withdrawn when he took it (%r)' % staging)
    check(len(says) == len(set(says)), 'no notification twice')
    calls = bus.mock_calls('org.freedesktop.Notifications', '/org/freedesktop/Notifications',
                           'Notify')
    check(all(c[1][2] == APP_ID for c in calls),
          'every notification has Dayshift\'s full-colour icon (%r)' % {c[1][2] for c in calls})
    check(all('image-data' in c[1][6] or 'image_data' in c[1][6] for c in calls),
          'and, run from the build tree, its pixels (%r)' % [sorted(c[1][6]) for c in calls][:1])

    # Ten minutes of the story.
    time.sleep(max(0, 600 / FACTOR - (time.monotonic() - start)))
    says = notified()
    n, distinct = items_alike()
    check(len(says) <= 25, 'ten minutes: %d notifications' % len(says))
    check(n == distinct and n >= 10, 'ten minutes: %d items, no two alike' % n)
    done_by_team = rows("SELECT title FROM items WHERE state = 'done'")
    check(len(done_by_team) >= 1, 'teammates finished some of it (%r)' % done_by_team)

    # The window's times move on with the clock (AT-SPI reads the row).
    import pyatspi

    def vpn_line():
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            child = desktop.getChildAtIndex(i)
            if child is not None and child.name == 'dayshift':
                label = pyatspi.findDescendant(
                    child, lambda a: a.getRole() == pyatspi.ROLE_LABEL and
                    a.name.startswith('Sam Ortega in #ops-support'))
                return label.name if label is not None else None
        return None
    gapplication('action', APP_ID, 'open')
    first = wait_until(vpn_line, 10)
    check(first is not None and 'minutes ago' in first, 'the window shows the age (%r)' % first)
    later = wait_until(lambda: vpn_line() != first and vpn_line(), 150 / FACTOR)
    check(bool(later) and 'minutes ago' in later, 'a minute later it says so by itself (%r, then %r)'
          % (first, later))

    # The tray says it is the demo.
    items = bus.get_property('org.kde.StatusNotifierWatcher', '/StatusNotifierWatcher',
                             'org.kde.StatusNotifierWatcher', 'RegisteredStatusNotifierItems')
    if check(len(items) == 1, 'the tray item registered'):
        dest, path = items[0][:items[0].index('/')], items[0][items[0].index('/'):]
        title = bus.get_property(dest, path, 'org.kde.StatusNotifierItem', 'Title')
        check(title == 'Dayshift (demo)', 'the tray title says demo (%r)' % title)
    gapplication('action', APP_ID, 'quit')
    check(app.wait_exit(10) == 0, 'quit')
    out = app.output()
    app.stop()
    app = None

    # A new user's first start: no profile, no --demo; the story goes on.
    before = items_alike()[0]
    told = len(notified())
    env['FAKETIME'] = '@%s x%d' % (time.strftime('%Y-%m-%d 20:42:00'), FACTOR)
    app = App('--background', env=env)
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'started without a profile')
    check(wait_until(lambda: os.path.exists(os.path.join(data, 'dayshift.db')), 8, 0.5) is False,
          'without a profile, the demo still left the real database alone')
    n, distinct = items_alike()
    check(n == distinct and n >= before,
          'it went on in the demo database, nothing told twice (%d, then %d items)' % (before, n))
    again = notified()[told:]
    check(not any(s in notified()[:told] for s in again),
          'no notification repeated after the restart (%d new)' % len(again))
    gapplication('action', APP_ID, 'quit')
    check(app.wait_exit(10) == 0, 'quit')
finally:
    if app is not None:
        out += app.output()
        app.stop()
    check('CRITICAL' not in out and 'WARNING' not in out, 'no warnings from the app')
    if 'CRITICAL' in out or 'WARNING' in out:
        print('# ' + out.replace('\n', '\n# '))
check(not os.path.exists(os.path.join(data, 'dayshift.db')),
      'the demo never wrote the real database')
finish()
