#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""D-Bus activation, as a desktop does it: nothing running, a bus that knows
Dayshift's service file (pointed at the build tree). An action asked of the
bus name starts Dayshift in service mode (tray only) and runs: `open` shows
the window, the desktop file's `pause-notifications` pauses, `quit` ends it.
The desktop file says DBusActivatable and lists those actions."""

import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
from dsapp import APP_ID, BINARY, BUILD, EXAMPLE_PROFILE, Bus, check, finish, gapplication, visible_windows, wait_until  # noqa: E402,E501


def dayshift_pids():
    """This session's Dayshift processes (other tests may run theirs at the
    same time): the ones whose data folder is this test's."""
    out = subprocess.run(['pgrep', '-f', os.path.join(BUILD, 'src', 'dayshift')],
                         capture_output=True, text=True).stdout
    mine = ('XDG_DATA_HOME=' + os.environ['XDG_DATA_HOME']).encode()
    pids = []
    for pid in out.split():
        try:
            with open('/proc/%s/environ' % pid, 'rb') as f:
                if mine in f.read().split(b'\0'):
                    pids.append(int(pid))
        except OSError:
            pass
    return pids


bus = Bus()
check(not bus.has_owner(APP_ID) and not dayshift_pids(), 'nothing runs yet')

desktop = os.path.join(BUILD, 'data', APP_ID + '.desktop')
with open(desktop) as f:
    entry = f.read()
check('DBusActivatable=true' in entry, 'the desktop file says DBusActivatable')
check('Actions=open;pause-notifications;quit;' in entry and
      '[Desktop Action pause-notifications]' in entry,
      'and lists the actions Open, Pause notifications, Quit')

res = gapplication('action', APP_ID, 'open', timeout=30)
check(res.returncode == 0, 'app.open on a bus with nothing running (%s)' % res.stderr.strip())
check(wait_until(lambda: bus.has_owner(APP_ID), 20), 'the bus started Dayshift')
check(len(dayshift_pids()) == 1, 'one Dayshift, started by the bus')
check(wait_until(lambda: visible_windows('Dayshift'), 20), 'and the action ran: the window shows')

res = gapplication('action', APP_ID, 'pause-notifications')
check(res.returncode == 0, 'the desktop action "pause-notifications" runs in it')
res = gapplication('action', APP_ID, 'quit')
check(res.returncode == 0, 'quit')
check(wait_until(lambda: not bus.has_owner(APP_ID) and not dayshift_pids(), 15), 'it ended')

# Activated again for an action alone: it starts in the tray, no window.
res = gapplication('action', APP_ID, 'refresh', timeout=30)
check(res.returncode == 0 and wait_until(lambda: bus.has_owner(APP_ID), 20),
      'an action alone starts it again')
time.sleep(2)
check(not visible_windows('Dayshift'), 'in the tray only: no window for a background action')

# The demo runs (no team profile): --status reads its database, the one in
# use, as --status --json does; the team's has never been made.
res = subprocess.run([BINARY, '--status', '--json'], capture_output=True, text=True, timeout=20)
check(res.returncode == 0 and res.stdout.startswith('{') and '"error"' not in res.stdout,
      '--status reads the running demo\'s database (%s%s)' % (res.stdout[:80], res.stderr[:80]))
check(not os.path.exists(os.path.join(os.environ['XDG_DATA_HOME'], 'dayshift', 'dayshift.db')),
      'and the team\'s database was not made')

# A second Dayshift with options for its run: said why not, not ignored.
res = subprocess.run([BINARY, '--team-profile', '/nonexistent/team.json'], capture_output=True,
                     text=True, timeout=20)
check(res.returncode == 1 and 'could not be opened' in res.stderr,
      '--team-profile naming no file: said (%s)' % res.stderr.strip())
res = subprocess.run([BINARY, '--team-profile', EXAMPLE_PROFILE], capture_output=True,
                     text=True, timeout=20)
check(res.returncode == 1 and 'already running' in res.stderr,
      '--team-profile while Dayshift runs: it says it keeps its profile (%s)' % res.stderr.strip())
check(len(dayshift_pids()) == 1, 'and one Dayshift still runs')
gapplication('action', APP_ID, 'quit')
wait_until(lambda: not dayshift_pids(), 15)
finish()
