#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The handoff in and the team's past rotations, end to end, against
loopback GitHub, Slack and PagerDuty, under Xvfb and AT-SPI:

- yesterday Dana ended her rotation and posted the handoff on both
  super-epics (the same comment twice), its hidden block written here by
  hand, as the format says: it left a Slack request (still in the channel)
  and an issue; a stranger's comment carries a broken block;
- Start rotation reads the super-epics' comments: the Rotation page says
  who handed over and what was left, and lists both; the request's row in
  the inbox says it was handed over; the broken block is told once, naming
  its comment;
- End rotation and Post handoff: the comment on each super-epic carries a
  block of its own that this test reads as a stranger would (the figures,
  what is left), and nothing in it can end the HTML comment early;
- the report (dayshift --report) has Past rotations, with Dana's.

With DS_SCREENSHOT=PATH, the Rotation page is saved there as a picture."""

import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
import fake_services  # noqa: E402
from dsapp import (APP_ID, App, BINARY, Bus, Notifications, check, finish,  # noqa: E402
                   gapplication, stop_apps, store_token, visible_windows, wait_until)
from dsatspi import find, find_app, page  # noqa: E402
import pyatspi  # noqa: E402

SUPPORT = 'C0SUPPORT1'
world, base, server = fake_services.start()
now = int(time.time())
profile = fake_services.profile(base, os.path.join(os.environ['DS_TEST_TMPDIR'], 'team.json'))
for service in ('slack', 'github', 'pagerduty'):
    store_token(service, base, 'test-token-' + service)

# What Dana's rotation left: a request still open in #ops-support, and an
# issue this Dayshift has never seen. The title carries what could end an
# HTML comment, escaped as the format says.
ts_left = world.post(SUPPORT, 'Can someone renew the staging TLS certificate? --> soon',
                     user='U0SAMORTE1')
left_id = 'slack:%s/%s' % (SUPPORT, ts_left)
block = {
    'version': 1, 'start': now - 86400 - 8 * 3600, 'end': now - 86400,
    'by_kind': {'request': 5, 'access': 1, 'alert': 2},
    'ack_median': 420, 'responses': {'within': 4, 'total': 5}, 'tracked': 3600,
    'left': [
        {'id': left_id, 'title': 'Can someone renew the staging TLS certificate? --> soon',
         'url': 'https://acme.slack.com/archives/C0SUPPORT1/p1', 'kind': 'request',
         'state': 'acknowledged', 'over_target': True},
        {'id': 'github:acme/ops#77', 'title': 'Rotate the backup keys',
         'url': 'https://github.com/acme/ops/issues/77', 'kind': 'request',
         'state': 'deferred', 'over_target': False},
    ],
}
text = json.dumps(block).replace('<', '\\u003c').replace('>', '\\u003e').replace('&', '\\u0026')
body = ('Handoff to @%s, on call next.\n\n# Rotation report\n\n<!-- dayshift-handoff\n%s\n-->\n'
        % (fake_services.ME_GITHUB, text))
for number in (1, 2):
    world.others_comments.append(('acme/ops', number, 'danalevi', body, now - 86400 + 60))
world.others_comments.append(('acme/ops', 2, 'mallory',
                              '<!-- dayshift-handoff\n{"version": 1, "start": "soon"}\n-->\n',
                              now - 3600))

bus = Bus()
notes = Notifications(bus)
app = App('--background', '--team-profile', profile)


def status():
    out = subprocess.run([BINARY, '--status', '--json'], capture_output=True, text=True,
                         timeout=20)
    return json.loads(out.stdout) if out.returncode == 0 else {}


def action(name, target=None):
    args = ['action', APP_ID, name] + ([target] if target is not None else [])
    return gapplication(*args).returncode == 0


def comment_reads():
    return [r for r in world.calls('GET', '/github/repos/acme/ops/issues/')
            if r[1].endswith('/comments')]


def read_block(comment):
    """The hidden block of a handoff comment, read as a stranger would."""
    m = re.search(r'<!-- dayshift-handoff\n(.*?)\n-->', comment, re.S)
    return json.loads(m.group(1)) if m else None


try:
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'the app started')
    check(wait_until(lambda: status().get('items', {}).get('new', 0) >= 1, 20),
          'the request Dana left is in the inbox')
    reads = len(comment_reads())

    check(action('start-rotation'), 'start rotation')
    check(wait_until(lambda: status().get('rotation') == 'on', 10), '--status: on')
    check(wait_until(lambda: len(comment_reads()) >= reads + 2, 15),
          'both super-epics\' comments are read at Start rotation')
    told = wait_until(lambda: notes.find('could not read a handoff'), 15)
    check(told is not None and 'issuecomment-' in told[2],
          'the broken block is told, naming its comment: %r' % (told,))

    handed = wait_until(lambda: notes.find('Handed over by @danalevi'), 15)
    check(handed is not None and '2 still open' in handed[2],
          'Start rotation tells what was handed over, once: %r' % (handed,))
    show = handed and [a for a in handed[3][0::2] if a.rsplit('-', 1)[0] == 'show-rotation']
    check(bool(show), 'with Show')
    if show:
        notes.invoke(handed[0], show[0])
    check(wait_until(lambda: visible_windows('Dayshift'), 10), 'Show opens the window')
    acc = wait_until(find_app, 15)
    heading = acc and wait_until(lambda: find(acc, pyatspi.ROLE_LABEL,
                                              contains='Handed over by @danalevi'), 10)
    check(bool(heading), 'on the Rotation page, which says who handed over')
    summary = acc and find(acc, pyatspi.ROLE_LABEL, contains='still open')
    check(bool(summary) and '2 still open' in summary.name and
          '1 on the standup list' in summary.name and '1 waiting over target' in summary.name,
          'and what was left: %r' % (summary.name if summary else None))
    check(bool(acc) and find(acc, pyatspi.ROLE_PUSH_BUTTON,
                             contains='renew the staging TLS') is not None,
          'the request in the inbox is listed, to show')
    check(bool(acc) and pyatspi.findDescendant(
        acc, lambda a: 'Rotate the backup keys' in (a.name or '')) is not None,
        'the issue this Dayshift never saw is listed, with its link')
    if os.environ.get('DS_SCREENSHOT'):
        ids = visible_windows('Dayshift')
        if ids:
            subprocess.run(['import', '-window', ids[0], os.environ['DS_SCREENSHOT']],
                           timeout=30)
    check(len([n for n in notes.shown() if 'could not read a handoff' in n[1]]) == 1,
          'the broken block told once, though read at start-up and at Start rotation')
    check(len([n for n in notes.shown() if 'Handed over by' in n[1]]) == 1,
          'what was handed over is told once')

    # In the inbox, the request's row says it was handed over.
    if acc:
        page(acc, 'Inbox')
    row = acc and wait_until(lambda: find(acc, pyatspi.ROLE_LABEL,
                                          contains='handed over by @danalevi'), 10)
    check(bool(row), 'the request\'s row says it was handed over')

    # A request during the rotation; then it ends, and its handoff carries
    # a block of its own.
    # (Seconds apart: the rotation's figures count whole seconds.)
    time.sleep(2)
    world.post(SUPPORT, 'Is the VPN slow for anyone else?')
    action('refresh')
    check(wait_until(lambda: status().get('items', {}).get('new', 0) >= 2, 15),
          'a request came in during the rotation')
    time.sleep(2)
    check(action('end-rotation-now'), 'end rotation')
    check(wait_until(lambda: status().get('rotation') == 'off', 10), '--status: off')
    check(action('post-handoff'), 'post handoff')
    posted = lambda: [c for c in world.comments if c[1] in (1, 2)]
    check(wait_until(lambda: len(posted()) == 2, 15), 'the handoff on both super-epics')
    mine = read_block(posted()[0][2]) if posted() else None
    check(mine is not None and mine.get('version') == 1, 'it carries a block: %r' % mine)
    if mine:
        check(mine['by_kind'].get('request', 0) >= 1 and mine['end'] > mine['start'],
              'with the rotation\'s figures: %r' % mine)
        ids = [e['id'] for e in mine['left']]
        check(left_id in ids, 'what is still open is left to the next: %r' % ids)
        raw = re.search(r'<!-- dayshift-handoff\n(.*?)\n-->', posted()[0][2], re.S).group(1)
        titles = [e['title'] for e in mine['left']]
        check('--\\u003e soon' in raw and
              'Can someone renew the staging TLS certificate? --> soon' in titles,
              'a title\'s "-->" is escaped in it, so it cannot end the HTML comment early')

    out = subprocess.run([BINARY, '--report'], capture_output=True, text=True, timeout=20)
    check(out.returncode == 0 and 'Past rotations' in out.stdout and 'danalevi' in out.stdout,
          'the report has Past rotations, with Dana\'s: %r' % out.stdout[-600:])

    gapplication('action', APP_ID, 'quit')
    check(app.wait_exit(10) == 0, 'quit')
finally:
    stop_apps([app], server)
finish()
