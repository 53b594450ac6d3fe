#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The real app on N open items (default 10,000): its resident memory in the
tray only, then with the window open, and the time app.open takes to show
the window; medians of RUNS runs. Run it in a throw-away session:

    python3 tests/harness/ds-harness.py --xvfb --notifications --watcher --keyring -- \\
        /usr/bin/python3 bench/window-rss.py [N] [RUNS]
"""

import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests',
                                'harness'))
import fake_services  # noqa: E402
from dsapp import (APP_ID, App, Bus, fill_open_items, gapplication, visible_windows,  # noqa: E402
                   wait_until)

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
tmp = os.environ['DS_TEST_TMPDIR']
db_path = os.path.join(os.environ['XDG_DATA_HOME'], 'dayshift', 'dayshift.db')
world, base, server = fake_services.start()
profile = fake_services.profile(base, os.path.join(tmp, 'team.json'))
bus = Bus()


def rss_mb(pid, field='VmRSS:'):
    with open('/proc/%d/status' % pid) as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    return 0


app = App('--background', '--team-profile', profile)
wait_until(lambda: bus.has_owner(APP_ID), 15)
gapplication('action', APP_ID, 'quit')
app.wait_exit(10)
fill_open_items(db_path, N)

tray, opened, took, tray_anon, opened_anon = [], [], [], [], []
for run in range(RUNS):
    app = App('--background', '--team-profile', profile)
    wait_until(lambda: bus.has_owner(APP_ID), 30)
    time.sleep(5)
    tray.append(rss_mb(app.proc.pid))
    tray_anon.append(rss_mb(app.proc.pid, 'RssAnon:'))
    t0 = time.monotonic()
    gapplication('action', APP_ID, 'open')
    wait_until(lambda: visible_windows('Dayshift'), 30, interval=0.01)
    took.append((time.monotonic() - t0) * 1000)
    time.sleep(3)
    opened.append(rss_mb(app.proc.pid))
    opened_anon.append(rss_mb(app.proc.pid, 'RssAnon:'))
    gapplication('action', APP_ID, 'quit')
    app.wait_exit(10)
    app.stop()
server.shutdown()
print('open items                 %d' % N)
print('RSS, tray only             %.1f MB' % statistics.median(tray))
print('RSS, window open           %.1f MB (+%.1f MB)' % (statistics.median(opened),
                                                        statistics.median(opened) -
                                                        statistics.median(tray)))
print('  of it private (RssAnon)   %.1f MB, then %.1f MB (+%.1f MB); the rest is shared '
      'files (fonts, icons, libraries)' % (statistics.median(tray_anon),
                                            statistics.median(opened_anon),
                                            statistics.median(opened_anon) -
                                            statistics.median(tray_anon)))
print('app.open to window shown   %.0f ms (median of %d)' % (statistics.median(took), RUNS))
