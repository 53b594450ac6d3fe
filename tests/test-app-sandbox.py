#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Dayshift as in a Flatpak sandbox, against the loopback services and the
desktop portals (no Secret Service on the bus, as the manifest asks for
none):

- tokens are kept and read through the Secret portal: libsecret's own
  keyring file, encrypted with the portal's master secret, and the token
  read from it reaches Slack;
- Start at login asks the Background portal (autostart on, then off, with
  the command inside the sandbox), and writes no autostart file of its own,
  which the sandbox would keep to itself."""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
import fake_services  # noqa: E402
from dsapp import (APP_ID, App, Bus, check, finish, gapplication, gsettings,  # noqa: E402
                   store_token, wait_until)

# What a Flatpak sandbox gives: FLATPAK_ID; libsecret takes its sandbox path
# with /.flatpak-info or SNAP_NAME, the latter being what a test can set.
os.environ['FLATPAK_ID'] = APP_ID
os.environ['SNAP_NAME'] = 'dayshift'
os.environ['SECRET_BACKEND'] = 'file'

world, base, server = fake_services.start()
profile = fake_services.profile(base, os.path.join(os.environ['DS_TEST_TMPDIR'], 'team.json'))
bus = Bus()
log_path = os.environ['DS_PORTAL_LOG']
keyring = os.path.join(os.environ['XDG_DATA_HOME'], 'keyrings', 'default.keyring')
autostart = os.path.join(os.environ['XDG_CONFIG_HOME'], 'autostart', APP_ID + '.desktop')


def portal_calls(portal):
    if not os.path.exists(log_path):
        return []
    with open(log_path) as f:
        return [c for c in map(json.loads, f) if c['portal'] == portal]


check(not bus.has_owner('org.freedesktop.secrets'), 'no Secret Service on the bus')
check(all(store_token(s, base, 'test-token-' + s) for s in ('slack', 'github', 'pagerduty')),
      'tokens saved through the Secret portal')
check(os.path.exists(keyring) and b'test-token' not in open(keyring, 'rb').read(),
      'in the keyring file, encrypted')
check(len(portal_calls('Secret')) > 0, 'with the master secret from the portal')

app = App('--background', '--team-profile', profile)
try:
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'the app started')
    gapplication('action', APP_ID, 'start-rotation')
    check(wait_until(lambda: world.calls('GET', '/slack/api/conversations.history'), 20),
          'Slack was read')
    slack_auth = [a for p, a in world.auth if p.startswith('/slack/')]
    check(slack_auth and all(a == 'Bearer test-token-slack' for a in slack_auth),
          'with the token read through the portal (%r)' % slack_auth[:1])

    check(gsettings('set', APP_ID, 'start-at-login', 'true').returncode == 0,
          'Start at login turned on')
    check(wait_until(lambda: any(c.get('autostart') is True for c in portal_calls('Background')),
                     10), 'the Background portal is asked to start Dayshift at login')
    asked = [c for c in portal_calls('Background') if c.get('autostart') is True]
    check(asked and asked[0]['commandline'] == ['dayshift', '--background'] and asked[0]['reason'],
          'with the command in the sandbox and why (%r)' % asked[:1])
    check(gsettings('set', APP_ID, 'start-at-login', 'false').returncode == 0,
          'Start at login turned off')
    check(wait_until(lambda: any(c.get('autostart') is False
                                 for c in portal_calls('Background')), 10),
          'the portal is told to stop')
    check(not os.path.exists(autostart), 'no autostart file of its own')
    output = app.output()
    check('Start at login was not changed' not in output, 'the desktop allowed both')
finally:
    app.stop()
    server.shutdown()
finish()
