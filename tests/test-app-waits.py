#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""GitHub answers the first read with 429 and Retry-After: 999999 (eleven
days and a half). The real app, under libfaketime (its clock runs 120 times
faster), against the loopback services: Check now says when GitHub is read
again (an hour later, not in eleven days) and asks nothing of it before; when
GitHub goes unread too long, the tray and the notification say it asked
Dayshift to wait until then, not "keeps trying… or choose Check now"; and at
the end of the hour GitHub is read again, without a restart."""

import calendar
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
import fake_services  # noqa: E402
from dsapp import (APP_ID, LIBFAKETIME, App, Bus, Notifications, check,  # noqa: E402
                   faketime_env, finish, gapplication, stop_apps, store_token, tray_labels,
                   wait_until)

FACTOR = 120
START = calendar.timegm((2026, 11, 30, 8, 0, 0))    # 08:00 UTC

if not os.path.exists(LIBFAKETIME):
    print('1..0 # SKIP libfaketime is not installed (Debian package faketime)')
    sys.exit(0)

tmp = os.environ['DS_TEST_TMPDIR']
bus = Bus()
notes = Notifications(bus)
env = faketime_env(START, FACTOR)
world, base, server = fake_services.start(START, FACTOR)
profile = fake_services.profile(base, os.path.join(tmp, 'team.json'))
for service in ('slack', 'github', 'pagerduty'):
    store_token(service, base, 'test-token-' + service)
world.fault_once('/github/user', ('status', 429, {'message': 'API rate limit exceeded'},
                                  {'Retry-After': '999999'}))
app = App('--background', '--team-profile', profile, env=env)
world.t0 = time.time()


def github_reads():
    return len(world.calls('GET', '/github/'))


def fake_now():
    return world.now()


try:
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'the app started')
    check(wait_until(lambda: world.calls('GET', '/github/user'), 15), 'GitHub was asked')
    # Slack and PagerDuty are read as usual.
    check(wait_until(lambda: world.calls('GET', '/pagerduty/incidents'), 15), 'PagerDuty was read')
    asked = github_reads()

    # Check now: GitHub is not asked, and the user is told when it is read again.
    check(gapplication('action', APP_ID, 'refresh').returncode == 0, 'Check now')
    told = wait_until(lambda: notes.find('GitHub asked Dayshift to wait until'), 10)
    check(bool(told), 'Check now says GitHub asked to wait: %r' % [n[1] for n in notes.shown()])
    if told:
        check(told[1] in ('GitHub asked Dayshift to wait until 09:00',
                          'GitHub asked Dayshift to wait until 09:01'),
              'until an hour later, the local time: %r' % told[1])
        check('Check now cannot read it sooner' in told[2], 'and that Check now cannot: %r'
              % told[2])
    check(github_reads() == asked, 'Check now asked nothing of GitHub')

    # Ten minutes unread (five seconds here): stale, and the words say why.
    stale = wait_until(lambda: notes.find('GitHub not read since'), 20)
    check(bool(stale), 'GitHub said stale')
    if stale:
        check(stale[1] in ('GitHub not read since 08:00: it asked Dayshift to wait until 09:00',
                           'GitHub not read since 08:00: it asked Dayshift to wait until 09:01'),
              'the stale line says until when: %r' % stale[1])
        check('keeps trying' not in stale[2] and 'choose Check now' not in stale[2] and
              'asked Dayshift to wait until 09:0' in stale[2],
              'the notification tells the truth about the wait: %r' % stale[2])
        labels = tray_labels(bus)
        check([label for label in labels if 'it asked Dayshift to wait until 09:0' in label],
              'so does the tray: %r' % labels)

    # At the end of the hour (thirty seconds here), GitHub is read again.
    check(wait_until(lambda: github_reads() > asked, 45),
          'GitHub read again after the hour (now %s)'
          % time.strftime('%H:%M', time.gmtime(fake_now())))
    if stale:
        check(wait_until(lambda: stale[0] in notes.closed(), 15),
              'the stale notice went once GitHub was read')
    check(app.alive(), 'the app keeps running')
    gapplication('action', APP_ID, 'quit')
    check(app.wait_exit(10) == 0, 'quit')
finally:
    stop_apps([app], server)
finish()
