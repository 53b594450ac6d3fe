#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A new user's first run, in the window, under Xvfb and AT-SPI, with the
team's services on loopback:

- with no team profile the demo runs, and the window says so, with a button
  to set up the team;
- a profile with a bad key is refused in place, naming the key; the demo
  goes on;
- one kept on GitHub with no GitHub token yet says so, in place;
- a good one is used at once, in the same process: the demo's items go,
  nothing of the demo is in the team's database, and the window names the
  services whose tokens are missing;
- a token saved in Settings is used at once: the window stops naming that
  service and Dayshift reads it; so is a changed poll interval, with what
  GitHub answered before (every listing 304);
- "Try the demo" (app.use-profile '') brings the demo back."""

import json
import os
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
from dsapp import APP_ID, App, Bus, check, finish, gapplication, tray_labels, wait_until  # noqa: E402,E501
import fake_services  # noqa: E402

import pyatspi  # noqa: E402
from dsatspi import find, find_app, frame_of, page, press  # noqa: E402

tmp = os.environ.get('DS_TEST_TMPDIR', '/tmp')
data = os.path.join(os.environ['XDG_DATA_HOME'], 'dayshift')
world, base, server = fake_services.start()
good = fake_services.profile(base, os.path.join(tmp, 'team.json'))
with open(good) as f:
    broken = json.load(f)
broken['teammates'][1]['slack'] = 42
bad = os.path.join(tmp, 'broken-team.json')
with open(bad, 'w') as f:
    json.dump(broken, f)












def inbox_rows(frame):
    inbox = find(frame, pyatspi.ROLE_LIST_BOX, 'Inbox') or find(frame, pyatspi.ROLE_LIST, 'Inbox')
    return inbox.childCount if inbox is not None else 0


def setting(key):
    env = dict(os.environ)
    env.pop('G_MESSAGES_DEBUG', None)
    return subprocess.run(['gsettings', 'get', 'io.github.dayshift.Dayshift', key],
                          capture_output=True, text=True, env=env).stdout.strip()


def db_ids(name):
    try:
        with sqlite3.connect(os.path.join(data, name), timeout=5) as db:
            return [r[0] for r in db.execute('SELECT id FROM items')]
    except sqlite3.Error:
        return None


bus = Bus()
app = App('--background')
pid = app.proc.pid
try:
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'the app took its bus name')
    acc = wait_until(find_app, 15)
    check(acc is not None, 'AT-SPI sees the application')
    gapplication('action', APP_ID, 'open')
    frame = wait_until(lambda: frame_of(acc), 15)
    check(frame is not None, 'the window opens')

    # The demo, said in the window, with the way out.
    demo_note = wait_until(lambda: find(frame, pyatspi.ROLE_LABEL,
                                        contains='This is the demo workspace'), 10)
    check(demo_note is not None, 'the window says this is the demo')
    check(wait_until(lambda: inbox_rows(frame) > 0, 60), 'the demo story brings items')
    press(frame, 'Set Up Your Team…')
    entry = wait_until(lambda: find(frame, pyatspi.ROLE_TEXT, 'Team profile'), 10)
    check(entry is not None, 'the first-run page shows the team profile field')
    check(find(frame, pyatspi.ROLE_PUSH_BUTTON, 'Open the Example') is not None and
          find(frame, pyatspi.ROLE_PUSH_BUTTON, 'Back to the Demo') is not None,
          'with the example and the way back to the demo')

    # A bad profile: refused where it was chosen, naming the key.
    entry.queryEditableText().setTextContents(bad)
    press(frame, 'Use this team profile')
    error = wait_until(lambda: find(frame, pyatspi.ROLE_LABEL, contains='not valid'), 10)
    check(error is not None and 'teammates[1].slack' in error.name,
          'the error names the key (%r)' % (error.name if error else None))
    check(setting('team-profile') == "''", 'a bad profile is not saved (%s)' % setting('team-profile'))
    check(find(frame, pyatspi.ROLE_LABEL, contains='This is the demo workspace') is not None,
          'the demo goes on')

    # The example: a copy the user can start from.
    press(frame, 'Open the Example')
    example = os.path.join(os.environ['XDG_CACHE_HOME'], 'dayshift', 'team-profile.example.json')
    check(wait_until(lambda: os.path.exists(example), 5), 'the example is written for the user')
    said = wait_until(lambda: find(frame, pyatspi.ROLE_LABEL, contains=example), 5)
    check(said is not None, 'the window says where the example is')

    # A profile kept on GitHub, with no GitHub token yet: what is missing is
    # said in place, on the first-run page.
    entry.queryEditableText().setTextContents('acme/ops:dayshift/team.json')
    press(frame, 'Use this team profile')
    said = wait_until(lambda: find(frame, pyatspi.ROLE_LABEL, contains='no GitHub token'), 15)
    check(said is not None, 'a profile on GitHub without a token: said in place (%r)' %
          (said.name if said else None))
    check(find(frame, pyatspi.ROLE_TEXT, 'Team profile') is not None,
          'the first-run page stays, to choose again')

    # A page like the others: another page leaves it, its own brings it back.
    page(frame, 'Standup')
    check(wait_until(lambda: find(frame, pyatspi.ROLE_TEXT, 'Team profile') is None, 5),
          'choosing Standup leaves the first-run page')
    page(frame, 'Set Up')
    entry = wait_until(lambda: find(frame, pyatspi.ROLE_TEXT, 'Team profile'), 5)
    check(entry is not None, 'and its page, Set Up, shows it again')

    # A good profile: used at once, in this process.
    entry.queryEditableText().setTextContents(good)
    press(frame, 'Use this team profile')
    check(wait_until(lambda: setting('team-profile') == "'%s'" % good, 10),
          'the profile is saved (%s)' % setting('team-profile'))
    missing = wait_until(lambda: find(frame, pyatspi.ROLE_LABEL, contains='no token is saved'), 15)
    check(missing is not None, 'the window says which tokens are missing')
    if missing is not None:
        check(all(s in missing.name for s in ('GitHub', 'Slack', 'PagerDuty')),
              'naming GitHub, Slack and PagerDuty (%r)' % missing.name)
    check(app.alive() and app.proc.pid == pid, 'no restart')
    check(find(frame, pyatspi.ROLE_LABEL, contains='This is the demo workspace') is None,
          'the demo notice is gone')
    check(wait_until(lambda: inbox_rows(frame) == 0, 10), 'no demo item remains in the window')
    # Empty because nothing is read yet: said so, not "All quiet".
    check(wait_until(lambda: find(frame, pyatspi.ROLE_LABEL, 'Nothing Is Read Yet') is not None,
                     10) and find(frame, pyatspi.ROLE_LABEL, 'All quiet') is None,
          'the empty inbox says nothing is read yet, not "All quiet"')
    check(find(frame, pyatspi.ROLE_LABEL, contains='not read: no token saved') is not None,
          'and why: no token saved')
    team_ids = db_ids('dayshift.db')
    check(team_ids == [], "the team's database holds no demo item (%r)" % team_ids)

    # A token saved in Settings is used at once.
    press(frame, 'Open Settings')
    dialog = wait_until(lambda: find(acc, pyatspi.ROLE_FRAME, 'Dayshift Settings'), 10)
    check(dialog is not None, 'Open Settings opens the settings')
    token = dialog and find(dialog, pyatspi.ROLE_PASSWORD_TEXT, 'GitHub token')
    if token:
        token.queryEditableText().setTextContents('ghp_firstrunTESTTOKEN')
        press(dialog, 'Save the GitHub token')
        check(wait_until(lambda: world.calls('GET', '/github/'), 15),
              'GitHub is read with the new token, without a restart')

        def github_named():
            note = find(frame, pyatspi.ROLE_LABEL, contains='no token is saved')
            return note is not None and 'GitHub' in note.name
        check(wait_until(lambda: not github_named(), 10), 'the window no longer names GitHub')

        # A new poll interval applies at once, in the same process: GitHub is read
        # again within the new 30 s (the minute planned before would be later), with
        # what it answered before: every listing 304, whose token it is not asked again.
        check(wait_until(lambda: world.calls('GET', '/github/notifications'), 15),
              "GitHub's first read ends with the mentions")
        time.sleep(1)
        before = len(world.calls('GET', '/github/'))
        answered = len(world.statuses)
        env = dict(os.environ)
        env.pop('G_MESSAGES_DEBUG', None)
        subprocess.run(['gsettings', 'set', 'io.github.dayshift.Dayshift',
                        'github-poll-interval', '30'], env=env)
        check(wait_until(lambda: len(world.calls('GET', '/github/')) > before, 40),
              'a changed poll interval applies without a restart')
        wait_until(lambda: any(p == '/github/notifications' for p, _ in world.statuses[answered:]),
                   5)
        again = world.statuses[answered:]
        check(again != [] and all(status == 304 for _, status in again),
              'GitHub is asked with the ETags it gave: every listing answered 304 (%r)' % again)
        check(all(p != '/github/user' for p, _ in again),
              'and not asked again whose the token is (%r)' % again)

    # A profile that cannot be read (set outside Dayshift): said in a banner.
    env = dict(os.environ)
    env.pop('G_MESSAGES_DEBUG', None)
    subprocess.run(['gsettings', 'set', 'io.github.dayshift.Dayshift', 'team-profile',
                    '/nonexistent/team.json'], env=env)
    check(wait_until(lambda: find(frame, pyatspi.ROLE_LABEL,
                                  'The team profile was not loaded') is not None, 10),
          'a profile that cannot be read: a banner says so')
    unread = '⚠ Nothing is read: the team profile was not loaded · Settings…'
    check(wait_until(lambda: unread in tray_labels(bus), 10),
          'the tray says nothing is read (%r)' % tray_labels(bus))
    page(frame, 'Inbox')
    check(wait_until(lambda: find(frame, pyatspi.ROLE_LABEL, 'Nothing Is Read Yet') is not None and
                     find(frame, pyatspi.ROLE_LABEL,
                          'Nothing is read: the team profile was not loaded') is not None, 5),
          'and the inbox says why it is empty, not "All quiet"')

    # And back to the demo: what was said of the old profile goes with it.
    res = gapplication('action', APP_ID, 'use-profile', "''")
    check(res.returncode == 0, 'app.use-profile "" (Try the demo)')
    check(wait_until(lambda: find(frame, pyatspi.ROLE_LABEL,
                                  contains='This is the demo workspace') is not None, 15),
          'the demo is back')
    check(wait_until(lambda: find(frame, pyatspi.ROLE_LABEL,
                                  'The team profile was not loaded') is None, 5),
          "and the old profile's banner is gone")
    check(wait_until(lambda: unread not in tray_labels(bus), 5),
          'and so is the tray\'s warning')
    check(wait_until(lambda: inbox_rows(frame) > 0, 30), 'with its items, where it left off')
    check(db_ids('dayshift.db') == [], "the team's database still holds no demo item")
    check(app.alive() and app.proc.pid == pid, 'still the same process')
finally:
    app.stop()
    server.shutdown()
    print('# app output:\n# ' + app.output().replace('\n', '\n# '))

finish()
