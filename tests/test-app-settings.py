#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Settings under Xvfb and AT-SPI, with the team's services on loopback and
no keyring on the bus:

- Test asks the service who a typed token belongs to, and says so; a token
  the service refuses is said to be refused, in words, whole: a long answer
  wraps under its row, with no tooltip holding the rest; a service that
  fails a Test is not promised to be tried again (a Test is asked once);
- Save, when the keyring cannot take the token, says why and keeps the
  typed token in its field, to save again later;
- there is one way to close the dialog (its title bar), no Close button."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
from dsapp import APP_ID, App, Bus, check, finish, gapplication, wait_until  # noqa: E402
import fake_services  # noqa: E402

from dsatspi import find_app  # noqa: E402
import pyatspi  # noqa: E402

tmp = os.environ.get('DS_TEST_TMPDIR', '/tmp')
world, base, server = fake_services.start()
team = fake_services.profile(base, os.path.join(tmp, 'team.json'))


def find(root, role, name):
    return pyatspi.findDescendant(root, lambda a: a.getRole() == role and a.name == name)


def label_with(root, text):
    return pyatspi.findDescendant(root, lambda a: a.getRole() == pyatspi.ROLE_LABEL and
                                  text in (a.name or ''))


bus = Bus()
app = App('--background', '--team-profile', team)
try:
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'the app took its bus name')
    acc = wait_until(find_app, 15)
    gapplication('action', APP_ID, 'settings')
    dialog = acc and wait_until(lambda: find(acc, pyatspi.ROLE_FRAME, 'Dayshift Settings'), 10)
    check(bool(dialog), 'the settings open')
    entry = dialog and find(dialog, pyatspi.ROLE_PASSWORD_TEXT, 'GitHub token')
    test = dialog and find(dialog, pyatspi.ROLE_PUSH_BUTTON, 'Test the GitHub token')
    save = dialog and find(dialog, pyatspi.ROLE_PUSH_BUTTON, 'Save the GitHub token')
    check(bool(entry) and bool(test) and bool(save), 'the GitHub row has its field, Save and Test')
    closes = dialog and pyatspi.findAllDescendants(
        dialog, lambda a: a.getRole() == pyatspi.ROLE_PUSH_BUTTON and a.name == 'Close')
    check(closes is not None and len(closes) == 1,
          'one Close, the title bar\'s: settings apply as they change')

    if entry and test and save:
        entry.queryEditableText().setTextContents('ghp_goodTESTTOKEN')
        test.queryAction().doAction(0)
        said = wait_until(lambda: label_with(dialog, 'Works: '), 10)
        check(said is not None and said.name == 'Works: GitHub user %s' % fake_services.ME_GITHUB,
              'Test says whose token it is (%r)' % (said.name if said else None))
        # One line, the height of that answer's label, laid out once its text is
        # in (it held a longer text before: the smallest height it settles at).
        def height():
            return said.queryComponent().getExtents(pyatspi.DESKTOP_COORDS).height if said else 0
        wait_until(lambda: height() > 0, 5)
        one_line = height()
        for _ in range(10):
            wait_until(lambda: False, 0.1)
            one_line = min(one_line, height())
        asked = world.calls('GET', '/github/user')
        check(len(asked) == 1, 'GitHub was asked once, at the profile\'s address')

        world.fail['/github/user'] = (401, {'message': 'Bad credentials'})
        entry.queryEditableText().setTextContents('ghp_badTESTTOKEN')
        test.queryAction().doAction(0)
        said = wait_until(lambda: label_with(dialog, 'rejected the token'), 10)
        check(said is not None and said.name.startswith('GitHub rejected the token') and
              'Bad credentials' in said.name,
              'a refused token is said in words (%r)' % (said.name if said else None))

        # A long answer, whole: wrapped over several lines, inside the window.
        world.fail['/github/user'] = (401, {'message': 'Bad credentials: ' + ' '.join(
            ['this token was revoked by an organization owner'] * 4)})
        test.queryAction().doAction(0)
        said = wait_until(lambda: label_with(dialog, 'revoked'), 10)
        check(said is not None and said.name.endswith("Save a new token in Dayshift's Settings."),
              'a long refusal is in its label whole (%r)' % (said.name if said else None))
        if said:
            check(not said.description, 'and not in a tooltip (%r)' % said.description)
            # The label is laid out again after its text changes: wait for it.
            def extents():
                return said.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
            wait_until(lambda: extents().height >= 2 * one_line, 5)
            box = extents()
            win = dialog.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
            check(one_line > 0 and box.height >= 2 * one_line and
                  box.x + box.width <= win.x + win.width,
                  'wrapped inside the window (%dx%d, a line %d high, the window ends at %d)' %
                  (box.width, box.height, one_line, win.x + win.width))

        world.fail['/github/user'] = (503, {})
        test.queryAction().doAction(0)
        said = wait_until(lambda: label_with(dialog, 'had a problem'), 10)
        check(said is not None and 'will try again' not in said.name,
              'a failed Test promises no retry (%r)' % (said.name if said else None))
        del world.fail['/github/user']

        # No keyring: Save says so, and the typed token stays in its field.
        entry.queryEditableText().setTextContents('ghp_keptTESTTOKEN')
        save.queryAction().doAction(0)
        said = wait_until(lambda: pyatspi.findDescendant(
            dialog, lambda a: a.getRole() == pyatspi.ROLE_LABEL and 'eyring' in (a.name or '') and
            not a.name.startswith('Kept in your keyring') and 'GitHub' in a.name and
            'save' in a.name), 15)
        check(said is not None and 'Saved' not in said.name,
              'Save says the keyring did not take it (%r)' % (said.name if said else None))
        kept = entry.queryText().characterCount
        check(kept == len('ghp_keptTESTTOKEN'), 'the typed token is kept (%d characters)' % kept)
        check('ghp_keptTESTTOKEN' not in app.output() and 'ghp_goodTESTTOKEN' not in app.output(),
              'no token in the app output')
finally:
    app.stop()
    server.shutdown()
    print('# app output:\n# ' + app.output().replace('\n', '\n# '))

finish()
