#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A damaged database at start-up: the app moves it aside, says so in a
notification that names the file, and keeps working with a fresh one."""

import glob
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
from dsapp import (APP_ID, EXAMPLE_PROFILE, App, Bus, check, finish, gapplication,  # noqa: E402
                   tray_labels, wait_until)

data_dir = os.path.join(os.environ['XDG_DATA_HOME'], 'dayshift')
db = os.path.join(data_dir, 'dayshift.db')
os.makedirs(data_dir, mode=0o700)
garbage = b'not a database, but somebody\'s history: keep me\n' * 200
with open(db, 'wb') as f:
    f.write(garbage)

bus = Bus()
# With a team profile: the real database (the demo keeps its own).
app = App('--background', '--team-profile', EXAMPLE_PROFILE)


def notified():
    calls = bus.mock_calls('org.freedesktop.Notifications', '/org/freedesktop/Notifications',
                           'Notify')
    return [c[1] for c in calls if c[1][3] == 'Dayshift needs your attention']


try:
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'the app started')
    found = wait_until(notified, 10)
    check(bool(found), 'one notification tells the user')
    moved = glob.glob(db + '.damaged-*')
    check(len(moved) == 1, 'the damaged file was moved aside: %r' % moved)
    if found and moved:
        body = found[0][4]
        check(moved[0] in body, 'the notification names where the file went')
        check('damaged' in body, 'the notification says the file was damaged')
        with open(moved[0], 'rb') as f:
            check(f.read() == garbage, 'the damaged file is kept byte for byte')
    check(os.path.exists(db) and os.stat(db).st_mode & 0o777 == 0o600,
          'a fresh private database took its place')
    check(app.alive(), 'the app keeps running')

    # The example profile and no token saved: nothing is read, and the tray
    # says so with its warning, not "No open requests" as if all were quiet.
    def unread():
        return [label for label in tray_labels(bus) if label.startswith('⚠ ')]
    said = wait_until(unread, 10)
    check(bool(said) and said[0].endswith(' not read: no token saved · Settings…') and
          'GitHub' in said[0], 'the tray says what is not read and why (%r)' % said)
    gapplication('action', APP_ID, 'quit')
    check(app.wait_exit(10) == 0, 'quit')
finally:
    out = app.output()
    app.stop()
    print('# app output:\n# ' + out.replace('\n', '\n# '))
finish()
