#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A whole working day, 08:00 to 17:00, in six minutes: the real dayshift
binary under libfaketime (its clock, wall and monotonic, runs 90 times
faster) against the loopback Slack, GitHub, PagerDuty and ZenHub, whose
clock runs with it. A request every quarter of an hour; teammates claim
some before Dayshift sees them, some hours later, mark some done late; the
user acknowledges some from the notification; PagerDuty pages and resolves.
At midday every kind of trouble: a request that is never answered, a 16 MiB
answer, PagerDuty failing for a quarter of an hour, a 429, malformed and
deeply nested JSON, a 3 MB answer.

At the end: every request surfaced once, none notified twice, claimed ones
not notified, late claims and done marks seen, every source read within its
interval all day, every write made once, PagerDuty said stale once and then
not, the app alive, and its memory at 17:00 within 5 MB of 09:00. The team
answers requests within a working hour: each request never answered was
reminded once at three quarters of it, none acknowledged or claimed early
ever was, and each answered one has its first response kept.
Figures (requests per service per hour, memory, CPU per simulated hour) are
printed as TAP comments."""

import calendar
import json
import os
import sqlite3
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'harness'))
import fake_services  # noqa: E402
from dsapp import (APP_ID, LIBFAKETIME, App, Bus, Notifications, check,  # noqa: E402
                   faketime_env, finish, gapplication, set_settings, stop_apps, store_token,
                   wait_until)

FACTOR = 90
DAY = calendar.timegm((2026, 11, 30, 8, 0, 0))    # 08:00 UTC, a Monday
END = DAY + 9 * 3600                               # 17:00
SUPPORT, OPS = 'C0SUPPORT1', 'C0OPERATE1'
ASKER, SAM, DANA = 'U0ASKER001', 'U0SAMORTE1', 'U0DANA0001'
ME = fake_services.ME_SLACK
INTERVALS = {'slack': 30, 'github': 60, 'pagerduty': 60}
DEADLINE = 150          # the poller gives up on a poll after this (seconds)

if not os.path.exists(LIBFAKETIME):
    print('1..0 # SKIP libfaketime is not installed (Debian package faketime)')
    sys.exit(0)

tmp = os.environ['DS_TEST_TMPDIR']
db_path = os.path.join(os.environ['XDG_DATA_HOME'], 'dayshift', 'dayshift.db')
set_settings(acknowledge_reply="'On it, looking now.'")

bus = Bus()
notes = Notifications(bus)

env = faketime_env(DAY, FACTOR)
world, base, server = fake_services.start(DAY, FACTOR)
profile = fake_services.profile(base, os.path.join(tmp, 'team.json'), response={
    'working_hours': '08:00-17:00', 'time_zone': 'UTC', 'targets': {'request': '1h'}})
for service in ('slack', 'github', 'pagerduty', 'zenhub'):
    store_token(service, base, 'test-token-' + service)
app = App('--background', '--team-profile', profile, env=env)
# The services' clock starts with the app's.
world.t0 = time.time()


def hhmm(t):
    return time.strftime('%H:%M', time.gmtime(t))


# -- the day's plan: (minutes after 08:00, what happens) -----------------------

requests = []   # dicts: ts, text, fate
plan = []

FATES = ['claimed-early', 'claimed-late', 'done-late', 'acknowledged', 'done-early', 'open']
for i in range(33):
    plan.append((20 + 15 * i, ('request', i)))

plan += [(60, ('page', 'PINC0001', 'API latency above 2 s')),
         (210, ('page', 'PINC0002', 'Disk 90% on db-2')),
         (280, ('resolve', 'PINC0001')),
         (360, ('page', 'PINC0003', 'Checkout errors up')),
         (450, ('page', 'PINC0004', 'Queue backlog growing')),
         (500, ('resolve', 'PINC0003'))]

# Midday: every kind of trouble.
plan += [(240, ('stall', '/github/search/issues')),
         (250, ('huge', '/slack/api/conversations.history')),
         (255, ('fail', '/pagerduty/incidents')),
         (272, ('unfail', '/pagerduty/incidents')),
         (280, ('429', '/slack/api/conversations.history')),
         (285, ('malformed', '/github/notifications')),
         (290, ('deep', '/github/notifications')),
         (295, ('big-valid', '/slack/api/conversations.history'))]
plan.sort(key=lambda p: p[0])

late = []       # (when, action) added as the day goes


def big_valid_answer():
    # About 3 MB: bot messages in the support channel, which Dayshift reads
    # and drops (only the alerts and deploys channels take bots).
    now = world.now()
    msgs = [{'type': 'message', 'subtype': 'bot_message', 'bot_id': 'B0NOISE01',
             'username': 'noise', 'ts': '%d.%06d' % (int(now) - 30, 900000 + i),
             'text': 'build log line %d ' % i + 'x' * 900} for i in range(3000)]
    return json.dumps({'ok': True, 'messages': msgs, 'has_more': False}).encode()


def do(action):
    kind = action[0]
    if kind == 'request':
        i = action[1]
        fate = FATES[i % len(FATES)]
        text = 'Request %02d: please look at service-%02d' % (i, i)
        reactions = {'eyes': [SAM]} if fate == 'claimed-early' else None
        ts = world.post(SUPPORT if i % 2 == 0 else OPS, text, user=ASKER, reactions=reactions)
        requests.append({'ts': ts, 'text': text, 'fate': fate,
                         'channel': SUPPORT if i % 2 == 0 else OPS, 'i': i})
        at = world.now()
        if fate == 'claimed-late':
            late.append((at + 3 * 3600, ('react', requests[-1], 'eyes', DANA)))
        elif fate == 'done-late':
            late.append((at + 150 * 60, ('react', requests[-1], 'white_check_mark', SAM)))
        elif fate == 'done-early':
            late.append((at + 30 * 60, ('react', requests[-1], 'white_check_mark', SAM)))
    elif kind == 'react':
        r = action[1]
        world.react(r['channel'], r['ts'], action[2], action[3])
    elif kind == 'page':
        world.page(action[1], action[2])
    elif kind == 'resolve':
        world.resolve(action[1])
    elif kind == 'stall':
        world.fault_once(action[1], ('stall',))
    elif kind == 'huge':
        world.fault_once(action[1], ('body', b'{"ok": true, "messages": [' + b' ' * (16 << 20)))
    elif kind == 'fail':
        world.fail[action[1]] = (500, {'error': {'message': 'Internal error', 'code': 2000}})
    elif kind == 'unfail':
        world.fail.pop(action[1], None)
    elif kind == '429':
        world.fault_once(action[1], ('status', 429, {'ok': False, 'error': 'ratelimited'},
                                     {'Retry-After': '60'}))
    elif kind == 'malformed':
        world.fault_once(action[1], ('body', b'[{"id": "1", "subject": '))
    elif kind == 'deep':
        world.fault_once(action[1], ('body', b'[' * 200000 + b']' * 200000))
    elif kind == 'big-valid':
        world.fault_once(action[1], ('body', big_valid_answer()))


def reminded(text):
    """The response reminders that name the request with this text: alone
    ("Answer soon: …") or in a summary's lines."""
    return [n for n in notes.shown() if ('response target' in n[1] or
                                         n[1].startswith('Answer soon: ')) and
            (text in n[1] or text in n[2])]


