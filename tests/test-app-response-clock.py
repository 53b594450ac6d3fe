#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The response clock, end to end: the real dayshift binary under
libfaketime (a minute a second) against the loopback Slack, on rotation, for
a team that answers requests within 30 working minutes. A request waiting
22 minutes of its 30 is told once, alone, with Acknowledge; two that reach
three quarters in the same minute are one summary; a request a teammate
took with :eyes: is never told. The tray says how many are past their
target. Acknowledging from the reminder stops the clock (the first
response is kept) and takes the reminder away, and a restart tells nothing
again."""

import calendar
import os
import sqlite3
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
import fake_services  # noqa: E402
from dsapp import (APP_ID, LIBFAKETIME, App, Bus, Notifications, check,  # noqa: E402
                   faketime_env, finish, gapplication, stop_apps, store_token, tray_labels,
                   wait_until)

FACTOR = 60
START = calendar.timegm((2026, 11, 30, 10, 0, 0))   # a Monday, 10:00 UTC
SUPPORT, ASKER, DANA = 'C0SUPPORT1', 'U0ASKER001', 'U0DANA0001'
VPN = 'Who can reset my VPN certificate?'
WIKI, CI = 'The wiki search is broken', 'Is CI slow for everyone?'
TAKEN = 'Can I get a staging account?'

if not os.path.exists(LIBFAKETIME):
    print('1..0 # SKIP libfaketime is not installed (Debian package faketime)')
    sys.exit(0)

tmp = os.environ['DS_TEST_TMPDIR']
db_path = os.path.join(os.environ['XDG_DATA_HOME'], 'dayshift', 'dayshift.db')
world, base, server = fake_services.start(START, FACTOR)
profile = fake_services.profile(base, os.path.join(tmp, 'team.json'), response={
    'working_hours': '09:00-17:00', 'time_zone': 'UTC', 'targets': {'request': '30m'}})
for service in ('slack', 'github', 'pagerduty', 'zenhub'):
    store_token(service, base, 'test-token-' + service)
bus = Bus()
notes = Notifications(bus)


def start_app():
    # The app's clock from where the services' clock is now.
    return App('--background', '--team-profile', profile, env=faketime_env(world.now(), FACTOR))


def reminders():
    return [n for n in notes.shown()
            if n[1].startswith('Answer soon: ') or n[1].startswith('Past its response target: ')
            or 'near their response target' in n[1]]


def row(title):
    try:
        with sqlite3.connect(db_path, timeout=5) as db:
            return db.execute('SELECT state, responded, response_reminded FROM items '
                              'WHERE title = ?', (title,)).fetchone()
    except sqlite3.Error:
        return None


apps = []
try:
    apps.append(start_app())
    world.t0 = time.time()
    check(wait_until(lambda: bus.has_owner(APP_ID), 20), 'the app started')
    gapplication('action', APP_ID, 'start-rotation')
    world.post(SUPPORT, VPN, user=ASKER)
    world.post(SUPPORT, TAKEN, user=ASKER, reactions={'eyes': [DANA]})
    check(wait_until(lambda: row(VPN) is not None and row(TAKEN) is not None, 20),
          'the requests are in the inbox')
    check(row(VPN)[1] == 0 and row(TAKEN)[1] > 0,
          'unanswered, no first response; taken by a teammate, answered (%r, %r)'
          % (row(VPN), row(TAKEN)))
    # Five minutes later, two more at once.
    wait_until(lambda: world.now() >= START + 5 * 60, 10)
    world.post(SUPPORT, WIKI, user=ASKER)
    world.post(SUPPORT, CI, user=ASKER)

    # 22 minutes and a half of 30: the first reminder, alone.
    first = wait_until(lambda: reminders(), 40, 0.2)
    check(bool(first) and first[0][1] == 'Answer soon: ' + VPN,
          'the VPN request is told first, alone (%r)' % [r[1] for r in first or []])
    if first:
        said = world.now() - START
        check(22 * 60 <= said <= 25 * 60, 'at three quarters of its target (%.0f min)' % (said / 60))
        check(first[0][2].startswith('#ops-support · waiting 2') and
              first[0][2].endswith(' of 30 min'), 'it says how long (%r)' % first[0][2])
        check('acknowledge-1' in first[0][3], 'with Acknowledge (%r)' % first[0][3])

    # The other two reached it in the same minute: one summary.
    both = wait_until(lambda: len(reminders()) >= 2 and reminders(), 20, 0.2)
    check(bool(both) and both[1][1] == '2 requests near their response target' and
          WIKI in both[1][2] and CI in both[1][2],
          'the two others in one summary (%r)' % [r[1:3] for r in both or []])

    # Past 30 minutes: the tray says so.
    late = wait_until(lambda: [label for label in tray_labels(bus)
                               if 'past' in label and 'response target' in label], 30, 0.5)
    check(bool(late), 'the tray says requests are past their target (%r)' % tray_labels(bus))

    # Acknowledged from the reminder: the clock stops, its first response kept.
    if first:
        notes.invoke(first[0][0], 'acknowledge-1')
        check(wait_until(lambda: row(VPN)[0] == 'acknowledged' and row(VPN)[1] > 0, 10),
              'acknowledged from the reminder: answered (%r)' % (row(VPN),))
        check(wait_until(lambda: first[0][0] in notes.closed(), 5), 'and the reminder went')
    check(all(row(t)[2] == 1 for t in (VPN, WIKI, CI)) and row(TAKEN)[2] == 0,
          'each told kept as told; the one taken never (%r)'
          % [row(t) for t in (VPN, WIKI, CI, TAKEN)])
    check(not any(TAKEN in r[1] or TAKEN in r[2] for r in reminders()),
          'the request Dana took was never told')

    # A restart tells nothing again.
    told = len(reminders())
    gapplication('action', APP_ID, 'quit')
    apps[0].wait_exit(10)
    apps.append(start_app())
    check(wait_until(lambda: bus.has_owner(APP_ID), 20), 'started again')
    gapplication('action', APP_ID, 'start-rotation')
    time.sleep(5)
    check(len(reminders()) == told, 'nothing told again after the restart (%d, then %d)'
          % (told, len(reminders())))
except Exception as e:
    # finish() exits from the finally clause, which would swallow this.
    check(False, 'the test ran to its end (%s: %s)' % (type(e).__name__, e))
    raise
finally:
    stop_apps(apps, server)
    finish()
