#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A minimal org.kde.StatusNotifierWatcher for tests.

It records the items that register (as "BUSNAME/OBJECT/PATH", like the real
watchers do), drops them when their owner leaves the bus, and says a host is
present. The object is exported before the name is taken, because an
indicator registers once, when the name appears.
"""

from gi.repository import Gio, GLib

XML = """
<node>
  <interface name="org.kde.StatusNotifierWatcher">
    <method name="RegisterStatusNotifierItem"><arg type="s" direction="in"/></method>
    <method name="RegisterStatusNotifierHost"><arg type="s" direction="in"/></method>
    <property name="RegisteredStatusNotifierItems" type="as" access="read"/>
    <property name="IsStatusNotifierHostRegistered" type="b" access="read"/>
    <property name="ProtocolVersion" type="i" access="read"/>
    <signal name="StatusNotifierItemRegistered"><arg type="s"/></signal>
    <signal name="StatusNotifierItemUnregistered"><arg type="s"/></signal>
    <signal name="StatusNotifierHostRegistered"/>
  </interface>
</node>
"""
IFACE = 'org.kde.StatusNotifierWatcher'
PATH = '/StatusNotifierWatcher'
items = {}  # entry -> sender


def emit(conn, name, value):
    conn.emit_signal(None, PATH, IFACE, name, GLib.Variant('(s)', (value,)))


def on_name_vanished(conn, sender):
    for entry, owner in list(items.items()):
        if owner == sender:
            del items[entry]
            emit(conn, 'StatusNotifierItemUnregistered', entry)


def method_call(conn, sender, path, iface, method, params, invocation):
    if method == 'RegisterStatusNotifierItem':
        arg = params.unpack()[0]
        entry = sender + arg if arg.startswith('/') else arg + '/StatusNotifierItem'
        owner = sender if arg.startswith('/') else arg
        items[entry] = owner
        Gio.bus_watch_name_on_connection(conn, owner, Gio.BusNameWatcherFlags.NONE, None,
                                         lambda c, n: on_name_vanished(c, owner))
        invocation.return_value(None)
        emit(conn, 'StatusNotifierItemRegistered', entry)
    elif method == 'RegisterStatusNotifierHost':
        invocation.return_value(None)
    else:
        invocation.return_dbus_error('org.freedesktop.DBus.Error.UnknownMethod', method)


def get_property(conn, sender, path, iface, name):
    if name == 'RegisteredStatusNotifierItems':
        return GLib.Variant('as', list(items))
    if name == 'IsStatusNotifierHostRegistered':
        return GLib.Variant('b', True)
    if name == 'ProtocolVersion':
        return GLib.Variant('i', 0)
    return None


def main():
    loop = GLib.MainLoop()
    conn = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    info = Gio.DBusNodeInfo.new_for_xml(XML).interfaces[0]
    conn.register_object(PATH, info, method_call, get_property, None)
    conn.connect('closed', lambda *a: loop.quit())
    Gio.bus_own_name_on_connection(conn, IFACE, Gio.BusNameOwnerFlags.NONE, None,
                                   lambda *a: loop.quit())
    loop.run()


if __name__ == '__main__':
    main()
