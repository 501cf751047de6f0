"""Walks Chirp's window over AT-SPI as a screen reader does (see run.sh).

Fails on a button, checkbox, radio button, entry or combo box whose name
does not say what it does (empty, a lone symbol, a bare number), checks
that a tweet card reads as one item ("@ann, just now, #garden: first
light"); with --expect-announcement, that a change of the connection
status is announced (a live region).
"""

import re
import sys
import time

import pyatspi

DEADLINE_S = 60
# How long to keep listening after the status changed.
COUNTDOWN_LISTEN_MS = 3000
CONTROLS = {
    pyatspi.ROLE_PUSH_BUTTON: "button",
    pyatspi.ROLE_TOGGLE_BUTTON: "toggle button",
    pyatspi.ROLE_CHECK_BOX: "checkbox",
    pyatspi.ROLE_RADIO_BUTTON: "radio button",
    pyatspi.ROLE_ENTRY: "entry",
    pyatspi.ROLE_TEXT: "entry",
    pyatspi.ROLE_PASSWORD_TEXT: "entry",
    pyatspi.ROLE_COMBO_BOX: "combo box",
    pyatspi.ROLE_SLIDER: "slider",
    pyatspi.ROLE_SPIN_BUTTON: "spin button",
}


def meaningful(name):
    """A name says something when it has at least two letters in it."""
    return sum(ch.isalpha() for ch in name or "") >= 2


def find_app():
    desktop = pyatspi.Registry.getDesktop(0)
    for index in range(desktop.childCount):
        app = desktop.getChildAtIndex(index)
        if app is not None and app.name == "chirp":
            return app
    return None


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    for index in range(node.childCount):
        yield from walk(node.getChildAtIndex(index), depth + 1)


def attributes(node):
    try:
        return dict(a.split(":", 1) for a in node.getAttributes() if ":" in a)
    except Exception:  # noqa: BLE001 - an odd node is reported, not fatal
        return {}


def snapshot():
    app = find_app()
    if app is None:
        return None
    nodes = []
    for node in walk(app):
        try:
            nodes.append((node.getRole(), node.name or "", attributes(node)))
        except Exception:  # noqa: BLE001 - nodes come and go between frames
            continue
    return nodes


def wait_for(check, what):
    deadline = time.monotonic() + DEADLINE_S
    while time.monotonic() < deadline:
        nodes = snapshot()
        if nodes is not None and check(nodes):
            return nodes
        time.sleep(0.5)
    print(f"a11y: timed out waiting for {what}", file=sys.stderr)
    sys.exit(2)


def expect_announcement(prefix):
    """Listens for what the window announces by itself (live regions)
    until one starts with `prefix`."""
    from gi.repository import GLib

    heard = []

    def on_announcement(event):
        text = str(event.any_data)
        heard.append(text)
        print(f"  announced: {text!r}")
        first = not any(h.startswith(prefix) for h in heard[:-1])
        if text.startswith(prefix) and first:
            # Listen a little longer: a countdown must not be announced.
            GLib.timeout_add(COUNTDOWN_LISTEN_MS, lambda: pyatspi.Registry.stop())

    pyatspi.Registry.registerEventListener(on_announcement, "object:announcement")
    GLib.timeout_add_seconds(DEADLINE_S, lambda: pyatspi.Registry.stop())
    # Ready: run.sh stops the broker once this file exists.
    with open(sys.argv[sys.argv.index("--ready-file") + 1], "w", encoding="utf-8"):
        pass
    pyatspi.Registry.start()
    if not any(text.startswith(prefix) for text in heard):
        print(f"a11y: nothing announced starting {prefix!r} (heard {heard})", file=sys.stderr)
        return 1
    ticking = [text for text in heard if re.search(r"retrying in \d+ s", text)]
    if ticking:
        print(f"a11y: a countdown is announced every second: {ticking}", file=sys.stderr)
        return 1
    return 0


def controls_problems(nodes):
    problems = []
    for role, name, _ in nodes:
        kind = CONTROLS.get(role)
        if kind is not None:
            print(f"  {kind}: {name!r}")
            if not meaningful(name):
                problems.append(f"a {kind} named {name!r} that says nothing")
    return problems


def cards_problems(nodes):
    cards = [name for role, name, _ in nodes if role == pyatspi.ROLE_LIST_ITEM]
    for card in cards:
        print(f"  tweet card: {card!r}")
    if any(card.startswith("@ann, ") and card.endswith("#garden: first light") for card in cards):
        return []
    return [f"no card reads '@ann, <when>, #garden: first light': {cards}"]


def argument(flag):
    return sys.argv[sys.argv.index(flag) + 1] if flag in sys.argv else None


def main():
    if "--expect-announcement" in sys.argv:
        return expect_announcement(argument("--expect-announcement"))
    if "--wait-for-app" in sys.argv:
        wait_for(lambda nodes: any(r == pyatspi.ROLE_PUSH_BUTTON for r, _, _ in nodes), "chirp's window")
        return 0
    shown = argument("--shown")
    nodes = wait_for(lambda nodes: any(n == shown or shown in n and len(shown) > 3 for _, n, _ in nodes), f"{shown!r} on screen")
    print(f"a11y: with {shown!r} on screen")
    problems = controls_problems(nodes)
    if "--cards" in sys.argv:
        problems += cards_problems(nodes)
    for problem in problems:
        print(f"a11y: {problem}", file=sys.stderr)
    print(f"a11y: {len(nodes)} nodes, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
