# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers for tests that drive the real dayshift binary inside ds-harness.py."""

import os
import sqlite3
import subprocess
import sys
import time
import traceback

from gi.repository import Gio, GLib

BUILD = os.environ.get('DS_BUILD_ROOT', 'build')
APP_ID = os.environ.get('DS_APP_ID', 'io.github.dayshift.Dayshift')
BINARY = os.path.join(BUILD, 'src', 'dayshift')
SOURCE = os.environ.get('DS_SOURCE_ROOT', os.path.join(os.path.dirname(__file__), '..', '..'))
# A real team profile with no tokens saved: no source runs, the inbox stays empty.
EXAMPLE_PROFILE = os.path.join(SOURCE, 'data', 'team-profile.example.json')
# Debian's faketime package: a clock of the test's for the app, wall and monotonic.
LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1'

_failures = 0
_count = 0


def check(cond, what, todo=None):
    """Records one TAP result; the test goes on so every check is reported.
    With @todo (why it fails now: a defect known, not fixed yet), a failure
    is TAP's "# TODO", expected; a pass then is unexpected, which meson
    counts as a failure, so that the TODO goes once it is fixed."""
    global _failures, _count
    _count += 1
    print('%s %d - %s%s' % ('ok' if cond else 'not ok', _count, what,
                            ' # TODO ' + todo if todo else ''), flush=True)
    if not cond and not todo:
        _failures += 1
    return cond


def finish():
    """Ends the TAP stream. Called from a `finally:` while an exception is on
    its way up, it records that exception as a failure: a test that crashed
    half-way must not pass with fewer checks."""
    exc = sys.exc_info()[1]
    if exc is not None and not isinstance(exc, SystemExit):
        text = ''.join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        print('# ' + text.rstrip().replace('\n', '\n# '), flush=True)
        check(False, 'the test ran to its end (%s: %s)' % (type(exc).__name__, exc))
    print('1..%d' % _count, flush=True)
    sys.exit(1 if _failures else 0)


def wait_until(pred, timeout=10.0, interval=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = pred()
        if value:
            return value
        time.sleep(interval)
    return pred()


class Bus:
    def __init__(self):
        self.conn = Gio.bus_get_sync(Gio.BusType.SESSION, None)

    def call(self, dest, path, iface, method, params=None, reply=None, timeout=5000):
        return self.conn.call_sync(dest, path, iface, method, params,
                                   GLib.VariantType(reply) if reply else None,
                                   Gio.DBusCallFlags.NONE, timeout, None).unpack()

    def has_owner(self, name):
        return self.call('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus',
                         'NameHasOwner', GLib.Variant('(s)', (name,)))[0]

    def get_property(self, dest, path, iface, name):
        return self.call(dest, path, 'org.freedesktop.DBus.Properties', 'Get',
                         GLib.Variant('(ss)', (iface, name)))[0]

    def get_all(self, dest, path, iface):
        return self.call(dest, path, 'org.freedesktop.DBus.Properties', 'GetAll',
                         GLib.Variant('(s)', (iface,)))[0]

    def mock_calls(self, dest, path, method):
        return self.call(dest, path, 'org.freedesktop.DBus.Mock', 'GetMethodCalls',
                         GLib.Variant('(s)', (method,)))[0]


def faketime_env(start, factor):
    """The test's environment for an app whose clock (wall and monotonic,
    libfaketime's) starts at @start (Unix seconds, UTC) and runs @factor
    times faster. Helpers started without it keep the real clock."""
    at = time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(start))
    return dict(os.environ, LD_PRELOAD=LIBFAKETIME, FAKETIME='@%s x%d' % (at, factor),
                FAKETIME_NO_CACHE='1', TZ='UTC')


