#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The desktop portals a sandboxed Dayshift uses, as xdg-desktop-portal
answers them, on the test's private session bus:

- org.freedesktop.portal.Secret (on org.freedesktop.portal.Desktop): the
  application's master secret, written into the fd the caller passes, then
  the Response signal on the request's object path. libsecret's file
  backend encrypts its keyring file with it.
- org.freedesktop.portal.Background (on org.freedesktop.portal.Desktop):
  start at login; it answers that the desktop allowed what was asked.

Each call is appended to the file named by $DS_PORTAL_LOG (one JSON object
per line), so a test can say what was asked."""

import json
import os
import sys

from gi.repository import Gio, GLib

SECRET_XML = '''
<node>
  <interface name="org.freedesktop.portal.Secret">
    <method name="RetrieveSecret">
      <arg type="h" name="fd" direction="in"/>
      <arg type="a{sv}" name="options" direction="in"/>
      <arg type="o" name="handle" direction="out"/>
    </method>
    <property name="version" type="u" access="read"/>
  </interface>
</node>'''

BACKGROUND_XML = '''
<node>
  <interface name="org.freedesktop.portal.Background">
    <method name="RequestBackground">
      <arg type="s" name="parent_window" direction="in"/>
      <arg type="a{sv}" name="options" direction="in"/>
      <arg type="o" name="handle" direction="out"/>
    </method>
    <property name="version" type="u" access="read"/>
  </interface>
</node>'''

MASTER_SECRET = bytes(range(64))
log_path = os.environ.get('DS_PORTAL_LOG')


def log(entry):
    if log_path:
        with open(log_path, 'a') as f:
            f.write(json.dumps(entry) + '\n')


def fd_of(invocation, index):
    fds = invocation.get_message().get_unix_fd_list()
    return fds.get(index) if fds is not None else -1


def on_secret_call(conn, sender, path, iface, method, params, invocation):
    if method != 'RetrieveSecret':
        invocation.return_dbus_error('org.freedesktop.DBus.Error.UnknownMethod', method)
        return
    fd = fd_of(invocation, params.get_child_value(0).get_handle())
    options = params.get_child_value(1).unpack()
    handle = request_handle(sender, options, 'dayshift')
    os.write(fd, MASTER_SECRET)
    os.close(fd)
    log({'portal': 'Secret', 'method': 'RetrieveSecret', 'sender': sender})
    invocation.return_value(GLib.Variant('(o)', (handle,)))
    respond_later(conn, sender, handle, {})


def respond_later(conn, sender, handle, results):
    """The Response signal, as the real portal sends it: after the call
    returned (a client without a handle_token subscribes only then)."""
    def respond():
        conn.emit_signal(sender, handle, 'org.freedesktop.portal.Request', 'Response',
                         GLib.Variant('(ua{sv})', (0, results)))
        return GLib.SOURCE_REMOVE
    GLib.timeout_add(300, respond)


def request_handle(sender, options, default):
    return '/org/freedesktop/portal/desktop/request/%s/%s' % (
        sender[1:].replace('.', '_'), options.get('handle_token', default))


def on_background_call(conn, sender, path, iface, method, params, invocation):
    parent, options = params.unpack()
    handle = request_handle(sender, options, 'background')
    log({'portal': 'Background', 'method': method, 'reason': options.get('reason'),
         'autostart': options.get('autostart'), 'commandline': options.get('commandline')})
    invocation.return_value(GLib.Variant('(o)', (handle,)))
    respond_later(conn, sender, handle, {'background': GLib.Variant('b', True),
                                         'autostart': GLib.Variant('b', bool(options.get('autostart')))})


def on_get_property(conn, sender, path, iface, prop):
    return GLib.Variant('u', 1) if prop == 'version' else None


def register(conn, xml, path, on_call):
    info = Gio.DBusNodeInfo.new_for_xml(xml).interfaces[0]
    conn.register_object(path, info, on_call, on_get_property, None)


def on_desktop_call(conn, sender, path, iface, method, params, invocation):
    if iface == 'org.freedesktop.portal.Background':
        on_background_call(conn, sender, path, iface, method, params, invocation)
    else:
        on_secret_call(conn, sender, path, iface, method, params, invocation)


def main():
    loop = GLib.MainLoop()
    conn = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    register(conn, SECRET_XML, '/org/freedesktop/portal/desktop', on_desktop_call)
    register(conn, BACKGROUND_XML, '/org/freedesktop/portal/desktop', on_desktop_call)
    Gio.bus_own_name_on_connection(conn, 'org.freedesktop.portal.Desktop',
                                   Gio.BusNameOwnerFlags.NONE, None, None)
    loop.run()


if __name__ == '__main__':
    sys.exit(main())
