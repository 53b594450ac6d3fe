#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Under Xvfb, app.open shows the main window and AT-SPI finds it, and its
controls, by their accessible names."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
from dsapp import APP_ID, App, Bus, check, finish, gapplication, wait_until  # noqa: E402

import pyatspi  # noqa: E402


def find_app():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        child = desktop.getChildAtIndex(i)
        if child is not None and child.name == 'dayshift':
            return child
    return None


def find(root, role, name):
    return pyatspi.findDescendant(root, lambda a: a.getRole() == role and a.name == name)


def showing_frame(acc):
    for i in range(acc.childCount):
        child = acc.getChildAtIndex(i)
        if (child.getRole() == pyatspi.ROLE_FRAME and child.name == 'Dayshift'
                and child.getState().contains(pyatspi.STATE_SHOWING)):
            return child
    return None


bus = Bus()
app = App('--background')
try:
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'the app took its bus name')
    acc = wait_until(find_app, 15)
    check(acc is not None, 'AT-SPI sees the application "dayshift"')
    check(acc is not None and showing_frame(acc) is None, 'no window before app.open')

    res = gapplication('action', APP_ID, 'open')
    check(res.returncode == 0, 'gapplication action open')
    frame = wait_until(lambda: showing_frame(acc), 15) if acc else None
    check(frame is not None, 'a showing frame named "Dayshift"')
    if frame is not None:
        check(find(frame, pyatspi.ROLE_PUSH_BUTTON, 'Settings') is not None,
              'the Settings button has an accessible name')
        check(find(frame, pyatspi.ROLE_LABEL, 'All quiet') is not None,
              'the empty inbox says "All quiet"')
    gapplication('action', APP_ID, 'quit')
    check(app.wait_exit(10) == 0, 'quit')
finally:
    app.stop()
finish()
