#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""With no StatusNotifierWatcher the app falls back to a status icon and
keeps running; `gapplication action APP_ID quit` ends it."""

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
from dsapp import APP_ID, App, Bus, check, finish, gapplication, visible_windows, wait_until  # noqa

bus = Bus()
check(not bus.has_owner('org.kde.StatusNotifierWatcher'), 'no watcher on this bus')
app = App('--background')
try:
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'the app took its bus name')
    time.sleep(1.5)
    check(app.alive(), 'the app keeps running without a watcher')

    res = gapplication('action', APP_ID, 'open')
    check(res.returncode == 0, 'gapplication action open: %s' % res.stderr.strip())
    check(wait_until(lambda: visible_windows('Dayshift')), 'the window opens')

    res = gapplication('action', APP_ID, 'quit')
    check(res.returncode == 0, 'gapplication action quit: %s' % res.stderr.strip())
    rc = app.wait_exit(10)
    check(rc == 0, 'the app ended with status 0 (got %r)' % rc)
finally:
    out = app.output()
    app.stop()
    check('CRITICAL' not in out, 'no criticals from the app')
    if out:
        print('# app output:\n# ' + out.replace('\n', '\n# '))
finish()
