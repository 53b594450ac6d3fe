#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Dayshift beside the floor (the same stack doing the least), against the
loopback services, in a throw-away session (bench/run.sh starts it):
idle memory and CPU, the window on many open items, start-up, --status,
and an hour of polling (nothing new, then a realistic stream) sped up with
libfaketime. Prints one `key value` line per figure.

    python3 tests/harness/ds-harness.py --xvfb --notifications --watcher --keyring -- \\
        /usr/bin/python3 bench/footprint.py [IDLE_SECONDS]
"""

import calendar
import collections
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'tests', 'harness'))
import fake_services  # noqa: E402
from dsapp import (APP_ID, BINARY, BUILD, App, Bus, fill_open_items, gapplication,  # noqa: E402
                   store_token, visible_windows, wait_until)

IDLE = int(sys.argv[1]) if len(sys.argv) > 1 else 60
WINDOW_ITEMS = 5000
LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1'
WATCHER = 'org.kde.StatusNotifierWatcher'
tmp = os.environ['DS_TEST_TMPDIR']
db_path = os.path.join(os.environ['XDG_DATA_HOME'], 'dayshift', 'dayshift.db')
bus = Bus()
TICKS = os.sysconf('SC_CLK_TCK')

# Slack's rate-limit tier of each Web API method Dayshift calls.
SLACK_TIERS = {'conversations.history': 'Tier 3', 'conversations.replies': 'Tier 3',
               'conversations.list': 'Tier 2', 'users.info': 'Tier 4', 'auth.test': 'Special',
               'reactions.add': 'Tier 3', 'chat.postMessage': 'Special',
               'chat.getPermalink': 'Special', 'apps.connections.open': 'Tier 1'}


def say(key, value):
    print('%s %s' % (key, value), flush=True)


def rss_mb(pid):
    with open('/proc/%d/status' % pid) as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) / 1024
    return 0


def cpu_s(pid):
    with open('/proc/%d/stat' % pid) as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def idle(pid, seconds):
    """RSS after settling, and CPU seconds per hour while idle."""
    c0 = cpu_s(pid)
    time.sleep(seconds)
    return rss_mb(pid), (cpu_s(pid) - c0) * 3600 / seconds


def registered():
    items = bus.get_property(WATCHER, '/StatusNotifierWatcher', WATCHER,
                             'RegisteredStatusNotifierItems')
    return bool(items)


def quit_app(app):
    gapplication('action', APP_ID, 'quit')
    app.wait_exit(10)
    app.stop()


world, base, server = fake_services.start()
profile = fake_services.profile(base, os.path.join(tmp, 'team.json'))
for service in ('slack', 'github', 'pagerduty', 'zenhub'):
    store_token(service, base, 'bench-token-' + service)

# The floor.
floor = subprocess.Popen([os.path.join(BUILD, 'bench', 'bench-floor'), base + '/github/user'],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
floor.stdout.readline()
wait_until(registered, 10)
time.sleep(5)
floor_rss, floor_cpu = idle(floor.pid, min(IDLE, 30))
floor.terminate()
floor.wait()
wait_until(lambda: not registered(), 10)
say('floor_rss_mb', '%.1f' % floor_rss)
say('floor_cpu_s_per_hour', '%.2f' % floor_cpu)

# Start-up: launch to the tray item registered, five times.
startups = []
for _ in range(5):
    t0 = time.monotonic()
    app = App('--background', '--team-profile', profile)
    wait_until(registered, 30, interval=0.005)
    startups.append((time.monotonic() - t0) * 1000)
    if _ < 4:
        quit_app(app)
        wait_until(lambda: not registered(), 10)
say('startup_to_tray_ms', '%.0f' % statistics.median(startups))

# Idle, tray only, polling the quiet services.
gapplication('action', APP_ID, 'start-rotation')
time.sleep(10)
ds_rss, ds_cpu = idle(app.proc.pid, IDLE)
say('dayshift_rss_mb', '%.1f' % ds_rss)
say('dayshift_cpu_s_per_hour', '%.2f' % ds_cpu)
quit_app(app)

# --status as a whole process.
status = []
for _ in range(5):
    t0 = time.monotonic()
    subprocess.run([BINARY, '--status'], capture_output=True)
    status.append((time.monotonic() - t0) * 1000)
say('status_ms', '%.0f' % statistics.median(status))

# The window on many open items.
fill_open_items(db_path, WINDOW_ITEMS)
app = App('--background', '--team-profile', profile)
wait_until(lambda: bus.has_owner(APP_ID), 30)
time.sleep(5)
tray_rss, tray_cpu = idle(app.proc.pid, 10)
t0 = time.monotonic()
gapplication('action', APP_ID, 'open')
wait_until(lambda: visible_windows('Dayshift'), 30, interval=0.01)
open_ms = (time.monotonic() - t0) * 1000
time.sleep(3)
win_rss, win_cpu = idle(app.proc.pid, min(IDLE, 30))
quit_app(app)
say('items_rss_mb', '%.1f' % tray_rss)
say('window_items', WINDOW_ITEMS)
say('window_rss_mb', '%.1f' % win_rss)
say('window_cpu_s_per_hour', '%.2f' % win_cpu)
say('window_open_ms', '%.0f' % open_ms)
server.shutdown()

# An hour of polling, sixty times faster: nothing new, then a request every
# quarter of an hour and a page. The services' clock runs with the app's.
if os.path.exists(LIBFAKETIME):
    FACTOR = 60
    START = calendar.timegm((2026, 11, 30, 9, 0, 0))
    shutil.rmtree(os.path.dirname(db_path), ignore_errors=True)
    world, base, server = fake_services.start(START, FACTOR)
    profile = fake_services.profile(base, os.path.join(tmp, 'team-hour.json'))
    for service in ('slack', 'github', 'pagerduty', 'zenhub'):
        store_token(service, base, 'bench-token-' + service)
    env = dict(os.environ, LD_PRELOAD=LIBFAKETIME, FAKETIME='@2026-11-30 09:00:00 x%d' % FACTOR,
               FAKETIME_NO_CACHE='1', TZ='UTC')
    app = App('--background', '--team-profile', profile, env=env)
    wait_until(lambda: bus.has_owner(APP_ID), 30)
    gapplication('action', APP_ID, 'start-rotation')

    def hour(first, last):
        with world.lock:
            reqs = [(r, t) for r, t in zip(world.requests, world.times) if first <= t < last]
            statuses = list(world.statuses)
        per = collections.Counter(r[1].split('/')[1] for r, _ in reqs)
        tiers = collections.Counter(SLACK_TIERS.get(r[1].split('/')[-1], 'other')
                                    for r, _ in reqs if r[1].startswith('/slack/'))
        github_gets = [r for r, _ in reqs if r[1].startswith('/github/') and r[0] == 'GET']
        not_modified = sum(1 for p, s in statuses if s == 304)
        return per, tiers, len(github_gets), not_modified

    # Quiet: from five minutes in (after the first look) for an hour.
    cpu0 = None
    while world.now() < START + 5 * 60:
        time.sleep(0.2)
    cpu0 = cpu_s(app.proc.pid)
    n304_before = sum(1 for p, s in world.statuses if s == 304)
    get_before = len(world.statuses)
    while world.now() < START + 65 * 60:
        time.sleep(0.2)
    quiet_cpu = cpu_s(app.proc.pid) - cpu0
    per, tiers, github_gets, _ = hour(START + 5 * 60, START + 65 * 60)
    with world.lock:
        statuses = world.statuses[get_before:]
    points = sum(1 for p, s in statuses if s != 304)
    say('quiet_hour_requests', ' '.join('%s=%d' % kv for kv in sorted(per.items())))
    say('quiet_hour_slack_tiers', ' '.join('%s=%d' % kv for kv in sorted(tiers.items())))
    say('quiet_hour_github_points', points)
    say('quiet_hour_github_not_modified', len(statuses) - points)
    say('quiet_hour_cpu_s', '%.2f' % quiet_cpu)

    # A realistic hour: a request every quarter of an hour, a page at half past.
    stream_start = world.now()
    posted = 0
    get_before = len(world.statuses)
    while world.now() < stream_start + 3600:
        minute = (world.now() - stream_start) / 60
        if minute >= posted * 15 and posted < 4:
            world.post('C0SUPPORT1', 'Could someone look at request %d, please?' % posted)
            posted += 1
            if posted == 2:
                world.page('PBENCH01', 'api: error rate above 5%')
        time.sleep(0.1)
    per, tiers, github_gets, _ = hour(stream_start, stream_start + 3600)
    with world.lock:
        statuses = world.statuses[get_before:]
    say('stream_hour_requests', ' '.join('%s=%d' % kv for kv in sorted(per.items())))
    say('stream_hour_slack_tiers', ' '.join('%s=%d' % kv for kv in sorted(tiers.items())))
    say('stream_hour_github_points', sum(1 for p, s in statuses if s != 304))
    with sqlite3.connect(db_path) as db:
        say('stream_hour_items', db.execute("SELECT COUNT(*) FROM items").fetchone()[0])
    quit_app(app)
    server.shutdown()
