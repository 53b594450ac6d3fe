#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every surface offers the same quick actions, labelled alike, and only
those that apply to the item as it is. Against the loopback services, with
a new Slack request, one acknowledged, a GitHub access request and a
PagerDuty incident resolved (done, in History), this compares what each
surface offers with the labels written out below:

- the notification's buttons (the mock notification server);
- the tray's submenu for each item (over com.canonical.dbusmenu), with
  Delegate ▸ the teammates (a name with an underscore keeps it) and
  Snooze ▸ how long;
- the inbox row's menu and the detail pane's buttons (AT-SPI): two columns
  filled in order, no holes, and only the first of Acknowledge and Delegate…
  drawn as the suggested (blue) button, also once Acknowledge is pressed;
- the keys A and I refused where they do not apply (nothing sent, nothing
  changed, no error), and the shortcuts window's titles for A, D, I, S."""

import json
import os
import re
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
from dsapp import (APP_ID, WATCHER, App, Bus, Notifications, check, finish,  # noqa: E402
                   gapplication, stop_apps, team_with_tokens, wait_until)

import gi  # noqa: E402
gi.require_version('Gdk', '3.0')
gi.require_version('Gtk', '3.0')
import pyatspi  # noqa: E402
from dsatspi import find, find_app, frame_of, page, press, showing  # noqa: E402
from gi.repository import Gdk, GLib, Gtk  # noqa: E402

SUPPORT = 'C0SUPPORT1'
MENU = 'com.canonical.dbusmenu'
db_path = os.path.join(os.environ['XDG_DATA_HOME'], 'dayshift', 'dayshift.db')

# What each surface should offer, said here and not read from Dayshift.
NOTIFY_NEW = ['Acknowledge', 'Delegate…', 'File Issue', 'Defer to Standup']
NOTIFY_GITHUB = ['Acknowledge', 'Delegate…', 'Defer to Standup']
TEAM = ['Sam Ortega', 'Dana Levi', 'Jo_Dev']
SNOOZES = ['15 minutes', '1 hour', 'Until tomorrow morning']
TRAY_NEW = ['Open', 'Acknowledge', ('Delegate', TEAM), 'File Issue', 'Defer to Standup',
            ('Snooze', SNOOZES), 'Start Support Timer', 'Dismiss (Not a Request)',
            'Add Teammate…', 'Add Note…']
TRAY_ACKED = [e for e in TRAY_NEW if e != 'Acknowledge']
TRAY_GITHUB = ['Open', 'Acknowledge', ('Delegate', TEAM), 'Defer to Standup',
               ('Snooze', SNOOZES), 'Start Support Timer', 'Dismiss (Not a Request)',
               'Link to Super-Epic', 'Add Teammate…', 'Add Note…']
PANE_NEW = ['Acknowledge', 'Delegate…', 'File Issue', 'Defer to Standup', 'Snooze',
            'Start Support Timer', 'Dismiss (Not a Request)', 'Add Teammate…', 'Add Note…']
PANE_ACKED = PANE_NEW[1:]
PANE_GITHUB = ['Acknowledge', 'Delegate…', 'Defer to Standup', 'Open in Browser', 'Snooze',
               'Start Support Timer', 'Dismiss (Not a Request)', 'Link to Super-Epic',
               'Add Teammate…', 'Add Note…']
PANE_DONE = ['Open in Browser']
ROW_NEW = PANE_NEW + ['Copy Item Id (for Scripts)']
ROW_ACKED = PANE_ACKED + ['Copy Item Id (for Scripts)']
ROW_GITHUB = PANE_GITHUB + ['Copy Item Id (for Scripts)']
ROW_DONE = ['Open in Browser', 'Copy Item Id (for Scripts)']
SHORTCUTS = ['A', 'Acknowledge', 'D', 'Delegate…', 'I', 'File Issue', 'S', 'Defer to Standup']

NEW = 'QA-NEW could someone look at the runner?'
ACKED = 'QA-ACK is the wiki down?'
GITHUB = 'QA-GH access to billing'
DONE = 'QA-DONE checkout errors'

world, base, server, profile = team_with_tokens()
with open(profile) as f:
    team = json.load(f)
team['teammates'].append({'name': 'Jo_Dev', 'github': 'jodev', 'slack': 'U0JODEV001'})
with open(profile, 'w') as f:
    json.dump(team, f)


def state(item_id):
    with sqlite3.connect(db_path, timeout=5) as db:
        row = db.execute('SELECT state FROM items WHERE id = ?', (item_id,)).fetchone()
    return row[0] if row else None


def buttons(note):
    """A notification's buttons' labels, its click aside."""
    return [label for key, label in zip(note[3][::2], note[3][1::2]) if key != 'default']