class FakeClock:
    """libfaketime's clock for an app, kept on the services' clock
    (fake_services.World), which may change pace while the app runs: an
    offset from the real clock and a pace, in a file the app reads at each
    look at the time, and in its home's .faketimerc, which it reads when
    that fails (as it may when threads look at once). Relative to the real
    clock, the same words mean the same time whenever the app reads them,
    however often."""

    # The app counts from when libfaketime loads in it, a little after the
    # test starts it: counting from this much later, its clock is a little
    # ahead of the services' rather than behind, and a faster pace moves it
    # on, never back.
    LOAD = 0.05

    def __init__(self, world, path):
        self.world = world
        self.paths = [path, os.path.join(os.environ['HOME'], '.faketimerc')]
        self.loaded = time.time()

    def env(self):
        """The test's environment for an app started now, on this clock."""
        self.loaded = time.time() + self.LOAD
        self.follow()
        return dict(os.environ, LD_PRELOAD=LIBFAKETIME, FAKETIME_TIMESTAMP_FILE=self.paths[0],
                    FAKETIME_NO_CACHE='1', TZ='UTC')

    def follow(self):
        """The services' clock changed pace: the app's clock follows."""
        w = self.world
        with w.lock:
            start, t0, factor = w.start, w.t0, w.factor
        offset = start - self.loaded - (t0 - self.loaded) * factor
        for path in self.paths:
            with open(path + '.new', 'w') as f:
                f.write('%+.3f x%g' % (offset, factor))   # no line break: read as it is
            os.replace(path + '.new', path)


