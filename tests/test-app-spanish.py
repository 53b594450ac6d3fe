#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Dayshift in Spanish (LANG=es_ES.UTF-8, the translations of the build
folder), against the loopback services and a mock notification server: the
tray menu and a new request's notification, its buttons included, speak
Spanish; the counts use the plural forms; every page of the window can be
chosen by its Spanish name (at the bottom when the title bar is too narrow)."""

import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'harness'))
from dsapp import (APP_ID, BUILD, App, Bus, Notifications, check, finish,  # noqa: E402
                   gapplication, team_with_tokens, tray_labels, visible_windows,
                   wait_until)
from dsatspi import find_app, frame_of, showing  # noqa: E402
import pyatspi  # noqa: E402

SUPPORT = 'C0SUPPORT1'

locales = subprocess.run(['locale', '-a'], capture_output=True, text=True).stdout.lower()
if 'es_es.utf8' not in locales.split():
    print('1..0 # SKIP the es_ES.UTF-8 locale is not installed (tools/install-deps.sh --tests '
          'makes it)')
    sys.exit(0)

world, base, server, profile = team_with_tokens()
bus = Bus()
notes = Notifications(bus)


def menu():
    return [label.replace('_', '') for label in tray_labels(bus)]


env = dict(os.environ, LANG='es_ES.UTF-8', LC_ALL='es_ES.UTF-8',
           DAYSHIFT_LOCALEDIR=os.path.join(BUILD, 'po'))
env.pop('LANGUAGE', None)
app = App('--background', '--team-profile', profile, env=env)
try:
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'the app started')
    check(wait_until(lambda: 'Abrir Dayshift' in menu(), 15),
          'the tray menu is in Spanish (%r)' % menu())
    labels = menu()
    check('Salir' in labels and 'Configuración…' in labels and
          'Pausar las notificaciones durante 1 hora' in labels,
          'every entry of it (%r)' % labels)
    check('Open Dayshift' not in labels and 'Quit' not in labels, 'no English left in it')

    gapplication('action', APP_ID, 'start-rotation')
    check(wait_until(lambda: world.calls('GET', '/slack/api/conversations.history'), 20),
          'Slack was read')
    before = len(notes.shown())
    world.post(SUPPORT, 'Could someone look at the staging certificates?')
    gapplication('action', APP_ID, 'refresh')
    check(wait_until(lambda: len(notes.shown()) > before, 15), 'a new request is notified')
    shown = notes.shown()[before:]
    if shown:
        nid, summary, body, actions, hints = shown[0]
        words = actions[1::2]
        check('Solicitud de soporte' in summary + body, 'its text names the kind in Spanish '
              '(%r, %r)' % (summary, body))
        check('Reconocer' in words and 'Delegar…' in words,
              'its buttons are in Spanish (%r)' % words)
    check(wait_until(lambda: any('1 solicitud abierta' in l or 'solicitud nueva' in l
                                 for l in menu()), 10),
          'the tray counts in Spanish, singular (%r)' % menu()[:4])

    gapplication('action', APP_ID, 'open')
    check(wait_until(lambda: visible_windows('Dayshift'), 10), 'the window opens')
    # The longer Spanish page names leave the title bar no room for them: the
    # switcher at the bottom shows them instead, so every page stays a click away.
    acc = wait_until(find_app, 15)
    frame = wait_until(lambda: acc and frame_of(acc), 10)
    if frame:
        names = ('Bandeja de entrada', 'Reunión diaria', 'Guardia', 'Historial')
        check(wait_until(lambda: all(
            pyatspi.findDescendant(frame, lambda a, n=n: a.name == n and showing(a) and
                                   a.getRole() in (pyatspi.ROLE_RADIO_BUTTON,
                                                   pyatspi.ROLE_TOGGLE_BUTTON))
            for n in names), 10), 'every page can be chosen, in Spanish')
finally:
    app.stop()
    server.shutdown()
finish()