def notified(text):
    found = [n for n in notes.shown() if text in n[1] or text in n[2]]
    return found[-1] if found else None


def problems():
    return [n for n in notes.shown() if n[1].startswith('Dayshift could not')]


# -- the tray, over dbusmenu ------------------------------------------------

def unmnemonic(label):
    """dbusmenu's label as shown: "_x" is a mnemonic, "__" an underscore."""
    return re.sub('_(.)', r'\1', label)


def tray_entry(marker):
    items = bus.get_property(WATCHER, '/StatusNotifierWatcher', WATCHER,
                             'RegisteredStatusNotifierItems')
    if not items:
        return None
    dest, path = items[0][:items[0].index('/')], items[0][items[0].index('/'):]
    menu_path = bus.get_property(dest, path, 'org.kde.StatusNotifierItem', 'Menu')
    _, layout = bus.call(dest, menu_path, MENU, 'GetLayout', GLib.Variant('(iias)', (0, -1, [])))
    for child in layout[2]:
        if marker in unmnemonic(child[1].get('label', '')) and child[1].get('visible', True):
            return child
    return None


def offers(entry):
    """An entry's submenu as people see it: labels, and (label, [choices])."""
    out = []
    for child in entry[2] if entry else []:
        props = child[1]
        if not props.get('visible', True) or props.get('type') == 'separator':
            continue
        label = unmnemonic(props.get('label', ''))
        out.append((label, offers(child)) if props.get('children-display') == 'submenu'
                   else label)
    return out


def raw_labels(entry):
    return [c[1].get('label', '') for c in entry[2]] if entry else []


# -- the window, over AT-SPI ------------------------------------------------

def pane_buttons(frame):
    """The detail pane's buttons, shown, in order, with where they are."""
    table = find(frame, pyatspi.ROLE_TABLE)
    out = []
    for i in range(table.childCount if table else 0):
        cell = table.getChildAtIndex(i)
        if showing(cell) and cell.childCount:
            button = cell.getChildAtIndex(0)
            out.append((button.name, button.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)))
    return out


