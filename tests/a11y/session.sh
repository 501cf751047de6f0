#!/usr/bin/env bash
# Inside tests/a11y/run.sh's private D-Bus session: the AT-SPI bus, the
# display, Chirp, then the walk.
set -euo pipefail
tmp=$CHIRP_A11Y_TMP
/usr/libexec/at-spi-bus-launcher --launch-immediately >"$tmp/atspi.log" 2>&1 &
launcher=$!
for flag in IsEnabled ScreenReaderEnabled; do
    for _ in $(seq 50); do
        gdbus call --session --dest org.a11y.Bus --object-path /org/a11y/bus \
            --method org.freedesktop.DBus.Properties.Set org.a11y.Status "$flag" '<true>' \
            >/dev/null 2>&1 && break
        sleep 0.1
    done
done

Xvfb -displayfd 3 -screen 0 1180x760x24 -nolisten tcp 3>"$tmp/display" 2>"$tmp/xvfb.log" &
xvfb=$!
for _ in $(seq 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
export DISPLAY=":$(cat "$tmp/display")"

export XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data XDG_RUNTIME_DIR=$tmp/run
"$CHIRP_A11Y_BIN" --broker "mqtt://127.0.0.1:$CHIRP_A11Y_PORT" >"$tmp/chirp.log" 2>&1 &
app=$!

post() {
    XDG_CONFIG_HOME=$tmp/poster XDG_DATA_HOME=$tmp/poster "$CHIRP_A11Y_BIN" post \
        --broker "mqtt://127.0.0.1:$CHIRP_A11Y_PORT" "$@" >/dev/null
}
status=0
/usr/bin/python3 tests/a11y/names.py --wait-for-app || status=$?
if [ "$status" -eq 0 ]; then
    post --user ann --tag garden "first light"
    post --user bob --tag rust "@dana shortcuts work here"
    post --user erin --tag mqtt "hello from erin"
    check() { /usr/bin/python3 tests/a11y/names.py "$@" || status=$?; }
    check --shown "hello from erin" --cards
    # The windows over the main one, opened from the keyboard.
    window=$(xdotool search --pid "$app" | tail -1)
    keys() { xdotool windowfocus --sync "$window" 2>/dev/null || true; xdotool key --delay 250 --window "$window" "$@"; }
    keys g d
    check --shown "To"
    keys Escape ctrl+comma
    check --shown "Apply"
    keys Escape question
    check --shown "Keyboard shortcuts"
    keys Escape
fi
if [ "$status" -eq 0 ]; then
    # The broker goes away: the status line must announce it.
    ready=$tmp/listening
    /usr/bin/python3 tests/a11y/names.py --expect-announcement "Offline" --ready-file "$ready" &
    listener=$!
    for _ in $(seq 100); do [ -e "$ready" ] && break; sleep 0.1; done
    kill "$CHIRP_A11Y_BROKER"
    wait "$listener" || status=$?
fi
kill "$app" "$xvfb" "$launcher" 2>/dev/null || true
if [ "$status" -ne 0 ]; then
    echo "--- chirp log" >&2
    tail -20 "$tmp/chirp.log" >&2
fi
exit "$status"
