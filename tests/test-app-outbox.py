#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The outbox never loses or repeats a write: the app is killed (SIGKILL)
first after acknowledging but before its thread reply was sent, then while
the reply was on the wire; after each restart the reply is sent exactly
once. Then Slack fails for a while: acknowledgements queue, and go out in
the order they were made once it is back."""

import os
import sqlite3
import sys
import threading
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
import fake_services  # noqa: E402
from dsapp import (APP_ID, Bus, Notifications, check, finish, gapplication,  # noqa: E402
                   set_settings, start_on_rotation, stop_apps, store_token, wait_until)

world, base, server = fake_services.start()
tmp = os.environ['DS_TEST_TMPDIR']
profile = fake_services.profile(base, os.path.join(tmp, 'team.json'))
db_path = os.path.join(os.environ['XDG_DATA_HOME'], 'dayshift', 'dayshift.db')
SUPPORT = 'C0SUPPORT1'
REACT, POST = '/slack/api/reactions.add', '/slack/api/chat.postMessage'

for service in ('slack', 'github', 'pagerduty'):
    store_token(service, base, 'test-token-' + service)
set_settings(acknowledge_reply="'On it, looking now.'")

bus = Bus()
notes = Notifications(bus)
apps = []


def start():
    return start_on_rotation(bus, profile, apps)


def kill(app):
    app.proc.kill()
    app.proc.wait()
    wait_until(lambda: not bus.has_owner(APP_ID), 10)


def unfinished():
    with sqlite3.connect(db_path, timeout=5) as db:
        return db.execute("SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')"
                          ).fetchone()[0]


def reacted_ts():
    return [dict(urllib.parse.parse_qsl(r[3])).get('timestamp') for r in world.calls('POST', REACT)]


try:
    app = start()
    check(wait_until(lambda: len(world.calls('GET', '/slack/api/conversations.history')) >= 2,
                     20), 'first poll done')
    ts = world.post(SUPPORT, 'The staging database is read-only again')
    gapplication('action', APP_ID, 'refresh')
    check(wait_until(lambda: [n for n in notes.shown() if 'read-only' in n[2]], 20),
          'the request was notified')
    nid = [n for n in notes.shown() if 'read-only' in n[2]][0][0]

    # 1. Killed after the state change, before the reply left.
    world.hold[REACT] = threading.Event()
    notes.invoke(nid, 'acknowledge')
    check(wait_until(lambda: world.calls('POST', REACT), 10), 'the reaction is on the wire')
    kill(app)
    world.hold.pop(REACT).set()
    check(not world.calls('POST', POST), 'no reply was sent yet')
    check(unfinished() == 2, 'both writes are still in the outbox (%d)' % unfinished())

    # 2. Restarted; killed again while the reply is on the wire.
    world.hold[POST] = threading.Event()
    app = start()
    check(wait_until(lambda: world.calls('POST', POST), 15), 'the reply is on the wire')
    kill(app)
    world.hold.pop(POST).set()
    check(len(world.thread(SUPPORT, ts)) == 1, 'Slack has the reply once')

    # 3. Restarted: it looks in the thread before posting, and finds the reply.
    app = start()
    check(wait_until(lambda: unfinished() == 0, 15), 'the outbox is empty')
    replies = world.thread(SUPPORT, ts)
    check(len(world.calls('POST', POST)) == 1 and len(replies) == 1,
          'the reply was sent exactly once (%d posts, %d in the thread)'
          % (len(world.calls('POST', POST)), len(replies)))
    check(replies and replies[0]['text'] == 'On it, looking now.', 'the reply: %r' % replies)
    check(world.calls('GET', '/slack/api/conversations.replies'), 'it checked the thread first')
    with sqlite3.connect(db_path, timeout=5) as db:
        state = db.execute('SELECT state FROM items WHERE id = ?',
                           ('slack:%s/%s' % (SUPPORT, ts),)).fetchone()
    check(state == ('acknowledged',), 'the item stayed acknowledged: %r' % (state,))
    check(not [n for n in notes.shown()[1:] if 'read-only' in n[2] and n[0] != nid],
          'the request was not notified again after the restarts')

    # 4. Slack fails for a while: acknowledgements queue, then go out in order.
    world.fail[REACT] = (503, '{"ok": false, "error": "service_unavailable"}')
    stamps = [world.post(SUPPORT, 'Queued request %d' % i) for i in range(3)]
    gapplication('action', APP_ID, 'refresh')
    ids = ['slack:%s/%s' % (SUPPORT, t) for t in stamps]
    check(wait_until(lambda: all(
        sqlite3.connect(db_path, timeout=5).execute('SELECT 1 FROM items WHERE id = ?',
                                                    (i,)).fetchone() for i in ids), 20),
        'the three requests are in the inbox')
    for i in ids:
        gapplication('action', APP_ID, 'acknowledge', "'%s'" % i)
    check(wait_until(lambda: len([t for t in reacted_ts() if t in stamps]) >= 3, 15),
          'each was tried once while Slack failed')
    check(unfinished() >= 3, 'and waits in the outbox (%d)' % unfinished())
    del world.fail[REACT]
    before = len(world.calls('POST', REACT))
    gapplication('action', APP_ID, 'refresh')
    check(wait_until(lambda: unfinished() == 0, 15), 'back: the outbox is empty')
    after = reacted_ts()[before:]
    check([t for t in after if t in stamps] == stamps,
          'they went out in the order they were made: %r' % after)

    gapplication('action', APP_ID, 'quit')
    check(app.wait_exit(10) == 0, 'quit')
finally:
    stop_apps(apps, server)
finish()
