#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs one Dayshift test in a throw-away desktop session.

Each run gets its own HOME and XDG directories, and on request its own
session bus (no service activation, so nothing starts behind the test's
back), an unlocked gnome-keyring, a mock notification server, a mock
StatusNotifierWatcher, an AT-SPI bus, an Xvfb display, and a system bus of
its own with a mock logind (--logind). Everything is torn down when the
test ends, whatever its result.

    ds-harness.py [--bus] [--keyring] [--notifications CAPS] [--watcher] [--portals]
                  [--xvfb] [--atspi] [--logind] [--faketime SPEC] -- COMMAND [ARGS...]

G_DEBUG=fatal-warnings is set for COMMAND only: helper daemons abort with it.
--faketime runs COMMAND alone under libfaketime (FAKETIME=SPEC, e.g. "+0 x10":
its clocks, and so its timeouts, ten times as fast); the helpers keep the
real time. Without libfaketime the test is skipped.
"""

import argparse
import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

import prism_github

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = '/usr/bin/python3'  # Debian's, which has dbusmock and gi
LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1'

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>{type}</type>
  <listen>unix:tmpdir={tmp}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
  {servicedir}
</busconfig>
"""


def version(text):
    """'20.19.0' as (20, 19, 0), to compare."""
    return tuple(int(part) for part in text.split('.') if part.isdigit())


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


