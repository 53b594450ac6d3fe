#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The morning after, against loopback Slack, GitHub and PagerDuty: what came
in while Dayshift was not running is told once every service has been read,
on rotation, in one notification ("3 requests came in since 07:12", how
many need an answer) and never one by one; its click shows the inbox. Started
again, it is not told again. Off rotation it is not told; it is when the
rotation starts. Killed while it reads what came in (Slack read, GitHub not
yet), it is told at the next start all the same."""

import os
import sqlite3
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
from dsapp import (APP_ID, App, Bus, Notifications, check, finish, gapplication,  # noqa: E402
                   start_on_rotation, stop_apps, team_with_tokens, wait_until)
from dsatspi import find, find_app, frame_of, page  # noqa: E402
import pyatspi  # noqa: E402

world, base, server, profile = team_with_tokens()
db_path = os.path.join(os.environ['XDG_DATA_HOME'], 'dayshift', 'dayshift.db')
SUPPORT, OPS = 'C0SUPPORT1', 'C0OPERATE1'
HISTORY = '/slack/api/conversations.history'

bus = Bus()
notes = Notifications(bus)
apps = []


def last_read():
    with sqlite3.connect(db_path, timeout=5) as db:
        row = db.execute("SELECT value FROM meta WHERE key = 'last-read'").fetchone()
    return int(row[0]) if row and row[0] else None


def kept(text):
    """Whether an item whose title has @text is in Dayshift's database."""
    with sqlite3.connect(db_path, timeout=5) as db:
        return db.execute('SELECT count(*) FROM items WHERE title LIKE ?',
                          ('%' + text + '%',)).fetchone()[0] > 0


def away_since(seconds):
    """Dayshift last read @seconds ago, as the database says; the time, as
    the notification says it."""
    then = int(time.time()) - seconds
    with sqlite3.connect(db_path, timeout=5) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'last-read'", (str(then),))
    when = time.strftime('%H:%M', time.localtime(then))
    same_day = time.localtime(then).tm_yday == time.localtime().tm_yday
    return when if same_day else when + ' yesterday'


def quit_app(app):
    gapplication('action', APP_ID, 'quit')
    check(app.wait_exit(15) == 0, 'quit')


def read_again(app):
    """Waits until both channels were read since now, and a little more."""
    n = len(world.calls('GET', HISTORY))
    check(wait_until(lambda: len(world.calls('GET', HISTORY)) >= n + 2, 20), 'Slack read')
    time.sleep(2)


def away_notes():
    return [n for n in notes.shown() if ' came in since ' in n[1]]


def one_by_one(text):
    """Notifications of their own (not the time away's) that say @text."""
    return [n for n in notes.shown() if ' came in since ' not in n[1] and text in n[2]]


try:
    app = start_on_rotation(bus, profile, apps)
    check(wait_until(lambda: last_read() is not None, 20), 'Dayshift keeps when it last read')
    quit_app(app)

    # Overnight: three requests, one of them taken by Sam; Dayshift last read an hour ago.
    world.post(SUPPORT, 'The VPN drops every few minutes')
    world.post(OPS, 'Can someone restart the build agent?')
    taken = world.post(SUPPORT, 'The staging certificate expires today')
    world.react(SUPPORT, taken, 'eyes', 'U0SAMORTE1')
    since = away_since(3600)

    app = start_on_rotation(bus, profile, apps)
    told = wait_until(away_notes, 30)
    check(bool(told), 'what came in is told')
    if told:
        n = told[0]
        check(n[1] == '3 requests came in since %s' % since, 'as one: %r' % n[1])
        check(n[2].startswith('2 need an answer:\n') and 'VPN drops' in n[2] and
              'build agent' in n[2] and 'certificate' not in n[2],
              'the two nobody took need an answer: %r' % n[2])
        check('default' in n[3][0::2], 'a click does something')
    check(not one_by_one('VPN drops') and not one_by_one('build agent') and
          not one_by_one('certificate'), 'none of it one by one')

    # A click shows the inbox, whatever page the window was on.
    acc = wait_until(find_app, 15)
    gapplication('action', APP_ID, 'open')
    frame = wait_until(lambda: frame_of(acc), 15)
    check(frame is not None, 'the window opens')
    inbox = lambda: find(frame, pyatspi.ROLE_LIST_BOX, 'Inbox') or find(frame, pyatspi.ROLE_LIST,
                                                                        'Inbox')
    if frame is not None and told:
        page(frame, 'History')
        check(wait_until(lambda: inbox() is None, 10), 'History shown')
        notes.invoke(told[0][0], 'default')
        check(wait_until(inbox, 10), 'the click shows the inbox')
    time.sleep(1)
    quit_app(app)

    # Started again, even with the same hour away: told once only.
    away_since(3600)
    app = start_on_rotation(bus, profile, apps)
    read_again(app)
    check(len(away_notes()) == 1, 'not told again')
    check(not one_by_one('VPN drops'), 'nor one by one')

    # Off rotation: two more overnight, not told; told when the rotation starts.
    gapplication('action', APP_ID, 'end-rotation-now')
    time.sleep(2)
    quit_app(app)
    world.post(SUPPORT, 'Who can approve my access to prod-eu?')
    world.post(OPS, 'The nightly backup failed')
    since = away_since(3600)
    app = App('--background', '--team-profile', profile)
    apps.append(app)
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'started off rotation')
    read_again(app)
    check(len(away_notes()) == 1, 'off rotation, nothing told')
    check(not one_by_one('prod-eu') and not one_by_one('nightly backup'), 'nor one by one')
    gapplication('action', APP_ID, 'start-rotation')
    later = wait_until(lambda: away_notes()[1:], 15)
    check(bool(later) and later[0][1] == '2 requests came in since %s' % since,
          'told when the rotation starts: %r' % (later[0][1] if later else None))
    quit_app(app)

    # Killed while it reads what came in: Slack read (when Dayshift last read
    # moves on), GitHub not yet (its answer held), nothing told yet.
    world.post(SUPPORT, 'The status page shows the wrong region')
    world.post(OPS, 'Please rotate the CI deploy key')
    since = away_since(3600)
    held = threading.Event()
    world.hold['/github/user'] = held
    app = start_on_rotation(bus, profile, apps)
    check(wait_until(lambda: kept('status page') and kept('deploy key'), 20) and
          len(away_notes()) == 2, 'Slack read, GitHub not yet: nothing told yet')
    time.sleep(0.5)
    app.proc.kill()
    app.wait_exit(5)
    del world.hold['/github/user']
    held.set()
    # Started again: what came in then is told, once, as one.
    app = start_on_rotation(bus, profile, apps)
    again = wait_until(lambda: away_notes()[2:], 30)
    check(bool(again) and again[0][1] == '2 requests came in since %s' % since,
          'killed while reading what came in, told at the next start: %r'
          % (again[0][1] if again else None))
    time.sleep(2)
    check(len(away_notes()) == 3 and not one_by_one('status page') and
          not one_by_one('deploy key'), 'told once (%d), not one by one' % len(away_notes()))
    quit_app(app)
finally:
    stop_apps(apps, server)
finish()