def laid_out(placed):
    """Two columns, filled in order, no holes."""
    if not placed:
        return True
    xs = sorted({e.x for _, e in placed})
    rows = sorted({e.y for _, e in placed})
    want = [(rows[i // 2], xs[i % 2]) for i in range(len(placed))] if len(xs) <= 2 else None
    return (len(xs) == min(2, len(placed)) and
            want == [(e.y, e.x) for _, e in placed])


def blue(extents):
    """Whether the button is drawn as the suggested action: mostly blue."""
    pixbuf = Gdk.pixbuf_get_from_window(Gdk.get_default_root_window(), extents.x, extents.y,
                                        extents.width, extents.height)
    if pixbuf is None:
        return False
    data, n, stride = pixbuf.get_pixels(), pixbuf.get_n_channels(), pixbuf.get_rowstride()
    hits = total = 0
    for y in range(2, pixbuf.get_height() - 2, 2):
        for x in range(2, pixbuf.get_width() - 2, 2):
            r, g, b = data[y * stride + x * n:y * stride + x * n + 3]
            total += 1
            hits += b > 150 and b > r + 80
    return total > 0 and hits > total // 2


def pane_says(frame, want, what):
    """The pane offers @want, laid out without holes; only the first of
    Acknowledge and Delegate… is blue."""
    shown = wait_until(lambda: [n for n, _ in pane_buttons(frame)] == want and
                       pane_buttons(frame), 10) or pane_buttons(frame)
    check([n for n, _ in shown] == want,
          '%s: the pane offers %r (%r)' % (what, want, [n for n, _ in shown]))
    check(laid_out(shown), '%s: in two columns, in order, without holes (%r)'
          % (what, [(n, e.x, e.y) for n, e in shown]))
    main = next((n for n in want if n in ('Acknowledge', 'Delegate…')), None)
    time.sleep(0.3)
    drawn = [n for n, e in pane_buttons(frame) if blue(e)]
    check(drawn == ([main] if main else []),
          '%s: the suggested button is %r (%r)' % (what, main, drawn))


def showing_buttons(frame):
    found = pyatspi.findAllDescendants(frame, lambda a: a.getRole() in (
        pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON) and showing(a))
    return [(a.name, tuple(a.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)), a)
            for a in found]


def row_menu(frame, title):
    """Opens the row's menu: the entries it shows, in order."""
    before = {(n, e) for n, e, _ in showing_buttons(frame)}
    press(frame, 'Actions for “%s”' % title)

    def opened():
        return [a for n, e, a in showing_buttons(frame) if (n, e) not in before]
    return wait_until(opened, 5) or []


def key(frame, name):
    """Keys go to the window under the pointer (no window manager here)."""
    heading = find(frame, pyatspi.ROLE_LABEL, 'History')
    x, y, w, h = (heading or frame).queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    subprocess.run(['xdotool', 'mousemove', str(x + w // 2), str(y + h // 2)])
    time.sleep(0.5)
    subprocess.run(['xdotool', 'key', name])


def show(item_id, title):
    gapplication('action', APP_ID, 'open-item', "'%s'" % item_id)
    return wait_until(lambda: frame_of(acc) and
                      find(frame_of(acc), pyatspi.ROLE_LABEL, 'What was asked') and
                      find(frame_of(acc), pyatspi.ROLE_PUSH_BUTTON, 'Actions for “%s”' % title)
                      and frame_of(acc), 10)


def copy_and_close(menu, item_id, what):
    """Copy Item Id: the menu was the item's own, and it closes."""
    copy = [a for a in menu if a.name == 'Copy Item Id (for Scripts)']
    if copy:
        copy[0].queryAction().doAction(0)
        clip = Gtk.Clipboard.get(Gdk.SELECTION_CLIPBOARD)
        check(wait_until(lambda: clip.wait_for_text() == item_id, 5),
              '%s: the menu was the item\'s own (%r)' % (what, clip.wait_for_text()))


bus = Bus()
notes = Notifications(bus)
app = App('--background', '--team-profile', profile)
try:
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'the app started')
    acc = wait_until(find_app, 15)
    gapplication('action', APP_ID, 'start-rotation')
    # Each listing read once before the items come: a first look is quiet.
    # (The issues' listings themselves, not the super-epics' comments.)
    check(wait_until(lambda: len(world.calls('GET', '/slack/api/conversations.history')) >= 2 and
                     len(world.calls('GET', exact='/github/repos/acme/ops/issues')) >= 2 and
                     world.calls('GET', '/github/search/issues') and
                     world.calls('GET', '/pagerduty/incidents'), 20), 'the first poll was done')
    new_id = 'slack:%s/%s' % (SUPPORT, world.post(SUPPORT, NEW))
    acked_id = 'slack:%s/%s' % (SUPPORT, world.post(SUPPORT, ACKED))
    github_id = 'github:acme/ops#77'
    with world.lock:
        world.issues.append({'number': 77, 'title': GITHUB, 'body': 'please',
                             'labels': ['access-request'], 'assignees': []})
    done_id = 'pagerduty:PQA1'
    world.page('PQA1', DONE)
    gapplication('action', APP_ID, 'refresh')
    check(wait_until(lambda: all(notified(t) for t in (NEW, ACKED, GITHUB, DONE)), 20),
          'the four items were notified')

    # Notifications.
    for title, want in ((NEW, NOTIFY_NEW), (ACKED, NOTIFY_NEW), (GITHUB, NOTIFY_GITHUB),
                        (DONE, NOTIFY_NEW)):
        note = notified(title)
        check(note is not None and buttons(note) == want,
              'notification of %s: %r (%r)' % (title[:6], want, note and buttons(note)))

    # The tray.
    check(wait_until(lambda: offers(tray_entry(NEW[:20])) == TRAY_NEW, 10),
          'tray, a new request: %r' % offers(tray_entry(NEW[:20])))
    check(wait_until(lambda: offers(tray_entry(GITHUB)) == TRAY_GITHUB, 10),
          'tray, a GitHub item: %r' % offers(tray_entry(GITHUB)))
    people = [e for e in tray_entry(NEW[:20])[2]
              if unmnemonic(e[1].get('label', '')) == 'Delegate']
    check(people and raw_labels(people[0]) == ['Sam Ortega', 'Dana Levi', 'Jo__Dev'],
          'a teammate\'s underscore is no mnemonic (%r)' % (people and raw_labels(people[0])))

    # The pane and the row menu of a new request; Acknowledge from the pane.
    frame = show(acked_id, ACKED)
    check(frame is not None, 'the window shows the request')
    pane_says(frame, PANE_NEW, 'a new request')
    menu = row_menu(frame, ACKED)
    check([a.name for a in menu] == ROW_NEW,
          'row menu, a new request: %r' % [a.name for a in menu])
    copy_and_close(menu, acked_id, 'a new request')
    press(frame, 'Acknowledge')
    check(wait_until(lambda: state(acked_id) == 'acknowledged', 10), 'acknowledged from the pane')
    pane_says(frame, PANE_ACKED, 'acknowledged')
    menu = row_menu(frame, ACKED)
    check([a.name for a in menu] == ROW_ACKED,
          'row menu, acknowledged: %r' % [a.name for a in menu])
    copy_and_close(menu, acked_id, 'acknowledged')
    check(wait_until(lambda: offers(tray_entry(ACKED)) == TRAY_ACKED, 10),
          'tray, acknowledged: %r' % offers(tray_entry(ACKED)))
    offer = wait_until(lambda: notified('Acknowledged: ' + ACKED), 10)
    check(offer is not None and buttons(offer) == ['Start Support Timer'],
          'the timer offered after it, labelled alike (%r)' % (offer and buttons(offer)))

    # A again: refused, not done twice.
    reactions = len(world.calls('POST', '/slack/api/reactions.add'))
    offers_before = len([n for n in notes.shown() if n[1] == 'Acknowledged: ' + ACKED])
    show(acked_id, ACKED)
    key(frame, 'a')
    time.sleep(1.5)
    check(len(world.calls('POST', '/slack/api/reactions.add')) == reactions and
          len([n for n in notes.shown() if n[1] == 'Acknowledged: ' + ACKED]) == offers_before
          and not problems(), 'A on an acknowledged request does nothing again')

    # A GitHub item: linked to a super-epic, never filed; I refused.
    frame = show(github_id, GITHUB)
    pane_says(frame, PANE_GITHUB, 'a GitHub item')
    menu = row_menu(frame, GITHUB)
    check([a.name for a in menu] == ROW_GITHUB,
          'row menu, a GitHub item: %r' % [a.name for a in menu])
    copy_and_close(menu, github_id, 'a GitHub item')
    filed = len(world.issues)
    show(github_id, GITHUB)
    key(frame, 'i')
    time.sleep(1.5)
    check(state(github_id) == 'new' and len(world.issues) == filed and not problems(),
          'I on a GitHub item files nothing (%s, %d issues, %r)'
          % (state(github_id), len(world.issues), [n[1] for n in problems()]))

    # Done, in History: nothing that moves it.
    world.resolve('PQA1')
    gapplication('action', APP_ID, 'refresh')
    check(wait_until(lambda: state(done_id) == 'done', 20), 'the incident is done')
    frame = show(done_id, DONE)
    check(frame is not None and find(frame, pyatspi.ROLE_LIST_BOX, 'History') is not None,
          'shown in History')
    pane_says(frame, PANE_DONE, 'done')
    menu = row_menu(frame, DONE)
    check([a.name for a in menu] == ROW_DONE, 'row menu, done: %r' % [a.name for a in menu])
    copy_and_close(menu, done_id, 'done')
    show(done_id, DONE)
    key(frame, 'a')
    time.sleep(1.5)
    check(state(done_id) == 'done' and not problems(),
          'A on a done item changes nothing and says no error (%r)' % [n[1] for n in problems()])

    # Snooze ▸ how long, from the row menu of the new request.
    page(frame, 'Inbox')
    frame = show(new_id, NEW)
    menu = row_menu(frame, NEW)
    check([a.name for a in menu] == ROW_NEW,
          'row menu, a new request: %r' % [a.name for a in menu])
    snooze = [a for a in menu if a.name == 'Snooze']
    if snooze:
        before = {(n, e) for n, e, _ in showing_buttons(frame)}
        snooze[0].queryAction().doAction(0)
        choices = wait_until(lambda: [a for n, e, a in showing_buttons(frame)
                                      if n in SNOOZES and (n, e) not in before], 5) or []
        check([a.name for a in choices] == SNOOZES, 'Snooze ▸ %r' % [a.name for a in choices])
        if choices:
            choices[0].queryAction().doAction(0)
            check(wait_until(lambda: state(new_id) == 'snoozed', 10), 'snoozed for 15 minutes')

    # The shortcuts window.
    bus.call(APP_ID, '/' + APP_ID.replace('.', '/') + '/window/1', 'org.gtk.Actions', 'Activate',
             GLib.Variant('(sava{sv})', ('show-help-overlay', [], {})))

    def shortcuts():
        for i in range(acc.childCount):
            f = acc.getChildAtIndex(i)
            if f.getRole() == pyatspi.ROLE_FRAME and showing(f) and \
                    find(f, pyatspi.ROLE_LABEL, 'Read it whole'):
                labels = [a.name for a in pyatspi.findAllDescendants(
                    f, lambda a: a.getRole() == pyatspi.ROLE_LABEL and a.name and showing(a))]
                return labels[labels.index('Read it whole') + 1:]
        return None
    said = wait_until(shortcuts, 10)
    check(said == SHORTCUTS, 'the shortcuts window: %r' % said)
finally:
    stop_apps([app], server)
finish()
