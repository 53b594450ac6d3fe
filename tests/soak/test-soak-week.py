#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A working week, sped up: the real dayshift binary under libfaketime
against the loopback Slack, GitHub, PagerDuty and ZenHub, whose clock runs
with it. Dayshift is first started on the Friday before, for half an hour
off rotation; then it is started each morning at 07:55 and quit at 17:00,
Monday to Wednesday (DS_SOAK_DAYS=5: to Friday). Its clock runs 180 times
faster (DS_SOAK_FACTOR), 20 times at a start until it has read every
service; the nights pass at once. Three days take about nine minutes, five
about sixteen. The user starts the rotation on Monday at 08:00 and ends it
on the last evening: one rotation across the days. The team answers
requests within two working hours and incidents within 30 minutes (the
profile's response object, 08:00-17:00 UTC, Monday to Friday).

A request every 25 minutes through the day; teammates claim some (:eyes:)
before Dayshift sees them, 40 minutes or three hours later, and finish them
(:white_check_mark:) hours or a day later; some are never answered; the user
acknowledges some from their notification, some from their reminder. Requests
arrive overnight and over the weekend, some taken or finished before the
morning. Two pages a day, acknowledged at once, from the reminder, or left
until PagerDuty resolves them. On Wednesday the computer sleeps from 12:00 to
13:00 (logind's PrepareForSleep, the process stopped) while requests come
in, and Dayshift is restarted at 13:30. On Tuesday the user acknowledges a
request half a minute before Dayshift is quit.

The script keeps its own books of what should happen, and compares:
every request surfaced, none notified twice, every write made once; the
requests teammates took seen done (n of m); one summary of what came in
while away each morning on rotation and one after the sleep, with the right
counts, none repeated at a start; one reminder per request at three
quarters of its target, none twice across the starts; the report's first
responses within target per kind against the script's own count; the
process's memory each morning and evening. The figures end the output as
one JSON line ("# {...}") and a readable summary.

    ds-harness.py --xvfb --notifications --watcher --keyring --logind -- \\
        python3 tests/soak/test-soak-week.py [--plan]

--plan prints the week's plan and the script's expectations, and exits."""

import calendar
import glob
import json
import os
import re
import signal
import sqlite3
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'harness'))

FACTOR = int(os.environ.get('DS_SOAK_FACTOR') or 180)
# The pace of a start, until every service is read: Dayshift's start keeps
# its main loop busy for a tenth of a second or more, which at the week's pace
# would be longer than the keyring's 10 s for an answer
# (DS_SECRETS_DEFAULT_TIMEOUT_MS).
SLOW = 20
DAYS = max(3, min(5, int(os.environ.get('DS_SOAK_DAYS') or 3)))
H, MIN = 3600, 60
MONDAY = calendar.timegm((2026, 11, 30, 0, 0, 0))
DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']
OPEN, CLOSE = 8 * H, 17 * H                    # the team's working hours, UTC
TARGET = {'request': 2 * H, 'incident': 30 * MIN}
FOLLOW_AGE = 36 * H      # a request is followed up to this age (ds-slack-source.c)
SUPPORT, OPS = 'C0SUPPORT1', 'C0OPERATE1'
ASKER, SAM, DANA = 'U0ASKER001', 'U0SAMORTE1', 'U0DANA0001'
EYES, DONE = 'eyes', 'white_check_mark'


def at(day, hh, mm=0, ss=0):
    """Day 0 is Monday; -3 the Friday before."""
    return MONDAY + day * 86400 + hh * H + mm * MIN + ss


def clock(t):
    return time.strftime('%a %H:%M', time.gmtime(t))


# -- the team's working time, as the script counts it --------------------------

def working(a, b):
    """Working seconds in [a, b): 08:00-17:00 UTC, Monday to Friday."""
    total, day = 0, a - a % 86400
    while day < b:
        if time.gmtime(day).tm_wday < 5:
            total += max(0, min(b, day + CLOSE) - max(a, day + OPEN))
        day += 86400
    return total


def reached(a, seconds):
    """When @seconds of working time have passed since @a."""
    day = a - a % 86400
    while True:
        if time.gmtime(day).tm_wday < 5:
            lo, hi = max(a, day + OPEN), day + CLOSE
            if lo < hi:
                if seconds <= hi - lo:
                    return lo + seconds
                seconds -= hi - lo
        day += 86400


# -- when Dayshift runs --------------------------------------------------------

RUNS = [(at(-3, 16, 30), at(-3, 17))] + \
       [(at(d, 7, 50 if d == 0 else 55), at(d, 17)) for d in range(DAYS)]
ROTATION_START = at(0, 8)
ROTATION_END = RUNS[-1][1]
SUSPEND = (at(2, 12), at(2, 13))      # Wednesday's lunch, asleep
RESTART = at(2, 13, 30)               # and a restart after it
QUIET = [(at(2, 11, 45), at(2, 13, 45))]  # no request asked around those


def running_spans():
    out = []
    for s, e in RUNS:
        if s <= SUSPEND[0] < e:
            out += [(s, SUSPEND[0]), (SUSPEND[1], e)]
        else:
            out.append((s, e))
    return out


RUNNING = running_spans()


def seen(t):
    """When Dayshift reads what happened at @t: then, if it runs and is
    awake; else when it next starts or wakes; None after the week."""
    for s, e in RUNNING:
        if t < e:
            return max(t, s)
    return None


def seen_later(t, created):
    """When Dayshift sees a reaction added at @t to a message of @created:
    at its first read, else while it is followed (up to the follow age)."""
    r = seen(t)
    if r is None or (r != seen(created) and r - created > FOLLOW_AGE):
        return None
    return r


# -- the plan ------------------------------------------------------------------

class Item:
    """A request (Slack) or a page (PagerDuty) of the week's, its fate, and
    what the script saw of it."""

    def __init__(self, rid, kind, posted, fate, channel=SUPPORT):
        self.rid, self.kind, self.posted, self.fate, self.channel = rid, kind, posted, fate, channel
        self.events = []        # (when, what, who): a teammate's reaction, a resolve
        self.ack = None         # 'notify', 'reminder', or when the user acknowledges it
        self.claimed_at_post = False
        self.urgency = 'high'
        self.ts = None          # Slack's, once posted
        self.acked = None       # when the script acknowledged it (the services' clock)
        self.own = []           # its own notifications: (id, when)
        self.reminders = []     # the reminders that named it: (id, when)
        self.key = ('Req %s:' if kind == 'request' else 'Inc %s:') % rid
        self.text = self.key + (' please look at service %s' % rid.lower()
                                if kind == 'request' else ' API latency above 2 s')

    def react(self, when, what, who):
        self.events.append((when, what, who))


def fates_for(item, d):
    """The events of a request's fate, posted on day @d."""
    p, f = item.posted, item.fate
    if f == 'ack':
        item.ack = 'notify'
    elif f == 'claim-early':
        item.claimed_at_post = True
        item.react(p + 5 * H, DONE, SAM)
    elif f == 'claim-soon':
        item.react(p + 40 * MIN, EYES, DANA)
        item.react(p + 20 * H, DONE, DANA)
    elif f == 'done-late':
        item.react(p + 150 * MIN, DONE, SAM)
    elif f == 'claim-late':
        item.react(p + 3 * H, EYES, DANA)
        item.react(p + 24 * H, DONE, DANA)
    elif f == 'ack-reminder':
        item.ack = 'reminder'
    # Overnight: taken or finished before the morning, or in it.
    elif f == 'night-done':
        item.react(p + 20 * MIN, DONE, SAM)
    elif f == 'night-claimed':
        item.react(p + 15 * MIN, EYES, SAM)
        item.react(at(d + 1, 15), DONE, SAM)
    elif f == 'night-ack':
        item.ack = at(d + 1, 8, 20)
    elif f == 'night-claim-morning':
        item.react(at(d + 1, 8, 45), EYES, DANA)


DAY_FATES = ['ack', 'claim-early', 'claim-soon', 'open', 'done-late', 'claim-late', 'ack-reminder']
# Requests that come while Dayshift is not running: after day d (-1: the weekend).
NIGHTS = {
    -1: [(at(-2, 10), 'open'), (at(-2, 15), 'night-done'), (at(-1, 20), 'night-claimed'),
         (at(0, 6, 30), 'night-ack')],
    0: [(at(0, 18, 30), 'open'), (at(0, 21, 15), 'night-claimed'), (at(1, 6, 40), 'night-ack'),
        (at(1, 7, 20), 'night-claim-morning')],
    1: [(at(1, 19), 'night-done'), (at(1, 22), 'open'), (at(2, 7), 'night-ack')],
    2: [(at(2, 17, 40), 'night-claimed'), (at(2, 20, 10), 'open'),
        (at(2, 23, 50), 'night-claim-morning'), (at(3, 5, 30), 'night-ack'),
        (at(3, 7, 30), 'open')],
    3: [(at(3, 18, 5), 'night-ack'), (at(4, 7, 10), 'night-done')],
}


def make_plan():
    items = []
    # The Friday before, off rotation: one request, answered on Monday from its reminder.
    fri = Item('Prev1', 'request', at(-3, 16, 40), 'ack-reminder')
    fri.ack = 'reminder'
    items.append(fri)
    for d in range(DAYS):
        day = DAY_NAMES[d]
        for j in range(20):
            posted = at(d, 8, 10) + j * 25 * MIN
            if any(s <= posted < e for s, e in QUIET):
                continue
            item = Item('%s%02d' % (day, j), 'request', posted, DAY_FATES[(j + d) % 7],
                        SUPPORT if j % 2 == 0 else OPS)
            fates_for(item, d)
            if expect(item)['near']:
                # Its fate would play out too near the rotation's end: answered at once.
                item = Item(item.rid, 'request', posted, 'ack', item.channel)
                fates_for(item, d)
            items.append(item)
        for k, hour in enumerate((10, 14)):
            inc = Item('%s%d' % (day, k + 1), 'incident', at(d, hour, 20),
                       ['ack', 'resolve', 'ack-reminder'][(2 * d + k) % 3])
            inc.urgency = 'high' if k == 0 else 'low'
            if inc.fate == 'ack':
                inc.ack = 'notify'
            elif inc.fate == 'ack-reminder':
                inc.ack = 'reminder'
            inc.react(inc.posted + (60 if inc.fate == 'resolve' else 75) * MIN, 'resolve', None)
            items.append(inc)
    # Monday's first request a teammate takes soon is finished two days later,
    # past the follow age.
    first = [i for i in items if i.fate == 'claim-soon' and i.rid.startswith('Mon')][0]
    first.events = [(w, what, who) if what != DONE else (first.posted + 50 * H, what, who)
                    for w, what, who in first.events]
    # While Wednesday's computer sleeps: one nobody takes, one Sam takes at
    # once, one finished before it wakes.
    for rid, posted, fate in (('WedS1', at(2, 12, 10), 'open'),
                              ('WedS2', at(2, 12, 35), 'claim-early'),
                              ('WedS3', at(2, 12, 45), 'night-done')):
        item = Item(rid, 'request', posted, fate)
        fates_for(item, 2)
        if fate == 'night-done':
            item.events = [(at(2, 12, 55), DONE, SAM)]
        items.append(item)
    # Tuesday: acknowledged half a minute before Dayshift is quit.
    late = Item('Tue99', 'request', at(1, 16, 40), 'ack-at-quit', OPS)
    late.ack = at(1, 16, 59, 30)
    items.append(late)
    for d, posts in NIGHTS.items():
        if d + 1 >= DAYS:
            continue
        for n, (posted, fate) in enumerate(posts):
            item = Item('%sN%d' % ('Wkd' if d < 0 else DAY_NAMES[d], n + 1), 'request', posted,
                        fate, SUPPORT if n % 2 == 0 else OPS)
            fates_for(item, d)
            items.append(item)
    items.sort(key=lambda i: i.posted)
    return items


def expect(item):
    """What should become of @item, by the script's own books (each time
    as when Dayshift sees it)."""
    x = {}
    target = TARGET[item.kind]
    first = seen(item.posted)
    x['first_seen'] = first
    claims = [seen_later(w, item.posted) for w, what, _ in item.events if what == EYES]
    dones = [seen_later(w, item.posted) for w, what, _ in item.events
             if what in (DONE, 'resolve')]
    claimed = item.posted if item.claimed_at_post else min([c for c in claims if c], default=None)
    done = min([c for c in dones if c], default=None)
    # Its own notification: seen while running on rotation, not taken nor done by then.
    away = item.posted != first
    x['own'] = int(first is not None and not away and item.posted >= ROTATION_START and
                   not item.claimed_at_post)
    x['away'] = away and first is not None and (done is None or done > first)
    x['away_taken'] = x['away'] and claimed is not None and claimed <= first
    # Three quarters of the target, told on rotation while Dayshift runs.
    quarter = reached(item.posted, target * 3 // 4)
    remind = seen(max(quarter, ROTATION_START + MIN))
    if remind is not None and remind >= ROTATION_END:
        remind = None
    answers = [t for t in (claimed, done) if t is not None]
    user_ack = None
    if item.ack == 'notify' and x['own']:
        user_ack = first + MIN
    elif isinstance(item.ack, int) and seen(item.ack) == item.ack:
        user_ack = item.ack
    if user_ack is not None:
        answers.append(user_ack)
    before = min(answers, default=None)
    x['reminded'] = remind is not None and (before is None or remind < before)
    if item.ack == 'reminder' and x['reminded']:
        user_ack = remind + MIN
        answers.append(user_ack)
    responded = min(answers, default=None)
    x['responded'] = responded
    x['remind_at'] = remind if x['reminded'] else None
    x['done'] = done is not None
    x['user_ack'] = user_ack
    # Taken by a teammate and finished while the week runs: seen done, unless
    # finished past the follow age.
    finished = [w for w, what, _ in item.events if what == DONE]
    x['followed'] = (claimed is not None and item.kind == 'request' and bool(finished) and
                     min(finished) < ROTATION_END - 30 * MIN)
    # The report: what was first seen on rotation, answered by its end or past target.
    x['counted'] = x['within'] = False
    if first is not None and ROTATION_START + MIN <= first < ROTATION_END:
        if responded is not None and responded < ROTATION_END:
            x['counted'], x['within'] = True, working(item.posted, responded) <= target
        elif working(item.posted, ROTATION_END) > target:
            x['counted'] = True
    # Whether a few minutes of Dayshift's own pace (a poll, a follow) could
    # change any of it: the plan must keep clear of that.
    margin = 10 * MIN if item.kind == 'request' else 4 * MIN
    near = []
    if responded is not None:
        w = working(item.posted, responded)
        if abs(w - target) < margin:
            near.append('responded %d min into its target' % (w // 60))
        if item.ack != 'reminder' and abs(w - target * 3 // 4) < margin:
            near.append('responded at three quarters (%d min)' % (w // 60))
    end_wait = working(item.posted, ROTATION_END)
    if (responded is None or responded >= ROTATION_END) and \
            min(abs(end_wait - target), abs(end_wait - target * 3 // 4)) < margin:
        near.append('waits %d min at the rotation\'s end' % (end_wait // 60))
    for w, what, _ in item.events:
        r = seen(w)
        if what == DONE and r is not None and abs(r - item.posted - FOLLOW_AGE) < H:
            near.append('finished at the follow age')
        if what == DONE and r is not None and abs(r - ROTATION_END) < 30 * MIN:
            near.append('finished at the rotation\'s end')
    if item.ack == 'reminder' and not x['reminded']:
        near.append('answered from a reminder never given')
    x['near'] = near
    return x


PLAN = make_plan()
EXPECT = {i.rid: expect(i) for i in PLAN}


def away_expected():
    """The summaries of what came in while away, in order: (when it is
    due, the requests, those of them nobody took)."""
    out = []
    for s, _ in RUNNING[1:]:
        came = [i for i in PLAN if EXPECT[i.rid]['away'] and EXPECT[i.rid]['first_seen'] == s]
        if came:
            due = max(s, ROTATION_START)
            out.append((due, len(came), sum(1 for i in came if not EXPECT[i.rid]['away_taken'])))
    return out


AWAY = away_expected()

if '--plan' in sys.argv:
    for i in PLAN:
        x = EXPECT[i.rid]
        print('%-6s %-8s %s %-19s own=%d away=%d remind=%-9s responded=%-9s counted=%d '
              'within=%d %s' % (i.rid, i.kind, clock(i.posted), i.fate, x['own'], x['away'],
                                clock(x['remind_at']) if x['remind_at'] else '-',
                                clock(x['responded']) if x['responded'] else '-',
                                x['counted'], x['within'], '; '.join(x['near'])))
    for due, n, k in AWAY:
        print('away summary at %s: %d requests, %d need an answer' % (clock(due), n, k))
    sys.exit(0)

import fake_services  # noqa: E402
from dsapp import (APP_ID, LIBFAKETIME, App, Bus, FakeClock, NotificationFeed,  # noqa: E402
                   Notifications, check, finish, gapplication, set_settings, stop_apps,
                   store_token, wait_until)
from gi.repository import Gio, GLib  # noqa: E402

if not os.path.exists(LIBFAKETIME):
    print('1..0 # SKIP libfaketime is not installed (Debian package faketime)')
    sys.exit(0)
if not os.environ.get('DBUS_SYSTEM_BUS_ADDRESS', '').startswith('unix:'):
    print('1..0 # SKIP no system bus of the test\'s own (ds-harness.py --logind)')
    sys.exit(0)

wall_start = time.monotonic()
tmp = os.environ['DS_TEST_TMPDIR']
db_path = os.path.join(os.environ['XDG_DATA_HOME'], 'dayshift', 'dayshift.db')
reports_dir = os.path.join(os.environ['XDG_DATA_HOME'], 'dayshift', 'reports')
set_settings(acknowledge_reply="'On it, looking now.'")

bus = Bus()
notes = Notifications(bus)
feed = NotificationFeed(bus)
system = Gio.bus_get_sync(Gio.BusType.SYSTEM, None)
world, base, server = fake_services.start(RUNS[0][0], FACTOR)
profile = fake_services.profile(base, os.path.join(tmp, 'team.json'), response={
    'working_hours': '08:00-17:00', 'time_zone': 'UTC',
    'working_days': ['mon', 'tue', 'wed', 'thu', 'fri'],
    'targets': {'request': '2h', 'incident': '30m'}})
for service in ('slack', 'github', 'pagerduty', 'zenhub'):
    store_token(service, base, 'test-token-' + service)

fake = FakeClock(world, os.path.join(tmp, 'faketime'))
apps = []
by_key = {i.key: i for i in PLAN}
KEY = re.compile(r'(?:Req|Inc) [A-Za-z0-9]+:')


class Week:
    app = None
    pending = []            # (when, seq, what, item)
    away = []               # (when, title, body)
    reminder_notes = []     # (id, title, how many it tells, when)
    problems = []
    stale = []
    others = {}             # other titles, counted
    unmatched = []
    memory = []             # (day, 'morning' or 'evening', KiB)
    cpu = 0.0
    started = []            # (when, wall seconds to read every service, whether it did)
    lags = []               # (day, how far its last read was behind the services' clock)
    exits = []              # exit codes of the evening quits
    report = None
    tick_max = 0.0          # the longest look of the script's at the week (wall seconds)


week = Week()


def schedule():
    seq = 0
    out = []
    for item in PLAN:
        out.append((item.posted, seq, 'post', item))
        seq += 1
        for when, what, who in item.events:
            out.append((when, seq, what, (item, who)))
            seq += 1
        if isinstance(item.ack, int):
            out.append((item.ack, seq, 'ack-at', item))
            seq += 1
    out.sort(key=lambda e: (e[0], e[1]))
    return out


week.pending = schedule()


def do(what, arg):
    if what == 'post':
        item = arg
        if item.kind == 'request':
            item.ts = world.post(item.channel, item.text, user=ASKER,
                                 reactions={EYES: [SAM]} if item.claimed_at_post else None)
        else:
            world.page('P' + item.rid.upper(), item.text, urgency=item.urgency)
    elif what in (EYES, DONE):
        item, who = arg
        world.react(item.channel, item.ts, what, who)
    elif what == 'resolve':
        world.resolve('P' + arg[0].rid.upper())
    elif what == 'ack-at':
        item = arg
        gapplication('action', APP_ID, 'acknowledge', "'slack:%s/%s'" % (item.channel, item.ts))
        item.acked = world.now()


def fire_due(now):
    while week.pending and week.pending[0][0] <= now:
        _, _, what, arg = week.pending.pop(0)
        do(what, arg)


def reminded_in_db():
    try:
        with sqlite3.connect(db_path, timeout=10) as db:
            return {r[0] for r in db.execute(
                'SELECT title FROM items WHERE response_reminded = 1')}
    except sqlite3.Error:
        return set()


def acknowledge_reminded(single):
    """The user answers from their reminder the requests meant for it."""
    waiting = [i for i in PLAN if i.ack == 'reminder' and i.acked is None]
    if not waiting:
        return
    told = reminded_in_db()
    for item in waiting:
        if not any(t.startswith(item.key) for t in told):
            continue
        if single is not None and item.key in single[1]:
            button = [a for a in single[3][0::2] if a.startswith('acknowledge')]
            notes.invoke(single[0], button[0] if button else 'acknowledge')
        elif item.kind == 'request':
            gapplication('action', APP_ID, 'acknowledge',
                         "'slack:%s/%s'" % (item.channel, item.ts))
        else:
            continue
        item.acked = world.now()


def look_at_notes():
    now = world.now()
    for n in feed.take():
        nid, title, body = n[0], n[1], n[2]
        keys = KEY.findall(title + '\n' + body)
        if ' · Slack' in title or ' · PagerDuty' in title:
            items = [by_key[k] for k in keys if k in by_key]
            if len(items) != 1:
                week.unmatched.append(title + ' / ' + body)
                continue
            item = items[0]
            item.own.append((nid, now))
            if item.ack == 'notify' and item.acked is None:
                notes.invoke(nid, 'acknowledge')
                item.acked = world.now()
        elif title.startswith('Answer soon: ') or title.startswith('Past its response target: '):
            week.reminder_notes.append((nid, title, 1, now))
            for k in keys:
                if k in by_key:
                    by_key[k].reminders.append((nid, now))
            acknowledge_reminded(n)
        elif re.match(r'\d+ requests? near (its|their) response target', title):
            week.reminder_notes.append((nid, title, int(title.split()[0]), now))
            for k in keys:
                if k in by_key:
                    by_key[k].reminders.append((nid, now))
            acknowledge_reminded(None)
        elif ' came in since ' in title:
            week.away.append((now, title, body))
        elif title == 'Dayshift could not read a service':
            week.problems.append((now, body))
        elif 'not read since' in title:
            week.stale.append((now, title, nid))
        else:
            kind = re.sub(r'(?:Req|Inc) [A-Za-z0-9]+:.*', '…', title)
            week.others[kind] = week.others.get(kind, 0) + 1


def tick():
    t0 = time.monotonic()
    fire_due(world.now())
    look_at_notes()
    week.tick_max = max(week.tick_max, time.monotonic() - t0)


def start_app(day_name):
    """Dayshift started, its clock where the services' is, at the pace of a
    start until it has read every service (its tokens read), then at the
    week's; False if it read nothing."""
    t = int(world.now())
    world.set_clock(t, SLOW)
    n = len(world.requests)
    app = App('--background', '--team-profile', profile, env=fake.env(),
              log='dayshift-%s.log' % re.sub(r'\W+', '-', day_name).strip('-'))
    apps.append(app)
    week.app = app
    t0 = time.monotonic()
    ok = wait_until(lambda: bus.has_owner(APP_ID), 30)
    read = ok and wait_until(lambda: {r[1].split('/')[1] for r in world.requests[n:]} >=
                             {'slack', 'github', 'pagerduty'}, 30)
    week.started.append((t, time.monotonic() - t0, bool(read)))
    check(ok and read, '%s: Dayshift started at %s, every service read' % (day_name, clock(t)))
    world.set_clock(world.now(), FACTOR)
    fake.follow()
    # Asked something, it looks at the time at once.
    if ok:
        bus.call(APP_ID, '/' + APP_ID.replace('.', '/'), 'org.gtk.Actions', 'List',
                 reply='(as)')
    return read


def quit_app(day_name):
    app = week.app
    cpu = app.cpu_seconds()
    gapplication('action', APP_ID, 'quit')
    code = app.wait_exit(30)
    week.exits.append(code)
    week.cpu += cpu
    check(code == 0, '%s: quit at %s (exit %r)' % (day_name, clock(world.now()), code))
    wait_until(lambda: not bus.has_owner(APP_ID), 10)
    week.app = None
    # When it last read, by its own clock: at most a poll and a minute behind
    # the services' (its clock follows theirs).
    try:
        with sqlite3.connect(db_path, timeout=10) as db:
            last = db.execute("SELECT value FROM meta WHERE key = 'last-read'").fetchone()
        week.lags.append((day_name, int(world.now() - int(last[0]))))
    except (sqlite3.Error, TypeError, ValueError):
        week.lags.append((day_name, None))


def prepare_for_sleep(going):
    system.call_sync('org.freedesktop.login1', '/org/freedesktop/login1',
                     'org.freedesktop.DBus.Mock', 'EmitSignal',
                     GLib.Variant('(sssav)', ('org.freedesktop.login1.Manager',
                                              'PrepareForSleep', 'b',
                                              [GLib.Variant('b', going)])),
                     None, Gio.DBusCallFlags.NONE, 5000, None)


def live_until(t, day_name):
    """Dayshift runs until @t on the services' clock, and the week happens
    to it."""
    while world.now() < t:
        if not week.app.alive():
            check(False, '%s: Dayshift is alive at %s' % (day_name, clock(world.now())))
            return False
        tick()
        time.sleep(0.05)
    tick()
    return True


def sleep_through(until):
    """The computer sleeps until @until: logind says so, the process stands
    still, and the week goes on without it."""
    prepare_for_sleep(True)
    time.sleep(0.3)
    os.kill(week.app.proc.pid, signal.SIGSTOP)
    while world.now() < until:
        fire_due(world.now())
        time.sleep(0.05)
    os.kill(week.app.proc.pid, signal.SIGCONT)
    prepare_for_sleep(False)


def night_until(t):
    """Dayshift is not running: what happens until @t happens at once."""
    while week.pending and week.pending[0][0] < t:
        when, _, what, arg = week.pending.pop(0)
        world.set_clock(when)
        do(what, arg)
    world.set_clock(t)


def run_day(d, start, end):
    """Day @d (-1: the Friday before) from @start to @end; False if Dayshift
    did not live through it."""
    name = DAY_NAMES[d] if d >= 0 else 'Fri (before)'
    night_until(start)
    if not start_app(name):
        return False
    if d == 0:
        if not live_until(ROTATION_START, name):
            return False
        gapplication('action', APP_ID, 'start-rotation')
    if d >= 0:
        if not live_until(at(d, 9), name):
            return False
        week.memory.append((name, 'morning', week.app.rss_kb()))
    if d == 2:
        if not live_until(SUSPEND[0], name):
            return False
        sleep_through(SUSPEND[1])
        if not live_until(RESTART, name):
            return False
        quit_app(name + ' (restart)')
        if not start_app(name + ' (restart)'):
            return False
    if not live_until(end - 5 * MIN if d >= 0 else end, name):
        return False
    if d >= 0:
        week.memory.append((name, 'evening', week.app.rss_kb()))
    if not live_until(end, name):
        return False
    if d == DAYS - 1:
        before = set(glob.glob(os.path.join(reports_dir, '*.md')))
        gapplication('action', APP_ID, 'end-rotation-now')
        saved = wait_until(lambda: set(glob.glob(os.path.join(reports_dir, '*.md'))) - before,
                           30)
        check(bool(saved), 'the rotation ended: its report saved')
        if saved:
            with open(sorted(saved)[0]) as f:
                week.report = f.read()
        time.sleep(1)
        tick()
    quit_app(name)
    return True


def first_responses(report):
    """The report's First responses: kind -> (within, of)."""
    out = {}
    if report is None or '## First responses' not in report:
        return out
    section = report.split('## First responses', 1)[1].split('\n## ', 1)[0]
    for line in section.splitlines():
        m = re.match(r'\| (.+?) \| .+? \| (\d+) of (\d+) \(\d+%\) \| .+? \|$', line)
        if m:
            out[m.group(1)] = (int(m.group(2)), int(m.group(3)))
    return out


try:
    near = [(i.rid, EXPECT[i.rid]['near']) for i in PLAN if EXPECT[i.rid]['near']]
    check(not near, 'the plan keeps clear of Dayshift\'s own pace (%r)' % near)
    for d, (start, end) in enumerate(RUNS):
        if not run_day(d - 1, start, end):
            check(False, 'the week went on to its end (it stopped on %s)' % clock(world.now()))
            break
    wall = time.monotonic() - wall_start

    # -- what the week shows ---------------------------------------------------
    with sqlite3.connect(db_path, timeout=10) as db:
        rows = {r[0]: r[1:] for r in db.execute(
            'SELECT remote_id, state, claimed_by, responded, response_reminded, notified '
            'FROM items')}

    def row(item):
        if item.kind == 'request':
            return rows.get('%s/%s' % (item.channel, item.ts))
        return rows.get('P' + item.rid.upper())

    requests = [i for i in PLAN if i.kind == 'request']
    incidents = [i for i in PLAN if i.kind == 'incident']

    # Every request surfaced, none notified twice.
    missing = [i.rid for i in PLAN if row(i) is None]
    check(not missing, 'every request and page surfaced: %d of %d (missing %r)'
          % (len(PLAN) - len(missing), len(PLAN), missing))
    twice = [(i.rid, len(i.own)) for i in PLAN if len(i.own) > 1]
    check(not twice, 'none notified twice (%r)' % twice)
    wrong = [(i.rid, len(i.own), EXPECT[i.rid]['own']) for i in PLAN
             if len(i.own) != EXPECT[i.rid]['own']]
    check(not wrong, 'each notified on its own as the script says: once if it came on '
          'rotation while Dayshift ran and nobody had taken it, else never (%r)' % wrong)
    check(not week.unmatched, 'no notification of anything else (%r)' % week.unmatched)

    # Every write made once: what shows on the services once (a write that is
    # the same when repeated may have been sent again, as its answer came
    # late), every write in the outbox done.
    acked = [i for i in requests if i.acked is not None]
    writes_wrong = []
    for item in acked:
        msg = [m for m in world.messages if m['ts'] == item.ts][0]
        reacted = sum(1 for users in msg['reactions'].values() for u in users
                      if u == fake_services.ME_SLACK)
        replies = [m for m in world.thread(item.channel, item.ts)
                   if m['user'] == fake_services.ME_SLACK]
        if reacted != 1 or len(replies) != 1:
            writes_wrong.append((item.rid, reacted, len(replies)))
    puts = world.calls('PUT', '/pagerduty/incidents/')
    for item in incidents:
        n = sum(1 for r in puts if r[1].endswith('/P' + item.rid.upper()))
        if (n > 0) != (item.acked is not None):
            writes_wrong.append((item.rid, n))
    replies = len(world.calls('POST', exact='/slack/api/chat.postMessage'))
    epics = {}
    for method in ('POST', 'DELETE'):
        for r in world.calls(method, '/github/repos/acme/ops/issues/'):
            if r[1].endswith('/assignees'):
                epics.setdefault((method, r[1]), 0)
                epics[(method, r[1])] += 1
    with sqlite3.connect(db_path, timeout=10) as db:
        outbox = db.execute('SELECT op, state, attempts FROM outbox').fetchall()
    undone = [(op, state) for op, state, _ in outbox if state != 'done']
    again = sum(1 for _, _, attempts in outbox if attempts > 1)
    writes = len(outbox)
    check(not writes_wrong and replies == len(acked) and not undone,
          'every write made once: %d requests acknowledged (%d replies), %d incidents; '
          '%d writes, all done (%r), %d sent again as their answer came late (%r)'
          % (len(acked), replies, len([i for i in incidents if i.acked]), writes, undone,
             again, writes_wrong))
    late = [i for i in PLAN if i.fate == 'ack-at-quit'][0]
    check(late.acked is not None and row(late) is not None and row(late)[0] == 'acknowledged',
          'acknowledged half a minute before the quit: kept (%r)' % (row(late),))
    check(sorted(k for k in epics) == [(m, '/github/repos/acme/ops/issues/%d/assignees' % n)
                                       for m in ('DELETE', 'POST') for n in (1, 2)] and
          len([op for op, _, _ in outbox if op.startswith('github.')]) == 4,
          'the rotation: assigned on each super-epic, and unassigned at its end, once each '
          '(requests %r)' % epics)
    plan_acks = [i.rid for i in PLAN if EXPECT[i.rid]['user_ack'] is not None]
    done_acks = [i.rid for i in PLAN if i.acked is not None]
    check(plan_acks == done_acks, 'the user answered each as planned (%r more, %r fewer)'
          % (sorted(set(done_acks) - set(plan_acks)), sorted(set(plan_acks) - set(done_acks))))

    # Requests taken by teammates, followed to done.
    followed = [i for i in requests if EXPECT[i.rid]['followed']]
    due_done = [i for i in followed if EXPECT[i.rid]['done']]
    seen_done = [i for i in followed if row(i) is not None and row(i)[0] == 'done']
    past_age = [i for i in followed if not EXPECT[i.rid]['done']]
    check(set(i.rid for i in due_done) == set(i.rid for i in seen_done),
          'taken by teammates and finished this week, seen done: %d of %d, and %d finished '
          'past the follow age (36 h) not seen (not seen: %r; seen: %r)'
          % (len(seen_done), len(followed), len(past_age),
             [i.rid for i in due_done if i not in seen_done],
             [i.rid for i in past_age if i in seen_done]))
    claimed_ok = [i.rid for i in followed if row(i) is None or row(i)[1] is None]
    check(not claimed_ok, 'each request a teammate took says who (%r)' % claimed_ok)

    # What came in while away: one summary each morning and after the sleep.
    told = []
    for when, title, body in week.away:
        m = re.match(r'(\d+) requests? came in since (.+)$', title)
        k = re.match(r'(\d+) needs? an answer', body)
        told.append((when, int(m.group(1)) if m else -1,
                     int(k.group(1)) if k else (0 if body.startswith('None') else -1),
                     m.group(2) if m else title))
    check([(n, k) for _, n, k, _ in told] == [(n, k) for _, n, k in AWAY],
          'what came in while away: %d summaries, as the script says: %r (said: %r)'
          % (len(told), [(clock(w), n, k) for w, n, k in AWAY],
             [(clock(w), n, k, s) for w, n, k, s in told]))
    told_when = [w for w, _, _, _ in told]
    check(len(told) == len(AWAY) and all(abs(a[0] - b) < 30 * MIN
                                         for a, b in zip(AWAY, told_when)),
          'each told that morning, or on waking (%r)' % [clock(w) for w in told_when])
    # "since Fri 16:59" on Monday, "since 16:59 yesterday" the other mornings,
    # "since 11:59" on waking.
    styles = [r'Fri 1[67]:\d\d$' if w < at(0, 12) else r'1[12]:\d\d$' if w == SUSPEND[1]
              else r'1[67]:\d\d yesterday$' for w, _, _ in AWAY]
    check(len(told) == len(AWAY) and all(re.match(p, s) for p, (_, _, _, s) in zip(styles, told)),
          'each says since when: %r' % [s for _, _, _, s in told])

    # The response clock: one reminder at three quarters, none twice.
    told_total = sum(n for _, _, n, _ in week.reminder_notes)
    want = sorted(i.rid for i in PLAN if EXPECT[i.rid]['reminded'])
    got = sorted(i.rid for i in PLAN if row(i) is not None and row(i)[3] == 1)
    check(want == got, 'reminded, as the script says: %d (%r more, %r fewer)'
          % (len(got), sorted(set(got) - set(want)), sorted(set(want) - set(got))))
    check(told_total == len(got), 'each reminder told once: %d told for %d reminded'
          % (told_total, len(got)))
    twice = [(i.rid, len(i.reminders)) for i in PLAN if len(i.reminders) > 1]
    check(not twice, 'no request in two reminders (%r)' % twice)
    kept = [i.rid for i in PLAN if EXPECT[i.rid]['responded'] and
            (row(i) is None or not row(i)[2])]
    check(not kept, 'each answered request has its first response kept (%r)' % kept)

    # The report's first responses against the script's own count.
    said = first_responses(week.report)
    mine = {}
    for label, kind in (('Support request', 'request'), ('Incident', 'incident')):
        counted = [i for i in PLAN if i.kind == kind and EXPECT[i.rid]['counted']]
        mine[label] = (sum(1 for i in counted if EXPECT[i.rid]['within']), len(counted))
        check(said.get(label) == mine[label],
              'first responses, %s: the report says %s, the script %d of %d'
              % (label, '%d of %d' % said[label] if label in said else 'nothing',
                 mine[label][0], mine[label][1]))

    # Memory, each morning and evening.
    mornings = [kb for _, when, kb in week.memory if when == 'morning']
    evenings = [kb for _, when, kb in week.memory if when == 'evening']
    growth = [e - m for m, e in zip(mornings, evenings)]
    check(growth and max(growth) <= 5 * 1024,
          'memory each day within 5 MB of its morning (%r KiB)' % growth)
    check(mornings and max(mornings) - mornings[0] <= 5 * 1024,
          'memory each morning within 5 MB of Monday\'s (%r KiB)' % mornings)
    lags = [lag for _, lag in week.lags]
    check(lags and all(lag is not None and -30 <= lag <= 150 for lag in lags),
          'each quit, Dayshift had read within a poll and a minute, by the services\' clock '
          '(%r s)' % week.lags)
    check(len(week.problems) <= 3, 'trouble reading told a few times at most (%d)'
          % len(week.problems))
    # The sleep is a process stopped while its clocks, monotonic too, run on
    # (a suspend stops the monotonic one): waking, a read under way is past
    # its deadline and a service unread for an hour, which may be said for
    # the moment it takes to read it. Never otherwise.
    on_waking = [(clock(w), t, nid) for w, t, nid in week.stale
                 if SUSPEND[1] <= w <= SUSPEND[1] + 10 * MIN]
    check(len(on_waking) == len(week.stale),
          'no service said stale, but on waking (%r)' % [s for s in week.stale
                                                        if s[2] not in [o[2] for o in on_waking]])
    if on_waking:
        closed = notes.closed()
        check(all(nid in closed for _, _, nid in on_waking),
              'what was said stale on waking went once the service was read (%r)' % on_waking)

    # -- the figures -----------------------------------------------------------
    hours = sum(e - s for s, e in RUNNING) / H
    figures = {
        'soak': 'week', 'days': DAYS, 'factor': FACTOR, 'wall_seconds': round(wall),
        'simulated_hours_running': round(hours, 1),
        'requests': len(requests), 'incidents': len(incidents),
        'surfaced': len(PLAN) - len(missing),
        'notified_once': sum(1 for i in PLAN if len(i.own) == 1),
        'notified_twice': len(twice),
        'writes': writes, 'writes_expected': len(acked) * 2 + len(
            [i for i in incidents if i.acked]) + 4,
        'writes_sent_again': again,
        'taken_by_teammates_finished': len(followed), 'seen_done': len(seen_done),
        'finished_past_follow_age': len(past_age),
        'away_summaries': [{'at': clock(w), 'requests': n, 'need_answer': k, 'since': s}
                           for w, n, k, s in told],
        'away_expected': [{'at': clock(w), 'requests': n, 'need_answer': k}
                          for w, n, k in AWAY],
        'reminders_told': told_total, 'reminded': len(got), 'reminders_expected': len(want),
        'reminder_notifications': len(week.reminder_notes),
        'first_responses_report': {k: list(v) for k, v in said.items()},
        'first_responses_script': {k: list(v) for k, v in mine.items()},
        'rss_kb': [{'day': d, 'when': w, 'kb': kb} for d, w, kb in week.memory],
        'rss_end_kb': evenings[-1] if evenings else None,
        'cpu_seconds': round(week.cpu, 1),
        'cpu_per_simulated_hour': round(week.cpu / hours, 2) if hours else None,
        'notifications': feed.count,
        'script_tick_max_s': round(week.tick_max, 3),
        'starts': len(week.started),
        'last_read_lag_at_quit_s': [lag for _, lag in week.lags],
        'start_wall_seconds_max': round(max(s for _, s, _ in week.started), 2),
        'could_not_read': len(week.problems), 'stale': len(week.stale),
        'stale_on_waking': len(on_waking),
        'other_notifications': week.others,
    }
    print('# ' + json.dumps(figures, sort_keys=True))
    print('# The week, %d days at x%d, in %d s of wall time (%.0f simulated hours running):'
          % (DAYS, FACTOR, wall, hours))
    print('#   %d requests and %d pages, %d surfaced; %d notified once, none twice'
          % (len(requests), len(incidents), figures['surfaced'], figures['notified_once']))
    print('#   writes: %d made, %d expected (%d requests acknowledged, %d pages, the '
          'rotation\'s 4); %d sent again as their answer came late'
          % (writes, figures['writes_expected'], len(acked),
             len([i for i in incidents if i.acked]), again))
    print('#   taken by teammates and finished, seen done: %d of %d (%d finished past the '
          'follow age)'
          % (len(seen_done), len(followed), len(past_age)))
    for w, n, k, s in told:
        print('#   away summary %s: %d came in since %s, %d need an answer' % (clock(w), n, s, k))
    print('#   reminders: %d requests reminded (expected %d), told %d times in %d notifications'
          % (len(got), len(want), told_total, len(week.reminder_notes)))
    for label in mine:
        print('#   first responses, %s: report %s, script %d of %d'
              % (label, '%d of %d' % said[label] if label in said else '-', *mine[label]))
    print('#   memory (MB): ' + ', '.join('%s %s %.1f' % (d, w[0], kb / 1024)
                                           for d, w, kb in week.memory))
    print('#   CPU: %.1f s, %.2f s per simulated hour; slowest start %.1f s'
          % (week.cpu, figures['cpu_per_simulated_hour'] or 0,
             figures['start_wall_seconds_max']))
    print('#   "could not read": %d, stale: %d; other notifications: %r'
          % (len(week.problems), len(week.stale), week.others))
    for when, body in week.problems[:10]:
        print('#   could not read, %s: %s' % (clock(when), body.replace('\n', ' ')))
    said = [line for a in apps for line in a.output().splitlines() if '-Message: ' in line]
    print('#   what Dayshift said (%d lines; by its clock):' % len(said))
    for line in said[:40]:
        print('#     ' + line[:160])
except Exception as e:
    # finish() exits from the finally clause, which would swallow this.
    check(False, 'the test ran to its end (%s: %s)' % (type(e).__name__, e))
    raise
finally:
    if week.app is not None and week.app.alive():
        try:
            os.kill(week.app.proc.pid, signal.SIGCONT)
        except OSError:
            pass
    stop_apps(apps, server)
    finish()