class Session:
    def __init__(self, args):
        self.args = args
        self.procs = []       # (name, Popen), stopped in reverse order
        self.extra_pids = []  # daemons that fork away (gnome-keyring)
        self.tmp = tempfile.mkdtemp(prefix='dayshift-test-')
        self.env = self._base_env()
        self.log = open(os.path.join(self.tmp, 'helpers.log'), 'w')

    def _base_env(self):
        env = dict(os.environ)
        for var in ('DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY',
                    'G_DEBUG', 'GNOME_KEYRING_CONTROL', 'SSH_AUTH_SOCK',
                    'AT_SPI_BUS_ADDRESS', 'SESSION_MANAGER'):
            env.pop(var, None)
        for sub, var in (('home', 'HOME'), ('runtime', 'XDG_RUNTIME_DIR'),
                         ('data', 'XDG_DATA_HOME'), ('config', 'XDG_CONFIG_HOME'),
                         ('cache', 'XDG_CACHE_HOME'), ('state', 'XDG_STATE_HOME')):
            path = os.path.join(self.tmp, sub)
            os.makedirs(path, mode=0o700)
            env[var] = path
        env['DS_TEST_TMPDIR'] = self.tmp
        # A settings file of its own; quiet hours off, so that no test
        # depends on the time of day it runs at.
        env['GSETTINGS_BACKEND'] = 'keyfile'
        settings = os.path.join(env['XDG_CONFIG_HOME'], 'glib-2.0', 'settings')
        os.makedirs(settings, mode=0o700)
        with open(os.path.join(settings, 'keyfile'), 'w') as f:
            f.write('[io/github/dayshift/Dayshift]\nquiet-hours-enabled=false\n')
        env['NO_AT_BRIDGE'] = '1'
        env['GDK_BACKEND'] = 'x11'
        env['GTK_A11Y'] = 'none'
        env.setdefault('LANG', 'C.UTF-8')
        env['GIO_USE_VFS'] = 'local'
        env['GTK_CSD'] = '0'
        return env

    def spawn(self, name, argv, **kw):
        proc = subprocess.Popen(argv, env=self.env, stdout=kw.pop('stdout', self.log),
                                stderr=self.log, stdin=subprocess.DEVNULL,
                                start_new_session=True, **kw)
        self.procs.append((name, proc))
        return proc

    # -- services -----------------------------------------------------------

    def start_xvfb(self):
        r, w = os.pipe()
        self.spawn('Xvfb', ['Xvfb', '-displayfd', str(w), '-screen', '0', '1024x768x24',
                            '-nolisten', 'tcp', '-extension', 'GLX', '-noreset'],
                   pass_fds=(w,))
        os.close(w)
        data = b''
        deadline = time.monotonic() + 20
        while not data.endswith(b'\n') and time.monotonic() < deadline:
            chunk = os.read(r, 64)
            if not chunk:
                break
            data += chunk
        os.close(r)
        if not data.strip():
            raise RuntimeError('Xvfb did not start')
        self.env['DISPLAY'] = ':' + data.decode().strip()

    def service_dir(self):
        """--service FILE: a bus that starts services the way a desktop
        does, from a copy of FILE named after the bus name it gives."""
        if not self.args.service:
            return ''
        directory = os.path.join(self.tmp, 'services')
        os.makedirs(directory, exist_ok=True)
        with open(self.args.service) as f:
            text = f.read()
        name = [l.split('=', 1)[1].strip() for l in text.splitlines() if l.startswith('Name=')][0]
        with open(os.path.join(directory, name + '.service'), 'w') as f:
            f.write(text)
        return '<servicedir>%s</servicedir>' % directory

    def start_bus(self, kind='session'):
        conf = os.path.join(self.tmp, kind + '-bus.conf')
        with open(conf, 'w') as f:
            f.write(BUS_CONFIG.format(type=kind, tmp=self.tmp,
                                      servicedir=self.service_dir() if kind == 'session' else ''))
        r, w = os.pipe()
        self.spawn('dbus-daemon (%s)' % kind,
                   ['dbus-daemon', '--config-file=' + conf, '--nofork', '--print-address=%d' % w],
                   pass_fds=(w,))
        os.close(w)
        with os.fdopen(r) as f:
            address = f.readline().strip()
        if not address:
            raise RuntimeError('dbus-daemon did not start')
        self.env['DBUS_%s_BUS_ADDRESS' % kind.upper()] = address

    def bus_call(self, method, *args, reply_type=None, kind='session'):
        from gi.repository import Gio, GLib
        if not hasattr(self, '_conns'):
            self._conns = {}
        if kind not in self._conns:
            self._conns[kind] = Gio.DBusConnection.new_for_address_sync(
                self.env['DBUS_%s_BUS_ADDRESS' % kind.upper()],
                Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT |
                Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
        sig = ''.join(a[0] for a in args)
        params = GLib.Variant('(' + sig + ')', tuple(a[1] for a in args)) if args else None
        return self._conns[kind].call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus',
                                           'org.freedesktop.DBus', method, params, reply_type,
                                           Gio.DBusCallFlags.NONE, 5000, None).unpack()

    def wait_for_name(self, name, timeout=20, kind='session'):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.bus_call('NameHasOwner', ('s', name), kind=kind)[0]:
                return
            for pname, proc in self.procs:
                if proc.poll() is not None:
                    raise RuntimeError('%s exited with %s' % (pname, proc.returncode))
            time.sleep(0.05)
        raise RuntimeError('nobody took the bus name %s within %ss' % (name, timeout))

    def start_keyring(self):
        # gnome-keyring forks into the background and returns, often before
        # it owns its bus name.
        proc = subprocess.run(['gnome-keyring-daemon', '--unlock', '--components=secrets'],
                              input=b'test-pw', env=self.env, stdout=subprocess.PIPE,
                              stderr=self.log, timeout=30)
        if proc.returncode != 0:
            raise RuntimeError('gnome-keyring-daemon failed')
        self.wait_for_name('org.freedesktop.secrets')
        owner = self.bus_call('GetNameOwner', ('s', 'org.freedesktop.secrets'))[0]
        pid = self.bus_call('GetConnectionUnixProcessID', ('s', owner))[0]
        self.extra_pids.append(pid)

    def start_notifications(self, caps):
        self.spawn('notification daemon',
                   [PYTHON, '-m', 'dbusmock', '--template', 'notification_daemon',
                    '-p', '{"capabilities": "%s"}' % caps])
        self.wait_for_name('org.freedesktop.Notifications')

    def start_logind(self):
        """A system bus of the test's own, with python-dbusmock's logind on
        it: the test says PrepareForSleep through its Mock interface."""
        self.start_bus('system')
        self.spawn('logind', [PYTHON, '-m', 'dbusmock', '--template', 'logind'])
        self.wait_for_name('org.freedesktop.login1', kind='system')

    def start_portals(self):
        self.env['DS_PORTAL_LOG'] = os.path.join(self.tmp, 'portals.log')
        self.spawn('desktop portals', [PYTHON, os.path.join(HERE, 'fake-portals.py')])
        self.wait_for_name('org.freedesktop.portal.Desktop')

    def start_watcher(self):
        self.spawn('StatusNotifierWatcher', [PYTHON, os.path.join(HERE, 'sni-watcher.py')])
        self.wait_for_name('org.kde.StatusNotifierWatcher')

    def start_prism(self):
        """Prism mock servers for GitHub's API description (from the npm
        package @octokit/openapi, which `npm ci --prefix tests/contract`
        installs beside Prism) and for Slack's (DS_API_SPECS, by default
        ../shared/api-specs, when it is there). Returns an exit code to end
        the test with (77: skip), or None."""
        source = os.environ.get('DS_SOURCE_ROOT', os.path.join(HERE, '..', '..'))
        modules = os.path.join(source, 'tests', 'contract', 'node_modules')
        prism = os.path.join(modules, '.bin', 'prism')
        github = os.path.join(modules, '@octokit', 'openapi', 'generated', 'api.github.com.json')
        specs = os.environ.get('DS_API_SPECS', os.path.join(source, '..', 'shared', 'api-specs'))
        slack = os.path.join(specs, 'slack.json')
        if not os.access(prism, os.X_OK) or not os.path.isfile(github):
            print('SKIP: Prism and GitHub\'s API description are not installed: '
                  'npm ci --prefix tests/contract', flush=True)
            return 77
        # The Node.js Prism needs (package.json's engines; Debian 12's is older).
        with open(os.path.join(source, 'tests', 'contract', 'package.json')) as f:
            needed = json.load(f)['engines']['node'].lstrip('>=')
        node = shutil.which('node', path=self.env.get('PATH'))
        have = subprocess.run([node, '--version'], capture_output=True, text=True,
                              check=False).stdout.strip().lstrip('v') if node else ''
        if not have or version(have) < version(needed):
            print('SKIP: Prism needs Node.js %s or later; %s' % (
                needed, 'this machine has ' + have if have else 'there is none'), flush=True)
            return 77
        servers = []
        if os.path.isfile(slack):
            servers.append(('SLACK', slack))
        else:
            print('Slack\'s API description is not at %s: Slack\'s contract tests are skipped'
                  % specs, flush=True)
        servers.append(('GITHUB', os.path.join(self.tmp, 'github.json')))
        started = time.monotonic()
        prism_github.prepare(github, servers[-1][1])
        procs = []
        for name, spec in servers:
            port = free_port()
            procs.append((name, port, self.spawn('prism ' + name.lower(), [
                prism, 'mock', '-h', '127.0.0.1', '-p', str(port), '-v', 'warn', spec])))
            self.env['DS_PRISM_' + name] = 'http://127.0.0.1:%d' % port
        # GitHub's whole description takes Prism some ten seconds to read.
        deadline = time.monotonic() + 150
        for name, port, proc in procs:
            while True:
                try:
                    socket.create_connection(('127.0.0.1', port), timeout=1).close()
                    break
                except OSError:
                    if proc.poll() is not None:
                        raise RuntimeError('Prism for %s ended with status %d'
                                           % (name, proc.returncode))
                    if time.monotonic() > deadline:
                        raise RuntimeError('Prism for %s did not start on port %d' % (name, port))
                    time.sleep(0.2)
        print('Prism serves %s (ready in %.1f s)'
              % (' and '.join(name.lower() for name, _ in servers), time.monotonic() - started),
              flush=True)
        return None

    def start_atspi(self):
        self.spawn('at-spi-bus-launcher',
                   ['/usr/libexec/at-spi-bus-launcher', '--launch-immediately'])
        self.wait_for_name('org.a11y.Bus')
        del self.env['NO_AT_BRIDGE']
        del self.env['GTK_A11Y']

    # -- lifetime -----------------------------------------------------------

    def stop(self):
        for pid in self.extra_pids:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for name, proc in reversed(self.procs):
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
        self.log.close()
        if os.environ.get('DS_KEEP_TEST_DIR'):
            sys.stderr.write('test directory kept: %s\n' % self.tmp)
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def run(self, command):
        a = self.args
        if a.xvfb:
            self.start_xvfb()
        if a.bus or a.keyring or a.notifications or a.watcher or a.atspi or a.portals:
            self.start_bus()
        if a.logind:
            self.start_logind()
        if a.portals:
            self.start_portals()
        if a.keyring:
            self.start_keyring()
        if a.notifications is not None:
            self.start_notifications(a.notifications)
        if a.watcher:
            self.start_watcher()
        if a.atspi:
            self.start_atspi()
        if a.prism:
            skip = self.start_prism()
            if skip is not None:
                return skip

        env = dict(self.env)
        if a.faketime:
            if not os.path.exists(LIBFAKETIME):
                # As TAP says a skip (the C tests run with --tap).
                print('1..0 # SKIP libfaketime is not installed (Debian package faketime)',
                      flush=True)
                return 0
            env['LD_PRELOAD'] = ' '.join(filter(None, [env.get('LD_PRELOAD'), LIBFAKETIME]))
            env['FAKETIME'] = a.faketime
            env['FAKETIME_NO_CACHE'] = '1'
            # Under AddressSanitizer, its runtime is not the first library then.
            if 'ASAN_OPTIONS' in env:
                env['ASAN_OPTIONS'] += ':verify_asan_link_order=0'
        if not a.no_fatal_warnings:
            env['G_DEBUG'] = 'fatal-warnings,gc-friendly'
        env['G_SLICE'] = 'always-malloc'
        # DS_TEST_WRAPPER (e.g. valgrind and its options, tools/valgrind.sh)
        # runs a test program under it; Python tests and the app they start
        # run as they are.
        wrapper = os.environ.get('DS_TEST_WRAPPER')
        if wrapper and command and os.path.basename(command[0]).startswith('test-'):
            command = shlex.split(wrapper) + list(command)
        child = subprocess.Popen(command, env=env)
        self.test_pid = child.pid
        return child.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--bus', action='store_true')
    parser.add_argument('--service', metavar='FILE')
    parser.add_argument('--keyring', action='store_true')
    parser.add_argument('--notifications', metavar='CAPS', nargs='?', const='body actions body-markup')
    parser.add_argument('--watcher', action='store_true')
    parser.add_argument('--portals', action='store_true')
    parser.add_argument('--xvfb', action='store_true')
    parser.add_argument('--atspi', action='store_true')
    parser.add_argument('--prism', action='store_true')
    parser.add_argument('--logind', action='store_true')
    parser.add_argument('--no-fatal-warnings', action='store_true')
    parser.add_argument('--faketime', metavar='SPEC')
    parser.add_argument('command', nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ['--'] else args.command
    if not command:
        parser.error('no command')

    session = Session(args)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(130))
    try:
        rc = session.run(command)
    except RuntimeError as e:
        sys.stderr.write('test harness: %s\n' % e)
        with open(os.path.join(session.tmp, 'helpers.log')) as f:
            sys.stderr.write(f.read())
        rc = 99  # meson: a hard error, not a test failure
    finally:
        session.stop()
    sys.exit(rc if rc >= 0 else 128 - rc)


if __name__ == '__main__':
    main()
