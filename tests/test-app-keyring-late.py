#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The keyring is not running when Dayshift starts (its tokens were saved in
it before, and it was stopped). The real app, under libfaketime (its clock
five times as fast), against the loopback services: one notification says
no keyring runs and that Dayshift tries again in 30 seconds; the tray says
what is not read until the keyring answers, and when Dayshift asks it again;
nothing is asked of the services. GNOME Keyring starts again: at the next
try the services are read, the tray's line goes, and nothing was said twice."""

import calendar
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
import fake_services  # noqa: E402
from dsapp import (APP_ID, App, Bus, Notifications, check, finish, gapplication,  # noqa: E402
                   stop_apps, store_token, tray_labels, wait_until)

LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1'
FACTOR = 5
START = calendar.timegm((2026, 11, 30, 8, 0, 0))    # 08:00 UTC

if not os.path.exists(LIBFAKETIME):
    print('1..0 # SKIP libfaketime is not installed (Debian package faketime)')
    sys.exit(0)

tmp = os.environ['DS_TEST_TMPDIR']
bus = Bus()
notes = Notifications(bus)


def start_keyring():
    """GNOME Keyring on the test's bus, its login keyring unlocked; at the
    real time, and without G_DEBUG (fatal warnings abort it)."""
    env = {k: v for k, v in os.environ.items() if k not in ('G_DEBUG', 'LD_PRELOAD')}
    proc = subprocess.Popen(['gnome-keyring-daemon', '--foreground', '--unlock',
                             '--components=secrets'], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    proc.stdin.write(b'test-pw')
    proc.stdin.close()
    check(wait_until(lambda: bus.has_owner('org.freedesktop.secrets'), 20),
          'GNOME Keyring took its bus name')
    return proc


def stop_keyring(proc):
    proc.terminate()
    proc.wait(10)
    check(wait_until(lambda: not bus.has_owner('org.freedesktop.secrets'), 10),
          'GNOME Keyring left the bus')


world, base, server = fake_services.start(START, FACTOR)
profile = fake_services.profile(base, os.path.join(tmp, 'team.json'))

# The tokens, saved in the keyring on disk; then the keyring stops.
keyring = start_keyring()
for service in ('slack', 'github', 'pagerduty'):
    check(store_token(service, base, 'test-token-' + service), 'the %s token saved' % service)
stop_keyring(keyring)
keyring = None

env = dict(os.environ, LD_PRELOAD=LIBFAKETIME, FAKETIME='@2026-11-30 08:00:00 x%d' % FACTOR,
           FAKETIME_NO_CACHE='1', TZ='UTC')
app = App('--background', '--team-profile', profile, env=env)
world.t0 = time.time()
SUMMARY = 'Dayshift could not read a token'


def told():
    return [n for n in notes.shown() if n[1] == SUMMARY]


def keyring_line():
    return [label for label in tray_labels(bus) if 'until the keyring answers' in label]


try:
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'the app started')
    said = wait_until(told, 15)
    check(bool(said), 'a notification says the keyring failed: %r'
          % [n[1] for n in notes.shown()])
    if said:
        body = said[0][2]
        check('No keyring (Secret Service) is running' in body and 'Start GNOME Keyring' in body,
              'what failed, and what to do: %r' % body)
        check('Dayshift tries again by itself in 30 seconds, then less often' in body,
              'and that Dayshift tries again, and when: %r' % body)
    line = wait_until(keyring_line, 10)
    check(bool(line) and line[0].startswith('⚠ ') and 'GitHub' in line[0] and
          'Slack' in line[0] and 'Dayshift asks it again at 08:0' in line[0],
          'the tray says what is not read until the keyring answers, and when it is asked '
          'again: %r' % tray_labels(bus))
    check(not [label for label in tray_labels(bus) if 'no token saved' in label],
          'not that no token is saved: %r' % tray_labels(bus))
    check(not world.calls('GET', '/github/') and not world.calls('GET', '/slack/'),
          'nothing asked of the services without their tokens')

    # The keyring is back: at the next try the services are read.
    keyring = start_keyring()
    check(wait_until(lambda: world.calls('GET', '/github/'), 30), 'GitHub read at the next try')
    check(wait_until(lambda: world.calls('GET', '/slack/'), 15), 'Slack too')
    check(wait_until(lambda: not keyring_line(), 10),
          'the tray\'s line went: %r' % tray_labels(bus))
    check(len(told()) == 1, 'the keyring\'s failure was said once (%d)' % len(told()))
    check(app.alive(), 'the app keeps running')
    gapplication('action', APP_ID, 'quit')
    check(app.wait_exit(10) == 0, 'quit')
finally:
    stop_apps([app], server)
    if keyring is not None:
        keyring.terminate()
        keyring.wait(10)
finish()