def notified(text):
    """The notifications of the item with this text ("Support request · Slack
    #ops-support"), not the prompts that follow an action on it."""
    return [n for n in notes.shown() if (text in n[2] or text in n[1]) and
            (' · Slack' in n[1] or ' · PagerDuty' in n[1])]


acknowledged = set()
rss_at_9 = cpu_at_9 = None
stale_seen = []

try:
    check(wait_until(lambda: bus.has_owner(APP_ID), 20), 'the app started')
    gapplication('action', APP_ID, 'start-rotation')

    pending = list(plan)
    while world.now() < END and app.alive():
        now = world.now()
        while pending and DAY + pending[0][0] * 60 <= now:
            do(pending.pop(0)[1])
        late.sort(key=lambda p: p[0])
        while late and late[0][0] <= now:
            do(late.pop(0)[1])
        # The user acknowledges the requests meant for it, from the notification.
        for r in requests:
            if r['fate'] == 'acknowledged' and r['ts'] not in acknowledged:
                shown = notified(r['text'])
                if shown:
                    notes.invoke(shown[0][0], 'acknowledge')
                    acknowledged.add(r['ts'])
        for n in notes.shown():
            if 'not read since' in n[1] and n[0] not in [s[0] for s in stale_seen]:
                stale_seen.append((n[0], n[1], hhmm(now)))
        if rss_at_9 is None and now >= DAY + 3600:
            rss_at_9, cpu_at_9 = app.rss_kb(), app.cpu_seconds()
        time.sleep(0.05)

    alive = app.alive()
    check(alive, 'the app is alive at 17:00')
    rss_end, cpu_end = (app.rss_kb(), app.cpu_seconds()) if alive else (0, 0)

    # -- what the day shows ----------------------------------------------------
    with sqlite3.connect(db_path, timeout=10) as db:
        rows = {r[0]: r[1:] for r in db.execute(
            'SELECT remote_id, state, claimed_by, responded FROM items WHERE source = ?',
            ('slack',))}

    for r in requests:
        shown = notified(r['text'])
        row = rows.get('%s/%s' % (r['channel'], r['ts']))
        if r['fate'] == 'claimed-early':
            check(row is not None and len(shown) == 0,
                  'request %02d, claimed before Dayshift saw it: in the inbox, not notified '
                  '(%d notifications)' % (r['i'], len(shown)))
        else:
            check(len(shown) == 1, 'request %02d (%s) notified once (%d times)'
                  % (r['i'], r['fate'], len(shown)))
        if r['fate'] == 'claimed-late' and DAY + r['i'] * 15 * 60 + 20 * 60 + 3 * 3600 < END - 600:
            check(row is not None and row[1] == 'Dana Levi',
                  'request %02d claimed 3 h later: seen (%r)' % (r['i'], row))
        if r['fate'] in ('done-late', 'done-early') and \
                DAY + r['i'] * 15 * 60 + 20 * 60 + (150 if r['fate'] == 'done-late' else 30) * 60 \
                < END - 600:
            check(row is not None and row[0] == 'done',
                  'request %02d done %s: seen (%r)' % (r['i'], r['fate'][5:], row))

    # The response clock: a working hour for each request.
    for r in requests:
        row = rows.get('%s/%s' % (r['channel'], r['ts']))
        arrived = DAY + r['i'] * 15 * 60 + 20 * 60
        told = len(reminded(r['text']))
        if r['fate'] == 'open' and arrived + 50 * 60 < END:
            check(told == 1 and row is not None and row[2] == 0,
                  'request %02d, never answered: reminded once (%d), no first response (%r)'
                  % (r['i'], told, row))
        if r['fate'] in ('acknowledged', 'claimed-early'):
            check(told == 0, 'request %02d (%s): never reminded (%d)' % (r['i'], r['fate'], told))
        if row is not None and (row[0] in ('acknowledged', 'done') or row[1] is not None):
            check(row[2] >= arrived, 'request %02d (%s): its first response kept (%r)'
                  % (r['i'], r['fate'], row))

    # Every write made once: one reaction and one reply of the user's per
    # acknowledged request.
    for r in requests:
        if r['fate'] != 'acknowledged' or r['ts'] not in acknowledged:
            continue
        msg = [m for m in world.messages if m['ts'] == r['ts']][0]
        reacted = sum(1 for users in msg['reactions'].values() for u in users if u == ME)
        replies = [m for m in world.thread(r['channel'], r['ts']) if m['user'] == ME]
        check(reacted == 1 and len(replies) == 1,
              'request %02d acknowledged: %d reaction(s), %d reply(ies)'
              % (r['i'], reacted, len(replies)))
    check(len(acknowledged) >= 4, '%d requests acknowledged from notifications' % len(acknowledged))

    for pid, title in (('PINC0001', 'API latency'), ('PINC0002', 'Disk 90%'),
                       ('PINC0003', 'Checkout errors'), ('PINC0004', 'Queue backlog')):
        check(len(notified(title)) == 1, 'page %s notified once (%d)' % (pid,
                                                                          len(notified(title))))

    # Every source read at every interval, all day (the stalled read is given
    # up at the deadline).
    with world.lock:
        log = list(zip(world.times, world.requests))
    probes = {'slack': '/slack/api/conversations.history', 'github': '/github/notifications',
              'pagerduty': '/pagerduty/incidents'}
    for service, path in probes.items():
        times = [t for t, r in log if r[1] == path and r[0] == 'GET']
        first = min(times) if times else END
        gaps = [b - a for a, b in zip([first] + times, times + [world.now()])]
        longest = max(gaps) if gaps else 0
        per_hour = len(times) / ((world.now() - DAY) / 3600)
        print('# %s: %d reads of %s, %.0f per hour, longest gap %.0f s'
              % (service, len(times), path, per_hour, longest))
        check(times and first - DAY < 120 and
              longest <= INTERVALS[service] + DEADLINE + 60,
              '%s read within its interval all day (longest gap %.0f s)' % (service, longest))

    # PagerDuty failed from 12:15 to 12:32: stale once, and then read again.
    pd_stale = [s for s in stale_seen if 'PagerDuty' in s[1]]
    check(len(pd_stale) == 1, 'PagerDuty said stale once: %r' % stale_seen)
    check(not [s for s in stale_seen if 'PagerDuty' not in s[1]],
          'no other service said stale: %r' % stale_seen)
    if pd_stale:
        check(pd_stale[0][0] in notes.closed(), 'the stale notice went once PagerDuty was read')
    problems = [n for n in notes.shown() if n[1] == 'Dayshift could not read a service']
    print('# %d "could not read" notifications' % len(problems))
    check(len(problems) <= 8, 'trouble told a few times, not at every poll (%d)' % len(problems))

    if rss_at_9:
        hours = (world.now() - DAY - 3600) / 3600
        print('# memory: %.1f MB at 09:00, %.1f MB at 17:00' % (rss_at_9 / 1024, rss_end / 1024))
        print('# CPU: %.2f s per simulated hour' % ((cpu_end - cpu_at_9) / hours))
        check(rss_end - rss_at_9 <= 5 * 1024,
              'memory at 17:00 within 5 MB of 09:00 (%+.1f MB)' % ((rss_end - rss_at_9) / 1024))
except Exception as e:
    # finish() exits from the finally clause, which would swallow this.
    check(False, 'the test ran to its end (%s: %s)' % (type(e).__name__, e))
    raise
finally:
    stop_apps([app], server)
    finish()
