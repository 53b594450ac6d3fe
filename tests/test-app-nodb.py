#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A quick action that cannot be kept says so, under Xvfb and AT-SPI,
against the loopback services:

- the database replaced by a folder while Dayshift runs: Acknowledge on a
  request's notification sends nothing, a notification says why (naming the
  file and what to do), the item's row and pane say it too and it stays new;
  nothing of it is in the database. The file put back, A acknowledges it:
  kept once, sent once, and the message goes;
- no database at all at start-up (a folder in its place): Acknowledge sends
  nothing and says why in the same ways, as Start support timer does;
  started again with the database
  back, the request is there to acknowledge, and it is sent once."""

import os
import shutil
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
from dsapp import (APP_ID, Bus, Notifications, check, finish, gapplication,  # noqa: E402
                   start_on_rotation, stop_apps, team_with_tokens, wait_until)

import pyatspi  # noqa: E402
from dsatspi import find, find_app, frame_of  # noqa: E402

db_path = os.path.join(os.environ['XDG_DATA_HOME'], 'dayshift', 'dayshift.db')
away = db_path + '.away'
SUPPORT = 'C0SUPPORT1'
REACT = '/slack/api/reactions.add'
UNKEPT = 'Dayshift could not change the item'

world, base, server, profile = team_with_tokens()
bus = Bus()
notes = Notifications(bus)
apps = []


def start():
    return start_on_rotation(bus, profile, apps)


def quit(app):
    gapplication('action', APP_ID, 'quit')
    check(app.wait_exit(10) == 0, 'quit')
    wait_until(lambda: not bus.has_owner(APP_ID), 5)


def db_rows(sql, *args):
    with sqlite3.connect(db_path, timeout=5) as db:
        return db.execute(sql, args).fetchall()


def reactions_on(ts):
    return [r for r in world.calls('POST', REACT) if ('timestamp=%s' % ts) in
            r[3].replace('%2E', '.')]


def request(text):
    """Posted, then read on Check now: its id and its notification."""
    ts = world.post(SUPPORT, text)
    gapplication('action', APP_ID, 'refresh')
    found = wait_until(lambda: [n for n in notes.shown() if text in n[2]], 20)
    check(bool(found), 'the request was notified')
    return 'slack:%s/%s' % (SUPPORT, ts), ts, (found[0][0] if found else None)


def said_unkept(after):
    return [n for n in notes.shown()[after:] if n[1] == UNKEPT]


def window_on(item_id):
    """The window, showing @item_id (as a click on its notification does)."""
    gapplication('action', APP_ID, 'open-item', "'%s'" % item_id)
    acc = wait_until(find_app, 15)
    return wait_until(lambda: frame_of(acc), 15) if acc else None


def trouble(frame):
    """The pane's and the selected row's lines that say what went wrong."""
    return [a.name for a in pyatspi.findAllDescendants(
        frame, lambda a: a.getRole() == pyatspi.ROLE_LABEL and 'stays as it was' in (a.name or '')
        and a.getState().contains(pyatspi.STATE_SHOWING))]


def row_state(frame):
    box = find(frame, pyatspi.ROLE_LIST_BOX, 'Inbox') or find(frame, pyatspi.ROLE_LIST, 'Inbox')
    sel = box.querySelection() if box else None
    if sel is None or sel.nSelectedChildren != 1:
        return ''
    return ' '.join(a.name for a in pyatspi.findAllDescendants(
        sel.getSelectedChild(0), lambda a: a.getRole() == pyatspi.ROLE_LABEL and a.name))


try:
    # 1. The database replaced by a folder while Dayshift runs.
    app = start()
    check(wait_until(lambda: len(world.calls('GET', '/slack/api/conversations.history')) >= 2,
                     20), 'the first poll was done')
    item, ts, nid = request('Could someone rotate the staging keys?')
    check(wait_until(lambda: db_rows('SELECT state FROM items WHERE id = ?', item) == [('new',)],
                     10), 'the request is in the database')
    os.rename(db_path, away)
    os.mkdir(db_path)
    after = len(notes.shown())
    notes.invoke(nid, 'acknowledge')
    said = wait_until(lambda: said_unkept(after), 10)
    body = said[-1][2] if said else ''
    check(bool(said), 'a notification says the acknowledgement was not kept')
    check(db_path in body and 'Put the file back' in body,
          'naming the file and what to do (%r)' % body)
    time.sleep(1)
    check(not reactions_on(ts), 'nothing was sent to Slack')
    check(nid not in notes.closed(), 'the request\'s notification stays')
    frame = window_on(item)
    check(frame is not None, 'the window shows the request')
    if frame:
        lines = wait_until(lambda: len(trouble(frame)) == 2 and trouble(frame), 10)
        check(bool(lines) and all(db_path in line for line in lines),
              'its row and its pane say it was not kept, and why (%r)' % trouble(frame))
        check(' · new' in row_state(frame), 'its row says it is new (%r)' % row_state(frame))

    # The file put back: done again, kept once, sent once.
    os.rmdir(db_path)
    os.rename(away, db_path)
    check(db_rows('SELECT state FROM items WHERE id = ?', item) == [('new',)] and
          not db_rows('SELECT 1 FROM history WHERE item_id = ?', item) and
          not db_rows('SELECT 1 FROM outbox WHERE item_id = ?', item),
          'nothing of it was written')
    if frame:
        heading = find(frame, pyatspi.ROLE_LABEL, 'What was asked')
        x, y, w, h = (heading or frame).queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        subprocess.run(['xdotool', 'mousemove', str(x + w // 2), str(y + h // 2)])
        time.sleep(0.5)
        subprocess.run(['xdotool', 'key', 'a'])
    check(wait_until(lambda: db_rows('SELECT state FROM items WHERE id = ?', item) ==
                     [('acknowledged',)], 10), 'A acknowledges it once the file is back')
    check(wait_until(lambda: len(reactions_on(ts)) == 1, 10), 'the reaction went to Slack')
    check(len(db_rows('SELECT 1 FROM history WHERE item_id = ?', item)) == 1 and
          len(db_rows('SELECT 1 FROM outbox WHERE item_id = ?', item)) == 1,
          'one change in its history, one write')
    if frame:
        check(wait_until(lambda: not trouble(frame), 10),
              'and the message is gone (%r)' % trouble(frame))
    quit(app)

    # 2. No database at start-up.
    os.rename(db_path, away)
    for suffix in ('-wal', '-shm'):
        if os.path.exists(db_path + suffix):
            os.rename(db_path + suffix, away + suffix)
    os.mkdir(db_path)
    before = len(notes.shown())
    calls = len(world.calls('GET', '/slack/api/conversations.history'))
    app = start()
    told = wait_until(lambda: [n for n in notes.shown()[before:]
                               if n[1] == 'Dayshift needs your attention'], 10)
    check(bool(told) and db_path in told[0][2] and 'Make it a file' in told[0][2],
          'the start says there is no database, and what to do (%r)' % (told[0][2] if told else ''))
    check(wait_until(lambda: len(world.calls('GET', '/slack/api/conversations.history')) >=
                     calls + 2, 20), 'the first poll was done')
    item2, ts2, nid2 = request('Could someone renew the wiki certificate?')
    after = len(notes.shown())
    notes.invoke(nid2, 'acknowledge')
    said = wait_until(lambda: said_unkept(after), 10)
    body = said[-1][2] if said else ''
    check(db_path in body and 'Make it a file' in body,
          'Acknowledge says it was not kept, naming the file and what to do (%r)' % body)
    time.sleep(1)
    check(not reactions_on(ts2), 'nothing was sent to Slack')
    after = len(notes.shown())
    gapplication('action', APP_ID, 'timer-start', "'%s'" % item2)
    said = wait_until(lambda: [n for n in notes.shown()[after:]
                               if n[1] == 'Dayshift could not start the support timer'], 10)
    check(bool(said) and db_path in said[-1][2], 'Start support timer says so too')
    frame = window_on(item2)
    if frame:
        check(wait_until(lambda: len(trouble(frame)) == 2, 10),
              'its row and its pane say so (%r)' % trouble(frame))
        check(' · new' in row_state(frame), 'its row says it is new (%r)' % row_state(frame))
    quit(app)

    # The database back: the request is there to acknowledge, and goes once.
    os.rmdir(db_path)
    for suffix in ('', '-wal', '-shm'):
        if os.path.exists(away + suffix):
            os.rename(away + suffix, db_path + suffix)
    before = len(notes.shown())
    app = start()
    gapplication('action', APP_ID, 'refresh')
    check(wait_until(lambda: db_rows('SELECT state FROM items WHERE id = ?', item2) == [('new',)],
                     20), 'started again, the request is in the database, new')
    gapplication('action', APP_ID, 'acknowledge', "'%s'" % item2)
    check(wait_until(lambda: len(reactions_on(ts2)) == 1, 10) and
          db_rows('SELECT state FROM items WHERE id = ?', item2) == [('acknowledged',)],
          'acknowledged: kept, and sent once')
    check(not said_unkept(before), 'and nothing said it was not kept')
    quit(app)
finally:
    stop_apps(apps, server)
    if os.path.isdir(db_path):
        shutil.rmtree(db_path)
finish()
