#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`dayshift --demo` under Xvfb with a mock notification server: within 60 s
the inbox holds items of every kind, each once; new ones are notified, the
one a teammate claimed is not; the real database is not touched. Started
again with no team profile (a new user's first start, no --demo), it is the
same demo, in the same demo database, and the real one is still untouched."""

import os
import sqlite3
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
from dsapp import APP_ID, App, Bus, check, finish, gapplication, wait_until  # noqa: E402

KINDS = {'request', 'alert', 'deploy', 'review', 'access', 'incident', 'postmortem', 'mention'}
data = os.path.join(os.environ['XDG_DATA_HOME'], 'dayshift')
bus = Bus()
app = App('--demo', '--background')
out = ''


def kinds():
    try:
        with sqlite3.connect(os.path.join(data, 'demo.db'), timeout=5) as db:
            return {k for (k,) in db.execute('SELECT DISTINCT kind FROM items')}
    except sqlite3.Error:
        return set()


def summaries():
    calls = bus.mock_calls('org.freedesktop.Notifications', '/org/freedesktop/Notifications',
                           'Notify')
    return [c[1][3] + '\n' + c[1][4] for c in calls]


try:
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'the app started')
    start = time.monotonic()
    seen = wait_until(lambda: kinds() >= KINDS, 60, 1)
    check(seen, 'every kind within 60 s (%.0f s; have %s)' % (time.monotonic() - start,
                                                              sorted(kinds())))
    with sqlite3.connect(os.path.join(data, 'demo.db'), timeout=5) as db:
        ids = [i for (i,) in db.execute('SELECT id FROM items')]
        claimed = list(db.execute("SELECT title, claimed_by FROM items WHERE claimed_by IS NOT NULL"))
    check(len(ids) == len(set(ids)), 'no item twice (%d items)' % len(ids))
    check(any(c == 'Bogdan Ilić' for _, c in claimed), 'the claimed request shows who took it')

    notified = summaries()
    check(any(s.startswith('Support request · Slack') for s in notified),
          'the support question was notified')
    check(any(s.startswith('Incident · PagerDuty') for s in notified), 'the page was notified')
    check(not any('read-only' in s for s in notified),
          'the request Bogdan claimed was not notified')
    check(len(notified) == len(set(notified)), 'no notification twice')
    check(not os.path.exists(os.path.join(data, 'dayshift.db')),
          'the demo left the real database alone')

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

    # A new user's first start: no profile, no --demo.
    with sqlite3.connect(os.path.join(data, 'demo.db'), timeout=5) as db:
        before = db.execute('SELECT COUNT(*) FROM items').fetchone()[0]
    app = App('--background')
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'started without a profile')
    check(wait_until(lambda: os.path.exists(os.path.join(data, 'dayshift.db')), 8, 0.5) is False,
          'without a profile, the demo still left the real database alone')
    with sqlite3.connect(os.path.join(data, 'demo.db'), timeout=5) as db:
        after = db.execute('SELECT COUNT(*) FROM items').fetchone()[0]
    check(after >= before > 0, 'it went on in the demo database (%d, then %d items)'
          % (before, after))
    gapplication('action', APP_ID, 'quit')
    check(app.wait_exit(10) == 0, 'quit')
finally:
    if app is not None:
        out += app.output()
        app.stop()
    check('CRITICAL' not in out and 'WARNING' not in out, 'no warnings from the app')
    if 'CRITICAL' in out or 'WARNING' in out:
        print('# ' + out.replace('\n', '\n# '))
finish()