class App:
    """The dayshift binary, started in the background. Its output goes to
    @log in the test's directory (one name per start keeps each)."""

    def __init__(self, *args, env=None, log='dayshift.log'):
        self.log_path = os.path.join(os.environ.get('DS_TEST_TMPDIR', '/tmp'), log)
        self.log = open(self.log_path, 'w')
        self.proc = subprocess.Popen([BINARY] + list(args), stdout=self.log, stderr=self.log,
                                     env=env)

    def alive(self):
        return self.proc.poll() is None

    def wait_exit(self, timeout=10):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def output(self):
        self.log.flush()
        with open(self.log_path) as f:
            return f.read()

    def rss_kb(self):
        """Its resident memory (VmRSS), in KiB; 0 once it has exited."""
        try:
            with open('/proc/%d/status' % self.proc.pid) as f:
                for line in f:
                    if line.startswith('VmRSS:'):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    def cpu_seconds(self):
        """The CPU time it has used, user and system."""
        try:
            with open('/proc/%d/stat' % self.proc.pid) as f:
                fields = f.read().rsplit(')', 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')

    def stop(self):
        if self.alive():
            self.proc.terminate()
            self.wait_exit(5)
        if self.alive():
            self.proc.kill()
            self.proc.wait()


def gapplication(*args, timeout=10):
    return subprocess.run(['gapplication'] + list(args), capture_output=True, text=True,
                          timeout=timeout)


def visible_windows(name):
    """X window ids that are mapped and have exactly this title."""
    proc = subprocess.run(['xdotool', 'search', '--onlyvisible', '--name', '^%s$' % name],
                          capture_output=True, text=True)
    return proc.stdout.split()


def store_token(service, host, token):
    """Saves a token in the test keyring the way a user would, through stdin."""
    proc = subprocess.run(['secret-tool', 'store', '--label=Dayshift test token',
                           'xdg:schema', 'io.github.dayshift.Dayshift', 'service', service,
                           'host', host], input=token, text=True, capture_output=True, timeout=20)
    return proc.returncode == 0


def set_settings(**keys):
    """Adds keys to the settings file the harness made (before the app starts)."""
    path = os.path.join(os.environ['XDG_CONFIG_HOME'], 'glib-2.0', 'settings', 'keyfile')
    with open(path, 'a') as f:
        for key, value in keys.items():
            f.write('%s=%s\n' % (key.replace('_', '-'), value))


class Notifications:
    """What the mock notification server was asked, with the id each got."""

    PATH = '/org/freedesktop/Notifications'
    NAME = 'org.freedesktop.Notifications'

    def __init__(self, bus):
        self.bus = bus

    def shown(self):
        """[(id, summary, body, actions, hints)] in the order they were shown."""
        out, next_id = [], 1
        for _, args in self.bus.mock_calls(self.NAME, self.PATH, 'Notify'):
            nid = args[1]
            if not nid:
                nid, next_id = next_id, next_id + 1
            out.append((nid, args[3], args[4], list(args[5]), args[6]))
        return out

    def find(self, text):
        for n in self.shown():
            if text in n[1]:
                return n
        return None

    def closed(self):
        return [args[0] for _, args in self.bus.mock_calls(self.NAME, self.PATH,
                                                            'CloseNotification')]

    def invoke(self, nid, action):
        self.bus.call(self.NAME, self.PATH, 'org.freedesktop.DBus.Mock', 'EmitSignal',
                      GLib.Variant('(sssav)', (self.NAME, 'ActionInvoked', 'us',
                                               [GLib.Variant('u', nid),
                                                GLib.Variant('s', action)])))


class NotificationFeed:
    """What the mock notification server is asked, as it comes (its
    MethodCalled signal): a long test does not read the whole log again and
    again (each notification carries Dayshift's icon, 9 KiB, when it is not
    installed). take() gives the notifications shown since the last take,
    as Notifications.shown() gives them; the test's main context must run
    (take() runs it)."""

    def __init__(self, bus):
        self.next_id = 1
        self.pending = []
        self.count = 0
        bus.conn.signal_subscribe(Notifications.NAME, 'org.freedesktop.DBus.Mock', 'MethodCalled',
                                  Notifications.PATH, None, Gio.DBusSignalFlags.NONE,
                                  self._on_called)

    def _on_called(self, conn, sender, path, iface, signal, params):
        name, args = params.unpack()
        if name != 'Notify':
            return
        nid = args[1]
        if not nid:
            nid, self.next_id = self.next_id, self.next_id + 1
        self.pending.append((nid, args[3], args[4], list(args[5]), args[6]))
        self.count += 1

    def take(self):
        context = GLib.MainContext.default()
        while context.iteration(False):
            pass
        out, self.pending = self.pending, []
        return out


def start_on_rotation(bus, profile, apps):
    """Dayshift on @profile in the tray, kept in @apps (to stop them all at the
    end), with the rotation started."""
    app = App('--background', '--team-profile', profile)
    apps.append(app)
    check(wait_until(lambda: bus.has_owner(APP_ID), 15), 'the app started (%d)' % len(apps))
    gapplication('action', APP_ID, 'start-rotation')
    return app


def stop_apps(apps, server=None):
    """Stops every app the test started (and the fake services), and checks
    that none of them printed a warning."""
    out = ''.join(a.output() for a in apps)
    for a in apps:
        a.stop()
    if server is not None:
        server.shutdown()
    check('CRITICAL' not in out and 'WARNING' not in out, 'no warnings from the app')
    if 'CRITICAL' in out or 'WARNING' in out:
        print('# ' + out.replace('\n', '\n# '))


WATCHER = 'org.kde.StatusNotifierWatcher'


def tray_labels(bus):
    """The labels of the registered tray item's menu (com.canonical.dbusmenu),
    mnemonics as they are, visible entries only."""
    items = bus.get_property(WATCHER, '/StatusNotifierWatcher', WATCHER,
                             'RegisteredStatusNotifierItems')
    if not items:
        return []
    dest, path = items[0][:items[0].index('/')], items[0][items[0].index('/'):]
    menu_path = bus.get_property(dest, path, 'org.kde.StatusNotifierItem', 'Menu')
    _, layout = bus.call(dest, menu_path, 'com.canonical.dbusmenu', 'GetLayout',
                         GLib.Variant('(iias)', (0, -1, [])))
    return [child[1].get('label', '') for child in layout[2] if child[1].get('visible', True)]


def gsettings(*args):
    """The gsettings tool in the test's session (its keyfile settings)."""
    env = dict(os.environ)
    env.pop('G_MESSAGES_DEBUG', None)
    return subprocess.run(['gsettings'] + list(args), capture_output=True, text=True, env=env)


def fill_open_items(db_path, n):
    """@n open alerts in Dayshift's database, as weeks of unhandled alerts
    leave it (the app made the database and is not running)."""
    with sqlite3.connect(db_path) as db:
        now = int(time.time()) - 86400
        db.executemany(
            "INSERT OR IGNORE INTO items (id, source, remote_id, kind, state, title, requester, "
            "created, first_seen, channel, notified) VALUES (?, 'slack', ?, 'alert', 'new', ?, "
            "'alertbot', ?, ?, '#alerts', 1)",
            [('slack:C0ALERTS1/%d.000100' % (1700000000 + i),
              'C0ALERTS1/%d.000100' % (1700000000 + i),
              'Disk usage above 90%% on node %d' % i, now - i, now - i) for i in range(n)])


def team_with_tokens(services=('slack', 'github', 'pagerduty')):
    """The loopback services, a team profile that names them, and a token for
    each of @services in the test's keyring: (world, base, server, profile)."""
    import fake_services
    world, base, server = fake_services.start()
    profile = fake_services.profile(base, os.path.join(os.environ['DS_TEST_TMPDIR'], 'team.json'))
    for service in services:
        store_token(service, base, 'test-token-' + service)
    return world, base, server, profile
