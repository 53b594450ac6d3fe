#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A rotation, end to end, against loopback Slack, GitHub, PagerDuty and
ZenHub: the PagerDuty shift is announced ahead with Start rotation; starting
assigns the user on both super-epics; off rotation only the user's own
items notify, on rotation all do; the support timer's notes go to the
item's issue, and so do those typed in the dialog when it stops; an
emergency is deferred only after a confirmation; the standup list is told
at standup time with Copy as Markdown; ending the rotation unassigns, saves
the report, and Post handoff comments on both super-epics mentioning who is
on call next, the rotation's figures in the comment's hidden block."""

import glob
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
import fake_services  # noqa: E402
from dsapp import (APP_ID, App, BINARY, Bus, Notifications, check, finish,  # noqa: E402
                   gapplication, stop_apps, store_token, visible_windows, wait_until)
from dsatspi import find, find_app, press  # noqa: E402
import pyatspi  # noqa: E402

import gi  # noqa: E402
gi.require_version('Gtk', '3.0')
gi.require_version('Gdk', '3.0')
from gi.repository import Gdk, Gtk  # noqa: E402

# The standup is "now": not in the day's last minutes, so that it stays today.
while time.localtime().tm_hour == 23 and time.localtime().tm_min >= 58:
    time.sleep(10)
world, base, server = fake_services.start()
now = int(time.time())
world.shift = (now + 10 * 60, now + 8 * 3600)
standup = time.strftime('%H:%M', time.localtime(now))
profile = fake_services.profile(base, os.path.join(os.environ['DS_TEST_TMPDIR'], 'team.json'),
                                standup_time=standup)
data = os.path.join(os.environ['XDG_DATA_HOME'], 'dayshift')
SUPPORT = 'C0SUPPORT1'
for service in ('slack', 'github', 'pagerduty', 'zenhub'):
    store_token(service, base, 'test-token-' + service)

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


def notified(text):
    return [n for n in notes.shown() if text in n[1] or text in n[2]]


def button(n, action_name):
    """The id of a prompt's button for app.ACTION ("start-rotation-0")."""
    ids = n[3][0::2]
    found = [i for i in ids if i.rsplit('-', 1)[0] == action_name]
    return found[0] if found else None


