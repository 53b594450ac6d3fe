#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Under Xvfb, app.open shows the main window and AT-SPI finds it, and its
controls, by their accessible names. Then, as a user would: open Settings,
type a token, press Save; the token is in the keyring and nowhere on disk."""

import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
from dsapp import APP_ID, App, Bus, EXAMPLE_PROFILE, check, finish, gapplication, wait_until  # noqa

from dsatspi import find_app, frame_of  # noqa: E402
import pyatspi  # noqa: E402


def find(root, role, name):
    return pyatspi.findDescendant(root, lambda a: a.getRole() == role and a.name == name)


bus = Bus()
os.environ['G_MESSAGES_DEBUG'] = 'all'  # the app logs everything: no token may be in it
app = App('--background', '--team-profile', EXAMPLE_PROFILE)
try:
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'the app took its bus name')
    acc = wait_until(find_app, 15)
    check(acc is not None, 'AT-SPI sees the application "dayshift"')
    check(acc is not None and frame_of(acc, 'Dayshift') is None, 'no window before app.open')

    res = gapplication('action', APP_ID, 'open')
    check(res.returncode == 0, 'gapplication action open')
    frame = wait_until(lambda: frame_of(acc, 'Dayshift'), 15) if acc else None
    check(frame is not None, 'a showing frame named "Dayshift"')
    if frame is not None:
        check(find(frame, pyatspi.ROLE_PUSH_BUTTON, 'Settings') is not None,
              'the Settings button has an accessible name')
        # The example profile, and no token yet: nothing is read, and the
        # empty inbox says so (not "All quiet").
        check(wait_until(lambda: find(frame, pyatspi.ROLE_LABEL, 'Nothing Is Read Yet'), 10)
              is not None, 'the empty inbox says "Nothing Is Read Yet"')

    # Settings: type a token and save it.
    TOKEN = 'ghp_0123456789abcdefTESTTOKEN'
    gapplication('action', APP_ID, 'settings')
    dialog = wait_until(lambda: find(acc, pyatspi.ROLE_FRAME, 'Dayshift Settings'), 10)
    check(dialog is not None, 'the settings dialog opens')
    entry = dialog and find(dialog, pyatspi.ROLE_PASSWORD_TEXT, 'GitHub token')
    check(bool(entry), 'the GitHub token field has an accessible name')
    check(bool(wait_until(lambda: len(pyatspi.findAllDescendants(
        dialog, lambda a: a.getRole() == pyatspi.ROLE_LABEL and a.name == 'Not set')) == 5, 10)),
        'all five services say "Not set"')
    if entry:
        entry.queryEditableText().setTextContents(TOKEN)
        save = find(dialog, pyatspi.ROLE_PUSH_BUTTON, 'Save the GitHub token')
        save.queryAction().doAction(0)

        def stored():
            r = subprocess.run(['secret-tool', 'lookup', 'service', 'github',
                                'host', 'api.github.com'], capture_output=True, text=True,
                               env=dict(os.environ, G_MESSAGES_DEBUG=''))
            return r.stdout if r.returncode == 0 else None
        got = wait_until(stored, 10)
        check(got == TOKEN, 'the token is in the keyring (%r)' % got)
        check(wait_until(lambda: find(dialog, pyatspi.ROLE_LABEL, 'Saved in the keyring'), 10)
              is not None, 'the row says "Saved in the keyring"')
        check(entry.queryText().getText(0, -1) == '', 'the field was cleared')

        leaks = []
        for top in ('XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'HOME'):
            for root, dirs, files in os.walk(os.environ[top]):
                dirs[:] = [d for d in dirs if d != 'keyrings']
                for name in files:
                    try:
                        with open(os.path.join(root, name), 'rb') as f:
                            if TOKEN.encode() in f.read():
                                leaks.append(os.path.join(root, name))
                    except OSError:
                        pass
        check(not leaks, 'the token is in no file outside the keyring: %r' % leaks)
        check(TOKEN not in app.output(), 'the token is not in the app output')


    def setting(key):
        env = dict(os.environ)
        env.pop('G_MESSAGES_DEBUG', None)
        return subprocess.run(['gsettings', 'get', 'io.github.dayshift.Dayshift', key],
                              capture_output=True, text=True, env=env).stdout.strip()

    # The team profile in force, with its status; a bad one is refused in place.
    profile = dialog and find(dialog, pyatspi.ROLE_TEXT, 'Team profile')
    check(bool(profile), 'the team profile field has an accessible name')
    if profile:
        check(profile.queryText().getText(0, -1) == EXAMPLE_PROFILE,
              'it shows the profile in force (%r)' % profile.queryText().getText(0, -1))
        in_use = pyatspi.findDescendant(dialog, lambda a: a.getRole() == pyatspi.ROLE_LABEL and
                                        (a.name or '').startswith('In use: '))
        check(in_use is not None and in_use.name.startswith('In use: Platform Operations: ') and
              'teammates' in in_use.name, 'and says what it holds (%r)' %
              (in_use.name if in_use else None))
        missing = os.path.join(os.environ['XDG_CONFIG_HOME'], 'no-such-team.json')
        profile.queryEditableText().setTextContents(missing)
        find(dialog, pyatspi.ROLE_PUSH_BUTTON, 'Use this team profile').queryAction().doAction(0)
        said = wait_until(lambda: pyatspi.findDescendant(
            dialog, lambda a: a.getRole() == pyatspi.ROLE_LABEL and
            'could not be opened' in (a.name or '')), 5)
        check(said is not None and 'no-such-team.json' in said.name,
              'a missing file is refused in place (%r)' % (said.name if said else None))
        check(setting('team-profile') == "''", 'and not saved (%s)' % setting('team-profile'))

    # Notification settings: saved as they are changed.

    def page(name):
        tab = dialog and pyatspi.findDescendant(dialog, lambda a: a.name == name and a.getRole() in (
            pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_PUSH_BUTTON))
        check(bool(tab), 'the settings have a page "%s"' % name)
        if tab:
            tab.queryAction().doAction(0)

    page('Replies')
    reply = dialog and wait_until(lambda: find(dialog, pyatspi.ROLE_TEXT,
                                               'Reply when acknowledging'), 5)
    page('Notifications')
    quiet = dialog and wait_until(lambda: find(dialog, pyatspi.ROLE_TOGGLE_BUTTON,
                                               'Quiet hours'), 5)
    check(bool(reply) and bool(quiet), 'the notification settings have accessible names')
    if reply and quiet:
        reply.queryEditableText().setTextContents('On it!')
        check(wait_until(lambda: setting('acknowledge-reply') == "'On it!'", 5),
              'the reply is saved (%s)' % setting('acknowledge-reply'))
        before = setting('quiet-hours-enabled')
        quiet.queryAction().doAction(0)
        check(wait_until(lambda: setting('quiet-hours-enabled') not in ('', before), 5),
              'quiet hours toggled (%s -> %s)' % (before, setting('quiet-hours-enabled')))

    # Quiet hours are chosen with hours and minutes, not typed.
    hour = dialog and find(dialog, pyatspi.ROLE_SPIN_BUTTON, 'Quiet hours start, hour')
    minute = dialog and find(dialog, pyatspi.ROLE_SPIN_BUTTON, 'Quiet hours start, minute')
    check(bool(hour) and bool(minute), 'quiet hours start has an hour and a minute')
    if hour and minute:
        hour.queryValue().currentValue = 7
        minute.queryValue().currentValue = 5
        check(wait_until(lambda: setting('quiet-hours-start') == "'07:05'", 5),
              'quiet hours start at 07:05 (%s)' % setting('quiet-hours-start'))
    size = dialog.queryComponent().getSize() if dialog else None

    # Start at login: the switch writes Dayshift's autostart file, and removes it.
    page('General')
    check(dialog is not None and dialog.queryComponent().getSize() == size,
          'the dialog keeps its size from page to page')
    autostart = os.path.join(os.environ['XDG_CONFIG_HOME'], 'autostart', APP_ID + '.desktop')
    login = dialog and wait_until(lambda: find(dialog, pyatspi.ROLE_TOGGLE_BUTTON,
                                               'Start at login'), 5)
    check(bool(login) and not os.path.exists(autostart), 'Start at login is off, no file')
    if login:
        login.queryAction().doAction(0)
        check(wait_until(lambda: os.path.exists(autostart), 5), 'on: the autostart file is written')
        with open(autostart) as f:
            entry = f.read()
        exec_line = [l for l in entry.splitlines() if l.startswith('Exec=')]
        check(len(exec_line) == 1 and exec_line[0].endswith(' --background') and
              os.path.basename(exec_line[0].split()[0][5:]) == 'dayshift',
              'it starts Dayshift in the tray (%r)' % exec_line)
        check('Icon=%s' % APP_ID in entry and 'Type=Application' in entry,
              'it is a desktop entry for Dayshift')
        check(setting('start-at-login') == 'true', 'the setting is on')
        login.queryAction().doAction(0)
        check(wait_until(lambda: not os.path.exists(autostart), 5), 'off: the file is removed')

    gapplication('action', APP_ID, 'quit')
    check(app.wait_exit(10) == 0, 'quit')
finally:
    app.stop()
finish()
