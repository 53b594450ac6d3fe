# SPDX-License-Identifier: GPL-3.0-or-later
"""Finding Dayshift's windows and controls over AT-SPI, as the UI tests do."""

import pyatspi

from dsapp import check


def find_app():
    """The accessible application "dayshift", or None."""
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        child = desktop.getChildAtIndex(i)
        if child is not None and child.name == 'dayshift':
            return child
    return None


def showing(acc):
    return acc is not None and acc.getState().contains(pyatspi.STATE_SHOWING)


def find(root, role, name=None, contains=None):
    """A showing descendant with this role and name (or a name containing)."""
    def match(a):
        return (a.getRole() == role and (name is None or a.name == name) and
                (contains is None or contains in (a.name or '')) and showing(a))
    return pyatspi.findDescendant(root, match)


def frame_of(app, title=None):
    """The application's showing frame (named @title, if given)."""
    for i in range(app.childCount):
        child = app.getChildAtIndex(i)
        if (child.getRole() == pyatspi.ROLE_FRAME and showing(child) and
                (title is None or child.name == title)):
            return child
    return None


def press(root, name):
    """Presses the (toggle) button @name, checking that there is one."""
    button = (find(root, pyatspi.ROLE_PUSH_BUTTON, name) or
              find(root, pyatspi.ROLE_TOGGLE_BUTTON, name))
    check(button is not None, 'a button "%s"' % name)
    if button is not None:
        button.queryAction().doAction(0)
    return button


def page(root, name):
    """Shows the window's page @name (the view switcher's button)."""
    tab = pyatspi.findDescendant(root, lambda a: a.name == name and a.getRole() in (
        pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_PUSH_BUTTON))
    check(tab is not None, 'a page "%s"' % name)
    if tab is not None:
        tab.queryAction().doAction(0)
    return tab
