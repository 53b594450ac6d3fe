#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window as the rotation's desk, under Xvfb and AT-SPI, against the
loopback services:

- with 10,000 open items in the database the inbox builds rows for the
  first few only, and a search finds one of them;
- a search narrows the inbox as it is typed, beside filters by kind and source;
- a selected item is read whole: what was asked, who, the replies in its
  thread, its history;
- its Acknowledge button acknowledges it in Slack, and the pane then shows
  the new state and the write sent;
- S on the selected item defers it to the standup;
- History lists every item, handled ones too;
- Delegate… puts first the teammate who took the like of it, saying so, and
  last the one PagerDuty has on the night rotation;
- a teammate added and a note written go to the item's issue and show in
  its history;
- Standup lists the deferred request: a note typed there is kept, Remove
  takes it off the list;
- Rotation draws the rotation, each chart saying itself in words, and the
  past rotations from the handoffs read back from GitHub;
- a rotation's report opens in a window, with its charts."""

import os
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
import fake_services  # noqa: E402
from dsapp import (APP_ID, App, Bus, check, fill_open_items, finish, gapplication,  # noqa: E402
                   store_token, wait_until)

import pyatspi  # noqa: E402
from dsatspi import find, find_app, frame_of, page, press, showing  # noqa: E402

world, base, server = fake_services.start()
world.night = ('PDANA01', 'Dana Levi')   # on the night layer: asked last, and why
tmp = os.environ['DS_TEST_TMPDIR']
profile = fake_services.profile(base, os.path.join(tmp, 'team.json'))
db_path = os.path.join(os.environ['XDG_DATA_HOME'], 'dayshift', 'dayshift.db')
SUPPORT = 'C0SUPPORT1'
MANY = 10000

for service in ('slack', 'github', 'pagerduty', 'zenhub'):
    store_token(service, base, 'test-token-' + service)










def inbox(frame, name='Inbox'):
    return find(frame, pyatspi.ROLE_LIST_BOX, name) or find(frame, pyatspi.ROLE_LIST, name)


def rows(frame, name='Inbox'):
    box = inbox(frame, name)
    return box.childCount if box is not None else -1


def state(item_id):
    with sqlite3.connect(db_path, timeout=5) as db:
        row = db.execute('SELECT state FROM items WHERE id = ?', (item_id,)).fetchone()
    return row[0] if row else None


