#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Settings' tokens under Xvfb and AT-SPI, with a keyring and the team's
services on loopback: a typed token is never lost.

- a token typed over a saved one and not yet saved is said to be not saved,
  never "Saved";
- the window closed with its title bar's Close saves the typed token in the
  keyring first, and the workspace uses it;
- opened again, the row says the token is saved, and the field is empty;
- a token typed and left (the focus moves to another field) is saved;
- Escape closes the window as its Close does, saving a typed token first."""

import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
from dsapp import APP_ID, App, Bus, check, finish, gapplication, team_with_tokens  # noqa: E402
from dsapp import wait_until  # noqa: E402

from dsatspi import find_app  # noqa: E402
import pyatspi  # noqa: E402

world, base, server, team = team_with_tokens(('github',))
OLD = 'test-token-github'
TOKEN = 'ghp_closedTESTTOKEN'


def find(root, role, name):
    return pyatspi.findDescendant(root, lambda a: a.getRole() == role and a.name == name)


def label_with(root, text):
    return pyatspi.findDescendant(root, lambda a: a.getRole() == pyatspi.ROLE_LABEL and
                                  text in (a.name or ''))


def keyring(service):
    proc = subprocess.run(['secret-tool', 'lookup', 'xdg:schema', APP_ID, 'service', service],
                          capture_output=True, text=True, timeout=20)
    return proc.stdout


def settings(acc):
    gapplication('action', APP_ID, 'settings')
    return wait_until(lambda: pyatspi.findDescendant(
        acc, lambda a: a.getRole() == pyatspi.ROLE_FRAME and a.name == 'Dayshift Settings' and
        a.getState().contains(pyatspi.STATE_SHOWING)), 10)


bus = Bus()
app = App('--background', '--team-profile', team)
try:
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'the app took its bus name')
    acc = wait_until(find_app, 15)
    dialog = acc and settings(acc)
    check(bool(dialog), 'the settings open')
    entry = dialog and find(dialog, pyatspi.ROLE_PASSWORD_TEXT, 'GitHub token')
    close = dialog and find(dialog, pyatspi.ROLE_PUSH_BUTTON, 'Close')
    check(bool(entry) and bool(close), 'the GitHub row has its field, the title bar its Close')
    check(keyring('github') == OLD, 'the old GitHub token in the keyring at first')

    if entry and close:
        said = wait_until(lambda: label_with(dialog, 'Saved'), 10)
        check(said is not None, 'the old token is said to be saved')
        entry.queryEditableText().setTextContents(TOKEN)
        said = wait_until(lambda: label_with(dialog, 'Not saved yet'), 5)
        check(said is not None, 'a typed token is said to be not saved yet')
        check(label_with(dialog, 'Saved') is None, 'no row says "Saved" any more')

        close.queryAction().doAction(0)
        saved = wait_until(lambda: keyring('github') == TOKEN, 15)
        check(saved, 'closing the window saved the typed token in the keyring (%r)' %
              keyring('github'))
        gone = wait_until(lambda: not pyatspi.findDescendant(
            acc, lambda a: a.getRole() == pyatspi.ROLE_FRAME and a.name == 'Dayshift Settings' and
            a.getState().contains(pyatspi.STATE_SHOWING)), 10)
        check(gone, 'the window closed')
        used = wait_until(lambda: ('/github/user', 'token ' + TOKEN) in world.auth or
                          any(a == 'token ' + TOKEN or a == 'Bearer ' + TOKEN
                              for _, a in world.auth), 30)
        check(used, 'the workspace reads GitHub with the token')

        dialog = settings(acc)
        entry = dialog and find(dialog, pyatspi.ROLE_PASSWORD_TEXT, 'GitHub token')
        check(bool(entry) and entry.queryText().characterCount == 0, 'opened again, empty field')
        said = dialog and wait_until(lambda: label_with(dialog, 'Saved'), 10)
        check(said is not None and said.name == 'Saved', 'opened again, the row says "Saved"')

        slack = dialog and find(dialog, pyatspi.ROLE_PASSWORD_TEXT, 'Slack token')
        if slack and entry:
            slack.queryComponent().grabFocus()
            slack.queryEditableText().setTextContents('xoxb-leftTESTTOKEN')
            entry.queryComponent().grabFocus()
            saved = wait_until(lambda: keyring('slack') == 'xoxb-leftTESTTOKEN', 15)
            check(saved, 'a token left for another field is saved (%r)' % keyring('slack'))
            check(slack.queryText().characterCount == 0, 'and its field let go of it')

            # Escape, with the focus in a field holding a typed token.
            slack.queryComponent().grabFocus()
            slack.queryEditableText().setTextContents('xoxb-escapeTESTTOKEN')
            wait_until(lambda: label_with(dialog, 'Not saved yet'), 5)
            subprocess.run(['xdotool', 'key', 'Escape'], timeout=20)
            gone = wait_until(lambda: not pyatspi.findDescendant(
                acc, lambda a: a.getRole() == pyatspi.ROLE_FRAME and
                a.name == 'Dayshift Settings' and
                a.getState().contains(pyatspi.STATE_SHOWING)), 10)
            check(gone, 'Escape closed the window')
            saved = wait_until(lambda: keyring('slack') == 'xoxb-escapeTESTTOKEN', 15)
            check(saved, 'after saving the typed token (%r)' % keyring('slack'))
    check(TOKEN not in app.output() and 'xoxb-leftTESTTOKEN' not in app.output() and
          'xoxb-escapeTESTTOKEN' not in app.output(),
          'no token in the app output')
finally:
    app.stop()
    server.shutdown()
    print('# app output:\n# ' + app.output().replace('\n', '\n# '))

finish()
