#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check Setup in the window, under Xvfb and AT-SPI, with a real keyring and
the team's services on loopback (GitHub, Slack and PagerDuty tokens saved,
none for ZenHub):

- app.check-setup opens the dialog over the window, and it says when the
  check is done, with how many checks failed;
- each row says its mark in words to screen readers: the GitHub token's
  row passed, naming whose token it is (the fake GitHub's login); the
  schedule's row shows the name PagerDuty gave the schedule;
- a failing row shows its fix, under its title: the ZenHub token, which
  is not saved, says where to make one;
- the Set Up page and Settings → Team have Check Setup, which checks
  again;
- in the demo there is nothing to check: the action is off, Settings'
  button is insensitive, saying why, and the dialog checking again says
  so.

With DS_SCREENSHOT=PATH, the dialog, done, is saved there as a picture."""

import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
from dsapp import (APP_ID, Bus, check, finish, gapplication, start_on_rotation,  # noqa: E402
                   stop_apps, team_with_tokens, visible_windows, wait_until)
import fake_services  # noqa: E402
from gi.repository import GLib  # noqa: E402

import pyatspi  # noqa: E402
from dsatspi import find, find_app, press, showing  # noqa: E402

PATH = '/' + APP_ID.replace('.', '/')


def action_enabled(bus, name):
    """Whether the application's action @name is on (org.gtk.Actions)."""
    (enabled, _, _), = bus.call(APP_ID, PATH, 'org.gtk.Actions', 'Describe',
                                GLib.Variant('(s)', (name,)), '((bgav))')
    return enabled


def dialog_of(acc):
    return find(acc, pyatspi.ROLE_DIALOG, 'Check Setup')


# What the rows come to: "All 14 checks passed.", "3 of 14 checks failed.",
# "12 of 14 checks passed, 2 not checked.", "3 of 14 checks failed, 2 not
# checked."
SUMMARY = re.compile(r'^(All )?[0-9]+ (of [0-9]+ )?checks? (passed|failed)'
                     r'(, [0-9]+ not checked)?\.$')


def summary(dialog):
    """The line at the top once the check is done."""
    label = pyatspi.findDescendant(dialog, lambda a: a.getRole() == pyatspi.ROLE_LABEL and
                                   SUMMARY.match(a.name or '') is not None)
    return label.name if label is not None else None


def rows(dialog):
    """Each check's row: {accessible name: (description, [its labels' texts
    that are showing])}."""
    out = {}
    for item in pyatspi.findAllDescendants(dialog,
                                           lambda a: a.getRole() == pyatspi.ROLE_LIST_ITEM):
        labels = pyatspi.findAllDescendants(item, lambda a: a.getRole() == pyatspi.ROLE_LABEL and
                                            a.getState().contains(pyatspi.STATE_SHOWING))
        out[item.name] = (item.description or '', [a.name or '' for a in labels])
    return out


world, base, server, team = team_with_tokens(('github', 'slack', 'pagerduty'))
# The GitHub token lacks a scope.
world.github_scopes = 'notifications, repo'
bus = Bus()
apps = []
try:
    start_on_rotation(bus, team, apps)
    acc = wait_until(find_app, 15)
    check(wait_until(lambda: action_enabled(bus, 'check-setup'), 15),
          'with a team profile in use, app.check-setup is on')
    gapplication('action', APP_ID, 'open')
    gapplication('action', APP_ID, 'check-setup')
    dialog = acc and wait_until(lambda: dialog_of(acc), 15)
    check(bool(dialog), 'app.check-setup opens "Check Setup"')

    said = dialog and wait_until(lambda: summary(dialog), 60)
    check(said is not None and ' checks failed' in said,
          'the check says when it is done, and that checks failed (%r)' % said)
    found = rows(dialog) if dialog else {}
    github = found.get('GitHub token: passed')
    check(github is not None and fake_services.ME_GITHUB in github[0] and
          any(fake_services.ME_GITHUB in text for text in github[1]),
          'the GitHub token passed, naming whose it is, shown and said (%r)' % (github,))
    # The schedule's row, named by its id until PagerDuty said its name.
    schedule = found.get('Daytime: passed')
    check(schedule is not None and schedule[1][:1] == ['Daytime'],
          'the schedule\'s row shows the name PagerDuty gave it as its title (%r)' % (schedule,))
    failing = {name: row for name, row in found.items() if name.endswith(': failed')}
    check(any('Fix: ' in row[0] and any('Fix: ' in text for text in row[1])
              for row in failing.values()),
          'a failing row shows its fix (%r)' % failing)
    scopes = found.get('The token’s scopes: failed')
    check(scopes is not None and 'read:org' in scopes[0],
          'the scope the GitHub token lacks is named (%r)' % (scopes,))
    zenhub = found.get('ZenHub token: failed')
    check(zenhub is not None and 'Fix: Make a token on ZenHub' in zenhub[0] and
          any('Fix: Make a token on ZenHub' in text for text in zenhub[1]),
          'the ZenHub token, not saved, failed, saying where to make one (%r)' % (zenhub,))
    how = dialog and pyatspi.findDescendant(dialog,
                                            lambda a: a.name == 'How to fix “ZenHub token”')
    check(how is not None, 'with a link to the page that says how')
    check(not any(name.endswith(': checking') for name in found),
          'no row is left checking (%r)' % sorted(found))

    if dialog and os.environ.get('DS_SCREENSHOT'):
        ids = visible_windows('Check Setup')
        if ids:
            subprocess.run(['import', '-window', ids[0], os.environ['DS_SCREENSHOT']],
                           timeout=30)

    # The Set Up page offers it once a profile is in use.
    gapplication('action', APP_ID, 'set-up')
    button = acc and wait_until(lambda: find(acc, pyatspi.ROLE_PUSH_BUTTON, 'Check Setup'), 10)
    check(bool(button) and button.getState().contains(pyatspi.STATE_SENSITIVE),
          'the Set Up page has Check Setup')

    # Settings → Team: Check Setup, under the tokens, checks again.
    if dialog:
        close = find(dialog, pyatspi.ROLE_PUSH_BUTTON, 'Close')
        check(close is not None, 'the dialog has its Close')
        if close is not None:
            close.queryAction().doAction(0)
        check(wait_until(lambda: dialog_of(acc) is None, 10), 'Close closes it')
    gapplication('action', APP_ID, 'settings')
    settings = acc and wait_until(lambda: find(acc, pyatspi.ROLE_FRAME, 'Dayshift Settings'), 10)
    button = settings and wait_until(
        lambda: find(settings, pyatspi.ROLE_PUSH_BUTTON, 'Check Setup'), 10)
    check(bool(button) and button.getState().contains(pyatspi.STATE_SENSITIVE),
          'Settings → Team has Check Setup')
    if button:
        button.queryAction().doAction(0)
        dialog = wait_until(lambda: dialog_of(acc), 15)
        said = dialog and wait_until(lambda: summary(dialog), 60)
        check(said is not None and 'GitHub token: passed' in rows(dialog),
              'which checks again (%r)' % said)

    # The demo: nothing to check. The dialog still open says so on Check Again.
    gapplication('action', APP_ID, 'use-profile', "''")
    check(wait_until(lambda: not action_enabled(bus, 'check-setup'), 15),
          'in the demo, app.check-setup is off')
    if dialog:
        press(dialog, 'Check Again')
        said = wait_until(lambda: find(dialog, pyatspi.ROLE_LABEL,
                                       contains='the demo, which needs no setup'), 15)
        check(said is not None and not rows(dialog),
              'the dialog, checking again in the demo, says there is nothing to check (%r)' %
              sorted(rows(dialog)))
        close = find(dialog, pyatspi.ROLE_PUSH_BUTTON, 'Close')
        if close is not None:
            close.queryAction().doAction(0)
            wait_until(lambda: dialog_of(acc) is None, 10)
    button = settings and wait_until(
        lambda: (lambda b: b if b and b.description == 'The demo needs no setup' else None)(
            find(settings, pyatspi.ROLE_PUSH_BUTTON, 'Check Setup')), 10)
    check(bool(button) and not button.getState().contains(pyatspi.STATE_SENSITIVE),
          'and Settings\' Check Setup is insensitive, saying why (%r)' %
          (button.description if button else None))
    check(showing(settings) if settings else False, 'Settings still open')
    out = ''.join(a.output() for a in apps)
    check('test-token' not in out, 'no token in the app output')
finally:
    stop_apps(apps, server)

finish()
