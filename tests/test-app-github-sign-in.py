#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Signing in to GitHub without pasting a token (the device flow), under
Xvfb and AT-SPI, with a keyring and the team's services on loopback: a
GitHub that knows the team's OAuth app.

- with a profile naming the app's client id, Settings offers "Sign in with
  GitHub…"; clicked, it shows GitHub's code (read here over AT-SPI) with
  Copy, opens GitHub's page in the browser, and waits, asking GitHub no more
  often than it says;
- refused on GitHub: said in words, with Try Again, which asks for a new
  code;
- approved: the token GitHub gave is in the keyring for the profile's
  GitHub address, the dialog says "Signed in as" the login GitHub gives for
  it, Settings says the token is saved, and the running workspace reads
  GitHub with it; the token is never printed;
- the Set Up page offers it too; with a profile without a client id,
  neither does."""

import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
from dsapp import APP_ID, App, Bus, check, finish, gapplication, gsettings  # noqa: E402
from dsapp import wait_until  # noqa: E402
import fake_services  # noqa: E402

import pyatspi  # noqa: E402
from dsatspi import find, find_app, frame_of, press, showing  # noqa: E402

tmp = os.environ['DS_TEST_TMPDIR']
CLIENT_ID = 'Ov23liTESTclient1'
TOKEN = 'gho_signedINviaTHEdeviceFLOW0123456789'

world, base, server = fake_services.start()
world.device_flow(CLIENT_ID, TOKEN)
plain = fake_services.profile(base, os.path.join(tmp, 'team-plain.json'))
with open(plain) as f:
    p = json.load(f)
p['github']['oauth_client_id'] = CLIENT_ID
team = os.path.join(tmp, 'team.json')
with open(team, 'w') as f:
    json.dump(p, f)

# A browser that only notes what it was asked to open.
opened = os.path.join(tmp, 'browser-opened')
apps_dir = os.path.join(os.environ['XDG_DATA_HOME'], 'applications')
os.makedirs(apps_dir, exist_ok=True)
with open(os.path.join(apps_dir, 'test-browser.desktop'), 'w') as f:
    f.write('[Desktop Entry]\nType=Application\nName=Test Browser\n'
            'Exec=sh -c \'echo "$1" >> %s\' sh %%u\n'
            'MimeType=x-scheme-handler/http;x-scheme-handler/https;\n' % opened)
with open(os.path.join(os.environ['XDG_CONFIG_HOME'], 'mimeapps.list'), 'w') as f:
    f.write('[Default Applications]\nx-scheme-handler/https=test-browser.desktop\n'
            'x-scheme-handler/http=test-browser.desktop\n')


def browsed():
    try:
        with open(opened) as f:
            return f.read().split()
    except FileNotFoundError:
        return []


def keyring_github():
    """(host, token) of the GitHub token in the keyring, or None."""
    proc = subprocess.run(['secret-tool', 'search', '--all', '--unlock', 'xdg:schema', APP_ID,
                           'service', 'github'], capture_output=True, text=True, timeout=20)
    said = proc.stdout + proc.stderr  # secret-tool says the attributes on stderr
    found = re.findall(r'^secret = (.*)$', said, re.M)
    hosts = re.findall(r'^attribute\.host = (.*)$', said, re.M)
    return (hosts[0], found[0]) if found and hosts else None


def settings(acc):
    gapplication('action', APP_ID, 'settings')
    return wait_until(lambda: frame_of(acc, 'Dayshift Settings'), 10)


def sign_in_dialog(acc):
    return pyatspi.findDescendant(acc, lambda a: a.getRole() == pyatspi.ROLE_DIALOG and
                                  a.name == 'Sign in with GitHub' and showing(a))


def shown_code(dialog):
    """The code the dialog shows, as a person reads it."""
    label = pyatspi.findDescendant(dialog, lambda a: a.getRole() == pyatspi.ROLE_LABEL and
                                   showing(a) and
                                   re.fullmatch(r'[A-Z0-9]{4}-[A-Z0-9]{4}', a.name or ''))
    return label.name if label is not None else None


def main_window(acc):
    for i in range(acc.childCount):
        child = acc.getChildAtIndex(i)
        if (child.getRole() == pyatspi.ROLE_FRAME and child.name != 'Dayshift Settings' and
                showing(child)):
            return child
    return None


def set_up_page(acc):
    """The window on its Set Up page (its team profile field showing)."""
    gapplication('action', APP_ID, 'set-up')
    frame = wait_until(lambda: main_window(acc), 10)
    shown = frame is not None and wait_until(lambda: find(frame, pyatspi.ROLE_TEXT,
                                                          'Team profile'), 10)
    return frame if shown else None


def token_asks():
    return len(world.device_asks())


bus = Bus()
app = App('--background', '--team-profile', team)
try:
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'the app took its bus name')
    acc = wait_until(find_app, 15)
    check(acc is not None, 'AT-SPI sees the application')
    dialog = acc and settings(acc)
    check(dialog is not None, 'the settings open')
    button = dialog and wait_until(lambda: find(dialog, pyatspi.ROLE_PUSH_BUTTON,
                                                'Sign in with GitHub…'), 10)
    check(button is not None, 'Settings offers "Sign in with GitHub…" for a profile naming the '
          'team\'s OAuth app')
    check(keyring_github() is None, 'no GitHub token at first')

    if button is not None:
        button.queryAction().doAction(0)
        sign_in = wait_until(lambda: sign_in_dialog(acc), 10)
        check(sign_in is not None, 'the sign-in dialog opens')
        code = sign_in and wait_until(lambda: shown_code(sign_in), 15)
        check(code is not None and code == world.device_code(),
              'it shows the code GitHub gave (%r, GitHub gave %r)' % (code, world.device_code()))
        check(sign_in is not None and
              find(sign_in, pyatspi.ROLE_LABEL, 'Waiting for you to approve on GitHub…')
              is not None, 'it says it waits for the approval on GitHub')
        check(sign_in is not None and find(sign_in, pyatspi.ROLE_PUSH_BUTTON, 'Copy') is not None
              and find(sign_in, pyatspi.ROLE_PUSH_BUTTON, 'Cancel') is not None,
              'with Copy and Cancel')
        check(wait_until(lambda: base + '/login/device' in browsed(), 10),
              'GitHub\'s page is opened in the browser (%r)' % browsed())

        # Pending until the user decides, at the interval GitHub gave.
        check(wait_until(lambda: token_asks() >= 3, 15), 'GitHub is asked while nobody decided')
        asks = world.device_asks()
        gaps = [b - a for a, b in zip(asks, asks[1:])]
        check(all(g >= 0.95 for g in gaps), 'no more often than every second (%r)' % gaps)
        check(keyring_github() is None, 'no token while nobody approved')

        # Refused on GitHub: said, with Try Again, which asks for a new code.
        check(world.device_deny(code), 'the user refuses on GitHub')
        said = wait_until(lambda: find(sign_in, pyatspi.ROLE_LABEL,
                                       contains='Sign-in was refused'), 10)
        check(said is not None, 'the dialog says sign-in was refused')
        press(sign_in, 'Try Again')
        code2 = wait_until(lambda: shown_code(sign_in) if shown_code(sign_in) != code else None,
                           15)
        check(code2 is not None and code2 == world.device_code(),
              'Try Again shows a new code (%r, GitHub gave %r)' % (code2, world.device_code()))

        # Approved: the token in the keyring, and who it is.
        check(world.device_approve(code2), 'the user types the code on GitHub and approves')
        said = wait_until(lambda: find(sign_in, pyatspi.ROLE_LABEL, contains='Signed in as'), 15)
        check(said is not None and said.name == 'Signed in as ' + fake_services.ME_GITHUB,
              'the dialog says who signed in (%r)' % (said.name if said else None))
        stored = keyring_github()
        check(stored is not None and stored[1] == TOKEN,
              'the token GitHub gave is in the keyring (%r)' % (stored and stored[1]))
        check(stored is not None and stored[0] == base,
              'for the profile\'s GitHub address (%r)' % (stored and stored[0]))
        check(('/github/user', 'Bearer ' + TOKEN) in world.auth,
              'GitHub was asked whose the new token is, with it')
        check(all(not (a or '').endswith(TOKEN) for path, a in world.auth
                  if path.startswith('/login/')),
              'the token never went to the sign-in endpoints')
        used = wait_until(lambda: any(a == 'Bearer ' + TOKEN for path, a in world.auth
                                      if path != '/github/user'), 30)
        check(used, 'the running workspace reads GitHub with the token')
        check(wait_until(lambda: find(dialog, pyatspi.ROLE_LABEL, 'Saved'), 10) is not None,
              'Settings says the GitHub token is saved')
        press(sign_in, 'Close')
        check(wait_until(lambda: sign_in_dialog(acc) is None, 10), 'Close closes the dialog')

    # The Set Up page offers it too.
    frame = set_up_page(acc)
    check(frame is not None, 'the window opens on its Set Up page')
    check(frame is not None and wait_until(lambda: find(frame, pyatspi.ROLE_PUSH_BUTTON,
                                                        'Sign in with GitHub…'), 10) is not None,
          'the Set Up page offers "Sign in with GitHub…"')

    # A profile without a client id: offered nowhere.
    gapplication('action', APP_ID, 'use-profile', "'%s'" % plain)
    check(wait_until(lambda: 'team-plain.json' in gsettings('get', APP_ID, 'team-profile').stdout,
                     10), 'another profile, without a client id')
    frame = set_up_page(acc)
    check(frame is not None and wait_until(lambda: find(frame, pyatspi.ROLE_PUSH_BUTTON,
                                                        'Sign in with GitHub…') is None, 15),
          'the Set Up page, shown, does not offer "Sign in with GitHub…" then')
    dialog = settings(acc)
    check(dialog is not None and find(dialog, pyatspi.ROLE_PUSH_BUTTON,
                                      'Sign in with GitHub…') is None,
          'nor does Settings')

    out = app.output()
    check(TOKEN not in out and (world.device['device_code'] or '-') not in out,
          'neither the token nor the device code in the app output')
    check('CRITICAL' not in out and 'WARNING' not in out, 'no warnings from the app')
finally:
    app.stop()
    server.shutdown()
    print('# app output:\n# ' + app.output().replace('\n', '\n# '))

finish()
