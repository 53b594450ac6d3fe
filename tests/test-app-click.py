#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A notification clicked shows its own item, under Xvfb and AT-SPI, against
the loopback services:

- three new Slack requests, each notification clicked in turn (in another
  order than the list's): the window opens on that request, selected in the
  inbox and read whole in the detail pane, and A acknowledges that one and
  no other;
- a search that hides the request clicked is cleared;
- a PagerDuty incident clicked is shown in the window too, not opened in
  the browser; its detail pane's Open in Browser opens its page there;
- `open-item` from a script shows the item it names."""

import os
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
from dsapp import (APP_ID, App, Bus, Notifications, check, finish, gapplication,  # noqa: E402
                   stop_apps, team_with_tokens, wait_until)

import pyatspi  # noqa: E402
from dsatspi import find, find_app, frame_of, press  # noqa: E402

tmp = os.environ['DS_TEST_TMPDIR']
db_path = os.path.join(os.environ['XDG_DATA_HOME'], 'dayshift', 'dayshift.db')
SUPPORT = 'C0SUPPORT1'

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


def state(item_id):
    with sqlite3.connect(db_path, timeout=5) as db:
        row = db.execute('SELECT state FROM items WHERE id = ?', (item_id,)).fetchone()
    return row[0] if row else None


def detail_text(frame, marker):
    """The detail pane's "What was asked" (the rows show titles only)."""
    label = find(frame, pyatspi.ROLE_LABEL, contains=marker)
    return label.name if label is not None else None


def selected_row_text(frame):
    box = (find(frame, pyatspi.ROLE_LIST_BOX, 'Inbox') or
           find(frame, pyatspi.ROLE_LIST, 'Inbox'))
    if box is None:
        return None
    sel = box.querySelection()
    if sel.nSelectedChildren != 1:
        return None
    row = sel.getSelectedChild(0)
    return ' '.join(a.name for a in pyatspi.findAllDescendants(
        row, lambda a: a.getRole() == pyatspi.ROLE_LABEL and a.name))


def key(frame, name):
    """Keys go to the window under the pointer (no window manager here): the
    pointer rests on the pane's heading, clicking nothing, then the key."""
    heading = find(frame, pyatspi.ROLE_LABEL, 'What was asked')
    x, y, w, h = (heading or frame).queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    subprocess.run(['xdotool', 'mousemove', str(x + w // 2), str(y + h // 2)])
    time.sleep(0.5)
    subprocess.run(['xdotool', 'key', name])


world, base, server, profile = team_with_tokens()
bus = Bus()
notes = Notifications(bus)
app = App('--background', '--team-profile', profile)
try:
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'the app started')
    acc = wait_until(find_app, 15)
    gapplication('action', APP_ID, 'start-rotation')
    check(wait_until(lambda: len(world.calls('GET', '/slack/api/conversations.history')) >= 2 and
                     world.calls('GET', '/pagerduty/incidents'), 20), 'the first poll was done')
    before = len(notes.shown())
    stamps = {}
    for n in (1, 2, 3):
        stamps[n] = world.post(SUPPORT, 'REQUEST-%d: could someone look at thing %d?\n'
                                        'Only the detail says: body of request %d' % (n, n, n))
        time.sleep(1.1)    # newest first in the list: 3, 2, 1
    world.page('PINC777', 'Checkout errors above 5%')
    gapplication('action', APP_ID, 'refresh')
    ids = {n: 'slack:%s/%s' % (SUPPORT, ts) for n, ts in stamps.items()}
    check(wait_until(lambda: len(notes.shown()) >= before + 4, 20), 'four notifications')

    def note_for(text):
        found = [n for n in notes.shown() if text in n[2] or text in n[1]]
        return found[-1][0] if found else None

    frame = None
    acked = set()
    # The list shows 3, 2, 1: clicked 2, 1, 3.
    for step, n in enumerate((2, 1, 3)):
        nid = note_for('REQUEST-%d:' % n)
        check(nid is not None, 'REQUEST-%d was notified' % n)
        if n == 3 and frame is not None:
            # A search that hides the request: the click clears it.
            press(frame, 'Search')
            search = wait_until(lambda: find(frame, pyatspi.ROLE_TEXT, 'Search the inbox'), 5)
            if search:
                search.queryEditableText().setTextContents('REQUEST-1')
                time.sleep(0.5)
        notes.invoke(nid, 'default')
        frame = frame or wait_until(lambda: frame_of(acc), 15)
        check(frame is not None, 'the window is open')
        if frame is None:
            break
        body = 'body of request %d' % n
        shown = wait_until(lambda: detail_text(frame, 'Only the detail says'), 10)
        check(shown is not None and body in shown and
              wait_until(lambda: body in (detail_text(frame, 'Only the detail says') or ''), 5),
              'click %d: the detail pane shows REQUEST-%d (%r)'
              % (step + 1, n, detail_text(frame, 'Only the detail says')))
        row = wait_until(lambda: selected_row_text(frame), 5)
        check(row is not None and 'REQUEST-%d:' % n in row,
              'click %d: REQUEST-%d is the row selected in the inbox (%r)' % (step + 1, n, row))
        if n == 3:
            search = find(frame, pyatspi.ROLE_TEXT, 'Search the inbox')
            text = search.queryText().getText(0, -1) if search else ''
            check(text == '', 'the search that hid it was cleared (%r)' % text)
        key(frame, 'a')
        acked.add(n)
        check(wait_until(lambda: all(state(ids[m]) == 'acknowledged' for m in acked), 10) and
              all(state(ids[m]) == 'new' for m in ids if m not in acked),
              'A acknowledged REQUEST-%d and no other (%r)'
              % (n, {m: state(ids[m]) for m in ids}))

    reactions = world.calls('POST', '/slack/api/reactions.add')
    check(wait_until(lambda: len(world.calls('POST', '/slack/api/reactions.add')) == 3, 10),
          'three reactions went to Slack')
    reacted = [r[3].replace('%2E', '.') for r in world.calls('POST', '/slack/api/reactions.add')]
    check(all(any('timestamp=%s' % stamps[n] in r for r in reacted) for n in stamps),
          'one on each request (%r)' % reacted)

    # An item with a web page: the click shows it here, the pane opens the page.
    nid = note_for('Checkout errors')
    check(nid is not None, 'the incident was notified')
    notes.invoke(nid, 'default')
    title = wait_until(lambda: find(frame, pyatspi.ROLE_LABEL, 'Checkout errors above 5%') and
                       find(frame, pyatspi.ROLE_PUSH_BUTTON, 'Open in Browser'), 10)
    check(title is not None, 'the incident is shown in the window, with Open in Browser')
    time.sleep(1)
    check(browsed() == [], 'the click opened no browser (%r)' % browsed())
    press(frame, 'Open in Browser')
    check(wait_until(lambda: browsed() == ['https://acme.pagerduty.com/incidents/PINC777'], 10),
          'Open in Browser opens its page (%r)' % browsed())

    # From a script, the same.
    gapplication('action', APP_ID, 'open-item', "'%s'" % ids[2])
    check(wait_until(lambda: 'body of request 2' in (detail_text(frame, 'Only the detail says')
                                                     or ''), 10),
          'open-item from a script shows the item it names')
    check(find(frame, pyatspi.ROLE_PUSH_BUTTON, 'Open in Browser') is None,
          'a Slack request has no Open in Browser')
finally:
    stop_apps([app], server)
finish()
