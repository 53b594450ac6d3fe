#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The real app against loopback Slack, GitHub, PagerDuty and ZenHub, with a
mock notification server: each quick action, clicked on its notification
(ActionInvoked), makes exactly the right requests and the right item state,
and the notification closes; a message's markup arrives escaped; a flood of
50 new requests is one summary."""

import os
import sqlite3
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
import fake_services  # noqa: E402
from dsapp import (APP_ID, App, Bus, Notifications, check, finish, gapplication,  # noqa: E402
                   set_settings, stop_apps, store_token, visible_windows, wait_until)

world, base, server = fake_services.start()
tmp = os.environ['DS_TEST_TMPDIR']
profile = fake_services.profile(base, os.path.join(tmp, 'team.json'))
db_path = os.path.join(os.environ['XDG_DATA_HOME'], 'dayshift', 'dayshift.db')
SUPPORT, OPS = 'C0SUPPORT1', 'C0OPERATE1'

for service in ('slack', 'github', 'pagerduty', 'zenhub'):
    check(store_token(service, base, 'test-token-' + service),
          'saved the %s token in the keyring' % service)
set_settings(burst_size=10)

bus = Bus()
notes = Notifications(bus)
app = App('--background', '--team-profile', profile)


def state(item_id):
    with sqlite3.connect(db_path, timeout=5) as db:
        row = db.execute('SELECT state FROM items WHERE id = ?', (item_id,)).fetchone()
    return row[0] if row else None


def outbox_empty():
    with sqlite3.connect(db_path, timeout=5) as db:
        return db.execute("SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')"
                          ).fetchone()[0] == 0


def refresh():
    return gapplication('action', APP_ID, 'refresh').returncode == 0


try:
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'the app started')
    check(gapplication('action', APP_ID, 'start-rotation').returncode == 0, 'started the rotation')
    # The first look at each channel is quiet: wait until it happened.
    check(wait_until(lambda: len(world.calls('GET', '/slack/api/conversations.history')) >= 2
                     and world.calls('GET', '/pagerduty/incidents'), 20),
          'the first poll read both channels and PagerDuty')
    before = len(notes.shown())

    ts_ack = world.post(SUPPORT, 'Deploy &lt;b&gt;now&lt;/b&gt; &lt;a href="https://evil.example"'
                                 '&gt;click&lt;/a&gt; &amp; co, the VPN is down')
    ts_del = world.post(SUPPORT, 'Could someone grant me access to the billing dashboard?')
    ts_file = world.post(SUPPORT, 'Staging deploys hang at the migrate step\nsince 9am')
    ts_defer = world.post(SUPPORT, 'Can we talk about log retention some time?')
    world.page('PINC001', 'API latency above 2 s')
    check(refresh(), 'app.refresh (Check now)')
    check(wait_until(lambda: len(notes.shown()) >= before + 5, 20),
          'five new requests, five notifications')

    ack = [n for n in notes.shown() if 'VPN is down' in n[2]]
    ack = ack[0] if ack else None
    check(ack is not None, 'the first request was notified')
    if ack:
        body = ack[2]
        check('<b>' not in body and '<a ' not in body, 'no markup from the message: %r' % body)
        check('&lt;b&gt;' in body and '&amp;' in body, 'it arrives escaped: %r' % body)
        check(ack[3][0::2] == ['default', 'acknowledge', 'delegate', 'file-issue', 'defer'],
              'the actions: %r' % ack[3])
        check(ack[1].startswith('Support request · Slack'), 'summary: %r' % ack[1])
        check(body.startswith('From Dana Levi\n'), 'the body says who asked: %r' % body)
    page = notes.find('Incident · PagerDuty')
    check(page is not None and page[4].get('urgency') == 2, 'the page is critical')

    def note_for(text):
        found = [n for n in notes.shown() if text in n[2]]
        return found[0][0] if found else None

    # Acknowledge: the reaction, nothing else.
    notes.invoke(note_for('VPN is down'), 'acknowledge')
    check(wait_until(lambda: world.calls('POST', '/slack/api/reactions.add'), 10),
          'acknowledge: a reaction')
    # Delegate: the chooser opens; its button runs app.delegate-to.
    notes.invoke(note_for('billing dashboard'), 'delegate')
    check(wait_until(lambda: visible_windows('Delegate'), 10), 'delegate: the chooser opened')
    check(gapplication('action', APP_ID, 'delegate-to',
                       "('slack:%s/%s', 'Sam Ortega')" % (SUPPORT, ts_del)).returncode == 0,
          'chose Sam Ortega')
    # File issue; defer; acknowledge the page.
    notes.invoke(note_for('migrate step'), 'file-issue')
    notes.invoke(note_for('log retention'), 'defer')
    notes.invoke(page[0], 'acknowledge')
    check(wait_until(lambda: len(world.calls('POST', '/slack/api/chat.postMessage')) >= 2 and
                     world.calls('PUT', '/pagerduty/incidents/') and outbox_empty(), 20),
          'every write went out')

    reactions = world.calls('POST', '/slack/api/reactions.add')
    check(len(reactions) == 1 and 'timestamp=%s' % ts_ack in reactions[0][3].replace('%2E', '.')
          and 'name=eyes' in reactions[0][3], 'one reaction, :eyes:, on the right message')
    delegated = world.thread(SUPPORT, ts_del)
    check(len(delegated) == 1 and delegated[0]['text'].startswith('<@U0SAMORTE1>'),
          'delegate: one reply mentioning Sam: %r' % delegated)
    check(len(world.issues) == 1, 'file issue: one issue')
    if world.issues:
        issue = world.issues[0]
        check(issue['title'] == 'Staging deploys hang at the migrate step', 'its title')
        check('> Staging deploys hang at the migrate step\n> since 9am' in issue['body'],
              'its body quotes the request')
        check('https://acme.slack.com/archives/%s/p' % SUPPORT in issue['body'],
              'its body links the message')
        check(issue['labels'] == ['support'] and issue['assignees'] == [fake_services.ME_GITHUB],
              'support label, assigned to me: %r %r' % (issue['labels'], issue['assignees']))
    check(len(world.calls('POST', '/zenhub/p1/repositories/555/epics/2/update_issues')) == 1,
          'file issue: added to the support super-epic in ZenHub')
    filed = world.thread(SUPPORT, ts_file)
    check(len(filed) == 1 and 'https://github.com/acme/ops/issues/100' in filed[0]['text'],
          'file issue: the link posted in the thread: %r' % filed)
    check(not world.thread(SUPPORT, ts_defer) and not world.thread(SUPPORT, ts_ack),
          'defer and acknowledge posted nothing in their threads')
    pd = world.calls('PUT', '/pagerduty/incidents/PINC001')
    check(len(pd) == 1 and '"acknowledged"' in pd[0][3], 'the page: acknowledged once')
    check(len(world.calls('POST', exact='/github/repos/acme/ops/issues')) == 1 and
          len(world.calls('POST', '/slack/api/chat.postMessage')) == 2,
          'no write twice')

    check(state('slack:%s/%s' % (SUPPORT, ts_ack)) == 'acknowledged', 'state: acknowledged')
    check(state('slack:%s/%s' % (SUPPORT, ts_del)) == 'delegated', 'state: delegated')
    check(state('slack:%s/%s' % (SUPPORT, ts_file)) == 'filed', 'state: filed')
    check(state('slack:%s/%s' % (SUPPORT, ts_defer)) == 'deferred', 'state: deferred')
    check(state('pagerduty:PINC001') == 'acknowledged', 'state: page acknowledged')
    ids = [note_for(t) for t in ('VPN is down', 'billing dashboard', 'migrate step',
                                 'log retention')] + [page[0]]
    check(wait_until(lambda: set(ids) <= set(notes.closed()), 5),
          'each notification closed after its action (%r of %r)' % (notes.closed(), ids))

    # A flood: 50 at once is one summary.
    before = len(notes.shown())
    for i in range(50):
        world.post(OPS, 'Flood message %d' % i)
    check(refresh(), 'Check now')
    check(wait_until(lambda: len(notes.shown()) > before, 20), 'the flood was told')
    wait_until(lambda: False, 2)
    flood = notes.shown()[before:]
    check(len(flood) == 1 and flood[0][1] == '50 new requests',
          'one summary: %r' % [n[1] for n in flood])
    check(not any(n[3] and n[3][0] != 'default' for n in flood), 'the summary only opens')

    gapplication('action', APP_ID, 'quit')
    check(app.wait_exit(10) == 0, 'quit')
finally:
    stop_apps([app], server)
finish()