def click_row(box, i):
    """Keys go to the window under the pointer (no window manager here); a
    click, once the pointer is there, selects the row."""
    x, y, w, h = box.getChildAtIndex(i).queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    subprocess.run(['xdotool', 'mousemove', str(x + w // 3), str(y + h // 2)])
    time.sleep(0.5)
    subprocess.run(['xdotool', 'click', '1'])
    time.sleep(0.3)




bus = Bus()

# A database with 10,000 open requests, as weeks of unhandled alerts leave it.
app = App('--background', '--team-profile', profile)
check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'the app made its database')
gapplication('action', APP_ID, 'quit')
app.wait_exit(10)
app.stop()
fill_open_items(db_path, MANY)

app = App('--background', '--team-profile', profile)
try:
    check(wait_until(lambda: bus.has_owner(APP_ID), 30), 'the app started on 10,000 items')
    acc = wait_until(find_app, 15)
    gapplication('action', APP_ID, 'open')
    frame = wait_until(lambda: frame_of(acc), 15)
    check(frame is not None, 'the window opens')
    built = wait_until(lambda: rows(frame) if rows(frame) > 0 else None, 15)
    check(built is not None and 0 < built <= 60,
          'the inbox built rows for the first items only (%r of %d)' % (built, MANY))

    press(frame, 'Search')
    search = wait_until(lambda: find(frame, pyatspi.ROLE_TEXT, 'Search the inbox'), 5)
    check(search is not None, 'Search shows the search field')
    if search:
        search.queryEditableText().setTextContents('node 4242')
        check(wait_until(lambda: rows(frame) == 1, 10),
              'a search finds one item among 10,000 (%d rows)' % rows(frame))
        search.queryEditableText().setTextContents('')
        check(wait_until(lambda: rows(frame) == built, 10), 'cleared: the first rows again')

    # New requests from Slack, in a rotation.
    gapplication('action', APP_ID, 'start-rotation')
    check(wait_until(lambda: world.calls('GET', '/slack/api/conversations.history'), 20),
          'Slack was read')
    # A quoted link: the markup around it stays whole.
    ts_vpn = world.post(SUPPORT, 'Could someone reset my VPN certificate? See '
                                 '"https://vpn.example.com/help" for the error')
    world.reply(SUPPORT, ts_vpn, 'The error says it expired on Friday')
    ts_logs = world.post(SUPPORT, 'Can we talk about log retention some time?')
    gapplication('action', APP_ID, 'refresh')
    vpn_id = 'slack:%s/%s' % (SUPPORT, ts_vpn)
    logs_id = 'slack:%s/%s' % (SUPPORT, ts_logs)
    check(wait_until(lambda: state(vpn_id) == 'new' and state(logs_id) == 'new', 20),
          'two new requests arrived')

    if search:
        search.queryEditableText().setTextContents('vpn certificate')
        check(wait_until(lambda: rows(frame) == 1, 10), 'the search finds the VPN request')
        check(find(frame, pyatspi.ROLE_COMBO_BOX, 'Kind') is not None and
              find(frame, pyatspi.ROLE_COMBO_BOX, 'Source') is not None,
              'with filters by kind and source')

    # Read it whole.
    box = inbox(frame)
    if box is not None and box.childCount == 1:
        box.querySelection().selectChild(0)
    text = wait_until(lambda: find(frame, pyatspi.ROLE_LABEL, contains='reset my VPN'), 10)
    check(text is not None, 'the detail shows what was asked')
    check(find(frame, pyatspi.ROLE_LABEL, contains='Asked by Dana Levi in #ops-support') is not None,
          'who asked, and where')
    check(find(frame, pyatspi.ROLE_LABEL, contains=' arrived') is not None, 'its history begins')
    check(find(frame, pyatspi.ROLE_LABEL, contains='The error says it expired on Friday')
          is not None and find(frame, pyatspi.ROLE_LABEL, contains='1 reply, as read') is not None,
          'the thread\'s replies, as Dayshift read them')
    linked = pyatspi.findAllDescendants(
        frame, lambda a: a.getRole() == pyatspi.ROLE_LABEL and 'reset my VPN' in (a.name or '')
        and showing(a) and a.queryHypertext().getNLinks() == 1)
    check(len(linked) == 1, 'its web link is clickable')

    press(frame, 'Acknowledge')
    check(wait_until(lambda: state(vpn_id) == 'acknowledged', 10), 'Acknowledge from the pane')
    check(wait_until(lambda: world.calls('POST', '/slack/api/reactions.add'), 10),
          'the reaction went to Slack')
    check(wait_until(lambda: find(frame, pyatspi.ROLE_LABEL,
                                  contains='Adding the Slack reaction: sent') is not None, 10),
          'the pane shows the write, sent')
    check(wait_until(lambda: find(frame, pyatspi.ROLE_LABEL, contains='you: new → acknowledged')
                     is not None, 10), 'and the change in its history')

    # S on the selected item: deferred to the standup.
    if search:
        search.queryEditableText().setTextContents('log retention')
        check(wait_until(lambda: rows(frame) == 1, 10), 'the other request')
        box = inbox(frame)
        if box is not None and box.childCount == 1:
            click_row(box, 0)
            subprocess.run(['xdotool', 'key', 's'])


            check(wait_until(lambda: state(logs_id) == 'deferred', 10),
                  'S defers the selected item (%s)' % state(logs_id))

    # History: every item, the acknowledged one too.
    tab = page(frame, 'History')
    if tab:
        hist = wait_until(lambda: find(frame, pyatspi.ROLE_TEXT, 'Search every item'), 5)
        if hist is None:
            press(frame, 'Search')
            hist = wait_until(lambda: find(frame, pyatspi.ROLE_TEXT, 'Search every item'), 5)
        check(hist is not None, 'History has its own search')
        if hist:
            hist.queryEditableText().setTextContents('vpn')
            check(wait_until(lambda: rows(frame, 'History') == 1, 10),
                  'History finds the acknowledged request')
    # Delegate… orders the teammates by who is best placed, and says why.
    res = gapplication('action', APP_ID, 'delegate-to', "('%s', 'Sam Ortega')" % vpn_id)
    check(res.returncode == 0 and wait_until(lambda: state(vpn_id) == 'delegated', 10),
          'the VPN request delegated to Sam')
    ts_again = world.post(SUPPORT, 'My VPN certificate is broken again, sorry')
    gapplication('action', APP_ID, 'refresh')
    again_id = 'slack:%s/%s' % (SUPPORT, ts_again)
    check(wait_until(lambda: state(again_id) == 'new', 20), 'another VPN request')
    gapplication('action', APP_ID, 'delegate', "'%s'" % again_id)
    chooser = wait_until(lambda: find(acc, pyatspi.ROLE_DIALOG, 'Delegate'), 10)
    check(chooser is not None, 'Delegate… opens the chooser')
    if chooser:
        people = [a.name for a in pyatspi.findAllDescendants(
            chooser, lambda a: a.getRole() == pyatspi.ROLE_PUSH_BUTTON and a.name != 'Cancel')]
        check(len(people) == 2 and people[0] == 'Sam Ortega: took 1 of the last 1 request in '
              '#ops-support', 'Sam first, with why (%r)' % people)
        check(len(people) == 2 and
              people[1] == 'Dana Levi: on the night rotation (PagerDuty)',
              'Dana last: PagerDuty has her on the night rotation (%r)' % people)
        for b in pyatspi.findAllDescendants(chooser, lambda a: a.getRole() ==
                                            pyatspi.ROLE_PUSH_BUTTON and a.name == 'Cancel'):
            b.queryAction().doAction(0)

    # The process's steps that change no state: file an issue, add a teammate
    # to it, add a note; each written to GitHub and kept in the item's history.
    gapplication('action', APP_ID, 'file-issue', "'%s'" % again_id)
    check(wait_until(lambda: state(again_id) == 'filed' and world.issues, 15), 'an issue filed')
    number = world.issues[-1]['number'] if world.issues else 0
    res = gapplication('action', APP_ID, 'add-teammate', "('%s', 'Dana Levi')" % again_id)
    check(res.returncode == 0 and wait_until(
        lambda: world.calls('POST', exact='/github/repos/acme/ops/issues/%d/assignees' % number),
        10), 'Dana is added as an assignee of the issue')
    check(wait_until(lambda: any(c[1] == number and '@danalevi joined' in c[2]
                                 for c in world.comments), 10),
          'and a comment says who joined')
    gapplication('action', APP_ID, 'add-note', "('%s', 'Reissued the certificate by hand')"
                 % again_id)
    check(wait_until(lambda: any(c[1] == number and c[2].startswith('Reissued the certificate')
                                 for c in world.comments), 10), 'the note is on the issue')
    if search:
        page(frame, 'Inbox')
        search.queryEditableText().setTextContents('broken again')
        check(wait_until(lambda: rows(frame) == 1, 10), 'the filed request in the inbox')
        def shown():
            return (find(frame, pyatspi.ROLE_LABEL, contains='Dana Levi joined') is not None and
                    find(frame, pyatspi.ROLE_LABEL, contains='Note: Reissued the certificate')
                    is not None)
        for attempt in range(3):
            box = inbox(frame)
            if box is not None and box.childCount == 1:
                click_row(box, 0)
            if wait_until(shown, 5):
                break
        check(shown(),
              'its history shows who joined and the note')

    # Standup: the deferred request, a note typed in place, then Remove.
    tab = page(frame, 'Standup')
    if tab:
        note = wait_until(lambda: find(frame, pyatspi.ROLE_TEXT,
                                       'Note for “Can we talk about log retention some time?”'), 10)
        check(note is not None, 'the deferred request is on the standup list, with a note field')
        if note:
            note.queryEditableText().setTextContents('Ask the data team first')
            act = note.queryAction()
            names = [act.getName(i) for i in range(act.nActions)]
            check('activate' in names, 'the note field can be activated (Enter) (%r)' % names)
            if 'activate' in names:
                act.doAction(names.index('activate'))

            def saved_note():
                with sqlite3.connect(db_path, timeout=5) as db:
                    row = db.execute('SELECT standup_note FROM items WHERE id = ?',
                                     (logs_id,)).fetchone()
                return row[0] if row else None
            check(wait_until(lambda: saved_note() == 'Ask the data team first', 10),
                  'the note is kept (%r)' % saved_note())
            press(frame, 'Remove “Can we talk about log retention some time?” from the standup')
            check(wait_until(lambda: state(logs_id) == 'acknowledged', 10),
                  'Remove: off the list, back in your hands (%s)' % state(logs_id))
            check(wait_until(lambda: find(frame, pyatspi.ROLE_LABEL,
                                          contains='Nothing for the standup') is not None, 10),
                  'the list says it is empty')

    # A past rotation, as a handoff read back from GitHub keeps it.
    now = int(time.time())
    block = ('{"version":1,"start":%d,"end":%d,"by_kind":{"request":12,"access":3,"alert":1},'
             '"ack_median":540,"responses":{"within":10,"total":12},"tracked":3600,"left":[]}'
             % (now - 14 * 86400, now - 10 * 86400))
    with sqlite3.connect(db_path, timeout=5) as db:
        db.execute('INSERT INTO handoffs (author, start, end, url, posted, block) '
                   'VALUES (?, ?, ?, ?, ?, ?)',
                   ('danalevi', now - 14 * 86400, now - 10 * 86400,
                    'https://github.com/acme/ops/issues/1#issuecomment-1', now - 10 * 86400,
                    block))

    # Rotation: the charts, each with its words for those who do not see it.
    tab = page(frame, 'Rotation')
    if tab:
        chart = wait_until(lambda: pyatspi.findDescendant(
            frame, lambda a: a.name == 'Interruptions per hour' and showing(a) and
            a.getRole() != pyatspi.ROLE_LABEL), 10)
        check(chart is not None and 'Support request' in (chart.description or '') and
              'requests' in chart.description,
              'the load chart says itself in words (%r)' % (chart.description if chart else None))
        place = pyatspi.findDescendant(frame, lambda a: a.name == 'Where the load came from' and
                                       a.getRole() != pyatspi.ROLE_LABEL)
        check(place is not None and '#ops-support: 3 requests' in (place.description or ''),
              'where the load came from (%r)' % (place.description if place else None))
        past = pyatspi.findDescendant(frame, lambda a: a.name == 'Past rotations' and
                                      a.getRole() != pyatspi.ROLE_LABEL)
        said = past.description if past else ''
        check(past is not None and 'danalevi · ' in said and '16 requests' in said and
              '12 Support request' in said,
              'the past rotations, from the handoffs (%r)' % said)

    # A rotation's report opens from History (app.show-rotation-report), with its charts.
    with sqlite3.connect(db_path, timeout=5) as db:
        started = wait_until(lambda: db.execute('SELECT started FROM rotations ORDER BY id DESC '
                                                'LIMIT 1').fetchone(), 10)
    if started:
        gapplication('action', APP_ID, 'show-rotation-report', 'int64 %d' % started[0])
        view = wait_until(lambda: find(acc, pyatspi.ROLE_TEXT, 'Rotation report'), 10)
        text = view.queryText().getText(0, -1) if view else ''
        check(text.startswith('# Rotation report') and '```mermaid' in text and
              'xychart-beta' in text and 'Where the load came from' in text,
              'the report opens, with its charts (%r)' % text[-300:])
finally:
    check(app.alive(), 'the app is still running')
    app.stop()
    server.shutdown()

finish()