try:
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'the app started')
    check(wait_until(lambda: len(world.calls('GET', '/slack/api/conversations.history')) >= 2,
                     20), 'first poll done')

    # Off rotation: a support request waits in the inbox, unannounced.
    ts_quiet = world.post(SUPPORT, 'A question before the shift')
    action('refresh')
    check(wait_until(lambda: status().get('items', {}).get('new', 0) >= 1, 15),
          'the request is in the inbox')
    wait_until(lambda: False, 1)
    check(not notified('A question before the shift'), 'but not notified: off rotation')
    check(status().get('rotation') == 'off', '--status: off')

    # The shift starts in ten minutes: Dayshift says so, with Start rotation.
    shift = wait_until(lambda: notified('Your rotation starts at'), 15)
    check(bool(shift), 'the shift is announced ahead')
    if shift:
        check(button(shift[0], 'start-rotation') is not None, 'with a Start rotation button')
        notes.invoke(shift[0][0], button(shift[0], 'start-rotation'))
    check(wait_until(lambda: status().get('rotation') == 'on', 10), '--status: on')
    assigned = lambda: [r for r in world.calls('POST', '/github/repos/acme/ops/issues/')
                        if r[1].endswith('/assignees')]
    check(wait_until(lambda: len(assigned()) == 2, 10), 'assigned on both super-epics')
    check(sorted(r[1] for r in assigned()) == ['/github/repos/acme/ops/issues/1/assignees',
                                               '/github/repos/acme/ops/issues/2/assignees'] and
          all(json.loads(r[3]) == {'assignees': [fake_services.ME_GITHUB]} for r in assigned()),
          'as the token\'s user: %r' % [(r[1], r[3]) for r in assigned()])

    # On rotation, everything notifies.
    ts = world.post(SUPPORT, 'Deploys to staging hang at the migrate step')
    ts_emergency = world.post(SUPPORT, 'Total outage of the VPN, nobody can connect')
    ts_defer = world.post(SUPPORT, 'Can we talk about log retention?')
    action('refresh')
    check(wait_until(lambda: notified('migrate step') and notified('Total outage'), 15),
          'on rotation, requests are notified')
    item = 'slack:%s/%s' % (SUPPORT, ts)

    # File an issue, track time on it, stop with notes: they go on the issue.
    check(action('file-issue', "'%s'" % item), 'file issue')
    check(wait_until(lambda: world.issues, 10), 'the issue was filed')
    offer = wait_until(lambda: notified('Filing an issue: Deploys to staging'), 10)
    check(bool(offer) and button(offer[0], 'timer-start') is not None,
          'filing offers the support timer')
    if offer:
        notes.invoke(offer[0][0], button(offer[0], 'timer-start'))
    check(wait_until(lambda: (status().get('timer') or {}).get('item') == item, 10),
          '--status shows the timer on the item')
    check(action('add-note', "('%s', 'Restarted the migration runner; it was stuck on a lock.')"
                 % item), 'notes added')
    check(wait_until(lambda: world.comments, 10), 'the notes went to the issue')
    if world.comments:
        repo, number, body = world.comments[0]
        check((repo, number) == ('acme/ops', 100) and
              body.startswith('Restarted the migration runner') and '<!-- dayshift:' in body,
              'on acme/ops#100: %r' % (world.comments[0],))
    check(action('timer-stop'), 'timer stopped')
    check(wait_until(lambda: visible_windows('Support notes'), 10),
          'stopping asks what was tried and what solved it')
    # Answered and posted, as a user would: the answer goes on the issue too.
    acc = wait_until(find_app, 15)
    asked = acc and wait_until(lambda: find(acc, pyatspi.ROLE_DIALOG, 'Support notes'), 10)
    answer = asked and find(asked, pyatspi.ROLE_TEXT, 'Support notes')
    check(bool(answer), 'the notes can be typed')
    if answer:
        answer.queryEditableText().setTextContents('Cleared the lock by hand.')
        press(asked, 'Post the Note')
        check(wait_until(lambda: [c for c in world.comments if c[:2] == ('acme/ops', 100) and
                                  c[2].startswith('Cleared the lock by hand.\n')], 10),
              'Post the Note puts them on acme/ops#100: %r' % [c[2][:40] for c in world.comments])
        check(wait_until(lambda: not visible_windows('Support notes'), 5), 'and closes')
    check(wait_until(lambda: status().get('timer') is None, 5), '--status: timer stopped')

    # An emergency is not deferred silently.
    emergency = notified('Total outage')[0]
    check(emergency[4].get('urgency') == 2, 'the emergency is critical')
    notes.invoke(emergency[0], 'defer')
    check(wait_until(lambda: visible_windows('Defer an emergency'), 10), 'deferring it asks first')
    check(status().get('items', {}).get('deferred', 0) == 0, 'and nothing is deferred yet')

    # The standup list: one deferred, one brought to the team.
    check(action('defer', "'slack:%s/%s'" % (SUPPORT, ts_defer)), 'deferred a request')
    check(action('bring-to-team', "'%s'" % item), 'brought the filed one to the team')
    action('refresh')
    told = wait_until(lambda: notified('Standup: 2 items'), 15)
    check(bool(told), 'the standup list is told at standup time')
    if told:
        check(button(told[0], 'copy-standup') is not None, 'with Copy as Markdown')
        notes.invoke(told[0][0], button(told[0], 'copy-standup'))
        Gtk.init([])
        text = wait_until(lambda: Gtk.Clipboard.get(Gdk.SELECTION_CLIPBOARD).wait_for_text(), 5)
        check(text is not None and text.startswith('## For the standup\n') and
              '- Can we talk about log retention? (#ops-support' in text and
              'Brought to the team after 2 hours of support' in text,
              'the clipboard holds the list: %r' % text)
    action('refresh')
    wait_until(lambda: False, 1)
    check(len(notified('Standup:')) == 1, 'told once')

    # End the rotation: a confirmation, then unassigned, the report saved.
    check(action('end-rotation'), 'end rotation')
    check(wait_until(lambda: visible_windows('End rotation'), 10), 'it asks to confirm')
    check(status().get('rotation') == 'on', 'nothing ended before the confirmation')
    check(action('end-rotation-now'), 'confirmed')
    check(wait_until(lambda: status().get('rotation') == 'off', 10), '--status: off again')
    unassigned = lambda: world.calls('DELETE', '/github/repos/acme/ops/issues/')
    check(wait_until(lambda: len(unassigned()) == 2, 10), 'unassigned from both super-epics')
    reports = glob.glob(os.path.join(data, 'reports', 'rotation-*.md'))
    check(len(reports) == 1, 'the report was saved: %r' % reports)
    if reports:
        with open(reports[0]) as f:
            report = f.read()
        check(report.startswith('# Rotation report: ') and
              'Deploys to staging hang at the migrate step: https://github.com/acme/ops/issues/100'
              in report, 'it lists the issue filed')
        check(os.stat(reports[0]).st_mode & 0o777 == 0o600, 'it is private')

    ended = wait_until(lambda: notified('Your rotation has ended'), 10)
    check(bool(ended), 'the end is told, with Post handoff')
    if ended:
        notes.invoke(ended[0][0], button(ended[0], 'post-handoff'))
    handoffs = lambda: [c for c in world.comments if c[1] in (1, 2)]
    check(wait_until(lambda: len(handoffs()) == 2, 10), 'the handoff on both super-epics')
    check(all(c[2].startswith('Handoff to @danalevi, on call next.\n\n# Rotation report')
              for c in handoffs()), 'mentioning who is on call next: %r'
          % [c[2][:60] for c in handoffs()])

    def block(text):
        """The hidden block's figures, or None."""
        start = text.find('\n<!-- dayshift-handoff\n')
        end = text.find('\n-->\n', start)
        if start < 0 or end < 0:
            return None
        return json.loads(text[start + len('\n<!-- dayshift-handoff\n'):end])
    figures = [block(c[2]) for c in handoffs()]
    check(all(f is not None and f['version'] == 1 and f['end'] > f['start'] and
              f['by_kind'].get('request', 0) >= 1 for f in figures),
          'with the rotation\'s figures in its hidden block: %r' % figures)

    gapplication('action', APP_ID, 'quit')
    check(app.wait_exit(10) == 0, 'quit')
finally:
    stop_apps([app], server)
finish()
