"""An event bus whose listeners are never removed, beside a cache that churns, dumped twice by one process.

    python leak_event_bus.py a.db b.db      (python/objex must be importable)

    module app ──.BUS──▶ EventBus ──._listeners──▶ list ──[i]──▶ method ──.__self__──▶ Widget ──.buffer──▶ bytearray (700)
                   (50 Widgets at the first dump, 650 at the second: each subscribed its bound method and
                    nobody unsubscribed it when the widget was dropped: a leak)
    module app ──.RENDERED──▶ dict ──['r-i']──▶ Rendered ──.html──▶ str (900)
                   (200 entries at both dumps, every one replaced between them: churn, not growth)
"""
import sys
import types

import objex

app = types.ModuleType("app")
sys.modules["app"] = app

exec(
    "class EventBus:\n"
    "    def __init__(self):\n"
    "        self._listeners = []\n"
    "    def subscribe(self, listener):\n"
    "        self._listeners.append(listener)\n"
    "class Widget:\n"
    "    def __init__(self, n, bus):\n"
    "        self.name = 'widget-%d' % n\n"
    "        self.buffer = bytearray(700)\n"
    "        bus.subscribe(self.on_event)\n"
    "    def on_event(self, event):\n"
    "        pass\n"
    "class Rendered:\n"
    "    def __init__(self, n):\n"
    "        self.html = '<p>%d</p>' % n + ' ' * 900\n",
    app.__dict__,
)

app.BUS = app.EventBus()
app.RENDERED = {}


def show_pages(first, count):
    """Each page makes a widget and drops it; the bus still holds its handler."""
    for n in range(first, first + count):
        app.Widget(n, app.BUS)


def render():
    # The new entries are made before the old ones go (see leak_three_dumps.py: no same-type address reuse).
    pages = [app.Rendered(n) for n in range(200)]
    for n, page in enumerate(pages):
        app.RENDERED["r-%d" % n] = page


def main(first, second):
    show_pages(0, 50)
    render()
    objex.dump_graph(first)
    render()
    show_pages(50, 600)
    objex.dump_graph(second)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
