#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""dayshift --check-setup, the real binary with a real keyring: in the demo
there is nothing to check (exit 2); a broken profile is said (exit 2); the
example profile with no token saved says each missing token with where to
make one (exit 1); against the loopback services with the tokens saved, what
is wrong is said with its fix, in words and in JSON (exit 1); a check that could not
be made is not passed (exit 1)."""

import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
import fake_services  # noqa: E402
from dsapp import (BINARY, EXAMPLE_PROFILE, check, finish, team_with_tokens)  # noqa: E402

tmp = os.environ['DS_TEST_TMPDIR']


def dayshift(*args):
    return subprocess.run([BINARY] + list(args), capture_output=True, text=True, timeout=120)


def rows(out):
    return {c['id']: c for c in json.loads(out)['checks']}


# The demo needs no setup.
demo = dayshift('--check-setup')
check(demo.returncode == 2, 'the demo: exit 2 (%d)' % demo.returncode)
check('demo' in demo.stderr and 'Settings' in demo.stderr, 'the demo: says where to choose a '
      'profile (%r)' % demo.stderr)
demo_json = dayshift('--check-setup', '--json')
check(demo_json.returncode == 2 and 'error' in json.loads(demo_json.stdout),
      'the demo, --json: the failure is JSON')

# A profile that cannot be read.
broken = os.path.join(tmp, 'broken.json')
with open(broken, 'w') as f:
    f.write('{"version": 1, "name": ')
bad = dayshift('--check-setup', '--team-profile', broken)
check(bad.returncode == 2, 'a broken profile: exit 2 (%d)' % bad.returncode)
check('not loaded' in bad.stderr and 'broken.json' in bad.stderr,
      'a broken profile: said, naming the file (%r)' % bad.stderr)

# The example profile, no token saved: each service's token is missing.
none = dayshift('--check-setup', '--json', '--team-profile', EXAMPLE_PROFILE)
check(none.returncode == 1, 'no tokens: exit 1 (%d)' % none.returncode)
none_rows = rows(none.stdout)
for service, page in (('github', 'https://github.com/settings/tokens'),
                      ('slack', 'https://api.slack.com/apps'),
                      ('zenhub', 'https://app.zenhub.com/settings/tokens')):
    row = none_rows.get(service + '.token', {})
    check(row.get('state') == 'failed' and 'No ' in row.get('detail', '') and
          row.get('link') == page, 'no tokens: %s says it has none, and where to make one (%r)'
          % (service, row))
text = dayshift('--check-setup', '--team-profile', EXAMPLE_PROFILE)
check(text.returncode == 1 and '✗ GitHub token: No GitHub token is saved' in text.stdout and
      'checks failed.' in text.stdout, 'no tokens: said in words (%r)' % text.stdout[:300])

# The loopback services, set up right, with every token saved: all pass.
world, base, server, profile = team_with_tokens(('slack', 'github', 'pagerduty', 'zenhub'))
now = time.time()
world.shift = (now + 86400, now + 86400 + 8 * 3600)
good = dayshift('--check-setup', '--json', '--team-profile', profile)
good_rows = rows(good.stdout)
check(good.returncode == 0 and json.loads(good.stdout)['ok'] and
      json.loads(good.stdout)['skipped'] == 0,
      'set up right: exit 0 (%d), every check made and passed (%r)' % (
          good.returncode, [r for r in good_rows.values() if r['state'] != 'passed']))
check(fake_services.ME_GITHUB in good_rows.get('github.token', {}).get('detail', ''),
      'set up right: the GitHub token is whose it is (%r)' % good_rows.get('github.token'))
for section in ('github', 'slack', 'pagerduty', 'zenhub', 'teammates'):
    check(any(r['section'] == section for r in good_rows.values()),
          'set up right: %s is checked' % section)
check(good_rows.get('pagerduty.shift', {}).get('detail', '').startswith('Next shift'),
      'set up right: the next shift is said (%r)' % good_rows.get('pagerduty.shift'))

# ZenHub does not answer about one epic: nothing failed, but that epic was
# not checked, and the setup is not proved (exit 1).
epic = '/zenhub/p1/repositories/555/epics/2'
with world.lock:
    world.fail[epic] = (502, {'message': 'Bad Gateway'})
unchecked = dayshift('--check-setup', '--json', '--team-profile', profile)
with world.lock:
    del world.fail[epic]
unchecked_json = json.loads(unchecked.stdout)
unchecked_row = rows(unchecked.stdout).get('zenhub.epic.acme/ops#2', {})
check(unchecked.returncode == 1 and not unchecked_json['ok'] and
      unchecked_json['failed'] == 0 and unchecked_json['skipped'] == 1,
      'an epic ZenHub did not answer about: exit 1 (%d), not ok, none failed, one not checked '
      '(%r)' % (unchecked.returncode, {k: unchecked_json.get(k) for k in ('ok', 'failed',
                                                                          'skipped')}))
check(unchecked_row.get('state') == 'skipped' and
      'ZenHub was not reached' in unchecked_row.get('detail', ''),
      'that epic says ZenHub was not reached (%r)' % unchecked_row)

# Three things wrong: the GitHub token lacks read:org, the bot is not in
# #operations, a teammate's PagerDuty id does not exist.
world.github_scopes = 'notifications, repo'
world.slack_not_in.add('C0OPERATE1')
world.pd_unknown.add('PSAM')
bad = dayshift('--check-setup', '--json', '--team-profile', profile)
failed = {i: r for i, r in rows(bad.stdout).items() if r['state'] == 'failed'}
check(bad.returncode == 1 and sorted(failed) == ['github.scopes', 'slack.channel.C0OPERATE1',
                                                 'teammates.pagerduty'],
      'three things wrong: exit 1 (%d), those three failed (%r)' % (bad.returncode,
                                                                    sorted(failed)))
check('read:org' in failed.get('github.scopes', {}).get('fix', ''),
      'the scope missing is named in its fix (%r)' % failed.get('github.scopes'))
check('#operations' in failed.get('slack.channel.C0OPERATE1', {}).get('fix', ''),
      'the channel to join is named in its fix (%r)' % failed.get('slack.channel.C0OPERATE1'))
check('Sam Ortega' in failed.get('teammates.pagerduty', {}).get('fix', '') and
      'PSAM' in failed.get('teammates.pagerduty', {}).get('detail', ''),
      'the teammate is named with the id (%r)' % failed.get('teammates.pagerduty'))
said = dayshift('--check-setup', '--team-profile', profile)
check(said.returncode == 1 and '3 of ' in said.stdout and '      Fix: ' in said.stdout and
      '      See: https://' in said.stdout, 'three things wrong: said in words with the fix '
      'and the page (%r)' % said.stdout[-300:])
check('test-token' not in good.stdout + good.stderr + bad.stdout + bad.stderr + said.stdout +
      said.stderr, 'no token is ever printed')
server.shutdown()

finish()
